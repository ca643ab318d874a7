"""Which kind of file this is, from its first bytes (and, only when they say nothing, its name).

Content decides, because saved files are often misnamed (a REST response saved as `index.html`,
a feed saved as `feed/index.xml`). The signatures are ordered data: the first that matches wins.
"""
from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from pathlib import Path

from ..compressed import read_file
from ..errors import ParseError
from .text_grammar import looks_like_capture

FORMATS: tuple[str, ...] = ("html", "wxr", "blogger-export", "warc", "feed", "wp-rest", "text")
SNIFF_BYTES = 65536
_GZIP_MAGIC = b"\x1f\x8b"

# The root element decides between the XML formats: (root names, format, marker that must also
# appear in the first bytes or None), tried in order.
_ROOT = re.compile(
    r"^(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+(?P<doctype>\w+)[^>]*>))*\s*<(?P<root>[\w:.-]+)",
    re.IGNORECASE | re.DOTALL,
)
XML_SIGNATURES: tuple[tuple[frozenset[str], str, re.Pattern[str] | None], ...] = (
    (frozenset({"rss"}), "wxr", re.compile(r"wordpress\.org/export/|<wp:wxr_version", re.IGNORECASE)),
    (frozenset({"feed"}), "blogger-export",
     re.compile(r"schemas\.google\.com/blogger/2008/kind#|schemas\.google\.com/blogger/2018", re.IGNORECASE)),
    (frozenset({"rss", "feed", "rdf:rdf", "rdf"}), "feed", None),
    (frozenset({"html"}), "html", None),
)
HTML_SIGNATURE = re.compile(r"<(html|head|body|meta|title|div|article|p)\b", re.IGNORECASE)


def _markup_format(text: str) -> str | None:
    match = _ROOT.match(text[:SNIFF_BYTES])
    if match is None:
        return "html" if HTML_SIGNATURE.search(text[:SNIFF_BYTES]) else None
    if (match.group("doctype") or "").lower() == "html":
        return "html"
    root = match.group("root").lower()
    for roots, name, marker in XML_SIGNATURES:
        if root in roots and (marker is None or marker.search(text[:SNIFF_BYTES])):
            return name
    return "html" if HTML_SIGNATURE.search(text[:SNIFF_BYTES]) else None


# File-name endings that mean "this was a feed" when the content is not recognisable at all:
# then the feed reader says why it is not one (not XML, where it breaks) rather than "unknown".
FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom", ".xml", ".rdf")


def _is_wp_rest_object(obj: object) -> bool:
    return (
        isinstance(obj, dict)
        and "id" in obj
        and isinstance(obj.get("content"), dict)
        and ("post" in obj or "link" in obj or "title" in obj)
    )


def _json_format(whole: Callable[[], str]) -> str | None:
    try:
        data = json.loads(whole())
    except (ValueError, UnicodeDecodeError):  # CompressedError is a ValueError
        return None
    items = data if isinstance(data, list) else [data]
    if items and all(_is_wp_rest_object(item) for item in items):
        return "wp-rest"
    if isinstance(data, list) and not data:
        return "wp-rest"  # an empty collection response: nothing to store, but not an error
    return None


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first bytes of a file, decompressed when it is gzip (a `.warc.gz`, a `.xml.gz`)."""
    with path.open("rb") as fh:
        raw = fh.read(size)
    if raw.startswith(_GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, size)
        except zlib.error:
            return b""
    return raw


def _decode(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head[:4096]:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # cut in the middle of a character by the sniff size
            return head[: exc.start].decode("utf-8")
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None


def detect_format(path: Path) -> str:
    """One of FORMATS, or ParseError(path, "unknown format: …")."""
    source = str(path)
    try:
        head = read_head(path)
    except OSError as exc:
        raise ParseError(source, f"cannot read: {exc.strerror or exc}") from exc
    if not head.strip():
        with path.open("rb") as fh:
            if fh.read(2) == _GZIP_MAGIC:
                raise ParseError(source, "damaged gzip data: nothing in it could be decompressed")
        raise ParseError(source, "unknown format: the file is empty")
    if head.startswith(b"WARC/"):
        return "warc"
    text = _decode(head)
    if text is None:
        raise ParseError(source, "unknown format: binary content that is not a WARC archive")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):

        def whole() -> str:
            return read_file(path).decode("utf-8-sig")

        found = _json_format(whole)
        if found:
            return found
        raise ParseError(source, "unknown format: JSON that is not a WordPress REST API response")
    if stripped.startswith("<"):
        found = _markup_format(stripped)
        if found:
            return found
    if looks_like_capture(text):
        return "text"
    if HTML_SIGNATURE.search(text[:SNIFF_BYTES]):
        return "html"  # markup after a line of text (a fragment saved by hand)
    if path.suffix.lower() in FEED_SUFFIXES:
        return "feed"
    raise ParseError(
        source,
        "unknown format: not HTML, a WordPress or Blogger export, a WARC archive, a feed, "
        "WordPress REST JSON, or a text capture of a page (no title and date at the top)",
    )
