"""Pages stay small when the portal grows: an agency with 500 assignments, 125 documents of
one type and one year, a 300-page document. The documents are generated here (in a temp copy
of the sample site, tests/fixtures/site/) and the real build is checked: every list page
≤ 60 KB, every document page ≤ 300 KB (a longer text is split into parts), every assignment
listed exactly once across the agency's pages, every link of those pages landing on a page
that has the anchor.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import pytest
from conftest import ROOT, built_site, make_project, page, serve, set_as_of

from vanban.site.progress import TARGETS_PER_PAGE
from vanban.site.split import PAGE_BUDGET

FIXTURE = ROOT / "tests" / "fixtures" / "site"
LIST_BUDGET = 60_000     # a list page's HTML (documents by type or year, an agency's tasks)
AGENCY = "Văn phòng LĐLĐ tỉnh"          # alias of ldld-an-phu-van-phong (An Phú)
AGENCY_ID = "ldld-an-phu-van-phong"
TASK = ("Chủ trì, phối hợp với các ban của Liên đoàn Lao động tỉnh tổ chức tuyên truyền, "
        "kiểm tra việc thực hiện chế độ, chính sách đối với người lao động tại doanh "
        "nghiệp, báo cáo kết quả (việc {n}).")


# every plan implements the fixture's plan 05/KH-LĐLĐ (docs/van-ban/kh-05-ldld-2020.md)
CITE = ("- type: {code: KH, name: Kế hoạch}\n  number: 05/KH-LĐLĐ\n  date: '2020-12-01'\n"
        "  issuer: LIÊN ĐOÀN LAO ĐỘNG TỈNH AN PHÚ\n  relation: thuc_hien\n  summary: null\n"
        "  line: 5\n")


def document(n: int, tasks: int, *, sections: int = 3, paragraphs: int = 2,
             year: int = 2022, spread: bool = False) -> str:
    """A plan ("Kế hoạch") of the An Phú federation: `sections` sections of `paragraphs`
    paragraphs each, and `tasks` assignments of the Office, each to its own paragraph (the
    first ones, or with `spread` paragraphs all over the text)."""
    month, day = 1 + n % 12, 1 + n % 28
    lines = [f"{10 + i}" for i in range(sections * paragraphs)]
    step = max(1, len(lines) // tasks) if spread else 1
    assignments = "".join(
        f"- agency: {AGENCY}\n  role: {'lead' if i % 3 else 'support'}\n"
        f"  task: {TASK.format(n=f'{n}.{i}')}\n  deadline: Quý {1 + i % 4}/{year}\n"
        f"  line: {lines[i * step % len(lines)]}\n  anchor: l{lines[i * step % len(lines)]}\n"
        for i in range(tasks))
    body = []
    for s in range(sections):
        body.append(f"## {s + 1}. Nội dung {s + 1} {{: #s-{s + 1} }}\n")
        for p in range(paragraphs):
            line = lines[s * paragraphs + p]
            body.append(("Các cấp công đoàn trong tỉnh tiếp tục đổi mới nội dung, phương thức "
                         "hoạt động, chăm lo đời sống người lao động. " * 3).strip()
                        + f"\n{{: #l{line} }}\n")
    return (f"---\nvanban: 1\nslug: kh-{n}-ldld-{year}\nnumber: {n}/KH-LĐLĐ\n"
            "type:\n  code: KH\n  name: Kế hoạch\n"
            "issuer: LIÊN ĐOÀN LAO ĐỘNG TỈNH AN PHÚ\nplace: An Phú\n"
            f"date: '{year}-{month:02d}-{day:02d}'\n"
            f"title: Kế hoạch số {n} về công tác công đoàn năm {year}\n"
            f"cites:\n{CITE}"
            f"assignments:\n{assignments}---\n\n# KẾ HOẠCH {{: #van-ban .vb-type }}\n\n"
            + "\n".join(body))


def targets(n: int, count: int, year: int = 2022) -> str:
    """data/targets/kh-<n>-ldld-<year>.yml: `count` targets of the Office, due 2025, each with
    two figures (statuses vary with n)."""
    items = "".join(
        f"- id: t{i + 1:02d}\n  text: Phấn đấu {80 + i}% doanh nghiệp được kiểm tra (mục {n}.{i})."
        f"\n  indicator: doanh nghiệp được kiểm tra\n  unit: '%'\n  target: {80 + i}\n"
        "  comparator: null\n  deadline: 2025\n  deadline_text: đến năm 2025\n"
        f"  baseline: null\n  agency: {AGENCY_ID}\n  line: 10\n  anchor: l10\n"
        f"  measurements:\n  - year: 2022\n    value: {40 + n % 30}\n    source: Báo cáo {n}\n"
        f"  - year: 2023\n    value: {45 + (n * 7) % 50}\n    source: Báo cáo {n}/2\n"
        for i in range(count))
    return (f"document: kh-{n}-ldld-{year}\nsample: true\nterm_end: null\n"
            f"targets:\n{items}")


def _project(tmp_path: Path, count: int, tasks: int, with_targets: int = 0) -> Path:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    for n in range(1, count + 1):
        (project / "docs" / "van-ban" / f"kh-{n}-ldld-2022.md").write_text(
            document(n, tasks), encoding="utf-8")
        if with_targets:
            (project / "data" / "targets" / f"kh-{n}-ldld-2022.yml").write_text(
                targets(n, with_targets), encoding="utf-8")
    return project


def html_sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


_HREF = re.compile(r'<a [^>]*href="([^"#]*)(?:#([^"]*))?"')


def _follow(site: Path, from_url: str, href: str) -> Path:
    base = (site / from_url).resolve()
    return (base / href / "index.html").resolve() if href else base / "index.html"


@pytest.fixture(scope="module")
def big_agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """125 plans of 2022 with 4 assignments and 4 targets each: 500 assignments and 500
    targets of one agency (statuses as of 2024)."""
    project = _project(tmp_path_factory.mktemp("big-agency"), 125, 4, with_targets=4)
    set_as_of(project, 2024)
    return built_site(project)


def test_every_page_stays_within_the_budget(big_agency: Path) -> None:
    sizes = html_sizes(big_agency)
    too_big = {url: size for url, size in sizes.items()
               if size > (PAGE_BUDGET if re.match(r"(en/)?van-ban/[^/]+-\d{4}/", url)
                          else LIST_BUDGET)}
    assert too_big == {}
    assert sum(1 for url in sizes if url.startswith("van-ban/kh-")) == 125 + 1   # and 05/KH


def _agency_pages(site: Path, lang_prefix: str = "") -> list[str]:
    first = f"{lang_prefix}co-quan/{AGENCY_ID}/"
    urls = [first]
    n = 2
    while (site / first / "trang" / str(n) / "index.html").is_file():
        urls.append(f"{first}trang/{n}/")
        n += 1
    return urls


@pytest.mark.parametrize("lang", ["", "en/"])
def test_agency_pages_list_every_assignment_once_newest_first(big_agency: Path, lang: str
                                                             ) -> None:
    urls = _agency_pages(big_agency, lang)
    assert len(urls) > 1
    seen: list[str] = []
    dates: list[str] = []
    for url in urls:
        html = page(big_agency, url)
        tasks = html.split('id="vb-nhiem-vu"', 1)[1].split("</section>", 1)[0]
        seen += re.findall(r"\(việc (\d+\.\d+)\)", _html.unescape(tasks))
        dates += re.findall(r'<h3 id="[^"]+"><a [^>]+>[^<]+</a> <time datetime="([\d-]+)"',
                            tasks)
        # every page says how many there are in all (the fixture assigns the Office one more)
        # and its pager links the first page, the last and the pages next to it, not all 20
        assert re.search(r"\(501\) — (Trang \d+/|Page \d+ of )" + str(len(urls)), html)
        pager = html.split('class="vb-pager vb-pager--listing"', 1)[1].split("</nav>", 1)[0]
        linked = {_follow(big_agency, url, href) for href in re.findall(r'href="([^"#]*)"', pager)}
        n = urls.index(url)
        near = {urls[0], urls[-1], *urls[max(0, n - 1):n + 2]}
        assert {(big_agency / u / "index.html").resolve() for u in near} <= linked
        assert pager.count("<a ") <= 2 + 2 * 3 + 3      # prev, next, first, last, 3 either side
    assert len(seen) == 500 and len(set(seen)) == 500
    assert dates == sorted(dates, reverse=True)


def test_agency_page_links_land_on_their_anchor(big_agency: Path) -> None:
    for url in _agency_pages(big_agency)[:3]:
        html = page(big_agency, url)
        tasks = html.split('id="vb-nhiem-vu"', 1)[1].split('id="vb-van-ban-ban-hanh"', 1)[0]
        links = _HREF.findall(tasks)
        assert links
        for href, anchor in links[:40]:
            target = _follow(big_agency, url, href)
            assert target.is_file(), (url, href)
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (href, anchor)


def test_type_and_year_pages_are_paginated(big_agency: Path) -> None:
    # 125 plans of 2022 and the fixture's plan of 2020
    for first, count in (("van-ban/loai/kh/", 126), ("van-ban/nam/2022/", 125),
                         ("en/van-ban/loai/kh/", 126)):
        html = page(big_agency, first)
        assert f"{count} văn bản" in html or f"{count} documents" in html
        urls = [first] + [f"{first}trang/{n}/" for n in (2, 3)]
        assert not (big_agency / first / "trang" / "4").exists()
        listed = [row for url in urls
                  for row in re.findall(r'<tr><td data-label="[^"]+"><a href="[^"]*/([^/"]+)/"',
                                        page(big_agency, url))]
        assert len(listed) == len(set(listed)) == count
        pager = page(big_agency, urls[1]).split('class="vb-pager vb-pager--listing"', 1)[1]
        assert pager.split("</nav>", 1)[0].startswith(
            ' aria-label="Các trang của danh sách"><a href="../../" rel="prev"'
            if not first.startswith("en/") else
            ' aria-label="Pages of the list"><a href="../../" rel="prev"')


def _facet_pages(site: Path, first: str) -> list[str]:
    urls = [first]
    while (site / first / "trang" / str(len(urls) + 1) / "index.html").is_file():
        urls.append(f"{first}trang/{len(urls) + 1}/")
    return urls


@pytest.mark.parametrize("first, count", [
    ("tien-do/co-quan/ldld-an-phu-van-phong/", 501),     # the fixture's plan has one more
    ("en/tien-do/nam/2025/", 504),                       # … four due 2025
])
def test_progress_facets_list_every_target_once(big_agency: Path, first: str, count: int
                                                ) -> None:
    urls = _facet_pages(big_agency, first)
    assert len(urls) == -(-count // TARGETS_PER_PAGE)
    target_cell = re.compile(r'<td data-label="(?:Chỉ tiêu|Target)"><a href="[^"]+"[^>]*>([^<]+)')
    listed = [_html.unescape(m) for url in urls
              for m in target_cell.findall(page(big_agency, url))]
    assert len(listed) == len(set(listed)) == count
    # the counts on every page are those of the whole facet
    for url in urls[:2]:
        counts = page(big_agency, url).split('id="tong-hop"', 1)[1].split("</section>", 1)[0]
        assert sum(int(n) for n in re.findall(r'data-count="(\d+)"', counts)) == count


def test_dashboard_and_agency_page_keep_their_lists_short(big_agency: Path) -> None:
    dashboard = page(big_agency, "tien-do/")
    assert "Còn 86 văn bản có chỉ tiêu khác: xem trang tiến độ trên trang của từng văn bản." \
        in dashboard                                     # 126 documents with targets
    agency = page(big_agency, f"co-quan/{AGENCY_ID}/")
    targets = agency.split('id="vb-tien-do"', 1)[1].split("</section>", 1)[0]
    assert targets.count("<tr><td") == 10
    assert '<a href="../../tien-do/co-quan/ldld-an-phu-van-phong/">Xem tất cả 501 chỉ tiêu ' \
        "trên trang tiến độ</a>" in targets


@pytest.fixture(scope="module")
def long_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-page plan: 300 sections of 9 paragraphs (about 3 KB a section), 200 tasks
    assigned all over the text."""
    project = make_project(tmp_path_factory.mktemp("long-document"), FIXTURE / "docs",
                           FIXTURE / "data")
    text = document(9, 200, sections=300, paragraphs=9, spread=True)
    body = text.split("\n---\n", 1)[1]
    assert len(body.encode("utf-8")) > 300 * 2_800
    (project / "docs" / "van-ban" / "kh-9-ldld-2022.md").write_text(text, encoding="utf-8")
    return built_site(project)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_much_cited_document_lists_its_newest_citers(big_agency: Path, lang: str) -> None:
    html = page(big_agency, f"{lang}van-ban/kh-05-ldld-2020/")
    cited = re.search(r'<section class="vb-section vb-cited-by">.*?</section>', html, re.S)
    assert cited
    listed = [int(n) for n in re.findall(r'<a href="\.\./kh-(\d+)-ldld-2022/">',
                                          cited.group(0))]
    assert len(listed) == len(set(listed)) == 20

    def date(n: int) -> tuple[int, int]:        # as document() dates plan n (2022)
        return 1 + n % 12, 1 + n % 28

    dates = [date(n) for n in listed]
    assert dates == sorted(dates, reverse=True)                  # newest first
    others = set(range(1, 126)) - set(listed)
    assert min(dates) >= max(date(n) for n in others)           # and the newest of all
    # cited by the 125 plans and by the fixture's ctr-12-ldld-2021: 126, 20 of them listed
    more = "106 văn bản khác" if not lang else "106 more documents"
    assert more in cited.group(0)


def test_a_300_page_document_builds_in_parts(long_document: Path) -> None:
    site = long_document
    folder = site / "van-ban" / "kh-9-ldld-2022"
    parts = sorted(folder.glob("*/index.html"), key=lambda p: int(p.parent.name))
    assert [p.parent.name for p in parts] == [str(n) for n in range(2, len(parts) + 2)]
    assert len(parts) >= 3          # about 1.2 MB of HTML in pages of at most 300 KB
    sizes = {p: p.stat().st_size for p in [folder / "index.html", *parts]}
    assert max(sizes.values()) <= PAGE_BUDGET, max(sizes.items(), key=lambda kv: kv[1])
    assert not list(site.rglob("toan-van"))                  # no separate full-text page
    # every paragraph is on exactly one page
    ids = [a for p in sizes for a in re.findall(r'id="(l\d+)"', p.read_text(encoding="utf-8"))]
    assert len(ids) == len(set(ids)) == 2_700
    # the English page is the card: one page, no part, no paragraph
    en = site / "en" / "van-ban" / "kh-9-ldld-2022"
    assert [p.name for p in en.iterdir()] == ["index.html"]
    assert 'id="l10"' not in (en / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_reader_follows_a_task_to_a_later_part_and_pages_back(chromium, long_document: Path
                                                              ) -> None:
    site = long_document
    resp = page(site, "van-ban/kh-9-ldld-2022/").split('id="vb-trach-nhiem"', 1)[1]
    href, anchor = next((h, a) for h, a in _HREF.findall(resp) if h and a.startswith("l"))
    n = int(href.strip("/"))
    with serve(site) as url:
        tab = chromium.new_page(viewport={"width": 360, "height": 780})
        tab.goto(f"{url}/van-ban/kh-9-ldld-2022/")
        assert tab.locator(".vb-parts li").count() == len(list(
            (site / "van-ban" / "kh-9-ldld-2022").glob("*/index.html"))) + 1
        tab.locator(f".vb-resp a[href='{href}#{anchor}']").first.click()
        tab.wait_for_url(f"**/van-ban/kh-9-ldld-2022/{n}/#{anchor}")
        box = tab.locator(f"[id='{anchor}']").bounding_box()
        assert box is not None and 0 <= box["y"] < 780, box
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert tab.locator("h1").count() == 1
        tab.locator(".vb-pager__prev").click()
        tab.wait_for_url("**/van-ban/kh-9-ldld-2022/" + (f"{n - 1}/" if n > 2 else ""))
        tab.close()


def test_200_tasks_are_summed_up_by_agency(long_document: Path) -> None:
    site = long_document
    url = "van-ban/kh-9-ldld-2022/"
    resp = page(site, url).split('id="vb-trach-nhiem"', 1)[1].split("</section>", 1)[0]
    assert ("Văn bản giao 200 nhiệm vụ: bảng dưới đây tóm tắt theo cơ quan; trang của từng cơ "
            "quan liệt kê đầy đủ nhiệm vụ, vai trò và thời hạn.") in resp
    assert "200 (133 chủ trì, 67 phối hợp)" in resp
    links = [(href, anchor) for href, anchor in _HREF.findall(resp) if anchor.startswith("l")]
    assert len(links) == 200
    for href, anchor in links[::7]:          # on the first page and on later parts
        target = _follow(site, url, href) if href else site / url / "index.html"
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (href, anchor)


@pytest.mark.browser
def test_no_serious_axe_violation_on_long_lists(chromium, big_agency: Path,
                                                long_document: Path) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    found = {}
    page_ = chromium.new_page()
    for site, url in ((big_agency, f"co-quan/{AGENCY_ID}/trang/2/"),
                      (big_agency, "en/van-ban/loai/kh/trang/2/"),
                      (long_document, "van-ban/kh-9-ldld-2022/")):
        with serve(site) as base:
            for width in (1280, 360):
                page_.set_viewport_size({"width": width, "height": 900})
                page_.goto(f"{base}/{url}")
                serious = [f"{v['id']}: {v['help']}" for v in axe.run(page_).response["violations"]
                           if v["impact"] in ("serious", "critical")]
                if serious:
                    found[f"{url} @{width}"] = serious
    page_.close()
    assert found == {}
