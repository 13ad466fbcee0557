"""scripts/make_corpus.py: N documents generated from the seeds through the real converter,
the same for the same N and seed, and a project that builds (--strict) with its search index."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import make_corpus

from vanban.site.catalog import Sources, load_catalog

SEEDS = ROOT.parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not any(SEEDS.glob("*.txt")), reason="needs ../shared/seeds")


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((root / "docs" / "van-ban").glob("*.md"))
            + sorted((root / "data" / "targets").glob("*.yml"))}


def test_same_n_and_seed_give_the_same_documents(tmp_path: Path) -> None:
    assert make_corpus(10, tmp_path / "a") == 10
    make_corpus(10, tmp_path / "b")
    make_corpus(10, tmp_path / "c", seed=2)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c
    docs = [k for k in a if k.startswith("docs/")]
    assert len(docs) == 10


def test_documents_vary_and_keep_matching_agencies(tmp_path: Path) -> None:
    make_corpus(12, tmp_path)
    cat = load_catalog(Sources(tmp_path / "docs", tmp_path / "data" / "agencies.yml",
                               tmp_path / "data" / "glossary.yml", tmp_path))
    assert len(cat.documents) == 12
    assert cat.problems == []                  # every assignment and issuer still matches
    numbers = [d.number for d in cat.documents if d.number]
    assert "17/CTr-LĐLĐ" in numbers and len(set(numbers)) == len(numbers)
    assert len({d.date for d in cat.documents}) == 12
    assert len({d.title for d in cat.documents}) > 4
    assert {d.type_code for d in cat.documents} == {"CT", "KH", "CTr"}


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit, match="is not empty"):
        make_corpus(2, tmp_path)
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow
def test_a_generated_portal_builds_strict_with_its_search_index(tmp_path: Path) -> None:
    make_corpus(24, tmp_path)
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    # the outline: a bundle per language, each with its engine and no UI
    outline = tmp_path / "site" / "pagefind"
    assert sorted(p.name for p in outline.iterdir()) == ["en", "vi"]
    for lang in ("vi", "en"):
        bundle = outline / lang
        assert (bundle / "pagefind.js").is_file()
        assert not list(bundle.glob("pagefind-*ui*"))
        assert not (bundle / "pagefind-worker.js").exists()
        assert [p.name.split("_")[0] for p in bundle.glob("*.pf_meta")] == [f"pagefind.{lang}"]
    # the full text runs on the outline's engine: no script of its own, stub wasm files; a
    # small site's full text is one shard a language
    assert json.loads((tmp_path / "site" / "pagefind-full" / "shards.json").read_text()) == \
        {"en": ["en-0/"], "vi": ["vi-0/"]}
    for lang in ("vi", "en"):         # a shard holds one language
        full = tmp_path / "site" / "pagefind-full" / f"{lang}-0"
        assert (full / "pagefind-entry.json").is_file() and not (full / "pagefind.js").exists()
        meta, = full.glob("*.pf_meta")
        assert meta.name.startswith(f"pagefind.{lang}_")
        stubs = sorted(full.glob("wasm.*.pagefind"))
        # the language's outline engine loads the real WebAssembly
        assert {p.name for p in stubs} <= {p.name for p in (outline / lang).glob("wasm.*")}
        assert stubs
        assert {p.read_bytes() for p in stubs} == {b"pagefind_dcd"}
    assert not (tmp_path / "site" / "search" / "search_index.json").exists()
