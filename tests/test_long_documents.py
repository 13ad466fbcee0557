"""Long documents are split into parts so that no document page exceeds 60 KB of HTML.

Unit tests of vanban.site.split on small bodies, then the real seed portal (repository docs/ +
data/) built in a temp dir: every document page and part within the budget, every word of
every body on exactly one page in order, every responsibility link landing on a page that has
its paragraph, and the reader's path in Chromium (table → part 2 paragraph → pager back).
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import pytest
from conftest import ROOT, serve

from vanban.lossless import markdown_words
from vanban.site.catalog import Sources, load_catalog, split_front_matter
from vanban.site.layout import two_columns
from vanban.site.split import PAGE_BUDGET, paginate, split_body
from vanban.text import words

# ---- the splitter ---------------------------------------------------------------------------

SECTION = "## {n}. Mục {n} {{: #s-{n} }}\n\n" + "Đoạn văn của mục {n} có nhiều chữ. " * 8 \
    + "\n{{: #l{n}0 }}\n\n- Việc thứ nhất của mục {n}\n  {{: #l{n}1 }}\n\n"


def test_a_body_that_fits_stays_one_page() -> None:
    body = SECTION.format(n=1)
    assert paginate(body, extras_html=5_000).count == 1


def test_cuts_fall_before_headings_and_keep_every_byte() -> None:
    body = "".join(SECTION.format(n=n) for n in range(1, 9))
    parts = split_body(body, first_budget=700, budget=700)
    assert parts.count > 2
    assert "".join(p.markdown for p in parts.pages) == body
    for p in parts.pages[1:]:
        assert p.markdown.startswith("## "), p.markdown[:40]
    # an anchor belongs to the part that holds it
    for p in parts.pages:
        for anchor in re.findall(r"#(l\d+|s-\d+)", p.markdown):
            assert parts.part_of(anchor) == p.number


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page() -> None:
    body = "## Một {: #s-1 }\n\n### Hai {: #s-2 }\n\n" + ("chữ " * 300) + "\n{: #l5 }\n"
    parts = split_body(body, first_budget=100, budget=100)
    assert parts.count == 1          # a heading followed by one big block: nothing to cut


def test_a_cut_inside_a_wrapper_closes_and_reopens_it() -> None:
    rows = "".join(f"Dòng {i} của phụ lục.\n{{: #l{i} }}\n\n" for i in range(40))
    body = ('## Phần đầu {: #s-1 }\n\nMở đầu.\n{: #l0a }\n\n'
            '<section class="vb-part" id="phu-luc-9" markdown="1">\n\n'
            "## PHỤ LỤC {: #phu-luc-9-h }\n\n" + rows + "</section>\n")
    parts = split_body(body, first_budget=400, budget=400)
    assert parts.count > 2
    for p in parts.pages:
        opened = p.markdown.count("<section")
        assert opened == p.markdown.count("</section>"), p.markdown
    # the wrapper keeps its id on its first page only
    assert sum(p.markdown.count('id="phu-luc-9"') for p in parts.pages) == 1
    assert '<section class="vb-part" markdown="1">' in parts.pages[-1].markdown
    seen = [w for p in parts.pages for w in markdown_words(p.markdown)]
    assert seen == markdown_words(body)


# ---- the seed portal --------------------------------------------------------------------------

def _catalog():
    return load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                                ROOT / "data" / "glossary.yml", ROOT))


def _long_documents():
    return [d for d in _catalog().documents if d.parts is not None]


@pytest.fixture(scope="module")
def seed_site(seed_portal: Path) -> Path:
    if not _long_documents():
        pytest.skip("no seed document is long enough to be split")
    return seed_portal


def _document_pages(site: Path) -> list[Path]:
    """Every page of every document, parts included, in both languages."""
    out = []
    for doc in _catalog().documents:
        count = doc.parts.count if doc.parts else 1
        for prefix in ("", "en/"):
            out += [site / f"{prefix}van-ban/{doc.slug}/" / (f"{n}/" if n > 1 else "")
                    / "index.html" for n in range(1, count + 1)]
    return out


def test_the_longest_seed_is_split_in_both_languages(seed_site: Path) -> None:
    doc = max(_long_documents(), key=lambda d: d.parts.count if d.parts else 0)
    assert doc.parts is not None
    for prefix in ("", "en/"):
        for n in range(2, doc.parts.count + 1):
            assert (seed_site / f"{prefix}van-ban/{doc.slug}/{n}/index.html").is_file()
        assert not (seed_site / f"{prefix}van-ban/{doc.slug}/{doc.parts.count + 1}").exists()


def test_every_document_page_is_within_budget(seed_site: Path) -> None:
    pages = _document_pages(seed_site)
    assert len(pages) > 2 * len(_catalog().documents)
    sizes = {p.relative_to(seed_site).as_posix(): p.stat().st_size for p in pages}
    assert max(sizes.values()) <= PAGE_BUDGET, sizes


def _text_words(html: str) -> list[str]:
    """Words of the document text of a part page (the text is followed by the pager)."""
    m = re.search(r'<div class="vb-text" id="vb-toan-van"[^>]*>(.*?)<nav class="vb-pager"',
                  html, re.DOTALL)
    assert m, "no document text"
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", m.group(1))
    text = re.sub(r'<span class="vb-target-marks">.*?</a></span>', " ", text)   # links added
    return words(_html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_word_is_on_one_part_in_order(seed_site: Path, prefix: str) -> None:
    for doc in _long_documents():
        assert doc.parts is not None
        md = (ROOT / "docs" / doc.src_uri).read_text(encoding="utf-8")
        front = split_front_matter(md)
        assert front is not None
        expected = markdown_words(two_columns(front[1]))   # the closing's columns, as shown
        seen: list[str] = []
        for n in range(1, doc.parts.count + 1):
            path = f"{prefix}van-ban/{doc.slug}/" + (f"{n}/" if n > 1 else "")
            seen += _text_words((seed_site / path / "index.html").read_text(encoding="utf-8"))
        assert seen == expected


def test_responsibility_links_land_on_their_paragraph(seed_site: Path) -> None:
    checked = 0
    for page in _document_pages(seed_site) + list(seed_site.rglob("co-quan/*/index.html")):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a href="([^"]*#l[\w-]+)"', html):
            path, _, anchor = href.partition("#")
            target = (page.parent / path / "index.html").resolve() if path else page
            assert target.is_file(), (page, href)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)
            checked += 1
    assert checked > 50


def test_a_task_on_a_later_part_links_there(seed_site: Path) -> None:
    for doc in _long_documents():
        assert doc.parts is not None
        later = [t for t in doc.tasks if t.anchor and doc.parts.part_of(t.anchor) > 1]
        if later:
            task = later[0]
            n = doc.parts.part_of(task.anchor)
            html = (seed_site / f"van-ban/{doc.slug}/index.html").read_text(encoding="utf-8")
            assert f'href="{n}/#{task.anchor}"' in html
            return
    pytest.skip("no task of a long seed document is on a later part")


@pytest.mark.browser
def test_reader_follows_a_task_to_part_two_and_pages_back(chromium, seed_site: Path) -> None:
    doc = next((d for d in _long_documents() if d.parts and any(
        t.anchor and d.parts.part_of(t.anchor) > 1 for t in d.tasks)), None)
    if doc is None or doc.parts is None:
        pytest.skip("no task of a long seed document is on a later part")
    task = next(t for t in doc.tasks if t.anchor and doc.parts.part_of(t.anchor) > 1)
    n = doc.parts.part_of(task.anchor)
    with serve(seed_site) as url:
        page = chromium.new_page(viewport={"width": 360, "height": 780})
        page.goto(f"{url}/van-ban/{doc.slug}/")
        assert page.locator(".vb-parts li").count() == doc.parts.count
        page.locator(f".vb-resp-table a[href='{n}/#{task.anchor}']").first.click()
        page.wait_for_url(f"**/van-ban/{doc.slug}/{n}/#{task.anchor}")
        box = page.locator(f"[id='{task.anchor}']").bounding_box()
        assert box is not None and 0 <= box["y"] < 780, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.locator("h1").count() == 1
        page.locator(".vb-pager__prev").click()
        expected = f"**/van-ban/{doc.slug}/" + (f"{n - 1}/" if n > 2 else "")
        page.wait_for_url(expected)
        page.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_one_page_version_holds_every_part(seed_site: Path, prefix: str) -> None:
    """van-ban/<slug>/toan-van/: the whole text (to print or save), linked from every part,
    its responsibility links staying on the page."""
    for doc in _long_documents():
        assert doc.parts is not None
        html = (seed_site / f"{prefix}van-ban/{doc.slug}/toan-van/index.html").read_text("utf-8")
        md = (ROOT / "docs" / doc.src_uri).read_text(encoding="utf-8")
        front = split_front_matter(md)
        assert front is not None
        m = re.search(r'<div class="vb-text" id="vb-toan-van"[^>]*>(.*?)<section class="vb-se',
                      html, re.DOTALL)
        assert m
        text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", m.group(1))
        text = re.sub(r'<span class="vb-target-marks">.*?</a></span>', " ", text)
        assert words(_html.unescape(re.sub(r"<[^>]+>", " ", text))) \
            == markdown_words(two_columns(front[1]))
        tasks = [t for t in doc.tasks if t.anchor]
        for t in tasks:
            assert f'href="#{t.anchor}"' in html
        for n in range(1, doc.parts.count + 1):
            part = seed_site / f"{prefix}van-ban/{doc.slug}/" / (f"{n}/" if n > 1 else "")
            assert 'toan-van/"' in (part / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_printing_the_one_page_version(chromium, seed_site: Path) -> None:
    doc = _long_documents()[0]
    assert doc.parts is not None
    last = doc.parts.pages[-1].headings[-1][1] if doc.parts.pages[-1].headings else ""
    with serve(seed_site) as url:
        page = chromium.new_page()
        page.emulate_media(media="print")
        page.goto(f"{url}/van-ban/{doc.slug}/toan-van/")
        assert not page.locator(".vb-parts").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert last in page.locator(".vb-text").inner_text()
        assert page.locator(".vb-resp-table").is_visible()
        page.close()
