"""`claimline reconcile` as a library call: resolve mentions, point claims at entities, relate
claims, score sources; incremental and idempotent.

Order of work:
1. entities: a full resolution on the first run (or ``full=True``), else an incremental one over
   new mentions and unobeyed decisions (:mod:`reconcile.resolve.run`);
2. claims whose subject/object entity no longer matches their mention's entity are updated;
3. claims in no statement yet (new, or moved to another subject) join a statement or start one,
   and links are recomputed for the statements they touch: a reference's link to its statement's
   head, and conflicts and supplements between the statements of the subjects and predicate
   families concerned (:mod:`reconcile.relate.store`, :mod:`reconcile.relate.statements`); with
   ``full=True`` every claim is grouped again and every relation recomputed, which brings
   statements and links made by older relation code up to date;
4. source scores are updated when links changed or none are stored: only the sources in the parts
   of the reliability graph that changed, or all of them with ``full=True``
   (:mod:`reconcile.reliability`).

A second run with nothing new finds nothing to do and changes nothing.

Each part is stored on its own (committed when the stage runs on an engine, a savepoint when it
runs in the caller's session), so one that fails costs only its own work: the entities already
resolved stay when the links fail, the links stay when the scores fail. The failure is reported in
``summary.errors`` ("links: <reason>; not stored: ..."), the counters only count what was stored,
and the next run does the part again: claims are re-pointed in the same unit as their links, so a
failed link step leaves them due, and scores are recomputed when they do not cover every claim.
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session, aliased

from reconcile import reliability
from reconcile.relate.store import LinkChanges, subjects_to_relate, sync_links
from reconcile.resolve.run import ResolveSummary, resolve_full, resolve_incremental
from store.engine import ANALYZE_AFTER_ROWS, analyze, session_scope
from reconcile.names import name_key
from store.models import Claim, ClaimLink, Document, Entity, Mention, SourceScore, Statement

CHUNK = 500
log = logging.getLogger(__name__)


@dataclass
class ReconcileSummary:
    mode: str = "incremental"
    mentions_in_scope: int = 0
    mentions_changed: int = 0
    entities_created: int = 0
    entities_deleted: int = 0
    entities_renamed: int = 0
    claims_changed: int = 0
    subjects_related: int = 0
    links_created: int = 0
    links_updated: int = 0
    links_removed: int = 0
    statements_created: int = 0
    statements_updated: int = 0
    statements_removed: int = 0
    statements: int = 0
    scores_written: int = 0
    entities: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    links_by_type: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    """"<part>: <reason>; not stored: <what>" for each part of the stage that failed (and was
    rolled back on its own; the other parts are stored)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes(self) -> int:
        """How many stored rows this run created, changed or removed."""
        return (self.mentions_changed + self.entities_created + self.entities_deleted + self.entities_renamed
                + self.claims_changed + self.links_created + self.links_updated + self.links_removed
                + self.statements_created + self.statements_updated + self.statements_removed
                + self.scores_written)

    def as_dict(self) -> dict[str, Any]:
        d = dict(vars(self))
        d["changes"] = self.changes
        return d


Progress = Callable[[int, int], None]
STEPS = ("entities", "claims", "links", "reliability", "summary")


def run_reconcile(target: Session | Engine, *, full: bool = False, on_progress: Progress | None = None) -> ReconcileSummary:
    """Run the stage on a session (the caller commits) or an engine (each part committed here).

    ``on_progress(done, total)`` is called after each of its steps. A part that fails is rolled
    back alone and reported in ``summary.errors``; the others are stored.
    """
    if isinstance(target, Engine):
        @contextmanager
        def unit() -> Iterator[Session]:
            with session_scope(target) as session:
                yield session

        with session_scope(target) as reader:
            return _run(unit, reader, full, on_progress)

    @contextmanager
    def nested() -> Iterator[Session]:
        with target.begin_nested():
            yield target

    return _run(nested, target, full, on_progress)


_COUNTERS = tuple(f.name for f in fields(ReconcileSummary) if f.name not in ("seconds", "errors"))


def _run(unit: Callable[[], Any], reader: Session, full: bool, on_progress: Progress | None) -> ReconcileSummary:
    summary = ReconcileSummary()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        summary.seconds[name] = round(now - clock, 3)
        clock = now
        if on_progress is not None:
            on_progress(len(summary.seconds), len(STEPS))

    def attempt(part: str, not_stored: str, work: Callable[[Session], None]) -> bool:
        """Run one part in its own transaction; on failure restore its counters and report it."""
        before = {name: getattr(summary, name) for name in _COUNTERS}
        try:
            with unit() as session:
                work(session)
            return True
        except Exception as exc:  # noqa: BLE001 - one failing part must not lose the others
            log.warning("reconcile: %s failed: %s", part, exc, exc_info=True)
            for name, value in before.items():
                setattr(summary, name, value)
            summary.errors.append(f"{part}: {exc.__class__.__name__}: {exc}; not stored: {not_stored}")
            return False

    def entities(session: Session) -> None:
        first = session.scalar(select(func.count(Entity.id))) == 0
        resolved: ResolveSummary = resolve_full(session) if full or first else resolve_incremental(session)
        summary.mode = resolved.mode
        for name in ("mentions_in_scope", "mentions_changed", "entities_created", "entities_deleted", "entities_renamed"):
            setattr(summary, name, getattr(resolved, name))
        summary.entities_deleted += delete_orphans(session)

    attempt("entities", "the resolution of new mentions into entities", entities)
    lap("entities")

    def claims_and_links(session: Session) -> None:
        # one unit: claims re-pointed without their links would not be found due next time
        subjects = update_claim_entities(session, summary)
        subjects |= subjects_to_relate(session)
        if full:  # every statement regrouped and related again with today's rules
            subjects |= set(session.scalars(
                select(Claim.subject_entity_id).where(Claim.subject_entity_id.is_not(None)).distinct()))
        lap("claims")
        if subjects:
            changes: LinkChanges = sync_links(session, subjects, regroup=full)
            summary.subjects_related = len(subjects)
            summary.links_created, summary.links_updated, summary.links_removed = changes.created, changes.updated, changes.removed
            summary.statements_created = changes.statements_created
            summary.statements_updated = changes.statements_updated
            summary.statements_removed = changes.statements_removed
            if changes.created >= ANALYZE_AFTER_ROWS:
                analyze(session, ("claim_links", "statements"))

    if not attempt("links", "claims re-pointed to their entities, their statements and the links among them",
                   claims_and_links):
        summary.seconds.setdefault("claims", 0.0)
    lap("links")

    def scores(session: Session) -> None:
        links_changed = (summary.links_created + summary.links_updated + summary.links_removed
                         + summary.statements_created + summary.statements_updated + summary.statements_removed)
        if links_changed or full or scores_stale(session):
            summary.scores_written = reliability.update_scores(session, full=full).written

    attempt("reliability", "source reliability scores", scores)
    lap("reliability")

    summary.entities_by_type = dict(reader.execute(select(Entity.type, func.count()).group_by(Entity.type)).all())
    summary.entities = sum(summary.entities_by_type.values())
    summary.statements = reader.scalar(select(func.count(Statement.id))) or 0
    summary.links_by_type = dict(reader.execute(select(ClaimLink.type, func.count()).group_by(ClaimLink.type)).all())
    lap("summary")
    return summary


def scores_stale(session: Session) -> bool:
    """No scores yet, or the site scores do not count every claim (a run whose scoring failed, or
    claims added without a link changing)."""
    scored = session.scalar(select(func.coalesce(func.sum(SourceScore.claims), 0)).where(SourceScore.scope == "site"))
    if not session.scalar(select(func.count(SourceScore.id))):
        return True
    return int(scored or 0) != (session.scalar(select(func.count(Claim.id))) or 0)


def delete_orphans(session: Session) -> int:
    """Entities no mention points to any more (their documents were re-extracted or removed)."""
    orphan = ~select(Mention.id).where(Mention.entity_id == Entity.id).exists()
    ids = list(session.scalars(select(Entity.id).where(orphan)))
    for i in range(0, len(ids), CHUNK):
        session.execute(delete(Entity).where(Entity.id.in_(ids[i : i + CHUNK])))
    return len(ids)


def update_claim_entities(session: Session, summary: ReconcileSummary) -> set[int]:
    """Point claims at their mentions' entities; returns the subjects (old and new) touched."""
    sm, om = aliased(Mention), aliased(Mention)
    q = (
        select(Claim.id, Claim.subject_entity_id, sm.entity_id, Claim.object_entity_id, om.entity_id, Claim.object_mention_id)
        .outerjoin(sm, sm.id == Claim.subject_mention_id)
        .outerjoin(om, om.id == Claim.object_mention_id)
        .where(
            (Claim.subject_mention_id.is_not(None) & Claim.subject_entity_id.is_distinct_from(sm.entity_id))
            | (Claim.object_mention_id.is_not(None) & Claim.object_entity_id.is_distinct_from(om.entity_id))
        )
    )
    touched: set[int] = set()
    updates: Counter[tuple[int | None, int | None]] = Counter()
    groups: dict[tuple[int | None, int | None], list[int]] = {}
    for cid, s_old, s_new, o_old, o_new, o_mention in session.execute(q):
        target = (s_new, o_new if o_mention is not None else o_old)
        groups.setdefault(target, []).append(cid)
        updates[target] += 1
        touched.update(x for x in (s_old, s_new) if x is not None)
    for (s_new, o_new), ids in groups.items():
        for i in range(0, len(ids), CHUNK):
            session.execute(
                update(Claim).where(Claim.id.in_(ids[i : i + CHUNK])).values(subject_entity_id=s_new, object_entity_id=o_new)
            )
    summary.claims_changed = sum(updates.values())
    touched |= resolve_named_subjects(session, summary)
    return touched


def resolve_named_subjects(session: Session, summary: ReconcileSummary) -> set[int]:
    """Claims whose subject the extractor named but did not point at a mention ("a former senator
    ... has defected", where the chain's name is known): the entity of a mention of that name in the
    same document, else in the same thread. Only unresolved claims are tried, so this is cheap and
    a second run finds nothing to do."""
    rows = session.execute(
        select(Claim.id, Claim.document_id, Claim.subject_text)
        .where(Claim.subject_mention_id.is_(None), Claim.subject_entity_id.is_(None), Claim.subject_text.is_not(None))
    ).all()
    touched: set[int] = set()
    for cid, doc_id, text in rows:
        key = name_key(text, "PERSON")
        if not key:
            continue
        doc = session.get(Document, doc_id)
        root = (doc.root_id or doc.id) if doc is not None else doc_id
        for scope in (Mention.document_id == doc_id,
                      Mention.document_id.in_(select(Document.id).where((Document.id == root) | (Document.root_id == root)))):
            found = session.scalars(
                select(Mention.entity_id).where(scope, Mention.name_key == key, Mention.entity_id.is_not(None))
                .group_by(Mention.entity_id).order_by(func.count().desc(), Mention.entity_id).limit(1)
            ).first()
            if found is not None:
                session.execute(update(Claim).where(Claim.id == cid).values(subject_entity_id=found))
                summary.claims_changed += 1
                touched.add(found)
                break
    return touched
