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

from sqlalchemy import and_, bindparam, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.engine import ConcurrentWrite, begin_immediate
from store.models import Document, Site, utcnow
from store.ordering import parents_first
from store.records import DocumentIn, ThreadIn, content_hash, doc_key, site_base
from store.upsert import upsert, upsert_rows

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
    # Fast path (once per saved thread): a plain row, no ORM instance, when nothing changes; the
    # row is remembered for the session's transaction (a crawl saves 50 threads of one site in one).
    transaction = session.get_nested_transaction() or session.get_transaction()
    held = session.info.get("claimline_sites")
    if held is None or held[0] is not transaction:  # a rolled-back insert must not be remembered
        held = session.info["claimline_sites"] = (transaction, {})
    cache = held[1]
    known = cache.get(base) or session.execute(_site_lookup(), {"base": base}).one_or_none()
    if known is not None:
        cache[base] = known
    if known is not None and not (
        (platform and platform != "generic" and known.platform in (None, "generic"))
        or (name and not known.name)
    ):
        return known.id
    cache.pop(base, None)
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
        children_of = {f"comment:{d.platform_id}" for d in docs if d.kind == "comment" and d.platform_id}
        self.waiting_children = False
        """Whether a stored comment waits for a parent in this thread (`_link_waiting_children`)."""
        lookups = _lookups()
        lists = {"by_key": keys, "posts_by_url": urls, "comments_by_permalink": permalinks,
                 "waiting_for": children_of}
        if all(len(values) <= _IN_CHUNK for values in lists.values()):
            # One round trip for the lot: on PostgreSQL under load each costs milliseconds.
            params = {"site_id": site_id, **{name: sorted(values) for name, values in lists.items()}}
            found_rows = [dict(found) for found in self.connection.execute(lookups["all"], params).mappings()]
        else:
            found_rows = []
            for name, values in lists.items():
                ordered = sorted(values)
                for i in range(0, len(ordered), _IN_CHUNK):
                    params = {"site_id": site_id, "values": ordered[i:i + _IN_CHUNK]}
                    found_rows += [dict(found) for found in self.connection.execute(lookups[name], params).mappings()]
        for row in found_rows:
            if row["parent_key"] in children_of and (row["parent_id"] is None or row["parent_id"] == row["root_id"]):
                self.waiting_children = True
            self._index(row)

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
        "waiting_for": select(t).where(site, t.c.parent_key.in_(values)),
        "by_id": select(t).where(t.c.id == bindparam("doc_id")),
        # `site_id` is repeated in each arm: SQLite then answers every arm from its own
        # (site_id, ...) index ("MULTI-INDEX OR"); written once outside the OR it scanned every
        # document of the site for each thread saved, so a crawl cost the square of its size.
        "all": select(t).where(
            or_(
                and_(site, t.c.doc_key.in_(bindparam("by_key", expanding=True))),
                and_(site, t.c.kind == "post", t.c.url.in_(bindparam("posts_by_url", expanding=True))),
                and_(site, t.c.kind == "comment",
                     t.c.permalink.in_(bindparam("comments_by_permalink", expanding=True))),
                and_(site, t.c.parent_key.in_(bindparam("waiting_for", expanding=True))),
            ),
        ),
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


class _Writes:
    """The thread's writes, sent as few statements as the order of a thread allows.

    A comment's row needs its parent's id, so the writes cannot all wait for the end; but
    comments of one level (and the updates of any level) are independent. New rows are gathered
    and sent as one multi-row `INSERT ... ON CONFLICT ... RETURNING` (SQLAlchemy's
    "insertmanyvalues"), updates as one executemany, and the gathered inserts go out early only
    when something needs them: a child asks for its parent's id, or a document would match one
    that is not written yet. Each round trip costs far more on PostgreSQL than on SQLite (a
    socket, a plan), so this is what keeps the two within the same order of speed.

    On PostgreSQL the ids of the thread's new rows are drawn from the table's sequence up front
    (one `nextval` query), so a child knows its parent's id before the parent is written and the
    whole thread goes out as ONE insert. Should another writer (a second crawler) store one of
    those documents first, the upsert lands on its row, whose id is not the one drawn: the
    statement is refused as `ConcurrentWrite` and the caller's transaction rolls back (the crawl's
    writer then stores the page again alone, and finds the other writer's row).

    On SQLite the thread's new rows are numbered as SQLite itself would number them, one after
    the largest id (`documents.id` is the rowid, not AUTOINCREMENT), so there too the thread is
    one insert instead of one per level of replies (a fifth of the crawl's store time,
    `bench/crawl.py`). The write lock is taken before the largest id is read, so no other
    writer can take those ids first."""

    def __init__(self, known: _Known, stats: SaveStats, *, reserve: int = 0) -> None:
        self.known = known
        self.stats = stats
        self.drawn: list[int] = []
        if reserve and known.connection.dialect.name == "postgresql":
            self.drawn = list(known.connection.execute(_draw_ids(), {"n": reserve}).scalars())
            self.drawn.reverse()
        self.numbered = known.connection.dialect.name == "sqlite"
        self.next_id: int | None = None
        """SQLite: the id of the thread's next new row, once the first one has asked."""
        self.inserts: list[dict[str, Any]] = []
        self.insert_keys: set[str] = set()
        self.insert_urls: set[str] = set()
        self.insert_permalinks: set[str] = set()
        self.updates: list[dict[str, Any]] = []
        self.ids: dict[str, int] = {}
        """doc_key -> id of every row written through this object."""

    def would_match_pending(self, doc: DocumentIn) -> bool:
        """Whether `doc` could be (or collide with) a row gathered but not inserted yet."""
        if doc_key(doc) in self.insert_keys:
            return True
        if doc.kind == "post":
            return doc.url in self.insert_urls
        return bool(doc.permalink) and doc.permalink in self.insert_permalinks

    def insert(self, row: dict[str, Any]) -> None:
        if row["doc_key"] in self.insert_keys:
            self.flush_inserts()  # one statement may not touch a row twice (PostgreSQL refuses)
        if self.drawn:
            row["id"] = self.drawn.pop()
            self.ids[row["doc_key"]] = row["id"]
        elif self.numbered:
            row["id"] = self._next_rowid()
            self.ids[row["doc_key"]] = row["id"]
        self.inserts.append(row)
        self.insert_keys.add(row["doc_key"])
        if row["kind"] == "post" and row["url"] is not None:
            self.insert_urls.add(row["url"])
        elif row["permalink"]:
            self.insert_permalinks.add(row["permalink"])

    def _next_rowid(self) -> int:
        if self.next_id is None:
            connection = self.known.connection
            begin_immediate(connection)  # the ids stay ours until the transaction ends
            self.next_id = connection.execute(_largest_id()).scalar_one() + 1
        self.next_id += 1
        return self.next_id - 1

    def update(self, doc_id: int, values: dict[str, Any], *, rekeyed: bool) -> None:
        self.updates.append({**values, "b_id": doc_id})
        self.known.wrote(doc_id, values, inserted=False)
        self.ids[values["doc_key"]] = doc_id
        if rekeyed:
            # The row gives up its old key: written now, so a later insert under that key makes
            # a new row instead of landing on this one.
            self.flush()

    def id_of(self, key: str) -> int:
        if key in self.insert_keys and key not in self.ids:
            self.flush_inserts()
        return self.ids[key]

    def flush_inserts(self) -> None:
        if not self.inserts:
            return
        rows, self.inserts = self.inserts, []
        self.insert_keys, self.insert_urls, self.insert_permalinks = set(), set(), set()
        if len({tuple(row) for row in rows}) > 1:  # some drawn an id, some not: one statement each
            for row in rows:
                self.inserts = [row]
                self.flush_inserts()
            return
        try:
            found = upsert_rows(self.known.connection, Document.__table__, rows, ("site_id", "doc_key"), "doc_key")
        except IntegrityError as exc:
            if "id" not in rows[0] or self.numbered:
                raise
            # A parent landed on another writer's row, so its drawn id names no row: its children
            # break the foreign key. The same race as below, seen from the children.
            raise ConcurrentWrite(f"a document of site {rows[0]['site_id']} was stored by another writer meanwhile") from exc
        for row in rows:
            new_id = found[row["doc_key"]]
            if "id" in row and new_id != row["id"]:
                raise ConcurrentWrite(f"document {row['doc_key']!r} of site {row['site_id']} was stored by another writer meanwhile")
            self.known.wrote(new_id, row, inserted=True)
            self.ids[row["doc_key"]] = new_id
            self.stats.new += 1
            self.stats.new_ids.append(new_id)

    def flush(self) -> None:
        self.flush_inserts()
        if self.updates:
            updates, self.updates = self.updates, []
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for values in updates:
                by_columns.setdefault(tuple(k for k in values if k != "b_id"), []).append(values)
            for columns, params in by_columns.items():
                self.known.connection.execute(_update_statement(columns), params)


@cache
def _draw_ids() -> Any:
    return text("SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, :n)")


@cache
def _largest_id() -> Any:
    return select(func.coalesce(func.max(Document.id), 0))


def _save_one(
    session: Session,
    known: _Known,
    writes: _Writes,
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
) -> str:
    """Gather the write of one document; returns the key its id will be found under
    (`writes.id_of`)."""
    if writes.would_match_pending(doc):
        writes.flush_inserts()
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
        writes.insert(row)
        return key
    if not any(existing[name] != row[name] for name in _COMPARED):
        stats.unchanged += 1
        writes.ids[key] = existing["id"]
        return key
    values = {name: value for name, value in row.items() if name not in ("created_at", "source")}
    writes.update(existing["id"], values, rekeyed=existing["doc_key"] != key)
    stats.updated += 1
    stats.changed_ids.append(existing["id"])
    return key


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
    writes = _Writes(known, stats, reserve=sum(1 for d in [thread.post, *thread.comments] if known.find(d) is None))
    post_key = _save_one(
        session,
        known,
        writes,
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
    post_id = writes.id_of(post_key)
    stats.post_id = post_id
    keys_by_platform: dict[str, str] = {}
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
            known_key = keys_by_platform.get(parent_pid)
            parent_id = (writes.id_of(known_key) if known_key is not None else None) or known.id_by_key(parent_key) or post_id
        saved_key = _save_one(
            session,
            known,
            writes,
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
            keys_by_platform[comment.platform_id] = saved_key
    writes.flush()
    if known.waiting_children:
        ids_by_platform = {pid: writes.ids[key] for pid, key in keys_by_platform.items()}
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
