"""The one schema everyone shares (DESIGN.md, "Data model").

Times are stored as naive UTC datetimes; `published_text` keeps what the page showed and
`published_tz_known` says whether the zone was given or inferred (else the time is as shown).
Every table that the crawler or ingest writes has a natural key with a unique constraint so that
re-reading the same material is an update (`INSERT ... ON CONFLICT`), never a duplicate.
"""
from __future__ import annotations

from datetime import date, datetime, UTC

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

DOCUMENT_KINDS = ("post", "comment")
MENTION_TYPES = ("PERSON", "ORG", "PLACE", "ROLE")
MODALITIES = ("asserted", "reported", "hedged", "negated")
LINK_TYPES = ("conflicts", "supplements", "corroborates", "duplicates")
LINK_STATUSES = ("open", "confirmed", "dismissed")
DECISION_ACTIONS = ("merge", "split", "retype", "undo")
EVIDENCE_KINDS = ("decision", "alias", "chain", "same_name", "score")


def utcnow() -> datetime:
    """Naive UTC, the convention for every stored time."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    base_url: Mapped[str] = mapped_column(String(2048), unique=True)
    platform: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="site")


class Document(Base):
    """A post or a comment.

    `doc_key` is the natural key within a site: `post:<id>` / `comment:<id>` when the platform
    gives an id, else `url:<canonical url or permalink>`; unique per site.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("site_id", "doc_key"),
        Index("ix_documents_site_id_url", "site_id", "url"),
        Index("ix_documents_site_id_permalink", "site_id", "permalink"),
        Index("ix_documents_site_id_parent_key", "site_id", "parent_key"),
        # reliability reads copies and each document's site and author without the texts
        Index("ix_documents_content_hash", "content_hash"),
        Index("ix_documents_site_id_author_name", "site_id", "author_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    doc_key: Mapped[str] = mapped_column(String(2048))
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(String(2048))
    permalink: Mapped[str | None] = mapped_column(String(2048))
    platform_id: Mapped[str | None] = mapped_column(String(256))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    root_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    parent_key: Mapped[str | None] = mapped_column(String(2048))
    """The parent's doc_key as the page gave it, kept so a parent stored later is linked then."""
    title: Mapped[str | None] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(String(512))
    author_url: Mapped[str | None] = mapped_column(String(2048))
    published: Mapped[datetime | None] = mapped_column(DateTime)
    published_text: Mapped[str | None] = mapped_column(String(256))
    published_tz_known: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(16))
    is_pingback: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(32))
    """How it arrived: crawl, html, wxr, blogger, warc, feed, wp-rest, text."""
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)
    extracted_hash: Mapped[str | None] = mapped_column(String(64))
    extractor_version: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    site: Mapped[Site] = relationship(back_populates="documents")
    parent: Mapped[Document | None] = relationship(
        remote_side="Document.id", foreign_keys=[parent_id]
    )
    root: Mapped[Document | None] = relationship(remote_side="Document.id", foreign_keys=[root_id])


class Fetch(Base):
    """The crawl log: one row per request, for incremental re-crawls and error reports."""

    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_url_fetched_at", "url", "fetched_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int | None] = mapped_column(
        ForeignKey("sites.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str] = mapped_column(String(2048))
    status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    bytes: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str | None] = mapped_column(String(512), index=True)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Mention(Base):
    """A span of a document's text naming a person, group, place or role."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("document_id", "start", "end", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(String(512))
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(String(512))
    """The name without title, as the resolver should read it (a pronoun's antecedent name)."""
    name_key: Mapped[str | None] = mapped_column(String(512), index=True)
    chain: Mapped[str | None] = mapped_column(String(128))
    """Coreference chain within a document or thread (pronouns and short forms share it)."""
    is_pronoun: Mapped[bool] = mapped_column(Boolean, default=False)
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )

    document: Mapped[Document] = relationship()
    entity: Mapped[Entity | None] = relationship()


class EntityDecision(Base):
    """A human must-link (merge) or cannot-link (split) decision; the resolver obeys it forever.

    Decisions point at mentions, which are stable, not at entity ids, which a re-run may change;
    the entity ids and names at the time are kept for the record.
    """

    __tablename__ = "entity_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    mention_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL"), index=True
    )
    mention_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL"), index=True
    )
    name_a: Mapped[str | None] = mapped_column(String(512))
    name_b: Mapped[str | None] = mapped_column(String(512))
    entity_a_id: Mapped[int | None] = mapped_column(Integer)
    entity_b_id: Mapped[int | None] = mapped_column(Integer)
    decided_by: Mapped[str] = mapped_column(String(256))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    entity_type: Mapped[str | None] = mapped_column(String(16))
    """retype: the type the entity is given."""
    previous_type: Mapped[str | None] = mapped_column(String(16))
    """retype: the type it had (for the record, and for undo)."""
    target_id: Mapped[int | None] = mapped_column(Integer)
    """undo: the decision it withdraws."""
    withdrawn_by_id: Mapped[int | None] = mapped_column(Integer)
    """The undo decision that withdrew this one; a withdrawn decision binds nothing but stays."""


class RetypedSpan(Base):
    """A span a retype decision gave a type: re-applied by every resolution, so the decision
    holds when the document is extracted again and its mentions are made anew."""

    __tablename__ = "retyped_spans"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("entity_decisions.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class MentionAlias(Base):
    """The text states that two mentions name one entity ("X, also known as Y"): must-link
    evidence the resolver obeys (after human decisions), cited by its quote."""

    __tablename__ = "mention_aliases"
    __table_args__ = (UniqueConstraint("mention_a_id", "mention_b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    mention_a_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    mention_b_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    cue: Mapped[str] = mapped_column(String(64))
    quote: Mapped[str] = mapped_column(Text)
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)


class JoinEvidence(Base):
    """Why two mentions were put in one entity by the last resolution that joined them: the
    decision or stated alias that forced it, the coreference chain, the identical name, or the
    scored comparison (name similarity, shared context, blocking key)."""

    __tablename__ = "join_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_a_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    mention_b_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    name_score: Mapped[float | None] = mapped_column(Float)
    context_score: Mapped[float | None] = mapped_column(Float)
    shared_context: Mapped[str | None] = mapped_column(Text)
    blocking_key: Mapped[str | None] = mapped_column(String(512))
    decision_id: Mapped[int | None] = mapped_column(Integer)
    alias_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("document_id", "claim_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    claim_key: Mapped[str] = mapped_column(String(64))
    """Stable hash of what the claim says and where, so re-extraction keeps claim ids."""
    subject_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL"), index=True
    )
    subject_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    subject_text: Mapped[str | None] = mapped_column(String(512))
    predicate: Mapped[str] = mapped_column(String(32), index=True)
    verb: Mapped[str | None] = mapped_column(String(256))
    object_text: Mapped[str | None] = mapped_column(Text)
    object_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentions.id", ondelete="SET NULL"), index=True
    )
    object_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    edtf: Mapped[str | None] = mapped_column(String(128))
    earliest: Mapped[date | None] = mapped_column(Date)
    latest: Mapped[date | None] = mapped_column(Date)
    time_text: Mapped[str | None] = mapped_column(String(256))
    place_text: Mapped[str | None] = mapped_column(String(512))
    place_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    modality: Mapped[str] = mapped_column(String(16), default="asserted")
    attributed_to: Mapped[str | None] = mapped_column(String(512))
    quote: Mapped[str] = mapped_column(Text)
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    """The statement this claim is a reference of (set by reconcile)."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[Document] = relationship()
    statement: Mapped[Statement | None] = relationship(back_populates="references", foreign_keys=[statement_id])
    subject_entity: Mapped[Entity | None] = relationship(foreign_keys=[subject_entity_id])
    object_entity: Mapped[Entity | None] = relationship(foreign_keys=[object_entity_id])


class Statement(Base):
    """Claims that say one thing about one subject (Wikidata's statement with its references).

    Every claim with a subject entity refers to one statement (`claims.statement_id`); a claim
    that corroborates or repeats another is one more reference of the same statement, so
    corroboration adds a reference instead of a pair of links. `conflicts` and `supplements`
    links relate statements (`claim_links.a_statement_id`/`b_statement_id`).

    `predicate` is the predicate family; `head_claim_id` the first (lowest id) reference, which a
    reference's own `corroborates`/`duplicates` link points to; `edtf`/`earliest`/`latest` the
    time all dated references allow (their most precise one); the counts are references and
    distinct independent sources among them.
    """

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_subject_entity_id_predicate", "subject_entity_id", "predicate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL")
    )
    predicate: Mapped[str] = mapped_column(String(32))
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    head_claim_id: Mapped[int | None] = mapped_column(Integer)
    """Not a foreign key (claims point here): the reference the others' links point to."""
    edtf: Mapped[str | None] = mapped_column(String(128))
    earliest: Mapped[date | None] = mapped_column(Date)
    latest: Mapped[date | None] = mapped_column(Date)
    reference_count: Mapped[int] = mapped_column(Integer, default=0)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    """Distinct independent sources (site, author, who they quote) among the references."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    references: Mapped[list[Claim]] = relationship(
        back_populates="statement", order_by="Claim.id", foreign_keys="Claim.statement_id"
    )


class ClaimLink(Base):
    __tablename__ = "claim_links"
    __table_args__ = (UniqueConstraint("a_claim_id", "b_claim_id", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    a_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    b_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    a_statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    """The statements the link relates (a conflict or supplement), or, for a `corroborates` or
    `duplicates` link, the one statement both claims are references of."""
    b_statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(16), index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    reviewer: Mapped[str | None] = mapped_column(String(256))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    a: Mapped[Claim] = relationship(foreign_keys=[a_claim_id])
    b: Mapped[Claim] = relationship(foreign_keys=[b_claim_id])


class ReviewLog(Base):
    """Every review action (confirm, dismiss, note, undo) with who, when and why."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_links.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    previous_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str | None] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(256))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class SourceScore(Base):
    """Reliability of an author or a site, from how its claims fare (truth discovery + review)."""

    __tablename__ = "source_scores"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(2048))
    score: Mapped[float] = mapped_column(Float, default=0.5)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    corroborated: Mapped[int] = mapped_column(Integer, default=0)
    contradicted: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ReviewPresence(Base):
    """A reviewer who has a claim link open, and when they were last seen on it (naive UTC).

    A heartbeat kept in the store, so that reviewers on several `claimline serve` processes, or in
    `claimline review`, on one store are told of each other; a row older than
    `store.presence.PRESENCE_SECONDS` is nobody (`store.presence` writes, reads and clears them).
    """

    __tablename__ = "review_presence"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("claim_links.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    reviewer: Mapped[str] = mapped_column(String(256), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class ExtractLease(Base):
    """A thread taken by one extraction run or worker until `expires_at` (naive UTC).

    The key is the thread's root document: a thread is read parents first (a reply with the
    names above it), so it is one unit of work, never split between two writers. A lease that
    expires (its holder was killed) may be taken by anyone; `store.leases` has the protocol.
    """

    __tablename__ = "extract_leases"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    owner: Mapped[str] = mapped_column(String(128), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
