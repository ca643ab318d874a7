"""WARC archives: every HTML response through the parsers; a broken record costs only itself."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from sqlalchemy import Engine
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.ingest import read_threads
from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import ingest_paths
from crawler.parsers import parse_html
from crawler.thread import ParsedPage

from .ingest_helpers import DATA, document_count

PAGES = {
    "https://www.unitingnc.org/2011/08/the-difference-a-dinner-can-make/":
        "corpus/real/wordpress/unitingnc.org_the-difference-a-dinner-can-make.html",
    "https://lemire.me/blog/2019/08/02/json-parsing-simdjson-vs-json-for-modern-c/":
        "corpus/real/wordpress/lemire.me_simdjson-vs-json-for-modern-cpp.html",
}


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for uri, content_type, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))


def test_archive_of_corpus_pages_matches_the_parsers(shared_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    records = [(uri, "text/html; charset=UTF-8", (shared_dir / rel).read_bytes()) for uri, rel in PAGES.items()]
    records.insert(1, ("https://lemire.me/robots.txt", "text/plain", b"User-agent: *\n"))
    write_warc(path, records, gzip=True)
    items = list(read_threads(path))
    assert not [i for i in items if isinstance(i, IngestProblem)]
    threads = [i for i in items if isinstance(i, ParsedPage)]
    assert [t.url for t in threads] == list(PAGES)
    for thread in threads:
        direct = parse_html((shared_dir / PAGES[thread.url]).read_bytes(), thread.url, encoding="UTF-8")
        assert [(c.id, c.parent, c.author) for c in thread.comments] == [
            (c.id, c.parent, c.author) for c in direct.comments]
        assert thread.comments


def test_broken_record_is_reported_and_the_others_land(engine: Engine) -> None:
    path = DATA / "broken_record.warc"
    items = list(read_threads(path))
    problems = [i for i in items if isinstance(i, IngestProblem)]
    threads = [i for i in items if isinstance(i, ParsedPage)]
    assert [t.post.title for t in threads] == ["Flood gauge readings for March", "Levee inspection postponed"]
    (error,) = [p for p in problems if p.kind == "record"]
    assert error.file == str(path) and "broken WARC record" in error.reason
    assert error.where == "byte 1965, after the record at byte 1563"
    # warcio's own warning about the damaged record's length becomes a note, not terminal noise.
    (note,) = [p for p in problems if p.kind == "note"]
    assert note.where == "near byte 1563" and "Content-Length" in note.reason
    summary = ingest_paths(engine, [path])
    assert (summary.threads, summary.comments_new, summary.files_failed) == (2, 2, 0)
    assert document_count(engine) == 4
