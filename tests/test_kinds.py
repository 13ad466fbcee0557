"""The registry of page kinds (vanban.site.kinds): every page has one kind, the rules of
`mkdocs serve --dirty` follow what each kind declares it reads, and a new kind is one entry.
(The dirty rebuilds themselves, compared byte for byte to clean builds: test_incremental.py.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from vanban.site import kinds, pages, progress, search, urls, views
from vanban.site.catalog import Catalog, Sources, load_catalog
from vanban.site.html import Abbreviations, Markup, tag
from vanban.site.incremental import SITE_WIDE, Changes
from vanban.site.kinds import Dep, Input, Kind, Scope
from vanban.site.labels import LANGS

DOC = "ctr-17-ldld-2021"            # the longest seed document: targets, tasks of 8 agencies
OTHER = "ct-2021-11-10-dien-bien"


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The seed portal with a 500 KB document (so it has parts) and lists of 1 document,
    2 tasks and 2 targets a page (so every list has pages 2, 3, …)."""
    root = tmp_path_factory.mktemp("portal")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data")
    doc = root / "docs" / "van-ban" / f"{DOC}.md"
    text = doc.read_text(encoding="utf-8")
    heading = "\n## II. MỘT SỐ CHỈ TIÊU"
    added = "\n\n".join(f"Đoạn thêm {i}: " + "người lao động " * 500 for i in range(40))
    doc.write_text(text.replace(heading, f"\n{added}\n{heading}", 1), encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(views, "DOCS_PER_PAGE", 1)
    patch.setattr(views, "TASKS_PER_PAGE", 2)
    patch.setattr(progress, "TARGETS_PER_PAGE", 2)
    found = load_catalog(Sources(root / "docs", root / "data" / "agencies.yml",
                                 root / "data" / "glossary.yml", root))
    yield found
    patch.undo()


def _url(kind: Kind, lang: str) -> str:
    """The kind's URL pattern in `lang` (its own English one, `url_en`, if it has one)."""
    return kind.url_en if lang == "en" and kind.url_en is not None else kind.url


def _pattern(kind: Kind, lang: str = "vi") -> re.Pattern[str]:
    pattern = _url(kind, lang)
    head, _, tail = pattern.partition("{key}")
    key = "(.+)" if kind.raw_key else "([^/]+)"
    return re.compile(re.escape(head) + (key + re.escape(tail) if "{key}" in pattern else ""))


def test_every_generated_page_belongs_to_exactly_one_kind(cat: Catalog) -> None:
    generated = pages.generated_pages(cat)
    # every kind generated from the catalog has pages in this portal (parts, list pages 2, 3)
    assert {p.kind for p in generated} == {k.name for k in kinds.generated()}
    assert len({p.key for p in generated if p.kind == "part"}) >= 2
    seen: dict[str, str] = {}
    for lang in LANGS:
        for page in pages.generated_pages(cat, lang):
            address = page.url(lang).removeprefix(urls.prefix(lang))
            # the kinds whose URL and pages hold this address
            owners = [k.name for k in kinds.generated() if _pattern(k, lang).fullmatch(address)
                      and any(_url(k, lang).format(key=key) == address for key in k.keys(cat))]
            assert owners == [page.kind], (address, owners)
            assert seen.setdefault(page.url(lang), page.kind) == page.kind
    assert len(seen) == len(pages.generated_pages(cat, "vi")) + len(
        pages.generated_pages(cat, "en"))
    # parts: in Vietnamese only; their English stand-in is the document's card
    part = next(p for p in generated if p.kind == "part")
    assert not part.built_in("en") and part.stand_in() == pages.GeneratedPage("document", DOC)


def test_pages_from_files_have_their_kind() -> None:
    found = {src: kinds.of_file(src) for src in (
        f"van-ban/{DOC}.md", f"van-ban/{DOC}.en.md", "index.md", "index.en.md",
        "tin-tuc/2026-11-21-tra-cuu-nhiem-vu-theo-tung-co-quan.md", "phuong-phap-tien-do.md",
        "huong-dan/index.md", "gioi-thieu.md")}
    assert {src: (k.name, key) for src, (k, key) in found.items()} == {
        f"van-ban/{DOC}.md": ("document", DOC), f"van-ban/{DOC}.en.md": ("document", DOC),
        "index.md": ("home", ""), "index.en.md": ("home", ""),
        "tin-tuc/2026-11-21-tra-cuu-nhiem-vu-theo-tung-co-quan.md":
            ("post", "2026-11-21-tra-cuu-nhiem-vu-theo-tung-co-quan"),
        "phuong-phap-tien-do.md": ("methodology", ""), "huong-dan/index.md":
            ("page", "huong-dan/index"), "gioi-thieu.md": ("page", "gioi-thieu")}


def _reached(cat: Catalog, *changed: tuple[Input, str]) -> set[str]:
    todo = Changes(False, frozenset(changed))
    return {p.url("vi") for p in pages.generated_pages(cat) if todo.page(p, cat)}


def test_what_an_edit_reaches_follows_the_declarations(cat: Catalog) -> None:
    every = {p.url("vi") for p in pages.generated_pages(cat)}
    parts = {p.url("vi") for p in pages.generated_pages(cat) if p.kind == "part"}
    tasked = {a.agency.id for a in cat.assigned[DOC] if a.agency is not None}
    assert len(tasked) >= 3
    agency_pages = {p.url("vi") for p in pages.generated_pages(cat)
                    if p.kind in ("agency", "agency_page")
                    and urls.split_page_key(p.key)[0] in tasked}
    # the text edited: the document's parts only; its paragraphs moved: also its progress
    # page and the pages of the agencies it gives tasks to (they link to the paragraphs)
    assert _reached(cat, (Input.BODY, DOC)) == parts
    # … and the deadline pages (vanban.site.due), which link to paragraphs of every document
    deadline_pages = {p.url("vi") for p in pages.generated_pages(cat)
                      if p.kind.startswith("deadlines")}
    assert "han/" in deadline_pages
    assert _reached(cat, (Input.BODY, DOC), (Input.PLACEMENT, DOC)) == (
        parts | {f"tien-do/van-ban/{DOC}/"} | agency_pages | deadline_pages)
    assert _reached(cat, (Input.BODY, OTHER)) == set()
    # a targets file: the document's parts, every progress page, the agencies (their targets)
    by_targets = _reached(cat, (Input.TARGETS, DOC))
    assert parts | {"tien-do/", f"tien-do/van-ban/{DOC}/", "co-quan/ldld-binh-dinh/"} \
        <= by_targets
    assert not {u for u in by_targets if u.startswith("tien-do/van-ban/")} - {
        f"tien-do/van-ban/{DOC}/"}
    assert "van-ban/" not in by_targets and "thuat-ngu/" not in by_targets
    # front matter, agencies: every page made from the catalog but the glossary
    for changed in ((Input.FRONT_MATTER, OTHER), (Input.AGENCIES, SITE_WIDE)):
        assert _reached(cat, changed) == every - {"thuat-ngu/"}
    assert _reached(cat, (Input.GLOSSARY, SITE_WIDE)) == every
    assert _reached(cat, (Input.NEWS, SITE_WIDE)) == set()
    # pages from files
    files = ("index.md", f"van-ban/{DOC}.md", f"van-ban/{OTHER}.md", "gioi-thieu.md")
    todo = Changes(False, frozenset({(Input.NEWS, SITE_WIDE)}))
    assert [todo.reaches(*kinds.of_file(f), cat) for f in files] == [True, False, False, False]
    # a targets file: its document, and the home page (its status bar, what is due)
    todo = Changes(False, frozenset({(Input.TARGETS, DOC)}))
    assert [todo.reaches(*kinds.of_file(f), cat) for f in files] == [True, True, False, False]


def test_search_indexing_comes_from_the_registry(cat: Catalog) -> None:
    skipped = search.skipped_urls(["vi"])
    assert skipped[:3] == ["", "van-ban/", "co-quan/"]       # home and the two indexes
    assert "van-ban/loai/*" in skipped and "co-quan/*" not in skipped   # agencies are indexed
    repeated = search.repeated_pages(cat, ["vi"])
    assert repeated and all(re.fullmatch(r"co-quan/[^/]+/trang/\d+/", u) for u in repeated)
    folders, one_by_one = search.full_only(cat, ["vi", "en"])
    assert folders == ("tien-do/van-ban/", "en/tien-do/van-ban/")
    assert one_by_one == {p.url("vi") for p in pages.generated_pages(cat) if p.kind == "part"}


def test_a_new_kind_is_one_entry(cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list of reports by year: one entry, and it has URLs, pages, a title and HTML, an
    index rule and a place in the dirty rebuild."""
    def sections(ctx: views.Ctx, key: str) -> list[views.Section]:
        docs = cat.by_year().get(key, [])
        return [views.Section("bao-cao", "Báo cáo", tag("p", f"{len(docs)} văn bản"))]

    fake = Kind("reports", "bao-cao/{key}.md", "bao-cao/{key}/",
                frozenset({Dep(Input.FRONT_MATTER), Dep(Input.TARGETS, Scope.OWN)}),
                kinds.Search.NONE, keys=lambda c: sorted(y for y in c.by_year() if y),
                title=lambda c, key, lang: f"Báo cáo {key}", sections=sections)
    monkeypatch.setitem(kinds.KINDS, "reports", fake)
    years = sorted(y for y in cat.by_year() if y)
    made = [p for p in pages.generated_pages(cat, "en") if p.kind == "reports"]
    assert [p.url("en") for p in made] == [f"en/bao-cao/{y}/" for y in years]
    page = made[0]
    assert page.src_uri == f"bao-cao/{years[0]}.md"
    assert page.title(cat, "vi") == f"Báo cáo {years[0]}"
    meta = {"vanban_page": "reports", "vanban_key": years[0]}
    assert pages.from_meta(meta) == page
    html, parts = pages.render(page, cat, "vi", page.url("vi"), Abbreviations({}))
    assert "văn bản</p>" in html and isinstance(html, Markup) and parts[0].id == "bao-cao"
    assert "bao-cao/*" in search.skipped_urls(["vi"])
    assert Changes(False, frozenset({(Input.FRONT_MATTER, OTHER)})).page(page, cat)
    assert not Changes(False, frozenset({(Input.TARGETS, OTHER)})).page(page, cat)
    assert Changes(False, frozenset({(Input.TARGETS, years[0])})).page(page, cat)


def test_every_kind_declares_what_it_reads() -> None:
    for kind in kinds.KINDS.values():
        assert kind.reads, kind.name
        if kind.generated and kind.name != "glossary":
            assert Dep(Input.FRONT_MATTER) in kind.reads or Dep(
                Input.FRONT_MATTER, Scope.OWN) in kind.reads, kind.name
        if kind.generated:
            assert kind.sections is not None or kind.text, kind.name
            assert kind.title is not None or kind.page_of in kinds.KINDS or kind.text, kind.name
    assert Path(kinds.__file__).name == "kinds.py"
