"""Status of a target from its measurements: the method of docs/phuong-phap-tien-do.md.

The anchor is Open SDG's progress measure (sdg-build `ProgressMeasure.py`, "methodology 2"): the
ratio of the observed compound annual growth (base → latest) to the growth required (base →
target by the target year), with the thresholds 0.95 / 0.6 / 0; "target achieved" overrides;
at least two data points. Extended for the targets of union documents:

- percentages move in percentage points: for them (and whenever a value is 0 or negative, where
  compound growth is undefined) the rates are straight-line: (v − b) / years;
- the comparator of the document (≥, >, ≤, <, =) decides what "achieved" means and which way is
  progress; without one, the target is a level to reach from the base;
- annual targets ("hằng năm") are judged year by year: the latest measured year decides;
- a deadline that has passed (the year of the last figure is the deadline or later, or the
  current year is after it) without achievement is "missed";
- without a baseline the first measurement serves as one;
- a target whose document gives no deadline (`open_ended`) is "no_deadline" until achieved.

>>> s = Spec(105000, None, percent=False, deadline=2025)
>>> a = assess(s, [Observation(2021, 88500), Observation(2023, 96400)], as_of=2024)
>>> a.status, round(a.ratio or 0, 2), a.needed_per_year
('on_track', 1.0, 4300.0)
>>> assess(Spec(85, "≥", percent=True, annual=True), [Observation(2024, 83)], as_of=2026).status
'missed'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

# in the order the portal shows them (best first; "no_data" last)
STATUSES = ("achieved", "on_track", "slow", "off_track", "deteriorating", "missed", "no_deadline",
            "no_data")

# Open SDG's thresholds of the ratio observed / required growth
ON_TRACK = 0.95     # substantial progress
SLOW = 0.6          # moderate progress
OFF_TRACK = 0.0     # limited progress; below: deterioration

COMPARATORS = ("≥", ">", "≤", "<", "=")
_EPS = 1e-9


@dataclass(frozen=True)
class Observation:
    year: int
    value: float


@dataclass(frozen=True)
class Spec:
    """What a target asks: `value` (with `comparator`) by `deadline` (a year; None when not
    known, e.g. "the end of the term" with no term year given), or every year (`annual`);
    `open_ended`: the document gives no deadline at all."""

    value: float
    comparator: str | None = None
    percent: bool = False
    deadline: int | None = None
    annual: bool = False
    baseline: Observation | None = None
    open_ended: bool = False

    def direction(self, base: float | None) -> int:
        """+1 when progress means a higher value, -1 when lower."""
        if self.comparator in ("≥", ">"):
            return 1
        if self.comparator in ("≤", "<"):
            return -1
        return 1 if base is None or self.value >= base else -1

    def met_by(self, value: float, base: float | None = None) -> bool:
        tol = _EPS * max(1.0, abs(self.value))
        if self.comparator == ">":
            return value > self.value + tol
        if self.comparator == "<":
            return value < self.value - tol
        if self.comparator == "=":
            return abs(value - self.value) <= tol
        if self.direction(base) > 0:
            return value >= self.value - tol
        return value <= self.value + tol


@dataclass(frozen=True)
class Assessment:
    status: str                      # one of STATUSES
    reason: str = ""                 # for no_data/missed: no_measurements, one_point, no_deadline…
    latest: Observation | None = None
    base: Observation | None = None
    method: str | None = None        # linear | compound | annual
    observed_rate: float | None = None   # per year (compound: a growth rate, e.g. 0.04)
    required_rate: float | None = None
    ratio: float | None = None
    needed_per_year: float | None = None  # straight-line change per year still needed
    years_left: int | None = None
    gap: float | None = None         # target − latest
    fraction: float = 0.0            # 0…1 for the progress bar
    yearly: dict[int, bool] = field(default_factory=dict)   # annual targets: year → met


def status_of_ratio(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= SLOW:
        return "slow"
    if ratio >= OFF_TRACK:
        return "off_track"
    return "deteriorating"


def assess(spec: Spec, measurements: Iterable[Observation], as_of: int) -> Assessment:
    """The status of one target in the year `as_of` (normally the current year)."""
    obs = sorted(measurements, key=lambda o: o.year)
    if not obs:
        if spec.open_ended and not spec.annual:
            return Assessment("no_deadline", "no_deadline", base=spec.baseline)
        return Assessment("no_data", "no_measurements", base=spec.baseline)
    latest = obs[-1]
    base = spec.baseline or obs[0]
    direction = spec.direction(base.value)
    fraction = _fraction(spec, latest.value, base, direction)
    gap = spec.value - latest.value
    if spec.annual:
        yearly = {o.year: spec.met_by(o.value, base.value) for o in obs}
        if yearly[latest.year]:
            return Assessment("achieved", latest=latest, base=base, method="annual",
                              fraction=1.0, yearly=yearly, gap=0.0)
        # the current year is not over: not reached yet is "off track", not "missed"
        status = "off_track" if latest.year >= as_of else "missed"
        return Assessment(status, "year_not_met", latest=latest, base=base, method="annual",
                          fraction=fraction, yearly=yearly, gap=gap)
    if spec.met_by(latest.value, base.value):
        return Assessment("achieved", latest=latest, base=base, fraction=1.0, gap=0.0)
    if spec.deadline is None:
        return Assessment("no_deadline" if spec.open_ended else "no_data", "no_deadline",
                          latest=latest, base=base, fraction=fraction, gap=gap)
    deadline = spec.deadline
    if latest.year >= deadline or as_of > deadline:
        return Assessment("missed", "deadline_passed", latest=latest, base=base,
                          fraction=fraction, gap=gap)
    years_left = deadline - latest.year
    needed = gap / years_left
    if base.year >= latest.year or base.year >= deadline:
        return Assessment("no_data", "one_point", latest=latest, base=base, fraction=fraction,
                          gap=gap, needed_per_year=needed, years_left=years_left)
    compound = not spec.percent and min(base.value, latest.value, spec.value) > 0
    if compound:
        observed = (latest.value / base.value) ** (1 / (latest.year - base.year)) - 1
        required = (spec.value / base.value) ** (1 / (deadline - base.year)) - 1
    else:
        observed = (latest.value - base.value) / (latest.year - base.year)
        required = (spec.value - base.value) / (deadline - base.year)
    if abs(required) < _EPS:   # the base is on the target but does not meet it (">", "<")
        ratio = math.copysign(math.inf, direction * observed) if abs(observed) > _EPS else 0.0
    else:
        ratio = direction * observed / abs(required)
    return Assessment(status_of_ratio(ratio), latest=latest, base=base,
                      method="compound" if compound else "linear", observed_rate=observed,
                      required_rate=required, ratio=ratio, needed_per_year=needed,
                      years_left=years_left, gap=gap, fraction=fraction)


def _fraction(spec: Spec, value: float, base: Observation, direction: int) -> float:
    """How far along the progress bar is: value / target when rising from zero or more,
    otherwise the share of the way from the base to the target."""
    if direction > 0 and spec.value > 0 and base.value >= 0:
        share = value / spec.value
    elif abs(spec.value - base.value) > _EPS:
        share = (value - base.value) / (spec.value - base.value)
    else:
        share = 1.0 if spec.met_by(value, base.value) else 0.0
    return min(1.0, max(0.0, share))
