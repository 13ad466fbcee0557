"""Screenshots of the real portal for the staff guide (docs/huong-dan/anh/*.webp).

Builds the portal from this repository into a temp dir, serves it on 127.0.0.1, and captures
parts of real pages with headless Chromium (Debian's /usr/bin/chromium, through Playwright) as
WebP (Chromium's own encoder, quality 75: a screenshot is 20–60 KB). Run it again after a
change of the pages' look, then review and commit the images:

    .venv/bin/python scripts/guide_screenshots.py
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, build, make_project, serve  # noqa: E402

OUT = ROOT / "docs" / "huong-dan" / "anh"
DOC = "ctr-17-ldld-2021"

# name, page (site-relative, Vietnamese), element to capture, width, height of the clip
SHOTS = [
    ("danh-sach-van-ban", "van-ban/", "article", 1100, 640),
    ("the-thong-tin", f"van-ban/{DOC}/", ".vb-card", 1100, 0),
    ("trach-nhiem", f"van-ban/{DOC}/", "#vb-trach-nhiem", 1100, 560),
    ("tin-tuc", "tin-tuc/", "article", 1100, 620),
    ("trang-chu", "", ".vb-news-latest", 1100, 0),
]


def capture(page, selector: str, height: int) -> bytes:
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -80)")
    box = element.bounding_box()
    assert box is not None, selector
    clip = {"x": max(box["x"] - 12, 0), "y": max(box["y"] - 12, 0) + page.evaluate("scrollY"),
            "width": box["width"] + 24, "height": (height or box["height"]) + 24, "scale": 1}
    session = page.context.new_cdp_session(page)
    data = session.send("Page.captureScreenshot", {"format": "webp", "quality": 75,
                                                   "clip": clip, "captureBeyondViewport": True})
    return base64.b64decode(data["data"])


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), ROOT / "docs", ROOT / "data")
        result = build(project)
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            return 1
        with serve(project / "site") as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS)
            for lang, prefix in (("vi", ""), ("en", "en/")):
                for name, path, selector, width, height in SHOTS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(f"{url}/{prefix}{path}")
                    data = capture(page, selector, height)
                    dest = OUT / f"{name}{'' if lang == 'vi' else '-en'}.webp"
                    dest.write_bytes(data)
                    print(f"{dest.relative_to(ROOT)}: {len(data) // 1024} KB")
                    page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
