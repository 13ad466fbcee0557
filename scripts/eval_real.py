#!/usr/bin/env python3
"""Score the converter on real documents against labels written by reading them.

    .venv/bin/python scripts/eval_real.py [--json] [--show-wrong] [--real tests/fixtures/real]

For every `labels/*.yml` (its keys: `validate_label` below) the document `docs/<file>` is
converted with `convert()` below and each labelled field is scored right / wrong / missing.
Prints one table per field, one per layout, and the totals; `--json` prints the same figures
(and every document's) as JSON; `--show-wrong` lists each wrong or missing value, expected
against got.

Scoring rules
-------------
- A key left out of `expected` is not scored. `signer` scores as three fields (signer.authority,
  signer.title, signer.name) and `attachment` as two (attachment.type, attachment.title);
  `attachment: null` expects both to be null.
- Scalars (number, type, issuer, parent_issuer, place, date, title, signer.*, attachment.*) are
  compared after normalisation: `vanban.text.fold` (lower case, no tone marks, đ→d), whitespace
  collapsed, punctuation at either end stripped. `number` compares by `vanban.text.number_key`
  (spaces removed, TƯ = TW). `recipients` compares the count of entries under "Nơi nhận".
  Output null where a value is expected = missing; any other difference = wrong (a value where
  null is expected is wrong).
- Lists score per item. An expected item found in the output is right, one not found is
  missing; an output item that matches no expected item is wrong (duplicates in the output
  count once). Citations match by `number_key` of the number. Agencies match by the normalised
  name, allowing either side a leading "các" and reading the abbreviations UBND, HĐND, MTTQ as
  the words they stand for. Targets match by value and unit (unit normalised; no unit = null),
  and by deadline too when the label gives one (a year, "annual" or null).
- A document labelled `refuse: <why>` (a scan without text, a garbled text layer) must be
  refused with a message; it is then listed as "refused as expected" and not scored.
- A document the reader refuses (`SourceError`, e.g. .doc/.htm today) or that crashes the
  converter scores every labelled field (every expected list item) as missing, and is listed as
  refused / crashed.
- Lossless (reported, not scored): `vanban.lossless.missing_words` of `render_markdown(doc)`
  against the reader's text of the document (for .txt the decoded file, for binary inputs the
  text the reader extracted); "yes" when no word is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.lossless import missing_words  # noqa: E402
from vanban.model import Document  # noqa: E402
from vanban.pipeline import convert_file  # noqa: E402
from vanban.render import render_markdown  # noqa: E402
from vanban.sources import SourceError, read_source  # noqa: E402
from vanban.text import fold, number_key  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"


def convert(path: Path) -> Document:
    """The converter under test: the same pipeline as `vanban import`."""
    return convert_file(path)


def source_text(path: Path) -> str:
    """The text the lossless check compares against: what the reader gives for the file."""
    return read_source(path)


# ---- label files -------------------------------------------------------------------------------

LAYOUTS = {"pdf-text", "ocr", "markdown", "word-text", "crawl", "docx", "doc", "htm", "web-portal",
           "pdf", "seed"}
TOP_KEYS = {"file", "layout", "source", "notes", "expected", "refuse"}
SCALARS = ("number", "type", "issuer", "parent_issuer", "place", "date", "title")
LISTS = ("citations", "agencies", "targets")
EXPECTED_KEYS = set(SCALARS) | set(LISTS) | {"signer", "recipients", "attachment"}
FIELD_ORDER = [*SCALARS, "signer.authority", "signer.title", "signer.name", "recipients",
               *LISTS, "attachment.type", "attachment.title"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _str_or_none(v: object) -> bool:
    return v is None or isinstance(v, str)


def validate_label(path: Path, docs: Path | None = None) -> list[str]:
    """Problems of one labels file (empty when valid): known keys, types, the document exists."""
    docs = docs or path.parent.parent / "docs"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{path.name}: not valid YAML ({exc})"]
    if not isinstance(data, dict):
        return [f"{path.name}: not a mapping"]
    errs: list[str] = []

    def err(msg: str) -> None:
        errs.append(f"{path.name}: {msg}")

    for k in set(data) - TOP_KEYS:
        err(f"unknown key {k!r}")
    file = data.get("file")
    if not isinstance(file, str):
        err("'file' missing")
    else:
        if Path(file).stem != path.stem:
            err(f"'file' {file} does not match the labels file name")
        if not (docs / file).is_file():
            err(f"document {file} not in {docs}")
    if data.get("layout") not in LAYOUTS:
        err(f"layout {data.get('layout')!r} not one of {sorted(LAYOUTS)}")
    src = data.get("source")
    if not (isinstance(src, dict) and {"repo", "path"} <= set(src)):
        err("'source' must give repo and path (and commit)")
    exp = data.get("expected")
    if not isinstance(exp, dict):
        err("'expected' missing")
        return errs
    for k in set(exp) - EXPECTED_KEYS:
        err(f"unknown expected key {k!r}")
    for k in SCALARS:
        if k in exp and k != "date" and not _str_or_none(exp[k]):
            err(f"{k} must be text or null")
    if "date" in exp:
        d = exp["date"]
        if not (d is None or isinstance(d, dt.date) or (isinstance(d, str) and ISO_DATE.match(d))):
            err("date must be YYYY-MM-DD or null")
    if "recipients" in exp and not (type(exp["recipients"]) is int and exp["recipients"] >= 0):
        err("recipients must be a count")
    if "signer" in exp:
        s = exp["signer"]
        if not isinstance(s, dict) or set(s) - {"authority", "title", "name"} or not all(
                _str_or_none(v) for v in s.values()):
            err("signer must be {authority, title, name} of text or null")
    if "attachment" in exp:
        a = exp["attachment"]
        if a is not None and (not isinstance(a, dict) or set(a) - {"type", "title"}
                              or not all(_str_or_none(v) for v in a.values())):
            err("attachment must be null or {type, title}")
    for k in ("citations", "agencies"):
        if k in exp and not (isinstance(exp[k], list) and all(isinstance(x, str) for x in exp[k])):
            err(f"{k} must be a list of text")
    if "targets" in exp:
        ts = exp["targets"]
        if not isinstance(ts, list):
            err("targets must be a list")
        else:
            for t in ts:
                if not isinstance(t, dict) or set(t) - {"value", "unit", "deadline"} or not (
                        isinstance(t.get("value"), int | float) and _str_or_none(t.get("unit"))):
                    err(f"target {t!r} must be {{value: number, unit: text|null, deadline}}")
                elif "deadline" in t and not (t["deadline"] is None or t["deadline"] == "annual"
                                              or type(t["deadline"]) is int):
                    err(f"target deadline {t['deadline']!r} must be a year, annual or null")
    return errs


def load_labels(real: Path = REAL) -> list[dict[str, Any]]:
    out = []
    for path in sorted((real / "labels").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["_labels"] = path
        out.append(data)
    return out


# ---- normalising and matching ------------------------------------------------------------------

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_ABBREV = [(re.compile(r"\bubnd\b"), "uy ban nhan dan"),
           (re.compile(r"\bhdnd\b"), "hoi dong nhan dan"),
           (re.compile(r"\bmttq\b"), "mat tran to quoc")]


def norm(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    return _EDGE.sub("", " ".join(fold(str(value)).split()))


def agency_key(name: str) -> str:
    key = norm(name)
    for pat, full in _ABBREV:
        key = pat.sub(full, key)
    return key.removeprefix("cac ")


def target_match(exp: dict[str, Any], got: dict[str, Any]) -> bool:
    if got["value"] is None or abs(float(exp["value"]) - float(got["value"])) > 1e-9:
        return False
    if norm(exp.get("unit")) != norm(got.get("unit")):
        return False
    return "deadline" not in exp or norm(exp["deadline"]) == norm(got.get("deadline"))


# ---- what the converter gives, field by field --------------------------------------------------

def _attachment(doc: Document) -> dict[str, str | None] | None:
    a = doc.attachment
    return {"type": a.type.code, "title": a.title} if a else None


def observed(doc: Document) -> dict[str, Any]:
    att = _attachment(doc)
    return {
        "number": doc.number, "type": doc.type.code, "issuer": doc.issuer,
        "parent_issuer": doc.parent_issuer, "place": doc.place, "date": doc.date,
        "title": doc.title, "signer.authority": doc.signer.authority,
        "signer.title": doc.signer.title, "signer.name": doc.signer.name,
        "recipients": len(doc.recipients),
        "citations": [c.number for c in doc.cites if c.number],
        "agencies": list(dict.fromkeys(a.agency for a in doc.assignments)),
        # "term-end" (the term's end, its year unknown) is no year: null in the label format
        "targets": [{"value": t.value, "unit": t.unit,
                     "deadline": None if t.deadline == "term-end" else t.deadline}
                    for t in doc.targets],
        "attachment.type": att["type"] if att else None,
        "attachment.title": att["title"] if att else None,
    }


def expected_fields(exp: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in (*SCALARS, "recipients", *LISTS):
        if k in exp:
            out[k] = exp[k]
    if "signer" in exp:
        for k, v in exp["signer"].items():
            out[f"signer.{k}"] = v
    if "attachment" in exp:
        a = exp["attachment"] or {}
        out["attachment.type"] = a.get("type")
        out["attachment.title"] = a.get("title")
    return out


# ---- scoring -----------------------------------------------------------------------------------

@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missing: int = 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.missing += other.missing

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missing

    def as_dict(self) -> dict[str, Any]:
        acc = round(self.right / self.total, 3) if self.total else None
        return {"right": self.right, "wrong": self.wrong, "missing": self.missing,
                "total": self.total, "accuracy": acc}


@dataclass
class DocResult:
    file: str
    layout: str
    status: str = "ok"           # ok | refused | crashed
    error: str | None = None
    lossless: bool | None = None
    missing_words: int | None = None
    fields: dict[str, Score] = field(default_factory=dict)
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)  # field, kind, exp, got


def _scalar(name: str, exp: object, got: object) -> tuple[str, bool]:
    if name == "number":
        equal = (exp is None and got is None) or (
            exp is not None and got is not None and number_key(str(exp)) == number_key(str(got)))
    elif name == "recipients":
        equal = exp == got
    else:
        equal = norm(exp) == norm(got)
    if equal:
        return "right", True
    return ("missing" if got is None and exp is not None else "wrong"), False


def score_list(name: str, exp: list[Any], got: list[Any], res: DocResult) -> Score:
    sc = Score()
    if name == "targets":
        for e in exp:
            if any(target_match(e, o) for o in got):
                sc.right += 1
            else:
                sc.missing += 1
                res.problems.append((name, "missing", json.dumps(e, ensure_ascii=False), ""))
        seen: set[str] = set()
        for o in got:
            shown = json.dumps(o, ensure_ascii=False, sort_keys=True)
            if shown in seen:
                continue
            seen.add(shown)
            if not any(target_match(e, o) for e in exp):
                sc.wrong += 1
                res.problems.append((name, "wrong", "", shown))
        return sc
    key: Callable[[str], str] = number_key if name == "citations" else agency_key
    got_keys = {key(o): o for o in got}
    exp_keys = {key(e): e for e in exp}
    for k, e in exp_keys.items():
        if k in got_keys:
            sc.right += 1
        else:
            sc.missing += 1
            res.problems.append((name, "missing", e, ""))
    for k, o in got_keys.items():
        if k not in exp_keys:
            sc.wrong += 1
            res.problems.append((name, "wrong", "", o))
    return sc


def evaluate_one(label: dict[str, Any], real: Path = REAL) -> DocResult:
    path = real / "docs" / label["file"]
    res = DocResult(label["file"], label.get("layout", "?"))
    exp = expected_fields(label.get("expected") or {})
    try:
        doc = convert(path)
        got = observed(doc)
    except SourceError as exc:
        res.status, res.error = "refused", str(exc)
        if label.get("refuse"):  # a file that cannot be read (a scan): refusing it is right
            res.status = "refused as expected"
            return res
    except Exception as exc:
        res.status = "crashed"
        res.error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if res.status != "ok":
        for name, value in exp.items():
            n = len(value) if name in LISTS else 1
            res.fields[name] = Score(missing=n)
            if name not in LISTS:
                res.problems.append((name, "missing", str(value), f"({res.status})"))
        return res
    for name, value in exp.items():
        if name in LISTS:
            res.fields[name] = score_list(name, value, got[name], res)
        else:
            if name == "date" and isinstance(value, dt.date):
                value = value.isoformat()
            kind, _ = _scalar(name, value, got[name])
            res.fields[name] = Score(**{kind: 1})
            if kind != "right":
                res.problems.append((name, kind, str(value), str(got[name])))
    try:
        lost = missing_words(source_text(path), render_markdown(doc), doc.removed)
        res.lossless, res.missing_words = not lost, len(lost)
    except Exception as exc:
        res.error = f"render: {exc}"
    return res


def evaluate(real: Path = REAL) -> list[DocResult]:
    return [evaluate_one(lab, real) for lab in load_labels(real)]


def summary(results: list[DocResult]) -> dict[str, Any]:
    by_field: dict[str, Score] = defaultdict(Score)
    by_layout: dict[str, Score] = defaultdict(Score)
    total = Score()
    for r in results:
        for name, sc in r.fields.items():
            by_field[name].add(sc)
            by_layout[r.layout].add(sc)
            total.add(sc)
    order = [f for f in FIELD_ORDER if f in by_field]
    return {
        "fields": {f: by_field[f].as_dict() for f in order},
        "layouts": {k: by_layout[k].as_dict() for k in sorted(by_layout)},
        "total": total.as_dict(),
        "documents": [{
            "file": r.file, "layout": r.layout, "status": r.status, "error": r.error,
            "lossless": r.lossless, "missing_words": r.missing_words,
            "score": _doc_total(r).as_dict(),
            "problems": [dict(zip(("field", "kind", "expected", "got"), p, strict=True))
                         for p in r.problems],
        } for r in results],
    }


def _doc_total(r: DocResult) -> Score:
    t = Score()
    for sc in r.fields.values():
        t.add(sc)
    return t


def _table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    w = max([len(title), *map(len, rows)])
    out = [f"{title:<{w}}  {'right':>5} {'wrong':>5} {'miss':>5} {'total':>5}  {'acc':>6}"]
    for name, s in rows.items():
        acc = f"{100 * s['accuracy']:5.1f}%" if s["accuracy"] is not None else "     -"
        out.append(f"{name:<{w}}  {s['right']:>5} {s['wrong']:>5} {s['missing']:>5} "
                   f"{s['total']:>5}  {acc}")
    return out


def report(data: dict[str, Any], show_wrong: bool = False) -> str:
    out = [*_table("field", data["fields"]), ""]
    out += [*_table("layout", data["layouts"]), ""]
    out += [*_table("TOTAL", {"all fields": data["total"]}), ""]
    docs = {d["file"]: d["score"] for d in data["documents"]}
    out += _table("document", docs)
    out.append("")
    for d in data["documents"]:
        if d["status"] != "ok":
            out.append(f"{d['status']}: {d['file']} — {d['error']}")
    lossy = [d for d in data["documents"] if d["lossless"] is False]
    ok = sum(1 for d in data["documents"] if d["lossless"])
    out.append(f"lossless: {ok} of {len(data['documents'])} documents"
               + "".join(f"\n  not lossless: {d['file']} ({d['missing_words']} words missing)"
                         for d in lossy))
    if show_wrong:
        out.append("")
        for d in data["documents"]:
            for p in d["problems"]:
                out.append(f"{d['file']}  {p['field']}  {p['kind'].upper()}\n"
                           f"    expected: {p['expected']}\n    got:      {p['got']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-wrong", action="store_true", help="list each wrong / missing value")
    ap.add_argument("--real", type=Path, default=REAL, help="folder with docs/ and labels/")
    args = ap.parse_args(argv)
    bad = [e for p in sorted((args.real / "labels").glob("*.yml")) for e in validate_label(p)]
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 2
    data = summary(evaluate(args.real))
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json
          else report(data, args.show_wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
