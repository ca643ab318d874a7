"""Offline ingest: material that cannot be crawled again (saved pages, exports, archives, feeds,
REST dumps, text captures) turned into the same threads a crawl produces.

`detect_format(path)` names a file's format; `read_threads(path, url=...)` yields a ParsedPage per
thread and an IngestProblem per record that could not be read (or was left out on purpose), so
one bad record never loses the others. `crawler.ingest.runner.ingest_paths` stores them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ParseError
from ..thread import ParsedPage
from . import blogger_export, feeds, html_file, text_capture, warc, wp_rest, wxr
from .detect import FORMATS, detect_format
from .problems import IngestProblem

Reader = Callable[..., Iterator[ParsedPage | IngestProblem]]

# One reader per format; each takes (path, *, url) and never raises for bad input.
READERS: dict[str, Reader] = {
    "html": html_file.read,
    "wxr": wxr.read,
    "blogger-export": blogger_export.read,
    "warc": warc.read,
    "feed": feeds.read,
    "wp-rest": wp_rest.read,
    "text": text_capture.read,
}


def read_threads(
    path: Path, *, url: str | None = None, fmt: str | None = None, platform: str = "auto"
) -> Iterator[ParsedPage | IngestProblem]:
    """Every thread in `path` (format detected unless `fmt` is given), problems interleaved.
    `platform` forces a thread parser on a saved HTML page (`claimline parse --platform`)."""
    path = Path(path)
    try:
        chosen = fmt or detect_format(path)
    except ParseError as exc:
        yield IngestProblem(str(path), exc.reason, kind="file")
        return
    reader = READERS.get(chosen)
    if reader is None:
        yield IngestProblem(str(path), f"unknown format {chosen!r} (one of {', '.join(FORMATS)})", kind="file")
        return
    if chosen == "html":
        yield from html_file.read(path, url=url, platform=platform)
    else:
        yield from reader(path, url=url)


__all__ = ["FORMATS", "READERS", "IngestProblem", "detect_format", "read_threads"]
