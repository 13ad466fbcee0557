"""User-facing messages in Vietnamese and English, looked up by code.

Each layer registers its own table with `register()`; `message(code, lang, **params)` formats
one. The language of the CLI comes from `--lang` or the VANBAN_LANG environment variable
(Vietnamese by default).
"""

from __future__ import annotations

import os
from typing import Any

_TABLE: dict[str, tuple[str, str]] = {}


def register(table: dict[str, tuple[str, str]]) -> None:
    """Add messages {code: (vietnamese, english)}; a code registered twice is a bug."""
    for code in table:
        if code in _TABLE and _TABLE[code] != table[code]:
            raise KeyError(f"message code registered twice: {code}")
    _TABLE.update(table)


def default_lang() -> str:
    lang = os.environ.get("VANBAN_LANG", "vi").lower()[:2]
    return lang if lang in ("vi", "en") else "vi"


def message(code: str, lang: str | None = None, **params: Any) -> str:
    vi, en = _TABLE.get(code, (code, code))
    template = en if (lang or default_lang()) == "en" else vi
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
