"""The readers on real files (tests/fixtures/sources/README.md): every expected line below was
read in the document itself (Word, a PDF viewer), not copied from the reader's output."""

from __future__ import annotations

import codecs
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT

from vanban import sources
from vanban.sources import Source, SourceError, read, read_source

FIX = ROOT / "tests" / "fixtures" / "sources"
REAL = ROOT / "tests" / "fixtures" / "real" / "docs"   # one copy of each real document
SEED = ROOT / "tests" / "fixtures" / "convert" / "seed-002-ke-hoach" / "input.txt"
ACCEPTED = ".txt, .md, .docx, .doc, .htm/.html, .pdf"


def lines(path: Path) -> list[str]:
    return read(path).text.split("\n")


# ---- .doc ------------------------------------------------------------------------------------

def test_doc_header_body_and_signature_tables() -> None:
    path = REAL / "20_xa-phucthinh-kh-5-diem-nghen.doc"
    got = read(path)
    assert got.kind == "doc"
    text = got.text.split("\n")
    # the header is a 2-cell table with no number (Số:  /CV): a data row, as the .docx reader
    assert text[0] == ("| THÀNH ĐOÀN HÀ NỘI BCH ĐOÀN XÃ PHÚC THỊNH *** Số:  /CV - ĐTN | "
                       "ĐOÀN TNCS HỒ CHÍ MINH Phúc Thịnh, ngày 14 tháng 01 năm 2026 |")
    assert "KẾ HOẠCH" in text
    assert "I. MỤC ĐÍCH, YÊU CẦU:" in text
    assert any(x.startswith("- Tập trung nguồn lực, nhân lực, huy động sức mạnh tổng hợp của cả "
                            "hệ thống chính trị") for x in text)
    assert ("| Nơi nhận: - UBND Thành phố (Báo cáo); - TTĐU, HĐND Xã (Báo cáo); - Lãnh đạo UBND "
            "Xã (Báo cáo); - Các phòng, ban, ngành, đơn vị liên quan (t/hiện); - Lưu: VT, KT. |  "
            "| TM. UỶ BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Minh |") in text


def test_doc_heading_footnotes_and_layout_table() -> None:
    text = lines(REAL / "21_congdoan-hd-quytrinh-thoauoc-ldtt.doc")
    assert text[1:3] == ["HƯỚNG DẪN",
                         "Quy trình xây dựng, thương lượng ký kết Thỏa ước lao động tập thể"]
    assert "III. NGUYÊN TẮC VÀ QUYỀN YÊU CẦU THƯƠNG LƯỢNG TẬP THỂ" in text  # catdoc drops it
    assert "+ Các nội dung về tiền lương[1]." in text
    assert text[-2:] == ["[1] Theo quy định tại Chương VI Bộ luật Lao động 2019.",
                         "[2] Theo quy định tại Chương VII Bộ luật Lao động 2019."]
    # the minutes' header (a layout table): left column, then the right one, line by line
    i = text.index("CÔNG TY ……………………..")
    assert [x for x in text[i + 1:i + 9] if x][:3] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập – Tự do – Hạnh Phúc",
                                 "Tây Ninh, ngày       tháng       năm 2025"]


def test_doc_needs_antiword_and_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    path = REAL / "20_xa-phucthinh-kh-5-diem-nghen.doc"
    monkeypatch.setattr(sources.shutil, "which", lambda tool: None)
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: reading .doc files needs the program 'antiword', which is not installed — "
        "run `make setup` (Debian package antiword) or open the file in Word and save it as "
        ".docx")
    assert err.value.message("vi") == (
        f"{path}: cần chương trình 'antiword' để đọc tệp .doc nhưng máy chưa có — chạy "
        "`make setup` (cài gói Debian antiword) hoặc mở tệp bằng Word và lưu thành .docx")


def test_damaged_doc(tmp_path: Path) -> None:
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))  # OLE magic, no Word
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: the .doc file is damaged or not what its name says (is not a Word Document.) "
        "— open it in Word and save it as .docx")


def test_a_docx_or_web_page_named_doc_is_read_as_what_it_is(tmp_path: Path) -> None:
    renamed = tmp_path / "a.doc"
    import docx as python_docx

    made = python_docx.Document()
    made.add_paragraph("KẾ HOẠCH")
    made.save(str(renamed))
    assert read(renamed) == Source("KẾ HOẠCH", "docx")
    html = tmp_path / "b.doc"
    shutil.copy(REAL / "18_mttq-luongminh-hd-baucu-wordhtml-cp1252.htm", html)
    assert read(html).kind == "html"


# ---- .htm ------------------------------------------------------------------------------------

HTM = REAL / "18_mttq-luongminh-hd-baucu-wordhtml-cp1252.htm"


def test_word_web_page_in_windows_1252_with_entities() -> None:
    got = read(HTM)
    assert got.kind == "html"
    text = got.text.split("\n")
    assert text[:3] == ["ỦY BAN MTTQ VIỆT NAM", "XÃ LƯƠNG MINH", "BAN THƯỜNG TRỰC"]
    for line in ("Số: /HD-MTTQ-BTT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Lương Minh, ngày tháng 11 năm 2025",
                 "HƯỚNG DẪN", "I. MỤC ĐÍCH, YÊU CẦU", "Nơi nhận:", "- Lưu: VTMTTQ.",
                 "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Lan Thị Vân"):
        assert line in text, line
    assert any(x.startswith("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân "
                            "số 85/2015/QH13, ngày 25/6/2015") for x in text)
    assert "&#" not in got.text and "\xa0" not in got.text


def test_the_same_page_saved_as_utf8_reads_the_same(tmp_path: Path) -> None:
    page = HTM.read_bytes().decode("cp1252", errors="replace")
    page = page.replace("charset=windows-1252", "charset=utf-8")
    path = tmp_path / "trang.html"
    path.write_bytes(page.encode("utf-8"))
    assert read(path) == Source(read(HTM).text, "html")


# ---- .pdf ------------------------------------------------------------------------------------

def test_pdf_text_layer_keeps_the_header_columns_side_by_side() -> None:
    got = read(FIX / "40_bxd-qd1074-pccc.pdf")
    assert got.kind == "pdf"
    text = got.text.split("\n")
    assert text[0].split() == ["BỘ", "XÂY", "DỰNG", "CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA",
                               "VIỆT", "NAM"]
    number = next(x for x in text if "Số: 1074/QĐ-BXD" in x)
    assert "Hà Nội, ngày 29 tháng 6 năm 2026" in number  # the two columns on one line
    assert "QUYẾT ĐỊNH" in (x.strip() for x in text)
    assert any("Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15" in x
               for x in text)
    assert "\f" in got.text  # pages are kept apart for the normaliser


def test_pdf_printed_from_word() -> None:
    text = [x.strip() for x in lines(REAL / "33_doan-phucthinh-kh-xuan-tinh-nguyen.pdf")]
    assert "KẾ HOẠCH" in text
    assert "Tổ chức chương trình “Xuân tình nguyện – Tết sẻ chia” năm 2026" in text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text


def test_scanned_pdf_is_refused_with_the_way_out() -> None:
    path = REAL / "36_cuchoachat-cv813-scan-no-textlayer.pdf"
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: the PDF is an image scan with no text layer (2 pages, 0 characters of text) — "
        "ask for the original Word file (.docx), or run OCR and import its result")
    assert err.value.message("vi") == (
        f"{path}: tệp PDF là ảnh quét, không có lớp chữ (2 trang, 0 ký tự đọc được) — hãy xin "
        "tệp Word (.docx) gốc, hoặc nhận dạng chữ (OCR) rồi nhập tệp kết quả")


def test_pdf_with_a_garbled_text_layer_is_refused() -> None:
    path = REAL / "34_sct-laocai-dkt-kh1105-garbled-textlayer.pdf"
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: the PDF's text layer has wrong character codes (20% of its letters are not "
        "Vietnamese, e.g. '6Ӣ') — ask for the original Word file (.docx), or run OCR and import "
        "its result")


def test_pdf_ocrd_without_vietnamese_is_refused() -> None:
    """Doc 52: a scan OCR'd without Vietnamese ("TiNH UY THAI NGUYEN", "cüa Ban Chip hành")."""
    path = REAL / "52_tinhuy-thainguyen-tb348-ocr-textlayer.pdf"
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: the PDF's text layer is Vietnamese without its accents (41% of the words that "
        "always carry them, such as 'của', 'các', 'được', lost them, e.g. 'NGUYEN') — it was "
        "OCR'd without Vietnamese; ask for the original Word file (.docx), or run OCR with "
        "Vietnamese and import its result")
    assert "OCR" in err.value.message("vi") and "không dấu" in err.value.message("vi")


def _all_real_inputs() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    paths = [*REAL.iterdir(), *FIX.glob("*.pdf")]
    if corpus.is_dir():
        paths += [p for p in corpus.iterdir() if p.suffix in (".txt", ".docx", ".doc", ".htm")]
    return sorted(paths)


def test_no_real_document_with_its_accents_counts_as_unaccented() -> None:
    """The threshold measured on every real input: the most "bare" one is OCR (02, 0.3 %)."""
    shares = {}
    for path in _all_real_inputs():
        try:
            text = read(path).text
        except SourceError:
            continue  # the scans and garbled layers (34-36), and 52 itself
        share = sources.unaccented_share(text)
        assert share is not None, path.name
        shares[path.name] = share[0]
    assert len(shares) >= 36
    assert max(shares.values()) < 0.01 < sources.MAX_BARE_SHARE


def test_the_same_real_text_with_its_accents_stripped_is_unaccented() -> None:
    text = read(REAL / "50_ubnd-sadec-qd149-ban-baucu.pdf").text
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    got = sources.unaccented_share(bare)
    assert got is not None and got[0] == 1.0


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with these lines in Helvetica (ASCII), built by hand."""
    ops = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(
        "(" + x.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
        for x in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            "<< /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_english_pdf_is_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    english = ["Notice of the annual meeting of the board of directors.",
               "The meeting will be held on Monday in the main hall of the university.",
               "All members are invited to attend and to bring the documents they need.",
               "Please confirm your attendance to the secretary before Friday."]
    path.write_bytes(_pdf(english))
    text = read(path).text
    assert "annual meeting of the board" in text
    assert sources.unaccented_share(text) is None


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en").startswith(
        f"{path}: the .pdf file is damaged or not what its name says (")


# ---- .txt and .md: encodings -----------------------------------------------------------------

def cp1258(text: str) -> bytes:
    """Text as Windows writes it in Vietnamese (cp1258): a base letter (â, ơ …) + a
    combining tone mark where no precomposed letter exists."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        for i in range(1, len(d)):  # â, ê, ô, ă, ơ, ư exist; their tone mark is separate
            base = unicodedata.normalize("NFC", d[0] + d[i])
            if len(base) == 1 and base.encode("cp1258", errors="ignore"):
                out += (base + d[1:i] + d[i + 1:]).encode("cp1258")
                break
        else:
            out += d.encode("cp1258")
    return bytes(out)


SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,data", [
    ("utf8.txt", SEED_TEXT.encode("utf-8")),
    ("bom.txt", codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8")),
    ("le.txt", codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le")),
    ("be.txt", codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be")),
    ("cp1258.txt", cp1258(SEED_TEXT)),
    ("ghi-chu.md", SEED_TEXT.encode("utf-8")),
])
def test_every_common_encoding_gives_the_same_text(tmp_path: Path, name: str,
                                                    data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    got = read(path)
    assert got.kind == ("md" if name.endswith(".md") else "txt")
    assert unicodedata.normalize("NFC", got.text) == unicodedata.normalize("NFC", SEED_TEXT)


def test_cp1258_is_not_taken_for_cp1252(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        SEED_TEXT.encode("cp1252")  # Vietnamese needs cp1258; cp1252 would read Ì, Ò, Þ …
    path = tmp_path / "vn.txt"
    path.write_bytes(cp1258(SEED_TEXT))
    text = read_source(path)
    assert "KẾ HOẠCH" in text and "Ð" not in text and "Þ" not in text


def test_english_page_in_cp1252(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "gioi-thieu.en.md").read_text(encoding="utf-8")
    path = tmp_path / "en.txt"
    path.write_bytes(page.encode("cp1252"))
    assert read_source(path) == page


def test_unknown_type_lists_what_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "van-ban.rtf"
    path.write_bytes(b"{\\rtf1 ...}")
    with pytest.raises(SourceError) as err:
        read(path)
    assert err.value.message("en") == (
        f"{path}: cannot read '.rtf' files — only {ACCEPTED} are accepted (open it in Word and "
        "save as .docx)")
    assert err.value.message("vi") == (
        f"{path}: không đọc được loại tệp '.rtf' — chỉ nhận {ACCEPTED} (mở tệp bằng Word và "
        "lưu thành .docx)")
