"""A very long document split into pages ("phần"); every other document is one page.

A document page holds the whole text, with its outline beside it: a reader (or Ctrl+F, or the
printer) wants it on one page, and compressed, even a 100 KB page is small. Only a document
whose page would pass PAGE_BUDGET (about 300 KB of HTML: a 300-page document) is cut, between
two blocks of its Markdown, into parts: part 1 stays at `van-ban/<slug>/`, part n at
`van-ban/<slug>/<n>/` (see `urls`). There is no separate full-text page: the print stylesheet
prints the document page. Cuts prefer a heading (a new section starts a new page) and never
fall inside a block (paragraph, list item, table); a cut inside an HTML wrapper
(`<section class="vb-part" …>`, `<div …>`) closes the wrapper at the end of one page and opens
it again (without its id) at the start of the next, so every page is well-formed and every
word is on exactly one page, in order.

Every anchor of the body (`{: #l112 }`, `id="l162-r168"`) belongs to one part: links to a
paragraph (responsibility table, agency pages, targets) go through `Parts.part_of`.

>>> body = "## I. A {: #s-i }\\n\\n" + "x " * 40 + "\\n{: #l3 }\\n\\n## II. B {: #s-ii }\\n\\ny\\n{: #l9 }\\n"
>>> parts = split_body(body, first_budget=60, budget=60)
>>> [p.number for p in parts.pages], parts.part_of("l9"), parts.part_of("l3")
([1, 2], 2, 1)
>>> parts.pages[1].headings
[('s-ii', 'II. B')]
>>> "".join(p.markdown for p in parts.pages) == body
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Size model (bytes), measured on the seed portal and on 500 generated documents: Material's
# frame ≈ 19-20 KB, body HTML 1.1-1.4 × its Markdown (attribute lists become id attributes,
# escapes disappear, tags appear; a section of targets gets a link on every target sentence,
# the 1.4). The built pages are measured by tests/test_site_build.py and
# scripts/bench_build.py.
PAGE_BUDGET = 300_000         # a document page's HTML above which the text is cut into parts
AIM = PAGE_BUDGET - 15_000    # what the estimates aim at: they are within about 5 %
FRAME = 22_000                # header with search box, navigation, table of contents, footer
#                               (≈ 19 KB), plus the targets section and marks of the text
PART_CHROME = 2_500           # a part page's own header, parts list and pager
HTML_PER_MARKDOWN = 1.4
MIN_FIRST = 3_000             # the first page always shows the beginning of the text (its header)
RESP_FULL_ROWS = 50           # more tasks: the table sums them up by agency (views.py)
CITED_BY_ON_PAGE = 20         # "cited by" lists the newest 20 citers (views.py) …
CITED_BY_ROW = 450            # … each at most this many bytes (its title shortened)
BODY_BUDGET = int((AIM - FRAME - PART_CHROME) / HTML_PER_MARKDOWN)   # ≈ 185 KB


def extras_estimate(tasks: list[str], cite_summaries: list[str], recipients: list[str]) -> int:
    """Bytes of HTML that the first page adds to the body: metadata card, responsibility table
    (a row per task, its text shortened to 160 characters), citations (calibrated on the
    seeds: estimate within 10 % of the built pages); "cited by" is added by the catalog
    (CITED_BY_ROW per citer shown), which knows who cites the document."""
    card = 1_500 + sum(len(r.encode("utf-8")) + 20 for r in recipients)
    table = sum(min(len(t.encode("utf-8")), 200) + 280 for t in tasks)
    if len(tasks) > RESP_FULL_ROWS:     # one row per agency, a numbered link per task
        table = 6_000 + 70 * len(tasks)
    cites = sum(len(s.encode("utf-8")) + 350 for s in cite_summaries)
    return card + table + cites


def paginate(body: str, extras_html: int) -> Parts:
    """The body of a document as one page when the page fits the budget, else as parts."""
    if FRAME + extras_html + len(body.encode("utf-8")) * HTML_PER_MARKDOWN <= AIM:
        return _parts([body])
    return split_body(body, first_budget=first_page_budget(extras_html))


def first_page_budget(extras_html: int) -> int:
    """Markdown bytes of body on the first page, which also carries `extras_html` bytes of
    card, responsibility table and citations."""
    room = (AIM - FRAME - PART_CHROME - extras_html) / HTML_PER_MARKDOWN
    return max(MIN_FIRST, int(room))


@dataclass
class Page:
    number: int                                   # 1-based
    markdown: str
    headings: list[tuple[str, str]] = field(default_factory=list)   # (anchor, text) of ## …


@dataclass
class Parts:
    pages: list[Page]
    _part: dict[str, int] = field(default_factory=dict)     # anchor → part number (≥ 2)

    @property
    def count(self) -> int:
        return len(self.pages)

    def part_of(self, anchor: str) -> int:
        return self._part.get(anchor, 1)

    def placement(self) -> tuple[int, dict[str, int]]:
        """(parts, anchor → part): what links into the document depend on."""
        return self.count, self._part


# A block opening or closing an HTML wrapper on a line of its own (the converter's format).
_OPEN = re.compile(r'^<(div|section)\b[^>]*>[ \t]*$')
_CLOSE = re.compile(r"^</(div|section)>[ \t]*$")
_ID_ATTR = re.compile(r'\s+id="[^"]*"')
# ids in the Markdown: attribute lists "{: #l12 .cls }" / "{#s-i}" and HTML id="…"
_ANCHOR = re.compile(r'\{:?\s*#([A-Za-z0-9_-]+)|\bid="([A-Za-z0-9_-]+)"')
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{:?[^}]*\})?[ \t]*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


# (text, bytes, wrapper stack before the block, is a depth-0 heading)
_Block = tuple[str, int, tuple[str, ...], bool]


def split_body(markdown: str, *, first_budget: int, budget: int = BODY_BUDGET) -> Parts:
    """Cut `markdown` (a document body) into pages of at most about `budget` bytes
    (`first_budget` for the first). A body that fits stays one page."""
    size = len(markdown.encode("utf-8"))
    if size <= first_budget:
        return _parts([markdown])
    blocks = _blocks(markdown)
    offset = [0]                    # offset[i]: bytes before block i
    for b in blocks:
        offset.append(offset[-1] + b[1])
    chunks: list[str] = []
    start, limit = 0, first_budget
    for i in range(1, len(blocks)):
        if offset[i + 1] - offset[start] > limit:
            cut = _cut(blocks, offset, start, i, limit)
            if cut is None:
                continue
            chunks.append(_join(blocks, start, cut))
            start, limit = cut, budget
    chunks.append(_join(blocks, start, len(blocks)))
    return _parts(chunks)


def _cut(blocks: list[_Block], offset: list[int], start: int, end: int, limit: int
         ) -> int | None:
    """Where to end the page that starts at block `start` when block `end` no longer fits:
    before the last top-level heading (## before ###) that leaves the page at least half full,
    else before block `end`; never right after a heading (a heading stays with its text, so
    None — no cut yet — when the page holds only headings so far)."""
    half = offset[start] + limit // 2
    for level in (2, 0):
        for j in range(end, start, -1):
            if offset[j] < half:
                break
            if blocks[j][3] and (not level or blocks[j][0].startswith("## ")) \
                    and not blocks[j - 1][3]:
                return j
    cut = end
    while cut > start and blocks[cut - 1][3]:
        cut -= 1
    return cut if cut > start else None


def _blocks(markdown: str) -> list[_Block]:
    """The body as blocks that may start a page: a run of lines that begins at column 0 after
    a blank line (continuation lines, indented items and tables stay with their block)."""
    out: list[_Block] = []
    stack: list[str] = []
    cur: list[str] = []
    cur_stack: tuple[str, ...] = ()
    prev_blank = True
    for line in markdown.splitlines(keepends=True):
        starts = prev_blank and line.strip() and not line[0].isspace() \
            and not line.startswith("{:")
        if starts and cur:
            text = "".join(cur)
            out.append((text, len(text.encode("utf-8")), cur_stack,
                        not cur_stack and text.startswith("#")))
            cur = []
        if not cur:
            cur_stack = tuple(stack)
        cur.append(line)
        if _OPEN.match(line):
            stack.append(line.rstrip("\n"))
        elif _CLOSE.match(line) and stack:
            stack.pop()
        prev_blank = not line.strip()
    if cur:
        text = "".join(cur)
        out.append((text, len(text.encode("utf-8")), cur_stack,
                    not cur_stack and text.startswith("#")))
    return out


def _join(blocks: list[_Block], start: int, end: int) -> str:
    """Blocks [start, end) as one page: wrappers open at `start` re-opened (without their id),
    wrappers still open at `end` closed."""
    text = "".join(b[0] for b in blocks[start:end])
    before = blocks[start][2]
    after = blocks[end][2] if end < len(blocks) else ()
    head = "".join(_ID_ATTR.sub("", tag, count=1) + "\n\n" for tag in before)
    tail = "".join(f"\n</{_name(tag)}>\n" for tag in reversed(after))
    return head + text + tail


def _name(open_tag: str) -> str:
    m = _OPEN.match(open_tag)
    return m.group(1) if m else "div"


def _parts(chunks: list[str]) -> Parts:
    pages = [Page(n, md, _headings(md)) for n, md in enumerate(chunks, 1)]
    anchors = {a or b: p.number for p in pages[1:] for a, b in _ANCHOR.findall(p.markdown)}
    # an id re-opened wrapper lost its id, so an id belongs to the first page that has it
    for a, b in _ANCHOR.findall(pages[0].markdown):
        anchors.pop(a or b, None)
    return Parts(pages, anchors)


def _headings(markdown: str) -> list[tuple[str, str]]:
    out = []
    for line in markdown.splitlines():
        if not line.startswith("## "):
            continue
        m = _HEADING.match(line)
        ids = _ANCHOR.findall(line)
        if m and ids:
            out.append((ids[-1][0] or ids[-1][1], _ESCAPE.sub(r"\1", m.group(2)).strip()))
    return out
