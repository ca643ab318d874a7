"""Saving a post and its comment thread: an update when seen before, never a duplicate.

A document is the same one when it has the same natural key within its site (platform id, else
canonical URL or permalink) or, for material that arrives without ids (a text capture, a feed),
the same URL/permalink as a stored one. Fields the new source lacks never erase stored ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from store.models import Document, Site, utcnow
from store.records import DocumentIn, ThreadIn, content_hash, doc_key, site_base
from store.upsert import upsert

_FIELDS = (
    "kind",
    "url",
    "permalink",
    "platform_id",
    "title",
    "author_name",
    "author_url",
    "published",
    "published_text",
    "published_tz_known",
    "language",
    "is_pingback",
    "text",
)


@dataclass
class SaveStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: list[int] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)
    post_id: int | None = None

    def add(self, other: SaveStats) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.new_ids += other.new_ids
        self.changed_ids += other.changed_ids


def ensure_site(
    session: Session, url: str, platform: str | None = None, name: str | None = None
) -> int:
    base = site_base(url)
    existing = session.execute(select(Site).where(Site.base_url == base)).scalar_one_or_none()
    if existing is not None:
        if platform and platform != "generic" and existing.platform in (None, "generic"):
            existing.platform = platform
        if name and not existing.name:
            existing.name = name
        session.flush()
        return existing.id
    return upsert(
        session,
        Site.__table__,
        [{"base_url": base, "platform": platform, "name": name, "created_at": utcnow()}],
        conflict=["base_url"],
        update=[],
    )[0]


@lru_cache(maxsize=None)
def _statements() -> dict[str, Any]:
    """Lookups built once with bound parameters: building a statement costs more than running it,
    and a crawl saves thousands of documents."""
    site = bindparam("site_id")
    return {
        "by_key": select(Document).where(Document.site_id == site, Document.doc_key == bindparam("key")),
        "post_by_url": select(Document)
        .where(Document.site_id == site, Document.kind == "post", Document.url == bindparam("url"))
        .order_by(Document.id),
        "comment_by_permalink": select(Document)
        .where(Document.site_id == site, Document.kind == "comment", Document.permalink == bindparam("permalink"))
        .order_by(Document.id),
        "id_by_key": select(Document.id).where(Document.site_id == site, Document.doc_key == bindparam("key")),
        "link_children": update(Document)
        .where(
            Document.site_id == bindparam("b_site_id"),
            Document.parent_key == bindparam("b_parent_key"),
            or_(Document.parent_id.is_(None), Document.parent_id == Document.root_id),
        )
        .values(parent_id=bindparam("b_parent_id")),
    }


def _find_existing(session: Session, site_id: int, doc: DocumentIn) -> Document | None:
    q = _statements()
    found = session.execute(q["by_key"], {"site_id": site_id, "key": doc_key(doc)}).scalar_one_or_none()
    if found is not None:
        return found
    # Fallback for sources without ids (captures, feeds): the same URL or permalink. Two records
    # that both carry platform ids are different documents even when a page gave them one
    # permalink (inline owner replies share their parent's anchor on some hosts).
    if doc.kind == "post":
        candidates = session.execute(q["post_by_url"], {"site_id": site_id, "url": doc.url}).scalars()
    elif doc.permalink:
        candidates = session.execute(
            q["comment_by_permalink"], {"site_id": site_id, "permalink": doc.permalink}
        ).scalars()
    else:
        return None
    for candidate in candidates:
        if not doc.platform_id or not candidate.platform_id:
            return candidate
    return None


def _row(doc: DocumentIn, existing: Document | None) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(doc, "author_name" if name == "author_name" else name)
        if value in (None, "") and existing is not None:
            value = getattr(existing, name)
        row[name] = value
    if existing is not None and existing.published_tz_known and not doc.published_tz_known:
        row["published"] = existing.published
        row["published_tz_known"] = True
    row["content_hash"] = content_hash(row["title"], row["text"])
    return row


def _save_one(
    session: Session,
    site_id: int,
    doc: DocumentIn,
    *,
    source: str,
    fetched_at: datetime | None,
    parent_id: int | None,
    parent_key: str | None,
    root_id: int | None,
    stats: SaveStats,
) -> int:
    existing = _find_existing(session, site_id, doc)
    row = _row(doc, existing)
    key = doc_key(doc)
    if existing is not None and existing.doc_key != key and not doc.platform_id:
        key = existing.doc_key  # keep the stronger (id-based) key a crawl gave earlier
    row.update(
        site_id=site_id,
        doc_key=key,
        parent_id=parent_id if parent_id is not None else (existing.parent_id if existing else None),
        parent_key=parent_key,
        root_id=root_id,
        source=source if existing is None else existing.source,
        fetched_at=fetched_at or utcnow(),
        updated_at=utcnow(),
    )
    if existing is None:
        row["created_at"] = utcnow()
        new_id = upsert(session, Document.__table__, [row], conflict=["site_id", "doc_key"])[0]
        stats.new += 1
        stats.new_ids.append(new_id)
        return new_id
    changed = any(
        getattr(existing, name) != row[name]
        for name in (*_FIELDS, "content_hash", "parent_id", "root_id", "doc_key")
    )
    if not changed:
        stats.unchanged += 1
        return existing.id
    for name, value in row.items():
        if name not in ("created_at", "source"):
            setattr(existing, name, value)
    session.flush()
    stats.updated += 1
    stats.changed_ids.append(existing.id)
    return existing.id


def _no_nul(record: Any) -> Any:
    """A copy of a record whose strings hold no NUL: PostgreSQL text cannot store one (SQLite
    can), and a page or export must land the same on both; NUL reads as U+FFFD, as in browsers."""
    changes = {
        f.name: value.replace("\x00", "\ufffd")
        for f in fields(record)
        if isinstance(value := getattr(record, f.name), str) and "\x00" in value
    }
    return replace(record, **changes) if changes else record


def save_thread(session: Session, thread: ThreadIn) -> SaveStats:
    """Store a post and its comments with their parents, in the caller's transaction."""
    thread = replace(_no_nul(thread), post=_no_nul(thread.post), comments=[_no_nul(c) for c in thread.comments])
    stats = SaveStats()
    site_id = ensure_site(session, thread.site_url, thread.platform, thread.site_name)
    post_id = _save_one(
        session,
        site_id,
        thread.post,
        source=thread.source,
        fetched_at=thread.fetched_at,
        parent_id=None,
        parent_key=None,
        root_id=None,
        stats=stats,
    )
    stats.post_id = post_id
    ids_by_platform: dict[str, int] = {}
    pending = list(thread.comments)
    # Parents first, whatever order the source listed them in; a parent that is not in this
    # thread is looked up among stored documents, else linked when it arrives.
    for _ in range(len(pending) + 1):
        if not pending:
            break
        deferred: list[DocumentIn] = []
        for comment in pending:
            parent_pid = comment.parent_platform_id
            parent_id: int | None = post_id
            parent_key = None
            if parent_pid:
                parent_key = f"comment:{parent_pid}"
                parent_id = ids_by_platform.get(parent_pid)
                if parent_id is None and any(c.platform_id == parent_pid for c in pending):
                    deferred.append(comment)
                    continue
                if parent_id is None:
                    parent_id = session.execute(
                        _statements()["id_by_key"], {"site_id": site_id, "key": parent_key}
                    ).scalar_one_or_none()
                if parent_id is None:
                    parent_id = post_id  # until the parent arrives (paged comments)
            new_id = _save_one(
                session,
                site_id,
                comment,
                source=thread.source,
                fetched_at=thread.fetched_at,
                parent_id=parent_id,
                parent_key=parent_key,
                root_id=post_id,
                stats=stats,
            )
            if comment.platform_id:
                ids_by_platform[comment.platform_id] = new_id
        if len(deferred) == len(pending):  # a parent cycle: save them under the post
            for comment in deferred:
                comment.parent_platform_id = None
        pending = deferred
    _link_waiting_children(session, site_id, ids_by_platform)
    session.flush()
    return stats


def _link_waiting_children(session: Session, site_id: int, ids: dict[str, int]) -> None:
    if not ids:
        return
    session.flush()
    # One executemany for the thread instead of one statement per comment.
    session.connection().execute(
        _statements()["link_children"],
        [
            {"b_site_id": site_id, "b_parent_key": f"comment:{platform_id}", "b_parent_id": doc_id}
            for platform_id, doc_id in ids.items()
        ],
    )
    session.expire_all()  # rows changed behind the ORM's back are reloaded when next read
