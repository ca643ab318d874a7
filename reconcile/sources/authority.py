"""Listed entries stored as sources of kind `authority`: one document per entry, written so a
reader can check it (the listed name, aliases, births, designations, listing), with its
mentions, stated aliases (must-links) and claims, the list's reference number as the claims'
attribution. The extract stage leaves these documents alone (it does not re-read them).

Re-ingesting a newer list updates an entry in place (same site and reference number): mentions
keep their ids where their spans stay, claims where what they say stays.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reconcile.extract.types import AliasOut, ClaimOut, Extraction, MentionOut, TimeOut
from reconcile.resolve.alias_store import store_aliases
from store.models import Claim, Document, Site, utcnow

from .sanctions import READERS, ListedEntry, ListError, detect

KIND = "authority"
EXTRACTOR = "sanctions-list"
EXTRACTOR_VERSION = "1"


@dataclass
class AuthoritySummary:
    files: int = 0
    entries_new: int = 0
    entries_updated: int = 0
    entries_unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _Text:
    """Builds an entry's text while recording spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _place(t: _Text, ex: Extraction, place: str) -> int:
    """Write a listed place ("Yatimak village, Dehrawood District, Uruzgan Province, Afghanistan"):
    each part is a place mention of its own, so the village is one place and the province around
    it is context that keeps it apart from a namesake elsewhere; returns the first part's index."""
    first = len(ex.mentions)
    for k, part in enumerate(place.split(", ")):
        if k:
            t.add(", ")
        s, e = t.add(part)
        if part.strip():
            ex.mentions.append(MentionOut(s, e, part, "PLACE", name=part))
    return first


def render(entry: ListedEntry) -> tuple[str, Extraction]:
    """The entry's text and what it says, as an extraction would give it."""
    t = _Text()
    ex = Extraction()
    attributed = f"{entry.list_name} {entry.ref}"
    chain = f"list:{entry.ref}"
    s, e = t.add(entry.name)
    ex.mentions.append(MentionOut(s, e, entry.name, entry.type, name=entry.name, chain=chain))
    t.add(".")
    if entry.aliases:
        quote_start, _ = t.add("\nAlso known as: ")
        for k, (alias, word) in enumerate(entry.aliases):
            if k:
                t.add("; ")
            s, e = t.add(alias)
            ex.mentions.append(MentionOut(s, e, alias, entry.type, name=alias))
            t.add(f" ({word})")
            ex.aliases.append(AliasOut(0, len(ex.mentions) - 1, word[:64], f"{entry.name} ... also known as: {alias} ({word})",
                                       quote_start, e))
        t.add(".")
    places = entry.birth_places or [""]
    for birth in entry.births or []:
        start, _ = t.add("\nBorn " + birth.text)
        place = places[0]
        obj = None
        if place:
            t.add(" in ")
            obj = _place(t, ex, place)
        _, end = t.add(".")
        ex.claims.append(ClaimOut(chain, entry.name, entry.name, 0, "born", place or None, obj,
                                  TimeOut(birth.edtf, birth.earliest, birth.latest, birth.text), place or None,
                                  "asserted", attributed, t.text[start + 1 : end], start + 1, end, "born", 1.0))
    if not entry.births:
        for place in entry.birth_places:
            start, _ = t.add("\nBorn in ")
            obj = _place(t, ex, place)
            _, end = t.add(".")
            ex.claims.append(ClaimOut(chain, entry.name, entry.name, 0, "born", place, obj, None,
                                      place, "asserted", attributed, t.text[start + 1 : end], start + 1, end, "born", 1.0))
    for designation in entry.designations:
        start, _ = t.add("\n")
        _, end = t.add(designation + ".")
        ex.claims.append(ClaimOut(chain, entry.name, entry.name, 0, "position_held", designation, None, None, None,
                                  "asserted", attributed, t.text[start + 1 : end], start + 1, end, "designated", 1.0))
    listed = f" on {entry.listed_on.isoformat()}" if entry.listed_on else ""
    t.add(f"\nListed{listed} as {entry.ref} ({entry.list_name}).")
    if entry.remarks:
        t.add("\n" + entry.remarks)
    return t.text, ex


def _site(session: Session, entry: ListedEntry) -> Site:
    site = session.scalars(select(Site).where(Site.base_url == entry.list_url)).first()
    if site is None:
        site = Site(base_url=entry.list_url, platform="sanctions-list", name=entry.list_name)
        session.add(site)
        session.flush()
    return site


def store_entry(session: Session, entry: ListedEntry, source: str, summary: AuthoritySummary) -> Document:
    from reconcile.extract_stage import ExtractSummary, _store_claims, _store_mentions

    text, ex = render(entry)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    site = _site(session, entry)
    key = f"entry:{entry.ref}"
    doc = session.scalars(select(Document).where(Document.site_id == site.id, Document.doc_key == key)).first()
    if doc is not None and doc.content_hash == digest:
        summary.entries_unchanged += 1
        return doc
    published = datetime.combine(entry.listed_on, datetime.min.time()) if entry.listed_on else None
    values = dict(kind=KIND, url=f"{entry.list_url}#{entry.ref}", permalink=f"{entry.list_url}#{entry.ref}",
                  platform_id=entry.ref, title=f"{entry.ref} {entry.name}", author_name=entry.list_name,
                  published=published, published_text=entry.listed_on.isoformat() if entry.listed_on else None,
                  published_tz_known=False, language="en", text=text, content_hash=digest, source=source,
                  fetched_at=entry.list_date or utcnow(), extracted_hash=digest,
                  extractor_version=f"{EXTRACTOR}/{EXTRACTOR_VERSION}")
    if doc is None:
        doc = Document(site_id=site.id, doc_key=key, **values)
        session.add(doc)
        summary.entries_new += 1
    else:
        for k, v in values.items():
            setattr(doc, k, v)
        summary.entries_updated += 1
    session.flush()
    rows = _store_mentions(session, doc, ex.mentions, ExtractSummary())
    _store_claims(session, doc, ex, rows, ExtractSummary())
    session.flush()
    for c in session.scalars(select(Claim).where(Claim.document_id == doc.id)):
        c.extractor, c.extractor_version = EXTRACTOR, EXTRACTOR_VERSION
    store_aliases(session, doc.id, ex.aliases, [r.id for r in rows])
    return doc


def ingest_lists(session: Session, paths: Iterable[Path],
                 on_problem: Callable[[str], None] | None = None) -> AuthoritySummary:
    """Store every sanctions list file of ``paths`` (see :func:`reconcile.sources.sanctions.detect`).
    A file that cannot be read is reported with its name and reason; the others go on."""
    summary = AuthoritySummary()
    for path in paths:
        kind = detect(path)
        if kind not in READERS:
            continue
        summary.files += 1
        try:
            with session.begin_nested():
                for entry in READERS[kind](path):
                    store_entry(session, entry, f"list:{kind}", summary)
        except (ListError, ValueError, OSError) as exc:
            message = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            summary.errors.append(message)
            if on_problem is not None:
                on_problem(message)
    session.flush()
    return summary


def is_list_file(path: Path) -> bool:
    """A file `claimline ingest` reads as a sanctions list (or part of one)."""
    return detect(path) is not None
