"""The portal built from a small sample site (tests/fixtures/site/) in a temp dir.

`mkdocs build --strict` runs in a subprocess with the repository's mkdocs.yml, hooks/ and
overrides/; the tests assert the exact list of pages in both languages and the key pieces of
HTML: responsibility rows, citation links, abbreviation hints, the Vietnamese text marked on
English pages, the language switcher, escaping of everything read from front matter and YAML.
"""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, built_site, make_project, page

import vanban.site.html
import vanban.site.labels
import vanban.site.layout
import vanban.site.urls
from vanban.site.labels import type_name

FIXTURE = ROOT / "tests" / "fixtures" / "site"
MAX_DOCUMENT_PAGE = 60_000  # bytes of HTML

# every page of the sample site, in each language (en under en/)
PAGES = [
    "",
    "co-quan/",
    "co-quan/bo-chinh-tri/",
    "co-quan/cong-doan-co-so/",
    "co-quan/ldld-an-phu-ban-tuyen-giao/",
    "co-quan/ldld-an-phu-van-phong/",
    "co-quan/ldld-an-phu/",
    "co-quan/tong-ldld-viet-nam/",
    "gioi-thieu/",
    "huong-dan/",
    "thuat-ngu/",
    "tin-tuc/",
    "van-ban/",
    "van-ban/ctr-12-ldld-2021/",
    "van-ban/kh-05-ldld-2020/",
    "van-ban/loai/ctr/",
    "van-ban/loai/kh/",
    "van-ban/nam/2020/",
    "van-ban/nam/2021/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("sample"), FIXTURE / "docs", FIXTURE / "data")
    return built_site(project)


def section(html: str, cls: str) -> str:
    """The <section class="vb-section {cls}"> … </section> of a page."""
    m = re.search(rf'<section class="vb-section {cls}">.*?</section>', html, re.DOTALL)
    assert m, f"no section {cls}"
    return m.group(0)


# ---- structure ----------------------------------------------------------------------------

def test_exact_pages_in_both_languages(site: Path) -> None:
    built = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    expected = sorted([u.rstrip("/") or "." for u in PAGES]
                      + [("en/" + u).rstrip("/") for u in PAGES])
    assert built == expected


def test_document_pages_are_small_and_local(site: Path) -> None:
    for lang in ("", "en/"):
        for slug in ("ctr-12-ldld-2021", "kh-05-ldld-2020"):
            html = page(site, f"{lang}van-ban/{slug}/")
            assert len(html.encode()) <= MAX_DOCUMENT_PAGE
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        # nothing is loaded from another host: no web fonts, no CDN scripts, styles or images
        assert not re.search(r'<(?:script|img|link|iframe|source)\b[^>]*'
                             r'(?:src|href)="(?:https?:)?//', html), path
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


# ---- document page ------------------------------------------------------------------------

def test_responsibility_rows_link_agency_and_paragraph(site: Path) -> None:
    resp = section(page(site, "van-ban/ctr-12-ldld-2021/"), "vb-resp")
    assert ('<th scope="rowgroup" data-label="Cơ quan, đơn vị"><a href="../../co-quan/'
            'ldld-an-phu-ban-tuyen-giao/">Ban Tuyên giáo - Nữ công, Liên đoàn Lao động tỉnh '
            'An Phú</a></th>') in resp
    assert '<td data-label="Nhiệm vụ"><span><a href="#l20">Tuyên truyền đến' in resp
    assert '<span class="vb-role vb-role--lead">Chủ trì</span>' in resp
    assert '<span class="vb-role vb-role--support">Phối hợp</span>' in resp
    assert '<td data-label="Thời hạn"><span>quý IV/2021</span></td>' in resp
    assert 'href="../../co-quan/ldld-an-phu-van-phong/"' in resp
    # the paragraph the task links to is in the page
    assert 'id="l20"' in page(site, "van-ban/ctr-12-ldld-2021/")


def test_agency_page_lists_tasks_linking_back_to_the_paragraph(site: Path) -> None:
    html = page(site, "co-quan/ldld-an-phu-ban-tuyen-giao/")
    tasks = section(html, "vb-resp")
    assert '<a href="../../van-ban/ctr-12-ldld-2021/#l20">' in tasks
    assert '<a href="../../van-ban/ctr-12-ldld-2021/">Chương trình hành động số 12/CTr-LĐLĐ</a>' \
        in tasks
    assert 'href="../ldld-an-phu/"' in html        # parent agency
    issued = page(site, "co-quan/ldld-an-phu/")
    assert 'href="../../van-ban/kh-05-ldld-2020/"' in issued   # documents it issued
    index = page(site, "co-quan/")
    assert 'href="ldld-an-phu-ban-tuyen-giao/"' in index


def test_citations_and_cited_by(site: Path) -> None:
    cites = section(page(site, "van-ban/ctr-12-ldld-2021/"), "vb-citations")
    # in the portal: linked; same number but another year, or not in the portal: plain text
    assert '<a href="../kh-05-ldld-2020/">Kế hoạch số 05/KH-LĐLĐ</a>' in cites
    assert cites.count("<a href=\"../") == 1
    assert '<span class="vb-cite__label">Nghị quyết số 02-NQ/TW</span> ngày ' \
           '<time datetime="2021-06-12">12/06/2021</time>' in cites
    assert '<time datetime="2019-04-02">02/04/2019</time>' in cites
    cited_by = section(page(site, "van-ban/kh-05-ldld-2020/"), "vb-cited-by")
    assert '<a href="../ctr-12-ldld-2021/">Chương trình hành động số 12/CTr-LĐLĐ</a>' in cited_by
    assert "Chưa có văn bản" in section(page(site, "van-ban/ctr-12-ldld-2021/"), "vb-cited-by")


def test_metadata_card(site: Path) -> None:
    vi = page(site, "van-ban/ctr-12-ldld-2021/")
    card = re.search(r'<aside class="vb-card".*?</aside>', vi, re.DOTALL)
    assert card
    assert '<span class="vb-number">12/CTr-LĐLĐ</span>' in card.group(0)
    assert '<a href="../../co-quan/ldld-an-phu/">Liên đoàn Lao động tỉnh An Phú</a>' \
        in card.group(0)
    assert '<time datetime="2021-11-20">20/11/2021</time>' in card.group(0)
    assert "<strong>Trần Văn A</strong>" in card.group(0)
    assert "<li>Các CĐCS trực thuộc</li>" in card.group(0)
    # the card comes before the text, the tables after it
    assert vi.index('class="vb-card"') < vi.index('class="vb-text"') \
        < vi.index('id="vb-trach-nhiem"') < vi.index('id="vb-trich-dan"')


def test_official_layout_columns(site: Path) -> None:
    html = page(site, "van-ban/ctr-12-ldld-2021/")
    head = re.search(r'<div class="vb-head">.*?</div>\s*</div>', html, re.DOTALL)
    assert head
    left, right = head.group(0).split('<div class="vb-col vb-col--right">')
    assert "vb-issuer" in left and "vb-number" in left and "vb-place_date" in right
    closing = html[html.index('<div class="vb-closing">'):]
    left, right = closing.split('<div class="vb-col vb-col--right">', 1)
    assert "vb-recipient" in left and "vb-c-name" in right and "Trần Văn A" in right


def test_english_document_page(site: Path) -> None:
    en = page(site, "en/van-ban/ctr-12-ldld-2021/")
    assert '<html lang="en"' in en
    assert '<div class="vb-text" id="vb-toan-van" lang="vi">' in en
    assert "<dt>Type</dt><dd><span>Action programme</span></dd>" in en
    assert '<time datetime="2021-11-20">20 November 2021</time>' in en
    assert '<a href="../../co-quan/ldld-an-phu/">An Phú Provincial Labour Federation</a>' in en
    resp = section(en, "vb-resp")
    assert '<span class="vb-role vb-role--support">Support</span>' in resp
    assert '<td data-label="Task"><span lang="vi"><a href="#l20">' in resp
    assert "Legal basis" in section(en, "vb-citations")
    # summary_en: shown on the English page only
    assert "Plan to recruit new union members in 2021." in page(site, "en/van-ban/kh-05-ldld-2020/")
    assert "Plan to recruit" not in page(site, "van-ban/kh-05-ldld-2020/")


def test_abbreviation_hints(site: Path) -> None:
    vi, en = page(site, "van-ban/ctr-12-ldld-2021/"), page(site, "en/van-ban/ctr-12-ldld-2021/")
    assert '<abbr title="công đoàn cơ sở">CĐCS</abbr>' in vi
    assert '<abbr title="grassroots trade union">CĐCS</abbr>' in en
    assert '<abbr title="văn thư &lt;b&gt;">VT</abbr>' in vi      # titles are escaped too
    assert vi.count('<abbr title="công đoàn cơ sở">') == 1          # explained at first use
    glossary = page(site, "thuat-ngu/")
    assert '<strong id="cdcs">CĐCS</strong>' in glossary
    assert '<span lang="en">grassroots trade union</span>' in glossary


def test_language_switcher_goes_to_the_same_page(site: Path) -> None:
    def switcher(html: str) -> dict[str, str]:
        return {lang: href for href, lang in
                re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link">', html)}

    assert switcher(page(site, "van-ban/ctr-12-ldld-2021/")) == {
        "vi": "./", "en": "../../en/van-ban/ctr-12-ldld-2021/"}
    assert switcher(page(site, "en/van-ban/ctr-12-ldld-2021/")) == {
        "vi": "../../../van-ban/ctr-12-ldld-2021/", "en": "./"}
    assert switcher(page(site, "co-quan/ldld-an-phu/"))["en"] == "../../en/co-quan/ldld-an-phu/"
    assert switcher(page(site, "en/thuat-ngu/"))["vi"] == "../../thuat-ngu/"
    # home pages: relative too (the site may live under a sub-path)
    assert switcher(page(site, "")) == {"vi": "./", "en": "en/"}
    assert switcher(page(site, "en/")) == {"vi": "../", "en": "./"}


def test_index_pages(site: Path) -> None:
    index = page(site, "van-ban/")
    for href in ('href="loai/ctr/"', 'href="loai/kh/"', 'href="nam/2021/"', 'href="nam/2020/"',
                 'href="../co-quan/ldld-an-phu/#vb-van-ban-ban-hanh"',
                 'href="ctr-12-ldld-2021/"', 'href="kh-05-ldld-2020/"'):
        assert href in index
    assert 'href="../../kh-05-ldld-2020/"' in page(site, "van-ban/loai/kh/")
    assert 'href="../../ctr-12-ldld-2021/"' in page(site, "en/van-ban/nam/2021/")
    assert "<h1>Documents of 2021</h1>" in page(site, "en/van-ban/nam/2021/")
    home = page(site, "")
    assert '<strong>2</strong> văn bản' in home and 'href="van-ban/kh-05-ldld-2020/"' in home
    # the navigation never lists documents
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', index, re.DOTALL)
    assert nav and "ctr-12-ldld-2021" not in nav.group(0)


def test_everything_from_front_matter_and_yaml_is_escaped(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<b>" not in html, path
    doc = page(site, "van-ban/ctr-12-ldld-2021/")
    assert '<title>Thực hiện Kế hoạch số 05/KH-LĐLĐ &lt;script&gt;alert(&#34;title&#34;)' \
           '&lt;/script&gt; - ' in doc
    assert "&lt;script&gt;alert(&#39;task&#39;)&lt;/script&gt;" in section(doc, "vb-resp")
    agency = page(site, "en/co-quan/ldld-an-phu-ban-tuyen-giao/")
    assert "<h1>Propaganda Department &lt;script&gt;alert(&#34;agency&#34;)&lt;/script&gt;</h1>" \
        in agency
    assert "Propaganda Department &lt;script&gt;" in page(site, "en/van-ban/ctr-12-ldld-2021/")


# ---- problems --------------------------------------------------------------------------------

def test_unknown_agency_fails_strict_build_and_stays_visible(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    shutil.copy(FIXTURE / "extra" / "ct-2021-12-01-an-phu.md", project / "docs" / "van-ban")
    strict = build(project)
    assert strict.returncode != 0
    assert ("WARNING -  vanban: docs/van-ban/ct-2021-12-01-an-phu.md:21: "
            "assignments[0].agency: 'Ban Không Tồn Tại <b>' is not in data/agencies.yml — "
            "add it to the aliases of the right agency, or correct the name in the document "
            "(line 7 of the original)") in strict.stderr
    assert strict.stderr.count("WARNING") == 1       # once, not once per language
    lenient = build(project, strict=False)
    assert lenient.returncode == 0, lenient.stderr
    resp = section(page(project / "site", "van-ban/ct-2021-12-01-an-phu/"), "vb-resp")
    assert ("<span>Ban Không Tồn Tại &lt;b&gt;</span> "
            '<small class="vb-unmatched">chưa có trong danh mục cơ quan</small>') in resp
    assert '<a href="#l7">Kiểm tra định kỳ.</a>' in resp


def test_invalid_data_file_is_a_build_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    (project / "data" / "glossary.yml").write_text("terms:\n  - {abbr: X, vi: x}\n",
                                                   encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "data/glossary.yml:2: terms[0]: missing required key 'en'" in result.stderr


# ---- units -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code, english", [
    ("CT", "Directive"), ("KH", "Plan"), ("CTr", "Action programme"), ("NQ", "Resolution"),
    ("QĐ", "Decision"), ("HD", "Guidance"), ("TB", "Notice"), ("BC", "Report"),
    ("KL", "Conclusion"), ("QC", "Regulation"), ("QyĐ", "Rules"), ("ĐA", "Project"),
    ("PA", "Plan of action"), ("TTr", "Submission"), ("CV", "Official letter"),
])
def test_english_type_names(code: str, english: str) -> None:
    assert type_name(code, "tên tiếng Việt", "en") == english
    assert type_name(code, "tên tiếng Việt", "vi") == "tên tiếng Việt"


@pytest.mark.parametrize("module", [vanban.site.html, vanban.site.labels, vanban.site.layout,
                                    vanban.site.urls])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
