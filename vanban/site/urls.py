"""The portal's URL scheme, in one place, and relative links between pages.

URLs are site-root relative, directory style, without a leading slash. The default language
(Vietnamese) lives at the root, every other language under "<lang>/":

| page                        | source (generated unless noted) | vi URL              |
|-----------------------------|---------------------------------|---------------------|
| home                        | index.md, index.en.md (written) | `` (en: `en/`)      |
| document                    | van-ban/<slug>.md (imported)    | `van-ban/<slug>/`   |
| part n ≥ 2 of a very long document (> 300 KB) | van-ban/<slug>/<n>.md | `van-ban/<slug>/2/` |
| document index              | van-ban/index.md                | `van-ban/`          |
| documents of one type       | van-ban/loai/<type>.md          | `van-ban/loai/ctr/` |
| … page n ≥ 2 of that list   | van-ban/loai/<type>/trang/<n>.md | `van-ban/loai/ctr/trang/2/` |
| documents of one year       | van-ban/nam/<year>.md           | `van-ban/nam/2021/` |
| … page n ≥ 2 of that list   | van-ban/nam/<year>/trang/<n>.md | `van-ban/nam/2021/trang/2/` |
| agency index                | co-quan/index.md                | `co-quan/`          |
| agency (data/agencies.yml)  | co-quan/<agency-id>.md          | `co-quan/<id>/`     |
| … its tasks, page n ≥ 2     | co-quan/<agency-id>/trang/<n>.md | `co-quan/<id>/trang/2/` |
| glossary (data/glossary.yml)| thuat-ngu/index.md              | `thuat-ngu/`        |
| target progress dashboard   | tien-do/index.md                | `tien-do/`          |
| progress of one document    | tien-do/van-ban/<slug>.md       | `tien-do/van-ban/<slug>/` |
| targets due in a year       | tien-do/nam/<year>.md (hang-nam, het-nhiem-ky) | `tien-do/nam/2025/` |
| targets of an agency        | tien-do/co-quan/<agency-id>.md  | `tien-do/co-quan/<id>/` |
| targets with a status       | tien-do/trang-thai/<status>.md  | `tien-do/trang-thai/on-track/` |
| … page n ≥ 2 of a facet     | tien-do/<facet>/<key>/trang/<n>.md | `tien-do/nam/2025/trang/2/` |
| downloads (CSV, JSON)       | written at build time           | `tien-do/du-lieu/<slug>.csv` |
| news index, page 1          | tin-tuc/index.md                | `tin-tuc/`          |
| news index, page n ≥ 2      | tin-tuc/trang/<n>.md            | `tin-tuc/trang/2/`  |
| news post                   | tin-tuc/<date>-<slug>.md (written) | `tin-tuc/<date>-<slug>/` |
| news feed (Atom)            | tin-tuc/feed.xml                | `tin-tuc/feed.xml`  |

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

import posixpath

from ..slug import slugify
from .labels import DEFAULT_LANG

# kind → (source path pattern, URL pattern); "{key}" is a slug
_SCHEME: dict[str, tuple[str, str]] = {
    "home": ("index.md", ""),
    "document": ("van-ban/{key}.md", "van-ban/{key}/"),
    "part": ("van-ban/{key}.md", "van-ban/{key}/"),          # key: part_key(slug, n)
    "documents": ("van-ban/index.md", "van-ban/"),
    "type": ("van-ban/loai/{key}.md", "van-ban/loai/{key}/"),
    "type_page": ("van-ban/loai/{key}.md", "van-ban/loai/{key}/"),   # key: page_key(type, n)
    "year": ("van-ban/nam/{key}.md", "van-ban/nam/{key}/"),
    "year_page": ("van-ban/nam/{key}.md", "van-ban/nam/{key}/"),
    "agencies": ("co-quan/index.md", "co-quan/"),
    "agency": ("co-quan/{key}.md", "co-quan/{key}/"),
    "agency_page": ("co-quan/{key}.md", "co-quan/{key}/"),          # key: page_key(id, n)
    "glossary": ("thuat-ngu/index.md", "thuat-ngu/"),
    # target progress (vanban.site.progress)
    "progress_index": ("tien-do/index.md", "tien-do/"),
    "progress": ("tien-do/van-ban/{key}.md", "tien-do/van-ban/{key}/"),
    "progress_year": ("tien-do/nam/{key}.md", "tien-do/nam/{key}/"),
    "progress_agency": ("tien-do/co-quan/{key}.md", "tien-do/co-quan/{key}/"),
    "progress_status": ("tien-do/trang-thai/{key}.md", "tien-do/trang-thai/{key}/"),
    # page n ≥ 2 of a facet (key: page_key(key, n))
    "progress_year_page": ("tien-do/nam/{key}.md", "tien-do/nam/{key}/"),
    "progress_agency_page": ("tien-do/co-quan/{key}.md", "tien-do/co-quan/{key}/"),
    "progress_status_page": ("tien-do/trang-thai/{key}.md", "tien-do/trang-thai/{key}/"),
    "methodology": ("phuong-phap-tien-do.md", "phuong-phap-tien-do/"),       # written
    "guide": ("huong-dan-chi-tieu.md", "huong-dan-chi-tieu/"),                # written
    "news": ("tin-tuc/index.md", "tin-tuc/"),
    "news_page": ("tin-tuc/trang/{key}.md", "tin-tuc/trang/{key}/"),
    "post": ("tin-tuc/{key}.md", "tin-tuc/{key}/"),
    "feed": ("tin-tuc/feed.xml", "tin-tuc/feed.xml"),
}

# CSV and JSON downloads, written into the site at build time; the same files for every language
DOWNLOADS_DIR = "tien-do/du-lieu"

# Anchors of the sections the portal adds to pages (never clash with the body's s-…/l… ids).
CARD_ID = slugify("vb thong tin")                 # vb-thong-tin
RESPONSIBILITIES_ID = slugify("vb trach nhiem")   # vb-trach-nhiem
CITES_ID = slugify("vb trich dan")                # vb-trich-dan
CITED_BY_ID = slugify("vb duoc trich dan")        # vb-duoc-trich-dan
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


_COMPOSITE = {"part", "type_page", "year_page", "agency_page", "progress_year_page",
              "progress_agency_page", "progress_status_page"}   # keys made of slugs and "/"


def _key(kind: str, key: str) -> str:
    if not key:
        return ""
    return key if kind in _COMPOSITE else key_slug(key)


def src_uri(kind: str, key: str = "") -> str:
    return _SCHEME[kind][0].format(key=_key(kind, key))


def url(kind: str, key: str = "", lang: str = DEFAULT_LANG) -> str:
    return prefix(lang) + _SCHEME[kind][1].format(key=_key(kind, key))


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
