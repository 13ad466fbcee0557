"""The portal's URL scheme, in one place, and relative links between pages.

URLs are site-root relative, directory style, without a leading slash. The default language
(Vietnamese) lives at the root, every other language under "<lang>/". Every kind of page
(home, document, its parts, the indexes, agencies, glossary, progress, news, feed, downloads)
has its source path and URL in the registry of page kinds, `vanban.site.kinds.KINDS`:
`van-ban/<slug>/`, `van-ban/loai/<type>/trang/2/`, `co-quan/<id>/`, `tien-do/nam/2025/`, ….

English URLs are the same under `en/` (`en/van-ban/<slug>/`, `en/co-quan/<id>/`); an English
document page is the document's card without its (Vietnamese) text, so it has no parts, and a
link to a paragraph of the text leads to the Vietnamese page (`Ctx.href`).

Pages link to each other with `relative()`, never with absolute paths, so the site works
under any sub-path (`https://example.org/cong-doan/`). Every path segment and anchor comes
from `vanban.slug`.

>>> url("agency", "ldld-binh-dinh", "en")
'en/co-quan/ldld-binh-dinh/'
>>> relative("co-quan/ldld-binh-dinh/", url("document", "ctr-17-ldld-2021", "vi") + "#l111")
'../../van-ban/ctr-17-ldld-2021/#l111'
>>> relative("en/van-ban/", "en/"), relative("", "van-ban/"), relative("van-ban/", "van-ban/")
('../', 'van-ban/', './')
"""

from __future__ import annotations

import functools
import posixpath

from ..slug import slugify
from .labels import DEFAULT_LANG

# CSV and JSON downloads, written into the site at build time; the same files for every language
DOWNLOADS_DIR = "tien-do/du-lieu"

# Anchors of the sections the portal adds to pages (never clash with the body's s-…/l… ids).
CARD_ID = slugify("vb thong tin")                 # vb-thong-tin
RESPONSIBILITIES_ID = slugify("vb trach nhiem")   # vb-trach-nhiem
CITES_ID = slugify("vb trich dan")                # vb-trich-dan
CITED_BY_ID = slugify("vb duoc trich dan")        # vb-duoc-trich-dan
CHAIN_ID = slugify("vb chuoi thuc hien")          # vb-chuoi-thuc-hien
TEXT_ID = slugify("vb toan van")                  # vb-toan-van (the text, on the vi page)
TASKS_ID = slugify("vb nhiem vu")                 # vb-nhiem-vu (agency page)
ISSUED_ID = slugify("vb van ban ban hanh")        # vb-van-ban-ban-hanh (agency page)


def in_text(anchor: str) -> bool:
    """Whether `anchor` of a document page is in the document's text (a paragraph `l112`, a
    section `s-i`, the text itself), not in what the portal adds (its ids start "vb-").

    >>> in_text("l112"), in_text("s-ii"), in_text(TEXT_ID), in_text(CITES_ID), in_text("")
    (True, True, True, False, False)
    """
    return bool(anchor) and (anchor == TEXT_ID or not anchor.startswith("vb-"))


def prefix(lang: str) -> str:
    """'' for the default language, 'en/' for English."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def key_slug(key: str) -> str:
    return slugify(key) or "khac"


def part_key(slug: str, number: int) -> str:
    """Key of part `number` of a long document (see vanban.site.split).

    >>> url("part", part_key("ctr-17-ldld-2021", 2), "en")
    'en/van-ban/ctr-17-ldld-2021/2/'
    """
    return f"{key_slug(slug)}/{number}"


def page_key(key: str, number: int) -> str:
    """Key of page `number` (≥ 2) of a long listing (documents of a type or a year, tasks of
    an agency); page 1 is the listing's own page.

    >>> url("agency_page", page_key("ldld-binh-dinh", 2), "en")
    'en/co-quan/ldld-binh-dinh/trang/2/'
    >>> split_page_key("2021/trang/3")
    ('2021', 3)
    """
    return f"{key_slug(key)}/trang/{number}"


def split_page_key(key: str) -> tuple[str, int]:
    """(listing key, page number) of a `page_key`; (key, 1) for anything else."""
    base, sep, number = key.rpartition("/trang/")
    return (base, int(number)) if sep and number.isdigit() else (key, 1)


@functools.cache
def _kind(kind: str) -> tuple[str, str, bool, str | None]:
    """(source pattern, URL pattern, raw key, English URL pattern) of a kind of page."""
    from .kinds import KINDS  # the registry imports the views, which import this module
    found = KINDS[kind]
    return found.source, found.url, found.raw_key, found.url_en


def _key(raw: bool, key: str) -> str:
    if not key:
        return ""
    return key if raw else key_slug(key)


def src_uri(kind: str, key: str = "") -> str:
    source, _url, raw, _en = _kind(kind)
    return source.format(key=_key(raw, key))


def url(kind: str, key: str = "", lang: str = DEFAULT_LANG) -> str:
    """The page's URL in `lang`: the default language's under "<lang>/", or the kind's
    English URL (`Kind.url_en`: `han/` is `en/deadlines/`)."""
    _source, pattern, raw, english = _kind(kind)
    if english is not None and lang == "en":
        pattern = english
    return prefix(lang) + pattern.format(key=_key(raw, key))


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url` (both site-root relative, '#frag' kept)."""
    path, hash_, frag = to_url.partition("#")
    base = _dir_parts(from_url)
    target = [p for p in path.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    out = "/".join(parts)
    if path.endswith("/") or not path or path in (".", "./"):
        out = (out + "/") if out else "./"
    return out + (hash_ + frag if hash_ else "")


def _dir_parts(page_url: str) -> list[str]:
    page_url = page_url.split("#", 1)[0]
    if not page_url.endswith("/"):
        page_url = posixpath.dirname(page_url)
    return [p for p in page_url.split("/") if p not in ("", ".")]
