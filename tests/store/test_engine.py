"""The engine as a multi-process store: SQLite in WAL with write transactions that take the lock
when they begin (two writers interleave instead of failing), lock errors retried; PostgreSQL
planned with each query's parameters and analysed after bulk loads."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import OperationalError

from store.engine import analyze, make_engine, retry_locked, session_scope
from store.models import Site
from store.schema import upgrade


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def test_sqlite_is_in_wal_mode(sqlite_file: str) -> None:
    engine = make_engine(sqlite_file)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_a_writer_that_read_first_waits_for_the_other_instead_of_failing(sqlite_file: str) -> None:
    """Under a deferred transaction, a writer that read before another process committed fails
    at once with "database is locked" when it writes (SQLite cannot wait: its snapshot is stale).
    With BEGIN IMMEDIATE it takes the lock first, and the other waits."""
    a, b = make_engine(sqlite_file), make_engine(sqlite_file)
    errors: list[BaseException] = []
    a_has_read = threading.Event()

    def reader_then_writer() -> None:
        try:
            with session_scope(a) as s, s.begin_nested():  # a savepoint, as extract used per document
                s.scalar(select(func.count(Site.id)))
                a_has_read.set()
                time.sleep(0.5)
                s.add(Site(base_url="https://a.example/", platform="wordpress"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=reader_then_writer)
    thread.start()
    a_has_read.wait(5)
    try:
        with session_scope(b) as s:
            s.add(Site(base_url="https://b.example/", platform="wordpress"))
    except BaseException as exc:  # noqa: BLE001
        errors.append(exc)
    thread.join()
    assert errors == []
    with a.connect() as conn:
        assert set(conn.execute(select(Site.base_url)).scalars()) == {"https://a.example/", "https://b.example/"}
    a.dispose()
    b.dispose()


def test_savepoints_roll_back_alone_on_sqlite(sqlite_file: str) -> None:
    engine = make_engine(sqlite_file)
    with session_scope(engine) as s:
        s.add(Site(base_url="https://kept.example/", platform="wordpress"))
        with pytest.raises(RuntimeError), s.begin_nested():
            s.add(Site(base_url="https://lost.example/", platform="wordpress"))
            s.flush()
            raise RuntimeError
    with engine.connect() as conn:
        assert list(conn.execute(select(Site.base_url)).scalars()) == ["https://kept.example/"]
    engine.dispose()


def test_a_lock_error_is_retried_and_others_are_not() -> None:
    calls: list[int] = []

    def locked_twice() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("INSERT ...", {}, Exception("database is locked"))
        return "done"

    assert retry_locked(locked_twice) == "done" and len(calls) == 3
    with pytest.raises(OperationalError):
        retry_locked(lambda: (_ for _ in ()).throw(OperationalError("x", {}, Exception("no such table: y"))))


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_plans_each_lookup_with_its_parameters(engine: Engine) -> None:
    """No server-side prepared statements, so no generic plan built from empty tables."""
    with engine.connect() as conn:
        assert conn.connection.driver_connection.prepare_threshold is None


def test_analyze_refreshes_the_planners_statistics(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.execute(insert(Site), [{"base_url": f"https://s{i}.example/", "platform": "wordpress"} for i in range(300)])
        analyze(s, ("sites",))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            assert conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'sites'")).scalar() == 300
        else:
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar() == 1
