"""Normalising: whatever layout a document arrives in → the same clean lines for the parser.

Staff have text pasted from Word (the seeds' layout), Word files, PDF text (`pdftotext
-layout`: the two header columns side by side, hard-wrapped lines, page numbers, footnotes),
OCR of scans, .docx converted to Markdown (`#`, `**`, `\\-`, pipe tables) and text copied from
a legal web portal (a caption line, then the whole header run together on one line). Each is
turned into one shape, the seeds' shape, so the parser has one grammar to know:

- one paragraph per line (hard-wrapped lines joined, also across page breaks);
- header and signature columns as tab-separated cells of one line ("Số: 17/CTr-LĐLĐ\\tBình
  Định, ngày 23 tháng 11 năm 2021"), and a header run together split at "Số", the place and
  date, the type word and "V/v";
- no markup: Markdown headings, emphasis, escapes and table rules removed, table rows as
  tab-separated cells;
- page furniture (page numbers, running headers, OCR page marks, rules) dropped and recorded
  in `removed`, so that the lossless check knows every word that is not carried over.

Each output line keeps the number of the source line it starts on.

>>> n = normalise("Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/v ban hành X")
>>> [t for _, t in n.lines]
['Số: 435/QĐ-UBND\\tKon Tum, ngày 04 tháng 5 năm 2020', 'QUYẾT ĐỊNH', 'V/v ban hành X']
>>> [t for _, t in normalise("**I\\\\. MỤC ĐÍCH**\\n\\\\- Nâng cao", "md").lines]
['I. MỤC ĐÍCH', '- Nâng cao']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import grammar as g
from .text import clean_spaces, fold, mostly_upper, normalize

Line = tuple[int, str]  # (source line number, text)


@dataclass
class Normalised:
    lines: list[Line]
    layout: str                                   # plain | markdown | pdf | ocr | portal
    removed: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, text, line)
    caption: Line | None = None                   # a web page's caption line, if any
    warnings: list[tuple[int, str]] = field(default_factory=list)      # (line, message code)


# ---- what a layout looks like ----------------------------------------------------------------

# "===== Trang 3 =====", the "[OCR]" note a scanner writes first
OCR_PAGE = re.compile(r"^\s*=+\s*Trang\s+\d+\s*=+\s*$", re.IGNORECASE)
OCR_NOTE = re.compile(r"^\s*\[OCR[^\]]*\]", re.IGNORECASE)
# Markdown: "# CHÍNH PHỦ", "**KẾ HOẠCH**", "\-", "| a | b |", "*   item", "```"
MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
MD_MARKUP = re.compile(r"^\s*#{1,6}\s|\\[-.*_()#+!\[\]]|^\s*\|.*\|\s*$|^\s*\*\*\S|^```")
# a caption a web portal or a converter puts first: "Quyết định 435/QĐ-UBND năm 2020 về …",
# "Kế hoạch 12/KH-UBND 2021", "## Công Văn Số 402-CV/VPĐU" (a type name in title case and a number)
CAPTION = re.compile(
    r"^(?:#+\s*)?(?:Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Chương trình(?: hành động)?|Hướng dẫn|"
    r"Thông báo|Công [Vv]ăn|Thông tư|Nghị định|Luật|Quy định|Quy chế|Đề án|Báo cáo|Kết luận|"
    r"Tờ trình)\s+(?:[Ss]ố\s+)?\d+[a-zA-Z]?\s*[/-]\s*[\wĐđ/.-]*(?:\s|$)")
PORTAL_CAPTION = re.compile(CAPTION.pattern + r"(?:năm\s+)?\d{4}\b")
# two columns on one line of PDF text: three or more spaces between two pieces of text
COLUMN_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")
PAGE_NO = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$",
                     re.IGNORECASE)
# a footnote at the foot of a PDF page: "   1 Các quy định của Luật ..."
FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+[A-ZĐÀ-Ỹ]")
# a pipe-table rule row: "|---|:---:|"
TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
# Markdown escapes and emphasis (bold/italic) around words
MD_ESCAPE = re.compile(r"\\([-.*_()#+!\[\]`>|~])")
MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
MD_BULLET = re.compile(r"^\s*[*+]\s{1,4}(?=\S)")
_TYPE_NAMES_UPPER = "|".join(sorted((re.escape(n.upper()) for n in g.TYPE_NAMES), key=len,
                                    reverse=True))
# the header pieces a run-together header is cut before: "Số:", "V/v"; the place and date and
# the (first) type word are found apart
# (and "BCH": "THÀNH ĐOÀN HÀ NỘI BCH ĐOÀN XÃ …" are two bodies)
_HEAD_CUTS = re.compile(r"(?<=\S)\s+(?=Số\s*:?\s*(?:\d|[.…_\s]*[/-])|[Vv]/[Vv]\b)"
                        r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=BCH\s+[A-ZĐÀ-Ỹ]{2})")
_HEAD_TYPE = re.compile(rf"(?<=\S)\s+(?P<type>{_TYPE_NAMES_UPPER})(?=\s|$)")


def detect_layout(lines: list[str], kind: str = "txt") -> str:
    """The layout family of a text (see the module's docstring)."""
    head = [ln for ln in lines[:400] if ln.strip()]
    if any(OCR_PAGE.match(ln) for ln in head) or (head and OCR_NOTE.match(head[0])):
        return "ocr"
    if kind in ("pdf", "md"):
        return {"pdf": "pdf", "md": "markdown"}[kind]
    if head and PORTAL_CAPTION.match(head[0].strip()):
        return "portal"
    if kind in ("txt", "md") and sum(1 for ln in head if MD_MARKUP.search(ln)) >= 3:
        return "markdown"
    indented = sum(1 for ln in head if ln.startswith("  ") and not ln.startswith("\t"))
    columns = sum(1 for ln in head[:15] if COLUMN_GAP.search(ln.strip()))
    if columns >= 1 and indented >= max(5, len(head) // 5):
        return "pdf"
    return "plain"


# ---- the stage ---------------------------------------------------------------------------------

def normalise(text: str, kind: str = "txt") -> Normalised:
    raw = normalize(text).split("\n")
    out = Normalised([], detect_layout(raw, kind))
    lines: list[Line] = list(enumerate(raw, 1))
    keep: set[int] = set()
    if out.layout == "ocr":
        out.warnings.append((1, "ocr_text"))
        lines = _drop(lines, out, lambda t: bool(OCR_PAGE.match(t) or OCR_NOTE.match(t)), "ocr")
    if out.layout in ("pdf", "ocr"):
        lines = _page_furniture(lines, out, _page_starts(text))
        if out.layout == "pdf":
            lines = _layout_tables(lines, out.removed)
            keep = {no for no, t in lines if t.startswith("| ")}
        lines = _pdf_paragraphs(lines, across_blanks=out.layout == "pdf")
    if out.layout == "markdown":
        lines = _unmark(lines, out)
    first = next((i for i, (_, t) in enumerate(lines) if t.strip()), None)
    if first is not None and _caption(lines, first):
        # the portal's or converter's caption repeats the header below it: recorded, dropped
        no, t = lines[first]
        out.removed.append(("caption", clean_spaces(MD_HEADING.sub("", t)), no))
        out.caption = (no, clean_spaces(MD_HEADING.sub("", t)))
        lines = lines[:first] + lines[first + 1:]
    # (a PDF's table rebuilt by `_layout_tables` keeps its rows, empty cells and all)
    lines = [(no, _pipe_row(t)) if t.lstrip().startswith("|") and no not in keep else (no, t)
             for no, t in lines]
    lines = _drop(lines, out, _rule, "rule")
    lines = [piece for line in lines for piece in _unflatten(line)]
    lines = [piece for line in lines for piece in _split_signature(line)]
    lines = _split_header(lines)
    lines = [piece for line in lines for piece in _split_type_of(line)]
    lines = _join_continuations(lines)
    out.lines = lines
    return out


_TITLE_CASE_TYPE = re.compile(rf"^(?:#+\s*)?(?:{'|'.join(n.capitalize() for n in g.TYPE_NAMES)})\s",
                              re.IGNORECASE)


def _caption(lines: list[Line], first: int) -> bool:
    """The first line is a caption a web page or a converter put above the document: a type
    name and number ("Quyết định 435/QĐ-UBND năm 2020 …"), or a type name in ordinary case
    ("Thông báo về tổ chức thi …") right above the header (the motto, "Số:", an upper-case
    body)."""
    t = lines[first][1].strip()
    if CAPTION.match(t):
        return True
    if len(t) > 300 or not _TITLE_CASE_TYPE.match(t) or mostly_upper(t):
        return False
    nxt = next((x.strip() for _, x in lines[first + 1: first + 4] if x.strip()), "")
    nxt = MD_EMPHASIS.sub(r"\2", MD_HEADING.sub("", nxt))
    return bool(g.MOTTO.search(nxt[:200]) or nxt.startswith("Số") or mostly_upper(nxt[:60]))


def _rule(text: str) -> bool:
    """A decorative rule on a line of its own ("-------", "***", "_____"), never a lone "-"
    (a list item whose text Word put on the next line)."""
    s = text.strip()
    return len(s) >= 3 and g.RULE_LINE.match(s) is not None


def _drop(lines: list[Line], out: Normalised, test: Callable[[str], bool], kind: str
          ) -> list[Line]:
    kept = []
    for no, t in lines:
        if t.strip() and test(t):
            out.removed.append((kind, clean_spaces(t), no))
        else:
            kept.append((no, t))
    return kept


# ---- PDF and OCR text --------------------------------------------------------------------------

# a digital signature's stamp as a scan or a PDF prints it: "BỘ CHÍNH TRỊ" (its signer, once or
# twice) above "28-07-2026 18:08:51 +07:00"
STAMP_TIME = re.compile(
    r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[+-]\d{2}:?\d{2}$")


def _page_starts(text: str) -> list[int]:
    """The numbers of the lines (as `normalize` numbers them: a form feed ends a line) that
    start a page after a form feed (`pdftotext` puts one between pages); [] when none."""
    if "\f" not in text:
        return []
    starts, no = [], 1
    for m in _LINE_END.finditer(text.replace("\r\n", "\n")):
        no += 1
        if m.group(0) == "\f":
            starts.append(no)
    return starts


_LINE_END = re.compile(r"[\n\r\f\v]")
PAGE_EDGE = 3  # a running header or footer is one of a page's first or last 3 non-blank lines


def _page_edges(lines: list[Line], starts: list[int]) -> set[int] | None:
    """The lines at a page's top or foot (`PAGE_EDGE` non-blank lines each side); None when
    the pages are not known (no form feeds: any line may be one)."""
    if not starts:
        return None
    pages: list[list[int]] = [[]]
    bounds = iter(starts)
    nxt = next(bounds, None)
    for no, t in lines:
        while nxt is not None and no >= nxt:
            pages.append([])
            nxt = next(bounds, None)
        if t.strip():
            pages[-1].append(no)
    return {no for page in pages for no in (*page[:PAGE_EDGE], *page[-PAGE_EDGE:])}


def _page_furniture(lines: list[Line], out: Normalised, starts: list[int] | None = None
                    ) -> list[Line]:
    """Page numbers (a lone number, centred or at a page's foot), running headers (the same
    short line, numbers aside, at the top or foot of three or more pages — when the pages are
    known, only there: a table's row "UBND tỉnh   2026 - 2030" recurs mid-page in 51) and
    signature stamps."""
    edges = _page_edges(lines, starts or [])
    shape = Counter(_header_key(t) for no, t in lines
                    if t.strip() and (edges is None or no in edges))
    kept: list[Line] = []
    for no, t in lines:
        s = t.strip()
        if STAMP_TIME.match(s):
            while kept and kept[-1][1].strip() and mostly_upper(kept[-1][1]) \
                    and len(kept[-1][1].strip()) < 60 and kept[-1][0] >= no - 2:
                out.removed.append(("signature_stamp", kept[-1][1].strip(), kept[-1][0]))
                kept.pop()
            out.removed.append(("signature_stamp", s, no))
            continue
        if s and PAGE_NO.match(s) and (len(t) - len(t.lstrip()) >= 10 or s.isdigit() is False):
            out.removed.append(("page_number", s, no))
            continue
        key = _header_key(s)
        if s and key and key != s and shape[key] >= 3 and len(s) < 60 and s[0] not in "-+•(" \
                and (edges is None or no in edges) \
                and not g.PLACE_DATE.search(s) and not _NUMBERED_WORD.match(s) \
                and not g.ends_sentence(s):  # (a sentence with a number in it is text)
            out.removed.append(("running_header", s, no))
            continue
        kept.append((no, t))
    return kept


# a heading word and its number is no running header, however often it comes ("Điều 5")
_NUMBERED_WORD = re.compile(r"^(?:Điều|ĐIỀU|Bước|BƯỚC|Mục|MỤC|Chương|CHƯƠNG|Phần|PHẦN|Phụ lục|"
                            r"PHỤ LỤC|Mẫu|MẪU)\s")


def _header_key(text: str) -> str:
    """A running header or footer with its page number masked, and what an OCR misreads at
    its end dropped: "18.CTRTW31.DOC 1 1", "18.CTRTW31.DOC §" → "#.CTRTW#.DOC"."""
    return re.sub(r"[\d\s§#]+$", "", re.sub(r"\d+", "#", text.strip()))


def _indent(t: str) -> int:
    return len(t) - len(t.lstrip(" "))


def _pdf_paragraphs(lines: list[Line], across_blanks: bool = True) -> list[Line]:
    """Columns split into cells; a paragraph's wrapped lines joined. In `pdftotext -layout`
    text a paragraph's first line is indented and the lines that continue it are not, so an
    unindented line that starts no numbered item continues the line before it."""
    out: list[Line] = []
    footnote = False
    for no, t in lines:
        s = t.strip()
        if not s:
            out.append((no, ""))
            continue
        if s.startswith("|") and s.endswith("|"):  # a table row `_layout_tables` rebuilt
            out.append((no, s))
            continue
        cells = split_columns(s)
        if len(cells) > 1:
            out.append((no, "\t".join(cells)))
            footnote = False
            continue
        prev = _last_text(out) if across_blanks or (out and out[-1][1]) else None
        # (OCR text has a blank line between paragraphs: only a page break's blanks are
        # skipped, and only in a PDF's text)
        starts_block = _starts_block(s) or mostly_upper(s)
        if footnote or (FOOTNOTE.match(t) and prev is not None and prev[1] == ""):
            # a footnote: kept as its own paragraph, never joined to the body around it
            footnote = not starts_block or FOOTNOTE.match(t) is not None
            if FOOTNOTE.match(t) or prev is None or prev[1] == "":
                out.append((no, s))
            else:
                out[prev[0]] = (out[prev[0]][0], _glue(out[prev[0]][1], s))
            continue
        if (prev is not None and prev[1] and "\t" not in prev[1] and _indent(t) < 3
                and not prev[1].startswith("|")
                and not starts_block and not _closes(prev[1]) and not mostly_upper(prev[1])
                and not g.NUMBER_LINE.match(prev[1])):
            out[prev[0]] = (out[prev[0]][0], _glue(prev[1], s))
            continue
        out.append((no, s))
    return out


# ---- a table laid out in columns (pdftotext -layout) --------------------------------------------

# the heading of a table's column that names who does each task
_DOER_HEADING = re.compile(r"(?:Cơ\s+quan|Đơn\s+vị)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|"
                           r"chịu\s+trách\s+nhiệm|tham\s+mưu)", re.IGNORECASE)
_LEAD_HEADING = re.compile(r"chủ\s+trì|thực\s+hiện|chịu\s+trách|tham\s+mưu", re.IGNORECASE)
_CHUNK = re.compile(r"\S+(?: {1,2}\S+)*")  # words with one or two spaces between (justified)
_WORD = re.compile(r"\S+")
Span = tuple[int, int, str]  # start, end (character positions in the line), text


def _layout_tables(lines: list[Line], removed: list[tuple[str, str, int]]) -> list[Line]:
    """A table printed in columns (pdftotext -layout keeps them by character position): the
    heading rows name its columns ("TT | Nội dung | Cơ quan chủ trì | Thời gian …", one heading
    broken over lines, repeated on each page), each cell wraps over lines and sits in the middle
    of its row. When one column names who does each task, its region becomes "| … |" rows, one
    per cell of that column, so that the parser reads a table whose lead column is that one;
    every word of the region stays in a cell."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        no, t = lines[i]
        if _DOER_HEADING.search(t) and len(COLUMN_GAP.split(t.strip())) >= 3:
            got = _layout_table(lines, i, removed)
            if got is not None:
                top, end, rows = got
                del out[len(out) - (i - top):]
                out += rows
                i = end
                continue
        out.append((no, t))
        i += 1
    return out


def _chunks(text: str) -> list[Span]:
    """The runs of words of a line split where three or more spaces are."""
    return [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(text.rstrip())]


def _heading_block(lines: list[Line], i: int) -> tuple[int, int]:
    """The lines of a table's heading around line i: short pieces only, none in the first
    column (where the rows' numbers are)."""
    first = min(s for s, _, _ in _chunks(lines[i][1]))

    def heading_line(t: str) -> bool:
        ch = _chunks(t)
        return bool(ch) and not g.RULE_LINE.match(t) and all(
            len(x) <= 30 and s > first + 4 for s, _, x in ch)

    top = i
    while top > 0 and i - top < 3 and lines[top - 1][1].strip() and heading_line(lines[top - 1][1]):
        top -= 1
    end = i + 1  # (a heading's words go on in lower case: "Thời gian ban" / "hành")
    while end < len(lines) and end - i <= 3 and lines[end][1].strip() \
            and heading_line(lines[end][1]) and lines[end][1].strip()[:1].islower():
        end += 1
    return top, end


def _columns(lines: list[Line], top: int, end: int) -> list[Span]:
    """The columns a heading names, left to right: pieces whose spans overlap are one column."""
    pieces = sorted(c for _, t in lines[top:end] for c in _chunks(t))
    spans: list[tuple[int, int]] = []
    for s, e, _ in pieces:
        if spans and s <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], e))
        else:
            spans.append((s, e))
    # a title read top to bottom: re-join each column's pieces in line order
    return [(s, e, " ".join(x for _, t in lines[top:end] for cs, ce, x in _chunks(t)
                            if cs >= s and ce <= e)) for s, e in spans]


def _split_chunk(s: int, text: str, edge: int, lead: bool, names_only: bool = False
                 ) -> int | None:
    """Where in a run of words (starting at s) that runs over a column's edge the next column's
    words begin: at an agency's first word near the edge (for the lead column), else at the
    first capital near it; None when the run does not reach past the edge."""
    if edge - s < 8:
        return None  # a cell a little wider than its heading: no run-over
    words = [(s + m.start(), m.group()) for m in _WORD.finditer(text)]
    near = [(p, w) for p, w in words if edge - 14 <= p <= edge + 4 and p > s and w[:1].isupper()]
    if lead:  # "… hiệu quả các Dân vận Tỉnh ủy": "Tỉnh ủy" ends a name, it starts none here
        # (or a plural in lower case: "… vận động nhân các tổ chức CT-XH", 51)
        plural = [(p, w) for p, w in words if edge - 14 <= p <= edge + 4 and p > s
                  and w in ("các", "những") and g.AGENCY_START.match(text[p - s:])]
        for p, w in sorted(near + plural):
            rest = text[p - s:]
            if w in ("các", "những") or (g.ORG_START.match(rest) and not g.UNIT_START.match(rest)):
                return p
    if names_only:
        return None
    return near[0][0] if near else None


def _cells(text: str, cols: list[Span], lead: int) -> dict[int, list[str]]:
    """One line's words by column."""
    got: dict[int, list[str]] = {}
    starts = [c[0] for c in cols]
    # the first column holds the rows' numbers ("TT"), the text beside them starts at the left
    bounds = [cols[0][1] + 2] + [(cols[k][1] + cols[k + 1][0]) // 2
                                  for k in range(1, len(cols) - 1)]
    for s, e, x in _chunks(text):
        k = sum(1 for b in bounds if s >= b)
        # (a centred cell of the lead column may start before its heading and end at its
        # edge: "… đoàn kết toàn Ủy ban MTTQ và", 51: cut there only at a body's name)
        while k + 1 < len(cols) and (e > starts[k + 1] + 1 or (k + 1 == lead
                                     and e >= starts[k + 1] - 1)):
            cut = _split_chunk(s, x, starts[k + 1], k + 1 == lead,
                               names_only=e <= starts[k + 1] + 1)
            if cut is None:
                break
            left, x = x[:cut - s].rstrip(), x[cut - s:]
            if left:
                got.setdefault(k, []).append(left)
            s, k = cut, k + 1
        got.setdefault(k, []).append(x)
    return got


def _layout_table(lines: list[Line], i: int, removed: list[tuple[str, str, int]]
                  ) -> tuple[int, int, list[Line]] | None:
    top, end = _heading_block(lines, i)
    cols = _columns(lines, top, end)
    doers = [k for k, c in enumerate(cols) if _DOER_HEADING.search(c[2])]
    if len(cols) < 3 or not doers or doers[0] == 0:
        return None
    lead = next((k for k in doers if _LEAD_HEADING.search(cols[k][2])), doers[0])
    heading = [c[2] for c in cols]
    # the table's lines: up to a line of text wider than the table starts, or the end
    body: list[tuple[int, dict[int, list[str]]]] = []
    j = end
    while j < len(lines):
        no, t = lines[j]
        if not t.strip():
            j += 1
            continue
        if _DOER_HEADING.search(t) and len(COLUMN_GAP.split(t.strip())) >= 3:
            top2, end2 = _heading_block(lines, j)  # the heading again, on the next page
            if [c[2] for c in _columns(lines, top2, end2)] == heading:
                cols = _columns(lines, top2, end2)
                body = [b for b in body if b[0] < lines[top2][0]]
                j = end2
                continue
        cells = _cells(t, cols, lead)
        mark_only = set(cells) == {0} and g.TABLE_ROW_MARK.match(" ".join(cells[0]))
        wide = [c for c in _chunks(t) if c[0] < cols[lead][0] - 14 and c[1] > cols[lead][1] + 2
                and not g.TABLE_ROW_MARK.match(c[2].split()[0])]
        if not mark_only and (set(cells) == {0} or not re.search(r"[^\W_]", t) or (
                wide and lead not in cells)):
            break  # text after the table: in the first column, wider than it, dotted filler
        body.append((no, cells))
        j += 1
    if not any(lead in c for _, c in body):
        return None
    # the heading's lines are read into one row (recorded: their words are in it); every other
    # line is a row of its own, in order, its words in the cells of their columns
    heading_rows = {no for no, t in lines[top:j] if t.strip()} - {no for no, _ in body}
    removed += [("table_heading", clean_spaces(t), no) for no, t in lines[top:j]
                if no in heading_rows]
    out: list[Line] = [(lines[i][0], _row(heading))]
    out += [(no, _row([" ".join(cells.get(k, [])) for k in range(len(heading))]))
            for no, cells in body]
    return top, j, out


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _last_text(out: list[Line]) -> tuple[int, str] | None:
    """Index and text of the last non-blank output line, skipping the blank lines a page
    break leaves; None at the start."""
    for i in range(len(out) - 1, -1, -1):
        if out[i][1]:
            # only page-break blanks may be skipped: at most two blank lines in between
            return (i, out[i][1]) if len(out) - 1 - i <= 3 else None
    return None


def _starts_block(s: str) -> bool:
    """A line that starts a heading, a numbered or bulleted item, or a closing piece."""
    return bool(
        g.ROMAN.match(s) or g.ARABIC.match(s) or g.DOTTED.match(s) or g.ALPHA.match(s)
        or g.PAREN.match(s) or g.BULLET.match(s) or g.ARTICLE.match(s) or g.CHAPTER.match(s)
        or g.RECIPIENTS.match(s) or g.AUTHORITY.match(s) or g.APPENDIX.match(s)
        or g.NUMBER_LINE.match(s) or g.VV_LINE.match(s)
    )


def _closes(text: str) -> bool:
    """The line ends a paragraph: a sentence mark, or a heading's colon."""
    return g.ends_sentence(text) or text.endswith(":")


def _glue(a: str, b: str) -> str:
    """Join a wrapped line: "217/2025/NĐ-" + "CP" → "217/2025/NĐ-CP"; else with a space."""
    if a.endswith(("-", "/")) and re.search(r"\d[\w/]*[/-]$|/[A-ZĐ]+-$", a) and b[:1].isalpha() \
            and b[:1].isupper():
        return a + b
    return f"{a} {b}"


# ---- Markdown ----------------------------------------------------------------------------------

def _unmark(lines: list[Line], out: Normalised) -> list[Line]:
    kept: list[Line] = []
    for no, t in lines:
        s = t.strip()
        if s.startswith("```") or (s and g.RULE_LINE.match(s) and not s.strip("*-_ ")):
            if s:
                out.removed.append(("markup", s, no))
            kept.append((no, ""))
            continue
        if TABLE_RULE.match(s):
            continue
        s = MD_HEADING.sub("", s)
        s = MD_BULLET.sub("- ", s)
        if "\\" in s:
            s = MD_ESCAPE.sub(r"\1", s)
        for _ in range(2):  # nested: ***x*** or **x *y* z**
            s = MD_EMPHASIS.sub(r"\2", s)
        s = s.replace("**", "")  # a converter's stray bold marks: "**4\. Phát** triển**, …**"
        kept.append((no, s.strip()))
    return kept


def _pipe_row(t: str) -> str:
    """"| Số: 01/KH | | Hà Nội, ngày … |" → "Số: 01/KH\\tHà Nội, ngày …" (empty cells dropped;
    a cell's own runs of spaces, where Word's line breaks were, split it further)."""
    s = t.strip()
    if not (s.startswith("|") and s.endswith("|") and len(s) > 1):
        return t
    pieces = [p for c in s[1:-1].split("|") for p in split_columns(c.strip())]
    return "\t".join(clean_spaces(p) for p in pieces if clean_spaces(p))


# a blank left to fill in is no column gap: "Số:      /KH-UBND", "ngày     tháng     năm 2026"
_BLANK_BEFORE = re.compile(r"(?:Số\s*:?|ngày|tháng|[Ss]ố\s*:?\s*[-/]?)$")
_BLANK_AFTER = re.compile(r"^(?:[-/]|tháng|năm\b)")


def split_columns(text: str) -> list[str]:
    """Pieces of a line separated by three or more spaces (two columns side by side, or Word
    line breaks flattened), except where the spaces are a blank to fill in."""
    pieces = COLUMN_GAP.split(text)
    if len(pieces) == 1:
        return pieces
    out = [pieces[0]]
    for p in pieces[1:]:
        if _BLANK_BEFORE.search(out[-1]) or _BLANK_AFTER.match(p):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


# ---- every layout ----------------------------------------------------------------------------

# A whole document on one line (a web page's text field): where its parts begin
_FLAT_CUTS = re.compile(
    r"(?<=[.:;)])\s+(?=(?:\d{1,2}|[IVX]{1,4})[.)]\s+\S)"     # "… như sau: 1. Đối tượng"
    r"|(?<=\d)\s+(?=\d{1,2}\.\s+[A-ZĐÀ-Ỹ])"                 # "… 20/01/2019 3. Kế hoạch"
    r"|(?<=[.:;])\s+(?=[-–+•]\s+\S)"                        # "…: - Đăng ký"
    r"|\s+(?=Nơi\s+nhận\s*:)"
    r"|(?<=[./])\s+(?=(?:T/M|TM|KT|K/T|TL|T/L|TUQ)\.?\s+[A-ZĐÀ-Ỹ]{2})"   # "…./. KT. HIỆU TRƯỞNG"
    r"|(?<=;)\s+(?=(?:T/M|TM|KT|K/T|TL|T/L|TUQ)\.?\s+[A-ZĐÀ-Ỹ]{2})"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=PHÓ\s+[A-ZĐÀ-Ỹ]{2})"           # "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG"
    r"|\s+(?=\((?:Đã\s+)?ký\))|(?<=\((?:Đã\s)ký\))\s+"
)
# the title ends where the text starts: "Căn cứ …", "Thực hiện …", or the issuer named again
_BODY_START = re.compile(r"\s+(?=(?:Căn\s+cứ|Thực\s+hiện|Để|Nhằm|Xét|Theo\s+đề\s+nghị)\s)")
# a body under another, run together in the header: "BỘ NÔNG NGHIỆP & PTNT TRƯỜNG ĐẠI HỌC …"
_CHILD_BODY = re.compile(r"(?<=[A-ZĐÀ-Ỹ&])\s+(?=(?:TRƯỜNG|SỞ|VĂN\s+PHÒNG|CHI\s+CỤC|CỤC|"
                         r"TRUNG\s+TÂM|ỦY\s+BAN|UỶ\s+BAN|BAN|CÔNG\s+ĐOÀN|LIÊN\s+ĐOÀN)\s)")


def _unflatten(line: Line) -> list[Line]:
    """A whole document run onto one line (a web page's text copied): the header, the type
    line, the title and the body's items, closing and signature cut apart again."""
    no, t = line
    if len(t) < 300 or not g.MOTTO.search(t) or "Số" not in t:
        return [line]
    m = _HEAD_TYPE.search(t)
    if m is None:
        return [line]
    head, rest = t[: m.start()].strip(), t[m.end():].strip()
    motto = g.MOTTO.search(head)
    if motto and motto.start() > 0:  # the issuer lines before the motto
        issuers = _CHILD_BODY.split(head[: motto.start()].strip())
        head = "\t".join([*issuers, head[motto.start():].strip()])
    pieces = _FLAT_CUTS.split(rest)
    first = pieces[0]
    # the title: up to the first words of the body
    cut = _BODY_START.search(first)
    folded = fold(first)
    for name in (fold(x) for x in head.split("\t")[:-1] if len(x) > 8):
        at = folded.find(" " + name)  # the issuer named again, in ordinary case, starts the text
        if at > 0 and (cut is None or at < cut.start()):
            cut = re.compile(r"\s").search(first, at)
    title, intro = (first[: cut.start()], first[cut.start():].strip()) if cut else (first, "")
    out = [head, m.group("type"), title.strip()]
    if intro:
        out += ["", intro]  # (a blank line ends the title)
    out += [p.strip() for p in pieces[1:] if p.strip()]
    return [(no, p) for p in out]


_AUTHORITY_START = re.compile(r"^(?:T/M|TM|KT|K/T|TL|T/L|TUQ)\.?\s+[A-ZĐÀ-Ỹ]{2}")
_SIGNATURE_CUTS = re.compile(
    r"(?<=[A-ZĐÀ-Ỹ])\s+(?=(?:T/M|TM|KT|K/T|TL|T/L|TUQ)\.\s*[A-ZĐÀ-Ỹ]{2})"  # "… KT. CHỦ TỊCH"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=PHÓ\s+[A-ZĐÀ-Ỹ]{2})"                        # "… PHÓ CHỦ TỊCH"
    r"|\s+(?=\((?:Đã\s+)?ký\))|(?<=\((?:Đã\s)ký\))\s+"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$)")  # a name


def _split_signature(line: Line) -> list[Line]:
    """A signature block run onto one line (a table cell read as one paragraph): "TM. UỶ BAN
    NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Minh" → its authority, title and name."""
    no, t = line
    if "\t" in t:  # a signature cell beside the recipients: cut within its cell
        if "T" not in t and "K" not in t:
            return [line]
        cells = [piece for cell in t.split("\t") for _, piece in _split_signature((no, cell))]
        return [(no, "\t".join(cells))]
    if not _AUTHORITY_START.match(t.strip()) or len(t) > 200:
        return [line]
    return [(no, p.strip()) for p in _SIGNATURE_CUTS.split(t.strip()) if p.strip()]


def _split_header(lines: list[Line]) -> list[Line]:
    """In the header (before the type line), a line holding several header pieces run
    together is cut before "Số", the place and date, the type word and "V/v": the pieces
    before the type word stay cells of one line; the type word and the title start lines."""
    out: list[Line] = []
    seen = 0
    for i, (no, t) in enumerate(lines):
        if seen > 12 or not t.strip():
            out.append((no, t))
            continue
        seen += 1
        cells: list[str] = []
        for cell in t.split("\t"):
            cells += _cut_header_piece(cell)
        typed = [k for k, c in enumerate(cells) if g.TYPE_LINE.match(c.strip())
                 and mostly_upper(c)]
        if typed and (typed[0] > 0 or len(cells) > 1) and len(cells) > 1:
            k = typed[0]
            if cells[:k]:
                out.append((no, "\t".join(cells[:k])))
            out.append((no, cells[k]))
            if cells[k + 1:]:
                out.append((no, " ".join(cells[k + 1:])))
            out += lines[i + 1:]
            return out
        out.append((no, "\t".join(cells) if len(cells) > 1 else t))
        if any(g.TYPE_LINE.match(c.strip()) and mostly_upper(c) for c in cells):
            out += lines[i + 1:]
            return out
    return out


def _cut_header_piece(piece: str) -> list[str]:
    """"Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH …" → its
    pieces; everything after the first type word is the type line's title, left whole."""
    s = clean_spaces(piece)
    if len(s) < 20:
        return [piece]
    m = _HEAD_TYPE.search(s)
    head, tail = (s[: m.start()], s[m.start():].strip()) if m else (s, "")
    if not (_HEAD_CUTS.search(head) or _place_after_upper(head) or g.PLACE_DATE.search(head)
            or tail):
        return [piece]
    out: list[str] = []
    for cut in _HEAD_CUTS.split(head):
        for rule in re.split(r"\s+(?:\*{3,}|-{3,}|_{3,})\s+", cut):  # "BCH ĐOÀN XÃ *** Số: …"
            k = _place_after_upper(rule)
            pd = g.PLACE_DATE.search(rule)
            if k:
                out += [rule[:k].strip(), rule[k:].strip()]
            elif pd and pd.start() > 0:
                out += [rule[: pd.start()].strip(), rule[pd.start():].strip()]
            else:
                out.append(rule.strip())
    if m is not None:
        rest = tail[len(m.group("type")):].strip()
        out += [m.group("type"), rest] if rest else [m.group("type")]
    return [c for c in out if c]


_UPPER_THEN_PLACE = re.compile(
    r"^(?P<upper>[A-ZĐÀ-Ỹ0-9][A-ZĐÀ-Ỹ0-9 ,.-]*[A-ZĐÀ-Ỹ0-9])\s+"
    r"(?P<place>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){0,4}\s*,\s*ngày\b)")


def _place_after_upper(text: str) -> int:
    """Where the place starts in "ĐOÀN TNCS HỒ CHÍ MINH Phúc Thịnh, ngày 7 tháng 1 năm 2025"
    (an upper-case header piece run into the place and date); 0 when it is not so."""
    m = _UPPER_THEN_PLACE.match(text)  # ([À-Ỹ] holds lower-case letters too: checked below)
    upper = m.group("upper") if m else ""
    return m.start("place") if m and " " in upper and mostly_upper(upper) else 0


_TYPE_OF = re.compile(rf"^(?P<type>{_TYPE_NAMES_UPPER})\s+(?P<of>C[ỦU]A\s+\S.*)$")


def _split_type_of(line: Line) -> list[Line]:
    """"CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ" → the type line, then "CỦA CHÍNH PHỦ" (as a
    Party document prints it on two lines: "NGHỊ QUYẾT" / "CỦA BỘ CHÍNH TRỊ")."""
    no, t = line
    if (" CỦA " not in t and " CUA " not in t) or len(t) > 120:
        return [line]
    m = _TYPE_OF.match(t.strip())
    if m is None or not mostly_upper(t):
        return [line]
    return [(no, m.group("type")), (no, m.group("of"))]


def _artefact(text: str) -> bool:
    """A line the parser drops as an artefact (a digital-signature stamp, a gazette header)."""
    return bool(g.SIGNATURE_STAMP.match(text) or g.GAZETTE_HEADER.match(text))


def _join_continuations(lines: list[Line]) -> list[Line]:
    """A paragraph that Word or a converter broke in two: the second part starts with a
    lower-case word (no number, no bullet) and the first does not end a sentence; joined also
    across the blank lines between them."""
    out: list[Line] = []
    blanks = 0
    for no, t in lines:
        s = t.strip()
        if not s:
            blanks += 1
            out.append((no, t))
            continue
        if (s[0].islower() and "\t" not in t and not _starts_block(s) and out):
            j = len(out) - 1 - blanks
            prev = out[j][1].strip() if j >= 0 else ""
            if blanks <= 3 and prev and "\t" not in out[j][1] and not _closes(prev) \
                    and not mostly_upper(prev) and not _artefact(prev):
                # (a heading or type line is followed, not continued; an artefact is dropped)
                out[j] = (out[j][0], _glue(out[j][1].rstrip(), s))
                del out[j + 1:]
                blanks = 0
                continue
        blanks = 0
        out.append((no, t))
    return out
