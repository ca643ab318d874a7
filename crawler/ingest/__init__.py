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


# Formats whose files may name no address of their own: they take `--base-url`'s (`fallback`).
UNADDRESSED: frozenset[str] = frozenset({"html", "text", "feed"})


def read_threads(
    path: Path, *, url: str | None = None, fmt: str | None = None, platform: str = "auto",
    fallback: str | None = None,
) -> Iterator[ParsedPage | IngestProblem]:
    """Every thread in `path` (format detected unless `fmt` is given), problems interleaved.
    `url` is the file's address, over what it says itself; `fallback` its address where it
    names none (`--base-url`); `platform` forces a thread parser on a saved HTML page."""
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
        yield from html_file.read(path, url=url, fallback=fallback, platform=platform)
    elif chosen in UNADDRESSED:
        yield from reader(path, url=url, fallback=fallback)
    else:
        yield from reader(path, url=url)


__all__ = ["FORMATS", "READERS", "IngestProblem", "detect_format", "read_threads"]
