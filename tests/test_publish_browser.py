"""The real portal deployed under a sub-path, in headless Chromium.

Built from the repository (mkdocs.yml, docs/, data/) with `site_url:
https://example.org/portal/` and served on 127.0.0.1 under /portal/ by a server that answers
unknown addresses with the 404 page of their language, as nginx or GitHub Pages would:

- every internal link, stylesheet, script and image of every page, found by crawling from both
  home pages in Chromium, answers 200 (search is not exercised here);
- no page refers to a development host; canonical URLs and sitemap.xml use site_url;
- unknown addresses get the styled 404 page of their language, whose links work;
- a document page printed by Chromium (page.pdf) has the metadata card, the text and the
  responsibility table and nothing of the site around them; its pages are turned into PNG
  with pdftoppm under tests/_artifacts/ to be looked at, with screenshots of the news and the
  staff guide.
"""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ARTIFACTS, ROOT, build, local_only_page, make_project, serve

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/portal/"
SUB = "/portal/"


class _PortalHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under /portal/; a missing one gets 404.html (en/404.html under /en/)."""

    root: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        lang = "en/" if self.path.startswith(SUB + "en/") else ""
        body = (self.root / SUB.strip("/") / lang / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("deploy")
    (tmp / "project").mkdir()
    project = make_project(tmp / "project", ROOT / "docs", ROOT / "data")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = re.compile(r"^site_url:.*$", re.MULTILINE)
    assert line.search(text), "mkdocs.yml has no site_url line"
    config.write_text(line.sub(f"site_url: {SITE_URL}", text), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    www = tmp / "www"
    shutil.copytree(project / "site", www / SUB.strip("/"))
    return www


@pytest.fixture(scope="module")
def portal(built: Path) -> Iterator[str]:
    with serve(built, type("Handler", (_PortalHandler,), {"root": built})) as url:
        yield url + SUB


@pytest.fixture
def tab(chromium):
    with local_only_page(chromium) as page:
        yield page


_LINKS = """() => [...document.querySelectorAll(`a[href], link[rel=stylesheet], link[rel=icon],
    link[rel=alternate][type], script[src], img[src]`)].map(e => e.href || e.src)"""


def _shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


# ---- every link under the sub-path --------------------------------------------------------------

def test_every_internal_link_works_under_a_sub_path(tab, portal: str, built: Path) -> None:
    origin = portal[: -len(SUB)]
    # pages are only read for their links here: their styles, scripts and images are fetched
    # once each below instead of on every page
    tab.route("**/*", lambda route: route.abort() if route.request.resource_type in
              {"stylesheet", "script", "image", "font"} else route.fallback())
    queue = [portal, portal + "en/"]
    seen = set(queue)
    pages = resources = 0
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url.endswith("/") or url.endswith(".html"):
            response = tab.goto(url, wait_until="domcontentloaded")
            pages += 1
            if response is None or response.status != 200:
                broken.append(f"{url}: {response.status if response else 'no response'}")
                continue
            for link in tab.evaluate(_LINKS):
                target = link.split("#", 1)[0]
                if not target.startswith(origin):
                    continue
                assert urlsplit(target).path.startswith(SUB), f"{url} links outside: {link}"
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        else:
            status = tab.request.get(url).status
            resources += 1
            if status != 200:
                broken.append(f"{url}: {status}")
    assert broken == []
    built_pages = len(list(built.rglob("index.html")))
    assert pages >= built_pages, (pages, built_pages)       # every page is reachable
    assert resources > 10
    print(f"crawled {pages} pages and {resources} other files under {SUB}")


def test_no_dev_host_and_canonical_urls(built: Path) -> None:
    site = built / SUB.strip("/")
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src|content)="(?:https?:)?//(?:127\.0\.0\.1|localhost)',
                             html), path
    doc = (site / "van-ban" / "ctr-17-ldld-2021" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}van-ban/ctr-17-ldld-2021/">' in doc
    en = (site / "en" / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}en/tin-tuc/">' in en
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("", "en/", "tin-tuc/", "en/tin-tuc/", "huong-dan/", "en/huong-dan/",
                "van-ban/ctr-17-ldld-2021/", "en/co-quan/"):
        assert f"<loc>{SITE_URL}{url}</loc>" in sitemap, url
    feed = (site / "en" / "tin-tuc" / "feed.xml").read_text(encoding="utf-8")
    assert f'<link href="{SITE_URL}en/tin-tuc/feed.xml" rel="self"' in feed


@pytest.mark.parametrize("lang, path, title, link_text, lands", [
    ("vi", "khong-co-trang-nay/", "Không tìm thấy trang", "Văn bản", "van-ban/"),
    ("en", "en/no-such-page/", "Page not found", "News", "en/tin-tuc/"),
])
def test_404_page_in_its_language(tab, portal: str, lang: str, path: str, title: str,
                                  link_text: str, lands: str) -> None:
    tab.set_viewport_size({"width": 1280, "height": 800})
    response = tab.goto(portal + path)
    assert response is not None and response.status == 404
    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.locator("article h1").inner_text() == title
    # styled (Material's stylesheet loaded from the sub-path): the header sticks to the top
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") \
        == "sticky"
    _shot(tab, f"404-{lang}-1280.png")
    tab.locator(".vb-404-links a", has_text=link_text).click()
    tab.wait_for_url(portal + lands)


# ---- print ------------------------------------------------------------------------------------

def test_document_page_prints_cleanly(tab, portal: str) -> None:
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (`make poppler` installs it)")
    tab.goto(portal + "van-ban/ctr-17-ldld-2021/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary',
        '.md-footer', '.md-search'].map(s => [...document.querySelectorAll(s)]
        .every(e => getComputedStyle(e).display === 'none'))""")
    assert hidden == [True] * 5
    for shown in (".vb-card", ".vb-text", "#vb-trach-nhiem", ".vb-resp-table"):
        assert tab.locator(shown).first.is_visible(), shown
    pdf = ARTIFACTS / "print-ctr-17.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Số, ký hiệu" in text and "17/CTr-LĐLĐ" in text             # the card
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in text                           # the text
    assert "Trách nhiệm thực hiện" in text and "Chủ trì" in text       # the table
    for chrome in ("Made with", "Tìm kiếm", "Mục lục"):               # footer, search, toc
        assert chrome not in text, chrome
    for old in ARTIFACTS.glob("print-ctr-17-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "print-ctr-17")],
                   check=True)
    pngs = sorted(ARTIFACTS.glob("print-ctr-17-*.png"))
    assert len(pngs) >= 2
    print("printed pages:", len(pngs))


# ---- screenshots of the news and the guide -----------------------------------------------------

@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_news_and_guide_screenshots(tab, portal: str, lang: str, width: int) -> None:
    base = portal + ("en/" if lang == "en" else "")
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base + "tin-tuc/")
    assert tab.locator(".vb-post-item").count() >= 3
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    _shot(tab, f"news-{lang}-{width}.png", full=True)
    tab.locator(".vb-post-item a").first.click()
    tab.wait_for_url("**/tin-tuc/20*/")
    tab.locator(".vb-post-header .vb-post__date").wait_for()
    _shot(tab, f"post-{lang}-{width}.png")
    tab.goto(base + "huong-dan/")
    assert tab.locator("article img").count() >= 4
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    # every screenshot of the guide loaded
    assert tab.evaluate("[...document.querySelectorAll('article img')]"
                        ".every(i => i.complete && i.naturalWidth > 0)")
    _shot(tab, f"guide-{lang}-{width}.png")
    tab.goto(base)
    assert tab.locator(".vb-news-latest .vb-post-item").count() == 3
    _shot(tab, f"home-news-{lang}-{width}.png")
