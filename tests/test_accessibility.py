"""Accessibility of the built seed portal, checked by axe-core in Chromium, and keyboard use.

axe-core (bundled in axe-playwright-python, nothing downloaded) runs on the main kinds of
page in both languages and both colour schemes (the reader's `prefers-color-scheme`: light is
Material's "default" palette, dark its "slate"), progress pages included; desktop width, and
phone width for the home page and a document; no violation of impact "serious" or "critical"
is allowed. Then a
keyboard-only reader: Tab reaches "skip to content", the responsibility table's links, and
Enter follows them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, serve

from vanban.site.catalog import Sources, load_catalog

pytestmark = pytest.mark.browser


def _pages() -> list[str]:
    cat = load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                               ROOT / "data" / "glossary.yml", ROOT))
    busiest = max(cat.by_agency, key=lambda a: len(cat.by_agency[a]), default=None)
    pages = ["", "van-ban/", "co-quan/", "thuat-ngu/"]
    pages += [f"van-ban/{d.slug}/" for d in cat.documents]
    pages += [f"van-ban/{d.slug}/2/" for d in cat.documents if d.parts][:1]
    pages += [f"en/van-ban/{d.slug}/" for d in cat.documents][:1]   # the card, no text
    pages += [f"co-quan/{busiest}/"] if busiest else []
    progress = [f"tien-do/van-ban/{slug}/" for slug in sorted(cat.progress.files)
                if cat.document(slug) is not None]
    pages += ["tien-do/", *progress[:2]]
    pages += ["han/", "en/deadlines/"]      # deadlines: the English page has its own URL
    return pages


PAGES = _pages()


@pytest.fixture(scope="module")
def site_url(seed_portal: Path):
    with serve(seed_portal) as url:
        yield url


# the reader's preference (Playwright emulates the media feature) → Material's palette
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_serious_axe_violation(chromium, site_url: str, lang: str, scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    found = {}
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    for path in PAGES:
        if lang and (path.startswith(lang) or path == "han/"):  # an English page (its own
            continue                                            # URL): in the vi run
        for width in (1280, 360) if path in PAGES[:1] + PAGES[4:5] else (1280,):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{site_url}/{lang}{path}")
            # the palette Material chose from the media query: the scheme under test
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            results = axe.run(page)
            serious = [f"{v['id']} ({v['impact']}): {v['help']} — "
                       + "; ".join(n["target"][0] for n in v["nodes"][:3])
                       for v in results.response["violations"]
                       if v["impact"] in ("serious", "critical")]
            if serious:
                found[f"{lang}{path} @{width}"] = serious
    context.close()
    assert found == {}


def test_keyboard_only_reader(chromium, site_url: str) -> None:
    cat = load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                               ROOT / "data" / "glossary.yml", ROOT))
    doc = next(d for d in cat.documents if any(a.agency for a in cat.assigned[d.slug]))
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/van-ban/{doc.slug}/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className + '|' + "
                          "document.activeElement.getAttribute('href')")
    assert first.startswith("md-skip"), first
    # Tab on until a link of the responsibility table has the focus, then Enter follows it
    for _ in range(400):
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('.vb-resp-table') && "
                               "document.activeElement.getAttribute('href').includes('co-quan/')")
        if inside:
            break
    else:
        pytest.fail("Tab never reached a link of the responsibility table")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link shows no focus ring"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/co-quan/{href.rstrip('/').rsplit('/', 1)[-1]}/")
    page.close()
