"""The chain of implementation: what a document implements (upward) and what implements it
(downward), read from the citations whose relation is `thuc_hien` (implements) or `can_cu`
(legal basis) — a Politburo resolution, the national federation's programme implementing it,
a provincial programme, the grassroots plans.

A node of the chain is a document of the portal, or a document cited but not in the portal,
known only by how it is cited. A citation is matched to a portal document as the "cited by"
lists are (`Catalog.target_of`: number key, year, then type and issuer); a document not in the
portal is one node per number key and date ("~02-nq/tw@2021-06-12"; an undated citation joins
the only dated node of its number), so that the plans implementing the same outside
resolution are found together, and two provinces' resolutions 10-NQ/TU are not.

`link(cat)` indexes the edges once per catalog (`Catalog.implements`, `Catalog.implemented_by`);
`chain(cat, doc)` is the small tree a document page shows: up to UP_LEVELS levels up and
DOWN_LEVELS down, a bounded number of documents at each node (the rest counted), the other
implementers of what the document implements summarised. Each node is expanded once: a
document met again (a cycle of citations, or two paths to the same resolution) is shown but
not expanded, so the walk always ends.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text import number_key

if TYPE_CHECKING:
    from .catalog import Catalog, Cite, DocPage

IMPLEMENTS = ("thuc_hien", "can_cu")   # relations that place a document in a chain
UP_LEVELS = 3            # what the document implements, what that implements, …
DOWN_LEVELS = 2          # what implements the document, what implements those
UP_SHOWN = 6             # documents shown above a node (a decision may cite many bases)
DOWN_SHOWN = (8, 3)      # implementers shown under the document, under each of those
SIBLINGS_SHOWN = 3       # other implementers of a document the page's document implements
CHAIN_ROW = 400          # bytes of HTML per document shown (vanban.site.split's estimate)


@dataclass(frozen=True)
class Link:
    """`source` implements the node `key` (a slug, or "~<number key>@<date>" for a document
    not in the portal: `target` None), as its citation `cite` says."""

    source: DocPage
    cite: Cite
    target: DocPage | None
    key: str


@dataclass
class Node:
    """A document of the tree. Above the page's document: a document it (or a node above it)
    implements, described by `cite`, the citation of `source`; below: a document
    implementing it (`doc` is `source`, `cite` its citation of the node above)."""

    key: str
    doc: DocPage | None           # None: not in the portal
    cite: Cite
    source: DocPage
    children: list[Node] = field(default_factory=list)
    more: int = 0                  # documents of the next level not shown
    repeated: bool = False         # shown elsewhere in the tree (or the page's own): not expanded
    siblings: list[DocPage] = field(default_factory=list)   # also implement it (level 1 up)
    siblings_more: int = 0

    @property
    def relation(self) -> str:
        return self.cite.relation


@dataclass
class Chain:
    doc: DocPage
    up: list[Node]
    down: list[Node]
    up_more: int = 0
    down_more: int = 0

    def __str__(self) -> str:
        """The tree as indented lines, upward nodes first ("^"), then downward ("v");
        "*": shown elsewhere, not expanded; "+n": n more not shown."""
        def name(n: Node) -> str:
            label = (n.doc.number or n.doc.slug) if n.doc is not None else \
                f"{n.cite.number} (not in the portal)"
            return label + (" *" if n.repeated else "") + (f" +{n.more}" if n.more else "")

        def lines(nodes: list[Node], mark: str, depth: int) -> list[str]:
            out = []
            for n in nodes:
                out.append("  " * depth + f"{mark} {name(n)}")
                out += lines(n.children, mark, depth + 1)
            return out
        return "\n".join([*lines(self.up, "^", 0), f"= {self.doc.number or self.doc.slug}",
                          *lines(self.down, "v", 0)])

    def size(self) -> int:
        """Documents shown (for the page's size estimate)."""
        def count(nodes: list[Node]) -> int:
            return sum(1 + len(n.siblings) + count(n.children) for n in nodes)
        return count(self.up) + count(self.down)


def link(cat: Catalog) -> None:
    """Fill `cat.implements` (slug → links up) and `cat.implemented_by` (node key → links
    down), in the catalog's order (newest document first); one link per pair of nodes."""
    found: list[tuple[DocPage, Cite, DocPage | None]] = []
    dates: dict[str, set[str]] = defaultdict(set)    # outside number key → dates cited
    order = {r: i for i, r in enumerate(IMPLEMENTS)}
    for d in cat.documents:
        for c in sorted(d.cites, key=lambda c: (order.get(c.relation, 9), c.line)):
            if c.relation not in order or not c.number:
                continue
            target = cat.target_of(d, c)
            if target is d:
                continue
            found.append((d, c, target))
            if target is None and c.date:
                dates[number_key(c.number)].add(c.date)
    for d, c, target in found:
        assert c.number is not None
        if target is not None:
            key = target.slug
        else:
            nk, date = number_key(c.number), c.date or ""
            if not date and len(dates[nk]) == 1:
                date = next(iter(dates[nk]))
            key = f"~{nk}@{date}"
        ups = cat.implements.setdefault(d.slug, [])
        if any(x.key == key for x in ups):
            continue
        edge = Link(d, c, target, key)
        ups.append(edge)
        cat.implemented_by.setdefault(key, []).append(edge)


def chain(cat: Catalog, doc: DocPage) -> Chain:
    """The tree of `doc`'s page (see the module's docstring)."""
    shown = {doc.slug}

    def node(key: str, target: DocPage | None, edge: Link) -> Node:
        n = Node(key, target, edge.cite, edge.source, repeated=key in shown)
        shown.add(key)
        return n

    def ups(key: str, limit: int) -> tuple[list[Node], int]:
        edges = cat.implements.get(key, [])
        return [node(e.key, e.target, e) for e in edges[:limit]], max(0, len(edges) - limit)

    def downs(key: str, limit: int) -> tuple[list[Node], int]:
        edges = cat.implemented_by.get(key, [])
        return ([node(e.source.slug, e.source, e) for e in edges[:limit]],
                max(0, len(edges) - limit))

    # breadth first, upward then downward: a document reachable at two depths is expanded
    # at the nearer one; the last level shown counts what lies beyond it (its page shows it)
    up, up_more = ups(doc.slug, UP_SHOWN)
    for n in up:      # the other documents that implement what this one implements
        others = [e.source for e in cat.implemented_by.get(n.key, []) if e.source is not doc]
        n.siblings, n.siblings_more = others[:SIBLINGS_SHOWN], max(0, len(others)
                                                                   - SIBLINGS_SHOWN)
    frontier = up
    for _ in range(UP_LEVELS - 1):
        nxt: list[Node] = []
        for n in frontier:
            if not n.repeated:
                n.children, n.more = ups(n.key, UP_SHOWN)
                nxt += n.children
        frontier = nxt
    for n in frontier:
        n.more = 0 if n.repeated else len(cat.implements.get(n.key, []))
    down, down_more = downs(doc.slug, DOWN_SHOWN[0])
    frontier = down
    for level in range(1, DOWN_LEVELS):
        nxt = []
        for n in frontier:
            if not n.repeated:
                n.children, n.more = downs(n.key, DOWN_SHOWN[level])
                nxt += n.children
        frontier = nxt
    for n in frontier:
        n.more = 0 if n.repeated else len(cat.implemented_by.get(n.key, []))
    return Chain(doc, up, down, up_more, down_more)
