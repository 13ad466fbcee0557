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
from collections.abc import Iterable

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


def document_slug(type_code: str | None, number: str | None, date: str | None,
                  place: str | None) -> str:
    """File name of an imported document: type, number and year; or type, date and place."""
    code = slugify(type_code or "vb")
    year = (date or "")[:4]
    if number:
        num = slugify(number)
        # "17/CTr-LĐLĐ" → "17-ctr-ldld": put the type first once, not twice
        num = re.sub(rf"(^|-){re.escape(code)}(-|$)", r"\1\2", num).strip("-").replace("--", "-")
        return "-".join(p for p in (code, num, year) if p)
    return "-".join(p for p in (code, date or "", slugify(place or "")) if p)
