"""Generated pages rendered on every core.

MkDocs renders pages one after another in one process. The portal's generated pages (agency
pages, lists, deadlines, progress: most of a large site's pages) are rendered from the catalog
alone, so they can be rendered ahead, in worker processes, while MkDocs works through the
documents' Markdown: when MkDocs reaches such a page, `on_page_content` takes its HTML from
here. The workers are forked from the build (they share the catalog as it is in memory) and
hand back each page's HTML, its sections (for the table of contents) and the log records its
rendering made, which are logged again here so that `--strict` counts their warnings.

`VANBAN_JOBS` sets the number of processes, the build's own included (default: the cores the
build may use; 1: render everything in the build's own process, as MkDocs would): the build
goes on with the documents while `VANBAN_JOBS - 1` workers render the generated pages. Fewer
than `MIN_PAGES` pages (a `--dirty` rebuild, a small portal) are rendered in the build's
process: starting the workers costs more than they save.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass

from .catalog import Catalog
from .html import Abbreviations, Markup
from .pages import GeneratedPage, render
from .views import Section

log = logging.getLogger("mkdocs.plugins.vanban")

MIN_PAGES = 200     # fewer pages: no workers
CHUNK = 16          # pages a worker renders at a time

Rendered = tuple[Markup, list[Section]]


@dataclass
class _Job:
    cat: Catalog
    lang: str
    abbrs: Abbreviations
    pages: list[tuple[GeneratedPage, str]]      # (page, its URL)


_JOB: _Job | None = None        # what the forked workers render (set before they start)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.records and self.records[-1] is record:    # reached both loggers
            return
        record.msg, record.args = record.getMessage(), None     # picklable
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _render_chunk(start: int) -> list[tuple[str, Markup, list[Section], list[logging.LogRecord]]]:
    assert _JOB is not None
    out = []
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]  # MkDocs' does not propagate
    for page, here in _JOB.pages[start:start + CHUNK]:
        records = _Records()
        saved = [logger.handlers[:] for logger in loggers]
        for logger in loggers:
            logger.handlers[:] = [records]     # this page's records go back to the build
        try:
            html, sections = render(page, _JOB.cat, _JOB.lang, here, _JOB.abbrs)
        finally:
            for logger, handlers in zip(loggers, saved, strict=True):
                logger.handlers[:] = handlers
        out.append((here, html, sections, records.records))
    return out


class Prerendered:
    """The generated pages of one language being rendered by worker processes, in the order
    given (MkDocs' order): `take(url)` waits for that page."""

    def __init__(self, cat: Catalog, lang: str, abbrs: Abbreviations,
                 pages: list[tuple[GeneratedPage, str]], workers: int) -> None:
        global _JOB
        self._done: dict[str, Rendered] = {}
        self._pool = None
        self._results: Iterator[list[tuple[str, Markup, list[Section],
                                           list[logging.LogRecord]]]] = iter(())
        if workers < 1 or len(pages) < MIN_PAGES or "fork" not in \
                multiprocessing.get_all_start_methods():
            return
        _JOB = _Job(cat, lang, abbrs, pages)
        log.info(f"{len(pages)} generated pages ({lang}) rendered in {workers} other processes")
        # the build's objects stay where they are: the workers' garbage collector would go
        # through them all, and so copy the memory they share with the build
        gc.freeze()
        try:
            self._pool = multiprocessing.get_context("fork").Pool(workers)
        finally:
            gc.unfreeze()
        self._results = self._pool.imap(_render_chunk, range(0, len(pages), CHUNK))
        self._pool.close()          # no more work: the workers end when this is done
        _JOB = None                 # the workers have their own copy

    def take(self, here: str) -> Rendered | None:
        """The page at URL `here` rendered by a worker, or None (not one of the pages given,
        or no workers: render it in this process)."""
        if self._pool is None:
            return None
        while here not in self._done:
            try:
                chunk = next(self._results)
            except StopIteration:
                return None
            for url, html, sections, records in chunk:
                for record in records:
                    logging.getLogger(record.name).handle(record)
                self._done[url] = (html, sections)
        return self._done.pop(here)

    def close(self) -> None:
        """Stop the workers (a build that failed, or pages left untaken)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
