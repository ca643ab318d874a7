"""Saved HTML pages: the crawler's own parsers, with the page's original address recovered.

The address is `--url` when given; else the page's canonical link or `og:url`. A
page whose links are all site-relative and that names no host is stored at `capture://<stem>/`
and a note says that `--url` would give it its real address.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from ..charset import decode_html
from ..errors import ParseError
from ..parsers import parse_html
from ..thread import ParsedPage
from ..compressed import CompressedError, read_file
from .problems import IngestProblem
from .urls import capture_url, is_web, resolve

# Where a saved page names its own address, in order of trust.
SELF_ADDRESS: tuple[str, ...] = (
    "//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href",
    "//meta[@property='og:url']/@content",
    "//meta[@name='twitter:url']/@content",
)


def self_address(body: bytes) -> str | None:
    """The address the page gives for itself: the first absolute one in SELF_ADDRESS order (a
    mirror may keep `og:url` absolute while making the canonical link site-relative), else the
    first site-relative one."""
    try:
        text, _ = decode_html(body, None)
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None
    found = [str(v).strip() for expr in SELF_ADDRESS for v in root.xpath(expr) if str(v).strip()]
    return next((v for v in found if is_web(v)), found[0] if found else None)


def page_address(
    body: bytes, path: Path, url: str | None, fallback: str | None = None
) -> tuple[str, str | None]:
    """(address to parse the page at, a note when it had to be made up). `url` overrides what
    the page says; `fallback` (from `--base-url`) stands where the page names no absolute one."""
    named = self_address(body)
    if url:
        return url, None
    if named and is_web(named):
        return named, None
    if fallback:
        return resolve(fallback, named) or fallback, None
    fallback = capture_url(path)
    why = f"its own address {named!r} is site-relative" if named else "it names no address of its own"
    return resolve(fallback, named) or fallback, (
        f"{why}; stored under {fallback} (give --url with the page's original address)"
    )


def parse_saved_page(body: bytes, url: str, *, source: str, platform: str = "auto") -> ParsedPage:
    try:
        return parse_html(body, url, platform=platform)
    except ParseError as exc:
        raise ParseError(source, exc.reason) from None


def read(
    path: Path, *, url: str | None = None, fallback: str | None = None, platform: str = "auto"
) -> Iterator[ParsedPage | IngestProblem]:
    source = str(path)
    try:
        body = read_file(path)
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}", kind="file")
        return
    except CompressedError as exc:
        yield IngestProblem(source, str(exc), kind="file")
        return
    address, note = page_address(body, path, url, fallback)
    if note:
        yield IngestProblem(source, note, kind="note")
    try:
        yield parse_saved_page(body, address, source=source, platform=platform)
    except ParseError as exc:
        yield IngestProblem(source, exc.reason, kind="file")
