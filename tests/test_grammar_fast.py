"""The fast matching helpers give exactly the matches of the plain patterns they replace.

The converter avoids regex scans that try a case-insensitive alternation at every position
(see "fast matching helpers" in vanban/grammar.py). Each shortcut is checked here against the
straightforward pattern or code, on random text built from the words the patterns look for.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vanban import grammar as g
from vanban import parser as p
from vanban.extract import (
    _CLAUSE_END,
    _HAS_NUMBER,
    _SUBJECT_TAIL,
    _clauses,
    _drop_subject_tail,
    _first_digit,
)
from vanban.text import _SPACE_RE, at_most_words, clean_spaces

# words the patterns look for, in several cases, and characters that trip case-insensitivity
WORDS = [
    "số ", "Số", "Nghị quyết ", "NGHỊ QUYẾT ", "nghị quyết", "Chỉ thị ", "CTr ", "CT", "NQ",
    "chương trình hành động ", "hành động", "Luật ", "bộ luật ", "hơn ", "HƠN ", "không ít hơn ",
    "đạt trên ", "Đạt ", "trên ", "trở lên", " trở  xuống", "đoàn viên", " người", " lớp",
    "tối thiểu ", "không vượt quá ", "quý IV/2021", "trước ngày 30/5", "hoàn thành tháng 01/2022",
    "định kỳ 6 tháng", "Hằng năm", "hàng quý", "thường xuyên", "trong năm 2022", "Đến năm 2025",
    "mỗi năm", "đến hết nhiệm kỳ", "Nhiệm kỳ 2023 - 2028", "CUỐI NHIỆM KỲ", "chủ trì", "CHỦ TRÌ",
    "phối hợp với ", "nhiệm", "kỳ", "KỲ", "2023", "DƯỚI", "Từ", "; ", ";\t\n", "có\n",
    "Phấn đấu", "chỉ tiêu", "ít nhất", "từ ", "có ", "dưới", "theo ", "số\t", "Trên đây là",
    "İ", "ı", "ſ", "K", " ", "  ", "\t", "\u00a0", ",", ".", ";", "/", "-", "%", "(", ")", "”",
    "0", "12", "105.000", "1234", "02-NQ/TW", "25/Ctr- LĐLĐ", "x", "a", "đ", "012", "00",
    "\u0663", "\U0001d7d8", "\u00b2",  # an Arabic-Indic and a mathematical digit, a superscript
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=14).map("".join)


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_cued_patterns_match_like_their_regex(text: str) -> None:
    for name, cued in vars(g).items():
        if isinstance(cued, g.Cued):
            assert _spans(cued.finditer(text)) == _spans(cued.pattern.finditer(text)), name
            plain = cued.pattern.search(text)
            assert (cued.search(text) or plain) is None or cued.search(text).span() == plain.span()


def test_lowered_is_what_ignorecase_matches() -> None:
    """For every cased character c and every letter of the start words: IGNORECASE matches c
    to the letter exactly when lowered(c) is the letter (so `find` on lowered text is exact)."""
    letters = {ch for v in vars(g).values() if isinstance(v, g.Cued) for w in v.starts for ch in w}
    cased = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
             and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))]
    for letter in letters:
        pat = re.compile(re.escape(letter), re.IGNORECASE)
        for c in [*cased, letter]:
            assert bool(pat.fullmatch(c)) == (g.lowered(c) == letter), (letter, c)
    assert all(len(g.lowered(c)) == 1 for c in cased)


def test_needed_characters_match_only_themselves() -> None:
    """A Cued pattern's `needs` (a text without them is turned away unlowered) holds every
    character that IGNORECASE takes for one of them."""
    needy = [v for v in vars(g).values() if isinstance(v, g.Cued) and v.needs]
    assert needy
    for cued in needy:
        pat = re.compile(f"[{re.escape(cued.needs)}]", re.IGNORECASE)
        for c in range(0x110000):
            if not 0xD800 <= c <= 0xDFFF and pat.fullmatch(chr(c)):
                assert chr(c) in cued.needs, (cued.pattern.pattern, chr(c))
        assert cued.search("đến hết nhiệm ky 2020 - 2025, chủ tri") is None


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("hoàn thành tháng 01/2022/số ")      # a year between number and code (found by it)
def test_number_first_patterns_match_like_the_plain_ones(text: str) -> None:
    short = re.compile(r"(?<![\w/.,-])\d{1,5}(?![\d/.,-]?\w)")
    assert _spans(g.SHORT_NUMBER.finditer(text)) == _spans(short.finditer(text))
    # (a law's year between number and code, "217/2025/NĐ-CP", as CITE_NUMBER_RE reads it)
    number = re.compile(r"(?<![\w/-])\d+(?:\s*/\s*(?:19|20)\d\d(?=\s*/))?" + g._CITE_CODE_PART)
    assert _spans(g.CITE_NUMBER_RE.finditer(text)) == _spans(number.finditer(text))
    for numbers in ({"12"}, {"2", "1234"}, {"0"}):  # only the mentions of cited numbers
        assert g.find_short_citations(text, 0, numbers) == [
            c for c in g.find_short_citations(text) if (c.number.lstrip("0") or "0") in numbers]
    for pos in range(len(text) + 1):
        for lo in (0, max(0, pos - 40)):
            plain = g.CITE_TYPE.search(text, max(lo, pos - 40), pos)
            assert g.TYPE_BEFORE.find(text, pos, lo) == (
                (plain.group("type"), plain.start()) if plain else None)


# agency names and what ends them: verbs in both cases, spaces, colons, commas
AGENCY_TEXTS = st.lists(st.sampled_from([
    "Ban Tổ chức", "Văn phòng", " ", "  ", "\t", "\u00a0", ":", " :", ",", ", ", "chủ trì",
    "Chủ trì", "tổ chức", "Tổ chức", "làm", "làmx", "phối  hợp", "cần", "x", "\n", "đ", "các",
    "những",
]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(AGENCY_TEXTS)
def test_class_first_patterns_match_like_the_plain_ones(text: str) -> None:
    """AGENCY_END and PERCENT, written to start with a character class (so that the engine
    skips ahead), find what the plain patterns find."""
    agency_end = re.compile(rf"\s*:|(?<!,)(?<!các)(?<!những)\s+(?:{g._AGENCY_VERBS})\b")
    assert _spans(g.AGENCY_END.finditer(text)) == _spans(agency_end.finditer(text))
    for pos in range(len(text) + 1):
        plain, fast = agency_end.search(text, pos), g.AGENCY_END.search(text, pos)
        assert (plain and plain.span()) == (fast and fast.span())


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_percent_matches_like_the_plain_pattern(text: str) -> None:
    percent = re.compile(g.PERCENT.pattern.replace(g.DIGIT + r"\d{0,2}", r"\d{1,3}", 1),
                         re.IGNORECASE)
    assert percent.pattern != g.PERCENT.pattern
    assert [m.groupdict() | {"span": m.span()} for m in g.PERCENT.finditer(text)] == \
        [m.groupdict() | {"span": m.span()} for m in percent.finditer(text)]


def test_digit_class_is_a_decimal_digit() -> None:
    """g.DIGIT matches exactly the characters `\\d` matches, in either case mode."""
    plain = re.compile(r"\d")
    fast, fast_i = re.compile(g.DIGIT), re.compile(g.DIGIT, re.IGNORECASE)
    for c in range(0x110000):
        ch = chr(c)
        assert bool(fast.match(ch)) == bool(fast_i.match(ch)) == bool(plain.match(ch)), hex(c)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_digit_first_patterns_match_like_the_plain_ones(text: str) -> None:
    """The patterns that start with g.DIGIT find what they find with `\\d` instead."""
    for pattern in (g.PERCENT, g.COUNT, g.SHORT_NUMBER, g.CITE_NUMBER_RE, _HAS_NUMBER):
        assert g.DIGIT in pattern.pattern
        plain = re.compile(pattern.pattern.replace(g.DIGIT, r"\d"), pattern.flags)
        for pos in (0, len(text) // 2):
            assert [m.groupdict() | {"span": m.span()} for m in pattern.finditer(text, pos)] == \
                [m.groupdict() | {"span": m.span()} for m in plain.finditer(text, pos)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, st.lists(st.sampled_from(
    ["12", "a", "A", "/", "-", " ", "QĐ", "Ư", "ư", "UBND", "TW", "x", "số "]), max_size=12)
    .map("".join)))
def test_number_prefilter_never_hides_a_cited_number(text: str) -> None:
    """extract's _HAS_NUMBER pre-check finds something wherever CITE_NUMBER_RE does ("12a/",
    codes starting with "Ư"): a narrower check silently dropped those citations."""
    if g.CITE_NUMBER_RE.search(text):
        assert _HAS_NUMBER.search(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_spaced_words_found_like_the_plain_search(text: str) -> None:
    """TERM and LEAD_CUE found from their needed characters give the plain search's match."""
    spaced = [v for v in vars(g).values() if isinstance(v, g.Cued) and v.spaced]
    assert len(spaced) == 2
    for cued in spaced:
        plain, fast = cued.pattern.search(text), cued.search_unlowered(text)
        assert (plain and plain.span()) == (fast and fast.span()), cued.pattern.pattern
    assert g.TERM.search_unlowered("Nhiệm  \t kỲ 2020 - 2025 và nhiệm kỳ 2023-2028").span() == \
        (0, 23)
    assert g.LEAD_CUE.search_unlowered("X chủ trinh, CHỦ\u00a0 TRÌ, phối hợp").span() == (13, 21)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_clauses_and_count_qualifier_as_the_plain_patterns(text: str) -> None:
    clauses = _clauses(text)
    assert [c for _, c in clauses] == _CLAUSE_END.split(text)
    assert all(text.startswith(c, start) for start, c in clauses)
    for end in range(len(text) + 1):  # every head a count can have
        head = text[:end]
        assert g.count_qualified(head) == bool(g.COUNT_QUALIFIER.pattern.search(head)), head


LINE_STARTS = st.lists(st.sampled_from([
    "Nơi nhận:", "NƠI  NHẬN", "TM. ", "T/M ", "KT.", "Q/", "PHÓ ", "CHỦ TỊCH", "Bí thư",
    "TRƯỞNG BAN", "PHỤ LỤC", "Phụ lục", " SỐ", " 2", "I", "KẾ HOẠCH", "Kế hoạch", "chỉ thị",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG", " ", "\t", "x", "ĐOÀN", "-", ".", ":", "\n",
]), max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINE_STARTS)
def test_closing_or_part_matches_whatever_one_of_its_patterns_matches(text: str) -> None:
    any_one = any(pat.match(text) for pat in (g.RECIPIENTS, g.AUTHORITY, g.SIGNER_TITLE,
                                              g.APPENDIX, g.TYPE_LINE))
    assert bool(p._CLOSING_OR_PART.match(text)) == any_one


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_values_match_like_a_regex_with_the_comparator_in_front(text: str) -> None:
    before = "|".join(sorted(map(re.escape, g.COMPARATOR_BEFORE), key=len, reverse=True))
    for pattern in (g.PERCENT, g.COUNT):
        plain = re.compile(rf"(?:(?P<before>{before})\s+)?(?:{pattern.pattern})", re.IGNORECASE)
        expected = [(m.start(), m.end(), m.group("num"), m.groupdict().get("unit"),
                     m.group("before"), m.group("after")) for m in plain.finditer(text)]
        assert [(v.start, v.end, v.num, v.unit, v.before, v.after)
                for v in g.find_values(pattern, text)] == expected
        # the search may start at the first digit: the comparator before it is still found
        digit = _first_digit(text)
        if digit >= 0:
            assert [(v.start, v.end, v.num, v.unit, v.before, v.after)
                    for v in g.find_values(pattern, text, digit)] == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_end_anchored_shortcuts(text: str) -> None:
    assert g.ends_sentence(text) == bool(g.SENTENCE_END.search(text))
    assert p._ends_on_connective(text) == bool(p._CONNECTIVES.search(text))
    assert clean_spaces(text) == _SPACE_RE.sub(" ", text.replace("\t", " ")).strip()


# every kind of space str.split() knows: tabs, odd spaces (NBSP …), line separators, controls
SPACED = st.lists(st.sampled_from(["a", "Đ", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000",
                                   "\u2028", "\x1c", "\x85", "\x0b", "\n", "."]),
                  max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(SPACED)
def test_clean_spaces_collapses_as_the_plain_pattern(text: str) -> None:
    """Its shortcuts (strip() alone when every inner space is a single " ", str.split()
    without line separators) give what the plain pattern gives, for every kind of space."""
    for line in text.split("\n"):
        assert clean_spaces(line) == _SPACE_RE.sub(" ", line.replace("\t", " ")).strip(), line


@settings(max_examples=300, deadline=None)
@given(SPACED, st.integers(min_value=0, max_value=9))
def test_at_most_words_counts_as_split_does(text: str, n: int) -> None:
    assert at_most_words(text, n) == (len(text.split()) <= n)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["và", "hoặc", "Và", " ", "\t", "\u00a0", ",", ".", "x", "v"]),
                max_size=10).map("".join))
def test_subject_tail_dropped_as_the_regex_drops_it(text: str) -> None:
    text = text.strip()
    assert _drop_subject_tail(text) == _SUBJECT_TAIL.sub("", text)


def test_count_look_ahead_admits_every_unit() -> None:
    """COUNT's look-ahead before the unit admits the first letter of every unit word."""
    ahead, units = re.search(r"\(\?=(\[[^]]+\])\)\(\?P<unit>(.*?)\)\(\?:", g.COUNT.pattern).groups()
    first = re.compile(ahead, re.IGNORECASE)
    for unit in re.split(r"\|(?![^()]*\))", units):
        assert first.match(unit[0]), unit


# stars in every position: next to letters, digits, "_", spaces and each other
STARRED = st.lists(st.sampled_from(["*", "**", "***", "a", "Đ", "0", "_", " ", "\t", ".", "\n"]),
                   max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(STARRED)
def test_star_first_emphasis_matches_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"(?<!\w)\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?!\w)")
    assert _spans(g.EMPHASIS.finditer(text)) == _spans(plain.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=20)))
def test_first_digit_is_where_a_digit_search_finds_one(text: str) -> None:
    m = re.search(r"\d", text)
    assert _first_digit(text) == (m.start() if m else -1)


# lines each pattern matches, to check FIRST_CHARS against
EXAMPLES = {
    g.CHAPTER: ["Chương I", "CHƯƠNG 2. QUY ĐỊNH CHUNG"], g.MUC: ["Mục 1. Phạm vi", "MỤC 2"],
    g.ARTICLE: ["Điều 1. Ban hành", "ĐIỀU 2: Hiệu lực"], g.ROMAN: ["III. TỔ CHỨC", "IV: X"],
    g.DOTTED: ["2.1. Chỉ tiêu", "1.2 Mục tiêu"], g.ARABIC: ["1. Cấp ủy", "10) Tiếp tục"],
    g.ALPHA: ["a) Tuyên truyền", "đ) Khác"], g.PAREN: ["(1) Tập trung", "(b) Hai"],
    g.BULLET: ["- Phấn đấu", "+ cộng", "* Đến năm 2025", "• x"],
    g.RECIPIENTS: ["Nơi nhận:", "NƠI NHẬN: - Như trên;"], g.AUTHORITY: ["TM. BAN", "K/T TRƯỞNG"],
    g.SIGNER_TITLE: ["PHÓ CHỦ TỊCH", "BÍ THƯ", "GIÁM ĐỐC"], g.APPENDIX: ["PHỤ LỤC I", "Phụ lục"],
    g.LABELLED: ["Đơn vị chủ trì: Văn phòng", "cơ quan phối hợp: Sở", "Phối hợp: Ban",
                 "Thời gian: Quý II", "TIẾN ĐỘ: 2026", "chủ trì: Ban"],
    g.GIVE: ["Giao Ban Tuyên giáo tham mưu", "đề nghị Ủy ban MTTQ", "Yêu cầu các cấp"],
    g.GAZETTE_HEADER: ["CÔNG BÁO/Số 123 + 124/Ngày 01-02-2026", "công báo / số 5/ngày 1.2.2026"],
    g.SIGNATURE_STAMP: ["Người ký: Văn phòng Chính phủ", "Email: vpcp@chinhphu.vn",
                        "Cơ quan: Văn phòng", "Thời gian ký: 01.02.2026", "Ký bởi: X",
                        "Signature Not Verified", "signed by: X", "ngày ký: 1"],
    g.CLOSING_FORMULA: ["Trên đây là Kế hoạch", "TRÊN ĐÂY LÀ"],
}


def test_first_characters_of_line_patterns() -> None:
    """A pattern never matches a line that starts with a character not in its FIRST_CHARS."""
    assert set(EXAMPLES) == set(g.FIRST_CHARS)
    others = [chr(c) for c in range(0x3000) if not 0xD800 <= c <= 0xDFFF]
    for pat, examples in EXAMPLES.items():
        allowed = g.FIRST_CHARS[pat]
        for sample in examples:
            assert pat.match(sample) and sample[0] in allowed, sample
            for c in others:
                if c not in allowed and not (c.isdecimal() and "0" in allowed):
                    assert not pat.match(c + sample[1:]), (pat.pattern, c)
