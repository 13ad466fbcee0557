"""News posts ("Tin tức"): docs/tin-tuc/<date>-<slug>.md, written by staff, and their feeds.

A post is a plain Markdown page with three front-matter keys::

    ---
    title: Ra mắt cổng thông tin văn bản Công đoàn
    date: 2026-11-20
    summary: Một câu giới thiệu, hiện ở danh sách tin và trong nguồn tin RSS/Atom.
    ---

Its English translation, when there is one, is the same name with `.en.md`
(mkdocs-static-i18n's suffix layout); without it the English site shows the Vietnamese post.

- `new_post()` writes a new post (and optionally its translation), never over an existing file;
- `load_posts()` reads every post's front matter (newest first), collecting problems as
  `file:line: key: message` instead of failing;
- `feed()` renders one language's Atom feed with feedgen (a maintained library: escaping,
  dates and the Atom schema are its job, not ours).

>>> post_file_name("Ra mắt Cổng thông tin!", _dt.date(2026, 11, 20))
'2026-11-20-ra-mat-cong-thong-tin.md'
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import yaml

from .data import FrontMatterOpen, Problem, split_front_matter, syntax_error
from .importer import write_atomic
from .messages import message, register
from .slug import slugify

NEWS_DIR = "tin-tuc"
_POST_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9-]+\.md$")
_TRANSLATION = re.compile(r"\.[a-z]{2}\.md$")

register({
    "news_title_empty": ("tiêu đề trống — viết tiêu đề trong dấu ngoặc kép: "
                         "vanban new-post \"Tiêu đề bản tin\"",
                         "the title is empty — put the title in quotes: "
                         "vanban new-post \"Title of the post\""),
    "news_bad_date": ("ngày '{value}' không hợp lệ — viết theo dạng NĂM-THÁNG-NGÀY, "
                      "ví dụ 2026-11-20",
                      "invalid date '{value}' — write it as YEAR-MONTH-DAY, e.g. 2026-11-20"),
    "news_exists": ("{file} đã có — không ghi đè; đổi tiêu đề hoặc sửa trực tiếp tệp đó",
                    "{file} already exists — not overwritten; choose another title or edit "
                    "that file"),
    "news_written": ("Đã tạo bản tin: {file}", "Post created: {file}"),
    "news_next": ("Viết nội dung dưới phần thông tin đầu trang, xem trước bằng `make serve`, "
                  "rồi commit.",
                  "Write the text below the front matter, preview with `make serve`, then "
                  "commit."),
    "news_missing_key": ("thiếu khóa '{key}' — thêm dòng `{key}: …` vào phần thông tin đầu "
                         "trang", "missing key '{key}' — add a `{key}: …` line to the front "
                         "matter"),
    "news_front_matter": ("không đọc được phần thông tin đầu trang: {detail} — kiểm tra các dòng "
                          "giữa hai dòng '---': dấu hai chấm sau tên khóa, thụt lề bằng dấu "
                          "cách, dấu nháy đóng mở đủ",
                          "cannot read the front matter: {detail} — check the lines between the "
                          "two '---' lines: a colon after each key, spaces for indentation, "
                          "quotes closed"),
    "news_name": ("tên tệp phải có dạng NĂM-THÁNG-NGÀY-ten-bai.md — đổi tên tệp, ví dụ "
                  "2026-11-20-ra-mat-cong-thong-tin.md (vanban new-post đặt tên đúng)",
                  "the file name must be YEAR-MONTH-DAY-name.md — rename the file, e.g. "
                  "2026-11-20-ra-mat-cong-thong-tin.md (vanban new-post names it right)"),
    "news_orphan": ("bản dịch này không có bản tiếng Việt '{file}' — đặt tên tệp giống bản "
                    "tiếng Việt và thêm '.en' trước '.md'",
                    "this translation has no Vietnamese post '{file}' — name it like the "
                    "Vietnamese post with '.en' before '.md'"),
    "news_other_date": ("ngày '{value}' khác ngày của bản tiếng Việt ({date}) — ghi cùng một "
                        "ngày ở cả hai bản",
                        "date '{value}' differs from the Vietnamese post's ({date}) — write the "
                        "same date in both"),
})


class NewsError(Exception):
    """A user mistake in a news command; `message(lang)` is the text to show."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(message(code, "en", **params))
        self.code, self.params = code, params

    def message(self, lang: str | None = None) -> str:
        return message(self.code, lang, **self.params)


@dataclass(frozen=True)
class Text:
    """What a post says in one language."""

    title: str
    summary: str
    translated: bool     # False: the Vietnamese text stands in for a missing translation


@dataclass(frozen=True)
class Post:
    slug: str                        # file name without .md: "2026-11-20-ra-mat"
    date: _dt.date
    texts: dict[str, Text]           # "vi" always; "en" = the translation or the Vietnamese

    def text(self, lang: str) -> Text:
        return self.texts.get(lang) or self.texts["vi"]


# ---- writing ----------------------------------------------------------------------------------

def post_file_name(title: str, date: _dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title, 60) or 'tin'}.md"


def parse_date(value: str | None, today: _dt.date | None = None) -> _dt.date:
    if value is None:
        return today or _dt.date.today()
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise NewsError("news_bad_date", value=value) from None


def post_markdown(title: str, date: _dt.date, summary: str, heading: str) -> str:
    meta = {"title": title, "date": date, "summary": summary}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{heading}\n"


def new_post(title: str, docs_dir: Path, date: _dt.date, *, title_en: str | None = None
             ) -> list[Path]:
    """Write docs/tin-tuc/<date>-<slug>.md (and .en.md when `title_en` is given).
    Nothing is written when either file exists."""
    title = " ".join(title.split())
    if not title or (title_en is not None and not " ".join(title_en.split())):
        raise NewsError("news_title_empty")
    folder = docs_dir / NEWS_DIR
    vi = folder / post_file_name(title, date)
    files = {vi: post_markdown(title, date, "Tóm tắt một câu: điều gì mới, cho ai.",
                               "Nội dung bản tin. Xem hướng dẫn viết tin trong mục Hướng dẫn.")}
    if title_en is not None:
        files[vi.with_suffix(".en.md")] = post_markdown(
            " ".join(title_en.split()), date, "One-sentence summary: what is new, for whom.",
            "Text of the post.")
    for path in files:
        if path.exists():
            raise NewsError("news_exists", file=path)
    for path, content in files.items():
        write_atomic(path, content)
    return list(files)


# ---- reading ----------------------------------------------------------------------------------

def _front_matter(path: Path, label: str) -> tuple[dict[str, object], str, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, "", [Problem(label, 1, "", "news_front_matter", {"detail": exc})]
    try:
        parts = split_front_matter(text)
    except FrontMatterOpen:
        return {}, "", [Problem(label, 1, "", "front_matter_open")]
    if parts is None:
        return {}, "", [Problem(label, 1, "title", "news_missing_key", {"key": "title"})]
    front = parts[0]
    try:
        meta = yaml.safe_load(front)
    except ValueError:                 # a date-like value that is no date: 2026-13-45
        line = _line(front, "date")
        value = front.splitlines()[line - 2].partition(":")[2].strip() if line > 1 else ""
        return {}, "", [Problem(label, line, "date", "news_bad_date", {"value": value})]
    except yaml.YAMLError as exc:
        line, detail = syntax_error(exc)       # line 0 of the front matter: line 2 of the file
        return {}, "", [Problem(label, line + 2, "", "news_front_matter", {"detail": detail})]
    return (meta if isinstance(meta, dict) else {}), front, []


def _line(front: str, key: str) -> int:
    for i, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return i
    return 1


def _text(meta: dict[str, object], key: str) -> str:
    value = meta.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def load_posts(docs_dir: Path, root: Path | None = None) -> tuple[list[Post], list[Problem]]:
    """Every post under docs/tin-tuc/, newest first (then by name), and the problems found."""
    folder = docs_dir / NEWS_DIR
    posts: list[Post] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return posts, problems
    base = root or docs_dir.parent
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md" or _TRANSLATION.search(path.name):
            continue
        label = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        name = _POST_NAME.match(path.name)
        if not name:
            problems.append(Problem(label, 1, "", "news_name"))
            continue
        meta, front, found = _front_matter(path, label)
        problems += found
        if found:
            continue
        missing = [k for k in ("title", "date") if not _text(meta, k)]
        problems += [Problem(label, 1, k, "news_missing_key", {"key": k}) for k in missing]
        if missing:
            continue
        raw = meta["date"]
        try:
            date = raw if isinstance(raw, _dt.date) else _dt.date.fromisoformat(str(raw))
        except ValueError:
            problems.append(Problem(label, _line(front, "date"), "date", "news_bad_date",
                                        {"value": raw}))
            continue
        texts = {"vi": Text(_text(meta, "title"), _text(meta, "summary"), True)}
        en_path = path.with_suffix(".en.md")
        if en_path.is_file():
            en_meta, _front, found = _front_matter(en_path, label.replace(".md", ".en.md"))
            problems += found
            if _text(en_meta, "title"):
                texts["en"] = Text(_text(en_meta, "title"), _text(en_meta, "summary"), True)
        if "en" not in texts:
            texts["en"] = Text(texts["vi"].title, texts["vi"].summary, False)
        posts.append(Post(path.stem, date, texts))
    posts.sort(key=lambda p: (p.date, p.slug), reverse=True)
    return posts, problems


def check_posts(docs_dir: Path, root: Path | None = None) -> list[Problem]:
    """Every problem of the posts (for `vanban check`): what `load_posts` finds, plus a post
    without summary, a translation without title or summary, with another date, or without
    its Vietnamese post."""
    posts, problems = load_posts(docs_dir, root)
    folder = docs_dir / NEWS_DIR
    base = root or docs_dir.parent
    known = {p.slug for p in posts}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        label = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        translation = _TRANSLATION.search(path.name)
        if path.name == "index.md" or (translation is None and path.stem not in known):
            continue
        meta, front, found = _front_matter(path, label)
        if translation is not None:
            if found:              # reported by load_posts with its post
                continue
            original = path.name[: translation.start()] + ".md"
            if not (folder / original).is_file():
                problems.append(Problem(label, 1, "", "news_orphan", {"file": original}))
                continue
            problems += [Problem(label, 1, k, "news_missing_key", {"key": k})
                         for k in ("title",) if not _text(meta, k)]
            vi = next(p for p in posts if p.slug == original[:-3]) \
                if original[:-3] in known else None
            raw = meta.get("date")
            if vi is not None and raw is not None and str(raw) != vi.date.isoformat():
                problems.append(Problem(label, _line(front, "date"), "date", "news_other_date",
                                        {"value": raw, "date": vi.date.isoformat()}))
        if not _text(meta, "summary") and not found:
            problems.append(Problem(label, 1, "summary", "news_missing_key", {"key": "summary"}))
    return sorted(problems, key=lambda p: (p.file, p.line))


# ---- feeds ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedInfo:
    """Where the feed lives and what it is called, in one language."""

    lang: str
    title: str
    subtitle: str
    site_url: str | None      # "https://host/portal/" or None (links relative to the feed)
    home: str                 # site-relative URL of the language's home: "" or "en/"
    feed: str                 # site-relative URL of the feed itself


def _absolute(info: FeedInfo, url: str, feed_dir: str) -> str:
    if info.site_url:
        return info.site_url.rstrip("/") + "/" + url
    # Atom allows relative references (RFC 4287 §2, resolved against the feed's URL)
    from .site.urls import relative

    return relative(feed_dir, url)


def feed(posts: list[Post], info: FeedInfo, post_url: dict[str, str]) -> bytes:
    """The Atom feed of one language: every post, newest first, with a link to its page in
    that language. Deterministic: `updated` is the newest post's date, ids are derived from
    the site URL (or from the post's name when there is none)."""
    from feedgen.feed import FeedGenerator

    feed_dir = info.feed.rsplit("/", 1)[0] + "/"
    fg = FeedGenerator()
    fg.id(_id(info, info.home))
    fg.title(info.title)
    fg.subtitle(info.subtitle)
    fg.author(name=info.title)            # Atom: a feed without entry authors needs one
    fg.language(info.lang)
    fg.link(href=_absolute(info, info.home, feed_dir), rel="alternate", type="text/html")
    fg.link(href=_absolute(info, info.feed, feed_dir), rel="self",
            type="application/atom+xml")
    fg.generator("vanban")
    newest = posts[0].date if posts else _dt.date(2000, 1, 1)
    fg.updated(_stamp(newest))
    for post in reversed(posts):          # feedgen prepends: add oldest first
        text = post.text(info.lang)
        url = post_url[post.slug]
        entry = fg.add_entry()
        entry.id(_id(info, url))
        entry.title(text.title)
        entry.link(href=_absolute(info, url, feed_dir), rel="alternate", type="text/html")
        entry.published(_stamp(post.date))
        entry.updated(_stamp(post.date))
        if text.summary:
            entry.summary(text.summary)
    xml: bytes = fg.atom_str(pretty=True)
    return xml


def _stamp(date: _dt.date) -> _dt.datetime:
    return _dt.datetime(date.year, date.month, date.day, tzinfo=_dt.UTC)


def _id(info: FeedInfo, url: str) -> str:
    if info.site_url:
        return info.site_url.rstrip("/") + "/" + url
    return uuid.uuid5(uuid.NAMESPACE_URL, "vanban:" + url).urn
