"""Issue 19, the held-out documents (tests/fixtures/real/docs/50-53): general rules for the
families they revealed, tested on real text copied from them (pdftotext -layout, as the PDF
reader gives it). Expected values come from reading the documents."""

from __future__ import annotations

from vanban.pipeline import convert

# 51: a Tỉnh ủy draft programme, its cover page before the real header (pdftotext -layout)
COVER_51 = """\
           ĐẢNG CỘNG SẢN VIỆT NAM
    BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THÁI NGUYÊN




  DỰ THẢO CHƯƠNG TRÌNH HÀNH ĐỘNG
THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH
         LẦN THỨ I, NHIỆM KỲ 2025 - 2030




                LƯU HÀNH NỘI BỘ




                   THÁNG 9 - 2025
                                     3
\f"""
HEADER_51 = """\
   TỈNH ỦY THÁI NGUYÊN                   ĐẢNG CỘNG SẢN VIỆT NAM
            *
        Số -CTr/TU                       Thái Nguyên, ngày tháng 9 năm 2025
          Dự thảo

                   CHƯƠNG TRÌNH HÀNH ĐỘNG
        thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I,
                           nhiệm kỳ 2025 - 2030
                                   -----

     Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Thái Nguyên lần
thứ I, nhiệm kỳ 2025 - 2030; căn cứ tình hình thực tiễn, Ban Chấp hành Đảng
bộ tỉnh Thái Nguyên khóa I xây dựng Chương trình hành động thực hiện
Nghị quyết Đại hội, cụ thể như sau:
    I. MỤC ĐÍCH, YÊU CẦU
    1. Chương trình hành động nhằm cụ thể hóa và tổ chức thực hiện hiệu
quả Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 -
2030 (Nghị quyết), trên cơ sở bám sát quan điểm chỉ đạo, mục tiêu, định
hướng phát triển, nhiệm vụ trọng tâm và các đột phá chiến lược.
"""
TITLE_51 = "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030"


def test_the_header_after_a_cover_page_is_the_documents() -> None:
    doc = convert(COVER_51 + HEADER_51, "51.pdf", "pdf")
    assert (doc.issuer, doc.parent_issuer) == ("TỈNH ỦY THÁI NGUYÊN", None)
    assert (doc.place, doc.date, doc.number) == ("Thái Nguyên", None, None)
    assert doc.type.code == "CTr" and doc.title == TITLE_51
    # the cover stays in the page, in order, before the header (lossless)
    cover = [s.text for s in doc.head if s.role == "cover"]
    assert cover[:2] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THÁI NGUYÊN"]
    assert "LƯU HÀNH NỘI BỘ" in cover and "THÁNG 9 - 2025" in cover
    assert doc.body[0].text.startswith("Thực hiện Nghị quyết")  # type: ignore[union-attr]
    assert doc.body[1].marker == "I."  # type: ignore[union-attr]


def test_the_same_header_without_its_cover_reads_the_same() -> None:
    doc = convert(HEADER_51, "51.pdf", "pdf")
    assert (doc.issuer, doc.place, doc.type.code, doc.title) == (
        "TỈNH ỦY THÁI NGUYÊN", "Thái Nguyên", "CTr", TITLE_51)
    assert not [s for s in doc.head if s.role == "cover"]


def test_a_header_whose_motto_is_under_the_issuer_is_no_cover() -> None:
    # 50's header as a reader that does not keep the columns side by side would give it
    text = ("ỦY BAN NHÂN DÂN\nPHƯỜNG SA ĐÉC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 149/QĐ-UBND\nSa Đéc, ngày 26 tháng 12 năm 2025\n\n"
            "QUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo bầu cử\n\nĐiều 1. Thành lập Ban.\n")
    doc = convert(text, "50.txt", "txt")
    assert (doc.issuer, doc.parent_issuer) == ("ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC", None)
    assert doc.number == "149/QĐ-UBND" and doc.type.code == "QĐ"
    assert not [s for s in doc.head if s.role == "cover"]


def test_a_document_without_header_followed_by_another_is_no_cover() -> None:
    # a programme's text (no header), then a second document with its own header
    text = ("CHƯƠNG TRÌNH HÀNH ĐỘNG\n" + TITLE_51 + "\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Chương trình hành động nhằm cụ thể hóa và tổ chức thực "
            "hiện hiệu quả Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I.\n\n" + HEADER_51)
    doc = convert(text, "x.pdf", "pdf")
    assert doc.title == TITLE_51 and doc.place is None
    assert not [s for s in doc.head if s.role == "cover"]
