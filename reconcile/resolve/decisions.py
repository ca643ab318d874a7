"""Human decisions: must-links (merge), cannot-links (split) and types (retype), forever.

Decisions name mentions, which are stable, not entities, which a re-run may renumber; the
entities and names at the time are kept for the record. A decision is withdrawn by an `undo`
decision that names it (both stay on record; the withdrawn one binds nothing any more). A new
decision is checked against every active one before it is stored, and refused naming the one
it contradicts:

- a merge whose two sides are kept apart by a split: directly, through other merges, or because
  the split's two mentions now belong to the two entities being merged;
- a split that would cut a merge: one of its mentions moves and the other stays, or merges
  hold the two sides together;
- a retype of an entity an active retype already gave another type (undo that one first).
"""
from __future__ import annotations

import getpass
from collections import defaultdict, deque
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import EntityDecision, Mention, utcnow


class DecisionRefused(Exception):
    """The decision contradicts an earlier one (named in the message), or makes no sense."""

    def __init__(self, message: str, conflicting: EntityDecision | None = None) -> None:
        super().__init__(message)
        self.conflicting = conflicting


BINDING = ("merge", "split", "retype")


@dataclass(frozen=True)
class Constraints:
    must: list[tuple[int, int]]
    cannot: list[tuple[int, int]]
    """(the mention split off, a mention of the entity it was split from)."""
    must_by: dict[tuple[int, int], int] = field(default_factory=dict)
    """Must-link pair -> the id of the decision that states it (for the evidence of a join)."""


def describe(d: EntityDecision) -> str:
    when = d.decided_at.strftime("%Y-%m-%d %H:%M") if d.decided_at else "?"
    note = f": {d.note}" if d.note else ""
    if d.action == "retype":
        what = f"retype {d.name_a or d.mention_a_id!r} {d.previous_type} -> {d.entity_type}"
    elif d.action == "undo":
        what = f"undo #{d.target_id}"
    else:
        what = f"{d.action} {d.name_a or d.mention_a_id!r} / {d.name_b or d.mention_b_id!r}"
    withdrawn = f", withdrawn by #{d.withdrawn_by_id}" if d.withdrawn_by_id else ""
    return f"decision #{d.id} ({what}, by {d.decided_by} at {when}{note}{withdrawn})"


def active(session: Session) -> list[EntityDecision]:
    """Decisions that bind: merges, splits and retypes not withdrawn."""
    return list(session.scalars(
        select(EntityDecision).where(EntityDecision.action.in_(BINDING), EntityDecision.withdrawn_by_id.is_(None))
        .order_by(EntityDecision.id)
    ))


def load(session: Session) -> tuple[list[EntityDecision], Constraints]:
    decisions = active(session)
    must, cannot, must_by = [], [], {}
    for d in decisions:
        if d.action not in ("merge", "split") or d.mention_a_id is None or d.mention_b_id is None:
            continue  # a mention deleted since: the decision no longer binds anything
        pair = (d.mention_a_id, d.mention_b_id)
        if d.action == "merge":
            must.append(pair)
            must_by[pair] = d.id
        else:
            cannot.append(pair)
    return decisions, Constraints(must, cannot, must_by)


def _merge_graph(decisions: list[EntityDecision]) -> dict[int, list[tuple[int, EntityDecision]]]:
    graph: dict[int, list[tuple[int, EntityDecision]]] = defaultdict(list)
    for d in decisions:
        if d.action == "merge" and d.mention_a_id is not None and d.mention_b_id is not None:
            graph[d.mention_a_id].append((d.mention_b_id, d))
            graph[d.mention_b_id].append((d.mention_a_id, d))
    return graph


def _merge_path(graph: dict[int, list[tuple[int, EntityDecision]]], a: int, b: int) -> list[EntityDecision] | None:
    """The merge decisions that join mention a to mention b, or None."""
    if a == b:
        return []
    prev: dict[int, tuple[int, EntityDecision]] = {}
    seen = {a}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        for y, d in graph.get(x, ()):
            if y in seen:
                continue
            seen.add(y)
            prev[y] = (x, d)
            if y == b:
                path = []
                while y != a:
                    y, d = prev[y]
                    path.append(d)
                return path[::-1]
            queue.append(y)
    return None


def check(session: Session, action: str, a: int, b: int) -> None:
    """Refuse (raise DecisionRefused) a decision that contradicts the stored ones."""
    if a == b:
        raise DecisionRefused(f"mention {a} cannot be {'merged with' if action == 'merge' else 'split from'} itself")
    decisions = active(session)
    graph = _merge_graph(decisions)
    if action == "merge":
        graph[a].append((b, None))  # type: ignore[arg-type]
        graph[b].append((a, None))  # type: ignore[arg-type]
        for d in decisions:
            if d.action != "split" or d.mention_a_id is None or d.mention_b_id is None:
                continue
            if _merge_path(graph, d.mention_a_id, d.mention_b_id) is not None:
                raise DecisionRefused(f"refused: this merge contradicts {describe(d)}", d)
    else:
        path = _merge_path(graph, a, b)
        if path is not None:
            first = path[0]
            raise DecisionRefused(
                f"refused: this split contradicts {describe(first)}"
                + (f" (and {len(path) - 1} more merge decision(s) joining them)" if len(path) > 1 else ""),
                first,
            )


def check_sides(session: Session, action: str, side_a: set[int], side_b: set[int]) -> None:
    """Refuse a decision about two sets of mentions (two entities, or the part of an entity that
    moves and the part that stays) that an active decision contradicts."""
    for d in active(session):
        if d.action == "retype" or d.mention_a_id is None or d.mention_b_id is None:
            continue
        x, y = d.mention_a_id, d.mention_b_id
        across = (x in side_a and y in side_b) or (x in side_b and y in side_a)
        if action == "merge" and d.action == "split" and across:
            raise DecisionRefused(f"refused: this merge contradicts {describe(d)}", d)
        if action == "split" and d.action == "merge" and across:
            raise DecisionRefused(f"refused: this split contradicts {describe(d)}", d)


def record(session: Session, action: str, mention_a: Mention, mention_b: Mention | None = None, *,
           note: str | None = None, by: str | None = None, entity_type: str | None = None,
           previous_type: str | None = None, target: EntityDecision | None = None) -> EntityDecision:
    """Check and store a decision; the caller commits and re-runs resolution."""
    if action not in ("merge", "split", "retype"):
        raise DecisionRefused(f"unknown action {action!r}")
    if action in ("merge", "split"):
        if mention_b is None:
            raise DecisionRefused(f"a {action} names two mentions")
        if action == "merge" and mention_a.type != mention_b.type:
            raise DecisionRefused(
                f"refused: mention {mention_a.id} is a {mention_a.type} and mention {mention_b.id} a {mention_b.type}"
                " (retype one first: `claimline entities retype`)"
            )
        check(session, action, mention_a.id, mention_b.id)
    d = EntityDecision(
        action=action,
        mention_a_id=mention_a.id,
        mention_b_id=mention_b.id if mention_b is not None else None,
        name_a=mention_a.name or mention_a.surface,
        name_b=(mention_b.name or mention_b.surface) if mention_b is not None else None,
        entity_a_id=mention_a.entity_id,
        entity_b_id=mention_b.entity_id if mention_b is not None else None,
        decided_by=by or default_user(),
        decided_at=utcnow(),
        note=note,
        entity_type=entity_type,
        previous_type=previous_type,
        target_id=target.id if target is not None else None,
    )
    session.add(d)
    session.flush()
    return d


def withdraw(session: Session, target_id: int, *, note: str | None = None, by: str | None = None) -> EntityDecision:
    """Record an `undo` of an active decision and mark that decision withdrawn (never deleted)."""
    target = session.get(EntityDecision, target_id)
    if target is None:
        raise DecisionRefused(f"no decision #{target_id} (see `claimline entities decisions`)")
    if target.action not in BINDING:
        raise DecisionRefused(f"refused: {describe(target)} is itself an undo; make the decision again instead")
    if target.withdrawn_by_id is not None:
        raise DecisionRefused(f"refused: {describe(target)} is already withdrawn")
    d = EntityDecision(
        action="undo", mention_a_id=target.mention_a_id, mention_b_id=target.mention_b_id,
        name_a=target.name_a, name_b=target.name_b, entity_a_id=target.entity_a_id, entity_b_id=target.entity_b_id,
        decided_by=by or default_user(), decided_at=utcnow(), note=note, target_id=target.id,
    )
    session.add(d)
    session.flush()
    target.withdrawn_by_id = d.id
    session.flush()
    return d


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): say so rather than fail
        return "unknown"


def unsatisfied(decisions: list[EntityDecision], entity_of: dict[int, int | None]) -> list[EntityDecision]:
    """Decisions the current entity assignment does not obey."""
    out = []
    for d in decisions:
        if d.action not in ("merge", "split") or d.withdrawn_by_id is not None:
            continue
        a, b = entity_of.get(d.mention_a_id or -1), entity_of.get(d.mention_b_id or -1)
        if a is None or b is None:
            continue
        if (d.action == "merge") != (a == b):
            out.append(d)
    return out
