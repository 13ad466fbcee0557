"""Text → Document. The method (DESIGN.md, "Parsing notes"):

1. clean lines: normalise Unicode, drop conversion artefacts (recorded, never silently lost);
2. classify zones: header → type line and title (trích yếu) → body → closing (recipients and
   signature, in any order) → parts after the signature (appendices, attachments);
3. in the body, re-join hard-wrapped lines, find flattened tables, then build the section tree
   with a stack of numbering schemes (I. → 1. → 2.1. → a) → "-" …), keeping numbers as printed;
4. derive citations, targets and assignments (`vanban.extract`).

Every node keeps the number of the source line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import grammar as g
from .fields import iso_date, parse_number
from .messages import register
from .model import (
    Attachment,
    DocType,
    Document,
    Item,
    Node,
    Paragraph,
    Part,
    Section,
    Signer,
    SourceLine,
    Table,
)
from .normalise import CAPTION, Normalised
from .slug import paragraph_id, section_id
from .text import at_most_words, clean_spaces, fold, mostly_upper, number_key

register({
    "number_placeholder": (
        "số văn bản '{value}' là chỗ trống chưa điền (placeholder) — số để trống (null)",
        "number '{value}' looks like a placeholder — number left empty (null)",
    ),
    "no_number": ("không tìm thấy số, ký hiệu văn bản", "no document number found"),
    "no_header": (
        "không có phần tiêu đề (cơ quan ban hành); cơ quan ban hành suy ra từ dòng {source}",
        "no header block (issuing body); issuer inferred from line {source}",
    ),
    "no_issuer": ("không xác định được cơ quan ban hành", "issuing body not found"),
    "no_date": ("không tìm thấy địa danh, ngày tháng ban hành", "no place and date line found"),
    "no_type": ("không xác định được loại văn bản", "document type not found"),
    "no_title": ("không tìm thấy trích yếu (tên văn bản)", "no title (trích yếu) found"),
    "type_mismatch": (
        "loại văn bản '{line_type}' khác với mã trong số ký hiệu '{code}'",
        "type line '{line_type}' differs from the code '{code}' in the number",
    ),
    "bad_date": (
        "ngày '{text}' không tồn tại — để trống, hãy sửa trong văn bản",
        "date '{text}' does not exist — left empty; correct it in the page",
    ),
    "bad_year": (
        "ngày '{text}' có năm {year} khó tin — để trống, hãy sửa trong văn bản",
        "date '{text}' has an implausible year {year} — left empty; correct it in the page",
    ),
    "no_signature": ("không tìm thấy phần chữ ký", "no signature block found"),
    "from_lede": (
        "bản đăng lại không có phần đầu, phần chữ ký: {fields} lấy từ câu giới thiệu ở dòng "
        "{source}",
        "a copy without header or signature block: {fields} taken from the lede on line {source}",
    ),
    "title_too_long": (
        "trích yếu quá dài, có thể đã lẫn phần mở đầu — chỉ lấy dòng đầu",
        "title unusually long, probably runs into the preamble — kept its first line",
    ),
})

_MARKERS = (g.ROMAN, g.CHAPTER, g.MUC, g.ARTICLE, g.DOTTED, g.ARABIC, g.ALPHA, g.PAREN, g.BULLET)
# a line ending on these continues on the next line: "… Nghị quyết số", "… ngày", "… của"
_CONNECTIVES = re.compile(r"(?:\b(?:số|ngày|của|và|về|tại|theo|với|các|cho|là|được|trong)|[,(–-])$",
                          re.IGNORECASE)


def _ends_on_connective(text: str) -> bool:
    """`_CONNECTIVES.search(text)`: a match ends the text and is at most five characters long
    (six with a final line break), so only the end is searched."""
    return _CONNECTIVES.search(text, max(0, len(text) - 6)) is not None


@dataclass(slots=True)
class Line:
    no: int          # 1-based source line number
    raw: str         # as in the source (after Unicode normalisation)
    text: str        # cleaned: emphasis and artefacts removed, spaces collapsed
    cells: list[str] = field(default_factory=list)  # tab-separated cells, cleaned

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def tabbed(self) -> bool:
        return self.raw.startswith("\t")


# ---- 1. lines ---------------------------------------------------------------------------------

def clean_lines(numbered: list[tuple[int, str]], doc: Document) -> list[Line]:
    """The normalised lines (`vanban.normalise`) as `Line`s: emphasis and artefacts removed."""
    gazette = any(g.GAZETTE_HEADER.match(clean_spaces(r)) for _, r in numbered  # "CÔNG BÁO/…"
                  if "/" in r and r.lstrip()[:4].upper() == "CÔNG")
    out: list[Line] = []
    for no, raw in numbered:
        if not raw:  # an empty line (half of a document's lines): nothing to clean or drop
            out.append(Line(no, raw, raw, [raw]))
            continue
        if "[" in raw and g.BOOKMARK.search(raw):
            for m in g.BOOKMARK.finditer(raw):
                doc.removed.append(SourceLine("artefact", m.group(0), no))
            raw = g.BOOKMARK.sub("", raw)
        stripped = clean_spaces(raw)
        # cheap tests first: an artefact line holds ":" or "/", is a page number or starts
        # "Signature Not Verified" in any case (ſ, the long s, is an s to IGNORECASE)
        if (":" in stripped or "/" in stripped or gazette
                or (stripped and stripped[0] in "Ssſ")) and (
            g.first_match(g.GAZETTE_HEADER, stripped) or g.first_match(g.SIGNATURE_STAMP, stripped)
            or (gazette and g.PAGE_NUMBER.match(stripped))
        ):
            doc.removed.append(SourceLine("artefact", stripped, no))
            raw = stripped = ""
        text_ = clean_spaces(g.strip_emphasis(raw)) if "*" in raw else stripped
        cells = [clean_spaces(g.strip_emphasis(c) if "*" in c else c) for c in raw.split("\t")] \
            if "\t" in raw else [text_]
        out.append(Line(no, raw, text_, cells))
    return out


# ---- 2. header --------------------------------------------------------------------------------

def _segments(line: Line) -> list[str]:
    """Split a header line whose columns ran together into its pieces."""
    pieces = [c for c in line.cells if c] or ([line.text] if line.text else [])
    out: list[str] = []
    for piece in pieces:
        # national motto run together with the issuer: split around it
        parts = g.MOTTO.split(piece)
        mottos = g.MOTTO.findall(piece)
        for i, part in enumerate(parts):
            part = part.strip(" -–")
            if part:
                m = g.PLACE_DATE.search(part)
                if m and m.start() > 0 and part[: m.start()].strip():
                    out += [part[: m.start()].strip(), part[m.start():].strip()]
                else:
                    out.append(part)
            if i < len(mottos):
                out.append(mottos[i])
    return out


def _dated(text: str) -> bool:
    """A header line holding the number or the place and date (one of its columns)."""
    return any(g.NUMBER_LINE.match(c) or g.PLACE_DATE.search(c) or g.PLACE_BLANK_DATE.search(c)
               for c in (text.split("\t") if "\t" in text else [text]))


def _cover_end(lines: list[Line]) -> int:
    """The index where the real header starts after a cover page, else 0.

    A cover ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH …" / "DỰ THẢO" / "CHƯƠNG TRÌNH HÀNH ĐỘNG …" / "THÁNG
    9 - 2025") names the document but has no number and no place and date; the header after it
    (a national or Party motto, then "Số …" or "<place>, ngày …") is the document's own. Only
    when the text before that header holds a type line: a header whose motto is printed under
    the issuer (no type line above it) is one header, not a cover and a header."""
    seen, type_before, motto, motto_seen = 0, False, -1, 0
    for i, ln in enumerate(lines):
        if not ln.text:
            continue
        seen += 1
        if seen > _COVER_LINES or (not _dated(ln.text) and not _cover_line(ln.text)):
            return 0  # text of a body before any number or date: no cover
        if _dated(ln.text):
            if not type_before or motto < 0 or seen - motto_seen > 4:
                return 0
            start = motto  # the motto's row, and the issuer lines run onto it without a gap
            while start > 0 and motto - start < 3 and lines[start - 1].text \
                    and _headerish(lines[start - 1].text) \
                    and not g.TYPE_LINE.match(lines[start - 1].text):
                start -= 1
            return start
        if type_before and g.MOTTO.search(ln.text):
            motto, motto_seen = i, seen
        if not type_before and g.TYPE_LINE.match(ln.text) and mostly_upper(ln.text):
            type_before = True
    return 0


_COVER_LINES = 25  # a cover and the header after it: ~10 lines each


def _cover_line(text: str) -> bool:
    """A line a cover or a header may hold: short, no list item or numbered heading."""
    return len(text) < 100 and not any(p.match(text) for p in _MARKERS)


def parse_header(lines: list[Line], doc: Document) -> int:
    """Fill the header fields; return the index of the first line after the title."""
    start = _cover_end(lines)
    doc.head += [SourceLine("cover", ln.text, ln.no) for ln in lines[:start] if ln.text]
    type_idx = None
    seen = 0
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln.text:  # blank
            continue
        seen += 1
        if seen > 30:
            break
        if g.TYPE_LINE.match(ln.text) and mostly_upper(ln.text):
            type_idx = i
            break
    orgs: list[SourceLine] = []
    end = type_idx if type_idx is not None else start
    if type_idx is None:
        # no type line (công văn, or a fragment): the header is the leading header-like lines
        for i in range(start, len(lines)):
            ln = lines[i]
            if not ln.text:  # blank
                continue
            if _headerish(ln.text) or g.VV_LINE.match(ln.text):
                # the motto and the place and date may follow the V/v line (Party style)
                end = i + 1
                continue
            break
    for ln in lines[start:end]:
        for seg in _segments(ln):
            _header_segment(seg, ln.no, doc, orgs)
    # issuer lines: join continuations ("BAN CHẤP HÀNH CÔNG ĐOÀN" / "VIÊN CHỨC TỈNH")
    joined: list[SourceLine] = []
    for o in orgs:
        if joined and not (g.ORG_START.match(o.text) or g.HEADER_ORG_START.match(o.text)):
            joined[-1] = SourceLine("issuer", f"{joined[-1].text} {o.text}", joined[-1].line)
        else:
            joined.append(o)
    if joined:
        doc.issuer = joined[-1].text
        if len(joined) > 1:
            doc.parent_issuer = joined[-2].text
            for o in joined[:-1]:
                o.role = "parent_issuer"
        for o in orgs:
            o.role = "parent_issuer" if o.line < joined[-1].line else "issuer"

    if type_idx is None:
        return end
    tl = lines[type_idx]
    name = g.TYPE_LINE.match(tl.text).group("name").lower()  # type: ignore[union-attr]
    code = g.TYPE_NAMES[name]
    doc.type_line = SourceLine("type", tl.text, tl.no)
    doc.type = DocType(code, g.TYPE_LINE_NAMES.get(name, g.TYPE_CODES[code]))
    return _parse_title(lines, type_idx + 1, doc)


def _headerish(text: str) -> bool:
    return bool(
        g.MOTTO.search(text) or g.NUMBER_LINE.match(text) or g.PLACE_DATE.search(text)
        or g.RULE_LINE.match(text) or (mostly_upper(text) and len(text) < 120)
    )


def _header_segment(seg: str, no: int, doc: Document, orgs: list[SourceLine]) -> None:
    seg = seg.lstrip("/ ") if seg.startswith("/") and len(seg) > 2 else seg  # "/ỦY BAN MTTQ"
    if g.MOTTO.fullmatch(seg.strip(" .")):
        doc.removed.append(SourceLine("motto", seg, no))
        return
    if g.RULE_LINE.match(seg):
        doc.removed.append(SourceLine("rule", seg, no))
        return
    m = g.NUMBER_LINE.match(seg)
    if m and doc.number is None:
        doc.head.append(SourceLine("number", seg, no))
        number, code = parse_number(m.group("value"), doc, no)
        doc.number = number
        if code and doc.type.code is None:
            doc.type = DocType(code, g.TYPE_CODES.get(code))
        return
    m = g.PLACE_DATE.search(seg)
    if m and doc.date is None:
        doc.head.append(SourceLine("place_date", seg, no))
        doc.place = clean_spaces(m.group("place"))
        doc.date = iso_date(m.group("y"), m.group("m"), m.group("d"), doc, no, m.group(0))
        return
    m = g.PLACE_BLANK_DATE.search(seg)
    if m and doc.place is None and (m.start() == 0 or not mostly_upper(seg[: m.start()])):
        # the date is left blank until signing ("Lào Cai, ngày    tháng 4 năm 2026")
        doc.head.append(SourceLine("place_date", seg, no))
        doc.place = clean_spaces(m.group("place"))
        return
    m = g.VV_LINE.match(seg)
    if m:  # a công văn's summary sits in the header block; it stays there, in order
        doc.head.append(SourceLine("vv", seg, no))
        doc.title = m.group("title") or None
        return
    if mostly_upper(seg):
        org = SourceLine("issuer", seg, no)
        orgs.append(org)
        doc.head.append(org)
        return
    doc.head.append(SourceLine("other", seg, no))


def _parse_title(lines: list[Line], i: int, doc: Document) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    if i < len(lines) and doc.type_line and _OF_ISSUER.match(lines[i].text) \
            and mostly_upper(lines[i].text):  # "NGHỊ QUYẾT" / "CỦA BỘ CHÍNH TRỊ": the type's
        tl = doc.type_line
        doc.type_line = SourceLine("type", f"{tl.text} {lines[i].text}", tl.line)
        i += 1
        while i < len(lines) and lines[i].blank:
            i += 1
    title: list[Line] = []
    while i < len(lines) and not lines[i].blank:
        ln = lines[i]
        if title and (any(p.match(ln.text) for p in _MARKERS[:6]) or mostly_upper(ln.text)
                      or g.RULE_LINE.match(ln.text) or g.PREAMBLE.match(ln.text)
                      or (len(ln.text) > 60 and (g.ends_sentence(ln.text)
                                                 or ln.text.endswith(":")))):
            # a heading, the rule under the title, or the text's first words (a title ends no
            # sentence: a long line that does is the text, when no blank line came between)
            break
        title.append(ln)
        i += 1
    if len(title) > 4 or sum(len(t.text) for t in title) > 500:
        doc.warn(title[0].no, "title_too_long")
        i -= len(title) - 1
        title = title[:1]
    if title:
        doc.title_lines += [SourceLine("title", t.text, t.no) for t in title]
        doc.title = " ".join(t.text for t in title)
    return i


_OF_ISSUER = re.compile(r"^C[ỦU]A\s+\S")  # "CỦA BỘ CHÍNH TRỊ" under "NGHỊ QUYẾT"


# ---- 3. zones after the body -------------------------------------------------------------------

# what a closing or part line can start with (recipients, authority, signer title, appendix);
# a longer line that starts otherwise is no type line either
_CLOSING_FIRST = "".join(g.FIRST_CHARS[p] for p in (g.RECIPIENTS, g.AUTHORITY, g.SIGNER_TITLE,
                                                     g.APPENDIX))

# A line that none of these matches starts neither the closing nor a part: one match instead
# of the four tests below (each a call) on every body line that starts like one of them.
_CLOSING_OR_PART = re.compile("|".join(
    f"(?{'i' if p.flags & re.IGNORECASE else '-i'}:{p.pattern})"
    for p in (g.RECIPIENTS, g.AUTHORITY, g.SIGNER_TITLE, g.APPENDIX, g.TYPE_LINE)))


def _closing_start(lines: list[Line], start: int) -> int:
    """Index of the first line of recipients/signature after the body, or len(lines)."""
    for i in range(start, len(lines)):
        t = lines[i].text
        if not t or (t[0] not in _CLOSING_FIRST and len(t) > g.TYPE_LINE_LONGEST) \
                or not _CLOSING_OR_PART.match(t):
            continue
        if g.first_match(g.RECIPIENTS, t) or g.first_match(g.AUTHORITY, t):
            return _back_over_initials(lines, start, i)
        if g.first_match(g.SIGNER_TITLE, t) and _name_follows(lines, i):
            return _back_over_initials(lines, start, i)
        if _part_start(lines, i):
            return _back_over_initials(lines, start, i)
    return len(lines)


def _back_over_initials(lines: list[Line], start: int, i: int) -> int:
    j = i - 1
    while j > start and lines[j].blank:
        j -= 1
    return j if j > start and g.INITIALS.match(lines[j].text) else i


def _name_follows(lines: list[Line], i: int) -> bool:
    for ln in lines[i + 1: i + 8]:
        if ln.text and (g.PERSON_NAME.match(ln.text) or g.SIGNED.match(ln.text)):
            return True
        if ln.text and not (g.SIGNER_TITLE.match(ln.text) or mostly_upper(ln.text)):
            return False
    return False


# a draft sent with a letter for comments: "DỰ THẢO BÁO CÁO Kết quả triển khai …"
_DRAFT = re.compile(r"^DỰ\s+THẢO\s+\S")


def _title_follows(lines: list[Line], i: int) -> bool:
    """After "PHỤ LỤC 1" and a blank line, its title in capitals ("CÁC CHỈ TIÊU CHỦ YẾU …")."""
    nxt = next((ln.text for ln in lines[i: i + 3] if ln.text), "")
    return bool(nxt) and mostly_upper(nxt) and len(nxt) < 300 and not _classify(nxt)


def _another_header(lines: list[Line], i: int, closing_at: int) -> bool:
    """After the signature, another document's header: a body's name in capitals (on a line
    of its own or as the first cell), then its number ("Số: …") within the next three lines —
    documents printed one after another (a set of forms, a news site's joined texts)."""
    if i <= closing_at + 1:
        return False
    first = lines[i].cells[0] if len(lines[i].cells) > 1 else lines[i].text
    if not first or not mostly_upper(first) or len(first) > 80 or g.AUTHORITY.match(first) \
            or first in ("TT", "STT") \
            or not (g.ORG_START.match(first) or g.HEADER_ORG_START.match(first)):
        return False
    if lines[i - 1].text and not lines[i - 1].blank and mostly_upper(lines[i - 1].text):
        return False   # not the first line of the header
    nxt = [ln for ln in lines[i: i + 5] if ln.text]
    return any(g.NUMBER_LINE.match(c) for ln in nxt[:4] for c in (ln.cells or [ln.text]))


def _part_start(lines: list[Line], i: int) -> bool:
    t = lines[i].text
    if g.first_match(g.APPENDIX, t):
        return True
    if len(t) <= g.TYPE_LINE_LONGEST and g.TYPE_LINE.match(t) and mostly_upper(t):
        nxt = [ln.text for ln in lines[i + 1: i + 8] if ln.text]
        return any(g.ATTACHED.match(x) for x in nxt[:5])
    return False


_COLUMN_GAP = re.compile(r"\s{3,}")  # between two columns run together on one line


def parse_closing(lines: list[Line], doc: Document | None, closing: list[SourceLine]) -> Signer:
    signer = Signer(None, None, None)
    authority: list[str] = []
    mode = "other"
    for ln in lines:
        pieces = [c for c in ln.cells if c] if len(ln.cells) > 1 else [ln.text] if ln.text else []
        for piece in pieces:
            # a recipient line with a second column run into it: "- Ban Dân vận;      Báo cáo"
            cols = [c for c in _COLUMN_GAP.split(ln.raw.strip()) if c] if len(pieces) == 1 \
                else [piece]
            if len(cols) > 1 and cols[0].lstrip().startswith(("-", "+")):
                texts = [clean_spaces(g.strip_emphasis(c)) for c in cols]
            else:
                texts = [piece]
            for text in texts:
                mode = _closing_piece(text, ln.no, mode, signer, authority, doc, closing)
    signer.authority = " / ".join(authority) or None
    return signer


def _closing_piece(text: str, no: int, mode: str, signer: Signer, authority: list[str],
                   doc: Document | None, closing: list[SourceLine]) -> str:
    m = g.RECIPIENTS.match(text)
    if m:
        rest = m.group("rest").strip()
        if not (rest and (g.AUTHORITY.match(rest) or mostly_upper(rest))):
            closing.append(SourceLine("recipients_heading", text, no))
        if rest and (g.AUTHORITY.match(rest) or mostly_upper(rest)):
            # the signature's column run onto the same line: "Nơi nhận: T/M. BAN CHẤP HÀNH"
            closing.append(SourceLine("recipients_heading", text[: m.start("rest")].strip(), no))
            return _closing_piece(rest, no, "other", signer, authority, doc, closing)
        if rest and doc is not None:  # "Nơi nhận: - Tỉnh ủy (b/c); - HĐND tỉnh (b/c); …"
            doc.recipients += [r for r in map(_recipient, _RUN_TOGETHER.split(rest)) if r]
        return "recipients"
    listed = any(c.role == "recipients_heading" for c in closing)
    if text[:1] in "-+•" and (mode == "recipients" or "lưu" in text.lower()[:6] or listed):
        closing.append(SourceLine("recipient", text, no))
        if doc is not None and _recipient(text[1:]):  # (a lone "-": its text is on the next line)
            doc.recipients.append(_recipient(text[1:]))
        elif doc is not None:
            doc.recipients.append("")
        # the signature beside the list (two columns) goes on where it was
        return mode if mode in ("sign", "title") else "recipients"
    if g.AUTHORITY.match(text):
        closing.append(SourceLine("authority", text, no))
        authority.append(text)
        return "sign"
    if g.SIGNED.match(text):
        closing.append(SourceLine("signed", text, no))
        signer.signed = True
        return "sign"
    if mode in ("other", "recipients", "sign") and _MAKER.match(text) and signer.title is None:
        closing.append(SourceLine("title", text, no))  # "Người lập kế hoạch": no authority
        signer.title = text
        return "title"
    name = _PAGE_AFTER.sub("", _ACADEMIC.sub("", text))
    if mode in ("sign", "title") and g.PERSON_NAME.match(name) and signer.name is None:
        closing.append(SourceLine("name", text, no))
        signer.name = name
        return "done"
    if (mode in ("sign", "other", "recipients") and mostly_upper(text) and len(text) < 80) and (
        mode == "sign" or g.SIGNER_TITLE.match(text)
    ):
        closing.append(SourceLine("title", text, no))
        signer.title = f"{signer.title} {text}" if mode == "title" and signer.title else text
        return "title"
    if not mostly_upper(text) and doc is not None and doc.recipients and closing \
            and closing[-1].role == "recipient" and not closing[-1].text.endswith((";", ".")) \
            and not g.PERSON_NAME.match(text) and text[:1] not in "-+•":
        # a recipient wrapped onto the next line: "- Văn phòng Sở (Bố trí kinh phí, phương" /
        # "tiện Phục vụ Đoàn kiểm tra);"
        closing.append(SourceLine("recipient", text, no))
        doc.recipients[-1] = _recipient(f"{doc.recipients[-1]} {text}")
        return mode if mode in ("sign", "title") else "recipients"
    if mode == "recipients" and text.endswith((";", ",")) and not mostly_upper(text):
        closing.append(SourceLine("recipient", text, no))
        if doc is not None:
            doc.recipients.append(_recipient(text))
        return "recipients"
    role = "initials" if g.INITIALS.match(text) else "other"
    closing.append(SourceLine(role, text, no))
    return mode


# "GS.TS. Nguyễn Trung Việt", "ThS. Lê Văn A": degrees before a signer's name
_ACADEMIC = re.compile(r"^(?:(?:GS|PGS|TS|ThS|Ths|BS|KS|CN|NCS)\.\s*)+")
_MAKER = re.compile(r"^Người\s+(?:lập|soạn|viết|ký)(?:\s+\S+){0,3}$", re.IGNORECASE)
_PAGE_AFTER = re.compile(r"\s+\d{1,3}$")  # "Trương Đình Nam 3": a PDF page number after it
_RUN_TOGETHER = re.compile(r"(?:^|(?<=[;,.])\s+)[-+•]\s+")  # "- a; - b;" run onto one line


def _recipient(text: str) -> str:
    return text.strip().lstrip("-+• ").rstrip(" ;,.").strip()


# ---- 4. body --------------------------------------------------------------------------------

@dataclass
class _Block:
    """A logical paragraph: one or more source lines re-joined."""

    text: str
    line: int
    cells: list[str] | None = None  # set for table rows


def _marker(text: str) -> bool:
    return any(p.match(text) for _, p in _candidates(text, _MARKERS_BY_CHAR))


def join_lines(lines: list[Line]) -> list[_Block]:
    """Re-join hard-wrapped lines: a line continues the previous one when the previous has no
    sentence end and the next starts in lower case (or the previous ends on a connective such
    as "số", "ngày", "của") — also across up to two blank lines (page breaks)."""
    blocks: list[_Block] = []
    joined: list[str] = []  # the lines of the block being built; the last one decides
    first = 0
    pending_blank = 0
    for ln in lines:
        if not ln.text:  # blank
            pending_blank += 1
            continue
        text = ln.text
        if joined and pending_blank <= 2 and not g.ends_sentence(joined[-1]) \
                and (text[:1].islower() or _ends_on_connective(joined[-1])) \
                and not _marker(text) and not g.INITIALS.match(text):
            joined.append(text)
        else:
            if joined:
                blocks.append(_Block(" ".join(joined), first))
            joined, first = [text], ln.no
        pending_blank = 0
    if joined:
        blocks.append(_Block(" ".join(joined), first))
    return blocks


def _find_tables(lines: list[Line]) -> list[tuple[int, int, Table]]:
    """(start, end, table) for every flattened table: pipe rows, tab rows, or a "TT" header
    followed by one cell per line (Word tables as plain-text extraction gives them)."""
    found: list[tuple[int, int, Table]] = []
    end = 0  # where the last table found ends
    # the lines a table can start on (pipes, a short "TT" cell, three cells): one cheap pass
    # instead of the three tests below on every line
    for i in [i for i, ln in enumerate(lines)
              if "|" in ln.text or 0 < len(ln.text) <= 6 or len(ln.cells) >= 3]:
        if i < end:
            continue
        ln = lines[i]
        t = ln.text
        if "|" in t and t.count("|") >= 2:
            j = i
            rows: list[tuple[int, list[str]]] = []
            while j < len(lines) and lines[j].text.count("|") >= 2:
                cells = [c.strip() for c in lines[j].text.strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append((lines[j].no, [clean_spaces(c) for c in cells]))
                j += 1
            if len(rows) >= 2:
                found.append((i, j, _table(rows)))
                end = j
                continue
        if len(t) <= 6 and fold(t) in ("tt", "stt", "so tt"):
            tbl = _cell_per_line_table(lines, i)
            if tbl:
                found.append(tbl)
                end = tbl[1]
                continue
        if len(ln.cells) >= 3 and len([c for c in ln.cells if c]) >= 3 and not ln.tabbed:
            j = i
            rows = []
            while j < len(lines) and len([c for c in lines[j].cells if c]) >= 2:
                rows.append((lines[j].no, [c for c in lines[j].cells]))
                j += 1
            if len(rows) >= 2:
                found.append((i, j, _table(rows)))
                end = j
                continue
    return found


def _cell_per_line_table(lines: list[Line], i: int) -> tuple[int, int, Table] | None:
    def cells_from(k: int) -> list[tuple[int, str, int]]:
        out = []
        while k < len(lines):
            ln = lines[k]
            if ln.text or ln.tabbed:
                out.append((ln.no, ln.text, k))
            k += 1
            if len(out) > 4000:
                break
        return out

    seq = cells_from(i)
    # header: cells up to the first "1"
    header: list[str] = []
    k = 0
    while k < len(seq) and seq[k][1] not in ("1", "1."):
        header.append(seq[k][1])
        k += 1
        if len(header) > 10:
            return None
    width = len(header)
    if width < 2 or k >= len(seq):
        return None
    rows: list[tuple[int, list[str]]] = []
    n = 1
    while k + width <= len(seq) and seq[k][1].rstrip(".") == str(n):
        rows.append((seq[k][0], [c[1] for c in seq[k: k + width]]))
        k += width
        n += 1
    if not rows:
        return None
    end = seq[k - 1][2] + 1
    table = _table([(lines[i].no, header), *rows])
    return i, end, table


def _table(rows: list[tuple[int, list[str]]]) -> Table:
    width = max(len(r) for _, r in rows)
    norm = [r + [""] * (width - len(r)) for _, r in rows]
    return Table(header=norm[0], rows=norm[1:], line=rows[0][0], anchor=paragraph_id(rows[0][0]),
                 row_lines=[no for no, _ in rows[1:]])


_SCHEMES = (
    ("chapter", g.CHAPTER), ("muc", g.MUC), ("article", g.ARTICLE), ("roman", g.ROMAN),
    ("dotted", g.DOTTED), ("arabic", g.ARABIC), ("alpha", g.ALPHA), ("paren", g.PAREN),
)
_SECTION_SCHEMES = {"chapter", "muc", "article", "roman", "dotted", "arabic"}


def _by_first_char(patterns: tuple[tuple[str, re.Pattern[str]], ...]
                   ) -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """(name, pattern) pairs by the characters a match can start with (tuples of pairs, not
    dicts keyed by pattern: hashing a compiled pattern hashes all of its code)."""
    table: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
    for name, pat in patterns:  # in order: the first scheme that matches wins
        for ch in g.FIRST_CHARS[pat]:
            table[ch] = (*table.get(ch, ()), (name, pat))
    return table


_MARKERS_BY_CHAR = _by_first_char(tuple(("marker", pat) for pat in _MARKERS))
# bullets last: they start with characters no numbering scheme starts with
_SCHEMES_BY_CHAR = _by_first_char((*_SCHEMES, ("bullet", g.BULLET)))


def _candidates(text: str, table: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
                ) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (name, pattern) pairs of `table` that can match `text`, judged by its first
    character (any decimal digit, as \\d matches them all, counts as "0")."""
    first = text[:1]
    return table.get("0" if first.isdecimal() else first, ())


def _classify(text: str) -> tuple[str, str, str, str] | None:
    """(scheme, number, marker, rest) of a numbered or bulleted line, else None."""
    for scheme, pat in _candidates(text, _SCHEMES_BY_CHAR):
        m = pat.match(text)
        if m and scheme == "bullet":
            marker = m.group("marker")
            return f"bullet{marker}", marker, marker, m.group("rest").strip()
        if m:
            num, rest = m.group("num", "rest")
            marker = text[: m.start("rest")].strip() if rest else text.strip()
            rest = rest.strip()
            if scheme == "dotted":
                scheme = f"dotted{num.count('.')}"
            if scheme == "roman" and len(num) == 1 and num in "VXL" and not rest[:1].isupper():
                continue
            return scheme, num, marker, rest
    return None


def _heading_like(text: str) -> bool:
    return bool(text) and not g.ends_sentence(text) and at_most_words(text, 80)


def _can_hold(node: Node) -> bool:
    """May the node take children? Sections always; items only when they read as a heading."""
    if isinstance(node, Section):
        # "5. Ban Tổ chức Tỉnh ủy: Phối hợp …" carries its content inline
        return not node.text or node.text.rstrip().endswith(":")
    if isinstance(node, Item):
        return node.text.rstrip().endswith(":") or (
            _heading_like(node.text) and at_most_words(node.text, 15)
        )
    return False


class _Ids:
    """Unique anchors: a repeated section number ("III." twice) gets "-x2", "-x3" …"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, anchor: str) -> str:
        candidate, n = anchor, 1
        while candidate in self.used:
            n += 1
            candidate = f"{anchor}-x{n}"
        self.used.add(candidate)
        return candidate


def parse_body(lines: list[Line], ids: _Ids | None = None) -> list[Node]:
    ids = ids or _Ids()
    tables = _find_tables(lines)
    root: list[Node] = []
    stack: list[tuple[str, Node, bool]] = []  # open nodes: (scheme, node, may take children)

    def attach(node: Node) -> None:
        (stack[-1][1].children if stack else root).append(node)  # type: ignore[union-attr]

    cursor = 0
    segments: list[tuple[list[Line], Table | None]] = []
    for start, end, found in tables:
        segments.append((lines[cursor:start], None))
        segments.append(([], found))
        cursor = end
    segments.append((lines[cursor:], None))

    for seg_lines, table in segments:
        if table is not None:
            table.anchor = ids.take(table.anchor)
            attach(table)
            continue
        for block in join_lines(seg_lines):
            _place(block, stack, root, attach, ids)
    return root


def _place(block: _Block, stack: list[tuple[str, Node, bool]], root: list[Node], attach,
           ids: _Ids) -> None:
    text = block.text
    cls = _classify(text)
    if cls is None:
        # a plain paragraph: belongs to the nearest section or open heading-like item
        if g.first_match(g.CLOSING_FORMULA, text):
            stack.clear()
        while stack and not stack[-1][2]:
            stack.pop()
        attach(Paragraph(text, block.line, ids.take(paragraph_id(block.line))))
        return
    scheme, num, marker, rest = cls
    # pop to the sibling of the same scheme, if that scheme is open
    for k, (open_scheme, _, _) in enumerate(stack):
        if open_scheme == scheme:
            del stack[k:]
            break
    else:
        while stack and not stack[-1][2]:
            stack.pop()
    if scheme in _SECTION_SCHEMES or scheme.startswith("dotted"):
        chain = [n.number for _, n, _ in stack if isinstance(n, Section)] + [num]
        heading, body_text = _split_heading(rest)
        node: Node = Section(scheme, num, marker, heading, block.line,
                             ids.take(section_id(chain)), body_text)
    else:
        node = Item(marker, rest, block.line, ids.take(paragraph_id(block.line)))
    attach(node)
    stack.append((scheme, node, _can_hold(node)))


_HEAD_BODY = re.compile(r"^(?P<head>[^:]{2,160}?)\s*:\s+(?P<body>\S.*)$")


def _split_heading(rest: str) -> tuple[str, str | None]:
    """"Ban Tổ chức Tỉnh ủy: Phối hợp với ..." → ("Ban Tổ chức Tỉnh ủy", "Phối hợp với ...");
    a long sentence → ("", sentence); a heading → (heading, None)."""
    m = _HEAD_BODY.match(rest) if ":" in rest else None
    if m and at_most_words(m.group("head"), 20):
        return m.group("head"), m.group("body")
    if _heading_like(rest):
        return rest, None
    return "", rest


# ---- 5. the whole document -------------------------------------------------------------------

def parse(norm: Normalised, source: str | None = None) -> Document:
    """Parse one document's normalised lines into its header, body tree, closing and parts
    (citations, targets and assignments are `vanban.extract`'s; `vanban.pipeline` runs both).
    Never raises for odd input: problems become warnings."""
    doc = Document(source=source)
    doc.removed += [SourceLine(kind, text, no) for kind, text, no in norm.removed]
    for no, code in norm.warnings:
        doc.warn(no, code)
    lines = clean_lines(norm.lines, doc)
    body_start = parse_header(lines, doc)
    ids = _Ids()
    # another document printed after this one without a signature between (a news site's
    # joined texts): this one's body, closing and parts end where its caption starts
    own = doc.number or (_caption_number(norm.caption[1]) if norm.caption else None)
    appended = _appended_caption(lines, body_start, own)
    closing_at = _closing_start(lines[:appended], body_start)
    # parts (appendices, attachments; other documents printed after it) after the closing block
    part_starts = [i for i in range(closing_at, appended)
                   if (_CLOSING_OR_PART.match(lines[i].text) and _part_start(lines, i))
                   or _DRAFT.match(lines[i].text) or _another_header(lines, i, closing_at)]
    if appended < len(lines):
        part_starts.append(appended)
        part_starts += [i for i in range(appended + 2, len(lines))
                        if _another_header(lines, i, appended)]
    closing_end = part_starts[0] if part_starts else len(lines)
    doc.body = parse_body(lines[body_start:closing_at], ids)
    doc.signer = parse_closing(lines[closing_at:closing_end], doc, doc.closing)
    doc.recipients = [r for r in doc.recipients if r]
    for n, start in enumerate(part_starts):
        end = part_starts[n + 1] if n + 1 < len(part_starts) else len(lines)
        part = _parse_part(lines[start:end], ids)
        # another document's header — not the own header of a form or draft that a heading
        # just before introduces ("MẪU 1", "DỰ THẢO BÁO CÁO …" sent with a letter): a document
        # printed after this one, none of its facts this one's
        if start == appended or (_another_header(lines, start, closing_at) and not (
                n and not doc.parts[-1].body)):
            part.kind = "document"
            if start == appended and part.heading and part.heading[0].role == "title":
                part.heading[0].role = "part"  # its caption, its heading on the page
        doc.parts.append(part)
    if norm.caption and doc.number is None:
        _from_caption(doc, *norm.caption)
    if doc.number and doc.date is None and doc.signer.name is None:
        _from_lede(doc, lines, body_start)
    _fill_gaps(doc, lines, body_start)
    doc.attachment = _attachment(doc)
    return doc


def _caption_number(caption: str) -> str | None:
    m = _CAPTION_NUMBER.match(caption)
    return m.group("number") if m else None


# a caption line of its own: a type, "số" and a number, nothing more but its date ("Kết luận
# số 69-KL/TW", "Quyết định số 12/QĐ-UBND ngày 05/01/2026")
_CAPTION_LINE = re.compile(r"(?:\s+(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}|năm\s+\d{4}))?\s*")
_ENDED = re.compile(r"(?:[.!?:;]|\./\.)\s*$")


def _appended_caption(lines: list[Line], body_start: int, own: str | None) -> int:
    """Where another document printed after this one starts with its own caption, or
    len(lines): a line of its own that is only another document's type and number ("Kết luận
    số 69-KL/TW", after "Nghị quyết này phổ biến đến chi bộ." of NQ 57 on a news site), after
    a text that has ended."""
    ended = False
    for i in range(body_start, len(lines)):
        t = lines[i].text
        if not t:
            continue
        if ended and len(t) < 120 and t[0].isupper():
            m = CAPTION.match(t)
            if m and _CAPTION_LINE.fullmatch(t, m.end() - (1 if t[m.end() - 1:m.end()].isspace()
                                                           else 0)):
                number = _caption_number(t)
                if number and (own is None or number_key(number) != number_key(own)):
                    return i
        ended = _ENDED.search(t) is not None
    return len(lines)


_CAPTION_NUMBER = re.compile(r"^(?P<type>\S+(?:\s+\S+)?)\s+(?:[Ss]ố\s+)?(?P<number>\d+[a-zA-Z]?"
                             r"\s*[/-]\s*[\wĐđ]+(?:[/-][\wĐđ]+)*)")


def _from_caption(doc: Document, no: int, caption: str) -> None:
    """A document without a header (a news site's copy): its number and type from the
    caption above it ("Nghị quyết số 57-NQ/TW")."""
    m = _CAPTION_NUMBER.match(caption)
    if m is None:
        return
    number, code = parse_number(m.group("number"), doc, no)
    if number is None:
        return
    doc.number = number
    doc.head.append(SourceLine("number", caption, no))
    if doc.type.code is None and code:
        doc.type = DocType(code, g.TYPE_CODES.get(code))


# a news site's lede above a document it copies without header or signature block: "Thay mặt
# Bộ Chính trị, Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của
# Bộ Chính trị về đột phá …", "Phó Thủ tướng Trần Hồng Hà vừa ký Quyết định số 12/QĐ-TTg ngày
# 05/01/2026 về …" — the signer's post (its last word in lower case: "Tổng Bí thư", "Thủ tướng
# Chính phủ") then a name of two to four capitalised words
_LEDE = re.compile(
    r"^(?:(?:Thay\s+mặt|T/M|TM\.)\s+(?P<body>[^,]{3,80}),\s+)?"
    r"(?P<who>[^,;.()]{5,120}?)\s+(?:đã\s+|vừa\s+)?ký(?:\s+ban\s+hành)?\s+\S+(?:\s+\S+)?\s+"
    r"số\s+(?P<number>[^\s,()]+)"
    r"\s*,?\s*\(?(?:ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?\)?"
    r"(?:\s+của\s+(?P<issuer>[^,;.()]{3,80}?))?"
    r"(?:\s+(?P<title>về\s+[^;]{5,400}?))?\s*\.?$")


def _post_and_name(who: str) -> tuple[str, str] | None:
    """"Tổng Bí thư Tô Lâm" → ("Tổng Bí thư", "Tô Lâm"): the name is the last two to four
    capitalised words, the post before it ends with a word in lower case (else where the post
    ends is unknown: "Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường")."""
    words = who.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper() and words[k - 1].isalpha():
        k -= 1
    if not (2 <= len(words) - k <= 4) or k == 0 or not words[k - 1][:1].islower() \
            or not words[0][:1].isupper():
        return None
    return " ".join(words[:k]), " ".join(words[k:])


def _from_lede(doc: Document, lines: list[Line], body_start: int) -> None:
    """A copy without a header or a signature block (a news site's): its date, title, issuer
    and signer as the lede above the text states them, when it names this document's number."""
    first = next((ln for ln in lines[body_start: body_start + 5] if ln.text), None)
    if first is None:
        return
    m = _LEDE.match(first.text)
    if m is None or doc.number is None or number_key(m.group("number")) != number_key(doc.number):
        return
    found = _post_and_name(m.group("who"))
    if found is None:
        return
    fields = ["người ký"]
    doc.signer = Signer(f"T/M {m.group('body').strip()}" if m.group("body") else None, *found)
    if m.group("date"):
        d, mo, y = m.group("date").split("/")
        doc.date = iso_date(y, mo, d, doc, first.no, m.group("date"))
        fields.append("ngày")
    if m.group("title") and doc.title is None:
        doc.title = m.group("title").strip()
        fields.append("trích yếu")
    issuer = m.group("issuer") or m.group("body")
    if issuer and doc.issuer is None:
        doc.issuer = issuer.strip()
        fields.append("cơ quan ban hành")
    doc.warn(first.no, "from_lede", fields=", ".join(fields), source=first.no)


def _attachment(doc: Document) -> Attachment | None:
    """The first part that a type line heads ("CHƯƠNG TRÌNH HÀNH ĐỘNG" … "(Kèm theo Nghị quyết
    số 03/NQ-CP …)"): the plan or programme the document issues."""
    for part in doc.parts:
        if part.kind != "attachment":
            continue
        head = next((h.text for h in part.heading if h.role == "part"), "")
        m = g.TYPE_LINE.match(head.split(" CỦA ")[0].strip())
        if m:
            name = m.group("name").lower()
            code = g.TYPE_NAMES[name]
            return Attachment(DocType(code, g.TYPE_LINE_NAMES.get(name, g.TYPE_CODES[code])),
                              part.title, part.anchor)
    return None


def _parse_part(lines: list[Line], ids: _Ids) -> Part:
    heading: list[SourceLine] = []
    i = 0
    kind = "appendix" if g.APPENDIX.match(lines[0].text) else "attachment"
    title: list[str] = []
    # heading: PHỤ LỤC / type line, title lines, "(Kèm theo ...)" (which may wrap)
    in_attached = False
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            if heading and not in_attached and (title or not _title_follows(lines, i)):
                break
            i += 1
            continue
        t = ln.text
        if g.ATTACHED.match(t):
            in_attached = True
        if in_attached:
            heading.append(SourceLine("attached", t, ln.no))
            in_attached = ")" not in t
            i += 1
            if not in_attached:
                break
            continue
        if (g.APPENDIX.match(t) or (g.TYPE_LINE.match(t) and mostly_upper(t))) and not title:
            heading.append(SourceLine("part", t, ln.no))
        elif heading and heading[-1].role == "part" and not title and _OF_ISSUER.match(t) \
                and mostly_upper(t):  # "CHƯƠNG TRÌNH HÀNH ĐỘNG" / "CỦA CHÍNH PHỦ"
            heading[-1] = SourceLine("part", f"{heading[-1].text} {t}", heading[-1].line)
        elif len(title) < 4 and not _classify(t) and len(t) < 300:
            heading.append(SourceLine("title", t, ln.no))
            title.append(t)
        else:
            break
        i += 1
    rest = lines[i:]
    closing_at = _closing_start(rest, 0)
    body = parse_body(rest[:closing_at], ids)
    part = Part(kind, heading, " ".join(title) or None, body, lines[0].no,
                ids.take(f"phu-luc-{lines[0].no}"))
    if closing_at < len(rest):
        closing: list[SourceLine] = []
        parse_closing(rest[closing_at:], None, closing)
        part.closing = closing
    return part


def _fill_gaps(doc: Document, lines: list[Line], body_start: int) -> None:
    first = next((ln.no for ln in lines if ln.text), 1)
    if doc.type.code is None:
        doc.warn(first, "no_type")
    if doc.number is None and not any(w.code == "number_placeholder" for w in doc.warnings):
        doc.warn(first, "no_number")
    if doc.date is None and not any(w.code in ("bad_date", "bad_year") for w in doc.warnings):
        doc.warn(first, "no_date")
    if doc.title is None:
        doc.warn(first, "no_title")
    if doc.signer.name is None and doc.signer.title is None:
        doc.warn(lines[-1].no if lines else 1, "no_signature")
    term_src = " ".join([doc.title or "", *(ln.text for ln in lines[body_start: body_start + 40])])
    tm = g.TERM.search_unlowered(term_src)  # (lowering all 40 lines would cost more)
    if tm:
        doc.term = (int(tm.group("a")), int(tm.group("b")))
    if doc.issuer is None:
        _infer_issuer(doc, lines, body_start)


_ISSUER_VERB = (r"\s+(?:xây\s+dựng|yêu\s+cầu|ban\s+hành|đề\s+nghị|quyết\s+định|giao|"
                r"chỉ\s+thị|thông\s+báo|hướng\s+dẫn|kết\s+luận)\b")


_OF_BEFORE = re.compile(r"\bcủa\s*$")  # "… của |Ban Thường vụ": the issuer of a cited document


def _infer_issuer(doc: Document, lines: list[Line], body_start: int) -> None:
    """No header block (seeds 001, 002, 004): the collective body the signature acts for
    ("T/M BAN THƯỜNG VỤ") as the text names it acting ("Ban Thường vụ Tỉnh ủy yêu cầu:"),
    never as the issuer of a cited document ("… của Ban Thường vụ LĐLĐ tỉnh")."""
    auth = doc.signer.authority or ""
    m = g.AUTHORITY.match(auth.split(" / ")[0]) if auth else None
    body_name = m.group("body") if m else None
    pat = re.escape(body_name) if body_name else r"Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành"
    found: tuple[int, str] | None = None
    acting = re.compile(rf"(?P<name>(?i:{pat})[^.,;:()]{{0,80}}?){_ISSUER_VERB}")
    for ln in lines[body_start:]:
        for mm in acting.finditer(ln.text):
            if _OF_BEFORE.search(ln.text[: mm.start()]):
                continue
            found = (ln.no, mm.group("name").strip())
            break
        if found:
            break
    if not found:
        doc.warn(body_start + 1 if body_start < len(lines) else 1, "no_issuer")
        return
    no, name = found
    # "Ban Thường vụ Tỉnh ủy" + place "Điện Biên": a provincial body is of the place
    if doc.place and fold(doc.place) not in fold(name) and re.search(
        r"(?i)(tỉnh ủy|tỉnh uỷ|tỉnh|thành ủy|thành uỷ|thành phố)$", name
    ):
        name = f"{name} {doc.place}"
    doc.issuer = name
    doc.warn(no, "no_header", source=no)
