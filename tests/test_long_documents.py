"""A document is one page, whole, in each language; only a very long one (a page of more than
300 KB of HTML) is split into parts.

Unit tests of vanban.site.split on small bodies, then the real seed portal (repository docs/ +
data/) built in a temp dir: every document one page holding every word of its body in order,
its English page without the body, every responsibility link landing on a page that has its
paragraph, and the printed page in Chromium. The 300-page document that does split is built
by tests/test_scale.py.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import pytest
from conftest import ROOT, serve

from vanban.data import split_front_matter
from vanban.lossless import markdown_words
from vanban.site.catalog import Sources, load_catalog
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


def _longest():
    return max(_catalog().documents, key=lambda d: len(d.body))


def test_every_seed_document_is_one_page() -> None:
    """The seeds' longest text (a 44 KB programme of 37 targets and 29 tasks) is far from the
    300 KB a page may hold before it is split."""
    assert all(d.parts is None for d in _catalog().documents)
    doc = _longest()
    assert doc.slug == "ctr-17-ldld-2021" and len(doc.body.encode()) > 40_000
    assert paginate(doc.body, doc.extras).count == 1


def _text_words(html: str) -> list[str]:
    """Words of the document text of a document page (followed by the portal's sections)."""
    m = re.search(r'<div class="vb-text" id="vb-toan-van"[^>]*>(.*?)<section class="vb-se',
                  html, re.DOTALL)
    assert m, "no document text"
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", m.group(1))
    text = re.sub(r'<span class="vb-target-marks">.*?</a></span>', " ", text)   # links added
    return words(_html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_each_page_holds_the_whole_text_the_english_one_none(seed_portal: Path) -> None:
    for doc in _catalog().documents:
        md = (ROOT / "docs" / doc.src_uri).read_text(encoding="utf-8")
        front = split_front_matter(md)
        assert front is not None
        vi = (seed_portal / f"van-ban/{doc.slug}/index.html").read_text(encoding="utf-8")
        assert _text_words(vi) == markdown_words(two_columns(front[1]))
        assert len(vi.encode()) <= PAGE_BUDGET
        en = (seed_portal / f"en/van-ban/{doc.slug}/index.html").read_text(encoding="utf-8")
        assert 'class="vb-text"' not in en and "vb-text-link" in en
        assert [p.name for p in (seed_portal / f"van-ban/{doc.slug}").iterdir()] \
            == ["index.html"]
        assert len(en.encode()) < len(vi.encode())


def test_responsibility_links_land_on_their_paragraph(seed_portal: Path) -> None:
    """From the document pages (both languages) and the agency pages: every link to a
    paragraph lands on a page that has it (the Vietnamese document page)."""
    pages = [seed_portal / f"{lang}van-ban/{d.slug}/index.html" for d in _catalog().documents
             for lang in ("", "en/")]
    checked = 0
    for page in pages + list(seed_portal.rglob("co-quan/*/index.html")):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a href="([^"]*#l[\w-]+)"', html):
            path, _, anchor = href.partition("#")
            target = (page.parent / path / "index.html").resolve() if path else page
            assert target.is_file(), (page, href)
            assert "/en/" not in target.as_posix()[len(seed_portal.as_posix()):], (page, href)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)
            checked += 1
    assert checked > 100


@pytest.mark.browser
def test_printing_the_document_page(chromium, seed_portal: Path) -> None:
    """The print stylesheet prints the document page: its card, its whole text to the last
    section, the responsibility table; no navigation, outline or search."""
    doc = _longest()
    md = (ROOT / "docs" / doc.src_uri).read_text(encoding="utf-8")
    last = re.findall(r"^## (.*?) \{", md, re.MULTILINE)[-1]
    with serve(seed_portal) as url:
        page = chromium.new_page()
        page.emulate_media(media="print")
        page.goto(f"{url}/van-ban/{doc.slug}/")
        for hidden in (".md-sidebar--primary", ".md-sidebar--secondary", ".md-header"):
            assert not page.locator(hidden).is_visible(), hidden
        assert page.locator(".vb-card").is_visible()
        assert last in page.locator(".vb-text").inner_text()
        assert page.locator(".vb-resp-table").is_visible()
        page.close()
