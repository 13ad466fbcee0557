"""The search index prepared fast (issue 20): with the faster word functions, Pagefind is
given the same pages, byte for byte, as with their plain definitions."""

from __future__ import annotations

import itertools
import re
import unicodedata

from conftest import ROOT
from mkdocs.config import load_config

from vanban import pagefind
from vanban.site import events
from vanban.text import fold, normalize

# Pagefind writes its filter maps in a random order (tests/test_cache.py): those files, and
# the meta and entry files naming them, are compared by name only
_RANDOM = re.compile(r"(^|/)(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$")


# ---- the faster word functions are their plain definitions ---------------------------------

TRICKY = [
    "Công đoàn cơ sở; chỉ thị 34-CT/TW · kế hoạch",
    unicodedata.normalize("NFD", "Liên đoàn Lao động tỉnh Điện Biên, THỦY LỢI"),
    "a \u0301b c\u00a0d\u2003e\u200bf\tg\nh  i",      # a mark after a space, odd spaces
    "ΟΔΟΣ ΑΣ Σ İstanbul Ǆ ǅungla ß ﬁ",                # final sigma, letters that lower long
    "_x_ y__z 12a b3 ½ ² Ⅻ x",
    "\u0301\u0323 Ð ð Đ đ Ɖ",
]


def _texts() -> list[str]:
    docs = sorted((ROOT / "docs" / "van-ban").glob("*.md"))
    return TRICKY + [p.read_text(encoding="utf-8") for p in docs]


def _pairs_whole(text: str) -> list[str]:
    """`pagefind.pairs` as first written: the text folded whole."""
    out: list[str] = []
    for stretch in re.split(r"[^\w\s]|_", fold(text)):
        words = stretch.split()
        if len(words) < 2:
            continue
        digits = bool(re.search(r"\d", stretch))
        out += [f"\u203f{a}\u203f{b}" for a, b in itertools.pairwise(words)
                if not digits or (a.isalpha() and b.isalpha())]
    return out


def test_pairs_fold_word_by_word_as_the_whole_text() -> None:
    assert pagefind.pairs("Công đoàn cơ sở") == ["‿cong‿doan", "‿doan‿co", "‿co‿so"]
    for text in _texts():
        for line in [text, *text.splitlines()]:
            assert pagefind.pairs(line) == _pairs_whole(line), line[:200]


def test_d_words_and_glossary_counterparts_as_defined() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    terms = events.load(config).glossary
    assert terms
    forms = pagefind._term_forms(tuple(terms))
    for text in _texts():
        normalized = normalize(text)
        d_words = dict.fromkeys(re.findall(r"\w*[đĐ]\w*", normalized))
        assert pagefind._d_variants(normalized) == list(dict.fromkeys(map(fold, d_words)))
        words = re.findall(r"\w+", normalized)
        exact = f" {' '.join(words)} "
        folded = f" {' '.join(fold(w) for w in words)} "
        expected: list[str] = []
        for term in forms:
            if term.abbr in exact:
                expected.append(term.vi)
            if term.expansion and term.expansion in folded:
                expected.extend(term.abbr_forms)
        assert pagefind._glossary_variants(normalized, terms) == expected
    assert pagefind.d_variants("Liên đoàn Lao động tỉnh Điện Biên, Đảng đoàn") == [
        "doan", "dong", "dien", "dang"]
