"""Real documents 30-37 (tests/fixtures/real): provenance and labels checked against the files.

The labels were written by reading each document; these tests only make sure the copies are
byte-exact (git blob id of the source) and that what a label says can be found in the document's
own text, extracted by the system tools (antiword, pdftotext), not by vanban.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from real_labels import REAL, blob_id, flat, read_label, text_of

LABELS = sorted(p for p in (REAL / "labels").glob("3[0-9]_*.yml"))
LAYOUT_OF_SUFFIX = {".doc": "doc", ".pdf": "pdf", ".htm": "htm"}
# PDFs whose text layer cannot be read as text: mis-mapped glyphs (34, 35) or a scan (36).
UNREADABLE = {"34", "35", "36"}


def test_there_are_labels() -> None:
    assert len(LABELS) >= 9


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem)
def test_copy_is_byte_exact_and_layout_matches(label: Path) -> None:
    data = read_label(label)
    doc = REAL / "docs" / data["file"]
    assert doc.stem == label.stem
    assert doc.stat().st_size < 1_500_000
    assert blob_id(doc.read_bytes()) == data["source"]["blob"]
    assert data["layout"] == LAYOUT_OF_SUFFIX[doc.suffix]


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem)
def test_label_values_are_in_the_document(label: Path) -> None:
    if label.stem[:2] in UNREADABLE:
        pytest.skip("no usable text layer; labelled from page images")
    data = read_label(label)
    expected = data["expected"]
    text = text_of(REAL / "docs" / data["file"])
    wanted = [*expected.get("citations", []), expected["issuer"], expected["parent_issuer"]]
    signer = expected.get("signer") or {}
    wanted += [v for v in (signer.get("name"), signer.get("title"), expected.get("place")) if v]
    wanted += [expected.get("title"), *(expected.get("agencies") or [])]
    # compared without spaces: a number is labelled "01-KH/ĐTN" where the text has "01 - KH/ĐTN"
    squeezed = text.replace(" ", "")
    for value in filter(None, wanted):
        assert flat(value).replace(" ", "") in squeezed, value


def test_scanned_pdf_has_no_text_layer() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = text_of(REAL / "docs" / "36_cuchoachat-cv813-scan-no-textlayer.pdf")
    assert not re.search(r"\w", text)


def test_garbled_text_layer_hides_the_number() -> None:
    # The page shows "Số: 1105/KH-ĐKT"; the text layer maps letters 29 code points off.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = text_of(REAL / "docs" / "34_sct-laocai-dkt-kh1105-garbled-textlayer.pdf")
    assert "1105" in text
    assert "kh-đkt" not in text
