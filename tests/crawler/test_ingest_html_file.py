"""Saved HTML pages: which address a page is stored at."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.ingest import read_threads
from crawler.ingest.html_file import page_address
from crawler.ingest.problems import IngestProblem
from crawler.thread import ParsedPage

PAGE = """<!DOCTYPE html><html><head><title>Gauge</title>{head}</head>
<body><article><h1 class="entry-title">Gauge at the north bridge</h1>
<div class="entry-content"><p>The gauge read 3.4 metres.</p></div></article></body></html>"""


@pytest.mark.parametrize(
    ("head", "url", "expected", "noted"),
    [
        ('<link rel="canonical" href="https://river.example/gauge/">', None, "https://river.example/gauge/", False),
        ('<link rel="canonical" href="/gauge/"><meta property="og:url" content="https://river.example/gauge/">',
         None, "https://river.example/gauge/", False),
        ('<link rel="canonical" href="https://river.example/gauge/">', "https://mirror.example/g?x=1",
         "https://mirror.example/g?x=1", False),
        ('<link rel="canonical" href="/gauge/">', None, "capture://saved-page/gauge/", True),
        ("", None, "capture://saved-page/", True),
    ],
)
def test_page_address(tmp_path: Path, head: str, url: str | None, expected: str, noted: bool) -> None:
    path = tmp_path / "saved-page.html"
    path.write_text(PAGE.format(head=head), encoding="utf-8")
    address, note = page_address(path.read_bytes(), path, url)
    assert address == expected
    assert (note is not None) == noted and (not noted or "--url" in (note or ""))


def test_saved_corpus_page_reads_through_the_parsers(shared_dir: Path) -> None:
    path = shared_dir / "corpus/real/wordpress/lemire.me_simdjson-vs-json-for-modern-cpp.html"
    items = list(read_threads(path))
    (page,) = [i for i in items if isinstance(i, ParsedPage)]
    assert not [i for i in items if isinstance(i, IngestProblem)]
    assert page.url == "https://lemire.me/blog/2019/08/02/json-parsing-simdjson-vs-json-for-modern-c/"
    assert len(page.comments) == 5 and any(c.parent for c in page.comments)


def test_not_html_after_all_is_a_file_problem(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'{"gauge": 3.4}')
    (problem,) = list(read_threads(path, url="https://river.example/x/", fmt="html"))
    assert isinstance(problem, IngestProblem)
    assert (problem.file, problem.kind) == (str(path), "file") and "not HTML" in problem.reason
