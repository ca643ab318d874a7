"""Who else is reviewing a link: a heartbeat per reviewer and link, kept in the store.

The workbench calls `visit` when a reviewer opens a link and each time the page polls (every 15
s); the terminal review each time it shows a link. Whoever was seen on the link within
`PRESENCE_SECONDS` is there; older rows, of any link, are cleared on the way. Being in the store
(not in one server's memory), two `claimline serve` processes, or a browser and `claimline
review`, on one store see each other.

Times are naive UTC, from the database's clock on PostgreSQL (several hosts may serve one store)
and from this host's on SQLite (one host by nature), as in `store.leases`.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import DateTime, delete, func, select
from sqlalchemy.orm import Session

from store.models import ReviewPresence, utcnow
from store.upsert import dialect_insert

PRESENCE_SECONDS = 90.0
"""How long a reviewer counts as on a link after last being seen there."""


def _clock(session: Session) -> datetime:
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(select(func.timezone("UTC", func.now(), type_=DateTime))) or utcnow()
    return utcnow()


def visit(session: Session, link_id: int, reviewer: str, *, now: datetime | None = None,
          window: float = PRESENCE_SECONDS) -> list[str]:
    """Mark `reviewer` as on link `link_id` now; the other reviewers seen on it within `window`
    seconds, in name order."""
    at = now or _clock(session)
    insert = dialect_insert("postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite")
    stmt = insert(ReviewPresence).values(link_id=link_id, reviewer=reviewer, seen_at=at)
    session.execute(stmt.on_conflict_do_update(index_elements=["link_id", "reviewer"],
                                               set_={"seen_at": at}))
    since = at - timedelta(seconds=window)
    session.execute(delete(ReviewPresence).where(ReviewPresence.seen_at < since))
    return list(session.scalars(
        select(ReviewPresence.reviewer)
        .where(ReviewPresence.link_id == link_id, ReviewPresence.reviewer != reviewer,
               ReviewPresence.seen_at >= since)
        .order_by(ReviewPresence.reviewer)
    ))


def leave(session: Session, link_id: int, reviewer: str) -> None:
    """`reviewer` is no longer on the link (a decision taken, or the review ended)."""
    session.execute(delete(ReviewPresence).where(ReviewPresence.link_id == link_id,
                                                 ReviewPresence.reviewer == reviewer))
