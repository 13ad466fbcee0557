"""Issue 19: the bodies given a task, read from real sentences (copied from the labelled
documents in tests/fixtures/real/docs). Expected names come from reading the sentences."""

from __future__ import annotations

from pathlib import Path

from vanban.extract import split_agencies
from vanban.pipeline import convert, convert_file

REAL = Path(__file__).parent / "fixtures" / "real" / "docs"


def _agencies(text: str) -> list[tuple[str, str]]:
    return [(a.agency, a.role) for a in convert(text).assignments]


HEAD = "KẾ HOẠCH\nTổ chức đêm nhạc giao lưu\n"


def test_a_plural_body_as_a_sentences_subject_is_given_the_task() -> None:
    # 19: no section "TỔ CHỨC THỰC HIỆN"; the units register to run stalls
    text = HEAD + ("3. Chương trình gây quỹ\nCác chi đoàn đăng ký mở gian hàng gây quỹ trong "
                   "không gian đêm nhạc tuân thủ các yêu cầu về không gian, mặt hàng.\n")
    assert ("Các chi đoàn", "lead") in _agencies(text)


def test_a_guide_names_its_doers_as_subjects() -> None:
    # 21: a step-by-step guide (HƯỚNG DẪN) with no section of tasks
    text = ("HƯỚNG DẪN\nQuy trình thương lượng tập thể\n"
            "- Người sử dụng lao động chịu trách nhiệm tổ chức phiên họp thương lượng tập thể "
            "theo thời gian, địa điểm do hai bên đã thỏa thuận.\n")
    assert ("Người sử dụng lao động", "lead") in _agencies(text)


def test_a_subject_is_no_body_when_a_one_word_head_is_a_common_word() -> None:
    text = HEAD + ("Ban hành kế hoạch triển khai thực hiện trong tháng.\n"
                   "Trường hợp doanh nghiệp chưa thành lập công đoàn thì thực hiện theo quy định.\n"
                   "Phòng, chống tham nhũng thực hiện thường xuyên.\n")
    assert _agencies(text) == []


def test_the_issuer_speaking_is_no_task() -> None:
    # 40 (the school announcing), 01 (the head of the team drawing up this very plan)
    text = ("THÔNG BÁO\nVề tổ chức thi\nTrường Đại học Thủy lợi thông báo kế hoạch tổ chức "
            "thi chuẩn Tiếng Anh đầu ra như sau.\n")
    assert _agencies(text) == []
    text = HEAD + "Trưởng đoàn kiểm tra lập kế hoạch tiến hành kiểm tra như sau:\n"
    assert _agencies(text) == []


def test_a_request_inside_a_sentence_names_the_body_requested() -> None:
    # 40: the notice ends with the school's request to the faculties
    text = ("THÔNG BÁO\nVề tổ chức thi\nSinh viên nộp lệ phí qua tài khoản ngân hàng. Nhà trường "
            "đề nghị các Khoa nhắc nhở sinh viên thực hiện theo đúng kế hoạch trên./.\n")
    assert _agencies(text) == [("các Khoa", "lead")]


def test_a_second_clause_with_a_body_as_subject_is_a_second_lead() -> None:
    # 05: one paragraph under "8. Các Ban Quản lý dự án đầu tư xây dựng" gives two boards a task
    text = ("THÔNG BÁO\nKết luận\n"
            "Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ Dự án đường trục chính "
            "các Cụm công nghiệp Phú Thịnh; Ban Quản lý dự án đầu tư xây dựng công trình giao "
            "thông tỉnh đẩy nhanh tiến độ tuyến đường kết nối.\n")
    got = _agencies(text)
    assert ("Ban Quản lý dự án đầu tư xây dựng số 1", "lead") in got
    # ("công trình" is no verb "trình": the name goes on)
    assert ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh", "lead") in got


def test_a_list_of_partners_goes_on_over_commas() -> None:
    # 05: two partners, the second after a comma
    text = ("KẾ HOẠCH\nKế hoạch\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n"
            "- Khẩn trương chủ trì, phối hợp với Ủy ban nhân dân phường Văn Phú, Ủy ban nhân "
            "dân xã Yên Bình hoàn thành phương án xử lý tài sản trên đất.\n")
    got = _agencies(text)
    assert ("Ủy ban nhân dân phường Văn Phú", "support") in got
    assert ("Ủy ban nhân dân xã Yên Bình", "support") in got


def test_a_partners_list_stops_at_a_verb_and_skips_the_units_of_a_body() -> None:
    # 20: "tổng hợp" is the partners' verb; "các đơn vị của Sở Xây dựng" is no one body
    text = ("KẾ HOẠCH\nKế hoạch\nIII. TỔ CHỨC THỰC HIỆN\n1. Công an Xã\n"
            "- Chủ động phối hợp với Phòng kinh tế, các thôn làng, tổ dân phố tổng hợp, đề "
            "xuất với UBND Xã.\n"
            "- Tiếp tục phối hợp với các đơn vị của Sở Xây dựng thực hiện duy trì.\n")
    got = _agencies(text)
    assert ("tổ dân phố", "support") in got
    assert all("tổng hợp" not in a and "đơn vị của" not in a for a, _ in got)


def test_a_vague_tail_after_a_semicolon_is_cut() -> None:
    # 04, the annex's task table: the partners' cell
    assert split_agencies("Các Sở, ban, ngành; Các tổ chức, cá nhân hoạt động khoáng sản") == [
        "Các Sở, ban, ngành"]


def test_a_report_does_not_take_its_subjects_for_tasks() -> None:
    text = ("BÁO CÁO\nKết quả công tác\nBan Tổ chức phối hợp với Văn phòng tổ chức hội nghị "
            "sơ kết.\n")
    assert _agencies(text) == []


def test_a_decisions_last_article_gives_it_to_the_bodies_named() -> None:
    # 37: the bodies, not the persons, "chịu trách nhiệm thi hành Quyết định này"
    text = ("QUYẾT ĐỊNH\nVề việc thành lập Tổ tiếp công dân\nĐiều 1. Thành lập Tổ tiếp công dân.\n"
            "Điều 3. Ban Thường trực Ủy ban MTTQ xã, các bộ phận chuyên môn thuộc Cơ quan Ủy ban "
            "Mặt trận Tổ quốc Việt Nam xã và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi "
            "hành Quyết định này.\n")
    got = _agencies(text)
    assert ("Ban Thường trực Ủy ban MTTQ xã", "lead") in got
    assert ("các bộ phận chuyên môn thuộc Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            "lead") in got
    assert all("ông" not in a for a, _ in got)


def test_labels_after_a_sections_items_give_the_whole_section() -> None:
    # 06: a task heading, its bullets, the leader in charge, then "Đơn vị chủ trì: …; Đơn vị
    # phối hợp: …" for the whole section; a bullet's "Phối hợp với Y" names Y as a partner
    text = ("KẾ HOẠCH\nThực hiện Đề án\nIII. NHIỆM VỤ TRỌNG TÂM\n"
            "5. Phát triển nguồn nhân lực đáp ứng yêu cầu công nghiệp hiện đại\n"
            "- Phối hợp tham mưu xây dựng kế hoạch đào tạo, bồi dưỡng đội ngũ lao động có kỹ "
            "năng chuyên sâu về công nghệ xanh.\n"
            "- Phối hợp với Sở Nội vụ và các cơ sở đào tạo trên địa bàn (Trường Cao đẳng nghề, "
            "Phân hiệu Đại học Thái Nguyên tại Lào Cai) trong đào tạo nguồn nhân lực phục vụ "
            "phát triển công nghiệp xanh.\n"
            "Lãnh đạo phụ trách: Giám đốc Sở.\n"
            "Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp: Phòng Quản lý Công nghiệp, Phòng "
            "Quản lý Năng lượng.\n")
    got = convert(text).assignments
    lead = [a for a in got if a.role == "lead"]
    assert [(a.agency, a.task) for a in lead] == [
        ("Văn phòng Sở", "Phát triển nguồn nhân lực đáp ứng yêu cầu công nghiệp hiện đại")]
    support = {a.agency for a in got if a.role == "support"}
    assert support == {"Phòng Quản lý Công nghiệp", "Phòng Quản lý Năng lượng", "Sở Nội vụ",
                       "Trường Cao đẳng nghề", "Phân hiệu Đại học Thái Nguyên tại Lào Cai"}


def test_labels_after_one_task_stay_that_tasks() -> None:
    # the common layout of a plan's table read as text: each task, then its own labels
    text = ("KẾ HOẠCH\nKế hoạch\nII. NHIỆM VỤ\n"
            "Tổ chức hội nghị quán triệt Nghị quyết đến cán bộ chủ chốt.\n"
            "Đơn vị chủ trì: Ban Tuyên giáo.\n"
            "Tổ chức sơ kết việc thực hiện Nghị quyết.\n"
            "Đơn vị chủ trì: Văn phòng.\n")
    got = [(a.agency, a.task) for a in convert(text).assignments]
    assert got == [("Ban Tuyên giáo",
                    "Tổ chức hội nghị quán triệt Nghị quyết đến cán bộ chủ chốt."),
                   ("Văn phòng", "Tổ chức sơ kết việc thực hiện Nghị quyết.")]


# 12: a news site's copy of NQ 57 (no header, no signature), KL 69 appended after it
NEWS = (
    "# Nghị quyết số 57-NQ/TW\n\n"
    "**Thay mặt Bộ Chính trị, Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số 57-NQ/TW (ngày "
    "22/12/2024) của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
    "chuyển đổi số quốc gia.**\n\n"
    "**IV- TỔ CHỨC THỰC HIỆN**\n\n"
    "2\\. Đảng đoàn Quốc hội lãnh đạo, chỉ đạo rà soát, hoàn thiện pháp luật về phát triển khoa "
    "học, công nghệ, đổi mới sáng tạo và chuyển đổi số; tăng cường giám sát thực hiện theo quy "
    "định.\n\n"
    "Nghị quyết này phổ biến đến chi bộ.\n\n"
    "# Kết luận số 69-KL/TW\n\n"
    "Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số "
    "20-NQ/TW, ngày 01/11/2012 của Ban Chấp hành Trung ương Đảng khoá XI.\n\n"
    "**7\\. Tổ chức thực hiện**\n\n"
    "\\- Các tỉnh uỷ, thành uỷ, ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung "
    "ương nghiên cứu, quán triệt; xây dựng chương trình, kế hoạch cụ thể hoá.\n\n"
    "|   | T/M BỘ CHÍNH TRỊ *(Đã ký)* Trương Thị Mai |\n| :---- | :---- |\n"
)


def test_a_document_printed_after_this_one_gives_it_no_facts() -> None:
    doc = convert(NEWS, "12.md", "md")
    assert {a.agency for a in doc.assignments} == {"Đảng đoàn Quốc hội"}
    assert doc.cites == []  # 69-KL/TW and 20-NQ/TW are the appended text's
    assert [p.kind for p in doc.parts] == ["document"]
    # its words stay on the page
    from vanban.render import render_markdown
    assert "Trương Thị Mai" in render_markdown(doc) and "tỉnh uỷ" in render_markdown(doc)


def test_a_news_lede_gives_the_copy_its_date_title_and_signer() -> None:
    doc = convert(NEWS, "12.md", "md")
    assert doc.number == "57-NQ/TW" and doc.date == "2024-12-22"
    assert doc.title == ("về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
                         "đổi số quốc gia")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "T/M Bộ Chính trị", "Tổng Bí thư", "Tô Lâm")  # not KL 69's signer
    assert doc.issuer == "Bộ Chính trị"


def test_a_lede_whose_post_cannot_be_told_from_the_name_gives_no_signer() -> None:
    text = ("# Quyết định số 12/QĐ-UBND\n\n"
            "Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường đã ký Quyết định số 12/QĐ-UBND ngày "
            "05/01/2026 về việc ban hành kế hoạch cải cách hành chính.\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.\n")
    doc = convert(text, "q.md", "md")
    assert doc.signer.name is None and doc.date is None
    # another document's number in the lede: not this one's
    text = ("# Quyết định số 12/QĐ-TTg\n\n"
            "Phó Thủ tướng Trần Hồng Hà vừa ký Quyết định số 99/QĐ-TTg ngày 05/01/2026 về việc "
            "phê duyệt đề án.\n\nĐiều 1. Phê duyệt Đề án.\n")
    assert convert(text, "q.md", "md").signer.name is None
    text = text.replace("99/QĐ-TTg", "12/QĐ-TTg")
    doc = convert(text, "q.md", "md")
    assert (doc.signer.title, doc.signer.name, doc.date) == (
        "Phó Thủ tướng", "Trần Hồng Hà", "2026-01-05")


def test_forms_printed_one_after_another_are_other_documents() -> None:
    # 22: a set of forms, each with its own header; the first one's facts only
    doc = convert_file(REAL / "22_ldld-tayninh-cdcs-bo-mau-thoauoc-ldtt.docx")
    assert [c.number for c in doc.cites] == ["50/2024/QH15"]
    assert all(a.line < 40 for a in doc.assignments)
    assert doc.parts[0].kind == "document"
    # 21: a guide's form under its heading "MẪU 1" is the guide's own appendix
    doc = convert_file(REAL / "21_congdoan-hd-quytrinh-thoauoc-ldtt.doc")
    assert "document" not in {p.kind for p in doc.parts}
    assert "145/2020/NĐ-CP" in {c.number for c in doc.cites}


def test_an_ocr_heading_that_holds_none_of_its_tasks_still_names_their_body() -> None:
    # 02 (an OCR'd programme): "7. Các tỉnh uỷ, thành uỷ" then its "a)" read as "8)"; "9, Ban
    # …" with a comma for the dot, read as a paragraph under the heading before it
    text = ("CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Kết luận\n\nIII- TỔ CHỨC THỰC HIỆN\n\n"
            "6. Đảng uỷ các bộ, ngành thuộc Đảng uỷ Chính phủ\n\n"
            "a) Xây dựng kế hoạch và tổ chức triển khai thực hiện hiệu quả Kết luận.\n\n"
            "7. Các tỉnh uỷ, thành uỷ\n\n"
            "8) Xây dựng chương trình, kế hoạch và tô chức thực hiện các nội dung của Kết luận "
            "phù hợp với chức năng, nhiệm vụ.\n\n"
            "b) Lãnh đạo, chỉ đạo bố trí đủ ngân sách và tô chức triển khai các chương trình.\n\n"
            "8. Ban Chính sách, chiến lược Trung ương\n\n"
            "a) Chủ trì, phối hợp với các cơ quan liên quan theo dõi, kiểm tra, đôn đốc triển "
            "khai thực hiện Kết luận.\n\n"
            "9, Ban Tuyên giáo và Dân vận Trung ương\n\n"
            "Chủ trì hướng dẫn công tác quán triệt, triển khai thực hiện, tuyên truyền.\n")
    got = [(a.agency, a.task[:20]) for a in convert(text, "02.txt", "txt").assignments]
    assert ("Các tỉnh uỷ, thành uỷ", "Xây dựng chương trìn") in got
    assert ("Các tỉnh uỷ, thành uỷ", "Lãnh đạo, chỉ đạo bố") in got
    assert ("Ban Tuyên giáo và Dân vận Trung ương", "Chủ trì hướng dẫn cô") in got
    # the name line is no task of the body before it
    assert all(not task.startswith("9, Ban") for _, task in got)
    assert ("Ban Chính sách, chiến lược Trung ương", "Chủ trì hướng dẫn cô") not in got


def test_a_section_that_assigns_tasks_by_its_heading_is_a_task_zone() -> None:
    # 09: "II. PHÂN CÔNG NHIỆM VỤ", the issuer itself named as the subject of a task
    text = ("KẾ HOẠCH\ntriển khai thực hiện Nghị quyết\n**II. PHÂN CÔNG NHIỆM VỤ**\n\n"
            "**1. Tuyên truyền, quán triệt, nâng cao nhận thức**\n\n"
            "*   Đảng đoàn Quốc hội phối hợp với Đảng ủy cơ quan Văn phòng Quốc hội tổ chức phổ "
            "biến, quán triệt nghiêm túc đến các tổ chức đảng trực thuộc.\n")
    got = _agencies(text.replace("\n\n", "\n"))
    assert ("Đảng đoàn Quốc hội", "lead") in got
    assert ("Đảng ủy cơ quan Văn phòng Quốc hội", "support") in got
    # a section about results is none ("II. KẾT QUẢ THỰC HIỆN" in a plan whose tasks are in
    # "III. TỔ CHỨC THỰC HIỆN")
    other = text.replace("PHÂN CÔNG NHIỆM VỤ", "KẾT QUẢ THỰC HIỆN") + (
        "III. TỔ CHỨC THỰC HIỆN\nVăn phòng chủ trì theo dõi, tổng hợp.\n")
    assert _agencies(other.replace("\n\n", "\n")) == [("Văn phòng", "lead")]


def test_a_final_article_names_the_bodies_its_office_holders_head() -> None:
    # 50: the decision's last article, "căn cứ quyết định thi hành" (no "chịu trách nhiệm");
    # the heads of the office, of the boards and of the election committee stand for them
    text = ("QUYẾT ĐỊNH\nVề việc thành lập Ban bầu cử\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Điều 4. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Phường, Thủ trưởng "
            "các ban, ngành Phường, Chủ tịch Ủy ban bầu cử Phường và các ông, bà có tên tại "
            "Điều 1 căn cứ quyết định thi hành./.\n")
    assert _agencies(text) == [
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Phường", "lead"),
        ("các ban, ngành Phường", "lead"), ("Ủy ban bầu cử Phường", "lead")]


def test_ministers_stand_for_their_ministries() -> None:
    # 08: Điều 3 of a government resolution
    text = ("NGHỊ QUYẾT\nBan hành Chương trình hành động\n"
            "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính "
            "phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương và các cơ "
            "quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị quyết này.\n")
    assert _agencies(text) == [
        ("Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "lead"),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "lead")]
    assert split_agencies("Bộ trưởng Bộ Tài chính, Chánh Thanh tra tỉnh") == [
        "Bộ Tài chính", "Thanh tra tỉnh"]


def test_the_office_of_two_councils_is_one_body() -> None:
    assert split_agencies("Văn phòng HĐND và UBND tỉnh, Sở Nội vụ") == [
        "Văn phòng HĐND và UBND tỉnh", "Sở Nội vụ"]
    assert split_agencies("Văn phòng và các ban LĐLĐ tỉnh") == ["Văn phòng", "các ban LĐLĐ tỉnh"]


CTR = "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết Đại hội\nIII. TỔ CHỨC THỰC HIỆN\n"


def test_the_partys_advisory_bodies_are_named_by_what_they_do() -> None:
    # 51, III.1: "tham mưu giúp việc" is the name's, not the verb; the list goes on to the
    # Party committees
    text = CTR + ("1. Các cơ quan chuyên trách tham mưu giúp việc Tỉnh ủy, các cấp ủy đảng lãnh "
                  "đạo, chỉ đạo và tổ chức thực hiện các nhiệm vụ được giao trong Chương trình "
                  "hành động, bảo đảm tiến độ, chất lượng, hiệu quả.\n")
    assert _agencies(text) == [("Các cơ quan chuyên trách tham mưu giúp việc Tỉnh ủy", "lead"),
                               ("các cấp ủy đảng", "lead")]


def test_a_long_list_of_committees_is_read_and_persons_end_a_list() -> None:
    # 51, III.2 (28 words of names) and III.4 (the list goes on with persons); the advisory
    # bodies named a second time, shorter, keep their first name
    text = CTR + (
        "1. Các cơ quan chuyên trách tham mưu giúp việc Tỉnh ủy lãnh đạo, chỉ đạo thực hiện.\n"
        "2. Đảng ủy các cơ quan Đảng tỉnh, Đảng ủy Ủy ban nhân dân tỉnh, Đảng ủy Hội đồng nhân "
        "dân tỉnh, các đảng ủy trực thuộc Tỉnh ủy căn cứ nội dung Chương trình hành động chỉ "
        "đạo nghiên cứu, rà soát, ban hành các cơ chế chính sách.\n"
        "4. Đảng ủy các cơ quan Đảng tỉnh, Đảng ủy Ủy ban nhân dân tỉnh, các cơ quan tham mưu, "
        "giúp việc của Tỉnh ủy, các đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng "
        "bộ tỉnh tăng cường công tác kiểm tra, đôn đốc thực hiện Chương trình hành động.\n")
    got = _agencies(text)
    assert got[1:5] == [("Đảng ủy các cơ quan Đảng tỉnh", "lead"),
                        ("Đảng ủy Ủy ban nhân dân tỉnh", "lead"),
                        ("Đảng ủy Hội đồng nhân dân tỉnh", "lead"),
                        ("các đảng ủy trực thuộc Tỉnh ủy", "lead")]
    assert got[5:] == [("Đảng ủy các cơ quan Đảng tỉnh", "lead"),
                       ("Đảng ủy Ủy ban nhân dân tỉnh", "lead"),
                       ("Các cơ quan chuyên trách tham mưu giúp việc Tỉnh ủy", "lead")]


def test_a_long_list_taking_in_persons_and_bodies_concerned_is_no_assignment() -> None:
    # 09, III.2: everyone concerned (its label leaves the collective list out)
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết\nIII. TỔ CHỨC THỰC HIỆN\n"
            "2. Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, Văn phòng "
            "Quốc hội, các cơ quan thuộc UBTVQH, các Đoàn đại biểu Quốc hội, các đại biểu Quốc "
            "hội, các cơ quan, tổ chức hữu quan cần cứ chức năng, nhiệm vụ theo quy định của "
            "pháp luật có trách nhiệm phối hợp tổ chức thực hiện có hiệu quả nhiệm vụ được phân "
            "công.\n")
    assert _agencies(text) == []


def test_one_body_named_twice_keeps_its_first_name() -> None:
    # 003: the issuer's short name added ("LĐLĐ tỉnh", the issuer being the LĐLĐ tỉnh)
    text = ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH\nCHƯƠNG TRÌNH\nThực hiện Nghị quyết\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "1. Giao Ban Tuyên giáo - Nữ công tham mưu cho Ban Thường vụ LĐLĐ tỉnh chỉ đạo.\n"
            "2. Ban Tuyên giáo - Nữ công LĐLĐ tỉnh chủ trì, phối hợp với các ban chuyên đề tham "
            "mưu theo dõi, kiểm tra.\n")
    assert {a for a, _ in _agencies(text)} == {"Ban Tuyên giáo - Nữ công"}
    # a name that could be two bodies' is left as it is, and so are they
    text = CTR + ("1. Ban Tổ chức chủ trì tổng hợp.\n2. Ban Tổ chức Tỉnh ủy chủ trì hướng dẫn.\n"
                  "3. Ban Tổ chức Huyện ủy chủ trì triển khai.\n")
    assert [a for a, _ in _agencies(text)] == ["Ban Tổ chức", "Ban Tổ chức Tỉnh ủy",
                                               "Ban Tổ chức Huyện ủy"]


def test_a_pdf_tables_lead_cells_are_read_whole() -> None:
    # 51's Phụ lục (pdftotext -layout): "UBND tỉnh   2026 - 2030", a lead cell's second line
    # on several pages, is no running header (it is mid-page); "Ủy ban MTTQ và" at the
    # column's edge and "nhân các tổ chức CT-XH" (a plural in lower case) are cut at the name
    doc = convert_file(REAL / "51_tinhuy-thainguyen-ctr-nqdh-duthao.pdf")
    assert not [r for r in doc.removed if r.role == "running_header"]
    by_line = {}
    for a in doc.assignments:
        by_line.setdefault(a.line, []).append(a.agency)
    assert by_line[530] == ["Đảng ủy UBND tỉnh"]
    assert by_line[583] == ["Đảng ủy UBND tỉnh"]
    assert by_line[558] == ["Ủy ban MTTQ tỉnh", "các tổ chức CT-XH"]
    row = next(a for a in doc.assignments if a.line == 558)
    assert row.task.startswith("Phát huy quyền làm chủ của Nhân dân, xây dựng khối đại đoàn "
                               "kết toàn dân.")


def test_the_body_a_plan_names_as_provider_is_given_the_task() -> None:
    # 01 (5.2, outside the section of tasks): the office provides the car
    text = ("KẾ HOẠCH\nKiểm tra việc chấp hành quy định pháp luật\n"
            "5. Dự kiến các nguồn lực cho hoạt động kiểm tra chuyên ngành:\n"
            "5.2. Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương "
            "tỉnh Lào Cai bố trí.\n")
    assert _agencies(text) == [("Văn phòng Sở Công Thương tỉnh Lào Cai", "lead")]
    # what was done by a body is no task
    text = ("KẾ HOẠCH\nThực hiện Kết luận\nI. MỤC ĐÍCH\n1. Quán triệt Kết luận số 75-KL/TW do "
            "Bộ Chính trị ban hành.\n")
    assert _agencies(text) == []
