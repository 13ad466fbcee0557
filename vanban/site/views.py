"""HTML of everything the portal adds: pieces of document pages and whole generated pages.

Every renderer takes a `Ctx` (catalog, language, URL of the page being written) and returns
escaped `Markup`, or `Section`s that the caller turns into HTML and table-of-contents entries.
Links are relative to `Ctx.here`; anchors come from `vanban.slug` / `urls`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..data import Agency
from ..slug import slugify
from ..text import fold
from .catalog import Assigned, Catalog, Cite, DocPage
from .chain import Node, chain
from .html import Abbreviations, Markup, escape, join, tag
from .split import CITED_BY_ON_PAGE, RESP_FULL_ROWS
from .labels import (
    DEFAULT_LANG,
    TYPE_ORDER,
    add_labels,
    count_label,
    format_date,
    t,
    type_name,
)
from .urls import (
    CHAIN_ID,
    CITED_BY_ID,
    CITES_ID,
    ISSUED_ID,
    RESPONSIBILITIES_ID,
    TASKS_ID,
    TEXT_ID,
    in_text,
    page_key,
    part_key,
    relative,
    url,
)

add_labels({
    "resp.count": ("Số nhiệm vụ", "Tasks"),
    "resp.count_roles": ("{n} ({lead} chủ trì, {support} phối hợp)",
                         "{n} ({lead} lead, {support} support)"),
    "resp.paragraphs": ("Đến đoạn giao nhiệm vụ", "Go to the paragraph"),
    "resp.summary_note": (
        "Văn bản giao {n} nhiệm vụ: bảng dưới đây tóm tắt theo cơ quan; trang của từng cơ quan "
        "liệt kê đầy đủ nhiệm vụ, vai trò và thời hạn.",
        "The document assigns {n} tasks: the table sums them up by agency; each agency's page "
        "lists the tasks in full, with role and deadline."),
    "pager.label": ("Các trang của danh sách", "Pages of the list"),
    "pager.prev": ("← Trang trước", "← Previous page"),
    "pager.next": ("Trang sau →", "Next page →"),
    "pager.page_title": ("{title} — trang {n}", "{title} — page {n}"),
    "pager.position": ("Trang {n}/{total}", "Page {n} of {total}"),
    "agency.tasks_of": ("Trang {n}/{total} của danh sách nhiệm vụ được giao cho",
                        "Page {n} of {total} of the tasks assigned to"),
    "agency.issued_more": (
        "Và {n} văn bản khác: xem danh mục văn bản theo loại và theo năm.",
        "And {n} more: see the document index by type and by year."),
    "chain.title": ("Chuỗi thực hiện", "Chain of implementation"),
    "chain.intro": (
        "Theo các trích dẫn “thực hiện” và “căn cứ”: trên là văn bản mà văn bản này thực "
        "hiện, dưới là văn bản thực hiện nó. Văn bản chưa có trong cổng không có liên kết.",
        "From the citations marked “implements” and “legal basis”: above, what this document "
        "implements; below, what implements it. Documents not in the portal have no link."),
    "chain.up": ("Văn bản này thực hiện", "This document implements"),
    "chain.up_of": ("Văn bản mà {label} thực hiện", "What {label} implements"),
    "chain.here": ("Văn bản đang xem", "This document"),
    "chain.down": ("Văn bản thực hiện văn bản này", "Documents implementing this one"),
    "chain.down_of": ("Văn bản thực hiện {label}", "Documents implementing {label}"),
    "chain.down_none": ("Chưa có văn bản nào trong cổng thực hiện văn bản này.",
                        "No document in the portal implements this one yet."),
    "chain.outside": ("chưa có trong cổng", "not in the portal"),
    "chain.self": ("chính văn bản đang xem", "the document on this page"),
    "chain.repeated": ("đã nêu ở trên", "shown above"),
    "chain.more": ("… và {n} văn bản khác", "… and {n} more"),
    "chain.more_cited_by": ("… và {n} văn bản khác (xem “Được trích dẫn bởi”)",
                            "… and {n} more (see “Cited by”)"),
    "chain.siblings": ("Cùng thực hiện văn bản này:", "Also implementing it:"),
    "chain.siblings_more": ("và {n} văn bản khác", "and {n} more"),
    "chain.none": (
        "Các trích dẫn của văn bản không nêu văn bản nào mà nó thực hiện hoặc lấy làm căn cứ, "
        "và chưa có văn bản nào trong cổng thực hiện nó.",
        "The document's citations name nothing it implements or is based on, and no "
        "document in the portal implements it yet."),
})

LATEST_ON_INDEX = 50       # the document index lists this many
DOCS_PER_PAGE = 50         # a type's or a year's documents: pages of this many (≈ 40 KB)
TASKS_PER_PAGE = 25        # an agency's tasks: pages of whole documents up to this many rows
ISSUED_ON_AGENCY = 20      # an agency page lists its newest documents; the index has all
LATEST_ON_HOME = 6
_RELATION_ORDER = {"can_cu": 0, "thuc_hien": 1, "dan_chieu": 2}


@dataclass
class Ctx:
    cat: Catalog
    lang: str
    here: str                       # URL of the page being rendered (site-root relative)
    abbrs: Abbreviations

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def href(self, kind: str, key: str = "", anchor: str = "") -> str:
        lang = self.lang
        if kind == "document" and in_text(anchor):
            # a paragraph of the text: on the Vietnamese page (the only one with the text),
            # maybe on a later part of a very long document
            lang = DEFAULT_LANG
            doc = self.cat.document(key)
            part = doc.parts.part_of(anchor) if doc is not None and doc.parts else 1
            if part > 1:
                kind, key = "part", part_key(key, part)
        target = url(kind, key, lang) + (f"#{anchor}" if anchor else "")
        path = target.split("#", 1)[0]
        if anchor and path == self.here:
            return f"#{anchor}"
        return relative(self.here, target)

    def part_href(self, doc: DocPage, number: int, anchor: str = "") -> str:
        if number <= 1:
            return self.href("document", doc.slug, anchor)
        return self.href("part", part_key(doc.slug, number), anchor)

    @property
    def vi(self) -> str | None:
        """`lang` attribute for Vietnamese source text on a page in another language."""
        return "vi" if self.lang != "vi" else None

    def text(self, value: str | None) -> Markup:
        """Document text: escaped, with <abbr> hints."""
        return self.abbrs.mark(value)

    def agency_name(self, agency: Agency) -> str:
        return agency.name_en if self.lang == "en" else agency.name

    def agency_link(self, agency: Agency, anchor: str = "") -> Markup:
        return tag("a", self.agency_name(agency), href=self.href("agency", agency.id, anchor))

    def date(self, iso: str | None) -> Markup:
        if not iso:
            return Markup("")
        return tag("time", format_date(iso, self.lang), datetime=iso)

    def type_name(self, doc: DocPage) -> str:
        return type_name(doc.type_code, doc.type_name, self.lang)

    def doc_label(self, doc: DocPage) -> str:
        """'Chương trình hành động số 17/CTr-LĐLĐ' / 'Directive of 10 November 2021'."""
        kind = self.type_name(doc)
        if doc.number:
            return self.t("doc.label_number", type=kind, number=doc.number)
        if doc.date:
            return self.t("doc.label_date", type=kind, date=format_date(doc.date, self.lang))
        return kind

    def doc_link(self, doc: DocPage, anchor: str = "") -> Markup:
        return tag("a", self.doc_label(doc), href=self.href("document", doc.slug, anchor))

    def issuer(self, doc: DocPage) -> Markup:
        agency = self.cat.issuer_of(doc)
        if agency is not None:
            return self.agency_link(agency)
        return tag("span", doc.issuer or self.t("doc.unknown"), lang=self.vi if doc.issuer
                   else None)


@dataclass
class Section:
    """A titled part of a page: one <h2> (or <h3>) and one table-of-contents entry."""

    id: str
    title: str
    body: Markup
    cls: str = ""
    level: int = 2
    subsections: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of <h3>s

    def html(self, lang: str) -> Markup:
        heading = tag(f"h{self.level}", self.title, _permalink(self.id, lang), id=self.id)
        return tag("section", heading, self.body, class_=f"vb-section {self.cls}".strip())


def _permalink(anchor: str, lang: str) -> Markup:
    return tag("a", "¶", class_="headerlink", href=f"#{anchor}", title=t("permalink", lang))


def sections_html(sections: Iterable[Section], lang: str) -> Markup:
    return join(s.html(lang) for s in sections)


def _table(ctx: Ctx, cls: str, columns: list[str], rows: Iterable[list[Markup]]) -> Markup:
    """A table that stacks into labelled blocks on phones (CSS reads data-label)."""
    head = tag("thead", tag("tr", join(tag("th", c, scope="col") for c in columns)))
    body = tag("tbody", join(
        tag("tr", join(tag("td", cell, data_label=col) for col, cell in zip(columns, row,
                                                                             strict=True)))
        for row in rows))
    return tag("div", tag("table", head, body, class_=f"vb-data {cls}"), class_="vb-data-wrap")


# ---- document page ---------------------------------------------------------------------------

def document_card(ctx: Ctx, doc: DocPage) -> Markup:
    """The metadata card shown above the text of a document."""
    rows: list[tuple[str, Markup]] = []
    if ctx.lang != DEFAULT_LANG:    # the page's title is the English one (or the label)
        rows.append(("doc.title_vi", tag("span", ctx.text(doc.title), lang="vi")))
    rows += [
        ("doc.number", tag("span", doc.number, class_="vb-number") if doc.number
         else tag("span", ctx.t("doc.number_none"), class_="vb-muted")),
        ("doc.type", tag("span", ctx.type_name(doc))),
        ("doc.issuer", ctx.issuer(doc)),
        ("doc.date", join([x for x in (ctx.date(doc.date), tag("span", doc.place, lang=ctx.vi)
                                       if doc.place else None) if x], " · ")),
    ]
    s = doc.signer
    if s.name or s.title or s.authority:
        rows.append(("doc.signer", join([
            tag("strong", s.name) if s.name else Markup(""),
            tag("span", " — ".join(x for x in (s.title, s.authority) if x), lang=ctx.vi,
                class_="vb-muted") if (s.title or s.authority) else Markup(""),
        ], " ")))
    att = doc.attachment
    if att is not None:  # "Kèm theo: Chương trình hành động …", to its place in the text
        name = type_name(att.type_code, att.type_name, ctx.lang)
        text = join([tag("strong", name), tag("span", f" {att.title}", lang=ctx.vi)
                     if att.title else Markup("")])
        rows.append(("doc.attachment", tag("a", text, href=ctx.href("document", doc.slug,
                                                                     att.anchor))
                     if att.anchor else text))
    if doc.recipients:
        rows.append(("doc.recipients", tag("ul", join(tag("li", r) for r in doc.recipients),
                                               class_="vb-inline-list", lang=ctx.vi)))
    if doc.original:
        rows.append(("doc.original", original_link(ctx, doc)))
    items = join(tag("div", tag("dt", ctx.t(k)), tag("dd", v), class_=f"vb-card__{k[4:]}")
                 for k, v in rows)
    extra: list[Markup] = []
    if ctx.lang != DEFAULT_LANG:
        if doc.summary_en:
            extra.append(tag("div", tag("p", ctx.t("doc.summary_en"), class_="vb-card__label"),
                             join(tag("p", p) for p in _paragraphs(doc.summary_en)),
                             class_="vb-summary", lang="en"))
    jumps = _jump_links(ctx, doc)
    return tag("aside", tag("p", ctx.t("card.title"), class_="vb-card__title"),
               tag("dl", items, class_="vb-card__list"), join(extra), jumps,
               class_="vb-card", aria_label=ctx.t("card.title"))


def page_title(ctx: Ctx, doc: DocPage) -> str:
    """The title a document page shows (<h1>, <title>): the document's own title on the
    Vietnamese page; on another language's page the English title staff wrote (front matter
    `title_en`), else one composed of its type, number and issuer in that language (the
    agency's `name_en`), or its place when the issuer is no known agency ("Action programme
    No. 17/CTr-LĐLĐ of the Bình Định Provincial Labour Federation")."""
    if ctx.lang == DEFAULT_LANG:
        return doc.title
    if doc.title_en:
        return doc.title_en
    label = ctx.doc_label(doc)
    agency = ctx.cat.issuer_of(doc)
    if agency is not None:
        name = ctx.agency_name(agency)
        name = name[4:] if name.lower().startswith("the ") else name
        return ctx.t("doc.title_issuer", label=label, issuer=name)
    if doc.place:
        return ctx.t("doc.title_place", label=label, place=doc.place)
    return label


def page_heading(ctx: Ctx, doc: DocPage) -> Markup:
    """The <h1> of a page in another language, and under it where the text is (the Vietnamese
    page): the first thing a reader on a phone sees, above the card."""
    return tag("h1", page_title(ctx, doc)) + tag(
        "p", tag("a", ctx.t("doc.text_vi"), href=ctx.href("document", doc.slug, TEXT_ID),
                 hreflang="vi", class_="vb-text-link"), class_="vb-text-note")


def original_link(ctx: Ctx, doc: DocPage) -> Markup:
    """Download link of the imported .docx/.txt (kept beside the page, copied by MkDocs)."""
    name = doc.original or ""
    ext = name.rsplit(".", 1)[-1].upper()
    size = f"{max(1, round(doc.original_size / 1024))} KB"
    href = relative(ctx.here, posixpath.join(posixpath.dirname(url("document", doc.slug)
                                                               .rstrip("/")), name))
    return tag("a", ctx.t("doc.original_link", ext=ext, size=size), href=href, download=name,
               class_="vb-original")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _jump_links(ctx: Ctx, doc: DocPage) -> Markup:
    links = [(RESPONSIBILITIES_ID, "resp.title", len(doc.tasks)),
             (CHAIN_ID, "chain.title", len(ctx.cat.implements.get(doc.slug, []))
              + len(ctx.cat.implemented_by.get(doc.slug, []))),
             (CITES_ID, "cites.title", len(doc.cites)),
             (CITED_BY_ID, "cited_by.title", len(ctx.cat.cited_by.get(doc.slug, [])))]
    return tag("p", tag("span", ctx.t("doc.jump"), class_="vb-card__label"), " ",
               join((tag("a", f"{ctx.t(key)} ({n})", href=f"#{anchor}")
                     for anchor, key, n in links), " · "), class_="vb-card__jump")


def parts_nav(ctx: Ctx, doc: DocPage, current: int) -> Markup:
    """The list of parts of a long document, each with the sections it holds."""
    if doc.parts is None:
        return Markup("")
    title = tag("p", ctx.t("parts.title", count=doc.parts.count), class_="vb-parts__title")
    items = []
    for page in doc.parts.pages:
        label = ctx.t("parts.part", n=page.number)
        # the first and last section of each part: the list stays short however long the text
        shown = page.headings if len(page.headings) <= 2 else [page.headings[0],
                                                               page.headings[-1]]
        sections = join((tag("span", title, lang=ctx.vi) for _, title in shown),
                        " … " if len(page.headings) > 2 else "; ")
        link = tag("a", tag("strong", label), href=ctx.part_href(doc, page.number),
                   aria_current="page" if page.number == current else None)
        items.append(tag("li", link, ": " if page.headings else "", sections))
    return tag("nav", title, tag("ol", join(items)), class_="vb-parts",
               aria_label=ctx.t("parts.label"))


def parts_pager(ctx: Ctx, doc: DocPage, current: int) -> Markup:
    """Previous / next part links under the text of a long document."""
    if doc.parts is None:
        return Markup("")
    links = []
    if current > 1:
        links.append(tag("a", "← ", ctx.t("parts.part", n=current - 1),
                         href=ctx.part_href(doc, current - 1), rel="prev",
                         class_="vb-pager__prev"))
    if current < doc.parts.count:
        nxt = doc.parts.pages[current]
        first = nxt.headings[0][1] if nxt.headings else ""
        links.append(tag("a", ctx.t("parts.part", n=current + 1),
                         tag("span", f": {first}", lang=ctx.vi) if first else "", " →",
                         href=ctx.part_href(doc, current + 1), rel="next",
                         class_="vb-pager__next"))
    return tag("nav", join(links), class_="vb-pager", aria_label=ctx.t("parts.pager"))


def part_header(ctx: Ctx, doc: DocPage, current: int) -> Markup:
    """What a part page (2, 3, …) shows above its text: which document, which part, and
    where the metadata and responsibilities are."""
    assert doc.parts is not None
    back = tag("a", ctx.doc_label(doc), href=ctx.href("document", doc.slug))
    title = tag("h1", ctx.t("parts.page_title", label=ctx.doc_label(doc), n=current),
                class_="vb-part-h1")
    return title + tag("aside", tag("p", ctx.t("parts.of", n=current, count=doc.parts.count),
                                    " — ", back, class_="vb-card__title"),
               tag("p", tag("span", ctx.text(doc.title), lang=ctx.vi), class_="vb-part-title"),
               tag("p", tag("a", ctx.t("parts.back"),
                            href=ctx.href("document", doc.slug, RESPONSIBILITIES_ID)),
                   class_="vb-card__jump"),
               class_="vb-card vb-card--part", aria_label=ctx.t("card.title"))


def responsibilities(ctx: Ctx, doc: DocPage) -> Section:
    """Who must do what, by when: the assignments grouped by agency (in order of first
    mention), each task linking to its paragraph in the text."""
    rows = ctx.cat.assigned.get(doc.slug, [])
    if not rows:
        body = tag("p", ctx.t("resp.none"), class_="vb-muted")
        return Section(RESPONSIBILITIES_ID, ctx.t("resp.title"), body, "vb-resp")
    groups: dict[str, list[Assigned]] = {}
    for a in rows:
        key = a.agency.id if a.agency is not None else "?" + fold(a.task.agency)
        groups.setdefault(key, []).append(a)
    if len(rows) > RESP_FULL_ROWS:
        return Section(RESPONSIBILITIES_ID, ctx.t("resp.title"),
                       _responsibility_summary(ctx, list(groups.values())), "vb-resp")
    cols = [ctx.t("resp.agency"), ctx.t("resp.task"), ctx.t("resp.role"), ctx.t("resp.deadline")]
    trs = []
    for items in groups.values():
        for i, a in enumerate(items):
            who, task, role, deadline = _task_row(ctx, a, local=True)
            cells = [tag("th", who, scope="rowgroup", rowspan=len(items) if len(items) > 1
                         else None, data_label=cols[0])] if i == 0 else []
            cells += [tag("td", c, data_label=col) for col, c in zip(cols[1:],
                                                                     (task, role, deadline),
                                                                     strict=True)]
            trs.append(tag("tr", join(cells), class_="vb-group-start" if i == 0 else None))
    head = tag("thead", tag("tr", join(tag("th", c, scope="col") for c in cols)))
    table = tag("table", head, tag("tbody", join(trs)), class_="vb-data vb-resp-table")
    return Section(RESPONSIBILITIES_ID, ctx.t("resp.title"),
                   tag("div", table, class_="vb-data-wrap"), "vb-resp")


def _responsibility_summary(ctx: Ctx, groups: list[list[Assigned]]) -> Markup:
    """The responsibilities of a document with very many tasks: one row per agency with the
    number of tasks and a numbered link to each task's paragraph (the agency's page lists the
    tasks in full), so that the page stays within its size budget."""
    cols = [ctx.t("resp.agency"), ctx.t("resp.count"), ctx.t("resp.paragraphs")]

    def row(items: list[Assigned]) -> list[Markup]:
        who = _task_row(ctx, items[0], local=True)[0]
        lead = sum(1 for a in items if a.task.role != "support")
        count = ctx.t("resp.count_roles", n=len(items), lead=lead, support=len(items) - lead)
        links = join((tag("a", str(i), href=ctx.href("document", a.doc.slug, a.task.anchor))
                      if a.task.anchor else Markup(str(i))
                      for i, a in enumerate(items, 1)), " ")
        return [who, escape(count), tag("span", links, class_="vb-resp-links")]

    note = tag("p", ctx.t("resp.summary_note", n=sum(len(g) for g in groups)), class_="vb-muted")
    return note + _table(ctx, "vb-resp-summary", cols, (row(g) for g in groups))


TASK_PREVIEW = 160   # characters of a task shown in a document's table (the text is below)


def _task_row(ctx: Ctx, a: Assigned, *, local: bool) -> list[Markup]:
    """[agency, task, role, deadline] cells; `local`: the row is on the document's own page,
    so the task is shortened (the whole sentence is in the text the link leads to)."""
    if a.agency is not None:
        who = ctx.agency_link(a.agency)
    else:
        who = join([tag("span", a.task.agency, lang=ctx.vi),
                    tag("small", ctx.t("resp.unmatched"), class_="vb-unmatched")], " ")
    anchor = a.task.anchor
    href = ctx.href("document", a.doc.slug, anchor)
    text = ctx.text(shorten(a.task.task, TASK_PREVIEW) if local else a.task.task)
    task = tag("a", text, href=href) if anchor else text
    role = tag("span", ctx.t(f"role.{a.task.role}"), class_=f"vb-role vb-role--{a.task.role}")
    deadline = tag("span", a.task.deadline, lang=ctx.vi) if a.task.deadline \
        else Markup("—")
    return [who, tag("span", task, lang=ctx.vi), role, deadline]


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return cut + "…"


def _cite_text(ctx: Ctx, doc: DocPage, cite: Cite, summary: int = 0) -> Markup:
    """A citation of `doc`: label (linked when in the portal), date, issuer, summary
    (shortened to `summary` characters when given)."""
    kind = type_name(cite.type_code, cite.type_name, ctx.lang)
    label = ctx.t("doc.label_number", type=kind, number=cite.number) if cite.number else kind
    target = ctx.cat.target_of(doc, cite)
    head = tag("a", label, href=ctx.href("document", target.slug)) if target is not None \
        else tag("span", label, class_="vb-cite__label")
    parts: list[Markup] = [head]
    if cite.date:
        parts.append(join([ctx.t("cite.dated"), " ", ctx.date(cite.date)]))
    if cite.issuer:
        agency = ctx.cat.registry.match(cite.issuer, doc.place)
        who = tag("span", ctx.agency_name(agency)) if agency is not None \
            else tag("span", cite.issuer, lang=ctx.vi)
        parts.append(join([ctx.t("cite.of"), " ", who]))
    out = join(parts, ", " if ctx.lang == "en" else " ")
    if cite.summary:
        text = shorten(cite.summary, summary) if summary else cite.summary
        out = join([out, tag("span", join(["— ", ctx.text(text)]),
                             class_="vb-cite__summary", lang=ctx.vi)], " ")
    return out


def citations(ctx: Ctx, doc: DocPage) -> Section:
    """The documents this one cites: linked when they are in the portal."""
    cites = sorted(doc.cites, key=lambda c: (_RELATION_ORDER.get(c.relation, 9), c.line))
    if not cites:
        body = tag("p", ctx.t("cites.none"), class_="vb-muted")
    else:
        body = tag("ul", join(
            tag("li", _relation_badge(ctx, c.relation), " ", _cite_text(ctx, doc, c),
                class_="vb-cite" + (" vb-cite--in-portal" if ctx.cat.target_of(doc, c)
                                    else ""))
            for c in cites), class_="vb-cites")
    return Section(CITES_ID, ctx.t("cites.title"), body, "vb-citations")


def _relation_badge(ctx: Ctx, relation: str) -> Markup:
    key = relation if relation in _RELATION_ORDER else "dan_chieu"
    return tag("span", ctx.t(f"relation.{key}"), class_=f"vb-badge vb-badge--{key}")


CITED_BY_TITLE = 140    # characters of a citer's title (vanban.site.split.CITED_BY_ROW)


def cited_by(ctx: Ctx, doc: DocPage) -> Section:
    """The documents of the portal that cite this one (the newest CITED_BY_ON_PAGE; a
    directive cited by hundreds of plans would otherwise weigh hundreds of KB)."""
    sources = ctx.cat.cited_by.get(doc.slug, [])
    if not sources:
        body = tag("p", ctx.t("cited_by.none"), class_="vb-muted")
    else:
        body = tag("ul", join(
            tag("li", _relation_badge(ctx, cite.relation), " ", ctx.doc_link(src), " ",
                ctx.date(src.date), " ",
                tag("span", join(["— ", ctx.text(shorten(src.title, CITED_BY_TITLE))]),
                    class_="vb-cite__summary", lang=ctx.vi))
            for src, cite in sources[:CITED_BY_ON_PAGE]), class_="vb-cites")
        more = len(sources) - CITED_BY_ON_PAGE
        if more > 0:
            body = join([body, tag("p", ctx.t("cited_by.more", n=more), class_="vb-muted")])
    return Section(CITED_BY_ID, ctx.t("cited_by.title"), body, "vb-cited-by")


CHAIN_TITLE = 100    # characters of a title or summary in the chain of implementation


def implementation_chain(ctx: Ctx, doc: DocPage) -> Section:
    """Where the document stands in the chain of implementation (vanban.site.chain): what it
    implements above it, then the document, then what implements it below it, each as a
    nested list (no script needed); documents not in the portal are named without a link."""
    tree = chain(ctx.cat, doc)
    if not tree.up and not tree.down:
        return Section(CHAIN_ID, ctx.t("chain.title"),
                       tag("p", ctx.t("chain.none"), class_="vb-muted"), "vb-chain")
    parts = [tag("p", ctx.t("chain.intro"), class_="vb-muted")]
    if tree.up:
        parts.append(tag("p", "↑ ", ctx.t("chain.up"), class_="vb-chain__label",
                         id=f"{CHAIN_ID}-len"))
        parts.append(_chain_list(ctx, doc, tree.up, tree.up_more, up=True, top=True,
                                 aria_labelledby=f"{CHAIN_ID}-len"))
    parts.append(tag("p", tag("span", ctx.t("chain.here"), class_="vb-badge"), " ",
                     tag("strong", ctx.doc_label(doc)), class_="vb-chain__here"))
    if tree.down:
        parts.append(tag("p", "↓ ", ctx.t("chain.down"), class_="vb-chain__label",
                         id=f"{CHAIN_ID}-xuong"))
        parts.append(_chain_list(ctx, doc, tree.down, tree.down_more, up=False, top=True,
                                 aria_labelledby=f"{CHAIN_ID}-xuong"))
    else:
        parts.append(tag("p", ctx.t("chain.down_none"), class_="vb-muted"))
    return Section(CHAIN_ID, ctx.t("chain.title"), join(parts), "vb-chain")


def _chain_list(ctx: Ctx, doc: DocPage, nodes: list[Node], more: int, *, up: bool,
                top: bool = False, **attrs: str) -> Markup:
    items = [_chain_item(ctx, doc, n, up) for n in nodes]
    if more and top and not up:     # the newest citers are listed under "cited by"
        items.append(tag("li", tag("a", ctx.t("chain.more_cited_by", n=more),
                                   href=f"#{CITED_BY_ID}"), class_="vb-muted"))
    elif more:
        items.append(tag("li", ctx.t("chain.more", n=more), class_="vb-muted"))
    return tag("ul", join(items), class_="vb-cites vb-chain__list", **attrs)


def _chain_label(ctx: Ctx, n: Node) -> str:
    if n.doc is not None:
        return ctx.doc_label(n.doc)
    kind = type_name(n.cite.type_code, n.cite.type_name, ctx.lang)
    return ctx.t("doc.label_number", type=kind, number=n.cite.number)


def _chain_item(ctx: Ctx, doc: DocPage, n: Node, up: bool) -> Markup:
    """One document of the tree, with the documents of the next level nested under it."""
    if up:      # as the document below cites it: linked when in the portal
        what = _cite_text(ctx, n.source, n.cite, CHAIN_TITLE)
    else:
        assert n.doc is not None
        what = join([ctx.doc_link(n.doc), " ", ctx.date(n.doc.date), " ",
                     tag("span", join(["— ", ctx.text(shorten(n.doc.title, CHAIN_TITLE))]),
                         class_="vb-cite__summary", lang=ctx.vi)])
    parts: list[Markup] = [_relation_badge(ctx, n.relation), Markup(" "), what]
    if n.doc is None:
        parts.append(join([" ", tag("small", f"({ctx.t('chain.outside')})",
                                    class_="vb-chain__outside")]))
    if n.repeated:
        note = ctx.t("chain.self") if n.key == doc.slug else ctx.t("chain.repeated")
        parts.append(join([" ", tag("small", f"({note})", class_="vb-muted")]))
    if n.siblings:
        others = join((ctx.doc_link(s) for s in n.siblings), ", ")
        if n.siblings_more:
            others = join([others, " ", ctx.t("chain.siblings_more", n=n.siblings_more)])
        parts.append(tag("p", ctx.t("chain.siblings"), " ", others,
                         class_="vb-chain__siblings vb-muted"))
    if n.children or n.more:
        key = "chain.up_of" if up else "chain.down_of"
        parts.append(_chain_list(ctx, doc, n.children, n.more, up=up,
                                 aria_label=ctx.t(key, label=_chain_label(ctx, n))))
    return tag("li", join(parts), class_="vb-cite vb-cite--in-portal" if n.doc is not None
               else "vb-cite")


# ---- lists of documents ---------------------------------------------------------------------

def document_table(ctx: Ctx, docs: Iterable[DocPage], *, issuer: bool = True) -> Markup:
    cols = [ctx.t("col.document"), ctx.t("col.date"), ctx.t("col.title")]
    if issuer:
        cols.append(ctx.t("col.issuer"))

    def row(d: DocPage) -> list[Markup]:
        cells = [ctx.doc_link(d), ctx.date(d.date) or Markup("—"),
                 tag("span", ctx.text(d.title), lang=ctx.vi)]
        return [*cells, ctx.issuer(d)] if issuer else cells

    return _table(ctx, "vb-doc-table", cols, (row(d) for d in docs))


def _type_groups(cat: Catalog) -> list[tuple[str, list[DocPage]]]:
    groups = cat.by_type()
    order = {k: i for i, k in enumerate(TYPE_ORDER)}
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _facet_list(items: Iterable[tuple[Markup, int, str]]) -> Markup:
    return tag("ul", join(tag("li", link, " ", tag("span", label, class_="vb-count"))
                          for link, _n, label in items), class_="vb-facets")


def document_index(ctx: Ctx) -> list[Section]:
    cat = ctx.cat
    if not cat.documents:
        return [Section("tat-ca", ctx.t("index.all"), tag("p", ctx.t("index.empty")))]
    by_type = _facet_list(
        (tag("a", type_name(docs[0].type_code, docs[0].type_name, ctx.lang),
             href=ctx.href("type", key or "khac")), len(docs), count_label(len(docs), ctx.lang))
        for key, docs in _type_groups(cat))
    years = sorted(cat.by_year().items(), key=lambda kv: kv[0], reverse=True)
    by_year = _facet_list(
        (tag("a", year or ctx.t("index.undated"), href=ctx.href("year", year or "khac")),
         len(docs), count_label(len(docs), ctx.lang)) for year, docs in years)
    issuers: dict[str, tuple[Agency, int]] = {}
    unmatched: list[DocPage] = []
    for d in cat.documents:
        agency = cat.issuer_of(d)
        if agency is None:
            unmatched.append(d)
        else:
            issuers[agency.id] = (agency, issuers.get(agency.id, (agency, 0))[1] + 1)
    issuer_items = sorted(issuers.values(), key=lambda an: fold(ctx.agency_name(an[0])))
    by_issuer = _facet_list(
        (ctx.agency_link(a, ISSUED_ID), n, count_label(n, ctx.lang)) for a, n in issuer_items)
    if unmatched:
        by_issuer += tag("ul", join(tag("li", tag("span", d.issuer or ctx.t("doc.unknown"),
                                                  lang=ctx.vi), ": ", ctx.doc_link(d))
                                    for d in unmatched), class_="vb-facets")
    latest = cat.documents[:LATEST_ON_INDEX]
    listing = document_table(ctx, latest)
    if len(cat.documents) > len(latest):
        listing += tag("p", ctx.t("index.more", count=len(cat.documents) - len(latest)),
                       class_="vb-muted")
    return [
        Section(slugify("theo loai"), ctx.t("index.by_type"), by_type),
        Section(slugify("theo nam"), ctx.t("index.by_year"), by_year),
        Section(slugify("theo co quan"), ctx.t("index.by_issuer"), by_issuer),
        Section(slugify("moi nhat"), ctx.t("index.latest") if len(cat.documents) > len(latest)
                else ctx.t("index.all"), listing),
    ]


def type_page(ctx: Ctx, key: str, n: int = 1) -> list[Section]:
    """Page `n` of the documents of one type (newest first)."""
    return _document_listing(ctx, "type", key, ctx.cat.by_type().get(key, []), n)


def year_page(ctx: Ctx, year: str, n: int = 1) -> list[Section]:
    """Page `n` of the documents of one year (newest first)."""
    return _document_listing(ctx, "year", year, ctx.cat.by_year().get(year, []), n)


def _document_listing(ctx: Ctx, kind: str, key: str, docs: list[DocPage], n: int
                      ) -> list[Section]:
    total = page_count(len(docs), DOCS_PER_PAGE)
    chunk = docs[(n - 1) * DOCS_PER_PAGE: n * DOCS_PER_PAGE]
    title = count_label(len(docs), ctx.lang)
    if total > 1:
        title += f" — {ctx.t('pager.position', n=n, total=total)}"
    pager = listing_pager(ctx, kind, key or "khac", n, total)
    return [Section(slugify("danh sach"), title, document_table(ctx, chunk) + pager)]


def type_page_count(cat: Catalog, key: str) -> int:
    return page_count(len(cat.by_type().get(key, [])), DOCS_PER_PAGE)


def year_page_count(cat: Catalog, year: str) -> int:
    return page_count(len(cat.by_year().get(year, [])), DOCS_PER_PAGE)


def type_title(cat: Catalog, key: str, lang: str) -> str:
    docs = cat.by_type().get(key) or []
    if docs:
        return type_name(docs[0].type_code, docs[0].type_name, lang)
    return t("index.other_type", lang)


# ---- agencies ----------------------------------------------------------------------------------

def agency_index(ctx: Ctx) -> list[Section]:
    cat = ctx.cat
    groups: dict[str, list[Agency]] = {}
    for a in cat.registry:
        groups.setdefault(a.place or "", []).append(a)
    sections = []
    for place in sorted(groups, key=lambda p: (p != "", fold(p))):
        agencies = sorted(groups[place], key=lambda a: fold(ctx.agency_name(a)))
        cols = [ctx.t("resp.agency"), ctx.t("agencies.tasks"), ctx.t("agencies.issued")]
        rows = ([ctx.agency_link(a), Markup(str(len(cat.by_agency.get(a.id, [])))),
                 Markup(str(len(cat.issued_by.get(a.id, []))))] for a in agencies)
        title = place or ctx.t("agencies.national")
        sections.append(Section(slugify(place or "trung uong"), title,
                                _table(ctx, "vb-agency-table", cols, rows)))
    return sections


def agency_intro(ctx: Ctx, agency: Agency) -> Markup:
    reg = ctx.cat.registry
    rows: list[tuple[str, Markup]] = []
    if ctx.lang == "en":
        rows.append(("agency.name_vi", tag("span", agency.name, lang="vi")))
    else:
        rows.append(("agency.name_en", tag("span", agency.name_en, lang="en")))
    if agency.abbr:
        rows.append(("agency.abbr", join((tag("span", x, lang=ctx.vi) for x in agency.abbr),
                                         ", ")))
    if agency.place:
        rows.append(("agency.place", tag("span", agency.place)))
    parent = reg.get(agency.parent) if agency.parent else None
    if parent is not None:
        rows.append(("agency.parent", ctx.agency_link(parent)))
    children = sorted(reg.children(agency.id), key=lambda a: fold(ctx.agency_name(a)))
    if children:
        rows.append(("agency.children", tag("ul", join(tag("li", ctx.agency_link(c))
                                                       for c in children),
                                            class_="vb-inline-list")))
    return tag("dl", join(tag("div", tag("dt", ctx.t(k)), tag("dd", v)) for k, v in rows),
               class_="vb-card vb-card__list vb-agency-card")


def agency_task_pages(cat: Catalog, agency_id: str) -> list[list[list[Assigned]]]:
    """The agency's tasks as pages of document groups, newest document first: a page takes
    whole documents up to TASKS_PER_PAGE rows; a document with more rows than that is cut
    into groups of TASKS_PER_PAGE (its heading repeated)."""
    by_doc: dict[str, list[Assigned]] = {}
    for a in cat.by_agency.get(agency_id, []):
        by_doc.setdefault(a.doc.slug, []).append(a)
    pages: list[list[list[Assigned]]] = [[]]
    rows = 0
    for items in by_doc.values():       # documents newest first (catalog order)
        for start in range(0, len(items), TASKS_PER_PAGE):
            group = items[start:start + TASKS_PER_PAGE]
            if rows and rows + len(group) > TASKS_PER_PAGE:
                pages.append([])
                rows = 0
            pages[-1].append(group)
            rows += len(group)
    return pages


def agency_page(ctx: Ctx, agency: Agency, n: int = 1) -> list[Section]:
    """Page `n` of an agency: its tasks (page 1 also: the documents it issued)."""
    cat = ctx.cat
    pages = agency_task_pages(cat, agency.id)
    groups = pages[n - 1] if n <= len(pages) else []
    parts: list[Markup] = []
    subsections: list[tuple[str, str]] = []
    cols = [ctx.t("resp.task"), ctx.t("resp.role"), ctx.t("resp.deadline")]
    firsts: dict[str, Assigned] = {}           # the first task of each document (its anchor)
    for a in cat.by_agency.get(agency.id, []):
        firsts.setdefault(a.doc.slug, a)
    for items in groups:
        doc = items[0].doc
        label = ctx.doc_label(doc)
        first = firsts.setdefault(doc.slug, items[0]) is items[0]
        anchor = f"{TASKS_ID}-{slugify(doc.slug)}"
        if first:
            subsections.append((anchor, label))
        when = join([" ", ctx.date(doc.date)]) if doc.number else Markup("")
        parts.append(tag("h3", ctx.doc_link(doc), when,
                         _permalink(anchor, ctx.lang) if first else None,
                         id=anchor if first else None))
        parts.append(tag("p", ctx.text(doc.title), class_="vb-doc-title", lang=ctx.vi))
        parts.append(_table(ctx, "vb-resp-table vb-resp-table--agency", cols,
                            (_task_row(ctx, a, local=False)[1:] for a in items)))
    total = len(cat.by_agency.get(agency.id, []))
    tasks_body = join(parts) if parts else tag("p", ctx.t("agency.tasks_none"),
                                               class_="vb-muted")
    tasks_body += listing_pager(ctx, "agency", agency.id, n, len(pages))
    title = f"{ctx.t('agency.tasks')} ({total})"
    if len(pages) > 1:
        title += f" — {ctx.t('pager.position', n=n, total=len(pages))}"
    tasks = Section(TASKS_ID, title, tasks_body, "vb-resp", subsections=subsections)
    if n > 1:
        return [tasks]
    issued = cat.issued_by.get(agency.id, [])
    issued_body = document_table(ctx, issued[:ISSUED_ON_AGENCY], issuer=False) if issued \
        else tag("p", ctx.t("agency.issued_none"), class_="vb-muted")
    if len(issued) > ISSUED_ON_AGENCY:
        issued_body += tag("p", tag("a", ctx.t("agency.issued_more",
                                               n=len(issued) - ISSUED_ON_AGENCY),
                                    href=ctx.href("documents")), class_="vb-muted")
    return [tasks, Section(ISSUED_ID, f"{ctx.t('agency.issued')} ({len(issued)})", issued_body)]


def agency_page_intro(ctx: Ctx, agency: Agency, n: int) -> Markup:
    """What a later page (n ≥ 2) of an agency's tasks shows above them."""
    total = len(agency_task_pages(ctx.cat, agency.id))
    return tag("p", ctx.t("agency.tasks_of", n=n, total=total), " ", ctx.agency_link(agency),
               class_="vb-intro")


# ---- long lists on pages of their own ----------------------------------------------------------

def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def listing_href(ctx: Ctx, kind: str, key: str, n: int, anchor: str = "") -> str:
    """Link to page `n` of the listing `kind` ("type", "year", "agency") of `key`."""
    if n <= 1:
        return ctx.href(kind, key, anchor)
    return ctx.href(f"{kind}_page", page_key(key, n), anchor)


PAGER_AROUND = 3      # a pager links this many pages either side of the current one


def pager_numbers(n: int, total: int, around: int = PAGER_AROUND) -> list[int | None]:
    """The page numbers a pager links: the first, the last and those around `n`; None where
    numbers are left out (a list of 700 pages links 9 of them, not 700).

    >>> pager_numbers(1, 3)
    [1, 2, 3]
    >>> pager_numbers(50, 700)
    [1, None, 47, 48, 49, 50, 51, 52, 53, None, 700]
    >>> pager_numbers(3, 9, 2)
    [1, 2, 3, 4, 5, None, 9]
    """
    shown = sorted({1, total} | set(range(max(1, n - around), min(total, n + around) + 1)))
    out: list[int | None] = []
    for i in shown:
        if out and i - (out[-1] or 0) > 1:
            out.append(None)
        out.append(i)
    return out


def pager_links(n: int, total: int, href: Callable[[int], str]) -> Markup:
    """The numbered links of a pager (vanban.site.due's too)."""
    return join((tag("a", str(i), href=href(i), aria_current="page" if i == n else None)
                 if i is not None else tag("span", "…", class_="vb-pager__gap")
                 for i in pager_numbers(n, total)), " ")


def listing_pager(ctx: Ctx, kind: str, key: str, n: int, total: int) -> Markup:
    """Previous / numbered / next links between the pages of a long listing."""
    if total <= 1:
        return Markup("")
    links: list[Markup] = []
    if n > 1:
        links.append(tag("a", ctx.t("pager.prev"), href=listing_href(ctx, kind, key, n - 1),
                         rel="prev", class_="vb-pager__prev"))
    numbers = pager_links(n, total, lambda i: listing_href(ctx, kind, key, i))
    links.append(tag("span", numbers, class_="vb-pager__pages"))
    if n < total:
        links.append(tag("a", ctx.t("pager.next"), href=listing_href(ctx, kind, key, n + 1),
                         rel="next", class_="vb-pager__next"))
    return tag("nav", join(links, " "), class_="vb-pager vb-pager--listing",
               aria_label=ctx.t("pager.label"))


# ---- glossary and home ------------------------------------------------------------------------

def glossary(ctx: Ctx) -> list[Section]:
    terms = sorted(ctx.cat.glossary, key=lambda term: (fold(term.abbr), term.abbr))
    cols = [ctx.t("glossary.abbr"), ctx.t("glossary.vi"), ctx.t("glossary.en"),
            ctx.t("glossary.note")]
    rows = ([tag("strong", term.abbr, id=slugify(term.abbr) or None),
             tag("span", term.vi, lang="vi"), tag("span", term.en, lang="en"),
             tag("span", term.note) if term.note else Markup("")] for term in terms)
    return [Section(slugify("tu viet tat"), ctx.t("glossary.title"),
                    _table(ctx, "vb-glossary-table", cols, rows))]


def home(ctx: Ctx) -> Markup:
    """Numbers, latest documents and entry points, under the hand-written home text."""
    cat = ctx.cat
    tasks = sum(len(v) for v in cat.assigned.values())
    links = sum(len(v) for v in cat.cited_by.values())
    stats = tag("ul", join(
        tag("li", tag("a", tag("strong", str(n)), " ", ctx.t(key), href=href))
        for n, key, href in (
            (len(cat.documents), "home.documents", ctx.href("documents")),
            (len(cat.registry), "home.agencies", ctx.href("agencies")),
            (tasks, "home.tasks", ctx.href("agencies")),
            (links, "home.citations", ctx.href("documents")))),
        class_="vb-stats")
    latest = document_table(ctx, cat.documents[:LATEST_ON_HOME])
    types = _facet_list(
        (tag("a", type_name(docs[0].type_code, docs[0].type_name, ctx.lang),
             href=ctx.href("type", key or "khac")), len(docs), count_label(len(docs), ctx.lang))
        for key, docs in _type_groups(cat))
    return sections_html([
        Section(slugify("so lieu"), ctx.t("home.stats"), stats, "vb-home-stats"),
        Section(slugify("moi cap nhat"), ctx.t("home.latest"), latest),
        Section(slugify("tra cuu"), ctx.t("home.browse"), types),
    ], ctx.lang)
