"""The normalising stage (vanban.normalise): each layout family → the seeds' shape. Inputs are
lines of the real documents in tests/fixtures/real/docs (and the header of issue 19's report);
what each should become is read from the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.normalise import normalise, split_columns
from vanban.pipeline import convert

REAL = Path(__file__).parent / "fixtures" / "real" / "docs"


def _lines(text: str, kind: str = "txt") -> list[str]:
    return [t for _, t in normalise(text, kind).lines]


def _doc(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def test_pdf_text_header_columns_become_cells_and_page_furniture_is_recorded() -> None:
    text = _doc("03_ubnd-laocai-cv5973-thanhkiemtra-khoangsan.txt")
    norm = normalise(text)
    assert norm.layout == "pdf"
    lines = [t for _, t in norm.lines]
    assert lines[0] == "ỦY BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "Số: 5973 /UBND-KT\tLào Cai, ngày 11 tháng 6 năm 2026" in lines
    # the V/v summary wrapped over four lines of the left column is one line again
    assert ("V/v tăng cường công tác quản lý, thanh tra, kiểm tra hoạt động khoáng sản trên địa "
            "bàn tỉnh Lào Cai") in lines
    # the page numbers printed at each page's foot ("2" … "6") are dropped and recorded
    assert [(k, t) for k, t, _ in norm.removed if k == "page_number"] == \
        [("page_number", str(n)) for n in range(2, 7)]
    # a paragraph broken by a page break is one line again
    assert any(t.startswith("- Tiếp tục rà soát các bến thủy nội địa") for t in lines)


def test_a_number_broken_across_lines_is_joined_whole() -> None:
    lines = _lines(_doc("01_sct-laocai-dkt-kh1105-kiemtra-vlncn.txt"))
    assert any("theo Nghị định số 217/2025/NĐ-CP ngày 05/8/2025 của Chính phủ" in t for t in lines)


def test_a_blank_to_fill_in_is_no_column_gap() -> None:
    assert split_columns("Số:           /KH-UBND") == ["Số: /KH-UBND"]
    assert split_columns("Lào Cai, ngày       tháng      năm 2026") == \
        ["Lào Cai, ngày tháng năm 2026"]
    assert split_columns("Nơi nhận:                    KT. CHỦ TỊCH") == \
        ["Nơi nhận:", "KT. CHỦ TỊCH"]


def test_ocr_page_marks_and_running_footers_are_dropped_but_headings_kept() -> None:
    norm = normalise(_doc("02_bochinhtri-ctr31-kl75-ocr.txt"))
    assert norm.layout == "ocr" and (1, "ocr_text") in norm.warnings
    removed = {(k, t) for k, t, _ in norm.removed}
    assert ("ocr", "===== Trang 13 =====") in removed
    assert ("running_header", "18.CTRTW31.DOC 1 1") in removed      # page 11's footer
    assert ("signature_stamp", "28-07-2026 18:08:51 +07:00") in removed
    lines = [t for _, t in norm.lines]
    assert "Phụ lục 1" in lines and "Phụ lục 2" in lines             # headings, not footers


def test_a_heading_word_with_its_number_is_never_a_running_header() -> None:
    text = "\n".join(f"{'  ' * 6}Điều {n}\n{'  ' * 3}Nội dung của điều {n} như sau." for n in
                     range(1, 6))
    norm = normalise(text, "pdf")
    assert [t for _, t in norm.lines if t.startswith("Điều")] == [f"Điều {n}" for n in range(1, 6)]
    assert norm.removed == []


def test_markdown_markup_is_removed_and_tables_become_cells() -> None:
    lines = _lines(_doc("10_bochinhtri-nq57-md-from-pdf.txt"))
    assert "Số 57-NQ/TW" in lines
    assert "I- QUAN ĐIỂM CHỈ ĐẠO" in lines
    assert any(t.startswith("1. Phát triển khoa học, công nghệ") for t in lines)
    assert not any("\\-" in t or "**" in t for t in lines)
    table = _lines(_doc("07_chinhphu-nq03-ctr-nq57-md-pipetable.txt"))
    assert not any(t.lstrip().startswith("|") for t in table)
    assert any(t.count("\t") >= 3 for t in table)                   # task rows as cells


def test_a_word_text_title_split_over_paragraphs_is_one_line() -> None:
    lines = _lines(_doc("17_mttq-luongminh-kh-hoinghi-hiepthuong-2.txt"))
    assert ("Tổ chức hội nghị hiệp thương lần thứ hai để thỏa thuận, lập danh sách sơ bộ những "
            "người ứng cử đại biểu Hội đồng nhân dân xã khóa II, nhiệm kỳ 2026 - 2031") in lines


def test_a_web_portal_header_run_together_is_cut_apart() -> None:
    """Issue 19's report: text copied from a legal web portal."""
    text = ("Quyết định 435/QĐ-UBND năm 2020 về Chương trình phát triển tỉnh Kon Tum\n\n"
            "Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH "
            "CHƯƠNG TRÌNH PHÁT TRIỂN\n")
    norm = normalise(text)
    assert [t for _, t in norm.lines if t] == [
        "Số: 435/QĐ-UBND\tKon Tum, ngày 04 tháng 5 năm 2020", "QUYẾT ĐỊNH",
        "V/V BAN HÀNH CHƯƠNG TRÌNH PHÁT TRIỂN"]
    assert norm.removed[0][0] == "caption"
    doc = convert(text, "x.txt")
    assert (doc.number, doc.type.code, doc.date, doc.place) == \
        ("435/QĐ-UBND", "QĐ", "2020-05-04", "Kon Tum")
    assert doc.title == "V/V BAN HÀNH CHƯƠNG TRÌNH PHÁT TRIỂN"


def test_a_whole_document_on_one_line_is_cut_back_into_its_parts() -> None:
    doc = convert(_doc("40_dhtl-tb1110-thi-tienganh-sql-webportal.txt"), "40.txt")
    assert (doc.issuer, doc.parent_issuer) == ("TRƯỜNG ĐẠI HỌC THUỶ LỢI", "BỘ NÔNG NGHIỆP & PTNT")
    assert doc.title == ("Về tổ chức thi chuẩn Tiếng Anh đầu ra cho trình độ đại học hệ chính "
                         "quy đợt 1 năm 2019 tại Hà Nội")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == \
        ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Nguyễn Trung Việt")
    assert len(doc.recipients) == 5


@pytest.mark.parametrize("rule", ["-------------------------", "***", "________"])
def test_a_rule_on_its_own_line_is_dropped_and_recorded(rule: str) -> None:
    norm = normalise(f"KẾ HOẠCH\nTổ chức đêm nhạc\n{rule}\nThực hiện Kế hoạch số 01-KH/ĐTN")
    assert rule not in [t for _, t in norm.lines]
    assert ("rule", rule, 3) in norm.removed
