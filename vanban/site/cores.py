"""How many processes a build may use (vanban.site.prerender, vanban.site.search)."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping


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
