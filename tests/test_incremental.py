"""`mkdocs serve --dirty`: a rebuild renders only the pages a change can reach
(vanban.site.incremental), and the result is the site a full build makes of the same files.

The rebuilds run as `mkdocs serve --dirty` runs them — MkDocs' `build(config, dirty=True)`
in one process that keeps the portal's modules loaded — in a child process driven through
stdin, so that the site's files can be compared after each rebuild.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

pytestmark = pytest.mark.slow

# what `mkdocs serve --dirty` does at each rebuild, one per line read on stdin
SERVE_DIRTY = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site = sys.argv[1], sys.argv[2]
sys.argv = ["mkdocs", "serve", "--dirty"]   # mkdocs-static-i18n reads it (other languages)
first = True
while first or sys.stdin.readline():
    config = load_config(config_file=config_file, site_dir=site)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
        first = False
    build(config, dirty=True)
    print("built", flush=True)
"""

DOC = "ctr-17-ldld-2021"            # the longest document, with targets and agencies
OTHER = "ct-2021-11-10-dien-bien"   # a document the edits do not touch
STALE = ("pagefind/", "pagefind-full/")   # a dirty rebuild keeps the first build's index


class Server:
    def __init__(self, project: Path, site: Path) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_LANG": "en"}
        self.site = site
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE_DIRTY, str(project / "mkdocs.yml"), str(site)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=project, env=env)
        self.wait()

    def wait(self) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != "built":
            self.proc.kill()
            raise AssertionError(self.proc.communicate()[1][-4000:])

    def rebuild(self) -> set[str]:
        """Rebuild; the site's files written by it."""
        before = stamps(self.site)
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        self.wait()
        return {p for p, stamp in stamps(self.site).items() if before.get(p) != stamp}

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file()}


def assert_same_as_full_build(project: Path, site: Path, tmp: Path) -> None:
    full = tmp / "full"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f",
         str(project / "mkdocs.yml"), "-d", str(full)],
        capture_output=True, text=True, cwd=project, timeout=900, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_LANG": "en"})
    assert result.returncode == 0, result.stderr[-4000:]
    ours = {p for p in stamps(site) if not p.startswith(STALE)}
    theirs = {p for p in stamps(full) if not p.startswith(STALE)}
    assert ours == theirs
    differ = [p for p in sorted(ours) if (site / p).read_bytes() != (full / p).read_bytes()]
    assert differ == [], f"the dirty rebuild left these pages stale: {differ[:10]}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    dest.mkdir()
    return make_project(dest, ROOT / "docs", ROOT / "data")


def test_dirty_rebuild_renders_what_an_edit_reaches_and_nothing_else(project: Path,
                                                                      tmp_path: Path) -> None:
    server = Server(project, tmp_path / "served")
    try:
        # 1. 240 KB of paragraphs added to a document's text, early: its page passes 300 KB,
        # so the text after them moves to later parts, and the links of the agency pages to
        # its paragraphs with it
        doc = project / "docs" / "van-ban" / f"{DOC}.md"
        text = doc.read_text(encoding="utf-8")
        heading = "\n## II. MỘT SỐ CHỈ TIÊU"
        assert heading in text
        added = "\n\n".join(f"Đoạn thêm {i} vbmarker1: " + "người lao động " * 500
                            for i in range(25))
        doc.write_text(text.replace(heading, f"\n{added}\n{heading}", 1), encoding="utf-8")
        written = server.rebuild()
        pages = {p for p in written if p.endswith(".html")}
        with_marker = {p for p in pages
                       if "vbmarker1" in (server.site / p).read_text(encoding="utf-8")}
        assert f"van-ban/{DOC}/index.html" in with_marker           # on the page
        assert f"en/van-ban/{DOC}/index.html" not in with_marker    # the card has no text
        assert f"van-ban/{DOC}/2/index.html" in pages               # its text moved on
        assert not (server.site / f"en/van-ban/{DOC}/2").exists()
        assert any(p.startswith("co-quan/") for p in pages)         # its agencies' links
        # what is due links to paragraphs of any document: the home and deadline pages
        assert {"index.html", "han/index.html", "en/deadlines/index.html"} <= pages
        for untouched in (f"van-ban/{OTHER}/index.html", f"en/van-ban/{OTHER}/index.html",
                          "van-ban/index.html", "tien-do/index.html",
                          "thuat-ngu/index.html"):
            assert (server.site / untouched).exists()
            assert untouched not in pages, f"{untouched} rendered again"
        assert len(pages) < len([p for p in stamps(server.site) if p.endswith(".html")]) / 2
        assert_same_as_full_build(project, server.site, tmp_path)

        # 2. a yearly figure changed in the document's targets file
        targets = project / "data" / "targets" / f"{DOC}.yml"
        text = targets.read_text(encoding="utf-8")
        assert "\nsample: true\n" in text
        targets.write_text(text.replace("\nsample: true\n", "\nsample: false\n"),
                           encoding="utf-8")
        pages = {p for p in server.rebuild() if p.endswith(".html")}
        assert f"tien-do/van-ban/{DOC}/index.html" in pages
        assert "tien-do/index.html" in pages
        assert f"van-ban/{OTHER}/index.html" not in pages
        assert_same_as_full_build(project, server.site, tmp_path)

        # 3. front matter (the title every list shows): everything again
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("\ntitle: ", "\ntitle: vbmarker3 ", 1), encoding="utf-8")
        pages = {p for p in server.rebuild() if p.endswith(".html")}
        assert "van-ban/index.html" in pages
        assert "vbmarker3" in (server.site / "van-ban" / "index.html").read_text(encoding="utf-8")
    finally:
        server.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_input_edited_reaches_what_its_readers_declare(project: Path,
                                                             tmp_path: Path) -> None:
    """For each input a kind of page can read (vanban.site.kinds.Input): edit it, rebuild
    dirty, and the site is the clean build's; the pages of kinds that do not read it are not
    rendered again."""
    from vanban.posts import NEWS_DIR
    docs, data = project / "docs", project / "data"
    post = sorted((docs / NEWS_DIR).glob("*-tra-cuu-*.md"))[0]
    edits = {
        # input: (edit, a page rendered again, a page left alone)
        "front_matter": (lambda: _edit(docs / "van-ban" / f"{OTHER}.md", "\ntitle: ",
                                       "\ntitle: vbmarker4 "),
                         f"van-ban/{DOC}/index.html", "thuat-ngu/index.html"),
        "agencies": (lambda: _edit(data / "agencies.yml",
                                   "name_en: Vietnam General Confederation of Labour\n",
                                   "name_en: Vietnam General Confederation of Labour (VGCL)\n"),
                     "co-quan/index.html", "thuat-ngu/index.html"),
        "glossary": (lambda: _edit(data / "glossary.yml", "en: Standing Committee\n",
                                   "en: Standing Committee (the BCH's)\n"),
                     "thuat-ngu/index.html", "tien-do/du-lieu/tat-ca.csv"),
        "news": (lambda: _edit(post, "\ntitle: ", "\ntitle: vbmarker5 "),
                 "index.html", f"van-ban/{DOC}/index.html"),
        "targets": (lambda: _edit(data / "targets" / f"{DOC}.yml", "\nsample: true\n",
                                  "\nsample: false\n"),
                    "co-quan/ldld-binh-dinh/index.html", "van-ban/index.html"),
    }
    server = Server(project, tmp_path / "served")
    try:
        for name, (edit, reached, untouched) in edits.items():
            edit()
            written = server.rebuild()
            assert reached in written, name
            assert untouched not in written, name
            assert_same_as_full_build(project, server.site, tmp_path)
    finally:
        server.close()
