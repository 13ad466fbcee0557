"""The generated pages: which exist for a catalog, where they live, and their content.

A generated page's Markdown is only front matter (`title`, `vanban_page`, `vanban_key`); its
HTML is rendered by `render()` from the catalog when MkDocs reaches the page, and its table of
contents comes from the same sections. The exception is a part (2, 3, …) of a long document
(vanban.site.split): its Markdown is that part of the document's body, rendered by MkDocs like
the document page itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .catalog import Catalog, Document
from .html import Abbreviations, Markup, tag
from .labels import t
from .urls import part_key, src_uri, url
from .views import (
    Ctx,
    Section,
    agency_index,
    agency_intro,
    agency_page,
    document_index,
    glossary,
    type_page,
    type_title,
    year_page,
)

# kinds reachable from the site navigation (the others are listed by those pages)
IN_NAV = {"documents", "agencies", "glossary"}


@dataclass(frozen=True)
class GeneratedPage:
    kind: str        # documents | type | year | agencies | agency | glossary | part
    key: str = ""    # type key, year, agency id, or "<slug>/<n>" (part)

    @property
    def src_uri(self) -> str:
        return src_uri(self.kind, self.key)

    @property
    def in_nav(self) -> bool:
        return self.kind in IN_NAV

    def url(self, lang: str) -> str:
        return url(self.kind, self.key, lang)

    def part(self, cat: Catalog) -> tuple[Document, int] | None:
        """(document, part number) of a part page."""
        slug, _, number = self.key.rpartition("/")
        doc = cat.document(slug) if self.kind == "part" else None
        if doc is None or doc.parts is None or not number.isdigit() \
                or not 1 < int(number) <= doc.parts.count:
            return None
        return doc, int(number)

    def title(self, cat: Catalog, lang: str) -> str:
        if self.kind == "part":
            found = self.part(cat)
            if found is None:
                return self.key
            doc, n = found
            return t("parts.page_title", lang, n=n,
                     label=Ctx(cat, lang, "", cat.abbreviations(lang)).doc_label(doc))
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


def generated_pages(cat: Catalog) -> list[GeneratedPage]:
    """Every generated page (the same set in every language)."""
    pages = [GeneratedPage("documents"), GeneratedPage("agencies"), GeneratedPage("glossary")]
    pages += [GeneratedPage("type", key or "khac") for key in sorted(cat.by_type())]
    pages += [GeneratedPage("year", year or "khac") for year in sorted(cat.by_year())]
    pages += [GeneratedPage("agency", a.id) for a in cat.registry]
    pages += [GeneratedPage("part", part_key(d.slug, n)) for d in cat.documents if d.parts
              for n in range(2, d.parts.count + 1)]
    return pages


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
    return Markup("")


def sections(page: GeneratedPage, ctx: Ctx) -> list[Section]:
    cat = ctx.cat
    if page.kind == "documents":
        return document_index(ctx)
    if page.kind == "type":
        return type_page(ctx, "" if page.key == "khac" else page.key)
    if page.kind == "year":
        return year_page(ctx, "" if page.key == "khac" else page.key)
    if page.kind == "agencies":
        return agency_index(ctx)
    if page.kind == "agency":
        agency = cat.registry.get(page.key)
        return agency_page(ctx, agency) if agency is not None else []
    return glossary(ctx)


def render(page: GeneratedPage, cat: Catalog, lang: str, here: str,
           abbrs: Abbreviations) -> tuple[Markup, list[Section]]:
    """(HTML, sections for the table of contents) of one generated page."""
    ctx = Ctx(cat, lang, here, abbrs)
    parts = sections(page, ctx)
    html = intro(page, ctx) + Markup("").join(s.html(lang) for s in parts)
    return html, parts
