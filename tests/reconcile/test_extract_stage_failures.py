"""The extract stage when writes fail: each document is committed on its own (SQLite and
PostgreSQL alike), a lock costs a retry of that document only, and the summary counts only what
was stored."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

import reconcile.extract_stage as stage
from reconcile.extract_stage import run_extract
from store.engine import session_scope
from store.models import Document, Mention
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread

SITE = "https://blog.example.org/"


def _threads(n: int) -> list[ThreadIn]:
    return [ThreadIn(site_url=SITE, platform="wordpress",
                     post=DocumentIn(kind="post", url=f"{SITE}p/{i}", platform_id=str(i),
                                     text=f"Governor Ahmad Shah Noori {i} was born in {1950 + i} in Herat."))
            for i in range(4)]


def _store(engine: Engine) -> list[int]:
    with session_scope(engine) as s:
        for t in _threads(4):
            save_thread(s, t)
    with session_scope(engine) as s:
        return list(s.scalars(select(Document.id).order_by(Document.id)))


def _extracted(engine: Engine) -> set[int]:
    with session_scope(engine) as s:
        return set(s.scalars(select(Document.id).where(Document.extracted_hash == Document.content_hash)))


def test_each_document_is_committed_as_it_is_done(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run stopped half-way (Ctrl-C, a killed worker) keeps the documents it finished, on both
    backends; PostgreSQL used to keep nothing (one transaction for the whole run)."""
    ids = _store(engine)
    real = stage.store_extraction

    def interrupted(session, doc, ex, summary, extractor):  # noqa: ANN001, ANN202 - store_extraction's signature
        if doc.id == ids[2]:
            raise KeyboardInterrupt
        return real(session, doc, ex, summary, extractor)

    monkeypatch.setattr(stage, "store_extraction", interrupted)
    with pytest.raises(KeyboardInterrupt), session_scope(engine) as s:
        run_extract(s)
    assert _extracted(engine) == set(ids[:2])


def test_a_lock_costs_one_retry_of_that_document_not_a_failure(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _store(engine)
    real = stage.store_extraction
    locked_once: set[int] = set()

    def locked_first(session, doc, ex, summary, extractor):  # noqa: ANN001, ANN202
        real(session, doc, ex, summary, extractor)  # its rows are written, then the commit would meet the lock
        if doc.id == ids[1] and doc.id not in locked_once:
            locked_once.add(doc.id)
            raise OperationalError("INSERT INTO mentions ...", {}, Exception("database is locked"))

    monkeypatch.setattr(stage, "store_extraction", locked_first)
    with session_scope(engine) as s:
        summary = run_extract(s)
    assert summary.errors == [] and summary.retries == 1 and summary.documents == len(ids)
    assert _extracted(engine) == set(ids)
    with session_scope(engine) as s:
        stored = s.scalar(select(func.count(Mention.id)))
    assert summary.mentions_added == stored  # the rolled-back attempt is not counted


def test_a_failed_document_counts_none_of_its_mentions(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _store(engine)
    real_claims = stage._store_claims

    def broken(session, doc, ex, rows, summary, extractor=None):  # noqa: ANN001, ANN202 - after its mentions were added
        if doc.id == ids[3]:
            raise ValueError("claim table full")
        return real_claims(session, doc, ex, rows, summary, extractor)

    monkeypatch.setattr(stage, "_store_claims", broken)
    with session_scope(engine) as s:
        summary = run_extract(s)
    assert len(summary.errors) == 1 and f"document {ids[3]} " in summary.errors[0]
    assert summary.documents == 3
    with session_scope(engine) as s:
        stored = s.scalar(select(func.count(Mention.id)))
        assert s.scalar(select(func.count(Mention.id)).where(Mention.document_id == ids[3])) == 0
    assert summary.mentions_added == stored > 0
