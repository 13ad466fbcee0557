"""Import: files on disk → docs/van-ban/<slug>.md and data/targets/<slug>.yml, and the original
file kept beside the page as docs/van-ban/<slug>.<ext> (.txt or .docx; MkDocs copies it into
the site as is, and the document page offers it as a download).

All or nothing: every file is read and parsed first; if any cannot be (unreadable, unsupported,
two files with the same slug, an existing page without --force), nothing at all is written.
A forced re-import keeps what staff added to data/targets/<slug>.yml (figures, baseline,
agency, `sample`, `term_end`): it is carried over to the same target (same id and text, or
else the one target with the same text and value); figures that would have no target left
stop the import instead of being lost.
Each file is written to a temporary file in the target folder and renamed into place, so a
crash never leaves half a page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .messages import message, register
from .model import Document
from .pipeline import convert
from .render import render_markdown, render_targets_yaml, targets_data
from .sources import SourceError, read_source

register({
    "imp_exists": (
        "{file}: {target} đã có (có thể đã được sửa tay) — không ghi đè; dùng --force nếu "
        "thật sự muốn thay",
        "{file}: {target} already exists (it may have been edited) — not overwritten; use "
        "--force to replace it",
    ),
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
    "imp_duplicate": (
        "{file}: trùng mã văn bản '{slug}' với {other} — hai tệp cho cùng một văn bản?",
        "{file}: same document id '{slug}' as {other} — are both files the same document?",
    ),
})


@dataclass
class Planned:
    source: Path
    doc: Document
    page: Path
    targets: Path | None
    contents: dict[Path, str | bytes] = field(default_factory=dict)


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def plan_import(files: list[Path], docs_dir: Path, data_dir: Path, force: bool = False,
                lang: str | None = None,
                progress: Callable[[Path], None] | None = None) -> ImportResult:
    result = ImportResult()
    by_slug: dict[str, Path] = {}
    for path in files:
        if progress:
            progress(path)
        try:
            text = read_source(path)
        except SourceError as exc:
            result.errors.append(exc.message(lang))
            continue
        doc = convert(text, source=path.name)
        slug = doc.slug or path.stem
        if slug in by_slug:
            result.errors.append(message("imp_duplicate", lang, file=path, slug=slug,
                                         other=by_slug[slug]))
            continue
        by_slug[slug] = path
        page = docs_dir / "van-ban" / f"{slug}.md"
        targets = data_dir / "targets" / f"{slug}.yml" if doc.targets else None
        planned = Planned(path, doc, page, targets)
        planned.contents[page] = render_markdown(doc)
        if targets:
            data = targets_data(doc)
            if targets.exists():
                problem = _keep_existing(targets, data, path, lang)
                if problem:
                    result.errors.append(problem)
            planned.contents[targets] = render_targets_yaml(doc, data)
        planned.contents[original_path(docs_dir, slug, path)] = path.read_bytes()
        for target in planned.contents:
            if target.exists() and not force:
                result.errors.append(message("imp_exists", lang, file=path, target=target))
        result.planned.append(planned)
    return result


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
    """Where the imported file is kept: docs/van-ban/<slug>.txt or .docx."""
    return docs_dir / "van-ban" / f"{slug}{source.suffix.lower()}"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8, LF) or bytes to a temporary file beside `path`, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def run_import(files: list[Path], docs_dir: Path, data_dir: Path, force: bool = False,
               lang: str | None = None,
               progress: Callable[[Path], None] | None = None) -> ImportResult:
    result = plan_import(files, docs_dir, data_dir, force, lang, progress)
    if result.errors:
        return result
    for planned in result.planned:
        for target, content in planned.contents.items():
            write_atomic(target, content)
            result.written.append(target)
    return result
