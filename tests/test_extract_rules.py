"""Rules of vanban.extract (citations, assignments, targets), each on sentences taken from the
real documents under tests/fixtures/real/docs (the file is named at each test)."""

from __future__ import annotations

from vanban import grammar as g
from vanban.pipeline import convert

HEADER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Triển khai thực hiện

"""


def _numbers(text: str) -> list[str]:
    return [c.number for c in g.find_citations(text)]


# ---- citations ---------------------------------------------------------------------------------

def test_a_named_law_before_its_number() -> None:
    """06 (docx): words between the type and "số"; 37 (htm): a long name."""
    assert _numbers("Căn cứ Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;") == ["61/2024/QH15"]
    found = g.find_citations("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân "
                             "dân số 85/2015/QH13, ngày 25/6/2015")
    assert [(c.type, c.number) for c in found] == [("Luật", "85/2015/QH13")]
    # 30 (doc): "số:" with a colon
    assert _numbers("Căn cứ Quyết định số: 132/QĐ-LĐLĐ, ngày 26/3/2026 về việc công nhận") == [
        "132/QĐ-LĐLĐ"]


def test_a_list_of_numbers_after_one_type_word() -> None:
    """07 (md): "văn bản số A và B"; 20 (doc): "các Kế hoạch …: số A …; số B …"."""
    assert _numbers("đáp ứng yêu cầu tại văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT; hoàn "
                    "thành kết nối") == ["1552/BTTTT-TTH", "708/BTTTT-CATTT"]
    assert _numbers("Thực hiện các Kế hoạch của UBND thành phố Hà Nội: số 330/KH-UBND ngày "
                    "07/12/2025 về việc triển khai; số 332/KH-UBND ngày 10/12/2025 giải quyết "
                    "điểm nghẽn; số 325/KH-UBND ngày 03/12/2025 về khắc phục") == [
        "330/KH-UBND", "332/KH-UBND", "325/KH-UBND"]
    found = g.find_citations("các Nghị định: số 107/2021/NĐ-CP, 109/2022/NĐ-CP")
    assert [(c.type, c.number) for c in found] == [("Nghị định", "107/2021/NĐ-CP"),
                                                   ("Nghị định", "109/2022/NĐ-CP")]


def test_numbered_things_that_are_no_document() -> None:
    """14 (docx): a form ("mẫu số", even misspelt "Mau số"), an address ("số 2- phường"); 22:
    the number line of a template's own header ("Số: 01/2026/QĐ-CĐCS")."""
    assert _numbers("(theo mẫu số 01/BCĐBQH-MT và mẫu số 05/BCĐBQH-MT kèm theo)") == []
    assert _numbers("lập biên bản (theo Mau số 06/BBKPHN gửi kèm theo hướng dẫn)") == []
    assert _numbers("địa chỉ: Tầng 3-Trụ sở Liên cơ quan số 2- phường Hạ Long") == []
    assert _numbers("Số:  01/2026/QĐ-CĐCS") == []


def test_a_number_with_a_non_breaking_hyphen() -> None:
    """18 (htm): "Quy định số 296‑QĐ/TW" is printed with U+2011."""
    assert _numbers("theo Quy định số 296\u2011QĐ/TW, ngày 30/5/2025 của Ban Chấp hành") == [
        "296-QĐ/TW"]


def test_one_document_printed_two_ways_is_cited_once() -> None:
    """14 (docx) prints 102/2025/NQLT/UBTVQH15-CP-… and 102/2025/NQLT-UBTVQH15-CP-…"""
    doc = convert(HEADER + "1. Căn cứ Nghị quyết liên tịch số 102/2025/NQLT/UBTVQH15-CP ngày 26 "
                  "tháng 9 năm 2025.\n\n2. Theo Chương II của Nghị quyết liên tịch số "
                  "102/2025/NQLT- UBTVQH15-CP.\n")
    assert [c.number for c in doc.cites] == ["102/2025/NQLT/UBTVQH15-CP"]


def test_citations_in_text_the_parser_left_after_the_signature() -> None:
    """11 (md): a letter with a report attached after its signature; the report's citations
    count ("Nghị định 87/2020/NĐ-CP" in a line after "Nơi nhận")."""
    doc = convert(HEADER + "Đề nghị các đơn vị cho ý kiến.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
                  "\nCHỦ TỊCH\n\nNguyễn Văn A\n\nDỰ THẢO BÁO CÁO\n\nCác địa phương khai thác dữ "
                  "liệu hộ tịch toàn quốc theo Nghị định 87/2020/NĐ-CP và Nghị định "
                  "07/2025/NĐ-CP.\n")
    assert {"87/2020/NĐ-CP", "07/2025/NĐ-CP"} <= {c.number for c in doc.cites}


# ---- agencies ----------------------------------------------------------------------------------

def _agencies(body: str) -> list[tuple[str, str]]:
    doc = convert(HEADER + body)
    return list(dict.fromkeys((a.agency, a.role) for a in doc.assignments))


def test_items_under_a_heading_that_names_an_agency() -> None:
    """03 (a công văn, no "TỔ CHỨC THỰC HIỆN"): "2. Thanh tra tỉnh" then its tasks."""
    got = _agencies("1. Thanh tra tỉnh\n- Chủ trì, phối hợp với các Sở, ban, ngành và địa phương "
                    "xây dựng kế hoạch thanh tra hàng năm.\n- Theo dõi, đôn đốc việc thực hiện "
                    "các kết luận thanh tra.\n2. Thuế tỉnh\n- Chủ trì, phối hợp với cơ quan liên "
                    "quan tăng cường rà soát, kiểm tra hồ sơ khai thuế.\n3. Công an tỉnh\n- Chủ "
                    "động áp dụng các biện pháp nghiệp vụ.\n")
    assert got == [("Thanh tra tỉnh", "lead"), ("Thuế tỉnh", "lead"), ("Công an tỉnh", "lead")]


def test_a_task_heading_read_as_a_paragraph_still_opens_the_tasks() -> None:
    """10 (md from PDF): "**IV- TỔ CHỨC THỰC HIỆN**" and "**2\\.** Đảng đoàn Quốc hội lãnh
    đạo …"; "các tổ chức chính trị - xã hội" is a body ("tổ chức" no verb after "các")."""
    got = _agencies("IV- TỔ CHỨC THỰC HIỆN\n\nĐảng đoàn Quốc hội lãnh đạo, chỉ đạo rà soát, hoàn "
                    "thiện pháp luật.\n\nMặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã "
                    "hội lãnh đạo, chỉ đạo xây dựng chương trình.\n")
    assert got == [("Đảng đoàn Quốc hội", "lead"), ("Mặt trận Tổ quốc Việt Nam", "lead"),
                   ("các tổ chức chính trị - xã hội", "lead")]


def test_a_line_of_labels_and_no_junk_names() -> None:
    """06 (docx): "Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z." on one line; the label prefix
    never becomes a name."""
    got = _agencies("III. TỔ CHỨC THỰC HIỆN\n1. Rà soát quy hoạch các cụm công nghiệp.\n"
                    "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý "
                    "Năng lượng, Phòng Quản lý Thương mại.\n")
    assert got == [("Phòng Quản lý Công nghiệp", "lead"), ("Phòng Quản lý Năng lượng", "support"),
                   ("Phòng Quản lý Thương mại", "support")]


def test_a_partner_ends_at_its_verb_and_a_plural_list_stays_whole() -> None:
    """03: "phối hợp với Công an tỉnh xử lý nghiêm"; 04: "các Sở, ban, ngành" is one name;
    "cơ quan liên quan" is no partner."""
    got = _agencies("III. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng chủ trì, phối hợp với Công an tỉnh xử "
                    "lý nghiêm theo quy định pháp luật.\n2. Sở Tài chính chủ trì, phối hợp với cơ "
                    "quan liên quan tăng cường kiểm tra.\n3. Giao các Sở, ban, ngành rà soát.\n")
    assert got == [("Sở Xây dựng", "lead"), ("Công an tỉnh", "support"), ("Sở Tài chính", "lead"),
                   ("các Sở, ban, ngành", "lead")]


def test_an_office_holder_stands_for_the_body_and_a_person_is_no_agency() -> None:
    """04 (docx): "1. Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban nhân
    dân các xã, phường:" names three bodies by their heads' posts; 03 (pdf-text): "Chủ tịch UBND
    các xã, phường chịu trách nhiệm"; 13 (docx): "Đồng chí Phó chủ tịch Thường trực" is a person."""
    got = _agencies("IV. TỔ CHỨC THỰC HIỆN\n1. Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; "
                    "Chủ tịch Ủy ban nhân dân các xã, phường:\n- Khẩn trương ổn định bộ máy, tiếp "
                    "tục quán triệt.\n2. Chủ tịch UBND các xã, phường chịu trách nhiệm toàn diện "
                    "trước pháp luật.\n3. Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực "
                    "Giám sát và Phản biện xã hội chỉ đạo.\n")
    assert got == [("các Sở", "lead"), ("các ban, ngành tỉnh", "lead"),
                   ("Ủy ban nhân dân các xã, phường", "lead"), ("UBND các xã, phường", "lead")]


def test_a_list_of_partners_stops_at_those_that_are_no_named_body() -> None:
    """04 (docx, Phụ lục task table): "Các Sở, ban, ngành và các địa phương liên quan", "Các
    Sở, ban, ngành, Các tổ chức, cá nhân hoạt động khoáng sản"; "Đảng ủy khối cơ quan và Doanh
    nghiệp tỉnh" (seed 001) is one body."""
    from vanban.extract import split_agencies
    assert split_agencies("Các Sở, ban, ngành và các địa phương liên quan") == [
        "Các Sở, ban, ngành"]
    assert split_agencies("Các Sở, ban, ngành, Các tổ chức, cá nhân hoạt động khoáng sản") == [
        "Các Sở, ban, ngành"]
    from vanban.extract import plausible_agency
    assert not plausible_agency("Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã")  # 13: a person
    assert not plausible_agency("Đồng chí Phó chủ tịch Thường trực")
    assert split_agencies("Đảng ủy khối cơ quan và Doanh nghiệp tỉnh") == [
        "Đảng ủy khối cơ quan và Doanh nghiệp tỉnh"]
    assert split_agencies("Ủy ban MTTQ Việt Nam tỉnh Lào Cai và các tổ chức chính trị – xã "
                          "hội") == ["Ủy ban MTTQ Việt Nam tỉnh Lào Cai",
                                     "các tổ chức chính trị – xã hội"]


def test_a_committee_set_up_with_its_members_and_a_name_that_holds_a_verb() -> None:
    """19 (docx) / 38 (doc): "III. THÀNH LẬP BAN TỔ CHỨC", then "1. Ban tổ chức", "4. Tiểu ban
    hậu cần" each over a table of members: the plan sets the bodies up ("tổ chức", "cần" are
    words of their names); 16 (txt): "6. Đoàn kiểm tra trong quá trình kiểm tra …", "3. Các tổ
    chức thành viên của MTTQ Việt Nam phường tham gia kiểm tra"."""
    got = _agencies("III. THÀNH LẬP BAN TỔ CHỨC\n1. Ban tổ chức\n| - Ông: Trương Đình Nam | - Bí "
                    "thư ĐTN | - Trưởng ban |\n| - Ông: Tô Đức Hiệu | - Phó bí thư ĐTN | - Phó Ban "
                    "|\n2. Tiểu ban hậu cần\n| - Bà: Nguyễn Như Quỳnh | - UV BTV | - Trưởng ban |\n"
                    "| - Bà: Trần Thị Vân | - Đoàn viên | - Phó Ban |\n")
    assert got == [("Ban tổ chức", "lead"), ("Tiểu ban hậu cần", "lead")]
    got = _agencies("IV. TỔ CHỨC THỰC HIỆN\n3. Các tổ chức thành viên của MTTQ Việt Nam phường "
                    "tham gia kiểm tra, giám sát công tác bầu cử.\n6. Đoàn kiểm tra trong quá "
                    "trình kiểm tra, giám sát công tác bầu cử nếu có vấn đề gì thì báo cáo.\n")
    assert got == [("Các tổ chức thành viên của MTTQ Việt Nam phường", "lead"),
                   ("Đoàn kiểm tra", "lead")]


def test_a_partner_without_with_and_partners_that_are_no_named_body() -> None:
    """001 (seed): "Chủ động phối hợp Trường Chính trị tỉnh nghiên cứu" (no "với"); "phối hợp
    chặt chẽ với công đoàn cấp trên" names no body of its own (only its level); 003: "các ban
    chuyên đề" is vague; 17 (txt): "phối hợp Cơ quan Uỷ ban MTTQ Việt Nam xã trong công tác";
    16 (txt): "phối hợp với các tổ chức chính trị - xã hội, …" ("tổ chức" after "các" is no
    verb)."""
    got = _agencies("III. TỔ CHỨC THỰC HIỆN\n1. Đảng đoàn Liên đoàn Lao động tỉnh\n- Phối hợp "
                    "chặt chẽ với công đoàn cấp trên trong lãnh đạo, chỉ đạo.\n- Chủ động phối "
                    "hợp Trường Chính trị tỉnh nghiên cứu, đưa nội dung vào chương trình.\n2. Ban "
                    "Tuyên giáo - Nữ công chủ trì, phối hợp với các ban chuyên đề tham mưu theo "
                    "dõi.\n3. Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường xây dựng Kế "
                    "hoạch; tổ chức chủ trì, phối hợp với các tổ chức chính trị - xã hội, tổ chức "
                    "thành viên của Mặt trận kiểm tra, giám sát.\n")
    assert got == [("Đảng đoàn Liên đoàn Lao động tỉnh", "lead"),
                   ("Trường Chính trị tỉnh", "support"), ("Ban Tuyên giáo - Nữ công", "lead"),
                   ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường", "lead"),
                   ("các tổ chức chính trị - xã hội", "support")]


def test_a_place_after_a_name_and_words_that_are_no_body() -> None:
    """13 (docx): "8. Ban công tác Mặt trận các thôn trên địa bàn xã" (the place is no part of
    the name); 32 (doc): "Hội nghị thống nhất bầu …" is a meeting; 05 (docx): "xây dựng" after
    "đầu tư" is a word of the name, "đẩy nhanh" ends it."""
    from vanban.extract import agency_name
    assert agency_name("Ban công tác Mặt trận các thôn trên địa bàn xã") == (
        "Ban công tác Mặt trận các thôn")
    assert agency_name("Hội nghị thống nhất bầu Ban kiểm phiếu là 01 người") is None
    assert agency_name("Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ Dự án") == (
        "Ban Quản lý dự án đầu tư xây dựng số 1")
    assert agency_name("Các khoa học xã hội cần được phát triển") is None


def test_long_plural_names_one_committee_and_separators_as_printed() -> None:
    """08 (md): "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh,
    thành phố trực thuộc Trung ương có trách nhiệm …" names two bodies (22 words); 002: "Các
    LĐLĐ huyện, thành phố, công đoàn ngành" two; 02 (OCR): "Đảng uỷ Mặt trận Tổ quốc, các đoàn
    thể Trung ương" is one committee; 09 (md): "Ủy ban KH,CN&MT" keeps its commas."""
    got = _agencies("III. TỔ CHỨC THỰC HIỆN\n2. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, "
                    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương có trách nhiệm rà "
                    "soát các chương trình, kế hoạch hành động.\n5. Bộ Tài chính chủ trì, phối hợp "
                    "với các bộ, ngành, địa phương bảo đảm nguồn kinh phí.\n")
    assert got == [("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "lead"),
                   ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "lead"),
                   ("Bộ Tài chính", "lead")]
    from vanban.extract import split_agencies
    assert split_agencies("Các LĐLĐ huyện, thành phố, công đoàn ngành") == [
        "Các LĐLĐ huyện, thành phố", "công đoàn ngành"]
    assert split_agencies("Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương") == [
        "Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương"]
    assert split_agencies("Tổ đảng ở Thường trực Ủy ban KH,CN&MT") == [
        "Tổ đảng ở Thường trực Ủy ban KH,CN&MT"]


def test_no_agency_from_a_table_header_read_as_text() -> None:
    """02 (OCR): the Phụ lục's header run into a line; 01 (pdf-text): a table whose doer column
    "Tên đơn vị được kiểm tra" would also be its task column."""
    from vanban.extract import plausible_agency
    assert not plausible_agency("Cơ quan, `. Kết quả/ STT Nhiệm vụ cụ thể")
    assert not plausible_agency("Cơ quan, Thời hạn Kết quả/ STT Nhiệm vụ cụ thế")
    got = _agencies("| Tên đơn vị được kiểm tra | Thời gian công bố | Thời hạn |\n|---|---|---|\n"
                    "| Công ty cổ phần xây dựng giao thông Yên Bái | 23/3/2026 | 02 ngày |\n")
    assert got == []


def test_a_heading_for_a_body_and_a_request_heading() -> None:
    """01 (pdf-text): "6.1. Đối với Đoàn kiểm tra: …", "6.2 Đối với đơn vị được kiểm tra: …"
    (the whole name after "Đối với", its verb too); 20 (doc): "7. Đề nghị UB MTTQ và các ngành
    đoàn thể xã:" over its tasks; "các đơn vị chuyên ngành thuộc Xã" is a vague partner."""
    got = _agencies("6. Những vấn đề khác (nếu có)\n6.1. Đối với Đoàn kiểm tra: Các thành viên "
                    "Đoàn thực hiện nghiêm túc Kế hoạch.\n6.2 Đối với đơn vị được kiểm tra: Chuẩn "
                    "bị báo cáo bằng văn bản theo nội dung kiểm tra.\n")
    assert got == [("Đoàn kiểm tra", "lead"), ("đơn vị được kiểm tra", "lead")]
    got = _agencies("III. TỔ CHỨC THỰC HIỆN\n7. Đề nghị UB MTTQ và các ngành đoàn thể xã:\n- Tăng "
                    "cường công tuyên truyền tới các hội viên và nhân dân.\n- Chủ động phối hợp "
                    "với các đơn vị chuyên ngành thuộc Xã tăng cường công tác kiểm tra.\n")
    assert got == [("UB MTTQ", "lead"), ("các ngành đoàn thể xã", "lead")]


# ---- targets -----------------------------------------------------------------------------------

def _targets(body: str) -> list[tuple[float, str | None, int | str | None]]:
    doc = convert(HEADER + body)
    return [(t.value, t.unit, t.deadline) for t in doc.targets]


def test_targets_under_a_heading_of_specific_aims() -> None:
    """06 (docx): "Mục tiêu cụ thể đến năm 2030" with new units (KCN, CCN, ha, MW), a range
    "60-70%" by its lower bound, a decimal "2.989,5 MW"."""
    got = _targets("I. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n- Hình thành mới 05 Khu công "
                   "nghiệp, nâng tổng số lên 12 KCN.\n- Hình thành mới 15 Cụm công nghiệp, nâng "
                   "tổng số lên 37 CCN; tỷ lệ lấp đầy đạt 60-70%.\n- Diện tích làm mới thêm tại "
                   "các khu, cụm công nghiệp: trên 2.000 ha.\n- Tổng công suất bổ sung khoảng "
                   "2.989,5 MW.\n")
    assert got == [(5, "Khu công nghiệp", 2030), (12, "KCN", 2030), (15, "Cụm công nghiệp", 2030),
                   (37, "CCN", 2030), (60, "%", 2030), (2000, "ha", 2030), (2989.5, "MW", 2030)]


def test_full_coverage_in_a_plan_is_a_target_and_a_quorum_is_not() -> None:
    """33 (pdf): "100% các cơ sở Đoàn, Hội, Đội phát động" in a plan; 14 (docx): a quorum
    "đạt ít nhất là 50% tổng số cử tri" and "không đạt … trên 50%" are legal thresholds."""
    assert _targets("1. Yêu cầu\n- 100% các cơ sở Đoàn, Hội, Đội phát động triển khai chương "
                    "trình.\n") == [(100, "%", None)]
    assert _targets("1. Hội nghị cử tri\n- Phải bảo đảm số lượng cử tri tham dự hội nghị đạt ít "
                    "nhất là 50% tổng số cử tri được triệu tập.\n- Trường hợp người được giới "
                    "thiệu không đạt sự tín nhiệm của trên 50% cử tri thì không được giới "
                    "thiệu.\n") == []


def test_two_kinds_counted_together_and_each_sentence_its_own_deadline() -> None:
    """10 / 12 (NQ 57): "3 tổ chức, doanh nghiệp"; "… 3% tổng chi ngân sách hằng năm … .
    Nguồn nhân lực … đạt 12 người trên một vạn dân" (one clause, two sentences: the 12 people
    are a target of 2030, the heading's year); "(HDI) duy trì trên 0,7." has no unit; 08:
    "ít nhất 05 dự án, chương trình"."""
    got = _targets("II. MỤC TIÊU\n1. Đến năm 2030\n- Kinh phí chi cho nghiên cứu phát triển đạt "
                   "2% GDP; bố trí ít nhất 3% tổng chi ngân sách hằng năm cho phát triển khoa học. "
                   "Nguồn nhân lực nghiên cứu khoa học đạt 12 người trên một vạn dân; có từ 40 - "
                   "50 tổ chức khoa học và công nghệ được xếp hạng khu vực.\n- Thu hút thêm ít "
                   "nhất 3 tổ chức, doanh nghiệp công nghệ hàng đầu thế giới. Chỉ số phát triển "
                   "con người (HDI) duy trì trên 0,7.\n- Phấn đấu có ít nhất 05 dự án, chương "
                   "trình được triển khai.\n")
    assert got == [(2, "%", 2030), (3, "%", "annual"), (12, "người", 2030),
                   (40, "tổ chức", 2030), (3, "tổ chức, doanh nghiệp", 2030), (0.7, None, 2030),
                   (5, "dự án, chương trình", 2030)]


def test_a_quantity_a_plan_sets() -> None:
    """19 (docx) / 38 (doc): "số lượng tiết mục: 15 tiết mục" in a KH (no year with it)."""
    assert _targets("II. NỘI DUNG\n1. Cách thức lựa chọn tiết mục\nTổ chức bồi dưỡng, lựa chọn "
                    "các tiết mục từ đoàn viên thanh niên; số lượng tiết mục: 15 tiết mục.\n") == [
        (15, "tiết mục", None)]
