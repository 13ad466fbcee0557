"""Build: the converter's modules compiled to C with mypyc, the rest of the package as source.

Everything else is in pyproject.toml. mypyc (part of mypy) compiles the modules of the
converter's parse path, type-checked as they are, into C extensions: the same output (every
test and the converter's oracle) with about a fifth fewer instructions per document — the
difference between ~410 and ~550 documents/s (CONTRIBUTING.md, "Converter speed").

- Every build first removes the extensions an earlier in-place build left, then writes
  `vanban/_built.py`: the SHA-256 of each source it compiles. `vanban/__init__.py` imports
  the source of all seven modules when an extension is missing or a source differs from the
  one compiled, so an edit takes effect before `make` compiles it again.
- The extensions are optional: without a C compiler the install goes on and the package runs
  from source (`python scripts/bench_convert.py` tells which).
- `VANBAN_PURE=1 pip install …` builds no extension at all.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys

from setuptools import setup

# keep in step with vanban.COMPILED (tests/test_compiled.py checks)
COMPILED = ["text", "grammar", "model", "messages", "slug", "parser", "extract"]
HERE = os.path.dirname(os.path.abspath(__file__))


def _remove_old_extensions() -> None:
    """An in-place (editable) build's extensions: none may outlive a failed compile."""
    for pattern in ("vanban/*.so", "vanban/*.pyd", "vanban__mypyc*.so", "vanban__mypyc*.pyd"):
        for path in glob.glob(os.path.join(HERE, pattern)):
            os.remove(path)


def _record_sources() -> None:
    sums = {}
    for name in COMPILED:
        with open(os.path.join(HERE, "vanban", f"{name}.py"), "rb") as f:
            sums[name] = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(HERE, "vanban", "_built.py"), "w", encoding="utf-8") as f:
        f.write('"""Written by setup.py: the SHA-256 of each compiled module\'s source."""\n\n'
                f"SOURCES = {sums!r}\n")


def ext_modules() -> list:
    _remove_old_extensions()
    if os.environ.get("VANBAN_PURE"):
        return []
    from mypyc.build import mypycify

    _record_sources()
    try:
        extensions = mypycify([f"vanban/{name}.py" for name in COMPILED], group_name="vanban")
    except SystemExit as exc:  # mypy found a type error (printed above): `make lint` names it
        print(f"vanban: not compiled ({exc}); the converter runs from source", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # a failed compile leaves the source in use, not a failed install
    return extensions


setup(ext_modules=ext_modules())
