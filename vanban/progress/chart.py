"""A small inline SVG chart of one target: the measurements against the target line and the
deadline (no JavaScript, no external file, nothing requested when the page is viewed).

The chart is accessible: `role="img"` with a `<title>` and a `<desc>` (the figures in words);
the page puts the data table next to it. Its coordinate system is 360 units wide — the width of
a phone — so that text stays readable there (about 12 px) and scales up on wider screens
(CSS caps the width). Colours come from CSS classes (vanban.css), so dark mode works.
Everything taken from the YAML is escaped (markupsafe).

>>> svg = chart_svg("c1", "Đoàn viên", "Số liệu 2021–2023", [(2021, 88500.0), (2023, 96400.0)],
...                 target=105000, deadline=2025, fmt=lambda x: f"{x:,.0f}")
>>> svg.count("<circle"), "<title id=\\"c1-title\\">Đoàn viên</title>" in svg
(2, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 18, 30


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^n) that cuts `span` into about `ticks` parts.

    >>> nice_step(100), nice_step(130000), nice_step(7)
    (25.0, 50000.0, 2.0)
    """
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return float(m * power)
    return float(10 * power)


def chart_svg(chart_id: str, title: str, desc: str, points: Sequence[tuple[int, float]], *,
              target: float, deadline: int | None = None, base: tuple[int, float] | None = None,
              percent: bool = False, fmt: Callable[[float], str] = str,
              labels: tuple[str, str] = ("Chỉ tiêu", "Hạn")) -> Markup:
    """The SVG of `points` (year, value) against `target` (a horizontal line) and `deadline`
    (a vertical line); `base` (year, value) draws the path required from it to the target."""
    years = [y for y, _ in points] + ([deadline] if deadline else []) + ([base[0]] if base else [])
    x0, x1 = min(years), max(years)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    values = [v for _, v in points] + [target] + ([base[1]] if base else [])
    lo = min(0.0, *values)
    hi = max(values)
    if percent and hi <= 100:
        hi = 100.0 if hi > 60 else hi
    step = nice_step(hi - lo)
    hi = math.ceil(hi / step) * step if hi > lo else lo + step
    if hi <= max(values) and not (percent and hi == 100):
        hi += step
    lo = math.floor(lo / step) * step

    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    pad = 12     # room for the first and last points and their labels

    def sx(year: float) -> float:
        return round(LEFT + pad + (year - x0) / (x1 - x0) * (plot_w - 2 * pad), 1)

    def edge_anchor(x: float) -> str:
        if x <= LEFT + pad + 8:
            return "start"
        return "end" if x >= WIDTH - RIGHT - pad - 8 else "middle"

    def sy(value: float) -> float:
        return round(TOP + (hi - value) / (hi - lo) * plot_h, 1)

    parts: list[str] = []
    # horizontal grid and value axis
    n = round((hi - lo) / step)
    for i in range(n + 1):
        v = lo + i * step
        y = sy(v)
        parts.append(f'<line class="vb-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{y}" y2="{y}"/>')
        label = fmt(v) + ("%" if percent else "")
        parts.append(f'<text class="vb-chart__tick" x="{LEFT - 6}" y="{y + 4}" '
                     f'text-anchor="end">{escape(label)}</text>')
    # year axis: every year, or every other when there are many
    every = 1 if x1 - x0 <= 8 else math.ceil((x1 - x0) / 8)
    for year in range(x1, x0 - 1, -every):      # from the last year, which is the deadline
        parts.append(f'<text class="vb-chart__tick" x="{sx(year)}" y="{HEIGHT - 10}" '
                     f'text-anchor="middle">{year}</text>')
    # the target line and the deadline
    ty = sy(target)
    parts.append(f'<line class="vb-chart__target" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                 f'y1="{ty}" y2="{ty}"/>')
    target_label = f"{labels[0]} {fmt(target)}{'%' if percent else ''}"
    most_above = sum(1 for _, v in points if v > target) * 2 > len(points)   # clear of them
    label_y = ty + 15 if most_above or ty - 5 < TOP + 12 else ty - 5
    parts.append(f'<text class="vb-chart__target-label" x="{WIDTH - RIGHT - 4}" y="{label_y}" '
                 f'text-anchor="end">{escape(target_label)}</text>')
    if deadline:
        dx = sx(deadline)
        parts.append(f'<line class="vb-chart__deadline" x1="{dx}" x2="{dx}" y1="{TOP}" '
                     f'y2="{HEIGHT - BOTTOM}"/>')
        anchor = "end" if dx > WIDTH / 2 else "start"
        shift = -4 if anchor == "end" else 4
        parts.append(f'<text class="vb-chart__deadline-label" x="{dx + shift}" '
                     f'y="{HEIGHT - BOTTOM - 6}" '
                     f'text-anchor="{anchor}">{escape(f"{labels[1]} {deadline}")}</text>')
        if base is not None and base[0] < deadline:
            parts.append(f'<line class="vb-chart__path" x1="{sx(base[0])}" y1="{sy(base[1])}" '
                         f'x2="{dx}" y2="{ty}"/>')
    # the baseline (when it is not a measurement): a hollow point
    if base is not None and base[0] not in {y for y, _ in points}:
        parts.append(f'<circle class="vb-chart__base" cx="{sx(base[0])}" cy="{sy(base[1])}" '
                     f'r="4"/>')
        label = fmt(base[1]) + ("%" if percent else "")
        parts.append(f'<text class="vb-chart__value" x="{sx(base[0])}" y="{sy(base[1]) + 17}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    # the measurements
    pts = sorted(points)
    if len(pts) > 1:
        coords = " ".join(f"{sx(y)},{sy(v)}" for y, v in pts)
        parts.append(f'<polyline class="vb-chart__line" points="{coords}"/>')
    for year, value in pts:
        cx, cy = sx(year), sy(value)
        parts.append(f'<circle class="vb-chart__point" cx="{cx}" cy="{cy}" r="4"/>')
        label = fmt(value) + ("%" if percent else "")
        above = cy - 9 if cy - 9 > TOP + 4 else cy + 17
        parts.append(f'<text class="vb-chart__value" x="{cx}" y="{above}" '
                     f'text-anchor="{edge_anchor(cx)}">{escape(label)}</text>')
    head = (f'<svg class="vb-chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>')
    return Markup(head + "".join(parts) + "</svg>")
