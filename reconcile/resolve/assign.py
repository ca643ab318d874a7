"""Clusters -> stored entities, keeping entity ids stable across runs.

A cluster reuses the entity most of its mentions already point to (the biggest cluster first, so
when an entity splits, the larger part keeps its id); other clusters get new entities. An entity's
canonical name is the fullest form its mentions use without title (people: most name parts, then
most used, then longest; places and organisations: most used, then longest).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from reconcile.names import name_key, split_title
from store.models import Entity, Mention

from .context import MentionRow
from .places import ground
from .records import NAME_KIND

CHUNK = 500


@dataclass
class AssignResult:
    mentions_changed: int = 0
    created: int = 0
    deleted: int = 0
    renamed: int = 0
    touched: set[int] = field(default_factory=set)
    """Entities that gained or lost mentions (old and new ids)."""


def canonical_name(names: Iterable[tuple[str, int]], type_: str) -> str:
    """Pick the canonical form among (name, mention count) pairs."""
    totals: Counter[str] = Counter()
    for name, n in names:
        bare = split_title(name)[1] if type_ == "PERSON" else name
        bare = " ".join(bare.split())
        if bare:
            totals[bare] += n
    if not totals:
        return ""
    if type_ == "PERSON":
        return max(totals, key=lambda s: (len(s.split()), totals[s], len(s), s))
    return max(totals, key=lambda s: (totals[s], len(s), s))


def assign(session: Session, rows: list[MentionRow], labels: dict[int, int]) -> AssignResult:
    """Point each mention of ``rows`` at its cluster's entity (reused or new); update entities."""
    result = AssignResult()
    clusters: dict[int, list[MentionRow]] = defaultdict(list)
    for r in rows:
        if r.id in labels:
            clusters[labels[r.id]].append(r)
    order = sorted(clusters.values(), key=lambda ms: (-len(ms), min(m.id for m in ms)))
    taken: set[int] = set()
    moves: dict[int, list[int]] = defaultdict(list)
    pending_new: list[list[MentionRow]] = []
    for members in order:
        if not any(m.key for m in members):
            continue  # nothing named in it (a pronoun alone): no entity
        counts = Counter(m.entity_id for m in members if m.entity_id is not None)
        target = next((e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if e not in taken), None)
        if target is None:
            pending_new.append(members)
            continue
        taken.add(target)
        for m in members:
            if m.entity_id != target:
                moves[target].append(m.id)
                result.touched.update(x for x in (m.entity_id, target) if x is not None)
    for members in pending_new:
        type_ = Counter(m.type for m in members if m.key).most_common(1)[0][0]
        names = Counter(m.name for m in members if m.key and not m.is_pronoun) or Counter(m.name for m in members if m.key)
        name = canonical_name(names.items(), type_)
        entity = Entity(type=type_, name=name, name_key=name_key(name, NAME_KIND.get(type_, "ORG")))
        session.add(entity)
        session.flush()
        result.created += 1
        result.touched.add(entity.id)
        for m in members:
            moves[entity.id].append(m.id)
            if m.entity_id is not None:
                result.touched.add(m.entity_id)
    for target, ids in moves.items():
        for i in range(0, len(ids), CHUNK):
            session.execute(update(Mention).where(Mention.id.in_(ids[i : i + CHUNK])).values(entity_id=target))
        result.mentions_changed += len(ids)
    session.flush()
    refresh_entities(session, result.touched, result)
    return result


def refresh_entities(session: Session, ids: Iterable[int], result: AssignResult | None = None) -> None:
    """Recompute name, type and place grounding of entities; delete those left without mentions."""
    ids = sorted(set(ids))
    if not ids:
        return
    names: dict[int, Counter[str]] = defaultdict(Counter)
    types: dict[int, Counter[str]] = defaultdict(Counter)
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        q = (
            select(Mention.entity_id, Mention.name, Mention.surface, Mention.type, Mention.is_pronoun, func.count())
            .where(Mention.entity_id.in_(part))
            .group_by(Mention.entity_id, Mention.name, Mention.surface, Mention.type, Mention.is_pronoun)
        )
        for eid, name, surface, type_, pronoun, n in session.execute(q):
            types[eid][type_] += n
            if not pronoun:
                names[eid][name or surface] += n
    empty = [e for e in ids if e not in types]
    for e in ids:
        if e in empty:
            continue
        entity = session.get(Entity, e)
        if entity is None:
            continue
        type_ = types[e].most_common(1)[0][0]
        name = canonical_name(names[e].items(), type_) or entity.name
        key = name_key(name, NAME_KIND.get(type_, "ORG"))
        geonameid = country = None
        if type_ == "PLACE":
            place = ground(name, True)
            if place is not None:
                geonameid = place.geonameid or None
                country = place.country_code
                gazetteer_name = place.name if name_key(place.name, "PLACE") == key else None
                if gazetteer_name and gazetteer_name.isascii() and gazetteer_name in names[e]:
                    name = gazetteer_name  # the spelling the gazetteer uses, when the text uses it too
        if (entity.type, entity.name, entity.name_key, entity.geonameid, entity.country_code) != (type_, name, key, geonameid, country):
            entity.type, entity.name, entity.name_key = type_, name, key
            entity.geonameid, entity.country_code = geonameid, country
            if result is not None:
                result.renamed += 1
    if empty:
        session.execute(delete(Entity).where(Entity.id.in_(empty)))
        if result is not None:
            result.deleted += len(empty)
    session.flush()
