"""Each dialect's own INSERT ... ON CONFLICT, and the SQLite settings concurrent writers need."""
from __future__ import annotations

from sqlalchemy import Engine, select, text

from store.engine import database_url, make_engine, session_scope
from store.models import Site
from store.upsert import upsert


def test_upsert_same_key_twice_is_one_row_with_newer_fields(engine: Engine) -> None:
    table = Site.__table__
    with session_scope(engine) as s:
        first = upsert(s, table, [{"base_url": "https://a.example/", "platform": "generic"}], ["base_url"])
    with session_scope(engine) as s:
        second = upsert(s, table, [{"base_url": "https://a.example/", "platform": "wordpress"}], ["base_url"])
    assert first == second
    with session_scope(engine) as s:
        rows = s.execute(select(Site)).scalars().all()
        assert [(r.base_url, r.platform) for r in rows] == [("https://a.example/", "wordpress")]


def test_upsert_with_no_update_columns_keeps_the_row(engine: Engine) -> None:
    table = Site.__table__
    with session_scope(engine) as s:
        ids = upsert(s, table, [{"base_url": "https://b.example/", "name": "B"}], ["base_url"], update=[])
    with session_scope(engine) as s:
        again = upsert(s, table, [{"base_url": "https://b.example/", "name": "changed"}], ["base_url"], update=[])
        assert s.get(Site, ids[0]).name == "B"
    assert ids == again


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_database_url_order(monkeypatch) -> None:
    monkeypatch.delenv("CLAIMLINE_DB", raising=False)
    assert database_url() == "sqlite:///claimline.db"
    monkeypatch.setenv("CLAIMLINE_DB", "postgresql://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///other.db") == "sqlite:///other.db"
