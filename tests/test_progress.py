"""Target progress: the status method on edge cases, the plain sentences, validation messages
(exact `file:line: key.path: …` texts for every invalid case, both languages), the SVG chart,
the downloads and `vanban check`."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, build, make_project

from vanban.cli import main
from vanban.data import DataError, load_agencies
from vanban.progress.chart import chart_svg
from vanban.progress.explain import what_it_takes
from vanban.progress.export import CSV_COLUMNS, downloads
from vanban.progress.status import Observation, Spec, assess, status_of_ratio
from vanban.progress.targets import DocInfo, load_progress

FIXTURES = ROOT / "tests" / "fixtures" / "targets"
DOCS = {"ctr-17-ldld-2021": DocInfo(2021, "Bình Định")}


def obs(*pairs: tuple[int, float]) -> list[Observation]:
    return [Observation(y, v) for y, v in pairs]


# ---- status method ----------------------------------------------------------------

def test_open_sdg_thresholds() -> None:
    assert [status_of_ratio(r) for r in (2.0, 0.95, 0.949, 0.6, 0.599, 0.0, -0.01)] == [
        "on_track", "on_track", "slow", "slow", "off_track", "off_track", "deteriorating"]


def test_compound_growth_ratio_for_counts() -> None:
    # 88,500 (2021) → 96,400 (2023), target 130,000 by 2030: observed CAGR 4.37 %/year,
    # required 4.37 %/year from the baseline 2021 → ratio ≈ 1
    spec = Spec(130000, None, deadline=2030)
    a = assess(spec, obs((2021, 88500), (2023, 96400)), as_of=2024)
    assert a.method == "compound"
    assert a.observed_rate == pytest.approx((96400 / 88500) ** 0.5 - 1)
    assert a.required_rate == pytest.approx((130000 / 88500) ** (1 / 9) - 1)
    assert a.ratio == pytest.approx(a.observed_rate / a.required_rate)
    assert a.status == "slow" if a.ratio < 0.95 else "on_track"
    assert a.needed_per_year == pytest.approx((130000 - 96400) / 7)


def test_percentages_move_in_points_along_a_straight_line() -> None:
    # 62 % → 70.5 % in 2 years (4.25 points/year); 85 % by 2030 needs (85-62)/9 = 2.56/year
    spec = Spec(85, "≥", percent=True, deadline=2030)
    a = assess(spec, obs((2021, 62), (2023, 70.5)), as_of=2024)
    assert a.method == "linear"
    assert a.observed_rate == pytest.approx(4.25)
    assert a.required_rate == pytest.approx(23 / 9)
    assert a.status == "on_track"
    slow = assess(spec, obs((2021, 62), (2023, 65)), as_of=2024)        # 1.5 / 2.56 = 0.59
    assert slow.ratio == pytest.approx(1.5 / (23 / 9)) and slow.status == "off_track"
    moderate = assess(spec, obs((2021, 62), (2023, 66)), as_of=2024)    # 2 / 2.56 = 0.78
    assert moderate.status == "slow"
    worse = assess(spec, obs((2021, 62), (2023, 60)), as_of=2024)
    assert worse.ratio is not None and worse.ratio < 0 and worse.status == "deteriorating"


def test_no_baseline_the_first_measurement_serves_as_one() -> None:
    spec = Spec(105000, None, deadline=2025)
    a = assess(spec, obs((2023, 96400), (2021, 88500)), as_of=2024)   # any order
    assert a.base == Observation(2021, 88500) and a.latest == Observation(2023, 96400)
    # with an explicit baseline the first measurement is not the base
    b = assess(Spec(105000, None, deadline=2025, baseline=Observation(2020, 80000)),
               obs((2021, 88500), (2023, 96400)), as_of=2024)
    assert b.base == Observation(2020, 80000)


def test_at_least_two_data_points() -> None:
    spec = Spec(105000, None, deadline=2025)
    one = assess(spec, obs((2023, 96400)), as_of=2024)
    assert (one.status, one.reason) == ("no_data", "one_point")
    assert one.needed_per_year == pytest.approx(4300)       # what it takes is still known
    none = assess(spec, [], as_of=2024)
    assert (none.status, none.reason) == ("no_data", "no_measurements")
    # a baseline and one measurement are two data points
    two = assess(Spec(105000, None, deadline=2025, baseline=Observation(2021, 88500)),
                 obs((2023, 96400)), as_of=2024)
    assert two.status == "on_track"


def test_value_above_target_is_achieved_whatever_the_trend() -> None:
    spec = Spec(80, "≥", percent=True, deadline=2025)
    a = assess(spec, obs((2021, 90), (2023, 82)), as_of=2024)      # falling, but above 80
    assert a.status == "achieved" and a.fraction == 1.0
    # a single figure above the target is enough ("target achieved" overrides)
    assert assess(spec, obs((2023, 81)), as_of=2024).status == "achieved"
    # achieved also after the deadline
    assert assess(spec, obs((2021, 60), (2025, 80)), as_of=2030).status == "achieved"


def test_comparators() -> None:
    # ≤: lower is better; 9 % → 6 % with 5 % by 2025: 1.5 points/year down, 1/year needed
    at_most = Spec(5, "≤", percent=True, deadline=2025)
    a = assess(at_most, obs((2021, 9), (2023, 6)), as_of=2024)
    assert a.status == "on_track" and a.ratio == pytest.approx(1.5)
    assert assess(at_most, obs((2021, 9), (2023, 5)), as_of=2024).status == "achieved"
    assert assess(at_most, obs((2021, 9), (2023, 10)), as_of=2024).status == "deteriorating"
    # > and <: reaching the value is not enough
    more = Spec(90, ">", percent=True, annual=True)
    assert assess(more, obs((2023, 90)), as_of=2024).status == "missed"
    assert assess(more, obs((2023, 90.1)), as_of=2024).status == "achieved"
    less = Spec(2, "<", percent=True, deadline=2025)
    assert assess(less, obs((2023, 2)), as_of=2024).status == "no_data"     # one point, not met
    assert assess(less, obs((2023, 1.9)), as_of=2024).status == "achieved"
    # =: exactly
    exact = Spec(100, "=", percent=True, annual=True)
    assert assess(exact, obs((2023, 100)), as_of=2024).status == "achieved"
    assert assess(exact, obs((2023, 99.5)), as_of=2024).status == "missed"
    # none: a level to reach from the base, in either direction
    down = Spec(50, None, deadline=2025)   # compound: -7.4 %/year observed, -8.1 % required
    assert assess(down, obs((2021, 70), (2023, 60)), as_of=2024).status == "slow"
    assert assess(down, obs((2021, 70), (2023, 50)), as_of=2024).status == "achieved"


def test_deadline_passed_without_achievement_is_missed() -> None:
    spec = Spec(19000, None, deadline=2023)
    at_deadline = assess(spec, obs((2022, 11900), (2023, 17600)), as_of=2023)
    assert (at_deadline.status, at_deadline.gap) == ("missed", 1400)
    # the year after the deadline, even without a figure for the deadline year
    late = assess(spec, obs((2021, 5200), (2022, 11900)), as_of=2024)
    assert late.status == "missed" and late.reason == "deadline_passed"
    # before the deadline: judged by the ratio
    assert assess(spec, obs((2021, 5200), (2022, 11900)), as_of=2023).status == "on_track"


def test_annual_targets_are_judged_year_by_year() -> None:
    spec = Spec(85, "≥", percent=True, annual=True)
    a = assess(spec, obs((2022, 86), (2023, 84), (2024, 88)), as_of=2026)
    assert a.status == "achieved" and a.yearly == {2022: True, 2023: False, 2024: True}
    b = assess(spec, obs((2022, 86), (2023, 84)), as_of=2026)
    assert b.status == "missed" and b.gap == 1
    # the current year is not over: below the target is "off track", not yet "missed"
    assert assess(spec, obs((2026, 80)), as_of=2026).status == "off_track"
    assert assess(spec, [], as_of=2026).status == "no_data"


def test_unknown_deadline_term_end_without_year() -> None:
    a = assess(Spec(100, None, percent=True), obs((2021, 50), (2022, 60)), as_of=2024)
    assert (a.status, a.reason) == ("no_data", "no_deadline")


def test_base_equal_to_a_strict_target() -> None:
    spec = Spec(90, ">", percent=True, deadline=2025)
    a = assess(spec, obs((2021, 90), (2023, 90)), as_of=2024)
    assert a.ratio == 0.0 and a.status == "off_track"
    up = assess(spec, obs((2021, 90), (2022, 90)), as_of=2024)
    assert up.status == "off_track"
    b = assess(Spec(90, ">", percent=True, deadline=2025, baseline=Observation(2021, 90)),
               obs((2023, 89)), as_of=2024)
    assert b.ratio == -math.inf and b.status == "deteriorating"


# ---- plain sentences ----------------------------------------------------------------

def test_what_it_takes_sentences() -> None:
    spec = Spec(105000, None, deadline=2025)
    a = assess(spec, obs((2021, 88500), (2023, 96400)), as_of=2024)
    assert what_it_takes(spec, a, "đoàn viên", "vi") == (
        "Cần tăng thêm khoảng 4.300 đoàn viên mỗi năm để đạt 105.000 đoàn viên vào năm 2025 "
        "(từ 2021 đến 2023 bình quân tăng 3.950 đoàn viên mỗi năm).")
    assert what_it_takes(spec, a, "đoàn viên", "en") == (
        "It needs to rise by about 4,300 members a year to reach 105,000 members by 2025 "
        "(from 2021 to 2023 it rose by 3,950 members a year on average).")
    down = Spec(5, "≤", percent=True, deadline=2025, baseline=Observation(2021, 9))
    b = assess(down, obs((2024, 6)), as_of=2024)
    assert what_it_takes(down, b, "%", "vi") == (
        "Cần giảm thêm khoảng 1 điểm phần trăm trong năm 2025 để xuống còn 5% "
        "(từ 2021 đến 2024 bình quân giảm 1 điểm phần trăm mỗi năm).")
    annual = Spec(85, "≥", percent=True, annual=True)
    c = assess(annual, obs((2023, 84)), as_of=2026)
    assert what_it_takes(annual, c, "%", "vi") == (
        "Năm 2023 được 84%, còn thiếu 1 điểm phần trăm so với chỉ tiêu hằng năm (từ 85% trở lên).")
    assert what_it_takes(annual, c, "%", "en") == (
        "2023: 84%, 1 percentage point short of the yearly target (at least 85%).")
    missed = Spec(19000, None, deadline=2023)
    d = assess(missed, obs((2022, 11900), (2023, 17600)), as_of=2024)
    assert what_it_takes(missed, d, "đoàn viên", "vi") == (
        "Không đạt: năm 2023 được 17.600 đoàn viên, thiếu 1.400 đoàn viên so với chỉ tiêu "
        "19.000 đoàn viên (hạn năm 2023).")
    assert what_it_takes(missed, assess(missed, [], as_of=2024), "đoàn viên", "en") == (
        "No figures yet. The target is 19,000 members by 2023.")


# ---- validation messages ----------------------------------------------------------------

def _load(case: str, as_of: int = 2026):
    registry = load_agencies(ROOT / "data" / "agencies.yml")
    return load_progress(FIXTURES / case, DOCS, registry, as_of)


F = "tests/fixtures/targets/{case}/ctr-17-ldld-2021.yml"
CASES = {
    "unknown-document": [(
        "tests/fixtures/targets/unknown-document/ctr-17-ldld-2012.yml:1: document: văn bản "
        "'ctr-17-ldld-2012' không có trong docs/van-ban/ — ghi tên tệp của văn bản (không có "
        ".md), ví dụ 'ctr-17-ldld-2021'",
        "tests/fixtures/targets/unknown-document/ctr-17-ldld-2012.yml:1: document: document "
        "'ctr-17-ldld-2012' is not in docs/van-ban/ — write the file name of the document "
        "(without .md), e.g. 'ctr-17-ldld-2021'")],
    "duplicate-id": [(
        ":20: targets[1].id: id chỉ tiêu 't01' bị trùng, đã có ở dòng 5 — mỗi chỉ tiêu cần "
        "một id riêng",
        ":20: targets[1].id: duplicate target id 't01', first used on line 5 — give each target "
        "its own id")],
    "not-a-number": [
        (":18: targets[0].measurements[1].value: cần một số, gặp 'khoảng 96 nghìn' — viết số "
         "với dấu chấm thập phân, không có dấu phân cách hàng nghìn, ví dụ 92.5 hoặc 105000",
         ":18: targets[0].measurements[1].value: expected a number, found 'khoảng 96 nghìn' — "
         "write the number with a decimal point and no thousands separator, e.g. 92.5 or "
         "105000"),
        (":28: targets[1].measurements[0].value: cần một số, gặp '91,5' — viết số với dấu chấm "
         "thập phân, không có dấu phân cách hàng nghìn, ví dụ 92.5 hoặc 105000",
         ":28: targets[1].measurements[0].value: expected a number, found '91,5' — write the "
         "number with a decimal point and no thousands separator, e.g. 92.5 or 105000")],
    "thousands": [(
        ":8: targets[0].target: cần một số, gặp '105.000' — YAML đọc là 105; nếu là 105000 thì "
        "viết 105000 (không có dấu chấm phân cách hàng nghìn)",
        ":8: targets[0].target: expected a number, found '105.000' — YAML reads it as 105; if it "
        "means 105000, write 105000 (no thousands separator)")],
    "percent": [
        (":23: targets[1].target: cần một tỷ lệ phần trăm từ 0 đến 100, gặp -5 — kiểm tra lại "
         "số liệu hoặc đơn vị ('unit')",
         ":23: targets[1].target: expected a percentage from 0 to 100, found -5 — check the "
         "figure or the unit ('unit')"),
        (":28: targets[1].measurements[0].value: cần một tỷ lệ phần trăm từ 0 đến 100, gặp "
         "105 — kiểm tra lại số liệu hoặc đơn vị ('unit')",
         ":28: targets[1].measurements[0].value: expected a percentage from 0 to 100, found 105 "
         "— check the figure or the unit ('unit')")],
    "year-outside": [
        (":14: targets[0].measurements[0].year: cần một năm từ 2020 đến 2025 (thời gian của "
         "văn bản ctr-17-ldld-2021), gặp 2019 — sửa lại năm (bốn chữ số, trong khoảng đó)",
         ":14: targets[0].measurements[0].year: expected a year from 2020 to 2025 (the time "
         "frame of document ctr-17-ldld-2021), found 2019 — correct the year (four digits, in "
         "that range)"),
        (":27: targets[1].measurements[0].year: cần một năm từ 2020 đến 2025 (thời gian của "
         "văn bản ctr-17-ldld-2021), gặp 2031 — sửa lại năm (bốn chữ số, trong khoảng đó)",
         ":27: targets[1].measurements[0].year: expected a year from 2020 to 2025 (the time "
         "frame of document ctr-17-ldld-2021), found 2031 — correct the year (four digits, in "
         "that range)")],
    "year-twice": [(
        ":17: targets[0].measurements[1].year: năm 2021 đã có số liệu ở dòng 14 — mỗi năm chỉ "
        "ghi một số liệu; xóa hoặc gộp một trong hai mục",
        ":17: targets[0].measurements[1].year: year 2021 already has a figure on line 14 — one "
        "figure per year; remove or merge one of the two entries")],
    "unknown-agency": [(
        ":11: targets[0].agency: cơ quan 'ldld-binh-dinh-ban-to-chuc-kiem-tr' không có trong "
        "data/agencies.yml — ghi id hoặc tên của một cơ quan trong tệp đó, ví dụ "
        "'ldld-binh-dinh-ban-to-chuc-kiem-tra'",
        ":11: targets[0].agency: agency 'ldld-binh-dinh-ban-to-chuc-kiem-tr' is not in "
        "data/agencies.yml — write the id or name of an agency listed there, e.g. "
        "'ldld-binh-dinh-ban-to-chuc-kiem-tra'")],
    "syntax": [(
        ":21: lỗi cú pháp YAML: expected ',' or ']', but got ':' (while parsing a flow "
        "sequence) — kiểm tra thụt lề (chỉ dùng dấu cách, không dùng tab), dấu hai chấm, dấu "
        "ngoặc và dấu nháy ở dòng này",
        ":21: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow "
        "sequence) — check the indentation (spaces only, no tabs), colons, brackets and quotes "
        "on this line")],
    "shape": [
        (":16: targets[0].measurements[0].source: cần tên báo cáo có số liệu này, gặp giá trị "
         "trống — ghi sau 'source:' tên báo cáo, ví dụ 'Báo cáo số 45/BC-LĐLĐ ngày 15/12/2023'",
         ":16: targets[0].measurements[0].source: expected the report that gives this figure, "
         "found nothing — write it after 'source:', e.g. 'Báo cáo số 45/BC-LĐLĐ ngày "
         "15/12/2023'"),
        (":24: targets[1].comparator: cần một trong các dấu ≥, >, ≤, <, = (hoặc để trống), gặp "
         "'khoảng' — ghi một trong các dấu đó hoặc bỏ dòng 'comparator'",
         ":24: targets[1].comparator: expected one of ≥, >, ≤, <, = (or nothing), found "
         "'khoảng' — write one of them or remove the 'comparator' line"),
        (":25: targets[1].deadline: cần một năm, 'annual' (hằng năm) hoặc 'term-end' (hết nhiệm "
         "kỳ), gặp 'cuối năm' — ghi năm hạn chót, ví dụ 2025, hoặc một trong hai từ đó",
         ":25: targets[1].deadline: expected a year, 'annual' or 'term-end', found 'cuối năm' — "
         "write the deadline's year, e.g. 2025, or one of those two words"),
        (":27: targets[1].measurements[0]: thiếu khóa bắt buộc 'source' — thêm 'source: …' vào "
         "mục này",
         ":27: targets[1].measurements[0]: missing required key 'source' — add 'source: …' to "
         "this entry"),
        (":29: targets[1].measurements[0].ghi_chu: khóa lạ 'ghi_chu' — các khóa dùng được ở "
         "đây: year, value, source, note",
         ":29: targets[1].measurements[0].ghi_chu: unknown key 'ghi_chu' — the keys allowed "
         "here are year, value, source, note")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_problem_with_file_line_and_key_path(case: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(DataError) as info:
        _load(case)
    prefix = "" if case == "unknown-document" else F.format(case=case)
    assert info.value.messages("vi") == [prefix + vi for vi, _ in CASES[case]]
    assert info.value.messages("en") == [prefix + en for _, en in CASES[case]]


def test_a_number_too_large_is_reported_not_a_crash(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML reads "1e999" as infinity (found by the fuzz test): the same error as any text
    that is no figure, with its line; no OverflowError."""
    monkeypatch.chdir(ROOT)
    source = (FIXTURES / "valid" / "ctr-17-ldld-2021.yml").read_text(encoding="utf-8")
    assert "    value: 96400\n" in source
    (tmp_path / "ctr-17-ldld-2021.yml").write_text(
        source.replace("    value: 96400\n", "    value: 1e999\n"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_progress(tmp_path, DOCS, load_agencies(ROOT / "data" / "agencies.yml"), 2026)
    assert [m.split(": ", 1)[1] for m in info.value.messages("en")] == [
        "targets[0].measurements[1].value: expected a number, found '1e999' — write the number "
        "with a decimal point and no thousands separator, e.g. 92.5 or 105000"]
    assert info.value.messages("en")[0].split(": ", 1)[0].endswith("ctr-17-ldld-2021.yml:18")


def test_valid_file_loads_with_statuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    progress = _load("valid")
    f = progress.of("ctr-17-ldld-2021")
    assert f is not None and not f.sample
    t01, t02 = f.targets
    assert t01.agency is not None and t01.agency.id == "ldld-binh-dinh-ban-to-chuc-kiem-tra"
    assert t02.comparator == "≥"                     # written as '>='
    assert t01.status == "missed"                    # 2025 has passed in 2026
    assert t02.status == "achieved" and t02.measurements[0].note == "ước thực hiện"
    assert _load("valid", as_of=2024).of("ctr-17-ldld-2021").targets[0].status == "on_track"


def test_committed_targets_are_valid_and_marked_as_sample() -> None:
    from vanban.check import check
    assert [p.message("en") for p in check(ROOT, 2026)] == []
    for path in sorted((ROOT / "data" / "targets").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if "measurements:\n  - year" in text:       # figures present: they are sample figures
            assert "\nsample: true" in text, path


# ---- chart ----------------------------------------------------------------

def test_chart_is_accessible_and_escapes_everything() -> None:
    svg = str(chart_svg("c-1", "<b>title</b>", 'desc "quoted" & <i>', [(2021, 10.0), (2023, 30.0)],
                        target=50, deadline=2025, base=(2020, 5.0), percent=True,
                        fmt=lambda x: f"{x:g}", labels=("<Target>", "Due")))
    assert svg.startswith('<svg class="vb-chart" id="c-1" viewBox="0 0 360 220" role="img" '
                          'aria-labelledby="c-1-title c-1-desc"')
    assert '<title id="c-1-title">&lt;b&gt;title&lt;/b&gt;</title>' in svg
    assert '<desc id="c-1-desc">desc &#34;quoted&#34; &amp; &lt;i&gt;</desc>' in svg
    assert "&lt;Target&gt; 50%" in svg and "<Target>" not in svg
    assert svg.count('class="vb-chart__point"') == 2 and svg.count('class="vb-chart__base"') == 1
    assert 'class="vb-chart__deadline"' in svg and ">Due 2025</text>" in svg
    assert "<script" not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


# ---- downloads ----------------------------------------------------------------

def test_downloads_csv_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    progress = _load("valid")
    files = downloads(progress)
    assert sorted(files) == ["ctr-17-ldld-2021.csv", "ctr-17-ldld-2021.json", "tat-ca.csv",
                             "tat-ca.json"]
    assert files["ctr-17-ldld-2021.csv"].startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(files["ctr-17-ldld-2021.csv"][1:])))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["target_id"], r["year"], r["value"], r["status"]) for r in rows] == [
        ("t01", "2021", "88500", "missed"), ("t01", "2023", "96400", "missed"),
        ("t02", "2022", "91.5", "achieved")]
    data = json.loads(files["tat-ca.json"])
    assert data["as_of"] == 2026
    t01 = data["documents"][0]["targets"][0]
    assert t01["measurements"] == [
        {"year": 2021, "value": 88500, "source": "Báo cáo số 1/BC-LĐLĐ", "note": None},
        {"year": 2023, "value": 96400, "source": "Báo cáo số 2/BC-LĐLĐ", "note": None}]
    assert t01["status_label"] == {"vi": "Không đạt", "en": "Missed"}
    assert t01["what_it_takes"]["en"].startswith("The 2025 deadline has passed")


# ---- vanban check ----------------------------------------------------------------

def _project(tmp_path: Path, case: str) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "data", tmp_path / "data",
                    ignore=shutil.ignore_patterns("targets"))
    (tmp_path / "data" / "targets").mkdir()
    for f in (FIXTURES / case).glob("*.yml"):
        shutil.copy(f, tmp_path / "data" / "targets" / f.name)
    return tmp_path


def test_check_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, "year-twice")
    monkeypatch.chdir(project)
    runner = CliRunner()
    bad = runner.invoke(main, ["--lang", "en", "check", "--as-of", "2026"])
    assert bad.exit_code == 1
    assert bad.output.splitlines() == [
        "1 problems to fix:",
        "data/targets/ctr-17-ldld-2021.yml:17: targets[0].measurements[1].year: year 2021 "
        "already has a figure on line 14 — one figure per year; remove or merge one of the two "
        "entries"]
    assert runner.invoke(main, ["check", "--lang", "en", "--as-of", "2026"]).output \
        == bad.output
    vi = runner.invoke(main, ["check", "--as-of", "2026"])
    assert vi.exit_code == 1 and vi.output.startswith("Có 1 lỗi cần sửa:\ndata/targets/")
    shutil.copy(FIXTURES / "valid" / "ctr-17-ldld-2021.yml",
                project / "data" / "targets" / "ctr-17-ldld-2021.yml")
    good = runner.invoke(main, ["check", "--as-of", "2026"])
    assert (good.exit_code, good.output) == (0, "Không có lỗi: dữ liệu và văn bản hợp lệ.\n")


@pytest.mark.slow
def test_build_fails_with_the_list_and_no_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / "docs", ROOT / "data")
    shutil.rmtree(project / "data" / "targets")
    (project / "data" / "targets").mkdir()
    for case in ("percent", "unknown-agency"):
        shutil.copy(FIXTURES / case / "ctr-17-ldld-2021.yml",
                    project / "data" / "targets" / "ctr-17-ldld-2021.yml")
        result = build(project)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert "vanban: invalid data file:\n" in result.stderr
        for _vi, en in CASES[case]:
            assert "data/targets/ctr-17-ldld-2021.yml" + en in result.stderr


def test_reimport_moves_figures_to_the_same_target_or_refuses() -> None:
    from vanban.importer import keep_staff_data
    figures = [{"year": 2023, "value": 96400, "source": "BC 1"}]
    old = {"sample": True, "term_end": 2028, "targets": [
        {"id": "t02", "text": "Có 105.000 đoàn viên.", "target": 105000,
         "agency": "ldld-binh-dinh", "baseline": None, "measurements": figures}]}
    fresh = {"sample": False, "term_end": None, "targets": [
        {"id": "t01", "text": "Mới.", "target": 1, "agency": None, "baseline": None,
         "measurements": []},
        {"id": "t03", "text": "Có 105.000 đoàn viên.", "target": 105000, "agency": None,
         "baseline": None, "measurements": []}]}
    assert keep_staff_data(fresh, old) == []
    assert (fresh["sample"], fresh["term_end"]) == (True, 2028)
    assert fresh["targets"][1]["measurements"] == figures      # same text and value, new id
    assert fresh["targets"][1]["agency"] == "ldld-binh-dinh"
    assert fresh["targets"][0]["measurements"] == []
    gone = {"targets": [{"id": "t09", "text": "Đã bỏ.", "target": 5, "measurements": figures}]}
    assert keep_staff_data(fresh, gone) == gone["targets"]


def test_forced_import_refuses_to_lose_figures(tmp_path: Path) -> None:
    from vanban.importer import run_import
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("seeds not found")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "docs" / "van-ban", tmp_path / "docs" / "van-ban")
    path = data / "targets" / "ctr-17-ldld-2021.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.replace("text: Phấn đấu có 130.000 đoàn viên công đoàn;",
                                   "text: Một câu đã sửa tay."), encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    result = run_import(seeds, tmp_path / "docs", data, force=True, lang="en")
    # that one file is refused; the other three seeds are re-imported (each file on its own)
    assert [p.page.name for p in result.planned] == [
        "ct-2021-11-10-dien-bien.md", "kh-2020-03-12-ninh-binh.md", "ctr-01-cdvc-2024.md"]
    assert not any("ctr-17" in p.name for p in result.written)
    assert result.errors == [
        f"{seeds[2]}: target 't33' of {path} has figures but the new import has no such "
        "target ('Một câu đã sửa tay.') — move the figures to the right target or remove "
        "them by hand, then import again"]
    assert path.read_text(encoding="utf-8") == edited           # nothing written


def test_dashboard_lists_a_limited_number_of_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanban.site import progress as views
    from vanban.site.catalog import Sources, load_catalog
    from vanban.site.html import Abbreviations
    from vanban.site.views import Ctx
    site = ROOT / "tests" / "fixtures" / "site"
    monkeypatch.chdir(site)
    cat = load_catalog(Sources(site / "docs", site / "data" / "agencies.yml",
                               site / "data" / "glossary.yml", site, as_of=2024))
    monkeypatch.setattr(views, "DASHBOARD_ROWS", 2)
    listing = views.dashboard(Ctx(cat, "en", "en/tien-do/", Abbreviations({})))[-1].body
    assert listing.count('<td data-label="Target">') == 2
    assert "4 more: browse by document, deadline, agency or status above." in listing
