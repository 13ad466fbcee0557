"""English type names on the built English pages, for every document type code.

A sample site (tests/fixtures/site/) plus one document of every type of
vanban.grammar.DOC_TYPES, the first of which cites a document of every type too. On the English
pages, wherever a type is named — the metadata card, the document's label in lists and
citations, the type pages' titles and the "browse by type" facets — the English name is
printed, never the bare code (L, NĐ, TT, TTg, BB …).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, built_site, make_project, page

from vanban.grammar import DOC_TYPES
from vanban.site.labels import type_name

FIXTURE = ROOT / "tests" / "fixtures" / "site"

# code → (Vietnamese name, English name): the meaning of each code, written out here
EXPECTED = {
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "CT": ("Chỉ thị", "Directive"),
    "KH": ("Kế hoạch", "Plan"),
    "CTr": ("Chương trình", "Action programme"),
    "HD": ("Hướng dẫn", "Guidance"),
    "TB": ("Thông báo", "Notice"),
    "BC": ("Báo cáo", "Report"),
    "KL": ("Kết luận", "Conclusion"),
    "QC": ("Quy chế", "Regulation"),
    "QyĐ": ("Quy định", "Rules"),
    "ĐA": ("Đề án", "Project"),
    "PA": ("Phương án", "Plan of action"),
    "TTr": ("Tờ trình", "Submission"),
    "BB": ("Biên bản", "Minutes"),
    "CV": ("Công văn", "Official letter"),
    "TT": ("Thông tri", "Instruction"),
    "NĐ": ("Nghị định", "Decree"),
    "TTg": ("Thông tư", "Circular"),
    "L": ("Luật", "Law"),
}
ISSUER = "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN PHÚ"     # an agency of the fixture's agencies.yml


def _slug(i: int) -> str:
    return f"loai-{i:02d}-2022"


def _document(i: int, code: str, vi: str, cites: str) -> str:
    return f"""---
vanban: 1
slug: {_slug(i)}
source: {_slug(i)}.txt
number: {i + 1}/{code}-LĐLĐ
type:
  code: {code}
  name: {vi}
issuer: {ISSUER}
parent_issuer: null
place: An Phú
date: '2022-03-{i + 1:02d}'
title: Văn bản mẫu loại {vi}
signer:
  authority: null
  title: null
  name: null
recipients: []
cites: {cites}
assignments: []
targets: []
summary_en: null
---

# {vi.upper()} {{: #van-ban .vb-type }}

Nội dung văn bản mẫu.
{{: #l7 }}
"""


def _cites() -> str:
    rows = [f"""
- type:
    code: {code}
    name: {vi}
  number: {90 + i}/{code}-TW
  date: '2020-01-{i + 1:02d}'
  issuer: Bộ Chính trị
  relation: dan_chieu
  summary: null
  line: 7""" for i, (code, (vi, _en)) in enumerate(EXPECTED.items())]
    return "".join(rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("types"), FIXTURE / "docs", FIXTURE / "data")
    for i, (code, (vi, _en)) in enumerate(EXPECTED.items()):
        text = _document(i, code, vi, _cites() if i == 0 else "[]")
        (project / "docs" / "van-ban" / f"{_slug(i)}.md").write_text(text, encoding="utf-8")
    return built_site(project)


def test_every_code_has_its_english_name() -> None:
    assert set(DOC_TYPES) == set(EXPECTED)
    for code, (vi, en) in EXPECTED.items():
        assert DOC_TYPES[code] == (vi, en)
        assert type_name(code, vi, "en") == en
        assert type_name(code, vi, "vi") == vi


def _key(code: str) -> str:
    """The type's address segment (van-ban/loai/qd/ for QĐ)."""
    return code.lower().replace("đ", "d")


@pytest.mark.parametrize("i, code", list(enumerate(EXPECTED)))
def test_english_pages_name_the_type(site: Path, i: int, code: str) -> None:
    en = EXPECTED[code][1]
    doc = page(site, f"en/van-ban/{_slug(i)}/")
    assert f"<dt>Type</dt><dd><span>{en}</span></dd>" in doc                  # the card
    assert f"<title>{en} No. {i + 1}/{code}-LĐLĐ" in doc       # its label (English title)
    cites = page(site, f"en/van-ban/{_slug(0)}/")
    assert f'class="vb-cite__label">{en} No. {90 + i}/{code}-TW</span>' in cites
    kind = page(site, f"en/van-ban/loai/{_key(code)}/")
    assert f"<title>{en} - " in kind and re.search(rf"<h1[^>]*>{en}\b", kind)
    assert f">{en} No. {i + 1}/{code}-LĐLĐ</a>" in kind                       # its list
    for facets, href in ((page(site, "en/van-ban/"), "loai/"), (page(site, "en/"),
                                                                 "van-ban/loai/")):
        assert f'<a href="{href}{_key(code)}/">{en}</a>' in facets


# where an English page names a type: a label "Law No. 10/2012/QH13" or "Directive of 10
# November 2021" (links, citations, titles, "Targets: Plan of …"), the card's Type row, a
# facet (a type page's heading and title are labels without a number: see the test above)
LABEL = re.compile(r">([^<>]{1,40}?) (?:No\. [^<]+|of \d{1,2} [A-Z][a-z]+ \d{4})<")
SLOTS = [LABEL, re.compile(r"<dt>Type</dt><dd><span>([^<]*)</span>"),
         re.compile(r'<a href="[^"]*loai/[^"/]+/">([^<]*)</a>')]


@pytest.mark.parametrize("portal", ["site", "seed_portal"])
def test_no_bare_code_on_english_pages(request: pytest.FixtureRequest, portal: str) -> None:
    built: Path = request.getfixturevalue(portal)
    names = {en for _vi, en in EXPECTED.values()}
    seen: dict[str, set[str]] = {}
    for path in sorted((built / "en").rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        for slot in SLOTS:
            for found in slot.findall(text):
                label = html.unescape(found).strip().rsplit(": ", 1)[-1]
                seen.setdefault(label, set()).add(str(path.relative_to(built)))
    assert seen, "no type named on any English page"
    # the other-type label of a document with no type code, if any, is a name too
    wrong = {label: sorted(pages)[:3] for label, pages in seen.items()
             if label not in names and label != "Other"}
    assert wrong == {}
