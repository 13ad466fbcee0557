"""`vanban build`, `vanban check`, `vanban serve` and `vanban preview` run as a staff member
without make runs them: the virtualenv's `vanban` script in a copy of the portal."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, make_project

INBOX_DOCX = ROOT / "tests" / "fixtures" / "inbox" / "06_sct-laocai-kh-dean08-congnghiep-xanh.docx"
VANBAN = ROOT / ".venv" / "bin" / "vanban"
pytestmark = pytest.mark.skipif(not VANBAN.exists(), reason="needs .venv (make setup)")


def vanban(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VANBAN_LANG", "SOURCE_DATE_EPOCH")}
    return subprocess.run([str(VANBAN), *args], cwd=project, capture_output=True, text=True,
                          env={**env, "PATH": "/usr/bin:/bin"}, timeout=600, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's portal, committed in a git repository of its own (no Makefile)."""
    p = make_project(tmp_path, ROOT / "docs", ROOT / "data")
    assert not (p / "Makefile").exists()
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "portal"]):
        subprocess.run(["git", *args], cwd=p, check=True, capture_output=True)
    return p


def test_build_and_check_without_make(project: Path) -> None:
    done = vanban(project, "check")
    assert done.returncode == 0, done.stderr
    assert "Không có lỗi" in done.stdout
    done = vanban(project, "build", "--zip", "dist/site.zip")
    assert done.returncode == 0, done.stderr
    site = project / "site"
    # both languages, a document page, and the search index the post-build hook writes
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert (site / "van-ban" / "ctr-17-ldld-2021" / "index.html").is_file()
    assert (site / "pagefind" / "vi" / "pagefind.js").is_file()
    assert (site / "pagefind" / "en" / "pagefind.js").is_file()
    assert (site / "pagefind-full" / "shards.json").is_file()
    names = zipfile.ZipFile(project / "dist" / "site.zip").namelist()
    assert "huong-dan/index.html" in names and "en/huong-dan/index.html" in names


def test_build_fails_on_a_broken_link_and_says_what_to_do(project: Path) -> None:
    page = project / "docs" / "gioi-thieu.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](khong-co.md)\n", encoding="utf-8")
    done = vanban(project, "build")
    assert done.returncode == 1
    assert "khong-co.md" in done.stderr
    assert "Dựng trang không thành công" in done.stderr
    assert "Traceback" not in done.stderr
    done = vanban(project, "check")
    assert done.returncode == 1
    assert "docs/gioi-thieu.md:" in done.stderr and "khong-co.md" in done.stderr


def test_not_the_portal_folder(tmp_path: Path) -> None:
    done = vanban(tmp_path, "build")
    assert done.returncode == 2
    assert "không có mkdocs.yml" in done.stderr and "Traceback" not in done.stderr


def test_serve_without_make(project: Path) -> None:
    """`vanban serve` builds first, as `make serve` does: a broken page stops it with the
    build's message; otherwise it serves from the build cache that build kept (serving never
    writes the cache: without it every `vanban serve` would build everything)."""
    page = project / "docs" / "gioi-thieu.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n[x](khong-co.md)\n", encoding="utf-8")
    done = vanban(project, "serve", "--port", "1")
    assert done.returncode == 1
    assert "khong-co.md" in done.stderr and "Dựng trang không thành công" in done.stderr
    assert "Traceback" not in done.stderr and "Mở http" not in done.stdout
    page.write_text(text, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # its own process group: `vanban serve` runs mkdocs as a child, stopped with it below
    proc = subprocess.Popen([str(VANBAN), "serve", "--port", str(port)], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        html = ""
        while time.monotonic() < deadline and not html:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/huong-dan/",
                                            timeout=5) as r:
                    html = r.read().decode("utf-8")
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                time.sleep(0.5)
        assert "Staff guide" in html
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert (project / ".cache" / "vanban" / "manifest.json").is_file()
    out = proc.stdout.read() if proc.stdout else ""
    assert "build cache: 0 input file(s) changed since the cached build" in out, out[-3000:]


def test_preview_summary_and_zip(project: Path) -> None:
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, text=True,
                          capture_output=True, check=True).stdout.strip()
    news = project / "docs" / "tin-tuc" / "2026-12-01-hop-ban-chap-hanh.md"
    news.write_text("---\ntitle: Họp Ban Chấp hành\ndate: 2026-12-01\nsummary: Họp.\n---\n\n"
                    "Xem [văn bản](../van-ban/ctr-17.md).\n", encoding="utf-8")
    targets = project / "data" / "targets" / "ctr-17-ldld-2021.yml"
    targets.write_text(targets.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert vanban(project, "build").returncode == 1            # the broken link
    news.write_text(news.read_text(encoding="utf-8").replace("ctr-17.md",
                                                             "ctr-17-ldld-2021.md"))
    assert vanban(project, "build").returncode == 0
    done = vanban(project, "preview", "--base", base, "--zip", "xem-truoc.zip")
    assert done.returncode == 0, done.stderr
    out = done.stdout.replace("\\_", "_")
    assert "- thêm mới: `tin-tuc/2026-12-01-hop-ban-chap-hanh/`" in out
    assert "- sửa: số liệu chỉ tiêu của `van-ban/ctr-17-ldld-2021/`" in out
    assert "`vanban check`: không có lỗi." in out
    with zipfile.ZipFile(project / "xem-truoc.zip") as zf:
        home = zf.read("index.html").decode("utf-8")
    assert 'href="van-ban/index.html"' in home and 'href="van-ban/"' not in home

    # a pull request's run: the inbox imported into the working tree, not committed
    (project / "nhap").mkdir()
    shutil.copy(INBOX_DOCX, project / "nhap")
    done = vanban(project, "inbox")
    assert done.returncode == 0, done.stdout
    assert "Chưa commit (xem trước)" in done.stdout
    done = vanban(project, "preview", "--base", base)
    out = done.stdout.replace("\\_", "_")
    # the new document's page, and its import warning: "Số:       /KH-SCT" has no number
    slug = next((project / "docs" / "van-ban").glob("*.docx")).stem
    assert f"- thêm mới: `van-ban/{slug}/` (`docs/van-ban/{slug}.md`)" in out
    assert f"- docs/van-ban/{slug}.docx:4: số văn bản '/KH-SCT'" in out
    # and every problem `vanban check` finds, file:line first
    problems = vanban(project, "check").stderr.splitlines()[1:]
    for line in problems:
        assert f"- {line}" in out
    if problems:
        assert f"❌ `vanban check`: {len(problems)} lỗi cần sửa" in out
