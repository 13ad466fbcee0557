"""No page of the built portal makes a request that fails, with and without VANBAN_SITE_URL.

Material's script fetches sitemap.xml next to the address of every <link rel="alternate"> of
a page. mkdocs-static-i18n points its per-language links at the page's own translation
(../en/van-ban/x/), and the i18n sitemap is written once, at the root: so every page asked for
a sitemap.xml that does not exist (en/sitemap.xml, en/van-ban/x/sitemap.xml …), a 404 in each
language, site_url set or not. Those links are no longer in the head (overrides/main.html);
the Atom feed's link remains, and its folder holds a sitemap.xml of the news pages.

- every link[rel=alternate] of every built page has a sitemap.xml beside its target;
- served by Python's http.server (under /portal/ for the build with a site_url), the main
  kinds of page in both languages load in headless Chromium with no answer ≥ 400, no failed
  request and none to another host, after Material's script has run.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, build, local_only_page, make_project, serve

from vanban.site.catalog import Sources, load_catalog

SITE_URL = "https://example.org/portal/"
ALTERNATE = re.compile(r'<link rel="alternate"[^>]*?href="([^"]*)"')


@pytest.fixture(scope="module", params=[None, SITE_URL], ids=["no-site-url", "site-url"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, str]:
    """The repository's portal built with VANBAN_SITE_URL unset or set: (www root, path the
    site is served under)."""
    if not any((ROOT / "docs" / "van-ban").glob("*.md")):
        pytest.skip("docs/van-ban/ has no documents yet (`make sample` imports them)")
    tmp = tmp_path_factory.mktemp("requests")
    project = make_project(tmp, ROOT / "docs", ROOT / "data")
    with pytest.MonkeyPatch.context() as env:
        if request.param:
            env.setenv("VANBAN_SITE_URL", request.param)
        else:
            env.delenv("VANBAN_SITE_URL", raising=False)
        result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    sub = urlsplit(request.param).path if request.param else "/"
    www = tmp / "www"
    shutil.copytree(project / "site", www / sub.strip("/"))
    return www, sub


def test_every_alternate_link_has_a_sitemap_beside_it(built: tuple[Path, str]) -> None:
    www, sub = built
    site = www / sub.strip("/")
    root = f"https://host{sub}"             # where the site is served; site_url maps onto it
    pages = sorted(site.rglob("*.html"))
    links, problems = 0, []
    for path in pages:
        folder = path.relative_to(site).parent.as_posix()
        here = root + ("" if folder == "." else folder + "/")
        for href in ALTERNATE.findall(path.read_text(encoding="utf-8")):
            links += 1
            sitemap = urljoin(urljoin(here, href).replace(SITE_URL, root), "sitemap.xml")
            if not (sitemap.startswith(root) and (site / sitemap.removeprefix(root)).is_file()):
                problems.append(f"{path.relative_to(site)}: {href} → {sitemap}")
    assert len(pages) > 50 and links >= len(pages) - 2     # the feed's link, on every page
    assert problems == [], f"{len(problems)} of {links}: " + "; ".join(problems[:5])


def _paths() -> list[str]:
    cat = load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                               ROOT / "data" / "glossary.yml", ROOT))
    busiest = max(cat.by_agency, key=lambda a: len(cat.by_agency[a]), default=None)
    posts = sorted(p.stem for p in (ROOT / "docs" / "tin-tuc").glob("*.md")
                   if "." not in p.stem and p.stem != "index")
    paths = ["", "van-ban/", "co-quan/", "thuat-ngu/", "tin-tuc/", "tien-do/", "gioi-thieu/"]
    paths += [f"van-ban/{d.slug}/" for d in cat.documents[:2]]
    paths += [f"co-quan/{busiest}/"] if busiest else []
    paths += [f"tin-tuc/{slug}/" for slug in posts[:1]]
    return paths


@pytest.fixture(scope="module")
def portal(built: tuple[Path, str]) -> Iterator[str]:
    www, sub = built
    with serve(www) as url:
        yield url + sub


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_failed_request_in_a_served_build(chromium, portal: str, lang: str) -> None:
    failed: dict[str, list[str]] = {}
    sitemaps: set[str] = set()
    with local_only_page(chromium) as page:
        def answered(response) -> None:
            if response.status >= 400:
                failed.setdefault(page.url, []).append(f"{response.status} {response.url}")
            if response.url.endswith("/sitemap.xml"):
                sitemaps.add(response.url.removeprefix(portal))

        page.on("response", answered)
        page.on("requestfailed", lambda r: failed.setdefault(page.url, []).append(
            f"failed {r.url} ({r.failure})"))
        for path in _paths():
            page.goto(f"{portal}{lang}{path}", wait_until="networkidle")
            # Material's script ran (it is what requests sitemap.xml)
            assert page.evaluate("document.documentElement.classList.contains('js')"), path
    assert failed == {}
    assert sitemaps <= {f"{lang}tin-tuc/sitemap.xml"}
