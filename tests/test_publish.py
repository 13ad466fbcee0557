"""Publishing: `vanban new-post`, the news section and its Atom feeds, the 404 pages, the
original-file download, `make dist`.

The site is the small sample site (tests/fixtures/site/) plus twelve posts written with
`vanban new-post` (some translated), built with `mkdocs build --strict` in a temp dir.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, build, built_site, make_project, page

from vanban.cli import main
from vanban.dist import make_zip
from vanban.posts import FeedInfo, feed, load_posts

FIXTURE = ROOT / "tests" / "fixtures" / "site"
ATOM = "{http://www.w3.org/2005/Atom}"
POSTS = 12                       # > one page of the index (10)
TRANSLATED = {3, 11}             # days of the posts that get an English translation


def _new_post(docs: Path, title: str, *more: str, lang: str = "vi"):
    return CliRunner().invoke(main, ["--lang", lang, "new-post", title, "--docs", str(docs),
                                     *more])


def _post_dates() -> list[dt.date]:
    return [dt.date(2026, 1, day) for day in range(1, POSTS + 1)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("news"), FIXTURE / "docs", FIXTURE / "data")
    for d in _post_dates():
        extra = ["--en", f"English post {d.day} <b>"] if d.day in TRANSLATED else []
        result = _new_post(project / "docs", f"Bản tin số {d.day} <b>", "--date",
                           d.isoformat(), *extra)
        assert result.exit_code == 0, result.output
    return built_site(project)


def titles(html: str) -> list[str]:
    return re.findall(r'<h[23] class="vb-post__title"><a href="[^"]*">([^<]*)</a>', html)


# ---- vanban new-post ---------------------------------------------------------------------------

def test_new_post_writes_front_matter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = _new_post(docs, "Ra mắt Cổng thông tin!", "--date", "2026-11-20", "--en",
                      "Portal launch")
    assert first.exit_code == 0
    vi = docs / "tin-tuc" / "2026-11-20-ra-mat-cong-thong-tin.md"
    en = docs / "tin-tuc" / "2026-11-20-ra-mat-cong-thong-tin.en.md"
    assert first.output == (f"Đã tạo bản tin: {vi}\nĐã tạo bản tin: {en}\n"
                            "Viết nội dung dưới phần thông tin đầu trang, xem trước bằng "
                            "`make serve`, rồi commit.\n")
    assert vi.read_text(encoding="utf-8").startswith(
        "---\ntitle: Ra mắt Cổng thông tin!\ndate: 2026-11-20\nsummary: ")
    assert en.read_text(encoding="utf-8").startswith("---\ntitle: Portal launch\n")
    posts, problems = load_posts(docs)
    assert problems == []
    assert [(p.slug, p.date, p.text("en").title) for p in posts] == [
        ("2026-11-20-ra-mat-cong-thong-tin", dt.date(2026, 11, 20), "Portal launch")]

    vi.write_text(vi.read_text(encoding="utf-8") + "\nĐã sửa.\n", encoding="utf-8")
    again = _new_post(docs, "Ra mắt Cổng thông tin!", "--date", "2026-11-20")
    assert again.exit_code == 2
    assert again.output == (f"{vi} đã có — không ghi đè; đổi tiêu đề hoặc sửa trực tiếp "
                            "tệp đó\n")
    assert vi.read_text(encoding="utf-8").endswith("Đã sửa.\n")
    # the translation exists, the Vietnamese post not: nothing is written at all
    vi.unlink()
    both = _new_post(docs, "Ra mắt Cổng thông tin!", "--date", "2026-11-20", "--en", "X",
                     lang="en")
    assert both.exit_code == 2
    assert both.output == (f"{en} already exists — not overwritten; choose another title or "
                           "edit that file\n")
    assert not vi.exists()
    assert sorted(p.name for p in (docs / "tin-tuc").iterdir()) == [en.name]


@pytest.mark.parametrize("args, lang, expected", [
    (["  "], "vi", 'tiêu đề trống — viết tiêu đề trong dấu ngoặc kép: '
                   'vanban new-post "Tiêu đề bản tin"\n'),
    (["  "], "en", 'the title is empty — put the title in quotes: '
                   'vanban new-post "Title of the post"\n'),
    (["Tin", "--date", "20/11/2026"], "vi",
     "ngày '20/11/2026' không hợp lệ — viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-20\n"),
    (["Tin", "--date", "2026-02-30"], "en",
     "invalid date '2026-02-30' — write it as YEAR-MONTH-DAY, e.g. 2026-11-20\n"),
])
def test_new_post_errors(tmp_path: Path, args: list[str], lang: str, expected: str) -> None:
    result = _new_post(tmp_path / "docs", *args, lang=lang)
    assert result.exit_code == 2
    assert result.output == expected
    assert not (tmp_path / "docs").exists()


def test_broken_post_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    folder = project / "docs" / "tin-tuc"
    folder.mkdir()
    (folder / "2026-01-02-a.md").write_text("---\ntitle: A\ndate: 20/11/2026\n---\n\nx\n",
                                            encoding="utf-8")
    (folder / "2026-01-03-b.md").write_text("---\nsummary: B\n---\n\nx\n", encoding="utf-8")
    (folder / "2026-01-04-c.md").write_text("---\ntitle: C\nsummary: C\ndate: 2026-13-45\n---\n",
                                            encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ("docs/tin-tuc/2026-01-02-a.md:3: date: invalid date '20/11/2026' — write it as "
            "YEAR-MONTH-DAY, e.g. 2026-11-20") in result.stderr
    assert ("docs/tin-tuc/2026-01-04-c.md:4: date: invalid date '2026-13-45' — write it as "
            "YEAR-MONTH-DAY, e.g. 2026-11-20") in result.stderr
    assert ("docs/tin-tuc/2026-01-03-b.md:1: title: missing key 'title' — add a `title: …` "
            "line to the front matter") in result.stderr


# ---- news pages --------------------------------------------------------------------------------

def test_news_index_pages_with_pagination(site: Path) -> None:
    first, second = page(site, "tin-tuc/"), page(site, "tin-tuc/trang/2/")
    newest_first = [f"Bản tin số {d} &lt;b&gt;" for d in range(POSTS, 0, -1)]
    assert titles(first) == newest_first[:10]
    assert titles(second) == newest_first[10:]
    assert '<a href="trang/2/" rel="next" class="vb-pager__next">Tin cũ hơn →</a>' in first
    assert '<a href="./" aria-current="page">1</a>' in first
    assert '<a href="../../" rel="prev" class="vb-pager__prev">← Tin mới hơn</a>' in second
    assert '<a href="../../2026-01-01-ban-tin-so-1-b/">Bản tin số 1 &lt;b&gt;</a>' in second
    assert '<h1 id="tin-tuc-trang-2">Tin tức — trang 2<a class="headerlink"' in second
    # English: translated titles where there is a translation, the Vietnamese one (marked) else
    en = page(site, "en/tin-tuc/")
    assert titles(en)[:3] == ["Bản tin số 12 &lt;b&gt;", "English post 11 &lt;b&gt;",
                              "Bản tin số 10 &lt;b&gt;"]
    assert '<article class="vb-post-item" lang="vi">' in en
    assert '<a href="trang/2/" rel="next" class="vb-pager__next">Older posts →</a>' in en
    assert titles(page(site, "en/tin-tuc/trang/2/")) == ["Bản tin số 2 &lt;b&gt;",
                                                           "Bản tin số 1 &lt;b&gt;"]


def test_post_pages_in_both_languages(site: Path) -> None:
    vi = page(site, "tin-tuc/2026-01-11-ban-tin-so-11-b/")
    assert "<title>Bản tin số 11 &lt;b&gt; - " in vi
    assert '<a href="../" class="vb-post__back">← Tất cả tin tức</a>' in vi
    assert '<time datetime="2026-01-11">11/01/2026</time>' in vi
    en = page(site, "en/tin-tuc/2026-01-11-ban-tin-so-11-b/")
    assert "<title>English post 11 &lt;b&gt; - " in en
    assert '<time datetime="2026-01-11">11 January 2026</time>' in en
    assert "vb-post__note" not in en
    # no translation: the English site shows the Vietnamese post, saying so
    fallback = page(site, "en/tin-tuc/2026-01-10-ban-tin-so-10-b/")
    assert '<html lang="en"' in fallback and "Bản tin số 10 &lt;b&gt;" in fallback
    assert ('<p class="vb-post__note">This post has not been translated yet; it is shown in '
            "Vietnamese.</p>") in fallback
    assert ('<div lang="vi">\n<h1>Bản tin số 10 &lt;b&gt;</h1>\n<p>Nội dung bản tin.'
            in fallback)
    assert '<div lang="vi">' not in en


def test_home_shows_the_latest_posts_and_every_page_announces_the_feed(site: Path) -> None:
    home = page(site, "")
    latest = re.search(r'<section class="vb-section vb-news-latest">.*?</section>', home,
                       re.DOTALL)
    assert latest
    assert titles(latest.group(0)) == ["Bản tin số 12 &lt;b&gt;", "Bản tin số 11 &lt;b&gt;",
                                       "Bản tin số 10 &lt;b&gt;"]
    assert 'href="tin-tuc/">Tất cả tin tức</a>' in latest.group(0)
    assert titles(page(site, "en/"))[1] == "English post 11 &lt;b&gt;"
    assert ('<link rel="alternate" type="application/atom+xml" href="tin-tuc/feed.xml" '
            'title="Tin tức — Cổng thông tin văn bản Công đoàn">') in home
    assert 'type="application/atom+xml" href="../../tin-tuc/feed.xml"' \
        in page(site, "en/van-ban/ctr-12-ldld-2021/")          # en/tin-tuc/feed.xml


@pytest.mark.parametrize("lang, prefix, first_title, site_title", [
    ("vi", "", "Bản tin số 12 <b>", "Tin tức — Cổng thông tin văn bản Công đoàn"),
    ("en", "en/", "Bản tin số 12 <b>", "News — Trade Union Documents Portal"),
])
def test_atom_feed_per_language(site: Path, lang: str, prefix: str, first_title: str,
                                site_title: str) -> None:
    path = site / prefix / "tin-tuc" / "feed.xml"
    root = ET.parse(path).getroot()                      # well-formed XML
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.findtext(f"{ATOM}title") == site_title
    assert root.findtext(f"{ATOM}updated") == "2026-01-12T00:00:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == POSTS
    assert entries[0].findtext(f"{ATOM}title") == first_title
    by_title = {e.findtext(f"{ATOM}title"): e for e in entries}
    if lang == "en":
        assert "English post 11 <b>" in by_title and "Bản tin số 11 <b>" not in by_title
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == POSTS and all(i and i.startswith("urn:uuid:") for i in ids)
    # without site_url the links are relative to the feed and lead to the built post pages
    feed_url = f"https://host/portal/{prefix}tin-tuc/feed.xml"
    for e in entries:
        link = e.find(f"{ATOM}link")
        assert link is not None
        target = urljoin(feed_url, link.get("href"))
        assert target.startswith(f"https://host/portal/{prefix}tin-tuc/2026-01-")
        assert (site / target.removeprefix("https://host/portal/") / "index.html").is_file()


def test_feed_with_site_url_is_absolute_and_deterministic() -> None:
    posts, _ = load_posts(ROOT / "docs")
    assert len(posts) >= 3
    info = FeedInfo("en", "News", "News about the portal", "https://example.org/portal/",
                    "en/", "en/tin-tuc/feed.xml")
    urls = {p.slug: f"en/tin-tuc/{p.slug}/" for p in posts}
    xml = feed(posts, info, urls)
    assert xml == feed(posts, info, urls)
    root = ET.fromstring(xml)
    assert root.findtext(f"{ATOM}id") == "https://example.org/portal/en/"
    self_link = [ln.get("href") for ln in root.findall(f"{ATOM}link") if ln.get("rel") == "self"]
    assert self_link == ["https://example.org/portal/en/tin-tuc/feed.xml"]
    entry = root.findall(f"{ATOM}entry")[-1]
    assert entry.findtext(f"{ATOM}title") == "The Trade Union Documents Portal is live"
    assert entry.findtext(f"{ATOM}id") == (
        "https://example.org/portal/en/tin-tuc/2026-11-20-ra-mat-cong-thong-tin-van-ban-cong-"
        "doan/")


# ---- 404, originals, dist ----------------------------------------------------------------------

def test_404_page_in_each_language(site: Path) -> None:
    vi = (site / "404.html").read_text(encoding="utf-8")
    en = (site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vi and "<h1>Không tìm thấy trang</h1>" in vi
    assert '<li><a href="/van-ban/">Văn bản</a></li>' in vi
    assert '<html lang="en"' in en and "<h1>Page not found</h1>" in en
    assert '<li><a href="/en/tin-tuc/">News</a></li>' in en
    # the language switcher leads to the two home pages
    assert re.search(r'<a href="/en/" hreflang="en" class="md-select__link">', vi)
    assert re.search(r'<a href="/" hreflang="vi" class="md-select__link">', en)


def test_document_card_offers_the_original_file(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE / "docs", FIXTURE / "data")
    original = project / "docs" / "van-ban" / "kh-05-ldld-2020.docx"
    original.write_bytes(b"PK" + bytes(3000))
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    vi = page(project / "site", "van-ban/kh-05-ldld-2020/")
    assert ('<div class="vb-card__original"><dt>Tệp gốc</dt><dd><a href="../kh-05-ldld-2020.docx" '
            'download="kh-05-ldld-2020.docx" class="vb-original">Tải tệp gốc (DOCX, 3 KB)</a>'
            '</dd></div>') in vi
    en = page(project / "site", "en/van-ban/kh-05-ldld-2020/")
    assert ('<a href="../../../van-ban/kh-05-ldld-2020.docx" download="kh-05-ldld-2020.docx" '
            'class="vb-original">Download the original (DOCX, 3 KB)</a>') in en
    copied = project / "site" / "van-ban" / "kh-05-ldld-2020.docx"
    assert copied.read_bytes() == original.read_bytes()
    assert "vb-card__original" not in page(project / "site", "van-ban/ctr-12-ldld-2021/")


def test_zip_of_the_site_is_sorted_and_reproducible(site: Path, tmp_path: Path) -> None:
    names = make_zip(site, tmp_path / "a.zip")
    assert names == sorted(names)
    os.utime(site / "index.html", (0, 0))               # file dates do not matter
    make_zip(site, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.slow
def test_make_dist(tmp_path: Path) -> None:
    """`make dist` builds the real portal and zips it: both languages, news, feeds, 404s,
    originals, nothing else (no sources, no temp files)."""
    if shutil.which("make") is None:
        pytest.skip("needs make")
    dest = tmp_path / "portal.zip"
    result = subprocess.run(["make", "-s", "dist", f"DIST={dest}"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    with zipfile.ZipFile(dest) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.testzip() is None
        home = zf.read("index.html").decode()
    docs = sorted(p.stem for p in (ROOT / "docs" / "van-ban").glob("*.md") if p.stem != "index")
    posts = sorted(p.name[:-3] for p in (ROOT / "docs" / "tin-tuc").glob("*.md")
                   if not p.name.endswith(".en.md"))
    expected = {"index.html", "en/index.html", "404.html", "en/404.html", "sitemap.xml",
                "tin-tuc/index.html", "en/tin-tuc/index.html", "tin-tuc/feed.xml",
                "en/tin-tuc/feed.xml", "huong-dan/index.html", "en/huong-dan/index.html",
                "assets/stylesheets/vanban-publish.css", "pagefind/vi/pagefind.js",
                "pagefind/en/pagefind.js",
                "pagefind-full/shards.json",
                "pagefind-full/vi-0/pagefind-entry.json", "pagefind-full/en-0/pagefind-entry.json"}
    expected |= {f"{lang}van-ban/{d}/index.html" for d in docs for lang in ("", "en/")}
    expected |= {f"{lang}tin-tuc/{p}/index.html" for p in posts for lang in ("", "en/")}
    expected |= {f"van-ban/{p.name}" for p in (ROOT / "docs" / "van-ban").iterdir()
                 if p.suffix in (".txt", ".docx")}
    assert expected <= set(names), sorted(expected - set(names))
    assert not [n for n in names if n.endswith((".md", ".yml", ".tmp", ".py"))]
    assert "vb-news-latest" in home


def test_ci_templates_check_test_build_and_deploy_from_main() -> None:
    """Both CI templates run `vanban check`, the whole test suite and the strict build (make
    build/dist run `mkdocs build --strict`), and publish only from the main branch."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # make build is `vanban build` (with the build cache), which runs `mkdocs build --strict`
    assert re.search(r"^build: .*\n\t\$\(BIN\)/vanban build", makefile, re.MULTILINE)
    cli = (ROOT / "vanban" / "cli.py").read_text(encoding="utf-8")
    assert 'args = ["build", "--strict", "--clean" if no_cache else "--dirty"]' in cli
    assert re.search(r"^dist: build\n", makefile, re.MULTILINE)
    # `make test` (what .ci/run runs) checks the content after the linters, before the tests
    assert re.search(r"^check: \$\(READY\)\n\t\$\(BIN\)/vanban check\n", makefile, re.MULTILINE)
    assert re.search(r"^test: .* lint check\n", makefile, re.MULTILINE)

    gh = yaml.safe_load((ROOT / ".github" / "workflows" / "portal.yml").read_text("utf-8"))
    steps = [s.get("run", "") for s in gh["jobs"]["test"]["steps"]]
    inbox = next(i for i, s in enumerate(steps) if "vanban inbox --push" in s)
    assert inbox < steps.index("make check") < steps.index("make test") \
        < steps.index("make dist")
    assert gh["jobs"]["deploy"]["if"] == \
        "github.ref_name == github.event.repository.default_branch"
    assert gh["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")

    gl = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    script = [line.split("#")[0].strip() for line in gl["test"]["script"]]
    assert script == ["make setup", ".venv/bin/vanban inbox", "make check", "make test",
                      "make dist"]
    assert gl["stages"][0] == "inbox"
    assert any("vanban inbox --push" in line for line in gl["inbox"]["script"])
    assert gl["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gl["pages"]["artifacts"] == {"paths": ["public"]}
