"""Targets (chỉ tiêu) of real documents: a heading that announces targets ("CÁC CHỈ TIÊU CHỦ YẾU
GIAI ĐOẠN 2026 - 2030") makes what is under it a table of targets, due at the period's end.

Sources (expected values read from the documents):
- 02: tests/fixtures/real/docs/02_bochinhtri-ctr31-kl75-ocr.txt, CTr 31-CTr/TW of the Politburo,
  OCR'd; its Phụ lục 1 is a table read into rows like "9. _ | Ti lệ che phủ rừng 42% Bộ Nông
  nghiệp".
- CTr 104: Chương trình hành động 104-CTr/TU of the Lào Cai provincial Party committee
  (30/8/2026), which carries CTr 31 down to the province: github Trangsct/skill-sct,
  bvmt-sct-vn/skills/bvmt-sct-vn/van-ban-goc/dang/CTr-104-CTr-TU-30-8-2026-TEXT.txt (commit
  cd1bbfd3). Its Phụ lục 1 "CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026-2030" (columns TT | Nội dung |
  Mục tiêu | Cơ quan, tổ chức đảng chủ trì); the PDF's text layer lists its cells out of order,
  the rows below are paired as printed (the body's section II.2 states the same figures).
- 07: tests/fixtures/real/docs/07_chinhphu-nq03-ctr-nq57-md-pipetable.txt, NQ 03/NQ-CP, whose
  Phụ lục I "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ" is a pipe table (TT | Chỉ tiêu | Đơn vị | Kết quả
  | …) with group rows "I | Đến năm 2030", "II | Đến năm 2045".
- 04 (docx), 06 (docx), 003 (seed): single sentences, named at each test.
"""

from __future__ import annotations

from pathlib import Path

import docx

from vanban.pipeline import convert, convert_file

REAL = Path(__file__).parent / "fixtures" / "real" / "docs"

CTR104_HEAD = """TỈNH UỶ LÀO CAI
*
Số 104-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lào Cai, ngày 30 tháng 8 năm 2026

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương Đảng khóa XIV về \
bảo vệ môi trường và chủ động ứng phó với biến đổi khí hậu trong thời kỳ mới

"""

CTR104_SIGNED = """III. TỔ CHỨC THỰC HIỆN
Tổ chức học tập, quán triệt sâu rộng Kết luận 75-KL/TW.

Nơi nhận:
- Ban Bí thư Trung ương Đảng (để b/c);
- Lưu Văn phòng Tỉnh ủy.

T/M TỈNH ỦY
PHÓ BÍ THƯ THƯỜNG TRỰC

Hoàng Giang

PHỤ LỤC 1
CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026-2030
(Kèm theo Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh uỷ Lào Cai)

"""

# rows 1, 6, 7, 11, 12, 14 of CTr 104's Phụ lục 1, as printed
CTR104_HEADER = ("TT", "Nội dung", "Mục tiêu", "Cơ quan, tổ chức đảng chủ trì")
CTR104_ROWS = [
    ("1", "Tỷ lệ chi sự nghiệp bảo vệ môi trường trong tổng chi ngân sách nhà nước hằng năm",
     "Tối thiểu 2%"),
    ("6", "Tỷ lệ chất thải rắn sinh hoạt được xử lý bằng phương pháp chôn lấp trực tiếp so với "
     "lượng chất thải được thu gom", "<30%"),
    ("7", "Tỷ lệ che phủ rừng", "60%"),
    ("11", "Tỷ lệ khu công nghiệp sinh thái trên toàn tỉnh", "01 khu"),
    ("12", "Tỷ trọng năng lượng tái tạo trong tổng cung năng lượng sơ cấp đạt tối thiểu", "26,1%"),
    ("14", "Số công trình xây dựng xanh được chứng nhận", ">25"),
]
# (value, unit, comparator, deadline) read from those rows: "hằng năm" → annual, else the end of
# the period 2026-2030; "Tối thiểu" → ≥; "Số công trình …" counts công trình
CTR104_EXPECTED = [(2, "%", "≥", "annual"), (30, "%", "<", 2030), (60, "%", None, 2030),
                   (1, "khu", None, 2030), (26.1, "%", None, 2030), (25, "công trình", ">", 2030)]


def _targets(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.value, t.unit, t.comparator, t.deadline) for t in doc.targets]


def _body(text: str) -> str:
    return CTR104_HEAD + "I. MỤC ĐÍCH, YÊU CẦU\nCụ thể hóa các mục tiêu, nhiệm vụ.\n" + text


# ---- a table of targets under an appendix's heading ----------------------------------------------

def test_an_appendix_of_targets_as_a_docx_table_read_into_pipe_rows() -> None:
    """CTr 104's Phụ lục 1 as a .docx's table reaches the parser (pipe rows): no column is named
    "Chỉ tiêu" — the heading says these are targets, the column "Mục tiêu" holds them."""
    table = "| " + " | ".join(CTR104_HEADER) + " |\n|---|---|---|---|\n" + "".join(
        f"| {n} | {name} | {value} | Đảng ủy UBND tỉnh |\n" for n, name, value in CTR104_ROWS)
    doc = convert(_body(CTR104_SIGNED + table), kind="md")
    assert _targets(doc) == CTR104_EXPECTED
    assert doc.targets[0].subject == CTR104_ROWS[0][1]
    assert doc.targets[1].deadline_text == "GIAI ĐOẠN 2026-2030"


def test_an_appendix_of_targets_as_tab_separated_rows_of_word_text() -> None:
    """The same rows copied from Word as text: cells separated by tabs."""
    table = "\t".join(CTR104_HEADER) + "\n" + "".join(
        f"{n}\t{name}\t{value}\tĐảng ủy UBND tỉnh\n" for n, name, value in CTR104_ROWS)
    assert _targets(convert(_body(CTR104_SIGNED + table))) == CTR104_EXPECTED


def test_an_appendix_of_targets_in_a_real_docx_file(tmp_path: Path) -> None:
    """The same rows as a Word table in a .docx file."""
    d = docx.Document()
    for line in _body(CTR104_SIGNED).strip().split("\n"):
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, CTR104_HEADER, strict=True):
        cell.text = text
    for n, name, value in CTR104_ROWS:
        for cell, text in zip(table.add_row().cells, (n, name, value, "Đảng ủy UBND tỉnh"),
                              strict=True):
            cell.text = text
    path = tmp_path / "ctr104.docx"
    d.save(str(path))
    assert _targets(convert_file(path)) == CTR104_EXPECTED


def test_a_table_without_a_heading_about_targets_sets_none() -> None:
    """The same table under an appendix of tasks ("DANH MỤC CÁC NHIỆM VỤ …", CTr 104's Phụ lục
    2 heading) and without a column "Chỉ tiêu": its figures are no targets."""
    signed = CTR104_SIGNED.replace(
        "CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026-2030",
        "DANH MỤC CÁC NHIỆM VỤ, CHƯƠNG TRÌNH, ĐỀ ÁN, DỰ ÁN QUAN TRỌNG")
    table = "| " + " | ".join(CTR104_HEADER) + " |\n|---|---|---|---|\n" + "".join(
        f"| {n} | {name} | {value} | Đảng ủy UBND tỉnh |\n" for n, name, value in CTR104_ROWS)
    assert convert(_body(signed + table), kind="md").targets == []


def test_the_ocr_of_an_appendix_of_targets() -> None:
    """02: Phụ lục 1 of CTr 31, OCR'd: rows read into paragraphs, numbered headings ("8. | …
    <30% …", "9. _ | Ti lệ che phủ rừng 42% …") and a table ("5. | … | 70% …"); row 17's
    indicator "Số công trình xây đựng xanh được chứng" is cut from its value "1.200" (next
    line). Every readable row is a target due 2030 (rows 3, 6, 11 and 16 are unreadable)."""
    doc = convert_file(REAL / "02_bochinhtri-ctr31-kl75-ocr.txt")
    rows = [(t.value, t.unit, t.deadline) for t in doc.targets if t.line > 550]
    assert rows == [(2, "%", 2030), (100, "%", 2030), (100, "%", 2030), (70, "%", 2030),
                    (85, "%", 2030), (30, "%", 2030), (42, "%", 2030), (6, "%", 2030),
                    (80, "%", 2030), (10, "%", 2030), (10, "%", 2030), (26.1, "%", 2030),
                    (1200, "công trình", 2030), (9, "%", 2030)]
    # the body's "tối thiểu 2% tổng chi ngân sách nhà nước hằng năm" stays annual
    assert [(t.value, t.deadline) for t in doc.targets if t.line < 550] == [(2, "annual")]


def test_a_table_of_targets_with_group_rows_of_deadlines() -> None:
    """07: NQ 03's Phụ lục I — the column "Kết quả" holds the targets; "I | Đến năm 2030" and
    "II | Đến năm 2045" give the deadline of the rows under them; the cell's "≥ 5", the unit
    column's "Doanh nghiệp", "% GDP"."""
    doc = convert_file(REAL / "07_chinhphu-nq03-ctr-nq57-md-pipetable.txt")
    by_line = {t.line: (t.value, t.unit, t.comparator, t.deadline) for t in doc.targets}
    assert by_line[329] == (5, "Doanh nghiệp", "≥", 2030)     # row 7
    assert by_line[332] == (30, "% GDP", "≥", 2030)           # row 10
    assert by_line[336] == (100, "%", None, 2030)             # row 11.3
    assert by_line[351] == (3, "%", "≥", "annual")            # row 17: "Chi ngân sách hàng năm"
    assert by_line[372] == (1, "Cơ sở", None, 2030)           # row 34: "01"
    assert by_line[375] == (50, "% GDP", "≥", 2045)           # row 36, under "Đến năm 2045"
    assert by_line[378] == (10, "Doanh nghiệp", "≥", 2045)    # row 39


# ---- a section whose heading announces targets ---------------------------------------------------

def test_a_section_heading_with_a_period_gives_its_targets_deadline() -> None:
    """CTr 104, II.2: "2. Các chỉ tiêu chủ yếu giai đoạn 2026 - 2030": its figures are due 2030,
    but "hằng năm" is annual; "- Có từ 25 công trình xây dựng xanh được chứng nhận." is at least
    25 (a count after "Có từ" at the start of a line under such a heading)."""
    doc = convert(_body(
        "II. MỤC TIÊU VÀ CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030\n"
        "1. Mục tiêu tổng quát: Nâng cao năng lực quản trị môi trường.\n"
        "2. Các chỉ tiêu chủ yếu giai đoạn 2026 - 2030\n"
        "2.1. Về ngân sách: Bố trí tối thiểu 2% tổng chi ngân sách địa phương hằng năm cho sự "
        "nghiệp bảo vệ môi trường.\n"
        "2.3. Về bảo tồn thiên nhiên, đa dạng sinh học\n"
        "- Tỷ lệ che phủ rừng toàn tỉnh duy trì ổn định ở mức 60%.\n"
        "2.5. Đẩy mạnh chuyển đổi xanh, kinh tế tuần hoàn, kinh tế carbon thấp\n"
        "- Có từ 25 công trình xây dựng xanh được chứng nhận.\n"
        "- Giảm 9% phát thải khí nhà kính so với kịch bản phát triển thông thường.\n"))
    assert _targets(doc) == [(2, "%", "≥", "annual"), (60, "%", None, 2030),
                             (25, "công trình", "≥", 2030), (9, "%", None, 2030)]


def test_a_vision_after_the_period_is_no_deadline() -> None:
    """CTr 104's Phụ lục 2 heading: "GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045" — the
    period's end year, not the vision's (here over a section of targets)."""
    doc = convert(_body(
        "II. CÁC CHỈ TIÊU GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045\n"
        "- Tỷ lệ che phủ rừng toàn tỉnh duy trì ổn định ở mức 60%.\n"))
    assert _targets(doc) == [(60, "%", None, 2030)]


def test_a_heading_about_results_is_no_heading_about_targets() -> None:
    """A report's "Kết quả thực hiện các chỉ tiêu" states what was reached, not targets: a figure
    under it without a cue is none (CTr 104's 60% forest cover, as a result)."""
    doc = convert(_body(
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU GIAI ĐOẠN 2021 - 2025\n"
        "- Tỷ lệ che phủ rừng toàn tỉnh duy trì ổn định ở mức 60%.\n"))
    assert doc.targets == []


# ---- "từ N … trở lên" ---------------------------------------------------------------------------

def test_striving_for_at_least_a_count_from_tu() -> None:
    """04 (docx): "Phấn đấu trung bình mỗi năm tổ chức đấu giá từ 05 mỏ … trở lên" — at least 5
    mines a year."""
    doc = convert(_body(
        "II. NHIỆM VỤ\n- Tổ chức thực hiện rà soát các mỏ khoáng sản đã được khoanh định trong "
        "Quy hoạch tỉnh. Phấn đấu trung bình mỗi năm tổ chức đấu giá từ 05 mỏ khoáng sản làm "
        "vật liệu xây dựng thông thường trở lên.\n"))
    assert _targets(doc) == [(5, "mỏ", "≥", "annual")]


def test_a_count_from_tu_after_a_noun_qualifies_it() -> None:
    """06 (docx): "xóa trắng nhóm từ 30 hộ trở lên chưa có điện lưới" — the 30 households say
    which group, they are no target; 003 (seed): "100% doanh nghiệp có từ 25 công nhân lao động
    trở lên" — the 100% is the target, not the 25."""
    doc = convert(_body(
        "II. NHIỆM VỤ\n- Phấn đấu hoàn thành mục tiêu xóa trắng nhóm từ 30 hộ trở lên chưa có "
        "điện lưới quốc gia.\n- Phấn đấu đến năm 2028, 100% doanh nghiệp có từ 25 công nhân lao "
        "động trở lên thành lập tổ chức công đoàn.\n"))
    assert _targets(doc) == [(100, "%", None, 2028)]
