"""Site search: a Pagefind index of the built site, made for Vietnamese readers.

Pagefind (https://pagefind.app, PyPI `pagefind[bin]`, its binary inside the wheel) splits the
index into small chunks that the browser fetches per query, so a search over 2,000 documents
downloads a few hundred KB instead of the whole index (`scripts/bench_search.py` measures
both engines). Pagefind folds tone marks itself (`hoa` finds `hoá`, `hóa`; exact marks rank
first), but not "đ"; and it knows nothing of the glossary. So every page is indexed with an
index-only block that the served page does not carry (the site's HTML is not changed):

- the folded form of every word with "đ" (`Điện` → `dien`), so `dien bien` finds `Điện Biên`;
- both sides of every glossary abbreviation the page uses: a page saying `CĐCS` is also
  found by `công đoàn cơ sở` / `cong doan co so`, and the reverse;
- on document pages, heavily weighted: the label and title, the number and its parts
  (`02-NQ/TW` → `02-NQ`, `NQ/TW`), issuer, place and the agencies given tasks, each also
  folded; and Pagefind filters (type, year, issuer) and result metadata.

Query side (overrides/assets/javascripts/vb-search.js): the query goes to an index as pairs
of adjacent syllables ("cong doan co so" → "‿cong‿doan ‿co‿so", see `pairs` below:
Pagefind's time per query grows with the pages its words are on times their entries, and
short common syllables are on every page and begin many others), then word by word when
pairs find few pages or a pair stands nowhere; the best results are re-ranked by phrase: the
query's words adjacent in title or text, with the same marks (`vbText.fold` /
`vbText.toneNormalize`, twins of `vanban.text.fold` / `tone_normalize`, tested to agree)
above folded, scattered matches.

Two indexes, because Pagefind stores every position of every word: at 2,000 long documents
the chunk holding a common syllable ("công", "đoàn") alone weighs 100-200 KB, so a full-text
query downloads 500 KB. The outline index (`<site>/pagefind/<lang>/`, `outline_dir`) holds
each document's card, title, headings, targets and the weighted block above — what a
reader's few words usually name — and answers first, within the budget; the full-text index
(`<site>/pagefind-full/`) is searched when the outline gives few results or the reader asks
for the full text.
Other pages (agencies, glossary, hand-written) are short and go whole into both.

Which pages are indexed: documents, agencies, glossary and hand-written pages; not the lists
(home, document index, pages by type and year, agency index, an agency's task pages 2, 3, …),
which repeat every title; a document's progress page only in the full text (vanban.site.search).
Each index is one bundle per language (`<html lang>`: `/` searches the Vietnamese pages,
`/en/` the English ones): the outline's `pagefind/vi/` and `pagefind/en/`, the full text's
shards `pagefind-full/vi-0/`, …; Pagefind indexes one bundle at a time, and its memory grows
with the bundle (at 2,000 documents the outline of both languages took 1.8 GB, of one 1.2 GB).
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from lxml import html as lxml_html
from markupsafe import Markup

from .data import Term, Word
from .text import fold, normalize, tone_normalize

BUNDLE_DIR = "pagefind"         # the outline index, searched first: a bundle per language
FULL_BUNDLE_DIR = "pagefind-full"  # the full-text index, searched when the outline is not enough
WEIGHT_LABEL = 10.0        # document label, title, number (Pagefind's h1 is 7)
WEIGHT_NAMES = 6.0         # issuer, place, agencies with tasks
WEIGHT_VARIANTS = 1.0      # folded "đ" words and glossary expansions (body text is 1)
# a page that is not a document (agency, guide, method, news, progress) is indexed with its
# weights times its kind's (vanban.site.search.page_weight): it names, lists or quotes what a
# document states, and a reader looks for the document first
WEIGHT_AGENCY = 0.15
WEIGHT_TARGETS = 0.7       # a document's progress page: its targets again
WEIGHT_WRITTEN = 0.1       # hand-written pages: guide, method, introduction, glossary
WEIGHT_TARGET_TEXT = 3.0   # a target's sentence on its document (outline): what it states
# Pagefind's own UIs: the portal has its own (overrides/assets/javascripts/vb-search.js),
# which runs Pagefind on the page (`noWorker`: a worker would set up the WebAssembly again)
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
          "pagefind-highlight.js", "pagefind-worker.js")
# A bundle searched by a second instance of another bundle's pagefind.js (`createInstance`,
# as vb-search.js does for the full text) runs on that module's WebAssembly, which the module
# sets up once: the instance still fetches its own bundle's wasm file but, finding the module
# set up, throws it away. Such a bundle keeps no script of its own, and its wasm files are
# stubs: the 12-byte header Pagefind's reader takes as an uncompressed file, then nothing
# (68 KB less for every reader who searches the full text).
ENGINE_FILES = ("pagefind.js",)
WASM_STUB = b"pagefind_dcd"
# Pagefind 1.5's time for a query grows with the square of the pages its words are on (each
# matched page is compared with every page entry of the query's words): "kế hoạch" and "thi
# đua" stand on thousands of pages of the full text. Split into k bundles of at most
# SHARD_PAGES pages a language, searched together by the box (one Pagefind instance per
# shard, results merged by score: vb-search.js `Shards`), the same query costs about 1/k.
# <bundle>/SHARDS_FILE lists each language's bundles.
SHARD_PAGES = 1500
SHARDS_FILE = "shards.json"
MARKER = "⁂⁂"              # starts the index-only block in a result's text (not a word)
# joins two adjacent syllables into one index word, "‿cong‿doan" (both indexes): a
# connector Pagefind keeps inside words (its `include_characters`) and does not split on, and
# no typed word starts with it, so "cong" does not extend to the pairs
PAIR = "\u203f"
# Pagefind's own weights of headings (body text is 1)
HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
# index chunks, in Pagefind's units (a page of a word, and each position): a query fetches
# and decodes the chunks holding its words, and the default size puts 100-200 KB of
# neighbouring pairs beside a common pair (`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`, Pagefind
# 1.5; a Pagefind without it writes larger chunks, nothing else changes)
CHUNK_SIZE = 3000

# UI strings of the search box (vi, en); passed to the page as JSON by the partial
LABELS: dict[str, tuple[str, str]] = {
    "placeholder": ("Tìm văn bản, cơ quan…", "Search documents, agencies…"),
    "type": ("Loại văn bản", "Type"),
    "year": ("Năm", "Year"),
    "issuer": ("Cơ quan ban hành", "Issued by"),
    "all": ("Tất cả", "All"),
    "start": ("Gõ vài chữ, có dấu hay không dấu đều được", "Type a few words"),
    "loading": ("Đang tìm…", "Searching…"),
    "none": ("Không tìm thấy văn bản nào", "No matching pages"),
    "one": ("1 kết quả", "1 result"),
    "many": ("{n} kết quả", "{n} results"),
    "more": ("Xem thêm", "Show more"),
    "full": ("Tìm trong toàn văn", "Search the full text"),
    "offline": ("Không tìm kiếm được khi mở trang trực tiếp từ tệp (file://). Hãy mở cổng qua "
                "máy chủ web (ví dụ: make serve), hoặc xem danh sách văn bản:",
                "Search cannot run on pages opened as files (file://). Open the portal through "
                "a web server (e.g. make serve), or browse the list of documents:"),
    "failed": ("Không tải được chỉ mục tìm kiếm. Xem danh sách văn bản:",
               "The search index could not be loaded. Browse the list of documents:"),
    "documents": ("Danh sách văn bản", "All documents"),
}


def labels(lang: str) -> dict[str, str]:
    """The search box's strings in `lang` (Vietnamese for any language but English)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in LABELS.items()}


class SearchError(Exception):
    """The index could not be written (Pagefind missing or failing)."""


# ---- what a page adds to the index ---------------------------------------------------------------

@dataclass
class Extra:
    """Index-only content of one page: weighted text, filters, metadata."""

    weighted: list[tuple[float, str]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def add(self, weight: float, *texts: str | None) -> None:
        """`texts` and the folded form of their words with "đ", at `weight`.

        Pagefind folds tone marks itself, but not "đ"; the whole text folded again would
        double the positions of every word in it, and Pagefind's time per query grows with
        the positions of common words ("công", "đoàn")."""
        parts = [t for t in texts if t]
        if not parts:
            return
        text = " · ".join(parts)
        self.weighted.append((weight, text))
        d_words = [fold(w) for w in normalize(text).split() if "đ" in w or "Đ" in w]
        if d_words:
            self.weighted.append((weight, " · ".join(dict.fromkeys(d_words))))

    def html(self) -> Markup:
        """A block that Pagefind indexes as part of the page body (never served)."""
        out = [Markup('<div class="vb-search-extra"><p>{}</p>').format(MARKER)]
        for weight, text in self.weighted:
            out.append(Markup('<p data-pagefind-weight="{}">{}</p>').format(f"{weight:g}", text))
        for key, values in self.filters.items():
            for value in values:
                out.append(Markup('<span data-pagefind-filter="{}"></span>').format(
                    f"{key}:{value}"))
        for key, value in self.meta.items():
            out.append(Markup('<span data-pagefind-meta="{}"></span>').format(f"{key}:{value}"))
        out.append(Markup("</div>"))
        return Markup("").join(out)


_WORD = re.compile(r"\w+")


def d_variants(text: str) -> list[str]:
    """Folded forms of the words with "đ" (the one letter Pagefind does not fold), in order
    of first appearance.

    >>> d_variants("Liên đoàn Lao động tỉnh Điện Biên, Đảng đoàn")
    ['doan', 'dong', 'dien', 'dang']
    """
    return _d_variants(normalize(text))


def _d_variants(normalized: str) -> list[str]:
    return _d_of(_WORD.findall(normalized))


def _d_of(words: Iterable[str]) -> list[str]:
    """`_d_variants` of a text's words (`_WORD`): a word with "đ" is a whole word (a
    regular expression `\\w*[đĐ]\\w*` finds the same, trying every letter of every word)."""
    seen: dict[str, None] = {}
    for word in dict.fromkeys(w for w in words if "đ" in w or "Đ" in w):
        seen.setdefault(fold(word), None)
    return list(seen)


@dataclass(frozen=True)
class _TermForms:
    """What `glossary_variants` looks for and adds for one term, worked out once."""

    abbr: str           # " CĐCS " as written (case matters: "CT" is not "ct")
    expansion: str      # " cong doan co so " folded
    firsts: tuple[str, str]   # the first word of each ("CĐCS", "cong"): a page without it
                              # has neither (a set look-up, not a search of the page)
    vi: str             # added when the abbreviation is found
    abbr_forms: tuple[str, ...]   # added when the expansion is found


@lru_cache(maxsize=8)
def _term_forms(terms: tuple[Term, ...]) -> tuple[_TermForms, ...]:
    out = []
    for term in terms:
        abbr_words = " ".join(_WORD.findall(term.abbr))
        if len(abbr_words) < 2:
            continue
        expansion = " ".join(_WORD.findall(fold(term.vi)))
        out.append(_TermForms(f" {abbr_words} ", f" {expansion} " if expansion else "",
                              (abbr_words.split(" ")[0], expansion.split(" ")[0]),
                              term.vi, tuple(dict.fromkeys([term.abbr.lower(),
                                                            fold(term.abbr)]))))
    return tuple(out)


def glossary_variants(text: str, terms: Iterable[Term]) -> list[str]:
    """For each glossary term the text uses, the other side: the expansion of an
    abbreviation it writes, the abbreviation of an expansion it writes (each also folded).

    >>> terms = [Term("CĐCS", "công đoàn cơ sở", "grassroots trade union", None, 1)]
    >>> glossary_variants("Chủ tịch CĐCS", terms)
    ['công đoàn cơ sở']
    >>> glossary_variants("chủ tịch Công đoàn cơ sở", terms)
    ['cđcs', 'cdcs']
    """
    return _glossary_variants(normalize(text), terms)


def _glossary_variants(normalized: str, terms: Iterable[Term]) -> list[str]:
    forms = _term_forms(tuple(terms))
    return _glossary_of(_WORD.findall(normalized), forms) if forms else []


def _glossary_of(page_words: list[str], forms: tuple[_TermForms, ...]) -> list[str]:
    """`_glossary_variants` of a text's words (`_WORD`)."""
    exact = f" {' '.join(page_words)} "
    # each word folded once: a page repeats the same few hundred
    folded = {w: fold(w) for w in dict.fromkeys(page_words)}
    words = f" {' '.join(map(folded.__getitem__, page_words))} "
    has_exact = set(page_words)
    has_folded = set(words.split(" "))
    out: list[str] = []
    for term in forms:
        if term.firsts[0] in has_exact and term.abbr in exact:
            out.append(term.vi)
        if term.expansion and term.firsts[1] in has_folded and term.expansion in words:
            out.extend(term.abbr_forms)
    return out


# a figure: digits with a thousands or decimal separator ("105.000", "92,5", "2.989,5"), a
# number of 3 digits or more
_FIGURE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,})"
                     r"(?![\w]|[.,]\d)")


def figures(text: str) -> list[str]:
    """The figures a text states, once each, in order.

    >>> figures("Phấn đấu có 105.000 đoàn viên (đạt 92,5%), 2.989,5 ha; 12 đơn vị năm 2025")
    ['105.000', '92,5', '2.989,5', '2025']
    """
    return list(dict.fromkeys(_FIGURE.findall(text)))


def number_parts(number: str | None) -> list[str]:
    """A document number and the parts a reader may type.

    >>> number_parts("02-NQ/TW")
    ['02-NQ/TW', '02-NQ', 'NQ/TW', '02 NQ TW']
    >>> number_parts("17/CTr-LĐLĐ")
    ['17/CTr-LĐLĐ', '17/CTr', 'CTr-LĐLĐ', '17 CTr LĐLĐ']
    >>> number_parts(None)
    []
    """
    if not number:
        return []
    pieces = [p for p in re.split(r"[/\-\s]+", number) if p]
    parts = [number]
    seps = re.findall(r"[/\-]", number)
    if len(pieces) == 3 and len(seps) == 2:
        parts += [f"{pieces[0]}{seps[0]}{pieces[1]}", f"{pieces[1]}{seps[1]}{pieces[2]}"]
    parts.append(" ".join(pieces))
    return list(dict.fromkeys(parts))


_TAG = re.compile(r"<[^>]+>")
# a space before the end of every block, or Pagefind's page text runs "Loại văn bảnChỉ thị"
_BLOCK_END = re.compile(r"(</(?:p|li|dt|dd|div|h[1-6]|td|th|tr|time|a|span|strong)>)")


def page_text(html: str) -> str:
    """Plain text of a page's main content (for finding words to add, not for display)."""
    start = html.find("<article")
    end = html.rfind("</article>")
    body = html[start:end] if 0 <= start < end else html
    return html_lib.unescape(_TAG.sub(" ", body))


def with_body(html: str, inner: str) -> str:
    """The page with the content of its main article replaced by `inner`."""
    start = html.find("<article")
    end = html.rfind("</article>")
    if not 0 <= start < end:
        return html
    open_end = html.index(">", start) + 1
    return html[:open_end] + inner + html[end:]


_GIVEN_WEIGHT = re.compile(r'data-pagefind-weight="(\d+(?:\.\d+)?)"')
_HEADING_OPEN = re.compile(r"<(h[1-6])\b(?![^>]*data-pagefind-weight)")


def scaled(html: str, factor: float) -> str:
    """An HTML fragment whose every word Pagefind weighs `factor` times as much: wrapped
    in an element of that weight, its weighted elements and headings (Pagefind gives a
    heading its own weight, whatever the weight around it) scaled.

    >>> scaled('<h1>Hướng dẫn</h1><p data-pagefind-weight="10">17/CTr</p><p>x</p>', 0.5)
    '<div data-pagefind-weight="0.5"><h1 data-pagefind-weight="3.5">Hướng dẫn</h1><p \
data-pagefind-weight="5">17/CTr</p><p>x</p></div>'
    """
    if factor == 1:
        return html
    out = _GIVEN_WEIGHT.sub(lambda m: f'data-pagefind-weight="{float(m[1]) * factor:g}"', html)
    out = _HEADING_OPEN.sub(
        lambda m: f'<{m[1]} data-pagefind-weight="{HEADING_WEIGHTS[m[1]] * factor:g}"', out)
    return f'<div data-pagefind-weight="{factor:g}">{out}</div>'


def with_extra(html: str, extra: Markup, weight: float = 1.0) -> str:
    """The page as Pagefind should index it: the main article is the indexed body, with
    `extra` appended inside it, blocks ending in a space; `weight`: of the whole (see
    `scaled`)."""
    start = html.find("<article")
    end = html.rfind("</article>")
    if not 0 <= start < end:
        return html.replace("</body>", f"<div data-pagefind-body>{scaled(str(extra), weight)}"
                            "</div></body>", 1)
    body = _BLOCK_END.sub(r" \1", html[start + len("<article"):end])
    open_end = body.index(">") + 1
    return (html[:start] + "<article data-pagefind-body" + body[:open_end]
            + scaled(body[open_end:] + str(extra), weight) + html[end:])


# ---- English words for Vietnamese text ---------------------------------------------------------
#
# A document's English page is its card: the text stays on the Vietnamese page. The English
# page is still found by the union's terms in English: the glossary's `words` (and the
# abbreviations' written-out terms) that the Vietnamese text uses give their English
# equivalents to the English page's index, weighed by where and how often the text uses them.
# "collective bargaining agreement" on /en/ finds the English pages of the documents saying
# "thỏa ước lao động tập thể", and nothing changes in the box (vb-search.js).

WEIGHT_EN_TITLE = WEIGHT_NAMES      # a term of the document's title: what it is about
# a term used this often in the text, and its weight (fewer: 1)
WEIGHT_EN_USES = ((5, 3.0), (2, 2.0))


def _key(text: str) -> str:
    """Lower case, NFC, new tone placement, single spaces: the marks stay ("công nhân" is
    not "công nhận")."""
    return " ".join(tone_normalize(normalize(text)).lower().split())


_TOKEN = re.compile(r"\w+|[^\w\s]")      # a word, or one mark of punctuation


@dataclass(frozen=True)
class _Equivalents:
    english: dict[str, tuple[str, ...]]      # Vietnamese term (key) → English equivalents
    # a term's first word → (its words, the term), the longest first
    starts: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    within: dict[str, tuple[str, ...]]       # term → the shorter terms it begins with


@lru_cache(maxsize=8)
def _equivalents(words: tuple[Word, ...], terms: tuple[Term, ...]) -> _Equivalents | None:
    english: dict[str, list[str]] = {}
    for word in words:
        english.setdefault(_key(word.vi), []).extend(word.en)
    for term in terms:      # written-out common nouns, not names or type words ("Kế hoạch")
        if term.vi[:1].islower():
            english.setdefault(_key(term.vi), []).append(term.en)
    if not english:
        return None
    starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key in english:
        tokens = tuple(_TOKEN.findall(key))
        if tokens:
            starts.setdefault(tokens[0], []).append((tokens, key))
    for found in starts.values():
        found.sort(key=lambda tk: -len(tk[0]))
    # the shorter terms a term begins with are counted with it ("chủ tịch công đoàn cơ sở"
    # holds "chủ tịch công đoàn")
    within = {key: tuple(other for tokens, other in starts[toks[0]]
                         if other != key and toks[:len(tokens)] == tokens)
              for key in english for toks in [tuple(_TOKEN.findall(key))] if toks}
    return _Equivalents({k: tuple(dict.fromkeys(v)) for k, v in english.items()},
                        {k: tuple(v) for k, v in starts.items()}, within)


def _uses(text: str, found: _Equivalents) -> Counter[str]:
    """How often the text uses each term: at every word, the longest term starting there
    (with the shorter ones it begins with). A dictionary of first words, not one regular
    expression of every term: that tried each term at each word (a quarter of a 1,000-document
    build)."""
    counts: Counter[str] = Counter()
    tokens = _TOKEN.findall(_key(text))
    for i, token in enumerate(tokens):
        for words, key in found.starts.get(token, ()):
            if tuple(tokens[i:i + len(words)]) == words:
                counts[key] += 1
                counts.update(found.within[key])
                break
    return counts


def english_equivalents(title: str, body: str, words: Iterable[Word],
                        terms: Iterable[Term] = ()) -> list[tuple[float, list[str]]]:
    """The English equivalents of the glossary terms a Vietnamese text uses, by weight
    (highest first): its title's at WEIGHT_EN_TITLE, the body's by how often it uses them
    (WEIGHT_EN_USES). An abbreviation the body writes counts as its term once.

    >>> words = [Word("thỏa ước lao động tập thể", ("collective bargaining agreement",),
    ...               None, 1), Word("đoàn viên", ("union member",), None, 2),
    ...          Word("công nhân", ("industrial worker",), None, 3)]
    >>> english_equivalents("Kế hoạch", "ký kết Thoả ước lao động tập thể; đoàn viên, "
    ...                     "đoàn viên và công nhận", words)
    [(2.0, ['union member']), (1.0, ['collective bargaining agreement'])]
    """
    found = _equivalents(tuple(words), tuple(terms))
    if found is None:
        return []
    in_title = _uses(title, found)
    counts = _uses(body, found)
    counts.update(_key(vi) for vi in _glossary_variants(normalize(body), tuple(terms))
                  if _key(vi) in found.english)
    weights: dict[str, float] = {}
    for key, n in counts.items():
        weights[key] = next((w for least, w in WEIGHT_EN_USES if n >= least), 1.0)
    for key in in_title:
        weights[key] = WEIGHT_EN_TITLE
    by_weight: dict[float, list[str]] = {}
    given: set[str] = set()
    for key, weight in sorted(weights.items(), key=lambda kv: -kv[1]):
        fresh = [e for e in found.english[key] if e not in given]
        given.update(fresh)
        if fresh:
            by_weight.setdefault(weight, []).extend(fresh)
    return sorted(by_weight.items(), key=lambda kv: -kv[0])


# ---- building the index -------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """A built page to index: its site-root-relative URL and file."""

    url: str
    path: Path


@dataclass
class Stats:
    pages: int
    languages: list[str]
    bytes: int


def built_pages(site_dir: Path, skip: Iterable[str]) -> Iterator[Page]:
    """Every `index.html` of the built site except the listed URLs and URL prefixes
    (prefixes end in '/*'), and the 404 page."""
    exact = {s for s in skip if not s.endswith("*")}
    prefixes = tuple(s[:-1] for s in skip if s.endswith("*"))
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith((BUNDLE_DIR + "/", FULL_BUNDLE_DIR + "/")) or url in exact \
                or url.startswith(prefixes):
            continue
        yield Page(url, path)


def executable() -> Path:
    """The Pagefind binary shipped in the `pagefind-bin` wheel (no download at build time)."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchError("the pagefind[bin] package is not installed (make setup)") from None
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise SearchError(f"the Pagefind binary is missing: {exc}") from None


def write_index(site_dir: Path, pages: Iterable[tuple[str, str]],
                exclude: Iterable[str] = (), bundle: str = BUNDLE_DIR,
                chunk_size: int | None = None, shares_engine: bool = False,
                shard: Callable[[str], str] | None = None) -> Stats:
    """Index `pages` (site-root-relative URL, HTML as it should be indexed) with Pagefind
    into `<site_dir>/<bundle>/`, leaving out elements matching the CSS selectors `exclude`;
    the bundle is replaced as a whole. `chunk_size`: of the index chunks (see
    CHUNK_SIZE), Pagefind's default when None. `shares_engine`: the bundle is searched with
    another bundle's engine (see WASM_STUB), so it keeps only its index. `shard`: a page's
    URL → the name of its shard (see `shards`): `<bundle>/<name>/` is then a bundle of
    those pages, and `<bundle>/shards.json` lists them by language,
    `{"vi": ["vi-0/", "vi-1/"], "en": ["en-0/"]}`.

    The pages are written to a temporary copy for the Pagefind binary (Pagefind's Python API
    takes one page per round trip: 100 ms a page, 20 times slower than the binary on files).
    """
    with tempfile.TemporaryDirectory(prefix="vanban-search-") as tmp:
        staging = Staging(Path(tmp), shard)
        urls = []
        for url, html in pages:
            staging.write(url, html)
            urls.append(url)
        for name in staging.parts(urls):
            staging.index_part(name, exclude, chunk_size, shares_engine)
        return staging.finish(site_dir / bundle, len(urls))


class Staging:
    """A bundle's pages written for the Pagefind binary, in `folder` (a temporary folder),
    and the bundle it writes there: `write` each page (in any process: the files are what
    is indexed), `index_part` each part (a shard, or "." without shards), then `finish`.
    `listed`: the bundle's SHARDS_FILE lists its parts (the full text's shards; the outline's
    parts are found by `outline_dir`)."""

    def __init__(self, folder: Path, shard: Callable[[str], str] | None = None,
                 listed: bool = True) -> None:
        self.folder, self.shard, self.listed = folder, shard, listed
        self.indexed: list[str] = []

    def part(self, url: str) -> str:
        """The part a page is indexed in: its shard, or "."."""
        return self.shard(url) if self.shard else "."

    def parts(self, urls: Iterable[str]) -> list[str]:
        """The parts of a bundle of these pages, in order."""
        if not self.shard:
            return ["."]
        return sorted({self.part(url) for url in urls}, key=_shard_order) or ["."]

    def write(self, url: str, html: str) -> None:
        target = self.folder / "site" / self.part(url) / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(as_read(html), encoding="utf-8")

    def index_part(self, name: str, exclude: Iterable[str], chunk_size: int | None,
                   shares_engine: bool) -> None:
        """Run Pagefind on one part's pages (see write_index for the options)."""
        _run_pagefind(self.folder / "site" / name, self.folder / "bundle" / name, exclude,
                      chunk_size, shares_engine)
        self.indexed.append(name)

    def keep_part(self, name: str, earlier: Path) -> None:
        """Take an earlier build's bundle of one part (`earlier`), whose pages are the same,
        instead of indexing the part again (hard links where it can: the files stay)."""
        shutil.copytree(earlier, self.folder / "bundle" / name, copy_function=_link_or_copy)
        self.indexed.append(name)

    def finish(self, out: Path, count: int) -> Stats:
        """Put the bundle of the parts indexed in place of `out`; `count`: its pages."""
        staging = self.folder / "bundle"
        staging.mkdir(parents=True, exist_ok=True)
        by_lang: dict[str, list[str]] = {}     # language → its bundles ("vi-0/", "vi-1/", …)
        for name in sorted(self.indexed, key=_shard_order):
            for meta in (staging / name).glob("pagefind.*.pf_meta"):
                by_lang.setdefault(meta.name.split(".")[1].split("_")[0], []).append(name + "/")
        if self.shard and self.listed:
            (staging / SHARDS_FILE).write_text(json.dumps(by_lang, sort_keys=True),
                                               encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(staging), str(out))
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        return Stats(count, sorted(by_lang), size)


def _link_or_copy(src: str, dest: str) -> None:
    try:
        os.link(src, dest)
    except OSError:             # another file system, or one without hard links
        shutil.copy2(src, dest)


def as_read(html: str) -> str:
    """A page prepared by `with_extra` as Pagefind reads it: its head and its indexed body,
    without the rest of the body (header, navigation, footer: a third of the bytes Pagefind
    parses, none indexed), unless an attribute there speaks to Pagefind.

    >>> as_read('<html lang="vi"><head><title>T</title></head><body><nav>…</nav>'
    ...         '<article data-pagefind-body><h1>A</h1></article><footer>…</footer></body></html>')
    '<html lang="vi"><head><title>T</title></head><body><article data-pagefind-body><h1>A</h1>\
</article></body></html>'
    """
    start = html.find("<article data-pagefind-body")
    end = html.rfind("</article>")
    body = html.find("<body")
    if not 0 <= body < start < end or "data-pagefind" in html[body:start] \
            or "data-pagefind" in html[end:]:
        return html
    return (html[:html.index(">", body) + 1] + html[start:end + len("</article>")]
            + "</body></html>")


def _run_pagefind(site: Path, dest: Path, exclude: Iterable[str], chunk_size: int | None,
                  shares_engine: bool) -> None:
    """One Pagefind bundle of the pages under `site` into `dest` (see write_index)."""
    binary = executable()
    site.mkdir(parents=True, exist_ok=True)
    cmd = [str(binary), "--site", str(site), "--output-path", str(dest), "--silent"]
    for selector in exclude:
        cmd += ["--exclude-selectors", selector]
    env = dict(os.environ)
    if chunk_size:
        env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800,
                              check=False, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"{binary}: {exc}") from None
    if done.returncode != 0:
        raise SearchError(f"{binary} exited with {done.returncode}: "
                          f"{(done.stderr or done.stdout).strip()[-2000:]}")
    for pattern in (*UNUSED, *(ENGINE_FILES if shares_engine else ())):
        for f in dest.glob(pattern):
            f.unlink()
    if shares_engine:
        for f in dest.glob("wasm.*.pagefind"):
            f.write_bytes(WASM_STUB)


def shards(pages_by_lang: dict[str, int], lang_of: Callable[[str], str],
           size: int = SHARD_PAGES) -> Callable[[str], str]:
    """A page's URL → its shard, "<language>-<n>": each language's pages split by a hash of
    the URL (stable from build to build) into as many shards as `size` pages each need. A
    shard holds one language: an edit of a Vietnamese page indexes no English page again."""
    counts = {lang: max(1, -(-n // size)) for lang, n in pages_by_lang.items()}

    def shard(url: str) -> str:
        lang = lang_of(url)
        return f"{lang}-{zlib.crc32(url.encode('utf-8')) % counts.get(lang, 1)}"
    return shard


def outline_dir(lang: str) -> str:
    """The folder of a language's outline bundle, site-root relative ("pagefind/vi/")."""
    return f"{BUNDLE_DIR}/{lang}/"


def _shard_order(name: str) -> tuple[str, int]:
    """"." (no shards) first, then by language and number: "vi-2" before "vi-10" (a part
    named by its language alone, as the outline's are: by language)."""
    lang, _, n = name.rpartition("-")
    return (lang, int(n)) if n.isdigit() else ("" if name == "." else name, -1)


def extra_for(text: str, terms: Iterable[Term]) -> Extra:
    """The index-only words every page gets: "đ" words folded, glossary counterparts."""
    extra = Extra()
    page_words = _WORD.findall(normalize(text))
    forms = _term_forms(tuple(terms))
    counterparts = _glossary_of(page_words, forms) if forms else []
    variants = list(dict.fromkeys(counterparts + _d_of(
        page_words + [w for c in counterparts for w in _WORD.findall(normalize(c))])))
    if variants:
        # " · ": a list, not a phrase (vanban.pagefind.pairs joins no words across it)
        extra.weighted.append((WEIGHT_VARIANTS, " · ".join(variants)))
    return extra


# ---- syllable pairs ------------------------------------------------------------------------------
#
# Pagefind scores every page a query matches against every indexed (word, page) entry of the
# query's words and of every longer word they begin ("co" → "co", "con", "cong", "coi", …):
# its time grows with (pages matched) × (entries), and Vietnamese syllables are short, common
# and prefixes of many others. At 2,000 documents "cong doan co so" took 350 ms of Pagefind's
# time alone. Both indexes therefore also hold each pair of adjacent syllables as one
# word ("‿cong‿doan"), and vb-search.js asks for "‿cong‿doan ‿co‿so": two rarer words that
# extend to nothing, on the pages where the words stand together (a phrase, which is what
# the reader's words usually are); it asks again word by word when pairs find few pages.

_PAIR_BREAK = re.compile(r"[^\w\s]|_")
_DIGIT = re.compile(r"\d")


def pairs(text: str) -> list[str]:
    """Adjacent syllables of `text` joined by PAIR (the twin of vb-search.js `pairQuery`).

    >>> pairs("Công đoàn cơ sở")
    ['‿cong‿doan', '‿doan‿co', '‿co‿so']
    >>> pairs("Thuỷ lợi") == pairs("THỦY LỢI")
    True
    >>> pairs("Chỉ thị 34-CT/TW")
    ['‿chi‿thi']
    """
    out: list[str] = []
    # words stand together within a stretch of text without punctuation ("sở; chỉ" is not a
    # phrase, nor two words of a list joined by " · "); numbers break stretches too (they are
    # searched as typed: vb-search.js pairs no query with a digit)
    # folded: Pagefind keeps a word with marks as a variant of its folded form, and Pagefind
    # 1.5 does not count variants when it cuts the index into chunks (pairs with marks made
    # chunks of up to 1 MB)
    # folded word by word (fold() remembers words): the same words as the text folded whole
    # (fold changes each character, or one run of letters, on its own; spaces are neither)
    for stretch in _PAIR_BREAK.split(" ".join(map(fold, text.split()))):
        words = stretch.split()
        if len(words) < 2:
            continue
        if _DIGIT.search(stretch):
            out += [f"{PAIR}{a}{PAIR}{b}" for a, b in pairwise(words)
                    if a.isalpha() and b.isalpha()]
        else:
            out += [f"{PAIR}{a}{PAIR}{b}" for a, b in pairwise(words)]
    return out


# inline elements continue a run of text; any other element starts a new one (no phrase runs
# from one paragraph, cell or heading into the next)
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
                     "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                     "time", "u", "var"))
_WEIGHT = re.compile(r"\d+(\.\d+)?")


def weighted_text(html: str, exclude: frozenset[str]) -> list[tuple[float, str]]:
    """The text Pagefind indexes in an HTML fragment, as (weight, text) runs: headings at
    their weight, `data-pagefind-weight` elements at theirs, elements with a class in
    `exclude` and `data-pagefind-ignore` left out (parsed with lxml)."""
    runs: list[tuple[float, list[str]]] = []
    broken = [True]

    def add(weight: float, text: str | None) -> None:
        if not text or not text.strip():
            return
        if runs and runs[-1][0] == weight and not broken[0]:
            runs[-1][1].append(text)
        else:
            runs.append((weight, [text]))
        broken[0] = False

    def walk(el: lxml_html.HtmlElement, weight: float) -> None:
        if not isinstance(el.tag, str):          # a comment or processing instruction
            return
        if "data-pagefind-ignore" in el.attrib or not exclude.isdisjoint(
                (el.get("class") or "").split()):
            return
        weight = HEADING_WEIGHTS.get(el.tag, weight)
        given = el.get("data-pagefind-weight") or ""
        if _WEIGHT.fullmatch(given):
            weight = float(given)
        block = el.tag not in _INLINE
        broken[0] = broken[0] or block
        add(weight, el.text)
        for child in el:
            walk(child, weight)
            add(weight, child.tail)
        broken[0] = broken[0] or block

    if html.strip():
        walk(lxml_html.fragment_fromstring(html, create_parent="div"), 1.0)
    return [(weight, " ".join(texts)) for weight, texts in runs]


def pair_block(html: str, exclude: Iterable[str] = ()) -> Markup:
    """The pairs of the indexed text of a page prepared by `with_extra` (its main article),
    each run at its weight, as an index-only block; `exclude`: the CSS class selectors left
    out of the index (".vb-resp")."""
    start = html.find("<article")
    end = html.rfind("</article>")
    body = html[start:end] if 0 <= start < end else html
    found: dict[float, list[str]] = {}
    for weight, text in weighted_text(body, frozenset(c.lstrip(".") for c in exclude)):
        found.setdefault(weight, []).extend(pairs(text))
    seen: set[str] = set()
    out = [Markup('<div class="vb-search-pairs">')]
    for weight in sorted(found, reverse=True):
        fresh = [pair for pair in dict.fromkeys(found[weight]) if pair not in seen]
        seen.update(fresh)
        if fresh:
            out.append(Markup('<p data-pagefind-weight="{}">{}</p>').format(
                f"{weight:g}", " ".join(fresh)))
    out.append(Markup("</div>"))
    return Markup("").join(out)


def with_pairs(html: str, exclude: Iterable[str] = ()) -> str:
    """A page prepared by `with_extra`, its syllable pairs added at the end of the body."""
    block = str(pair_block(html, exclude))
    end = html.rfind("</article>")
    if end < 0:
        return html.replace("</div></body>", block + "</div></body>", 1)
    return html[:end] + block + html[end:]
