"""crawler.preview: what `claimline parse` shows of a file is what `claimline ingest` stores from it."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ParseError
from crawler.ingest import read_threads
from crawler.preview import preview
from crawler.thread import ParsedPage

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


def test_markup_the_detector_does_not_know_still_parses_as_html(tmp_path: Path) -> None:
    path = tmp_path / "fragment.txt"
    path.write_text("Saved by hand\n<div><h1>Pump fitted</h1><p>Fitted today.</p></div>\n", encoding="utf-8")
    shown = preview(str(path))
    assert (shown.format, shown.page.post.title) == ("html", "Pump fitted")


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
