"""Markdown-level touches to a document body before MkDocs renders it.

An official document puts the issuer and number on the left and the place and date on the
right of its header; the recipients ("Nơi nhận") on the left and the signature on the right of
its closing. The converter writes those parts in source order inside
`<div class="vb-head" markdown="1">` and `<div class="vb-closing" markdown="1">`; here each
block (paragraphs separated by blank lines) is moved into a left or a right column, keeping
their order and every word, so CSS can set two columns on wide screens and one on phones.

>>> md = '''<div class="vb-closing" markdown="1">
...
... Nơi nhận:
... {: #l5-recipients_heading .vb-c-recipients_heading }
...
... CHỦ TỊCH
... {: #l9-title .vb-c-title }
...
... </div>'''
>>> print(two_columns(md))  # doctest: +NORMALIZE_WHITESPACE
<div class="vb-closing" markdown="1">
<div class="vb-col vb-col--left" markdown="1">
Nơi nhận:
{: #l5-recipients_heading .vb-c-recipients_heading }
</div>
<div class="vb-col vb-col--right" markdown="1">
CHỦ TỊCH
{: #l9-title .vb-c-title }
</div>
</div>
"""

from __future__ import annotations

import re

# <div class="vb-head" markdown="1"> … </div> with no nested <div> (the converter's format)
_BLOCK = re.compile(
    r'^<div class="(?P<cls>vb-head|vb-closing)" markdown="1">[ \t]*\n'
    r"(?P<body>(?:(?!^</?div\b).*\n)*?)"
    r"^</div>[ \t]*$", re.MULTILINE)

# classes (from the converter's attribute lists) that go to the right-hand column
_RIGHT = {
    "vb-head": re.compile(r"\.vb-(?:place_date|motto|national)\b"),
    "vb-closing": re.compile(r"\.vb-c-(?:authority|title|signed|name|seal)\b"),
}


def two_columns(markdown: str) -> str:
    """Split the header and closing blocks into left and right columns (see module doc)."""
    return _BLOCK.sub(_split, markdown)


def _split(m: re.Match[str]) -> str:
    cls = m.group("cls")
    blocks = [b for b in re.split(r"\n[ \t]*\n", m.group("body")) if b.strip()]
    right_re = _RIGHT[cls]
    left = [b for b in blocks if not right_re.search(b)]
    right = [b for b in blocks if right_re.search(b)]
    if not left or not right:
        return m.group(0)
    col = '<div class="vb-col vb-col--{side}" markdown="1">\n\n{body}\n\n</div>'
    return (f'<div class="{cls}" markdown="1">\n\n'
            + col.format(side="left", body="\n\n".join(b.strip("\n") for b in left)) + "\n\n"
            + col.format(side="right", body="\n\n".join(b.strip("\n") for b in right))
            + "\n\n</div>")
