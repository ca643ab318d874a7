"""Gzip content where a page or file was expected: read by content, never by name, and bounded."""
from __future__ import annotations

import gzip

import pytest

from crawler.compressed import CompressedError, gunzip
from crawler.parsers import parse_html

PAGE = b"<html><body><article><h1 class='entry-title'>Hi</h1><div class='entry-content'><p>Body text.</p></div></article></body></html>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PAGE, PAGE),  # not gzip: as it is
        (gzip.compress(PAGE), PAGE),
        (gzip.compress(PAGE[:40]) + gzip.compress(PAGE[40:]), PAGE),  # several members
    ],
    ids=["plain", "gzip", "multi-member"],
)
def test_gunzip(data: bytes, expected: bytes) -> None:
    assert gunzip(data) == expected


@pytest.mark.parametrize("data", [gzip.compress(PAGE)[:25], b"\x1f\x8b" + b"\x00" * 30], ids=["cut-off", "garbage"])
def test_damaged_gzip_is_an_error(data: bytes) -> None:
    with pytest.raises(CompressedError):
        gunzip(data)


def test_decompression_stops_at_the_limit() -> None:
    assert len(gunzip(gzip.compress(b"a" * 10_000), limit=1000)) == 1000


def test_a_server_sending_gzip_without_saying_so_still_parses() -> None:
    page = parse_html(gzip.compress(PAGE), "https://example.org/p/")
    assert (page.post.title, page.post.text) == ("Hi", "Body text.")
