"""Two builds of the same sources are byte-identical, so deploys are cacheable.

The sample site is copied to two different folders and built in each, with a `site_url`
(VANBAN_SITE_URL, which turns on the sitemap and canonical URLs). The only date a build may
write is the one `SOURCE_DATE_EPOCH` gives, which `make build` sets from the last git commit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build, make_project

FIXTURE = ROOT / "tests" / "fixtures" / "site"
PAGEFIND = ("pagefind/", "pagefind-full/")
EPOCH = "86400"            # 1970-01-02: impossible to confuse with today's date


def _build_copy(tmp: Path, name: str) -> Path:
    project = tmp / name
    project.mkdir()
    make_project(project, FIXTURE / "docs", FIXTURE / "data")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("VANBAN_SITE_URL", "https://example.org/cong-doan/")
    first = _files(_build_copy(tmp_path, "a"))
    second = _files(_build_copy(tmp_path, "b"))
    differ = sorted(set(first) ^ set(second)) + [n for n in first if first.get(n) != second.get(n)]
    # Pagefind writes its filter and metadata indexes in an arbitrary order (upstream: "other
    # files will still change, such as the filter/metadata indexes", Pagefind issue #638);
    # its page fragments — the bulk of the bundle — are stable, and everything else must be
    assert sorted({n for n in differ if not n.startswith(PAGEFIND)}) == []
    assert [n for n in differ if "/fragment/" in n] == []
    assert any(n.startswith(PAGEFIND) and "/fragment/" in n for n in first)
    # the sitemap's dates are the epoch's, not the build machine's clock
    sitemap = first["sitemap.xml"].decode("utf-8")
    assert "<loc>https://example.org/cong-doan/van-ban/</loc>" in sitemap
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates == {"1970-01-02"}
