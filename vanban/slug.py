"""The one id/slug generator. Every anchor, file name and link target comes from here.

Rules: fold to ASCII (strip marks, đ→d), lower case, runs of anything else → "-", trimmed.

>>> slugify("Liên đoàn Lao động tỉnh Bình Định")
'lien-doan-lao-dong-tinh-binh-dinh'
>>> slugify("17/CTr-LĐLĐ")
'17-ctr-ldld'
>>> section_id(["III", "1"])       # heading "1." under the first "III."
's-iii-1'
>>> paragraph_id(112)             # paragraph that starts on source line 112
'l112'
>>> document_slug("CTr", "17/CTr-LĐLĐ", "2021-11-23", "Bình Định")
'ctr-17-ldld-2021'
>>> document_slug("CT", None, "2021-11-10", "Điện Biên")
'ct-2021-11-10-dien-bien'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from .text import fold

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def markdown_slugify(value: str, separator: str = "-") -> str:
    """Drop-in `toc.slugify` for Python-Markdown (the default one drops "đ")."""
    return slugify(value).replace("-", separator)


def section_id(numbers: Iterable[str]) -> str:
    """Anchor of a numbered section from its chain of numbers ("I", "2.1", "a")."""
    parts = [_number_slug(n) for n in numbers]
    return "s-" + "-".join(p for p in parts if p)


@functools.lru_cache(maxsize=1024)
def _number_slug(number: str) -> str:
    """slugify() of a section number: a few hundred of them ("I" … "XX", "1" … "2.1.3", "a")
    make every document's anchors."""
    return slugify(number)


def paragraph_id(line: int) -> str:
    """Anchor of a paragraph or list item: its first source line (stable after import)."""
    return f"l{line}"


def target_anchor(target_id: str) -> str:
    return f"chi-tieu-{slugify(target_id)}"


_TITLE_WORDS = 6          # words of the title in the slug of a document without number or date


def document_slug(type_code: str | None, number: str | None, date: str | None,
                  place: str | None, title: str | None = None, source: str | None = None) -> str:
    """File name of an imported document, never a bare type code ("vb", "kh"): type, number and
    year; without a number, type, date and place, and the first words of the title when the
    date or the place is missing; the file name only when there is nothing else.

    >>> document_slug("KH", None, None, None, "Chăm lo cho người lao động khó khăn năm tới")
    'kh-cham-lo-cho-nguoi-lao-dong'
    >>> document_slug("KH", None, "2020-03-12", None, "Xây dựng đội ngũ chủ tịch")
    'kh-2020-03-12-xay-dung-doi-ngu-chu-tich'
    >>> document_slug(None, None, None, None, None, "Bản scan 03.txt")
    'vb-ban-scan-03'
    >>> document_slug(None, None, None, None)
    'vb-khong-ten'

    Two documents can still get the same name (same number, year and type from two issuers,
    or two untitled plans of one day): `unique_slug` tells them apart.
    """
    code = slugify(type_code or "vb")
    year = (date or "")[:4]
    if number:
        num = slugify(number)
        # "17/CTr-LĐLĐ" → "17-ctr-ldld": put the type first once, not twice
        num = re.sub(rf"(^|-){re.escape(code)}(-|$)", r"\1\2", num).strip("-").replace("--", "-")
        if num:
            return "-".join(p for p in (code, num, year) if p)
    parts = [code, date or "", slugify(place or "")]
    if not (date and place) and title:
        parts.append("-".join(slugify(title).split("-")[:_TITLE_WORDS]))
    if not any(parts[1:]) and source:
        parts.append(slugify(source.rsplit(".", 1)[0] if "." in source else source))
    if not any(parts[1:]):
        parts.append("khong-ten")
    return "-".join(p for p in parts if p)


def unique_slug(base: str, taken: Callable[[str], bool], qualifiers: Iterable[str | None] = ()
                ) -> str:
    """`base`, or when `taken(base)`, base + the first qualifier (the issuer's place or short
    name) that gives a free name, else base + "-2", "-3", …

    >>> taken = {"ctr-01-cdvc-2024", "kh-2020"}.__contains__
    >>> unique_slug("ctr-01-cdvc-2024", taken, ["Phú Yên", "Công đoàn Viên chức"])
    'ctr-01-cdvc-2024-phu-yen'
    >>> unique_slug("kh-2020", taken, [None, ""])
    'kh-2020-2'
    >>> unique_slug("ct-2021", taken)
    'ct-2021'
    """
    if not taken(base):
        return base
    for q in qualifiers:
        tail = slugify(q or "", 40)
        candidate = f"{base}-{tail}"
        if tail and not base.endswith(f"-{tail}") and not taken(candidate):
            return candidate
    n = 2
    while taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"
