"""Generated pages rendered by worker processes (vanban.site.prerender): the same site, byte
for byte, as rendering them in the build's process, and their warnings still reach the build
(so that --strict fails on them)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from vanban.site import prerender
from vanban.site.html import Abbreviations, Markup
from vanban.site.pages import GeneratedPage

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import make_corpus


def _build(project: Path, site: Path, jobs: str) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VANBAN_CACHE": "0",
           "VANBAN_SEARCH_INDEX": "0", "VANBAN_JOBS": jobs, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-v",
                           "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stderr


@pytest.mark.slow
def test_pages_rendered_by_workers_are_the_pages_rendered_in_process(tmp_path: Path) -> None:
    make_corpus(30, tmp_path / "p")
    one = _build(tmp_path / "p", tmp_path / "one", "1")
    two = _build(tmp_path / "p", tmp_path / "two", "2")
    assert "rendered in 1 other processes" in two and "rendered in" not in one
    pages = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.html"))
    assert len(pages) > prerender.MIN_PAGES
    assert pages == sorted(p.relative_to(tmp_path / "two")
                           for p in (tmp_path / "two").rglob("*.html"))
    different = [p for p in pages
                 if (tmp_path / "one" / p).read_bytes() != (tmp_path / "two" / p).read_bytes()]
    assert different == []


def test_a_workers_warning_is_logged_by_the_build(monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    def render(page: GeneratedPage, cat: object, lang: str, here: str,
               abbrs: Abbreviations) -> tuple[Markup, list[object]]:
        if here == "p/7/":
            logging.getLogger("mkdocs.plugins.vanban").warning("page 7 has a problem")
        return Markup(f"<p>{here}</p>"), []

    monkeypatch.setattr(prerender, "render", render)
    pages = [(GeneratedPage("agency", str(i)), f"p/{i}/") for i in range(prerender.MIN_PAGES)]
    ahead = prerender.Prerendered(object(), "vi", Abbreviations({}), pages, 1)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        assert ahead.take("p/3/") == (Markup("<p>p/3/</p>"), [])
        assert ahead.take("p/9/") == (Markup("<p>p/9/</p>"), [])
        assert ahead.take("p/unknown/") is None
    ahead.close()
    assert [r.getMessage() for r in caplog.records] == ["page 7 has a problem"]
