"""The portal built from a small sample site (tests/fixtures/site/) in a temp dir.

`mkdocs build --strict` runs in a subprocess with the repository's mkdocs.yml, hooks/ and
overrides/; the tests assert the exact list of pages in both languages and the key pieces of
HTML: responsibility rows, citation links, abbreviation hints, the whole text on the document
page and only the card on its English page, the language switcher, escaping of everything read
from front matter and YAML.
"""

from __future__ import annotations

import doctest
import html as _html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, built_site, make_project, page, set_as_of

import vanban.site.html
import vanban.site.labels
import vanban.site.layout
import vanban.site.split
import vanban.site.urls
from vanban.data import split_front_matter
from vanban.lossless import markdown_words
from vanban.site.labels import type_name
from vanban.site.layout import two_columns
from vanban.site.split import PAGE_BUDGET
from vanban.text import words

FIXTURE = ROOT / "tests" / "fixtures" / "site"

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
    "phuong-phap-tien-do/",
    "huong-dan-chi-tieu/",
    "tien-do/",
    "tien-do/van-ban/ctr-12-ldld-2021/",
    "tien-do/nam/2023/",
    "tien-do/nam/2025/",
    "tien-do/nam/hang-nam/",
    "tien-do/co-quan/ldld-an-phu-ban-tuyen-giao/",
    "tien-do/co-quan/ldld-an-phu-van-phong/",
    "tien-do/trang-thai/achieved/",
    "tien-do/trang-thai/missed/",
    "tien-do/trang-thai/no-data/",
    "tien-do/trang-thai/off-track/",
    "tien-do/trang-thai/on-track/",
]
AS_OF = 2024   # the year the sample site's target statuses are computed for


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("sample"), FIXTURE / "docs", FIXTURE / "data")
    set_as_of(project, AS_OF)
    return built_site(project)


def section(html: str, cls: str) -> str:
    """The <section class="vb-section {cls}"> … </section> of a page."""
    m = re.search(rf'<section class="vb-section {cls}">.*?</section>', html, re.DOTALL)
    assert m, f"no section {cls}"
    return m.group(0)


# ---- structure ----------------------------------------------------------------------------

# the deadline pages (vanban.site.due): every deadline, and the agencies given one (quý IV/2021
# of 12/CTr-LĐLĐ, "trước ngày 30/6/2021" of 05/KH-LĐLĐ, target t06's office); English URLs
DEADLINE_PAGES = {"han/": "deadlines/",
                  **{f"han/co-quan/{a}/": f"deadlines/agency/{a}/"
                     for a in ("cong-doan-co-so", "ldld-an-phu-ban-tuyen-giao",
                               "ldld-an-phu-van-phong")}}


def test_exact_pages_in_both_languages(site: Path) -> None:
    built = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    expected = sorted([u.rstrip("/") or "." for u in [*PAGES, *DEADLINE_PAGES]]
                      + [("en/" + u).rstrip("/") for u in [*PAGES, *DEADLINE_PAGES.values()]])
    assert built == expected


def test_document_pages_are_small_and_local(site: Path) -> None:
    for lang in ("", "en/"):
        for slug in ("ctr-12-ldld-2021", "kh-05-ldld-2020"):
            html = page(site, f"{lang}van-ban/{slug}/")
            assert len(html.encode()) <= PAGE_BUDGET
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


def text_words(html: str) -> list[str]:
    """Words of the document text on a document page (the text is followed by the portal's
    sections), without the permalinks and target marks the portal adds."""
    m = re.search(r'<div class="vb-text" id="vb-toan-van">(.*?)<section class="vb-section',
                  html, re.DOTALL)
    assert m, "no document text"
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", m.group(1))
    text = re.sub(r'<span class="vb-target-marks">.*?</a></span>', " ", text)
    return words(_html.unescape(re.sub(r"<[^>]+>", " ", text)))


def body_markdown(slug: str) -> str:
    md = (FIXTURE / "docs" / "van-ban" / f"{slug}.md").read_text(encoding="utf-8")
    front = split_front_matter(md)
    assert front is not None
    return front[1]


def body_words(slug: str) -> list[str]:
    return markdown_words(two_columns(body_markdown(slug)))   # the closing's columns, as shown


@pytest.mark.parametrize("slug", ["ctr-12-ldld-2021", "kh-05-ldld-2020"])
def test_document_page_holds_the_whole_text_and_its_outline(site: Path, slug: str) -> None:
    html = page(site, f"van-ban/{slug}/")
    assert text_words(html) == body_words(slug)
    assert html.count('<div class="vb-text"') == 1 and "vb-parts" not in html
    toc = html[html.index('<nav class="md-nav md-nav--secondary"'):]
    headings = re.findall(r"^##? .*\{: #([\w-]+)", body_markdown(slug), re.MULTILINE)
    assert headings
    for anchor in [*headings, "vb-trach-nhiem", "vb-trich-dan"]:    # text, then portal
        assert f'href="#{anchor}"' in toc, anchor


def test_one_page_per_document_and_language(site: Path) -> None:
    """No full-text page, no parts: each document is one page in each language."""
    for lang in ("", "en/"):
        folder = site / f"{lang}van-ban" / "ctr-12-ldld-2021"
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) \
            == ["index.html"]
    assert not list(site.rglob("toan-van"))


def test_english_document_page(site: Path) -> None:
    """The English page: the card in English and a link to the Vietnamese text, not the text."""
    en = page(site, "en/van-ban/ctr-12-ldld-2021/")
    assert '<html lang="en"' in en
    # no title_en: type, number and the issuer's English name (data/agencies.yml name_en)
    assert ("<h1>Action programme No. 12/CTr-LĐLĐ of the An Phú Provincial Labour "
            "Federation</h1>") in en
    assert ('<dt>Title (Vietnamese)</dt><dd><span lang="vi">Thực hiện Kế hoạch số 05/KH-<abbr '
            'title="Labour Federation">LĐLĐ</abbr> &lt;script&gt;') in en
    assert "<dt>Type</dt><dd><span>Action programme</span></dd>" in en
    assert '<time datetime="2021-11-20">20 November 2021</time>' in en
    assert '<a href="../../co-quan/ldld-an-phu/">An Phú Provincial Labour Federation</a>' in en
    assert ('<a target="_self" href="../../../van-ban/ctr-12-ldld-2021/#vb-toan-van" '
            'hreflang="vi" class="vb-text-link">Read the full text (in Vietnamese)</a>') in en
    # no second body: neither the text's wrapper, nor its paragraphs, nor its sentences
    assert 'class="vb-text"' not in en and 'id="l12"' not in en and 'id="s-i"' not in en
    assert "đã được tổng kết" not in en
    resp = section(en, "vb-resp")
    assert '<span class="vb-role vb-role--support">Support</span>' in resp
    # a task's paragraph is on the Vietnamese page
    assert ('<td data-label="Task"><span lang="vi"><a target="_self" href="../../../van-ban/'
            'ctr-12-ldld-2021/#l20">') in resp
    assert "Legal basis" in section(en, "vb-citations")
    toc = en[en.index('<nav class="md-nav md-nav--secondary"'):]
    assert 'href="#vb-trach-nhiem"' in toc and 'href="#s-i"' not in toc
    # summary_en and title_en: shown on the English page only
    kh = page(site, "en/van-ban/kh-05-ldld-2020/")
    assert "Plan to recruit new union members in 2021." in kh
    assert "<h1>Recruiting union members in 2021</h1>" in kh
    assert "<title>Recruiting union members in 2021 - " in kh
    vi = page(site, "van-ban/kh-05-ldld-2020/")
    assert "Plan to recruit" not in vi and "Recruiting union members" not in vi


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
                                    vanban.site.split, vanban.site.urls])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0


# ---- target progress ----------------------------------------------------------------------

TARGETS_YAML = FIXTURE / "data" / "targets" / "ctr-12-ldld-2021.yml"
# the status of each target of the sample site as of AS_OF (see the fixture's header)
EXPECTED_STATUS = {"t01": "on_track", "t02": "missed", "t03": "off_track", "t04": "missed",
                   "t05": "no_data", "t06": "achieved"}


def _counts(html: str) -> dict[str, int]:
    block = re.search(r'<ul class="vb-status-counts">.*?</ul>', html, re.DOTALL)
    assert block
    return {s: int(n) for s, n in re.findall(r'<li data-status="(\w+)" data-count="(\d+)">',
                                              block.group(0))}


def test_dashboard_counts_match_the_yaml(site: Path) -> None:
    from collections import Counter

    import yaml

    from vanban.progress.status import STATUSES
    data = yaml.safe_load(TARGETS_YAML.read_text(encoding="utf-8"))
    assert [t["id"] for t in data["targets"]] == list(EXPECTED_STATUS)
    expected = {s: Counter(EXPECTED_STATUS.values()).get(s, 0) for s in STATUSES}
    for lang in ("", "en/"):
        html = page(site, f"{lang}tien-do/")
        assert _counts(html) == expected
        assert ("6 chỉ tiêu" if not lang else "6 targets") in html
        # the per-document page and the status facet pages agree
        assert _counts(page(site, f"{lang}tien-do/van-ban/ctr-12-ldld-2021/")) == expected
        for status, n in expected.items():
            if n:
                facet = page(site, f"{lang}tien-do/trang-thai/{status.replace('_', '-')}/")
                assert facet.count('<tr><td data-label=') == n
    # filters without JavaScript: static pages per deadline year and per agency
    due_2025 = page(site, "tien-do/nam/2025/")
    assert sum(_counts(due_2025).values()) == 4                 # t01, t03, t05, t06
    assert "trang-thai/" not in due_2025.split("md-content")[1]   # counts of a facet: no links
    dashboard = page(site, "tien-do/")
    assert '<a href="nam/2025/">2025</a> <span class="vb-count">4</span>' in dashboard
    assert '<a href="nam/hang-nam/">hằng năm</a> <span class="vb-count">1</span>' in dashboard
    assert '<a href="co-quan/ldld-an-phu-ban-tuyen-giao/">' in dashboard
    agency = page(site, "tien-do/co-quan/ldld-an-phu-ban-tuyen-giao/")
    assert sum(_counts(agency).values()) == 2                   # t02 (id) and t05 (by name)


def test_progress_page_in_both_languages(site: Path) -> None:
    vi = page(site, "tien-do/van-ban/ctr-12-ldld-2021/")
    en = page(site, "en/tien-do/van-ban/ctr-12-ldld-2021/")
    for html, up in ((vi, "../../../"), (en, "../../../../")):
        assert html.count('<section class="vb-target vb-target--') == 6
        assert html.count('<svg class="vb-chart"') == 6             # every target has figures
        assert html.count('<table class="vb-data vb-figures-table">') == 6
        assert 'class="admonition warning vb-sample-banner"' in html
        # each target links to its sentence in the document
        assert html.count(f'href="{up}van-ban/ctr-12-ldld-2021/#l12">') == 3   # vi text
    t01 = vi[vi.index('id="chi-tieu-t01"'):vi.index('id="chi-tieu-t02"')]
    assert '<span class="vb-status vb-status--on_track"><span aria-hidden="true">↗</span> ' \
           'Đúng tiến độ</span>' in t01
    assert ("Cần tăng thêm khoảng 4.300 đoàn viên mỗi năm để đạt 105.000 đoàn viên vào năm "
            "2025") in t01
    assert 'role="img" aria-label="Đạt 92% mức chỉ tiêu"><span style="width:92%">' in t01
    assert '<td data-label="Số liệu">96.400 đoàn viên</td>' in t01
    assert '<td data-label="Nguồn"><span>Báo cáo số 20/BC-LĐLĐ</span></td>' in t01
    assert "<desc id=\"bieu-do-ctr-12-ldld-2021-t01-desc\">Số liệu từng năm: 2021: 88.500 đoàn " \
           "viên; 2023: 96.400 đoàn viên. Chỉ tiêu 105.000 đoàn viên, hạn năm 2025.</desc>" in t01
    t01_en = en[en.index('id="chi-tieu-t01"'):en.index('id="chi-tieu-t02"')]
    assert "It needs to rise by about 4,300 members a year to reach 105,000 members by 2025" \
        in t01_en
    assert "<title id=\"bieu-do-ctr-12-ldld-2021-t01-title\">Chart: đoàn viên công đoàn" \
           "</title>" in t01_en
    assert '<td data-label="Figure">96,400 members</td>' in t01_en
    assert 'href="../../../../van-ban/ctr-12-ldld-2021/#l11"' in t01_en   # the text: vi
    # annual target: each year met or not
    t02 = vi[vi.index('id="chi-tieu-t02"'):vi.index('id="chi-tieu-t03"')]
    assert '<td data-label="Đạt?"><span class="vb-met">đạt</span></td>' in t02
    assert '<td data-label="Đạt?"><span class="vb-not-met">chưa đạt</span></td>' in t02
    # everything from the YAML is escaped, in HTML and in SVG
    for html in (vi, en):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;source&#34;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<i>doanh" not in html and "95 &lt;i&gt;doanh nghiệp&lt;/i&gt;" in html


def test_document_page_and_target_link_both_ways(site: Path) -> None:
    doc = page(site, "van-ban/ctr-12-ldld-2021/")
    mark = re.search(r'<p id="l11"><span class="vb-target-marks">(.*?</a>)</span>', doc)
    assert mark
    assert re.findall(r'href="([^"]+)"', mark.group(1)) == [
        "../../tien-do/van-ban/ctr-12-ldld-2021/#chi-tieu-t01",
        "../../tien-do/van-ban/ctr-12-ldld-2021/#chi-tieu-t02",
        "../../tien-do/van-ban/ctr-12-ldld-2021/#chi-tieu-t05"]
    assert 'title="Tiến độ chỉ tiêu t01: Đúng tiến độ"><span aria-hidden="true">↗</span> t01' \
        '</a>' in mark.group(1)
    assert '<a href="../../tien-do/van-ban/ctr-12-ldld-2021/">Xem tiến độ thực hiện 6 chỉ tiêu ' \
           'của văn bản</a>' in doc
    en = page(site, "en/van-ban/ctr-12-ldld-2021/")
    assert '<a href="../../tien-do/van-ban/ctr-12-ldld-2021/">See progress on the 6 targets' in en
    # a document without a targets file has neither
    other = page(site, "van-ban/kh-05-ldld-2020/")
    assert "vb-target-marks" not in other and "tien-do/" not in other.split("md-content")[1] \
        .split("md-footer")[0]


def test_agency_page_lists_its_targets(site: Path) -> None:
    html = page(site, "co-quan/ldld-an-phu-van-phong/")
    part = html[html.index('id="vb-tien-do"'):]
    assert "Chỉ tiêu phụ trách (1)" in html
    assert '<a href="../../tien-do/van-ban/ctr-12-ldld-2021/#chi-tieu-t06" lang' not in part
    assert 'href="../../tien-do/van-ban/ctr-12-ldld-2021/#chi-tieu-t06">' in part
    assert '<a href="../../tien-do/co-quan/ldld-an-phu-van-phong/">' in part
    assert "vb-tien-do" not in page(site, "co-quan/bo-chinh-tri/")


def test_downloads_are_written_once_and_linked_from_both_languages(site: Path) -> None:
    import csv
    import io
    import json

    import yaml
    folder = site / "tien-do" / "du-lieu"
    assert sorted(p.name for p in folder.iterdir()) == [
        "ctr-12-ldld-2021.csv", "ctr-12-ldld-2021.json", "tat-ca.csv", "tat-ca.json"]
    assert not (site / "en" / "tien-do" / "du-lieu").exists()
    data = yaml.safe_load(TARGETS_YAML.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO(
        (folder / "tat-ca.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == sum(max(1, len(t["measurements"])) for t in data["targets"])
    assert {r["target_id"]: r["status"] for r in rows} == EXPECTED_STATUS
    js = json.loads((folder / "ctr-12-ldld-2021.json").read_text(encoding="utf-8"))
    assert js["as_of"] == AS_OF and js["documents"][0]["sample"] is True
    assert [t["status"] for t in js["documents"][0]["targets"]] \
        == list(EXPECTED_STATUS.values())
    for url, link in (("tien-do/", "du-lieu/tat-ca.csv"),
                      ("en/tien-do/", "../../tien-do/du-lieu/tat-ca.csv"),
                      ("tien-do/van-ban/ctr-12-ldld-2021/", "../../du-lieu/tat-ca.csv"),
                      ("en/tien-do/van-ban/ctr-12-ldld-2021/",
                       "../../../../tien-do/du-lieu/tat-ca.csv")):
        assert f'href="{link}" download="tat-ca.csv" type="text/csv"' in page(site, url)
    assert 'href="../../du-lieu/ctr-12-ldld-2021.json"' \
        in page(site, "tien-do/van-ban/ctr-12-ldld-2021/")


def test_sample_banner_can_be_switched_off(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    set_as_of(project, AS_OF)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    sample_banner: true", "    sample_banner: false"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site" / "tien-do" / "van-ban" / "ctr-12-ldld-2021" / "index.html") \
        .read_text(encoding="utf-8")
    assert "vb-sample-banner" not in html and "vb-target--on_track" in html


def test_target_anchor_missing_from_the_document_fails_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    set_as_of(project, AS_OF)
    path = project / "data" / "targets" / "ctr-12-ldld-2021.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  anchor: l12\n") == 3
    path.write_text(text.replace("  anchor: l12\n", "  anchor: l99\n", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ("WARNING -  vanban: data/targets/ctr-12-ldld-2021.yml:58: targets[2].anchor: "
            "no paragraph #l99 in the text — make 'anchor' match the paragraph's id") \
        in result.stderr
    assert result.stderr.count("WARNING") == 1


def test_document_toc_lists_the_progress_section_where_the_page_shows_it(site: Path) -> None:
    html = page(site, "van-ban/ctr-12-ldld-2021/")
    toc = html[html.index('<nav class="md-nav md-nav--secondary"'):]
    order = [toc.index(f'href="#{anchor}"') for anchor in
             ("vb-trach-nhiem", "vb-tien-do", "vb-trich-dan", "vb-duoc-trich-dan")]
    assert order == sorted(order)
    body = [html.index(f'id="{anchor}"') for anchor in
            ("vb-trach-nhiem", "vb-tien-do", "vb-trich-dan", "vb-duoc-trich-dan")]
    assert body == sorted(body)
