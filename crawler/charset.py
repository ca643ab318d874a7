"""Turn the bytes of a page into text with the encoding the page really uses.

Order, as browsers do it (WHATWG "encoding sniffing", simplified): a byte-order mark wins, then
the encoding the caller got from HTTP, then a `<meta charset>` / `http-equiv` declaration near
the top, then strict UTF-8, then windows-1252. Labels are mapped the WHATWG way: "ISO-8859-1",
"latin1" and "ascii" all mean windows-1252, which is a superset that browsers use for them.
"""
from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG label aliases that Python spells differently or decodes more strictly than browsers.
_LABEL_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
}

_SINGLE_BYTE_LEGACY = frozenset({"cp1252", "iso8859-15", "iso8859-2", "cp1250", "ascii"})

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._\-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096


def normalize_label(label: str | None) -> str | None:
    """The Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _LABEL_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(head: bytes) -> str | None:
    """The encoding a page declares in its first few KB (`<meta charset>` or the XML declaration)."""
    head = head[:_SNIFF_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            found = normalize_label(match.group(1).decode("ascii", "ignore"))
            if found:
                # A page that is bytes cannot really be UTF-16 when the declaration itself was ASCII.
                return "utf-8" if found.startswith("utf-16") else found
    return None


def decode_html(body: bytes | str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, codec used). `encoding` is the HTTP Content-Type charset."""
    if isinstance(body, str):
        return body, "unicode"
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace"), name
    for candidate in (normalize_label(encoding), declared_encoding(body)):
        if candidate:
            if candidate in _SINGLE_BYTE_LEGACY and not body.isascii():
                # Valid multi-byte UTF-8 almost never happens by accident in legacy text, while
                # UTF-8 pages under a stale "latin1"/"ascii" declaration are common.
                try:
                    return body.decode("utf-8"), "utf-8"
                except UnicodeDecodeError:
                    pass
            try:
                return body.decode(candidate), candidate
            except UnicodeDecodeError:
                # A page that lies about its charset: the declaration is what it usually is, so keep it
                # unless the bytes are valid UTF-8, which almost never happens by accident.
                try:
                    return body.decode("utf-8"), "utf-8"
                except UnicodeDecodeError:
                    return body.decode(candidate, errors="replace"), candidate
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "cp1252"
