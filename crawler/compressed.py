"""Gzip content where a page or a file was expected: a saved `page.html.gz`, an export kept
compressed, or a server that sends gzip bytes without saying so in Content-Encoding.

Content decides (the gzip magic bytes), never the name: a `.gz` that is not gzip is read as it
is, and gzip under any name is decompressed. Decompression stops at MAX_BYTES, so that a small
hostile file cannot fill memory (a "zip bomb"): what is past the limit is not read.
"""
from __future__ import annotations

import zlib
from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"
MAX_BYTES = 256 * 1024 * 1024


class CompressedError(ValueError):
    """The content starts as gzip but cannot be decompressed (damaged or cut off)."""


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """`data` decompressed when it is gzip (every member of a multi-member file), else `data`."""
    if not is_gzip(data):
        return data
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest[:2] == GZIP_MAGIC and size < limit:
            stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = stream.decompress(rest, limit - size)
            out.append(chunk)
            size += len(chunk)
            if not stream.eof:
                if stream.unconsumed_tail:  # the limit was reached
                    break
                raise CompressedError("gzip data cut off before its end")
            rest = stream.unused_data
    except zlib.error as exc:
        raise CompressedError(f"damaged gzip data: {exc}") from exc
    return b"".join(out)


def read_file(path: Path) -> bytes:
    """A file's bytes, decompressed when they are gzip. Raises OSError, CompressedError."""
    return gunzip(Path(path).read_bytes())
