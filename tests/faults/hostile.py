"""What the fuzz tests and `bench/fuzz.py` check on every hostile page, and where the pages come from.

`check_parse(body, url)` runs `parse_html` under a time bound and returns "ok" or "parse-error";
anything else (another exception, a thread whose parents point nowhere, too slow) raises
AssertionError naming the page. `check_ingest(path)` does the same for `read_threads`.
"""
from __future__ import annotations

import time
from pathlib import Path

from crawler.errors import ParseError
from crawler.ingest import IngestProblem, read_threads
from crawler.parsers import parse_html
from crawler.thread import ParsedPage

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SITES = REPO / "fixtures" / "sites"
FIXTURE_TEXTS = REPO / "fixtures" / "texts"

PAGE_SECONDS = 30.0
"""Per-page bound: the largest corpus page (400 KB) plus a megabyte of hostile markup parses in
a few seconds on a loaded 2-core machine; a hang or a quadratic blow-up does not."""


def fixture_pages() -> list[Path]:
    """Our own HTML pages (the fixture blog), sorted."""
    return sorted(FIXTURE_SITES.rglob("*.html"))


def corpus_files(shared: Path, suffixes: tuple[str, ...] = (".html",)) -> list[Path]:
    """Files of the shared real corpus with these suffixes, sorted (read in place, never copied)."""
    root = shared / "corpus" / "real"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def check_thread(page: ParsedPage, where: str, *, whole: bool = True) -> None:
    """What a user relies on in a parsed thread: text is text, no comment replies to itself; and
    for a whole page (`whole`), unique comment ids and parents on the page. (An export or REST
    file may hold a comment whose parent is in another file: the store links it when it comes.)"""
    ids = [c.id for c in page.comments]
    known = set(ids)
    if whole:
        assert len(ids) == len(known), f"{where}: duplicate comment ids"
    for c in page.comments:
        assert isinstance(c.id, str) and isinstance(c.text, str), f"{where}: comment {c.id!r} is not text"
        assert c.parent is None or isinstance(c.parent, str), f"{where}: parent {c.parent!r} is not an id"
        if whole:
            assert c.parent is None or c.parent in known, f"{where}: comment {c.id} replies to missing {c.parent}"
            assert c.parent != c.id, f"{where}: comment {c.id} replies to itself"
    assert isinstance(page.post.text, str)


def check_parse(body: bytes | str, url: str) -> str:
    """"ok" or "parse-error"; AssertionError for anything a user must never see."""
    started = time.perf_counter()
    try:
        page = parse_html(body, url)
    except ParseError as exc:
        outcome = "parse-error"
        assert exc.source == url and exc.reason.strip(), f"{url}: ParseError without source or reason: {exc!r}"
    except RecursionError as exc:  # pragma: no cover - reported with the page, not as a crash
        raise AssertionError(f"{url}: RecursionError {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - the point: nothing but ParseError may escape
        raise AssertionError(f"{url}: unhandled {exc.__class__.__name__}: {exc}") from exc
    else:
        outcome = "ok"
        check_thread(page, url)
    elapsed = time.perf_counter() - started
    assert elapsed < PAGE_SECONDS, f"{url}: took {elapsed:.1f} s (bound {PAGE_SECONDS} s)"
    return outcome


def check_ingest(path: Path, url: str | None = None) -> tuple[int, int]:
    """(threads, problems) read from `path`; AssertionError for an exception or a bad thread."""
    started = time.perf_counter()
    threads = problems = 0
    try:
        for item in read_threads(path, url=url):
            if isinstance(item, IngestProblem):
                problems += 1
                assert item.file == str(path) and item.reason.strip(), f"{path}: problem without file/reason {item!r}"
            else:
                threads += 1
                check_thread(item, str(path), whole=False)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"{path}: read_threads raised {exc.__class__.__name__}: {exc}") from exc
    elapsed = time.perf_counter() - started
    assert elapsed < PAGE_SECONDS, f"{path}: took {elapsed:.1f} s (bound {PAGE_SECONDS} s)"
    return threads, problems
