"""The chain of implementation on document pages (issue 18, item 5; vanban.site.chain).

On the built seed portal: 17/CTr-LĐLĐ (Bình Định) implements Resolution 02-NQ/TW of the
Politburo and the national federation's programme 02/CTr-BCH, neither of them in the portal,
so both are shown above it without a link, and nothing implements it yet.

A small project adds two documents imported through the real converter (`vanban import`),
variants of two seeds: the Ninh Bình plan (seed 002) rewritten as plan 05/KH-LĐLĐ of Bình
Định, "Thực hiện Chương trình hành động số 17/CTr-LĐLĐ …", and the Phú Thọ programme (seed
004) as 02/CTr-CDVC, "Căn cứ Kế hoạch số 05/KH-LĐLĐ …". Its pages show the chain both ways,
with links: 02-NQ/TW → 17/CTr-LĐLĐ → 05/KH-LĐLĐ → 02/CTr-CDVC.

The limits (levels, documents per node, siblings) and the guard against cycles are checked
on catalogs of copies of the seed's front matter whose number and citations are changed.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, built_site, make_project, page, serve

from vanban import pagefind
from vanban.cli import main
from vanban.data import split_front_matter
from vanban.site import chain as chain_mod
from vanban.site import views
from vanban.site.catalog import Catalog, Sources, load_catalog
from vanban.site.search import EXCLUDE

SEEDS = Path("/work/shared/seeds")
SEED_002 = SEEDS / "002_932ff56994ba0d68.txt"     # Số: *M* /KH-LĐLĐ, Ninh Bình, 12/3/2020
SEED_004 = SEEDS / "004_427a807451b85553.txt"     # Số: 01 /CTr-CDVC, Phú Thọ, 13/3/2024
SEED_17 = ROOT / "docs" / "van-ban" / "ctr-17-ldld-2021.md"

needs_seeds = pytest.mark.skipif(not (SEED_002.exists() and SEED_004.exists()),
                                 reason="seeds not found")


# ---- reading the chain back from the built HTML ------------------------------------------------

@dataclass
class Item:
    label: str = ""
    href: str | None = None         # None: not linked (not in the portal)
    badge: str = ""
    text: str = ""                  # the item's own text, without its nested list
    children: list[Item] = field(default_factory=list)
    list_label: str | None = None   # aria-label of its nested list


@dataclass
class Tree:
    up: list[Item] = field(default_factory=list)
    here: str = ""
    down: list[Item] = field(default_factory=list)
    text: str = ""
    up_label: str = ""              # the visible labels the top lists are labelled by
    down_label: str = ""


class _ChainParser(HTMLParser):
    """The nested lists of `section.vb-chain` as a tree of Items."""

    def __init__(self) -> None:
        super().__init__()
        self.tree = Tree()
        self.depth = 0              # element depth inside the section (0: outside)
        self.stack: list[list[Item]] = []   # the lists being read
        self.items: list[Item] = []         # the items being read (innermost last)
        self.grab: str | None = None        # "label", "badge", "here", "p:<id>"
        self.labels: dict[str, str] = {}
        self.current_p: str | None = None
        self.labelled_by: list[str] = []    # aria-labelledby of the top lists

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if self.depth == 0:
            if name == "section" and "vb-chain" in cls:
                self.depth = 1
            return
        if name not in ("br", "img", "input", "meta", "link"):
            self.depth += 1
        if name == "ul":
            target: list[Item]
            if self.items:
                target = self.items[-1].children
                self.items[-1].list_label = a.get("aria-label")
            else:
                by = a.get("aria-labelledby") or ""
                self.labelled_by.append(by)
                target = self.tree.up if by.endswith("-len") else self.tree.down
            self.stack.append(target)
        elif name == "li":
            item = Item()
            self.stack[-1].append(item)
            self.items.append(item)
        elif name == "a" and self.items and not self.items[-1].label:
            self.items[-1].href = a.get("href")
            self.grab = "label"
        elif name == "span" and "vb-cite__label" in cls and self.items \
                and not self.items[-1].label:
            self.grab = "label"
        elif name == "span" and "vb-badge" in cls and self.items and not self.items[-1].badge:
            self.grab = "badge"
        elif name == "strong" and not self.items:
            self.grab = "here"
        elif name == "p" and a.get("id"):
            self.current_p = a["id"]
            self.labels[self.current_p] = ""

    def handle_endtag(self, name: str) -> None:
        if self.depth == 0:
            return
        self.depth -= 1
        if name == "ul":
            self.stack.pop()
        elif name == "li":
            self.items.pop()
        elif name in ("a", "span", "strong"):
            self.grab = None
        elif name == "p":
            self.current_p = None

    def handle_data(self, data: str) -> None:
        if self.depth == 0:
            return
        self.tree.text += data
        if self.items:
            self.items[-1].text += data
        if self.current_p:
            self.labels[self.current_p] += data
        if self.grab == "label":
            self.items[-1].label += data
        elif self.grab == "badge":
            self.items[-1].badge += data
        elif self.grab == "here":
            self.tree.here += data


def chain_of(html: str) -> Tree:
    parser = _ChainParser()
    parser.feed(html)
    tree = parser.tree
    assert tree.here, "the page has no chain of implementation"
    # the top lists are named by the visible labels above them; nested lists by aria-label
    assert all(by in parser.labels for by in parser.labelled_by), parser.labelled_by
    tree.up_label = next((v for k, v in parser.labels.items() if k.endswith("-len")), "")
    tree.down_label = next((v for k, v in parser.labels.items() if k.endswith("-xuong")), "")
    return tree


def resolves(site: Path, url: str, href: str) -> bool:
    """Whether a relative link on the page at `url` leads to a built page."""
    target = posixpath.normpath(posixpath.join(url, href))
    return (site / target / "index.html").is_file()


# ---- the seed portal ---------------------------------------------------------------------------

def test_seed_17_shows_the_resolution_above_it_without_a_link(seed_portal: Path) -> None:
    tree = chain_of(page(seed_portal, "van-ban/ctr-17-ldld-2021"))
    assert tree.here == "Chương trình hành động số 17/CTr-LĐLĐ"
    assert tree.up_label == "↑ Văn bản này thực hiện"
    # the opening lines: "Để thực hiện tốt Nghị quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính
    # trị … và Chương trình hành động số 02/CTr-BCH, ngày 20/7/2021 của Ban Chấp hành Tổng
    # Liên đoàn Lao động Việt Nam" — neither is in the portal: named, not linked
    assert [(i.label, i.href, i.badge) for i in tree.up] == [
        ("Nghị quyết số 02-NQ/TW", None, "Thực hiện"),
        ("Chương trình hành động số 02/CTr-BCH", None, "Thực hiện")]
    assert "Bộ Chính trị" in tree.up[0].text and "12/06/2021" in tree.up[0].text
    assert all("(chưa có trong cổng)" in i.text and not i.children for i in tree.up)
    # what it only mentions (Kết luận 79-KL/TW, Chỉ thị 52-CT/TW, …) is not in the chain
    assert "79-KL/TW" not in tree.text and "52-CT/TW" not in tree.text
    assert tree.down == [] and "Chưa có văn bản nào trong cổng thực hiện văn bản này." \
        in tree.text


def test_seed_17_english_card_shows_the_same_chain(seed_portal: Path) -> None:
    tree = chain_of(page(seed_portal, "en/van-ban/ctr-17-ldld-2021"))
    assert tree.here == "Action programme No. 17/CTr-LĐLĐ"
    assert [(i.label, i.href, i.badge) for i in tree.up] == [
        ("Resolution No. 02-NQ/TW", None, "Implements"),
        ("Action programme No. 02/CTr-BCH", None, "Implements")]
    assert "Politburo" in tree.up[0].text and "(not in the portal)" in tree.up[0].text
    assert "No document in the portal implements this one yet." in tree.text


def test_seed_legal_basis_is_part_of_the_chain(seed_portal: Path) -> None:
    # 01/CTr-CDVC: "Căn cứ Chương trình hành động số 25/Ctr- LĐLĐ ngày 24/01/2024 của Ban
    # Thường vụ Liên đoàn Lao động tỉnh Phú Thọ"
    tree = chain_of(page(seed_portal, "van-ban/ctr-01-cdvc-2024"))
    assert [(i.label, i.href, i.badge) for i in tree.up] == [
        ("Chương trình hành động số 25/CTr-LĐLĐ", None, "Căn cứ")]


def test_a_document_outside_any_chain_says_so(seed_portal: Path) -> None:
    # the Điện Biên directive only mentions 02-NQ/TW and others (dẫn chiếu)
    html = page(seed_portal, "van-ban/ct-2021-11-10-dien-bien")
    section = re.search(r'<section class="vb-section vb-chain">.*?</section>', html, re.S)
    assert section is not None
    assert "<ul" not in section.group(0)
    assert "không nêu văn bản nào mà nó thực hiện hoặc lấy làm căn cứ" in section.group(0)


# ---- a project where documents implement 17/CTr-LĐLĐ -------------------------------------------

def _variant_a() -> str:
    """Seed 002 as a Bình Định plan implementing 17/CTr-LĐLĐ."""
    text = SEED_002.read_text(encoding="utf-8")
    for old, new in [
        ("Số: *M* /KH-LĐLĐ", "Số: 05/KH-LĐLĐ"),
        ("Ninh Bình, ngày *12* tháng *3* năm 2020", "Bình Định, ngày 10 tháng 01 năm 2022"),
        ("Thực hiện Chương trình số 1563/CTr-TLĐ ngày 09/10/2019 của Tổng Liên đoàn Lao động "
         "Việt Nam về", "Thực hiện Chương trình hành động số 17/CTr-LĐLĐ ngày 23/11/2021 của "
         "Ban Chấp hành Liên đoàn Lao động tỉnh Bình Định về"),
        ("Ninh Bình", "Bình Định"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _variant_b() -> str:
    """Seed 004 as a programme based on plan 05/KH-LĐLĐ."""
    text = SEED_004.read_text(encoding="utf-8")
    for old, new in [
        ("Số: 01 /CTr-CDVC", "Số: 02 /CTr-CDVC"),
        ("Căn cứ Chương trình hành động số 25/Ctr- LĐLĐ ngày 24/01/2024 của Ban Thường vụ Liên "
         "đoàn Lao động tỉnh Phú Thọ", "Căn cứ Kế hoạch số 05/KH-LĐLĐ ngày 10/01/2022 của Ban "
         "Thường vụ Liên đoàn Lao động tỉnh Bình Định"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def chain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SEED_002.exists() and SEED_004.exists()):
        pytest.skip("seeds not found")
    root = tmp_path_factory.mktemp("chain")
    content = root / "content"
    shutil.copytree(ROOT / "docs", content / "docs")
    shutil.copytree(ROOT / "data", content / "data")
    inbox = root / "in"
    inbox.mkdir()
    (inbox / "kh-05.txt").write_text(_variant_a(), encoding="utf-8")
    (inbox / "ctr-02.txt").write_text(_variant_b(), encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "import", str(inbox / "kh-05.txt"),
                                       str(inbox / "ctr-02.txt"), "--docs",
                                       str(content / "docs"), "--data", str(content / "data")])
    assert result.exit_code == 0, result.output
    project = root / "project"
    project.mkdir()
    make_project(project, content / "docs", content / "data")
    return built_site(project)


@needs_seeds
def test_the_converter_reads_the_variants_citations(chain_site: Path) -> None:
    docs = chain_site.parent / "docs" / "van-ban"
    a = yaml.safe_load(split_front_matter(
        (docs / "kh-05-ldld-2022.md").read_text(encoding="utf-8"))[0])   # type: ignore[index]
    b = yaml.safe_load(split_front_matter(
        (docs / "ctr-02-cdvc-2024.md").read_text(encoding="utf-8"))[0])  # type: ignore[index]
    assert (a["number"], a["place"], a["date"]) == ("05/KH-LĐLĐ", "Bình Định", "2022-01-10")
    assert [(c["number"], c["relation"]) for c in a["cites"]] == [("17/CTr-LĐLĐ", "thuc_hien")]
    assert (b["cites"][0]["number"], b["cites"][0]["relation"]) == ("05/KH-LĐLĐ", "can_cu")


@needs_seeds
def test_17_shows_what_implements_it_with_links(chain_site: Path) -> None:
    url = "van-ban/ctr-17-ldld-2021"
    tree = chain_of(page(chain_site, url))
    assert [(i.label, i.href) for i in tree.up] == [("Nghị quyết số 02-NQ/TW", None),
                                                    ("Chương trình hành động số 02/CTr-BCH",
                                                     None)]
    assert tree.down_label == "↓ Văn bản thực hiện văn bản này"
    [plan] = tree.down
    assert (plan.label, plan.href, plan.badge) == ("Kế hoạch số 05/KH-LĐLĐ",
                                                   "../kh-05-ldld-2022/", "Thực hiện")
    assert "10/01/2022" in plan.text
    assert plan.list_label == "Văn bản thực hiện Kế hoạch số 05/KH-LĐLĐ"
    [programme] = plan.children      # two levels down
    assert (programme.label, programme.href, programme.badge) == (
        "Chương trình hành động số 02/CTr-CDVC", "../ctr-02-cdvc-2024/", "Căn cứ")
    assert programme.children == []
    assert resolves(chain_site, url, plan.href) and resolves(chain_site, url, programme.href)
    # "cited by" is kept: the plan cites 17/CTr-LĐLĐ
    html = page(chain_site, url)
    cited_by = html.split('id="vb-duoc-trich-dan"', 1)[1].split("</section>", 1)[0]
    assert 'href="../kh-05-ldld-2022/"' in cited_by


@needs_seeds
def test_17_english_card_links_down_to_the_english_pages(chain_site: Path) -> None:
    url = "en/van-ban/ctr-17-ldld-2021"
    tree = chain_of(page(chain_site, url))
    [plan] = tree.down
    assert (plan.label, plan.href, plan.badge) == ("Plan No. 05/KH-LĐLĐ",
                                                   "../kh-05-ldld-2022/", "Implements")
    assert [(c.label, c.badge) for c in plan.children] == [
        ("Action programme No. 02/CTr-CDVC", "Legal basis")]
    assert plan.list_label == "Documents implementing Plan No. 05/KH-LĐLĐ"
    assert resolves(chain_site, url, plan.href)


@needs_seeds
def test_the_grassroots_programme_shows_three_levels_up(chain_site: Path) -> None:
    url = "van-ban/ctr-02-cdvc-2024"
    tree = chain_of(page(chain_site, url))
    [plan] = tree.up
    assert (plan.label, plan.href, plan.badge) == ("Kế hoạch số 05/KH-LĐLĐ",
                                                   "../kh-05-ldld-2022/", "Căn cứ")
    [programme] = plan.children
    assert (programme.label, programme.href) == ("Chương trình hành động số 17/CTr-LĐLĐ",
                                                 "../ctr-17-ldld-2021/")
    assert programme.list_label == "Văn bản mà Chương trình hành động số 17/CTr-LĐLĐ thực hiện"
    assert [(i.label, i.href) for i in programme.children] == [
        ("Nghị quyết số 02-NQ/TW", None), ("Chương trình hành động số 02/CTr-BCH", None)]
    assert tree.down == []
    assert resolves(chain_site, url, programme.href)


@needs_seeds
def test_the_plan_in_the_middle_shows_both_ways(chain_site: Path) -> None:
    tree = chain_of(page(chain_site, "van-ban/kh-05-ldld-2022"))
    assert tree.here == "Kế hoạch số 05/KH-LĐLĐ"
    assert [i.label for i in tree.up] == ["Chương trình hành động số 17/CTr-LĐLĐ"]
    assert [i.label for i in tree.up[0].children] == ["Nghị quyết số 02-NQ/TW",
                                                      "Chương trình hành động số 02/CTr-BCH"]
    assert [i.label for i in tree.down] == ["Chương trình hành động số 02/CTr-CDVC"]


@needs_seeds
def test_the_chain_is_not_indexed_for_search(chain_site: Path) -> None:
    # 05/KH-LĐLĐ (Bình Định) is implemented by 02/CTr-CDVC, whose title names Phú Thọ: a
    # search for Phú Thọ must not find the plan through its chain (nor through "cited by")
    html = page(chain_site, "van-ban/kh-05-ldld-2022")
    assert "Phú Thọ" in chain_of(html).text
    indexed = str(pagefind.pair_block(html, EXCLUDE))
    assert "\u203fphu\u203ftho" not in indexed and "\u203fbinh\u203fdinh" in indexed


# ---- limits and cycles, on copies of the seed's front matter ------------------------------------

def _front_matter() -> dict:
    found = split_front_matter(SEED_17.read_text(encoding="utf-8"))
    assert found is not None
    return yaml.safe_load(found[0])


def _cite(number: str, date: str | None, relation: str = "thuc_hien") -> dict:
    return {"type": {"code": "KH", "name": "Kế hoạch"}, "number": number, "date": date,
            "issuer": "Ban Thường vụ LĐLĐ tỉnh Bình Định", "relation": relation,
            "summary": None, "line": 11}


def _catalog(tmp_path: Path, docs: dict[str, tuple[str, str, list[dict]]]) -> Catalog:
    """A catalog of copies of 17/CTr-LĐLĐ's front matter: slug → (number, date, cites)."""
    folder = tmp_path / "docs" / "van-ban"
    folder.mkdir(parents=True)
    base = _front_matter()
    for slug, (number, date, cites) in docs.items():
        meta = {**base, "slug": slug, "number": number, "date": date, "cites": cites,
                "assignments": []}
        (folder / f"{slug}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nVăn bản.\n",
            encoding="utf-8")
    data = tmp_path / "data"        # the registry and glossary, no targets
    data.mkdir()
    for name in ("agencies.yml", "glossary.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    return load_catalog(Sources(tmp_path / "docs", data / "agencies.yml",
                                data / "glossary.yml", tmp_path))


def test_a_cycle_of_citations_ends(tmp_path: Path) -> None:
    # a → b → c → a (each implements the next): every page shows each document once
    cat = _catalog(tmp_path, {
        "a": ("1/KH-X", "2022-01-01", [_cite("2/KH-X", "2022-01-02")]),
        "b": ("2/KH-X", "2022-01-02", [_cite("3/KH-X", "2022-01-03")]),
        "c": ("3/KH-X", "2022-01-03", [_cite("1/KH-X", "2022-01-01")]),
    })
    tree = chain_mod.chain(cat, cat.by_slug["a"])
    assert str(tree) == "\n".join([
        "^ 2/KH-X",
        "  ^ 3/KH-X",
        "    ^ 1/KH-X *",          # the page's own document: shown, not expanded
        "= 1/KH-X",
        "v 3/KH-X *",              # already shown above
    ])


def test_a_citation_of_the_pages_own_number_is_another_document(tmp_path: Path) -> None:
    cat = _catalog(tmp_path, {"a": ("1/KH-X", "2022-01-01", [_cite("1/KH-X", "2021-05-01")])})
    tree = chain_mod.chain(cat, cat.by_slug["a"])
    # a document never implements itself: the number is another issuer's document, which
    # is not in the portal
    assert str(tree) == "^ 1/KH-X (not in the portal)\n= 1/KH-X"


def test_levels_and_counts_are_bounded(tmp_path: Path) -> None:
    # a chain of 6 plans, each implementing the one before; 12 plans implementing p0
    docs = {f"p{i}": (f"{i}/KH-X", "2022-01-01",
                      [_cite(f"{i - 1}/KH-X", "2022-01-01")] if i else [])
            for i in range(6)}
    docs.update({f"q{i:02}": (f"{100 + i}/KH-X", "2022-01-01", [_cite("0/KH-X", "2022-01-01")])
                 for i in range(12)})
    cat = _catalog(tmp_path, docs)
    top = chain_mod.chain(cat, cat.by_slug["p0"])
    assert len(top.down) == chain_mod.DOWN_SHOWN[0] == 8 and top.down_more == 13 - 8
    deep = chain_mod.chain(cat, cat.by_slug["p5"])
    # 3 levels up; the 4th is counted (+1), on its own page
    assert str(deep) == "\n".join(["^ 4/KH-X", "  ^ 3/KH-X", "    ^ 2/KH-X +1", "= 5/KH-X"])
    middle = chain_mod.chain(cat, cat.by_slug["p2"])
    assert str(middle) == "\n".join(["^ 1/KH-X", "  ^ 0/KH-X", "= 2/KH-X", "v 3/KH-X",
                                     "  v 4/KH-X +1"])     # 2 levels down, the 3rd counted
    # a plan implementing p0: the others doing the same, summarised
    q = chain_mod.chain(cat, cat.by_slug["q05"])
    [p0] = q.up
    assert len(p0.siblings) == chain_mod.SIBLINGS_SHOWN and p0.siblings_more == 12 - 3
    assert cat.by_slug["q05"] not in p0.siblings
    # as the pages show it
    html = _section(cat, "q05")
    assert re.search(r'<p class="vb-chain__siblings vb-muted">Cùng thực hiện văn bản này: '
                     r'(<a href="\.\./[pq]\d+/">Chương trình hành động số \d+/KH-X</a>(, )?){3} '
                     r'và 9 văn bản khác</p>', html)
    top_tree = chain_of(_section(cat, "p0"))
    assert len(top_tree.down) == 9 and top_tree.down[-1].text == \
        "… và 5 văn bản khác (xem “Được trích dẫn bởi”)"
    assert top_tree.down[-1].href == "#vb-duoc-trich-dan"
    deep_tree = chain_of(_section(cat, "p5"))
    assert [i.text for i in deep_tree.up[0].children[0].children[0].children] == \
        ["… và 1 văn bản khác"]


def _section(cat: Catalog, slug: str) -> str:
    ctx = views.Ctx(cat, "vi", f"van-ban/{slug}/", cat.abbreviations("vi"))
    return str(views.implementation_chain(ctx, cat.by_slug[slug]).html("vi"))


def test_outside_documents_are_one_node_per_number_and_year(tmp_path: Path) -> None:
    cat = _catalog(tmp_path, {
        "a": ("1/KH-X", "2022-01-01", [_cite("02-NQ/TW", "2021-06-12")]),
        "b": ("2/KH-X", "2022-02-01", [_cite("02-NQ/TƯ", None)]),    # undated: joins a's
        "c": ("3/KH-X", "2022-03-01", [_cite("10-NQ/TU", "2021-07-29")]),
        "d": ("4/KH-X", "2022-04-01", [_cite("10-NQ/TU", "2021-02-08")]),   # another year
    })
    assert [x.source.slug for x in cat.implemented_by["~02-nq/tw@2021-06-12"]] == ["b", "a"]
    # two resolutions 10-NQ/TU of the same year (two provinces): two documents
    assert [x.source.slug for x in cat.implemented_by["~10-nq/tw@2021-07-29"]] == ["c"]
    assert [x.source.slug for x in cat.implemented_by["~10-nq/tw@2021-02-08"]] == ["d"]
    [nq] = chain_mod.chain(cat, cat.by_slug["a"]).up
    assert [s.slug for s in nq.siblings] == ["b"]


# ---- in the browser --------------------------------------------------------------------------

@needs_seeds
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chain_passes_axe_at_phone_and_desktop_width(chromium, chain_site: Path,
                                                         scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    found = {}
    context = chromium.new_context(color_scheme=scheme)
    tab = context.new_page()
    with serve(chain_site) as base:
        for url in ("van-ban/ctr-17-ldld-2021/", "en/van-ban/ctr-17-ldld-2021/",
                    "van-ban/ctr-02-cdvc-2024/"):
            for width in (360, 1280):
                tab.set_viewport_size({"width": width, "height": 900})
                tab.goto(f"{base}/{url}")
                # the tree is there without a script: its links are in the page as served
                assert tab.locator("section.vb-chain ul ul a").count() >= 1
                results = axe.run(tab, context="section.vb-chain")
                serious = [f"{v['id']} ({v['impact']}): {v['help']}"
                           for v in results.response["violations"]
                           if v["impact"] in ("serious", "critical")]
                if serious:
                    found[f"{url} @{width}"] = serious
    context.close()
    assert found == {}
