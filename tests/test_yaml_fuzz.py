"""Property tests of every YAML reader: data/agencies.yml, data/glossary.yml,
data/targets/*.yml and the front matter of docs/van-ban/*.md, fed arbitrary text and
mutations of the real files (lines dropped, doubled, swapped, re-indented, YAML specials
inserted). Whatever the input, a reader returns or raises the project's own error
(`DataError`, or a `SiteProblem` for front matter) whose messages name the file and a line:
never another exception.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban.data import DataError, load_agencies, load_glossary, split_front_matter
from vanban.progress.targets import DocInfo, load_progress
from vanban.site.catalog import read_document

FIXTURE = ROOT / "tests" / "fixtures" / "site"
AGENCIES = (FIXTURE / "data" / "agencies.yml").read_text(encoding="utf-8")
GLOSSARY = (FIXTURE / "data" / "glossary.yml").read_text(encoding="utf-8")
TARGETS = (FIXTURE / "data" / "targets" / "ctr-12-ldld-2021.yml").read_text(encoding="utf-8")
DOCUMENT = (FIXTURE / "docs" / "van-ban" / "ctr-12-ldld-2021.md").read_text(encoding="utf-8")
FRONT = split_front_matter(DOCUMENT)
assert FRONT is not None
CI = bool(os.environ.get("CI"))

SPECIALS = ["", ":", ": x", "- ", "-", "  ", "\t", "[", "]", "{", "}", "{a: [1, 2}", "'", '"',
            "&a x", "*a", "*nope", "<<: *a", "!!int abc", "!!float x", "!!timestamp 2021-13-45",
            "!!binary ===", "!!python/object/apply:os.system ['echo']", "!!set {a}", "? [a]",
            "2021-13-45", "2021-02-29", "ngày 5", "~", "null", "yes", "1e999", "-.inf",
            "0x1F", "123456789012345678901234567890", "|", ">-", "%YAML 1.1", "---", "...",
            "#", "\u00a0", "\ufeff", "Đ", "\x85", "[" * 200, "- " * 50, "[" * 3_000,
            "{a: " * 2_000]
MUTATIONS = st.lists(st.tuples(st.sampled_from(["drop", "double", "swap", "indent", "dedent",
                                                "insert", "append", "replace"]),
                               st.integers(0, 10_000), st.sampled_from(SPECIALS)),
                     min_size=1, max_size=6)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                   max_size=300)


def mutate(text: str, steps: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for op, where, snippet in steps:
        if not lines:
            lines = [snippet]
        i = where % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = (where // 7) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "insert":
            lines.insert(i, snippet)
        elif op == "append":
            lines[i] += " " + snippet
        else:                                   # replace the value after "key:"
            lines[i] = re.sub(r":\s.*$", ": " + snippet, lines[i], count=1)
    return "\n".join(lines)


def inputs(original: str) -> st.SearchStrategy[str]:
    return st.one_of(MUTATIONS.map(lambda steps: mutate(original, steps)), ANY_TEXT)


FUZZ = settings(max_examples=150, deadline=None, derandomize=CI,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_LINE = re.compile(r"^[^:]+\.ya?ml:\d+: ")


def _loads_or_data_error(name: str, text: str, load: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load(path)
        except DataError as exc:
            assert exc.problems
            for lang in ("vi", "en"):
                for line in exc.messages(lang):
                    assert _LINE.match(line) and name in line, line


@FUZZ
@given(inputs(AGENCIES))
def test_agencies_loader(text: str) -> None:
    _loads_or_data_error("agencies.yml", text, load_agencies)


@FUZZ
@given(inputs(GLOSSARY))
def test_glossary_loader(text: str) -> None:
    _loads_or_data_error("glossary.yml", text, load_glossary)


REGISTRY = load_agencies(FIXTURE / "data" / "agencies.yml")
DOCS = {"ctr-12-ldld-2021": DocInfo(2021, "An Phú")}


def _load_targets(path: Path) -> object:
    folder = path.parent / "targets"
    folder.mkdir()
    path.rename(folder / "ctr-12-ldld-2021.yml")
    return load_progress(folder, DOCS, REGISTRY, 2026)


@FUZZ
@given(inputs(TARGETS))
def test_targets_loader(text: str) -> None:
    _loads_or_data_error("ctr-12-ldld-2021.yml", text, _load_targets)


@FUZZ
@given(inputs(FRONT[0]), st.booleans())
def test_front_matter_reader(front: str, closed: bool) -> None:
    check_front_matter(front, closed)


def check_front_matter(front: str, closed: bool) -> None:
    text = f"---\n{front}\n---\n{FRONT[1]}" if closed else f"---\n{front}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ctr-12-ldld-2021.md"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        doc, problems = read_document(path, "van-ban/" + path.name, "docs/van-ban/" + path.name)
    for p in problems:
        for lang in ("vi", "en"):
            assert p.message(lang).startswith(f"docs/van-ban/{path.name}:{p.line}: ")
            assert p.line >= 1
    if doc is None:
        assert problems                         # a file that is not read says why
    else:
        assert doc.slug == "ctr-12-ldld-2021" and doc.title


@pytest.mark.parametrize("load", [load_agencies, load_glossary])
def test_deeply_nested_data_is_a_data_error(tmp_path: Path, load: Callable[[Path], object]
                                           ) -> None:
    path = tmp_path / "agencies.yml"
    path.write_text("agencies: " + "[" * 5_000, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path)
    assert info.value.messages("en") == [
        f"{path}:1: the data is nested too deeply (hundreds of levels of brackets or "
        "indentation) — this is not a data file of the portal; restore the previous version"]


def test_mutations_do_mutate() -> None:
    assert mutate("a: 1\nb: 2", [("replace", 1, "[")]) == "a: 1\nb: ["
    assert mutate("a: 1\nb: 2", [("drop", 0, "")]) == "b: 2"


LONG = settings(FUZZ, max_examples=1_000)


@pytest.mark.slow
@settings(FUZZ, max_examples=2_000)
@given(inputs(FRONT[0]), st.booleans())
def test_front_matter_reader_long_run(front: str, closed: bool) -> None:
    check_front_matter(front, closed)


@pytest.mark.slow
@LONG
@given(inputs(TARGETS))
def test_targets_loader_long_run(text: str) -> None:
    _loads_or_data_error("ctr-12-ldld-2021.yml", text, _load_targets)


@pytest.mark.slow
@LONG
@given(inputs(AGENCIES))
def test_agencies_loader_long_run(text: str) -> None:
    _loads_or_data_error("agencies.yml", text, load_agencies)


def test_a_document_edited_into_an_open_front_matter_after_it_was_read(tmp_path: Path) -> None:
    """`mkdocs serve`: a file saved with its closing '---' typed over while a build runs. The
    catalog read it before; the line of a rare message and the page's Markdown are read after,
    and neither stops the build with a traceback."""
    from types import SimpleNamespace

    from vanban.site.catalog import line_of
    from vanban.site.events import _without_front_matter

    seed = ROOT / "docs" / "van-ban" / "ctr-01-cdvc-2024.md"
    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    path = docs / "van-ban" / seed.name
    path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    doc, _ = read_document(path, "van-ban/" + path.name, "docs/van-ban/" + path.name)
    assert doc is not None and line_of(doc, docs, ("title",)) > 1
    opened = path.read_text(encoding="utf-8").replace("\n---\n", "\n--- Thêm một câu.\n", 1)
    path.write_text(opened, encoding="utf-8")
    assert line_of(doc, docs, ("title",)) == 1
    page = SimpleNamespace(meta={})
    assert _without_front_matter(opened, page, doc) == opened    # type: ignore[arg-type]
    assert page.meta["title"] == doc.title
