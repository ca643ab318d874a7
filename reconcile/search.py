"""One search box over what the store knows: entities (by name or any name a mention uses),
sources (documents by title, author, site or address) and quotes (a claim's own words).

Matching is a case-insensitive substring of a bound value (`%` and `_` typed by the user are
literal), so no input can widen or break the query; each kind is capped at `limit` hits, most
mentioned entities and newest sources first, so a one-letter query stays cheap on a large store.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from store.models import Claim, Document, Entity, Mention, Site

MIN_QUERY = 2
DEFAULT_LIMIT = 20


def _like(column: Any, wanted: str) -> Any:
    return func.lower(column).contains(wanted, autoescape=True)


def search_entities(session: Session, wanted: str, limit: int) -> list[dict[str, Any]]:
    """Entities whose name, or a name one of their mentions uses, contains `wanted`."""
    by_mention = select(Mention.entity_id).where(
        Mention.entity_id.is_not(None), Mention.is_pronoun.is_(False),
        or_(_like(Mention.surface, wanted), _like(Mention.name, wanted)),
    )
    mentions = (
        select(Mention.entity_id, func.count().label("n")).group_by(Mention.entity_id).subquery()
    )
    rows = session.execute(
        select(Entity.id, Entity.name, Entity.type, func.coalesce(mentions.c.n, 0))
        .outerjoin(mentions, mentions.c.entity_id == Entity.id)
        .where(or_(_like(Entity.name, wanted), Entity.id.in_(by_mention)))
        .order_by(func.coalesce(mentions.c.n, 0).desc(), Entity.name, Entity.id)
        .limit(limit)
    ).all()
    return [{"id": i, "name": n, "type": t, "mentions": c} for i, n, t, c in rows]


def search_sources(session: Session, wanted: str, limit: int) -> list[dict[str, Any]]:
    """Documents whose title, author, address or site name contains `wanted`, newest first."""
    rows = session.execute(
        select(Document.id, Document.kind, Document.title, Document.author_name,
               func.coalesce(Document.permalink, Document.url), Document.published,
               func.coalesce(Site.name, Site.base_url))
        .join(Site, Site.id == Document.site_id)
        .where(or_(_like(Document.title, wanted), _like(Document.author_name, wanted),
                   _like(Document.url, wanted), _like(Site.name, wanted)))
        .order_by(Document.published.is_(None), Document.published.desc(), Document.id)
        .limit(limit)
    ).all()
    return [
        {"id": i, "kind": k, "title": title, "author": author, "url": url,
         "published": published.isoformat() if published else None, "site": site}
        for i, k, title, author, url, published, site in rows
    ]


def search_quotes(session: Session, wanted: str, limit: int) -> list[dict[str, Any]]:
    """Claims whose quote contains `wanted`, with their subject and document."""
    rows = session.execute(
        select(Claim.id, Claim.predicate, Claim.quote, Claim.document_id, Claim.subject_entity_id,
               func.coalesce(Entity.name, Claim.subject_text))
        .outerjoin(Entity, Entity.id == Claim.subject_entity_id)
        .where(_like(Claim.quote, wanted))
        .order_by(Claim.document_id, Claim.quote_start, Claim.id)
        .limit(limit)
    ).all()
    return [
        {"claim_id": i, "predicate": p, "quote": q, "document_id": d, "entity_id": e, "subject": s}
        for i, p, q, d, e, s in rows
    ]


def search(session: Session, query: str, *, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """``{"query", "entities", "sources", "quotes"}``; all empty for a query under two characters."""
    wanted = " ".join(query.split()).lower()
    out: dict[str, Any] = {"query": query, "entities": [], "sources": [], "quotes": []}
    if len(wanted) < MIN_QUERY:
        return out
    out["entities"] = search_entities(session, wanted, limit)
    out["sources"] = search_sources(session, wanted, limit)
    out["quotes"] = search_quotes(session, wanted, limit)
    return out
