"""Decoding page bytes the way browsers do."""
from __future__ import annotations

import codecs

import pytest

from crawler.charset import decode_html, normalize_label


@pytest.mark.parametrize(
    ("body", "http", "expected_codec"),
    [
        (codecs.BOM_UTF8 + "<p>Grüße</p>".encode(), None, "utf-8"),
        ("<meta charset='ISO-8859-1'><p>Grüße</p>".encode("latin-1"), None, "cp1252"),
        ("<p>Grüße</p>".encode("cp1252"), "windows-1252", "cp1252"),
        ("<p>Grüße</p>".encode(), None, "utf-8"),
        ("<p>Grüße</p>".encode("cp1252"), None, "cp1252"),
    ],
)
def test_decode_finds_the_real_encoding(body: bytes, http: str | None, expected_codec: str) -> None:
    text, codec = decode_html(body, http)
    assert "Grüße" in text and codec == expected_codec


def test_lying_declaration_falls_back_to_utf8() -> None:
    body = "<meta charset='us-ascii'><p>naïve</p>".encode()
    assert "naïve" in decode_html(body)[0]


def test_labels() -> None:
    assert normalize_label("latin1") == "cp1252"
    assert normalize_label("no-such-charset") is None
