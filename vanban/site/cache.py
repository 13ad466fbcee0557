"""The build cache: the previous build's site, kept in `.cache/vanban/` (git-ignored) with a
manifest, so that `make build` / `vanban build` after an edit renders only what the edit
reaches (vanban.site.incremental, from what each kind of page reads in vanban.site.kinds).

The folder holds:

- `site/`: the previous build's site, hard links to the files of the site it built (a copy
  where links cannot be made), so that keeping it costs no disk and no time;
- `catalog.pickle`: that build's catalog (what `incremental` compares the new one with);
- `manifest.json`: the fingerprint of the code and configuration it was built with and the
  SHA-256 of every input file (docs/ and data/), written last.

A build (`mkdocs build --dirty`, which the Makefile and `vanban build` run) uses the cache when
the manifest's fingerprint is this build's: the site folder is made the cached site again (hard
links; nothing to do when it still is), the input files are hashed and compared with the
manifest, and only the pages an edited input reaches are rendered again (pages made from
files: also when their own file changed); the others keep their cached HTML. A fingerprint
that differs (the package's code, hooks/, overrides/, mkdocs.yml, the installed packages'
versions, Python, the build's environment options), a file added or removed, or no cache:
the site folder is emptied and everything is built, as `mkdocs build --clean` does.

The manifest is removed when a build starts (the cached site's files are the new site's,
written in place) and written again when the build ends well (`on_build_error`: not at all),
so that a failed or interrupted build leaves no cache to trust. `mkdocs serve --dirty` starts
from a copy of the cached site (its rebuilds write in place) and never writes the cache.
`VANBAN_CACHE=0` (`make build CACHE=0`, `vanban build --no-cache`): no cache read or written.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from ..progress.targets import files_read, remember_files
from .catalog import Catalog, Sources, documents_read, remember_catalog, remember_documents

log = get_plugin_logger("vanban")

FOLDER = Path(".cache") / "vanban"      # under the project's folder (mkdocs.yml's)
FORMAT = 1                              # of the folder's files; a new one refuses old caches
MANIFEST = "manifest.json"
CATALOG = "catalog.pickle"
INDEX_MEMO = "search-pages.pickle"     # the pages as the search index read them
DOCUMENTS = "documents.pickle"         # each document file as read (its front matter parsed)
SITE = "site"
# environment variables a build reads (the site's address, whether to index): in the
# fingerprint; SOURCE_DATE_EPOCH is not (only the sitemap, rendered at every build, reads it)
ENVIRONMENT = ("VANBAN_SITE_URL", "VANBAN_SEARCH_INDEX")
CODE = Path(__file__).resolve().parents[1]      # the vanban package


def enabled() -> bool:
    return os.environ.get("VANBAN_CACHE", "1") != "0"


def folder(config: MkDocsConfig) -> Path:
    return project_root(config) / FOLDER


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


# ---- fingerprint and input hashes -------------------------------------------------------------

def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def tree_hashes(top: Path, base: Path) -> dict[str, str]:
    """path relative to `base` → SHA-256, for every file under `top` (no __pycache__)."""
    out: dict[str, str] = {}
    if not top.is_dir():
        return out
    for dirpath, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = Path(dirpath, name)
            out[path.relative_to(base).as_posix()] = _digest(path)
    return out


def fingerprint(root: Path, config_file: Path, code: Path = CODE,
                as_of: int = 0) -> str:
    """What the site depends on besides its input files: this package's code, the project's
    hooks/ and overrides/, mkdocs.yml, the installed packages (name and version), Python, the
    project's folder (paths are in the catalog), the year target statuses are computed for,
    and the environment options in ENVIRONMENT."""
    h = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            h.update(repr(part).encode("utf-8"))
            h.update(b"\0")

    add(FORMAT, sys.version, str(root), as_of)
    add(sorted(tree_hashes(code, code).items()))
    for name in ("hooks", "overrides"):
        add(name, sorted(tree_hashes(root / name, root).items()))
    add(_digest(config_file) if config_file.is_file() else None)
    add(sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()))
    add([(k, os.environ.get(k)) for k in ENVIRONMENT])
    return h.hexdigest()


def input_hashes(root: Path, docs_dir: Path) -> dict[str, str]:
    """Every input file of the site (docs/ and data/) → its SHA-256, by path under `root`."""
    return {**tree_hashes(docs_dir, root), **tree_hashes(root / "data", root)}


# ---- the state of this process's build --------------------------------------------------------

@dataclass
class Previous:
    """The cached build this one starts from."""

    catalog: Catalog
    changed: set[Path]              # input files whose content differs from the cache's


@dataclass
class State:
    command: str = "build"
    dirty: bool = False             # mkdocs' --dirty: what a cached build runs
    root: Path | None = None
    fingerprint: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    previous: Previous | None = None
    written: set[str] = field(default_factory=set)   # URLs of the pages written this build
    builds: int = 0                 # builds of this process that looked at the cache
    index_memo: dict[str, bytes] | None = None      # to keep (vanban.site.search.Memo)


_STATE = State()


def on_startup(command: str, dirty: bool) -> None:
    _STATE.command, _STATE.dirty = command, dirty
    _STATE.previous, _STATE.builds = None, 0


def previous() -> Previous | None:
    """The cached build this build starts from (None: everything is built)."""
    return _STATE.previous


def modified(path: str | None) -> bool | None:
    """Whether the input file at the absolute `path` changed since the cached build (None: no
    cached build, or not an input file)."""
    if _STATE.previous is None or _STATE.root is None or path is None:
        return None
    try:
        rel = Path(path).resolve().relative_to(_STATE.root).as_posix()
    except ValueError:
        return None
    if rel not in _STATE.inputs:
        return None
    return Path(path).resolve() in _STATE.previous.changed


def hashes() -> dict[str, str]:
    """The SHA-256 of this build's input files, by path under the project's folder."""
    return _STATE.inputs


def index_memo() -> dict[str, bytes] | None:
    """The pages prepared for the search index by the cached build (vanban.site.search.Memo;
    None: no cache)."""
    if not enabled() or _STATE.root is None or _STATE.command == "serve" and _STATE.builds > 1:
        return None
    if _STATE.previous is None:
        return {}
    try:
        with (_STATE.root / FOLDER / INDEX_MEMO).open("rb") as f:
            found = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        return {}
    return found if isinstance(found, dict) else {}


def keep_index_memo(memo: dict[str, bytes]) -> None:
    _STATE.index_memo = memo


def page_written(url: str) -> None:
    _STATE.written.add(url)


def written() -> set[str]:
    """URLs of the pages written by this build (both languages)."""
    return _STATE.written


def on_pre_build(config: MkDocsConfig, sources: Sources) -> None:
    """Before the default language's build: take the cached build (or clean the site folder
    when it cannot be used and MkDocs will not)."""
    _STATE.written, _STATE.index_memo = set(), None
    if _STATE.command == "serve" and _STATE.builds:
        _STATE.previous = None
        return                  # a rebuild of `mkdocs serve`: vanban.site.incremental
    _STATE.builds += 1
    _STATE.previous = None
    if not enabled():
        return
    root = project_root(config)
    cache = root / FOLDER
    site = Path(config.site_dir).resolve()
    _STATE.root = root
    _STATE.fingerprint = fingerprint(root, Path(config.config_file_path or "mkdocs.yml"),
                                     as_of=sources.as_of_year())
    _STATE.inputs = input_hashes(root, Path(config.docs_dir).resolve())
    manifest = _read_manifest(cache)
    reason = _refused(manifest, cache)
    if not _STATE.dirty:
        reason = None           # a clean build: MkDocs empties the site folder itself
    elif reason is None and manifest is not None:
        try:
            with (cache / CATALOG).open("rb") as f:
                catalog, targets_read = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            reason = "its catalog cannot be read"
        else:
            old = manifest["inputs"]
            changed = {(root / rel).resolve() for rel in _STATE.inputs
                       if old.get(rel) != _STATE.inputs[rel]}
            _restore(cache / SITE, site, copy=_STATE.command == "serve")
            _STATE.previous = Previous(catalog, changed)
            _remember_documents(cache, changed)
            if not {sources.agencies.resolve(), sources.glossary.resolve()} & changed:
                # its agency registry, and the targets files read against it
                remember_catalog(sources, catalog)
                remember_files({p: r for p, r in targets_read.items()
                                if p.resolve() not in changed})
            log.info(f"build cache: {len(changed)} input file(s) changed since the cached "
                     f"build ({FOLDER.as_posix()})")
    if reason is not None:
        log.info(f"build cache not used: {reason}; building everything")
        if site.is_dir():
            _empty(site)
    if _STATE.command != "serve":
        (cache / MANIFEST).unlink(missing_ok=True)    # the cached site is rewritten in place


def _remember_documents(cache: Path, changed: set[Path]) -> None:
    """The documents the cached build read, but those whose file (or original beside it,
    `x.md` and `x.*`) changed: not read again."""
    try:
        with (cache / DOCUMENTS).open("rb") as f:
            read = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return
    touched = {(p.parent, p.name.split(".", 1)[0]) for p in changed}
    kept = {Path(p): v for p, v in read.items()
            if (Path(p).parent, Path(p).name.split(".", 1)[0]) not in touched}
    remember_documents(kept)
    log.info(f"build cache: {len(kept)} of {len(read)} document files not read again")


def discard(config: MkDocsConfig, reason: str) -> None:
    """Build everything after all (before anything is written): no page of the cached site
    is kept, not even one a clean build would no longer write."""
    log.info(f"build cache not used: {reason}; building everything")
    site = Path(config.site_dir)
    if site.is_dir():
        _empty(site)


def _read_manifest(cache: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _refused(manifest: dict[str, Any] | None, cache: Path) -> str | None:
    """Why the cache cannot be used (None: it can)."""
    if not (cache / SITE).is_dir():
        return "there is none"
    if manifest is None:        # removed when a build starts, written when it ends well
        return "the last build did not finish (it failed, strict mode's warnings included, " \
            "or was stopped)"
    if manifest.get("fingerprint") != _STATE.fingerprint:
        return "the code or the configuration changed since it was built"
    inputs = manifest.get("inputs")
    if not isinstance(inputs, dict) or inputs.keys() != _STATE.inputs.keys():
        return "input files were added or removed"
    return None


def on_post_build(config: MkDocsConfig) -> None:
    """After the whole site (every language, the search index) is written: keep it as the
    cache. MkDocs' strict mode may still fail the build after this: `on_build_error`."""
    if not enabled() or _STATE.command == "serve" or _STATE.root is None:
        return
    catalog = _catalog(config)
    if catalog is None:
        return
    cache = _STATE.root / FOLDER
    cache.mkdir(parents=True, exist_ok=True)
    _mirror(Path(config.site_dir).resolve(), cache / SITE)
    # with the targets files read: both hold the same agency registry (pickled once)
    _pickle((catalog, files_read()), cache / CATALOG)
    # apart from the catalog: the catalog's documents are changed by the next build's
    _pickle({str(p): v for p, v in documents_read().items()}, cache / DOCUMENTS)
    if _STATE.index_memo is not None:       # else: the index was kept, and so are its pages
        _pickle(_STATE.index_memo, cache / INDEX_MEMO)
        _STATE.index_memo = None
    manifest = {"format": FORMAT, "fingerprint": _STATE.fingerprint, "inputs": _STATE.inputs}
    tmp = cache / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=0, sort_keys=True), encoding="utf-8")
    tmp.replace(cache / MANIFEST)


def _pickle(value: object, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def on_build_error() -> None:
    """A failed build (also: strict mode's warnings) leaves no cache to trust."""
    if _STATE.root is not None and _STATE.command != "serve":
        (_STATE.root / FOLDER / MANIFEST).unlink(missing_ok=True)


def _catalog(config: MkDocsConfig) -> Catalog | None:
    from . import events      # events imports this module

    return events.catalog(config)


# ---- the cached site's files ------------------------------------------------------------------

def _files(top: Path) -> dict[str, os.stat_result]:
    """Every file under `top` (its path relative to `top`, with "/") → its stat."""
    out: dict[str, os.stat_result] = {}
    folders = [("", str(top))]
    while folders:
        rel, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append((rel + entry.name + "/", entry.path))
            else:
                out[rel + entry.name] = entry.stat()
    return out


def _empty(site: Path) -> None:
    for entry in site.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _link(src: Path, dest: Path, copy: bool) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_dir():               # shutil.copy2 would copy into it
        raise IsADirectoryError(dest)
    if not copy:
        try:
            os.link(src, dest)
            return
        except OSError:
            pass
    shutil.copy2(src, dest)


def _restore(cached: Path, site: Path, copy: bool) -> None:
    """Make `site` the cached site: the same files (hard links; with `copy`, copies)."""
    want = _files(cached)
    if not copy and site.is_dir():
        have = _files(site)
        if have.keys() == want.keys() and all(_same(have[k], want[k]) for k in want):
            return                      # still the cached site (the usual case)
    if site.is_dir():
        _empty(site)
    for rel in want:
        _link(cached / rel, site / rel, copy)


def _mirror(site: Path, cached: Path) -> None:
    """Make `cached` hold the files of `site` (hard links where it can). Only the files that
    differ are linked again: a page MkDocs wrote in place is still the cached file (the same
    inode), and an edit writes a few new files. An interrupted mirror is harmless: the
    manifest, written after it, is what makes the cache usable."""
    want = _files(site)
    have = _files(cached)
    try:
        for rel, st in have.items():
            new = want.get(rel)
            if new is None or not _same(new, st):
                (cached / rel).unlink()
        for rel, st in want.items():
            old = have.get(rel)
            if old is None or not _same(st, old):
                _link(site / rel, cached / rel, copy=False)
    except OSError:         # e.g. a file where a folder was: mirror everything afresh
        shutil.rmtree(cached, ignore_errors=True)
        for rel in want:
            _link(site / rel, cached / rel, copy=False)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    """The same file (hard links), or a copy of it `shutil.copy2` made (size and date)."""
    return (a.st_ino == b.st_ino and a.st_dev == b.st_dev) or (
        a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns)
