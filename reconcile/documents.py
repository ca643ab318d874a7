"""A document as a reader sees it: its text in paragraphs with every claim's words marked, and a
quote put back in the paragraph it came from.

A claim records where its quote lies in the document's text (`quote_start`, `quote_end`); the
text is cut at those offsets into segments, each knowing which claims cover it, so a page can
mark them without ever treating the text as markup. Where a stored offset no longer matches the
text (a document re-crawled and changed since), the quote is shown alone rather than a wrong
passage.
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from reconcile.timeline import claim_object, claim_subject
from store.models import Claim, ClaimLink, Document

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
CONTEXT_CHARS = 400  # the most text shown on each side of a quote within its paragraph


class DocumentNotFound(LookupError):
    """No document has the id asked for."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of `text`: lines separated by line breaks."""
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _quote_span(text: str, claim: Claim) -> tuple[int, int] | None:
    start, end = claim.quote_start, claim.quote_end
    if 0 <= start < end <= len(text) and text[start:end] == claim.quote:
        return start, end
    found = text.find(claim.quote) if claim.quote else -1
    return (found, found + len(claim.quote)) if found >= 0 else None


def in_paragraph(text: str, claim: Claim) -> dict[str, Any]:
    """``{"before", "quote", "after"}``: the claim's quote with the rest of its paragraph around
    it (at most CONTEXT_CHARS a side, cut at a word, an ellipsis where cut)."""
    span = _quote_span(text, claim)
    if span is None:
        return {"before": "", "quote": claim.quote, "after": ""}
    start, end = span
    lo = max((p for p, q in paragraphs(text) if p <= start), default=0)
    hi = min((q for p, q in paragraphs(text) if q >= end), default=len(text))
    before, after = text[lo:start], text[end:hi]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    return {"before": before, "quote": text[start:end], "after": after}


def _segments(text: str, lo: int, hi: int, spans: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
    """Cut text[lo:hi] at every claim boundary inside it; each piece lists the claims covering it
    and those that start with it (where a page puts each claim's anchor)."""
    cuts = {lo, hi}
    for start, end, _ in spans:
        cuts.update(x for x in (start, end) if lo < x < hi)
    edges = sorted(cuts)
    out = []
    for a, b in zip(edges, edges[1:]):
        covering = [cid for start, end, cid in spans if start <= a and b <= end]
        starting = [cid for start, _, cid in spans if start == a]
        out.append({"text": text[a:b], "claims": covering, "starts": starting})
    return out


def document_view(session: Session, document_id: int) -> dict[str, Any]:
    """A document with its paragraphs cut into segments (claims marked), its claims, and the
    number of links each claim has. Raises DocumentNotFound."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise DocumentNotFound(f"no document with id {document_id}")
    claims = list(session.scalars(
        select(Claim).where(Claim.document_id == doc.id)
        .options(selectinload(Claim.subject_entity), selectinload(Claim.object_entity))
        .order_by(Claim.quote_start, Claim.id)
    ))
    ids = [c.id for c in claims]
    links: dict[int, int] = {}
    if ids:
        for a, b in session.execute(select(ClaimLink.a_claim_id, ClaimLink.b_claim_id).where(
                (ClaimLink.a_claim_id.in_(ids)) | (ClaimLink.b_claim_id.in_(ids)))):
            for cid in (a, b):
                links[cid] = links.get(cid, 0) + 1
    text = doc.text or ""
    spans = [(s[0], s[1], c.id) for c in claims if (s := _quote_span(text, c)) is not None]
    placed = {cid for _, _, cid in spans}
    site = doc.site
    return {
        "id": doc.id, "kind": doc.kind, "title": doc.title, "author": doc.author_name,
        "author_url": doc.author_url, "url": doc.permalink or doc.url, "page_url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "published_text": doc.published_text,
        "site": (site.name or site.base_url) if site is not None else None,
        "parent_id": doc.parent_id, "root_id": doc.root_id,
        "paragraphs": [_segments(text, lo, hi, spans) for lo, hi in paragraphs(text)],
        "claims": [
            {"claim_id": c.id, "predicate": c.predicate, "subject": claim_subject(c),
             "object": claim_object(c), "edtf": c.edtf, "time_text": c.time_text,
             "modality": c.modality, "quote": c.quote, "in_text": c.id in placed,
             "links": links.get(c.id, 0)}
            for c in claims
        ],
    }
