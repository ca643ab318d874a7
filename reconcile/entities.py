"""What `claimline entities list|show|merge|split` does, as library functions.

Merging and splitting record a human decision (:mod:`reconcile.resolve.decisions`) between two
mentions chosen to stand for the entities, then run the reconciler so the store obeys it at once;
every later run obeys it too.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reconcile.names import name_key, split_title
from reconcile.resolve import decisions
from reconcile.resolve.decisions import DecisionRefused
from reconcile.resolve.records import NAME_KIND
from store.models import MENTION_TYPES, Claim, Document, Entity, EntityDecision, Mention

QUOTE_CONTEXT = 80  # characters of text shown on each side of a mention


class EntityNotFound(LookupError):
    """No entity, or more than one, answers to what the user typed."""


__all__ = [
    "DecisionRefused", "EntityNotFound", "find_entity", "list_entities", "merge_entities",
    "show_entity", "split_entity",
]


def _bare(name: str | None, surface: str, type_: str) -> str:
    text = name or surface
    return split_title(text)[1] if type_ == "PERSON" else " ".join(text.split())


def _aliases(session: Session, ids: list[int]) -> dict[int, list[str]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    if not ids:
        return {}
    q = (select(Mention.entity_id, Mention.name, Mention.surface, Mention.type, func.count())
         .where(Mention.entity_id.in_(ids), Mention.is_pronoun.is_(False))
         .group_by(Mention.entity_id, Mention.name, Mention.surface, Mention.type))
    for eid, name, surface, type_, n in session.execute(q):
        counts[eid][_bare(name, surface, type_)] += n
    return {eid: [a for a, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))] for eid, c in counts.items()}


def list_entities(session: Session, type_: str | None = None) -> list[dict[str, Any]]:
    """``[{"id", "name", "type", "aliases", "mentions"}]``, most mentioned first."""
    if type_ is not None and type_.upper() not in MENTION_TYPES:
        raise EntityNotFound(f"unknown type {type_!r}; choose from {', '.join(MENTION_TYPES)}")
    q = (select(Entity.id, Entity.name, Entity.type, func.count(Mention.id))
         .join(Mention, Mention.entity_id == Entity.id).group_by(Entity.id, Entity.name, Entity.type))
    if type_ is not None:
        q = q.where(Entity.type == type_.upper())
    rows = session.execute(q).all()
    aliases = {}
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 500):
        aliases.update(_aliases(session, ids[i : i + 500]))
    out = [
        {"id": eid, "name": name, "type": t, "aliases": [a for a in aliases.get(eid, []) if a != name], "mentions": n}
        for eid, name, t, n in rows
    ]
    out.sort(key=lambda e: (-e["mentions"], e["name"].lower(), e["id"]))
    return out


def find_entity(session: Session, ref: str | int) -> Entity:
    """An entity by id, exact name, or a name any of its mentions uses (spelling-folded)."""
    text = str(ref).strip()
    if text.isdigit():
        entity = session.get(Entity, int(text))
        if entity is None:
            raise EntityNotFound(f"no entity with id {text}")
        return entity
    found = list(session.scalars(select(Entity).where(func.lower(Entity.name) == text.lower())))
    if not found:
        keys = {name_key(text, kind) for kind in set(NAME_KIND.values())} - {""}
        found = list(session.scalars(
            select(Entity).where(or_(Entity.name_key.in_(keys), Entity.id.in_(
                select(Mention.entity_id).where(Mention.name_key.in_(keys), Mention.entity_id.is_not(None))
            )))
        )) if keys else []
    if not found:
        raise EntityNotFound(f"no entity named {text!r} (try `claimline entities list`)")
    if len(found) > 1:
        listed = ", ".join(f"{e.id} ({e.type} {e.name})" for e in sorted(found, key=lambda e: e.id)[:10])
        raise EntityNotFound(f"{text!r} names {len(found)} entities: {listed}; give the id")
    return found[0]


def _quote(text: str, start: int, end: int) -> str:
    a, b = max(0, start - QUOTE_CONTEXT), min(len(text), end + QUOTE_CONTEXT)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


def _decision_json(d: EntityDecision) -> dict[str, Any]:
    return {
        "id": d.id, "action": d.action, "mention_a": d.mention_a_id, "mention_b": d.mention_b_id,
        "name_a": d.name_a, "name_b": d.name_b, "entity_a": d.entity_a_id, "entity_b": d.entity_b_id,
        "decided_by": d.decided_by, "decided_at": d.decided_at.isoformat() if d.decided_at else None, "note": d.note,
    }


def show_entity(session: Session, ref: str | int) -> dict[str, Any]:
    """An entity with its aliases, mentions (document and quote), claims and decisions."""
    e = find_entity(session, ref)
    mentions = session.execute(
        select(Mention, Document).join(Document, Document.id == Mention.document_id)
        .where(Mention.entity_id == e.id).order_by(Mention.document_id, Mention.start)
    ).all()
    claims = session.scalars(
        select(Claim).where(Claim.subject_entity_id == e.id).order_by(Claim.earliest.is_(None), Claim.earliest, Claim.id)
    ).all()
    mention_ids = [m.id for m, _ in mentions]
    decided = session.scalars(
        select(EntityDecision).where(or_(
            EntityDecision.entity_a_id == e.id, EntityDecision.entity_b_id == e.id,
            EntityDecision.mention_a_id.in_(mention_ids or [-1]), EntityDecision.mention_b_id.in_(mention_ids or [-1]),
        )).order_by(EntityDecision.id)
    ).all()
    return {
        "id": e.id, "name": e.name, "type": e.type, "geonameid": e.geonameid, "country_code": e.country_code,
        "aliases": [a for a in _aliases(session, [e.id]).get(e.id, []) if a != e.name],
        "mentions": [
            {"id": m.id, "surface": m.surface, "name": m.name, "is_pronoun": m.is_pronoun, "document_id": d.id,
             "url": d.permalink or d.url, "kind": d.kind, "author": d.author_name, "quote": _quote(d.text or "", m.start, m.end)}
            for m, d in mentions
        ],
        "claims": [
            {"claim_id": c.id, "predicate": c.predicate, "object": {"name": c.object_text, "entity_id": c.object_entity_id},
             "when": {"edtf": c.edtf, "earliest": c.earliest.isoformat() if c.earliest else None,
                      "latest": c.latest.isoformat() if c.latest else None, "text": c.time_text},
             "modality": c.modality, "attributed_to": c.attributed_to, "quote": c.quote, "document_id": c.document_id}
            for c in claims
        ],
        "decisions": [_decision_json(d) for d in decided],
    }


def representative(session: Session, entity: Entity, exclude: set[int] = frozenset()) -> Mention | None:  # type: ignore[assignment]
    """The mention that stands for an entity in a decision: one using its canonical name, else its
    first named mention (never a pronoun when a name exists)."""
    ms = [m for m in session.scalars(select(Mention).where(Mention.entity_id == entity.id).order_by(Mention.id))
          if m.id not in exclude]
    if not ms:
        return None
    named = [m for m in ms if not m.is_pronoun] or ms
    for m in named:
        if _bare(m.name, m.surface, m.type) == entity.name:
            return m
    return named[0]


def _rerun(session: Session) -> dict[str, Any]:
    from reconcile.stage import run_reconcile

    return run_reconcile(session).as_dict()


def merge_entities(session: Session, a: str | int, b: str | int, *, note: str | None = None,
                   by: str | None = None) -> dict[str, Any]:
    """Record that entities A and B are one, and apply it. Raises DecisionRefused/EntityNotFound."""
    ea, eb = find_entity(session, a), find_entity(session, b)
    if ea.id == eb.id:
        raise DecisionRefused(f"{ea.name!r} (entity {ea.id}) is already one entity")
    ma, mb = representative(session, ea), representative(session, eb)
    if ma is None or mb is None:
        raise DecisionRefused("an entity without mentions cannot be merged")
    decision = decisions.record(session, "merge", ma, mb, note=note, by=by)
    summary = _rerun(session)
    session.refresh(ma)
    return {"decision": _decision_json(decision), "entity": ma.entity_id, "reconcile": summary}


def split_entity(session: Session, entity: str | int, mention_id: int, *, note: str | None = None,
                 by: str | None = None) -> dict[str, Any]:
    """Record that a mention is not this entity, and apply it."""
    e = find_entity(session, entity)
    m = session.get(Mention, mention_id)
    if m is None or m.entity_id != e.id:
        raise DecisionRefused(f"mention {mention_id} is not a mention of entity {e.id} ({e.name})")
    same_chain = set(session.scalars(select(Mention.id).where(Mention.entity_id == e.id, Mention.chain == m.chain,
                                                              Mention.document_id == m.document_id))) if m.chain else set()
    other = representative(session, e, exclude={m.id} | same_chain) or representative(session, e, exclude={m.id})
    if other is None:
        raise DecisionRefused(f"entity {e.id} ({e.name}) has no other mention to split mention {mention_id} from")
    decision = decisions.record(session, "split", m, other, note=note, by=by)
    summary = _rerun(session)
    session.refresh(m)
    return {"decision": _decision_json(decision), "entity": m.entity_id, "kept": e.id, "reconcile": summary}
