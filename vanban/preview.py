"""The preview of a change (a pull or merge request): which pages it adds or changes, the
warnings staff should review, and the built site as a zip that opens from a double click.

    vanban preview --base origin/main --summary summary.md --zip dist/xem-truoc.zip

The pages are those of the files under docs/ and data/ that differ from the merge base with
`--base` (committed or not: the inbox's imports of a preview run are not committed). The
warnings are the import's warnings of each added or changed document (its original, kept as
docs/van-ban/<slug>.docx or .txt, read again) and every problem of `vanban check` (file:line).
The zip is site/ with every link to a folder ("van-ban/") pointing at its index.html, so that
the pages link to each other when opened from the disk (file://), where a browser does not
open a folder's index.html by itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .dist import make_zip
from .messages import default_lang, message, register
from .pipeline import convert_file
from .sources import KINDS, SourceError

register({
    "prev_title": ("Xem trước thay đổi", "Preview of the change"),
    "prev_base": ("So với `{base}`:", "Compared with `{base}`:"),
    "prev_no_base": ("Không so sánh được với `{base}` ({detail}).",
                     "Cannot compare with `{base}` ({detail})."),
    "prev_pages": ("Trang thêm mới hoặc thay đổi ({n}):", "Pages added or changed ({n}):"),
    "prev_no_pages": ("Không có trang nào thay đổi.", "No page changed."),
    "prev_added": ("thêm mới", "added"),
    "prev_changed": ("sửa", "changed"),
    "prev_deleted": ("xóa", "deleted"),
    "prev_figures": ("số liệu chỉ tiêu của", "target figures of"),
    "prev_import_warnings": ("Cảnh báo khi nhập văn bản — mở trang và kiểm tra ({n}):",
                             "Import warnings — open the page and check ({n}):"),
    "prev_check_ok": ("`vanban check`: không có lỗi.", "`vanban check`: no problems."),
    "prev_check": ("`vanban check`: {n} lỗi cần sửa trước khi hợp nhất (merge):",
                   "`vanban check`: {n} problems to fix before merging:"),
    "prev_download": (
        "Bản xem trước: tải tệp **{artifact}** ở cuối trang kết quả CI, giải nén, mở "
        "`index.html` (ô tìm kiếm chỉ chạy khi cổng được đăng lên máy chủ web).",
        "Preview: download **{artifact}** at the bottom of the CI run's page, unzip it and "
        "open `index.html` (the search box only works once the portal is on a web server)."),
})


@dataclass(frozen=True)
class Change:
    status: str    # "A" added, "M" changed, "D" deleted
    path: str      # repository path, e.g. docs/van-ban/kh-01.md

    @property
    def url(self) -> str | None:
        """The site address of the page this file is, or feeds ("van-ban/kh-01/")."""
        return page_url(self.path)


def page_url(path: str) -> str | None:
    """docs/x/y.md → x/y/; docs/x/y.en.md → en/x/y/; docs/x/index.md → x/; data/targets/s.yml
    → van-ban/s/ (the document the figures belong to); anything else → None.

    >>> page_url("docs/van-ban/ctr-17-ldld-2021.md"), page_url("docs/huong-dan/index.en.md")
    ('van-ban/ctr-17-ldld-2021/', 'en/huong-dan/')
    >>> page_url("data/targets/kh-01.yml"), page_url("docs/index.md"), page_url("x.md")
    ('van-ban/kh-01/', '', None)
    """
    if path.startswith("data/targets/") and path.endswith(".yml"):
        return f"van-ban/{Path(path).stem}/"
    if not (path.startswith("docs/") and path.endswith(".md")):
        return None
    rel = path[len("docs/"):-len(".md")]
    prefix = ""
    if rel.endswith(".en"):
        rel, prefix = rel[:-len(".en")], "en/"
    if rel == "index" or rel.endswith("/index"):
        rel = rel[:-len("index")].rstrip("/")
    return prefix + (f"{rel}/" if rel else "")


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout or "git").strip().splitlines()
        raise ValueError(lines[-1] if lines else "git")
    return done.stdout


def changes(root: Path, base: str) -> list[Change]:
    """Files under docs/ and data/ that differ from the merge base of `base` and HEAD, in the
    working tree (untracked files count as added); sorted by path. ValueError: no such base."""
    start = _git(root, "merge-base", base, "HEAD").strip()
    found: dict[str, str] = {}
    fields = _git(root, "diff", "--name-status", "--no-renames", "-z", start, "--",
                  "docs", "data").split("\0")
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if path:
            found[path] = status[:1]
    for path in _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--",
                     "docs", "data").split("\0"):
        if path:
            found[path] = "A"
    return [Change(s, p) for p, s in sorted(found.items())]


def import_warnings(root: Path, changed: list[Change], lang: str | None = None) -> list[str]:
    """The import's warnings of each added or changed document, from its kept original, as
    "docs/van-ban/<slug>.docx:line: message"."""
    out = []
    for change in changed:
        path = Path(change.path)
        if change.status == "D" or path.parent.as_posix() != "docs/van-ban" \
                or path.suffix != ".md":
            continue
        originals = sorted(p for p in (root / path.parent).glob(f"{path.stem}.*")
                           if p.suffix.lower() in KINDS)
        for original in originals[:1]:
            try:
                doc = convert_file(original)
            except SourceError as exc:
                out.append(exc.message(lang))
                continue
            rel = original.relative_to(root).as_posix()
            out += [f"{rel}:{w.line}: {w.message(lang or default_lang())}" for w in doc.warnings]
    return out


def summary_markdown(root: Path, base: str, lang: str | None = None, as_of: int = 0,
                     artifact: str = "") -> str:
    """The preview's summary (Markdown, for $GITHUB_STEP_SUMMARY or a GitLab report)."""
    from .check import check

    lines = [f"## {message('prev_title', lang)}", ""]
    try:
        changed = changes(root, base)
    except ValueError as exc:
        changed = []
        lines += [message("prev_no_base", lang, base=base, detail=exc), ""]
    else:
        lines += [message("prev_base", lang, base=base), ""]
    pages = [c for c in changed if c.url is not None]
    if pages:
        lines += [message("prev_pages", lang, n=len(pages)), ""]
        label = {"A": message("prev_added", lang), "M": message("prev_changed", lang),
                 "D": message("prev_deleted", lang)}
        for c in pages:
            what = f"{message('prev_figures', lang)} " if c.path.startswith("data/") else ""
            lines.append(f"- {label.get(c.status, c.status)}: {what}`{c.url or '/'}` "
                         f"(`{c.path}`)")
    else:
        lines.append(message("prev_no_pages", lang))
    lines.append("")
    warnings = import_warnings(root, changed, lang)
    if warnings:
        lines += [message("prev_import_warnings", lang, n=len(warnings)), ""]
        lines += [f"- {_md(w)}" for w in warnings] + [""]
    problems = [p.message(lang) for p in check(root, as_of)]
    if problems:
        lines += [f"❌ {message('prev_check', lang, n=len(problems))}", ""]
        lines += [f"- {_md(p)}" for p in problems] + [""]
    else:
        lines += [message("prev_check_ok", lang), ""]
    if artifact:
        lines += [message("prev_download", lang, artifact=artifact), ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`"))


# a relative link to a folder: href="van-ban/", href="../", href="x/#part" (not "//host/")
_FOLDER_LINK = re.compile(r'''(\shref=")(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*/)?(?=["#?])''')


def file_links(html: str) -> str:
    """Links to folders made links to their index.html, for pages opened from the disk.

    >>> file_links('<a href="van-ban/">x</a> <a href="../#top">y</a> <a href="#z">z</a>')
    '<a href="van-ban/index.html">x</a> <a href="../index.html#top">y</a> <a href="#z">z</a>'
    >>> file_links('<a href="https://a.vn/">a</a> <a href="x.html">b</a> <a href="./">c</a>')
    '<a href="https://a.vn/">a</a> <a href="x.html">b</a> <a href="./index.html">c</a>'
    """
    def repl(m: re.Match[str]) -> str:
        folder = m.group(2)
        if folder is None:
            return m.group(0)
        return f"{m.group(1)}{folder}index.html"
    return _FOLDER_LINK.sub(repl, html)


def preview_zip(site: Path, dest: Path) -> int:
    """Zip a copy of the built `site` whose folder links open from the disk; returns the
    number of HTML pages rewritten."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        n = 0
        for page in copy.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            new = file_links(text)
            if new != text:
                page.write_text(new, encoding="utf-8")
                n += 1
        make_zip(copy, dest)
    return n
