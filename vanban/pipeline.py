"""The converter, end to end: a file or a text → `Document`.

    read (vanban.sources) → normalise (vanban.normalise) → parse (vanban.parser)
    → extract (vanban.extract) → slug

One function per entry point; `vanban import`, `vanban parse`, the benchmarks and the tests
all convert through here, so every document takes the same path.
"""

from __future__ import annotations

from pathlib import Path

from .extract import extract_all
from .messages import register
from .model import Document
from .normalise import normalise
from .parser import parse
from .slug import document_slug
from .sources import read

register({
    "ocr_text": (
        "văn bản nhận dạng từ ảnh quét (OCR): máy đã đọc hết sức, nhưng có thể sai chữ, số — "
        "đối chiếu với bản gốc trước khi đăng",
        "text recognised from a scan (OCR): read on a best-effort basis, letters and numbers "
        "may be wrong — check against the original before publishing",
    ),
})


def convert(text: str, source: str | None = None, kind: str = "txt") -> Document:
    """A document's text (of a file of `kind`: txt, md, docx, doc, html, pdf) → Document."""
    doc = parse(normalise(text, kind), source)
    extract_all(doc)
    doc.slug = document_slug(doc.type.code, doc.number, doc.date, doc.place, doc.title, source)
    return doc


def convert_file(path: Path) -> Document:
    """Read, then convert; raises vanban.sources.SourceError for a file that cannot be read."""
    src = read(path)
    return convert(src.text, path.name, src.kind)
