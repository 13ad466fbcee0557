"""The converter's modules compiled with mypyc (setup.py) behave exactly as their source.

`make setup` compiles them in place; `vanban/__init__.py` imports the source instead when
an extension is missing or its source differs from the one compiled (`vanban/_built.py`), or
when VANBAN_PURE is set. These tests compare the two on real and mutated documents, run the
compiled modules' doctests from source, and check the fallback.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import vanban

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(vanban.__file__).parent
SUFFIX = EXTENSION_SUFFIXES[0]
FIXTURES = ROOT / "tests" / "fixtures" / "convert"


needs_compiled = pytest.mark.skipif(
    not vanban.compiled_in_use(),
    reason="the converter runs from source here (VANBAN_PURE, not compiled, or edited since "
           "`make setup`): nothing compiled to compare")


def _pure_env() -> dict[str, str]:
    return {**os.environ, "VANBAN_PURE": "1"}


def test_setup_compiles_the_modules_the_package_lists() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    listed = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                  and any(getattr(t, "id", None) == "COMPILED" for t in node.targets))
    assert tuple(ast.literal_eval(listed)) == vanban.COMPILED
    make = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                if line.startswith("COMPILED :="))  # what `make` recompiles after an edit
    assert make.split("addsuffix .py,")[1].split(")")[0].split() == list(vanban.COMPILED)
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["pytest"]["ini_options"]["addopts"]  # no doctest collection from extensions
    assert [a.split("/")[-1].removesuffix(".py") for a in addopts.split()
            if a.startswith("--ignore-glob=/*/vanban/")] == list(vanban.COMPILED)


def test_the_converter_runs_compiled() -> None:
    """Fails when the install did not compile (no C compiler, a type error mypyc refused)."""
    if os.environ.get("VANBAN_PURE"):
        pytest.skip("VANBAN_PURE is set: the source is used on purpose")
    if stale := vanban.edited_since_compiled():
        pytest.skip(f"{', '.join(stale)} edited since `make setup` compiled it: run `make setup`")
    files = {name: importlib.import_module(f"vanban.{name}").__file__ for name in vanban.COMPILED}
    assert all(f and f.endswith(SUFFIX) for f in files.values()), files
    assert vanban.compiled_in_use()


def _inputs() -> list[tuple[str, str]]:
    """The golden cases' inputs and variants of them: lines shuffled, reversed, upper case,
    tabs for spaces, cut in half."""
    from vanban.sources import read_source

    out = []
    for case in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        src = next(p for p in case.iterdir() if p.stem == "input")
        text = read_source(src)
        lines = text.split("\n")
        shuffled = lines[:]
        random.Random(case.name).shuffle(shuffled)
        out += [(case.name, text), (f"{case.name}-shuffled", "\n".join(shuffled)),
                (f"{case.name}-reversed", "\n".join(reversed(lines))),
                (f"{case.name}-upper", text.upper()),
                (f"{case.name}-tabs", text.replace(" ", "\t", 200)),
                (f"{case.name}-half", text[: len(text) // 2])]
    return out


_DUMP = """
import json, sys
import vanban
from vanban.parser import parse
from vanban.render import render_markdown, render_targets_yaml
out = []
for name, text in json.load(sys.stdin):
    doc = parse(text, name)
    out.append([name, doc.to_json("vi"), doc.to_json("en"), render_markdown(doc),
                render_targets_yaml(doc) if doc.targets else None,
                [[r.role, r.text, r.line] for r in doc.removed]])
print(json.dumps({"compiled": vanban.compiled_in_use(), "out": out}, ensure_ascii=False))
"""


def _dump(inputs: list[tuple[str, str]], env: dict[str, str]) -> dict:
    run = subprocess.run([sys.executable, "-c", _DUMP], input=json.dumps(inputs), env=env,
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@needs_compiled
def test_compiled_and_source_give_the_same_documents() -> None:
    inputs = _inputs()
    compiled = _dump(inputs, dict(os.environ))
    source = _dump(inputs, _pure_env())
    assert compiled["compiled"] and not source["compiled"]
    assert len(compiled["out"]) == len(inputs) == 36
    for c, s in zip(compiled["out"], source["out"], strict=True):
        assert c == s, f"{c[0]}: the compiled converter differs from its source"


def test_doctests_of_the_compiled_modules_pass_from_source() -> None:
    """pyproject.toml leaves these modules out of the suite's doctest collection (an extension
    cannot be collected): here they run from source, without that addopts."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         "--doctest-modules",
         *(f"vanban/{name}.py" for name in vanban.COMPILED)],
        env=_pure_env(), capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    passed = re.search(r"(\d+) passed", run.stdout)
    assert passed and int(passed[1]) >= 11, run.stdout  # 11 when this test was written


@needs_compiled
def test_an_edited_module_is_imported_from_source_until_compiled_again(tmp_path: Path) -> None:
    """An extension whose source changed since it was compiled is not used; then none is, as
    the compiled modules call each other directly. A missing extension is not either."""
    shutil.copytree(PACKAGE, tmp_path / "vanban", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE.parent / f"vanban__mypyc{SUFFIX}", tmp_path)
    probe = ("import vanban, vanban.parser, vanban.text; "
             "print(vanban.compiled_in_use(), vanban.text.__file__.endswith('.py'))")

    def imported() -> str:
        return subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                              text=True, check=True, env={**os.environ, "PYTHONPATH": str(tmp_path)}
                              ).stdout.strip()

    source = tmp_path / "vanban" / "parser.py"
    text = source.read_text(encoding="utf-8")
    assert imported() == "True False"
    source.write_text(text + "# edited\n", encoding="utf-8")
    assert imported() == "False True"
    source.write_text(text, encoding="utf-8")  # as compiled again (mtimes do not matter)
    assert imported() == "True False"
    (tmp_path / "vanban" / f"parser{SUFFIX}").unlink()  # an extension missing
    assert imported() == "False True"
