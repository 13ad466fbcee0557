"""The real portal (repository mkdocs.yml + docs/ + data/) in headless Chromium.

Built in a temp dir and served on 127.0.0.1 under a sub-path (/cong-doan/), as it would be on
a shared host: open a document, follow its responsibility table to the agency page and back
to the paragraph, switch language, and save screenshots at 360 px and 1280 px in both
languages under tests/_artifacts/. Any request to another host fails the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, local_only_page, serve

from vanban.site.catalog import Sources, load_catalog
from vanban.site.labels import type_name

pytestmark = pytest.mark.browser

SUB_PATH = "cong-doan"


@dataclass(frozen=True)
class Route:
    """A document, one of its tasks and the agency it is assigned to."""

    slug: str
    anchor: str
    agency_id: str
    type_en: str


def _pick_route() -> Route:
    cat = load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                               ROOT / "data" / "glossary.yml", ROOT))
    # a task on the document's first page (links into later parts of a very long document:
    # tests/test_scale.py) assigned to a known agency
    candidates = [(len(rows), [a for a in rows if a.agency is not None and a.task.anchor and (
        a.doc.parts is None or a.doc.parts.part_of(a.task.anchor) == 1)])
        for rows in cat.assigned.values()]
    candidates = [c for c in candidates if c[1]]
    if not candidates:
        pytest.skip("no document in docs/van-ban/ assigns a task to a known agency")
    a = max(candidates, key=lambda c: c[0])[1][0]
    assert a.agency is not None
    return Route(a.doc.slug, a.task.anchor, a.agency.id,
                 type_name(a.doc.type_code, a.doc.type_name, "en"))


@pytest.fixture(scope="module")
def portal(seed_portal: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("portal")
    www = tmp / "www"
    shutil.copytree(seed_portal, www / SUB_PATH)
    with serve(www) as url:
        yield f"{url}/{SUB_PATH}/"


@pytest.fixture
def browser_page(chromium, portal: str):
    """A fresh page whose every request must stay on 127.0.0.1."""
    with local_only_page(chromium) as page:
        yield page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_document_to_agency_to_paragraph_then_other_language(browser_page, portal: str
                                                             ) -> None:
    route, page = _pick_route(), browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{portal}van-ban/{route.slug}/")
    assert page.locator(".vb-card").is_visible()
    assert page.locator(".vb-text h1").first.is_visible()
    _shot(page, "doc-vi-1280.png")

    # responsibility table → the agency's page
    page.locator(f".vb-resp-table a[href$='co-quan/{route.agency_id}/']").first.click()
    page.wait_for_url(f"**/{SUB_PATH}/co-quan/{route.agency_id}/")
    assert page.locator("h1").first.is_visible()
    _shot(page, "agency-vi-1280.png")

    # agency page → back to the very paragraph of the document
    page.locator(f"a[href$='van-ban/{route.slug}/#{route.anchor}']").first.click()
    page.wait_for_url(f"**/{SUB_PATH}/van-ban/{route.slug}/#{route.anchor}")
    target = page.locator(f"[id='{route.anchor}']")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box      # scrolled into view
    _shot(page, "paragraph-vi-1280.png")

    # the language switcher opens the same page in English
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang='en']").first.click()
    page.wait_for_url(f"**/{SUB_PATH}/en/van-ban/{route.slug}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".vb-text").count() == 0           # the card, not the text again
    assert route.type_en in page.locator(".vb-card").inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, "doc-en-1280.png")

    # … whose link leads to the text, on the Vietnamese page
    page.locator("a.vb-text-link").click()
    page.wait_for_url(f"**/{SUB_PATH}/van-ban/{route.slug}/#vb-toan-van")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".vb-text").is_visible()
    # … and so do its tasks, each to its paragraph
    page.go_back()
    page.wait_for_url(f"**/{SUB_PATH}/en/van-ban/{route.slug}/")
    page.locator(f".vb-resp-table a[href$='/van-ban/{route.slug}/#{route.anchor}']").first.click()
    page.wait_for_url(f"**/{SUB_PATH}/van-ban/{route.slug}/#{route.anchor}")
    box = page.locator(f"[id='{route.anchor}']").bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_phone_width(browser_page, portal: str, lang: str) -> None:
    route, page = _pick_route(), browser_page
    page.set_viewport_size({"width": 360, "height": 780})
    base = portal + ("en/" if lang == "en" else "")
    page.goto(f"{base}van-ban/{route.slug}/")
    # nothing wider than the screen: the tables stack, the text wraps
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"doc-{lang}-360.png")
    page.locator(".vb-resp").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#vb-trach-nhiem').scrollIntoView()")
    _shot(page, f"responsibilities-{lang}-360.png")
    page.goto(f"{base}co-quan/{route.agency_id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"agency-{lang}-360.png")
    page.goto(base)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"home-{lang}-360.png")


# ---- target progress ------------------------------------------------------------------------

def _charted_target() -> tuple[str, str, str]:
    """(document slug, target id, sentence anchor) of a target with two figures or more."""
    import yaml
    for path in sorted((ROOT / "data" / "targets").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for t in data.get("targets") or []:
            if len(t.get("measurements") or []) >= 2 and t.get("anchor"):
                return data["document"], t["id"], t["anchor"]
    pytest.skip("no target in data/targets/ has two figures")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_progress_page_chart_and_table_on_a_phone(browser_page, portal: str, lang: str) -> None:
    slug, target_id, anchor = _charted_target()
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 780})
    base = portal + ("en/" if lang == "en" else "")
    # from the target's sentence in the document to its place on the progress page (the
    # English page has no text: its link to the progress page, then the target)
    page.goto(f"{base}van-ban/{slug}/")
    progress = f"**/{SUB_PATH}/{'en/' if lang == 'en' else ''}tien-do/van-ban/{slug}/"
    if lang == "en":
        page.locator(f".vb-doc-progress a[href$='tien-do/van-ban/{slug}/']").click()
        page.wait_for_url(progress)
        page.goto(f"{page.url}#chi-tieu-{target_id}")
    else:
        page.locator(f"[id='{anchor}'] a.vb-target-mark[href$='#chi-tieu-{target_id}']").click()
    page.wait_for_url(f"{progress}#chi-tieu-{target_id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    section = page.locator(f"section.vb-target:has([id='chi-tieu-{target_id}'])")
    chart = section.locator("svg.vb-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and 280 <= box["width"] <= 360, box
    # the chart's words stay readable on a phone (≥ 10 px high once scaled down)
    sizes = chart.evaluate("svg => [...svg.querySelectorAll('text')].map("
                           "t => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 10, sizes
    assert chart.locator("title").count() == 1 and chart.locator("desc").count() == 1
    labelled = chart.get_attribute("aria-labelledby") or ""
    assert all(page.locator(f"[id='{i}']").count() == 1 for i in labelled.split())
    table = section.locator("table.vb-figures-table")
    assert table.is_visible() and table.locator("tbody tr").count() >= 2
    assert section.locator(".vb-status").first.is_visible()
    assert page.locator(".vb-sample-banner").is_visible()
    section.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / f"progress-target-{lang}-360.png"))
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, f"progress-{lang}-360.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 560, box       # capped on wide screens
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(ARTIFACTS / f"progress-target-{lang}-1280.png"))
    # … and back to the sentence
    section.locator(".vb-target__source a").click()
    page.wait_for_url(f"**/van-ban/{slug}/#{anchor}")
    assert page.locator(f"[id='{anchor}']").is_visible()


def test_progress_dashboard(browser_page, portal: str) -> None:
    page = browser_page
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{portal}tien-do/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        counts = page.locator("ul.vb-status-counts li")
        total = sum(int(c.get_attribute("data-count") or 0) for c in counts.all())
        assert f"{total} chỉ tiêu" in page.locator(".vb-count-total").first.inner_text()
        _shot(page, f"progress-dashboard-vi-{width}.png")
    # a status filter is a plain link to a static page
    page.locator("ul.vb-status-counts a").first.click()
    page.wait_for_url("**/tien-do/trang-thai/*/")
    assert page.locator("table.vb-target-table tbody tr").count() >= 1
    _shot(page, "progress-status-vi-1280.png")
