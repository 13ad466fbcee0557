"""What is due (issue 18.3-18.4): deadlines read as dates, the home page's next 90 days and
the targets' status bar in both languages, the deadline pages, and each agency's iCalendar
feed parsed back with the icalendar library.

The seed portal is built twice (two folders) as of 15 October 2026 (mkdocs.yml
`extra.vanban.as_of: 2026-10-15`), with one target of ctr-01-cdvc-2024 given no deadline, so
that the status bar has a target to count apart. Expected values come from the documents'
front matter (docs/van-ban/*.md) and data/targets/*.yml, read by hand or with yaml here.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, make_project, page

from vanban.deadlines import Due, read
from vanban.site.due import as_of_date

icalendar = pytest.importorskip("icalendar")

AS_OF = datetime.date(2026, 10, 15)
TUYEN_GIAO = "ldld-binh-dinh-ban-tuyen-giao-nu-cong"   # "Ban Tuyên giáo - Nữ công" of 17/CTr
TO_CHUC_NB = "ldld-ninh-binh-ban-to-chuc"               # "Ban Tổ chức LĐLĐ tỉnh" of Ninh Bình
CAP_TREN = "cong-doan-cap-tren-truc-tiep-co-so"


# ---- reading the printed deadlines (the seeds' own words) -------------------------------------

@pytest.mark.parametrize(("text", "issued", "expected"), [
    # 17/CTr-LĐLĐ of 23/11/2021, line 111
    ("quý IV/2021", datetime.date(2021, 11, 23), [Due(datetime.date(2021, 12, 31),
                                                      "quarter_end")]),
    # line 118: a month → its last day
    ("hoàn thành tháng 01/2022", datetime.date(2021, 11, 23),
     [Due(datetime.date(2022, 1, 31), "month_end")]),
    # "hằng năm" → 31 December of every year from the document's
    ("thường xuyên; hàng năm", datetime.date(2021, 11, 23),
     [Due(datetime.date(2021, 12, 31), "annual", 1)]),
    ("Định kỳ hàng năm", datetime.date(2021, 11, 10),
     [Due(datetime.date(2021, 12, 31), "annual", 1)]),
    # the Ninh Bình plan of 12/3/2020, line 85: twice a year, on the days it gives
    ("theo định kỳ 6 tháng; hằng năm; trước ngày 30/5; trước ngày 30/11",
     datetime.date(2020, 3, 12), [Due(datetime.date(2020, 5, 30), "before", 1),
                                  Due(datetime.date(2020, 11, 30), "before", 1)]),
    # "trước 30/6" → 30/6 of the document's year
    ("trước 30/6", datetime.date(2020, 3, 12), [Due(datetime.date(2020, 6, 30), "before")]),
    ("định kỳ 06 tháng; thường xuyên; hàng năm", datetime.date(2021, 11, 23),
     [Due(datetime.date(2021, 6, 30), "half_year", 1),
      Due(datetime.date(2021, 12, 31), "half_year", 1)]),
    ("2021-2023", datetime.date(2021, 11, 23), [Due(datetime.date(2023, 12, 31), "range_end")]),
    ("2022", datetime.date(2021, 11, 23), [Due(datetime.date(2022, 12, 31), "year_end")]),
    ("Định kỳ 5 năm", datetime.date(2020, 3, 12),
     [Due(datetime.date(2024, 12, 31), "every_years", 5)]),
    # no day: listed on the page, not in a calendar
    ("thường xuyên", datetime.date(2021, 11, 10), []),
    ("Thường xuyên", None, []),
])
def test_printed_deadlines_read_as_dates(text: str, issued: datetime.date | None,
                                         expected: list[Due]) -> None:
    assert read(text, issued) == expected


def test_a_yearly_deadline_falls_due_on_its_next_day() -> None:
    annual = read("hằng năm", datetime.date(2021, 11, 23))[0]
    assert annual.next_on_or_after(AS_OF) == datetime.date(2026, 12, 31)
    once = read("quý IV/2021", datetime.date(2021, 11, 23))[0]
    assert once.next_on_or_after(AS_OF) is None


def test_the_build_date_comes_from_the_options_or_the_commit() -> None:
    commit = {"SOURCE_DATE_EPOCH": str(int(datetime.datetime(
        2026, 9, 1, 12, tzinfo=datetime.UTC).timestamp()))}
    clock = datetime.date(2030, 1, 1)
    assert as_of_date(None, commit, clock) == datetime.date(2026, 9, 1)
    assert as_of_date(None, {}, clock) == clock
    assert as_of_date(2026, commit, clock) == datetime.date(2026, 9, 1)
    assert as_of_date(2024, commit, clock) == datetime.date(2024, 1, 1)
    assert as_of_date(datetime.date(2025, 2, 3), commit, clock) == datetime.date(2025, 2, 3)


# ---- the built portal -------------------------------------------------------------------------

def _project(tmp: Path, name: str) -> Path:
    project = tmp / name
    project.mkdir()
    make_project(project, ROOT / "docs", ROOT / "data")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n    as_of:\n" in text
    config.write_text(text.replace("\n    as_of:\n", f"\n    as_of: {AS_OF.isoformat()}\n"),
                      encoding="utf-8")
    targets = project / "data" / "targets" / "ctr-01-cdvc-2024.yml"
    text = targets.read_text(encoding="utf-8")
    first = text.index("  deadline: annual\n")       # target t01: no deadline
    targets.write_text(text[:first] + "  deadline: null\n"
                       + text[first + len("  deadline: annual\n"):], encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("due")
    saved = {k: os.environ.get(k) for k in ("VANBAN_SEARCH_INDEX", "SOURCE_DATE_EPOCH")}
    os.environ["VANBAN_SEARCH_INDEX"] = "0"
    os.environ.pop("SOURCE_DATE_EPOCH", None)      # the date is mkdocs.yml's
    try:
        out = []
        for name in ("a", "b"):
            project = _project(tmp, name)
            result = build(project)
            assert result.returncode == 0, result.stderr[-4000:]
            assert "WARNING" not in result.stderr, result.stderr
            out.append(project / "site")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return out[0], out[1]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, cls: str) -> str:
    start = html.index(cls)
    return html[start:html.index("</section>", start) if "</section>" in html[start:]
                else len(html)]


def _due_items(html: str) -> list[str]:
    return re.findall(r'<li class="vb-due vb-due--[a-z]+">.*?</li>', html)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_home_lists_what_falls_due_in_the_next_90_days(sites: tuple[Path, Path], lang: str
                                                       ) -> None:
    html = page(sites[0], lang)
    due = html[html.index('class="vb-home vb-home-due"'):html.index("vb-sbar")]
    items = _due_items(due)
    days = [re.search(r'datetime="([\d-]+)"', i).group(1) for i in items]  # type: ignore[union-attr]
    # soonest first, from 15/10/2026 to 13/01/2027 only
    assert days == sorted(days) and days[0] >= "2026-10-15" and days[-1] <= "2027-01-13"
    # the Ninh Bình plan: reports "trước ngày 25/11" every year (three agencies, line 111)
    # and Ban Tổ chức "trước ngày 30/11" (line 85); then 31 December ("hằng năm")
    assert days[:4] == ["2026-11-25"] * 3 + ["2026-11-30"]
    assert all("kh-2020-03-12-ninh-binh/#l111" in i for i in items[:3])
    assert "kh-2020-03-12-ninh-binh/#l85" in items[3]
    assert ("Ban Tổ chức, Liên đoàn Lao động tỉnh Ninh Bình" if not lang
            else "Organisation Department") in _text(items[3])
    assert set(days[4:]) == {"2026-12-31"}
    # light on a phone: six at most, the rest on the deadline page; the page stays small
    assert len(items) == 6 and len(html.encode("utf-8")) < 40_000
    # nothing past: quý IV/2021 of 17/CTr-LĐLĐ is not on the home page
    assert "ctr-17-ldld-2021/#l111" not in due
    label = "Xem cả" if not lang else "See all"
    assert label in due and ('href="han/"' in due if not lang else 'href="deadlines/"' in due)
    assert "<script" not in due


def _targets() -> list[dict]:
    out = []
    for path in sorted((ROOT / "data" / "targets").glob("*.yml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]
    return out


@pytest.mark.parametrize(("lang", "words"), [
    ("", ("đã đạt", "đúng tiến độ", "chậm, không đạt", "chưa đủ số liệu")),
    ("en/", ("achieved", "on track", "off track", "no data"))])
def test_home_status_bar_counts_every_target(sites: tuple[Path, Path], lang: str,
                                             words: tuple[str, ...]) -> None:
    html = page(sites[0], lang)
    bar = html[html.rindex("<a", 0, html.index('class="vb-sbar"')):]
    bar = bar[:bar.index("</a>") + 4]
    assert bar.startswith('<a href="tien-do/"')               # one link, to the dashboard
    counts = {g: int(n) for g, n in re.findall(r'data-group="(\w+)" data-count="(\d+)"', bar)}
    targets = _targets()
    # the project's copy: t01 of ctr-01-cdvc-2024 has no deadline, counted apart
    assert counts.pop("no_deadline") == 1
    assert sum(counts.values()) == len(targets) - 1 == 45
    assert list(counts) == ["achieved", "on_track", "off_track", "no_data"]
    # a target with a deadline and no figure at all has "no data" (t01 had figures)
    no_figures = sum(1 for t in targets if not t["measurements"])
    assert counts["no_data"] >= no_figures == 28
    # t28 (≥ 90 % by 2023: 91.3 in 2023) and t31 (≥ 80 % by 2025: 81.2) are achieved
    assert counts["achieved"] >= 2
    text = _text(bar)
    for word in words:
        assert word in text
    assert re.search(r"45 (chỉ tiêu có thời hạn|targets with a deadline)", text)
    assert ("và 1 chỉ tiêu chưa có thời hạn" if not lang
            else "and 1 targets with no deadline") in text


def _all_pages(site: Path, first: str) -> list[str]:
    html = page(site, first)
    out = [html]
    n = 2
    folder = "trang" if not first.startswith("en/") else "page"
    while (site / first / folder / str(n) / "index.html").is_file():
        out.append(page(site, f"{first}{folder}/{n}/"))
        n += 1
    return out


@pytest.mark.parametrize("first", ["han/", "en/deadlines/"])
def test_deadline_page_lists_every_deadline_by_month(sites: tuple[Path, Path], first: str
                                                     ) -> None:
    pages = _all_pages(sites[0], first)
    items = [i for html in pages for i in _due_items(html)]
    vi = not first.startswith("en/")
    # every assignment with a deadline, once per day it falls on, and every target
    docs = sorted((ROOT / "docs" / "van-ban").glob("*.md"))
    tasks = sum(1 for d in docs for a in yaml.safe_load(d.read_text(encoding="utf-8")
                                                         .split("---\n")[1])["assignments"]
                if a["deadline"])
    assert len(items) >= tasks + 46 - 1
    # quý IV/2021 (17/CTr-LĐLĐ, line 111): the end of the quarter, past, no report
    q4 = [i for i in items if "ctr-17-ldld-2021/#l111" in i]
    assert len(q4) == 1 and 'datetime="2021-12-31"' in q4[0]
    assert ("Đã qua hạn" if vi else "Date passed") in q4[0]
    assert ("ngày cuối quý" if vi else "the quarter's last day") in html.unescape(q4[0])
    # "hoàn thành tháng 01/2022" (line 118): 31/01/2022
    assert any('datetime="2022-01-31"' in i and "ctr-17-ldld-2021/#l118" in i for i in items)
    # targets past their deadline: t28 met (done), t21 19,000 by 2023 with 17,600 (overdue)
    t28 = next(i for i in items if "#chi-tieu-t28" in i)
    t21 = next(i for i in items if "#chi-tieu-t21" in i)
    assert 'datetime="2023-12-31"' in t28 and ("Đã hoàn thành" if vi else "Done") in t28
    assert 'datetime="2023-12-31"' in t21 and ("Quá hạn" if vi else "Overdue") in t21
    # "thường xuyên": listed without a day, after the dated ones
    undated = [i for i in items if 'class="vb-due-day"' in i and "<time" not in i]
    assert len(undated) == 3 and items[-3:] == undated
    # by month: the upcoming first (November 2026), then the past, the latest first
    heads = [h for html in pages for h in re.findall(r'<h3 id="([a-z0-9-]+)"', html)]
    assert heads[0] == "thang-2026-11"
    past = [h for h in heads if h.startswith("da-qua-")]
    assert past == sorted(past, reverse=True) and "da-qua-thang-2021-12" in past
    # the months' index on page 1: every month once, with all its deadlines (as many as are due in
    # a month when counted on the pages: the index says the same)
    months = re.findall(r'<li><a href="[^"]*#([a-z0-9-]+)">[^<]*</a> <span class="vb-count">'
                        r'(\d+)</span>', pages[0][pages[0].index("vb-due-months"):])
    assert [m for m, _ in months] == list(dict.fromkeys(heads))
    listed = [re.search(r'datetime="(\d{4}-\d\d)', i) for i in items]
    assert dict(months)["thang-2026-12"] == str(sum(
        1 for i, m in zip(items, listed, strict=True) if m and m.group(1) == "2026-12"
        and "vb-due--upcoming" in i))
    # the agency filter: links to one agency's deadlines
    filter_ = pages[0][pages[0].index("vb-due-agencies"):]
    assert f'href="{"co-quan" if vi else "agency"}/{TUYEN_GIAO}/"' in filter_


@pytest.mark.parametrize("prefix", ["han/co-quan/", "en/deadlines/agency/"])
def test_one_agencys_deadlines(sites: tuple[Path, Path], prefix: str) -> None:
    html = page(sites[0], f"{prefix}{TUYEN_GIAO}/")
    items = _due_items(html)
    assert any("ctr-17-ldld-2021/#l111" in i for i in items)          # quý IV/2021
    assert not any("kh-2020-03-12-ninh-binh" in i for i in items)     # another province
    assert f'href="../../../co-quan/{TUYEN_GIAO}.ics"' in html or \
        f'href="../../../../co-quan/{TUYEN_GIAO}.ics"' in html


@pytest.mark.parametrize("lang", ["", "en/"])
def test_agency_page_offers_its_calendar(sites: tuple[Path, Path], lang: str) -> None:
    html = page(sites[0], f"{lang}co-quan/{TO_CHUC_NB}/")
    href = re.search(r'<a href="([^"]+\.ics)" type="text/calendar"', html)
    assert href is not None
    target = (sites[0] / f"{lang}co-quan/{TO_CHUC_NB}" / href.group(1)).resolve()
    assert target == (sites[0] / "co-quan" / f"{TO_CHUC_NB}.ics").resolve()
    assert target.is_file()


def _calendar(site: Path, agency: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "co-quan" / f"{agency}.ics").read_bytes())


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_dates_and_rules(sites: tuple[Path, Path]) -> None:
    events = _events(_calendar(sites[0], TUYEN_GIAO))
    q4 = events[f"ctr-17-ldld-2021.l111.{TUYEN_GIAO}@vanban"]
    assert q4.decoded("DTSTART") == datetime.date(2021, 12, 31)
    assert q4.decoded("DTEND") == datetime.date(2022, 1, 1)
    assert "RRULE" not in q4
    assert "quý IV/2021" in str(q4["DESCRIPTION"]) and "cuối quý" in str(q4["DESCRIPTION"])
    assert "31/12/2021" in str(q4["DESCRIPTION"])
    # DTSTAMP: the document's date (23/11/2021), not the build's
    assert q4.decoded("DTSTAMP") == datetime.datetime(2021, 11, 23, tzinfo=datetime.UTC)
    # "thường xuyên; hàng năm" (line 113): 31/12 every year from 2021
    yearly = events[f"ctr-17-ldld-2021.l113.{TUYEN_GIAO}@vanban"]
    assert yearly.decoded("DTSTART") == datetime.date(2021, 12, 31)
    assert dict(yearly["RRULE"]) == {"FREQ": ["YEARLY"], "INTERVAL": [1]}
    # line 112 has no deadline: not in the calendar
    assert not any(".l112." in uid for uid in events)
    # the Ninh Bình plan: "trước ngày 30/5; trước ngày 30/11" every year, two events
    nb = _events(_calendar(sites[0], TO_CHUC_NB))
    days = sorted((e.decoded("DTSTART"), str(e["RRULE"].to_ical(), "ascii"))
                  for uid, e in nb.items() if ".l85." in uid)
    assert days == [(datetime.date(2020, 5, 30), "FREQ=YEARLY;INTERVAL=1"),
                    (datetime.date(2020, 11, 30), "FREQ=YEARLY;INTERVAL=1")]
    # "hoàn thành tháng 01/2022": 31/01/2022
    cap = _events(_calendar(sites[0], CAP_TREN))
    assert cap[f"ctr-17-ldld-2021.l118.{CAP_TREN}@vanban"].decoded("DTSTART") == \
        datetime.date(2022, 1, 31)


def test_calendar_leaves_out_deadlines_without_a_day(sites: tuple[Path, Path]) -> None:
    # "thường xuyên" alone (Điện Biên's directive, the Ninh Bình plan): on the deadline page
    # (test above), in no calendar; the text of a dated event states its deadline
    described = []
    for path in sorted((sites[0] / "co-quan").glob("*.ics")):
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            text = str(event["DESCRIPTION"])
            described.append(text)
            assert not re.search(r"“[Tt]hường xuyên”", text)
            assert "Thời hạn trong văn bản: “" in text and "Deadline in the document: “" in text
    assert len(described) >= 40


def test_calendar_uids_are_stable_across_builds(sites: tuple[Path, Path]) -> None:
    first, second = sites
    names = sorted(p.name for p in (first / "co-quan").glob("*.ics"))
    assert names == sorted(p.name for p in (second / "co-quan").glob("*.ics"))
    assert len(names) >= 20
    uids: set[str] = set()
    for name in names:
        a = (first / "co-quan" / name).read_bytes()
        b = (second / "co-quan" / name).read_bytes()
        assert a == b                                       # DTSTAMP included
        found = list(_events(icalendar.Calendar.from_ical(a)))
        assert len(found) == len(set(found))
        uids |= set(found)
    assert f"ctr-17-ldld-2021.l111.{TUYEN_GIAO}@vanban" in uids
