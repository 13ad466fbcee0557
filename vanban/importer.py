"""Import: files on disk → docs/van-ban/<slug>.md and data/targets/<slug>.yml, and the original
file kept beside the page as docs/van-ban/<slug>.<ext> (.txt or .docx; MkDocs copies it into
the site as is, and the document page offers it as a download).

Each file of a batch is imported or refused on its own, in order; a file's outputs (page,
targets, original, new agencies) are all written or none. What decides:

- The SAME document imported again (same number, issuer, place and date, or the same bytes
  as a kept original) is refused — unless `--force`, which re-imports it under its slug and
  keeps what staff added to data/targets/<slug>.yml (figures, baseline, agency, `sample`,
  `term_end`; carried to the same target, or the one target with the same text and value;
  figures left without a target refuse the file instead of being lost). The same document
  twice in one batch is refused once either way.
- A DIFFERENT document whose name is taken (by a page, a kept original or a targets file, on
  disk or earlier in the batch) gets a distinct name (vanban.slug.unique_slug: its place,
  its issuer, -2 …): never refused, never written over another document.
- A target without a year gets the term's end when the document names its term ("nhiệm kỳ
  2023-2028"), otherwise no deadline (`deadline:` empty; status "no_deadline"); a year before
  the document or more than DEADLINE_YEARS after it is dropped the same way (the words stay in
  deadline_text).
- An assigned agency that data/agencies.yml does not know (the registry's matcher, which also
  sees the agencies added earlier in the batch) is appended to it with `review: true`.
- What would be written is validated as `vanban check` does (front matter, targets file,
  agencies file, every assignment matched); a problem refuses the file.

Files are written to temporary files in their folders and renamed into place; a failure while
renaming puts back what was there, so a crash never leaves half an import.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data import (
    Agency,
    AgencyRegistry,
    DataError,
    agencies_text_with,
    agency_key,
    display_path,
    load_agencies,
    new_agency,
)
from .messages import message, register
from .model import Document
from .pipeline import convert_file
from .progress.targets import DEADLINE_YEARS, TERM_END, TERM_YEARS, DocInfo, _Reader
from .render import front_matter, render_markdown, render_targets_yaml, targets_data
from .slug import unique_slug
from .sources import SourceError
from .text import number_key

register({
    "imp_same_done": (
        "{file}: đã nhập văn bản này thành {page} ({why}) — không nhập lại; dùng --force nếu "
        "muốn nhập lại (trang bị thay, mất các sửa tay; số liệu chỉ tiêu được giữ)",
        "{file}: this document is already imported as {page} ({why}) — not imported again; "
        "use --force to re-import it (the page is replaced and its manual edits lost; the "
        "targets' figures are kept)"),
    "imp_same_batch": (
        "{file}: cùng một văn bản với {other} trong lần nhập này ({why}) — chỉ nhập một lần",
        "{file}: the same document as {other} in this import ({why}) — imported once"),
    "imp_why_content": ("cùng số, cơ quan ban hành, nơi và ngày ban hành",
                        "same number, issuer, place and date"),
    "imp_why_bytes": ("nội dung tệp giống hệt", "the same file content"),
    "imp_targets_unreadable": (
        "{file}: không đọc được {target} ({detail}) nên không giữ được số liệu đã ghi — sửa "
        "tệp trước (xem `vanban check`) rồi nhập lại",
        "{file}: cannot read {target} ({detail}), so the figures recorded there cannot be "
        "kept — fix the file first (see `vanban check`), then import again"),
    "imp_targets_orphan": (
        "{file}: chỉ tiêu '{id}' trong {target} có số liệu nhưng lần nhập mới không còn chỉ "
        "tiêu này ('{text}') — chuyển số liệu sang chỉ tiêu đúng hoặc xóa bằng tay rồi nhập lại",
        "{file}: target '{id}' of {target} has figures but the new import has no such target "
        "('{text}') — move the figures to the right target or remove them by hand, then import "
        "again"),
    "imp_invalid": (
        "{file}: không nhập vì kết quả sẽ không hợp lệ: {problem}",
        "{file}: not imported because the result would not be valid: {problem}"),
    "imp_unmatched": (
        "{file}: cơ quan '{name}' (dòng {line}) không khớp cơ quan nào, kể cả cơ quan vừa thêm "
        "— sửa {registry} rồi nhập lại",
        "{file}: agency '{name}' (line {line}) matches no agency, not even the one just added "
        "— correct {registry}, then import again"),
    "imp_new_agency": (
        "{file}: đã thêm cơ quan '{name}' (id '{id}') vào {registry}, đánh dấu review: true — "
        "kiểm tra tên tiếng Anh, cấp trên, loại (xem `vanban check`)",
        "{file}: added agency '{name}' (id '{id}') to {registry}, marked review: true — check "
        "its English name, parent and kind (see `vanban check`)"),
    "imp_renamed": (
        "{file}: tên '{base}' đã thuộc văn bản khác nên văn bản này là '{slug}'",
        "{file}: the name '{base}' belongs to another document, so this one is '{slug}'"),
    "imp_no_deadline": (
        "{file}: chỉ tiêu {id} không có thời hạn trong văn bản — ghi 'deadline' trong {target} "
        "nếu biết",
        "{file}: target {id} has no deadline in the document — write its 'deadline' in "
        "{target} if it is known"),
    "imp_no_title": (
        "{file}: không thấy trích yếu — trang lấy tiêu đề '{title}'; sửa 'title' trong {page}",
        "{file}: no title found — the page is titled '{title}'; correct 'title' in {page}"),
    "imp_agencies_note": ("Thêm khi nhập {file} ({slug}): cần xem lại",
                          "Added by importing {file} ({slug}): to review"),
})


@dataclass
class Planned:
    source: Path
    doc: Document
    page: Path
    targets: Path | None
    contents: dict[Path, str | bytes] = field(default_factory=dict)
    new_agencies: list[Agency] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # what staff should review (besides
    replaces: bool = False                               # the parse's warnings); --force


@dataclass
class Refused:
    source: Path
    reasons: list[str]


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)     # imported (or, planning, would be)
    refused: list[Refused] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [r for f in self.refused for r in f.reasons]


@dataclass
class _Known:
    """A document of the portal, or one imported earlier in the batch."""

    slug: str
    label: str                        # how messages name it
    identity: tuple[str, ...] | None
    original: Path | None             # the kept original, for a byte comparison
    digest: str | None = None
    in_batch: bool = False


def identity(number: str | None, issuer: str | None, place: str | None, date: str | None
             ) -> tuple[str, ...] | None:
    """What makes two imports the same document: number, issuer, place and date (None without
    a number: then only the same bytes do)."""
    if not number:
        return None
    return (number_key(number), agency_key(issuer or ""), agency_key(place or ""), date or "")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Session:
    """The portal as the batch goes: documents, taken names, the agency registry and text."""

    def __init__(self, docs_dir: Path, data_dir: Path, force: bool, lang: str | None) -> None:
        self.docs_dir, self.data_dir, self.force, self.lang = docs_dir, data_dir, force, lang
        self.folder = docs_dir / "van-ban"
        self.agencies_path = data_dir / "agencies.yml"
        self.registry_label = display_path(self.agencies_path)
        self.known: list[_Known] = []
        self.taken: set[str] = set()
        self._staging: str | None = None   # where files are validated before they are written
        self._read_portal()
        self.agencies_text: str | None = None
        self.registry: AgencyRegistry | None = None
        if not self.agencies_path.exists():     # a new portal: the import starts the file
            self.agencies_text, self.registry = "", AgencyRegistry([])
            return
        try:
            self.agencies_text = self.agencies_path.read_text(encoding="utf-8")
            self.registry = load_agencies(self.agencies_path)
        except (OSError, UnicodeDecodeError, DataError):
            self.registry = None      # reported when a file is validated

    def _read_portal(self) -> None:
        from .site.catalog import read_document

        files = sorted(self.folder.iterdir()) if self.folder.is_dir() else []
        for path in files:
            if path.name.startswith(".") or not path.is_file():
                continue
            self.taken.add(path.name.split(".", 1)[0])
            if path.suffix != ".md" or path.name == "index.md" or path.name.count(".") > 1:
                continue
            doc, _ = read_document(path, f"van-ban/{path.name}", display_path(path))
            originals = [p for p in files if p.stem == path.stem and p.suffix != ".md"]
            self.known.append(_Known(
                path.stem, display_path(path),
                identity(doc.number, doc.issuer, doc.place, doc.date) if doc else None,
                originals[0] if originals else None))
        targets = self.data_dir / "targets"
        if targets.is_dir():
            self.taken |= {p.stem for p in targets.glob("*.yml")}

    def same(self, doc: Document, data: bytes) -> tuple[_Known, str] | None:
        """The known document `doc` (read from `data`) is, and why; None: a new one."""
        ident = identity(doc.number, doc.issuer, doc.place, doc.date)
        digest = _digest(data)
        for k in self.known:
            if ident is not None and k.identity == ident:
                return k, "imp_why_content"
            if k.digest is None and k.original is not None:
                try:
                    if k.original.stat().st_size == len(data):
                        k.digest = _digest(k.original.read_bytes())
                except OSError:
                    k.original = None
            if k.digest == digest:
                return k, "imp_why_bytes"
        return None

    def staging(self) -> str:
        """A temporary folder for the batch (validated files are written there first)."""
        if self._staging is None:
            self._staging = tempfile.mkdtemp(prefix="vanban-import-")
        return self._staging

    def close(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    # ---- one file -------------------------------------------------------------------------

    def plan(self, path: Path, converted: Document | None = None) -> Planned | Refused:
        lang = self.lang
        try:
            doc = converted or convert_file(path)
            data = path.read_bytes()
        except SourceError as exc:
            return Refused(path, [exc.message(lang)])
        except OSError as exc:
            return Refused(path, [f"{path}: {exc.strerror or exc}"])
        notes: list[str] = []
        found = self.same(doc, data)
        replaces = False
        if found is not None:
            known, why = found
            why_text = message(why, lang)
            if known.in_batch:
                return Refused(path, [message("imp_same_batch", lang, file=path,
                                              other=known.label, why=why_text)])
            if not self.force:
                return Refused(path, [message("imp_same_done", lang, file=path,
                                              page=known.label, why=why_text)])
            doc.slug, replaces = known.slug, True
        else:
            base = doc.slug or "van-ban"
            doc.slug = unique_slug(base, self.taken.__contains__,
                                   [doc.place, doc.issuer, doc.parent_issuer])
            if doc.slug != base:
                notes.append(message("imp_renamed", lang, file=path, base=base, slug=doc.slug))
        slug = doc.slug
        page = self.folder / f"{slug}.md"
        if not (doc.title or "").strip():     # the page needs a title: the type, or the file
            doc.title = " ".join(p for p in (doc.type.name, doc.number) if p) or path.stem
            notes.append(message("imp_no_title", lang, file=path, title=doc.title,
                                 page=display_path(page)))
        planned = Planned(path, doc, page, None, notes=notes, replaces=replaces)
        problems: list[str] = []
        registry = self._add_agencies(planned)
        planned.contents[page] = render_markdown(doc)
        if doc.targets:
            planned.targets = self.data_dir / "targets" / f"{slug}.yml"
            tdata = targets_data(doc)
            self._fit_deadlines(planned, tdata)
            if planned.targets.exists():
                problem = _keep_existing(planned.targets, tdata, path, lang)
                if problem:
                    problems.append(problem)
            planned.contents[planned.targets] = render_targets_yaml(doc, tdata)
        planned.contents[original_path(self.docs_dir, slug, path)] = data
        if planned.new_agencies and self.agencies_text is not None:
            note = message("imp_agencies_note", "vi", file=path.name, slug=slug)
            planned.contents[self.agencies_path] = agencies_text_with(
                self.agencies_text, planned.new_agencies, note)
        if not problems:
            problems = self._validate(planned, registry)
        if problems:
            return Refused(path, problems)
        return planned

    def _add_agencies(self, planned: Planned) -> AgencyRegistry | None:
        """Agencies assigned in the document that the registry does not know, as new entries
        (planned.new_agencies); the registry with them."""
        registry = self.registry
        if registry is None:
            return None
        doc = planned.doc
        for a in doc.assignments:
            name = " ".join(a.agency.split())
            if not name or registry.get(name) or registry.match(name, doc.place):
                continue
            agency = new_agency(name, doc.place, registry)
            planned.new_agencies.append(agency)
            registry = AgencyRegistry([*registry, agency])
            planned.notes.append(message("imp_new_agency", self.lang, file=planned.source,
                                         name=name, id=agency.id,
                                         registry=self.registry_label))
        return registry

    def _fit_deadlines(self, planned: Planned, tdata: dict[str, Any]) -> None:
        """A target without a usable year: the term's end when the document names its term,
        otherwise no deadline (a note for staff)."""
        doc = planned.doc
        year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
        term_end = doc.term[1] if doc.term else None
        if term_end is not None and year is not None \
                and not year <= term_end <= year + 2 * TERM_YEARS:
            term_end = None
        for t in tdata["targets"]:
            deadline = t["deadline"]
            if isinstance(deadline, int) and year is not None \
                    and not year <= deadline <= year + DEADLINE_YEARS:
                deadline = None
            if deadline is None and term_end is not None:
                deadline = TERM_END
            if deadline == TERM_END and term_end is not None:
                tdata["term_end"] = term_end
            if deadline is None:
                planned.notes.append(message("imp_no_deadline", self.lang, file=planned.source,
                                             id=t["id"], target=display_path(planned.targets)
                                             if planned.targets else ""))
            t["deadline"] = deadline

    def _validate(self, planned: Planned, registry: AgencyRegistry | None) -> list[str]:
        """What `vanban check` would say about the files `planned` writes (messages naming the
        real files)."""
        from .site.catalog import read_document

        lang = self.lang
        out: list[str] = []
        doc = planned.doc
        with contextlib.nullcontext(self.staging()) as tmp:
            folder = Path(tmp)
            if self.agencies_path in planned.contents:
                staged = folder / "agencies.yml"
                staged.write_text(str(planned.contents[self.agencies_path]), encoding="utf-8")
                try:
                    registry = load_agencies(staged)
                except DataError as exc:
                    out += [_relabel(p, self.registry_label, lang) for p in exc.problems]
                    registry = None
            elif registry is None:
                try:
                    registry = load_agencies(self.agencies_path)
                except DataError as exc:
                    out += [p.message(lang) for p in exc.problems]
            label = display_path(planned.page)
            read, problems = read_document(planned.page, f"van-ban/{planned.page.name}", label,
                                           str(planned.contents[planned.page]),
                                           front_matter(planned.doc))
            out += [p.message(lang) for p in problems]
            if registry is not None and read is not None:
                for task in read.tasks:
                    if task.agency and registry.match(task.agency, read.place) is None:
                        out.append(message("imp_unmatched", lang, file=planned.source,
                                           name=task.agency, line=task.line,
                                           registry=self.registry_label))
            if planned.targets is not None and registry is not None:
                staged = folder / planned.targets.name
                staged.write_text(str(planned.contents[planned.targets]), encoding="utf-8")
                year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
                reader = _Reader(staged, {planned.page.stem: DocInfo(year, doc.place)}, registry,
                                 datetime.date.today().year, self.registry_label)
                try:
                    reader.read()
                except DataError as exc:
                    out += [_relabel(p, display_path(planned.targets), lang)
                            for p in exc.problems]
        return [message("imp_invalid", lang, file=planned.source, problem=p) for p in out]

    def commit(self, planned: Planned, write: bool) -> list[Path]:
        """Write `planned` (when `write`) and take it into the session's picture."""
        written = write_all(planned.contents) if write else []
        self.taken.add(planned.page.stem)
        data = planned.contents[original_path(self.docs_dir, planned.page.stem, planned.source)]
        assert isinstance(data, bytes)
        doc = planned.doc
        self.known.append(_Known(planned.page.stem, str(planned.source),
                                 identity(doc.number, doc.issuer, doc.place, doc.date), None,
                                 _digest(data), in_batch=True))
        if self.agencies_path in planned.contents:
            self.agencies_text = str(planned.contents[self.agencies_path])
            if self.registry is not None:
                self.registry = AgencyRegistry([*self.registry, *planned.new_agencies])
        return written


def _relabel(problem: Any, label: str, lang: str | None) -> str:
    problem.file = label
    return str(problem.message(lang))


def plan_import(files: list[Path], docs_dir: Path, data_dir: Path, force: bool = False,
                lang: str | None = None,
                progress: Callable[[Path], None] | None = None) -> ImportResult:
    """What `run_import` would do, file by file, without writing anything."""
    return _run(files, docs_dir, data_dir, force, lang, progress, write=False)


def run_import(files: list[Path], docs_dir: Path, data_dir: Path, force: bool = False,
               lang: str | None = None,
               progress: Callable[[Path], None] | None = None) -> ImportResult:
    """Import each file on its own (see the module doc); `result.refused` says why not."""
    return _run(files, docs_dir, data_dir, force, lang, progress, write=True)


def _run(files: list[Path], docs_dir: Path, data_dir: Path, force: bool, lang: str | None,
         progress: Callable[[Path], None] | None, write: bool) -> ImportResult:
    result = ImportResult()
    session = _Session(docs_dir, data_dir, force, lang)
    try:
        _each(files, session, result, progress, write)
    finally:
        session.close()
    return result


def _each(files: list[Path], session: _Session, result: ImportResult,
          progress: Callable[[Path], None] | None, write: bool) -> None:
    for path, converted in zip(files, _convert_all(files), strict=True):
        if progress:
            progress(path)
        outcome = session.plan(path, converted)
        if isinstance(outcome, Refused):
            result.refused.append(outcome)
            continue
        try:
            result.written += session.commit(outcome, write)
        except OSError as exc:
            result.refused.append(Refused(path, [f"{path}: {exc.strerror or exc}"]))
            continue
        result.planned.append(outcome)


# a batch this long is converted on every core first (the rest of an import is in order)
PARALLEL_FROM = 16


def _convert_all(files: list[Path]) -> list[Document | None]:
    """Each file's Document, converted in parallel for a long batch; None where the file
    cannot be converted (plan() converts it again, to say why) or for a short batch."""
    workers = min(os.cpu_count() or 1, len(files) // (PARALLEL_FROM // 2))
    if len(files) < PARALLEL_FROM or workers < 2:
        return [None] * len(files)
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_convert_or_none, files, chunksize=8))


def _convert_or_none(path: Path) -> Document | None:
    try:
        return convert_file(path)
    except (SourceError, OSError):
        return None


# what staff add to a targets file after import
FILE_STAFF_KEYS = ("sample", "term_end")
TARGET_STAFF_KEYS = ("baseline", "agency", "measurements")


def _keep_existing(path: Path, fresh: dict[str, Any], source: Path, lang: str | None
                   ) -> str | None:
    """Carry the staff's additions of the existing file at `path` into `fresh`; a message
    when they cannot all be kept."""
    try:
        old = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return message("imp_targets_unreadable", lang, file=source, target=path, detail=detail)
    if not isinstance(old, dict):
        return None
    orphans = keep_staff_data(fresh, old)
    if orphans:
        t = orphans[0]
        return message("imp_targets_orphan", lang, file=source, target=path, id=t.get("id"),
                       text=str(t.get("text"))[:80])
    return None


def keep_staff_data(fresh: dict[str, Any], old: dict[str, Any]) -> list[dict[str, Any]]:
    """Copy staff keys from `old` into `fresh` (both targets-file mappings); returns the old
    targets with figures that match no fresh target."""
    for key in FILE_STAFF_KEYS:
        if old.get(key) is not None:
            fresh[key] = old[key]
    new_targets = fresh.get("targets") or []
    orphans = []
    for t in old.get("targets") or []:
        if not isinstance(t, dict) or not any(t.get(k) for k in TARGET_STAFF_KEYS):
            continue
        same = [n for n in new_targets if n["id"] == t.get("id") and n["text"] == t.get("text")]
        if not same:
            same = [n for n in new_targets
                    if n["text"] == t.get("text") and n["target"] == t.get("target")]
        if len(same) != 1:
            if t.get("measurements"):
                orphans.append(t)
            continue
        for key in TARGET_STAFF_KEYS:
            if t.get(key):
                same[0][key] = t[key]
    return orphans


def original_path(docs_dir: Path, slug: str, source: Path) -> Path:
    """Where the imported file is kept: docs/van-ban/<slug>.docx (.doc, .pdf, .htm, .txt); a
    Markdown original as <slug>.md.txt, which MkDocs copies instead of building as a page."""
    suffix = source.suffix.lower()
    if suffix in (".md", ".markdown"):
        suffix = ".md.txt"
    return docs_dir / "van-ban" / f"{slug}{suffix}"


def _temp_beside(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8, LF) or bytes to a temporary file beside `path`, then rename."""
    tmp = _temp_beside(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_all(contents: dict[Path, str | bytes]) -> list[Path]:
    """Write every file or none: all are written to temporary files first, then renamed into
    place; a failure puts back what the renamed ones replaced."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in contents.items():
            staged.append((path, _temp_beside(path, content)))
    except BaseException:
        for _, tmp in staged:
            os.unlink(tmp)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, tmp in staged:
            before = path.read_bytes() if path.exists() else None
            os.replace(tmp, path)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            if before is None:
                path.unlink()
            else:
                write_atomic(path, before)
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return [path for path, _ in staged]
