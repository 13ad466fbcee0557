"""The YAML data files (data/agencies.yml, data/glossary.yml): loading, validation, matching.

Loading is safe (`yaml.compose` with the SafeLoader: no object construction) and keeps line
numbers: we walk the composed node tree ourselves, so every value knows where it was written.
Validation collects every problem before raising, and each problem reads

    data/agencies.yml:14: agencies[3].name_en: expected a text, found a list

in Vietnamese (the default) or English, with what to fix. Text fields take any non-empty scalar
as written (`name: 2021` is the text "2021", `abbr: [NO]` is "NO", not a boolean), so YAML's
implicit typing never changes a name behind the editor's back.

`AgencyRegistry.match` maps the agency names documents write ("Ban Tổ chức LĐLĐ tỉnh",
"Ban Tuyên giáo – Nữ công", "Ủy ban MTTQ Việt Nam …") to the canonical agencies. Names are
compared by `agency_key`, which ignores marks, case, tone placement, punctuation and spacing and
writes common phrases as their abbreviation ("Liên đoàn Lao động" = "LĐLĐ"):

>>> agency_key("Ban Tuyên giáo – Nữ công, Liên đoàn Lao động tỉnh")
'ban tg nc ldld tinh'
>>> agency_key("Ban TG-NC LĐLĐ tỉnh:")
'ban tg nc ldld tinh'
>>> agency_key("Ủy ban Mặt trận Tổ quốc") == agency_key("UỶ BAN MTTQ")
True
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .messages import default_lang, message, register
from .slug import slugify
from .text import DecodeError, decode, fold, normalize, tone_normalize

register({
    "front_matter_open": (
        "phần thông tin đầu trang mở bằng dòng '---' nhưng không có dòng '---' đóng lại — thêm "
        "một dòng chỉ có '---' sau khóa cuối cùng (không viết gì khác trên dòng đó)",
        "the front matter opens with a '---' line but no '---' line closes it — add a line "
        "with only '---' after the last key (nothing else on that line)"),
    "data_read": ("không đọc được tệp ({detail}) — kiểm tra đường dẫn và quyền đọc tệp",
                  "cannot read the file ({detail}) — check the path and the file's permissions"),
    "data_encoding": ("tệp không phải văn bản UTF-8 hay UTF-16 ({detail}) — lưu lại tệp dạng "
                      "UTF-8",
                      "the file is not UTF-8 or UTF-16 text ({detail}) — save it as UTF-8"),
    "data_too_deep": ("dữ liệu lồng nhau quá sâu (hàng trăm cấp ngoặc hoặc thụt lề) — tệp "
                      "này không phải dữ liệu của cổng; khôi phục bản trước",
                      "the data is nested too deeply (hundreds of levels of brackets or "
                      "indentation) — this is not a data file of the portal; restore the "
                      "previous version"),
    "data_syntax": ("lỗi cú pháp YAML: {detail} — kiểm tra thụt lề (chỉ dùng dấu cách, không "
                    "dùng tab), dấu hai chấm, dấu ngoặc và dấu nháy ở dòng này",
                    "YAML syntax error: {detail} — check the indentation (spaces only, no tabs), "
                    "colons, brackets and quotes on this line"),
    "data_empty": ("tệp không có nội dung — tệp phải bắt đầu bằng '{key}:' rồi đến danh sách "
                   "các mục",
                   "the file has no content — it must start with '{key}:' followed by a list "
                   "of entries"),
    "data_empty_any": ("tệp không có nội dung — hãy ghi dữ liệu YAML vào tệp",
                       "the file has no content — write its YAML data"),
    "data_root": ("tệp phải bắt đầu bằng '{key}:' rồi đến danh sách các mục, gặp {found} — "
                  "ghi '{key}:' ở dòng đầu, mỗi mục bên dưới bắt đầu bằng '- '",
                  "the file must start with '{key}:' followed by a list of entries, "
                  "found {found} — write '{key}:' on the first line and each entry below it "
                  "starting with '- '"),
    "data_root_missing": ("thiếu khóa '{key}' — tệp phải bắt đầu bằng '{key}:' rồi đến danh sách "
                          "các mục",
                          "missing key '{key}' — the file must start with '{key}:' followed by a "
                          "list of entries"),
    "data_type": ("cần {expected}, gặp {found} — thay bằng {expected}, viết như khóa này ở các "
                  "mục khác của tệp",
                  "expected {expected}, found {found} — replace it with {expected}, written like "
                  "this key in the other entries of the file"),
    "data_required": ("thiếu khóa bắt buộc '{key}' — thêm '{key}: …' vào mục này",
                      "missing required key '{key}' — add '{key}: …' to this entry"),
    "data_empty_text": ("đoạn văn bản trống — điền giá trị hoặc bỏ khóa này",
                        "the text is empty — write a value or remove the key"),
    "data_unknown_key": ("khóa lạ '{key}' — các khóa dùng được ở đây: {allowed}",
                         "unknown key '{key}' — the keys allowed here are {allowed}"),
    "data_unknown_key_near": ("khóa lạ '{key}' — có phải ý bạn là '{near}'?",
                              "unknown key '{key}' — did you mean '{near}'?"),
    "data_dup_key": ("khóa '{key}' xuất hiện hai lần trong mục này (lần đầu ở dòng {first}) — "
                     "chỉ giữ một",
                     "key '{key}' appears twice in this entry (first on line {first}) — keep "
                     "only one"),
    "data_bad_id": ("'{value}' không phải id hợp lệ — chỉ dùng chữ thường không dấu, chữ số và "
                    "dấu gạch nối, ví dụ '{suggest}'",
                    "'{value}' is not a valid id — use lower-case letters without marks, digits "
                    "and hyphens, e.g. '{suggest}'"),
    "data_dup_id": ("id '{value}' bị trùng, đã khai báo ở dòng {first} — mỗi cơ quan cần một id "
                    "riêng",
                    "duplicate id '{value}', first defined on line {first} — give each agency "
                    "its own id"),
    "data_parent": ("cơ quan cấp trên '{value}' không phải id của cơ quan nào trong tệp — ghi id "
                    "của một cơ quan có trong tệp hoặc bỏ khóa 'parent'",
                    "parent '{value}' is not the id of any agency in this file — write the id "
                    "of an agency listed here or remove 'parent'"),
    "data_parent_near": ("cơ quan cấp trên '{value}' không phải id của cơ quan nào trong tệp — "
                         "có phải ý bạn là '{near}'?",
                         "parent '{value}' is not the id of any agency in this file — did you "
                         "mean '{near}'?"),
    "data_parent_cycle": ("chuỗi cơ quan cấp trên bị vòng ({chain}) — một cơ quan không thể là "
                          "cấp trên của chính nó; sửa một trong các khóa 'parent' này",
                          "the parent chain loops ({chain}) — an agency cannot be its own "
                          "ancestor; correct one of these 'parent' keys"),
    "data_kind": ("kind '{value}' không hợp lệ — dùng một trong các giá trị: {allowed}",
                  "kind '{value}' is not valid — use one of: {allowed}"),
    "data_ambiguous": ("'{value}' cũng là tên của '{other}' (dòng {first}) ở cùng địa phương — "
                       "văn bản ghi tên này sẽ không rõ là cơ quan nào; chỉ để tên này ở một "
                       "cơ quan",
                       "'{value}' also names '{other}' (line {first}) in the same place — a "
                       "document writing it could mean either agency; keep it on one of them"),
    "data_same_anchor": ("'{value}' và '{other}' (dòng {first}) sẽ trùng địa chỉ '#{anchor}' trên "
                         "trang Thuật ngữ — giữ một mục và ghi cách viết kia trong 'note'",
                         "'{value}' and '{other}' (line {first}) would share the anchor "
                         "'#{anchor}' on the glossary page — keep one entry and mention the "
                         "other spelling in its note"),
    "data_review": ("cơ quan '{name}' được thêm tự động khi nhập văn bản — kiểm tra tên, tên "
                    "tiếng Anh (name_en), cấp trên (parent) và loại (kind), hoặc nếu là một cơ "
                    "quan đã có thì ghi tên này vào 'aliases' của cơ quan đó và xóa mục này; "
                    "xong thì xóa dòng 'review: true'",
                    "agency '{name}' was added by an import — check its name, English name "
                    "(name_en), parent and kind, or, if it is an agency already listed, add this "
                    "name to that agency's 'aliases' and remove this entry; then remove the line "
                    "'review: true'"),
    "data_dup_abbr": ("từ viết tắt '{value}' bị trùng, đã khai báo ở dòng {first} — gộp hai mục "
                      "làm một",
                      "duplicate abbreviation '{value}', first defined on line {first} — merge "
                      "the two entries"),
    "data_dup_word": ("thuật ngữ '{value}' bị trùng, đã khai báo ở dòng {first} — gộp hai mục "
                      "làm một (nhiều từ tiếng Anh: cách nhau bằng dấu ';')",
                      "duplicate term '{value}', first defined on line {first} — merge the two "
                      "entries (several English equivalents: separate them with ';')"),
})

# What a value is, in words: used for {expected} and {found}. Values starting with "@" in
# Problem.params are looked up here; anything else (a quoted value) is shown as is.
_WORDS = {
    "text": ("một đoạn văn bản", "a text"),
    "list": ("một danh sách", "a list"),
    "mapping": ("một nhóm khóa và giá trị", "a mapping of keys to values"),
    "nothing": ("giá trị trống", "nothing"),
    "number": ("một số", "a number"),
    "year": ("một năm (bốn chữ số)", "a year (four digits)"),
    "boolean": ("true hoặc false", "true or false"),
}

KINDS = ("union", "party", "state", "mass-org", "generic")


# ---- problems ----------------------------------------------------------------------------------

@dataclass
class Problem:
    """One thing wrong in a data file: where (file, line, key path) and what (code, params)."""

    file: str
    line: int
    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    notice: bool = False        # something to review, not an error (`vanban check` passes)

    def message(self, lang: str | None = None) -> str:
        """`file:line: path: what was expected, what was found — how to fix` in `lang`."""
        en = (lang or default_lang()) == "en"
        params = {k: localized(v, en) for k, v in self.params.items()}
        where = f"{self.file}:{self.line}: " + (f"{self.path}: " if self.path else "")
        return where + message(self.code, "en" if en else "vi", **params)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class Nested:
    """A message parameter that is itself a message (shown in the language of the outer one)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def localized(value: Any, en: bool) -> Any:
    """A message parameter in the message's language: a `Nested` message, an "@word" of
    `_WORDS`, a list joined with commas; anything else as is."""
    if isinstance(value, Nested):
        return message(value.code, "en" if en else "vi", **value.params)
    if isinstance(value, str) and value.startswith("@") and value[1:] in _WORDS:
        return _WORDS[value[1:]][1 if en else 0]
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


class DataError(Exception):
    """A data file is invalid; `problems` lists everything found, in line order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line))
        super().__init__(self.problems)

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.messages())


def display_path(path: Path) -> str:
    """`path` relative to the working directory when it is inside it (as messages show it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


# ---- reading YAML with line numbers ------------------------------------------------------------

def load_yaml_nodes(path: Path, *, expect: str | None = None) -> yaml.Node:
    """The composed node tree of a YAML file; every node has `start_mark.line` (0-based).

    Text is decoded (UTF-8 or UTF-16) and normalised (NFC, Đ) first. Raises DataError for an
    unreadable file, broken syntax (file:line and YAML's own description, no traceback) or an
    empty file (`expect`: the top-level key the file should start with, for the message).
    """
    file = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError([Problem(file, 1, "", "data_read",
                                 {"detail": exc.strerror or type(exc).__name__})]) from None
    try:
        text = normalize(decode(data))
    except DecodeError as exc:
        raise DataError([Problem(file, 1, "", "data_encoding", {"detail": str(exc)})]) from None
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise DataError([_syntax_problem(file, exc)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(file, 1, "", "data_syntax",
                                 {"detail": str(exc).splitlines()[0]})]) from None
    except RecursionError:      # PyYAML's composer recurses once per level of nesting
        raise DataError([Problem(file, 1, "", "data_too_deep", {})]) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and _is_null(root)):
        code, params = ("data_empty", {"key": expect}) if expect else ("data_empty_any", {})
        raise DataError([Problem(file, 1, "", code, params)])
    return root


_CLoader = getattr(yaml, "CSafeLoader", None)     # PyYAML built with libyaml (the wheels are)
_NESTING = re.compile(r"^ {100}|[\[{]", re.MULTILINE)


def _compose(text: str) -> yaml.Node | None:
    """`yaml.compose` with libyaml (≈ 10 × faster: the build reads every data/targets file)
    when the text is valid and shallow; otherwise with the pure-Python loader, whose error
    messages the tests and staff know, and which stops deep nesting with a RecursionError
    (libyaml's composer would overflow the C stack)."""
    if _CLoader is not None and len(_NESTING.findall(text)) < 100:
        try:
            return yaml.compose(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass                # reported below, in PyYAML's own words
    return yaml.compose(text, Loader=yaml.SafeLoader)


def syntax_error(exc: yaml.YAMLError) -> tuple[int, str]:
    """(0-based line to fix, YAML's description) of a YAML syntax error.

    A scanner context ("while scanning a simple key", "… a quoted scalar") or an unclosed
    flow collection points at the line to fix; otherwise the problem mark does."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return 0, str(exc).splitlines()[0]
    mark = exc.problem_mark
    context = exc.context or ""
    if exc.context_mark is not None and (context.startswith("while scanning")
                                         or context.startswith("while parsing a flow")):
        mark = exc.context_mark
    detail = (exc.problem or "").strip() or context
    if context and detail != context:
        detail += f" ({context})"
    return (mark.line if mark is not None else 0), detail


# ---- front matter (the YAML between two '---' lines atop a Markdown page) ----------------------

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_OPENED = re.compile(r"\A-{3}[ \t]*\n")


class FrontMatterOpen(ValueError):
    """The page's first line '---' opens a front matter that no '---' line closes (message
    `front_matter_open`): most often a word typed onto the closing line."""


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter YAML, body), or None when the text has no front matter; raises
    FrontMatterOpen when one is opened and never closed."""
    m = _FRONT_MATTER.match(text)
    if m:
        return m.group(1), text[m.end():]
    if _OPENED.match(text):
        raise FrontMatterOpen
    return None


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError) -> Problem:
    line, detail = syntax_error(exc)
    return Problem(file, line + 1, "", "data_syntax", {"detail": detail})


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _found(node: yaml.Node) -> str:
    """How a node is shown after "found": a kind of value ("@list") or the value itself."""
    if isinstance(node, yaml.MappingNode):
        return "@mapping"
    if isinstance(node, yaml.SequenceNode):
        return "@list"
    if _is_null(node):
        return "@nothing"
    value = str(node.value)
    return repr(value if len(value) <= 40 else value[:39] + "…")


class Checker:
    """Walks composed YAML nodes of one file, collecting Problems (reusable for any data file).

    Typical use: `check = Checker(display_path(path))`, `check.entries(root, "agencies",
    KEYS, REQUIRED)`, then `text()`/`texts()` per field, then `raise_if_any()`.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, path: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(self.file, line, path, code, params))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)

    def mapping(self, node: yaml.MappingNode, path: str, allowed: tuple[str, ...]
                ) -> dict[str, yaml.Node]:
        """{key: value node}; reports non-text keys, repeated keys and keys not in `allowed`."""
        out: dict[str, yaml.Node] = {}
        first: dict[str, int] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or _is_null(key_node):
                self.add(_line(key_node), path, "data_type", expected="@text",
                         found=_found(key_node))
                continue
            key = str(key_node.value)
            where = f"{path}.{key}" if path else key
            if key in first:
                self.add(_line(key_node), where, "data_dup_key", key=key, first=first[key])
                continue
            first[key] = _line(key_node)
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                if near:
                    self.add(_line(key_node), where, "data_unknown_key_near", key=key,
                             near=near[0])
                else:
                    self.add(_line(key_node), where, "data_unknown_key", key=key,
                             allowed=list(allowed))
                continue
            out[key] = value
        return out

    def entries(self, root: yaml.Node, key: str, allowed: tuple[str, ...],
                required: tuple[str, ...], others: tuple[str, ...] = ()) -> list[Entry]:
        """The mappings listed under the top-level `key`, with shape problems reported
        (`others`: the file's other top-level keys, read by another function).

        Entries that miss a required key are reported and left out of the result."""
        if not isinstance(root, yaml.MappingNode):
            self.add(_line(root), "", "data_root", key=key, found=_found(root))
            return []
        top = self.mapping(root, "", (key, *others))
        seq = top.get(key)
        if seq is None:
            if not any(isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in root.value):
                self.add(_line(root), "", "data_root_missing", key=key)
            return []
        return self.list_entries(seq, key, allowed, required)

    def list_entries(self, seq: yaml.Node, key: str, allowed: tuple[str, ...],
                     required: tuple[str, ...]) -> list[Entry]:
        """The mappings of the list `seq` (at key path `key`), with shape problems reported;
        entries that miss a required key are reported and left out."""
        if not isinstance(seq, yaml.SequenceNode):
            self.add(_line(seq), key, "data_type", expected="@list", found=_found(seq))
            return []
        out: list[Entry] = []
        for i, item in enumerate(seq.value):
            path = f"{key}[{i}]"
            if not isinstance(item, yaml.MappingNode):
                self.add(_line(item), path, "data_type", expected="@mapping", found=_found(item))
                continue
            fields = self.mapping(item, path, allowed)
            missing = [k for k in required if k not in fields]
            for k in missing:
                self.add(_line(item), path, "data_required", key=k)
            if not missing:
                out.append(Entry(i, path, _line(item), fields, required))
        return out

    def text(self, entry: Entry, key: str) -> str | None:
        """The text value of `key` (spaces collapsed), or None when absent or invalid (reported).

        An optional key written with no value (`place:`) counts as absent."""
        node = entry.fields.get(key)
        if node is None or (_is_null(node) and key not in entry.required):
            return None
        return self._text(node, f"{entry.path}.{key}")

    def boolean(self, entry: Entry, key: str) -> bool:
        """true/false of `key`; False when absent, empty or not a boolean (reported)."""
        node = entry.fields.get(key)
        if node is None or _is_null(node):
            return False
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        self.add(_line(node), f"{entry.path}.{key}", "data_type", expected="@boolean",
                 found=_found(node))
        return False

    def texts(self, entry: Entry, key: str) -> list[tuple[str, int, str]]:
        """[(text, line, key path)] of a list of texts; [] when absent or invalid (reported)."""
        node = entry.fields.get(key)
        path = f"{entry.path}.{key}"
        if node is None or (_is_null(node) and key not in entry.required):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.add(_line(node), path, "data_type", expected="@list", found=_found(node))
            return []
        out = []
        for i, item in enumerate(node.value):
            value = self._text(item, f"{path}[{i}]")
            if value is not None:
                out.append((value, _line(item), f"{path}[{i}]"))
        return out

    def _text(self, node: yaml.Node, path: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            self.add(_line(node), path, "data_type", expected="@text", found=_found(node))
            return None
        value = " ".join(str(node.value).split())
        if not value:
            self.add(_line(node), path, "data_empty_text")
            return None
        return value


@dataclass
class Entry:
    """One mapping of a top-level list: its index, key path ("agencies[3]"), line, fields."""

    index: int
    path: str
    line: int
    fields: dict[str, yaml.Node]
    required: tuple[str, ...] = ()


# ---- agencies ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    name_en: str
    abbr: tuple[str, ...]
    aliases: tuple[str, ...]
    parent: str | None
    place: str | None
    kind: str
    line: int
    review: bool = False        # added by an import (`review: true`): staff still to check it
    path: str = field(default="", compare=False)    # key path in the file: "agencies[3]"


# Phrases written both in full and abbreviated: keys use the abbreviation (longest first).
_PHRASES = {
    "tong lien doan lao dong viet nam": "tld", "tong lien doan lao dong": "tld",
    "tong ldld viet nam": "tld", "tong ldld vn": "tld", "tong ldld": "tld",
    "tong lien doan": "tld",
    "lien doan lao dong": "ldld",
    "cong doan co so": "cdcs", "cong doan vien chuc": "cdvc", "cong doan": "cd",
    "uy ban nhan dan": "ubnd", "mat tran to quoc": "mttq", "khu cong nghiep": "kcn",
    "ban chap hanh": "bch", "ban thuong vu": "btv", "thuong truc": "tt",
    "tuyen giao nu cong": "tg nc", "phap luat": "pl", "quan he lao dong": "qhld",
    "dang uy truc thuoc": "dutt", "cac co quan": "ccq", "trung uong": "tw",
}
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(sorted(_PHRASES, key=len, reverse=True)) + r")\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_TERM_SUFFIX = re.compile(r" khoa (?:[ivxlc]+|\d+)$")      # "Bộ Chính trị khóa XIII"
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)[\s.,;:]*$")      # "Tổng LĐLĐ Việt Nam (b/c),"


@functools.lru_cache(maxsize=65536)
def agency_key(text: str) -> str:
    """Matching key of an agency name: folded words, common phrases abbreviated."""
    key = _NON_WORD.sub(" ", fold(tone_normalize(text))).strip()  # fold(): Ð/ð count as Đ/đ
    return _PHRASE_RE.sub(lambda m: _PHRASES[m.group(0)], key)


def _name_variants(name: str) -> list[str]:
    """Keys to try for a name, strictest first: as written; without a trailing "(b/c)" note;
    without "khóa XIII"; without a leading "Các"."""
    bases = [agency_key(name)]
    bare = _PAREN_TAIL.sub("", name)
    if bare != name:
        bases.append(agency_key(bare))
    out: list[str] = []
    for base in bases:
        no_term = _TERM_SUFFIX.sub("", base)
        for key in (base, no_term):
            for k in (key, key[4:] if key.startswith("cac ") else key):
                if k and k not in out:
                    out.append(k)
    return out


class AgencyRegistry:
    """The agencies of data/agencies.yml, with the name matcher used for every document."""

    def __init__(self, agencies: Iterable[Agency]) -> None:
        self._by_id: dict[str, Agency] = {}
        for a in agencies:
            self._by_id.setdefault(a.id, a)
        self._children: dict[str, list[Agency]] = {}
        self._place: dict[str, str | None] = {}
        # key → [(agency, explicit)]; explicit: the key itself names the agency's place (or the
        # agency is national), so it may match from a document of any place.
        self._index: dict[str, list[tuple[Agency, bool]]] = {}
        for a in self._by_id.values():
            if a.parent:
                self._children.setdefault(a.parent, []).append(a)
            place = agency_key(a.place) if a.place else None
            self._place[a.id] = place
            for text in (a.name, a.id, *a.abbr, *a.aliases):
                key = agency_key(text)
                if not key:
                    continue
                explicit = place is None or f" {place} " in f" {key} "
                entries = self._index.setdefault(key, [])
                for i, (other, was_explicit) in enumerate(entries):
                    if other.id == a.id:
                        entries[i] = (a, was_explicit or explicit)
                        break
                else:
                    entries.append((a, explicit))
        self._memo: dict[tuple[str, str | None], Agency | None] = {}

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, agency_id: str) -> Agency | None:
        return self._by_id.get(agency_id)

    def children(self, agency_id: str) -> list[Agency]:
        """The agencies whose parent is `agency_id`, in file order."""
        return list(self._children.get(agency_id, ()))

    def match(self, name: str, place: str | None = None) -> Agency | None:
        """The agency a document from `place` means by `name`, or None (unknown or ambiguous).

        Tried in order: the name as written, then looser forms (see `_name_variants`), then
        "<alias> <parent or place>" ("Ban Tổ chức LĐLĐ tỉnh", "Ban Dân vận Tỉnh ủy Bình Định").
        Among several agencies with the name: the one of the document's place, then a national
        one, then one whose name states its own place; two at the same level → None. A local
        agency matches a document of another place (or of no place) only by a name that states
        its place: "Ban Tổ chức Tỉnh ủy" of Điện Biên is not the one a Ninh Bình document means.
        """
        memo = (name, place)
        if memo in self._memo:
            return self._memo[memo]
        if len(self._memo) > 100_000:
            self._memo.clear()
        place_key = agency_key(place) if place else None
        variants = _name_variants(name)
        result: Agency | None = None
        for found, agency in (*(self._choose(self._index.get(k, ()), place_key)
                                for k in variants),
                              *(self._with_suffix(k, place_key) for k in variants)):
            if found:
                result = agency
                break
        self._memo[memo] = result
        return result

    def _with_suffix(self, key: str, place_key: str | None) -> tuple[bool, Agency | None]:
        """"<alias of A> <name of A's parent | A's place>", longest alias first."""
        words = key.split()
        for cut in range(len(words) - 1, 0, -1):
            entries = self._index.get(" ".join(words[:cut]))
            if not entries:
                continue
            suffix = " ".join(words[cut:])
            fitting = []
            for agency, explicit in entries:
                own = self._place[agency.id]
                if own and suffix in (own, f"tinh {own}", f"thanh pho {own}"):
                    fitting.append((agency, True))
                    continue
                for parent, parent_explicit in self._index.get(suffix, ()):
                    if parent.id == agency.parent:
                        fitting.append((agency, explicit or parent_explicit))
                        break
            found, meant = self._choose(fitting, place_key)
            if found:
                return True, meant
        return False, None

    def _choose(self, entries: Iterable[tuple[Agency, bool]], place_key: str | None
                ) -> tuple[bool, Agency | None]:
        """(whether any agency may be meant, the one meant or None when ambiguous)."""
        same: dict[str, Agency] = {}
        named: dict[str, Agency] = {}
        national: dict[str, Agency] = {}
        for agency, explicit in entries:
            own = self._place[agency.id]
            if own is None:
                national[agency.id] = agency
            elif own == place_key:
                same[agency.id] = agency
            elif explicit:
                named[agency.id] = agency
        for tier in (same, national, named):
            if tier:
                return True, (next(iter(tier.values())) if len(tier) == 1 else None)
        return False, None


_AGENCY_KEYS = ("id", "name", "name_en", "abbr", "aliases", "parent", "place", "kind", "review")
_AGENCY_REQUIRED = ("id", "name", "name_en")


def load_agencies(path: Path) -> AgencyRegistry:
    """Read and validate data/agencies.yml; raises DataError listing every problem."""
    check = Checker(display_path(path))
    root = load_yaml_nodes(path, expect="agencies")
    entries = check.entries(root, "agencies", _AGENCY_KEYS, _AGENCY_REQUIRED)

    agencies: list[Agency] = []
    where: dict[str, Entry] = {}          # id → its entry (first definition)
    id_line: dict[str, int] = {}
    names: dict[str, list[tuple[str, int, str]]] = {}   # id → [(text, line, path)] to index
    for e in entries:
        agency_id, name, name_en = (check.text(e, k) for k in ("id", "name", "name_en"))
        abbr, aliases = check.texts(e, "abbr"), check.texts(e, "aliases")
        parent, place, kind = (check.text(e, k) for k in ("parent", "place", "kind"))
        review = check.boolean(e, "review")
        if kind is not None and kind not in KINDS:
            check.add(_line(e.fields["kind"]), f"{e.path}.kind", "data_kind", value=kind,
                      allowed=list(KINDS))
        if agency_id is None:
            continue
        line = _line(e.fields["id"])
        if slugify(agency_id) != agency_id:
            check.add(line, f"{e.path}.id", "data_bad_id", value=agency_id,
                      suggest=slugify(agency_id) or slugify(name or "") or "ten-co-quan")
        if agency_id in id_line:
            check.add(line, f"{e.path}.id", "data_dup_id", value=agency_id,
                      first=id_line[agency_id])
            continue
        id_line[agency_id] = line
        where[agency_id] = e
        if name is None or name_en is None:
            continue
        agencies.append(Agency(agency_id, name, name_en, tuple(t for t, _, _ in abbr),
                               tuple(t for t, _, _ in aliases), parent, place,
                               kind if kind in KINDS else "union", e.line, review, e.path))
        names[agency_id] = [(name, _line(e.fields["name"]), f"{e.path}.name"),
                            (agency_id, line, f"{e.path}.id"), *abbr, *aliases]

    _check_parents(check, agencies, where, id_line)
    _check_ambiguous(check, agencies, names)
    check.raise_if_any()
    return AgencyRegistry(agencies)


def _check_parents(check: Checker, agencies: list[Agency], where: dict[str, Entry],
                   id_line: dict[str, int]) -> None:
    parent_of = {a.id: a.parent for a in agencies}
    reported: set[str] = set()
    for a in agencies:
        if a.parent is None:
            continue
        e = where[a.id]
        line, path = _line(e.fields["parent"]), f"{e.path}.parent"
        if a.parent not in id_line:
            near = difflib.get_close_matches(a.parent, list(id_line), n=1, cutoff=0.6)
            if near:
                check.add(line, path, "data_parent_near", value=a.parent, near=near[0])
            else:
                check.add(line, path, "data_parent", value=a.parent)
            continue
        chain = [a.id]
        step: str | None = a.parent
        while step is not None and step not in chain:
            chain.append(step)
            step = parent_of.get(step)
        if step == a.id and not reported.intersection(chain):
            reported.update(chain)
            check.add(line, path, "data_parent_cycle", chain=" → ".join([*chain, a.id]))


def _check_ambiguous(check: Checker, agencies: list[Agency],
                     names: dict[str, list[tuple[str, int, str]]]) -> None:
    """A name (or alias, abbreviation) of two agencies of the same place: documents could not
    tell which one they mean."""
    owner: dict[tuple[str, str | None], tuple[str, int]] = {}
    for a in agencies:
        place = agency_key(a.place) if a.place else None
        for text, line, path in names[a.id]:
            key = (agency_key(text), place)
            if not key[0]:
                continue
            first = owner.setdefault(key, (a.id, line))
            if first[0] != a.id:
                check.add(line, path, "data_ambiguous", value=text, other=first[0],
                          first=first[1])


def review_notices(registry: AgencyRegistry, file: str) -> list[Problem]:
    """One notice per agency still marked `review: true` (added by an import)."""
    return [Problem(file, a.line, a.path, "data_review", {"name": a.name}, notice=True)
            for a in registry if a.review]


def new_agency(name: str, place: str | None, registry: AgencyRegistry,
               taken: Iterable[str] = ()) -> Agency:
    """An entry for `name`, which `registry` does not know, of a document from `place`: the
    name as written, also as its English name until staff translate it, `review: true`.

    >>> reg = AgencyRegistry([Agency("ban-to-chuc", "Ban Tổ chức", "x", (), (), None, "Huế",
    ...                              "union", 1)])
    >>> a = new_agency("Ban Tổ chức", "Thanh Hóa", reg)
    >>> a.id, a.place, a.review
    ('ban-to-chuc-thanh-hoa', 'Thanh Hóa', True)
    """
    used = {a.id for a in registry} | set(taken)
    base = slugify(name, 60) or "co-quan"
    tail = slugify(place or "")
    candidates = [base] + ([f"{base}-{tail}"] if tail and not base.endswith(tail) else [])
    agency_id = next((c for c in candidates if c not in used), None)
    n = 2
    while agency_id is None:
        agency_id = f"{candidates[-1]}-{n}" if f"{candidates[-1]}-{n}" not in used else None
        n += 1
    return Agency(agency_id, name, name, (), (), None, place, "union", 0, True)


def agencies_text_with(text: str, added: list[Agency], note: str) -> str:
    """data/agencies.yml's `text` with `added` appended at the end (comments, order and
    layout of the existing entries kept), under the comment `note`."""
    m = re.search(r"^([ \t]*)- ", text, re.MULTILINE)
    indent = m.group(1) if m else "  "
    out = [text if text.endswith("\n") or not text else text + "\n"]
    if not text.strip():
        out = ["agencies:\n"]
    out.append(f"{indent}# {note}\n")
    for a in added:
        out.append(f"{indent}- id: {a.id}\n")
        out.append(f"{indent}  name: {_quoted(a.name)}\n")
        out.append(f"{indent}  name_en: {_quoted(a.name_en)}\n")
        if a.place:
            out.append(f"{indent}  place: {_quoted(a.place)}\n")
        out.append(f"{indent}  review: true\n")
    return "".join(out)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    import json

    return json.dumps(" ".join(text.split()), ensure_ascii=False)


# ---- glossary ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    abbr: str
    vi: str
    en: str
    note: str | None
    line: int


_TERM_KEYS = ("abbr", "vi", "en", "note")
_TERM_REQUIRED = ("abbr", "vi", "en")


def load_glossary(path: Path) -> list[Term]:
    """Read and validate data/glossary.yml (terms in file order); raises DataError."""
    check = Checker(display_path(path))
    root = load_yaml_nodes(path, expect="terms")
    terms: list[Term] = []
    first: dict[str, int] = {}
    anchors: dict[str, tuple[str, int]] = {}    # the glossary page's id="…" of each term
    for e in check.entries(root, "terms", _TERM_KEYS, _TERM_REQUIRED, others=("words",)):
        abbr, vi, en, note = (check.text(e, k) for k in _TERM_KEYS)
        if abbr is None:
            continue
        line = _line(e.fields["abbr"])
        if abbr in first:
            check.add(line, f"{e.path}.abbr", "data_dup_abbr", value=abbr, first=first[abbr])
            continue
        first[abbr] = line
        anchor = slugify(abbr)
        if anchor in anchors:
            other, other_line = anchors[anchor]
            check.add(line, f"{e.path}.abbr", "data_same_anchor", value=abbr, other=other,
                      first=other_line, anchor=anchor)
        anchors.setdefault(anchor, (abbr, line))
        if vi is not None and en is not None:
            terms.append(Term(abbr, vi, en, note, e.line))
    check.raise_if_any()
    return terms


@dataclass(frozen=True)
class Word:
    """A union term written out in full (no abbreviation) and its English equivalents,
    from the `words:` list of data/glossary.yml ("thỏa ước lao động tập thể" →
    "collective bargaining agreement"): shown on the glossary page; English search finds a
    document through the equivalents of the terms its Vietnamese text uses."""

    vi: str
    en: tuple[str, ...]
    note: str | None
    line: int


_WORD_KEYS = ("vi", "en", "note")


def load_words(path: Path) -> list[Word]:
    """The `words:` list of data/glossary.yml (none when the file has none); raises
    DataError. `en` may give several equivalents, separated by ';'."""
    check = Checker(display_path(path))
    root = load_yaml_nodes(path, expect="terms")
    if not isinstance(root, yaml.MappingNode):
        return []           # reported by load_glossary
    top = {str(k.value): v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    if "words" not in top:
        return []
    words: list[Word] = []
    first: dict[str, int] = {}
    for e in check.list_entries(top["words"], "words", _WORD_KEYS, ("vi", "en")):
        vi, en, note = (check.text(e, k) for k in _WORD_KEYS)
        if vi is None or en is None:
            continue
        line = _line(e.fields["vi"])
        key = fold(vi)
        if key in first:
            check.add(line, f"{e.path}.vi", "data_dup_word", value=vi, first=first[key])
            continue
        first[key] = line
        equivalents = tuple(dict.fromkeys(x.strip() for x in en.split(";") if x.strip()))
        words.append(Word(vi, equivalents, note, e.line))
    check.raise_if_any()
    return words
