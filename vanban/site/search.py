"""What the portal's pages give the search index (see vanban.pagefind for the engine side).

`index_site` runs once after the whole site (every language) is written: it walks the built
pages, adds each document's weighted label, number, issuer and agencies, its filters (type,
year, issuer) and result metadata from the catalog, and writes the two Pagefind bundles: the
outline (a document's card, title, headings and targets) and the full text, each a bundle
per language (the full text in shards): the pages are prepared on the cores Pagefind leaves
(`preparing_processes`; forked processes when more than one), and each part's Pagefind run
starts as soon as its pages are ready.
`template_globals` gives the search box partial its strings in the page's language.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import rjsmin
from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .. import pagefind
from . import cache, cores, events, kinds, pages
from .catalog import Catalog, DocPage
from .html import Abbreviations
from .labels import DEFAULT_LANG, LANGS, format_date
from .urls import prefix, url
from .views import Ctx, page_title

log = get_plugin_logger("vanban")

# not indexed: permalinks, the card's "jump to" links, and what the portal repeats from other
# pages — a document's responsibility table (its own sentences again), citation lists and
# chain of implementation (other documents' titles), an agency's tasks and issued documents
# (one agency page would otherwise hold the text of hundreds of documents and match every query)
EXCLUDE = (".headerlink", ".vb-card__jump", ".vb-resp", ".vb-citations", ".vb-cited-by",
           ".vb-chain", ".vb-doc-table")

# what is indexed is each kind's `search` in the registry (vanban.site.kinds): list pages
# repeat every title (searching them would bury the documents), an agency's task pages 2, 3, …
# repeat its heading above a task table that is not indexed (EXCLUDE); a document's progress
# page and the parts of a very long document are in the full text only (the outline has the
# targets on the document page; fewer pages in the outline: Pagefind's time per query grows
# with the pages a common word is on)


def _folder(kind: kinds.Kind, lang: str = DEFAULT_LANG) -> str:
    """The URL folder of a kind's pages ("van-ban/loai/"); "" for a kind without key."""
    pattern = kind.url_en if lang == "en" and kind.url_en else kind.url
    return pattern.partition("{key}")[0] if "{key}" in pattern else ""


def _by_folder(want: kinds.Search) -> tuple[list[kinds.Kind], list[str], list[kinds.Kind]]:
    """(kinds of one page, folders, kinds listed page by page) indexed as `want` says: a
    folder when every kind of that folder is, else page by page."""
    single: list[kinds.Kind] = []
    folders: list[str] = []
    each: list[kinds.Kind] = []
    for kind in kinds.KINDS.values():
        if kind.search != want or not kind.html:
            continue
        folder = _folder(kind)
        if not folder:
            single.append(kind)
        elif all(k.search == want for k in kinds.KINDS.values() if _folder(k) == folder):
            if folder not in folders:
                folders.append(folder)
        else:
            each.append(kind)
    return single, folders, each


def skipped_urls(langs: list[str]) -> list[str]:
    """The pages not indexed, by URL and folder ('…/*')."""
    single, folders, _each = _by_folder(kinds.Search.NONE)
    # a folder in each language (a kind may have an English address of its own: han/ is
    # en/deadlines/)
    of_folder = {_folder(k): k for k in kinds.KINDS.values() if _folder(k) in folders}
    out: list[str] = []
    for lang in langs:
        out += [url(kind.name, "", lang) for kind in single]
        out += [prefix(lang) + _folder(of_folder[folder], lang) + "*" for folder in folders]
    return out


def repeated_pages(cat: Catalog, langs: list[str]) -> list[str]:
    """The pages not indexed that share their folder with indexed ones (an agency's pages
    2, 3, … of tasks), one by one."""
    each = {kind.name for kind in _by_folder(kinds.Search.NONE)[2]}
    return [url(spec.kind, spec.key, lang) for spec in pages.generated_pages(cat)
            if spec.kind in each for lang in langs]


def full_only(cat: Catalog, langs: list[str]) -> tuple[tuple[str, ...], set[str]]:
    """(folders, pages) in the full-text bundle only."""
    _single, folders, each = _by_folder(kinds.Search.FULL)
    names = {kind.name for kind in each}
    one_by_one = {spec.url(lang) for spec in pages.generated_pages(cat) if spec.kind in names
                  for lang in langs if spec.built_in(lang)}
    return tuple(prefix(lang) + folder for lang in langs for folder in folders), one_by_one


def page_weight(page_url: str, lang: str) -> float:
    """How much a page that is not a document weighs in the index (vanban.pagefind.scaled): an
    agency's page, a document's progress page (its targets again), news, hand-written pages
    (guide, method, glossary, progress lists) name or quote what a document states."""
    rest = page_url[len(prefix(lang)):]
    if rest.startswith(tuple(_by_folder(kinds.Search.FULL)[1])):  # a document's progress page
        return pagefind.WEIGHT_TARGETS
    if rest.startswith((url("agencies", "", DEFAULT_LANG), url("news", "", DEFAULT_LANG))):
        return pagefind.WEIGHT_AGENCY
    return pagefind.WEIGHT_WRITTEN


def document_extra(cat: Catalog, doc: DocPage, lang: str, text: str,
                   english: dict[str, list[tuple[float, list[str]]]] | None = None
                   ) -> pagefind.Extra:
    """Index-only content of a document page in `lang`; `english`: the documents' English
    equivalents worked out before, by slug (kept there: a document's outline and full-text
    pages in English need the same)."""
    ctx = Ctx(cat, lang, url("document", doc.slug, lang), Abbreviations({}))
    extra = pagefind.extra_for(text, cat.glossary)
    label = ctx.doc_label(doc)
    kind = ctx.type_name(doc)
    agency = cat.issuer_of(doc)
    issuer = ctx.agency_name(agency) if agency is not None else doc.issuer
    extra.add(pagefind.WEIGHT_LABEL, label, doc.title, *pagefind.number_parts(doc.number))
    if lang != DEFAULT_LANG:
        extra.add(pagefind.WEIGHT_LABEL, page_title(ctx, doc), doc.summary_en)
        # the card, without the text: the union's terms the text uses, in English
        english = {} if english is None else english
        if doc.slug not in english:
            english[doc.slug] = pagefind.english_equivalents(doc.title, doc.body, cat.words,
                                                             cat.glossary)
        for weight, words in english[doc.slug]:
            extra.weighted.append((weight, " · ".join(words)))
    tasked = {a.agency.id: a.agency for a in cat.assigned.get(doc.slug, [])
              if a.agency is not None}
    extra.add(pagefind.WEIGHT_NAMES, doc.issuer, issuer if issuer != doc.issuer else None,
              doc.place, *(ctx.agency_name(a) for a in tasked.values()))
    extra.filters["type"] = [kind]
    if doc.year:
        extra.filters["year"] = [doc.year]
    if issuer:
        extra.filters["issuer"] = [issuer]
    extra.meta["title"] = (page_title(ctx, doc) if lang != DEFAULT_LANG
                           else f"{label}: {doc.title}" if doc.title else label)
    info = [kind, format_date(doc.date, lang) if doc.date else None, issuer]
    extra.meta["info"] = " · ".join(i for i in info if i)
    return extra


_OUTLINE = re.compile(r'<aside class="vb-card".*?</aside>|<p class="vb-title".*?</p>'
                      r"|<h[1-4][ >].*?</h[1-4]>", re.DOTALL)


def outline(html: str, targets: list[str], figures: list[str] = ()) -> str:  # type: ignore[assignment]
    """A document page as the outline index sees it: card, title, headings, targets (what
    the document states, weighted above the pages that quote them), and the figures of its
    text (vanban.pagefind.figures: a figure a reader types finds the document that states it
    in the outline, above the guide that quotes it)."""
    parts = [m.group(0) for m in _OUTLINE.finditer(html)]
    parts += [str(Markup('<p data-pagefind-weight="{}">{}</p>').format(
        f"{pagefind.WEIGHT_TARGET_TEXT:g}", t)) for t in targets]
    if figures:
        parts.append(str(Markup("<p>{}</p>").format(" · ".join(figures))))
    return pagefind.with_body(html, "\n".join(parts))


def target_texts(cat: Catalog, slug: str) -> list[str]:
    """The targets' sentences of a document (data/targets/<slug>.yml, as validated by the
    build)."""
    found = cat.progress.of(slug)
    return [t.text for t in found.targets] if found is not None else []


class Memo:
    """Pages prepared for Pagefind by an earlier build (the build cache, vanban.site.cache),
    by a key of all they are made from: the page's URL and HTML, and the input files the
    index adds from (the document's file and targets file, agencies and glossary, by their
    SHA-256 in `hashes`); compressed, with their `digest` ("digest:<key>"). Those of this
    build are in `kept`."""

    def __init__(self, earlier: dict[str, bytes], hashes: dict[str, str]) -> None:
        self.earlier, self.hashes = earlier, hashes
        self.kept: dict[str, bytes] = {}

    def key(self, url: str, html: str, doc: DocPage | None, full: bool) -> str:
        h = hashlib.sha256()
        files = ["data/agencies.yml", "data/glossary.yml"]
        if doc is not None:
            files += [f"docs/van-ban/{doc.slug}.md", f"data/targets/{doc.slug}.yml"]
        for part in (url, str(full and doc is not None), *(self.hashes.get(f, "") for f in files),
                     html):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    def get(self, key: str) -> str | None:
        """The page prepared earlier (kept for the next build by `keep`)."""
        found = self.kept.get(key) or self.earlier.get(key)
        return None if found is None else zlib.decompress(found).decode("utf-8")

    def digest(self, key: str) -> str | None:
        """The `digest` of the page prepared earlier (None: none was), without unpacking it."""
        found = self.kept.get(f"digest:{key}") or self.earlier.get(f"digest:{key}")
        return found.decode("ascii") if found is not None and self.get_packed(key) else None

    def get_packed(self, key: str) -> bytes | None:
        return self.kept.get(key) or self.earlier.get(key)

    def keep(self, key: str, packed: bytes | None = None, page_digest: str = "") -> None:
        """Keep a page for the next build: `packed` (`pack`) with its digest, or the one
        found by `get`."""
        if packed is not None:
            self.kept[key] = packed
            self.kept[f"digest:{key}"] = page_digest.encode("ascii")
        else:
            self.kept[key] = self.kept.get(key) or self.earlier[key]
            self.kept[f"digest:{key}"] = (self.kept.get(f"digest:{key}")
                                          or self.earlier[f"digest:{key}"])

    @staticmethod
    def pack(prepared: str) -> bytes:
        return zlib.compress(prepared.encode("utf-8"), 1)

    def same_bundle(self, bundle: str, pages: Iterable[tuple[str, str]]) -> bool:
        """Whether the bundle's pages (URL, `digest` of the page as Pagefind reads it) are the
        earlier build's (whose bundle can then stay)."""
        h = hashlib.sha256()
        for page_url, digest in pages:
            h.update(f"{page_url}\0{digest}\0".encode())
        found = h.hexdigest().encode("ascii")
        self.kept[f"bundle:{bundle}"] = found
        return self.earlier.get(f"bundle:{bundle}") == found


def digest(prepared: str) -> str:
    return hashlib.sha256(prepared.encode("utf-8")).hexdigest()


# Preparing the pages is most of the index's time in Python: on several cores, processes
# forked from the build (the catalog already in memory) prepare chunks of pages, each
# writing its pages for Pagefind; fewer pages than this are prepared in the build's process
# (a pool costs ~0.1 s to start, and a page ~10 ms to prepare)
POOL_PAGES = 200
CHUNK_PAGES = 16
# Pagefind runs at a time: each is multi-threaded, and holds about 1 GB at 1,000 documents
# (1,000 documents, clean build: two at once 122 s and a 3.06 GB peak of all processes
# together, one at a time 125 s and 2.23 GB)
PAGEFIND_RUNS = 1


def preparing_processes() -> int:
    """Processes that prepare the pages: the build's (`cores.processes()`) but the cores the
    Pagefind runs take beside them (PAGEFIND_RUNS); on 2 cores, the build's own process alone.
    Forked processes copy the build's memory they touch: two of them at 2,000 documents put
    the build's peak over 3 GB for a few seconds gained (CONTRIBUTING, "Figures")."""
    return max(1, cores.processes() - PAGEFIND_RUNS)


@dataclass(frozen=True)
class _Job:
    """A page to prepare: as a document's full text or outline (`full`), or another page
    (the same in both bundles), and the bundles it goes to (False: outline, True: full)."""

    page: pagefind.Page
    full: bool
    bundles: tuple[bool, ...]


@dataclass(frozen=True)
class _Done:
    """A prepared page: its memo key, packed when this build prepared it (None: it was
    the earlier build's; "" without memo), the digest of the page, and whether it was
    written for Pagefind (a page the memo had is written only if its part is indexed)."""

    key: str
    packed: bytes | None
    digest: str
    written: bool


def index_site(cat: Catalog, site_dir: Path, langs: list[str],
               shard_pages: int = pagefind.SHARD_PAGES, memo: Memo | None = None,
               processes: int | None = None) -> list[pagefind.Stats]:
    """Write the outline and full-text Pagefind bundles of the built site (the full text in
    shards of at most `shard_pages` pages a language); `memo`: pages prepared earlier;
    `processes`: that prepare the pages (`preparing_processes()` when None)."""
    # a document page: the whole text on the Vietnamese page (the full-text bundle indexes its
    # body), the card on the others; a very long document's later parts (vanban.site.split,
    # Vietnamese only) are searched in the full text only
    docs = {url("document", d.slug, lang): (d, lang) for d in cat.documents for lang in langs}
    full_dirs, parts = full_only(cat, langs)
    targets: dict[str, list[str]] = {}
    english: dict[str, list[tuple[float, list[str]]]] = {}
    skip = skipped_urls(langs) + repeated_pages(cat, langs)
    others_first = sorted(langs, key=lambda lang: -len(prefix(lang)))  # "en/" before ""

    def lang_of(page_url: str) -> str:
        return next(lang for lang in others_first if page_url.startswith(prefix(lang)))

    def _prepare(page: pagefind.Page, html: str, found: tuple[DocPage, str] | None,
                 full: bool) -> str:
        weight = 1.0
        if found is None:
            extra = pagefind.extra_for(pagefind.page_text(html), cat.glossary)
            if page.url not in parts:
                weight = page_weight(page.url, lang_of(page.url))
                extra.meta["rank"] = f"{weight:g}"      # vb-search.js re-ranks by it too
        else:
            doc, lang = found
            if not full:
                if doc.slug not in targets:
                    targets[doc.slug] = target_texts(cat, doc.slug)
                html = outline(html, targets[doc.slug], pagefind.figures(doc.body))
            extra = document_extra(cat, doc, lang, pagefind.page_text(html), english)
        # both bundles hold syllable pairs too (vanban.pagefind.pairs: faster queries)
        return pagefind.with_pairs(pagefind.with_extra(html, extra.html(), weight), EXCLUDE)

    built = list(pagefind.built_pages(site_dir, skip))

    def in_outline(page: pagefind.Page) -> bool:
        return page.url not in parts and not page.url.startswith(full_dirs)

    # the full text in shards (vanban.pagefind.SHARD_PAGES), by language
    counts = Counter(lang_of(page.url) for page in built)
    shard = pagefind.shards(counts, lang_of, shard_pages)
    # a page other than a document is prepared once for both bundles
    jobs = [_Job(page, page.url not in docs, (False, True) if page.url not in docs else (False,))
            for page in built if in_outline(page)]
    jobs += [_Job(page, True, (True,)) for page in built
             if page.url in docs or not in_outline(page)]

    with tempfile.TemporaryDirectory(prefix="vanban-search-") as tmp:
        # the outline: a bundle per language (vanban.pagefind.outline_dir)
        staging = {False: pagefind.Staging(Path(tmp, "outline"), lang_of, listed=False),
                   True: pagefind.Staging(Path(tmp, "full"), shard)}
        # each part's Pagefind run (the outline, a shard) starts when its pages are prepared:
        # the pages of the part with the most pages (the longest run) first, and so on
        sizes = Counter((bundle, staging[bundle].part(job.page.url))
                        for job in jobs for bundle in job.bundles)
        rank = {part: i for i, part in enumerate(sorted(sizes, key=lambda p: (-sizes[p], p)))}
        jobs.sort(key=lambda job: min(rank[bundle, staging[bundle].part(job.page.url)]
                                      for bundle in job.bundles))

        def prepare(job: _Job) -> _Done:
            page = job.page
            html = page.path.read_text(encoding="utf-8")
            found = docs.get(page.url)
            key = memo.key(page.url, html, found[0] if found else None, job.full) if memo else ""
            earlier = memo.digest(key) if memo else None
            if earlier is not None:
                return _Done(key, None, earlier, False)
            prepared = _prepare(page, html, found, job.full)
            for bundle in job.bundles:
                staging[bundle].write(page.url, prepared)
            return _Done(key, Memo.pack(prepared) if memo else None, digest(prepared), True)

        done = _prepared(prepare, jobs, processes or preparing_processes())
        return _write_bundles(site_dir, jobs, done, staging, memo, langs)


def _prepared(prepare: Callable[[_Job], _Done], jobs: list[_Job],
              processes: int) -> Iterator[tuple[_Job, _Done]]:
    """Each job with its page prepared, in order: by `processes` forked processes when there
    are enough pages to share."""
    if processes <= 1 or len(jobs) < POOL_PAGES or not hasattr(os, "fork"):
        return zip(jobs, map(prepare, jobs), strict=True)
    return zip(jobs, cores.forked_map(prepare, jobs, processes, CHUNK_PAGES), strict=True)


def _write_bundles(site_dir: Path, jobs: list[_Job], done: Iterator[tuple[_Job, _Done]],
                   staging: dict[bool, pagefind.Staging], memo: Memo | None,
                   langs: list[str]) -> list[pagefind.Stats]:
    """The two bundles of the pages prepared (`done`): each part's Pagefind run starts as soon
    as its pages are prepared, beside the preparation of the others. With a memo, a part whose
    pages are the earlier build's is not indexed again: when all of its bundle's pages are
    prepared, the earlier bundle is kept whole if all are the same, else that part."""
    names = {False: pagefind.BUNDLE_DIR, True: pagefind.FULL_BUNDLE_DIR}
    urls: dict[bool, list[str]] = {False: [], True: []}
    for job in jobs:
        for bundle in job.bundles:
            urls[bundle].append(job.page.url)
    part_left = {bundle: Counter(staging[bundle].part(u) for u in urls[bundle])
                 for bundle in urls}
    left = {bundle: len(urls[bundle]) for bundle in urls}
    digests: dict[bool, dict[str, str]] = {False: {}, True: {}}
    kept: dict[bool, bool] = {}
    same: dict[tuple[bool, str], bool] = {}     # a part's pages are the earlier build's
    started: set[tuple[bool, str]] = set()
    runs: list[Future[None]] = []
    options = {False: (pagefind.CHUNK_SIZE, False), True: (pagefind.CHUNK_SIZE, True)}
    unwritten: dict[bool, dict[str, str]] = {False: {}, True: {}}    # URL → its memo key

    def run(pool: ThreadPoolExecutor, bundle: bool, name: str) -> None:
        for page_url, key in unwritten[bundle].items():    # the part's pages the memo had
            if staging[bundle].part(page_url) == name:
                prepared = memo.get(key) if memo else None
                assert prepared is not None
                staging[bundle].write(page_url, prepared)
        started.add((bundle, name))
        runs.append(pool.submit(staging[bundle].index_part, name, EXCLUDE, *options[bundle]))

    def part_prepared(pool: ThreadPoolExecutor, bundle: bool, name: str) -> None:
        if memo is not None:
            if not staging[bundle].shard:
                return                  # one part: decided with its bundle
            # each part's pages too (then an edit re-indexes only the parts it reaches: a
            # shard of its language, its language's outline)
            same[bundle, name] = memo.same_bundle(f"{names[bundle]}/{name}", sorted(
                (u, d) for u, d in digests[bundle].items() if staging[bundle].part(u) == name))
            if same[bundle, name] and (site_dir / names[bundle] / name).is_dir():
                return                  # kept, with its bundle or alone: bundle_prepared
        run(pool, bundle, name)

    def bundle_prepared(pool: ThreadPoolExecutor, bundle: bool) -> None:
        assert memo is not None
        kept[bundle] = (memo.same_bundle(names[bundle], sorted(digests[bundle].items()))
                        and (site_dir / names[bundle]).is_dir())
        if kept[bundle]:
            log.info(f"build cache: the search bundle {names[bundle]}/ is kept "
                     "(its pages are unchanged)")
            return
        for name in staging[bundle].parts(urls[bundle]):
            if (bundle, name) in started:
                continue
            if same.get((bundle, name)):
                log.info(f"build cache: the search bundle {names[bundle]}/{name}/"
                         " is kept (its pages are unchanged)")
                staging[bundle].keep_part(name, site_dir / names[bundle] / name)
            else:
                run(pool, bundle, name)

    with ThreadPoolExecutor(max_workers=PAGEFIND_RUNS) as pool:
        for job, page in done:
            if memo is not None:
                memo.keep(page.key, page.packed, page.digest)
            for bundle in job.bundles:
                digests[bundle][job.page.url] = page.digest
                if not page.written:
                    unwritten[bundle][job.page.url] = page.key
                left[bundle] -= 1
                part = staging[bundle].part(job.page.url)
                part_left[bundle][part] -= 1
                if not part_left[bundle][part]:
                    part_prepared(pool, bundle, part)
                if memo is not None and not left[bundle]:
                    bundle_prepared(pool, bundle)
        for bundle in (False, True):        # a bundle without pages: an empty one
            if not urls[bundle]:
                run(pool, bundle, staging[bundle].parts([])[0])
        for future in runs:
            future.result()
    return [_kept_bundle(site_dir / names[bundle], langs) if kept.get(bundle) else
            staging[bundle].finish(site_dir / names[bundle], len(urls[bundle]))
            for bundle in (False, True)]


def _kept_bundle(folder: Path, langs: Iterable[str] = ()) -> pagefind.Stats:
    files = [f for f in folder.rglob("*") if f.is_file()]
    pages = sum(1 for f in files if f.suffix == ".pf_fragment")
    return pagefind.Stats(pages, sorted(langs), sum(f.stat().st_size for f in files))


def indexed_written(cat: Catalog, langs: list[str], written: Iterable[str]) -> bool:
    """Whether one of the pages written (URLs) is indexed (as vanban.pagefind.built_pages
    chooses them)."""
    skip = skipped_urls(langs) + repeated_pages(cat, langs)
    exact = {s for s in skip if not s.endswith("*")}
    prefixes = tuple(s[:-1] for s in skip if s.endswith("*"))
    return any(url not in exact and not url.startswith(prefixes) for url in written)


def template_globals(lang: str) -> dict[str, Markup]:
    """For partials/vb-search.html: `vb_search_labels`, the search box's strings (JSON, for a
    data attribute); `vb_search_documents`, the document index, and `vb_search_outline`, the
    outline bundle of the language (both site-root relative)."""
    if lang not in LANGS:
        lang = DEFAULT_LANG
    return {"vb_search_labels": escape(json.dumps(pagefind.labels(lang), ensure_ascii=False)),
            "vb_search_documents": escape(url("documents", "", lang)),
            "vb_search_outline": escape(pagefind.outline_dir(lang))}


# ---- MkDocs events (forwarded by hooks/portal.py) ---------------------------------------------

def on_env(env: Environment, config: MkDocsConfig) -> Environment:
    env.globals.update(template_globals(events.languages(config)[0]))
    return env


SCRIPT = "assets/javascripts/vb-search.js"


def minify_script(site: Path) -> None:
    """The search box's script, as published, without its comments and spaces (rjsmin):
    17 KB instead of 30 KB, loaded before the first answer on every static host, also those
    that do not compress. Its commented source stays in overrides/."""
    path = site / SCRIPT
    if not path.is_file():
        log.warning(f"{SCRIPT} is not in the site: the search box will not work")
        return
    code = path.read_text(encoding="utf-8")
    path.write_text(rjsmin.jsmin(code), encoding="utf-8")


def on_post_build(config: MkDocsConfig) -> None:
    """Index the site once, after the last language is written (mkdocs-static-i18n runs the
    other languages' builds inside the first build's on_post_build, flagged `building`).
    VANBAN_SEARCH_INDEX=0 skips it (faster `mkdocs serve` rebuilds; search then says the
    index could not be loaded)."""
    if events.other_language_building(config):
        return
    minify_script(Path(config.site_dir))
    if os.environ.get("VANBAN_SEARCH_INDEX") == "0":
        log.info("VANBAN_SEARCH_INDEX=0: no search index written")
        return
    if "search" in config.plugins or "material/search" in config.plugins:
        log.info("MkDocs' own search plugin is on; no Pagefind index written")
        return
    langs = events.languages(config)[2]
    if not events.changes(config).everything:
        if cache.previous() is None:
            log.info("--dirty rebuild: the search index is the one of the first build")
            return
        if not indexed_written(events.catalog(config), langs, cache.written()):
            log.info("build cache: no indexed page changed, the search index is kept")
            return
    started = time.perf_counter()
    earlier = cache.index_memo()
    memo = Memo(earlier, cache.hashes()) if earlier is not None else None
    processes = preparing_processes()
    cores.release_memory()          # before the processes that prepare the pages fork
    try:
        outline_stats, full = index_site(events.catalog(config), Path(config.site_dir), langs,
                                         memo=memo, processes=processes)
    except pagefind.SearchError as exc:
        raise PluginError(f"vanban: search index: {exc}") from None
    if memo is not None:
        cache.keep_index_memo(memo.kept)
    log.info(f"search index of {full.pages} pages ({', '.join(full.languages)}): outline "
             f"{outline_stats.bytes / 1e6:.1f} MB, full text {full.bytes / 1e6:.1f} MB, "
             f"in {time.perf_counter() - started:.1f} s ({processes} process"
             f"{'es' if processes > 1 else ''})")
