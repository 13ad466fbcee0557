"""The build cache (vanban.site.cache): after an edit of any kind of input, the cached build
(`mkdocs build --dirty`, what `make build` and `vanban build` run) writes the same site, byte
for byte, as a clean build (`VANBAN_CACHE=0 mkdocs build --clean`), search index included,
without rendering the pages the edit does not reach; a cache built with other code or another
mkdocs.yml is not used."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_project
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from vanban.progress import targets
from vanban.site import cache, catalog

DOC = "ctr-17-ldld-2021"            # the longest document, with targets and agencies
OTHER = "ct-2021-11-10-dien-bien"   # a document the edits of DOC do not touch
USED = "build cache: "              # the log line of a build that starts from the cache
REFUSED = "build cache not used: "


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_LANG": "en",
            "SOURCE_DATE_EPOCH": "1700000000", **extra}


def cached_build(project: Path) -> str:
    """The build `make build` runs; its log."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-f",
         str(project / "mkdocs.yml")],
        capture_output=True, text=True, cwd=project, env=_env(), timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stderr


def clean_build(project: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f",
         str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, cwd=project, env=_env(VANBAN_CACHE="0"), timeout=900,
        check=False)
    assert result.returncode == 0, result.stderr[-4000:]


# Pagefind writes the maps of its filter files in a random order (Rust's HashMap): two clean
# builds differ there, in those files' names (hashes of the content), and so in the meta file
# and the entry file that name them. Filter files are compared as the same bytes in any
# order, the meta file (which lists them in a random order too) likewise with those names
# left out, the entry file without them; every other file of the index
# (the pages' fragments, the word chunks) and of the site byte for byte.
_FILTER = re.compile(r"^(.*)/filter/([a-z]+_[0-9a-f]+)\.pf_filter$")
_META = re.compile(r"^(.*)/pagefind\.([a-z]+)_[0-9a-f]+\.pf_meta$")


def files(site: Path) -> dict[str, object]:
    found = {p.relative_to(site).as_posix(): p.read_bytes()
             for p in sorted(site.rglob("*")) if p.is_file()}
    out: dict[str, object] = {}
    filters: list[bytes] = []
    for rel, data in found.items():
        m = _FILTER.match(rel)
        if m:
            filters.append(m[2].encode())
            key = f"{m[1]}/filter/{m[2].split('_')[0]}"
            out.setdefault(key, []).append(sorted(gzip.decompress(data)))  # type: ignore[union-attr]
    for rel, data in found.items():
        m = _META.match(rel)
        if m:
            meta = gzip.decompress(data)
            for name in filters:
                meta = meta.replace(name, b"filter")
            out[f"{m[1]}/{m[2]}.pf_meta"] = sorted(meta)    # the filters' order varies
        elif rel.endswith("pagefind-entry.json"):
            entry = json.loads(data)
            for lang in entry["languages"].values():
                lang.pop("hash")
            out[rel] = entry
        elif not _FILTER.match(rel):
            out[rel] = data
    for value in out.values():
        if isinstance(value, list):
            value.sort()
    return out


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".csv")}


def assert_same_as_clean_build(project: Path, tmp: Path) -> None:
    clean = tmp / "clean"
    clean_build(project, clean)
    ours, theirs = files(project / "site"), files(clean)
    assert sorted(ours) == sorted(theirs)
    differ = [p for p in ours if ours[p] != theirs[p]]
    assert differ == [], f"the cached build differs from a clean one in {differ[:10]}"


def assert_cache_is_site(project: Path) -> None:
    """The cache holds the site's files, as hard links (vanban.site.cache._mirror)."""
    site = {p.relative_to(project / "site").as_posix(): p.stat()
            for p in (project / "site").rglob("*") if p.is_file()}
    kept = project / cache.FOLDER / cache.SITE
    cached = {p.relative_to(kept).as_posix(): p.stat() for p in kept.rglob("*") if p.is_file()}
    assert sorted(cached) == sorted(site)
    assert [p for p in site if site[p].st_ino != cached[p].st_ino] == []


def test_the_cache_mirrors_the_site_linking_only_what_changed(tmp_path: Path) -> None:
    site, kept = tmp_path / "site", tmp_path / "kept"
    for rel, text in {"a.html": "a", "b/c.html": "c", "b/d/e.html": "e", "f": "f"}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    cache._mirror(site, kept)
    inode = (kept / "b" / "c.html").stat().st_ino
    assert inode == (site / "b" / "c.html").stat().st_ino          # a hard link
    (site / "a.html").unlink()                                      # removed
    (site / "b" / "d" / "e.html").write_text("E", encoding="utf-8")  # written in place
    (site / "b" / "n.html").write_text("n", encoding="utf-8")       # new
    (site / "f").unlink()                                           # a file, now a folder
    (site / "f").mkdir()
    (site / "f" / "g.html").write_text("g", encoding="utf-8")
    cache._mirror(site, kept)
    got = {p.relative_to(kept).as_posix(): p.read_text(encoding="utf-8")
           for p in kept.rglob("*") if p.is_file()}
    assert got == {"b/c.html": "c", "b/d/e.html": "E", "b/n.html": "n", "f/g.html": "g"}
    assert all((kept / rel).stat().st_ino == (site / rel).stat().st_ino for rel in got)
    (site / "b" / "n.html").unlink()
    (site / "b" / "n.html").write_text("n2", encoding="utf-8")      # replaced: a new file
    cache._mirror(site, kept)
    assert (kept / "b" / "n.html").read_text(encoding="utf-8") == "n2"
    assert (kept / "b" / "c.html").stat().st_ino == inode           # left as it was
    shutil.rmtree(site / "f")                                       # a folder, now a file:
    (site / "f").write_text("F", encoding="utf-8")                  # mirrored afresh
    cache._mirror(site, kept)
    assert sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file()) == \
        ["b/c.html", "b/d/e.html", "b/n.html", "f"]
    assert (kept / "f").read_text(encoding="utf-8") == "F"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    dest.mkdir()
    return make_project(dest, ROOT / "docs", ROOT / "data")


@pytest.mark.slow
def test_cached_build_after_each_kind_of_edit_is_the_clean_build(project: Path,
                                                                  tmp_path: Path) -> None:
    docs, data = project / "docs", project / "data"
    log = cached_build(project)                       # no cache yet: everything, then kept
    assert REFUSED + "there is none" in log
    assert (project / cache.FOLDER / cache.MANIFEST).is_file()

    log = cached_build(project)                       # nothing changed: nothing rendered
    assert USED + "0 input file(s) changed" in log
    assert "no indexed page changed, the search index is kept" in log
    assert_same_as_clean_build(project, tmp_path)

    post = sorted((docs / "tin-tuc").glob("*-tra-cuu-*.md"))[0]
    edits = {
        # input: (edit, a page rendered again, a page left as the cache had it)
        "a document's text": (
            lambda: _edit(docs / "van-ban" / f"{DOC}.md", "\n## II. MỘT SỐ CHỈ TIÊU",
                          "\nMột đoạn thêm vbmarker1.\n\n## II. MỘT SỐ CHỈ TIÊU"),
            f"van-ban/{DOC}/index.html", f"van-ban/{OTHER}/index.html"),
        "front matter": (
            lambda: _edit(docs / "van-ban" / f"{OTHER}.md", "\ntitle: ", "\ntitle: vbmarker2 "),
            "van-ban/index.html", "thuat-ngu/index.html"),
        "a targets file": (
            lambda: _edit(data / "targets" / f"{DOC}.yml", "\nsample: true\n",
                          "\nsample: false\n"),
            f"tien-do/van-ban/{DOC}/index.html", "thuat-ngu/index.html"),
        "agencies": (
            lambda: _edit(data / "agencies.yml",
                          "name_en: Vietnam General Confederation of Labour\n",
                          "name_en: Vietnam General Confederation of Labour (VGCL)\n"),
            "en/co-quan/index.html", "thuat-ngu/index.html"),
        "glossary": (
            lambda: _edit(data / "glossary.yml", "en: Standing Committee\n",
                          "en: Standing Committee (vbmarker3)\n"),
            "en/thuat-ngu/index.html", "tien-do/du-lieu/tat-ca.csv"),  # every page reads it
        "a news post": (
            lambda: _edit(post, "\ntitle: ", "\ntitle: vbmarker4 "),
            "tin-tuc/index.html", f"van-ban/{DOC}/index.html"),
        "a hand-written page": (
            lambda: _edit(docs / "gioi-thieu.md", "\nMỗi văn bản trong cổng",
                          "\nvbmarker5. Mỗi văn bản trong cổng"),
            "gioi-thieu/index.html", "van-ban/index.html"),
    }
    for name, (edit, reached, untouched) in edits.items():
        before = stamps(project / "site")
        edit()
        log = cached_build(project)
        assert USED in log and REFUSED not in log, name
        if name == "a document's text":     # a paragraph without headings, targets, figures
            assert "build cache: 3 of 4 document files not read again" in log
            assert "the search bundle pagefind/ is kept" in log
            assert "the search bundle pagefind-full/ is kept" not in log
        if name == "a document's text":     # its language's shard only (one, small site)
            assert "the search bundle pagefind-full/en-0/ is kept" in log
            assert "the search bundle pagefind-full/vi-0/ is kept" not in log
        assert_cache_is_site(project)
        after = stamps(project / "site")
        assert after[reached] != before[reached], f"{name}: {reached} not rendered again"
        assert after[untouched] == before[untouched], f"{name}: {untouched} rendered again"
        assert_same_as_clean_build(project, tmp_path)

    # a document's type changed: its old type's page is gone (the only Chỉ thị), which a
    # cached site must not keep
    _edit(docs / "van-ban" / f"{OTHER}.md", "  code: CT\n  name: Chỉ thị\n",
          "  code: KH\n  name: Kế hoạch\n")
    log = cached_build(project)
    assert REFUSED + "a change reaches every page, or adds or removes pages" in log
    assert_same_as_clean_build(project, tmp_path)

    # a cache built with another mkdocs.yml, or other code, is not used: everything again
    for changed in (project / "mkdocs.yml", project / "hooks" / "portal.py"):
        before = stamps(project / "site")
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n",
                           encoding="utf-8")
        log = cached_build(project)
        assert REFUSED + "the code or the configuration changed" in log, changed
        after = stamps(project / "site")
        assert all(after[p] != before[p] for p in before), changed
    assert_same_as_clean_build(project, tmp_path)


def test_the_cached_build_reads_only_the_targets_files_that_changed(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The targets files are kept with the catalog (and its agency registry): a build from
    the cache validates again only those whose content changed. (Built in this process, so
    that the fingerprint sees the same packages, each build as a new process would: without
    what the earlier one read.)"""
    read: list[str] = []
    real = targets._read

    def counting(path: Path, *args: object) -> object:
        read.append(path.name)
        return real(path, *args)                    # type: ignore[arg-type]

    def build() -> None:
        targets._CACHE.clear()
        catalog._CACHE.clear()
        catalog._DOCUMENTS.clear()
        monkeypatch.chdir(project)
        config = load_config(str(project / "mkdocs.yml"))
        with monkeypatch.context() as patch:
            patch.setattr(targets, "_read", counting)
            config.plugins.on_startup(command="build", dirty=True)   # as `mkdocs build --dirty`
            mkdocs_build(config, dirty=True)
            config.plugins.on_shutdown()

    build()                                         # no cache yet: every file
    assert sorted(read) == sorted(p.name for p in (project / "data" / "targets").glob("*.yml"))
    assert len(read) >= 2
    read.clear()
    build()
    assert read == []
    _edit(project / "data" / "targets" / f"{DOC}.yml", "\nsample: true\n", "\nsample: false\n")
    build()
    assert read == [f"{DOC}.yml"]
    _edit(project / "data" / "agencies.yml", "name_en: Vietnam General Confederation of Labour\n",
          "name_en: Vietnam General Confederation of Labour (VGCL)\n")
    read.clear()
    build()                                         # another registry: every file again
    assert len(read) >= 2


def test_fingerprint_follows_code_configuration_and_options(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    code = tmp_path / "code"
    code.mkdir()
    (code / "views.py").write_text("X = 1\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "hooks").mkdir(parents=True)
    (root / "hooks" / "portal.py").write_text("pass\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")

    def fp(as_of: int = 0) -> str:
        return cache.fingerprint(root, config, code, as_of)

    first = fp()
    assert fp() == first
    (code / "__pycache__").mkdir()
    (code / "__pycache__" / "views.pyc").write_bytes(b"\0")
    assert fp() == first                        # compiled files are not code
    changes = [
        lambda: (code / "views.py").write_text("X = 2\n", encoding="utf-8"),
        lambda: (root / "hooks" / "portal.py").write_text("pass  # x\n", encoding="utf-8"),
        lambda: config.write_text("site_name: y\n", encoding="utf-8"),
        lambda: monkeypatch.setenv("VANBAN_SITE_URL", "https://example.org/portal/"),
        lambda: monkeypatch.setenv("VANBAN_SEARCH_INDEX", "0"),
    ]
    seen = {first, fp(2030)}
    assert len(seen) == 2                       # the year statuses are computed for
    for change in changes:
        change()
        now = fp()
        assert now not in seen
        seen.add(now)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")   # the sitemap's date, rendered every build
    assert fp() in seen


def test_why_a_cache_is_refused_names_a_failed_build(tmp_path: Path) -> None:
    """A build removes the manifest when it starts and writes it when it ends well: a
    cached site without one is what a failed (or stopped) build left."""
    assert cache._refused(None, tmp_path) == "there is none"
    (tmp_path / cache.SITE).mkdir(parents=True)
    assert cache._refused(None, tmp_path) == ("the last build did not finish (it failed, "
                                              "strict mode's warnings included, or was stopped)")


def test_ci_templates_keep_the_cache_between_runs() -> None:
    folder = cache.FOLDER.as_posix()
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    gh = yaml.safe_load((ROOT / ".github" / "workflows" / "portal.yml").read_text("utf-8"))
    steps = gh["jobs"]["test"]["steps"]
    kept = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    assert steps[kept]["with"]["path"] == folder
    assert "github.sha" in steps[kept]["with"]["key"]        # saved after every run
    assert steps[kept]["with"]["restore-keys"]                # restored from the last one
    assert kept < next(i for i, s in enumerate(steps) if s.get("run") == "make dist")
    gl = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    builds = [c for c in gl["cache"] if folder in c["paths"]]
    assert len(builds) == 1 and "$CI_JOB_NAME" in builds[0]["key"]   # pages: its own site URL
    for job in ("test", "preview", "pages"):
        assert "cache" not in gl[job]                         # the global one applies
        assert any("make dist" in line or "make build" in line or "vanban build" in line
                   for line in gl[job]["script"])
