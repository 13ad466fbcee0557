"""MkDocs event handlers of the portal; `hooks/portal.py` only forwards events here.

mkdocs-static-i18n builds the site once per language (Vietnamese at /, English at /en/),
running every event again; `mkdocs serve` keeps this module loaded between rebuilds. The only
state is the catalog, which is the same in every language: `on_files` (first event of every
build and language) reloads it when a file changed (signature of docs/van-ban/*.md and
data/*.yml) and the page events reuse it. Everything language-specific is computed from the
current language, which the i18n plugin holds.

Generated pages are added in `on_files` after the i18n plugin (priority -200 vs -100) has laid
out the current language's files: each is a `File.generated` with the URL of that language and
the attributes the i18n plugin's language switcher and sitemap read (`locale`, `alternates`).
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..data import DataError, FrontMatterOpen, split_front_matter
from ..posts import NEWS_DIR
from ..progress.export import downloads
from . import cache, cores, due, incremental, kinds, layout, pages, prerender, views
from .catalog import (
    Catalog,
    DocPage,
    SiteProblem,
    Sources,
    cached,
    line_of,
    load_catalog,
    per_object,
)
from .html import compact, first_abbreviations_only, pin_inline_scripts, sanitize
from .labels import DEFAULT_LANG
from .progress import document_targets, mark_sentences, missing_anchors, progress_options
from .urls import DOWNLOADS_DIR, prefix, relative, url

log = get_plugin_logger("vanban")

DOCUMENT_TEMPLATE = "vb-document.html"
HOME_TEMPLATE = "vb-home.html"
_VIEW = "_vanban_view"   # attribute of a Page holding its rendered pieces until on_page_context


# ---- the build's language and catalog ---------------------------------------------------------

def languages(config: MkDocsConfig) -> tuple[str, str, list[str]]:
    """(current, default, all built) languages, from the i18n plugin when there is one."""
    plugin = config.plugins.get("i18n")
    current = getattr(plugin, "current_language", None)
    if plugin is None or current is None:
        lang = str(config.theme.get("language") or DEFAULT_LANG)
        return lang, lang, [lang]
    return current, plugin.default_language, list(plugin.build_languages)


def other_language_building(config: MkDocsConfig) -> bool:
    """Whether this is the build of another language, run by mkdocs-static-i18n inside the
    default language's on_post_build (flagged `building`): work done once per site waits for
    the default language's on_post_build, which comes after it."""
    plugin = config.plugins.get("i18n")
    return plugin is not None and bool(getattr(plugin, "building", False))


@per_object
def sources(config: MkDocsConfig) -> Sources:
    """Where this build's inputs are; worked out once per configuration (every page asks, and
    resolving paths costs: 7,000 generated pages took 1 s of a cached build; a `mkdocs serve`
    rebuild loads the configuration again)."""
    root = Path(config.config_file_path or ".").resolve().parent
    data = root / "data"
    options = progress_options(config)
    today = due.as_of_date(options.day or options.as_of or None, os.environ,
                           datetime.date.today())
    return Sources(Path(config.docs_dir).resolve(), data / "agencies.yml",
                   data / "glossary.yml", root, options.as_of, options.sample_banner, today)


# the catalog of the build in progress, per project; refreshed by every build's on_files
_CURRENT: dict[Sources, Catalog] = {}
# `mkdocs serve --dirty` (on_startup): rebuilds render only what changed (vanban.site.incremental)
_DIRTY = {"on": False}
_CHANGES: dict[Sources, incremental.Changes] = {}
_NEWS: dict[Sources, list[tuple[str, int, int]]] = {}   # the news posts' files at the last build


def _news_stamps(src: Sources) -> list[tuple[str, int, int]]:
    out = []
    for path in sorted((src.docs_dir / NEWS_DIR).glob("*.md")):
        stat = path.stat()
        out.append((path.name, stat.st_mtime_ns, stat.st_size))
    return out


def on_startup(command: str, dirty: bool) -> None:
    _DIRTY["on"] = dirty and command == "serve"
    cache.on_startup(command, dirty)
    if dirty:
        # MkDocs warns at every --dirty rebuild that the navigation may be stale, which stops
        # a --strict serve (mkdocs.yml); vanban.site.incremental renders what documents and
        # data change reach (a hand-written page's new title reaches the menus at a full build)
        logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)


def on_pre_build(config: MkDocsConfig) -> None:
    if not other_language_building(config):     # once per build, not once per language
        cache.on_pre_build(config, sources(config))


def save_cache(config: MkDocsConfig) -> None:
    """After the last language and the search index: the site is the next build's cache."""
    if not other_language_building(config):
        cache.on_post_build(config)


def on_build_error() -> None:
    _stop_prerender()
    cache.on_build_error()


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def changes(config: MkDocsConfig) -> incremental.Changes:
    """What this build renders again: everything, but in a `mkdocs serve --dirty` rebuild."""
    return _CHANGES.get(sources(config), incremental.Changes())


def load(config: MkDocsConfig) -> Catalog:
    """Read (or reuse, when no file changed) the catalog; once per build and language."""
    src = sources(config)
    try:
        cat = load_catalog(src)
    except DataError as exc:
        raise PluginError("vanban: invalid data file:\n" + "\n".join(exc.messages())) from None
    _CURRENT[src] = cat
    return cat


def catalog(config: MkDocsConfig) -> Catalog:
    """The catalog loaded by this build's on_files (page events must not re-scan docs/)."""
    cat = _CURRENT.get(sources(config))
    return cat if cat is not None else load(config)


def report(problems: list[SiteProblem]) -> None:
    for p in problems:
        log.warning(p.message())


# ---- events -----------------------------------------------------------------------------------

def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang, default, langs = languages(config)
    src = sources(config)
    if lang == default:       # once per build, not once per language
        before = cached(src)
        cat = load(config)
        report(cat.problems)
        after = cached(src)
        news = _news_stamps(src)
        news_changed = _NEWS.get(src, news) != news
        _NEWS[src] = news
        previous = cache.previous()
        if _DIRTY["on"] and before is not None and after is not None:
            _CHANGES[src] = incremental.changes(src, before, after, news_changed)
        elif before is None and previous is not None:     # from the build cache
            _CHANGES[src] = incremental.changes_since(src, previous.catalog, cat,
                                                      previous.changed)
            if _CHANGES[src].everything:   # the cached site's pages are not all the new ones
                cache.discard(config, "a change reaches every page, or adds or removes pages")
        else:
            _CHANGES[src] = incremental.Changes()
    else:
        cat = load(config)
    todo = changes(config)
    taken = {f.src_uri for f in files}
    plugin = config.plugins.get("i18n")
    ahead: list[tuple[pages.GeneratedPage, str]] = []      # rendered on every core
    for spec in pages.generated_pages(cat, lang):
        src_uri = spec.src_uri
        if src_uri in taken or src_uri.replace(".md", f".{lang}.md") in taken:
            log.info(f"{src_uri}: a hand-written page replaces the generated one")
            continue
        file = generated_file(config, spec, cat, lang, langs)
        files.append(file)
        if not spec.text and (todo.everything or todo.page(spec, cat)):
            ahead.append((spec, file.url))
    _start_prerender(lang, cat, ahead)
    if not todo.everything:
        # a page from a file: MkDocs renders it again when its file changed, and so do we
        # when an input its kind reads changed (a document's targets, the glossary, …)
        for file in files.documentation_pages():
            if file.generated_by is None and todo.reaches(*kinds.of_file(file.src_uri), cat):
                _set_modified(file, True)
            elif file.generated_by is None and cache.modified(file.abs_src_path) is not None:
                # from the build cache: whether its file's content changed (not its date)
                _set_modified(file, bool(cache.modified(file.abs_src_path)))
        for file in files:
            if file.is_documentation_page():
                continue
            changed = cache.modified(file.abs_src_path)
            if changed is not None and file.generated_by is None:
                _set_modified(file, changed or not Path(file.abs_dest_path).is_file())
    if plugin is not None and hasattr(plugin, "i18n_files_per_language"):
        plugin.i18n_files_per_language[lang] = files.documentation_pages()  # for sitemap.xml
    return files


_PRERENDER: dict[str, prerender.Prerendered] = {}


def _start_prerender(lang: str, cat: Catalog, ahead: list[tuple[pages.GeneratedPage, str]]
                     ) -> None:
    """Render the generated pages of this language in worker processes while MkDocs reads
    the documents (vanban.site.prerender)."""
    _stop_prerender()
    _PRERENDER[lang] = prerender.Prerendered(cat, lang, cat.abbreviations(lang), ahead,
                                             cores.processes() - 1)


def _stop_prerender() -> None:
    for running in _PRERENDER.values():
        running.close()
    _PRERENDER.clear()


def generated_file(config: MkDocsConfig, spec: pages.GeneratedPage, cat: Catalog, lang: str,
                   langs: list[str]) -> File:
    """The File of a generated page, rendered in this build when what changed reaches it."""
    todo = changes(config)
    modified = todo.everything or todo.page(spec, cat)
    file = _generated_file(config, spec, cat, lang, langs, modified)
    if not todo.everything:
        _set_modified(file, modified)
    return file


def _set_modified(file: File, modified: bool) -> None:
    """What MkDocs' `--dirty` build asks a file (a generated one always says yes)."""
    file.is_modified = lambda: modified  # type: ignore[method-assign]


def _generated_file(config: MkDocsConfig, spec: pages.GeneratedPage, cat: Catalog, lang: str,
                    langs: list[str], render: bool = True) -> File:
    """The page's File; without `render` (a --dirty rebuild that does not render it again) its
    Markdown is not made."""
    inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV

    def make(for_lang: str, content: str, src: str = spec.src_uri) -> File:
        f = File.generated(config, src, content=content, inclusion=inclusion)
        if spec.spec.url_en is not None and src == spec.src_uri:   # en/deadlines/, not en/han/
            f.dest_uri = spec.url(for_lang) + "index.html"
        else:
            f.dest_uri = prefix(for_lang) + f.dest_uri
        return f

    file = make(lang, spec.markdown(cat, lang) if render else "")
    # what mkdocs-static-i18n's switcher and sitemap read (see its suffix.create_i18n_file):
    # only their URLs — the other languages' pages are rendered by their own builds; a page
    # not built in a language (a part of a document's text) leads to the page standing in
    file.alternates = {  # type: ignore[attr-defined]
        other: (file if other == lang else make(other, "", (
            spec if spec.built_in(other) else spec.stand_in()).src_uri)) for other in langs}
    file.locale = file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.localization = None  # type: ignore[attr-defined]
    file.norm_src_uri = spec.src_uri  # type: ignore[attr-defined]
    return file


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    lang = languages(config)[0]
    cat = catalog(config)
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        # Material prints page.meta.title unescaped (<title>, header, h1)
        page.meta["title"] = escape(title)
    spec = pages.from_meta(page.meta)
    if spec is not None and not spec.text:
        return ""                         # rendered from the catalog in on_page_content
    doc, part = _document(cat, page)
    if doc is not None and lang != languages(config)[1]:
        # a document in another language: its card, without the (Vietnamese) text again
        page.meta["template"] = DOCUMENT_TEMPLATE
        page.meta["title"] = escape(views.page_title(
            views.Ctx(cat, lang, page.url, cat.abbreviations(lang)), doc))
        return ""
    if doc is not None:
        if part == 1 and "vanban" not in page.meta:
            markdown = _without_front_matter(markdown, page, doc)
        page.meta["template"] = DOCUMENT_TEMPLATE
        if part == 1 and doc.parts is not None:
            markdown = doc.parts.pages[0].markdown      # the rest is on the part pages
        markdown = layout.two_columns(markdown)
    definitions = cat.abbreviations(lang).markdown_definitions()
    return f"{markdown}\n\n{definitions}\n" if definitions else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig) -> str:
    lang = languages(config)[0]
    cat = catalog(config)
    spec = pages.from_meta(page.meta)
    abbrs = cat.abbreviations(lang)
    if spec is not None and not spec.text:
        ready = _PRERENDER[lang].take(page.url) if lang in _PRERENDER else None
        body, parts = ready or pages.render(spec, cat, lang, page.url, abbrs)
        page.toc = _toc(parts, [])
        return str(body)
    html = sanitize(html)     # Markdown written by people may hold raw HTML: keep only safe
    doc, part = _document(cat, page)
    if doc is None:
        return html
    ctx = views.Ctx(cat, lang, page.url, abbrs)
    has_text = lang == languages(config)[1]    # other languages: the card only
    if has_text:
        html = mark_sentences(ctx, doc, html)   # each target's sentence links to its progress
        _check_anchors(ctx, doc, part, html, Path(config.docs_dir))
    view: dict[str, Any] = {
        "text": has_text,
        "parts_nav": views.parts_nav(ctx, doc, part) if has_text else "",
        "pager": views.parts_pager(ctx, doc, part) if has_text else "",
    }
    if part > 1:                        # a later part of a long document: its text only
        view["card"] = views.part_header(ctx, doc, part)
        setattr(page, _VIEW, view)
        return html
    parts = [views.responsibilities(ctx, doc), views.implementation_chain(ctx, doc),
             views.citations(ctx, doc), views.cited_by(ctx, doc)]
    targets = document_targets(ctx, doc)        # link to the progress page (None: no targets)
    page.toc = _toc(parts[:1] + ([targets] if targets else []) + parts[1:], list(page.toc))
    view.update({
        # the text's heading is the Vietnamese page's <h1>; another language's page has its own
        "h1": "" if has_text else views.page_heading(ctx, doc),
        "card": views.document_card(ctx, doc),
        "responsibilities": parts[0].html(lang),
        "chain": parts[1].html(lang),
        "citations": parts[2].html(lang),
        "cited_by": parts[3].html(lang),
        "progress": targets.html(lang) if targets else "",
    })
    if not has_text:
        _keep_anchors(view, ctx, doc)
    setattr(page, _VIEW, view)
    return html


def _keep_anchors(view: dict[str, Any], ctx: views.Ctx, doc: DocPage) -> None:
    """Links of a document's page in another language to its Vietnamese text (under the <h1>,
    each task's paragraph) get target="_self": Material's script takes a click on a link into
    the page's alternate (the Vietnamese page, `<link rel="alternate">`) for the language
    switcher's and opens the alternate without the anchor; it leaves links with a target."""
    text = relative(ctx.here, url("document", doc.slug, DEFAULT_LANG))
    for key in ("h1", "responsibilities"):
        view[key] = Markup(str(view[key]).replace(f'<a href="{text}',
                                                  f'<a target="_self" href="{text}'))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig
                    ) -> dict[str, Any]:
    lang = languages(config)[0]
    view = getattr(page, _VIEW, None)
    if view is None and page.meta.get("template") == HOME_TEMPLATE:
        cat = catalog(config)
        ctx = views.Ctx(cat, lang, page.url, cat.abbreviations(lang))
        view = {"home": views.home(ctx), "due": views.sections_html(due.home(ctx), lang)}
    context["vb"] = view or {}
    _relative_alternates(config)
    return context


def on_post_page(output: str, page: Page) -> str:
    cache.page_written(page.url)
    # MkDocs writes the page next and reads its text no more, but keeps the page: the first
    # language's pages stayed in memory through the second's build and the search index (at
    # 2,000 documents the build's process peaked at 1.83 GB, 1.64 GB without them)
    page.content = page.markdown = None
    return pin_inline_scripts(compact(first_abbreviations_only(output)))


def on_post_build(config: MkDocsConfig) -> None:
    """Write the CSV and JSON downloads of the targets and the agencies' calendars (the same
    files for every language: once, after the last language; in a --dirty rebuild only when
    an input they read changed)."""
    _stop_prerender()       # every page is rendered
    if other_language_building(config):
        return
    write_calendars(config)
    if not changes(config).reaches(kinds.KINDS["downloads"], "", catalog(config)):
        return
    folder = Path(config.site_dir) / DOWNLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in downloads(catalog(config).progress).items():
        (folder / name).write_text(content, encoding="utf-8", newline="")


def write_calendars(config: MkDocsConfig) -> None:
    """Each agency's deadlines as an iCalendar feed, `co-quan/<id>.ics` (one file for every
    language, like the downloads; vanban.site.due)."""
    cat = catalog(config)
    spec = kinds.KINDS["calendar"]
    if not changes(config).reaches(spec, "", cat):
        return
    for agency in cat.registry:
        path = Path(config.site_dir) / url("calendar", agency.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(due.calendar_ics(cat, agency.id, config.site_url))


# ---- helpers ----------------------------------------------------------------------------------

def _document(cat: Catalog, page: Page) -> tuple[DocPage | None, int]:
    """(document, part number) of a document page or of a part page; (None, 0) otherwise."""
    spec = pages.from_meta(page.meta)
    if spec is not None:
        found = spec.part(cat)
        return found if found is not None else (None, 0)
    doc = _document_file(cat, page.file.src_uri)
    return (doc, 1) if doc is not None else (None, 0)


def _document_file(cat: Catalog, src: str) -> DocPage | None:
    """The document of a file `van-ban/x.md` or of its translation `van-ban/x.en.md`."""
    if not src.startswith("van-ban/") or src.count("/") != 1:
        return None
    return cat.document(Path(src).name.split(".", 1)[0])


def _without_front_matter(markdown: str, page: Page, doc: DocPage) -> str:
    """A document whose front matter MkDocs could not read (it gives up on a value such as
    `date: 2021-13-45`, which the catalog reads and reports) would show its YAML as text:
    drop the YAML and take the title from the catalog."""
    page.meta.setdefault("title", escape(doc.title))
    try:
        found = split_front_matter(markdown)
    except FrontMatterOpen:         # edited since the catalog read it
        return markdown
    return found[1] if found is not None else markdown


def _check_anchors(ctx: views.Ctx, doc: DocPage, part: int, html: str, docs_dir: Path
                   ) -> None:
    """Warn about assignments and targets whose paragraph (on this page) does not exist."""
    def here(anchor: str) -> bool:
        return (doc.parts.part_of(anchor) if doc.parts else 1) == part

    report([SiteProblem(doc.file, line_of(doc, docs_dir, ("assignments", task.index, "anchor")),
                        f"assignments[{task.index}].anchor", "site_missing_anchor",
                        {"anchor": task.anchor})
            for task in doc.tasks
            if task.anchor and here(task.anchor) and f'id="{task.anchor}"' not in html]
           + [p for p in missing_anchors(ctx, doc, html) if here(str(p.params["anchor"]))])


def _toc(parts: list[views.Section], items: list[AnchorLink]) -> TableOfContents:
    """The page's table of contents with the portal's sections added (as <h2>s)."""
    target = items[0].children if len(items) == 1 and items[0].level == 1 else items
    for s in parts:
        link = AnchorLink(str(escape(s.title)), s.id, s.level)
        link.children = [AnchorLink(str(escape(title)), anchor, s.level + 1)
                         for anchor, title in s.subsections]
        target.append(link)
    return TableOfContents(items)


def _relative_alternates(config: MkDocsConfig) -> None:
    """The language switcher's links, made relative ("/en/" → "en/", or with site_url
    "https://x.org/cd/": "/cd/en/" → "en/") so that they work under any sub-path.
    mkdocs-static-i18n sets them for every page as an *attribute* of config.extra (which Jinja
    reads before the item), so that is the one to change."""
    base = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    for alt in getattr(config.extra, "alternate", None) or []:
        link = alt.get("link")
        if isinstance(link, str) and link.startswith(base) and not link.startswith("//"):
            alt["link"] = link[len(base):] or "./"
