"""Build: the converter's modules compiled to C with mypyc, the rest of the package as source.

Everything else is in pyproject.toml. mypyc (part of mypy) compiles the modules of the
converter's parse path, type-checked as they are, into C extensions: the same output (every
test and the converter's oracle) with about a fifth fewer instructions per document — the
difference between ~400 and ~530 documents/s (CONTRIBUTING.md, "Converter speed").

- The extensions are optional: without a C compiler the install goes on and the package runs
  from source (`python scripts/bench_convert.py` tells which).
- `VANBAN_PURE=1 pip install …` builds no extension at all.
- `vanban/__init__.py` imports the source instead of an extension that is older than its
  source file, so an edit takes effect before `make setup` compiles it again.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

# keep in step with vanban.COMPILED (tests/test_compiled.py checks)
COMPILED = ["text", "grammar", "model", "messages", "slug", "parser", "extract"]


def ext_modules() -> list:
    if os.environ.get("VANBAN_PURE"):
        return []
    from mypyc.build import mypycify

    try:
        extensions = mypycify([f"vanban/{name}.py" for name in COMPILED], group_name="vanban")
    except SystemExit as exc:  # mypy found a type error (printed above): `make lint` names it
        print(f"vanban: not compiled ({exc}); the converter runs from source", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # a failed compile leaves the source in use, not a failed install
    return extensions


setup(ext_modules=ext_modules())
