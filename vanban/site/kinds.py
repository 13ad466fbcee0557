"""The registry of page kinds: one entry (`Kind`) per kind of page the portal has, in `KINDS`.

An entry says where the pages of the kind live (source path and URL), which exist for a catalog
(`keys`), how a generated page is titled and rendered (`title`, `intro`, `sections`), what it
reads (`reads`: the inputs whose change can change the page, for `mkdocs serve --dirty` and the
build cache) and whether search indexes it (`search`). Everything that treats kinds differently
reads this table: vanban.site.urls (URLs), pages (which pages exist, their titles and HTML),
incremental (what an edit reaches), search (what is indexed), events (files MkDocs builds).
Adding a kind of page is one entry here (and its view functions).

The order of `KINDS` is the order in which generated pages are added to the build (and so to
the sitemap): keep it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from . import due, progress
from .catalog import Catalog
from .html import Abbreviations, Markup, tag
from .labels import t
from .urls import DOWNLOADS_DIR, page_key, part_key, split_page_key
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


class Input(Enum):
    """What a page can read. A document's inputs are per document (its slug); the others are
    one file or folder for the whole site."""

    BODY = "body"                  # a document's text (docs/van-ban/<slug>.md under the YAML)
    PLACEMENT = "placement"        # the part each paragraph of a document is on: a link to a
    #                                paragraph names its part (changes with the body only)
    FRONT_MATTER = "front_matter"  # a document's front matter (also: a document added, removed)
    TARGETS = "targets"            # data/targets/<slug>.yml
    AGENCIES = "agencies"          # data/agencies.yml
    GLOSSARY = "glossary"          # data/glossary.yml (also every page's abbreviations)
    NEWS = "news"                  # the news posts, docs/tin-tuc/*.md
    PAGE = "page"                  # the page's own hand-written file (MkDocs sees its change)


class Scope(Enum):
    """Whose input a page reads (site-wide inputs: ALL)."""

    ALL = "all"            # any document's
    OWN = "own"            # the page's own document (`Kind.subject` of its key)
    TASKING = "tasking"    # the documents that assign tasks to the page's agency


@dataclass(frozen=True)
class Dep:
    input: Input
    scope: Scope = Scope.ALL


class Search(Enum):
    BOTH = "both"      # the outline and the full-text bundles
    FULL = "full"      # the full text only (it repeats what the outline has elsewhere)
    NONE = "none"      # not indexed (lists: they repeat every title and would bury documents)


def _deps(*inputs: Input | Dep) -> frozenset[Dep]:
    return frozenset(i if isinstance(i, Dep) else Dep(i) for i in inputs)


BODY, PLACEMENT, FRONT, TARGETS, AGENCIES, GLOSSARY, NEWS, PAGE = (
    Input.BODY, Input.PLACEMENT, Input.FRONT_MATTER, Input.TARGETS, Input.AGENCIES,
    Input.GLOSSARY, Input.NEWS, Input.PAGE)
CATALOG = (FRONT, AGENCIES, GLOSSARY)      # what every page made from the catalog reads


def _same(key: str) -> str:
    return key


def _listed(key: str) -> tuple[str, int]:
    """(listing key, page number) of a list page's key; "khac" is the list of no type/year."""
    base, n = split_page_key(key)
    return ("" if base == "khac" else base), n


def _single(cat: Catalog) -> list[str]:
    return [""]


@dataclass(frozen=True)
class Kind:
    name: str
    source: str                  # source path in docs/; "{key}" is the page's key
    url: str                     # URL in the default language (other languages: under "<lang>/")
    reads: frozenset[Dep]        # the inputs whose change can change the page
    search: Search
    # the keys of the kind's pages in a catalog; None: not generated from the catalog (a file
    # written or imported, or the news pages of vanban.site.news)
    keys: Callable[[Catalog], Iterable[str]] | None = None
    title: Callable[[Catalog, str, str], str] | None = None     # (catalog, key, lang)
    intro: Callable[[Ctx, str], Markup] | None = None            # (ctx, key), above sections
    sections: Callable[[Ctx, str], list[Section]] | None = None
    page_of: str | None = None   # pages 2, 3, … of this kind's list (title: "… — page n")
    raw_key: bool = False        # the key is made of slugs and "/" (or a file name): kept as is
    in_nav: bool = False         # reachable from the site navigation
    text: bool = False           # (a part of) a document's Vietnamese text: Markdown rendered
    #                              by MkDocs, built in the default language only
    stands_in: str | None = None  # the kind of the page that stands for it in other languages
    subject: Callable[[str], str] = _same   # the key's document (Scope.OWN) or agency (TASKING)
    url_en: str | None = None    # the English URL when it is not `url` under "en/"

    @property
    def generated(self) -> bool:
        return self.keys is not None

    @property
    def html(self) -> bool:
        """Whether the kind's URLs are HTML pages (not files such as the feed)."""
        return self.url == "" or self.url.endswith("/")


# ---- titles and views of the generated pages ------------------------------------------------

def _ctx(cat: Catalog, lang: str, abbrs: Abbreviations | None = None) -> Ctx:
    return Ctx(cat, lang, "", abbrs if abbrs is not None else Abbreviations({}))


def _intro(label: str) -> Callable[[Ctx, str], Markup]:
    return lambda ctx, key: tag("p", ctx.t(label), class_="vb-intro")


def _part_title(cat: Catalog, key: str, lang: str) -> str:
    slug, _, number = key.rpartition("/")
    doc = cat.document(slug)
    if doc is None or doc.parts is None or not number.isdigit() \
            or not 1 < int(number) <= doc.parts.count:
        return key
    label = _ctx(cat, lang, cat.abbreviations(lang)).doc_label(doc)
    return t("parts.page_title", lang, n=int(number), label=label)


def _agency_title(cat: Catalog, key: str, lang: str) -> str:
    agency = cat.registry.get(key)
    if agency is None:
        return key
    return agency.name_en if lang == "en" else agency.name


def _agency_intro(ctx: Ctx, key: str) -> Markup:
    agency = ctx.cat.registry.get(key)
    return agency_intro(ctx, agency) if agency is not None else Markup("")


def _agency_sections(ctx: Ctx, key: str) -> list[Section]:
    agency = ctx.cat.registry.get(key)
    if agency is None:
        return []
    extra = progress.agency_targets(ctx, agency)
    return agency_page(ctx, agency) + ([extra] if extra is not None else []) \
        + [due.agency_section(ctx, agency)]


def _agency_page_intro(ctx: Ctx, key: str) -> Markup:
    base, n = split_page_key(key)
    agency = ctx.cat.registry.get(base)
    return agency_page_intro(ctx, agency, n) if agency is not None else Markup("")


def _agency_page_sections(ctx: Ctx, key: str) -> list[Section]:
    base, n = split_page_key(key)
    agency = ctx.cat.registry.get(base)
    return agency_page(ctx, agency, n) if agency is not None else []


def _progress_title(cat: Catalog, key: str, lang: str) -> str:
    doc = cat.document(key)
    return t("progress.doc_title", lang, doc=_ctx(cat, lang).doc_label(doc) if doc else key)


def _progress_sections(ctx: Ctx, key: str) -> list[Section]:
    parts = progress.document_progress(ctx, key)
    parts[0].subsections = progress.toc_targets(ctx, key)
    return parts


# ---- keys of the generated pages --------------------------------------------------------------

def _type_pages(cat: Catalog) -> list[str]:
    return [page_key(key or "khac", n) for key in sorted(cat.by_type())
            for n in range(2, type_page_count(cat, key) + 1)]


def _year_pages(cat: Catalog) -> list[str]:
    return [page_key(year or "khac", n) for year in sorted(cat.by_year())
            for n in range(2, year_page_count(cat, year) + 1)]


def _agency_pages(cat: Catalog) -> list[str]:
    return [page_key(a.id, n) for a in cat.registry
            for n in range(2, len(agency_task_pages(cat, a.id)) + 1)]


def _facet(name: str) -> tuple[Kind, Kind]:
    """A progress facet (targets by deadline year, agency or status) and its pages 2, 3, …"""
    folder = {"progress_year": "nam", "progress_agency": "co-quan",
              "progress_status": "trang-thai"}[name]

    def keys(cat: Catalog) -> list[str]:
        return list(progress.facets(cat.progress)[name])

    def pages(cat: Catalog) -> list[str]:
        return [page_key(key, n) for key in progress.facets(cat.progress)[name]
                for n in range(2, progress.facet_page_count(cat.progress, name, key) + 1)]

    def title(cat: Catalog, key: str, lang: str) -> str:
        return progress.facet_title(_ctx(cat, lang), name, key)

    def sections(ctx: Ctx, key: str) -> list[Section]:
        base, n = split_page_key(key)
        return progress.facet_page(ctx, name, base, n)

    reads = _deps(TARGETS, *CATALOG)
    intro = lambda ctx, key: progress.facet_intro(ctx)  # noqa: E731
    return (Kind(name, f"tien-do/{folder}/{{key}}.md", f"tien-do/{folder}/{{key}}/", reads,
                 Search.NONE, keys, title, intro, sections),
            Kind(f"{name}_page", f"tien-do/{folder}/{{key}}.md", f"tien-do/{folder}/{{key}}/",
                 reads, Search.NONE, pages, None, intro, sections, page_of=name, raw_key=True,
                 subject=lambda key: split_page_key(key)[0]))


def _base(key: str) -> str:
    return split_page_key(key)[0]


_DOCUMENT_READS = _deps(Dep(BODY, Scope.OWN), Dep(TARGETS, Scope.OWN), *CATALOG)
_LIST_READS = _deps(*CATALOG)
_DUE_READS = _deps(TARGETS, PLACEMENT, *CATALOG)   # links to the paragraphs of any document

_TABLE: list[Kind] = [
    # ---- pages from files: written by people or imported, rendered by MkDocs --------------
    # the home page: what is due links to paragraphs (PLACEMENT), its status bar reads TARGETS
    Kind("home", "index.md", "", _deps(Dep(PAGE, Scope.OWN), NEWS, TARGETS, PLACEMENT,
                                       *CATALOG), Search.NONE, in_nav=True),
    Kind("document", "van-ban/{key}.md", "van-ban/{key}/", _DOCUMENT_READS, Search.BOTH),
    Kind("post", "tin-tuc/{key}.md", "tin-tuc/{key}/", _deps(Dep(PAGE, Scope.OWN), GLOSSARY),
         Search.BOTH),
    Kind("methodology", "phuong-phap-tien-do.md", "phuong-phap-tien-do/",
         _deps(Dep(PAGE, Scope.OWN), GLOSSARY), Search.BOTH, in_nav=True),
    Kind("guide", "huong-dan-chi-tieu.md", "huong-dan-chi-tieu/",
         _deps(Dep(PAGE, Scope.OWN), GLOSSARY), Search.BOTH, in_nav=True),
    # ---- the news index and feed (vanban.site.news, vanban.site.newsroom: made from posts) ---
    Kind("news", "tin-tuc/index.md", "tin-tuc/", _deps(NEWS, GLOSSARY), Search.BOTH,
         in_nav=True),
    Kind("news_page", "tin-tuc/trang/{key}.md", "tin-tuc/trang/{key}/", _deps(NEWS, GLOSSARY),
         Search.BOTH),
    Kind("feed", "tin-tuc/feed.xml", "tin-tuc/feed.xml", _deps(NEWS), Search.NONE),
    # ---- generated from the catalog, in this order ---------------------------------------
    Kind("documents", "van-ban/index.md", "van-ban/", _LIST_READS, Search.NONE, _single,
         lambda cat, key, lang: t("index.title", lang), _intro("index.intro"),
         lambda ctx, key: document_index(ctx), in_nav=True),
    Kind("agencies", "co-quan/index.md", "co-quan/", _LIST_READS, Search.NONE, _single,
         lambda cat, key, lang: t("agencies.title", lang), _intro("agencies.intro"),
         lambda ctx, key: agency_index(ctx), in_nav=True),
    Kind("glossary", "thuat-ngu/index.md", "thuat-ngu/", _deps(GLOSSARY), Search.BOTH, _single,
         lambda cat, key, lang: t("glossary.title", lang), _intro("glossary.intro"),
         lambda ctx, key: glossary(ctx), in_nav=True),
    Kind("type", "van-ban/loai/{key}.md", "van-ban/loai/{key}/", _LIST_READS, Search.NONE,
         lambda cat: [key or "khac" for key in sorted(cat.by_type())], type_title,
         sections=lambda ctx, key: type_page(ctx, *_listed(key))),
    Kind("type_page", "van-ban/loai/{key}.md", "van-ban/loai/{key}/", _LIST_READS, Search.NONE,
         _type_pages, sections=lambda ctx, key: type_page(ctx, *_listed(key)), page_of="type",
         raw_key=True, subject=_base),
    Kind("year", "van-ban/nam/{key}.md", "van-ban/nam/{key}/", _LIST_READS, Search.NONE,
         lambda cat: [year or "khac" for year in sorted(cat.by_year())],
         lambda cat, key, lang: t("year_page.title", lang,
                                  year=key or t("index.undated", lang)),
         sections=lambda ctx, key: year_page(ctx, *_listed(key))),
    Kind("year_page", "van-ban/nam/{key}.md", "van-ban/nam/{key}/", _LIST_READS, Search.NONE,
         _year_pages, sections=lambda ctx, key: year_page(ctx, *_listed(key)), page_of="year",
         raw_key=True, subject=_base),
    # an agency: its tasks (links to the paragraphs that assign them), issued documents, targets
    Kind("agency", "co-quan/{key}.md", "co-quan/{key}/",
         _deps(Dep(PLACEMENT, Scope.TASKING), TARGETS, *CATALOG), Search.BOTH,
         lambda cat: [a.id for a in cat.registry], _agency_title, _agency_intro,
         _agency_sections),
    # pages 2, 3, … of its tasks: not indexed (the agency's heading again above a task table
    # that is not indexed, vanban.site.search.EXCLUDE; page 1 stands for the agency)
    Kind("agency_page", "co-quan/{key}.md", "co-quan/{key}/",
         _deps(Dep(PLACEMENT, Scope.TASKING), *CATALOG), Search.NONE, _agency_pages,
         intro=_agency_page_intro, sections=_agency_page_sections, page_of="agency",
         raw_key=True, subject=_base),
    # part n ≥ 2 of a very long document (vanban.site.split), searched in the full text only
    Kind("part", "van-ban/{key}.md", "van-ban/{key}/", _DOCUMENT_READS, Search.FULL,
         lambda cat: [part_key(d.slug, n) for d in cat.documents if d.parts
                      for n in range(2, d.parts.count + 1)],
         _part_title, raw_key=True, text=True, stands_in="document",
         subject=lambda key: key.rpartition("/")[0]),
    Kind("progress_index", "tien-do/index.md", "tien-do/", _deps(TARGETS, *CATALOG),
         Search.BOTH, _single, lambda cat, key, lang: t("progress.title", lang),
         lambda ctx, key: progress.dashboard_intro(ctx),
         lambda ctx, key: progress.dashboard(ctx), in_nav=True),
    # a document's progress: in the full text only (the outline has its targets on the
    # document page); links to the document's paragraphs
    Kind("progress", "tien-do/van-ban/{key}.md", "tien-do/van-ban/{key}/",
         _deps(Dep(TARGETS, Scope.OWN), Dep(PLACEMENT, Scope.OWN), *CATALOG), Search.FULL,
         lambda cat: [slug for slug in sorted(cat.progress.files)
                      if cat.document(slug) is not None],
         _progress_title, lambda ctx, key: progress.document_intro(ctx, key),
         _progress_sections),
    *_facet("progress_year"),
    *_facet("progress_agency"),
    *_facet("progress_status"),
    # what is due (vanban.site.due): every deadline by month (pages 2, 3, …: "<n>"), and one
    # agency's ("<id>", "<id>/trang/<n>"); English URLs en/deadlines/…; each agency's
    # deadlines as an iCalendar feed, written after the build
    Kind("deadlines", "han/index.md", "han/", _DUE_READS, Search.NONE, _single,
         due.page_title, lambda ctx, key: due.deadline_intro(ctx, None),
         lambda ctx, key: due.deadline_page(ctx, None, 1), in_nav=True, url_en="deadlines/"),
    Kind("deadlines_page", "han/trang/{key}.md", "han/trang/{key}/", _DUE_READS, Search.NONE,
         lambda cat: [str(n) for n in range(2, due.page_count(cat) + 1)], due.page_title,
         lambda ctx, key: due.deadline_intro(ctx, None),
         lambda ctx, key: due.deadline_page(ctx, None, int(key)),
         url_en="deadlines/page/{key}/"),
    Kind("deadlines_agency", "han/co-quan/{key}.md", "han/co-quan/{key}/", _DUE_READS,
         Search.NONE, lambda cat: [key for a in due.agencies_with_deadlines(cat)
                                   for key in [a.id] + [page_key(a.id, n) for n in
                                                        range(2, due.page_count(cat, a.id) + 1)]],
         due.page_title, lambda ctx, key: due.deadline_intro(ctx, _base(key)),
         lambda ctx, key: due.deadline_page(ctx, *split_page_key(key)), raw_key=True,
         subject=_base, url_en="deadlines/agency/{key}/"),
    Kind("calendar", "co-quan/{key}.ics", "co-quan/{key}.ics", _DUE_READS, Search.NONE),
    # the targets as CSV and JSON (vanban.progress.export), written after the build
    Kind("downloads", f"{DOWNLOADS_DIR}/{{key}}", f"{DOWNLOADS_DIR}/{{key}}",
         _deps(TARGETS, FRONT, AGENCIES), Search.NONE, raw_key=True),
    # any other hand-written page (its URL is MkDocs': "huong-dan/index.md" → "huong-dan/")
    Kind("page", "{key}.md", "{key}/", _deps(Dep(PAGE, Scope.OWN), GLOSSARY), Search.BOTH,
         raw_key=True),
]

KINDS: dict[str, Kind] = {k.name: k for k in _TABLE}


def of_file(src_uri: str) -> tuple[Kind, str]:
    """(kind, key) of a page MkDocs builds from a file of docs/ (written or imported; a
    translation `x.en.md` is the page of `x.md`); "page" when no other kind's source fits.

    >>> [(k.name, key) for k, key in map(of_file, ["van-ban/ct-1.en.md", "index.md", "a/b.md"])]
    [('document', 'ct-1'), ('home', ''), ('page', 'a/b')]
    """
    src = re.sub(r"\.[a-z]{2}\.md$", ".md", src_uri)
    for kind in KINDS.values():
        if kind.generated or not kind.html:
            continue
        head, brace, tail = kind.source.partition("{key}")
        if not brace:
            if src == kind.source:
                return kind, ""
            continue
        found = re.fullmatch(re.escape(head) + ("(.+)" if kind.raw_key else "([^/]+)")
                             + re.escape(tail), src)
        if found:
            return kind, found.group(1)
    return KINDS["page"], src.removesuffix(".md")


def generated(kinds: Iterable[Kind] | None = None) -> list[Kind]:
    """The kinds generated from the catalog, in the order their pages are added."""
    return [k for k in (KINDS.values() if kinds is None else kinds) if k.generated]
