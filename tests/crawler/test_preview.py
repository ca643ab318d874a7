"""crawler.preview: what `claimline parse` shows of a file is what `claimline ingest` stores from it."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ParseError
from crawler.ingest import read_threads
from crawler.preview import preview
from crawler.thread import ParsedPage

from tests.conftest import _shared_path

from .ingest_helpers import DATA

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "fixtures" / "sites" / "fixture-blog"
REST = Path(__file__).parent / "data" / "rest-blog" / "wp-json" / "wp" / "v2" / "comments"

# (file, format, threads it holds): one of each format ingest accepts.
FILES = [
    (DATA / "capture_says_threaded.txt", "text", 1),
    (DATA / "capture_pipe_headers.txt", "text", 1),
    (SITE / "2013/09/24/who-is-qazi-abdul-hai/index.html", "html", 1),
    (DATA / "truncated_export.xml", "wxr", 1),
    (DATA / "broken_record.warc", "warc", 2),
    (SITE / "feed/index.xml", "feed", 4),
    (REST / "page=1&per_page=3&post=201.json", "wp-rest", 1),
]


def _ingested(path: Path, url: str | None = None) -> list[ParsedPage]:
    return [item for item in read_threads(path, url=url) if isinstance(item, ParsedPage)]


@pytest.mark.parametrize(("path", "fmt", "threads"), FILES, ids=lambda v: v.name if isinstance(v, Path) else None)
def test_every_thread_is_what_ingest_reads(path: Path, fmt: str, threads: int) -> None:
    ingested = _ingested(path)
    assert len(ingested) == threads
    for n, page in enumerate(ingested, start=1):
        shown = preview(str(path), thread=n)
        assert (shown.format, shown.thread, shown.threads) == (fmt, n, threads)
        assert shown.page.to_json() == page.to_json()


def test_url_given_for_a_file_is_used_as_ingest_uses_it() -> None:
    url = "https://valley.example/2015/03/03/water-rights/"
    shown = preview(str(DATA / "capture_says_threaded.txt"), url=url)
    assert shown.page.post.url == url
    assert [shown.page.to_json()] == [p.to_json() for p in _ingested(DATA / "capture_says_threaded.txt", url)]


def test_what_ingest_would_report_comes_along() -> None:
    """Lost records and made-up addresses are notes; the thread still shows."""
    warc = preview(str(DATA / "broken_record.warc"))
    assert warc.notes and all(note.startswith(str(DATA / "broken_record.warc")) for note in warc.notes)
    html = preview(str(SITE / "2013/09/24/who-is-qazi-abdul-hai/index.html"))
    assert html.page.url.startswith("capture://") and "--url" in html.notes[0]


def test_markup_after_a_line_of_text_is_html_to_parse_and_ingest(tmp_path: Path) -> None:
    path = tmp_path / "fragment.txt"
    path.write_text("Saved by hand\n<div><h1>Pump fitted</h1><p>Fitted today.</p></div>\n", encoding="utf-8")
    shown = preview(str(path))
    assert (shown.format, shown.page.post.title) == ("html", "Pump fitted")
    assert [p.post.title for p in read_threads(path) if isinstance(p, ParsedPage)] == ["Pump fitted"]


@pytest.mark.parametrize(
    ("path", "kwargs", "reason"),
    [
        (DATA / "capture_says_threaded.txt", {"thread": 2}, "holds 1 thread; there is no thread 2"),
        (DATA / "broken_record.warc", {"thread": 3}, "holds 2 threads; there is no thread 3"),
        (DATA / "capture_says_threaded.txt", {"platform": "wordpress"}, "HTML page only; this is a text capture"),
        (DATA / "not_a_feed.rss", {}, "not a feed"),
        (DATA / "unknown_format.dat", {}, "unknown format"),
        (DATA / "absent.txt", {}, "no such file"),
    ],
    ids=["one-thread", "past-the-last", "platform-on-text", "bad-feed", "unknown", "missing"],
)
def test_no_thread_to_show_is_a_parse_error(path: Path, kwargs: dict, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        preview(str(path), **kwargs)
    assert str(path) in str(caught.value) and reason in caught.value.reason


def _gz(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


SAVED_PAGE = (b"<html><head><title>Pump</title></head><body><article><h1 class='entry-title'>Pump fitted</h1>"
              b"<div class='entry-content'><p>Fitted today.</p></div></article></body></html>")
CORPUS_PAGE = _shared_path() / "corpus" / "real" / "wordpress" / "lemire.me_simdjson-vs-json-for-modern-cpp.html"


@pytest.mark.parametrize(
    ("name", "content", "refused"),
    [
        ("page.html", SAVED_PAGE, None),
        ("page.html.gz", _gz(SAVED_PAGE), None),  # a .gz file
        ("page.html", _gz(SAVED_PAGE), None),  # gzip content under a plain name
        ("lemire.html.gz", _gz(CORPUS_PAGE.read_bytes()) if CORPUS_PAGE.exists() else b"", None),
        ("capture.txt.gz", _gz((DATA / "capture_says_threaded.txt").read_bytes()), None),
        ("binary.bin", b"\x00\x01\x02<html><body><p>not really</p></body></html>\x00" * 40, "binary content"),
        ("damaged.html.gz", _gz(SAVED_PAGE)[:30], "gzip"),
        ("empty.html", b"", "empty"),
    ],
    ids=["html", "gz-file", "gz-content", "corpus-gz", "capture-gz", "binary", "damaged-gz", "empty"],
)
def test_parse_and_ingest_agree_on_every_file(tmp_path: Path, name: str, content: bytes, refused: str | None) -> None:
    """`claimline parse` shows what `claimline ingest` stores, or refuses it for the same reason."""
    path = tmp_path / name
    path.write_bytes(content)
    read = list(read_threads(path))
    pages = [p for p in read if isinstance(p, ParsedPage)]
    failures = [p for p in read if not isinstance(p, ParsedPage) and p.kind == "file"]
    try:
        shown = preview(str(path))
    except ParseError as exc:
        assert not pages and failures, f"parse refused what ingest reads: {exc}"
        assert exc.reason == failures[0].reason
        assert refused is not None and refused in exc.reason
        return
    assert refused is None
    assert pages and not failures, "parse read what ingest refuses"
    assert shown.page.to_json() == pages[0].to_json()
    assert shown.page.post.text or shown.page.comments  # read, not garbage
