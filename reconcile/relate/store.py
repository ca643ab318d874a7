"""Claim links in the store: recompute the links among the claims of some subjects, and write
only the difference.

Links are keyed (a_claim_id < b_claim_id, type), so a re-run updates a link in place and keeps its
id and review status; a link no longer found is removed, and when a reviewer had already
confirmed or dismissed it, a `review_log` row records what it was and why it went.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from store.models import Claim, ClaimLink, Document, Entity, Mention, ReviewLog, Site, utcnow

from .rules import Relation, relate_claims
from .sources import ClaimView

CHUNK = 500
INSERT_CHUNK = 5000
RELATE_REVIEWER = "claimline reconcile"


@dataclass
class LinkChanges:
    created: int = 0
    updated: int = 0
    removed: int = 0


def load_views(session: Session, subject_ids: Iterable[int]) -> list[ClaimView]:
    ids = sorted(set(subject_ids))
    obj_entity = aliased(Entity)
    obj_mention = aliased(Mention)
    out: list[ClaimView] = []
    for i in range(0, len(ids), CHUNK):
        q = (
            select(Claim, Document.kind, Document.author_name, Document.site_id, Site.base_url, Site.name,
                   func.coalesce(Document.permalink, Document.url),
                   obj_entity.name, obj_entity.type, obj_mention.name, obj_mention.surface, obj_mention.type)
            .join(Document, Document.id == Claim.document_id)
            .join(Site, Site.id == Document.site_id)
            .outerjoin(obj_entity, obj_entity.id == Claim.object_entity_id)
            .outerjoin(obj_mention, obj_mention.id == Claim.object_mention_id)
            .where(Claim.subject_entity_id.in_(ids[i : i + CHUNK]))
        )
        for c, kind, author, site_id, base_url, site_name, doc_url, oe_name, oe_type, om_name, om_surface, om_type in session.execute(q):
            names = tuple(dict.fromkeys(n for n in (c.object_text, om_name, om_surface, oe_name) if n))
            out.append(ClaimView(
                id=c.id, subject_entity_id=c.subject_entity_id, predicate=c.predicate, object_names=names,
                object_entity_id=c.object_entity_id, object_type=oe_type or om_type, edtf=c.edtf,
                earliest=c.earliest, latest=c.latest, modality=c.modality, attributed_to=c.attributed_to,
                document_id=c.document_id, kind=kind, author=author, site_id=site_id,
                site=site_name or _host(base_url), confidence=c.confidence, quote=c.quote,
                place=c.place_text, place_entity_id=c.place_entity_id,
                order_key=(doc_url or "", c.quote_start or 0, c.claim_key or ""),
            ))
    return out


def _host(url: str) -> str:
    return url.split("://", 1)[-1].strip("/")


def sync_links(session: Session, subject_ids: Iterable[int]) -> LinkChanges:
    """Recompute and store the links among the claims of these subjects."""
    views = load_views(session, subject_ids)
    wanted: dict[tuple[int, int, str], Relation] = relate_claims(views)
    claim_ids = sorted({v.id for v in views})
    existing: dict[tuple[int, int, str], ClaimLink] = {}
    for i in range(0, len(claim_ids), CHUNK):
        part = claim_ids[i : i + CHUNK]
        for link in session.scalars(select(ClaimLink).where(or_(ClaimLink.a_claim_id.in_(part), ClaimLink.b_claim_id.in_(part)))):
            existing[(link.a_claim_id, link.b_claim_id, link.type)] = link
    changes = LinkChanges()
    new_rows: list[dict[str, object]] = []
    for key, rel in sorted(wanted.items()):
        link = existing.pop(key, None)
        if link is None:
            # a plain multi-row INSERT: a thread with a thousand agreeing comments gives half a
            # million links, which as ORM objects cost gigabytes and a minute
            now = utcnow()
            new_rows.append(dict(a_claim_id=key[0], b_claim_id=key[1], type=key[2], score=rel.score,
                                 reason=rel.reason, status="open", created_at=now, updated_at=now))
            changes.created += 1
        elif (round(link.score, 6), link.reason) != (round(rel.score, 6), rel.reason):
            link.score, link.reason = rel.score, rel.reason
            changes.updated += 1
    for link in existing.values():
        retire(session, link, "no longer found among the claims of its subject")
        changes.removed += 1
    session.flush()
    for i in range(0, len(new_rows), INSERT_CHUNK):
        session.execute(insert(ClaimLink), new_rows[i : i + INSERT_CHUNK])
    return changes


def retire(session: Session, link: ClaimLink, why: str) -> None:
    """Delete a link; a reviewed one leaves a review_log row saying what it was."""
    if link.status != "open":
        session.add(ReviewLog(
            link_id=link.id, action="retired", previous_status=link.status, new_status=None,
            reviewer=RELATE_REVIEWER, at=utcnow(),
            note=f"{link.type} link {link.a_claim_id}-{link.b_claim_id} ({link.reason}) {why}; "
                 f"reviewed {link.status} by {link.reviewer or '?'}" + (f": {link.note}" if link.note else ""),
        ))
        session.flush()
    session.execute(delete(ClaimLink).where(ClaimLink.id == link.id))
