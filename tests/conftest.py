"""Shared helpers for the site tests: copy a project into a temp dir, build it with MkDocs (in a
subprocess, as `make build` does), serve a built site on 127.0.0.1, drive headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "_artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def make_project(dest: Path, docs: Path, data: Path) -> Path:
    """A buildable copy of the portal: the repository's mkdocs.yml, hooks/ and overrides/
    with the given docs/ and data/."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(docs, dest / "docs")
    shutil.copytree(data, dest / "data")
    return dest


def set_as_of(project: Path, year: int) -> None:
    """Compute the target statuses of `project` for `year` (mkdocs.yml extra.vanban.as_of)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n    as_of:\n" in text
    config.write_text(text.replace("\n    as_of:\n", f"\n    as_of: {year}\n"), encoding="utf-8")


def build(project: Path, *, strict: bool = True, lang: str = "en"
          ) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `project` into project/site; messages in `lang` (VANBAN_LANG)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_LANG": lang}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean",
           "--strict" if strict else "--no-strict", "-f", str(project / "mkdocs.yml"),
           "-d", str(project / "site")]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=project, env=env,
                          timeout=900, check=False)


def built_site(project: Path) -> Path:
    """Build `project` (strict) and return its site/; a warning or an error fails the test."""
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def page(site: Path, url: str) -> str:
    """HTML of the page at `url` ("", "van-ban/", "en/co-quan/x/") of a built site."""
    return (site / url / "index.html").read_text(encoding="utf-8")


@contextlib.contextmanager
def serve(directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None
          ) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 (random port) in a thread; yields the URL.
    `handler_class`: a SimpleHTTPRequestHandler of the test's own (default: a quiet one)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def seed_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own portal (docs/, data/, mkdocs.yml, hooks/, overrides/) built once
    per test session in a temp dir; returns the built site folder (do not modify it)."""
    if not any((ROOT / "docs" / "van-ban").glob("*.md")):
        pytest.skip("docs/van-ban/ has no documents yet (`make sample` imports them)")
    project = tmp_path_factory.mktemp("seed-portal")
    make_project(project, ROOT / "docs", ROOT / "data")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


@contextlib.contextmanager
def local_only_page(chromium) -> Iterator[Any]:
    """A fresh Chromium page whose every request must stay on 127.0.0.1 (checked on exit)."""
    context = chromium.new_context()
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert outside == [], f"requests to other hosts: {outside}"


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian Chromium at /usr/bin/chromium (`make chromium` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
