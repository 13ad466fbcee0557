"""The portal's sample content is the converter's output for the seeds, never typed by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from vanban.importer import plan_import

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
# front-matter keys that staff may fill in after import; they may differ from a fresh import
STAFF_KEYS = {"summary_en"}
# data/targets/*.yml: keys of the file and of a target that staff fill in after import
FILE_STAFF_KEYS = ("sample", "term_end")
TARGET_STAFF_KEYS = ("baseline", "agency")


def _split(text: str) -> tuple[dict, str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seeds not found at {SEEDS}")
def test_committed_pages_equal_a_fresh_import(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 4
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "agencies.yml", tmp_path / "data")   # knows every agency
    result = plan_import(seeds, tmp_path / "docs", tmp_path / "data", force=True)
    assert result.errors == []
    assert [p.new_agencies for p in result.planned] == [[], [], [], []]
    for planned in result.planned:
        for target, content in planned.contents.items():
            committed = ROOT / target.relative_to(tmp_path)
            assert committed.exists(), f"{committed} missing: run `make sample`"
            if isinstance(content, bytes):
                # the original file, kept beside the page for download: byte for byte
                assert target.name == f"{planned.page.stem}{planned.source.suffix}"
                assert committed.read_bytes() == planned.source.read_bytes() == content, \
                    f"{committed}: not the imported original: run `make sample`"
            elif target.suffix == ".md":
                assert isinstance(content, str)
                fresh_fm, fresh_body = _split(content)
                have_fm, have_body = _split(committed.read_text(encoding="utf-8"))
                for key in STAFF_KEYS:
                    fresh_fm.pop(key, None)
                    have_fm.pop(key, None)
                assert have_fm == fresh_fm, f"{committed}: front matter differs from a fresh import"
                assert have_body == fresh_body, f"{committed}: body differs from a fresh import"
            else:
                have = yaml.safe_load(committed.read_text(encoding="utf-8"))
                fresh = yaml.safe_load(content)
                assert isinstance(content, str)
                assert have["targets"] and len(have["targets"]) == len(fresh["targets"])
                for t, f in zip(have["targets"], fresh["targets"], strict=True):
                    t["measurements"] = []  # staff append measurements
                    for key in TARGET_STAFF_KEYS:   # staff fill in what the importer left empty
                        if f[key] is None:
                            t[key] = None
                for key in FILE_STAFF_KEYS:
                    have.pop(key, None)
                    fresh.pop(key, None)
                assert have == fresh, f"{committed}: targets differ from a fresh import"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seeds not found at {SEEDS}")
def test_reimport_keeps_what_staff_added_to_targets() -> None:
    """`make sample` (a forced re-import) rewrites data/targets/*.yml with the figures,
    baselines, agencies and flags already there: the committed files come out unchanged."""
    result = plan_import(sorted(SEEDS.glob("*.txt")), ROOT / "docs", ROOT / "data", force=True)
    assert result.errors == []
    targets = {p: c for planned in result.planned for p, c in planned.contents.items()
               if p.suffix == ".yml"}
    assert len(targets) == 3
    for path, content in targets.items():
        assert content == path.read_text(encoding="utf-8"), f"{path} would change"
        assert "measurements:\n  - year:" in content        # the sample figures are kept
