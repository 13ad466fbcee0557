"""Numbers and plain sentences about a target, in Vietnamese and English.

Numbers follow each language's custom (vi: 105.000 and 92,5; en: 105,000 and 92.5); "about"
figures are rounded to two significant digits, as a person would say them.

>>> number(105000, "vi"), number(92.5, "vi"), number(105000, "en"), number(4333.3, "vi")
('105.000', '92,5', '105,000', '4.333,3')
>>> approx(4333.3), approx(2.567), approx(0.04)
(4300.0, 2.6, 0.04)
>>> from .status import Spec, Observation, assess
>>> s = Spec(105000, None, deadline=2025)
>>> a = assess(s, [Observation(2021, 88500), Observation(2023, 96400)], as_of=2024)
>>> print(what_it_takes(s, a, "đoàn viên", "vi"))  # doctest: +NORMALIZE_WHITESPACE
Cần tăng thêm khoảng 4.300 đoàn viên mỗi năm để đạt 105.000 đoàn viên vào năm 2025
(từ 2021 đến 2023 bình quân tăng 3.950 đoàn viên mỗi năm).
"""

from __future__ import annotations

import math

from .status import Assessment, Spec

# units as the importer writes them → English
_UNITS_EN = {"đoàn viên": "members", "người": "people", "lượt": "times",
             "công đoàn cơ sở": "grassroots unions", "doanh nghiệp": "enterprises",
             "tỷ đồng": "billion VND", "triệu đồng": "million VND", "cuộc": "events",
             "lớp": "courses", "CĐCS": "grassroots unions"}

STATUS_LABELS = {
    "achieved": ("Đã đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "slow": ("Chậm", "Slow"),
    "off_track": ("Chậm nhiều", "Off track"),
    "deteriorating": ("Đi xuống", "Getting worse"),
    "missed": ("Không đạt", "Missed"),
    "no_deadline": ("Chưa có thời hạn", "No deadline"),
    "no_data": ("Chưa đủ số liệu", "Not enough data"),
}


def status_label(status: str, lang: str) -> str:
    pair = STATUS_LABELS.get(status, (status, status))
    return pair[1] if lang == "en" else pair[0]


def number(x: float, lang: str, decimals: int = 2) -> str:
    """`x` with thousands grouped and at most `decimals` decimals, trailing zeros dropped."""
    text = f"{x:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{x:,.0f}"
    if text in ("-0", ""):
        text = "0"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def approx(x: float) -> float:
    """Rounded to two significant digits (4333 → 4300, 2.567 → 2.6)."""
    if x == 0 or not math.isfinite(x):
        return x
    digits = 1 - math.floor(math.log10(abs(x)))
    return round(x, digits)


def unit_name(unit: str | None, lang: str) -> str:
    if not unit:
        return ""
    return _UNITS_EN.get(unit, unit) if lang == "en" else unit


def amount(x: float, unit: str | None, lang: str) -> str:
    """'92,5%' / '105.000 đoàn viên' / '105,000 members'."""
    if unit == "%":
        return number(x, lang) + "%"
    name = unit_name(unit, lang)
    return f"{number(x, lang)} {name}".rstrip()


def change(x: float, unit: str | None, lang: str) -> str:
    """A change: '2,5 điểm phần trăm' / '2.5 percentage points' / '4.300 đoàn viên'."""
    if unit == "%":
        if lang == "en":
            return number(x, lang) + (" percentage point" if x == 1 else " percentage points")
        return number(x, lang) + " điểm phần trăm"
    return amount(x, unit, lang)


_CMP_VI = {"≥": "từ {x} trở lên", ">": "trên {x}", "≤": "không quá {x}", "<": "dưới {x}",
           "=": "đúng {x}"}
_CMP_EN = {"≥": "at least {x}", ">": "more than {x}", "≤": "at most {x}", "<": "less than {x}",
           "=": "exactly {x}"}


def target_phrase(spec: Spec, unit: str | None, lang: str) -> str:
    """'từ 85% trở lên' / 'at least 85%' / '105.000 đoàn viên'."""
    x = amount(spec.value, unit, lang)
    table = _CMP_EN if lang == "en" else _CMP_VI
    return table[spec.comparator].format(x=x) if spec.comparator in table else x


def what_it_takes(spec: Spec, a: Assessment, unit: str | None, lang: str) -> str:
    """One plain sentence: where the target stands and what it takes to reach it."""
    en = lang == "en"
    goal = target_phrase(spec, unit, lang)
    latest = a.latest
    if latest is None:
        when = _deadline_phrase(spec, lang)
        return (f"No figures yet. The target is {goal}{when}." if en
                else f"Chưa có số liệu thực hiện. Chỉ tiêu là {goal}{when}.")
    now = amount(latest.value, unit, lang)
    if spec.annual:
        if a.status == "achieved":
            return (f"{latest.year}: {now}, the yearly target ({goal}) is met; it has to be "
                    "kept up every year." if en else
                    f"Năm {latest.year} đạt {now}, đạt chỉ tiêu hằng năm ({goal}); cần giữ "
                    "mức này mỗi năm.")
        short = change(abs(a.gap or 0), unit, lang)
        return (f"{latest.year}: {now}, {short} short of the yearly target ({goal})." if en
                else f"Năm {latest.year} được {now}, còn thiếu {short} so với chỉ tiêu hằng "
                f"năm ({goal}).")
    if a.status == "achieved":
        return (f"Achieved: {now} in {latest.year} (target: {goal})." if en
                else f"Đã đạt: năm {latest.year} được {now} (chỉ tiêu: {goal}).")
    short = change(abs(a.gap or 0), unit, lang)
    if a.status == "missed":
        if spec.deadline is not None and latest.year < spec.deadline:
            return (f"The {spec.deadline} deadline has passed; the latest figure ({latest.year}) "
                    f"is {now}, {short} short of {goal}." if en else
                    f"Đã quá hạn năm {spec.deadline}; số liệu mới nhất (năm {latest.year}) là "
                    f"{now}, còn thiếu {short} so với chỉ tiêu {goal}.")
        return (f"Missed: {now} in {latest.year}, {short} short of {goal} (deadline "
                f"{spec.deadline})." if en else
                f"Không đạt: năm {latest.year} được {now}, thiếu {short} so với chỉ tiêu {goal} "
                f"(hạn năm {spec.deadline}).")
    if a.reason == "no_deadline" and spec.open_ended:
        return (f"Latest figure: {now} in {latest.year}. The document gives no deadline: the "
                "progress cannot be judged." if en else
                f"Số liệu mới nhất: năm {latest.year} được {now}. Văn bản không ghi thời hạn "
                "nên chưa đánh giá được tiến độ.")
    if a.reason == "no_deadline":
        return (f"Latest figure: {now} in {latest.year}. The target year is not known (the end "
                "of the term): it cannot be judged yet." if en else
                f"Số liệu mới nhất: năm {latest.year} được {now}. Chưa ghi năm hết nhiệm kỳ nên "
                "chưa đánh giá được tiến độ.")
    need = _need(spec, a, unit, lang)
    if a.reason == "one_point":
        return (f"Only one year of figures ({latest.year}: {now}); one more year is needed to "
                f"see the trend. {need}" if en else
                f"Mới có số liệu một năm ({latest.year}: {now}); cần thêm số liệu năm sau để "
                f"thấy xu hướng. {need}")
    base = a.base
    if base is None or a.observed_rate is None:
        return need
    pace = (latest.value - base.value) / (latest.year - base.year)
    went = ("rose" if pace >= 0 else "fell") if en else ("tăng" if pace >= 0 else "giảm")
    pace_text = change(abs(pace), unit, lang)
    return (f"{need[:-1]} (from {base.year} to {latest.year} it {went} by {pace_text} a year "
            "on average)." if en else
            f"{need[:-1]} (từ {base.year} đến {latest.year} bình quân {went} {pace_text} mỗi "
            "năm).")


def _need(spec: Spec, a: Assessment, unit: str | None, lang: str) -> str:
    en = lang == "en"
    per_year = a.needed_per_year or 0.0
    by = amount(spec.value, unit, lang)
    verb = ("rise" if per_year >= 0 else "fall") if en else ("tăng" if per_year >= 0 else "giảm")
    step = change(abs(approx(per_year)), unit, lang)
    reach = ("reach" if per_year >= 0 else "get down to") if en \
        else ("đạt" if per_year >= 0 else "xuống còn")
    if a.years_left == 1:
        return (f"It needs to {verb} by about {step} in {spec.deadline} to {reach} {by}." if en
                else f"Cần {verb} thêm khoảng {step} trong năm {spec.deadline} để {reach} {by}.")
    return (f"It needs to {verb} by about {step} a year to {reach} {by} by {spec.deadline}."
            if en else
            f"Cần {verb} thêm khoảng {step} mỗi năm để {reach} {by} vào năm {spec.deadline}.")


def _deadline_phrase(spec: Spec, lang: str) -> str:
    if spec.annual:
        return " every year" if lang == "en" else " mỗi năm"
    if spec.deadline is not None:
        return f" by {spec.deadline}" if lang == "en" else f" vào năm {spec.deadline}"
    if spec.open_ended:
        return " (no deadline given)" if lang == "en" else " (văn bản không ghi thời hạn)"
    return " by the end of the term" if lang == "en" else " đến hết nhiệm kỳ"
