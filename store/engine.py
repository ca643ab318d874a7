"""One database URL for every command: `--db`, else `CLAIMLINE_DB`, else a local SQLite file.

SQLite gets WAL, foreign keys and a busy timeout so that a crawl can write while reconcile and
review read; PostgreSQL goes through psycopg 3 with the same code.
"""
from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///claimline.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(explicit: str | None = None) -> str:
    """The URL in force, with bare `postgresql://` mapped to the psycopg 3 driver."""
    url = explicit or os.environ.get("CLAIMLINE_DB") or DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    """In a forked child: never use (or close) the parent's pooled connections.

    SQLAlchemy's advice for `os.fork()`: `dispose(close=False)` gives the child fresh pools and
    leaves the parent's sockets and SQLite handles alone.
    """
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_connections)


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    resolved = database_url(url)
    if make_url(resolved).get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(resolved, **kwargs)
    _ENGINES.add(engine)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A transaction: commit on success, roll back on any error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
