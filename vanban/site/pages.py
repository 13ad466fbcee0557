"""The generated pages: which exist for a catalog, where they live, and their content, all
read from the registry of page kinds (vanban.site.kinds).

A generated page's Markdown is only front matter (`title`, `vanban_page`, `vanban_key`); its
HTML is rendered by `render()` from the catalog when MkDocs reaches the page, and its table of
contents comes from the same sections. The exception is a kind holding a document's text
(`Kind.text`: a part 2, 3, … of a very long document, vanban.site.split): its Markdown is that
part of the document's body, rendered by MkDocs like the document page itself, and it exists in
the default language only: the page of a document in another language is its card, without
the (Vietnamese) text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .catalog import Catalog, DocPage
from .html import Abbreviations, Markup
from .kinds import KINDS, Kind, generated
from .labels import DEFAULT_LANG, t
from .urls import split_page_key, src_uri, url
from .views import Ctx, Section


@dataclass(frozen=True)
class GeneratedPage:
    kind: str        # a name in vanban.site.kinds.KINDS
    key: str = ""    # type key, year, agency id, document slug, "<slug>/<n>" (part),
    #                  "<key>/trang/<n>" (page n of a list), facet key

    @property
    def spec(self) -> Kind:
        return KINDS[self.kind]

    @property
    def src_uri(self) -> str:
        return src_uri(self.kind, self.key)

    @property
    def in_nav(self) -> bool:
        return self.spec.in_nav

    @property
    def text(self) -> bool:
        """Whether the page is (part of) a document's text, rendered by MkDocs."""
        return self.spec.text

    def url(self, lang: str) -> str:
        return url(self.kind, self.key, lang)

    def built_in(self, lang: str) -> bool:
        """Whether the page exists in `lang` (a document's parts: in Vietnamese only)."""
        return lang == DEFAULT_LANG or not self.spec.text

    def stand_in(self) -> GeneratedPage:
        """The page that stands for this one in a language it is not built in (the language
        switcher of part 3 leads to the English document page)."""
        spec = self.spec
        if spec.stands_in is not None:
            return GeneratedPage(spec.stands_in, spec.subject(self.key))
        return self

    def part(self, cat: Catalog) -> tuple[DocPage, int] | None:
        """(document, part number) of a part page."""
        slug, _, number = self.key.rpartition("/")
        doc = cat.document(slug) if self.kind == "part" else None
        if doc is None or doc.parts is None or not number.isdigit() \
                or not 1 < int(number) <= doc.parts.count:
            return None
        return doc, int(number)

    def title(self, cat: Catalog, lang: str) -> str:
        spec = self.spec
        if spec.page_of is not None:            # page n ≥ 2 of a long listing
            base, n = split_page_key(self.key)
            first = GeneratedPage(spec.page_of, base).title(cat, lang)
            return t("pager.page_title", lang, title=first, n=n)
        assert spec.title is not None, f"page kind {self.kind} has no title"
        return spec.title(cat, self.key, lang)

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
    """Every page generated from the catalog in `lang` (None: in any language), in the
    registry's order."""
    pages = [GeneratedPage(kind.name, key) for kind in generated()
             for key in (kind.keys(cat) if kind.keys is not None else ())]
    return pages if lang is None else [p for p in pages if p.built_in(lang)]


def from_meta(meta: Mapping[str, Any]) -> GeneratedPage | None:
    kind, key = meta.get("vanban_page"), meta.get("vanban_key")
    if not isinstance(kind, str) or not isinstance(key, str) or kind not in KINDS:
        return None
    return GeneratedPage(kind, key)


def render(page: GeneratedPage, cat: Catalog, lang: str, here: str,
           abbrs: Abbreviations) -> tuple[Markup, list[Section]]:
    """(HTML, sections for the table of contents) of one generated page."""
    ctx = Ctx(cat, lang, here, abbrs)
    spec = page.spec
    parts = spec.sections(ctx, page.key) if spec.sections is not None else []
    intro = spec.intro(ctx, page.key) if spec.intro is not None else Markup("")
    html = intro + Markup("").join(s.html(lang) for s in parts)
    return html, parts
