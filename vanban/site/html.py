"""Building HTML safely: every string is escaped unless it is already `Markup`.

Values from front matter and data/*.yml go through `escape` (via `tag`, `text` or
`Markup.format`); only the element and attribute names written in this package are trusted.

>>> str(tag("a", "<script>", href="x?a=1&b=2", class_="vb-link"))
'<a href="x?a=1&amp;b=2" class="vb-link">&lt;script&gt;</a>'
>>> str(Abbreviations({"CĐCS": "công đoàn cơ sở"}).mark("Các CĐCS <b>"))
'Các <abbr title="công đoàn cơ sở">CĐCS</abbr> &lt;b&gt;'
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable

import nh3
from markupsafe import Markup, escape

__all__ = ["Abbreviations", "Markup", "escape", "join", "pin_inline_scripts", "sanitize", "tag"]

_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


@functools.cache
def _attr_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def tag(name: str, *children: str | Markup | None, **attrs: str | int | bool | None) -> Markup:
    """`<name attr="…">children</name>`; None children and attributes are left out."""
    # plain str joins, one Markup at the end: pages of agency tables call this 100,000 times
    parts = [f"<{name}"]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {_attr_name(key)}")
        else:
            parts.append(f' {_attr_name(key)}="{escape(value)}"')
    if name in _VOID:
        parts.append(">")
        return Markup("".join(parts))
    parts.append(">")
    parts.extend(escape(c) for c in children if c is not None)
    parts.append(f"</{name}>")
    return Markup("".join(parts))


def join(items: Iterable[str | Markup], sep: str | Markup = "") -> Markup:
    return Markup(str.join(escape(sep), [escape(i) for i in items]))


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


# ---- what a page may contain -----------------------------------------------------------------

# Elements and attributes that Python-Markdown and its extensions (toc, attr_list, md_in_html,
# abbr, tables, admonition, def_list) and the converter's Markdown produce. Anything else in a
# Markdown page — raw HTML typed into a document or a news post — is removed by `sanitize`.
_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "code", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s",
    "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden",
          "aria-current", "aria-labelledby", "aria-describedby"},
    "a": {"href", "hreflang", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "scope", "align"},
    "time": {"datetime"}, "ol": {"start", "type"}, "details": {"open"},
}


def sanitize(html: str) -> str:
    """The HTML of a Markdown page with only the elements and attributes above, links only to
    relative URLs, http(s) and mailto, no event handlers, scripts, styles or comments (ammonia,
    through nh3: a maintained sanitizer, not our own regexes).

    >>> sanitize('<p id="l1" onclick="x()">a<script>alert(1)</script></p>'
    ...          '<a href="javascript:alert(2)">b</a><a href="../x/#l2">c</a>')
    '<p id="l1">a</p><a>b</a><a href="../x/#l2">c</a>'
    """
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto"}, strip_comments=True,
                     generic_attribute_prefixes={"data-"},
                     filter_style_properties={"text-align", "width"})


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CSP_SCRIPT = re.compile(r"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?"
                         r"script-src 'self')([^;\"]*)")


def pin_inline_scripts(html: str) -> str:
    """Replace 'unsafe-inline' in the page's Content-Security-Policy script-src with the
    SHA-256 of each inline script the page really has (Material's few lines of setup), so a
    script that got into the page any other way does not run.

    >>> page = ('<meta http-equiv="Content-Security-Policy" content="default-src \\'self\\'; '
    ...         'script-src \\'self\\' \\'unsafe-inline\\'; img-src \\'self\\'">'
    ...         '<script>var a=1</script>')
    >>> pin_inline_scripts(page).split('"')[3]  # echo -n 'var a=1' | openssl dgst -sha256 -binary | base64
    "default-src 'self'; script-src 'self' 'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='; img-src 'self'"
    """
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(
        m.group(1).encode("utf-8")).digest()).decode("ascii") + "'"
        for m in _INLINE_SCRIPT.finditer(html)})
    def pin(m: re.Match[str]) -> str:
        others = [s for s in m.group(2).split() if s != "'unsafe-inline'"]
        return m.group(1) + "".join(" " + s for s in [*others, *hashes])

    return _CSP_SCRIPT.sub(pin, html, count=1)
