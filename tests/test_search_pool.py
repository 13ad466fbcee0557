"""The search index prepared fast (issue 20): on several processes, and with the faster
word functions, Pagefind is given the same pages, byte for byte, as by one process with the
plain definitions."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from vanban import pagefind
from vanban.site import events, search
from vanban.text import fold, normalize

# Pagefind writes its filter maps in a random order (tests/test_cache.py): those files, and
# the meta and entry files naming them, are compared by name only
_RANDOM = re.compile(r"(^|/)(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$")


def _index(seed_portal: Path, site: Path, monkeypatch: pytest.MonkeyPatch, processes: int | None,
           memo: search.Memo | None) -> tuple[dict[str, dict[str, bytes]], set[int]]:
    """Index a copy of the seed portal in shards of 8 pages; (the pages each Pagefind run
    was given, by bundle and part; the processes that wrote them)."""
    shutil.copytree(seed_portal, site)
    return _reindex(seed_portal, site, monkeypatch, processes, memo)


def _reindex(seed_portal: Path, site: Path, monkeypatch: pytest.MonkeyPatch,
             processes: int | None, memo: search.Memo | None
             ) -> tuple[dict[str, dict[str, bytes]], set[int]]:
    given: dict[str, dict[str, bytes]] = {}
    writers = site.parent / f"writers-{site.name}-{processes}-{memo is not None}"
    run, write = pagefind._run_pagefind, pagefind.Staging.write

    def recording(pages: Path, dest: Path, *args: object, **kwargs: object) -> None:
        parts = pages.parts         # <staging>/outline/site/., <staging>/full/site/0 …
        at = len(parts) - 1 - parts[::-1].index("site")
        given[f"{parts[at - 1]}/{'/'.join(parts[at + 1:]) or '.'}"] = {
            f.relative_to(pages).as_posix(): f.read_bytes()
            for f in pages.rglob("*") if f.is_file()}
        run(pages, dest, *args, **kwargs)          # type: ignore[arg-type]

    def writing(staging: pagefind.Staging, url: str, html: str) -> None:
        with writers.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        write(staging, url, html)

    monkeypatch.setattr(pagefind, "_run_pagefind", recording)
    monkeypatch.setattr(pagefind.Staging, "write", writing)
    monkeypatch.setattr(search, "POOL_PAGES", 1)
    monkeypatch.setattr(search, "CHUNK_PAGES", 3)
    config = load_config(str(seed_portal.parent / "mkdocs.yml"))
    search.index_site(events.load(config), site, ["vi", "en"], shard_pages=8, memo=memo,
                      processes=processes)
    monkeypatch.undo()
    pids = {int(line) for line in writers.read_text(encoding="utf-8").split()} \
        if writers.is_file() else set()
    return given, pids


def _bundles(site: Path) -> tuple[dict[str, bytes], list[str]]:
    found = [f for name in (pagefind.BUNDLE_DIR, pagefind.FULL_BUNDLE_DIR)
             for f in sorted((site / name).rglob("*")) if f.is_file()]
    return ({f.relative_to(site).as_posix(): f.read_bytes() for f in found
             if not _RANDOM.search(f.as_posix())},
            sorted(re.sub(r"_[0-9a-f]+\.", "_#.", f.relative_to(site).as_posix())
                   for f in found if _RANDOM.search(f.as_posix())))


def test_pages_prepared_by_a_pool_of_processes_are_those_of_one(
        seed_portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, one_pids = _index(seed_portal, tmp_path / "one", monkeypatch, 1, None)
    two, two_pids = _index(seed_portal, tmp_path / "two", monkeypatch, 2, None)
    assert one_pids == {os.getpid()}
    assert len(two_pids - {os.getpid()}) == 2       # the pool's two processes wrote them
    # the outline a bundle per language, and the full text in shards of 8 pages a language
    assert "outline/vi" in one and "outline/en" in one
    assert sum(key.startswith("full/") for key in one) >= 6
    assert sorted(one) == sorted(two)
    assert [key for key in one if one[key] != two[key]] == []
    # a document page in the outline is its card; in the full text, its text
    slug = "van-ban/ctr-17-ldld-2021/index.html"
    outline = one["outline/vi"][slug]
    full, = (pages[slug] for key, pages in one.items() if key.startswith("full/")
             and slug in pages)
    assert len(outline) < len(full)
    assert _bundles(tmp_path / "one") == _bundles(tmp_path / "two")


def test_a_pool_keeps_the_pages_for_the_next_build_as_one_process(
        seed_portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memos = [search.Memo({}, {"data/glossary.yml": "g"}) for _ in range(2)]
    one, _ = _index(seed_portal, tmp_path / "one", monkeypatch, 1, memos[0])
    two, _ = _index(seed_portal, tmp_path / "two", monkeypatch, 2, memos[1])
    assert one == two
    assert memos[0].kept == memos[1].kept
    pages = sum(len(given) for given in one.values())
    bundles = [key for key in memos[0].kept if key.startswith("bundle:")]
    shards = [key for key in one if key.startswith("full/")]
    assert sorted(bundles) == sorted(
        ["bundle:pagefind", "bundle:pagefind/vi", "bundle:pagefind/en", "bundle:pagefind-full"]
        + [f"bundle:pagefind-full/{key.split('/')[1]}" for key in shards])
    # a document's two pages (outline and full text) are two; another page is one for both
    prepared = [key for key in memos[0].kept if not key.startswith(("bundle:", "digest:"))]
    assert len(prepared) < pages
    assert len([key for key in memos[0].kept if key.startswith("digest:")]) == len(prepared)
    # the next build, with the same pages, keeps both bundles and prepares no page again
    again = search.Memo(memos[1].kept, {"data/glossary.yml": "g"})
    monkeypatch.setattr(search.Memo, "pack", None)      # would fail if a page were prepared
    config = load_config(str(seed_portal.parent / "mkdocs.yml"))
    stats = search.index_site(events.load(config), tmp_path / "two", ["vi", "en"],
                              shard_pages=8, memo=again, processes=2)
    assert sorted(one) == sorted(["outline/vi", "outline/en", *shards])
    assert [s.pages for s in stats] == [len(one["outline/vi"]) + len(one["outline/en"]), sum(
        len(given) for key, given in one.items() if key.startswith("full/"))]
    assert again.kept == memos[1].kept


def test_with_a_memo_each_part_is_indexed_once_its_pages_are_prepared(
        seed_portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that keeps its pages for the next (`make build`) starts each shard's Pagefind
    run beside the preparation of the other pages, as a build without the cache does: it
    used to wait for all the pages of the bundle, which made a cold `make build` at 1,000
    documents 20 s slower than a clean one."""
    shutil.copytree(seed_portal, tmp_path / "site")
    order: list[str] = []          # "write <bundle>" and "run <bundle>", as they happen
    run, write = pagefind._run_pagefind, pagefind.Staging.write

    def recording(pages: Path, dest: Path, *args: object, **kwargs: object) -> None:
        order.append(f"run {pages.parts[-3]}")              # <staging>/full/site/vi-0
        run(pages, dest, *args, **kwargs)          # type: ignore[arg-type]

    def writing(staging: pagefind.Staging, url: str, html: str) -> None:
        order.append(f"write {staging.folder.name}")
        write(staging, url, html)

    monkeypatch.setattr(pagefind, "_run_pagefind", recording)
    monkeypatch.setattr(pagefind.Staging, "write", writing)
    config = load_config(str(seed_portal.parent / "mkdocs.yml"))
    search.index_site(events.load(config), tmp_path / "site", ["vi", "en"], shard_pages=8,
                      memo=search.Memo({}, {"data/glossary.yml": "g"}), processes=1)
    last_write = len(order) - 1 - order[::-1].index("write full")
    assert order.count("run full") >= 6
    assert order.index("run full") < last_write, order


def test_an_edit_indexes_again_only_the_shard_it_reaches(
        seed_portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = search.Memo({}, {"data/glossary.yml": "g"})
    first, _ = _index(seed_portal, tmp_path / "site", monkeypatch, 1, memo)
    # one document's text edited in the built site, then indexed again with the memo
    page = tmp_path / "site" / "van-ban" / "ctr-17-ldld-2021" / "index.html"
    html = page.read_text(encoding="utf-8")
    at = html.index("</p>", html.index("<article"))
    page.write_text(html[:at] + " thêm một câu mới</p>" + html[at + 4:], encoding="utf-8")
    again, _ = _reindex(seed_portal, tmp_path / "site", monkeypatch, 1,
                        search.Memo(memo.kept, {"data/glossary.yml": "g"}))
    edited = "van-ban/ctr-17-ldld-2021/index.html"
    reached = sorted(key for key, pages in first.items() if key.startswith("full/")
                     and edited in pages)
    # the outline of the page's language (it holds the page's title) and the one shard of
    # the full text that holds it, a shard of the page's language only
    assert sorted(again) == sorted(["outline/vi", *reached])
    assert len(reached) == 1 and reached[0].startswith("full/vi-"), reached
    # that shard's other pages, which the memo had, are given to Pagefind as before
    shard = reached[0]
    assert sorted(again[shard]) == sorted(first[shard])
    assert [p for p in first[shard] if first[shard][p] != again[shard][p]] == [edited]
    assert len([key for key in first if key.startswith("full/")]) >= 6
    # … and the bundles are those of indexing the edited site from nothing
    shutil.copytree(tmp_path / "site", tmp_path / "fresh")
    for name in (pagefind.BUNDLE_DIR, pagefind.FULL_BUNDLE_DIR):
        shutil.rmtree(tmp_path / "fresh" / name)
    _reindex(seed_portal, tmp_path / "fresh", monkeypatch, 1, None)
    assert _bundles(tmp_path / "site") == _bundles(tmp_path / "fresh")


# ---- the faster word functions are their plain definitions ---------------------------------

TRICKY = [
    "Công đoàn cơ sở; chỉ thị 34-CT/TW · kế hoạch",
    unicodedata.normalize("NFD", "Liên đoàn Lao động tỉnh Điện Biên, THỦY LỢI"),
    "a \u0301b c\u00a0d\u2003e\u200bf\tg\nh  i",      # a mark after a space, odd spaces
    "ΟΔΟΣ ΑΣ Σ İstanbul Ǆ ǅungla ß ﬁ",                # final sigma, letters that lower long
    "_x_ y__z 12a b3 ½ ² Ⅻ x",
    "\u0301\u0323 Ð ð Đ đ Ɖ",
]


def _texts() -> list[str]:
    docs = sorted((ROOT / "docs" / "van-ban").glob("*.md"))
    return TRICKY + [p.read_text(encoding="utf-8") for p in docs]


def _pairs_whole(text: str) -> list[str]:
    """`pagefind.pairs` as first written: the text folded whole."""
    out: list[str] = []
    for stretch in re.split(r"[^\w\s]|_", fold(text)):
        words = stretch.split()
        if len(words) < 2:
            continue
        digits = bool(re.search(r"\d", stretch))
        out += [f"\u203f{a}\u203f{b}" for a, b in itertools.pairwise(words)
                if not digits or (a.isalpha() and b.isalpha())]
    return out


def test_pairs_fold_word_by_word_as_the_whole_text() -> None:
    assert pagefind.pairs("Công đoàn cơ sở") == ["‿cong‿doan", "‿doan‿co", "‿co‿so"]
    for text in _texts():
        for line in [text, *text.splitlines()]:
            assert pagefind.pairs(line) == _pairs_whole(line), line[:200]


def test_d_words_and_glossary_counterparts_as_defined() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    terms = events.load(config).glossary
    assert terms
    forms = pagefind._term_forms(tuple(terms))
    for text in _texts():
        normalized = normalize(text)
        d_words = dict.fromkeys(re.findall(r"\w*[đĐ]\w*", normalized))
        assert pagefind._d_variants(normalized) == list(dict.fromkeys(map(fold, d_words)))
        words = re.findall(r"\w+", normalized)
        exact = f" {' '.join(words)} "
        folded = f" {' '.join(fold(w) for w in words)} "
        expected: list[str] = []
        for term in forms:
            if term.abbr in exact:
                expected.append(term.vi)
            if term.expansion and term.expansion in folded:
                expected.extend(term.abbr_forms)
        assert pagefind._glossary_variants(normalized, terms) == expected
    assert pagefind.d_variants("Liên đoàn Lao động tỉnh Điện Biên, Đảng đoàn") == [
        "doan", "dong", "dien", "dang"]


_FREED_MEMORY = """
import sys
from vanban.site import cores

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 // 2**20

blocks = [b"%d" % i + bytes(1000) for i in range(200_000)]   # 1 KB each: malloc, not pymalloc
kept = blocks[::100]      # one block in a hundred stays: the heap cannot shrink from its top
del blocks
freed = rss()
if sys.argv[1] == "release":
    cores.release_memory()
print(freed, rss())
"""


def test_memory_is_given_back_before_the_index_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """vanban.site.cores.release_memory gives the system back what the build freed: 200 MB
    of 1 KB blocks, one in a hundred kept, stay in the process's memory when freed (the C
    library keeps them) unless released. In a fresh process (the suite's threads have their
    own heaps). A C library without malloc_trim (musl) is left alone, without an error."""
    import ctypes
    import subprocess
    import sys

    from vanban.site import cores

    def megabytes(mode: str) -> tuple[int, int]:
        out = subprocess.run([sys.executable, "-c", _FREED_MEMORY, mode], check=True,
                             capture_output=True, text=True).stdout.split()
        return int(out[0]), int(out[1])

    freed, kept = megabytes("keep")
    assert freed > 180 and kept > 180, (freed, kept)
    freed, released = megabytes("release")
    assert freed > 180 and released < 60, (freed, released)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    cores.release_memory()


def test_the_pages_are_prepared_on_the_cores_pagefind_leaves(
        seed_portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind runs beside the preparation (one run at a time): on 2 cores the build's own
    process prepares the pages (no fork), on 4 three forked processes do."""
    from vanban.site import cores

    assert search.PAGEFIND_RUNS == 1
    # (cores.processes: VANBAN_JOBS or the cores, 1 while other threads run)
    monkeypatch.setattr(cores, "processes", lambda: 2)
    two_cores, pids = _index(seed_portal, tmp_path / "two", monkeypatch, None, None)
    assert pids == {os.getpid()}
    monkeypatch.setattr(cores, "processes", lambda: 4)
    four_cores, pids = _index(seed_portal, tmp_path / "four", monkeypatch, None, None)
    assert len(pids - {os.getpid()}) == 3
    assert four_cores == two_cores
