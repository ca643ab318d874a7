"""A crawl that meets server errors, redirect loops and oversize pages logs them and goes on."""
from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from crawler.run import crawl
from crawler.serve import serve_directory
from store.models import Document, Fetch

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


def test_errors_are_counted_with_url_and_reason_and_the_crawl_goes_on(
    tmp_path: Path, db_url: str, engine: Engine
) -> None:
    site = Path(shutil.copytree(FIXTURE, tmp_path / "site"))
    with (site / "_redirects").open("a") as rules:
        rules.write("/broken/ - 500\n/loop-a/ /loop-b/ 302\n/loop-b/ /loop-a/ 302\n")
    big = site / "huge-post"
    big.mkdir()
    (big / "index.html").write_text("<html><body class='single postid-9'><p>" + "word " * 60_000 + "</p></body></html>")
    index = site / "index.html"
    index.write_text(
        index.read_text().replace(
            "</body>", '<a href="/broken/">b</a><a href="/loop-a/">l</a><a href="/huge-post/">h</a></body>'
        )
    )
    with serve_directory(site) as base:
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state", max_bytes=100_000)

    assert summary.errors["http-500"] == [(base + "broken/", "HTTP 500 Internal Server Error")]
    [(loop_url, loop_reason)] = summary.errors["redirect-loop"]
    assert "loop-a" in loop_url and "redirect loop" in loop_reason
    [(big_url, big_reason)] = summary.errors["oversize"]
    assert big_url == base + "huge-post/" and "size limit" in big_reason
    # everything else was still crawled and stored
    assert summary.posts.new == 4 and summary.comments.new == 14
    with engine.connect() as conn:
        errors = dict(conn.execute(select(Fetch.url, Fetch.error).where(Fetch.error.is_not(None))).all())
        assert errors[base + "broken/"].startswith("http-500")
        assert errors[base + "huge-post/"].startswith("oversize")
        assert conn.execute(select(Document.id).where(Document.platform_id == "9")).first() is None


def test_unreachable_site_is_one_connection_error_not_a_crash(tmp_path: Path, db_url: str) -> None:
    with serve_directory(tmp_path) as base:
        pass  # the server is gone: nothing listens on that port any more
    summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state", timeout=5)
    assert summary.pages_fetched == 0 and not summary.interrupted
    assert list(summary.errors) == ["connection"]
    assert summary.errors["connection"][0][0] == base
