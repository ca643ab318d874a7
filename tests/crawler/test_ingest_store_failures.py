"""Ingest when the database refuses a write: a lock costs a retry; a thread that still cannot be
stored is reported with its address, is not counted, and makes the exit code 1."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

import crawler.ingest.runner as runner
from crawler.ingest.runner import exit_code, ingest_paths
from tests.crawler.ingest_helpers import DATA, document_count

WARC = DATA / "broken_record.warc"  # two good threads and a broken record


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the runner's logic, the same on both
@pytest.mark.parametrize(("error", "retried"), [("database is locked", True), ("disk I/O error", False)])
def test_a_thread_the_store_refuses(engine: Engine, monkeypatch: pytest.MonkeyPatch, error: str, retried: bool) -> None:
    real = runner._save
    failed: list[str] = []

    def refusing(factory, page, fmt):  # noqa: ANN001, ANN202 - _save's signature
        if not failed:
            failed.append(page.post.url)
            raise OperationalError("INSERT INTO documents ...", {}, Exception(error))
        return real(factory, page, fmt)

    monkeypatch.setattr(runner, "_save", refusing)
    summary = ingest_paths(engine, [WARC])
    if retried:
        assert summary.threads == 2 and summary.threads_not_stored == 0 and exit_code(summary) == 0
        assert document_count(engine) == 4
    else:
        assert summary.threads == 1 and summary.threads_not_stored == 1 and exit_code(summary) == 1
        assert any(p.where == failed[0] and "could not store" in p.reason for p in summary.problems)
        assert summary.posts_new + summary.comments_new == document_count(engine) == 2
