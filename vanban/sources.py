"""Reading input files: .txt (UTF-8 with or without BOM, UTF-16; CRLF or LF; NFC or NFD) and
.docx (python-docx: body paragraphs and tables in order, list numbering that Word keeps outside
the text, header-block tables). Anything else is refused with a clear `SourceError`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .messages import message, register
from .text import DecodeError, decode

MAX_BYTES = 20 * 1024 * 1024  # a 300-page document is ~1.5 MB of text; 20 MB is a mistake

register({
    "src_missing": ("{file}: không tìm thấy tệp — kiểm tra lại đường dẫn",
                    "{file}: file not found — check the path"),
    "src_type": (
        "{file}: không đọc được loại tệp '{suffix}' — chỉ nhận .txt hoặc .docx "
        "(mở tệp bằng Word và lưu thành .docx)",
        "{file}: cannot read '{suffix}' files — only .txt and .docx are accepted "
        "(open it in Word and save as .docx)",
    ),
    "src_empty": ("{file}: tệp rỗng, không có nội dung để nhập",
                  "{file}: the file is empty, nothing to import"),
    "src_too_big": (
        "{file}: tệp quá lớn ({size} MB; tối đa {limit} MB) — có phải đúng tệp văn bản không?",
        "{file}: file too large ({size} MB; the limit is {limit} MB) — is this the right file?",
    ),
    "src_decode": (
        "{file}: không đọc được chữ trong tệp ({detail}) — hãy lưu lại dưới dạng "
        "văn bản UTF-8 hoặc .docx",
        "{file}: the file is not readable text ({detail}) — save it as UTF-8 text or .docx",
    ),
    "src_docx": ("{file}: tệp .docx bị hỏng hoặc không phải tệp Word ({detail})",
                 "{file}: the .docx file is damaged or not a Word file ({detail})"),
})


class SourceError(Exception):
    """A file that cannot be read as a document. `str()` is the user-facing message."""

    def __init__(self, code: str, lang: str | None = None, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, lang, **params))

    def message(self, lang: str | None = None) -> str:
        return message(self.code, lang, **self.params)


def read_source(path: Path) -> str:
    """The document text of a .txt or .docx file."""
    name = str(path)
    if not path.is_file():
        raise SourceError("src_missing", file=name)
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".docx"):
        raise SourceError("src_type", file=name, suffix=suffix or path.name)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError("src_too_big", file=name, size=round(size / 2**20, 1),
                          limit=MAX_BYTES // 2**20)
    data = path.read_bytes()
    if suffix == ".docx":
        text = read_docx(path)
    else:
        try:
            text = decode(data)
        except DecodeError as exc:
            raise SourceError("src_decode", file=name, detail=str(exc)) from None
    if not text.strip():
        raise SourceError("src_empty", file=name)
    return text


# ---- .docx -------------------------------------------------------------------------------------

def read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
        from docx.document import Document as _Doc
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise SourceError("src_docx", file=str(path), detail=str(exc)) from None
    try:
        document: _Doc = docx.Document(str(path))
    except Exception as exc:  # any failure to open a .docx means the file is not one
        raise SourceError("src_docx", file=str(path), detail=type(exc).__name__) from None

    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, document)
            lines.append(numbering.label(p) + _para_text(p))
        elif child.tag == qn("w:tbl"):
            lines += _table_lines(Table(child, document), numbering)
            lines.append("")
    return "\n".join(lines)


def _para_text(p: object) -> str:
    text = "".join(getattr(r, "text", "") for r in getattr(p, "runs", []))
    full = p.text  # type: ignore[attr-defined]
    return full if len(full) >= len(text) else text


def _table_lines(table: object, numbering: _Numbering) -> list[str]:
    """A layout table (the two-column header or signature block) gives its cells' paragraphs
    line by line, column after column; a data table gives one "|"-separated line per row."""
    rows = table.rows  # type: ignore[attr-defined]
    grid = [[c for c in row.cells] for row in rows]
    width = max((len(r) for r in grid), default=0)
    flat = " ".join(c.text for r in grid for c in r)
    layout = width <= 2 and bool(re.search(
        r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN|Nơi\s+nhận|Số\s*:?\s*\d|\bTM\.|\bKT\.",
        flat, re.IGNORECASE))
    out: list[str] = []
    if layout:
        for col in range(width):
            seen = set()
            for r in grid:
                if col < len(r) and id(r[col]._tc) not in seen:
                    seen.add(id(r[col]._tc))
                    for p in r[col].paragraphs:
                        out.append(numbering.label(p) + p.text)
        return out
    for r in grid:
        cells, seen = [], set()
        for c in r:
            if id(c._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(c._tc))
            cells.append(" ".join(numbering.label(p) + p.text for p in c.paragraphs).strip())
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    return out


class _Numbering:
    """Word's automatic list numbering ("1.", "a)", "-") rebuilt from numbering.xml, since the
    paragraph text does not contain it."""

    def __init__(self, document: object) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl")))
                fmt = lvl.find(qn("w:numFmt"))
                txt = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[ilvl] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    txt.get(qn("w:val")) if txt is not None else f"%{ilvl + 1}.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, p: object) -> str:
        qn = self.qn
        ppr = p._p.pPr  # type: ignore[attr-defined]
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = getattr(p, "style", None)
        while numpr is None and style is not None:  # numbering inherited from the style
            sppr = style.element.pPr
            numpr = sppr.find(qn("w:numPr")) if sppr is not None else None
            style = style.base_style
        if numpr is None:
            return ""
        num_id_el, ilvl_el = numpr.find(qn("w:numId")), numpr.find(qn("w:ilvl"))
        if num_id_el is None:
            return ""
        num_id = num_id_el.get(qn("w:val"))
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        spec = self.levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = spec[2] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = spec
        if fmt == "bullet":
            return "- "

        def render(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            lvl_fmt = self.levels.get((num_id, lvl), ("decimal", "", 1))[0]
            return _format(counters[lvl] or 1, lvl_fmt)

        return re.sub(r"%(\d)", render, text) + " "


_VI_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = _VI_LETTERS[(n - 1) % len(_VI_LETTERS)]
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for v, sym in vals * 4:
            while n >= v:
                out += sym
                n -= v
        return out.lower() if fmt == "lowerRoman" else out
    return str(n)
