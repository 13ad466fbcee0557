"""`vanban check`: every problem of the portal's content, collected, without building the site.

Today: data/agencies.yml, data/glossary.yml, the documents' front matter (agencies they assign
tasks to) and data/targets/*.yml — the same validation the build runs (vanban.site.catalog).
Each problem reads `file:line: key.path: what is wrong — how to fix it`, in Vietnamese or
English. More checks (front matter in depth, links) plug in here: add a function returning
problems to `CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .data import DataError
from .site.catalog import Sources, load_catalog


class Reportable(Protocol):
    def message(self, lang: str | None = None) -> str: ...


def sources(root: Path, as_of: int = 0) -> Sources:
    data = root / "data"
    return Sources((root / "docs").resolve(), data / "agencies.yml", data / "glossary.yml",
                   root.resolve(), as_of)


def check_data(root: Path, as_of: int = 0) -> list[Reportable]:
    """Problems of the data files and the documents' front matter. An invalid agencies or
    glossary file stops there (targets name agencies, so they are checked once it is valid)."""
    try:
        cat = load_catalog(sources(root, as_of))
    except DataError as exc:
        return list(exc.problems)
    return list(cat.problems)


CHECKS: list[Callable[[Path, int], list[Reportable]]] = [check_data]


def check(root: Path, as_of: int = 0) -> list[Reportable]:
    """Every problem found under the project folder `root` (the folder of mkdocs.yml)."""
    return [p for run in CHECKS for p in run(root, as_of)]
