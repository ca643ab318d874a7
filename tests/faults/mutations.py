"""Hostile mutations of a document's bytes, as an ordered table of small functions.

Each mutation takes the bytes and a `random.Random` and returns new bytes; `mutate` applies a
named sequence of them. The tests drive them with hypothesis (which picks the names and the
seed, so failures shrink and replay); `bench/fuzz.py` drives them with a plain seeded RNG.
"""
from __future__ import annotations

import codecs
import random
import re
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random], bytes]

DEEP = 10_000
"""How deep the nesting mutations go."""
MEGABYTE = 1_000_000

_TAG = re.compile(rb"<[^<>]{0,400}>")
# Markup that opens, closes or confuses a parser when dropped anywhere.
STRAY_MARKUP: tuple[bytes, ...] = (
    b"<div>", b"</div>", b"</li>", b"<li class=\"comment\">", b"</ol>", b"<ol class=\"commentlist\">",
    b"<table>", b"</body>", b"</html>", b"<html>", b"<!--", b"-->", b"<![CDATA[", b"]]>",
    b"<script>", b"</script>", b"<style>", b"<svg><foreignObject>", b"<math>", b"<?xml version='1.0'?>",
    b"<!DOCTYPE html>", b"<template>", b"<noscript>", b"<textarea>", b"<plaintext>", b"<base href=\"javascript:x\">",
    b"<a href=\"http://[::1\">", b"<time datetime=\"9999-99-99T99:99\">", b"<abbr title=\"\x00\">",
)
# Charset labels a page may wrongly (or absurdly) declare.
CHARSET_LABELS: tuple[str, ...] = (
    "utf-16", "utf-16be", "utf-32", "shift_jis", "iso-2022-jp", "euc-kr", "gb18030", "koi8-r",
    "windows-1256", "x-user-defined", "cp500", "utf-7", "latin1", "ascii", "nonsense-9",
    "", "utf-8\x00", "replacement", "hz-gb-2312",
)
# Encodings to re-encode a page's text in, whatever it declares.
REENCODINGS: tuple[str, ...] = ("utf-16-le", "utf-16-be", "utf-32", "cp1252", "shift_jis", "cp500", "koi8-r")
BOMS: tuple[bytes, ...] = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
CONTROL_BYTES: tuple[bytes, ...] = (
    b"\x00", b"\x1b[31m", b"\x7f", b"\xed\xa0\x80", b"\xef\xbf\xbf", b"\xc0\xaf", b"\xff\xfe", b"\r",
    "\u202e".encode(), "\u2066".encode(), "\ufeff".encode(),
)


def _pos(body: bytes, rng: random.Random) -> int:
    return rng.randint(0, len(body))


def truncate(body: bytes, rng: random.Random) -> bytes:
    return body[: _pos(body, rng)]


def delete_tag(body: bytes, rng: random.Random) -> bytes:
    tags = list(_TAG.finditer(body[:400_000]))
    for _ in range(rng.randint(1, 8)):
        if not tags:
            break
        match = tags.pop(rng.randrange(len(tags)))
        body = body[: match.start()] + b" " * (match.end() - match.start()) + body[match.end():]
    return body


def unbalance(body: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 6)):
        at = _pos(body, rng)
        body = body[:at] + rng.choice(STRAY_MARKUP) + body[at:]
    return body


def random_bytes(body: bytes, rng: random.Random) -> bytes:
    at = _pos(body, rng)
    size = rng.randint(1, 4096)
    return body[:at] + rng.randbytes(size) + body[at + rng.randint(0, size):]


def only_random_bytes(body: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(0, 20_000))


def control_bytes(body: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 20)):
        at = _pos(body, rng)
        body = body[:at] + rng.choice(CONTROL_BYTES) + body[at:]
    return body


def wrong_charset(body: bytes, rng: random.Random) -> bytes:
    label = rng.choice(CHARSET_LABELS).encode("latin-1")
    declared = re.sub(rb"(?i)charset\s*=\s*[\"']?[\w.:-]+", b"charset=" + label, body[:4096], count=1)
    if declared == body[:4096]:
        declared = b'<meta charset="' + label + b'">' + body[:4096]
    return declared + body[4096:]


def reencode(body: bytes, rng: random.Random) -> bytes:
    text = body.decode("utf-8", errors="replace")
    return text.encode(rng.choice(REENCODINGS), errors="replace")


def wrong_bom(body: bytes, rng: random.Random) -> bytes:
    return rng.choice(BOMS) + body


def deep_nesting(body: bytes, rng: random.Random) -> bytes:
    opener = rng.choice((b"<div>", b"<li class=\"comment\"><ul class=\"children\">", b"<b>", b"<table><tr><td>",
                         b"<div class=\"comment-body\">", b"<blockquote>"))
    closer = rng.choice((b"", b"</div>" * DEEP))
    at = _pos(body, rng)
    return body[:at] + opener * DEEP + b"deep" + closer + body[at:]


def mega_attribute(body: bytes, rng: random.Random) -> bytes:
    name = rng.choice((b"class", b"title", b"id", b"datetime", b"href", b"data-x", b"content"))
    value = rng.choice((b"x", b"comment ", b"a b ", b"&amp;", b"\xc3\xa9"))
    tag = b"<div " + name + b"=\"" + value * (MEGABYTE // len(value)) + b"\">text</div>"
    at = _pos(body, rng)
    return body[:at] + tag + body[at:]


def duplicate_slice(body: bytes, rng: random.Random) -> bytes:
    a, b = sorted((_pos(body, rng), _pos(body, rng)))
    at = _pos(body, rng)
    return body[:at] + body[a:b][:200_000] + body[at:]


def swap_halves(body: bytes, rng: random.Random) -> bytes:
    at = _pos(body, rng)
    return body[at:] + body[:at]


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "delete_tag": delete_tag,
    "unbalance": unbalance,
    "random_bytes": random_bytes,
    "only_random_bytes": only_random_bytes,
    "control_bytes": control_bytes,
    "wrong_charset": wrong_charset,
    "reencode": reencode,
    "wrong_bom": wrong_bom,
    "deep_nesting": deep_nesting,
    "mega_attribute": mega_attribute,
    "duplicate_slice": duplicate_slice,
    "swap_halves": swap_halves,
}
"""Every mutation, by name (the order is the order reports list them in)."""


def mutate(body: bytes, names: list[str] | tuple[str, ...], seed: int) -> bytes:
    """`body` with the named mutations applied in order, from one seeded RNG."""
    rng = random.Random(seed)
    for name in names:
        body = MUTATIONS[name](body, rng)
    return body
