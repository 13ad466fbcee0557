# ruff: noqa: E501  (pdftotext -layout lines, copied as they are, are wider than 100)
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


# 51's appendix, a PDF table read by pdftotext -layout: the "Cơ quan chủ trì" column's cells wrap
# over two lines ("Ban Tuyên giáo và" / "Dân vận Tỉnh ủy"), sit in the middle of their rows, and
# the text of a long task runs on into the column with a single space ("cho cán bộ Ban Tuyên")
TABLE_51 = """\
                                       lần thứ I, nhiệm kỳ 2025 - 2030)
                                                                  -----
                                                                                                                             Thời gian
                                                                                                            Thời gian ban
TT                                      Nội dung                                       Cơ quan chủ trì                       triển khai
                                                                                                                hành
                                                                                                                             thực hiện
 1     Công tác lãnh đạo, chỉ đạo, triển khai thực hiện Nghị quyết

(1)    Kế hoạch tổ chức học tập, quán triệt triển, khai thực hiện Nghị quyết cho cán bộ Ban Tuyên giáo và   Tháng 09 năm    Tháng 9 và
       chủ chốt cấp tỉnh, các tổ chức đảng và toàn thể đảng viên thuộc Đảng bộ tỉnh      Dân vận Tỉnh ủy        2025          10/2025
(2)    Xây dựng và ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khoá          Ban Tổ chức        Quý IV năm      Giai đoạn
       I, nhiệm kỳ 2025 - 2030                                                              Tỉnh ủy             2025        2025 - 2030
(3)    Xây dựng và ban hành Quy chế làm việc của Ủy ban Kiểm tra Tỉnh ủy               Ủy ban Kiểm tra       Quý IV năm      Giai đoạn
       khoá I, nhiệm kỳ 2025 - 2030                                                        Tỉnh ủy              2025        2025 - 2030
(4)    Chương trình công tác toàn khoá của Ban Chấp hành Đảng bộ tỉnh                    Văn phòng           Quý IV năm      Giai đoạn
                                                                                           Tỉnh ủy              2025        2025 - 2030
(5)    Chương trình kiểm tra, giám sát toàn khoá của Ban Chấp hành Đảng bộ tỉnh        Ủy ban Kiểm tra       Quý IV năm      Giai đoạn
                                                                                           Tỉnh ủy              2025        2025 - 2030
 2     Công tác xây dựng Đảng và hệ thống chính trị

2.1.   Công tác xây dựng Đảng

       Đề án của Ban Chấp hành Đảng bộ tỉnh về “Nâng cao chất lượng công tác Ban Tuyên giáo và                               Giai đoạn
                                                                                                             Quý I năm
(1)    tổng kết thực tiễn, nghiên cứu lý luận góp phần thực hiện có hiệu quả các Dân vận Tỉnh ủy                            2026 - 2030
                                                                                                               2026
"""
TABLE_51_PAGE_19 = """\

                                                                                                                         Thời gian
                                                                                                         Thời gian ban
TT                                      Nội dung                                       Cơ quan chủ trì                   triển khai
                                                                                                             hành
                                                                                                                         thực hiện
       Đẩy mạnh thu hút doanh nghiệp công nghệ cao, công nghiệp hỗ trợ, công
       nghiệp có giá trị gia tăng cao, thân thiện môi trường; tăng cường xúc tiến
                                                                                          Đảng ủy          Nhiệm vụ       Giai đoạn
(4)    đầu tư; kịp thời tháo gỡ khó khăn và hỗ trợ thủ tục pháp lý (đầu tư, đất đai,
                                                                                         UBND tỉnh       thường xuyên    2026 – 2030
       xây dựng, môi trường, phòng cháy chữa cháy,…) tạo môi trường đầu tư
       thuận lợi, hiệu quả

"""
PROGRAMME = HEADER_51.split("    I. MỤC ĐÍCH")[0]


def _leads(text: str) -> list[tuple[str, str]]:
    doc = convert(PROGRAMME + text, "51.pdf", "pdf")
    return [(a.agency, a.task) for a in doc.assignments if a.role == "lead"]


def test_a_pdf_tables_lead_column_is_read_by_position_and_its_wrapped_cells_joined() -> None:
    leads = _leads(TABLE_51)
    assert [a for a, _ in leads] == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    # each task whole: the lines above and below its centred lead cell, no heading row in it
    assert leads[0][1] == (
        "Kế hoạch tổ chức học tập, quán triệt triển, khai thực hiện Nghị quyết cho cán bộ chủ "
        "chốt cấp tỉnh, các tổ chức đảng và toàn thể đảng viên thuộc Đảng bộ tỉnh")
    assert leads[1][1] == ("Xây dựng và ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ "
                           "tỉnh khoá I, nhiệm kỳ 2025 - 2030")
    assert leads[5][1].startswith("Đề án của Ban Chấp hành Đảng bộ tỉnh về “Nâng cao chất lượng "
                                  "công tác tổng kết thực tiễn")
    # the column's heading is no agency, nor a heading row ("2.1. Công tác xây dựng Đảng")
    assert not any("Cơ quan" in a or "Công tác" in t[:9] for a, t in leads)


def test_a_lead_cell_of_two_bodies_wrapped_at_its_line_break_is_one_name() -> None:
    leads = _leads(TABLE_51_PAGE_19)
    # ("Đảng ủy" / "(4)" / "UBND tỉnh": one body, not "Đảng ủy" and "UBND tỉnh")
    assert {a for a, _ in leads} == {"Đảng ủy UBND tỉnh"}
    assert leads[0][1].startswith("Đẩy mạnh thu hút doanh nghiệp công nghệ cao")


def test_a_pdf_table_keeps_every_word_of_its_lines() -> None:
    from vanban.lossless import missing_words
    from vanban.render import render_markdown

    text = PROGRAMME + TABLE_51
    doc = convert(text, "51.pdf", "pdf")
    assert missing_words(text, render_markdown(doc), doc.removed) == []
