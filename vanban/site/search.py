"""What the portal's pages give the search index (see vanban.search for the engine side).

`index_site` runs once after the whole site (every language) is written: it walks the built
pages, adds each document's weighted label, number, issuer and agencies, its filters (type,
year, issuer) and result metadata from the catalog, and writes the Pagefind bundle.
`template_globals` gives the search box partial its strings in the page's language.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from markupsafe import Markup, escape

from .. import search
from . import events
from .catalog import Catalog, Document
from .html import Abbreviations
from .labels import DEFAULT_LANG, LANGS, format_date
from .urls import prefix, url
from .views import Ctx

log = get_plugin_logger("vanban")

# list pages repeat every title: searching them would bury the documents
_LIST_KINDS = ("home", "documents", "agencies")
_LIST_PREFIXES = ("van-ban/loai/*", "van-ban/nam/*")


def skipped_urls(langs: list[str]) -> list[str]:
    out: list[str] = []
    for lang in langs:
        out += [url(kind, "", lang) for kind in _LIST_KINDS]
        out += [prefix(lang) + p for p in _LIST_PREFIXES]
    return out


def document_extra(cat: Catalog, doc: Document, lang: str, text: str) -> search.Extra:
    """Index-only content of a document page in `lang`."""
    ctx = Ctx(cat, lang, url("document", doc.slug, lang), Abbreviations({}))
    extra = search.extra_for(text, cat.glossary)
    label = ctx.doc_label(doc)
    kind = ctx.type_name(doc)
    agency = cat.issuer_of(doc)
    issuer = ctx.agency_name(agency) if agency is not None else doc.issuer
    extra.add(search.WEIGHT_LABEL, label, doc.title, *search.number_parts(doc.number))
    if lang != DEFAULT_LANG:
        extra.add(search.WEIGHT_LABEL, doc.summary_en)
    tasked = {a.agency.id: a.agency for a in cat.assigned.get(doc.slug, [])
              if a.agency is not None}
    extra.add(search.WEIGHT_NAMES, doc.issuer, issuer if issuer != doc.issuer else None,
              doc.place, *(ctx.agency_name(a) for a in tasked.values()))
    extra.filters["type"] = [kind]
    if doc.year:
        extra.filters["year"] = [doc.year]
    if issuer:
        extra.filters["issuer"] = [issuer]
    extra.meta["title"] = f"{label}: {doc.title}" if doc.title else label
    info = [kind, format_date(doc.date, lang) if doc.date else None, issuer]
    extra.meta["info"] = " · ".join(i for i in info if i)
    return extra


def index_site(cat: Catalog, site_dir: Path, langs: list[str]) -> search.Stats:
    """Write the Pagefind bundle of the built site into `<site_dir>/pagefind/`."""
    docs = {url("document", d.slug, lang): (d, lang) for d in cat.documents for lang in langs}

    def items():
        for page in search.built_pages(site_dir, skipped_urls(langs)):
            html = page.path.read_text(encoding="utf-8")
            text = search.page_text(html)
            found = docs.get(page.url)
            extra = (document_extra(cat, found[0], found[1], text) if found
                     else search.extra_for(text, cat.glossary))
            yield page.url, search.with_extra(html, extra.html())

    return search.write_index(site_dir, items())


def template_globals(lang: str) -> dict[str, Markup]:
    """For partials/vb-search.html: `vb_search_labels`, the search box's strings (JSON, for a
    data attribute); `vb_search_documents`, the document index (site-root relative)."""
    if lang not in LANGS:
        lang = DEFAULT_LANG
    return {"vb_search_labels": escape(json.dumps(search.labels(lang), ensure_ascii=False)),
            "vb_search_documents": escape(url("documents", "", lang))}


# ---- MkDocs events (forwarded by hooks/portal.py) ---------------------------------------------

def on_env(env: Environment, config: MkDocsConfig) -> Environment:
    env.globals.update(template_globals(events.languages(config)[0]))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Index the site once, after the last language is written (mkdocs-static-i18n runs the
    other languages' builds inside the first build's on_post_build, flagged `building`)."""
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return
    if "search" in config.plugins or "material/search" in config.plugins:
        log.info("MkDocs' own search plugin is on; no Pagefind index written")
        return
    langs = events.languages(config)[2]
    started = time.perf_counter()
    try:
        stats = index_site(events.catalog(config), Path(config.site_dir), langs)
    except search.SearchError as exc:
        raise PluginError(f"vanban: search index: {exc}") from None
    log.info(f"search index of {stats.pages} pages ({', '.join(stats.languages)}), "
             f"{stats.bytes / 1e6:.1f} MB, in {time.perf_counter() - started:.1f} s")
