"""A crawl writing while extract, reconcile and review run, on SQLite (WAL, busy timeout) and on
PostgreSQL: no "database is locked" (or any other error) reaches the user, and nothing is lost:
every page of the crawl is stored, every review decision and its log row is kept.

The crawl is a real `claimline crawl` subprocess over a generated blog; the analyst side runs in
this process through the same library calls the CLI wraps, round after round until the crawl
ends, plus one `claimline reconcile` and one `claimline conflicts resolve` subprocess mid-crawl.
Every round's extract summary is checked: no document may fail (a lock conflict costs a retry,
never the document), and every document is extracted exactly once over the rounds.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from crawler.run import crawl
from crawler.serve import serve_directory
from reconcile.extract_stage import run_extract
from reconcile.links import reopen, resolve_link
from reconcile.review import Review
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import ClaimLink, Document, ReviewLog, Site

from .crawl_proc import CLAIMLINE, start_crawl
from .hostile import FIXTURE_SITES, REPO
from .sitegen import expected_documents, generate, write_site

REVIEWER = "concurrent-tester"


def _site_documents(engine: Engine, base: str) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return set(conn.execute(
            select(Document.kind, Document.platform_id).join(Site, Site.id == Document.site_id)
            .where(Site.base_url == base)
        ).all())


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([*CLAIMLINE, "--db", db_url, *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_a_crawl_writes_while_extract_reconcile_and_review_run(db_url: str, engine: Engine, tmp_path: Path) -> None:
    # An analyst's database: the fixture blog crawled, extracted, reconciled; links to review.
    with serve_directory(FIXTURE_SITES / "fixture-blog") as fixture_base:
        crawl([fixture_base], db_url=db_url, delay=0, jobdir=tmp_path / "fixture-state")
    with session_scope(engine) as s:
        first = run_extract(s)
    assert first.errors == []
    run_reconcile(engine)
    with engine.connect() as conn:
        link_ids = list(conn.execute(select(ClaimLink.id).order_by(ClaimLink.id)).scalars())
        fixture_docs = conn.execute(select(func.count(Document.id))).scalar_one()
    assert len(link_ids) >= 2, "the fixture blog should give links to review"

    site = generate(80, seed=5, max_comments=3)
    root = write_site(site, tmp_path / "site")
    decisions: dict[int, str] = {}
    extracted = first.documents
    extract_errors: list[str] = []
    logged = 0
    rounds = 0
    with serve_directory(root) as base:
        proc = start_crawl(base, db_url, tmp_path / "state", tmp_path / "crawl.log")
        cli_runs: list[subprocess.CompletedProcess[str]] = []
        try:
            while proc.poll() is None or rounds < 2:
                with session_scope(engine) as s:
                    summary = run_extract(s)
                extracted += summary.documents
                extract_errors += summary.errors
                assert run_reconcile(engine).errors == []
                link_id = link_ids[rounds % len(link_ids)]
                decision = ("confirm", "dismiss")[rounds % 2]
                with session_scope(engine) as s:
                    if s.get(ClaimLink, link_id).status != "open":  # a link is decided once: reopen it
                        reopen(s, link_id, reviewer=REVIEWER, note=f"round {rounds}")
                        logged += 1
                    resolve_link(s, link_id, decision, reviewer=REVIEWER, note=f"round {rounds}")
                decisions[link_id] = decision + "ed"
                logged += 1
                review = Review(engine, reviewer=REVIEWER)
                if review.current() is not None:
                    review.note(f"looked at in round {rounds}")
                    logged += 1
                if rounds == 1:
                    cli_runs.append(_cli(db_url, "reconcile"))
                    with session_scope(engine) as s:
                        decided = s.get(ClaimLink, link_ids[0]).status != "open"
                    if decided:
                        cli_runs.append(_cli(db_url, "conflicts", "resolve", str(link_ids[0]), "--reopen",
                                             "--reviewer", REVIEWER))
                        logged += 1
                    cli_runs.append(_cli(db_url, "conflicts", "resolve", str(link_ids[0]), "--confirm",
                                         "--note", "from the command line", "--reviewer", REVIEWER))
                    decisions[link_ids[0]] = "confirmed"
                    logged += 1
                rounds += 1
            proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    crawl_err = (tmp_path / "crawl.log.err").read_text(errors="replace")
    assert proc.returncode == 0, crawl_err[-2000:]
    assert "locked" not in crawl_err.lower() and "locked" not in (tmp_path / "crawl.log").read_text().lower()
    for run in cli_runs:
        assert run.returncode == 0, run.stderr[-2000:]
        assert "locked" not in (run.stdout + run.stderr).lower()

    # Nothing lost: every page of the crawl, the fixture blog as it was, every decision and log row.
    assert _site_documents(engine, base) == expected_documents(site)
    with engine.connect() as conn:
        assert conn.execute(select(func.count(Document.id))).scalar_one() == fixture_docs + len(expected_documents(site))
        statuses = dict(conn.execute(select(ClaimLink.id, ClaimLink.status).where(ClaimLink.id.in_(decisions))).all())
        assert statuses == decisions
        assert conn.execute(select(func.count(ReviewLog.id)).where(ReviewLog.reviewer == REVIEWER)).scalar_one() == logged
    # Every document extracted, none failed, none twice: the rounds' summaries add up to the store.
    with session_scope(engine) as s:
        after_crawl = run_extract(s)  # the pages stored after the last round began
    extracted += after_crawl.documents
    extract_errors += after_crawl.errors
    assert extract_errors == []
    with engine.connect() as conn:
        total = conn.execute(select(func.count(Document.id))).scalar_one()
        behind = conn.execute(select(func.count(Document.id)).where(
            Document.extracted_hash.is_distinct_from(Document.content_hash))).scalar_one()
    with session_scope(engine) as s:
        last = run_extract(s)
    assert (behind, last.documents, last.errors) == (0, 0, [])
    assert extracted == total
    # and the analyst side still runs to a fixed point afterwards
    run_reconcile(engine)
    assert run_reconcile(engine).changes == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the writer's logic, the same on both
def test_a_page_whose_store_failed_is_stored_by_the_next_crawl(
    db_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails (a lock held past the busy timeout, a dropped connection) is filed as a
    `store` error; the next crawl must fetch that page again in full and store it. It used to
    keep the failed fetch's ETag and hash, so the next crawl was told 304 and never stored it."""
    import crawler.writer

    real = crawler.writer.save_thread
    victim = "two-birth-years-for-one-governor"

    def failing(session, thread):  # noqa: ANN001, ANN202 - same signature as save_thread
        if victim in thread.post.url:
            raise OperationalError("INSERT INTO documents ...", {}, Exception("database is locked"))
        return real(session, thread)

    site = FIXTURE_SITES / "fixture-blog"
    with serve_directory(site) as base:
        monkeypatch.setattr(crawler.writer, "save_thread", failing)
        first = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        [(url, reason)] = first.errors["store"]
        assert victim in url and "locked" in reason
        assert not any(victim in u for _k, u in _site_urls(engine))
        monkeypatch.setattr(crawler.writer, "save_thread", real)
        second = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
    assert "store" not in second.errors
    assert any(victim in u for _k, u in _site_urls(engine)), "the page whose store failed was never stored"


def _site_urls(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return set(conn.execute(select(Document.kind, Document.url)).all())
