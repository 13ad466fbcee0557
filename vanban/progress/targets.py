"""data/targets/<document-slug>.yml: reading, validation with line numbers, the model.

The importer writes one file per document with every target it found and `measurements: []`;
communications staff append `{year, value, source, note}` to a target's measurements (format for
staff: docs/huong-dan-chi-tieu.md). Like data/agencies.yml, the file is composed into YAML nodes
(safe loader, line numbers kept) and every problem is collected before `DataError` is raised:

    data/targets/ctr-17-ldld-2021.yml:40: targets[2].measurements[1].year: expected a year
    from 2020 to 2026 (the time frame of document ctr-17-ldld-2021), found 2031

Top-level keys: `document` (the slug; must be a document of the portal and the file's name),
`sample` (true: the figures are made up for demonstration, the pages say so), `term_end` (the
year "the end of the term" means), `targets` (the list). Each target: `id`, `text` (verbatim),
`indicator`, `unit`, `target` (the number), `comparator` (≥ > ≤ < = or none), `deadline` (a
year, `annual`, `term-end`, or nothing: the document gives no deadline, status "no_deadline"),
`deadline_text`, `baseline` ({year, value} or none), `agency` (id or name in
data/agencies.yml, or none), `line` and `anchor` (where the sentence is in the document),
`measurements`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import (
    Agency,
    AgencyRegistry,
    Checker,
    DataError,
    Entry,
    Nested,
    Problem,
    _found,
    _is_null,
    _line,
    display_path,
    load_yaml_nodes,
)
from ..messages import register
from ..slug import slugify
from .status import COMPARATORS, Assessment, Observation, Spec, assess

register({
    "progress_number": ("cần {expected}, gặp {found} — viết số với dấu chấm thập phân, không có "
                        "dấu phân cách hàng nghìn, ví dụ 92.5 hoặc 105000",
                        "expected {expected}, found {found} — write the number with a decimal "
                        "point and no thousands separator, e.g. 92.5 or 105000"),
    "progress_thousands": ("cần một số, gặp '{found}' — YAML đọc là {read}; nếu là {meant} thì "
                           "viết {meant} (không có dấu chấm phân cách hàng nghìn)",
                           "expected a number, found '{found}' — YAML reads it as {read}; if it "
                           "means {meant}, write {meant} (no thousands separator)"),
    "progress_percent": ("cần một tỷ lệ phần trăm từ 0 đến 100, gặp {found} — kiểm tra lại số "
                         "liệu hoặc đơn vị ('unit')",
                         "expected a percentage from 0 to 100, found {found} — check the figure "
                         "or the unit ('unit')"),
    "progress_year": ("cần một năm từ {first} đến {last} ({why}), gặp {found} — sửa lại năm "
                      "(bốn chữ số, trong khoảng đó)",
                      "expected a year from {first} to {last} ({why}), found {found} — correct "
                      "the year (four digits, in that range)"),
    "progress_year_twice": ("năm {year} đã có số liệu ở dòng {first} — mỗi năm chỉ ghi một số "
                            "liệu; xóa hoặc gộp một trong hai mục",
                            "year {year} already has a figure on line {first} — one figure per "
                            "year; remove or merge one of the two entries"),
    "progress_dup_id": ("id chỉ tiêu '{value}' bị trùng, đã có ở dòng {first} — mỗi chỉ tiêu "
                        "cần một id riêng",
                        "duplicate target id '{value}', first used on line {first} — give each "
                        "target its own id"),
    "progress_unknown_doc": ("văn bản '{value}' không có trong docs/van-ban/ — ghi tên tệp của "
                             "văn bản (không có .md){near}",
                             "document '{value}' is not in docs/van-ban/ — write the file name "
                             "of the document (without .md){near}"),
    "progress_doc_file": ("tệp này là của văn bản '{value}' nhưng tên tệp là '{stem}.yml' — đổi "
                          "tên tệp thành '{value}.yml' hoặc sửa 'document'",
                          "this file belongs to document '{value}' but is named '{stem}.yml' — "
                          "rename it to '{value}.yml' or correct 'document'"),
    "progress_unknown_agency": ("cơ quan '{value}' không có trong {registry} — ghi id hoặc tên "
                                "của một cơ quan trong tệp đó{near}",
                                "agency '{value}' is not in {registry} — write the id or name "
                                "of an agency listed there{near}"),
    "progress_near": (", ví dụ '{near}'", ", e.g. '{near}'"),
    "progress_source": ("cần tên báo cáo có số liệu này, gặp giá trị trống — ghi sau 'source:' "
                        "tên báo cáo, ví dụ 'Báo cáo số 45/BC-LĐLĐ ngày 15/12/2023'",
                        "expected the report that gives this figure, found nothing — write it "
                        "after 'source:', e.g. 'Báo cáo số 45/BC-LĐLĐ ngày 15/12/2023'"),
    "progress_comparator": ("cần một trong các dấu {allowed} (hoặc để trống), gặp {found} — "
                            "ghi một trong các dấu đó hoặc bỏ dòng 'comparator'",
                            "expected one of {allowed} (or nothing), found {found} — write one "
                            "of them or remove the 'comparator' line"),
    "progress_deadline": ("cần một năm, 'annual' (hằng năm) hoặc 'term-end' (hết nhiệm kỳ), gặp "
                          "{found} — ghi năm hạn chót, ví dụ 2025, hoặc một trong hai từ đó",
                          "expected a year, 'annual' or 'term-end', found {found} — write the "
                          "deadline's year, e.g. 2025, or one of those two words"),
    "progress_bad_id": ("'{value}' không phải id hợp lệ — chỉ dùng chữ thường không dấu, chữ số "
                        "và dấu gạch nối, ví dụ '{suggest}'",
                        "'{value}' is not a valid id — use lower-case letters without marks, "
                        "digits and hyphens, e.g. '{suggest}'"),
    "progress_why_document": ("thời gian của văn bản {slug}",
                              "the time frame of document {slug}"),
    "progress_why_baseline": ("mức cơ sở là năm ban hành văn bản {slug} hoặc trước đó",
                              "a baseline is the year of document {slug} or earlier"),
    "progress_why_deadline": ("từ năm ban hành văn bản {slug}", "from the year of document {slug}"),
})

TOP_KEYS = ("document", "sample", "term_end", "targets")
TARGET_KEYS = ("id", "text", "indicator", "unit", "target", "comparator", "deadline",
               "deadline_text", "baseline", "agency", "line", "anchor", "measurements")
TARGET_REQUIRED = ("id", "text", "target", "deadline")
MEASUREMENT_KEYS = ("year", "value", "source", "note")
MEASUREMENT_REQUIRED = ("year", "value", "source")
BASELINE_KEYS = ("year", "value")
ANNUAL, TERM_END, NO_DEADLINE = "annual", "term-end", "none"
_ASCII_CMP = {">=": "≥", "<=": "≤", "=>": "≥", "=<": "≤", "==": "="}

# a term of office lasts five years: the time frame of a document whose targets are all annual
TERM_YEARS = 5
BASELINE_YEARS = 5      # how far before the document a baseline may be
DEADLINE_YEARS = 30     # how far after the document a deadline may be
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")     # 105.000 (Vietnamese grouping)
_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class DocInfo:
    """What validation needs of a document: its year and place (agency names are local)."""

    year: int | None
    place: str | None


@dataclass(frozen=True)
class Measurement:
    year: int
    value: float
    source: str
    note: str | None
    line: int


@dataclass
class Target:
    doc: str                     # the document's slug
    id: str
    text: str
    indicator: str | None
    unit: str | None
    value: float
    comparator: str | None
    deadline_kind: str           # "year" | "annual" | "term-end" | "none" (no deadline given)
    deadline: int | None         # the year (term-end: the file's term_end, if given)
    deadline_text: str | None
    baseline: Observation | None
    agency: Agency | None
    anchor: str | None           # id of the sentence in the document page
    measurements: list[Measurement]
    line: int                    # line of the entry in the YAML file
    index: int = 0               # position in `targets:` (for messages: targets[3].anchor)
    anchor_line: int = 0         # line of `anchor:`
    assessment: Assessment = field(default_factory=lambda: Assessment("no_data"))

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def spec(self) -> Spec:
        return Spec(self.value, self.comparator, percent=self.percent, deadline=self.deadline,
                    annual=self.deadline_kind == ANNUAL, baseline=self.baseline,
                    open_ended=self.deadline_kind == NO_DEADLINE)

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def key(self) -> str:
        """Unique in the portal: '<document>/<id>'."""
        return f"{self.doc}/{self.id}"

    def deadline_key(self) -> str:
        """Facet of the dashboard: the year, 'hang-nam' (annual), 'het-nhiem-ky' or
        'chua-co-thoi-han' (no deadline)."""
        if self.deadline_kind == ANNUAL:
            return "hang-nam"
        if self.deadline_kind == NO_DEADLINE:
            return "chua-co-thoi-han"
        if self.deadline is not None:
            return str(self.deadline)
        return "het-nhiem-ky"


@dataclass
class TargetFile:
    slug: str
    file: str                    # as messages show it
    sample: bool
    term_end: int | None
    targets: list[Target]


@dataclass
class Progress:
    """Every document's targets with their status in the year `as_of`."""

    files: dict[str, TargetFile]
    as_of: int

    def targets(self) -> list[Target]:
        return [t for f in self.files.values() for t in f.targets]

    def of(self, slug: str) -> TargetFile | None:
        return self.files.get(slug)

    @property
    def any_sample(self) -> bool:
        return any(f.sample for f in self.files.values())


def target_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.yml") if p.is_file())
    except OSError:
        return []


def load_progress(folder: Path, docs: Mapping[str, DocInfo], registry: AgencyRegistry,
                  as_of: int, registry_label: str = "data/agencies.yml") -> Progress:
    """Read and validate every data/targets/*.yml; raises DataError listing every problem of
    every file (a file that cannot be read at all contributes its one problem)."""
    problems: list[Problem] = []
    files: dict[str, TargetFile] = {}
    for path in target_files(folder):
        try:
            tf = _read_cached(path, docs, registry, as_of, registry_label)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        files[tf.slug] = tf
    if problems:
        raise DataError(problems)
    for tf in files.values():
        for t in tf.targets:
            t.assessment = assess(t.spec, (Observation(m.year, m.value) for m in t.measurements),
                                  as_of)
    return Progress(files, as_of)


class _Reader:
    def __init__(self, path: Path, docs: Mapping[str, DocInfo], registry: AgencyRegistry,
                 as_of: int, registry_label: str) -> None:
        self.path = path
        self.check = Checker(display_path(path))
        self.docs, self.registry, self.as_of = docs, registry, as_of
        self.registry_label = registry_label
        self.slug = path.stem
        self.info = DocInfo(None, None)

    # ---- scalars ------------------------------------------------------------------------------

    def number(self, node: yaml.Node, path: str, percent: bool) -> float | None:
        check = self.check
        raw = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if isinstance(node, yaml.ScalarNode) and _THOUSANDS.match(raw.strip()):
            check.add(_line(node), path, "progress_thousands", found=raw,
                      read=raw.strip().rstrip("0").rstrip("."), meant=raw.replace(".", ""))
            return None
        value: float | None = None
        text = raw.strip().replace("_", "")
        if isinstance(node, yaml.ScalarNode) and not _is_null(node) and _NUMBER.match(text):
            value = float(text)
            if not math.isfinite(value):          # "1e999": too large for any figure
                value = None
        if value is None:
            check.add(_line(node), path, "progress_number", expected="@number",
                      found=_found(node))
            return None
        if percent and not 0 <= value <= 100:
            check.add(_line(node), path, "progress_percent", found=_show(value))
            return None
        return value

    def year(self, node: yaml.Node, path: str, first: int | None, last: int | None,
             why: str) -> int | None:
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if not (isinstance(node, yaml.ScalarNode) and re.fullmatch(r"\d{4}", raw)):
            self.check.add(_line(node), path, "data_type", expected="@year", found=_found(node))
            return None
        year = int(raw)
        if first is not None and last is not None and not first <= year <= last:
            self.check.add(_line(node), path, "progress_year", first=first, last=last,
                           found=year, why=Nested(f"progress_why_{why}", {"slug": self.slug}))
            return None
        return year

    def text(self, fields: dict[str, yaml.Node], key: str, path: str) -> str | None:
        node = fields.get(key)
        if node is None or _is_null(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.check.add(_line(node), f"{path}.{key}", "data_type", expected="@text",
                           found=_found(node))
            return None
        return " ".join(str(node.value).split()) or None

    # ---- the file -----------------------------------------------------------------------------

    def read(self) -> TargetFile:
        check = self.check
        root = load_yaml_nodes(self.path, expect="targets")
        if not isinstance(root, yaml.MappingNode):
            check.add(_line(root), "", "data_root", key="targets", found=_found(root))
            check.raise_if_any()
        assert isinstance(root, yaml.MappingNode)
        top = check.mapping(root, "", TOP_KEYS)
        for key in ("document", "targets"):
            if key not in top:
                check.add(_line(root), "", "data_required", key=key)
        sample = False
        if "sample" in top and not _is_null(top["sample"]):
            node = top["sample"]
            if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
                sample = str(node.value).lower() in ("true", "yes", "on")
            else:
                check.add(_line(node), "sample", "data_type", expected="@boolean",
                          found=_found(node))
        doc_slug = self._document(top.get("document"))
        year = self.info.year
        entries = check.list_entries(top["targets"], "targets", TARGET_KEYS, TARGET_REQUIRED) \
            if "targets" in top and not _is_null(top["targets"]) else []
        term_end = None
        if "term_end" in top and not _is_null(top["term_end"]):
            term_end = self.year(top["term_end"], "term_end", year, year and year + 2 * TERM_YEARS,
                                 "deadline")
        # the time frame: from the year before the document to its last deadline
        deadlines = [self._deadline_year(e) for e in entries]
        ends = [y for y in (*deadlines, term_end) if y is not None]
        targets: list[Target] = []
        ids: dict[str, int] = {}
        for e in entries:
            t = self._target(e, doc_slug, term_end, ends, ids)
            if t is not None:
                targets.append(t)
        check.raise_if_any()
        return TargetFile(doc_slug or self.slug, check.file, sample, term_end, targets)

    def _document(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            self.check.add(_line(node), "document", "data_type", expected="@text",
                           found=_found(node))
            return None
        slug = str(node.value).strip()
        if slug not in self.docs:
            near = difflib.get_close_matches(slug, list(self.docs), n=1, cutoff=0.6)
            self.check.add(_line(node), "document", "progress_unknown_doc", value=slug,
                           near=_near(near))
            return None
        if slug != self.slug:
            self.check.add(_line(node), "document", "progress_doc_file", value=slug,
                           stem=self.slug)
        self.slug = slug
        self.info = self.docs[slug]
        return slug

    def _deadline_year(self, e: Entry) -> int | None:
        node = e.fields.get("deadline")
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"\d{4}", str(node.value).strip()):
            return int(str(node.value).strip())
        return None

    def _target(self, e: Entry, doc_slug: str | None, term_end: int | None, ends: list[int],
                ids: dict[str, int]) -> Target | None:
        check, f, p = self.check, e.fields, e.path
        year = self.info.year
        target_id = self.text(f, "id", p)
        ok = target_id is not None
        if target_id is not None:
            line = _line(f["id"])
            if slugify(target_id) != target_id:
                check.add(line, f"{p}.id", "progress_bad_id", value=target_id,
                          suggest=slugify(target_id) or f"t{e.index + 1:02d}")
                ok = False
            elif target_id in ids:
                check.add(line, f"{p}.id", "progress_dup_id", value=target_id,
                          first=ids[target_id])
                ok = False
            else:
                ids[target_id] = line
        text = self.text(f, "text", p)
        unit = self.text(f, "unit", p)
        percent = unit == "%"
        value = self.number(f["target"], f"{p}.target", percent)
        comparator = self._comparator(f.get("comparator"), f"{p}.comparator")
        kind, deadline = self._deadline(f["deadline"], f"{p}.deadline", term_end)
        baseline = self._baseline(f.get("baseline"), f"{p}.baseline", percent)
        agency = self._agency(f.get("agency"), f"{p}.agency")
        first = None if year is None else min(year - 1, baseline.year if baseline else year)
        last = None if year is None else min(max(ends, default=year + TERM_YEARS), self.as_of)
        measurements = self._measurements(f.get("measurements"), f"{p}.measurements", percent,
                                          first, last)
        if not ok or text is None or value is None or kind is None or doc_slug is None:
            return None
        return Target(doc_slug, target_id or "", text, self.text(f, "indicator", p), unit, value,
                      comparator, kind, deadline, self.text(f, "deadline_text", p), baseline,
                      agency, self.text(f, "anchor", p), measurements, e.line, e.index,
                      _line(f["anchor"]) if "anchor" in f else e.line)

    def _comparator(self, node: yaml.Node | None, path: str) -> str | None:
        if node is None or _is_null(node):
            return None
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        raw = _ASCII_CMP.get(raw, raw)
        if raw not in COMPARATORS:
            self.check.add(_line(node), path, "progress_comparator", allowed=list(COMPARATORS),
                           found=_found(node))
            return None
        return raw

    def _deadline(self, node: yaml.Node, path: str, term_end: int | None
                  ) -> tuple[str | None, int | None]:
        if _is_null(node):          # `deadline:` with nothing: the document gives none
            return NO_DEADLINE, None
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if raw == ANNUAL:
            return ANNUAL, None
        if raw == TERM_END:
            return TERM_END, term_end
        if re.fullmatch(r"\d{4}", raw):
            year = self.info.year
            found = self.year(node, path, year, year and year + DEADLINE_YEARS, "deadline")
            return ("year", found) if found is not None else (None, None)
        self.check.add(_line(node), path, "progress_deadline", found=_found(node))
        return None, None

    def _baseline(self, node: yaml.Node | None, path: str, percent: bool) -> Observation | None:
        if node is None or _is_null(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.check.add(_line(node), path, "data_type", expected="@mapping", found=_found(node))
            return None
        fields = self.check.mapping(node, path, BASELINE_KEYS)
        for key in BASELINE_KEYS:
            if key not in fields:
                self.check.add(_line(node), path, "data_required", key=key)
        if len(fields) < len(BASELINE_KEYS):
            return None
        year = self.info.year
        by = self.year(fields["year"], f"{path}.year", year and year - BASELINE_YEARS, year,
                       "baseline")
        value = self.number(fields["value"], f"{path}.value", percent)
        return Observation(by, value) if by is not None and value is not None else None

    def _agency(self, node: yaml.Node | None, path: str) -> Agency | None:
        if node is None or _is_null(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.check.add(_line(node), path, "data_type", expected="@text", found=_found(node))
            return None
        name = " ".join(str(node.value).split())
        agency = self.registry.get(name) or self.registry.match(name, self.info.place)
        if agency is None:
            ids = [a.id for a in self.registry]
            near = difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
            self.check.add(_line(node), path, "progress_unknown_agency", value=name,
                           registry=self.registry_label, near=_near(near))
        return agency

    def _measurements(self, node: yaml.Node | None, path: str, percent: bool,
                      first: int | None, last: int | None) -> list[Measurement]:
        if node is None or _is_null(node):
            return []
        out: list[Measurement] = []
        seen: dict[int, int] = {}
        for e in self.check.list_entries(node, path, MEASUREMENT_KEYS, MEASUREMENT_REQUIRED):
            year = self.year(e.fields["year"], f"{e.path}.year", first, last, "document")
            value = self.number(e.fields["value"], f"{e.path}.value", percent)
            source = self.text(e.fields, "source", e.path)   # reports a list or a mapping
            if source is None and isinstance(e.fields["source"], yaml.ScalarNode):
                self.check.add(_line(e.fields["source"]), f"{e.path}.source",
                               "progress_source")
            if year is not None:
                line = _line(e.fields["year"])
                if year in seen:
                    self.check.add(line, f"{e.path}.year", "progress_year_twice", year=year,
                                   first=seen[year])
                    continue
                seen[year] = line
            if year is not None and value is not None and source is not None:
                out.append(Measurement(year, value, source, self.text(e.fields, "note", e.path),
                                       e.line))
        return out


def _read(path: Path, docs: Mapping[str, DocInfo], registry: AgencyRegistry, as_of: int,
          registry_label: str) -> TargetFile:
    return _Reader(path, docs, registry, as_of, registry_label).read()


@dataclass
class _Read:
    stamp: tuple[int, int]        # the file's mtime and size
    registry: AgencyRegistry
    as_of: int
    registry_label: str
    info: DocInfo                 # the facts of its document it was checked against
    result: TargetFile


# `mkdocs serve` loads the catalog again after every edit: a valid file unchanged since, read
# against the same registry and the same facts of its document, is not read again
_CACHE: dict[Path, _Read] = {}


def _read_cached(path: Path, docs: Mapping[str, DocInfo], registry: AgencyRegistry,
                 as_of: int, registry_label: str) -> TargetFile:
    try:
        st = path.stat()
    except OSError:
        return _read(path, docs, registry, as_of, registry_label)
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _CACHE.get(path)
    if hit is not None and hit.stamp == stamp and hit.registry is registry \
            and hit.as_of == as_of and hit.registry_label == registry_label \
            and docs.get(hit.result.slug) == hit.info:
        return hit.result
    result = _read(path, docs, registry, as_of, registry_label)
    _CACHE[path] = _Read(stamp, registry, as_of, registry_label, docs[result.slug], result)
    return result


def files_read() -> dict[Path, _Read]:
    """Each targets file this process has read and validated (the build cache keeps them,
    with the catalog whose agency registry they were checked against: vanban.site.cache)."""
    return dict(_CACHE)


def remember_files(read: Mapping[Path, _Read]) -> None:
    """Targets files an earlier build read, unchanged since (their content, which the caller
    checked): not read again when checked against the same registry, year and documents."""
    for path, entry in read.items():
        try:
            st = path.stat()
        except OSError:
            continue
        entry.stamp = (st.st_mtime_ns, st.st_size)
        _CACHE[path] = entry


def _show(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and value == int(value) else str(value)




def _near(candidates: list[str]) -> Nested | str:
    return Nested("progress_near", {"near": candidates[0]}) if candidates else ""
