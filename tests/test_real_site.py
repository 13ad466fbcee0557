"""Real documents on the built portal: a decision and the programme it issues on one page, a PDF
and a legacy Word (.doc) import with their original kept for download (issue 19). One portal
is built for the module: the repository's own, plus three documents of tests/fixtures/real
imported with `vanban import` exactly as staff would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTIFACTS, ROOT, built_site, local_only_page, make_project, page, serve

from vanban.cli import main

REAL = ROOT / "tests" / "fixtures" / "real" / "docs"
DECISION = REAL / "08_chinhphu-nq03-ctr-nq57-md-text.txt"       # Nghị quyết 03/NQ-CP + CTr
PDF = REAL / "33_doan-phucthinh-kh-xuan-tinh-nguyen.pdf"         # Kế hoạch, PDF with text
DOC = REAL / "31_cdcs-mayxk-longan-ttr07-baubosung-ubch.doc"     # Tờ trình 07, Word 97-2003


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("real-site"), ROOT / "docs", ROOT / "data")
    result = CliRunner().invoke(main, ["--lang", "en", "import", str(DECISION), str(PDF),
                                       str(DOC), "--docs", str(project / "docs"),
                                       "--data", str(project / "data")])
    assert result.exit_code == 0, result.output
    return built_site(project)


def _slug(site: Path, number_or_title: str) -> str:
    """The page (slug) whose card shows `number_or_title`."""
    for index in sorted((site / "van-ban").glob("*/index.html")):
        if number_or_title in index.read_text(encoding="utf-8"):
            return index.parent.name
    raise AssertionError(f"no document page shows {number_or_title}")


def test_a_decision_and_the_programme_it_issues_are_one_page(site: Path) -> None:
    slug = _slug(site, "03/NQ-CP")
    html = page(site, f"van-ban/{slug}/")
    # the decision's card says what it issues, and links to it in the text below
    card = html[html.index('class="vb-card"'):]
    card = card[: card.index("</aside>")]
    assert "Ban hành kèm theo" in card and "Chương trình hành động" in card
    anchor = re.search(r'vb-card__attachment"><dt>[^<]*</dt><dd><a href="#([^"]+)"', card)
    assert anchor, card
    # both parts are on the page: the decision's articles, then the programme (by its id)
    assert "Điều 1" in html and f'id="{anchor.group(1)}"' in html
    assert html.index("Điều 1") < html.index(f'id="{anchor.group(1)}"')
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in html[html.index(f'id="{anchor.group(1)}"'):]
    # citations from both parts: 57-NQ/TW (the decision's basis) and 45-NQ/TW (the programme's)
    cites = html[html.index('id="vb-trich-dan"'):] if 'id="vb-trich-dan"' in html else html
    assert "57-NQ/TW" in cites and "45-NQ/TW" in cites
    # in English: the card says "Issues", linking to the programme on the Vietnamese page
    en = page(site, f"en/van-ban/{slug}/")
    assert re.search(rf'<dt>Issues</dt><dd><a href="[^"]*van-ban/{slug}/#{anchor.group(1)}"',
                     en), en[en.index('class="vb-card"'):][:3000]


@pytest.mark.parametrize(("path", "number", "words"), [
    (PDF, "Xuân tình nguyện", "Thành đoàn Hà Nội"),
    (DOC, "07/TTr-CĐCS/2024", "Uỷ viên Ban chấp hành"),
])
def test_a_pdf_and_a_doc_import_keep_their_text_and_original(site: Path, path: Path,
                                                             number: str, words: str) -> None:
    slug = _slug(site, number)
    html = page(site, f"van-ban/{slug}/")
    assert words in html
    original = site / "van-ban" / f"{slug}{path.suffix}"
    assert original.read_bytes() == path.read_bytes()
    assert f'download="{slug}{path.suffix}"' in html


@pytest.mark.browser
def test_screenshots_of_real_imports(site: Path, chromium) -> None:
    """The pages a reader sees (tests/_artifacts/real-*.png): the decision with its programme,
    the PDF and the .doc import, at 360 px; each fits the screen."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, local_only_page(chromium) as tab:
        tab.set_viewport_size({"width": 360, "height": 780})
        for name, key in (("decision", "03/NQ-CP"), ("pdf", "Xuân tình nguyện"),
                          ("doc", "07/TTr-CĐCS/2024")):
            tab.goto(f"{base}/van-ban/{_slug(site, key)}/")
            tab.screenshot(path=str(ARTIFACTS / f"real-{name}-360.png"), full_page=False)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{name}: the page is {width} px wide at 360 px"
