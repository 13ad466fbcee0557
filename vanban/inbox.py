"""The inbox: a file dropped into `nhap/` (a web upload on GitHub or GitLab, or any commit) is
imported by CI, one file at a time, with the same import as `vanban import`.

    vanban inbox                                    # import into the working tree (preview)
    vanban inbox --commit --push main --summary S   # CI: commit, push back, write the summary

A file that imports is removed from the inbox in the same commit that adds its page, its
targets file and the original; a file the converter cannot read (or that would overwrite a
page) stays in the inbox, nothing of it is written, and the command exits 1 with the reason
in the summary, so the build and the deployment after it do not run. The commit is made only
from what imported; a failed push leaves the host's branch as it was (the inbox file is still
there, CI runs again on the next change).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .importer import run_import
from .messages import default_lang, message, register

INBOX = "nhap"
# files that live in the inbox and are not documents: its explanation for the web page
NOT_DOCUMENTS = frozenset({"readme.md", ".gitkeep"})

register({
    "inbox_title": ("Hộp thư nhập văn bản (nhap/)", "Document inbox (nhap/)"),
    "inbox_empty": ("Không có tệp nào trong nhap/.", "No files in nhap/."),
    "inbox_imported": ("**{file}** đã được nhập:", "**{file}** was imported:"),
    "inbox_refused": (
        "**{file}** KHÔNG nhập được — tệp vẫn nằm trong nhap/, chưa có gì được đăng:",
        "**{file}** could NOT be imported — it stays in nhap/, nothing was published:"),
    "inbox_warnings": ("Cảnh báo cần xem lại (mở trang văn bản và sửa):",
                       "Warnings to review (open the document's page and fix):"),
    "inbox_fix": (
        "Cách xử lý: sửa tệp (mở bằng Word, *Lưu thành* .docx) rồi tải lên lại vào nhap/, "
        "hoặc xóa tệp khỏi nhap/. Văn bản đã có trang: sửa trang docs/van-ban/… thay vì tải "
        "lên lại. Trang cổng chưa thay đổi.",
        "What to do: fix the file (open it in Word, *Save as* .docx) and upload it again to "
        "nhap/, or delete it from nhap/. A document that already has a page: edit its "
        "docs/van-ban/… page instead of uploading it again. The portal has not changed."),
    "inbox_committed": ("Đã commit {commit} vào nhánh {branch}.",
                        "Committed {commit} to the branch {branch}."),
    "inbox_not_committed": ("Chưa commit (xem trước): các tệp mới chỉ nằm trong thư mục làm "
                            "việc.",
                            "Not committed (preview): the new files are only in the working "
                            "tree."),
    "inbox_push_failed": (
        "Không đẩy được commit lên nhánh {branch} ({detail}) — nhánh vẫn như cũ, tệp vẫn nằm "
        "trong nhap/; chạy lại CI (nếu nhánh vừa thay đổi, CI tự chạy lại với bản mới)",
        "Could not push the commit to the branch {branch} ({detail}) — the branch is as it "
        "was, the file is still in nhap/; run CI again (if the branch just changed, CI runs "
        "again on the new commit)"),
    "inbox_commit_subject": ("Nhập văn bản từ nhap/: {files}", "Import from nhap/: {files}"),
})


@dataclass
class Outcome:
    """What became of one inbox file."""
    source: Path                                       # nhap/<name>, as given to the import
    written: list[Path] = field(default_factory=list)  # page, targets file, original
    warnings: list[str] = field(default_factory=list)  # "file:line: message"
    errors: list[str] = field(default_factory=list)    # why it was refused

    @property
    def imported(self) -> bool:
        return not self.errors and bool(self.written)


@dataclass
class InboxRun:
    outcomes: list[Outcome] = field(default_factory=list)
    commit: str | None = None
    branch: str | None = None
    push_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.push_error is None and all(o.imported for o in self.outcomes)


def inbox_files(root: Path) -> list[Path]:
    """The files waiting in root/nhap/ (sub-folders too), sorted; not its README or dotfiles."""
    folder = root / INBOX
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.name.lower() not in NOT_DOCUMENTS
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def take_inbox(root: Path, lang: str | None = None) -> list[Outcome]:
    """Import every inbox file on its own into root/docs and root/data; an imported file is
    deleted from the inbox, a refused one is left as it was."""
    outcomes = []
    for path in inbox_files(root):
        result = run_import([path], root / "docs", root / "data", False, lang)
        outcome = Outcome(path, errors=list(result.errors))
        if not result.errors:
            outcome.written = list(result.written)
            outcome.warnings = [f"{p.source}:{w.line}: {w.message(lang or default_lang())}"
                                for p in result.planned for w in p.doc.warnings]
            path.unlink()
        outcomes.append(outcome)
    return outcomes


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise GitError((done.stderr or done.stdout).strip().splitlines()[-1:] or ["git"])
    return done.stdout.strip()


class GitError(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0] if lines else "git")


def _rel(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def commit_outcomes(root: Path, outcomes: list[Outcome], lang: str | None = None) -> str | None:
    """Commit what imported: the new files added, the inbox files removed, one commit whose
    author is whoever committed the first file to the inbox. Returns the commit's hash, or
    None when nothing imported."""
    done = [o for o in outcomes if o.imported]
    if not done:
        return None
    sources = [_rel(root, o.source) for o in done]
    _git(root, "add", "--", *[_rel(root, p) for o in done for p in o.written])
    for source in sources:
        _git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", source)
    env: dict[str, str] = {}
    uploader = _git(root, "log", "-1", "--format=%an%x00%ae", "--", sources[0])
    if "\x00" in uploader:
        env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"] = uploader.split("\x00", 1)
    if not _has_identity(root):
        env.setdefault("GIT_COMMITTER_NAME", "vanban CI")
        env.setdefault("GIT_COMMITTER_EMAIL", "vanban-ci@localhost")
        env.setdefault("GIT_AUTHOR_NAME", env["GIT_COMMITTER_NAME"])
        env.setdefault("GIT_AUTHOR_EMAIL", env["GIT_COMMITTER_EMAIL"])
    names = ", ".join(Path(s).name for s in sources)
    body = "\n".join(f"{_rel(root, o.source)} → " + ", ".join(_rel(root, p) for p in o.written)
                     for o in done)
    _git(root, "commit", "-q", "-m", message("inbox_commit_subject", lang, files=names),
         "-m", body, env=env)
    return _git(root, "rev-parse", "HEAD")


def _has_identity(root: Path) -> bool:
    try:
        _git(root, "config", "user.email")
        return True
    except GitError:
        return bool(os.environ.get("GIT_COMMITTER_EMAIL") or os.environ.get("EMAIL"))


def run_inbox(root: Path, *, commit: bool = False, push: str | None = None,
              remote: str = "origin", lang: str | None = None) -> InboxRun:
    """Take the inbox; with `commit`, commit what imported; with `push` (a branch name), push
    that commit to remote's branch."""
    run = InboxRun(take_inbox(root, lang))
    if commit or push:
        run.commit = commit_outcomes(root, run.outcomes, lang)
    if push and run.commit:
        run.branch = push
        try:
            _git(root, "push", "-q", remote, f"HEAD:refs/heads/{push}")
        except GitError as exc:
            run.push_error = message("inbox_push_failed", lang, branch=push, detail=exc)
    return run


def summary_markdown(root: Path, run: InboxRun, lang: str | None = None) -> str:
    """The job summary: what imported (with its warnings), what was refused and why."""
    lines = [f"## {message('inbox_title', lang)}", ""]
    if not run.outcomes:
        return "\n".join([*lines, message("inbox_empty", lang), ""])
    for o in run.outcomes:
        name = _rel(root, o.source)
        if o.imported:
            lines.append(message("inbox_imported", lang, file=name))
            lines += [f"- `{_rel(root, p)}`" for p in o.written]
            if o.warnings:
                lines += ["", message("inbox_warnings", lang), ""]
                lines += [f"- {_md(w)}" for w in o.warnings]
        else:
            lines.append("❌ " + message("inbox_refused", lang, file=name))
            lines += [f"- {_md(e)}" for e in o.errors]
        lines.append("")
    if any(not o.imported for o in run.outcomes):
        lines += [message("inbox_fix", lang), ""]
    if run.push_error:
        lines += ["❌ " + _md(run.push_error), ""]
    elif run.commit:
        lines += [message("inbox_committed", lang, commit=run.commit[:10],
                          branch=run.branch or "HEAD"), ""]
    elif any(o.imported for o in run.outcomes):
        lines += [message("inbox_not_committed", lang), ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Plain text safe in a Markdown list item (no HTML, no emphasis from file names)."""
    return (text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`"))
