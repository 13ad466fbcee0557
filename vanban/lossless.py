"""The lossless guarantee, as code: every word of the source, apart from recognised conversion
artefacts (bookmarks, the national motto, decorative rules such as "______" under the header
columns, gazette page headers and page numbers, digital signature stamps), appears in the
generated Markdown body in the original order.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from . import grammar as g
from .model import SourceLine
from .text import clean_spaces, normalize, words


def source_words(text: str, removed: Iterable[SourceLine] = ()) -> list[tuple[str, int]]:
    """(word, line) of the source, artefacts left out: those the patterns below know, and
    those the converter recorded as removed (`Document.removed`: page numbers, running
    headers, OCR page marks, a web portal's caption line)."""
    dropped: dict[int, Counter[str]] = {}
    for r in removed:
        dropped.setdefault(r.line, Counter()).update(words(r.text))
    lines = normalize(text).split("\n")
    gazette = any(g.GAZETTE_HEADER.match(clean_spaces(ln)) for ln in lines)
    out: list[tuple[str, int]] = []
    for no, line in enumerate(lines, 1):
        line = g.BOOKMARK.sub(" ", line)
        flat = clean_spaces(line)
        if g.GAZETTE_HEADER.match(flat) or g.SIGNATURE_STAMP.match(flat) or (
            gazette and g.PAGE_NUMBER.match(flat)
        ) or g.RULE_LINE.match(flat):  # "____" is a word to \w+, but only a rule
            continue
        line = g.MOTTO.sub(" ", line)
        skip = dropped.get(no)
        for w in words(line):
            if skip and skip[w] > 0:
                skip[w] -= 1
                continue
            out.append((w, no))
    return out


def markdown_words(markdown: str) -> list[str]:
    """Words a reader sees in the generated body (front matter, tags, anchors left out)."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    body = re.sub(r"^\s*\{:[^}]*\}\s*$", " ", body, flags=re.MULTILINE)  # attribute lists
    body = re.sub(r"\{:\s*#[^}]*\}", " ", body)                          # heading attributes
    body = re.sub(r"<[^>]+>", " ", body)                                 # our own wrappers
    body = html.unescape(re.sub(r"\\(.)", r"\1", body))
    return words(body)


def missing_words(source: str, markdown: str, removed: Iterable[SourceLine] = ()
                  ) -> list[tuple[str, int]]:
    """Source words not found, in order, in the Markdown (empty when lossless); `removed`:
    the artefacts the converter dropped and recorded (`Document.removed`)."""
    target = markdown_words(markdown)
    missing: list[tuple[str, int]] = []
    j = 0
    for word, line in source_words(source, removed):
        k = j
        while k < len(target) and target[k] != word:
            k += 1
        if k == len(target):
            missing.append((word, line))
        else:
            j = k + 1
    return missing
