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

import logging
import multiprocessing
from collections.abc import Generator

from .catalog import Catalog
from .cores import forked_map
from .html import Abbreviations, Markup
from .pages import GeneratedPage, render
from .views import Section

log = logging.getLogger("mkdocs.plugins.vanban")

MIN_PAGES = 200     # fewer pages: no workers
CHUNK = 16          # pages a worker renders at a time

Rendered = tuple[Markup, list[Section]]


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


def _render(job: tuple[Catalog, str, Abbreviations, GeneratedPage, str]
            ) -> tuple[str, Markup, list[Section], list[logging.LogRecord]]:
    """One page rendered in a worker, with the log records its rendering made."""
    cat, lang, abbrs, page, here = job
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]  # MkDocs' does not propagate
    records = _Records()
    saved = [logger.handlers[:] for logger in loggers]
    for logger in loggers:
        logger.handlers[:] = [records]     # this page's records go back to the build
    try:
        html, sections = render(page, cat, lang, here, abbrs)
    finally:
        for logger, handlers in zip(loggers, saved, strict=True):
            logger.handlers[:] = handlers
    return here, html, sections, records.records


class Prerendered:
    """The generated pages of one language being rendered by worker processes, in the order
    given (MkDocs' order): `take(url)` waits for that page."""

    def __init__(self, cat: Catalog, lang: str, abbrs: Abbreviations,
                 pages: list[tuple[GeneratedPage, str]], workers: int) -> None:
        self._done: dict[str, Rendered] = {}
        self._results: Generator[tuple[str, Markup, list[Section],
                                       list[logging.LogRecord]], None, None] | None = None
        if workers < 1 or len(pages) < MIN_PAGES or "fork" not in \
                multiprocessing.get_all_start_methods():
            return
        log.info(f"{len(pages)} generated pages ({lang}) rendered in {workers} other processes")
        self._results = forked_map(_render, [(cat, lang, abbrs, page, here)
                                             for page, here in pages], workers, CHUNK)

    def take(self, here: str) -> Rendered | None:
        """The page at URL `here` rendered by a worker, or None (not one of the pages given,
        or no workers: render it in this process)."""
        if self._results is None:
            return None
        while here not in self._done:
            found = next(self._results, None)
            if found is None:
                return None
            url, html, sections, records = found
            for record in records:
                logging.getLogger(record.name).handle(record)
            self._done[url] = (html, sections)
        return self._done.pop(here)

    def close(self) -> None:
        """Stop the workers (a build that failed, or pages left untaken)."""
        if self._results is not None:
            self._results.close()
            self._results = None
