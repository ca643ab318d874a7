"""The evidence of joins, stored and read back: why two mentions are one entity.

The resolver returns a :class:`~reconcile.resolve.cluster.Join` for every union it makes; the
stage stores them in ``join_evidence`` with the decision or stated alias that forced them. A full
pass replaces them all; an incremental one adds those that bring new mentions in. Rows whose two
mentions no longer share an entity are stale and never shown (:func:`for_entity`).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.models import EntityDecision, JoinEvidence, Mention, MentionAlias

from .cluster import Join

CHUNK = 500
SEP = "\x1f"  # between context keys, which may hold spaces
SHOWN_CONTEXT = 6


def _chain_joins(joins: Iterable[Join], pronouns: set[int]) -> list[Join]:
    """Chain joins between names only: each name of a chain tied to the chain's first name (a
    pronoun's place in its chain explains itself)."""
    first: dict[str | None, int] = {}
    out = []
    for j in joins:
        if j.kind != "chain":
            out.append(j)
            continue
        for m in (j.a, j.b):
            if m in pronouns:
                continue
            head = first.setdefault(j.detail, m)
            if head != m and all(not (x.kind == "chain" and {x.a, x.b} == {head, m}) for x in out[-3:]):
                out.append(Join(head, m, "chain", detail=j.detail))
    return out


def store_joins(session: Session, joins: Iterable[Join], decided: dict[tuple[int, int], int],
                aliases: dict[tuple[int, int], int], *, pronouns: set[int] = frozenset(),  # type: ignore[assignment]
                replace_all: bool = False) -> int:
    """Write joins; ``decided``/``aliases`` map must-link pairs to their decision / alias ids.
    Joins forced by a must-link that is neither (an incremental run holding an existing entity
    together) are not evidence and are skipped."""
    if replace_all:
        session.execute(delete(JoinEvidence))
    rows = []
    seen: set[tuple[int, int, str]] = set()
    for j in _chain_joins(joins, pronouns):
        if (j.a, j.b, j.kind) in seen:
            continue
        seen.add((j.a, j.b, j.kind))
        decision_id = alias_id = None
        if j.kind == "decision":
            decision_id = decided.get((j.a, j.b)) or decided.get((j.b, j.a))
            if decision_id is None:
                continue
        elif j.kind == "alias":
            alias_id = aliases.get((j.a, j.b)) or aliases.get((j.b, j.a))
        rows.append(dict(
            mention_a_id=j.a, mention_b_id=j.b, kind=j.kind, score=j.score, name_score=j.name_score,
            context_score=j.context_score, shared_context=SEP.join(j.shared_context) or None,
            blocking_key=(j.blocking_key or None) and j.blocking_key[:512], decision_id=decision_id,
            alias_id=alias_id, detail=j.detail,
        ))
    for i in range(0, len(rows), CHUNK):
        session.execute(JoinEvidence.__table__.insert(), rows[i : i + CHUNK])
    return len(rows)


def for_entity(session: Session, entity_id: int) -> list[dict[str, Any]]:
    """The joins that hold an entity's mentions together, strongest reason first, each with its
    two mentions' names and what forced or scored it (decision, quote of a stated alias)."""
    ids = set(session.scalars(select(Mention.id).where(Mention.entity_id == entity_id)))
    if not ids:
        return []
    found: dict[int, JoinEvidence] = {}
    sorted_ids = sorted(ids)
    for i in range(0, len(sorted_ids), CHUNK):
        part = sorted_ids[i : i + CHUNK]
        for ev in session.scalars(select(JoinEvidence).where(JoinEvidence.mention_a_id.in_(part))):
            if ev.mention_b_id in ids:
                found[ev.id] = ev
    names = {m.id: m.surface for m in session.scalars(
        select(Mention).where(Mention.id.in_({x for e in found.values() for x in (e.mention_a_id, e.mention_b_id)} or {-1})))}
    order = {"decision": 0, "alias": 1, "same_name": 2, "score": 3, "chain": 4}
    out = []
    for ev in sorted(found.values(), key=lambda e: (order.get(e.kind, 9), -(e.score or 0), e.id)):
        item: dict[str, Any] = {
            "kind": ev.kind, "mention_a": ev.mention_a_id, "mention_b": ev.mention_b_id,
            "name_a": names.get(ev.mention_a_id), "name_b": names.get(ev.mention_b_id),
            "score": ev.score, "name_score": ev.name_score, "context_score": ev.context_score,
            "shared_context": ev.shared_context.split(SEP) if ev.shared_context else [],
            "blocking_key": ev.blocking_key, "detail": ev.detail, "decision": None, "alias": None,
        }
        if ev.decision_id is not None:
            d = session.get(EntityDecision, ev.decision_id)
            if d is not None:
                item["decision"] = {"id": d.id, "by": d.decided_by, "note": d.note}
        if ev.alias_id is not None:
            a = session.get(MentionAlias, ev.alias_id)
            if a is not None:
                item["alias"] = {"id": a.id, "cue": a.cue, "quote": a.quote, "document_id": a.document_id}
        out.append(item)
    return out


def explain_line(item: dict[str, Any]) -> str:
    """One line a person can read: the two names and why they are one."""
    pair = f"{item['name_a']!r} = {item['name_b']!r}"
    kind = item["kind"]
    if kind == "decision":
        d = item["decision"] or {}
        return f"{pair}: decision #{d.get('id')} by {d.get('by')}" + (f" ({d['note']})" if d.get("note") else "")
    if kind == "alias":
        a = item["alias"] or {}
        return f"{pair}: the text says so ({a.get('cue')}): \"{a.get('quote')}\" (document {a.get('document_id')})"
    if kind == "chain":
        return f"{pair}: one coreference chain ({item['detail']})"
    if kind == "same_name":
        return f"{pair}: {item['detail']} (score {item['score']:.2f}; block {item['blocking_key']})"
    shared = item["shared_context"]
    more = f" and {len(shared) - SHOWN_CONTEXT} more" if len(shared) > SHOWN_CONTEXT else ""
    ctx = f"; shared context {', '.join(shared[:SHOWN_CONTEXT])}{more} +{item['context_score']:.2f}" if shared else ""
    return (f"{pair}: score {item['score']:.2f} = {item['detail']}{ctx}; "
            f"block {item['blocking_key']}")
