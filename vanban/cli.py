"""Command line: `vanban parse`, `vanban import`, `vanban check`, `vanban new-post`; `vanban
build` and `vanban serve` (the Makefile's steps, for Windows and macOS without make); `vanban
inbox` and `vanban preview` (the CI's import of nhap/ and the summary of a change).

Messages follow `--lang vi|en` (or VANBAN_LANG); user mistakes get one clear line per problem
and exit code 2, never a stack trace.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .messages import message, register
from .pipeline import convert
from .sources import SourceError, read_source

register({
    "cli_written": ("Đã ghi {n} tệp:", "Wrote {n} files:"),
    "cli_refused": ("Từ chối {n} tệp:", "Refused {n} files:"),
    "cli_import_summary": ("Đã nhập {imported} tệp, từ chối {refused} tệp.",
                           "Imported {imported} files, refused {refused}."),
    "cli_warnings": ("Cảnh báo cần xem lại ({n}):", "Warnings to review ({n}):"),
    "cli_no_warnings": ("Không có cảnh báo.", "No warnings."),
    "cli_reading": ("Đang đọc", "Reading"),
    "cli_check_ok": ("Không có lỗi: dữ liệu và văn bản hợp lệ.",
                     "No problems: the data and the documents are valid."),
    "cli_check_found": ("Có {n} lỗi cần sửa:", "{n} problems to fix:"),
    "cli_check_notices": ("Cần xem lại ({n}, không phải lỗi):",
                          "To review ({n}, not errors):"),
    "cli_check_no_project": (
        "'{root}' không phải thư mục của cổng (không có docs/ và data/) — chạy lệnh trong thư "
        "mục có mkdocs.yml, hoặc chỉ ra thư mục đó: vanban check --root <thư mục>",
        "'{root}' is not the portal's folder (no docs/ and data/) — run the command in the "
        "folder of mkdocs.yml, or name that folder: vanban check --root <folder>"),
})

LANG = click.Choice(["vi", "en"])


def _lang(ctx: click.Context) -> str:
    return str(ctx.obj.get("lang", "vi"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=LANG, default=lambda: os.environ.get("VANBAN_LANG", "vi")[:2]
              if os.environ.get("VANBAN_LANG", "vi")[:2] in ("vi", "en") else "vi",
              help="Ngôn ngữ thông báo / message language (vi, en).")
@click.version_option(package_name="vanban")
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    """vanban: chuyển văn bản Công đoàn (.txt, .docx) thành trang Markdown có cấu trúc."""
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


@main.command("parse")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In mô hình văn bản dạng JSON.")
@click.pass_context
def parse_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Đọc một văn bản và in mô hình (cây mục, chỉ tiêu, phân công)."""
    lang = _lang(ctx)
    try:
        text = read_source(file)
    except SourceError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(2)
    doc = convert(text, source=file.name)
    if as_json:
        click.echo(json.dumps(doc.to_json(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(str(doc))
        for w in doc.warnings:
            click.echo(f"{file}:{w.line}: {w.message(lang)}", err=True)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True,
              help="Nhập lại văn bản đã nhập (thay trang, mất các sửa tay; giữ số liệu).")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"),
              show_default=True, help="Thư mục nội dung của cổng.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"),
              show_default=True, help="Thư mục dữ liệu YAML.")
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[Path, ...], force: bool, docs_dir: Path,
               data_dir: Path) -> None:
    """Nhập văn bản vào docs/van-ban/ (và chỉ tiêu vào data/targets/); mỗi tệp được nhập hoặc
    từ chối riêng; có tệp bị từ chối → mã thoát 1."""
    from rich.progress import Progress

    from .importer import run_import

    lang = _lang(ctx)
    paths = list(files)
    if len(paths) > 1 and sys.stderr.isatty():
        with Progress(transient=True) as bar:
            task = bar.add_task(message("cli_reading", lang), total=len(paths))
            result = run_import(paths, docs_dir, data_dir, force, lang,
                                progress=lambda _p: bar.advance(task))
    else:
        result = run_import(paths, docs_dir, data_dir, force, lang)
    if result.written:
        click.echo(message("cli_written", lang, n=len(result.written)))
        for path in result.written:
            click.echo(f"  {path}")
    review = [f"{p.source}:{w.line}: {w.message(lang)}" for p in result.planned
              for w in p.doc.warnings] + [n for p in result.planned for n in p.notes]
    if review:
        click.echo(message("cli_warnings", lang, n=len(review)))
        for line in review:
            click.echo(f"  {line}")
    elif result.planned:
        click.echo(message("cli_no_warnings", lang))
    if result.refused:
        click.echo(message("cli_refused", lang, n=len(result.refused)), err=True)
        for e in result.errors:
            click.echo(f"  {e}", err=True)
    click.echo(message("cli_import_summary", lang, imported=len(result.planned),
                       refused=len(result.refused)))
    if result.refused:
        sys.exit(1)


@main.command("check")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="Thư mục dự án (có mkdocs.yml, docs/, data/).")
@click.option("--as-of", "as_of", type=int, default=0,
              help="Năm đánh giá chỉ tiêu (mặc định: năm nay) / year of the target statuses.")
@click.option("--lang", "lang_opt", type=LANG, default=None,
              help="Ngôn ngữ thông báo / message language (vi, en).")
@click.pass_context
def check_cmd(ctx: click.Context, root: Path, as_of: int, lang_opt: str | None) -> None:
    """Kiểm tra văn bản, tin tức, tệp dữ liệu YAML và liên kết; có lỗi → mã thoát 1.

    Check the documents, news posts, YAML data files and links; problems → exit code 1."""
    from .check import check, is_notice

    lang = lang_opt or _lang(ctx)
    if not ((root / "docs").is_dir() and (root / "data").is_dir()):
        click.echo(message("cli_check_no_project", lang, root=root), err=True)
        sys.exit(2)
    found = check(root, as_of)
    notices = [p for p in found if is_notice(p)]
    problems = [p for p in found if not is_notice(p)]
    if notices:
        click.echo(message("cli_check_notices", lang, n=len(notices)))
        for p in notices:
            click.echo(p.message(lang))
    if not problems:
        click.echo(message("cli_check_ok", lang))
        return
    click.echo(message("cli_check_found", lang, n=len(problems)), err=True)
    for p in problems:
        click.echo(p.message(lang), err=True)
    sys.exit(1)


@main.command("new-post")
@click.argument("title")
@click.option("--date", "date_text", metavar="YYYY-MM-DD",
              help="Ngày đăng (mặc định: hôm nay) / date of the post (default: today).")
@click.option("--en", "title_en", metavar="TITLE",
              help="Tiêu đề tiếng Anh: tạo thêm bản dịch .en.md / English title: also "
                   "create the translation.")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"),
              show_default=True, help="Thư mục nội dung của cổng.")
@click.pass_context
def new_post_cmd(ctx: click.Context, title: str, date_text: str | None, title_en: str | None,
                 docs_dir: Path) -> None:
    """Tạo bản tin mới docs/tin-tuc/<ngày>-<tên>.md (không ghi đè tin đã có)."""
    from .posts import NewsError, new_post, parse_date

    lang = _lang(ctx)
    try:
        written = new_post(title, docs_dir, parse_date(date_text), title_en=title_en)
    except NewsError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(2)
    for path in written:
        click.echo(message("news_written", lang, file=path))
    click.echo(message("news_next", lang))


_STOPPED = 130                  # the exit status of a command stopped by Ctrl+C


def _mkdocs(root: Path, args: list[str], lang: str, site_url: str | None = None,
            cache: bool = True) -> int:
    """Run MkDocs in `root` as the Makefile does: this Python's `mkdocs`, messages in `lang`,
    the last commit's date as SOURCE_DATE_EPOCH (the sitemap's only date); without `cache`,
    the build cache (vanban.site.cache) is neither read nor written."""
    import subprocess

    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, "VANBAN_LANG": lang}
    if not cache:
        env["VANBAN_CACHE"] = "0"
    if site_url is not None:
        env["VANBAN_SITE_URL"] = site_url
    if "SOURCE_DATE_EPOCH" not in env:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, text=True,
                                   capture_output=True, check=False).stdout.strip()
        except OSError:          # no git on this machine: the build date is used
            epoch = ""
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "mkdocs", *args, "-f", str(root / "mkdocs.yml")]
    try:
        return subprocess.run(cmd, cwd=root, env=env, check=False).returncode
    except KeyboardInterrupt:    # Ctrl+C stops `vanban serve`: not an error; a build: stopped
        return 0 if args[0] == "serve" else _STOPPED


def _build(root: Path, args: list[str], lang: str, site_url: str | None = None,
           cache: bool = True) -> None:
    """`mkdocs build` (`args`); exits when it fails (saying so) or is stopped (Ctrl+C)."""
    done = _mkdocs(root, args, lang, site_url, cache)
    if done != 0:
        if done != _STOPPED:
            click.echo(message("cli_build_failed", lang), err=True)
        sys.exit(1)


def _need_project(root: Path, lang: str) -> None:
    if not (root / "mkdocs.yml").is_file():
        click.echo(message("cli_no_mkdocs", lang, root=root), err=True)
        sys.exit(2)


register({
    "cli_no_mkdocs": (
        "'{root}' không phải thư mục của cổng (không có mkdocs.yml) — chạy lệnh trong thư mục "
        "của cổng, hoặc chỉ ra thư mục đó: --root <thư mục>",
        "'{root}' is not the portal's folder (no mkdocs.yml) — run the command in the portal's "
        "folder, or name that folder: --root <folder>"),
    "cli_build_failed": (
        "Dựng trang không thành công (xem các dòng WARNING/ERROR ở trên: tệp và cách sửa); "
        "chạy `vanban check` để xem mọi lỗi của văn bản và dữ liệu.",
        "The build failed (see the WARNING/ERROR lines above: file and fix); run `vanban "
        "check` for every problem of the documents and data."),
    "cli_built": ("Đã dựng trang vào {site}", "Built the site into {site}"),
    "cli_zipped": ("Đã đóng gói {zip}", "Zipped {zip}"),
    "cli_serving": ("Mở http://{addr} trong trình duyệt (tiếng Anh: http://{addr}/en/); "
                    "dừng: Ctrl+C",
                    "Open http://{addr} in a browser (English: http://{addr}/en/); "
                    "stop: Ctrl+C"),
})

ROOT_OPTION = click.option(
    "--root", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
    show_default=True, help="Thư mục của cổng (có mkdocs.yml) / the portal's folder.")


@main.command("build")
@ROOT_OPTION
@click.option("--site-url", default=None, metavar="URL",
              help="Địa chỉ đăng cổng (VANBAN_SITE_URL), ví dụ https://ten-mien/cong/.")
@click.option("--zip", "zip_path", type=click.Path(path_type=Path), default=None,
              help="Đóng gói trang đã dựng thành tệp zip (như make dist).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Dựng lại toàn bộ, không dùng bộ nhớ đệm .cache/vanban/ / a clean build.")
@click.pass_context
def build_cmd(ctx: click.Context, root: Path, site_url: str | None, zip_path: Path | None,
              no_cache: bool) -> None:
    """Dựng trang vào site/ như `make build` (mkdocs build --strict, chỉ mục tìm kiếm; chỉ
    dựng lại những trang mà thay đổi từ lần dựng trước chạm tới, bộ nhớ đệm .cache/vanban/).

    Build the site into site/ as `make build` does (strict MkDocs build, search index; only
    the pages the changes since the last build reach are rendered again, from the build
    cache in .cache/vanban/; --no-cache: everything)."""
    lang = _lang(ctx)
    _need_project(root, lang)
    args = ["build", "--strict", "--clean" if no_cache else "--dirty"]
    _build(root, args, lang, site_url, cache=not no_cache)
    click.echo(message("cli_built", lang, site=root / "site"))
    if zip_path is not None:
        from .dist import make_zip

        make_zip(root / "site", zip_path)
        click.echo(message("cli_zipped", lang, zip=zip_path))


@main.command("serve")
@ROOT_OPTION
@click.option("--port", type=int, default=8000, show_default=True, help="Cổng mạng / port.")
@click.pass_context
def serve_cmd(ctx: click.Context, root: Path, port: int) -> None:
    """Dựng và chạy cổng tại http://127.0.0.1:8000 như `make serve` (dựng như `vanban build`,
    từ bộ nhớ đệm; sửa tệp: dựng lại trang liên quan). Build as `vanban build` does (from the
    build cache, which it keeps), then serve, as `make serve`."""
    lang = _lang(ctx)
    _need_project(root, lang)
    # serving starts from the build cache and never writes it: without this build, every
    # `vanban serve` would build everything, as the first one did
    _build(root, ["build", "--strict", "--dirty"], lang)
    addr = f"127.0.0.1:{port}"
    click.echo(message("cli_serving", lang, addr=addr))
    sys.exit(_mkdocs(root, ["serve", "--strict", "--dirty", "-a", addr], lang))


@main.command("inbox")
@ROOT_OPTION
@click.option("--commit", is_flag=True, help="Commit các tệp đã nhập (CI) / commit the imports.")
@click.option("--push", "branch", default=None, metavar="BRANCH",
              help="Commit rồi đẩy lên nhánh này của --remote / commit, then push to this "
                   "branch.")
@click.option("--remote", default="origin", show_default=True, help="git remote.")
@click.option("--summary", "summary_path", type=click.Path(path_type=Path), default=None,
              help="Ghi thêm tóm tắt (Markdown) vào tệp này, ví dụ $GITHUB_STEP_SUMMARY.")
@click.pass_context
def inbox_cmd(ctx: click.Context, root: Path, commit: bool, branch: str | None, remote: str,
              summary_path: Path | None) -> None:
    """Nhập từng tệp trong nhap/ (như vanban import); tệp không nhập được ở lại, mã thoát 1.

    Import each file of nhap/ (as vanban import); a refused file stays, exit code 1."""
    from .inbox import run_inbox, summary_markdown

    lang = _lang(ctx)
    if not ((root / "docs").is_dir() and (root / "data").is_dir()):
        click.echo(message("cli_check_no_project", lang, root=root), err=True)
        sys.exit(2)
    run = run_inbox(root, commit=commit, push=branch, remote=remote, lang=lang)
    text = summary_markdown(root, run, lang)
    click.echo(text)
    _append(summary_path, text)
    sys.exit(0 if run.ok else 1)


@main.command("preview")
@ROOT_OPTION
@click.option("--base", default="origin/main", show_default=True,
              help="Nhánh hoặc commit để so sánh / branch or commit to compare with.")
@click.option("--summary", "summary_path", type=click.Path(path_type=Path), default=None,
              help="Ghi thêm tóm tắt (Markdown) vào tệp này, ví dụ $GITHUB_STEP_SUMMARY.")
@click.option("--zip", "zip_path", type=click.Path(path_type=Path), default=None,
              help="Đóng gói site/ đã dựng thành bản xem trước mở được từ ổ đĩa.")
@click.option("--artifact", default="", help="Tên bản xem trước trong CI / the CI artefact.")
@click.pass_context
def preview_cmd(ctx: click.Context, root: Path, base: str, summary_path: Path | None,
                zip_path: Path | None, artifact: str) -> None:
    """Tóm tắt thay đổi: trang thêm/sửa, cảnh báo khi nhập, lỗi của vanban check.

    Summary of a change: pages added or changed, import warnings, vanban check's problems."""
    from .preview import preview_zip, summary_markdown

    lang = _lang(ctx)
    if zip_path is not None:
        preview_zip(root / "site", zip_path)
    text = summary_markdown(root, base, lang, artifact=artifact)
    click.echo(text)
    _append(summary_path, text)


def _append(path: Path | None, text: str) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text + "\n")
