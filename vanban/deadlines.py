"""When a deadline's printed form falls due: "quý IV/2021", "hằng năm", "trước ngày 30/6".

Documents write deadlines as their authors speak; a calendar needs dates. `read()` turns the
text of an assignment's deadline into `Due`s, each saying how it was read (`basis`), so that
a page or a calendar event can state it:

- a quarter → its last day ("quý IV/2021" → 31/12/2021); a month → its last day;
- a year ("2022", "đến năm 2025", "2021-2023": the last) → 31 December of it;
- a day and month without a year ("trước ngày 30/6") → that day of the document's year (the
  next year when that day comes before the document's date); with "hằng năm": every year;
- "hằng năm" (every year) → 31 December, every year from the document's year;
- "định kỳ 6 tháng" (every six months) → 30 June and 31 December, every year;
- "định kỳ N năm" → 31 December every N years, first at the end of the N-th year;
- "thường xuyên" (ongoing), or anything without a date → no `Due`: the deadline is listed
  but has no day.

>>> [str(d) for d in read("quý IV/2021", datetime.date(2021, 11, 23))]
['2021-12-31 (quarter_end)']
>>> [str(d) for d in read("thường xuyên; hàng năm", datetime.date(2021, 11, 23))]
['2021-12-31 every 1 (annual)']
>>> [str(d) for d in read("trước 30/6", datetime.date(2020, 3, 12))]
['2020-06-30 (before)']
>>> read("thường xuyên", datetime.date(2021, 11, 23))
[]
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .text import fold

# how a date was read from the text (the site states it in words, vanban.site.due)
BASES = ("date", "before", "month_end", "quarter_end", "year_end", "range_end", "annual",
         "half_year", "every_years")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "quý IV/2021", "quý 2 năm 2026", "quý II" (the document's year)
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam)\s*(\d{4}))?")
# "tháng 01/2022", "tháng 3 năm 2022"
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})\b")
# "15/11/2021", "ngày 15 tháng 11 năm 2021"
_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b"
                        r"|\b(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
# "30/6", "ngày 15 tháng 11" (no year)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)"
                        r"|\b(\d{1,2})\s+thang\s+(\d{1,2})\b(?!\s+nam)")
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|den)\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_ANNUAL = re.compile(r"\b(?:hang|moi) nam\b")
_HALF_YEAR = re.compile(r"\b(?:0?6 thang|nua nam|sau thang)\b")
_EVERY_YEARS = re.compile(r"\b(?:dinh ky|moi)\s+0?([2-9]|10)\s+nam\b")


@dataclass(frozen=True)
class Due:
    """A day a deadline falls on: `date` once, or every `every` years from `date` on."""

    date: datetime.date
    basis: str                 # one of BASES
    every: int = 0             # years between repeats; 0: once

    def __str__(self) -> str:
        repeat = f" every {self.every}" if self.every else ""
        return f"{self.date.isoformat()}{repeat} ({self.basis})"

    def next_on_or_after(self, day: datetime.date) -> datetime.date | None:
        """The first time it falls due on `day` or later (None: a past one-off date).

        >>> annual = Due(datetime.date(2021, 12, 31), "annual", 1)
        >>> annual.next_on_or_after(datetime.date(2026, 2, 1))
        datetime.date(2026, 12, 31)
        >>> Due(datetime.date(2024, 12, 31), "every_years", 5).next_on_or_after(
        ...     datetime.date(2026, 2, 1))
        datetime.date(2029, 12, 31)
        """
        if self.date >= day or not self.every:
            return self.date if self.date >= day else None
        years = day.year - self.date.year
        steps = -(-years // self.every)
        found = _same_day(self.date, self.date.year + steps * self.every)
        if found < day:
            found = _same_day(self.date, found.year + self.every)
        return found


def _same_day(day: datetime.date, year: int) -> datetime.date:
    last = calendar.monthrange(year, day.month)[1]
    return datetime.date(year, day.month, min(day.day, last))


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _valid(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def read(text: str | None, issued: datetime.date | None) -> list[Due]:
    """The days the deadline `text` of a document dated `issued` falls due on (see the
    module's doc); [] when the text gives no day. Sorted, without repeats.

    >>> [str(d) for d in read("hoàn thành tháng 01/2022", None)]
    ['2022-01-31 (month_end)']
    >>> [str(d) for d in read("2021-2023", None)], [str(d) for d in read("'2022'", None)]
    (['2023-12-31 (range_end)'], ['2022-12-31 (year_end)'])
    >>> [str(d) for d in read("theo định kỳ 6 tháng; hằng năm; trước ngày 30/5; "
    ...                       "trước ngày 30/11", datetime.date(2020, 3, 12))]
    ['2020-05-30 every 1 (before)', '2020-11-30 every 1 (before)']
    >>> [str(d) for d in read("Định kỳ 5 năm", datetime.date(2020, 3, 12))]
    ['2024-12-31 every 5 (every_years)']
    >>> [str(d) for d in read("trước ngày 15/11", datetime.date(2021, 11, 23))]
    ['2022-11-15 (before)']
    """
    if not text:
        return []
    s = fold(text)
    year0 = issued.year if issued is not None else None
    found: list[Due] = []
    annual = bool(_ANNUAL.search(s))
    rest = s
    for m in _FULL_DATE.finditer(s):
        d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        day = _valid(int(y), int(mo), int(d))
        if day is not None:
            found.append(Due(day, "date"))
    rest = _FULL_DATE.sub(" ", rest)
    for m in _QUARTER.finditer(rest):
        year = int(m.group(2)) if m.group(2) else year0
        if year is not None:
            found.append(Due(_month_end(year, 3 * _ROMAN[m.group(1)]), "quarter_end"))
    rest = _QUARTER.sub(" ", rest)
    for m in _MONTH.finditer(rest):
        if 1 <= int(m.group(1)) <= 12:
            found.append(Due(_month_end(int(m.group(2)), int(m.group(1))), "month_end"))
    rest = _MONTH.sub(" ", rest)
    days = []
    for m in _DAY_MONTH.finditer(rest):
        d, mo = (m.group(1), m.group(2)) if m.group(1) else m.group(3, 4)
        if year0 is not None and (day := _valid(year0, int(mo), int(d))) is not None:
            if not annual and issued is not None and day < issued:
                day = _valid(year0 + 1, day.month, day.day) or day
            days.append(day)
    rest = _DAY_MONTH.sub(" ", rest)
    found += [Due(day, "before", 1 if annual else 0) for day in days]
    for m in _RANGE.finditer(rest):
        found.append(Due(datetime.date(int(m.group(2)), 12, 31), "range_end"))
    rest = _RANGE.sub(" ", rest)
    for m in _YEAR.finditer(rest):
        found.append(Due(datetime.date(int(m.group(1)), 12, 31), "year_end"))
    if year0 is not None and not days:
        every = _EVERY_YEARS.search(s)
        if every is not None:
            n = int(every.group(1))
            found.append(Due(datetime.date(year0 + n - 1, 12, 31), "every_years", n))
        elif _HALF_YEAR.search(s):
            found += [Due(datetime.date(year0, 6, 30), "half_year", 1),
                      Due(datetime.date(year0, 12, 31), "half_year", 1)]
        elif annual:
            found.append(Due(datetime.date(year0, 12, 31), "annual", 1))
    unique = {(d.date, d.every): d for d in found}
    return [unique[k] for k in sorted(unique)]
