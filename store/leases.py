"""Leases on threads for extraction: two writers never write one document.

Several `claimline extract` runs and `claimline worker` processes may look at the same due
documents. Each takes a lease on a thread (keyed by its root document) before it reads it, renews
it while it works, and gives it back when done; a lease whose holder was killed expires and may be
taken again. The protocol that makes "never two writers" hold even when a lease expires under a
slow holder:

1. `acquire` takes free or expired leases in one statement (``INSERT ... ON CONFLICT DO UPDATE
   ... WHERE expired``, atomic on SQLite and PostgreSQL) and commits; the caller then reads, in a
   new transaction, which of the thread's documents are still due (a holder before it may have
   stored them).
2. Each document is stored in a transaction that begins with `hold`: an ``UPDATE`` of the
   lease that renews it only if it is still this owner's, and so locks it until the commit (a row
   lock on PostgreSQL, the write lock on SQLite). A taker's `acquire` waits for that transaction,
   then finds the lease renewed (not expired), or, if it was lost before, the document stored.

Times are naive UTC, from the database's clock on PostgreSQL (hosts' clocks may differ) and from
this host's on SQLite (one host by nature).
"""
from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import DateTime, delete, func, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from store.models import ExtractLease, utcnow
from store.upsert import dialect_insert

LEASE_SECONDS = 300.0
"""How long a lease lasts unless renewed: longer than any one batch takes to parse and store."""


def new_owner(kind: str = "extract") -> str:
    """A name for one run or worker that no other process shares: host, pid and a random part."""
    return f"{kind}:{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _now(session: Session) -> datetime | ColumnElement[datetime]:
    if session.get_bind().dialect.name == "postgresql":
        return func.timezone("UTC", func.now(), type_=DateTime)
    return utcnow()


def acquire(session: Session, keys: Iterable[int], owner: str, seconds: float = LEASE_SECONDS) -> set[int]:
    """Take the leases on `keys` (thread roots) that are free, expired or already `owner`'s;
    returns the keys taken. The caller commits."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    now = _now(session)
    dialect = session.get_bind().dialect.name
    insert = dialect_insert("postgresql" if dialect == "postgresql" else "sqlite")
    got: set[int] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        stmt = insert(ExtractLease).values(
            [{"document_id": k, "owner": owner, "expires_at": now + timedelta(seconds=seconds)} for k in chunk]
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[ExtractLease.document_id],
            set_={"owner": stmt.excluded.owner, "expires_at": stmt.excluded.expires_at},
            where=(ExtractLease.expires_at < now) | (ExtractLease.owner == owner),
        ).returning(ExtractLease.document_id)
        got.update(session.scalars(stmt).all())
    return got


def hold(session: Session, key: int, owner: str, seconds: float = LEASE_SECONDS) -> bool:
    """Renew `owner`'s lease on `key` and say whether it still holds it. Being a write, it locks
    the lease for the rest of the caller's transaction (a row lock on PostgreSQL, the database's
    write lock on SQLite), so nobody takes the lease over before the caller commits."""
    now = _now(session)
    result = session.execute(update(ExtractLease)
                             .where(ExtractLease.document_id == key, ExtractLease.owner == owner)
                             .values(expires_at=now + timedelta(seconds=seconds)))
    return bool(result.rowcount)


def renew(session: Session, owner: str, seconds: float = LEASE_SECONDS) -> int:
    """Push back the expiry of every lease `owner` holds; returns how many. The caller commits."""
    now = _now(session)
    result = session.execute(update(ExtractLease).where(ExtractLease.owner == owner)
                             .values(expires_at=now + timedelta(seconds=seconds)))
    return int(result.rowcount or 0)


def release(session: Session, owner: str, keys: Iterable[int] | None = None) -> None:
    """Give back `owner`'s leases (those on `keys`, or all). The caller commits."""
    stmt = delete(ExtractLease).where(ExtractLease.owner == owner)
    if keys is not None:
        stmt = stmt.where(ExtractLease.document_id.in_(sorted(set(keys))))
    session.execute(stmt)
