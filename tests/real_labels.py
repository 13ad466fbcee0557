"""What the label tests of the real documents (tests/test_real_labels_*.py) share: a label,
a document's own text extracted by the system tools (antiword, pdftotext), not by vanban, and
text flattened for comparison."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

REAL = Path(__file__).parent / "fixtures" / "real"


def read_label(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def blob_id(data: bytes) -> str:
    """The git blob id of a file's bytes (labels name their source's)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def flat(text: str) -> str:
    """NFC, case folded, zero-width spaces out, every run of white space one space."""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").casefold()
    return re.sub(r"\s+", " ", text)


def text_of(doc: Path) -> str:
    """The document's text, flattened: antiword for .doc, pdftotext -layout for .pdf, tags
    stripped for Word's .htm (cp1252); skips the test when the tool is not installed."""
    if doc.suffix == ".doc":
        tool = ["antiword", "-w", "0", str(doc)]
    elif doc.suffix == ".pdf":
        tool = ["pdftotext", "-layout", str(doc), "-"]
    else:
        raw = doc.read_bytes().decode("cp1252", errors="replace")
        raw = re.sub(r"(?s)<style.*?</style>|<!--.*?-->|<[^>]+>", " ", raw)
        return flat(html.unescape(raw))
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed")
    out = subprocess.run(tool, capture_output=True, check=True).stdout
    return flat(out.decode("utf-8", errors="replace"))
