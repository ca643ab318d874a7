"""One database URL for every command: `--db`, else `CLAIMLINE_DB`, else a local SQLite file.

SQLite gets WAL, foreign keys and a busy timeout so that a crawl can write while reconcile and
review read; PostgreSQL goes through psycopg 3 with the same code.

SQLite as a store several processes write to at once (a crawl, `extract`, `reconcile`, review):

- every write transaction begins ``BEGIN IMMEDIATE``: it takes the write lock when it starts,
  waiting up to the busy timeout for it, instead of starting deferred, reading, and failing at
  once with "database is locked" when it first writes after another process has committed (SQLite
  cannot wait there: the snapshot it read is stale). pysqlite emits that BEGIN itself before the
  first INSERT/UPDATE/DELETE (``isolation_level = "IMMEDIATE"``); a SAVEPOINT opened outside a
  transaction (``Session.begin_nested()``), which SQLite would start as a deferred transaction, is
  preceded by ``BEGIN IMMEDIATE`` (the ``savepoint`` event). Reads before the first write run
  outside a transaction, so read-only work neither holds nor waits for the write lock, and a
  session opened while another is reading in the same process does not wait for it. (SQLAlchemy's
  recipe of beginning every transaction IMMEDIATE on the ``begin`` event was tried: it makes every
  reading session hold the write lock, and a second session opened meanwhile waits out the busy
  timeout.)
- :func:`retry_locked` runs a unit of work again, with backoff, when SQLite still reports a lock.
"""
from __future__ import annotations

import atexit
import logging
import os
import random
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_URL = "sqlite:///claimline.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(explicit: str | None = None) -> str:
    """The URL in force, with bare `postgresql://` mapped to the psycopg 3 driver.

    A value without a scheme (`x.db`, `~/data/claims.db`) is a SQLite file's path, as sqlite-utils
    and datasette take it: it would otherwise fail in SQLAlchemy's URL parser."""
    url = explicit or os.environ.get("CLAIMLINE_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{os.path.expanduser(url)}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def absolute_url(url: str) -> str:
    """`url` as another working directory would read it: a relative SQLite path made absolute,
    any password hidden (for a command line printed to the user)."""
    parsed = make_url(database_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        parsed = parsed.set(database=os.path.abspath(parsed.database))
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite begins a transaction itself before the first write: make that BEGIN IMMEDIATE
    dbapi_conn.isolation_level = "IMMEDIATE"
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_savepoint(conn: Connection, _name: str) -> None:
    """A SAVEPOINT outside a transaction would start a deferred one: begin it IMMEDIATE first."""
    begin_immediate(conn)


def begin_immediate(conn: Connection) -> None:
    """SQLite: take the write lock now (`BEGIN IMMEDIATE`) unless a transaction is already open,
    for reads whose answer must still hold when the transaction writes. Elsewhere nothing."""
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")


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


def _close_all_at_exit() -> None:
    """Close every pooled connection while the interpreter is still whole.

    Left to interpreter teardown, a pysqlite connection is closed by the garbage collector after
    modules are being torn down, and closing it can call back into Python (the destructor of the
    `regexp` function SQLAlchemy registers on each SQLite connection; the rollback of a
    transaction left open). That is our best guess at the segmentation faults reported at exit in
    about 3 of 20 runs of two concurrent writers, which were not reproduced here (16 runs of the
    old code under faulthandler); closing first removes the path either way.
    """
    for engine in list(_ENGINES):
        try:
            engine.dispose()
        except Exception:  # noqa: BLE001 - exiting anyway; a dead connection is no reason to fail
            pass


atexit.register(_close_all_at_exit)


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    resolved = database_url(url)
    if make_url(resolved).get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        if make_url(resolved).get_driver_name() == "psycopg":
            # No server-side prepared statements: psycopg prepares a query after 5 runs, and
            # PostgreSQL then settles on a generic plan, built from statistics of when the
            # tables were empty (`doc_key = ANY(...)` became a filter over a whole site's
            # index scan: 30-58 ms a lookup at 25k documents). Planned each time, with its
            # parameters, a lookup uses the right index however large the tables grow.
            connect_args = dict(kwargs.get("connect_args") or {})
            connect_args.setdefault("prepare_threshold", None)
            kwargs["connect_args"] = connect_args
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


LOCK_RETRIES = 8
LOCK_BACKOFF_SECONDS = 0.05
LOCK_BACKOFF_MAX_SECONDS = 5.0


class ConcurrentWrite(RuntimeError):
    """Another writer stored a row this transaction meant to insert, between its lookup and its
    insert (two crawlers on one frontier saving the same post): worth running the work again."""


def is_lock_error(exc: BaseException) -> bool:
    """SQLite's "database is locked" / "database table is locked" (SQLITE_BUSY, SQLITE_LOCKED),
    and PostgreSQL's lock and serialization failures: worth running the unit of work again."""
    if isinstance(exc, ConcurrentWrite):
        return True
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig if exc.orig is not None else exc).lower()
    if "is locked" in text or "database is busy" in text:
        return True
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40001", "40P01", "55P03")


def retry_locked(work: Callable[[], T], *, what: str = "", retries: int = LOCK_RETRIES,
                 on_retry: Callable[[int, BaseException], None] | None = None) -> T:
    """Run `work` (which must roll back what it did when it raises) again after a lock error,
    with exponential backoff and jitter, at most `retries` more times; other errors propagate."""
    attempt = 0
    while True:
        try:
            return work()
        except OperationalError as exc:
            if not is_lock_error(exc) or attempt >= retries:
                raise
            attempt += 1
            if on_retry is not None:
                on_retry(attempt, exc)
            delay = min(LOCK_BACKOFF_MAX_SECONDS, LOCK_BACKOFF_SECONDS * 2 ** (attempt - 1))
            log.info("%s: database locked, try %d of %d in %.2fs", what or "write", attempt + 1, retries + 1, delay)
            time.sleep(delay * (0.5 + random.random()))


ANALYZE_AFTER_ROWS = 500
"""A run that wrote at least this many rows refreshes the planner's statistics of its tables."""


def analyze(bind: Session | Connection, tables: Iterable[str]) -> None:
    """Refresh the planner's statistics after a bulk load: `ANALYZE` on PostgreSQL (autovacuum
    only gets to it a minute or more later, and until then a table loaded from empty is planned
    as empty); on SQLite `ANALYZE` with `analysis_limit` (a sample of each index, so it stays
    cheap on large tables)."""
    names = sorted(set(tables))
    if not names:
        return
    dialect = (bind.get_bind() if isinstance(bind, Session) else bind).dialect.name
    if dialect == "postgresql":
        quoted = ", ".join(f'"{n}"' for n in names)
        bind.execute(text(f"ANALYZE {quoted}"))
        return
    bind.execute(text("PRAGMA analysis_limit=1000"))
    for name in names:
        bind.execute(text(f'ANALYZE "{name}"'))
