"""Saving a post and its comment thread: an update when seen before, never a duplicate.

A document is the same one when it has the same natural key within its site (platform id, else
canonical URL or permalink) or, for material that arrives without ids (a text capture, a feed),
the same URL/permalink as a stored one. Fields the new source lacks never erase stored ones.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import lru_cache, cache
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from store.models import Document, Site, utcnow
from store.ordering import parents_first
from store.records import DocumentIn, ThreadIn, content_hash, doc_key, site_base
from store.upsert import upsert, upsert_row

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
    # Fast path (once per saved thread): a plain row, no ORM instance, when nothing changes.
    known = session.execute(_site_lookup(), {"base": base}).one_or_none()
    if known is not None and not (
        (platform and platform != "generic" and known.platform in (None, "generic"))
        or (name and not known.name)
    ):
        return known.id
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


@cache
def _site_lookup() -> Any:
    return select(Site.id, Site.platform, Site.name).where(Site.base_url == bindparam("base"))


@cache
def _statements() -> dict[str, Any]:
    """Lookups built once with bound parameters: building a statement costs more than running it,
    and a crawl saves thousands of documents."""
    return {
        "link_children": update(Document)
        .where(
            Document.site_id == bindparam("b_site_id"),
            Document.parent_key == bindparam("b_parent_key"),
            or_(Document.parent_id.is_(None), Document.parent_id == Document.root_id),
        )
        .values(parent_id=bindparam("b_parent_id")),
    }


class _Known:
    """The stored documents a thread can match, loaded in a few statements (`IN` lists) instead
    of several lookups per document, and kept current as the thread is saved.

    A document is a stored one with the same key; failing that (sources without ids: captures,
    feeds), the first by id with the same URL (a post) or permalink (a comment), unless both
    carry platform ids: then they are different documents even when a page gave them one
    permalink (inline owner replies share their parent's anchor on some hosts).

    Comparisons see what the ORM lookups they replace saw: a row this save inserted is read back
    from the database before it is compared again (types as the database returns them); a row
    it updated keeps the values it was given (as an ORM instance in the identity map did)."""

    def __init__(self, session: Session, site_id: int, docs: list[DocumentIn]) -> None:
        self.connection = session.connection()
        self.site_id = site_id
        self.rows: dict[int, dict[str, Any]] = {}
        self.dirty: set[int] = set()
        self.by_key: dict[str, int] = {}
        self.posts_by_url: dict[str, set[int]] = {}
        self.comments_by_permalink: dict[str, set[int]] = {}
        keys = {doc_key(d) for d in docs} | {f"comment:{d.parent_platform_id}" for d in docs if d.parent_platform_id}
        urls = {d.url for d in docs if d.kind == "post" and d.url is not None}
        permalinks = {d.permalink for d in docs if d.kind != "post" and d.permalink}
        lookups = _lookups()
        for name, values in (("by_key", keys), ("posts_by_url", urls), ("comments_by_permalink", permalinks)):
            ordered = sorted(values)
            for i in range(0, len(ordered), _IN_CHUNK):
                params = {"site_id": site_id, "values": ordered[i:i + _IN_CHUNK]}
                for found in self.connection.execute(lookups[name], params).mappings():
                    self._index(dict(found))

    def _index(self, row: dict[str, Any]) -> None:
        old = self.rows.get(row["id"])
        if old is not None:
            if self.by_key.get(old["doc_key"]) == old["id"]:
                del self.by_key[old["doc_key"]]
            self.posts_by_url.get(old["url"], set()).discard(old["id"])
            self.comments_by_permalink.get(old["permalink"], set()).discard(old["id"])
        self.rows[row["id"]] = row
        self.by_key[row["doc_key"]] = row["id"]
        if row["kind"] == "post":
            self.posts_by_url.setdefault(row["url"], set()).add(row["id"])
        elif row["kind"] == "comment" and row["permalink"] is not None:
            self.comments_by_permalink.setdefault(row["permalink"], set()).add(row["id"])

    def _get(self, doc_id: int) -> dict[str, Any]:
        if doc_id in self.dirty:
            self.dirty.discard(doc_id)
            found = self.connection.execute(_lookups()["by_id"], {"doc_id": doc_id}).mappings().one()
            self._index(dict(found))
        return self.rows[doc_id]

    def wrote(self, doc_id: int, row: dict[str, Any], *, inserted: bool) -> None:
        """Record what was written, for the thread's next lookups."""
        self._index({**self.rows.get(doc_id, {}), **row, "id": doc_id})
        if inserted:
            self.dirty.add(doc_id)

    def id_by_key(self, key: str) -> int | None:
        return self.by_key.get(key)

    def find(self, doc: DocumentIn) -> dict[str, Any] | None:
        found = self.by_key.get(doc_key(doc))
        if found is not None:
            return self._get(found)
        if doc.kind == "post":
            candidates = self.posts_by_url.get(doc.url, set())
        elif doc.permalink:
            candidates = self.comments_by_permalink.get(doc.permalink, set())
        else:
            return None
        for candidate in sorted(candidates):
            if not doc.platform_id or not self.rows[candidate]["platform_id"]:
                return self._get(candidate)
        return None


_IN_CHUNK = 500
"""Values per `IN` list: far below SQLite's bound-parameter limit."""


@cache
def _lookups() -> dict[str, Any]:
    """`_Known`'s statements, built once (building one costs more than running it)."""
    t = Document.__table__
    site, values = t.c.site_id == bindparam("site_id"), bindparam("values", expanding=True)
    return {
        "by_key": select(t).where(site, t.c.doc_key.in_(values)),
        "posts_by_url": select(t).where(site, t.c.kind == "post", t.c.url.in_(values)),
        "comments_by_permalink": select(t).where(site, t.c.kind == "comment", t.c.permalink.in_(values)),
        "by_id": select(t).where(t.c.id == bindparam("doc_id")),
    }


_LINK_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):")


def http_url_or_none(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None: an author link of `javascript:` (in any
    case, with tabs or newlines inside, as browsers read it), `data:` or `ftp:` is never stored."""
    if not url:
        return url
    match = _LINK_SCHEME.match(url.replace("\t", "").replace("\n", "").replace("\r", ""))
    return url if match and match.group(1).lower() in ("http", "https") else None


def _row(doc: DocumentIn, existing: dict[str, Any] | None, *, fill_only: bool = False) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(doc, name)
        if name == "author_url":
            value = http_url_or_none(value)
        if existing is not None and (value in (None, "") or (fill_only and existing[name] not in (None, ""))):
            value = existing[name]
        row[name] = value
    if existing is not None and existing["published_tz_known"] and not doc.published_tz_known:
        row["published"] = existing["published"]
        row["published_tz_known"] = True
    row["content_hash"] = content_hash(row["title"], row["text"])
    return row


_COMPARED = (*_FIELDS, "content_hash", "parent_id", "root_id", "doc_key")


def _save_one(
    session: Session,
    known: _Known,
    site_id: int,
    doc: DocumentIn,
    *,
    source: str,
    fetched_at: datetime | None,
    parent_id: int | None,
    parent_key: str | None,
    root_id: int | None,
    stats: SaveStats,
    fill_only: bool = False,
) -> int:
    existing = known.find(doc)
    row = _row(doc, existing, fill_only=fill_only)
    key = doc_key(doc)
    if existing is not None and existing["doc_key"] != key and not doc.platform_id:
        key = existing["doc_key"]  # keep the stronger (id-based) key a crawl gave earlier
    now = utcnow()
    row.update(
        site_id=site_id,
        doc_key=key,
        parent_id=(
            existing["parent_id"]
            if existing is not None and (parent_id is None or (fill_only and existing["parent_id"] is not None))
            else parent_id
        ),
        parent_key=parent_key,
        root_id=root_id,
        source=source if existing is None else existing["source"],
        fetched_at=fetched_at or now,
        updated_at=now,
    )
    if existing is None:
        row["created_at"] = now
        new_id = upsert_row(known.connection, Document.__table__, row, ("site_id", "doc_key"))
        known.wrote(new_id, row, inserted=True)
        stats.new += 1
        stats.new_ids.append(new_id)
        return new_id
    if not any(existing[name] != row[name] for name in _COMPARED):
        stats.unchanged += 1
        return existing["id"]
    values = {name: value for name, value in row.items() if name not in ("created_at", "source")}
    known.connection.execute(_update_statement(tuple(values)), {**values, "b_id": existing["id"]})
    known.wrote(existing["id"], values, inserted=False)
    stats.updated += 1
    stats.changed_ids.append(existing["id"])
    return existing["id"]


@lru_cache(maxsize=8)
def _update_statement(columns: tuple[str, ...]) -> Any:
    t = Document.__table__
    return update(t).where(t.c.id == bindparam("b_id")).values({c: bindparam(c) for c in columns})


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
    session.flush()  # pending rows first: the lookups below bypass the ORM's autoflush
    known = _Known(session, site_id, [thread.post, *thread.comments])
    post_id = _save_one(
        session,
        known,
        site_id,
        thread.post,
        source=thread.source,
        fetched_at=thread.fetched_at,
        parent_id=None,
        parent_key=None,
        root_id=None,
        stats=stats,
        fill_only=thread.fill_only,
    )
    stats.post_id = post_id
    ids_by_platform: dict[str, int] = {}
    # Parents first, whatever order the source listed them in; a parent that is not in this
    # thread is looked up among stored documents, else linked when it arrives. A comment whose
    # parent link closes a cycle is saved under the post (the caller's record is not changed).
    order, cut = parents_first([(c.platform_id, c.parent_platform_id) for c in thread.comments])
    for pos in order:
        comment = thread.comments[pos]
        parent_pid = None if pos in cut else comment.parent_platform_id
        parent_id: int | None = post_id
        parent_key = None
        if parent_pid:
            parent_key = f"comment:{parent_pid}"
            parent_id = ids_by_platform.get(parent_pid) or known.id_by_key(parent_key) or post_id
        new_id = _save_one(
            session,
            known,
            site_id,
            comment,
            source=thread.source,
            fetched_at=thread.fetched_at,
            parent_id=parent_id,
            parent_key=parent_key,
            root_id=post_id,
            stats=stats,
            fill_only=thread.fill_only,
        )
        if comment.platform_id:
            ids_by_platform[comment.platform_id] = new_id
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
