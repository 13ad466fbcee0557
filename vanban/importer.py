"""Import: files on disk → docs/van-ban/<slug>.md and data/targets/<slug>.yml, and the original
file kept beside the page as docs/van-ban/<slug>.<ext> (.txt or .docx; MkDocs copies it into
the site as is, and the document page offers it as a download).

All or nothing: every file is read and parsed first; if any cannot be (unreadable, unsupported,
two files with the same slug, an existing page without --force), nothing at all is written.
Each file is written to a temporary file in the target folder and renamed into place, so a
crash never leaves half a page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .messages import message, register
from .model import Document
from .parser import parse
from .render import render_markdown, render_targets_yaml
from .sources import SourceError, read_source

register({
    "imp_exists": (
        "{file}: {target} đã có (có thể đã được sửa tay) — không ghi đè; dùng --force nếu "
        "thật sự muốn thay",
        "{file}: {target} already exists (it may have been edited) — not overwritten; use "
        "--force to replace it",
    ),
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
        doc = parse(text, source=path.name)
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
            planned.contents[targets] = render_targets_yaml(doc)
        planned.contents[original_path(docs_dir, slug, path)] = path.read_bytes()
        for target in planned.contents:
            if target.exists() and not force:
                result.errors.append(message("imp_exists", lang, file=path, target=target))
        result.planned.append(planned)
    return result


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
