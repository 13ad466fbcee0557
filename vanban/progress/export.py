"""Downloads of the targets' data: CSV (one row per measurement; a target without any gets one
row with the year and value empty) and JSON, per document and for the whole portal.

The files are the same for every language (codes, not labels: `status` is one of
vanban.progress.status.STATUSES; the plain sentence is given in both languages in JSON).
CSV is UTF-8 with a byte-order mark so that spreadsheet programs read Vietnamese correctly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .explain import status_label, what_it_takes
from .targets import Progress, Target, TargetFile

CSV_COLUMNS = ("document", "target_id", "text", "indicator", "unit", "comparator", "target",
               "deadline", "baseline_year", "baseline_value", "agency", "status", "year",
               "value", "source", "note", "sample")


def _num(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _deadline(t: Target) -> str:
    return str(t.deadline) if t.deadline_kind == "year" else t.deadline_kind


def target_json(t: Target, sample: bool) -> dict[str, Any]:
    a = t.assessment
    return {
        "document": t.doc, "id": t.id, "text": t.text, "indicator": t.indicator,
        "unit": t.unit, "comparator": t.comparator, "target": _num(t.value),
        "deadline": _deadline(t), "deadline_year": t.deadline, "deadline_text": t.deadline_text,
        "baseline": {"year": t.baseline.year, "value": _num(t.baseline.value)}
        if t.baseline else None,
        "agency": t.agency.id if t.agency else None,
        "status": a.status,
        "status_label": {"vi": status_label(a.status, "vi"), "en": status_label(a.status, "en")},
        "what_it_takes": {lang: what_it_takes(t.spec, a, t.unit, lang) for lang in ("vi", "en")},
        "sample": sample,
        "measurements": [{"year": m.year, "value": _num(m.value), "source": m.source,
                          "note": m.note} for m in sorted(t.measurements, key=lambda m: m.year)],
    }


def rows(files: Iterable[TargetFile]) -> list[dict[str, Any]]:
    out = []
    for f in files:
        for t in f.targets:
            common = {"document": t.doc, "target_id": t.id, "text": t.text,
                      "indicator": t.indicator or "", "unit": t.unit or "",
                      "comparator": t.comparator or "", "target": _num(t.value),
                      "deadline": _deadline(t),
                      "baseline_year": t.baseline.year if t.baseline else "",
                      "baseline_value": _num(t.baseline.value) if t.baseline else "",
                      "agency": t.agency.id if t.agency else "", "status": t.status,
                      "sample": "yes" if f.sample else "no"}
            measured = sorted(t.measurements, key=lambda m: m.year)
            if not measured:
                out.append({**common, "year": "", "value": "", "source": "", "note": ""})
            for m in measured:
                out.append({**common, "year": m.year, "value": _num(m.value),
                            "source": m.source, "note": m.note or ""})
    return out


def to_csv(files: Iterable[TargetFile]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(files):
        writer.writerow({k: "" if row[k] is None else row[k] for k in CSV_COLUMNS})
    return "\ufeff" + buf.getvalue()


def to_json(files: Iterable[TargetFile], as_of: int) -> str:
    docs = [{"document": f.slug, "sample": f.sample, "term_end": f.term_end,
             "targets": [target_json(t, f.sample) for t in f.targets]} for f in files]
    return json.dumps({"as_of": as_of, "documents": docs}, ensure_ascii=False, indent=2) + "\n"


def downloads(progress: Progress) -> dict[str, str]:
    """{file name: content}: '<slug>.csv', '<slug>.json' per document, 'tat-ca.csv/json'."""
    out: dict[str, str] = {}
    for slug, f in progress.files.items():
        out[f"{slug}.csv"] = to_csv([f])
        out[f"{slug}.json"] = to_json([f], progress.as_of)
    everything = list(progress.files.values())
    out[f"{ALL}.csv"] = to_csv(everything)
    out[f"{ALL}.json"] = to_json(everything, progress.as_of)
    return out


ALL = "tat-ca"
