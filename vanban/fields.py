"""Reading a document's own fields out of their printed form: dates ("ngày 23 tháng 11 năm
2021" pieces → ISO 8601) and numbers ("01 /CTr-CDVC" → "01/CTr-CDVC" and its type code).
Used by the parser (the document's header) and by extract (the documents it cites).
"""

from __future__ import annotations

import datetime as dt
import re

from . import grammar as g
from .model import Document


def iso_date(y: str, m: str, d: str, doc: Document, line: int, text: str) -> str | None:
    try:
        year = int(y)
        if len(y) == 2:
            year += 2000 if year < 50 else 1900
        value = dt.date(year, int(m), int(d))
    except ValueError:
        doc.warn(line, "bad_date", text=text)
        return None
    if not 1930 <= value.year <= dt.date.today().year + 1:
        doc.warn(line, "bad_year", text=text, year=value.year)
        return None
    return value.isoformat()


# "/" or "-" in a document number, with any spaces around it: "01 /CTr-CDVC", "25/Ctr- LĐLĐ"
_SEPARATOR = re.compile(r"\s*([/-])\s*")
_SEPARATOR_ONLY = re.compile(r"([/-])")


def parse_number(value: str, doc: Document, line: int) -> tuple[str | None, str | None]:
    """"17/CTr-LĐLĐ" → ("17/CTr-LĐLĐ", "CTr"); "*M* /KH-LĐLĐ" → (None, "KH") + warning."""
    value = value.replace("*", "").strip()
    compact = "".join(_SEPARATOR.split(value))  # _SEPARATOR.sub(r"\1", …) without a template
    m = g.NUMBER.match(compact)
    code = type_code(compact.split("/", 1)[-1] if m is None else m.group("rest"))
    if m is None or not re.match(r"\d", compact):
        doc.warn(line, "number_placeholder", value=value)
        return None, code
    return canonical_number(compact), code


def canonical_number(number: str) -> str:
    """Spaces dropped, the type code in its canonical case: "25/Ctr- LĐLĐ" → "25/CTr-LĐLĐ"."""
    # the pieces between separators and the separators, spaces around them dropped
    parts = _SEPARATOR.split(number.strip().replace("–", "-"))
    return "".join(g.CODE_ALIASES.get(p.lower(), p) if i > 0 and i % 2 == 0 else p
                   for i, p in enumerate(parts))


def type_code(rest: str) -> str | None:
    """Type code from the part after the number: "CTr-LĐLĐ" → "CTr", "NQ/TW" → "NQ"."""
    first = _SEPARATOR_ONLY.split(rest.strip(), maxsplit=1)[0] if rest else ""
    code = g.CODE_ALIASES.get(first.lower())
    if code:
        return code
    return "CV" if first else None
