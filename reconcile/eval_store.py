"""The store's documents, entities, claims and links as the gold scorer's plain `SystemOutput`."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from reconcile.evaluate import SysClaim, SysDocument, SysEntity, SysRelation, SystemOutput
from reconcile.relate.sources import Origin, copies, source_key
from store.models import Claim, ClaimLink, Document, Entity, Mention


def system_from_store(session: Session) -> SystemOutput:
    """Everything stored, read once; dismissed links are not the system's answer any more."""
    out = SystemOutput()
    docs: dict[int, Document] = {}
    for doc in session.execute(select(Document).order_by(Document.id)).scalars():
        docs[doc.id] = doc
        out.documents.append(
            SysDocument(
                id=str(doc.id),
                text=doc.text,
                kind=doc.kind,
                author=doc.author_name,
                published=doc.published.isoformat() if doc.published else None,
                parent=str(doc.parent_id) if doc.parent_id else None,
                url=doc.permalink or doc.url,
                platform_id=doc.platform_id,
            )
        )
    surfaces: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Mention.entity_id, Mention.surface).where(
            Mention.entity_id.is_not(None), Mention.is_pronoun.is_(False)
        )
    )
    for entity_id, surface in rows:
        surfaces[entity_id].append(surface)
    for entity in session.execute(select(Entity).order_by(Entity.id)).scalars():
        out.entities.append(SysEntity(id=str(entity.id), type=entity.type, surfaces=surfaces[entity.id]))
    first = copies((Origin(d.id, d.site_id, d.author_name, d.kind, d.permalink or d.url or ""), d.content_hash,
                    len(d.text or "")) for d in docs.values())
    for claim in session.execute(select(Claim).order_by(Claim.id)).scalars():
        out.claims.append(
            SysClaim(
                id=str(claim.id),
                doc=str(claim.document_id),
                subject=str(claim.subject_entity_id) if claim.subject_entity_id else None,
                predicate=claim.predicate,
                object_entity=str(claim.object_entity_id) if claim.object_entity_id else None,
                object_text=claim.object_text,
                earliest=claim.earliest,
                latest=claim.latest,
                quote=claim.quote,
                quote_start=claim.quote_start,
                quote_end=claim.quote_end,
                edtf=claim.edtf,
                modality=claim.modality,
                statement=str(claim.statement_id) if claim.statement_id is not None else None,
                source=_source(docs[claim.document_id], claim.attributed_to, first.get(claim.document_id)),
            )
        )
    for link in session.execute(select(ClaimLink).where(ClaimLink.status != "dismissed")).scalars():
        out.relations.append(SysRelation(
            a=str(link.a_claim_id), b=str(link.b_claim_id), type=link.type,
            a_statement=str(link.a_statement_id) if link.a_statement_id is not None else None,
            b_statement=str(link.b_statement_id) if link.b_statement_id is not None else None,
        ))
    return out


def _source(doc: Document, attributed_to: str | None, copy_of: Origin | None) -> str:
    """The claim's source as the relation rules see it (:func:`reconcile.relate.sources.source_key`;
    a copy of another document's text speaks with the first capture's voice)."""
    if copy_of is not None:
        return repr(source_key(copy_of.site_id, copy_of.author, copy_of.kind, copy_of.document_id, attributed_to))
    return repr(source_key(doc.site_id, doc.author_name, doc.kind, doc.id, attributed_to))
