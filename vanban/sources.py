"""Reading input files into text of one shape: one paragraph a line, a data table's row as
"| cell | cell |", a layout table (the two-column header, the signature block) column after
column. `read(path)` gives a `Source(text, kind)`; `read_source(path)` its text.

- txt, md (.txt, .md): UTF-8 (BOM or not), UTF-16 with BOM; else windows-1258 or -1252 as
  charset-normalizer judges (12/12 seed/corpus texts written in cp1258 decoded exactly, 12/12
  from their first 3 lines; chardet 8/12 from 3 lines).
- docx: python-docx (body paragraphs and tables in order, Word's list numbering).
- doc (Word 97-2003): `antiword -x db`, DocBook whose rows and cells keep the tables, read with
  lxml; footnotes from antiword's text mode. On 6 real .doc (9,075 words in LibreOffice's text)
  it loses 0 words (2 "lương1" where LibreOffice glues the footnote mark) and adds only the
  footnotes' 28 words; antiword -w 0 the same words but tables as padded text whose rows
  cannot be told apart; catdoc loses 88 and adds 142 (field codes, binary junk); wvText
  loses 0, 0.11 s; each antiword run 0.01 s a file, LibreOffice ~1 s.
- html (.htm/.html, Word "Save as Web page"): lxml, in the charset the page declares
  (windows-1252 with &#NNNN; entities, or UTF-8). On corpus 18 and a second Word page
  (7,240 words): 0 lost (the 73 "extra" words are the floating header table LibreOffice's
  text export leaves out); inscriptis loses 5, html2text 53.
- pdf: `pdftotext -layout` (poppler): the two header columns side by side, pages separated by
  form feeds, as the corpus' `pdf-text` layout; the normaliser makes clean lines of it. On 7
  real PDFs (7,619 words, the tools' median as reference): -layout lost 0 words, 23 header
  lines whole, 4 headers side by side, 0.12 s; without -layout 8 lost, 0 side by side; pypdf
  14 (1.1 s), pdfminer.six 12 (1.6 s), pymupdf 0 but 15 header lines whole (sorted: 1, 22, 4).

A scanned PDF (no text layer), a PDF whose text layer has wrong character codes
("6Ӣ CÔNG 7+ѬѪ1*" for "SỞ CÔNG THƯƠNG": good PDFs ≤ 1.3 % non-Vietnamese letters, broken ones
≥ 15.8 %) and one OCR'd without Vietnamese ("TiNH UY THAI NGUYEN", "cüa Ban Chip hành": of
the words that always carry a mark, such as của/các/được, ≤ 0.3 % bare in 46 real documents
of every kind, 41 % in such a layer) are refused, asking for the Word file or OCR; so is
anything else unreadable. An English text has none of those words and is read.
"""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .messages import message, register
from .text import DecodeError, decode, fold

MAX_BYTES = 20 * 1024 * 1024  # a 300-page document is ~1.5 MB of text; 20 MB is a mistake
TOOL_SECONDS = 120  # antiword/pdftotext take well under a second on a 100-page document

KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".doc": "doc",
         ".htm": "html", ".html": "html", ".pdf": "pdf"}
ACCEPTED = ".txt, .md, .docx, .doc, .htm/.html, .pdf"

register({
    "src_missing": ("{file}: không tìm thấy tệp — kiểm tra lại đường dẫn",
                    "{file}: file not found — check the path"),
    "src_type": (
        "{file}: không đọc được loại tệp '{suffix}' — chỉ nhận " + ACCEPTED + " "
        "(mở tệp bằng Word và lưu thành .docx)",
        "{file}: cannot read '{suffix}' files — only " + ACCEPTED + " are accepted "
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
    "src_damaged": (
        "{file}: tệp {kind} bị hỏng hoặc không đúng định dạng ({detail}) — mở tệp bằng "
        "Word và lưu lại thành .docx",
        "{file}: the {kind} file is damaged or not what its name says ({detail}) — open it in "
        "Word and save it as .docx",
    ),
    "src_tool": (
        "{file}: cần chương trình '{tool}' để đọc tệp {kind} nhưng máy chưa có — chạy "
        "`make setup` (cài gói Debian {package}) hoặc mở tệp bằng Word và lưu thành .docx",
        "{file}: reading {kind} files needs the program '{tool}', which is not installed — "
        "run `make setup` (Debian package {package}) or open the file in Word and save it "
        "as .docx",
    ),
    "src_pdf_scan": (
        "{file}: tệp PDF là ảnh quét, không có lớp chữ ({pages} trang, {chars} ký tự đọc "
        "được) — hãy xin tệp Word (.docx) gốc, hoặc nhận dạng chữ (OCR) rồi nhập tệp kết quả",
        "{file}: the PDF is an image scan with no text layer ({pages} pages, {chars} "
        "characters of text) — ask for the original Word file (.docx), or run OCR and "
        "import its result",
    ),
    "src_pdf_garbled": (
        "{file}: lớp chữ của tệp PDF bị sai mã ký tự ({share}% chữ cái không phải tiếng "
        "Việt, ví dụ '{sample}') — hãy xin tệp Word (.docx) gốc, hoặc nhận dạng chữ (OCR) "
        "rồi nhập tệp kết quả",
        "{file}: the PDF's text layer has wrong character codes ({share}% of its letters are "
        "not Vietnamese, e.g. '{sample}') — ask for the original Word file (.docx), or run "
        "OCR and import its result",
    ),
    "src_pdf_no_accents": (
        "{file}: lớp chữ của tệp PDF là tiếng Việt không dấu ({share}% những từ luôn có dấu "
        "như 'của', 'các', 'được' bị mất dấu, ví dụ '{sample}') — tệp đã được nhận dạng chữ "
        "(OCR) không có tiếng Việt; hãy xin tệp Word (.docx) gốc, hoặc nhận dạng chữ (OCR) "
        "tiếng Việt rồi nhập tệp kết quả",
        "{file}: the PDF's text layer is Vietnamese without its accents ({share}% of the words "
        "that always carry them, such as 'của', 'các', 'được', lost them, e.g. '{sample}') — "
        "it was OCR'd without Vietnamese; ask for the original Word file (.docx), or run OCR "
        "with Vietnamese and import its result",
    ),
})


class SourceError(Exception):
    """A file that cannot be read as a document. `str()` is the user-facing message."""

    def __init__(self, code: str, lang: str | None = None, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, lang, **params))

    def message(self, lang: str | None = None) -> str:
        return message(self.code, lang, **self.params)


@dataclass(frozen=True)
class Source:
    """A document's text and the kind of file it came from (one of KINDS' values)."""

    text: str
    kind: str


def read_source(path: Path) -> str:
    """The document text of any accepted file (see `read`)."""
    return read(path).text


def read(path: Path) -> Source:
    """The text of a .txt, .md, .docx, .doc, .htm/.html or .pdf file, and its kind."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise SourceError("src_missing", file=name)
    suffix = path.suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise SourceError("src_type", file=name, suffix=suffix or path.name)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError("src_too_big", file=name, size=round(size / 2**20, 1),
                          limit=MAX_BYTES // 2**20)
    data = path.read_bytes()
    if kind == "doc":  # a .doc is often a .docx, an RTF or a web page renamed
        kind = _sniff_doc(data)
    if kind == "docx":
        text = read_docx(path)
    elif kind == "doc":
        text = read_doc(path)
    elif kind == "html":
        text = read_html(data, name)
    elif kind == "pdf":
        text = read_pdf(path)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise SourceError("src_empty", file=name)
    return Source(text, kind)


def _sniff_doc(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:1024].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head:
        return "html"
    return "doc"


# ---- .txt and .md --------------------------------------------------------------------------

# Single-byte encodings staff's files come in when they are not UTF-8: Vietnamese Windows
# (cp1258: base letter + combining tone mark) and Western Windows (cp1252).
LEGACY_ENCODINGS = ["cp1258", "cp1252"]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8/UTF-16 as `vanban.text.decode` reads them; else cp1258 or cp1252, whichever
    charset-normalizer finds coherent (NFC, so cp1258's separate tone marks are composed)."""
    try:
        return decode(data)
    except DecodeError as exc:
        first = exc
    if b"\x00" in data:
        raise SourceError("src_decode", file=name, detail=str(first)) from None
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise SourceError("src_decode", file=name, detail=str(first)) from None
    text = unicodedata.normalize("NFC", str(best))
    if sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v") > 8:
        raise SourceError("src_decode", file=name, detail="control characters (binary file)")
    return text


# ---- tables, shared by .doc and .html (the .docx reader has its own, on python-docx cells) ---

_LAYOUT_RE = re.compile(
    r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN|Nơi\s+nhận|Số\s*:?\s*\d|\bTM\.|\bKT\.",
    re.IGNORECASE)


def _grid_lines(grid: list[list[list[str]]]) -> list[str]:
    """Rows of cells, each cell its paragraphs, in the .docx reader's shape: a layout table
    (at most two columns, holding the motto, a number, a signature…) column after column,
    paragraph by paragraph; a data table one "| a | b |" line per row."""
    width = max((len(r) for r in grid), default=0)
    flat = " ".join(p for r in grid for c in r for p in c)
    out: list[str] = []
    if width <= 2 and _LAYOUT_RE.search(flat):
        for col in range(width):
            for r in grid:
                if col < len(r):
                    out += r[col]
        return out
    for r in grid:
        cells = [" ".join(p.strip() for p in c if p.strip()) for c in r]
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    return out


def _run(tool: str, package: str, kind: str, args: list[str], path: Path) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise SourceError("src_tool", file=str(path), tool=tool, kind=kind, package=package)
    try:
        done = subprocess.run([exe, *args], capture_output=True, timeout=TOOL_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired:
        raise SourceError("src_damaged", file=str(path), kind=kind,
                          detail=f"{tool}: no result after {TOOL_SECONDS} s") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = err[-1] if err else f"{tool} exit {done.returncode}"
        raise SourceError("src_damaged", file=str(path), kind=kind,
                          detail=detail.replace(str(path), "").strip(" :") or tool)
    return done.stdout.decode("utf-8", "replace")


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
    layout = width <= 2 and bool(_LAYOUT_RE.search(flat))
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


# ---- .doc (Word 97-2003) ---------------------------------------------------------------------

def read_doc(path: Path) -> str:
    """A Word 97-2003 file through `antiword -x db`: DocBook XML whose <row>/<entry> keep the
    tables; each <para> is one line, an <entry>'s paragraphs one line each."""
    xml = _run("antiword", "antiword", ".doc", ["-x", "db", str(path)], path)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             recover=True, huge_tree=True)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError("src_damaged", file=str(path), kind=".doc", detail=str(exc)) from None
    if root is None:
        raise SourceError("src_damaged", file=str(path), kind=".doc", detail="antiword") from None
    footnotes = list(root.iter("footnote"))
    for number, note in enumerate(footnotes, 1):  # empty in DocBook mode: its mark "[n]"
        tail = note.tail
        note.clear()
        note.text, note.tail = f"[{number}]", tail
    lines: list[str] = []
    for chapter in root.iter("chapter", "preface", "appendix", "article"):
        _db_block(chapter, lines)
    if footnotes:
        lines += _doc_footnotes(path)
    return "\n".join(lines)


def _doc_footnotes(path: Path) -> list[str]:
    """The footnotes' texts as antiword's text mode ends with them ("[1] …" lines after a
    rule of 23 dashes), after a blank line; the marks stay in the text as "[n]"."""
    text = _run("antiword", "antiword", ".doc", ["-w", "0", str(path)], path)
    _, rule, notes = text.rpartition("\n-----------------------\n")
    if not rule:
        return []
    return ["", *(line.rstrip() for line in notes.strip("\n").split("\n"))]


def _db_text(el: object) -> str:
    return "".join(el.itertext())  # type: ignore[attr-defined]


def _db_block(el: object, lines: list[str]) -> None:
    for child in el:  # type: ignore[attr-defined]
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in ("informaltable", "table"):
            grid = [[_db_cell(e) for e in row.iter("entry")] for row in child.iter("row")]
            lines += _grid_lines(grid)
        elif tag in ("para", "simpara", "title") and not any(
                isinstance(c.tag, str) and c.tag in ("informaltable", "table", "itemizedlist",
                                                     "orderedlist") for c in child):
            if tag == "title" and not (child.text or len(child)):
                continue
            lines.append(_db_para(_db_text(child)))
        else:
            _db_block(child, lines)


def _db_cell(entry: object) -> list[str]:
    return [line.strip() for line in _db_para(_db_text(entry)).split("\n")]


def _db_para(text: str) -> str:
    """antiword writes "<para>\\nTEXT\\n  </para>": the text without that frame."""
    return re.sub(r"\n[ \t]*$", "", text.removeprefix("\n"))


# ---- .htm/.html (Word "Save as Web page", or any page) ---------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)
# Word's downlevel-revealed conditionals (`<![if !supportLists]>1.<![endif]>`) keep their
# content (the list numbers); its hidden ones (`<!--[if gte mso 9]>…<![endif]-->`) are comments
_REVEALED = re.compile(r"<!\[(?:if [^\]]*|endif)\]>", re.I)
_BR = "\ue000"  # a <br> while text is collected (a private-use character)
_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption",
              "address"}
_BOX_TAGS = {"div", "body", "section", "article", "main", "header", "footer", "nav", "aside",
             "blockquote", "center", "ul", "ol", "dl", "form", "fieldset", "figure", "html",
             "thead", "tbody", "tfoot", "tr", "td", "th"}
_SKIP_TAGS = {"head", "script", "style", "title", "meta", "link", "noscript", "template",
              "object", "xml"}


def html_encoding(data: bytes) -> str:
    """The page's encoding: its BOM, else its <meta charset>, else UTF-8 when the bytes are
    UTF-8, else windows-1252 (what Word writes for a Western-language page)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return enc
    m = _META_CHARSET.search(data[:8192])
    if m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def read_html(data: bytes, name: str) -> str:
    """A web page's text: paragraphs, headings and list items one a line (<br> breaks the
    line), tables in `_grid_lines` shape; &nbsp; as a space, as Word has it in a .docx."""
    import lxml.html
    from lxml import etree

    markup = data.decode(html_encoding(data), errors="replace")
    markup = _REVEALED.sub("", markup)
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError("src_damaged", file=name, kind=".html", detail=str(exc)) from None
    body = root.find("body")
    lines = _html_lines(body if body is not None else root)
    return "\n".join(lines)


def _html_lines(el: object) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            for line in "".join(buf).split(_BR):
                lines.append(re.sub(r"[ \t\r\n\f]+", " ", line.replace("\xa0", " ")).strip())
            buf.clear()

    def text(s: str | None, in_para: bool) -> None:
        if s and (in_para or s.strip()):
            buf.append(s)

    def walk(e: object, in_para: bool) -> None:
        tag = e.tag if isinstance(e.tag, str) else ""  # type: ignore[attr-defined]
        tag = tag.lower() if ":" not in tag else "span"  # Word's <o:p>, <st1:place>: inline
        if not tag or tag in _SKIP_TAGS:  # comments, processing instructions, <head>…
            return
        if tag == "br":
            buf.append(_BR)
        elif tag == "table":
            flush()
            grid = [[_html_lines(cell) for cell in row
                     if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
                    for row in e.iter("tr")  # type: ignore[attr-defined]
                    if _owning_table(row) is e]
            if any(p for r in grid for c in r for p in c):  # not a drawing's frame
                lines.extend(_grid_lines([r for r in grid if r]))
        elif tag in _PARA_TAGS or tag in _BOX_TAGS:
            flush()
            para = tag in _PARA_TAGS
            text(e.text, para)  # type: ignore[attr-defined]
            for child in e:  # type: ignore[attr-defined]
                walk(child, para)
                text(child.tail, para)
            if para and not buf:
                buf.append("")
            flush()
        else:  # inline: <span>, <b>, <a>, <o:p> …
            text(e.text, True)  # type: ignore[attr-defined]
            for child in e:  # type: ignore[attr-defined]
                walk(child, True)
                text(child.tail, True)

    text(el.text, False)  # type: ignore[attr-defined]
    for child in el:  # type: ignore[attr-defined]
        walk(child, False)
        text(child.tail, False)
    flush()
    return lines


def _owning_table(row: object) -> object:
    parent = row.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


# ---- .pdf --------------------------------------------------------------------------------------

MIN_CHARS_PER_PAGE = 100  # a typed page holds ~2,000; a scan's text layer a stamp at most
MAX_ODD_LETTERS = 0.05  # measured: good PDFs ≤ 1.3 % of letters, broken text layers ≥ 15.8 %
_VIETNAMESE_LETTERS = frozenset(
    "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ"
    + "".join(map(chr, range(0x1EA0, 0x1EFA))))


# Words that Vietnamese always writes with a mark (của, các, được …), by their folded form:
# written bare (or with a stray "ü"), the text lost its accents. "tinh" (tỉnh/tinh), "nam",
# "ngay"… are left out: bare they are words too, or parts of addresses and file names.
_MARKED_WORDS = frozenset({
    "cac", "duoc", "voi", "viec", "nguoi", "khong", "thuc", "hien", "nhiem", "nguyen", "dien",
    "truong", "chuc", "nhan", "cua", "nhung", "bieu", "diem", "quyet", "hoach", "kien", "trien",
    "tiep", "lien", "huyen", "dang", "hanh", "dai", "nghi"})
MIN_MARKED_WORDS = 12  # fewer: too little Vietnamese to judge (an English text has none)
MAX_BARE_SHARE = 0.2  # measured: real documents ≤ 0.3 % bare, an OCR without Vietnamese 41 %
_WORD_RE = re.compile(r"[^\W\d_]+")


def unaccented_share(text: str) -> tuple[float, str] | None:
    """The share of `_MARKED_WORDS` written without any Vietnamese letter, and the first such
    word; None when the text holds fewer than MIN_MARKED_WORDS of them."""
    marked = [w for w in _WORD_RE.findall(unicodedata.normalize("NFC", text))
              if fold(w) in _MARKED_WORDS]
    if len(marked) < MIN_MARKED_WORDS:
        return None
    bare = [w for w in marked if not any(ch in _VIETNAMESE_LETTERS for ch in w)]
    return len(bare) / len(marked), (bare[0] if bare else "")


def read_pdf(path: Path) -> str:
    """The text layer as `pdftotext -layout` lays it out (pages separated by form feeds)."""
    text = _run("pdftotext", "poppler-utils", ".pdf",
                ["-layout", "-enc", "UTF-8", str(path), "-"], path)
    pages = max(text.count("\f"), 1)
    chars = sum(1 for ch in text if not ch.isspace())
    if chars < MIN_CHARS_PER_PAGE * pages:
        raise SourceError("src_pdf_scan", file=str(path), pages=pages, chars=chars)
    letters = [ch for ch in unicodedata.normalize("NFC", text) if ch.isalpha()]
    odd = [ch for ch in letters if ord(ch) > 0x7F and ch not in _VIETNAMESE_LETTERS]
    if len(odd) > MAX_ODD_LETTERS * len(letters):
        sample = next((w for w in text.split() if any(ch in odd for ch in w)), odd[0])
        raise SourceError("src_pdf_garbled", file=str(path),
                          share=round(100 * len(odd) / len(letters)), sample=sample[:20])
    bare = unaccented_share(text)
    if bare is not None and bare[0] > MAX_BARE_SHARE:
        raise SourceError("src_pdf_no_accents", file=str(path), share=round(100 * bare[0]),
                          sample=bare[1][:20])
    return text.rstrip("\f\n") + "\n"
