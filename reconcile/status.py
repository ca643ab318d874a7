"""What `claimline status` reports: per site, its documents, its last crawl and what awaits
extraction; over the store, the totals and the open links. Read-only queries."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reconcile.extract_stage import VERSION_TAG, _due_condition
from store.models import Claim, ClaimLink, Document, Entity, Fetch, Site


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def store_status(session: Session) -> dict[str, Any]:
    """`{"sites": [{"id", "url", "name", "posts", "comments", "last_crawl", "awaiting_extraction"}],
    "documents", "awaiting_extraction", "entities", "claims", "open_links": {type: n}}`."""
    kinds: dict[int, dict[str, int]] = {}
    for site_id, kind, n in session.execute(
            select(Document.site_id, Document.kind, func.count()).group_by(Document.site_id, Document.kind)):
        kinds.setdefault(site_id, {})[kind] = n
    due = dict(session.execute(
        select(Document.site_id, func.count()).where(_due_condition(VERSION_TAG)).group_by(Document.site_id)).all())
    crawled = dict(session.execute(
        select(Fetch.site_id, func.max(Fetch.fetched_at)).group_by(Fetch.site_id)).all())
    sites = [
        {"id": site.id, "url": site.base_url, "name": site.name,
         "posts": kinds.get(site.id, {}).get("post", 0), "comments": kinds.get(site.id, {}).get("comment", 0),
         "last_crawl": _iso(crawled.get(site.id)), "awaiting_extraction": due.get(site.id, 0)}
        for site in session.scalars(select(Site).order_by(Site.id))
    ]
    links = dict(session.execute(
        select(ClaimLink.type, func.count()).where(ClaimLink.status == "open").group_by(ClaimLink.type)).all())
    return {
        "sites": sites,
        "documents": sum(sum(k.values()) for k in kinds.values()),
        "awaiting_extraction": sum(due.values()),
        "entities": session.scalar(select(func.count()).select_from(Entity)) or 0,
        "claims": session.scalar(select(func.count()).select_from(Claim)) or 0,
        "open_links": {str(t): n for t, n in sorted(links.items())},
    }
