"""Claims read for the timeline as plain rows: one SQL join, no ORM objects.

The timeline of a much-discussed person reads a thousand claims with their documents and sites;
as ORM objects that is two thousand identity-mapped instances (and the garbage collector's time
over them), which was most of the workbench's entity page. The timeline needs only the columns
below, so it reads them in one query of `claims` joined to `documents`, `sites` and the object
entity, into slotted rows that quack like the models: `ClaimFacts`, `DocumentFacts` and
`SiteFacts` are what the timeline's helpers read, and `store.models.Claim`, `Document` and `Site`
satisfy them as well (`conflicts list` still passes ORM claims).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from store.models import Claim, Document, Entity, Site


class SiteFacts(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def base_url(self) -> str: ...
    @property
    def name(self) -> str | None: ...


class DocumentFacts(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def site_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def permalink(self) -> str | None: ...
    @property
    def author_name(self) -> str | None: ...
    @property
    def author_url(self) -> str | None: ...
    @property
    def published(self) -> datetime | None: ...
    @property
    def published_tz_known(self) -> bool: ...
    @property
    def site(self) -> SiteFacts | None: ...


class NamedFacts(Protocol):
    @property
    def name(self) -> str: ...


class ClaimFacts(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def statement_id(self) -> int | None: ...
    @property
    def subject_entity_id(self) -> int | None: ...
    @property
    def predicate(self) -> str: ...
    @property
    def verb(self) -> str | None: ...
    @property
    def object_text(self) -> str | None: ...
    @property
    def object_entity_id(self) -> int | None: ...
    @property
    def object_entity(self) -> NamedFacts | None: ...
    @property
    def edtf(self) -> str | None: ...
    @property
    def earliest(self) -> date | None: ...
    @property
    def latest(self) -> date | None: ...
    @property
    def time_text(self) -> str | None: ...
    @property
    def place_text(self) -> str | None: ...
    @property
    def modality(self) -> str: ...
    @property
    def attributed_to(self) -> str | None: ...
    @property
    def quote(self) -> str: ...
    @property
    def document(self) -> DocumentFacts: ...


@dataclass(frozen=True, slots=True)
class SiteRow:
    id: int
    base_url: str
    name: str | None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    site_id: int
    kind: str
    url: str
    permalink: str | None
    author_name: str | None
    author_url: str | None
    published: datetime | None
    published_tz_known: bool
    site: SiteRow | None


@dataclass(frozen=True, slots=True)
class EntityName:
    name: str


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    statement_id: int | None
    subject_entity_id: int | None
    predicate: str
    verb: str | None
    object_text: str | None
    object_entity_id: int | None
    object_entity: EntityName | None
    edtf: str | None
    earliest: date | None
    latest: date | None
    time_text: str | None
    place_text: str | None
    modality: str
    attributed_to: str | None
    quote: str
    document: DocumentRow


def claim_rows(session: Session, subject_ids: list[int] | None = None) -> list[ClaimRow]:
    """Every claim with a subject entity (of `subject_ids` when given), in id order, each with its
    document and site; one document or site is one row object however many claims it has."""
    obj = aliased(Entity)
    query = (
        select(
            Claim.id, Claim.statement_id, Claim.subject_entity_id, Claim.predicate, Claim.verb,
            Claim.object_text, Claim.object_entity_id, obj.name, Claim.edtf, Claim.earliest,
            Claim.latest, Claim.time_text, Claim.place_text, Claim.modality, Claim.attributed_to,
            Claim.quote,
            Document.id, Document.site_id, Document.kind, Document.url, Document.permalink,
            Document.author_name, Document.author_url, Document.published,
            Document.published_tz_known,
            Site.id, Site.base_url, Site.name,
        )
        .join(Document, Document.id == Claim.document_id)
        .outerjoin(Site, Site.id == Document.site_id)
        .outerjoin(obj, obj.id == Claim.object_entity_id)
        .where(Claim.subject_entity_id.is_not(None))
        .order_by(Claim.id)
    )
    if subject_ids is not None:
        query = query.where(Claim.subject_entity_id.in_(subject_ids))
    sites: dict[int, SiteRow] = {}
    docs: dict[int, DocumentRow] = {}
    names: dict[str, EntityName] = {}
    out = []
    for r in session.execute(query):
        (cid, statement_id, subject_id, predicate, verb, object_text, object_id, object_name, edtf,
         earliest, latest, time_text, place_text, modality, attributed_to, quote,
         doc_id, site_id, kind, url, permalink, author, author_url, published, tz_known,
         s_id, s_base, s_name) = r
        doc = docs.get(doc_id)
        if doc is None:
            site = None
            if s_id is not None:
                site = sites.get(s_id) or sites.setdefault(s_id, SiteRow(s_id, s_base, s_name))
            doc = docs[doc_id] = DocumentRow(doc_id, site_id, kind, url, permalink, author, author_url,
                                             published, bool(tz_known), site)
        named = None
        if object_name is not None:
            named = names.get(object_name) or names.setdefault(object_name, EntityName(object_name))
        out.append(ClaimRow(cid, statement_id, subject_id, predicate, verb, object_text, object_id,
                            named, edtf, earliest, latest, time_text, place_text, modality,
                            attributed_to, quote, doc))
    return out
