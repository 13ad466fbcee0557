"""The catalog: every document's front matter read once, joined with data/*.yml.

`load_catalog()` reads `docs/van-ban/*.md` (front matter only, with libyaml when available),
matches issuers and assigned agencies through the agency registry (place = the document's
place), resolves citations to documents in the portal, and indexes cited-by, tasks by agency
and documents by issuer. Everything is done in one pass over the documents plus dictionary
look-ups: O(number of documents + citations + assignments).

Problems that must not pass silently (an assigned agency missing from data/agencies.yml, an
unreadable front matter) are collected as `SiteProblem`s naming the Markdown file and line;
the MkDocs hook logs them as warnings so `mkdocs build --strict` fails.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..data import (
    Agency,
    AgencyRegistry,
    FrontMatterOpen,
    Term,
    Word,
    load_agencies,
    load_glossary,
    load_words,
    localized,
    split_front_matter,
    syntax_error,
)
from ..messages import default_lang, message, register
from ..slug import slugify
from ..progress.targets import DocInfo, Progress, load_progress, target_files
from ..text import fold, number_key
from . import chain
from .html import Abbreviations
from .labels import iso_date, type_key
from .split import CITED_BY_ON_PAGE, CITED_BY_ROW, Parts, extras_estimate, paginate

register({
    "site_unknown_agency": (
        "'{name}' không có trong {registry} — thêm tên này vào aliases của cơ quan đúng, hoặc "
        "sửa tên trong văn bản (dòng {source_line} của bản gốc)",
        "'{name}' is not in {registry} — add it to the aliases of the right agency, or "
        "correct the name in the document (line {source_line} of the original)"),
    "site_front_matter": (
        "không đọc được phần thông tin đầu trang (front matter): {detail} — kiểm tra các dòng "
        "giữa hai dòng '---': dấu hai chấm sau tên khóa, thụt lề bằng dấu cách, dấu nháy đóng "
        "mở đủ",
        "cannot read the front matter: {detail} — check the lines between the two '---' lines: "
        "a colon after each key, spaces for indentation, quotes closed"),
    "site_not_document": (
        "không phải trang văn bản (thiếu khóa 'vanban') — tệp trong van-ban/ phải do "
        "`vanban import` tạo ra: chuyển trang này sang thư mục khác, hoặc nhập văn bản",
        "not a document page (no 'vanban' key) — files in van-ban/ come from `vanban import`: "
        "move this page to another folder, or import the document"),
    "site_bad_date": ("ngày '{value}' không hợp lệ — viết theo dạng NĂM-THÁNG-NGÀY trong dấu "
                      "nháy, ví dụ '2021-11-23'",
                      "invalid date '{value}' — write it as YEAR-MONTH-DAY in quotes, e.g. "
                      "'2021-11-23'"),
    "site_field_type": ("cần {expected}, gặp {found} — thay bằng {expected}, viết như khóa này "
                        "ở các văn bản khác",
                        "expected {expected}, found {found} — replace it with {expected}, written "
                        "like this key in the other documents"),
    "site_missing_title": (
        "thiếu 'title' (trích yếu) — trang đang lấy tên tệp làm tiêu đề; thêm dòng 'title: …'",
        "no 'title' — the page shows the file name instead; add a 'title: …' line"),
    "site_missing_key": ("thiếu khóa bắt buộc '{key}'", "missing required key '{key}'"),
    "site_file_name": (
        "tên tệp '{name}' không dùng được làm địa chỉ trang (chỉ chữ thường không dấu, số và "
        "dấu gạch nối, tối đa 80 ký tự) — đổi tên thành {fixed}.md",
        "the file name '{name}' cannot be a page address (only lower-case ASCII letters, "
        "digits and hyphens, at most 80 characters) — rename it to {fixed}.md"),
    "site_slug_mismatch": (
        "slug '{slug}' khác tên tệp '{name}' — địa chỉ trang lấy theo tên tệp "
        "(van-ban/{name}/): sửa slug thành '{name}' hoặc đổi tên tệp thành {slug}.md",
        "slug '{slug}' differs from the file name '{name}' — the page's address comes from the "
        "file name (van-ban/{name}/): make slug '{name}' or rename the file to {slug}.md"),
    "site_slug_duplicate": (
        "slug '{slug}' trùng với {other} — hai tệp cho cùng một văn bản? Xóa một tệp hoặc sửa "
        "slug cho khớp tên tệp",
        "slug '{slug}' is also the slug of {other} — are both files the same document? Remove "
        "one, or make each slug its file name"),
    "site_missing_anchor": (
        "không có đoạn #{anchor} trong văn bản — sửa 'anchor' cho khớp id của đoạn",
        "no paragraph #{anchor} in the text — make 'anchor' match the paragraph's id"),
})

# the imported file kept beside a page (vanban.importer.original_path), for its download link
ORIGINALS = (".docx", ".doc", ".pdf", ".htm", ".html", ".txt", ".md.txt")

_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader (libyaml when available) without implicit timestamps: `date:
    2021-13-45` stays the text it is, so it is reported with its line instead of crashing
    the build (PyYAML raises ValueError while constructing the date)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()}
_LOADER = _Loader
# what constructing a node may raise besides YAMLError: `!!int x` (ValueError), deep nesting
_CONSTRUCT_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)
# "x.en.md": a translation of document x (mkdocs-static-i18n suffix layout), not a document
_TRANSLATION = re.compile(r"\.[a-z]{2}(?:[-_][A-Za-z]{2,4})?\.md$")


@dataclass(frozen=True)
class SiteProblem:
    """`file:line: key.path: message`, like every validation message of the project."""

    file: str
    line: int
    path: str
    code: str
    params: dict[str, Any]

    def message(self, lang: str | None = None) -> str:
        where = f"{self.file}:{self.line}: " + (f"{self.path}: " if self.path else "")
        en = (lang or default_lang()) == "en"
        params = {k: localized(v, en) for k, v in self.params.items()}
        return where + message(self.code, "en" if en else "vi", **params)


@dataclass(frozen=True)
class Signer:
    authority: str | None
    title: str | None
    name: str | None


@dataclass(frozen=True)
class Cite:
    """One entry of `cites:`."""

    index: int
    type_code: str | None
    type_name: str | None
    number: str | None
    date: str | None
    issuer: str | None
    relation: str
    summary: str | None
    line: int


@dataclass(frozen=True)
class Task:
    """One entry of `assignments:`."""

    index: int
    agency: str            # the name as the document writes it
    role: str              # lead | support
    task: str
    deadline: str | None
    line: int              # line in the original text
    anchor: str            # id of the body element holding the sentence


@dataclass(frozen=True)
class AttachmentLink:
    """Front matter `attachment`: the plan or programme a decision issues (vanban.model)."""

    type_code: str | None
    type_name: str | None
    title: str | None
    anchor: str            # id of its part in the document's text


@dataclass
class DocPage:
    slug: str              # the file name: van-ban/<slug>.md → /van-ban/<slug>/
    src_uri: str           # "van-ban/<slug>.md"
    file: str              # for messages: "docs/van-ban/<slug>.md"
    number: str | None
    type_code: str | None
    type_name: str | None
    issuer: str | None
    parent_issuer: str | None
    place: str | None
    date: str | None       # ISO 8601
    title: str
    signer: Signer
    recipients: list[str]
    cites: list[Cite]
    tasks: list[Task]
    summary_en: str | None
    title_en: str | None = None   # the English page's title, when staff wrote one
    attachment: AttachmentLink | None = None  # the plan a decision issues, printed after it
    parts: Parts | None = None   # a long body split into pages (vanban.site.split); None: one
    body: str = ""                # the Markdown body (split by build_catalog, which knows …
    extras: int = 0               # … its first page's extras: these, and who cites it)
    original: str | None = None   # the imported file kept beside the page: "<slug>.docx"
    original_size: int = 0        # its size in bytes
    declared_slug: str | None = None   # front matter `slug:` (the file name is what counts)

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date and self.date[:4].isdigit() else None

    @property
    def type_key(self) -> str:
        return type_key(self.type_code)


@dataclass(frozen=True)
class Assigned:
    """A task of a document, with the agency it was matched to (None: unknown name)."""

    doc: DocPage
    task: Task
    agency: Agency | None


@dataclass
class Catalog:
    documents: list[DocPage]                      # newest first
    registry: AgencyRegistry
    glossary: list[Term]
    problems: list[SiteProblem] = field(default_factory=list)
    by_slug: dict[str, DocPage] = field(default_factory=dict)
    issuer_agency: dict[str, Agency] = field(default_factory=dict)          # slug → agency
    assigned: dict[str, list[Assigned]] = field(default_factory=dict)       # slug → tasks
    by_agency: dict[str, list[Assigned]] = field(default_factory=dict)      # id → tasks
    issued_by: dict[str, list[DocPage]] = field(default_factory=dict)      # id → documents
    cite_target: dict[tuple[str, int], DocPage] = field(default_factory=dict)
    cited_by: dict[str, list[tuple[DocPage, Cite]]] = field(default_factory=dict)
    # the chain of implementation (vanban.site.chain): slug → what it implements; node key
    # (a slug, or "~<number key>@<date>" for a document not in the portal) → its implementers
    implements: dict[str, list[chain.Link]] = field(default_factory=dict)
    implemented_by: dict[str, list[chain.Link]] = field(default_factory=dict)
    progress: Progress = field(default_factory=lambda: Progress({}, 0))
    sample_banner: bool = True       # show the "sample data" banner on sample target files
    today: datetime.date = field(default_factory=datetime.date.today)   # deadlines' "today"
    words: list[Word] = field(default_factory=list)     # data/glossary.yml `words:`
    _abbreviations: dict[str, Abbreviations] = field(default_factory=dict)

    def abbreviations(self, lang: str) -> Abbreviations:
        """The glossary's abbreviations with their expansion in `lang` (built once)."""
        if lang not in self._abbreviations:
            self._abbreviations[lang] = Abbreviations(glossary_titles(self.glossary, lang))
        return self._abbreviations[lang]

    def document(self, slug: str) -> DocPage | None:
        return self.by_slug.get(slug)

    def issuer_of(self, doc: DocPage) -> Agency | None:
        return self.issuer_agency.get(doc.slug)

    def target_of(self, doc: DocPage, cite: Cite) -> DocPage | None:
        return self.cite_target.get((doc.slug, cite.index))

    def by_type(self) -> dict[str, list[DocPage]]:
        groups: dict[str, list[DocPage]] = defaultdict(list)
        for d in self.documents:
            groups[d.type_key].append(d)
        return dict(groups)

    def by_year(self) -> dict[str, list[DocPage]]:
        groups: dict[str, list[DocPage]] = defaultdict(list)
        for d in self.documents:
            groups[d.year or ""].append(d)
        return dict(groups)


# ---- reading -------------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError, OverflowError):    # OverflowError: `line: .inf`
        return 0


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _kind(value: Any) -> str:
    """How a value is named after "found" (an "@word" of vanban.data, shown in both languages)."""
    names: dict[type, str] = {dict: "@mapping", list: "@list", str: "@text", int: "@number",
                              float: "@number", bool: "@boolean"}
    return names.get(type(value), repr(str(value)))


def valid_date(text: str) -> bool:
    """True for an ISO date that exists ('2021-11-23'; not '2021-13-45', not 'ngày 5')."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


class _Reader:
    """Turns one file's front matter into a DocPage, noting problems with their lines."""

    def __init__(self, file: str, front: str, meta: dict[str, Any]) -> None:
        self.file, self.front, self.meta = file, front, meta
        self.problems: list[SiteProblem] = []
        self._nodes: yaml.Node | None = None

    def line_of(self, path: Iterable[str | int]) -> int:
        """Line in the .md file of a key path such as ('assignments', 3, 'agency')."""
        if self._nodes is None:
            self._nodes = yaml.compose(self.front, Loader=_LOADER)
        node: yaml.Node | None = self._nodes
        found: yaml.Node | None = None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                    and key < len(node.value):
                node = node.value[key]
            else:
                node = None
            if node is None:
                break
            found = node
        return (found.start_mark.line if found is not None else 0) + 2  # after the "---" line

    def problem(self, path: tuple[str | int, ...], code: str, **params: Any) -> None:
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        self.problems.append(SiteProblem(self.file, self.line_of(path), dotted, code, params))

    def text(self, *path: str | int) -> str | None:
        value: Any = self.meta
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                value = None
        if value is not None and _text(value) is None and not isinstance(value, str):
            self.problem(tuple(path), "site_field_type", expected="@text", found=_kind(value))
        return _text(value)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.meta.get(key)
        if value is not None and not isinstance(value, dict):
            self.problem((key,), "site_field_type", expected="@mapping", found=_kind(value))
        return _mapping(value)

    def sequence(self, key: str) -> list[Any]:
        """The list under `key` ([] when absent; reported when it is something else)."""
        value = self.meta.get(key)
        if value is not None and not isinstance(value, list):
            self.problem((key,), "site_field_type", expected="@list", found=_kind(value))
        return value if isinstance(value, list) else []

    def texts(self, key: str) -> list[str]:
        return [t for t in (self.text(key, i) for i in range(len(self.sequence(key)))) if t]

    def date(self, *path: str | int) -> str | None:
        """An ISO date; a value that is not one is reported and left out."""
        text = self.text(*path)
        if text is not None and not valid_date(text):
            self.problem(tuple(path), "site_bad_date", value=text)
            return None
        return text

    def items(self, key: str) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(self.sequence(key)):
            if isinstance(item, dict):
                out.append(item)
            else:
                self.problem((key, i), "site_field_type", expected="@mapping",
                             found=_kind(item))
                out.append({})
        return out


def read_document(path: Path, src_uri: str, file: str, text: str | None = None,
                  meta: dict[str, Any] | None = None
                  ) -> tuple[DocPage | None, list[SiteProblem]]:
    """The DocPage of one Markdown file, or None (with a problem) when it is not one.
    `text` and `meta`: the file's text and its front matter as data, when the caller has them
    (the import validates the page it is about to write, without writing or parsing it)."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            return None, [SiteProblem(file, 1, "", "site_front_matter", {"detail": str(exc)})]
    try:
        parts = split_front_matter(text)
    except FrontMatterOpen:
        return None, [SiteProblem(file, 1, "", "front_matter_open", {})]
    try:
        if meta is None:
            meta = yaml.load(parts[0], Loader=_LOADER) if parts else None
    except yaml.YAMLError as exc:
        line, detail = syntax_error(exc)       # line 0 of the front matter: line 2 of the file
        return None, [SiteProblem(file, line + 2, "", "site_front_matter", {"detail": detail})]
    except _CONSTRUCT_ERRORS as exc:            # `!!int abc`, `line: !!float x`, deep nesting
        return None, [SiteProblem(file, 1, "", "site_front_matter",
                                  {"detail": str(exc) or type(exc).__name__})]
    if not isinstance(meta, dict) or "vanban" not in meta:
        return None, [SiteProblem(file, 1, "", "site_not_document", {})]
    assert parts is not None
    r = _Reader(file, parts[0], meta)
    slug = path.stem
    if slugify(slug) != slug:
        r.problems.append(SiteProblem(file, 1, "", "site_file_name",
                                      {"name": path.name, "fixed": slugify(slug) or "van-ban"}))
    declared = r.text("slug")
    if declared is not None and declared != slug:
        r.problem(("slug",), "site_slug_mismatch", slug=declared, name=slug)
    signer = r.mapping("signer")
    doc_type = r.mapping("type")
    cites = []
    for i, c in enumerate(r.items("cites")):
        ctype = _mapping(c.get("type"))
        cites.append(Cite(i, _text(ctype.get("code")), _text(ctype.get("name")),
                          r.text("cites", i, "number"), r.date("cites", i, "date"),
                          r.text("cites", i, "issuer"),
                          _text(c.get("relation")) or "dan_chieu", r.text("cites", i, "summary"),
                          _int(c.get("line"))))
    tasks = []
    for i, a in enumerate(r.items("assignments")):
        agency = r.text("assignments", i, "agency")
        if agency is None and a:
            r.problem(("assignments", i), "site_missing_key", key="agency")
        tasks.append(Task(i, agency or "",
                          "support" if a.get("role") == "support" else "lead",
                          r.text("assignments", i, "task") or "",
                          r.text("assignments", i, "deadline"),
                          _int(a.get("line")), r.text("assignments", i, "anchor") or ""))
    recipients = r.texts("recipients")
    title = r.text("title")
    if title is None:
        r.problem(("title",), "site_missing_title")
    doc = DocPage(
        slug=slug, src_uri=src_uri, file=file,
        number=r.text("number"), type_code=_text(doc_type.get("code")),
        type_name=_text(doc_type.get("name")), issuer=r.text("issuer"),
        parent_issuer=r.text("parent_issuer"), place=r.text("place"),
        date=r.date("date"), title=title or slug,
        signer=Signer(_text(signer.get("authority")), _text(signer.get("title")),
                      _text(signer.get("name"))),
        recipients=recipients, cites=cites, tasks=tasks, summary_en=r.text("summary_en"),
        title_en=r.text("title_en"))
    att = r.mapping("attachment") if meta.get("attachment") is not None else None
    if att is not None:
        att_type = _mapping(att.get("type"))
        doc.attachment = AttachmentLink(_text(att_type.get("code")), _text(att_type.get("name")),
                                    r.text("attachment", "title"),
                                    r.text("attachment", "part") or "")
    doc.declared_slug = declared
    doc.body = parts[1]             # split into parts by build_catalog
    doc.extras = extras_estimate([t.task for t in tasks], [c.summary or "" for c in cites],
                                 recipients)
    for original in (path.with_suffix(ext) for ext in ORIGINALS):
        if original.is_file():
            doc.original, doc.original_size = original.name, original.stat().st_size
            break
    return doc, r.problems


def line_of(doc: DocPage, docs_dir: Path, path: tuple[str | int, ...]) -> int:
    """Line of a front-matter key path, read again from the file (for rare messages)."""
    text = (docs_dir / doc.src_uri).read_text(encoding="utf-8-sig")
    try:
        parts = split_front_matter(text)
    except FrontMatterOpen:         # edited since it was read
        return 1
    if parts is None:
        return 1
    return _Reader(doc.file, parts[0], {}).line_of(path)


def duplicate_slugs(documents: list[DocPage], docs_dir: Path) -> list[SiteProblem]:
    """Documents whose front-matter `slug:` is the slug of another document (by file name or
    by `slug:`): each is a separate page, but most likely the same document imported twice."""
    owner: dict[str, DocPage] = {d.slug: d for d in documents}
    out = []
    for d in documents:
        if d.declared_slug is None or d.declared_slug == d.slug:
            continue
        other = owner.setdefault(d.declared_slug, d)
        if other is not d:
            out.append(SiteProblem(d.file, line_of(d, docs_dir, ("slug",)), "slug",
                                   "site_slug_duplicate",
                                   {"slug": d.declared_slug, "other": other.file}))
    return out


# ---- joining -------------------------------------------------------------------------------

def build_catalog(documents: list[DocPage], registry: AgencyRegistry, glossary: list[Term],
                  problems: list[SiteProblem], docs_dir: Path, registry_label: str) -> Catalog:
    documents = sorted(documents, key=lambda d: d.slug)
    documents.sort(key=lambda d: d.date or "", reverse=True)
    cat = Catalog(documents, registry, glossary, problems)
    by_number: dict[str, list[DocPage]] = defaultdict(list)
    for d in documents:
        cat.by_slug[d.slug] = d
        if d.number:
            by_number[number_key(d.number)].append(d)
        if d.issuer:
            agency = registry.match(d.issuer, d.place)
            if agency is not None:
                cat.issuer_agency[d.slug] = agency
                cat.issued_by.setdefault(agency.id, []).append(d)
    for d in documents:
        rows = cat.assigned.setdefault(d.slug, [])
        for task in d.tasks:
            agency = registry.match(task.agency, d.place) if task.agency else None
            row = Assigned(d, task, agency)
            rows.append(row)
            if agency is not None:
                cat.by_agency.setdefault(agency.id, []).append(row)
            else:
                cat.problems.append(SiteProblem(
                    d.file, line_of(d, docs_dir, ("assignments", task.index, "agency")),
                    f"assignments[{task.index}].agency", "site_unknown_agency",
                    {"name": task.agency, "registry": registry_label,
                     "source_line": task.line}))
        for cite in d.cites:
            target = _resolve(cite, d, by_number, cat, registry)
            if target is not None:
                cat.cite_target[(d.slug, cite.index)] = target
                cited = cat.cited_by.setdefault(target.slug, [])
                if all(src is not d for src, _ in cited):
                    cited.append((d, cite))
    chain.link(cat)
    for d in documents:         # the first page also lists who cites it, and its chain
        citers = min(len(cat.cited_by.get(d.slug, [])), CITED_BY_ON_PAGE)
        shown = chain.chain(cat, d).size() if d.slug in cat.implements \
            or d.slug in cat.implemented_by else 0
        d.parts = _pages(d.body, d.extras + citers * CITED_BY_ROW + shown * chain.CHAIN_ROW)
    return cat


@functools.lru_cache(maxsize=8192)
def _pages(body: str, extras: int) -> Parts | None:
    """The body's pages (None: one page); `mkdocs serve` asks again after every edit."""
    pages = paginate(body, extras)
    return pages if pages.count > 1 else None


def _resolve(cite: Cite, source: DocPage, by_number: dict[str, list[DocPage]], cat: Catalog,
             registry: AgencyRegistry) -> DocPage | None:
    """The portal document a citation means: same number; same year when both are known;
    then, only to break ties, same type and same issuing agency."""
    if not cite.number:
        return None
    candidates = [d for d in by_number.get(number_key(cite.number), []) if d is not source]
    year = cite.date[:4] if cite.date and cite.date[:4].isdigit() else None
    if year:
        candidates = [d for d in candidates if d.year is None or d.year == year]
    if len(candidates) > 1 and cite.type_code:
        same = [d for d in candidates if d.type_key == type_key(cite.type_code)]
        candidates = same or candidates
    if len(candidates) > 1 and cite.issuer:
        agency = registry.match(cite.issuer, source.place)
        same = [d for d in candidates if agency is not None and cat.issuer_of(d) is agency]
        candidates = same or candidates
    return candidates[0] if len(candidates) == 1 else None


# ---- loading, cached by file signature -------------------------------------------------------

Signature = tuple[tuple[str, int, int], ...]   # (path, mtime_ns, size) of every input file


@dataclass(frozen=True)
class Sources:
    docs_dir: Path
    agencies: Path
    glossary: Path
    root: Path               # paths in messages are relative to it (the mkdocs.yml folder)
    as_of: int = 0           # year of the target statuses; 0: the current year
    sample_banner: bool = True
    today: datetime.date | None = None   # the build's as-of date (vanban.site.due); None: today

    @property
    def targets_dir(self) -> Path:
        return self.agencies.parent / "targets"

    def as_of_year(self) -> int:
        return self.as_of or datetime.date.today().year

    def label(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def document_files(self) -> list[Path]:
        folder = self.docs_dir / "van-ban"
        try:
            names = sorted(e.name for e in os.scandir(folder)
                           if e.name.endswith(".md") and not _TRANSLATION.search(e.name)
                           and e.is_file())
        except OSError:
            return []
        return [folder / n for n in names]

    def signature(self) -> Signature:
        paths = [self.agencies, self.glossary, *self.document_files(),
                 *target_files(self.targets_dir)]
        out = []
        for p in paths:
            try:
                st = p.stat()
                out.append((str(p), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(p), -1, -1))
        return tuple(out)


_K = TypeVar("_K")
_V = TypeVar("_V")


def per_object(fn: Callable[[_K], _V]) -> Callable[[_K], _V]:
    """`fn` worked out once per object it is given (by identity: a catalog, a configuration,
    whose dataclasses cannot be dictionary keys), the last few kept: for what every page of a
    build asks and the build's objects determine."""
    found: dict[int, tuple[_K, _V]] = {}

    @functools.wraps(fn)
    def once(obj: _K) -> _V:
        hit = found.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = fn(obj)
        if len(found) > 8:
            found.clear()
        found[id(obj)] = (obj, value)
        return value
    return once


_CACHE: dict[Sources, tuple[Signature, Catalog]] = {}
# the build cache's catalog (remember_catalog), until the first load
_REMEMBERED: dict[Sources, tuple[Signature, Catalog]] = {}
# path → ((mtime, size), document, problems): when one file changes (`mkdocs serve`), only that
# file's front matter is read again (reading 2,000 front matters takes ~12 s of CPU)
_DOCUMENTS: dict[Path, tuple[tuple[int, int], DocPage | None, list[SiteProblem]]] = {}


def _read_cached(path: Path, stat: tuple[int, int] | None, sources: Sources
                 ) -> tuple[DocPage | None, list[SiteProblem]]:
    cached = _DOCUMENTS.get(path)
    if cached is not None and stat is not None and cached[0] == stat:
        return cached[1], cached[2]
    doc, found = read_document(path, f"van-ban/{path.name}", sources.label(path))
    if stat is not None:
        _DOCUMENTS[path] = (stat, doc, found)
    return doc, found


def documents_read() -> dict[Path, tuple[DocPage | None, list[SiteProblem]]]:
    """Each document file this process has read: its document and problems (the build
    cache keeps them, vanban.site.cache)."""
    return {path: (doc, found) for path, (_stat, doc, found) in _DOCUMENTS.items()}


def remember_documents(read: dict[Path, tuple[DocPage | None, list[SiteProblem]]]) -> None:
    """Documents an earlier build read from files that have not changed since (their content,
    which the caller checked): not read again."""
    for path, (doc, found) in read.items():
        try:
            stat = path.stat()
        except OSError:
            continue
        _DOCUMENTS[path] = ((stat.st_mtime_ns, stat.st_size), doc, found)


def remember_catalog(sources: Sources, cat: Catalog) -> None:
    """The catalog of an earlier build whose agencies and glossary files have not changed
    since (their content, which the caller checked): `load_catalog` takes its agency registry,
    glossary and words (and with the same registry, the targets files it read stay valid)."""
    _REMEMBERED[sources] = (sources.signature()[:2], cat)


def cached(sources: Sources) -> tuple[Signature, Catalog] | None:
    """(file signature, catalog) of the last load of `sources` in this process, if any."""
    return _CACHE.get(sources)


def read_documents(sources: Sources, stats: dict[Path, tuple[int, int]] | None = None
                   ) -> tuple[list[DocPage], list[SiteProblem], list[str]]:
    """Every document under docs/van-ban/, the problems of their front matter and the slugs
    of the files that could not be read as documents. With `stats` (path → (mtime, size)),
    a file unchanged since it was last read is not read again."""
    documents: list[DocPage] = []
    problems: list[SiteProblem] = []
    unreadable: list[str] = []
    for path in sources.document_files():
        if path.name == "index.md":
            continue
        doc, found = _read_cached(path, stats.get(path) if stats else None, sources)
        problems.extend(found)
        if doc is not None:
            documents.append(doc)
        else:
            unreadable.append(path.stem)
    return documents, problems, unreadable


def load_catalog(sources: Sources) -> Catalog:
    """The catalog of the documents under `sources.docs_dir`; read again only when a file
    changed (mkdocs-static-i18n builds once per language; `mkdocs serve` rebuilds).

    Raises vanban.data.DataError when data/agencies.yml, data/glossary.yml or a
    data/targets/*.yml file is invalid.
    """
    signature = sources.signature()
    cached = _CACHE.get(sources)
    if cached is not None and cached[0] == signature:
        return cached[1]
    earlier = _REMEMBERED.pop(sources, None) or cached
    if earlier is not None and earlier[0][:2] == signature[:2]:    # agencies, glossary unchanged
        registry, glossary = earlier[1].registry, earlier[1].glossary
        words = earlier[1].words
    else:
        registry = load_agencies(sources.agencies)
        glossary = load_glossary(sources.glossary)
        words = load_words(sources.glossary)
    stats = {Path(name): (mtime, size) for name, mtime, size in signature}
    documents, problems, unreadable = read_documents(sources, stats)
    problems.extend(duplicate_slugs(documents, sources.docs_dir))
    cat = build_catalog(documents, registry, glossary, problems, sources.docs_dir,
                        sources.label(sources.agencies))
    # a document whose front matter cannot be read is reported as such, not as missing
    docs = {slug: DocInfo(None, None) for slug in unreadable}
    docs.update({d.slug: DocInfo(int(d.year) if d.year else None, d.place) for d in documents})
    cat.progress = load_progress(sources.targets_dir, docs, registry, sources.as_of_year(),
                                 sources.label(sources.agencies))
    cat.sample_banner = sources.sample_banner
    cat.today = sources.today or datetime.date.today()
    cat.words = words
    _CACHE[sources] = (signature, cat)
    return cat


def glossary_titles(glossary: list[Term], lang: str) -> dict[str, str]:
    """abbreviation → its expansion in `lang` (for <abbr title=…>)."""
    return {t.abbr: (t.en if lang == "en" else t.vi) for t in glossary
            if t.abbr and not any(ch in t.abbr for ch in "[]\\\n")}


def sort_key(text: str) -> str:
    return fold(text)
