"""A crawl of a blog that misbehaves on purpose finishes, files every fault under its kind with
its URL, and stores every good page; a robots.txt that changes between crawls costs nothing
already stored."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from crawler.run import CrawlSummary, crawl
from store.models import Document, Fetch

from .faulty_server import FAULT_KINDS, FaultyBlog, serve_faulty_blog
from .sitegen import expected_documents, generate

TIMEOUT = 1.5


def _stored(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return set(conn.execute(select(Document.kind, Document.platform_id)).all())


def _faults_in(summary: CrawlSummary) -> dict[str, str]:
    return {url: kind for kind, items in summary.errors.items() for url, _reason in items}


@pytest.fixture(scope="module")
def site():  # noqa: ANN201 - a sitegen.Site
    return generate(12, seed=2)


def _crawl(blog: FaultyBlog, db_url: str, state: Path) -> CrawlSummary:
    return crawl([blog.base], db_url=db_url, delay=0, jobdir=state, timeout=TIMEOUT)


def test_every_fault_is_counted_with_its_url_and_every_good_page_is_stored(
    site, tmp_path: Path, db_url: str, engine: Engine  # noqa: ANN001
) -> None:
    with serve_faulty_blog(site) as blog:
        summary = _crawl(blog, db_url, tmp_path / "state")

        assert not summary.interrupted
        assert _faults_in(summary) == blog.faults, summary.to_json()["errors"]
        for kind, items in summary.errors.items():
            assert all(reason.strip() for _url, reason in items), kind
        # every good page: all posts (the flaky one after its 503) and all their comments
        assert _stored(engine) == expected_documents(site)
        assert summary.posts.new == len(site.posts)
        assert blog.requests_to(blog.flaky_post.path) == 2
        # no fault was hammered: at most one retry each
        for path in FAULT_KINDS:
            assert blog.requests_to(path) <= 2, path
    with engine.connect() as conn:
        logged = dict(conn.execute(select(Fetch.url, Fetch.error).where(Fetch.error.is_not(None))).all())
    for url, kind in blog.faults.items():
        assert logged.get(url, "").startswith(kind), (url, logged.get(url))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # crawl logic; both stores are covered above
def test_a_robots_txt_that_changes_between_crawls_blocks_new_fetches_and_loses_nothing(
    site, tmp_path: Path, db_url: str, engine: Engine  # noqa: ANN001
) -> None:
    with serve_faulty_blog(site, blocked=3) as blog:
        first = _crawl(blog, db_url, tmp_path / "state")
        stored = _stored(engine)
        assert stored == expected_documents(site)
        assert "robots" not in first.errors and blog.robots_served == 1

        second = _crawl(blog, db_url, tmp_path / "state")
        assert blog.robots_served == 2
        blocked = {blog.url(p.path) for p in blog.blocked_posts()}
        assert {url for url, _ in second.errors.get("robots", [])} == blocked
        assert all(reason == "forbidden by robots.txt" for _, reason in second.errors["robots"])
        for post in blog.blocked_posts():
            assert blog.requests_to(post.path) == 1, "a page robots.txt now forbids was fetched again"
    assert _stored(engine) == stored
    with engine.connect() as conn:
        assert conn.execute(select(func.count(Document.id))).scalar_one() == len(stored)
