"""Dump what the search index is made of, to compare two versions of vanban.site.search.

    python scripts/check_index_pages.py PORTAL OUT.json

PORTAL: a built portal (its mkdocs.yml, data/ and site/). Runs `index_site` on the built site
(no build cache) and writes, per Pagefind run, the SHA-256 of every page handed to Pagefind,
and of every file of the bundles written (but those Pagefind writes in a random order). Two
runs' files are equal when the preparation gives the same pages byte for byte:
`cmp old.json new.json`. Prints the index time, and each Pagefind run's.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

from mkdocs.config import load_config

from vanban import pagefind
from vanban.site import events, search
from vanban.site.labels import DEFAULT_LANG, LANGS


def main(portal: Path, out: Path) -> None:
    config = load_config(str(portal / "mkdocs.yml"))
    cat = events.load(config)
    site = Path(config.site_dir)
    # the languages built (outside a build, the i18n plugin knows only the default one)
    langs = [lang for lang in LANGS if lang == DEFAULT_LANG or (site / lang).is_dir()]
    runs: dict[str, dict[str, str]] = {}
    started = time.perf_counter()
    original = pagefind._run_pagefind

    def recording(pages: Path, dest: Path, *args: object, **kwargs: object) -> None:
        name = str(dest)                                # one per run (runs overlap)
        runs[name] = {f.relative_to(pages).as_posix(): _sha(f)
                      for f in sorted(pages.rglob("*")) if f.is_file()}
        print(f"  Pagefind on {len(runs[name])} pages from "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        began = time.perf_counter()
        original(pages, dest, *args, **kwargs)          # type: ignore[arg-type]
        print(f"  Pagefind on {len(runs[name])} pages: {time.perf_counter() - began:.1f} s, "
              f"ended at {time.perf_counter() - started:.1f} s", file=sys.stderr)

    pagefind._run_pagefind = recording                  # type: ignore[assignment]
    search.index_site(cat, site, langs)
    print(f"index_site ({search.__file__}): {time.perf_counter() - started:.1f} s")
    # Pagefind writes its filter maps in a random order (see tests/test_cache.py): the filter
    # files, the meta files and entry files naming them are left out
    bundles = {b: {f.relative_to(site / b).as_posix(): _file_sha(f)
                   for f in sorted((site / b).rglob("*")) if f.is_file()
                   and f.parent.name != "filter" and f.suffix != ".pf_meta"
                   and f.name != "pagefind-entry.json"}
               for b in (pagefind.BUNDLE_DIR, pagefind.FULL_BUNDLE_DIR)}
    # the runs by the pages they index (the two bundles' runs may come in either order)
    inputs = sorted(runs.values(), key=lambda r: json.dumps(r, sort_keys=True))
    out.write_text(json.dumps({"inputs": inputs, "bundles": bundles}, indent=0,
                              sort_keys=True), encoding="utf-8")


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sha(path: Path) -> str:
    """Of a page as Pagefind reads it (a version that gave Pagefind the whole page gives the
    same as one that leaves out what Pagefind does not read: vanban.pagefind.as_read)."""
    return hashlib.sha256(pagefind.as_read(path.read_text(encoding="utf-8")).encode()).hexdigest()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
