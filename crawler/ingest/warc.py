"""WARC archives (warcio): every HTML `response` record through the crawler's parsers, at its
`WARC-Target-URI`.

A broken record (a damaged header, a cut-off gzip member) is reported with its byte offset, and
reading resumes at the next record boundary found after it, so the records before and after it
still land. Non-HTML responses (images, scripts, robots.txt) are not threads and are passed over.
"""
from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import ParseError
from ..parsers import parse_html
from ..thread import ParsedPage
from .problems import IngestProblem

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
# What starts a record: a WARC version line (uncompressed) or a gzip member header.
_RECORD_START = re.compile(rb"(?:\r?\n|^)WARC/1\.[01]\r?\n")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_SCAN_CHUNK = 1 << 20
T = TypeVar("T")


def _next_boundary(fh: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Offset of the first record start strictly after `after`, or None at end of file."""
    pos = after + 1
    while True:
        fh.seek(pos)
        chunk = fh.read(_SCAN_CHUNK + 16)
        if not chunk:
            return None
        if gzipped:
            found = chunk.find(_GZIP_MEMBER)
            if found >= 0:
                return pos + found
        else:
            match = _RECORD_START.search(chunk)
            if match:
                return pos + match.end() - len(match.group(0).lstrip(b"\r\n"))
        if len(chunk) <= 16:
            return None
        pos += _SCAN_CHUNK


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _quietly(step: Callable[[], T]) -> tuple[T, str]:
    """Run one warcio step, catching what it prints to stderr (it warns about bad lengths with
    print), so that the warning becomes a note on the record instead of noise on the terminal."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        result = step()
    return result, buffer.getvalue()


def _note(source: str, printed: str, offset: int) -> IngestProblem | None:
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    if not lines:
        return None
    message = lines[0].removeprefix("WARNING:").strip()
    return IngestProblem(source, f"warcio: {message}", where=f"near byte {offset}", kind="note")


def read(path: Path, *, url: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    """`url` is not used: every record names its own address."""
    source = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}", kind="file")
        return
    with fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
        start: int | None = 0
        read_any = False  # a record or a problem: a file that yields neither must still say so
        while start is not None:
            fh.seek(start)
            iterator = ArchiveIterator(fh, no_record_parse=False, arc2warc=True)
            records = iter(iterator)
            offset = start
            last_start: int | None = None
            try:
                while True:
                    record, printed = _quietly(lambda: next(records, None))
                    if (note := _note(source, printed, offset)) is not None:
                        yield note
                    if record is None:
                        break
                    read_any = True
                    yield from _record(record, source, lambda: iterator.get_record_offset())
                    (last_start, length), printed = _quietly(
                        lambda: (iterator.get_record_offset(), iterator.get_record_length() or 0))
                    if (note := _note(source, printed, last_start)) is not None:
                        yield note
                    offset = last_start + length
                start = None
            # warcio also fails untyped on hostile headers (a response without WARC-Target-URI
            # is an AttributeError inside it): a broken record all the same.
            except (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, TypeError,
                    KeyError, IndexError) as exc:
                # warcio's offsets are positions in the file; `offset` is where the failing
                # record's reading began (the end of the last good one, or the resume point).
                failed_at = max(getattr(iterator, "offset", 0) or 0, offset, start)
                after = f", after the record at byte {last_start}" if last_start is not None else ""
                yield IngestProblem(source, f"broken WARC record: {str(exc).strip() or exc.__class__.__name__}",
                                    where=f"byte {failed_at}{after}")
                read_any = True
                start = _next_boundary(fh, failed_at, gzipped)
        if not read_any:
            # warcio reads a damaged first header (no line ends) as "no records", silently.
            yield IngestProblem(source, "no WARC record could be read (a damaged record header?)", kind="file")


def _record(record, source: str, offset: Callable[[], int]) -> Iterator[ParsedPage | IngestProblem]:
    """One record; `offset()` is asked only after the body is read (warcio skips to the end of
    the record to answer it)."""
    if record.rec_type != "response":
        return
    uri = record.rec_headers.get_header("WARC-Target-URI")
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    if not uri or not content_type.lower().startswith(HTML_TYPES):
        return
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if status and not str(status).startswith("2"):
        return
    try:
        body = record.content_stream().read()
    except Exception as exc:  # noqa: BLE001  (warcio surfaces zlib/chunking errors untyped)
        yield IngestProblem(source, f"cannot read the response body: {exc}",
                            where=f"record at byte {offset()} ({uri})")
        return
    where = f"record at byte {offset()} ({uri})"
    try:
        yield parse_html(body, uri, encoding=_charset(content_type))
    except ParseError as exc:
        yield IngestProblem(source, exc.reason, where=where)
