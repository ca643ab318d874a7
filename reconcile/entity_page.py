"""What the workbench's entity page shows: one entity's whole life as statements grouped by
kind of fact (lanes), each with its sources, its conflicts up front and its supplements folded,
the names it goes by with the mentions a reviewer may split off, and the decisions about it.

The events are the timeline's (:func:`reconcile.timeline.build_timeline`), so the page, the
exports and `conflicts list` say the same thing; filters (predicate, modality, source, link
status) narrow the events and never the counts shown beside them, so a reader sees what a
filter hides.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reconcile.export.when import in_words  # before reconcile.axis: the export package imports it  # noqa: I001
from reconcile.axis import render_axis
from reconcile.entities import EntityNotFound, _aliases, _decision_json
from reconcile.timeline import UnknownEntity, build_timeline
from store.models import Document, Entity, EntityDecision, Mention

# Lanes of a life, in the order a reader follows one; a predicate not listed goes to "other".
LANES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("life", ("born", "died")),
    ("offices", ("position_held", "rank", "awarded")),
    ("allegiances", ("member_of", "defected_to")),
    ("detentions", ("detained", "released")),
    ("places", ("located_in", "traveled_to")),
    ("education", ("educated_at",)),
    ("family", ("family",)),
    ("words", ("said", "statement")),
)
LANE_OF = {p: lane for lane, preds in LANES for p in preds}

RELIABILITY_HELP = (
    "Reliability (0 to 1) is how a source's claims have fared across the store: corroborated by "
    "independent sources raises it, contradicted lowers it, and reviewers' confirmed and dismissed "
    "conflicts weigh in (a TruthFinder-style score, per author, else per site). 0.5 is a source "
    "with no record either way; blank is a source never scored."
)
FILTERS = ("predicate", "modality", "source", "status")


def lane_of(predicate: str) -> str:
    return LANE_OF.get(predicate, "other")


def _event_view(event: dict[str, Any]) -> dict[str, Any]:
    when = event["when"]
    links = event["links"]
    return {
        **event,
        "lane": lane_of(event["predicate"]),
        "when_words": in_words(when["edtf"], when["text"]),
        "conflicts": [k for k in links if k["type"] == "conflicts"],
        "supplements": [k for k in links if k["type"] == "supplements"],
        "other_links": [k for k in links if k["type"] not in ("conflicts", "supplements")],
    }


def _keep(event: dict[str, Any], wanted: dict[str, str]) -> bool:
    if wanted.get("predicate") and event["predicate"] != wanted["predicate"]:
        return False
    if wanted.get("modality") and event["modality"] != wanted["modality"]:
        return False
    if wanted.get("source") and not any(s["site"] == wanted["source"] for s in event["sources"]):
        return False
    status = wanted.get("status")
    if status == "conflicted" and not event["conflicts"]:
        return False
    if status in ("open", "confirmed", "dismissed") and not any(k["status"] == status for k in event["links"]):
        return False
    return True


def _lanes(shown: list[dict[str, Any]], start: int, end: int | None) -> tuple[list[dict[str, Any]], int]:
    """The events `start`..`end` of the page's reading order (lane by lane, each in time order),
    as lanes: {name, events, total (the lane's events under the filters), continued (its first
    events came earlier)}; and how many events there are in all."""
    by_lane: dict[str, list[dict[str, Any]]] = {}
    for e in shown:
        by_lane.setdefault(e["lane"], []).append(e)
    lanes, at = [], 0
    for lane in [name for name, _ in LANES] + ["other"]:
        items = by_lane.get(lane, [])
        lo, hi = max(start - at, 0), len(items) if end is None else min(end - at, len(items))
        if lo < hi:
            lanes.append({"name": lane, "events": items[lo:hi], "total": len(items), "continued": lo > 0})
        at += len(items)
    return lanes, at


def entity_page(
    session: Session,
    entity_id: int,
    filters: dict[str, str] | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
    axis: bool = True,
) -> dict[str, Any]:
    """The entity page's data. Raises EntityNotFound.

    `lanes` hold the statements `offset` to `offset + limit` (all when `limit` is None) in the
    page's reading order, `next_offset` where the rest begins (None: nothing after); `events`,
    the counts and the axis are always the whole life under the filters. `axis=False` leaves the
    axis out (a page that already has it)."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise EntityNotFound(f"no entity with id {entity_id}")
    try:
        timeline = build_timeline(session, entity=str(entity.id))
        found = [e for e in timeline["entities"] if e["id"] == entity.id]
    except UnknownEntity:
        found = []
    events = [_event_view(e) for e in (found[0]["events"] if found else [])]
    wanted = {k: v for k, v in (filters or {}).items() if k in FILTERS and v}
    shown = [e for e in events if _keep(e, wanted)]
    start = max(offset, 0)
    end = None if limit is None else start + max(limit, 0)
    lanes, in_all = _lanes(shown, start, end)
    next_offset = end if end is not None and end < in_all else None
    mentions = session.execute(
        select(Mention.id, Mention.surface, Mention.document_id, Document.kind, Document.author_name)
        .join(Document, Document.id == Mention.document_id)
        .where(Mention.entity_id == entity.id, Mention.is_pronoun.is_(False))
        .order_by(Mention.surface, Mention.document_id, Mention.start)
    ).all()
    names: dict[str, list[dict[str, Any]]] = {}
    for mid, surface, doc_id, kind, author in mentions:
        names.setdefault(" ".join(surface.split()), []).append(
            {"id": mid, "document_id": doc_id, "kind": kind, "author": author})
    mention_ids = [m[0] for m in mentions]
    decided = session.scalars(
        select(EntityDecision).where(
            (EntityDecision.entity_a_id == entity.id) | (EntityDecision.entity_b_id == entity.id)
            | EntityDecision.mention_a_id.in_(mention_ids or [-1])
            | EntityDecision.mention_b_id.in_(mention_ids or [-1])
        ).order_by(EntityDecision.id)
    ).all()
    counts = {
        "predicate": Counter(e["predicate"] for e in events),
        "modality": Counter(e["modality"] for e in events),
        "source": Counter(s["site"] for e in events for s in e["sources"] if s["site"]),
        "status": Counter(k["status"] for e in events for k in e["links"]),
    }
    counts["status"]["conflicted"] = sum(1 for e in events if e["conflicts"])
    return {
        "id": entity.id, "name": entity.name, "type": entity.type,
        "aliases": [a for a in _aliases(session, [entity.id]).get(entity.id, []) if a != entity.name],
        "events": shown, "total_events": len(events), "lanes": lanes,
        "offset": start, "next_offset": next_offset, "more": in_all - next_offset if next_offset else 0,
        # The whole life at once (the static export's axis); a mark leads to its statement below.
        "axis": render_axis(events, uid=f"entity-{entity.id}", title=entity.name,
                            href=lambda claim_id: f"#statement-{claim_id}") if events and axis else "",
        "filters": wanted, "choices": {k: sorted(v.items()) for k, v in counts.items()},
        "names": sorted(names.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())),
        "mention_count": session.scalar(select(func.count()).select_from(Mention).where(Mention.entity_id == entity.id)),
        "decisions": [_decision_json(d) for d in decided],
        "reliability_help": RELIABILITY_HELP,
    }
