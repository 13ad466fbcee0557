"""data/agencies.yml and data/glossary.yml: the shipped files load cleanly, every agency name the
seed documents write finds its agency, and every kind of problem in a data file gets its exact
message in Vietnamese and English (fixtures in tests/fixtures/data/)."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from vanban.data import (
    KINDS,
    Agency,
    AgencyRegistry,
    DataError,
    FrontMatterOpen,
    Problem,
    agency_key,
    load_agencies,
    load_glossary,
    load_yaml_nodes,
    split_front_matter,
)
from vanban.slug import slugify

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path("tests/fixtures/data")           # relative: messages show paths as given here
SEEDS = sorted((ROOT / "tests" / "fixtures" / "convert").glob("seed-*/input.txt"))


@pytest.fixture(autouse=True)
def _from_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files relative to the working directory, and default to Vietnamese."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("VANBAN_LANG", raising=False)


@pytest.fixture(scope="module")
def registry() -> AgencyRegistry:
    return load_agencies(ROOT / "data" / "agencies.yml")


def nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


# ---- the shipped files -------------------------------------------------------------------------

def test_shipped_agencies_are_valid(registry: AgencyRegistry) -> None:
    agencies = list(registry)
    assert len(agencies) == len(registry) >= 70
    for a in agencies:
        assert slugify(a.id) == a.id, a.id
        assert a.kind in KINDS, a.id
        for text in (a.name, a.name_en, *a.abbr, *a.aliases, a.place or ""):
            assert nfc(text), (a.id, text)
        assert a.parent is None or registry.get(a.parent) is not None, a.id
        assert a.place in (None, "Điện Biên", "Ninh Bình", "Bình Định", "Phú Thọ"), a.id
        # a local body's full name says where it is, so it matches from any document
        assert a.place is None or registry.match(a.name) == a, a.id
        assert registry.match(a.id, a.place) == a, a.id


def test_shipped_agencies_hierarchy(registry: AgencyRegistry) -> None:
    ldld = registry.get("ldld-binh-dinh")
    assert ldld is not None and ldld.parent == "tong-ldld-viet-nam" and ldld.place == "Bình Định"
    assert ldld.name_en == "Bình Định Provincial Labour Federation"
    children = [a.id for a in registry.children("ldld-binh-dinh")]
    assert "ldld-binh-dinh-ban-tuyen-giao-nu-cong" in children
    assert "ldld-binh-dinh-van-phong" in children
    assert children.index("ldld-binh-dinh-van-phong") < children.index(
        "ldld-binh-dinh-ban-tuyen-giao-nu-cong")                       # file order
    assert registry.children("cong-doan-co-so") == []
    assert registry.get("no-such-agency") is None
    tg = registry.get("ldld-binh-dinh-ban-tuyen-giao-nu-cong")
    assert tg is not None and tg.abbr == ("Ban TG-NC",) and tg.line > 1


def test_shipped_glossary_is_valid() -> None:
    terms = load_glossary(ROOT / "data" / "glossary.yml")
    abbrs = {t.abbr for t in terms}
    assert {"CĐCS", "LĐLĐ", "ĐVNLĐ", "CBCCVCLĐ", "TLĐ", "KCN", "NLĐ", "BCH", "BTV", "UBND",
            "MTTQ", "PCT", "UV", "TT", "VT", "b/c", "đ/c", "CĐVC", "ĐUTT", "CCQ", "SN", "FDI",
            "ToC", "TG-NC", "PL", "QHLĐ", "TW", "TU", "NQ", "CT", "CTr", "KH", "QĐ", "KL", "NĐ",
            "CP", "TM", "T/M", "TNHH", "CĐ"} <= abbrs
    cdcs = next(t for t in terms if t.abbr == "CĐCS")
    assert (cdcs.vi, cdcs.en) == ("công đoàn cơ sở", "grassroots trade union")
    for t in terms:
        assert all(nfc(x) for x in (t.abbr, t.vi, t.en, t.note or "")), t.abbr


def test_every_glossary_abbreviation_occurs_in_a_seed() -> None:
    text = "\n".join(unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in SEEDS)
    assert len(SEEDS) == 4
    for t in load_glossary(ROOT / "data" / "glossary.yml"):
        assert re.search(rf"(?<!\w){re.escape(t.abbr)}(?!\w)", text), t.abbr


# ---- matching: every agency string of the seeds ----------------------------------------------

ASSIGNMENTS = [
    # 001 Chỉ thị, Ban Thường vụ Tỉnh ủy Điện Biên
    ("Ban cán sự đảng UBND tỉnh", "Điện Biên", "ban-can-su-dang-ubnd-dien-bien"),
    ("Đảng đoàn Liên đoàn Lao động tỉnh", "Điện Biên", "dang-doan-ldld-dien-bien"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội tỉnh", "Điện Biên",
     "dien-bien-mttq-va-doan-the"),
    ("Ban Tổ chức Tỉnh ủy", "Điện Biên", "tinh-uy-dien-bien-ban-to-chuc"),
    ("Ban Tuyên giáo Tỉnh ủy", "Điện Biên", "tinh-uy-dien-bien-ban-tuyen-giao"),
    ("Sở Thông tin và Truyền thông", "Điện Biên", "so-thong-tin-truyen-thong-dien-bien"),
    ("Ban Dân vận Tỉnh ủy", "Điện Biên", "tinh-uy-dien-bien-ban-dan-van"),
    ("Cấp ủy, tổ chức đảng và chính quyền các cấp trong tỉnh", "Điện Biên",
     "dien-bien-cap-uy-chinh-quyen-cac-cap"),
    # 002 Kế hoạch, Ban Thường vụ LĐLĐ tỉnh Ninh Bình
    ("Ban Thường vụ LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-ban-thuong-vu"),
    ("Các ban LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-cac-ban"),
    ("Ban Tổ chức LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-ban-to-chuc"),
    ("Ban Tuyên giáo – Nữ công LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-ban-tuyen-giao-nu-cong"),
    ("Ban Tài chính LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-ban-tai-chinh"),
    ("Các LĐLĐ huyện, thành phố, công đoàn ngành, Công đoàn các Khu Công nghiệp", "Ninh Bình",
     "ldld-ninh-binh-cong-doan-cap-tren-truc-tiep-co-so"),
    # 003 Chương trình hành động, LĐLĐ tỉnh Bình Định
    ("Liên đoàn Lao động tỉnh", "Bình Định", "ldld-binh-dinh"),
    ("Ban Tuyên giáo - Nữ công", "Bình Định", "ldld-binh-dinh-ban-tuyen-giao-nu-cong"),
    ("Văn phòng", "Bình Định", "ldld-binh-dinh-van-phong"),
    ("Các ban LĐLĐ tỉnh", "Bình Định", "ldld-binh-dinh-cac-ban"),
    ("Bản tin Công đoàn Bình Định", "Bình Định", "ldld-binh-dinh-ban-tin"),
    ("Công đoàn cấp trên trực tiếp cơ sở", "Bình Định", "cong-doan-cap-tren-truc-tiep-co-so"),
    ("Công đoàn cơ sở trực thuộc", "Bình Định", "cong-doan-co-so"),
    ("Ban Tổ chức - Kiểm tra", "Bình Định", "ldld-binh-dinh-ban-to-chuc-kiem-tra"),
    ("Ban Chính sách PL và QHLĐ", "Bình Định", "ldld-binh-dinh-ban-chinh-sach-phap-luat"),
    # 004 Chương trình hành động, Ban Thường vụ Công đoàn Viên chức tỉnh Phú Thọ
    ("Công đoàn Viên chức tỉnh", "Phú Thọ", "cdvc-phu-tho"),
    ("Công đoàn cơ sở", "Phú Thọ", "cong-doan-co-so"),
]


@pytest.mark.parametrize("name, place, expected", ASSIGNMENTS)
def test_assignment_agencies_of_the_seeds_match(registry: AgencyRegistry, name: str,
                                                place: str, expected: str) -> None:
    agency = registry.match(name, place)
    assert agency is not None and agency.id == expected


OTHER_NAMES = [
    # issuers as the converter reads them
    ("Ban Thường vụ Tỉnh ủy Điện Biên", "Điện Biên", "tinh-uy-dien-bien-ban-thuong-vu"),
    ("Ban Thường vụ LĐLĐ tỉnh Ninh Bình", "Ninh Bình", "ldld-ninh-binh-ban-thuong-vu"),
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH", "Bình Định", "ldld-binh-dinh"),
    ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "Bình Định", "tong-ldld-viet-nam"),
    ("Ban Thường vụ Công đoàn Viên chức tỉnh Phú Thọ", "Phú Thọ", "cdvc-phu-tho-ban-thuong-vu"),
    # issuers of cited documents ("khóa …" is the Party congress term)
    ("Bộ Chính trị", "Điện Biên", "bo-chinh-tri"),
    ("Bộ Chính trị khóa XIII", "Phú Thọ", "bo-chinh-tri"),
    ("Ban Chấp hành Trung ương Đảng khóa X", "Điện Biên", "bch-trung-uong-dang"),
    ("Ban Chấp hành Trung ương", "Bình Định", "bch-trung-uong-dang"),
    ("Ban Bí thư khóa XII", "Điện Biên", "ban-bi-thu"),
    ("Ban Chấp hành Đảng bộ tỉnh", "Điện Biên", "tinh-uy-dien-bien"),
    ("Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam", "Bình Định",
     "tong-ldld-viet-nam-ban-chap-hanh"),
    ("Tổng Liên đoàn Lao động Việt Nam", "Ninh Bình", "tong-ldld-viet-nam"),
    ("Chính phủ", "Bình Định", "chinh-phu"),
    ("Ban Thường vụ Liên đoàn Lao động tỉnh Phú Thọ", "Phú Thọ", "ldld-phu-tho-ban-thuong-vu"),
    ("Ban Chấp hành Công đoàn Viên chức tỉnh", "Phú Thọ", "cdvc-phu-tho-ban-chap-hanh"),
    ("Ban Thường vụ Tỉnh ủy", "Phú Thọ", "tinh-uy-phu-tho-ban-thuong-vu"),
    # other bodies the texts name
    ("Đảng ủy khối cơ quan và Doanh nghiệp tỉnh", "Điện Biên",
     "dang-uy-khoi-co-quan-doanh-nghiep-dien-bien"),
    ("Trường Chính trị tỉnh", "Điện Biên", "truong-chinh-tri-dien-bien"),
    ("Ban Tổ chức Trung ương", "Điện Biên", "ban-to-chuc-trung-uong"),
    ("công đoàn cấp trên", "Điện Biên", "cong-doan-cap-tren"),
    ("Các LĐLĐ huyện, thành phố", "Ninh Bình", "ldld-ninh-binh-ldld-huyen-thanh-pho"),
    ("công đoàn ngành", "Ninh Bình", "ldld-ninh-binh-cong-doan-nganh"),
    ("Công đoàn các Khu Công nghiệp", "Ninh Bình", "cong-doan-cac-kcn-ninh-binh"),
    ("trung tâm bồi dưỡng chính trị cấp huyện", "Ninh Bình",
     "ninh-binh-trung-tam-boi-duong-chinh-tri-huyen"),
    ("Thường trực LĐLĐ tỉnh", "Ninh Bình", "ldld-ninh-binh-thuong-truc"),
    ("các ban chuyên đề", "Bình Định", "ldld-binh-dinh-cac-ban"),
    ("Trung tâm Giáo dục Nghề nghiệp Công đoàn Bình Định", "Bình Định",
     "ldld-binh-dinh-trung-tam-giao-duc-nghe-nghiep"),
    # recipients ("Nơi nhận"), with their trailing notes and punctuation
    ("Tổng LĐLĐ Việt Nam (b/c),", "Điện Biên", "tong-ldld-viet-nam"),
    ("Các ban Đảng tỉnh,", "Điện Biên", "tinh-uy-dien-bien-cac-ban-dang"),
    ("Các huyện, thị, thành uỷ, ĐUTT tỉnh,", "Điện Biên",
     "dien-bien-huyen-thi-thanh-uy-dang-uy-truc-thuoc"),
    ("Tỉnh đoàn thanh niên,", "Điện Biên", "tinh-doan-dien-bien"),
    ("Ban Tổ chức TLĐ (b/c);", "Ninh Bình", "tong-ldld-viet-nam-ban-to-chuc"),
    ("Ban Dân vận Tỉnh ủy (b/c);", "Ninh Bình", "tinh-uy-ninh-binh-ban-dan-van"),
    ("Tỉnh uỷ Bình Định", "Bình Định", "tinh-uy-binh-dinh"),
    ("Ban Dân vận Tỉnh uỷ;", "Bình Định", "tinh-uy-binh-dinh-ban-dan-van"),
    ("Đơn vị SN trực thuộc LĐLĐ tỉnh;", "Bình Định", "ldld-binh-dinh-don-vi-su-nghiep"),
    ("Ban TG-NC", "Bình Định", "ldld-binh-dinh-ban-tuyen-giao-nu-cong"),
    ("Ban ToC", "Ninh Bình", "ldld-ninh-binh-ban-to-chuc"),
    ("TT Đảng ủy Khối CCQ tỉnh;", "Phú Thọ", "dang-uy-khoi-cac-co-quan-phu-tho-thuong-truc"),
    ("TT LĐLĐ tỉnh;", "Phú Thọ", "ldld-phu-tho-thuong-truc"),
    ("Các CĐCS trực thuộc;", "Phú Thọ", "cong-doan-co-so"),
    ("CĐVC tỉnh.", "Phú Thọ", "cdvc-phu-tho"),
]


@pytest.mark.parametrize("name, place, expected", OTHER_NAMES)
def test_issuers_citations_and_recipients_of_the_seeds_match(
        registry: AgencyRegistry, name: str, place: str, expected: str) -> None:
    agency = registry.match(name, place)
    assert agency is not None and agency.id == expected


@pytest.mark.parametrize("name, place, expected", [
    # tone placement, case, dashes, spacing, trailing punctuation, NFD input, Ð look-alike
    ("Ban Tuyên giáo Tỉnh uỷ", "Điện Biên", "tinh-uy-dien-bien-ban-tuyen-giao"),
    ("BAN TUYÊN GIÁO TỈNH ỦY", "Điện Biên", "tinh-uy-dien-bien-ban-tuyen-giao"),
    ("ban tuyen giao tinh uy", "Điện Biên", "tinh-uy-dien-bien-ban-tuyen-giao"),
    ("Ban Tuyên giáo – Nữ công", "Bình Định", "ldld-binh-dinh-ban-tuyen-giao-nu-cong"),
    ("Ban Tuyên giáo—Nữ công:", "Bình Định", "ldld-binh-dinh-ban-tuyen-giao-nu-cong"),
    ("Ban Tuyên giáo - Nữ công", "Ninh Bình", "ldld-ninh-binh-ban-tuyen-giao-nu-cong"),
    ("  Ban   Tổ chức -  Kiểm tra ;", "Bình Định", "ldld-binh-dinh-ban-to-chuc-kiem-tra"),
    (unicodedata.normalize("NFD", "Sở Thông tin và Truyền thông"), "Điện Biên",
     "so-thong-tin-truyen-thong-dien-bien"),
    ("\u00d0ảng đoàn LĐLĐ tỉnh", "Điện Biên", "dang-doan-ldld-dien-bien"),
    ("Ủy ban MTTQ Việt Nam và các đoàn thể chính trị - xã hội tỉnh", "Điện Biên",
     "dien-bien-mttq-va-doan-the"),
    # the place as the document writes it
    ("Văn phòng", "BÌNH ĐỊNH", "ldld-binh-dinh-van-phong"),
    ("Văn phòng", unicodedata.normalize("NFD", "Bình Định"), "ldld-binh-dinh-van-phong"),
    # "<alias> <parent>" and "<alias> <place>"
    ("Ban Tài chính Liên đoàn Lao động tỉnh Ninh Bình", "Ninh Bình",
     "ldld-ninh-binh-ban-tai-chinh"),
    ("Văn phòng LĐLĐ tỉnh", "Bình Định", "ldld-binh-dinh-van-phong"),
    ("Ban Dân vận Tỉnh ủy Bình Định", "Bình Định", "tinh-uy-binh-dinh-ban-dan-van"),
    ("Ban Dân vận Tỉnh ủy Bình Định", "Ninh Bình", "tinh-uy-binh-dinh-ban-dan-van"),
    # a "Các …" only stripped when needed
    ("Các cấp công đoàn trong tỉnh", "Bình Định", "cong-doan-cac-cap"),
    ("Các công đoàn ngành", "Ninh Bình", "ldld-ninh-binh-cong-doan-nganh"),
])
def test_spelling_variants_match(registry: AgencyRegistry, name: str, place: str,
                                 expected: str) -> None:
    agency = registry.match(name, place)
    assert agency is not None and agency.id == expected


def test_local_names_need_the_documents_place(registry: AgencyRegistry) -> None:
    # "Ban Tổ chức Tỉnh ủy" of a Ninh Bình document is Ninh Bình's, which is not listed
    assert registry.match("Ban Tổ chức Tỉnh ủy", "Ninh Bình") is None
    assert registry.match("Ban Tổ chức Tỉnh ủy") is None
    assert registry.match("Văn phòng") is None
    assert registry.match("Văn phòng", "Hà Nội") is None
    # Bình Định's "Ban Tổ chức" is the "Ban Tổ chức - Kiểm tra": no guess from Ninh Bình's
    assert registry.match("Ban Tổ chức LĐLĐ tỉnh", "Bình Định") is None
    # a full name states the place: it matches from anywhere, and national bodies always do
    found = registry.match("Liên đoàn Lao động tỉnh Bình Định", "Ninh Bình")
    assert found is not None and found.id == "ldld-binh-dinh"
    found = registry.match("Bộ Chính trị")
    assert found is not None and found.id == "bo-chinh-tri"
    # "Ban Tổ chức TLĐ" is the Confederation's, not the Ninh Bình federation's department
    found = registry.match("Ban Tổ chức TLĐ", "Ninh Bình")
    assert found is not None and found.id == "tong-ldld-viet-nam-ban-to-chuc"


def test_unknown_names_do_not_match(registry: AgencyRegistry) -> None:
    for name in ("", "  ", "—", "Ban Không Tồn Tại", "Các đ/c ủy viên BCH LĐLĐ tỉnh;",
                 "Sở Y tế", "Ban Tổ chức Kiểm tra Tài chính"):
        assert registry.match(name, "Bình Định") is None, name


def agency(agency_id: str, aliases: tuple[str, ...] = (), place: str | None = None,
           parent: str | None = None, name: str = "") -> Agency:
    return Agency(agency_id, name or agency_id, agency_id, (), aliases, parent, place,
                  "union", 1)


def test_ambiguous_names_return_none() -> None:
    reg = AgencyRegistry([
        agency("van-phong-a", ("Văn phòng",), "A"),
        agency("van-phong-dang-uy-a", ("Văn phòng",), "A"),
        agency("van-phong-b", ("Văn phòng",), "B"),
        agency("ban-x", ("Ban X",)), agency("ban-x-khac", ("Ban X",)),
        agency("ban-y", ("Ban Y",)), agency("ban-y-c", ("Ban Y",), "C"),
    ])
    assert reg.match("Văn phòng", "A") is None              # two of the same place
    assert reg.match("Văn phòng", "B") == reg.get("van-phong-b")
    assert reg.match("Ban X", "A") is None                  # two national ones
    assert reg.match("Ban Y", "C") == reg.get("ban-y-c")    # the document's place first
    assert reg.match("Ban Y", "D") == reg.get("ban-y")      # then the national one
    assert reg.match("Ban Y") == reg.get("ban-y")


def test_agency_key() -> None:
    assert agency_key("Ban Tuyên giáo – Nữ công, Liên đoàn Lao động tỉnh") == \
        "ban tg nc ldld tinh"
    assert agency_key("Ban TG-NC LĐLĐ tỉnh:") == "ban tg nc ldld tinh"
    assert agency_key("Ủy ban nhân dân tỉnh") == agency_key("UBND tỉnh") == "ubnd tinh"
    assert agency_key("Tổng Liên đoàn Lao động Việt Nam") == agency_key("TLĐ") == "tld"
    assert agency_key("hoá") == agency_key("hóa") == agency_key("HOÁ")


def test_matching_is_fast(registry: AgencyRegistry) -> None:
    names = [(n, p) for n, p, _ in ASSIGNMENTS + OTHER_NAMES]
    fresh = load_agencies(ROOT / "data" / "agencies.yml")
    start = time.perf_counter()
    for i in range(20_000):
        name, place = names[i % len(names)]
        fresh.match(name, place)
    assert time.perf_counter() - start < 1.0


# ---- problems: exact messages ------------------------------------------------------------------

def test_problem_message_format() -> None:
    p = Problem("data/agencies.yml", 14, "agencies[3].name_en", "data_type",
                {"expected": "@text", "found": "@list"})
    assert p.message("en") == \
        "data/agencies.yml:14: agencies[3].name_en: expected a text, found a list — replace it " \
        "with a text, written like this key in the other entries of the file"
    assert p.message("vi") == \
        "data/agencies.yml:14: agencies[3].name_en: cần một đoạn văn bản, gặp một danh sách — " \
        "thay bằng một đoạn văn bản, viết như khóa này ở các mục khác của tệp"
    assert p.message() == p.message("vi") == str(p)


F = "tests/fixtures/data/"
# the "how to fix" part of data_type (expected {what}), in both languages
TYPE_VI = " — thay bằng {}, viết như khóa này ở các mục khác của tệp"
TYPE_EN = " — replace it with {}, written like this key in the other entries of the file"
TEXT_VI, TEXT_EN = TYPE_VI.format("một đoạn văn bản"), TYPE_EN.format("a text")
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("dup.yml", [(
        F + "dup.yml:7: agencies[1].id: id 'x' bị trùng, đã khai báo ở dòng 2 — mỗi cơ quan "
        "cần một id riêng",
        F + "dup.yml:7: agencies[1].id: duplicate id 'x', first defined on line 2 — give each "
        "agency its own id")]),
    ("many.yml", [
        (F + "many.yml:4: agencies[0].name_en: cần một đoạn văn bản, gặp một danh sách" + TEXT_VI,
         F + "many.yml:4: agencies[0].name_en: expected a text, found a list" + TEXT_EN),
        (F + "many.yml:5: agencies[0].aliases: cần một danh sách, gặp 'CĐCS'"
         + TYPE_VI.format("một danh sách"),
         F + "many.yml:5: agencies[0].aliases: expected a list, found 'CĐCS'"
         + TYPE_EN.format("a list")),
        (F + "many.yml:7: agencies[0].abbr[1]: cần một đoạn văn bản, gặp một nhóm khóa và giá "
         "trị" + TEXT_VI,
         F + "many.yml:7: agencies[0].abbr[1]: expected a text, found a mapping of keys to "
         "values" + TEXT_EN),
        (F + "many.yml:7: agencies[0].abbr[2]: đoạn văn bản trống — điền giá trị hoặc bỏ khóa "
         "này",
         F + "many.yml:7: agencies[0].abbr[2]: the text is empty — write a value or remove the "
         "key"),
        (F + "many.yml:9: agencies[1].name: cần một đoạn văn bản, gặp giá trị trống" + TEXT_VI,
         F + "many.yml:9: agencies[1].name: expected a text, found nothing" + TEXT_EN)]),
    ("missing.yml", [
        (F + "missing.yml:2: agencies[0]: thiếu khóa bắt buộc 'name_en' — thêm 'name_en: …' "
         "vào mục này",
         F + "missing.yml:2: agencies[0]: missing required key 'name_en' — add 'name_en: …' "
         "to this entry"),
        (F + "missing.yml:4: agencies[1]: thiếu khóa bắt buộc 'id' — thêm 'id: …' vào mục này",
         F + "missing.yml:4: agencies[1]: missing required key 'id' — add 'id: …' to this "
         "entry")]),
    ("unknown-key.yml", [
        (F + "unknown-key.yml:5: agencies[0].alias: khóa lạ 'alias' — có phải ý bạn là "
         "'aliases'?",
         F + "unknown-key.yml:5: agencies[0].alias: unknown key 'alias' — did you mean "
         "'aliases'?"),
        (F + "unknown-key.yml:6: agencies[0].colour: khóa lạ 'colour' — các khóa dùng được ở "
         "đây: id, name, name_en, abbr, aliases, parent, place, kind, review",
         F + "unknown-key.yml:6: agencies[0].colour: unknown key 'colour' — the keys allowed "
         "here are id, name, name_en, abbr, aliases, parent, place, kind, review")]),
    ("dup-key.yml", [(
        F + "dup-key.yml:5: agencies[0].name: khóa 'name' xuất hiện hai lần trong mục này (lần "
        "đầu ở dòng 3) — chỉ giữ một",
        F + "dup-key.yml:5: agencies[0].name: key 'name' appears twice in this entry (first on "
        "line 3) — keep only one")]),
    ("bad-id.yml", [(
        F + "bad-id.yml:2: agencies[0].id: 'Ban Tổ chức' không phải id hợp lệ — chỉ dùng chữ "
        "thường không dấu, chữ số và dấu gạch nối, ví dụ 'ban-to-chuc'",
        F + "bad-id.yml:2: agencies[0].id: 'Ban Tổ chức' is not a valid id — use lower-case "
        "letters without marks, digits and hyphens, e.g. 'ban-to-chuc'")]),
    ("parent.yml", [
        (F + "parent.yml:8: agencies[1].parent: cơ quan cấp trên 'tong-ldd' không phải id của "
         "cơ quan nào trong tệp — có phải ý bạn là 'tong-ldld'?",
         F + "parent.yml:8: agencies[1].parent: parent 'tong-ldd' is not the id of any agency "
         "in this file — did you mean 'tong-ldld'?"),
        (F + "parent.yml:12: agencies[2].parent: cơ quan cấp trên 'so-y-te' không phải id của "
         "cơ quan nào trong tệp — ghi id của một cơ quan có trong tệp hoặc bỏ khóa 'parent'",
         F + "parent.yml:12: agencies[2].parent: parent 'so-y-te' is not the id of any agency "
         "in this file — write the id of an agency listed here or remove 'parent'"),
        (F + "parent.yml:16: agencies[3].parent: chuỗi cơ quan cấp trên bị vòng (x → y → x) — "
         "một cơ quan không thể là cấp trên của chính nó; sửa một trong các khóa 'parent' này",
         F + "parent.yml:16: agencies[3].parent: the parent chain loops (x → y → x) — an "
         "agency cannot be its own ancestor; correct one of these 'parent' keys")]),
    ("ambiguous.yml", [(
        F + "ambiguous.yml:10: agencies[1].aliases[0]: 'VĂN PHÒNG' cũng là tên của "
        "'ldld-a-van-phong' (dòng 5) ở cùng địa phương — văn bản ghi tên này sẽ không rõ là cơ "
        "quan nào; chỉ để tên này ở một cơ quan",
        F + "ambiguous.yml:10: agencies[1].aliases[0]: 'VĂN PHÒNG' also names "
        "'ldld-a-van-phong' (line 5) in the same place — a document writing it could mean "
        "either agency; keep it on one of them")]),
    ("kind.yml", [(
        F + "kind.yml:5: agencies[0].kind: kind 'unoin' không hợp lệ — dùng một trong các giá "
        "trị: union, party, state, mass-org, generic",
        F + "kind.yml:5: agencies[0].kind: kind 'unoin' is not valid — use one of: union, "
        "party, state, mass-org, generic")]),
    ("syntax.yml", [(
        F + "syntax.yml:3: lỗi cú pháp YAML: could not find expected ':' (while scanning a "
        "simple key) — kiểm tra thụt lề (chỉ dùng dấu cách, không dùng tab), dấu hai chấm, "
        "dấu ngoặc và dấu nháy ở dòng này",
        F + "syntax.yml:3: YAML syntax error: could not find expected ':' (while scanning a "
        "simple key) — check the indentation (spaces only, no tabs), colons, brackets and "
        "quotes on this line")]),
    ("syntax-flow.yml", [(
        F + "syntax-flow.yml:5: lỗi cú pháp YAML: expected ',' or ']', but got ':' (while "
        "parsing a flow sequence) — kiểm tra thụt lề (chỉ dùng dấu cách, không dùng tab), dấu "
        "hai chấm, dấu ngoặc và dấu nháy ở dòng này",
        F + "syntax-flow.yml:5: YAML syntax error: expected ',' or ']', but got ':' (while "
        "parsing a flow sequence) — check the indentation (spaces only, no tabs), colons, "
        "brackets and quotes on this line")]),
    ("empty.yml", [(
        F + "empty.yml:1: tệp không có nội dung — tệp phải bắt đầu bằng 'agencies:' rồi đến "
        "danh sách các mục",
        F + "empty.yml:1: the file has no content — it must start with 'agencies:' followed by "
        "a list of entries")]),
    ("root-list.yml", [(
        F + "root-list.yml:1: tệp phải bắt đầu bằng 'agencies:' rồi đến danh sách các mục, gặp "
        "một danh sách — ghi 'agencies:' ở dòng đầu, mỗi mục bên dưới bắt đầu bằng '- '",
        F + "root-list.yml:1: the file must start with 'agencies:' followed by a list of "
        "entries, found a list — write 'agencies:' on the first line and each entry below it "
        "starting with '- '")]),
    ("no-key.yml", [
        (F + "no-key.yml:1: agency: khóa lạ 'agency' — có phải ý bạn là 'agencies'?",
         F + "no-key.yml:1: agency: unknown key 'agency' — did you mean 'agencies'?"),
        (F + "no-key.yml:1: thiếu khóa 'agencies' — tệp phải bắt đầu bằng 'agencies:' rồi đến "
         "danh sách các mục",
         F + "no-key.yml:1: missing key 'agencies' — the file must start with 'agencies:' "
         "followed by a list of entries")]),
    ("glossary-bad.yml", [
        (F + "glossary-bad.yml:3: terms[1]: thiếu khóa bắt buộc 'en' — thêm 'en: …' vào mục "
         "này",
         F + "glossary-bad.yml:3: terms[1]: missing required key 'en' — add 'en: …' to this "
         "entry"),
        (F + "glossary-bad.yml:4: terms[2].abbr: từ viết tắt 'CĐCS' bị trùng, đã khai báo ở "
         "dòng 2 — gộp hai mục làm một",
         F + "glossary-bad.yml:4: terms[2].abbr: duplicate abbreviation 'CĐCS', first defined "
         "on line 2 — merge the two entries"),
        (F + "glossary-bad.yml:10: terms[4].abbr: 'CTr' và 'Ctr' (dòng 7) sẽ trùng địa chỉ "
         "'#ctr' trên trang Thuật ngữ — giữ một mục và ghi cách viết kia trong 'note'",
         F + "glossary-bad.yml:10: terms[4].abbr: 'CTr' and 'Ctr' (line 7) would share the "
         "anchor '#ctr' on the glossary page — keep one entry and mention the other spelling "
         "in its note")]),
]


def loader(name: str) -> Callable[[Path], Any]:
    return load_glossary if name.startswith("glossary") else load_agencies


@pytest.mark.parametrize("name, expected", CASES, ids=[c[0] for c in CASES])
def test_problem_messages(name: str, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(DataError) as info:
        loader(name)(FIXTURES / name)
    problems = info.value.problems
    assert [p.message("vi") for p in problems] == [vi for vi, _ in expected]
    assert [p.message("en") for p in problems] == [en for _, en in expected]


def test_fixture_list_is_complete() -> None:
    assert {p.name for p in (ROOT / FIXTURES).glob("*.yml")} == {name for name, _ in CASES}


def test_data_error_text_is_every_problem_in_the_default_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DataError) as info:
        load_agencies(FIXTURES / "parent.yml")
    err = info.value
    assert len(err.problems) == 3
    assert str(err) == "\n".join(p.message("vi") for p in err.problems)
    assert err.messages("en") == [p.message("en") for p in err.problems]
    assert "Traceback" not in str(err)
    assert err.__cause__ is None
    monkeypatch.setenv("VANBAN_LANG", "en")
    assert str(err).splitlines()[0].endswith("did you mean 'tong-ldld'?")


def test_syntax_errors_carry_no_yaml_exception() -> None:
    with pytest.raises(DataError) as info:
        load_yaml_nodes(FIXTURES / "syntax.yml")
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_unreadable_and_binary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as info:
        load_agencies(Path("agencies.yml"))
    assert info.value.messages("en") == [
        "agencies.yml:1: cannot read the file (No such file or directory) — check the path "
        "and the file's permissions"]
    Path("agencies.yml").write_bytes(b"agencies:\n  - id: caf\xe9\n")
    with pytest.raises(DataError) as info:
        load_agencies(Path("agencies.yml"))
    assert info.value.messages("vi") == [
        "agencies.yml:1: tệp không phải văn bản UTF-8 hay UTF-16 (utf-8: byte 21) — lưu lại "
        "tệp dạng UTF-8"]


def test_paths_outside_the_working_directory_are_shown_whole(tmp_path: Path) -> None:
    path = tmp_path / "agencies.yml"
    path.write_text("agencies:\n  - {id: a, name: A}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_agencies(path)
    assert info.value.messages("en") == [
        f"{path}:2: agencies[0]: missing required key 'name_en' — add 'name_en: …' to this "
        "entry"]


def test_values_are_texts_as_written(tmp_path: Path) -> None:
    path = tmp_path / "agencies.yml"
    path.write_text("agencies:\n"
                    "  - id: '2021'\n    name: 2021\n    name_en: yes\n    abbr: [NO, 1.5]\n"
                    "    place:\n    parent: ~\n"
                    "  - {id: b, name: \"Ban Tuy\u00ean gia\u0301o\", name_en: B, kind: party}\n",
                    encoding="utf-8")
    reg = load_agencies(path)
    a, b = reg.get("2021"), reg.get("b")
    assert a == Agency("2021", "2021", "yes", ("NO", "1.5"), (), None, None, "union", 2)
    assert b is not None and b.name == "Ban Tuyên giáo" and b.kind == "party" and b.line == 8


# ---- the shared YAML helper ----------------------------------------------------------------------

def test_load_yaml_nodes_keeps_line_numbers() -> None:
    root = load_yaml_nodes(ROOT / "data" / "agencies.yml")
    assert isinstance(root, yaml.MappingNode)
    key, seq = root.value[0]
    assert key.value == "agencies" and isinstance(seq, yaml.SequenceNode)
    first = seq.value[0]
    assert isinstance(first, yaml.MappingNode)
    text = (ROOT / "data" / "agencies.yml").read_text(encoding="utf-8").splitlines()
    assert text[first.start_mark.line].strip() == "- id: tong-ldld-viet-nam"
    for path in sorted((ROOT / "data" / "targets").glob("*.yml")):
        assert isinstance(load_yaml_nodes(path), yaml.MappingNode), path


def test_load_yaml_nodes_reports_an_empty_file_without_a_key_name() -> None:
    with pytest.raises(DataError) as info:
        load_yaml_nodes(FIXTURES / "empty.yml")
    assert info.value.messages("en") == [
        F + "empty.yml:1: the file has no content — write its YAML data"]


# ---- front matter ------------------------------------------------------------------------------

def test_front_matter_split_closed_absent_or_left_open() -> None:
    # closed by '---' or YAML's '...' (trailing spaces allowed): the YAML and the body
    assert split_front_matter("---\ntitle: A\n---\nBody\n") == ("title: A\n", "Body\n")
    assert split_front_matter("---  \ntitle: A\n... \nBody") == ("title: A\n", "Body")
    assert split_front_matter("---\ntitle: A\n---") == ("title: A\n", "")
    # no front matter: a page that starts with text, or with a rule that is not alone on its line
    assert split_front_matter("Body\n---\n") is None
    assert split_front_matter("--- a rule?\ntitle: A\n---\n") is None
    # opened, never closed: a word typed onto the closing line, or the line deleted
    for text in ("---\ntitle: A\n---Hội nghị\nBody\n", "---\ntitle: A\n\nBody\n"):
        with pytest.raises(FrontMatterOpen):
            split_front_matter(text)
