"""Claim links as users see them: listed with filters, shown as JSON, resolved by a reviewer.

Filters are bound query parameters checked against the closed vocabularies, so no input can widen
a query. Resolving a link writes its status, reviewer, time and note, and one `review_log` row;
the reconciler keeps a reviewed link's status when it upserts links again, so the decision holds.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from reconcile.timeline import LINKED_CLAIM_LOADS, Ratings, claim_json, find_entities
from store.models import LINK_STATUSES, LINK_TYPES, Claim, ClaimLink, ReviewLog, utcnow

TYPE_CHOICES = (*LINK_TYPES, "all")
STATUS_CHOICES = (*LINK_STATUSES, "all")
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}


class LinkError(Exception):
    """A link that does not exist, or a request that makes no sense for it."""


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise LinkError(f"unknown {what} {value!r}; choose from {', '.join(allowed)}")
    return value


def list_links(
    session: Session,
    *,
    type: str = "all",  # noqa: A002 - the CLI's word
    status: str = "open",
    entity: str | None = None,
) -> list[ClaimLink]:
    """Links of `type` in `status` (each may be "all"), about `entity` when given (either claim's
    subject or object), highest score first. Raises `UnknownEntity` for a name that is nobody."""
    _check(type, TYPE_CHOICES, "link type")
    _check(status, STATUS_CHOICES, "status")
    a, b = aliased(Claim), aliased(Claim)
    query = (
        select(ClaimLink)
        .join(a, ClaimLink.a_claim_id == a.id)
        .join(b, ClaimLink.b_claim_id == b.id)
        .options(
            selectinload(ClaimLink.a).options(*LINKED_CLAIM_LOADS),
            selectinload(ClaimLink.b).options(*LINKED_CLAIM_LOADS),
        )
    )
    if type != "all":
        query = query.where(ClaimLink.type == type)
    if status != "all":
        query = query.where(ClaimLink.status == status)
    if entity is not None:
        ids = [e.id for e in find_entities(session, entity)]
        query = query.where(
            or_(
                a.subject_entity_id.in_(ids), b.subject_entity_id.in_(ids),
                a.object_entity_id.in_(ids), b.object_entity_id.in_(ids),
            )
        )
    return list(session.scalars(query.order_by(ClaimLink.score.desc(), ClaimLink.id)).unique())


def link_json(link: ClaimLink, ratings: Ratings) -> dict[str, Any]:
    """One item of `conflicts list --json` (DESIGN.md, "Other JSON outputs"), plus the review and
    the statements the link relates (`a_statement_id`, `b_statement_id`; one and the same for a
    reference's `corroborates`/`duplicates` link to its statement)."""
    return {
        "id": link.id,
        "type": link.type,
        "status": link.status,
        "score": link.score,
        "reason": link.reason,
        "a": claim_json(link.a, ratings),
        "b": claim_json(link.b, ratings),
        "a_statement_id": link.a_statement_id,
        "b_statement_id": link.b_statement_id,
        "reviewer": link.reviewer,
        "reviewed_at": link.reviewed_at.isoformat() + "Z" if link.reviewed_at else None,
        "note": link.note,
    }


def get_link(session: Session, link_id: int) -> ClaimLink:
    link = session.get(ClaimLink, link_id)
    if link is None:
        raise LinkError(f"no claim link with id {link_id} (see `claimline conflicts list --status all`)")
    return link


def log(
    session: Session,
    link: ClaimLink,
    action: str,
    reviewer: str,
    *,
    previous: str | None,
    note: str | None = None,
) -> ReviewLog:
    entry = ReviewLog(
        link_id=link.id, action=action, previous_status=previous, new_status=link.status,
        reviewer=reviewer, at=utcnow(), note=note,
    )
    session.add(entry)
    return entry


def resolve_link(
    session: Session, link_id: int, decision: str, *, reviewer: str, note: str | None = None
) -> ClaimLink:
    """Confirm or dismiss a link ("confirm"/"dismiss" or "confirmed"/"dismissed")."""
    status = DECISIONS.get(decision, decision)
    _check(status, tuple(DECISIONS.values()), "decision")
    if not reviewer.strip():
        raise LinkError("a decision needs a reviewer name")
    link = get_link(session, link_id)
    previous = link.status
    link.status = status
    link.reviewer = reviewer
    link.reviewed_at = utcnow()
    if note:
        link.note = note
    log(session, link, "confirm" if status == "confirmed" else "dismiss", reviewer,
        previous=previous, note=note)
    session.flush()
    return link
