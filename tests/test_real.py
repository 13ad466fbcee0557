"""Real documents as the test bed: every labels file under tests/fixtures/real/labels is valid,
names a document that is there, and no labelled document crashes the converter
(scripts/eval_real.py; accuracy thresholds come later)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import eval_real  # noqa: E402

LABELS = sorted((eval_real.REAL / "labels").glob("*.yml"))


def test_there_are_labelled_documents() -> None:
    assert len(LABELS) >= 11


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.stem)
def test_labels_file_is_valid(path: Path) -> None:
    assert eval_real.validate_label(path) == []


def test_validation_catches_mistakes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_text("Số: 1/KH-X\n", encoding="utf-8")
    bad = {"file": "x.txt", "layout": "scan", "source": {"repo": "a/b", "path": "x"},
           "colour": 1,
           "expected": {"date": "10/3/2026", "recipients": "5", "signer": {"rank": "x"},
                        "targets": [{"value": "100%"}], "citations": "1/KH", "numbr": "1"}}
    path = tmp_path / "x.yml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    errs = " | ".join(eval_real.validate_label(path, docs))
    for what in ("'colour'", "layout", "date", "recipients", "signer", "target", "citations",
                 "'numbr'"):
        assert what in errs, what
    path2 = tmp_path / "y.yml"
    path2.write_text(yaml.safe_dump({**bad, "file": "y.txt"}), encoding="utf-8")
    assert "document y.txt not in" in " | ".join(eval_real.validate_label(path2, docs))


def test_no_document_crashes_the_converter() -> None:
    results = eval_real.evaluate()
    crashed = [(r.file, r.error) for r in results if r.status == "crashed"]
    assert crashed == []
    assert {r.file for r in results} == {yaml.safe_load(p.read_text("utf-8"))["file"]
                                         for p in LABELS}


def test_scoring_rules() -> None:
    res = eval_real.DocResult("x", "docx")
    # citations by number key: spaces and TƯ/TW do not matter; an extra output item is wrong
    sc = eval_real.score_list("citations", ["02-NQ/TƯ", "5/KH-X"], ["02 - NQ/TW", "9/QĐ-Y"], res)
    assert (sc.right, sc.wrong, sc.missing) == (1, 1, 1)
    # agencies: folded, leading "các" and UBND = Ủy ban nhân dân
    sc = eval_real.score_list("agencies", ["Ủy ban nhân dân các xã, phường", "Sở Nội vụ"],
                              ["UBND các xã, phường", "các Sở Nội Vụ"], res)
    assert (sc.right, sc.wrong, sc.missing) == (2, 0, 0)
    # targets: value + unit, deadline only when labelled
    exp = [{"value": 100, "unit": "%", "deadline": 2030}, {"value": 5, "unit": "mỏ"}]
    got = [{"value": 100.0, "unit": "%", "deadline": None}, {"value": 5, "unit": "Mỏ",
                                                            "deadline": "annual"}]
    sc = eval_real.score_list("targets", exp, got, res)
    assert (sc.right, sc.wrong, sc.missing) == (1, 1, 1)
    assert eval_real._scalar("title", "Kế hoạch.", "KẾ HOẠCH")[0] == "right"
    assert eval_real._scalar("number", "5973/UBND-KT", "5973 /UBND-KT")[0] == "right"
    assert eval_real._scalar("issuer", "Văn phòng", None)[0] == "missing"
    assert eval_real._scalar("number", None, "1/KH")[0] == "wrong"


def test_refused_document_counts_every_field_missing(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "docs" / "x.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy Word")
    label = {"file": "x.doc", "layout": "doc", "source": {"repo": "a/b", "path": "x.doc"},
             "expected": {"number": "1/KH-X", "signer": {"name": "A", "title": "B"},
                          "citations": ["2/QĐ-Y", "3/CV-Z"]}}
    (tmp_path / "labels" / "x.yml").write_text(yaml.safe_dump(label), encoding="utf-8")
    [res] = eval_real.evaluate(tmp_path)
    assert res.status == "refused"
    assert sum(s.missing for s in res.fields.values()) == 5
    assert sum(s.right + s.wrong for s in res.fields.values()) == 0


# ---- what the real corpus must keep: no word lost, the portal buildable, accuracy floors -------

def test_every_readable_document_keeps_every_word() -> None:
    results = [r for r in eval_real.evaluate() if r.status == "ok"]
    lossy = [(r.file, r.missing_words) for r in results if not r.lossless]
    assert lossy == []
    assert len(results) >= 30


def test_the_documents_that_cannot_be_read_are_refused_with_a_reason() -> None:
    refused = {r.file: r.error for r in eval_real.evaluate() if r.status != "ok"}
    expected = {yaml.safe_load(p.read_text("utf-8"))["file"] for p in LABELS
                if yaml.safe_load(p.read_text("utf-8")).get("refuse")}
    assert set(refused) == expected
    for file, error in refused.items():
        assert "OCR" in error and file in error  # names the file, says what to do


# Floors under today's figures (scripts/eval_real.py), so that a change that makes the converter
# worse on real documents fails here; raise them as it gets better (the goal is 95 % each).
# Lowered (issue 19, held-out check) once documents 50-53, never tuned to, joined the corpus;
# raised again (issue 19, held-out rules: 52 refused, 51's cover page and appendix table) to
# just under what is reached.
FLOORS = {"number": 0.99, "type": 0.99, "issuer": 0.96, "parent_issuer": 0.99, "place": 0.96,
          "date": 0.99, "title": 0.99, "signer.authority": 0.99, "signer.title": 0.96,
          "signer.name": 0.99, "recipients": 0.99, "citations": 0.99, "agencies": 0.955,
          "targets": 0.99, "attachment.type": 1.0, "attachment.title": 1.0}


def test_accuracy_on_the_labelled_corpus_stays_above_its_floors() -> None:
    fields = eval_real.summary(eval_real.evaluate())["fields"]
    below = {name: round(fields[name]["accuracy"], 3) for name, floor in FLOORS.items()
             if fields[name]["accuracy"] < floor}
    assert below == {}


@pytest.mark.slow
def test_importing_the_whole_corpus_at_once_leaves_a_buildable_portal(tmp_path: Path) -> None:
    """Issue 19's promise: one `vanban import` of every real document (some refused, with
    reasons) writes what `vanban check` accepts and `mkdocs build --strict` builds."""
    from click.testing import CliRunner
    from conftest import built_site, make_project

    from vanban.check import check, is_notice
    from vanban.cli import main

    project = make_project(tmp_path, ROOT / "docs", ROOT / "data")
    docs = sorted((eval_real.REAL / "docs").iterdir())
    result = CliRunner().invoke(main, ["--lang", "en", "import", *map(str, docs),
                                       "--docs", str(project / "docs"),
                                       "--data", str(project / "data")])
    assert result.exit_code == 1, result.output      # the scans and the seeds already there
    assert "Imported 31 files, refused 9" in result.output, result.output[-2000:]
    assert [p.message("en") for p in check(project) if not is_notice(p)] == []
    site = built_site(project)
    assert len(list((site / "van-ban").glob("*/index.html"))) >= 31
