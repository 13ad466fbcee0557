"""`vanban import` (issue 19, items 5 and 6): names that never collide by accident, the same
document refused only when it is the same, targets without a year, unknown agencies added for
review, a batch file by file — and whatever an import writes passes `vanban check`."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban.check import check, is_notice
from vanban.cli import main

SEEDS = Path("/work/shared/seeds")
CORPUS = Path("/work/shared/corpus")
SEED_004 = SEEDS / "004_427a807451b85553.txt"      # Số: 01 /CTr-CDVC, Phú Thọ, 13/3/2024

# a plan with no number, no date, no year for its target and an agency of another province
PLAN = """KẾ HOẠCH
Chăm lo cho người lao động khó khăn

I. MỤC TIÊU
1. Ít nhất 85% người hưởng trợ cấp được thăm hỏi, tặng quà.
II. TỔ CHỨC THỰC HIỆN
1. Giao Ban Công tác công đoàn huyện Mường Lát chủ trì thực hiện.
"""
PLAN_2 = """KẾ HOẠCH
Tổ chức Tháng Công nhân

I. MỤC TIÊU
1. Phấn đấu 90% công đoàn cơ sở tổ chức hoạt động hưởng ứng.
II. TỔ CHỨC THỰC HIỆN
1. Giao Ban Công tác Công đoàn huyện Mường Lát chủ trì.
2. Đề nghị Ban công tác công đoàn huyện Mường Lát phối hợp thực hiện.
"""

needs_seeds = pytest.mark.skipif(not SEED_004.exists(), reason="seeds not found")


def portal(dest: Path) -> Path:
    """A copy of the portal's content (docs/, data/) in `dest`."""
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


def run(root: Path, *files: Path, force: bool = False) -> Result:
    args = ["--lang", "en", "import", *map(str, files), "--docs", str(root / "docs"),
            "--data", str(root / "data"), *(["--force"] if force else [])]
    return CliRunner().invoke(main, args)


def errors(root: Path) -> list[str]:
    return [p.message("en") for p in check(root) if not is_notice(p)]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def pages(root: Path) -> set[str]:
    return {p.name for p in (root / "docs" / "van-ban").glob("*.md")}


# ---- names ---------------------------------------------------------------------------------

def test_two_unread_documents_get_their_own_names(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    before = pages(root)
    a = write(tmp_path, "a.txt", PLAN)
    b = write(tmp_path, "b.txt", PLAN_2)
    result = run(root, a, b)
    assert result.exit_code == 0, result.output
    assert pages(root) - before == {"kh-cham-lo-cho-nguoi-lao-dong.md",
                                    "kh-to-chuc-thang-cong-nhan.md"}
    # a third plan with the same title but other content: a distinct name, not a refusal
    c = write(tmp_path, "c.txt", PLAN.replace("85%", "95%"))
    third = run(root, c)
    assert third.exit_code == 0, third.output
    assert "kh-cham-lo-cho-nguoi-lao-dong-2.md" in pages(root)
    assert f"{c}: the name 'kh-cham-lo-cho-nguoi-lao-dong' belongs to another document, so " \
        "this one is 'kh-cham-lo-cho-nguoi-lao-dong-2'" in third.output
    assert errors(root) == []


def test_a_document_with_nothing_but_its_body_is_named_after_the_file(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    src = write(tmp_path, "Bien ban hop 03.txt", "Nội dung cuộc họp được ghi lại.\n")
    result = run(root, src)
    assert result.exit_code == 0, result.output
    assert "vb-bien-ban-hop-03.md" in pages(root)
    assert "no title found — the page is titled 'Bien ban hop 03'" in result.output
    assert errors(root) == []


@needs_seeds
def test_the_same_number_from_two_issuers_gets_two_names(tmp_path: Path) -> None:
    """01/CTr-CDVC of Phú Thọ's civil-servant union (in the portal) and the same number of
    another province's: the second keeps its own page, named with its place."""
    root = portal(tmp_path / "p")
    other = SEED_004.read_text(encoding="utf-8").replace("Phú Thọ", "Phú Yên")
    src = write(tmp_path, "phu-yen.txt", other)
    result = run(root, src)
    assert result.exit_code == 0, result.output
    page = root / "docs" / "van-ban" / "ctr-01-cdvc-2024-phu-yen.md"
    assert page.exists()
    assert "place: Phú Yên" in page.read_text(encoding="utf-8")
    assert "place: Phú Thọ" in (root / "docs" / "van-ban" / "ctr-01-cdvc-2024.md").read_text(
        encoding="utf-8")
    assert errors(root) == []


@needs_seeds
def test_the_same_document_twice_is_refused_and_forced_in_place(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    page = root / "docs" / "van-ban" / "ctr-01-cdvc-2024.md"
    edited = page.read_text(encoding="utf-8") + "\nSửa tay.\n"
    page.write_text(edited, encoding="utf-8")
    # the same text with other line breaks: not the same bytes, the same number/issuer/date
    copy = write(tmp_path, "copy.txt", SEED_004.read_text(encoding="utf-8") + "\n\n")
    result = run(root, copy)
    assert result.exit_code == 1
    assert f"{copy}: this document is already imported as {page} (same number, issuer, place " \
        "and date) — not imported again" in result.output
    assert "Imported 0 files, refused 1." in result.output
    assert page.read_text(encoding="utf-8") == edited
    forced = run(root, copy, force=True)
    assert forced.exit_code == 0, forced.output
    assert not page.read_text(encoding="utf-8").endswith("Sửa tay.\n")
    assert not (root / "docs" / "van-ban" / "ctr-01-cdvc-2024-phu-tho.md").exists()


@needs_seeds
def test_same_bytes_is_the_same_document_even_without_a_number(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    seed = SEEDS / "001_7ce746c6a2501a81.txt"          # the directive without a number
    src = tmp_path / "chi-thi.txt"
    src.write_bytes(seed.read_bytes())
    result = run(root, src)
    assert result.exit_code == 1
    assert "already imported as" in result.output and "(the same file content)" in result.output


# ---- targets without a year ------------------------------------------------------------------

def test_a_target_without_a_year_has_no_deadline_and_the_portal_stays_valid(
        tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    result = run(root, write(tmp_path, "plan.txt", PLAN))
    assert result.exit_code == 0, result.output
    targets = yaml.safe_load((root / "data" / "targets" / "kh-cham-lo-cho-nguoi-lao-dong.yml")
                             .read_text(encoding="utf-8"))
    t = targets["targets"][0]
    assert (t["target"], t["comparator"], t["unit"], t["deadline"]) == (85, "≥", "%", None)
    assert "target t01 has no deadline in the document" in result.output
    assert errors(root) == []

    from vanban.check import sources
    from vanban.site.catalog import load_catalog
    cat = load_catalog(sources(root, 2026))
    target = cat.progress.files["kh-cham-lo-cho-nguoi-lao-dong"].targets[0]
    assert (target.deadline_kind, target.status, target.deadline_key()) == (
        "none", "no_deadline", "chua-co-thoi-han")


def test_a_target_without_a_year_gets_the_term_end(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    text = PLAN.replace("Chăm lo cho người lao động khó khăn",
                        "Chăm lo cho người lao động khó khăn nhiệm kỳ 2023 - 2028")
    text = text.replace("KẾ HOẠCH", "Thanh Hóa, ngày 05 tháng 4 năm 2024\n\nKẾ HOẠCH")
    result = run(root, write(tmp_path, "plan.txt", text))
    assert result.exit_code == 0, result.output
    files = list((root / "data" / "targets").glob("kh-2024-04-05-thanh-hoa*.yml"))
    assert len(files) == 1
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    assert data["term_end"] == 2028
    assert [t["deadline"] for t in data["targets"]] == ["term-end"]
    assert errors(root) == []


# ---- unknown agencies --------------------------------------------------------------------------

def test_unknown_agencies_are_added_once_marked_and_check_passes(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    agencies = root / "data" / "agencies.yml"
    before = agencies.read_text(encoding="utf-8")
    result = run(root, write(tmp_path, "a.txt", PLAN), write(tmp_path, "b.txt", PLAN_2))
    assert result.exit_code == 0, result.output
    after = agencies.read_text(encoding="utf-8")
    assert after.startswith(before)                     # comments and order kept
    added = yaml.safe_load(after[len(before):].replace("  - ", "- ", 1).replace("\n  ", "\n"))
    assert added == [{"id": "ban-cong-tac-cong-doan-huyen-muong-lat",
                      "name": "Ban Công tác công đoàn huyện Mường Lát",
                      "name_en": "Ban Công tác công đoàn huyện Mường Lát", "review": True}]
    assert result.output.count("added agency 'Ban Công tác công đoàn huyện Mường Lát'") == 1
    checked = CliRunner().invoke(main, ["--lang", "en", "check", "--root", str(root)])
    assert checked.exit_code == 0, checked.output
    assert "To review (1, not errors):" in checked.output
    assert "agency 'Ban Công tác công đoàn huyện Mường Lát' was added by an import" \
        in checked.output
    assert "No problems: the data and the documents are valid." in checked.output
    # a second import of another plan naming it: matched, not added again
    third = run(root, write(tmp_path, "c.txt", PLAN.replace("khó khăn", "ốm đau")))
    assert third.exit_code == 0, third.output
    assert agencies.read_text(encoding="utf-8") == after


# ---- a batch -------------------------------------------------------------------------------------

def test_a_batch_imports_what_it_can_and_says_what_it_refused(tmp_path: Path) -> None:
    root = portal(tmp_path / "p")
    good = write(tmp_path, "good.txt", PLAN)
    empty = write(tmp_path, "empty.txt", "")
    missing = tmp_path / "khong-co.txt"
    result = run(root, good, empty, missing)
    assert result.exit_code == 1
    assert "Imported 1 files, refused 2." in result.output
    assert f"{empty}: the file is empty, nothing to import" in result.output
    assert str(missing) in result.output
    assert "kh-cham-lo-cho-nguoi-lao-dong.md" in pages(root)
    assert not list(root.rglob("*.tmp"))
    vi = CliRunner().invoke(main, ["import", str(empty), "--docs", str(root / "docs"),
                                   "--data", str(root / "data")])
    assert vi.exit_code == 1 and "Đã nhập 0 tệp, từ chối 1 tệp." in vi.output


def test_a_file_whose_result_would_be_invalid_is_refused_and_nothing_written(
        tmp_path: Path) -> None:
    """agencies.yml broken by hand: a file that needs it is refused, with the file's problem."""
    root = portal(tmp_path / "p")
    agencies = root / "data" / "agencies.yml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "  - id: x\n", encoding="utf-8")
    before = pages(root)
    result = run(root, write(tmp_path, "plan.txt", PLAN))
    assert result.exit_code == 1
    assert "not imported because the result would not be valid" in result.output
    assert "missing required key 'name'" in result.output
    assert pages(root) == before


# ---- property: whatever an import writes passes `vanban check` ----------------------------------

def _texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


TEXTS = _texts() if SEEDS.is_dir() else []


@st.composite
def variants(draw: st.DrawFn) -> str:
    """A real document, cut, its header dropped, lines shuffled or places and numbers changed."""
    text = draw(st.sampled_from(TEXTS))
    lines = text.splitlines()
    rng = random.Random(draw(st.integers(0, 2**32)))
    for op in draw(st.lists(st.sampled_from(["cut", "head", "shuffle", "place", "number",
                                             "year"]), max_size=3)):
        if op == "cut" and len(lines) > 4:
            a = rng.randrange(len(lines) // 2)
            lines = lines[a: a + rng.randrange(3, len(lines) - a + 1)]
        elif op == "head":
            lines = lines[rng.randrange(1, 12):]
        elif op == "shuffle" and len(lines) > 2:
            a = rng.randrange(len(lines) - 1)
            chunk = lines[a: a + 15]
            rng.shuffle(chunk)
            lines[a: a + 15] = chunk
        elif op == "place":
            lines = [ln.replace("Phú Thọ", "Cà Mau").replace("Bình Định", "Lào Cai")
                     for ln in lines]
        elif op == "number":
            lines = [ln.replace("Số: ", "Số: 9").replace("năm 20", "năm 19") for ln in lines]
        elif op == "year":
            lines = [ln.replace("2025", "năm").replace("2030", "") for ln in lines]
    return "\n".join(lines)


@pytest.mark.skipif(not TEXTS, reason="seeds not found")
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(variants(), min_size=1, max_size=3))
def test_whatever_import_writes_passes_check(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = portal(Path(tmp) / "p")
        files = [write(Path(tmp), f"v{i}.txt", t) for i, t in enumerate(texts)]
        result = run(root, *files)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.output
        assert result.exit_code in (0, 1)
        assert errors(root) == [], result.output
        assert not list(root.rglob("*.tmp"))
