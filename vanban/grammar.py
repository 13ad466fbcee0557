"""The grammar of Vietnamese administrative documents: every line and phrase pattern, named.

Each pattern carries an example from a real document in its comment. Patterns run on text that
`vanban.text.normalize` has made NFC, with Markdown emphasis markers already removed. Matching of
words uses `(?i)` where the documents vary in case.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

# ---- fast matching helpers -------------------------------------------------------------------
# Python's regex engine tries a pattern at every position of a text unless the pattern starts
# with a literal or a character class it can skip ahead to; a case-insensitive alternation of
# words ("phấn đấu|chỉ tiêu|…") is tried in full at every position. The helpers below give the
# same matches while the engine only looks where a match can start.


# `\d` at the start of a pattern, for speed: the engine skips ahead over a class of plain
# ranges (one table look-up per character) two to three times faster than over `\d` (a look-up
# of each character's Unicode properties). The class leaves out the characters of Vietnamese
# text that are no digit (ASCII but 0-9; Latin-1, the Latin extensions, the combining marks,
# up to the first other digit, U+0660; the Vietnamese letters U+1E00–1EFF; the punctuation
# U+2000–206F); the look-behind keeps the digits of whatever else it lets through. It is
# case-sensitive, as a case-insensitive class of ranges of letters gives the engine no skip.
# (A class of exactly the digits is slower: its ranges beyond the BMP are tried one by one.)
DIGIT = r"(?-i:[^\x00-/:-\u065f\u1e00-\u1eff\u2000-\u206f])(?<=\d)"


def lowered(text: str) -> str:
    """The text in lower case, position for position, in which a lower-case word is found
    exactly where an IGNORECASE pattern matches it: the Turkish İ (which `lower()` makes two
    characters), the dotless ı and the long ſ, which IGNORECASE takes for i and s, become i, s.

    >>> lowered("CHỈ TIÊU"), lowered("İı")
    ('chỉ tiêu', 'ii')
    """
    low = text.lower()
    if len(low) != len(text):  # only İ lower-cases to two characters
        low = text.replace("İ", "i").lower()
    if "ı" in low or "ſ" in low:
        low = low.replace("ı", "i").replace("ſ", "s")
    return low


class Cued:
    """A pattern whose every match starts with one of some words (in any case).

    `finditer`/`search` give the same matches as the pattern's own, but only try the places
    where one of the words starts (found with `str.find`, far cheaper than a regex scan): a text
    without any of the words costs almost nothing. Pass `low=lowered(text)` when several Cued
    patterns look at the same text.

    `needs`: characters of which every match holds one (in either case, both given), when some
    are rare: a text without any is turned away before it is lowered ("kỳ" of "nhiệm kỳ", "trì"
    of "chủ trì").

    `spaced`: (head, tail) when every match is a word of `head` characters, a run of spaces and
    `tail` characters before one of `needs` ("nhiệm kỳ": 5, 1): `search_unlowered` then finds
    the first match from those characters, without lowering the text.
    """

    def __init__(self, pattern: re.Pattern[str], *starts: str, needs: str = "",
                 spaced: tuple[int, int] | None = None) -> None:
        assert all(w == lowered(w) for w in starts), "start words are given in lower case"
        assert spaced is None or needs, "the needed characters end the spaced words"
        self.pattern = pattern
        self.starts = starts
        self.needs = needs
        self.spaced = spaced

    def _lowered(self, text: str) -> str | None:
        """lowered(text), or None when the text lacks every character the pattern needs."""
        if self.needs and not any(map(text.__contains__, self.needs)):
            return None
        return lowered(text)

    def places(self, low: str) -> list[int]:
        """Where one of the start words starts, in order."""
        found: list[int] = []
        for word in self.starts:
            i = low.find(word)
            while i >= 0:
                found.append(i)
                i = low.find(word, i + 1)
        # one word's places come in order; several words' may interleave or coincide
        return found if len(self.starts) == 1 else sorted(set(found))

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        low = self._lowered(text) if low is None else low
        if low is None:
            return
        end = 0
        for i in self.places(low):
            if i >= end and (m := self.pattern.match(text, i)):
                yield m
                end = m.end()

    def search_unlowered(self, text: str) -> re.Match[str] | None:
        """`search(text)` for a long text that is not lowered otherwise (a pattern with
        `spaced`): a match starts `head` characters before the run of spaces that ends `tail`
        characters before one of the needed characters, so only those places are tried."""
        assert self.spaced is not None
        head, tail = self.spaced
        starts: list[int] = []
        for ch in self.needs:
            q = text.find(ch)
            while q >= 0:
                j = q - tail  # where the spaces end
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                if head <= j < q - tail:
                    starts.append(j - head)
                q = text.find(ch, q + 1)
        for i in sorted(starts):
            if m := self.pattern.match(text, i):
                return m
        return None

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        low = self._lowered(text) if low is None else low
        if low is None:
            return None
        for i in self.places(low):
            if m := self.pattern.match(text, i):
                return m
        return None


# ---- document types (Decree 30/2020/NĐ-CP, appendix III; Party guidance 36-HD/VPTW) ---------

# The one table of document types: code → (Vietnamese name, English name), in the order the
# portal lists them (vanban.site.labels reads it; TYPE_CODES below is its Vietnamese column).
DOC_TYPES: dict[str, tuple[str, str]] = {
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
TYPE_CODES: dict[str, str] = {code: names[0] for code, names in DOC_TYPES.items()}
# Type words as printed → code. Longest first so "Chương trình hành động" wins over "Chương trình".
TYPE_NAMES: dict[str, str] = {
    "chương trình hành động": "CTr", "chương trình": "CTr", "nghị quyết liên tịch": "NQ",
    "nghị quyết": "NQ", "quyết định": "QĐ", "chỉ thị": "CT", "kế hoạch": "KH",
    "hướng dẫn": "HD", "thông báo": "TB", "thông tri": "TT", "báo cáo": "BC", "quy chế": "QC",
    "quy định": "QyĐ", "đề án": "ĐA", "phương án": "PA", "tờ trình": "TTr", "kết luận": "KL",
    "công văn": "CV", "nghị định": "NĐ", "thông tư liên tịch": "TTg", "thông tư": "TTg",
    "bộ luật": "L", "luật": "L", "pháp lệnh": "L", "điều lệ": "QC", "biên bản": "BB",
}
# Canonical name for a type line that names the whole document (keeps "hành động").
TYPE_LINE_NAMES = {
    "chương trình hành động": "Chương trình hành động", "chương trình": "Chương trình",
}
# Codes as they appear in numbers, case-folded → canonical ("Ctr" → "CTr", "QD" → "QĐ").
CODE_ALIASES: dict[str, str] = {code.lower(): code for code in TYPE_CODES}
CODE_ALIASES.update({"qd": "QĐ", "qyd": "QyĐ", "da": "ĐA", "nd": "NĐ"})


def _first_letters(words: Iterable[str]) -> str:
    """A look-ahead for the first letters of some words. The engine enters every alternative
    of a case-insensitive alternation to test its first letter; this one class turns most
    places away at once (a necessary condition: the matches stay the same)."""
    return f"(?=[{re.escape(''.join(sorted({w[0] for w in words})))}])"


_TYPE_ALT = "|".join(sorted((re.escape(n) for n in TYPE_NAMES), key=len, reverse=True))

# "CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHỈ THỊ", "KẾ HOẠCH" — a line that is only a type name, upper case
TYPE_LINE = re.compile(rf"^{_first_letters(TYPE_NAMES)}(?P<name>{_TYPE_ALT})$", re.IGNORECASE)
TYPE_LINE_LONGEST = max(map(len, TYPE_NAMES)) + 1  # a longer line is no type line ("$" may
                                                   # match before a final line break)

# ---- header block ---------------------------------------------------------------------------

# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM",
# "ĐOÀN TNCS HỒ CHÍ MINH"
MOTTO = re.compile(
    r"C[ỘO]NG\s+H(?:[ÒOÓ]A|O[ÀÁ])\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Đ[ỘO]C\s+L[ẬA]P\s*[-–—]\s*T[ỰU]\s+DO\s*[-–—]\s*H[ẠA]NH\s+PH[ÚU]C"
    r"|Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM"
    # the Youth Union prints its name where the state motto would be
    r"|ĐO[ÀA]N\s+(?:TNCS|THANH\s+NI[ÊE]N\s+C[ỘO]NG\s+S[ẢA]N)\s+H[ỒO]\s+CH[ÍI]\s+MINH",
    re.IGNORECASE,
)
# decorative lines under header columns: "-----", "_______", "*", "***"
RULE_LINE = re.compile(r"^[\s\-–—_=*.~]+$")

# "Số: 17/CTr-LĐLĐ", "Số: 01 /CTr-CDVC", "Số 12-HD/BTGTW", "Số: *M* /KH-LĐLĐ", "Số: 3722/VPCP-CN"
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<value>\S.*?)\s*$")
# the number itself, state style (17/CTr-LĐLĐ) or Party style (12-HD/BTGTW, 02-NQ/TW)
NUMBER = re.compile(
    r"^(?P<n>\d+[a-zA-Z]?)\s*(?P<sep>[/-])\s*(?P<rest>[^\s/-][^\s]*(?:\s*[-/]\s*[^\s/-]+)*)$"
)

# "Bình Định, ngày 23 tháng 11 năm 2021", "Hà Nội, ngày 01 tháng 02 năm 2026"
PLACE_DATE = re.compile(
    r"(?:(?<=\s)|^)(?P<place>[A-ZĐÀ-Ỹ][^,\d/]{0,40}?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
# a place with a date left blank to be filled in when signed: "Lào Cai, ngày    tháng 4 năm 2026",
# "Hà Nội, ngày … tháng … năm 2025"
PLACE_BLANK_DATE = re.compile(
    r"(?:(?<=\s)|^)(?P<place>[A-ZĐÀ-Ỹ][^,\d/]{0,40}?)\s*,\s*ngày[\s.…_]*(?:\d{1,2}[\s.…_]+)?tháng"
    r"[\s.…_]*(?:\d{1,2}[\s.…_]*)?năm\s*(?P<y>\d{4})?",
    re.IGNORECASE,
)
# a date without place: "ngày 23 tháng 11 năm 2021"
LONG_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
                       re.IGNORECASE)
# "12/6/2021", "01-10-1997", "09.10.2019"
SHORT_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/])")

# "V/v tăng cường công tác ..." — the summary of a công văn, under its number
VV_LINE = re.compile(r"^V/v\b\.?\s*(?P<title>.*)$", re.IGNORECASE)

# Organisation head nouns: a header line or an agency name starts with one of these.
ORG_HEADS = (
    "tổng liên đoàn", "liên đoàn lao động", "liên đoàn", "công đoàn", "ban chấp hành",
    "ban thường vụ", "ban cán sự đảng", "ban cán sự", "ban", "bộ", "sở", "ủy ban", "uỷ ban",
    "ubnd", "ubmttq", "đảng đoàn", "đảng ủy", "đảng uỷ", "đảng bộ", "tỉnh ủy", "tỉnh uỷ",
    "thành ủy", "thành uỷ", "huyện ủy", "huyện uỷ", "quận ủy", "thị ủy", "chi bộ", "hội đồng",
    "hội", "văn phòng", "cục", "tổng cục", "chi cục", "viện", "học viện", "trường",
    "trung tâm", "mặt trận", "đoàn thanh niên", "tỉnh đoàn", "thành đoàn", "chính phủ",
    "quốc hội", "thủ tướng", "công ty", "tập đoàn", "ngân hàng", "bệnh viện", "phòng",
    "thường trực", "thường vụ", "ldld", "lđlđ", "cđcs", "cđ", "mttq", "cấp ủy", "cấp uỷ",
    "các cấp ủy", "các cấp công đoàn", "các cấp", "các ban", "các sở", "các ngành",
    "các lđlđ", "các cđcs", "các công đoàn", "các cơ quan", "các đơn vị", "các hội", "cơ quan",
    "đơn vị", "bộ chính trị", "ban bí thư", "ủy ban kiểm tra", "uỷ ban kiểm tra", "tt",
)
_ORG_ALT = "|".join(sorted((re.escape(h) for h in ORG_HEADS), key=len, reverse=True))
# "Ban Tổ chức Tỉnh ủy", "Các ban LĐLĐ tỉnh", "Sở Thông tin và Truyền thông"
ORG_START = re.compile(rf"^{_first_letters(ORG_HEADS)}(?:{_ORG_ALT})(?=[\s,:;.)\-–]|$)",
                       re.IGNORECASE)

# A header line (upper case) that starts a body of its own, beside ORG_START's heads: "ĐOÀN KIỂM
# TRA", "TIỂU BAN THÔNG TIN…", "BCH ĐOÀN XÃ PHÚC THỊNH" (never a word inside an agency name)
HEADER_ORG_START = re.compile(r"^(?:ĐOÀN|TIỂU\s+BAN|TỔ\s+(?!CHỨC)|BCH|BAN)\b")

# ---- body numbering schemes ------------------------------------------------------------------

# "I. MỤC ĐÍCH, YÊU CẦU", "III. TỔ CHỨC THỰC HIỆN"
ROMAN = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.:/]\s*(?P<rest>\S.*)$")
# "Chương I", "Chương 2. QUY ĐỊNH CHUNG" (never "Chương trình")
CHAPTER = re.compile(r"^(?P<word>Chương|CHƯƠNG)\s+(?P<num>[IVXL]{1,6}|\d{1,2})\b\s*[.:]?\s*"
                     r"(?P<rest>.*)$")
# "Mục 1. ...", "MỤC 2"
MUC = re.compile(r"^(?P<word>Mục|MỤC)\s+(?P<num>\d{1,2}|[IVXL]{1,6})\b\s*[.:]?\s*(?P<rest>.*)$")
# "Điều 1. Ban hành kèm theo Quyết định này ..."
ARTICLE = re.compile(r"^(?P<word>Điều|ĐIỀU)\s+(?P<num>\d{1,3})\s*[.:]\s*(?P<rest>.*)$")
# "2.1. Chỉ tiêu hàng năm", "1.2 Mục tiêu cụ thể", "2.1.3. ..."
DOTTED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
# "1. Cấp ủy, tổ chức đảng ...", "2) ...", "10. Tiếp tục đổi mới ..."
ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s*(?P<rest>[^\d\s].*)$")
# "a) Tuyên truyền ...", "đ) ..."
ALPHA = re.compile(r"^(?P<num>[a-zđ])\s*\)\s*(?P<rest>\S.*)$")
# "(1) Tập trung đối thoại ..."
PAREN = re.compile(r"^\((?P<num>\d{1,2}|[a-zđ])\)\s*(?P<rest>\S.*)$")
# "- Phấn đấu ...", "+ ...", "* Đến năm 2025", "• ..."
BULLET = re.compile(r"^(?P<marker>[-–+•●◦▪*])\s*(?P<rest>\S.*)$")

# heading text that ends with these is a sentence, not a heading
SENTENCE_END = re.compile(r"[.;!?…]\s*[”\"»)]?$")


def ends_sentence(text: str) -> bool:
    """`SENTENCE_END.search(text)`, decided at the end of the text with string methods: a
    match is a sentence mark followed only by spaces, then at most one closing quote or bracket
    and at most a final line break (where `$` also matches).

    >>> ends_sentence("Trên đây là Kế hoạch."), ends_sentence("(quý IV/2021)"), ends_sentence("a.)")
    (True, False, True)
    """
    body = text[:-1] if text.endswith("\n") else text
    if body and body[-1] in _CLOSERS:
        body = body[:-1]
    body = body.rstrip()  # str.isspace() is what \s matches in a str pattern
    return bool(body) and body[-1] in _SENTENCE_MARKS


_SENTENCE_MARKS = ".;!?…"
_CLOSERS = "”\"»)"

# ---- zones -----------------------------------------------------------------------------------

# "Nơi nhận:" (alone or followed by the first recipient)
RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
# "TM. BAN CHẤP HÀNH", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "K/T TRƯỞNG BAN", "TL. CHỦ TỊCH"
AUTHORITY = re.compile(
    r"^(?P<prefix>T\.?M\.|T/M\.?|KT\.|K/T\.?|K\.T\.|TL\.|T/L\.?|T\.L\.|TUQ\.|T/UQ\.?|Q\.|Q/)\s*"
    r"(?P<body>[^\s.]\S*.*)$"
)
# "(Đã ký)", "(Đã ký và đóng dấu)", "(ký)", "[đã ký]"
SIGNED = re.compile(r"^[(\[]\s*(?:Đã\s+)?ký(?:\s+và\s+đóng\s+dấu)?\s*[)\]]$", re.IGNORECASE)
# signer titles that stand alone (used when there is no authority prefix)
SIGNER_TITLE = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BÍ\s+THƯ|TRƯỞNG\s+BAN|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|"
    r"TRƯỞNG\s+PHÒNG|CỤC\s+TRƯỞNG|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|VIỆN\s+TRƯỞNG|HIỆU\s+TRƯỞNG)"
    r"(?:\s+[A-ZĐÀ-Ỹ ]+)?$"
)
# "Nguyễn Mạnh Hùng", "Mùa A Sơn": 2–6 capitalised words
PERSON_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\.?\s+){1,5}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")
# typist/drafter initials after the closing paragraph: "cm/la", "NT/VP"
INITIALS = re.compile(r"^[A-Za-zĐđ]{1,4}/[A-Za-zĐđ]{1,4}$")
# "PHỤ LỤC", "PHỤ LỤC I", "Phụ lục 2", "PHỤ LỤC SỐ 01"; a form after a guidance: "MẪU 1"
# (its title may follow on the line: "Phụ lục 1: DANH MỤC NHIỆM VỤ …", "PHỤ LỤC I – KẾ HOẠCH")
APPENDIX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|MẪU(?=\s*(?:SỐ\s*)?\d)|Mẫu(?=\s*(?:số\s*)?\d))"
                      r"(?:\s+(?:SỐ|số)?\s*[IVXL\d]+|\s*\d+)?\s*"
                      r"(?:[.:]?\s*$|(?<=[IVXL\d])\s*[.:–-]\s*[A-ZĐÀ-Ỹ]\S*\s+[A-ZĐÀ-Ỹ].*$)")
# "(Ban hành kèm theo Quyết định số 156/QĐ-UBND ngày ... của ...)", "(Kèm theo ...)"
ATTACHED = re.compile(r"^\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b", re.IGNORECASE)
# preamble cues: the text after the title usually starts with these
PREAMBLE = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Để|Nhằm|Những\s+năm|Trong\s+những|Qua\s|Ngày\s)",
                      re.IGNORECASE)
# "Trên đây là Kế hoạch ...": the closing paragraph belongs to the document, not a section
CLOSING_FORMULA = re.compile(r"^Trên\s+đây\s+là\b", re.IGNORECASE)

# ---- conversion artefacts (removed, recorded in Document.removed) -------------------------

# "[bookmark: _GoBack]" and other bookmarks Word leaves in extracted text
BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]", re.IGNORECASE)
# "CÔNG BÁO/Số 123 + 124/Ngày 01-02-2026"
GAZETTE_HEADER = re.compile(r"^CÔNG\s+BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*[\d\-/.]+\s*$",
                            re.IGNORECASE)
# page numbers between gazette pages: "12"
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# digital-signature stamps: "Người ký: Văn phòng Chính phủ", "Email: vpcp@chinhphu.vn",
# "Cơ quan: Văn phòng Chính phủ", "Thời gian ký: 01.02.2026 10:15:32 +07:00", "Ký bởi: ..."
SIGNATURE_STAMP = re.compile(
    r"^(?:Người\s+ký|Ký\s+bởi|Email|Cơ\s+quan|Thời\s+gian\s+ký|Ngày\s+ký|Chức\s+vụ|"
    r"Signed\s+by|Signature\s+Not\s+Verified)\s*:.*$|^Signature\s+Not\s+Verified$",
    re.IGNORECASE,
)
# Markdown emphasis the Word extractor writes: **bold**, *italic*
# (never between two letters or digits: "0*0" keeps its star, and its two words)
# Written star first, the look-behinds after it, so that the engine skips ahead from star to
# star: the same matches as r"(?<!\w)\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?!\w)".
EMPHASIS = re.compile(r"\*(?:(?<!\w\*)\*{0,2}(?=\S)|(?<=\S\*)\*{0,2}(?!\w))")

# ---- citations ---------------------------------------------------------------------------

# "Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của Bộ Chính trị về ...",
# "Chương trình số 1563/CTr-TLĐ ngày 09/10/2019 của Tổng Liên đoàn Lao động Việt Nam",
# "Chỉ thị 34-CT/TW", "QĐ số 217-QĐ/TW", "Chương trình hành động số 25/Ctr- LĐLĐ ngày 24/01/2024"
CITE_TAIL_SRC = (
    r"(?P<date_part>\s*,?\s*(?:ban\s+hành\s+)?ngày\s*(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s*,?\s*của\s+(?P<issuer>[^,;.()“”\"]+?))?"
    # where the issuer ends: a punctuation mark or the end, or a word that goes on the sentence
    # (one look-ahead of two alternatives, tried after each character of the issuer)
    r"(?=\s*(?:[,;.()“”\"]|$)|\s+(?:về|thì|và|đã|nhằm|để|theo)\b)"
)
# the number of a cited document: "02-NQ/TW", "1563/CTr-TLĐ", "25/Ctr- LĐLĐ", "156/QĐ-UBND" —
# digits, then the type code and the issuer after "/" or "-"
_CITE_CODE_PART = (r"[a-zA-Z]?\s*[/\-\u2011]\s*[A-Za-zĐđƯư][\wĐđƯư]*"
                   r"(?:\s?[-–/\u2011]\s*[A-Za-zĐđƯư0-9][\wĐđƯư]*)*")
# A citation is CITE_TYPE + CITE_NUMBER_RE + CITE_TAIL. Matching runs number-first for speed:
# find a number, then the type words just before it (CITE_TYPE, on a short window) and the
# date/issuer just after it (CITE_TAIL). The number starts a token (no letter, digit, "/" or
# "-" before it); that look-behind is checked after the first digit, so that the engine can
# skip ahead from digit to digit.
# (a law, decree or circular puts its year between: "217/2025/NĐ-CP", "61/2024/QH15")
CITE_NUMBER_RE = re.compile(
    rf"(?P<number>{DIGIT}(?<![\w/-]\d)\d*(?:\s*/\s*(?:19|20)\d\d(?=\s*/))?{_CITE_CODE_PART})")
_CITE_CODES = ("NQ", "QĐ", "CT", "KH", "CTr", "HD", "TB", "KL", "NĐ")  # codes used as type words
CITE_TYPE = re.compile(
    rf"(?P<type>(?i:{_TYPE_ALT})|{'|'.join(_CITE_CODES)})\s+(?:số\s*)?$"
)
CITE_TAIL = re.compile(CITE_TAIL_SRC)


def _backwards(words: Iterable[str]) -> str:
    """An alternation of words spelt backwards, longest first (see `WordsBefore`)."""
    return "|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True))


class WordsBefore:
    """Which of some words ends just before a position, and where it starts.

    `gap_backwards` is what may stand between the words and the position, spelt backwards.
    The window before the position is matched reversed, so the alternation of words is tried
    once instead of at every start position of a forward search (the words are literals, so
    reversing them keeps the meaning; the longest word ending there wins, as the leftmost match
    of the forward search would). Used for CITE_TYPE before a number and for comparators.
    """

    def __init__(self, words: Iterable[str], gap_backwards: str, *, codes: Iterable[str] = (),
                 window: int | None = 40) -> None:
        words, codes = list(words), list(codes)
        alt = f"(?i:{_backwards(words)})"
        if codes:  # case-sensitive alternatives (document type codes)
            alt += f"|{_backwards(codes)}"
        # the engine enters every case-insensitive alternative to test its first letter; one
        # class of the words' last letters (in any case) turns most places away at once
        last = re.escape("".join(sorted({w[-1] for w in words + codes})))
        self.pattern = re.compile(rf"{gap_backwards}(?=(?i:[{last}]))(?P<word>{alt})")
        self.window = window

    def find(self, text: str, pos: int, lo: int = 0) -> tuple[str, int] | None:
        """(word as written, its start) when one ends just before `pos`, starting at or after
        `lo` and within the window (if any)."""
        start = lo if self.window is None else max(lo, pos - self.window)
        m = self.pattern.match(text[start:pos][::-1])
        return (m.group("word")[::-1], pos - m.end()) if m else None


# CITE_TYPE read backwards from a number: "Nghị quyết số |02-NQ/TW", "Chỉ thị |34-CT/TW"
# ("Văn bản số 4250/BNNMT-ĐCKS": a letter cited as "văn bản" is a công văn, by its number)
TYPE_BEFORE = WordsBefore([*TYPE_NAMES, "văn bản"], r"(?:\s*ốs)?\s+", codes=_CITE_CODES)


@dataclass
class CiteMatch:
    type: str
    number: str
    date: str | None
    issuer: str | None
    start: int
    end: int


def find_citations(text: str, pos: int = 0) -> list[CiteMatch]:
    """Every full citation in a text, in order (`pos`: where its first digit is, if known).

    >>> [(c.type, c.number, c.date, c.issuer) for c in find_citations(
    ...     "Thực hiện Chương trình số 1563/CTr-TLĐ ngày 09/10/2019 của Tổng Liên đoàn về x")]
    [('Chương trình', '1563/CTr-TLĐ', '09/10/2019', 'Tổng Liên đoàn')]
    """
    out: list[CiteMatch] = []
    for m in CITE_NUMBER_RE.finditer(text, pos):
        t = TYPE_BEFORE.find(text, m.start()) or _untyped_citation(text, m.start(), out)
        if not t:
            continue
        tail = CITE_TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        out.append(CiteMatch(t[0], m.group("number").replace("\u2011", "-"),
                             tail.group("date") if tail else None,
                             tail.group("issuer") if tail else None, t[1], end))
    return out


# a number that goes on a list of citations: "văn bản số 1552/BTTTT-TTH và |708/BTTTT-CATTT",
# "các Nghị định số 107/2021/NĐ-CP, |109/2022/NĐ-CP", "số 330/KH-UBND ngày …; số |332/KH-UBND"
# (matched on the text between the previous citation's end and the number)
CITE_LIST_GAP = re.compile(r"\s*[,;]?\s*(?:(?:và|hoặc)\s+)?(?:số\s*:?\s*)?", re.IGNORECASE)
# "số" just before a number with a type code: "Luật Điện lực số |61/2024/QH15",
# "Quyết định số: |132/QĐ-LĐLĐ", "các Kế hoạch của UBND thành phố Hà Nội: số |330/KH-UBND"
CITE_SO_BEFORE = re.compile(r"(?<!\w)số\s*:?\s*$", re.IGNORECASE)
# the type word of a named law or decree, before "số": "|Luật Bầu cử đại biểu … số 85/2015/QH13"
CITE_TYPE_WORD = re.compile(rf"(?<!\w)(?P<type>(?i:{_TYPE_ALT}))(?!\w)")
# the number's code starts upper case ("61/2024/QH15", not the address "số 2- phường …")
CITE_CODED = re.compile(r"\d+[a-zA-Z]?\s*[/\-\u2011]\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐƯ]")
# numbered things that are no document: "theo mẫu số 01/BCĐBQH-MT" (misspelt "Mau số"),
# "biểu số 02/BC"
CITE_NOT_A_DOCUMENT = re.compile(r"(?<!\w)(?:m[ẫa]u|biểu|phụ\s+lục)\s*$", re.IGNORECASE)
_CITE_NAME_WINDOW = 120  # characters between a type word and "số" ("Luật Bầu cử đại biểu …")


def _untyped_citation(text: str, pos: int, before: list[CiteMatch]) -> tuple[str, int] | None:
    """(type word, start) of a cited number that has no type word just before it: one that
    goes on the list of the citation before it (that citation's type), or one after "số" (the
    type word that names it further back in the clause, or "" when none: the number's code
    tells the type)."""
    if before and before[-1].end <= pos:
        gap = CITE_LIST_GAP.match(text, before[-1].end, pos)
        if gap and gap.end() == pos:
            return before[-1].type, pos
    so = CITE_SO_BEFORE.search(text, max(0, pos - 8), pos)
    if not so or not text[: so.start()].strip() or not CITE_CODED.match(text, pos) or \
            CITE_NOT_A_DOCUMENT.search(text, max(0, so.start() - 10), so.start()):
        return None
    lo = max(0, so.start() - _CITE_NAME_WINDOW, *(text.rfind(c, 0, so.start()) + 1 for c in ";(."))
    if before:
        lo = max(lo, before[-1].end)
    words = list(CITE_TYPE_WORD.finditer(text, lo, so.start()))
    if words:
        return words[-1].group("type"), words[-1].start()
    return "", so.start()
# the subject after a full mention: "về “Đổi mới tổ chức ...”" or "về xây dựng đội ngũ ..."
# (matched where the citation ends: CITE_SUMMARY.match(text, end))
CITE_SUMMARY = re.compile(r"\s*về\s+(?:“(?P<quoted>[^”]+)”|\"(?P<q2>[^\"]+)\"|(?P<plain>[^;.“]+))")
# a later short mention: "Nghị quyết 02", "Chỉ thị số 05" (number, then CITE_TYPE before it);
# a digit first, then the look-behind, so that the engine can skip ahead from digit to digit
SHORT_NUMBER = re.compile(DIGIT + r"(?<![\w/.,-]\d)\d{0,4}(?![\d/.,-]?\w)")


def find_short_citations(text: str, pos: int = 0, numbers: Container[str] | None = None
                         ) -> list[CiteMatch]:
    """Later mentions that give only type and number (`pos`: where the text's first digit is;
    `numbers`: if given, only mentions of these numbers, written without leading zeros — the
    type words are then looked for only before those).

    >>> [(c.type, c.number) for c in find_short_citations("học tập Nghị quyết 02, Chương")]
    [('Nghị quyết', '02')]
    >>> [c.number for c in find_short_citations("Nghị quyết 02, Nghị quyết 5", 0, {"5"})]
    ['5']
    """
    out = []
    for m in SHORT_NUMBER.finditer(text, pos):
        if numbers is not None and (m.group(0).lstrip("0") or "0") not in numbers:
            continue
        t = TYPE_BEFORE.find(text, m.start())
        if t and not t[0].isupper():
            out.append(CiteMatch(t[0], m.group(0), None, None, t[1], m.end()))
    return out

# ---- targets (chỉ tiêu) ------------------------------------------------------------------

COMPARATOR_BEFORE = {
    "hơn": ">", "trên": ">", "đạt trên": ">", "vượt": ">", "ít nhất": "≥", "tối thiểu": "≥",
    "không dưới": "≥", "không ít hơn": "≥", "đạt": "≥", "dưới": "<", "không quá": "≤",
    "tối đa": "≤", "không vượt quá": "≤",
}
COMPARATOR_AFTER = {"trở lên": "≥", "trở xuống": "≤"}
# a value's comparator before it, found backwards from the number: "hơn |90%", "ít nhất |01"
COMPARATOR = WordsBefore(COMPARATOR_BEFORE, r"\s+", window=None)
# a percentage after its comparator: "hơn 90%", "90% trở lên", "ít nhất 65%", "đạt 100%", "75%"
# (DIGIT, then `\d{0,2}`, not `\d{1,3}`: a pattern that starts with a character class lets the
# engine skip ahead to the places where it can match — a repeat, a case-insensitive letter or a
# look-around first makes it try the whole pattern at every position)
PERCENT = re.compile(
    r"(?P<num>" + DIGIT + r"\d{0,2}(?:[.,]\d+)?)\s*%(?:\s+(?P<after>trở\s+lên|trở\s+xuống))?",
    re.IGNORECASE)
# a count after its comparator: "105.000 đoàn viên", "ít nhất 01 đoàn viên ưu tú";
# the number is "105.000" (groups of thousands) or "25", written digit-first for speed
# (the look-ahead turns away at once a number followed by a word no unit starts with)
COUNT_UNIT = (
    r"đoàn\s+viên|công\s+nhân(?:\s+lao\s+động)?|công\s+đoàn\s+cơ\s+sở|CĐCS|doanh\s+nghiệp|người|lao\s+động|"
    r"cán\s+bộ|hội\s+viên|đảng\s+viên|tổ\s+chức|đơn\s+vị|lớp|cuộc|mô\s+hình|công\s+trình|"
    r"sáng\s+kiến|hộ|suất|nhà|tỷ\s+đồng|triệu\s+đồng|đồng|lượt|khu\s+công\s+nghiệp|"
    r"cụm\s+công\s+nghiệp|KCN|CCN|ha|MW|mỏ|tiết\s+mục|nước")
COUNT = re.compile(
    r"(?P<num>" + DIGIT + r"(?:\d{0,2}(?:\.\d{3})+|\d*)(?:,\d+)?)\s+(?=[CcdhklmnstđĐ])"
    r"(?P<unit>" + COUNT_UNIT + r"|dự\s+án(?=,\s*chương\s+trình))(?!\w)"
    # two kinds counted together: "3 tổ chức, doanh nghiệp", "05 dự án, chương trình"
    r"(?:(?P<also>,\s*(?:doanh\s+nghiệp|tổ\s+chức|chương\s+trình|dự\s+án|đơn\s+vị))(?!\w))?"
    r"(?:\s+(?P<after>trở\s+lên|trở\s+xuống))?",
    re.IGNORECASE,
)


@dataclass
class Value:
    """A percentage or count in a text, with its comparator words before and after it."""

    start: int
    end: int
    num: str
    unit: str | None  # as written; None for a percentage
    before: str | None
    after: str | None


def find_values(pattern: re.Pattern[str], text: str, first: int = 0) -> Iterator[Value]:
    """Every `[comparator] PERCENT` or `[comparator] COUNT` in a text, in order (`first`: where
    the text's first digit is, if known; every value starts with one).

    The same matches as `finditer` of the pattern with an optional comparator in front, but
    the engine only looks at digits; the comparator is then looked up backwards.

    >>> [(v.before, v.num, v.unit, v.after) for v in find_values(COUNT, "đạt trên 105.000 đoàn"
    ...                                                          " viên, 2 lớp trở lên")]
    [('đạt trên', '105.000', 'đoàn viên', None), (None, '2', 'lớp', 'trở lên')]
    """
    pos = 0
    while m := pattern.search(text, max(pos, first)):
        start, before = m.start(), None
        found = COMPARATOR.find(text, start, pos)
        if found:
            before, start = found
        unit = m.group("unit") if "unit" in pattern.groupindex else None
        if unit and m.group("also"):
            unit += m.group("also")
        yield Value(start, m.end(), m.group("num"), unit, before, m.group("after"))
        pos = m.end()


# a count after these words qualifies the subject ("doanh nghiệp có từ 25 lao động trở lên")
COUNT_QUALIFIER = Cued(re.compile(r"(?:\btừ|\bcó|\bdưới|\btrên)\s*$", re.IGNORECASE),
                       "từ", "có", "dưới", "trên")


def count_qualified(head: str) -> bool:
    """`COUNT_QUALIFIER.search(head)`, looked for at the end only: a match is one of its words
    (at most four characters) followed by nothing but spaces, so it starts at most four
    characters before the end of `head.rstrip()` (a long text is not lowered)."""
    return COUNT_QUALIFIER.pattern.search(head, max(0, len(head.rstrip()) - 4)) is not None


# a value's lower bound when it ends a range: "60-|70%", "40 - |50 tổ chức" (the label of a
# range is its lower bound)
RANGE_BEFORE = re.compile(r"(?<![\d.,])(?P<low>\d+(?:[.,]\d+)?)\s*[-–]\s*$")
# a clause that states a legal threshold or quorum, not a target: "Trường hợp … không đạt sự
# tín nhiệm của trên 50% tổng số cử tri … thì …", "đạt ít nhất là 50% tổng số cử tri"
LEGAL_THRESHOLD = re.compile(
    r"(?:trường\s+hợp|nếu)\b[^;]*\bthì\b|không\s+đạt|tổng\s+số\s+(?:cử\s+tri|đại\s+biểu|"
    r"thành\s+viên|phiếu)|số\s+phiếu|quá\s+nửa|biểu\s+quyết|tán\s+thành", re.IGNORECASE)
# "Phấn đấu …", "Chỉ tiêu …", "… 30% trở lên", "ít nhất …", "tối thiểu …", "đạt trên …"
TARGET_CUE = Cued(re.compile(r"phấn\s+đấu|chỉ\s+tiêu|trở\s+lên|ít\s+nhất|tối\s+thiểu|đạt\s+trên",
                             re.IGNORECASE), "phấn", "chỉ", "trở", "ít", "tối", "đạt")
# "Đến năm 2025", "đến năm 2030"
BY_YEAR = Cued(re.compile(r"(?:đến|tới|trong)\s+năm\s+(?P<y>\d{4})", re.IGNORECASE),
               "đến", "tới", "trong")
# "hằng năm", "hàng năm", "mỗi năm", "bình quân mỗi năm"
ANNUAL = Cued(re.compile(r"h[ằà]ng\s+năm|mỗi\s+năm|năm\s+nào\s+cũng", re.IGNORECASE),
              "hằng", "hàng", "mỗi", "năm")
# "đến hết nhiệm kỳ", "cuối nhiệm kỳ"
TERM_END = Cued(re.compile(r"(?:đến\s+)?(?:hết|cuối)\s+nhiệm\s+kỳ", re.IGNORECASE),
                "đến", "hết", "cuối", needs="ỳỲ")
# "nhiệm kỳ 2023 - 2028", "Nhiệm kỳ 2023-2028"
TERM = Cued(re.compile(r"nhiệm\s+kỳ\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", re.IGNORECASE),
            "nhiệm", needs="ỳỲ", spaced=(5, 1))
# a heading's period: "CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030" (its targets are due at its
# end year); asked of headings only, once each
PERIOD = re.compile(r"giai\s+đoạn\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", re.IGNORECASE)
# "…, tầm nhìn đến năm 2045" after a period: a vision, not a deadline ("TÂM" as OCR reads it)
VISION = re.compile(r"[,;]?\s*t[ầâa]m\s+nhìn\s+(?:đến|tới)\s+năm\s+\d{4}", re.IGNORECASE)
# an indicator that counts, in a table of targets: "Số công trình xây dựng xanh được chứng
# nhận" (its value cell a bare ">25") counts "công trình"
COUNTED = re.compile(r"\s*Số\s+(?:lượng\s+)?(?P<unit>" + COUNT_UNIT + r")(?!\w)", re.IGNORECASE)
# a table cell's comparator before its value: "Tối thiểu 2%", "<30%", ">25", "≥ 80%"
CELL_COMPARATOR = re.compile(r"(?P<cmp>[<>≤≥]=?|(?:" + "|".join(
    sorted((w.replace(" ", r"\s+") for w in COMPARATOR_BEFORE), key=len, reverse=True))
    + r"))\s*$", re.IGNORECASE)

# ---- assignments (phân công) -------------------------------------------------------------

# verbs that end an agency name at the start of a sentence (case-sensitive: "Ban Tổ chức" is a
# name, "… tổ chức …" a verb, but not after "các"/"những": "các tổ chức chính trị - xã hội");
# AGENCY_END gives the same matches as r"\s*:|(?<!,)(?<!các)(?<!những)\s+(?:lãnh\s+đạo|…)\b",
# written with the first character (a space or ":") as a class, so that the engine skips ahead
# to the spaces and colons: then ":" alone, or more spaces and ":", or — no "," (or "các",
# "những", or "hậu": "Tiểu ban hậu cần") before the first space — more spaces and a verb.
_AGENCY_VERBS = (
    r"lãnh\s+đạo|chủ\s+trì|phối\s+hợp|tham\s+mưu|chỉ\s+đạo|có\s+trách\s+nhiệm|"
    r"thực\s+hiện|căn\s+cứ|theo\s+chức\s+năng|chủ\s+động|tổ\s+chức|(?<!đầu\stư\s)(?<!Đầu\stư\s)xây\s+dựng|"
    r"hướng\s+dẫn|"
    r"theo\s+dõi|triển\s+khai|tiếp\s+tục|nghiên\s+cứu|rà\s+soát|đề\s+xuất|bảo\s+đảm|đảm\s+bảo|"
    r"kiểm\s+tra|có\s+nhiệm\s+vụ|cần|phải|được|sẽ|thường\s+xuyên|ngoài\s+nhiệm\s+vụ|"
    r"tăng\s+cường|nâng\s+cao|đẩy\s+mạnh|tuyên\s+truyền|vận\s+động|giải\s+quyết|quản\s+lý|"
    r"giám\s+sát|định\s+hướng|phát\s+huy|làm|đôn\s+đốc|triệu\s+tập|chịu\s+trách\s+nhiệm|"
    r"chuẩn\s+bị|phân\s+công|tập\s+trung|xử\s+lý|hoàn\s+thành|(?<!công\s)trình|ban\s+hành|thẩm\s+định|"
    r"lựa\s+chọn|cung\s+cấp|tiếp\s+nhận|gửi|nắm|bố\s+trí|tham\s+gia|trong\s+quá\s+trình|"
    # "Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh …": "xây dựng" after "đầu tư" is the
    # name's; "Các chi đoàn đăng ký …"; "Ban công tác Mặt trận các thôn[ trên địa bàn xã]" (a
    # place, not the name)
    r"đẩy\s+nhanh|đăng\s+ký|trên\s+địa\s+bàn|"
    # a body as a sentence's subject: "Đoàn kiểm tra lập kế hoạch …", "Ban Thường trực Ủy ban
    # MTTQ phường thành lập đoàn …", "Trường Đại học Thủy lợi thông báo kế hoạch …", "Ban
    # Chấp hành Công đoàn Công ty … kính đề nghị …", "… dự kiến …", "… tiến hành …"
    r"thành\s+lập|(?<!độc\s)lập|thông\s+báo|kính|dự\s+kiến|tiến\s+hành|nhắc\s+nhở"
)
AGENCY_END = re.compile(
    rf"[\s:](?:(?<=:)|\s*:|(?<!,\s)(?<!các\s)(?<!những\s)(?<!hậu\s)\s*(?:{_AGENCY_VERBS})\b)")
# Heads of the bodies a document assigns tasks to: the header's ORG_HEADS and the bodies that
# rarely issue a document to the trade unions but are given tasks in them ("2. Thanh tra
# tỉnh", "7. Thuế tỉnh", "4. Quân uỷ Trung ương", "Tổ đảng ở Thường trực Ủy ban Pháp luật",
# "Tiểu ban văn nghệ", "Các chi đoàn"). A word that also starts a task ("Thanh tra, kiểm tra
# …", "Tổ chức …") is a head only with the place or body after it.
AGENCY_HEADS = (
    *ORG_HEADS, "thanh tra tỉnh", "thanh tra thành phố", "thanh tra chính phủ",
    "thanh tra huyện", "thanh tra bộ", "thanh tra sở", "thuế tỉnh", "thuế thành phố", "thuế cơ sở",
    "cục thuế", "công an", "quân ủy", "quân uỷ", "quân khu", "bộ chỉ huy", "bộ đội", "kho bạc",
    "tòa án", "toà án", "viện kiểm sát", "tiểu ban", "tổ đảng", "tổ kiểm tra", "tổ công tác",
    "tổ tiếp công dân", "tổ giúp việc", "tổ dân phố", "đoàn kiểm tra", "đoàn giám sát",
    "đoàn đại biểu", "các đoàn đại biểu", "đoàn thanh niên", "chi đoàn", "các chi đoàn",
    "các cơ sở đoàn", "các tổ chức thành viên", "các tổ chức chính trị", "các đoàn thể",
    "ban quản lý", "các ban quản lý", "ban công tác mặt trận", "các tỉnh ủy", "các tỉnh uỷ",
    "ủy ban nhân dân", "uỷ ban nhân dân", "ub mttq", "phân hiệu", "cổng thông tin",
    "lãnh đạo ban", "các bộ", "mặt trận tổ quốc", "người sử dụng lao động", "ban tổ chức",
    "các khoa", "các thôn", "các đảng ủy", "các đảng uỷ", "các chi bộ", "các tổ chức ct-xh",
    "các tổ chức ctxh",
)
_AGENCY_ALT = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in AGENCY_HEADS),
                              key=len, reverse=True))
# The post of a body's head, before the body: "Giám đốc các Sở", "Thủ trưởng các ban, ngành",
# "Chủ tịch Ủy ban nhân dân các xã, phường", "Trưởng đoàn kiểm tra". The office holder stands
# for the body, so the agency is the body (one rule for every document: "who does what"); a
# person named as a person ("Đồng chí Trưởng Ban …", "đ/c Phó Chủ tịch", "các ông bà …") or a
# post with no body after it ("Phó Chủ tịch Thường trực") is no agency.
AGENCY_POSTS = ("tổng giám đốc", "giám đốc", "thủ trưởng", "chủ tịch", "trưởng", "bí thư",
                "người đứng đầu")
_POST_ALT = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in AGENCY_POSTS)
# "Ban Tổ chức Tỉnh ủy", "Thanh tra tỉnh", "Các ban LĐLĐ tỉnh", "Giám đốc các Sở" (the words
# after a head may be spaced by any run of spaces: "Thanh  tra tỉnh" is one head)
# (no head: a meeting or an event, "Hội nghị thống nhất …", or a field, "các khoa học …")
AGENCY_START = re.compile(
    rf"^{_first_letters((*AGENCY_HEADS, *AGENCY_POSTS))}"
    r"(?!hội\s+(?:nghị|thảo|thi|diễn)\b|các\s+khoa\s+học\b)"
    rf"(?:(?:{_POST_ALT})\s+)?(?:{_AGENCY_ALT})"
    r"(?=[\s,:;.)\-–]|$)", re.IGNORECASE)
# a post before a body at the start of a name or of one of its parts (what split_agencies
# drops): "Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân …"
AGENCY_POST = re.compile(rf"(?:^|(?<=[,;])|(?<=\svà))(?P<space>\s*)(?:{_POST_ALT})\s+"
                         rf"(?=(?:{_AGENCY_ALT})(?=[\s,:;.)\-–]|$))", re.IGNORECASE)
# a head word alone, or with only vague words after it: "Cơ quan", "Các cơ quan", "đơn vị liên
# quan", "Ban", "Tổ" (no body of its own)
BARE_AGENCY = re.compile(r"^(?:các\s+|những\s+)?(?:cơ\s+quan|đơn\s+vị|ban|tổ|đoàn|hội|phòng|"
                         r"ngành|cấp|bộ\s+phận|công\s+ty|trung\s+tâm|chi\s+cục)(?:[\s,]+(?:liên\s+quan|có\s+liên\s+quan|"
                         r"chức\s+năng|đơn\s+vị|địa\s+phương|ban|ngành))*$", re.IGNORECASE)
# partners too vague to be an agency: "các cơ quan liên quan", "các ngành"
# ("các ban chuyên đề"); a body named only by its level beside the lead: "công đoàn cấp trên"
GENERIC_PARTNER = re.compile(r"^(?:(?:các|những)\s+(?:cơ\s+quan|đơn\s+vị|ngành|sở|bộ|"
                             r"ban,?\s+ngành|ban|phòng)(?:[\s,]+(?:liên\s+quan|chức\s+năng|đơn\s+vị|ban|ngành|"
                             r"đoàn\s+thể|chuyên\s+đề|chuyên\s+môn|chuyên\s+ngành))*"
                             # "các đơn vị chuyên ngành thuộc Xã" (20)
                             r"(?:\s+(?:thuộc|của)\s+(?:xã|phường|huyện|tỉnh|thành\s+phố))?"
                             # the units of a body, not one body: "các đơn vị của Sở Xây dựng"
                             r"|(?:các|những)\s+đơn\s+vị\s+(?:thuộc|của|trực\s+thuộc)\s+.+"
                             r"|.*\s(?:cấp\s+trên|cấp\s+dưới|cùng\s+cấp))$", re.IGNORECASE)
# where a list of bodies goes on with those that are no named body, cut off with the rest:
# "Các Sở, ban, ngành[ và các địa phương liên quan]", "Các Sở, ban, ngành[, địa phương và các
# tổ chức hoạt động khai thác khoáng sản]", "[các tổ chức, cá nhân hoạt động khoáng sản]" (the
# organisations named as bodies stay: "các tổ chức chính trị - xã hội", "các tổ chức thành viên")
# (in lower case: "Đảng ủy khối cơ quan và Doanh nghiệp tỉnh" is one body)
# (or after ";", in a table's cell: "Các Sở, ban, ngành; Các tổ chức, cá nhân hoạt động …")
VAGUE_TAIL = re.compile(r"(?:^|[,;]\s*|\s+và\s+)(?:[Cc]ác\s+|[Nn]hững\s+)?"
                        r"(?:địa\s+phương|cá\s+nhân|"
                        r"tổ\s+chức(?!\s+(?:chính|thành|đảng|đoàn|cơ\s+sở|công\s+đoàn|CT-?XH)\b)|"
                        r"doanh\s+nghiệp|người\s+dân|nhân\s+dân)\b")
# where a partner's name ends: "phối hợp với công đoàn cấp trên trong lãnh đạo ..."
# (not "các tổ chức chính trị - xã hội": no verb after "các", "những")
PARTNER_END = re.compile(r"(?<!các)(?<!những)\s+"
                         r"(?:(?i:trong|để|về|nhằm|theo|khi|tại|cùng|đối\s+với)|"
                         # a verb in lower case ("… với Công an tỉnh xử lý nghiêm …")
                         r"xử\s+lý|tập\s+trung|chuẩn\s+bị|rà\s+soát|kiểm\s+tra|thực\s+hiện|"
                         r"triển\s+khai|tổ\s+chức|xây\s+dựng|hướng\s+dẫn|theo\s+dõi|tham\s+mưu|"
                         r"giám\s+sát|đánh\s+giá|báo\s+cáo|tuyên\s+truyền|mở|đề\s+xuất|thẩm\s+định|"
                         r"đôn\s+đốc|nghiên\s+cứu|tăng\s+cường|giải\s+quyết|cung\s+cấp|lập|"
                         r"thống\s+nhất|quản\s+lý|vận\s+động|thể\s+chế|tổng\s+hợp)\b")
# "Giao Ban Tuyên giáo - Nữ công tham mưu ...", "Đề nghị Ủy ban MTTQ tỉnh ..."
GIVE = re.compile(r"^(?P<cue>Giao\s+cho|Giao|Đề\s+nghị|Yêu\s+cầu)\s+(?P<rest>.+)$", re.IGNORECASE)
# "X chủ trì, phối hợp với Y ..."
LEAD_CUE = Cued(re.compile(r"\bchủ\s+trì\b", re.IGNORECASE), "chủ", needs="ìÌ", spaced=(3, 2))
# "phối hợp với Sở Thông tin và Truyền thông"
# "phối hợp Cơ quan Uỷ ban MTTQ Việt Nam xã", "phối hợp Trường Chính trị tỉnh" (no "với": the
# partner must then start with a body's name, as every partner must)
SUPPORT = Cued(re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với\s+)?(?P<who>[^,;.()]+)",
                          re.IGNORECASE), "phối")
# "Đơn vị chủ trì: Ban Tổ chức", "Cơ quan phối hợp: ...", "Thời gian thực hiện: Quý II/2026"
LABELLED = re.compile(
    r"^(?P<label>(?:Đơn\s+vị|Cơ\s+quan)\s+(?:chủ\s+trì|thực\s+hiện|tham\s+mưu|phối\s+hợp)|"
    r"Chủ\s+trì|Phối\s+hợp|Thời\s+gian(?:\s+thực\s+hiện|\s+hoàn\s+thành)?|Thời\s+hạn|"
    r"Tiến\s+độ)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
# deadlines: "(quý IV/2021)", "trước ngày 30/5", "hoàn thành tháng 01/2022", "định kỳ 6 tháng",
# "hằng năm", "thường xuyên", "trong năm 2022", "năm 2023", "2021-2023"
DEADLINE = Cued(re.compile(
    r"(?:hoàn\s+thành\s+)?(?:trong\s+)?quý\s+(?:[IV]{1,3}|\d)(?:\s*(?:/|năm)\s*\d{4})?"
    r"|(?:hoàn\s+thành\s+)?trước\s+ngày\s+\d{1,2}(?:/\d{1,2}(?:/\d{4})?|\s+tháng\s+\d{1,2}"
    r"(?:\s+năm\s+\d{4})?)"
    r"|hoàn\s+thành\s+(?:trong\s+)?tháng\s+\d{1,2}(?:/\d{4})?"
    r"|(?:theo\s+)?định\s+kỳ\s+(?:\d+\s+(?:tháng|năm)|h[ằà]ng\s+(?:năm|quý|tháng)|hàng\s+năm)"
    r"|h[ằà]ng\s+(?:năm|quý|tháng)"
    r"|thường\s+xuyên"
    r"|trong\s+năm\s+\d{4}",
    re.IGNORECASE,
), "hoàn", "trong", "quý", "trước", "theo", "định", "hằng", "hàng", "thường")

# ---- first characters -----------------------------------------------------------------------

# The character a line starts with tells which line patterns can match it ("I" only ROMAN, a
# digit only DOTTED or ARABIC, "(" only PAREN …): a dict lookup instead of trying every
# pattern on every line. A test checks every pattern here against its first characters.
FIRST_CHARS: dict[re.Pattern[str], str] = {
    CHAPTER: "C", MUC: "M", ARTICLE: "Đ", ROMAN: "IVXL", DOTTED: "0123456789",
    ARABIC: "0123456789", ALPHA: "abcdefghijklmnopqrstuvwxyzđ", PAREN: "(",
    BULLET: "-–+•●◦▪*",
    # the closing block, looked for on every body line
    RECIPIENTS: "Nn", AUTHORITY: "TKQ", SIGNER_TITLE: "PCBTGVH", APPENDIX: "PM",
    # assignments, tried on every paragraph
    LABELLED: "ĐđCcPpTt", GIVE: "GgĐđYy",
    # artefacts, looked for on every line with ":" or "/" (K, the Kelvin sign, and ſ, the long
    # s, are k and s to IGNORECASE); the closing formula, on every paragraph
    GAZETTE_HEADER: "Cc", SIGNATURE_STAMP: "NnKk\u212aEeCcTtSsſ", CLOSING_FORMULA: "Tt",
}


# FIRST_CHARS by the patterns' id(): hashing a compiled pattern hashes all of its code (0.1 to
# 0.5 µs, as long as the match itself), and first_match is asked hundreds of times a document
_FIRST_CHARS_BY_ID = {id(pat): chars for pat, chars in FIRST_CHARS.items()}


def first_match(pat: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pat.match(text)`, not tried when the first character rules it out."""
    return pat.match(text) if text[:1] and text[0] in _FIRST_CHARS_BY_ID[id(pat)] else None


def strip_emphasis(text: str) -> str:
    """Remove Markdown emphasis markers written by the Word extractor: "**T/M BAN**" → "T/M BAN"."""
    return EMPHASIS.sub("", text)


# ---- tables whose cells wrap over rows (a PDF table read line by line) ----------------------

# the number of a table's row: "1", "(1)", "2.1.", "I", "a)"
TABLE_ROW_MARK = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXL]{1,5}\.?|[a-zđ]\))$")
# a wrapped lead cell's later line goes on with the name ("Dân vận Tỉnh ủy", "nhân dân tỉnh",
# "UBND tỉnh" under "Đảng ủy"); these words end a name and never start a new one on their own
NAME_GOES_ON = re.compile(r"(?:\bvà|,|-|–|\bcủa|\bĐảng\s+[uủ][yỷ]|\bVăn\s+phòng|\bHội\s+đồng|"
                           r"\bỦy\s+ban|\bUỷ\s+ban|\bBan)$")
UNIT_START = re.compile(r"(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+[uủ][yỷ]\b")
UNIT_ONLY = re.compile(r"^(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+[uủ][yỷ]$|^(?:tỉnh|thành\s+phố)$")
