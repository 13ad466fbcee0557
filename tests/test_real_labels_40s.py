"""Real documents 40+ (tests/fixtures/real): the "web-portal" layout, text copied from a web page
(a caption line, then the document's header run together on one line).

The labels were written by reading each document; these tests only check that each file has the
shape its label claims and that what the label says can be found in the document's own text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from real_labels import REAL, flat, read_label

LABELS = sorted(p for p in (REAL / "labels").glob("*.yml") if re.match(r"4\d_", p.name))


def test_there_are_web_portal_labels() -> None:
    assert any(read_label(p)["layout"] == "web-portal" for p in LABELS)


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem)
def test_web_portal_shape(label: Path) -> None:
    data = read_label(label)
    if data["layout"] != "web-portal":
        pytest.skip("not a web-portal document")
    doc = REAL / "docs" / data["file"]
    lines = doc.read_text(encoding="utf-8").splitlines()
    # a caption line above the document, then a header flattened onto one line:
    # the national motto and the number on the same line
    assert "Độc lập - Tự do - Hạnh phúc" not in lines[0]
    assert any("Hạnh phúc" in line and "Số:" in line for line in lines[1:])
    assert data["source"]["repo"] and data["source"]["commit"]


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem)
def test_label_values_are_in_the_document(label: Path) -> None:
    data = read_label(label)
    expected = data["expected"]
    text = flat((REAL / "docs" / data["file"]).read_text(encoding="utf-8"))
    signer = expected.get("signer") or {}
    wanted = [*expected.get("citations", []), expected.get("issuer"), expected.get("parent_issuer"),
              signer.get("name"), signer.get("title"), signer.get("authority"),
              expected.get("place"), expected.get("title"), *(expected.get("agencies") or [])]
    squeezed = text.replace(" ", "")
    for value in filter(None, wanted):
        assert flat(value).replace(" ", "") in squeezed, value
    number = expected.get("number")
    if number:
        assert flat(number) in squeezed
