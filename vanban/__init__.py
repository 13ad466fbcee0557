"""vanban: Vietnamese administrative documents → structured Markdown → static portal.

Layers (each module depends only on those above it):

    text      decoding, Unicode normalisation, folding for matching
    grammar   named regular expressions for every line and phrase pattern
    model     typed dataclasses: Document, Section, Paragraph, Item, Target, ...
    parser    text → Document (zones, re-joined lines, section tree, metadata)
    extract   Document → citations, targets, assignments
    render    Document → Markdown (front matter + body), targets YAML, JSON
    importer  files on disk → docs/van-ban/<slug>.md (atomic, never overwrites)
    data      data/*.yml loading and validation (agencies, glossary, targets)
    site      build-time pages for MkDocs (indexes, agency pages, glossary)
"""

import os as _os
import sys as _sys
from hashlib import sha256 as _sha256
from importlib.machinery import EXTENSION_SUFFIXES as _SUFFIXES
from importlib.util import spec_from_file_location as _spec_from_file

__version__ = "0.1.0"

# The converter's modules that setup.py compiles with mypyc (C extensions beside the source).
COMPILED = ("text", "grammar", "model", "messages", "slug", "parser", "extract")
_HERE = _os.path.dirname(__file__)


def compiled_in_use() -> bool:
    """Are the converter's modules the compiled ones (else their source)?"""
    from . import parser

    return not parser.__file__.endswith(".py")


def _compiled_sources() -> dict[str, str] | None:
    """The SHA-256 of each source setup.py compiled (`_built.py`); None if it compiled none."""
    try:
        from ._built import SOURCES
    except ImportError:
        return None
    return SOURCES


def edited_since_compiled() -> list[str]:
    """The compiled modules whose source differs from the one setup.py compiled."""
    sources = _compiled_sources() or {}
    edited = []
    for name in sources:
        with open(_os.path.join(_HERE, name + ".py"), "rb") as f:
            if _sha256(f.read()).hexdigest() != sources[name]:
                edited.append(name)
    return edited


def _extensions_current() -> bool:
    """Every compiled module present beside its source, the source the one compiled and
    mypyc's shared library beside the package: else the source is imported, of all seven
    modules."""
    if _os.environ.get("VANBAN_PURE") or _compiled_sources() is None:
        return False
    if not _os.path.exists(_os.path.join(_os.path.dirname(_HERE), "vanban__mypyc" + _SUFFIXES[0])):
        return False
    return all(_os.path.exists(_os.path.join(_HERE, name + _SUFFIXES[0])) for name in COMPILED) \
        and not edited_since_compiled()


class _SourceFirst:
    """Finds the converter's modules as source files, ahead of their extensions."""

    @staticmethod
    def find_spec(fullname: str, path: object = None, target: object = None) -> object:
        package, _, name = fullname.partition(".")
        if package == __name__ and name in COMPILED:
            return _spec_from_file(fullname, _os.path.join(_HERE, name + ".py"))
        return None


if not _extensions_current():
    _sys.meta_path.insert(0, _SourceFirst)  # type: ignore[arg-type]
