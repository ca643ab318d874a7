"""What `claimline entities list|show|merge|split|retype|decisions|undo` does, as library functions.

Merging and splitting record a human decision (:mod:`reconcile.resolve.decisions`) between two
mentions chosen to stand for the entities, checked against every active decision, then run a
full resolution so the store obeys it at once (the same clusters and ids a later
`reconcile --full` gives); every later run obeys it too. A split moves the mention named and the
mentions only it links (the pronouns of a coreference chain in which it is the only name); the
rest keep the entity's id.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reconcile.names import name_key, split_title
from reconcile.resolve import decisions, evidence
from reconcile.resolve.decisions import DecisionRefused
from reconcile.resolve.records import NAME_KIND
from store.models import MENTION_TYPES, Claim, Document, Entity, EntityDecision, Mention, MentionAlias, RetypedSpan

QUOTE_CONTEXT = 80  # characters of text shown on each side of a mention


class EntityNotFound(LookupError):
    """No entity, or more than one, answers to what the user typed."""


__all__ = [
    "DecisionRefused", "EntityNotFound", "find_entity", "list_decisions", "list_entities", "merge_entities",
    "retype_entity", "show_entity", "split_entity", "undo_decision",
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
        "type": d.entity_type, "previous_type": d.previous_type, "undoes": d.target_id,
        "withdrawn_by": d.withdrawn_by_id, "active": d.withdrawn_by_id is None and d.action != "undo",
    }


def list_decisions(session: Session) -> list[dict[str, Any]]:
    """Every decision ever made, oldest first, withdrawn ones and undos included."""
    return [_decision_json(d) for d in session.scalars(select(EntityDecision).order_by(EntityDecision.id))]


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
        "evidence": evidence.for_entity(session, e.id),
        "stated_aliases": _stated(session, set(mention_ids)),
    }


def _stated(session: Session, ids: set[int]) -> list[dict[str, Any]]:
    """What the text says about this entity's other names, and whether the resolver obeyed it
    (it does not when a human split the two)."""
    if not ids:
        return []
    rows = session.scalars(select(MentionAlias).where(or_(MentionAlias.mention_a_id.in_(ids),
                                                             MentionAlias.mention_b_id.in_(ids)))
                           .order_by(MentionAlias.document_id, MentionAlias.quote_start)).all()
    return [{"id": r.id, "cue": r.cue, "quote": r.quote, "document_id": r.document_id, "mention_a": r.mention_a_id,
             "mention_b": r.mention_b_id, "obeyed": r.mention_a_id in ids and r.mention_b_id in ids} for r in rows]


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

    return run_reconcile(session, full=True).as_dict()


def _members(session: Session, entity: Entity) -> list[Mention]:
    return list(session.scalars(select(Mention).where(Mention.entity_id == entity.id).order_by(Mention.id)))


def merge_entities(session: Session, a: str | int, b: str | int, *, note: str | None = None,
                   by: str | None = None) -> dict[str, Any]:
    """Record that entities A and B are one, and apply it. Raises DecisionRefused/EntityNotFound."""
    ea, eb = find_entity(session, a), find_entity(session, b)
    if ea.id == eb.id:
        raise DecisionRefused(f"{ea.name!r} (entity {ea.id}) is already one entity")
    ma, mb = representative(session, ea), representative(session, eb)
    if ma is None or mb is None:
        raise DecisionRefused("an entity without mentions cannot be merged")
    if ea.type != eb.type:
        raise DecisionRefused(f"refused: entity {ea.id} is a {ea.type} and entity {eb.id} a {eb.type} "
                              "(retype one first: `claimline entities retype`)")
    decisions.check_sides(session, "merge", {m.id for m in _members(session, ea)}, {m.id for m in _members(session, eb)})
    decision = decisions.record(session, "merge", ma, mb, note=note, by=by)
    summary = _rerun(session)
    session.refresh(ma)
    return {"decision": _decision_json(decision), "entity": ma.entity_id, "reconcile": summary}


def moving_part(session: Session, entity: Entity, mention: Mention) -> set[int]:
    """What a split of ``mention`` from ``entity`` moves: the mention, and the other mentions of
    its coreference chain when it is the chain's only name (its pronouns link through it alone)."""
    moving = {mention.id}
    if mention.chain:
        chain = [m for m in _members(session, entity) if m.chain == mention.chain]
        if not any(not m.is_pronoun and m.id != mention.id for m in chain):
            moving |= {m.id for m in chain}
    return moving


def split_entity(session: Session, entity: str | int, mention_id: int, *, note: str | None = None,
                 by: str | None = None) -> dict[str, Any]:
    """Record that a mention is not this entity, and apply it: the mention (with the mentions only
    it links) becomes a new entity; the rest keep the id."""
    e = find_entity(session, entity)
    m = session.get(Mention, mention_id)
    if m is None or m.entity_id != e.id:
        raise DecisionRefused(f"mention {mention_id} is not a mention of entity {e.id} ({e.name})")
    if m.is_pronoun:
        raise DecisionRefused(f"mention {mention_id} ({m.surface!r}) is a pronoun: split the name it stands for")
    moving = moving_part(session, e, m)
    staying = {x.id for x in _members(session, e)} - moving
    other = representative(session, e, exclude=moving)
    if other is None or other.is_pronoun:
        raise DecisionRefused(f"entity {e.id} ({e.name}) has no other named mention to split mention {mention_id} from")
    decisions.check_sides(session, "split", moving, staying)
    decision = decisions.record(session, "split", m, other, note=note, by=by)
    kept = e.id
    summary = _rerun(session)
    session.refresh(m)
    return {"decision": _decision_json(decision), "entity": m.entity_id, "kept": kept,
            "moved": sorted(moving), "reconcile": summary}


def retype_entity(session: Session, entity: str | int, type_: str, *, note: str | None = None,
                  by: str | None = None) -> dict[str, Any]:
    """Record that an entity is of another type (its mentions take it), and apply it."""
    e = find_entity(session, entity)
    new = type_.upper()
    if new not in MENTION_TYPES:
        raise DecisionRefused(f"unknown type {type_!r}; choose from {', '.join(MENTION_TYPES)}")
    if e.type == new:
        raise DecisionRefused(f"entity {e.id} ({e.name}) is already a {new}")
    members = _members(session, e)
    rep = representative(session, e)
    if rep is None:
        raise DecisionRefused(f"entity {e.id} ({e.name}) has no mentions")
    ids = {m.id for m in members}
    for d in decisions.active(session):
        if d.action == "retype" and d.mention_a_id in ids and d.entity_type != new:
            raise DecisionRefused(f"refused: this retype contradicts {decisions.describe(d)}; undo it first", d)
    clash = session.scalars(
        select(Mention).where(Mention.type == new, or_(*[(Mention.document_id == m.document_id) & (Mention.start == m.start)
                                                         & (Mention.end == m.end) for m in members]))
    ).first()
    if clash is not None:
        raise DecisionRefused(f"mention {clash.id} already reads the same words as a {new} (entity {clash.entity_id}): "
                              "merge with that entity instead")
    decision = decisions.record(session, "retype", rep, note=note, by=by, entity_type=new, previous_type=e.type)
    for m in members:
        session.add(RetypedSpan(decision_id=decision.id, document_id=m.document_id, start=m.start, end=m.end))
    _set_type(session, ids, new)
    summary = _rerun(session)
    session.refresh(rep)
    return {"decision": _decision_json(decision), "entity": rep.entity_id, "reconcile": summary}


def _set_type(session: Session, ids: set[int], type_: str) -> None:
    """Give mentions a type; named ones are keyed again (as that type) by the next resolution."""
    for m in session.scalars(select(Mention).where(Mention.id.in_(ids))):
        m.type = type_
        if not m.is_pronoun:
            m.name_key = None
    session.flush()


def undo_decision(session: Session, decision_id: int, *, note: str | None = None,
                  by: str | None = None) -> dict[str, Any]:
    """Withdraw a decision (recorded as an `undo`, the decision kept), and apply it."""
    target = session.get(EntityDecision, decision_id)
    if target is not None and target.action == "retype" and target.withdrawn_by_id is None and target.mention_a_id:
        m = session.get(Mention, target.mention_a_id)
        ids = set(session.scalars(select(Mention.id).where(Mention.entity_id == m.entity_id))) if m and m.entity_id else set()
        for d in decisions.active(session):
            if d.action == "merge" and d.id > target.id and ({d.mention_a_id, d.mention_b_id} & ids):
                raise DecisionRefused(f"refused: {decisions.describe(d)} relies on this type; undo it first", d)
    undo = decisions.withdraw(session, decision_id, note=note, by=by)
    assert target is not None
    if target.action == "retype" and target.mention_a_id is not None and target.previous_type:
        m = session.get(Mention, target.mention_a_id)
        if m is not None and m.entity_id is not None:
            ids = {x.id for x in session.scalars(select(Mention).where(Mention.entity_id == m.entity_id))}
            _set_type(session, ids, target.previous_type)
    summary = _rerun(session)
    return {"decision": _decision_json(undo), "withdrawn": _decision_json(target), "reconcile": summary}
