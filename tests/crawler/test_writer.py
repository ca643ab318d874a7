"""The batch writer reads the spider's items and never changes them: what became of each page
(stored, a parse error, a store error) comes back in its PageOutcome and in the fetch log."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler import writer as writer_module
from crawler.writer import BatchWriter, WriterConfig
from store.engine import session_scope
from store.models import Fetch
from store.threads import ensure_site

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"
BASE = "http://blog.test/"
GOVERNOR = "2013/09/20/district-governor-joins-taliban/"
BIO = "2013/09/24/who-is-qazi-abdul-hai/"


def _item(path: str, body: bytes) -> dict[str, Any]:
    url = BASE + path
    return {
        "url": url, "requested": url, "redirects": [], "final_url": url, "status": 200, "role": "thread",
        "body": body, "encoding": "utf-8", "etag": '"v1"', "last_modified": "Fri, 20 Sep 2013 10:00:00 GMT",
        "content_hash": "h-" + path, "bytes": len(body), "error_kind": None, "error": None, "outlinks": [],
        "unchanged": False, "fetched_at": "2026-01-02T03:04:05",
    }


def _writer(engine: Engine) -> BatchWriter:
    with session_scope(engine) as session:
        site_id = ensure_site(session, BASE)
    config = WriterConfig(db_url=engine.url.render_as_string(hide_password=False), site_id=site_id)
    return BatchWriter(config, engine=engine)


def _fetches(engine: Engine) -> dict[str, Fetch]:
    with Session(engine) as session:
        return {f.url: f for f in session.scalars(select(Fetch))}


def test_parse_errors_come_back_in_the_outcome_and_the_items_are_left_as_they_came(engine: Engine) -> None:
    batch = [_item(GOVERNOR, (FIXTURE / GOVERNOR / "index.html").read_bytes()),
             _item("garbage/", b"\x00\x01\x02 not a page")]
    before = copy.deepcopy(batch)
    good, bad = _writer(engine).write(batch)
    assert batch == before  # the spider's items are read, never written to
    assert good.stored and good.post == "new" and good.error_kind is None
    assert (bad.stored, bad.error_kind) == (False, "parse") and "not HTML" in (bad.error or "")
    logged = _fetches(engine)
    assert logged[BASE + "garbage/"].error == f"parse: {bad.error}"
    assert logged[BASE + GOVERNOR].error is None and logged[BASE + GOVERNOR].etag == '"v1"'


def test_a_page_that_cannot_be_stored_is_a_store_error_logged_without_its_validators(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = writer_module.save_thread

    def save_thread(session: Session, thread: Any) -> Any:
        if "who-is" in (thread.post.url or ""):
            raise RuntimeError("disk full")
        return real_save(session, thread)

    monkeypatch.setattr(writer_module, "save_thread", save_thread)
    batch = [_item(GOVERNOR, (FIXTURE / GOVERNOR / "index.html").read_bytes()),
             _item(BIO, (FIXTURE / BIO / "index.html").read_bytes())]
    before = copy.deepcopy(batch)
    good, bad = _writer(engine).write(batch)
    assert batch == before
    assert good.stored and good.error_kind is None
    assert (bad.stored, bad.error_kind, bad.error) == (False, "store", "could not store: disk full")
    logged = _fetches(engine)
    # not stored, so the next crawl must fetch it whole, not be told 304 about it
    failed = logged[BASE + BIO]
    assert (failed.etag, failed.last_modified, failed.content_hash) == (None, None, None)
    assert failed.error == "store: could not store: disk full"
    assert logged[BASE + GOVERNOR].etag == '"v1"' and logged[BASE + GOVERNOR].content_hash == "h-" + GOVERNOR
