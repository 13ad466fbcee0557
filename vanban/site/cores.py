"""How many processes a build may use, and work shared among forked processes
(vanban.site.prerender, vanban.site.search)."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def processes(environ: Mapping[str, str] | None = None) -> int:
    """Processes a build may use, its own included: `VANBAN_JOBS`, else the cores it may run
    on; 1 while it runs other threads (`mkdocs serve`: forking one thread of several is not
    safe)."""
    if threading.active_count() > 1:
        return 1
    value = (environ if environ is not None else os.environ).get("VANBAN_JOBS", "").strip()
    if value.isdigit() and int(value) >= 1:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


# what the forked processes find in memory: (the function, its items)
_WORK: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []


def _chunk(start: int, end: int) -> list[Any]:
    fn, items = _WORK[-1]
    return [fn(item) for item in items[start:end]]


def forked_map(fn: Callable[[T], R], items: Sequence[T], workers: int,
               chunk: int = 16) -> Generator[R, None, None]:
    """`fn` of each item, in order, computed by `workers` processes forked from this one
    (they share its memory as it is: the catalog is not copied, nor pickled). The processes
    start now, so that they work while the caller goes on; they end when the results have
    all been taken, or when the iterator is closed."""
    _WORK.append((fn, items))
    # the build's objects stay where they are: a process's garbage collector would go
    # through them all, and so copy the memory it shares with the build
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        starts = range(0, len(items), chunk)
        chunks = pool.map(_chunk, starts, [min(s + chunk, len(items)) for s in starts])
    finally:       # (the processes are forked by now: a fork pool starts them all at once)
        gc.unfreeze()
        _WORK.pop()
    return _results(pool, chunks)


def _results(pool: ProcessPoolExecutor, chunks: Iterator[list[R]]
             ) -> Generator[R, None, None]:
    try:
        for results in chunks:
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def release_memory() -> None:
    """Give back to the system the memory the build has freed (the pages' text once written):
    the C library keeps it for later allocations, and processes forked now would count it
    as theirs too. At 500 documents, before the search index: 357 → 261 MB. Only with the
    GNU C library (`malloc_trim`); elsewhere nothing is done."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim      # the C library the process runs on
    except (OSError, AttributeError):
        return
    trim(0)
