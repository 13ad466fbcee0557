"""Building HTML safely: every string is escaped unless it is already `Markup`.

Values from front matter and data/*.yml go through `escape` (via `tag`, `text` or
`Markup.format`); only the element and attribute names written in this package are trusted.

>>> str(tag("a", "<script>", href="x?a=1&b=2", class_="vb-link"))
'<a href="x?a=1&amp;b=2" class="vb-link">&lt;script&gt;</a>'
>>> str(Abbreviations({"CĐCS": "công đoàn cơ sở"}).mark("Các CĐCS <b>"))
'Các <abbr title="công đoàn cơ sở">CĐCS</abbr> &lt;b&gt;'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

__all__ = ["Abbreviations", "Markup", "escape", "join", "tag"]

_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


def _attr_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def tag(name: str, *children: str | Markup | None, **attrs: str | int | bool | None) -> Markup:
    """`<name attr="…">children</name>`; None children and attributes are left out."""
    parts = [f"<{name}"]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {_attr_name(key)}")
        else:
            parts.append(f' {_attr_name(key)}="{escape(str(value))}"')
    parts.append(">")
    if name in _VOID:
        return Markup("".join(parts))
    inner = "".join(str(escape(c)) for c in children if c is not None)
    return Markup("".join(parts) + inner + f"</{name}>")


def join(items: Iterable[str | Markup], sep: str | Markup = "") -> Markup:
    return Markup(escape(sep)).join(escape(i) for i in items)


class Abbreviations:
    """Marks known abbreviations in plain text with `<abbr title>` (the same rule as
    Python-Markdown's abbr extension: whole words, longest first)."""

    def __init__(self, titles: dict[str, str]) -> None:
        self.titles = {unicodedata.normalize("NFC", k): v for k, v in titles.items() if k}
        keys = sorted(self.titles, key=len, reverse=True)
        self._re = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys \
            else None

    def mark(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        if self._re is None:
            return escape(text)
        out: list[str] = []
        pos = 0
        for m in self._re.finditer(text):
            out.append(str(escape(text[pos:m.start()])))
            out.append(str(tag("abbr", m.group(0), title=self.titles[m.group(0)])))
            pos = m.end()
        out.append(str(escape(text[pos:])))
        return Markup("".join(out))

    def markdown_definitions(self) -> str:
        """`*[CĐCS]: công đoàn cơ sở` lines for Python-Markdown's abbr extension."""
        return "\n".join(f"*[{k}]: {' '.join(v.split())}" for k, v in self.titles.items())


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_RAW = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def first_abbreviations_only(html: str) -> str:
    """Keep the `<abbr title>` hint on the first occurrence of each abbreviation of a page
    and plain text after it (hints are explained at first use; a long document would
    otherwise carry hundreds of them)."""
    seen: set[str] = set()

    def keep_first(m: re.Match[str]) -> str:
        if m.group(1) in seen:
            return m.group(1)
        seen.add(m.group(1))
        return m.group(0)

    return _ABBR.sub(keep_first, html)


def compact(html: str) -> str:
    """Drop indentation and blank lines between tags (outside <pre>, <textarea>, <script>,
    <style>): a newline stays, so the page renders exactly the same.

    >>> compact("<ul>\\n    <li>a</li>\\n\\n    <li>b</li>\\n</ul><pre>\\n  x\\n</pre>")
    '<ul>\\n<li>a</li>\\n<li>b</li>\\n</ul><pre>\\n  x\\n</pre>'
    """
    parts = _RAW.split(html)
    out = []
    # split with two groups yields [text, raw, tagname, text, raw, tagname, ...]
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
