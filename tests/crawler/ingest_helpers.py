"""Shared by the ingest tests: where the edge-case files live, and reading back stored threads."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from store.models import Document

DATA = Path(__file__).parent / "data" / "ingest"


def document_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count(Document.id))).scalar_one()


def stored_thread(engine: Engine, post_url: str) -> tuple[Document, dict[str, Document]]:
    """(the post stored at `post_url`, its comments by platform id)."""
    with Session(engine) as session:
        post = session.execute(
            select(Document).where(Document.kind == "post", Document.url == post_url)
        ).scalar_one()
        comments = session.execute(
            select(Document).where(Document.kind == "comment", Document.root_id == post.id)
        ).scalars().all()
        session.expunge_all()
    return post, {c.platform_id: c for c in comments}


def parent_ids(post: Document, comments: dict[str, Document]) -> dict[str, str | None]:
    """Each comment's parent as a platform id (None for a reply to the post)."""
    by_id = {c.id: pid for pid, c in comments.items()}
    return {pid: (None if c.parent_id == post.id else by_id.get(c.parent_id, f"?{c.parent_id}"))
            for pid, c in comments.items()}
