"""Bad input in docs/van-ban/*.md: every mistake is reported with file:line (so the strict
build fails), the lenient build still writes a page for every file, and nothing crashes.

Unit tests read one file with `read_document` (exact messages, both languages); the build
tests copy the sample site (tests/fixtures/site/) into a temp dir and add broken or unusual
documents: malformed front matter, duplicate slugs, circular and self citations.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, built_site, make_project, page

from vanban.site.catalog import read_document

FIXTURE = ROOT / "tests" / "fixtures" / "site"
# a small valid document of the sample site (its agency is made a known one)
BASE = (FIXTURE / "extra" / "ct-2021-12-01-an-phu.md").read_text(encoding="utf-8").replace(
    "Ban Không Tồn Tại <b>", "Văn phòng").replace("slug: ct-2021-12-01-an-phu\n", "")


def _variant(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


# (file stem, text, expected English messages, expected first Vietnamese message)
CASES = [
    ("broken-yaml", _variant("title: Tăng cường kiểm tra", "title: [Tăng cường"),
     ['docs/van-ban/broken-yaml.md:12: cannot read the front matter: did not find '
      "expected ',' or ']' (while parsing a flow sequence) — check the lines between "
      "the two '---' lines: a colon after each key, spaces for indentation, quotes "
      'closed'],
     'docs/van-ban/broken-yaml.md:12: không đọc được phần thông tin đầu trang '
     "(front matter): did not find expected ',' or ']' (while parsing a flow "
     "sequence) — kiểm tra các dòng giữa hai dòng '---': dấu hai chấm sau tên khóa, "
     'thụt lề bằng dấu cách, dấu nháy đóng mở đủ'),
    ("not-a-mapping", "---\n- vanban\n- 1\n---\n\nChữ.\n",
     ["docs/van-ban/not-a-mapping.md:1: not a document page (no 'vanban' key) — "
      'files in van-ban/ come from `vanban import`: move this page to another '
      'folder, or import the document'],
     'docs/van-ban/not-a-mapping.md:1: không phải trang văn bản (thiếu khóa '
     "'vanban') — tệp trong van-ban/ phải do `vanban import` tạo ra: chuyển trang "
     'này sang thư mục khác, hoặc nhập văn bản'),
    ("assignments-text", _variant("assignments:\n- agency", "assignments: x\nold:\n- agency"),
     ['docs/van-ban/assignments-text.md:19: assignments: expected a list, found a '
      'text — replace it with a list, written like this key in the other documents'],
     'docs/van-ban/assignments-text.md:19: assignments: cần một danh sách, gặp một '
     'đoạn văn bản — thay bằng một danh sách, viết như khóa này ở các văn bản khác'),
    ("cites-number", _variant("cites: []", "cites: 5"),
     ['docs/van-ban/cites-number.md:18: cites: expected a list, found a number — '
      'replace it with a list, written like this key in the other documents'],
     'docs/van-ban/cites-number.md:18: cites: cần một danh sách, gặp một số — thay '
     'bằng một danh sách, viết như khóa này ở các văn bản khác'),
    ("cite-item", _variant("cites: []", "cites:\n- 02-NQ/TW"),
     ['docs/van-ban/cite-item.md:19: cites[0]: expected a mapping of keys to values, '
      'found a text — replace it with a mapping of keys to values, written like this '
      'key in the other documents'],
     'docs/van-ban/cite-item.md:19: cites[0]: cần một nhóm khóa và giá trị, gặp một '
     'đoạn văn bản — thay bằng một nhóm khóa và giá trị, viết như khóa này ở các '
     'văn bản khác'),
    ("impossible-date", _variant("date: '2021-12-01'", "date: 2021-13-45"),
     ["docs/van-ban/impossible-date.md:11: date: invalid date '2021-13-45' — write "
      "it as YEAR-MONTH-DAY in quotes, e.g. '2021-11-23'"],
     "docs/van-ban/impossible-date.md:11: date: ngày '2021-13-45' không hợp lệ — "
     "viết theo dạng NĂM-THÁNG-NGÀY trong dấu nháy, ví dụ '2021-11-23'"),
    ("words-date", _variant("date: '2021-12-01'", "date: ngày 5"),
     ["docs/van-ban/words-date.md:11: date: invalid date 'ngày 5' — write it as "
      "YEAR-MONTH-DAY in quotes, e.g. '2021-11-23'"],
     "docs/van-ban/words-date.md:11: date: ngày 'ngày 5' không hợp lệ — viết theo "
     "dạng NĂM-THÁNG-NGÀY trong dấu nháy, ví dụ '2021-11-23'"),
    ("no-title", _variant("title: Tăng cường kiểm tra\n", ""),
     ["docs/van-ban/no-title.md:2: title: no 'title' — the page shows the file name instead; "
      "add a 'title: …' line"],
     "docs/van-ban/no-title.md:2: title: thiếu 'title' (trích yếu) — trang đang lấy tên tệp "
     "làm tiêu đề; thêm dòng 'title: …'"),
    ("list-title", _variant("title: Tăng cường kiểm tra", "title: [a, b]"),
     ['docs/van-ban/list-title.md:12: title: expected a text, found a list — replace '
      'it with a text, written like this key in the other documents',
      "docs/van-ban/list-title.md:12: title: no 'title' — the page shows the file "
      "name instead; add a 'title: …' line"],
     'docs/van-ban/list-title.md:12: title: cần một đoạn văn bản, gặp một danh sách '
     '— thay bằng một đoạn văn bản, viết như khóa này ở các văn bản khác'),
    ("signer-text", _variant("signer:\n  authority: null\n  title: null\n  name: null",
                             "signer: Nguyễn Văn A"),
     ['docs/van-ban/signer-text.md:13: signer: expected a mapping of keys to values, '
      'found a text — replace it with a mapping of keys to values, written like this '
      'key in the other documents'],
     'docs/van-ban/signer-text.md:13: signer: cần một nhóm khóa và giá trị, gặp một '
     'đoạn văn bản — thay bằng một nhóm khóa và giá trị, viết như khóa này ở các '
     'văn bản khác'),
    ("no-agency", _variant("- agency: Văn phòng\n  role", "- role"),
     ["docs/van-ban/no-agency.md:20: assignments[0]: missing required key 'agency'"],
     "docs/van-ban/no-agency.md:20: assignments[0]: thiếu khóa bắt buộc 'agency'"),
    ("bad-tag", _variant("cites: []", "cites: !!int abc"),
     ['docs/van-ban/bad-tag.md:1: cannot read the front matter: invalid literal for '
      "int() with base 10: 'abc' — check the lines between the two '---' lines: a "
      'colon after each key, spaces for indentation, quotes closed'],
     'docs/van-ban/bad-tag.md:1: không đọc được phần thông tin đầu trang (front '
     "matter): invalid literal for int() with base 10: 'abc' — kiểm tra các dòng "
     "giữa hai dòng '---': dấu hai chấm sau tên khóa, thụt lề bằng dấu cách, dấu "
     'nháy đóng mở đủ'),
    ("other-slug", _variant("vanban: 1\n", "vanban: 1\nslug: ct-2021-12-01-an-phu\n"),
     ["docs/van-ban/other-slug.md:3: slug: slug 'ct-2021-12-01-an-phu' differs from the file "
      "name 'other-slug' — the page's address comes from the file name (van-ban/other-slug/): "
      "make slug 'other-slug' or rename the file to ct-2021-12-01-an-phu.md"],
     "docs/van-ban/other-slug.md:3: slug: slug 'ct-2021-12-01-an-phu' khác tên tệp "
     "'other-slug' — địa chỉ trang lấy theo tên tệp (van-ban/other-slug/): sửa slug thành "
     "'other-slug' hoặc đổi tên tệp thành ct-2021-12-01-an-phu.md"),
    ("Chỉ thị 5", BASE,
     ["docs/van-ban/Chỉ thị 5.md:1: the file name 'Chỉ thị 5.md' cannot be a page address "
      "(only lower-case ASCII letters, digits and hyphens, at most 80 characters) — rename it "
      "to chi-thi-5.md"],
     "docs/van-ban/Chỉ thị 5.md:1: tên tệp 'Chỉ thị 5.md' không dùng được làm địa chỉ trang "
     "(chỉ chữ thường không dấu, số và dấu gạch nối, tối đa 80 ký tự) — đổi tên thành "
     "chi-thi-5.md"),
]


@pytest.mark.parametrize("stem, text, english, vietnamese", CASES, ids=[c[0] for c in CASES])
def test_malformed_front_matter_is_reported_with_file_and_line(
        tmp_path: Path, stem: str, text: str, english: list[str], vietnamese: str) -> None:
    path = tmp_path / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_document(path, f"van-ban/{path.name}", f"docs/van-ban/{path.name}")
    assert [p.message("en") for p in problems] == english
    assert problems[0].message("vi") == vietnamese
    readable = not english[0].split(": ", 1)[1].startswith(("cannot read", "not a document"))
    assert (doc is not None) == readable
    if doc is not None and "date" in stem:
        assert doc.date is None and doc.year is None


def test_an_infinite_line_number_is_ignored(tmp_path: Path) -> None:
    # found by tests/test_yaml_fuzz.py: int(float("inf")) raised OverflowError
    path = tmp_path / "ct-1.md"
    path.write_text(_variant("  line: 7", "  line: .inf"), encoding="utf-8")
    doc, problems = read_document(path, "van-ban/ct-1.md", "docs/van-ban/ct-1.md")
    assert problems == [] and doc is not None and doc.tasks[0].line == 0


def test_a_valid_document_has_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "ct-1.md"
    path.write_text(BASE, encoding="utf-8")
    doc, problems = read_document(path, "van-ban/ct-1.md", "docs/van-ban/ct-1.md")
    assert problems == [] and doc is not None and doc.date == "2021-12-01"


def test_every_broken_file_fails_the_strict_build_and_keeps_its_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    folder = project / "docs" / "van-ban"
    for stem, text, _en, _vi in CASES:
        (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    # a second copy of a document under another name, its slug: still the original's
    original = (folder / "kh-05-ldld-2020.md").read_text(encoding="utf-8")
    (folder / "kh-05-ldld-2020-ban-sao.md").write_text(original, encoding="utf-8")
    strict = build(project)
    assert strict.returncode != 0
    assert "Traceback" not in strict.stderr
    for _stem, _text, english, _vi in CASES:
        for line in english:
            assert f"WARNING -  vanban: {line}\n" in strict.stderr, line
    assert ("WARNING -  vanban: docs/van-ban/kh-05-ldld-2020-ban-sao.md:3: slug: slug "
            "'kh-05-ldld-2020' is also the slug of docs/van-ban/kh-05-ldld-2020.md — are both "
            "files the same document? Remove one, or make each slug its file name"
            ) in strict.stderr
    lenient = build(project, strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert "Traceback" not in lenient.stderr
    site = project / "site"
    for stem, *_ in CASES:                         # no file is lost
        assert (site / "van-ban" / stem / "index.html").is_file(), stem
    # MkDocs cannot read `date: 2021-13-45` (it would show the YAML as text); the portal
    # shows the document, its title, and no date
    html = page(site, "van-ban/impossible-date/")
    assert "vanban: 1" not in html and "2021-13-45" not in html
    assert "<h1" in html and "Tăng cường kiểm tra" in html
    assert 'class="vb-card"' in html
    assert "Văn phòng" in page(site, "co-quan/ldld-an-phu-van-phong/")


# ---- citations -----------------------------------------------------------------------------

def _cites(*numbers: str) -> str:
    return "cites:\n" + "".join(
        f"- type:\n    code: CT\n    name: Chỉ thị\n  number: {n}\n  date: '2021-01-01'\n"
        f"  issuer: null\n  relation: dan_chieu\n  summary: null\n  line: 3\n" for n in numbers)


def test_circular_and_self_citations_build_and_link_once(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    folder = project / "docs" / "van-ban"
    a = _variant("number: null", "number: 1/CT-LĐLĐ").replace(
        "cites: []", _cites("2/CT-LĐLĐ", "1/CT-LĐLĐ"))          # cites B and itself
    b = _variant("number: null", "number: 2/CT-LĐLĐ").replace(
        "cites: []", _cites("1/CT-LĐLĐ")).replace("'2021-12-01'", "'2021-12-02'")
    (folder / "ct-1-ldld-2021.md").write_text(a, encoding="utf-8")
    (folder / "ct-2-ldld-2021.md").write_text(b, encoding="utf-8")
    site = built_site(project)                   # strict, no warning
    page_a, page_b = page(site, "van-ban/ct-1-ldld-2021/"), page(site, "van-ban/ct-2-ldld-2021/")
    assert '<a href="../ct-2-ldld-2021/">Chỉ thị số 2/CT-LĐLĐ</a>' in page_a
    assert '<a href="../ct-1-ldld-2021/">Chỉ thị số 1/CT-LĐLĐ</a>' in page_b
    # the self-citation is listed, not linked, and A is not "cited by" itself
    assert '<span class="vb-cite__label">Chỉ thị số 1/CT-LĐLĐ</span>' in page_a
    cited_by_a = page_a.split('id="vb-duoc-trich-dan"', 1)[1].split("</section>", 1)[0]
    assert "ct-2-ldld-2021" in cited_by_a and "ct-1-ldld-2021" not in cited_by_a


def test_a_portal_without_documents_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    for folder in (project / "docs" / "van-ban", project / "data" / "targets"):
        shutil.rmtree(folder)
        folder.mkdir()
    assert built_site(project).is_dir()          # a portal with no documents at all
