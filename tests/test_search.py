"""Search: the folding twins (Python `vanban.text` and overrides/assets/javascripts/vb-search.js,
run with node) agree; the index-only words of a page; the Pagefind bundle of a built site."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from conftest import ROOT
from markupsafe import Markup

from vanban import search
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


def test_d_words_and_glossary_counterparts_are_indexed() -> None:
    terms = [Term("CĐCS", "công đoàn cơ sở", "grassroots trade union", None, 1),
             Term("CT", "Chỉ thị", "Directive", None, 2)]
    extra = search.extra_for("Chủ tịch CĐCS tỉnh Điện Biên", terms)
    words = " ".join(text for _, text in extra.weighted).split()
    assert words == ["công", "đoàn", "cơ", "sở", "cdcs", "dien", "doan"]
    extra = search.extra_for("Ban chấp hành công đoàn cơ sở; ct", terms)
    assert [t for _, t in extra.weighted] == ["cđcs cdcs doan"]       # "ct" is not "CT"


def test_extra_block_is_escaped_and_marked() -> None:
    extra = search.Extra()
    extra.add(10, '<script>alert(1)</script> "Điện"')
    extra.filters["issuer"] = ['A "B" <c>']
    extra.meta["title"] = "x<y"
    html = str(extra.html())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-pagefind-filter="issuer:A &#34;B&#34; &lt;c&gt;"' in html
    assert 'data-pagefind-meta="title:x&lt;y"' in html
    assert html.startswith(f'<div class="vb-search-extra"><p>{search.MARKER}</p>')
    assert "dien" in html                                           # the folded copy


def test_with_extra_marks_the_article_as_the_indexed_body() -> None:
    page = '<html><body><nav>menu</nav><article class="md-content">text</article></body></html>'
    out = search.with_extra(page, search.Extra().html())
    assert '<article data-pagefind-body class="md-content">text<div class="vb-search-extra">' \
        in out
    assert "<nav>menu</nav>" in out
    out = search.with_extra('<article><dt>Loại</dt><dd>Chỉ thị</dd></article>', Markup(""))
    assert out == '<article data-pagefind-body><dt>Loại </dt><dd>Chỉ thị </dd></article>'
