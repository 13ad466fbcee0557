"""Converter: golden files, hand-checked facts of the seeds, losslessness, encodings, CLI errors.

Golden files: tests/fixtures/convert/<case>/input.<ext> (any input the converter reads), or a
file `real` naming a document of tests/fixtures/real/docs (one copy of each real document) →
expected.json (the model, `vanban parse --json`) and expected.md (the import). One case per
layout family (`layout-*`: PDF text, OCR, Markdown, Word text, .docx, .doc, Word .htm, PDF,
news crawl, web portal), besides the seeds. Cases are discovered automatically; on mismatch the
test prints a unified diff. Refresh with:

    VANBAN_UPDATE_GOLDEN=1 make test-fast      # then review `git diff tests/fixtures`
"""

from __future__ import annotations

import difflib
import json
import os
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from vanban.cli import main
from vanban.lossless import missing_words
from vanban.pipeline import convert as parse
from vanban.pipeline import convert_file
from vanban.render import render_markdown
from vanban.sources import read_source

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
REAL_DOCS = Path(__file__).parent / "fixtures" / "real" / "docs"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
UPDATE = os.environ.get("VANBAN_UPDATE_GOLDEN") == "1"


def _input(case: str) -> Path:
    real = FIXTURES / case / "real"
    if real.exists():
        return REAL_DOCS / real.read_text(encoding="utf-8").strip()
    return next(p for p in (FIXTURES / case).iterdir() if p.stem == "input")


def _parse_case(case: str):
    return convert_file(_input(case))


def _compare(expected_path: Path, actual: str) -> None:
    if UPDATE or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{expected_path} did not exist; written — review and commit it")
        return
    expected = expected_path.read_text(encoding="utf-8")
    if expected != actual:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(expected_path), tofile="actual", n=2))
        pytest.fail(f"golden mismatch (VANBAN_UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")


@pytest.mark.parametrize("case", CASES)
def test_golden_json(case: str) -> None:
    doc = _parse_case(case)
    actual = json.dumps(doc.to_json("en"), ensure_ascii=False, indent=2) + "\n"
    _compare(FIXTURES / case / "expected.json", actual)


@pytest.mark.parametrize("case", CASES)
def test_golden_markdown(case: str) -> None:
    _compare(FIXTURES / case / "expected.md", render_markdown(_parse_case(case)))


@pytest.mark.parametrize("case", CASES)
def test_lossless(case: str) -> None:
    path = _input(case)
    doc = convert_file(path)
    assert missing_words(read_source(path), render_markdown(doc), doc.removed) == []


@pytest.mark.parametrize("text", ["_", "__\nKẾ HOẠCH\nx",
                                  "LIÊN ĐOÀN LAO ĐỘNG\n_______\nSố: 1/KH-LĐLĐ"])
def test_decorative_rules_are_artefacts_not_lost_words(text: str) -> None:
    """A rule line ("______" under a header column) is dropped as an artefact; the lossless
    check counted its underscores as a lost word (found by the fuzz test with more examples)."""
    doc = parse(text, "x.txt")
    assert "rule" in {r.role for r in doc.removed}
    assert missing_words(text, render_markdown(doc), doc.removed) == []


def test_lossless_check_catches_a_dropped_word() -> None:
    text = read_source(_input("seed-002-ke-hoach"))
    md = render_markdown(parse(text, "x.txt")).replace("Dương Đức Khanh", "Dương Khanh")
    assert ("Đức", 133) in missing_words(text, md)


# ---- facts checked by hand against the seed texts -------------------------------------------

def test_seed_001_directive_without_header() -> None:
    doc = _parse_case("seed-001-chi-thi")
    assert (doc.type.code, doc.type.name) == ("CT", "Chỉ thị")
    assert doc.number is None
    assert (doc.place, doc.date) == ("Điện Biên", "2021-11-10")
    assert doc.issuer == "Ban Thường vụ Tỉnh ủy Điện Biên"
    assert doc.title == ("về tăng cường đổi mới tổ chức và hoạt động của Công đoàn tỉnh "
                         "trong tình hình mới")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Mùa A Sơn")
    assert doc.recipients[0] == "Tổng LĐLĐ Việt Nam (b/c)"
    assert doc.recipients[-1] == "Lưu Văn phòng Tỉnh ủy, TH1"
    assert [s.number for s in doc.body if s.kind == "section"] == [str(i) for i in range(1, 8)]
    leads = {a.agency for a in doc.assignments if a.role == "lead"}
    assert {"Ban cán sự đảng UBND tỉnh", "Đảng đoàn Liên đoàn Lao động tỉnh",
            "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"} <= leads
    support = {(a.agency, a.line) for a in doc.assignments if a.role == "support"}
    assert ("Sở Thông tin và Truyền thông", 48) in support
    nq02 = next(c for c in doc.cites if c.number == "02-NQ/TW")
    assert (nq02.date, nq02.issuer, nq02.type.code) == ("2021-06-12", "Bộ Chính trị", "NQ")
    assert {c.number for c in doc.cites} >= {"20-NQ/TW", "37-CT/TW", "10-NQ/TU"}
    # the page break inside item 6 (lines 48 and 50) is re-joined into one sentence
    item6 = next(s for s in doc.body if s.kind == "section" and s.number == "6")
    assert "đảng viên, người sử dụng lao động" in item6.text
    # the closing sentence is not an assignment of item 7
    assert all(a.line != 54 for a in doc.assignments)


def test_seed_002_plan_placeholder_number_and_prose_targets() -> None:
    doc = _parse_case("seed-002-ke-hoach")
    assert doc.number is None
    assert any(w.code == "number_placeholder" and w.line == 3 for w in doc.warnings)
    assert (doc.type.code, doc.place, doc.date) == ("KH", "Ninh Bình", "2020-03-12")
    assert doc.issuer == "Ban Thường vụ LĐLĐ tỉnh Ninh Bình"
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Dương Đức Khanh")
    t = {(t.value, t.unit, t.comparator, t.deadline, t.line) for t in doc.targets}
    assert (100, "%", None, "annual", 23) in t            # "Hằng năm 100% chủ tịch CĐCS …"
    assert (100, "%", None, "term-end", 25) in t          # "Đến hết nhiệm kỳ, 100% …"
    assert (30, "%", "≥", "term-end", 33) in t            # "… có 30% trở lên CĐCS …"
    cite = doc.cites[0]
    assert (cite.number, cite.date, cite.relation) == ("1563/CTr-TLĐ", "2019-10-09", "thuc_hien")
    by_agency = {(a.agency, a.line): a for a in doc.assignments}
    assert by_agency[("Ban Tổ chức LĐLĐ tỉnh", 85)].deadline == (
        "theo định kỳ 6 tháng; hằng năm; trước ngày 30/5; trước ngày 30/11")
    assert ("Ban Tài chính LĐLĐ tỉnh", 89) in by_agency
    assert ("Ban Thường vụ LĐLĐ tỉnh", 77) in by_agency
    assert [c.role for c in doc.closing][:2] == ["initials", "recipients_heading"]


def test_seed_003_programme_header_targets_and_appendix() -> None:
    doc = _parse_case("seed-003-chuong-trinh")
    assert doc.number == "17/CTr-LĐLĐ"
    assert doc.issuer == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH"
    assert doc.parent_issuer == "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
    assert (doc.place, doc.date, doc.type.name) == ("Bình Định", "2021-11-23",
                                                    "Chương trình hành động")
    assert doc.title.startswith("Thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2021")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name, doc.signer.signed) == (
        "TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Nguyễn Mạnh Hùng", True)
    assert "Lưu: VT, Ban TG-NC" in doc.recipients and "Tỉnh uỷ Bình Định" in doc.recipients
    romans = [s.number for s in doc.body if s.kind == "section"]
    assert romans == ["I", "II", "III", "III"]          # both "III." kept as printed
    assert len({s.anchor for s in doc.body}) == len(doc.body)
    targets = {(t.value, t.unit, t.comparator, t.deadline, t.line) for t in doc.targets}
    assert (90, "%", ">", "annual", 26) in targets       # "hơn 90% ĐVNLĐ"
    assert (5000, "đoàn viên", None, "annual", 30) in targets
    assert (19000, "đoàn viên", None, 2023, 36) in targets
    assert (105000, "đoàn viên", None, 2025, 44) in targets
    assert (80, "%", "≥", 2025, 45) in targets
    assert (99, "%", "≥", 2045, 53) in targets
    assert (20, "%", "≥", "annual", 28) in targets       # "20% số đoàn viên trở lên"
    assert not any(t.value == 25 for t in doc.targets)   # "có từ 25 công nhân" qualifies
    giao = [a for a in doc.assignments if a.line == 111]
    assert [(a.agency, a.role, a.deadline) for a in giao] == [
        ("Ban Tuyên giáo - Nữ công", "lead", "quý IV/2021")]
    assert any(a.agency == "Công đoàn cấp trên trực tiếp cơ sở" and a.line == 118
               and a.deadline == "hoàn thành tháng 01/2022" for a in doc.assignments)
    # the appendix table: 16 rows, lead unit and year per row
    assert len(doc.parts) == 1 and doc.parts[0].kind == "appendix"
    table = doc.parts[0].body[0]
    assert table.kind == "table" and len(table.rows) == 16
    rows = [a for a in doc.assignments if a.anchor.startswith(table.anchor)]
    assert ("Văn phòng", "2021-2023") in {(a.agency, a.deadline) for a in rows}
    assert {a.agency for a in rows if a.line == 210} == {"Văn phòng", "Ban Tuyên giáo - Nữ công"}
    # "Kết luận số 79-KL/TW ngày 25/12/1013": an impossible date is reported, not invented
    assert [w.message("en") for w in doc.warnings if w.code == "bad_year"] == [
        "date '25/12/1013' has an implausible year 1013 — left empty; correct it in the page"]
    assert [r.text for r in doc.removed][:2] == ["[bookmark: _GoBack]",
                                                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_seed_004_number_with_space_dotted_sections() -> None:
    doc = _parse_case("seed-004-chuong-trinh")
    assert doc.number == "01/CTr-CDVC"
    assert doc.issuer == "Ban Thường vụ Công đoàn Viên chức tỉnh Phú Thọ"
    assert (doc.place, doc.date) == ("Phú Thọ", "2024-03-13")
    assert doc.term == (2023, 2028)
    sec2 = doc.body[2].children[1]
    assert (sec2.number, sec2.children[0].number) == ("2", "2.1")
    assert {(t.value, t.comparator, t.deadline) for t in doc.targets} >= {
        (85, "≥", "annual"), (1, "≥", "annual"), (100, "≥", "annual")}
    cite = next(c for c in doc.cites if c.relation == "can_cu")
    assert (cite.number, cite.date) == ("25/CTr-LĐLĐ", "2024-01-24")
    items = [i.text[:3] for i in doc.body[2].children[2].children]
    assert items == ["(1)", "(2)", "(3)"]
    assert {a.agency for a in doc.assignments} == {"Công đoàn Viên chức tỉnh", "Công đoàn cơ sở"}


# ---- input forms ---------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["utf-8-sig", "utf-16", "utf-16-le", "crlf", "nfd", "eth"])
def test_encodings_give_the_same_document(tmp_path: Path, form: str) -> None:
    text = _input("seed-003-chuong-trinh").read_text(encoding="utf-8")
    expected = parse(text, "x.txt").to_json("en")
    path = tmp_path / "x.txt"
    if form == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    elif form == "nfd":
        path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    elif form == "eth":
        path.write_bytes(text.replace("Đ", "\u00d0").encode("utf-8"))
    elif form == "utf-16-le":
        path.write_bytes(text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(form))
    assert parse(read_source(path), "x.txt").to_json("en") == expected


def test_docx_with_header_table_and_numbering(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH"
    head.cell(0, 0).add_paragraph("Số: 05/KH-LĐLĐ")
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    head.cell(0, 1).add_paragraph("Bình Định, ngày 02 tháng 3 năm 2026")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Tổ chức Tháng Công nhân năm 2026")
    d.add_paragraph("")
    d.add_paragraph("I. MỤC ĐÍCH")
    d.add_paragraph("Phấn đấu 100% công đoàn cơ sở tổ chức hoạt động.", style="List Number")
    d.add_paragraph("Ban Tổ chức chủ trì, phối hợp với Văn phòng (quý II/2026).",
                    style="List Number")
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Tổng LĐLĐ Việt Nam;")
    d.add_paragraph("TM. BAN THƯỜNG VỤ")
    d.add_paragraph("CHỦ TỊCH")
    d.add_paragraph("Nguyễn Văn An")
    path = tmp_path / "kh.docx"
    d.save(str(path))
    doc = parse(read_source(path), path.name)
    assert (doc.number, doc.type.code, doc.date) == ("05/KH-LĐLĐ", "KH", "2026-03-02")
    assert doc.issuer == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH"
    assert doc.title == "Tổ chức Tháng Công nhân năm 2026"
    sec = doc.body[0]
    assert [c.number for c in sec.children] == ["1", "2"]   # Word numbering, not in the text
    assert (doc.targets[0].value, doc.targets[0].unit) == (100, "%")
    assert ("Ban Tổ chức", "lead", "quý II/2026") in {
        (a.agency, a.role, a.deadline) for a in doc.assignments}
    assert ("Văn phòng", "support") in {(a.agency, a.role) for a in doc.assignments}
    assert doc.signer.name == "Nguyễn Văn An"


# ---- the CLI ---------------------------------------------------------------------------------

def test_parse_json_keys() -> None:
    result = CliRunner().invoke(main, ["parse", str(_input("seed-003-chuong-trinh")), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("number", "type", "issuer", "parent_issuer", "place", "date", "title", "signer",
                "recipients", "cites", "body", "targets", "assignments", "warnings"):
        assert key in data
    assert set(data["signer"]) == {"authority", "title", "name"}
    assert {"type", "number", "date", "issuer"} <= set(data["cites"][0])
    assert set(data["assignments"][0]) >= {"agency", "role", "task", "deadline", "line"}
    assert data["body"][1]["line"] == 20 and data["body"][1]["children"][0]["line"] == 21


@pytest.mark.parametrize("name,content,en", [
    ("empty.txt", b"", "the file is empty, nothing to import"),
    ("blank.txt", b"  \n\n\t\n", "the file is empty, nothing to import"),
    ("bin.txt", b"\x00\x01\x02\x03binary\x00", "the file is not readable text"),
    # bytes that neither UTF-8 nor cp1258/cp1252 define (0x81, 0x8d) are no text
    ("latin1.txt", "Bình Định".encode("cp1258", errors="replace") + b"\x81\x8d\x81",
     "the file is not readable text"),
    ("doc.rtf", b"{\\rtf1 ...}", "cannot read '.rtf' files — only .txt, .md, .docx, .doc"),
    ("doc.pdf", b"%PDF-1.4 ...", "the .pdf file is damaged"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "the .docx file is damaged"),
])
def test_bad_input_is_refused_and_nothing_written(tmp_path: Path, name: str, content: bytes,
                                                  en: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    runner = CliRunner()
    docs = tmp_path / "docs"
    result = runner.invoke(main, ["--lang", "en", "import", str(path), "--docs", str(docs),
                                  "--data", str(tmp_path / "data")])
    assert result.exit_code == 1                    # a refused file: exit 1 (issue 19)
    assert f"{path}: {en}" in result.output
    assert "Imported 0 files, refused 1." in result.output
    assert "Traceback" not in result.output
    assert not docs.exists()
    vi = runner.invoke(main, ["--lang", "vi", "parse", str(path)])
    assert vi.exit_code == 2 and str(path) in vi.output and "Traceback" not in vi.output


def test_missing_file_message_in_vietnamese(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "khong-co.txt")])
    assert result.exit_code == 2
    assert result.output.strip() == f"{tmp_path / 'khong-co.txt'}: không tìm thấy tệp — kiểm " \
                                    "tra lại đường dẫn"


def test_twenty_megabytes_is_refused_with_a_size_message(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    result = CliRunner().invoke(main, ["--lang", "en", "parse", str(path)])
    assert result.exit_code == 2
    assert "file too large (20.0 MB; the limit is 20 MB)" in result.output


def test_import_writes_refuses_overwrite_and_forces(tmp_path: Path) -> None:
    runner = CliRunner()
    src = _input("seed-003-chuong-trinh")
    args = ["--lang", "en", "import", str(src), "--docs", str(tmp_path / "docs"),
            "--data", str(tmp_path / "data")]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "agencies.yml").write_bytes((ROOT / "data" / "agencies.yml").read_bytes())
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    page = tmp_path / "docs" / "van-ban" / "ctr-17-ldld-2021.md"
    targets = tmp_path / "data" / "targets" / "ctr-17-ldld-2021.yml"
    assert page.exists() and targets.exists()
    assert "Warnings to review (1):" in first.output
    page.write_text(page.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    second = runner.invoke(main, args)
    assert second.exit_code == 1
    label = page.relative_to(Path.cwd()) if page.is_relative_to(Path.cwd()) else page
    assert f"{src}: this document is already imported as {label} (same number, issuer, place " \
        "and date) — not imported again; use --force to re-import it" in second.output
    assert page.read_text(encoding="utf-8").endswith("Sửa tay.\n")
    third = runner.invoke(main, [*args, "--force"])
    assert third.exit_code == 0
    assert not page.read_text(encoding="utf-8").endswith("Sửa tay.\n")
    original = page.with_suffix(".txt")                 # the imported file, kept for download
    assert original.read_bytes() == src.read_bytes()
    # no temp files left
    assert sorted(p.name for p in page.parent.iterdir()) == [page.name, original.name]


def test_import_refuses_the_same_document_twice_in_a_batch(tmp_path: Path) -> None:
    src = _input("seed-004-chuong-trinh")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(src.read_bytes())
    result = CliRunner().invoke(main, ["--lang", "en", "import", str(src), str(copy),
                                       "--docs", str(tmp_path / "docs"),
                                       "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert f"{copy}: the same document as {src} in this import (same number, issuer, place " \
        "and date) — imported once" in result.output
    assert "Imported 1 files, refused 1." in result.output
    assert sorted(p.name for p in (tmp_path / "docs" / "van-ban").iterdir()) == [
        "ctr-01-cdvc-2024.md", "ctr-01-cdvc-2024.txt"]


def test_family_decision_with_attachment_gazette_and_stamps() -> None:
    """A hand-written case of the wider family: header columns run together on one line,
    gazette page headers and a page number, digital-signature stamps, a citation split over a
    line break, a decision whose Điều 1 issues a plan printed after the signature, a "|" table."""
    doc = _parse_case("family-quyet-dinh-kem-ke-hoach")
    assert (doc.number, doc.type.code, doc.place, doc.date) == (
        "156/QĐ-UBND", "QĐ", "Bình Định", "2026-01-15")
    assert doc.issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    assert doc.title == "Về việc ban hành Kế hoạch thực hiện Chỉ thị 34-CT/TW trên địa bàn tỉnh"
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình")
    assert [s.number for s in doc.body if s.kind == "section"] == ["1", "2", "3"]
    removed = [r.text for r in doc.removed]
    assert removed.count("CÔNG BÁO/Số 123 + 124/Ngày 01-02-2026") == 2 and "12" in removed
    assert "Email: ubnd@binhdinh.gov.vn" in removed
    cite = next(c for c in doc.cites if c.number == "123/TB-VPCP")   # "số\n123/TB-VPCP"
    assert (cite.date, cite.issuer, cite.relation) == ("2026-01-05", "Văn phòng Chính phủ",
                                                      "can_cu")
    assert "156/QĐ-UBND" not in {c.number for c in doc.cites}        # its own number
    part = doc.parts[0]
    assert (part.kind, part.title) == ("attachment", "Thực hiện Chỉ thị 34-CT/TW trên địa bàn tỉnh")
    assert [(t.value, t.comparator, t.deadline) for t in doc.targets] == [(95, "≥", 2027)]
    assert [(a.agency, a.role, a.deadline) for a in doc.assignments] == [
        ("Sở Nội vụ", "lead", "quý II/2026"),
        ("Liên đoàn Lao động tỉnh", "support", "quý II/2026"),
        ("Sở Nội vụ", "lead", "Quý I/2026"), ("Liên đoàn Lao động tỉnh", "support", "Quý I/2026"),
        ("Liên đoàn Lao động tỉnh", "lead", "Tháng 12/2027"),
        ("Sở Nội vụ", "support", "Tháng 12/2027")]


@pytest.mark.parametrize("stamp", ["Signature Not Verified", "SIGNATURE NOT VERIFIED",
                                   "signature not verified"])
def test_signature_stamp_is_dropped_in_any_case(stamp: str) -> None:
    """The stamp pattern ignores case; a case-sensitive shortcut before it once let the upper-
    case stamp through into the body."""
    text = f"QUYẾT ĐỊNH\nVề việc x\n\nĐiều 1. Ban hành.\n{stamp}\nĐiều 2. Hiệu lực.\n"
    doc = parse(text, "x.txt")
    assert [r.text for r in doc.removed] == [stamp]
    assert [n.text for n in doc.body] == ["Ban hành.", "Hiệu lực."]


def test_family_party_guidance() -> None:
    """Party style: "ĐẢNG CỘNG SẢN VIỆT NAM" motto, star rule, "Số 12-HD/BTGTU" without colon,
    "K/T TRƯỞNG BAN", a) b) points, "Đề nghị X" for a body that is not subordinate."""
    doc = _parse_case("family-huong-dan-dang")
    assert (doc.number, doc.type.code, doc.type.name) == ("12-HD/BTGTU", "HD", "Hướng dẫn")
    assert (doc.issuer, doc.parent_issuer) == ("BAN TUYÊN GIÁO", "TỈNH ỦY ĐIỆN BIÊN")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name, doc.signer.signed) == (
        "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lò Văn Mừng", True)
    points = doc.body[1].children[0].children
    assert [(p.kind, p.marker) for p in points] == [("item", "a)"), ("item", "b)")]
    assert [(c.number, c.relation) for c in doc.cites] == [("45-KH/TU", "thuc_hien")]
    assert [(a.agency, a.deadline) for a in doc.assignments] == [
        ("Đảng đoàn Liên đoàn Lao động tỉnh", "trước ngày 28/7/2026"),
        ("Ủy ban MTTQ Việt Nam tỉnh", None)]
    assert [r.text for r in doc.removed] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "*"]


def test_labelled_lead_support_and_time_lines() -> None:
    """"Đơn vị chủ trì: … / Đơn vị phối hợp: … / Thời gian thực hiện: …" under a task."""
    text = "\n".join([
        "KẾ HOẠCH", "Chuyển đổi số năm 2026", "",
        "II. NHIỆM VỤ",
        "1. Xây dựng phần mềm quản lý đoàn viên",
        "- Đơn vị chủ trì: Văn phòng",
        "- Đơn vị phối hợp: Ban Tổ chức, Ban Tài chính",
        "- Thời gian thực hiện: Quý II/2026",
        "2. Tập huấn sử dụng phần mềm",
        "Cơ quan chủ trì: Ban Tuyên giáo",
    ])
    doc = parse(text, "kh.txt")
    assert [(a.agency, a.role, a.task, a.deadline, a.line) for a in doc.assignments] == [
        ("Văn phòng", "lead", "Xây dựng phần mềm quản lý đoàn viên", "Quý II/2026", 5),
        ("Ban Tổ chức", "support", "Xây dựng phần mềm quản lý đoàn viên", "Quý II/2026", 5),
        ("Ban Tài chính", "support", "Xây dựng phần mềm quản lý đoàn viên", "Quý II/2026", 5),
        ("Ban Tuyên giáo", "lead", "Tập huấn sử dụng phần mềm", None, 9),
    ]


def test_a_cited_number_with_a_letter_is_found() -> None:
    """"Quyết định số 12a/QĐ-UBND": the letter after the digits (and a code starting with "Ư")
    is part of a cited number, found by the whole parse, not only by find_citations."""
    doc = parse("LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH\nSố: 05/KH-LĐLĐ\n"
                "Bình Định, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\nTổ chức Tháng Công nhân\n"
                "Thực hiện Quyết định số 12a/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh "
                "và Thông báo số 7/ƯB ngày 06/01/2026, Ban Thường vụ ban hành Kế hoạch.\n"
                "I. MỤC ĐÍCH\n1. Tuyên truyền.\n")
    assert [(c.number, c.date) for c in doc.cites] == [("12a/QĐ-UBND", "2026-01-05"),
                                                      ("7/ƯB", "2026-01-06")]
