"""What `claimline parse` shows: the thread a crawl or an ingest would store from one source, with
nothing stored.

A URL is fetched once and parsed as a crawl parses it. A file goes through the same format
detection and reader as `claimline ingest`, so the two never disagree about a file: a saved HTML
page gets the same address (`--url`, else its canonical link, else `capture://<stem>/`), a text
capture the same post and comment ids. Exports, archives, feeds and REST dumps can hold many
threads; `thread` picks one of them (1 is the first, in the file's order) and the preview says
how many there are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParseError
from .ingest import read_threads
from .ingest.detect import detect_format
from .ingest.urls import Addresses
from .parsers import parse_html
from .thread import ParsedPage
from .urls import schemeless_candidates

# What each ingest format is, for messages ("… is a WordPress WXR export").
FORMAT_LABELS: dict[str, str] = {
    "url": "web page",
    "html": "saved HTML page",
    "wxr": "WordPress WXR export",
    "blogger-export": "Blogger export",
    "warc": "WARC archive",
    "feed": "RSS/Atom feed",
    "wp-rest": "WordPress REST API response",
    "text": "text capture of a page",
}


@dataclass
class Preview:
    page: ParsedPage
    format: str
    """One of crawler.ingest.FORMATS, or "url" for a fetched page."""
    thread: int = 1
    """Which thread of the source `page` is (1-based)."""
    threads: int = 1
    """How many threads the source holds (what ingest would store)."""
    notes: list[str] = field(default_factory=list)
    """What ingest would report beside the threads: records lost or left out, made-up addresses."""


def preview(
    source: str, *, url: str | None = None, platform: str = "auto", thread: int = 1,
    addresses: Addresses | None = None,
) -> Preview:
    """The `thread`-th thread that `source` (a URL or a file ingest accepts) would store.

    `addresses` (`--base-url`, `--url-map`) gives a file the address `claimline ingest` would give
    it when named alone; for a URL they are refused, as a fetched page has its own.

    Raises ParseError(source, reason) when there is none: unreadable or unknown file, no such
    thread, or a platform forced on something that is not an HTML page."""
    if thread < 1:
        raise ParseError(source, f"thread {thread}: threads are counted from 1")
    candidates = [] if Path(source).exists() else schemeless_candidates(source)
    if candidates:
        from .fetch import choose_scheme

        source = choose_scheme(candidates)
    if source.startswith(("http://", "https://")):
        if addresses is not None:
            raise ParseError(source, "--base-url and --url-map give files their addresses; a web page has its own")
        from .fetch import fetch_page

        fetched = fetch_page(source)
        page = parse_html(fetched.body, url or fetched.url, encoding=fetched.encoding, platform=platform)
        return _single(source, Preview(page, "url"), thread)
    path = Path(source)
    if not path.is_file():
        raise ParseError(source, "no such file")
    fmt = detect_format(path)  # what ingest refuses, parse refuses, with the same reason
    if fmt != "html" and platform not in ("auto", "", None):
        raise ParseError(source, f"a platform can be forced on an HTML page only; this is a {FORMAT_LABELS[fmt]}")
    fallback = None
    if addresses is not None and not url:
        url, fallback = addresses.of(path, path.name)  # as ingest names a file given alone
    return _nth_thread(path, fmt, url, thread, platform, fallback)


def _single(source: str, found: Preview, thread: int) -> Preview:
    if thread != 1:
        raise ParseError(source, _no_such_thread(1, thread))
    return found


def _no_such_thread(count: int, thread: int) -> str:
    return f"holds {count} thread{'s' if count != 1 else ''}; there is no thread {thread}"


def _nth_thread(
    path: Path, fmt: str, url: str | None, thread: int, platform: str = "auto", fallback: str | None = None
) -> Preview:
    """Reads the whole file (to count its threads) and keeps the `thread`-th."""
    chosen: ParsedPage | None = None
    count = 0
    notes: list[str] = []
    reasons: list[str] = []
    failure: ParseError | None = None
    for item in read_threads(path, url=url, fmt=fmt, platform=platform, fallback=fallback):
        if isinstance(item, ParsedPage):
            count += 1
            if count == thread:
                chosen = item
        elif item.kind == "file":
            failure = failure or item.as_error()
        else:
            notes.append(str(item))
            reasons.append(item.reason)
    if chosen is not None:
        return Preview(chosen, fmt, thread=thread, threads=count, notes=notes)
    if failure is not None:
        raise failure
    if count:
        raise ParseError(str(path), _no_such_thread(count, thread))
    why = f": {reasons[0]}" if reasons else ""
    raise ParseError(str(path), f"no thread in this {FORMAT_LABELS[fmt]} that ingest would store{why}")
