"""Text handling shared by every layer: decoding, Unicode normalisation and folding.

Vietnamese text arrives in mixed forms: NFC or NFD, the look-alike Ð (U+00D0) for Đ (U+0110),
old and new tone placement (hoá/hóa, thuỷ/thủy), non-breaking spaces. `normalize` makes text
canonical for parsing; `fold` makes it comparable for matching (search keys, agency names).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

# Old-style tone placement → new style, applied only for matching (never to stored text).
# The old style puts the mark on the second vowel of oa/oe/uy; both forms are correct Vietnamese.
_TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_RE = re.compile("|".join(_TONE_PAIRS))

# spaces other than " " and tab: NBSP, en/em/thin/hair … spaces, the ideographic space
ODD_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_SPACE_RE = re.compile(f"[ {ODD_SPACES}]+")
_ZERO_WIDTHS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTHS}]")


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we accept."""


def decode(data: bytes) -> str:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 (with BOM, or BOM-less LE/BE).

    Raises DecodeError for binary data or bytes that are not valid in those encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        encoding = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        encoding = "utf-16-le"
    elif len(data) >= 4 and data[0::2].count(0) > len(data) // 4:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{encoding}: byte {exc.start}") from exc
    if "\x00" in text:
        raise DecodeError("NUL character (binary file)")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > 8:
        raise DecodeError("control characters (binary file)")
    return text


def normalize(text: str) -> str:
    """Canonical text for parsing: NFC, Đ for the look-alike Ð, LF line ends, no zero-widths.

    Line count is preserved (so line numbers keep pointing at the source).
    """
    if "\r" in text or "\f" in text or "\v" in text:
        for end in ("\r\n", "\r", "\f", "\v"):
            text = text.replace(end, "\n")
    text = nfc(text)
    text = text.replace("\u00d0", "\u0110")  # Ð (Icelandic eth) → Đ
    if any(ch in text for ch in _ZERO_WIDTHS):  # `in` is far cheaper than a regex scan
        text = _ZERO_WIDTH_RE.sub("", text)
    return text


def nfc(text: str) -> str:
    """`unicodedata.normalize("NFC", text)`, line by line.

    The same result (a line break never composes with its neighbours), but cheaper: one
    combining mark anywhere makes NFC of the whole text recompose every character (seed 003
    has seven), while line by line only the lines that hold one pay. A text without the
    Vietnamese combining marks is first checked whole (one call instead of one per line).
    """
    if text.isascii():
        return text
    if not any(map(text.__contains__, _COMBINING_TONES)) and unicodedata.is_normalized("NFC", text):
        return text  # the whole text at once: cheap without combining marks
    lines = text.split("\n")
    for i, done in enumerate(map(_is_nfc, lines)):
        if not done:
            lines[i] = unicodedata.normalize("NFC", lines[i])
    return "\n".join(lines)


_is_nfc = functools.partial(unicodedata.is_normalized, "NFC")


# the combining marks of decomposed Vietnamese: grave, acute, tilde, hook, dot below, circumflex,
# breve, horn
_COMBINING_TONES = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"

# whitespace that str.split() breaks at but clean_spaces() keeps: line and paragraph separators,
# control codes, the Ogham space mark
_KEPT_SPACES = "\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"


def clean_spaces(line: str) -> str:
    """Collapse runs of spaces (including NBSP and tabs) into one and strip the ends.

    >>> clean_spaces("  Số:\t17/CTr-LĐLĐ\u00a0 ")
    'Số: 17/CTr-LĐLĐ'
    """
    stripped = line.strip()
    if "  " not in stripped and stripped.isprintable():
        # every space inside is a single " " (a tab, NBSP … is not printable): nothing to
        # collapse; most lines are so, also those a Word export indents with a tab
        return stripped
    if not any(map(line.__contains__, _KEPT_SPACES)):
        return " ".join(line.split())  # the same, done by str.split() (far faster)
    return _SPACE_RE.sub(" ", line.replace("\t", " ")).strip()


def at_most_words(text: str, n: int) -> bool:
    """`len(text.split()) <= n`, without cutting a long text into all of its words.

    >>> at_most_words("Ban Tổ chức Tỉnh ủy", 4), at_most_words("Ban Tổ chức Tỉnh ủy", 5)
    (False, True)
    """
    if len(text) < 2 * n:  # n + 1 words need 2n + 1 characters (one, a space, one …)
        return True
    return len(text.split(None, n)) <= n


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {0x0111: "d", 0x0110: "d", 0x00D0: "d", 0x00F0: "d"}
    for code in range(0x00C0, 0x2000):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch)
                       if unicodedata.category(c) != "Mn")
        if base != ch and base.isascii():
            table[code] = base.lower()
    return table


_FOLD = _fold_table()


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(m: re.Match[str]) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", m.group(0))
                   if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Matching key: lower case, no diacritics, đ→d, single spaces.

    >>> fold("Liên đoàn Lao động tỉnh Bình Định")
    'lien doan lao dong tinh binh dinh'
    >>> fold("Thuỷ") == fold("THỦY") == fold(unicodedata.normalize("NFD", "thủy"))
    True
    >>> fold("\u00d0ảng"), fold("\u00f0ảng")   # the look-alike Ð/ð count as Đ/đ
    ('dang', 'dang')
    """
    # names and words repeat (cached); a page's text does not (not kept in memory)
    return _fold_short(text) if len(text) <= 200 else _fold(text)


@functools.lru_cache(maxsize=65536)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    if not text.isascii():  # combining marks left over (rare letters): strip them, in the
        # few runs of what is still not ASCII ("·", "–" make a whole page non-ASCII)
        text = _NON_ASCII_RUN.sub(_strip_marks, text)
    return _SPACE_RE.sub(" ", text).strip()


def tone_normalize(text: str) -> str:
    """Old tone placement → new (hoá → hoà is NOT done; hóa → hoá is), for exact matching."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], unicodedata.normalize("NFC", text))


_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)   # letters and digits: "_" is not a word


def words(text: str) -> list[str]:
    """The words of a text (letters and digits), NFC, in order; used by the lossless checks."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text))


def number_key(number: str) -> str:
    """Comparison key of a document number: folded, no spaces, "TƯ" (Trung ương) as "TW".

    >>> number_key("02-NQ/TƯ") == number_key("02-NQ/TW") == number_key(" 02 - NQ/tw")
    True
    """
    key = _ANY_SPACE.sub("", fold(number))
    return _TU_CODE.sub("tw", key)


_ANY_SPACE = re.compile(r"\s+")
_TU_CODE = re.compile(r"(?<=/)tu\b")  # "NQ/TƯ": Trung ương, written TW


def mostly_upper(text: str) -> bool:
    """At least 85 % of the letters are capitals: a header line, a type line, a signer's title.

    >>> mostly_upper("LIÊN ĐOÀN LAO ĐỘNG TỈNH"), mostly_upper("Số: 17/CTr-LĐLĐ"), mostly_upper("12")
    (True, False, False)
    """
    letters = "".join(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)
