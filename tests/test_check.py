"""`vanban check`: every kind of problem, with its exact message in Vietnamese and English,
file and line; exit codes; nothing written. The broken project is the real portal (docs/,
data/) with the files of tests/fixtures/check/broken/ laid over it."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, build, make_project

from vanban.check import check
from vanban.cli import main
from vanban.links import anchors, links

BROKEN = ROOT / "tests" / "fixtures" / "check" / "broken"


def _project(tmp_path: Path, overlay: Path | None = BROKEN) -> Path:
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
        if overlay is not None and (overlay / folder).is_dir():
            shutil.copytree(overlay / folder, tmp_path / folder, dirs_exist_ok=True)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns,
                                               hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


EXPECTED: list[tuple[str, str]] = [
    # YAML files under data/ that no other check reads: the line of the syntax error
    ("data/nguon.yml:3: lỗi cú pháp YAML: expected ',' or ']', but got ':' (while parsing a "
     "flow sequence) — kiểm tra thụt lề (chỉ dùng dấu cách, không dùng tab), dấu hai chấm, "
     "dấu ngoặc và dấu nháy ở dòng này",
     "data/nguon.yml:3: YAML syntax error: expected ',' or ']', but got ':' (while parsing a "
     "flow sequence) — check the indentation (spaces only, no tabs), colons, brackets and "
     "quotes on this line"),
    # links
    ("docs/lien-ket.md:9: liên kết '../van-ban/' ghi địa chỉ trang web, không phải tệp — MkDocs "
     "chỉ hiểu đường dẫn đến tệp .md: viết 'van-ban/index.md'",
     "docs/lien-ket.md:9: link '../van-ban/' is a web address, not a file — MkDocs only follows "
     "paths to .md files: write 'van-ban/index.md'"),
    ("docs/lien-ket.md:9: liên kết 'co-quan/' ghi địa chỉ trang web, không phải tệp — MkDocs "
     "chỉ hiểu đường dẫn đến tệp .md: viết 'co-quan/index.md'",
     "docs/lien-ket.md:9: link 'co-quan/' is a web address, not a file — MkDocs only follows "
     "paths to .md files: write 'co-quan/index.md'"),
    ("docs/lien-ket.md:9: liên kết '/gioi-thieu.md' bắt đầu bằng '/' sẽ hỏng khi cổng được "
     "đăng dưới một thư mục con — viết đường dẫn tính từ tệp này, ví dụ 'gioi-thieu.md'",
     "docs/lien-ket.md:9: link '/gioi-thieu.md' starts with '/' and breaks when the portal is "
     "published under a sub-path — write the path from this file, e.g. 'gioi-thieu.md'"),
    ("docs/lien-ket.md:10: liên kết 'gioi-thieu-cong.md': không có trang hay tệp "
     "'gioi-thieu-cong.md' — kiểm tra chính tả; đường dẫn tính từ thư mục của tệp này (có phải "
     "ý bạn là 'gioi-thieu.md'?)",
     "docs/lien-ket.md:10: link 'gioi-thieu-cong.md': no page or file 'gioi-thieu-cong.md' — "
     "check the spelling; the path starts from this file's folder (did you mean "
     "'gioi-thieu.md'?)"),
    ("docs/lien-ket.md:10: liên kết 'huong-dan/anh/khong-co.webp': không có trang hay tệp "
     "'huong-dan/anh/khong-co.webp' — kiểm tra chính tả; đường dẫn tính từ thư mục của tệp này "
     "(có phải ý bạn là 'huong-dan/anh/trang-chu.webp'?)",
     "docs/lien-ket.md:10: link 'huong-dan/anh/khong-co.webp': no page or file "
     "'huong-dan/anh/khong-co.webp' — check the spelling; the path starts from this file's "
     "folder (did you mean 'huong-dan/anh/trang-chu.webp'?)"),
    # a generated page (co-quan/<agency id>.md): the agency ids of data/agencies.yml
    ("docs/lien-ket.md:11: liên kết 'co-quan/ldld-binh-dinhh.md': không có trang hay tệp "
     "'co-quan/ldld-binh-dinhh.md' — kiểm tra chính tả; đường dẫn tính từ thư mục của tệp này "
     "(có phải ý bạn là 'co-quan/ldld-binh-dinh.md'?)",
     "docs/lien-ket.md:11: link 'co-quan/ldld-binh-dinhh.md': no page or file "
     "'co-quan/ldld-binh-dinhh.md' — check the spelling; the path starts from this file's "
     "folder (did you mean 'co-quan/ldld-binh-dinh.md'?)"),
    # MkDocs does not know the anchors of generated pages: the strict build would fail
    ("docs/lien-ket.md:11: liên kết 'co-quan/ldld-binh-dinh.md#vb-nhiem-vu': trang "
     "'co-quan/ldld-binh-dinh.md' do cổng tự tạo khi dựng, không liên kết được tới một phần "
     "của nó bằng '#' — bỏ '#vb-nhiem-vu' và liên kết tới cả trang",
     "docs/lien-ket.md:11: link 'co-quan/ldld-binh-dinh.md#vb-nhiem-vu': page "
     "'co-quan/ldld-binh-dinh.md' is made by the build, its parts cannot be linked with '#' — "
     "remove '#vb-nhiem-vu' and link to the whole page"),
    ("docs/lien-ket.md:13: liên kết '#ban-doo': trang 'lien-ket.md' không có đề mục hay id "
     "'#ban-doo' — sửa phần sau dấu # cho khớp id của một đề mục (có phải ý bạn là '#ban-do'?)",
     "docs/lien-ket.md:13: link '#ban-doo': page 'lien-ket.md' has no heading or id '#ban-doo' "
     "— make the part after # match the id of a heading (did you mean '#ban-do'?)"),
    ("docs/lien-ket.md:13: liên kết 'huong-dan/index.md#viet-tin': trang 'huong-dan/index.md' "
     "không có đề mục hay id '#viet-tin' — sửa phần sau dấu # cho khớp id của một đề mục (có "
     "phải ý bạn là '#viet-tin-tuc'?)",
     "docs/lien-ket.md:13: link 'huong-dan/index.md#viet-tin': page 'huong-dan/index.md' has "
     "no heading or id '#viet-tin' — make the part after # match the id of a heading (did you "
     "mean '#viet-tin-tuc'?)"),
    # lien-ket.md has no translation: the English site shows it, linking to trang-hai.en.md
    ("docs/lien-ket.md:14: liên kết 'trang-hai.md#chi-tieng-viet': trang 'trang-hai.en.md' "
     "(bản tiếng Anh) không có đề mục hay id '#chi-tieng-viet' — sửa phần sau dấu # cho khớp "
     "id của một đề mục (dấu ¶ cạnh đề mục trên trang cho biết id)",
     "docs/lien-ket.md:14: link 'trang-hai.md#chi-tieng-viet': page 'trang-hai.en.md' "
     "(English version) has no heading or id '#chi-tieng-viet' — make the part after # match "
     "the id of a heading (the ¶ sign beside a heading on the page shows it)"),
    ("docs/lien-ket.md:22: liên kết 'van-ban/khong-co.md': không có trang hay tệp "
     "'van-ban/khong-co.md' — kiểm tra chính tả; đường dẫn tính từ thư mục của tệp này (có "
     "phải ý bạn là 'van-ban/vb-hong.md'?)",
     "docs/lien-ket.md:22: link 'van-ban/khong-co.md': no page or file 'van-ban/khong-co.md' — "
     "check the spelling; the path starts from this file's folder (did you mean "
     "'van-ban/vb-hong.md'?)"),
    # news posts
    ("docs/tin-tuc/2026-11-24-thieu-tom-tat.md:1: summary: thiếu khóa 'summary' — thêm dòng "
     "`summary: …` vào phần thông tin đầu trang",
     "docs/tin-tuc/2026-11-24-thieu-tom-tat.md:1: summary: missing key 'summary' — add a "
     "`summary: …` line to the front matter"),
    ("docs/tin-tuc/2026-11-25-ngay-sai.md:3: date: ngày '2026-13-45' không hợp lệ — viết theo "
     "dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-20",
     "docs/tin-tuc/2026-11-25-ngay-sai.md:3: date: invalid date '2026-13-45' — write it as "
     "YEAR-MONTH-DAY, e.g. 2026-11-20"),
    ("docs/tin-tuc/2026-11-27-chi-co-ban-dich.en.md:1: bản dịch này không có bản tiếng Việt "
     "'2026-11-27-chi-co-ban-dich.md' — đặt tên tệp giống bản tiếng Việt và thêm '.en' trước "
     "'.md'",
     "docs/tin-tuc/2026-11-27-chi-co-ban-dich.en.md:1: this translation has no Vietnamese post "
     "'2026-11-27-chi-co-ban-dich.md' — name it like the Vietnamese post with '.en' before "
     "'.md'"),
    ("docs/tin-tuc/2026-11-28-hai-ngon-ngu.en.md:1: title: thiếu khóa 'title' — thêm dòng "
     "`title: …` vào phần thông tin đầu trang",
     "docs/tin-tuc/2026-11-28-hai-ngon-ngu.en.md:1: title: missing key 'title' — add a "
     "`title: …` line to the front matter"),
    ("docs/tin-tuc/2026-11-28-hai-ngon-ngu.en.md:2: date: ngày '2026-11-29' khác ngày của bản "
     "tiếng Việt (2026-11-28) — ghi cùng một ngày ở cả hai bản",
     "docs/tin-tuc/2026-11-28-hai-ngon-ngu.en.md:2: date: date '2026-11-29' differs from the "
     "Vietnamese post's (2026-11-28) — write the same date in both"),
    ("docs/tin-tuc/2026-11-29-thieu-nhay.md:2: không đọc được phần thông tin đầu trang: found "
     "unexpected end of stream (while scanning a quoted scalar) — kiểm tra các dòng giữa hai "
     "dòng '---': dấu hai chấm sau tên khóa, thụt lề bằng dấu cách, dấu nháy đóng mở đủ",
     "docs/tin-tuc/2026-11-29-thieu-nhay.md:2: cannot read the front matter: found unexpected "
     "end of stream (while scanning a quoted scalar) — check the lines between the two '---' "
     "lines: a colon after each key, spaces for indentation, quotes closed"),
    # the same slip in a news post: not "missing key 'title'"
    ("docs/tin-tuc/2026-11-30-dong-bi-sua.md:1: phần thông tin đầu trang mở bằng dòng '---' "
     "nhưng không có dòng '---' đóng lại — thêm một dòng chỉ có '---' sau khóa cuối cùng (không "
     "viết gì khác trên dòng đó)",
     "docs/tin-tuc/2026-11-30-dong-bi-sua.md:1: the front matter opens with a '---' line but no "
     "'---' line closes it — add a line with only '---' after the last key (nothing else on "
     "that line)"),
    ("docs/tin-tuc/tin-khong-ngay.md:1: tên tệp phải có dạng NĂM-THÁNG-NGÀY-ten-bai.md — đổi "
     "tên tệp, ví dụ 2026-11-20-ra-mat-cong-thong-tin.md (vanban new-post đặt tên đúng)",
     "docs/tin-tuc/tin-khong-ngay.md:1: the file name must be YEAR-MONTH-DAY-name.md — rename "
     "the file, e.g. 2026-11-20-ra-mat-cong-thong-tin.md (vanban new-post names it right)"),
    # documents' front matter
    ("docs/van-ban/ghi-chu.md:1: không phải trang văn bản (thiếu khóa 'vanban') — tệp trong "
     "van-ban/ phải do `vanban import` tạo ra: chuyển trang này sang thư mục khác, hoặc nhập "
     "văn bản",
     "docs/van-ban/ghi-chu.md:1: not a document page (no 'vanban' key) — files in van-ban/ come "
     "from `vanban import`: move this page to another folder, or import the document"),
    # the closing '---' line with a sentence typed onto it: the front matter never ends
    ("docs/van-ban/vb-front-matter-mo.md:1: phần thông tin đầu trang mở bằng dòng '---' nhưng "
     "không có dòng '---' đóng lại — thêm một dòng chỉ có '---' sau khóa cuối cùng (không viết "
     "gì khác trên dòng đó)",
     "docs/van-ban/vb-front-matter-mo.md:1: the front matter opens with a '---' line but no '---' "
     "line closes it — add a line with only '---' after the last key (nothing else on that "
     "line)"),
    ("docs/van-ban/vb-hong.md:3: không đọc được phần thông tin đầu trang (front matter): found "
     "unexpected end of stream (while scanning a quoted scalar) — kiểm tra các dòng giữa hai "
     "dòng '---': dấu hai chấm sau tên khóa, thụt lề bằng dấu cách, dấu nháy đóng mở đủ",
     "docs/van-ban/vb-hong.md:3: cannot read the front matter: found unexpected end of stream "
     "(while scanning a quoted scalar) — check the lines between the two '---' lines: a colon "
     "after each key, spaces for indentation, quotes closed"),
    # YAML reads 2024-13-45 as a date that does not exist: no traceback, the line
    ("docs/van-ban/vb-ngay-sai.md:5: date: ngày '2024-13-45' không hợp lệ — viết theo dạng "
     "NĂM-THÁNG-NGÀY trong dấu nháy, ví dụ '2021-11-23'",
     "docs/van-ban/vb-ngay-sai.md:5: date: invalid date '2024-13-45' — write it as "
     "YEAR-MONTH-DAY in quotes, e.g. '2021-11-23'"),
    ("docs/van-ban/vb-sai-kieu.md:4: number: cần một đoạn văn bản, gặp một danh sách — thay "
     "bằng một đoạn văn bản, viết như khóa này ở các văn bản khác",
     "docs/van-ban/vb-sai-kieu.md:4: number: expected a text, found a list — replace it with a "
     "text, written like this key in the other documents"),
    ("docs/van-ban/vb-sai-kieu.md:10: assignments[0].agency: 'Ban Không Có Thật' không có "
     "trong data/agencies.yml — thêm tên này vào aliases của cơ quan đúng, hoặc sửa tên trong "
     "văn bản (dòng 7 của bản gốc)",
     "docs/van-ban/vb-sai-kieu.md:10: assignments[0].agency: 'Ban Không Có Thật' is not in "
     "data/agencies.yml — add it to the aliases of the right agency, or correct the name in "
     "the document (line 7 of the original)"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_with_file_line_and_fix(tmp_path: Path, lang: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    before = _snapshot(project)
    result = CliRunner().invoke(main, ["check", "--as-of", "2026", "--lang", lang])
    assert result.exit_code == 1
    head = f"Có {len(EXPECTED)} lỗi cần sửa:" if lang == "vi" \
        else f"{len(EXPECTED)} problems to fix:"
    assert result.output.splitlines() == [head] + [vi if lang == "vi" else en
                                                   for vi, en in EXPECTED]
    assert "Traceback" not in result.output
    assert _snapshot(project) == before                 # check writes nothing


def test_default_language_and_environment(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--as-of", "2026"]).output.splitlines()[1] \
        == EXPECTED[0][0]
    monkeypatch.setenv("VANBAN_LANG", "en")
    assert runner.invoke(main, ["check", "--as-of", "2026"]).output.splitlines()[1] \
        == EXPECTED[0][1]


def test_committed_portal_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output) == (0, "Không có lỗi: dữ liệu và văn bản hợp lệ.\n")


def test_usage_error_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["--lang", "en", "check"])
    assert (result.exit_code, result.output) == (2, (
        "'.' is not the portal's folder (no docs/ and data/) — run the command in the folder "
        "of mkdocs.yml, or name that folder: vanban check --root <folder>\n"))
    result = runner.invoke(main, ["check", "--root", "khong-co"])
    assert result.exit_code == 2
    assert result.output.startswith("'khong-co' không phải thư mục của cổng")
    assert list(tmp_path.iterdir()) == []


def test_invalid_agencies_stop_the_data_check_but_not_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a valid agency list the generated agency pages are unknown: links to them are
    not reported (no false alarm), links elsewhere still are."""
    project = _project(tmp_path, overlay=None)
    agencies = project / "data" / "agencies.yml"
    agencies.write_text(agencies.read_text("utf-8").replace("  - id: ldld-binh-dinh",
                                                            "  - id: [ldld-binh-dinh", 1),
                        encoding="utf-8")
    shutil.copy(BROKEN / "docs" / "van-ban" / "vb-hong.md", project / "docs" / "van-ban")
    guide = project / "docs" / "gioi-thieu.md"
    guide.write_text(guide.read_text("utf-8") + "\n[a](co-quan/khong-co.md) [b](khong-co.md)\n",
                     encoding="utf-8")
    monkeypatch.chdir(project)
    lines = [p.message("en") for p in check(project, 2026)]
    assert len(lines) == 3
    assert lines[0].startswith("data/agencies.yml:")
    assert lines[0].endswith("— check the indentation (spaces only, no tabs), colons, "
                             "brackets and quotes on this line")
    end = len(guide.read_text("utf-8").splitlines())
    assert lines[1] == (f"docs/gioi-thieu.md:{end}: link 'khong-co.md': no page or file "
                        "'khong-co.md' — check the spelling; the path starts from this file's "
                        "folder")
    # the documents' own front matter is still checked
    assert lines[2].startswith("docs/van-ban/vb-hong.md:3: cannot read the front matter: ")


# ---- the scanner --------------------------------------------------------------------------

def test_heading_ids_as_the_toc_extension_makes_them() -> None:
    text = ("---\ntitle: x\n---\n# Hướng dẫn cho cán bộ\n\n## Nhập văn bản { #nhap }\n\n"
            "## Đồng bộ\n\n## Đồng bộ\n\nTiêu đề kiểu gạch dưới\n---\n\n"
            "Đoạn có id.\n{: #l12 .vb }\n\n<div id=\"neo\" markdown>x</div>\n\n"
            "```\n# Không phải đề mục\n```\n")
    assert anchors(text) == {"huong-dan-cho-can-bo", "nhap", "dong-bo", "dong-bo_1",
                             "tieu-de-kieu-gach-duoi", "l12", "neo"}


def test_links_with_their_lines_outside_code() -> None:
    text = ("Xem [a](a.md) và ![ảnh](anh/x.webp \"tiêu đề\"),\n`[mã](b.md)` và "
            "[c [d]](<c d.md#e>)\n\n    \n```\n[khối](f.md)\n```\n[ref]: g.md#h\n")
    assert [(link.url, link.line) for link in links(text)] == [
        ("a.md", 1), ("anh/x.webp", 1), ("c d.md#e", 2), ("g.md#h", 8)]


def test_every_real_document_has_its_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The body ids of an imported document (attr lists) are found: a link to a paragraph of
    a real document passes, a wrong one does not."""
    doc = (ROOT / "docs" / "van-ban" / "ctr-17-ldld-2021.md").read_text("utf-8")
    ids = anchors(doc)
    assert {"van-ban", "trich-yeu", "s-i", "l19"} <= ids
    assert "l20" not in ids


@pytest.mark.parametrize("lang, guide", [("vi", "index.md"), ("en", "index.en.md")])
def test_the_staff_guide_example_is_what_check_prints(tmp_path: Path, lang: str, guide: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "huong-dan" / guide).read_text("utf-8")
    section = text.split("{ #kiem-tra }", 1)[1]
    example = section.split("``` { .text .vb-wrap }\n", 1)[1].split("```", 1)[0]
    project = _project(tmp_path, ROOT / "tests" / "fixtures" / "check" / "guide")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "--as-of", "2026", "--lang", lang])
    assert (result.exit_code, result.output) == (1, example)


@pytest.mark.slow
def test_mkdocs_warns_about_the_same_links(tmp_path: Path) -> None:
    """The links `vanban check` reports are the ones `mkdocs build` warns about (and so the
    ones that fail the strict build), in both languages — except a reference definition that
    no link uses, which MkDocs never reads."""
    project = make_project(tmp_path, ROOT / "docs", ROOT / "data")
    for name in ("lien-ket.md", "trang-hai.md", "trang-hai.en.md"):
        shutil.copy(BROKEN / "docs" / name, project / "docs" / name)
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    warned = set(re.findall(r"Doc file 'lien-ket\.md' contains (?:an unrecognized relative |an "
                            r"absolute |a )link '([^']+)'", result.stderr))
    reported = {p.message("en").split("'")[1] for p in check(project, 0)
                if p.file == "docs/lien-ket.md"}
    assert reported - warned == {"van-ban/khong-co.md"}      # the unused reference definition
    assert warned == reported - {"van-ban/khong-co.md"}
