"""Claim links as users see them: listed with filters, shown as JSON, resolved by a reviewer.

Filters are bound query parameters checked against the closed vocabularies, so no input can widen
a query. Resolving a link writes its status, reviewer, time and note, and one `review_log` row;
the reconciler keeps a reviewed link's status when it upserts links again, so the decision holds.

One rule for every way of deciding (`conflicts resolve`, the terminal `review`, the web
workbench): a link is decided once. `settle` is the only writer of a decision and refuses a link
that is no longer open (AlreadyDecided, naming who decided it and when); `withdraw` is the only
way back for the one who decided (an undo), `reopen` the way back for anyone (logged with whose
decision it took back). Each is one conditional UPDATE, so two reviewers in two processes on one
store cannot both win.
"""
from __future__ import annotations

from typing import Any

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, aliased, selectinload

from reconcile.timeline import LINKED_CLAIM_LOADS, Ratings, claim_json, find_entities
from store.models import LINK_STATUSES, LINK_TYPES, Claim, ClaimLink, ReviewLog, utcnow

TYPE_CHOICES = (*LINK_TYPES, "all")
STATUS_CHOICES = (*LINK_STATUSES, "all")
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}


class LinkError(Exception):
    """A link that does not exist, or a request that makes no sense for it."""


class AlreadyDecided(LinkError):
    """A second decision on a link someone has decided: refused, naming the first."""


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


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "an unknown time"


def decided_by(link: ClaimLink) -> str:
    """'confirmed by ana at 2026-12-06 20:31 UTC'."""
    return f"{link.status} by {link.reviewer or 'someone'} at {_when(link.reviewed_at)}"


def settle(session: Session, link: ClaimLink, status: str, reviewer: str) -> None:
    """Record `reviewer`'s decision (`confirmed` or `dismissed`) on `link`, which must be open.

    Raises AlreadyDecided, naming the first decision, when the link is no longer open in the
    database, whatever this session last read: the check and the write are one
    UPDATE ... WHERE status = 'open'."""
    _check(status, tuple(DECISIONS.values()), "decision")
    if not reviewer.strip():
        raise LinkError("a decision needs a reviewer name")
    session.flush()
    now = utcnow()
    done = session.execute(
        update(ClaimLink)
        .where(ClaimLink.id == link.id, ClaimLink.status == "open")
        .values(status=status, reviewer=reviewer, reviewed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.refresh(link)
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise AlreadyDecided(
            f"link {link.id} was already {decided_by(link)}; take that decision back first "
            f"(undo it in the review, or `claimline conflicts resolve {link.id} --reopen`)"
        )


def withdraw(session: Session, link: ClaimLink, *, decided: str, reviewer: str | None,
             to: tuple[str, str | None, datetime | None] = ("open", None, None)) -> None:
    """Take back the decision `decided` that `reviewer` made on `link`, restoring `to` (status,
    reviewer, time). Raises AlreadyDecided when the link has changed hands since."""
    session.flush()
    status, by, at = to
    who = ClaimLink.reviewer == reviewer if reviewer is not None else ClaimLink.reviewer.is_(None)
    done = session.execute(
        update(ClaimLink)
        .where(ClaimLink.id == link.id, ClaimLink.status == decided, who)
        .values(status=status, reviewer=by, reviewed_at=at, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(link)
    if done.rowcount != 1:  # type: ignore[attr-defined]
        since = "reopened" if link.status == "open" else decided_by(link)
        raise AlreadyDecided(
            f"link {link.id} has since been {since}; the {decided} decision "
            f"by {reviewer or 'someone'} is not taken back"
        )


def resolve_link(
    session: Session, link_id: int, decision: str, *, reviewer: str, note: str | None = None
) -> ClaimLink:
    """Confirm or dismiss an open link ("confirm"/"dismiss" or "confirmed"/"dismissed").
    Raises AlreadyDecided for a link someone has decided (see `reopen`)."""
    status = DECISIONS.get(decision, decision)
    _check(status, tuple(DECISIONS.values()), "decision")
    if not reviewer.strip():
        raise LinkError("a decision needs a reviewer name")
    link = get_link(session, link_id)
    settle(session, link, status, reviewer)
    if note:
        link.note = note
    log(session, link, "confirm" if status == "confirmed" else "dismiss", reviewer,
        previous="open", note=note)
    session.flush()
    return link


def reopen(session: Session, link_id: int, *, reviewer: str, note: str | None = None) -> tuple[ClaimLink, str]:
    """Take back the decision on a link, whoever made it: it is open again, and the review log
    says whose decision was taken back. Returns the link and that decision in words."""
    if not reviewer.strip():
        raise LinkError("reopening a link needs a reviewer name")
    link = get_link(session, link_id)
    if link.status == "open":
        raise LinkError(f"link {link.id} is open: there is no decision to take back")
    first, previous = decided_by(link), link.status
    withdraw(session, link, decided=previous, reviewer=link.reviewer)
    log(session, link, "reopen", reviewer, previous=previous,
        note=f"took back: {first}" + (f"; {note.strip()}" if note and note.strip() else ""))
    session.flush()
    return link, first
