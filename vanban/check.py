"""`vanban check`: every problem of the portal's content, collected, without building the site.

What it checks (each a function in `CHECKS`, returning problems; add one there):

- data/agencies.yml, data/glossary.yml, data/targets/*.yml and the documents' front matter —
  the same validation the build runs (vanban.site.catalog);
- every other YAML file under data/ (syntax: the line of the error);
- the news posts' front matter and their translations (vanban.posts.check_posts);
- every internal link and #anchor of every Markdown page under docs/ (vanban.links);
- notices, not errors: the agencies an import added to data/agencies.yml (`review: true`)
  that staff have not reviewed yet (`notice` is true: `vanban check` still passes).

Each problem reads `file:line: key.path: what is wrong — how to fix it`, in Vietnamese or
English; paths are relative to the project folder. It reads front matter and scans text: no
page is rendered and nothing is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .data import DataError, Problem, load_agencies, load_yaml_nodes, review_notices
from .site.catalog import Catalog, Sources, load_catalog, read_documents


class Reportable(Protocol):
    @property
    def file(self) -> str: ...

    @property
    def line(self) -> int: ...

    def message(self, lang: str | None = None) -> str: ...


def sources(root: Path, as_of: int = 0) -> Sources:
    data = root / "data"
    return Sources((root / "docs").resolve(), data / "agencies.yml", data / "glossary.yml",
                   root.resolve(), as_of)


def _catalog(root: Path, as_of: int) -> Catalog | DataError:
    try:
        return load_catalog(sources(root, as_of))
    except DataError as exc:
        return exc


def check_data(root: Path, as_of: int = 0) -> list[Reportable]:
    """Problems of the data files and the documents' front matter. An invalid agencies or
    glossary file stops the data check there (targets name agencies, so they are checked once
    it is valid; so are the agencies documents assign tasks to)."""
    cat = _catalog(root, as_of)
    if isinstance(cat, Catalog):
        return list(cat.problems)
    # an invalid data file stops the catalog: the documents' own front matter is still checked
    return [*cat.problems, *read_documents(sources(root, as_of))[1]]


def check_yaml(root: Path, as_of: int = 0) -> list[Reportable]:
    """Syntax of the YAML files under data/ that `check_data` does not read."""
    data = root / "data"
    read = {data / "agencies.yml", data / "glossary.yml"}
    problems: list[Reportable] = []
    for path in sorted(data.rglob("*")):
        if path.suffix not in (".yml", ".yaml") or path in read or not path.is_file() \
                or (path.parent == data / "targets" and path.suffix == ".yml"):
            continue
        try:
            load_yaml_nodes(path)
        except DataError as exc:
            problems += [_relabel(p, root) for p in exc.problems]
    return problems


def _relabel(problem: Problem, root: Path) -> Problem:
    """The problem with its file named relative to the project folder."""
    path = Path(problem.file)
    if not path.is_absolute():
        path = Path.cwd() / path
    with contextlib.suppress(ValueError):
        problem.file = path.resolve().relative_to(root.resolve()).as_posix()
    return problem


def check_news(root: Path, as_of: int = 0) -> list[Reportable]:
    from .posts import check_posts

    return list(check_posts((root / "docs").resolve(), root.resolve()))


def check_links(root: Path, as_of: int = 0) -> list[Reportable]:
    """Internal links of every page under docs/. The pages the build generates come from the
    catalog; when the data is invalid (reported by check_data) links into the generated
    folders are not checked."""
    from .links import Site, check_file
    from .posts import load_posts
    from .progress.export import ALL
    from .site.news import index_pages
    from .site.pages import generated_pages
    from .site.urls import DOWNLOADS_DIR, src_uri

    docs = (root / "docs").resolve()
    cat = _catalog(root, as_of)
    generated = {src_uri("feed")} | {p.src_uri for p in index_pages(load_posts(docs)[0])}
    unknown: tuple[str, ...] = ()
    if isinstance(cat, Catalog):
        generated |= {p.src_uri for p in generated_pages(cat)}
        generated |= {f"{DOWNLOADS_DIR}/{slug}.{ext}" for slug in [*cat.progress.files, ALL]
                      for ext in ("csv", "json")}
    else:
        generated |= {src_uri(kind) for kind in ("documents", "agencies", "glossary",
                                                 "progress_index", "deadlines")}
        unknown = ("van-ban/loai/", "van-ban/nam/", "co-quan/", "tien-do/", "han/")
    site = Site(docs, generated, unknown_prefixes=unknown)
    problems: list[Reportable] = []
    root_abs = root.resolve()
    for file in sorted(f for f in site.files if f.endswith(".md")):
        label = (docs / file).relative_to(root_abs).as_posix() \
            if docs.is_relative_to(root_abs) else (docs / file).as_posix()
        problems += check_file(site, file, label)
    return problems


def check_review(root: Path, as_of: int = 0) -> list[Reportable]:
    """Notices: agencies added by an import and still marked `review: true`."""
    path = root / "data" / "agencies.yml"
    try:
        registry = load_agencies(path)
    except DataError:
        return []                   # reported by check_data
    label = path.resolve().relative_to(root.resolve()).as_posix() \
        if path.resolve().is_relative_to(root.resolve()) else path.as_posix()
    return list(review_notices(registry, label))


def is_notice(problem: Reportable) -> bool:
    """Something to review, not an error."""
    return bool(getattr(problem, "notice", False))


CHECKS: list[Callable[[Path, int], list[Reportable]]] = [check_data, check_yaml, check_news,
                                                         check_links, check_review]


def check(root: Path, as_of: int = 0) -> list[Reportable]:
    """Every problem found under the project folder `root` (the folder of mkdocs.yml), by file
    and line."""
    found = [p for run in CHECKS for p in run(root, as_of)]
    return sorted(found, key=lambda p: (p.file, p.line))
