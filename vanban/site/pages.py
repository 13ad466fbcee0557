"""The generated pages: which exist for a catalog, where they live, and their content.

A generated page's Markdown is only front matter (`title`, `vanban_page`, `vanban_key`); its
HTML is rendered by `render()` from the catalog when MkDocs reaches the page, and its table of
contents comes from the same sections. The exception is a part (2, 3, …) of a very long
document (vanban.site.split): its Markdown is that part of the document's body, rendered by
MkDocs like the document page itself. Parts exist in the default language only: the page of a
document in another language is its card, without the (Vietnamese) text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from . import progress
from .catalog import Catalog, Document
from .html import Abbreviations, Markup, tag
from .labels import DEFAULT_LANG, t
from .urls import page_key, part_key, split_page_key, src_uri, url
from .views import (
    Ctx,
    Section,
    agency_index,
    agency_intro,
    agency_page,
    agency_page_intro,
    agency_task_pages,
    document_index,
    glossary,
    type_page,
    type_page_count,
    type_title,
    year_page,
    year_page_count,
)

# kinds whose Markdown is (part of) a document's body, rendered by MkDocs
DOCUMENT_KINDS = ("part",)
# kinds built in the default language only (the text of a document is Vietnamese)
TEXT_KINDS = ("part",)

# kinds reachable from the site navigation (the others are listed by those pages)
IN_NAV = {"documents", "agencies", "glossary", "progress_index"}
PROGRESS_FACETS = ("progress_year", "progress_agency", "progress_status")
LISTING_PAGES = ("type_page", "year_page", "agency_page", "progress_year_page",
                 "progress_agency_page", "progress_status_page")   # pages 2, 3, … of lists


@dataclass(frozen=True)
class GeneratedPage:
    kind: str        # documents | type | year | agencies | agency | glossary | part
    #                  | progress_index | progress | progress_year | progress_agency
    #                  | progress_status
    key: str = ""    # type key, year, agency id, document slug, "<slug>/<n>" (part),
    #                  deadline key or status key

    @property
    def src_uri(self) -> str:
        return src_uri(self.kind, self.key)

    @property
    def in_nav(self) -> bool:
        return self.kind in IN_NAV

    def url(self, lang: str) -> str:
        return url(self.kind, self.key, lang)

    def built_in(self, lang: str) -> bool:
        """Whether the page exists in `lang` (a document's parts: in Vietnamese only)."""
        return lang == DEFAULT_LANG or self.kind not in TEXT_KINDS

    def stand_in(self) -> GeneratedPage:
        """The page that stands for this one in a language it is not built in (the language
        switcher of part 3 leads to the English document page)."""
        if self.kind == "part":
            return GeneratedPage("document", self.key.rpartition("/")[0])
        return self

    def part(self, cat: Catalog) -> tuple[Document, int] | None:
        """(document, part number) of a part page."""
        slug, _, number = self.key.rpartition("/")
        doc = cat.document(slug) if self.kind == "part" else None
        if doc is None or doc.parts is None or not number.isdigit() \
                or not 1 < int(number) <= doc.parts.count:
            return None
        return doc, int(number)

    def title(self, cat: Catalog, lang: str) -> str:
        if self.kind in LISTING_PAGES:          # page n ≥ 2 of a long listing
            base, n = split_page_key(self.key)
            first = GeneratedPage(self.kind.removesuffix("_page"), base).title(cat, lang)
            return t("pager.page_title", lang, title=first, n=n)
        if self.kind == "part":
            found = self.part(cat)
            if found is None:
                return self.key
            doc, n = found
            label = Ctx(cat, lang, "", cat.abbreviations(lang)).doc_label(doc)
            return t("parts.page_title", lang, n=n, label=label)
        if self.kind == "documents":
            return t("index.title", lang)
        if self.kind == "type":
            return type_title(cat, self.key, lang)
        if self.kind == "year":
            return t("year_page.title", lang, year=self.key or t("index.undated", lang))
        if self.kind == "agencies":
            return t("agencies.title", lang)
        if self.kind == "agency":
            agency = cat.registry.get(self.key)
            if agency is None:
                return self.key
            return agency.name_en if lang == "en" else agency.name
        if self.kind.startswith("progress"):
            return _progress_title(self, cat, lang)
        return t("glossary.title", lang)

    def markdown(self, cat: Catalog, lang: str) -> str:
        meta = {"title": self.title(cat, lang), "vanban_page": self.kind,
                "vanban_key": self.key}
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
        found = self.part(cat)
        if found is not None:
            doc, n = found
            assert doc.parts is not None
            return front + doc.parts.pages[n - 1].markdown
        return front


def generated_pages(cat: Catalog, lang: str | None = None) -> list[GeneratedPage]:
    """Every generated page in `lang` (None: in any language)."""
    pages = [GeneratedPage("documents"), GeneratedPage("agencies"), GeneratedPage("glossary")]
    pages += [GeneratedPage("type", key or "khac") for key in sorted(cat.by_type())]
    pages += [GeneratedPage("type_page", page_key(key or "khac", n))
              for key in sorted(cat.by_type()) for n in range(2, type_page_count(cat, key) + 1)]
    pages += [GeneratedPage("year", year or "khac") for year in sorted(cat.by_year())]
    pages += [GeneratedPage("year_page", page_key(year or "khac", n))
              for year in sorted(cat.by_year()) for n in range(2, year_page_count(cat, year) + 1)]
    pages += [GeneratedPage("agency", a.id) for a in cat.registry]
    pages += [GeneratedPage("agency_page", page_key(a.id, n)) for a in cat.registry
              for n in range(2, len(agency_task_pages(cat, a.id)) + 1)]
    pages += [GeneratedPage("part", part_key(d.slug, n)) for d in cat.documents if d.parts
              for n in range(2, d.parts.count + 1)]
    pages.append(GeneratedPage("progress_index"))
    pages += [GeneratedPage("progress", slug) for slug in sorted(cat.progress.files)
              if cat.document(slug) is not None]
    targets = cat.progress.targets()
    for kind, keys in progress.facet_keys(targets).items():
        pages += [GeneratedPage(kind, key) for key in keys]
        pages += [GeneratedPage(f"{kind}_page", page_key(key, n)) for key in keys
                  for n in range(2, progress.facet_page_count(targets, kind, key) + 1)]
    return pages if lang is None else [p for p in pages if p.built_in(lang)]


def _progress_title(page: GeneratedPage, cat: Catalog, lang: str) -> str:
    if page.kind == "progress_index":
        return t("progress.title", lang)
    ctx = Ctx(cat, lang, "", Abbreviations({}))
    if page.kind == "progress":
        doc = cat.document(page.key)
        return t("progress.doc_title", lang, doc=ctx.doc_label(doc) if doc else page.key)
    return progress.facet_title(ctx, page.kind, page.key)


def from_meta(meta: Mapping[str, Any]) -> GeneratedPage | None:
    kind, key = meta.get("vanban_page"), meta.get("vanban_key")
    if not isinstance(kind, str) or not isinstance(key, str):
        return None
    return GeneratedPage(kind, key)


def intro(page: GeneratedPage, ctx: Ctx) -> Markup:
    if page.kind == "documents":
        return tag("p", ctx.t("index.intro"), class_="vb-intro")
    if page.kind == "agencies":
        return tag("p", ctx.t("agencies.intro"), class_="vb-intro")
    if page.kind == "glossary":
        return tag("p", ctx.t("glossary.intro"), class_="vb-intro")
    if page.kind == "agency":
        agency = ctx.cat.registry.get(page.key)
        return agency_intro(ctx, agency) if agency is not None else Markup("")
    if page.kind == "progress_index":
        return progress.dashboard_intro(ctx)
    if page.kind == "progress":
        return progress.document_intro(ctx, page.key)
    if page.kind in PROGRESS_FACETS or page.kind.removesuffix("_page") in PROGRESS_FACETS:
        return progress.facet_intro(ctx)
    if page.kind == "agency_page":
        base, n = split_page_key(page.key)
        agency = ctx.cat.registry.get(base)
        return agency_page_intro(ctx, agency, n) if agency is not None else Markup("")
    return Markup("")


def sections(page: GeneratedPage, ctx: Ctx) -> list[Section]:
    cat = ctx.cat
    if page.kind == "documents":
        return document_index(ctx)
    if page.kind == "type":
        return type_page(ctx, "" if page.key == "khac" else page.key)
    if page.kind == "year":
        return year_page(ctx, "" if page.key == "khac" else page.key)
    if page.kind in ("type_page", "year_page"):
        base, n = split_page_key(page.key)
        listing = type_page if page.kind == "type_page" else year_page
        return listing(ctx, "" if base == "khac" else base, n)
    if page.kind == "agency_page":
        base, n = split_page_key(page.key)
        found = cat.registry.get(base)
        return agency_page(ctx, found, n) if found is not None else []
    if page.kind == "agencies":
        return agency_index(ctx)
    if page.kind == "agency":
        agency = cat.registry.get(page.key)
        if agency is None:
            return []
        extra = progress.agency_targets(ctx, agency)
        return agency_page(ctx, agency) + ([extra] if extra is not None else [])
    if page.kind == "progress_index":
        return progress.dashboard(ctx)
    if page.kind == "progress":
        parts = progress.document_progress(ctx, page.key)
        parts[0].subsections = progress.toc_targets(ctx, page.key)
        return parts
    if page.kind in PROGRESS_FACETS:
        return progress.facet_page(ctx, page.kind, page.key)
    if page.kind.removesuffix("_page") in PROGRESS_FACETS:
        base, n = split_page_key(page.key)
        return progress.facet_page(ctx, page.kind.removesuffix("_page"), base, n)
    return glossary(ctx)


def render(page: GeneratedPage, cat: Catalog, lang: str, here: str,
           abbrs: Abbreviations) -> tuple[Markup, list[Section]]:
    """(HTML, sections for the table of contents) of one generated page."""
    ctx = Ctx(cat, lang, here, abbrs)
    parts = sections(page, ctx)
    html = intro(page, ctx) + Markup("").join(s.html(lang) for s in parts)
    return html, parts
