"""The source-attributed timeline (DESIGN.md, "Timeline JSON"), built from the store.

One event is one statement about an entity: the claims that are references of one statement
(`claims.statement_id`), and claims joined by a `corroborates` or `duplicates` link that a
reviewer has not dismissed (a store related before statements existed), are one event with
several sources; a reference whose link to the statement a reviewer dismissed stands apart until
the next reconcile regroups it. The event speaks with the words of its most reliable source; its
`claim_id` is that source's claim. Its `links` are the relations to claims outside the event
(conflicts, supplements and the rest), with their review status. Beside the contract's fields an
event has `statement_id` and `independent_sources`, how many of its sources are independent of
each other (another site, author or quoted source): the corroboration an analyst weighs.

Events sort by `earliest`, then `latest`; an open start sorts by its end; undated events come
last; ties go to the more reliable source. Sources carry, beside the contract's fields, their
`claim_id`, `site` and `reliability` (the author's score, else the site's, else null).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from reconcile.claim_rows import ClaimFacts, DocumentFacts, claim_rows
from reconcile.id_groups import IdGroups
from reconcile.relate.sources import Origin, copies, source_key
from store.models import Claim, ClaimLink, Document, Entity, Mention, SourceScore, Statement

# Links that make two claims one event (the same fact again), unless a reviewer dismissed them.
SAME_FACT_LINKS = ("corroborates", "duplicates")


class UnknownEntity(LookupError):
    """No entity answers to the name the user gave."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no entity named {name!r} (try `claimline entities list`)")
        self.name = name


# ---- source reliability --------------------------------------------------------------------


@dataclass
class Ratings:
    """Source reliability from `source_scores`: per author and per site, in [0, 1]."""

    author: dict[str, float] = field(default_factory=dict)
    site: dict[str, float] = field(default_factory=dict)
    _of: dict[int, float | None] = field(default_factory=dict, repr=False, compare=False)
    """`of` per document id: a timeline asks for each source's score several times."""

    @classmethod
    def load(cls, session: Session) -> Ratings:
        out = cls()
        for scope, key, score in session.execute(
            select(SourceScore.scope, SourceScore.key, SourceScore.score)
        ):
            if scope == "author":
                out.author[key] = score
            elif scope == "site":
                out.site[key] = score
        return out

    def for_author(self, doc: DocumentFacts) -> float | None:
        if not self.author or not doc.author_name:
            return None
        for key in author_keys(doc):
            if key in self.author:
                return self.author[key]
        return None

    def for_site(self, doc: DocumentFacts) -> float | None:
        if not self.site:
            return None
        site = doc.site
        for key in (site.base_url, site.name, str(site.id)) if site else ():
            if key and key in self.site:
                return self.site[key]
        return None

    def of(self, doc: DocumentFacts) -> float | None:
        """The author's score where there is one, else the site's."""
        if doc.id in self._of:
            return self._of[doc.id]
        score = self.for_author(doc)
        score = score if score is not None else self.for_site(doc)
        if doc.id is not None:
            self._of[doc.id] = score
        return score


def author_keys(doc: DocumentFacts) -> list[str]:
    """The keys an author's score may be stored under, most specific first."""
    name = (doc.author_name or "").strip()
    keys = []
    if doc.site is not None:
        keys += [f"{doc.site.base_url}|{name}", f"{doc.site_id}:{name}"]
    if doc.author_url:
        keys.append(doc.author_url)
    keys.append(name)
    return keys


# ---- pieces shared with `conflicts list --json` ---------------------------------------------


def _iso(value: date | datetime | None, tz_known: bool = False) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat() + ("Z" if tz_known else "")
    return value.isoformat()


def claim_when(claim: ClaimFacts) -> dict[str, Any]:
    return {
        "edtf": claim.edtf,
        "earliest": _iso(claim.earliest),
        "latest": _iso(claim.latest),
        "text": claim.time_text,
    }


def claim_object(claim: ClaimFacts) -> dict[str, Any]:
    name = claim.object_entity.name if claim.object_entity is not None else claim.object_text
    if name is None and claim.predicate == "statement":
        name = claim.verb
    return {"name": name, "entity_id": claim.object_entity_id}


def claim_subject(claim: Claim) -> dict[str, Any]:
    name = claim.subject_entity.name if claim.subject_entity is not None else claim.subject_text
    return {"entity_id": claim.subject_entity_id, "name": name}


def source_json(claim: ClaimFacts, ratings: Ratings) -> dict[str, Any]:
    doc = claim.document
    return {
        "document_id": doc.id,
        "url": doc.permalink or doc.url,
        "kind": doc.kind,
        "author": doc.author_name,
        "published": _iso(doc.published, doc.published_tz_known),
        "quote": claim.quote,
        "attributed_to": claim.attributed_to,
        "claim_id": claim.id,
        "site": (doc.site.name or doc.site.base_url) if doc.site is not None else None,
        "reliability": ratings.of(doc),
    }


def claim_source(claim: ClaimFacts, first: dict[int, Origin] | None = None) -> tuple[str, ...]:
    """The claim's source identity (the relation rules' :func:`source_key`); a copy of another
    document's text (`first`: document id -> its first capture) speaks with the first capture's
    voice, so the two count as one source, not independent corroboration."""
    doc = claim.document
    o = first.get(doc.id) if first else None
    if o is not None:
        return source_key(o.site_id, o.author, o.kind, o.document_id, claim.attributed_to)
    return source_key(doc.site_id, doc.author_name, doc.kind, doc.id, claim.attributed_to)


def _origin(doc: DocumentFacts) -> Origin:
    return Origin(doc.id, doc.site_id, doc.author_name, doc.kind, doc.permalink or doc.url or "")


def copy_origins(session: Session, claims: Iterable[ClaimFacts]) -> dict[int, Origin]:
    """Documents whose text is a copy of another's among those that share a statement (the only
    place a copy could pass for a second source): document id -> the first capture."""
    docs_of: dict[int, dict[int, DocumentFacts]] = defaultdict(dict)
    for c in claims:
        if c.statement_id is not None:
            docs_of[c.statement_id][c.document.id] = c.document
    shared = {i: d for docs in docs_of.values() if len(docs) > 1 for i, d in docs.items()}
    found: list[tuple[Origin, str | None, int]] = []
    ids = sorted(shared)
    for i in range(0, len(ids), 500):
        for doc_id, digest, length in session.execute(
            select(Document.id, Document.content_hash, func.length(Document.text)).where(Document.id.in_(ids[i : i + 500]))
        ):
            found.append((_origin(shared[doc_id]), digest, length or 0))
    return copies(found)


def _orm_copies(claims: Iterable[Claim]) -> dict[int, Origin]:
    docs = {c.document.id: c.document for c in claims}
    return copies((_origin(d), d.content_hash, len(d.text or "")) for d in docs.values())


def claim_json(claim: Claim, ratings: Ratings) -> dict[str, Any]:
    """CLAIM of `conflicts list --json`, and beside the contract's fields its `statement_id`,
    every reference of that statement as `sources` (the claim alone when it has no statement)
    and how many of them are `independent_sources`."""
    refs = list(claim.statement.references) if claim.statement is not None else [claim]
    return {
        "claim_id": claim.id,
        "subject": claim_subject(claim),
        "predicate": claim.predicate,
        "object": claim_object(claim),
        "when": claim_when(claim),
        "modality": claim.modality,
        "quote": claim.quote,
        "source": source_json(claim, ratings),
        "statement_id": claim.statement_id,
        "sources": [source_json(c, ratings) for c in refs],
        "independent_sources": len({claim_source(c, _orm_copies(refs)) for c in refs}),
    }


CLAIM_LOADS = (
    selectinload(Claim.document).selectinload(Document.site),
    selectinload(Claim.subject_entity),
    selectinload(Claim.object_entity),
)
# A link's claims with their statements' references (what `conflicts list --json` shows).
LINKED_CLAIM_LOADS = (
    *CLAIM_LOADS,
    selectinload(Claim.statement).selectinload(Statement.references)
    .selectinload(Claim.document).selectinload(Document.site),
)


# ---- finding entities ----------------------------------------------------------------------


def find_entities(session: Session, name: str) -> list[Entity]:
    """Entities called `name`: by canonical name, else by a mention's surface form, else those
    whose name contains it. Case-insensitive; `name` is a bound value (wildcards are literal)."""
    wanted = name.strip().lower()
    if not wanted:
        raise UnknownEntity(name)
    if wanted.isdigit():
        hit = session.get(Entity, int(wanted))
        if hit is not None:
            return [hit]
    exact = session.scalars(
        select(Entity).where(func.lower(Entity.name) == wanted).order_by(Entity.id)
    ).all()
    if exact:
        return list(exact)
    alias_ids = select(Mention.entity_id).where(
        Mention.entity_id.is_not(None),
        or_(func.lower(Mention.surface) == wanted, func.lower(Mention.name) == wanted),
    )
    by_alias = session.scalars(
        select(Entity).where(Entity.id.in_(alias_ids)).order_by(Entity.id)
    ).all()
    if by_alias:
        return list(by_alias)
    partial = session.scalars(
        select(Entity)
        .where(func.lower(Entity.name).contains(wanted, autoescape=True))
        .order_by(Entity.id)
    ).all()
    if partial:
        return list(partial)
    raise UnknownEntity(name)


def aliases_of(session: Session, entity_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(entity_ids)
    out: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}
    rows = session.execute(
        select(Mention.entity_id, Mention.surface, Mention.name).where(
            Mention.entity_id.in_(ids), Mention.is_pronoun.is_(False)
        )
    )
    for entity_id, surface, name in rows:
        for form in (surface, name):
            if form and form.strip():
                out[entity_id].add(" ".join(form.split()))
    return {k: sorted(v, key=str.casefold) for k, v in out.items()}


# ---- the timeline ---------------------------------------------------------------------------


def _sort_key(event: dict[str, Any]) -> tuple:
    when = event["when"]
    lo, hi = when["earliest"], when["latest"]
    best = max((s["reliability"] or 0.0 for s in event["sources"]), default=0.0)
    if lo is None and hi is None:
        return (1, "", "", -best, event["claim_id"])
    return (0, lo or hi, hi or lo, -best, event["claim_id"])


def _events(claims: list[ClaimFacts], links: list[ClaimLink], ratings: Ratings,
            first: dict[int, Origin] | None = None) -> list[dict[str, Any]]:
    ids = {c.id for c in claims}
    groups = IdGroups()
    for c in claims:
        groups.find(c.id)
    statement_of = {c.id: c.statement_id for c in claims}
    split_off = {  # the later claim of a dismissed pair that still shares a statement
        max(link.a_claim_id, link.b_claim_id) for link in links
        if link.type in SAME_FACT_LINKS and link.status == "dismissed"
        and statement_of.get(link.a_claim_id) is not None
        and statement_of.get(link.a_claim_id) == statement_of.get(link.b_claim_id)
    }
    first_of: dict[int, int] = {}
    for c in claims:
        if c.statement_id is not None and c.id not in split_off:
            groups.union(first_of.setdefault(c.statement_id, c.id), c.id)
    for link in links:
        if (
            link.type in SAME_FACT_LINKS
            and link.status != "dismissed"
            and link.a_claim_id in ids
            and link.b_claim_id in ids
        ):
            groups.union(link.a_claim_id, link.b_claim_id)
    members: dict[int, list[ClaimFacts]] = defaultdict(list)
    for c in claims:
        members[groups.find(c.id)].append(c)
    links_of: dict[int, list[ClaimLink]] = defaultdict(list)
    for link in links:
        links_of[link.a_claim_id].append(link)
        links_of[link.b_claim_id].append(link)

    events = []
    for group in members.values():
        group.sort(key=lambda c: (-(ratings.of(c.document) or 0.0), c.id))
        head = group[0]
        in_group = {c.id for c in group}
        seen: set[int] = set()
        event_links = []
        for c in group:
            for link in links_of[c.id]:
                other = link.b_claim_id if link.a_claim_id == c.id else link.a_claim_id
                if other in in_group or link.id in seen:
                    continue
                seen.add(link.id)
                event_links.append(
                    {
                        "type": link.type,
                        "claim_id": other,
                        "status": link.status,
                        "reason": link.reason,
                        "id": link.id,
                    }
                )
        event_links.sort(key=lambda item: (item["type"], item["claim_id"]))
        statements = {c.statement_id for c in group if c.statement_id is not None}
        events.append(
            {
                "claim_id": head.id,
                "statement_id": min(statements) if statements else None,
                "independent_sources": len({claim_source(c, first) for c in group}),
                "predicate": head.predicate,
                "object": claim_object(head),
                "when": claim_when(head),
                "where": head.place_text,
                "modality": head.modality,
                "sources": [source_json(c, ratings) for c in group],
                "links": event_links,
            }
        )
    events.sort(key=_sort_key)
    return events


def build_timeline(session: Session, *, entity: str | None = None) -> dict[str, Any]:
    """The timeline of every entity that is the subject of a claim, or of those called `entity`.

    Raises `UnknownEntity` when `entity` names nothing.
    """
    ratings = Ratings.load(session)
    wanted = [e.id for e in find_entities(session, entity)] if entity is not None else None
    claims = claim_rows(session, wanted)
    by_entity: dict[int, list[ClaimFacts]] = defaultdict(list)
    for c in claims:
        assert c.subject_entity_id is not None
        by_entity[c.subject_entity_id].append(c)
    claim_ids = [c.id for c in claims]
    links: list[ClaimLink] = []
    # Chunked so that a large store does not exceed a backend's bound-parameter limit.
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i : i + 500]
        links += session.scalars(
            select(ClaimLink).where(
                or_(ClaimLink.a_claim_id.in_(chunk), ClaimLink.b_claim_id.in_(chunk))
            )
        ).all()
    links = list({link.id: link for link in links}.values())
    entities = {
        e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(list(by_entity))))
    }
    aliases = aliases_of(session, by_entity)
    first = copy_origins(session, claims)
    out = []
    for entity_id, group in by_entity.items():
        ent = entities[entity_id]
        out.append(
            {
                "id": ent.id,
                "name": ent.name,
                "type": ent.type,
                "aliases": [a for a in aliases.get(ent.id, []) if a != ent.name],
                "events": _events(group, links, ratings, first),
            }
        )
    out.sort(key=lambda e: (-len(e["events"]), e["name"].casefold(), e["id"]))
    return {"entities": out}


def event_count(timeline: dict[str, Any]) -> int:
    return sum(len(e["events"]) for e in timeline["entities"])
