"""Human decisions: must-links (merge) and cannot-links (split) between mentions, forever.

Decisions name mentions, which are stable, not entities, which a re-run may renumber; the
entities and names at the time are kept for the record. A new decision that contradicts the
ones before it is refused, naming the decision it contradicts:

- a merge whose two sides are already kept apart by a split (directly, or through other merges);
- a split of two mentions that earlier merges hold together.
"""
from __future__ import annotations

import getpass
from collections import defaultdict, deque
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import EntityDecision, Mention, utcnow


class DecisionRefused(Exception):
    """The decision contradicts an earlier one (named in the message), or makes no sense."""

    def __init__(self, message: str, conflicting: EntityDecision | None = None) -> None:
        super().__init__(message)
        self.conflicting = conflicting


@dataclass(frozen=True)
class Constraints:
    must: list[tuple[int, int]]
    cannot: list[tuple[int, int]]


def describe(d: EntityDecision) -> str:
    when = d.decided_at.strftime("%Y-%m-%d %H:%M") if d.decided_at else "?"
    what = "merge" if d.action == "merge" else "split"
    note = f": {d.note}" if d.note else ""
    return (f"decision #{d.id} ({what} {d.name_a or d.mention_a_id!r} / {d.name_b or d.mention_b_id!r}, "
            f"by {d.decided_by} at {when}{note})")


def load(session: Session) -> tuple[list[EntityDecision], Constraints]:
    decisions = list(session.scalars(select(EntityDecision).order_by(EntityDecision.id)))
    must, cannot = [], []
    for d in decisions:
        if d.mention_a_id is None or d.mention_b_id is None:
            continue  # a mention deleted since: the decision no longer binds anything
        (must if d.action == "merge" else cannot).append((d.mention_a_id, d.mention_b_id))
    return decisions, Constraints(must, cannot)


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
    decisions, _ = load(session)
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


def record(session: Session, action: str, mention_a: Mention, mention_b: Mention, *,
           note: str | None = None, by: str | None = None) -> EntityDecision:
    """Check and store a decision; the caller commits and re-runs resolution."""
    if action not in ("merge", "split"):
        raise DecisionRefused(f"unknown action {action!r}")
    if action == "merge" and mention_a.type != mention_b.type:
        raise DecisionRefused(
            f"refused: mention {mention_a.id} is a {mention_a.type} and mention {mention_b.id} a {mention_b.type}"
        )
    check(session, action, mention_a.id, mention_b.id)
    d = EntityDecision(
        action=action,
        mention_a_id=mention_a.id,
        mention_b_id=mention_b.id,
        name_a=mention_a.name or mention_a.surface,
        name_b=mention_b.name or mention_b.surface,
        entity_a_id=mention_a.entity_id,
        entity_b_id=mention_b.entity_id,
        decided_by=by or default_user(),
        decided_at=utcnow(),
        note=note,
    )
    session.add(d)
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
        a, b = entity_of.get(d.mention_a_id or -1), entity_of.get(d.mention_b_id or -1)
        if a is None or b is None:
            continue
        if (d.action == "merge") != (a == b):
            out.append(d)
    return out
