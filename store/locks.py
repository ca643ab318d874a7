"""One writer at a time for work that must not run twice at once (`reconcile`).

On PostgreSQL a session-level advisory lock, held on a connection of its own for the duration
(released by the server if the process dies); on SQLite a lock file beside the database
(filelock: released by the OS if the process dies). A second holder is refused at once with
`Busy`, never queued behind the first.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text


class Busy(Exception):
    """Another process holds the lock."""


def _key(name: str) -> int:
    return zlib.crc32(f"claimline.{name}".encode())


@contextmanager
def single_writer(engine: Engine, name: str) -> Iterator[None]:
    """Hold the lock `name` on this database for the block, or raise `Busy` with
    "another NAME is running"."""
    busy = Busy(f"another {name} is running on this database; try again when it has finished")
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _key(name)}).scalar()
            conn.commit()
            if not got:
                raise busy
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _key(name)})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield  # a private in-memory database has no second writer
        return
    from filelock import FileLock, Timeout

    lock = FileLock(f"{database}.{name}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise busy from None
    try:
        yield
    finally:
        lock.release()
