"""Search: the folding twins (Python `vanban.text` and overrides/assets/javascripts/vb-search.js,
run with node) agree; the index-only words of a page; the Pagefind bundle of a built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata

import pytest
from conftest import ROOT
from markupsafe import Markup

from vanban import pagefind
from vanban.data import Term
from vanban.text import fold, tone_normalize

JS = ROOT / "overrides" / "assets" / "javascripts" / "vb-search.js"

CASES = [
    "Liên đoàn Lao động tỉnh Bình Định",
    "ĐIỆN BIÊN", "Điện Biên", "dien bien", "Đảng đoàn",
    "hoá", "hóa", "HOÁ", "thuỷ", "thủy", "Thủy lợi", "khỏe", "khoẻ", "Quý", "quí",
    unicodedata.normalize("NFD", "thỏa ước lao động tập thể"),
    unicodedata.normalize("NFD", "Công đoàn cơ sở"),
    "\u00d0ảng", "\u00f0oàn",                           # look-alike Ð/ð
    "  chủ\u00a0tịch \u2003 CĐCS  ", "17/CTr-LĐLĐ", "02-NQ/TW", "Nghị quyết số 02-NQ/TƯ",
    "Café Ñandú Ærø", "ỹ ỵ ỷ ữ ự ừ ằ ẳ ẵ ặ", "", "123 ABC",
]


def _node(script: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node to run the JavaScript twin")
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60,
                          check=True)
    return done.stdout


def test_js_fold_and_tone_normalize_agree_with_python() -> None:
    script = (f"const t = require({json.dumps(str(JS))});"
              f"const cases = {json.dumps(CASES)};"
              "console.log(JSON.stringify(cases.map(c => [t.fold(c), t.toneNormalize(c)])));")
    got = json.loads(_node(script))
    want = [[fold(c), tone_normalize(c)] for c in CASES]
    assert got == want
    assert got[1][0] == got[2][0] == got[3][0] == "dien bien"
    assert got[5][0] == got[6][0] == "hoa" and got[5][1] == got[6][1] == "hoá"


def test_js_aligned_fold_keeps_offsets() -> None:
    text = "Chủ tịch CĐCS tỉnh Điện Biên"
    script = (f"const t = require({json.dumps(str(JS))});"
              f"console.log(JSON.stringify(t.foldAligned({json.dumps(text)})));")
    got = json.loads(_node(script))
    assert len(got) == len(text)
    assert got == fold(text)


def test_js_query_pairs_are_the_pairs_the_index_holds() -> None:
    """vb-search.js pairs a query's words two by two, as vanban.pagefind.pairs joins adjacent
    words of the page: a phrase typed with or without marks, in any case or normal form,
    asks for pairs the page's text gives."""
    queries = ["cong doan co so", "Công đoàn cơ sở", "CÔNG ĐOÀN CƠ SỞ",
               unicodedata.normalize("NFD", "thỏa ước lao động tập thể"), "chu tich cdcs",
               "\u00d0ảng đoàn", "17/CTr-LĐLĐ", "dien", ""]
    script = (f"const t = require({json.dumps(str(JS))});"
              f"console.log(JSON.stringify({json.dumps(queries)}.map(q => t.pairQuery(q))));")
    got = json.loads(_node(script))
    assert got[0] == "\u203fcong\u203fdoan \u203fco\u203fso"
    assert got[1] == got[2] == got[0]
    assert got[4] == "\u203fchu\u203ftich cdcs"          # an odd last word goes alone
    assert got[6:] == [None, None, None]                   # numbers, one word: as typed
    for query, asked in zip(queries[:6], got[:6], strict=True):
        index = set(pagefind.pairs(query))
        # every pair asked for is a pair of the same words in a page (the odd word aside)
        assert all(w in index for w in asked.split() if w.startswith(pagefind.PAIR)), query
    # any tone placement, marks or none: one pair
    assert pagefind.pairs("thoả thuận") == pagefind.pairs("thỏa thuận") == ["\u203fthoa\u203fthuan"]


def test_pair_block_holds_indexed_text_at_its_weight() -> None:
    page = ('<html><body><nav>Trang chủ điều hướng</nav><article class="md-content">'
            "<h1>Chỉ thị về <em>Điện</em> Biên</h1><p>Công đoàn cơ sở; chỉ thị về</p>"
            '<div class="vb-resp"><p>Bảng trách nhiệm</p></div>Sau bảng<!-- ghi chú -->'
            '<p data-pagefind-ignore>Bỏ qua</p>'
            '<p data-pagefind-weight="10">Số 17</p></article></body></html>')
    prepared = pagefind.with_extra(page, pagefind.Extra().html())
    block = str(pagefind.pair_block(prepared, [".vb-resp"]))
    assert block == ('<div class="vb-search-pairs">'
                     '<p data-pagefind-weight="7">\u203fchi\u203fthi \u203fthi\u203fve '
                     "\u203fve\u203fdien \u203fdien\u203fbien</p>"
                     '<p data-pagefind-weight="1">\u203fcong\u203fdoan \u203fdoan\u203fco '
                     "\u203fco\u203fso \u203fsau\u203fbang</p></div>")
    # each pair once, at its highest weight; excluded tables (not the text after them),
    # ignored elements, comments, the page outside the main article and numbers give none
    out = pagefind.with_pairs(prepared, [".vb-resp"])
    assert out.count(block) == 1 and out.index(block) < out.index("</article>")


def test_d_words_and_glossary_counterparts_are_indexed() -> None:
    terms = [Term("CĐCS", "công đoàn cơ sở", "grassroots trade union", None, 1),
             Term("CT", "Chỉ thị", "Directive", None, 2)]
    extra = pagefind.extra_for("Chủ tịch CĐCS tỉnh Điện Biên", terms)
    words = " ".join(text for _, text in extra.weighted).split()
    assert words == ["công", "đoàn", "cơ", "sở", "·", "cdcs", "·", "dien", "·", "doan"]
    extra = pagefind.extra_for("Ban chấp hành công đoàn cơ sở; ct", terms)
    assert [t for _, t in extra.weighted] == ["cđcs · cdcs · doan"]   # "ct" is not "CT"
    # a list, not a phrase: no pair across its items, pairs within
    assert pagefind.pairs("công đoàn cơ sở · cdcs · dien · doan") == [
        "\u203fcong\u203fdoan", "\u203fdoan\u203fco", "\u203fco\u203fso"]


def test_extra_block_is_escaped_and_marked() -> None:
    extra = pagefind.Extra()
    extra.add(10, '<script>alert(1)</script> "Điện"')
    extra.filters["issuer"] = ['A "B" <c>']
    extra.meta["title"] = "x<y"
    html = str(extra.html())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-pagefind-filter="issuer:A &#34;B&#34; &lt;c&gt;"' in html
    assert 'data-pagefind-meta="title:x&lt;y"' in html
    assert html.startswith(f'<div class="vb-search-extra"><p>{pagefind.MARKER}</p>')
    assert "dien" in html                                           # the folded copy


def test_with_extra_marks_the_article_as_the_indexed_body() -> None:
    page = '<html><body><nav>menu</nav><article class="md-content">text</article></body></html>'
    out = pagefind.with_extra(page, pagefind.Extra().html())
    assert '<article data-pagefind-body class="md-content">text<div class="vb-search-extra">' \
        in out
    assert "<nav>menu</nav>" in out
    out = pagefind.with_extra('<article><dt>Loại</dt><dd>Chỉ thị</dd></article>', Markup(""))
    assert out == '<article data-pagefind-body><dt>Loại </dt><dd>Chỉ thị </dd></article>'


def _js(expr: str) -> object:
    """Evaluate `expr` with the search script loaded as `t` (node), JSON result."""
    script = (f"const t = require({json.dumps(str(JS))});"
              "const mk = (title, body) => t.prepare({meta: {title},"
              f" content: body + ' {pagefind.MARKER} hidden dien bien'}});"
              f"console.log(JSON.stringify({expr}));")
    return json.loads(_node(script))


def test_ranking_phrase_and_exact_marks_above_folded_and_scattered() -> None:
    factors = _js("""[
        t.boost(mk('Chỉ thị về Điện Biên', 'Công đoàn tỉnh Điện Biên'), 'dien bien'),
        t.boost(mk('Kế hoạch', 'Công đoàn tỉnh Điện Biên'), 'dien bien'),
        t.boost(mk('Kế hoạch', 'phổ biến, điện lực, biên bản'), 'dien bien'),
        t.boost(mk('Kế hoạch', 'tỉnh Điện Biên'), 'Điện Biên'),
        t.boost(mk('Kế hoạch', 'Diên Biến'), 'Điện Biên'),
        t.boost(mk('Kế hoạch', 'hoá học'), 'hóa học'),
    ]""")
    title_phrase, body_phrase, scattered, exact, folded, other_tone = factors  # type: ignore
    assert title_phrase > body_phrase > scattered          # phrase in title > text > scattered
    assert exact > folded                                  # same marks > folded
    assert other_tone == exact                             # hoá/hóa count as the same marks
    # the index-only block (after the marker) never counts: "hidden dien bien" is not text
    assert _js("t.boost(mk('Kế hoạch', 'không có'), 'dien bien')") == 1


def test_excerpt_marks_folded_matches_in_the_original_text_and_escapes() -> None:
    html = _js("t.excerpt(mk('x', 'Mở đầu <b>. Chủ tịch CĐCS tỉnh Điện Biên họp.'),"
               " 'chu tich cdcs dien', 200)")
    assert html == ("Mở đầu &lt;b&gt;. <mark>Chủ</mark> <mark>tịch</mark> <mark>CĐCS</mark> "
                    "tỉnh <mark>Điện</mark> Biên họp.")


def test_document_facts_for_the_index_from_the_seed_catalog() -> None:
    from vanban.site import search as site_search
    from vanban.site.catalog import Sources, load_catalog

    cat = load_catalog(Sources(ROOT / "docs", ROOT / "data" / "agencies.yml",
                               ROOT / "data" / "glossary.yml", ROOT))
    doc = cat.document("ctr-17-ldld-2021")
    if doc is None:
        pytest.skip("the sample documents are not imported (make sample)")
    vi = site_search.document_extra(cat, doc, "vi", "Chủ tịch CĐCS")
    assert vi.filters == {"type": ["Chương trình hành động"], "year": ["2021"],
                          "issuer": ["Liên đoàn Lao động tỉnh Bình Định"]}
    assert vi.meta["title"].startswith("Chương trình hành động số 17/CTr-LĐLĐ: Thực hiện")
    assert vi.meta["info"] == ("Chương trình hành động · 23/11/2021 · "
                               "Liên đoàn Lao động tỉnh Bình Định")
    label = [t for w, t in vi.weighted if w == pagefind.WEIGHT_LABEL]
    assert "17/CTr · CTr-LĐLĐ" in label[0]                     # the number's parts
    folded = re.findall(r"[\w/-]+", label[1])
    assert "17/ctr-ldld" in folded and "doi" in folded          # the "đ" words, folded
    assert "thuc" not in label[1]              # Pagefind folds the other marks itself
    names = [t for w, t in vi.weighted if w == pagefind.WEIGHT_NAMES]
    assert "Liên đoàn Lao động tỉnh Bình Định" in names[0] and "dinh" in names[1].split()
    en = site_search.document_extra(cat, doc, "en", "")
    assert en.filters["type"] == ["Action programme"]
    assert en.filters["issuer"] == ["Bình Định Provincial Labour Federation"]
    assert en.meta["title"] == ("Action programme No. 17/CTr-LĐLĐ of the Bình Định "
                                "Provincial Labour Federation")
    # the English page is the card: the union's terms its Vietnamese text uses, in English
    english = dict(site_search.document_extra(cat, doc, "en", "").weighted)
    uses = {w: t.split(" · ") for w, t in english.items() if w not in (
        pagefind.WEIGHT_LABEL, pagefind.WEIGHT_NAMES)}
    # "thỏa/thoả ước lao động tập thể" five times in the programme, "đoàn viên" dozens
    assert "collective bargaining agreement" in uses[3.0] and "union member" in uses[3.0]
    assert "collective bargaining agreement" not in str(vi.weighted)   # Vietnamese page: none
    # the figures of its text are in its outline (vanban.site.search.outline)
    assert "105.000" in pagefind.figures(doc.body)


def test_english_equivalents_of_a_text() -> None:
    from vanban.data import load_words
    words = load_words(ROOT / "data" / "glossary.yml")
    vi = {w.vi: w.en for w in words}
    assert vi["thỏa ước lao động tập thể"][0] == "collective bargaining agreement"
    assert vi["công đoàn cơ sở"][0] == "grassroots union"
    assert vi["đoàn viên"][0] == "union member" and vi["người lao động"][0] == "worker"
    terms = [Term("CĐCS", "công đoàn cơ sở", "grassroots trade union", None, 1),
             Term("KH", "Kế hoạch", "Plan", None, 2)]
    found = dict(pagefind.english_equivalents(
        "Xây dựng đội ngũ chủ tịch công đoàn cơ sở",
        "Kế hoạch: ký kết thoả ước lao động tập thể; vận động công nhân. Các CĐCS, CĐCS",
        words, terms))
    # the title's terms weigh most; "công nhân" is not "công nhận" (marks kept)
    assert {"grassroots union", "union chair"} <= set(found[pagefind.WEIGHT_EN_TITLE])
    assert "collective bargaining agreement" in found[1.0] and "industrial worker" in found[1.0]
    assert "Plan" not in str(found)        # a type word, not a term of the union
    assert pagefind.english_equivalents("", "được công nhận", words) == []


def test_glossary_words_are_checked(tmp_path) -> None:
    from vanban.data import DataError, load_words
    path = tmp_path / "glossary.yml"
    path.write_text("terms: []\nwords:\n  - vi: đoàn viên\n    en: union member\n"
                    "  - vi: Đoàn viên\n    en: member\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_words(path)
    assert "glossary.yml:5: words[1].vi: duplicate term 'Đoàn viên', first defined on line 3" \
        in err.value.problems[0].message("en")


def test_list_pages_are_not_indexed() -> None:
    from vanban.site.search import skipped_urls
    facets = ["tien-do/nam/*", "tien-do/co-quan/*", "tien-do/trang-thai/*"]
    assert skipped_urls(["vi", "en"]) == [
        "", "van-ban/", "co-quan/", "han/", "van-ban/loai/*", "van-ban/nam/*", *facets,
        "han/trang/*", "han/co-quan/*",
        "en/", "en/van-ban/", "en/co-quan/", "en/deadlines/", "en/van-ban/loai/*",
        "en/van-ban/nam/*", *["en/" + f for f in facets], "en/deadlines/page/*",
        "en/deadlines/agency/*"]


def test_built_pages_skip_lists_the_bundle_and_404(tmp_path) -> None:
    for rel in ("index.html", "404.html", "van-ban/index.html", "van-ban/x/index.html",
                "van-ban/loai/ct/index.html", "en/van-ban/x/index.html",
                "pagefind/fragment/index.html", "co-quan/a/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<html></html>", encoding="utf-8")
    skip = ["", "van-ban/", "van-ban/loai/*"]
    assert [p.url for p in pagefind.built_pages(tmp_path, skip)] == \
        ["co-quan/a/", "en/van-ban/x/", "van-ban/x/"]


def test_excerpt_marks_whole_words_and_the_last_word_as_a_prefix() -> None:
    html = _js("t.excerpt(mk('x', 'chính quyền, Chỉ thị, thịt'), 'chi thi', 200)")
    assert html == "chính quyền, <mark>Chỉ</mark> <mark>thị</mark>, <mark>thịt</mark>"


def test_index_can_be_switched_off_for_quick_rebuilds(tmp_path, monkeypatch) -> None:
    from types import SimpleNamespace

    from vanban.site import search as site_search

    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    config = SimpleNamespace(plugins={}, site_dir=str(tmp_path), config_file_path=None)
    monkeypatch.setenv("VANBAN_SEARCH_INDEX", "0")
    site_search.on_post_build(config)  # type: ignore[arg-type]
    assert not (tmp_path / "pagefind").exists()
