"""Internal links of the Markdown pages under docs/: every target page, file and `#anchor` exists.

Links are resolved the way MkDocs 1.6 resolves them (mkdocs.structure.pages.path_to_url), so
what passes here passes `mkdocs build --strict` with the portal's `validation:` settings:

- `[text](other.md)`, `![alt](anh/x.webp)`, `[id]: other.md#anchor`: relative to the folder of
  the file that writes the link; the target must be a page or a file of the site;
- a page exists when its Markdown file exists (`x.md`; in the English build `x.en.md` or, as
  mkdocs-static-i18n falls back, `x.md`) or when the build generates it (`known` below: the
  document index, agency pages, `tien-do/…`, `tin-tuc/…`, see vanban/site/urls.py);
- a link written as a web address (`../van-ban/`) is not resolved by MkDocs (the build warns,
  and fails in strict mode): we report it with the file to write instead (`../van-ban/index.md`);
- a link starting with `/` breaks when the portal is published under a sub-path: reported;
- `#anchor` (alone, or after a page) must be an id of the target page in every language it is
  built in: a heading's id (vanban.slug, as the `toc` extension makes it, `_1` for a repeated
  heading), an attr-list id `{: #x }` / `{ #x }`, or an HTML `id="x"`. A generated page has
  no anchor MkDocs knows (its HTML is made after MkDocs validates anchors): a link to
  `co-quan/x.md#y` fails the strict build, and is reported.

This is a careful scan of link syntax, line by line (fenced code blocks and code spans are
skipped), not a Markdown parser: it is what gives every problem its line number. Known limits:
an indented (4-space) code block is scanned like text (Python-Markdown also indents list
continuations by 4 spaces, which a line scan cannot tell apart), links in raw HTML (`<a href>`)
are not read (MkDocs does not resolve them either), and a reference definition no link uses
is checked although MkDocs ignores it.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .data import Nested, Problem
from .messages import register
from .slug import markdown_slugify

register({
    "link_missing": ("liên kết '{link}': không có trang hay tệp '{target}' — kiểm tra chính tả; "
                     "đường dẫn tính từ thư mục của tệp này{near}",
                     "link '{link}': no page or file '{target}' — check the spelling; the path "
                     "starts from this file's folder{near}"),
    "link_near": (" (có phải ý bạn là '{near}'?)", " (did you mean '{near}'?)"),
    "link_web_address": ("liên kết '{link}' ghi địa chỉ trang web, không phải tệp — MkDocs chỉ "
                         "hiểu đường dẫn đến tệp .md: viết '{suggest}'",
                         "link '{link}' is a web address, not a file — MkDocs only follows "
                         "paths to .md files: write '{suggest}'"),
    "link_absolute": ("liên kết '{link}' bắt đầu bằng '/' sẽ hỏng khi cổng được đăng dưới một "
                      "thư mục con — viết đường dẫn tính từ tệp này{suggest}",
                      "link '{link}' starts with '/' and breaks when the portal is published "
                      "under a sub-path — write the path from this file{suggest}"),
    "link_suggest": (", ví dụ '{suggest}'", ", e.g. '{suggest}'"),
    "link_anchor": ("liên kết '{link}': trang '{target}'{in_lang} không có đề mục hay id "
                    "'#{anchor}' — sửa phần sau dấu # cho khớp id của một đề mục{near}",
                    "link '{link}': page '{target}'{in_lang} has no heading or id '#{anchor}' — "
                    "make the part after # match the id of a heading{near}"),
    "link_anchor_hint": (" (dấu ¶ cạnh đề mục trên trang cho biết id)",
                         " (the ¶ sign beside a heading on the page shows it)"),
    "link_generated_anchor": (
        "liên kết '{link}': trang '{target}' do cổng tự tạo khi dựng, không liên kết được tới "
        "một phần của nó bằng '#' — bỏ '#{anchor}' và liên kết tới cả trang",
        "link '{link}': page '{target}' is made by the build, its parts cannot be linked with "
        "'#' — remove '#{anchor}' and link to the whole page"),
    "link_in_vi": (" (bản tiếng Việt)", " (Vietnamese version)"),
    "link_in_en": (" (bản tiếng Anh)", " (English version)"),
})

LANGS = ("vi", "en")
DEFAULT = "vi"
# "x.en.md": mkdocs-static-i18n's suffix layout
_SUFFIX = re.compile(r"^(?P<stem>.*?)\.(?P<lang>[a-z]{2})(?P<ext>\.[A-Za-z0-9]+)$")

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](url "title") and ![alt](url); the text may hold one level of [brackets]
_INLINE = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)"
                     r"[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(<[^>\n]*>|\S+)")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[#.][^\s}]+|[\w-]+=\S+)(?:[ \t]+[^}\n]*)?)[ \t]*\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s#.}]+)")
_HEADING_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][^\s}]+|[\w-]+=\S+)[^}\n]*\}[ \t]*$")
_HTML_ID = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`]")


@dataclass(frozen=True)
class Link:
    url: str
    line: int


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after the front matter (0 when there is none)."""
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                return i + 1
    return 0


def _content(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the Markdown outside front matter and fenced code, code spans
    blanked out."""
    lines = text.split("\n")
    fence: str | None = None
    for i in range(_front_matter_end(lines), len(lines)):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)
        yield i + 1, line


def links(text: str) -> list[Link]:
    """Every link target a Markdown text writes, with its line."""
    if "](" not in text and "]:" not in text:
        return []
    out = []
    for number, line in _content(text):
        if "](" in line:
            out += [Link(_unbracket(m.group(1)), number) for m in _INLINE.finditer(line)]
        if "]:" in line:
            m = _REFERENCE.match(line)
            if m:
                out.append(Link(_unbracket(m.group(1)), number))
    return out


def _unbracket(url: str) -> str:
    return url[1:-1].strip() if url.startswith("<") and url.endswith(">") else url


def anchors(text: str) -> set[str]:
    """Every id a Markdown text gives its page: headings (as Python-Markdown's toc makes them,
    with vanban.slug), attr-list ids and HTML ids."""
    ids: set[str] = set()
    previous = ""
    for _number, line in _content(text):
        heading = None
        m = _ATX.match(line)
        if m:
            heading = m.group(1) or ""
        elif _SETEXT.match(line) and previous.strip():
            heading = previous
        if heading is not None:
            attrs = _HEADING_ATTRS.search(heading)
            explicit = _ATTR_ID.findall(attrs.group(0).strip(" \t{}:")) if attrs else []
            if explicit:
                ids.add(explicit[-1])
            else:
                text_only = _HEADING_ATTRS.sub("", heading).rstrip("# \t")
                slug = markdown_slugify(_INLINE_MARKUP.sub(r"\1", text_only))
                unique, n = slug, 0
                while unique in ids:
                    n += 1
                    unique = f"{slug}_{n}"
                ids.add(unique)
        if "{" in line:
            for a in _ATTR_LIST.finditer(line):
                ids.update(_ATTR_ID.findall(" " + a.group(1)))
        if "id" in line or "name" in line:
            ids.update(_HTML_ID.findall(line))
        previous = "" if heading is not None else line
    return ids


# ---- the site's files ------------------------------------------------------------------------

@dataclass
class Site:
    """What a link may point to: the files under docs/ and the pages the build generates."""

    docs_dir: Path
    generated: set[str]                     # src_uris of generated pages and files
    files: set[str] = field(default_factory=set)     # every file under docs/ (posix, relative)
    unknown_prefixes: tuple[str, ...] = ()  # folders whose generated pages are not known
    _anchors: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.files:
            self.files = {p.relative_to(self.docs_dir).as_posix()
                          for p in self.docs_dir.rglob("*") if p.is_file()}

    def page_file(self, uri: str, lang: str) -> str | None:
        """The Markdown file the page `uri` ("x/y.md") is built from in `lang`."""
        if lang != DEFAULT:
            translated = uri[:-3] + f".{lang}.md"
            if translated in self.files:
                return translated
        return uri if uri in self.files else None

    def exists(self, uri: str, langs: Iterable[str]) -> bool:
        if uri in self.generated or uri.startswith(self.unknown_prefixes):
            return True
        if uri.endswith(".md"):
            return all(self.page_file(uri, lang) is not None for lang in langs)
        return uri in self.files

    def anchors_of(self, uri: str, lang: str) -> set[str] | None:
        """The ids of page `uri` in `lang`; None when they are not known (generated page)."""
        file = self.page_file(uri, lang)
        if file is None:
            return None
        if file not in self._anchors:
            self._anchors[file] = anchors((self.docs_dir / file).read_text(encoding="utf-8-sig",
                                                                          errors="replace"))
        return self._anchors[file]

    def pages(self) -> list[str]:
        """Every page's source path without language suffix (for suggestions)."""
        out = {_base(f)[0] for f in self.files if f.endswith(".md")}
        return sorted(out | {g for g in self.generated if g.endswith(".md")})


def _base(file: str) -> tuple[str, str | None]:
    """("x/y.md", "en") for "x/y.en.md"; ("x/y.md", None) for "x/y.md"."""
    m = _SUFFIX.match(file)
    if m and m.group("lang") in LANGS:
        return m.group("stem") + m.group("ext"), m.group("lang")
    return file, None


def page_url(uri: str) -> str:
    """The directory-style URL of the page built from `uri`: "a/b.md" → "a/b/"."""
    if uri == "index.md" or uri.endswith("/index.md"):
        return uri[: -len("index.md")]
    return uri[:-3] + "/"


def relative_file(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _join(base_dir: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(base_dir, path)).lstrip("/")


# ---- checking --------------------------------------------------------------------------------

def check_file(site: Site, file: str, label: str, text: str | None = None) -> list[Problem]:
    """Problems of the links of one Markdown file (`file`: its path under docs/)."""
    if text is None:
        text = (site.docs_dir / file).read_text(encoding="utf-8-sig", errors="replace")
    found = links(text)
    if not found:
        return []
    uri, lang = _base(file)
    # the languages the page is built in: its own, or every language it is the fallback of
    langs = [lang] if lang else [DEFAULT] + [x for x in LANGS if x != DEFAULT
                                             and uri[:-3] + f".{x}.md" not in site.files]
    problems: list[Problem] = []
    for link in found:
        problem = _check(site, uri, langs, link)
        if problem is not None:
            problems.append(Problem(label, link.line, "", problem[0], problem[1]))
    return problems


def _check(site: Site, uri: str, langs: list[str], link: Link
           ) -> tuple[str, dict[str, object]] | None:
    parts = urlsplit(link.url)
    if parts.scheme or parts.netloc or link.url.startswith("//"):
        return None                                  # another site, mailto:, tel:
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if link.url.startswith(("/", "\\")):
        target = path.lstrip("/\\")
        found = _as_file(site, target, langs)
        suggest = Nested("link_suggest", {"suggest": relative_file(uri, found)
                                    + (f"#{anchor}" if anchor else "")}) if found else ""
        return "link_absolute", {"link": link.url, "suggest": suggest}
    if not path:
        return _check_anchor(site, uri, uri, langs, link, anchor) if anchor else None
    target = _join(posixpath.dirname(uri), path)
    if posixpath.splitext(target)[1] == "" or path.endswith("/"):
        # a web address: MkDocs leaves it as is (and warns); say which file to write
        as_url = _join(page_url(uri), path)
        found = _as_file(site, as_url, langs) or _as_file(site, target, langs)
        if found:
            suggest = relative_file(uri, found) + (f"#{anchor}" if anchor else "")
            return "link_web_address", {"link": link.url, "suggest": suggest}
        return "link_missing", {"link": link.url, "target": as_url or "./",
                                "near": _near(site, uri, target)}
    if target.startswith("../") or target == "..":
        return "link_missing", {"link": link.url, "target": target, "near": ""}
    if not site.exists(target, langs):
        return "link_missing", {"link": link.url, "target": target,
                                "near": _near(site, uri, target)}
    if anchor and target.endswith(".md"):
        if target in site.generated and all(site.page_file(target, x) is None for x in langs):
            return "link_generated_anchor", {"link": link.url, "target": target,
                                             "anchor": anchor}
        return _check_anchor(site, uri, target, langs, link, anchor)
    return None


def _as_file(site: Site, target: str, langs: list[str]) -> str | None:
    """The page a web address means: "x/" → "x/index.md" or "x.md"."""
    target = target.rstrip("/")
    for candidate in ((f"{target}/index.md" if target else "index.md"), f"{target}.md", target):
        if candidate and site.exists(candidate, langs) \
                and not candidate.startswith(site.unknown_prefixes):
            return candidate
    return None


def _near(site: Site, uri: str, target: str) -> object:
    pool = site.pages() if target.endswith(".md") or "." not in posixpath.basename(target) \
        else sorted(site.files)
    near = difflib.get_close_matches(target, pool, n=1, cutoff=0.75)
    return Nested("link_near", {"near": relative_file(uri, near[0])}) if near else ""


def _check_anchor(site: Site, uri: str, target: str, langs: list[str], link: Link, anchor: str
                  ) -> tuple[str, dict[str, object]] | None:
    missing = []
    for lang in langs:
        ids = site.anchors_of(target, lang)
        if ids is not None and anchor not in ids:
            missing.append((lang, ids))
    if not missing:
        return None
    lang, ids = missing[0]
    near = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.6)
    file = site.page_file(target, lang) or target
    return "link_anchor", {
        "link": link.url, "target": relative_file(uri, file), "anchor": anchor,
        # the language is worth saying when the other one has the anchor
        "in_lang": Nested(f"link_in_{lang}") if len(missing) < len(langs) else "",
        "near": Nested("link_near", {"near": f"#{near[0]}"}) if near
        else Nested("link_anchor_hint")}
