"""Who a claim comes from: the source identity relations use, and a label a reader recognises.

Independence follows the original source, not only the page it was read on:

- a claim relayed from a named outlet or speaker ("officials have told the BBC", "according to
  Abdul Ghafore Dastyaar") comes from that outlet or speaker, on whatever site and by whatever
  author it is relayed: the BBC quoted by two blogs is one source;
- the unnamed speakers one author relays ("officials", "correspondents", "provincial officials")
  cannot be told apart: they are one source, that author's relayed report, apart from the
  author's own voice;
- anything else comes from its author on its site (an anonymous comment is its own source).

A document whose text is a copy of another's (two captures of one post) speaks with the voice of
the first capture (:func:`copies`), so its claims duplicate the original's and never corroborate
them. Two claims are independent when their sources differ; the same source gives duplicates,
never corroboration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from datetime import date

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

UNNAMED_SPEAKERS: frozenset[str] = frozenset({
    "officials", "official", "sources", "source", "correspondents", "correspondent", "police",
    "witnesses", "witness", "residents", "villagers", "elders", "spokesman", "spokeswoman",
    "spokesperson", "authorities", "diplomats", "analysts", "reports", "report", "media",
    "journalists", "journalist", "observers", "investigators", "aides", "relatives", "colleagues",
    "locals", "people", "reporters", "reporter", "someone", "others",
})
"""Nouns for people who relay news without being named: an attribution made only of these and
of the words in :data:`UNNAMED_QUALIFIERS` names no original source of its own."""
UNNAMED_QUALIFIERS: frozenset[str] = frozenset({
    "the", "a", "an", "some", "several", "many", "two", "three", "other", "local", "senior",
    "provincial", "district", "government", "security", "western", "foreign", "unnamed",
    "anonymous", "military", "army", "low", "high", "level", "ranking", "top", "former", "and", "of", "in",
})

MIN_COPY_CHARS = 80
"""Texts at least this long that are equal are copies of one another; shorter ones ("Thanks!",
"Agreed.") are equal by chance."""


@dataclass(frozen=True)
class ClaimView:
    """What relation rules read of a claim (built from the store, or by hand in tests)."""

    id: int
    subject_entity_id: int | None
    predicate: str
    object_names: tuple[str, ...] = ()
    object_entity_id: int | None = None
    object_type: str | None = None
    edtf: str | None = None
    earliest: date | None = None
    latest: date | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    document_id: int = 0
    kind: str = "post"
    author: str | None = None
    site_id: int = 0
    site: str = ""
    confidence: float = 1.0
    quote: str = ""
    place: str | None = None
    """Where the claim says it held ("governor of Nangarhar"), as written."""
    place_entity_id: int | None = None
    statement_id: int | None = None
    """The stored statement this claim is a reference of, if any yet."""
    time_text: str | None = None
    """The claim's time as written ("until 2006"): a correction after it names the time it
    replaces ("until 2006, not 2007")."""
    copy_of: Origin | None = None
    """The first capture of this document's text when this document is a copy of it (two
    captures of one post): the claim's source is the original's."""
    order_key: tuple[str, int, str] = ("", 0, "")
    """(document URL or permalink, quote offset, claim key): the order relations are computed
    in, taken from the content rather than the row id, so the same claims give the same links
    and reasons whatever order they were stored in."""

    @property
    def span(self) -> tuple[date | None, date | None]:
        return (self.earliest, self.latest)

    @property
    def author_key(self) -> str:
        """The author, or the document itself when it names none (an anonymous comment is its
        own source; an anonymous post stands for the blog's author)."""
        return author_key(self.author, self.kind, self.document_id)

    @cached_property
    def source_key(self) -> tuple[str, ...]:
        o = self.copy_of
        if o is not None:
            return source_key(o.site_id, o.author, o.kind, o.document_id, self.attributed_to)
        return source_key(self.site_id, self.author, self.kind, self.document_id, self.attributed_to)

    @property
    def origin(self) -> str | None:
        """The named outlet or speaker the claim is relayed from ('bbc'), if any."""
        return relayed_origin(self.attributed_to)

    def label(self) -> str:
        """'BBC, quoted in a post on example.org' / 'SOTI, in a comment on example.org' / 'UN
        Security Council Consolidated List TAi.024' (a list entry states it: its reference says which)."""
        if self.kind == "authority":
            return self.attributed_to or self.site or "a list entry"
        article = "an" if self.kind[:1] in "aeiou" else "a"
        where = f"{article} {self.kind} on {self.site}" if self.site else f"{article} {self.kind}"
        if self.attributed_to:
            return f"{self.attributed_to}, quoted in {where}"
        if self.author:
            return f"{self.author}, in {where}"
        return where


def author_key(author: str | None, kind: str, document_id: int) -> str:
    if author and author.strip():
        return _SPACE.sub(" ", author.strip().lower())
    return f"anonymous {kind} {document_id}" if kind == "comment" else "anonymous post author"


def relayed_origin(attributed_to: str | None) -> str | None:
    """The named outlet or speaker an attribution names, folded ('BBC correspondents' and 'the
    BBC' -> 'bbc'), or None when it names nobody in particular ('officials', 'provincial
    officials', 'Correspondents')."""
    if not attributed_to:
        return None
    words = [w.lower() for w in _WORD.findall(attributed_to)]
    generic = UNNAMED_SPEAKERS | UNNAMED_QUALIFIERS
    while words and words[0] in generic:
        words.pop(0)
    while words and words[-1] in generic:
        words.pop()
    if words:
        words[-1] = words[-1].removesuffix("'s").removesuffix("\u2019s")
    kept = words
    return " ".join(kept) or None


def source_key(site_id: int, author: str | None, kind: str, document_id: int,
               attributed_to: str | None) -> tuple[str, ...]:
    """A claim's source (see the module's rules). Claims with different keys are independent."""
    origin = relayed_origin(attributed_to)
    if origin:
        return ("relayed", origin)
    who = author_key(author, kind, document_id)
    if attributed_to and attributed_to.strip():
        return ("unnamed", str(site_id), who)
    return ("author", str(site_id), who)


def independent(a: ClaimView, b: ClaimView) -> bool:
    return a.source_key != b.source_key


@dataclass(frozen=True)
class Origin:
    """The document a copy was first captured as: the copy's claims speak with its voice."""

    document_id: int
    site_id: int
    author: str | None
    kind: str
    address: str


def copies(documents: Iterable[tuple[Origin, str | None, int]]) -> dict[int, Origin]:
    """Documents whose text is a copy of another's: document id -> the first capture (the
    smallest address, then id, so the answer does not depend on the order they were stored in).

    `documents`: (the document as an :class:`Origin`, its content hash, its text length)."""
    by_hash: dict[str, list[Origin]] = defaultdict(list)
    for doc, digest, length in documents:
        if digest and length >= MIN_COPY_CHARS:
            group = by_hash[digest]
            if all(d.document_id != doc.document_id for d in group):
                group.append(doc)
    out: dict[int, Origin] = {}
    for group in by_hash.values():
        if len(group) > 1:
            first = min(group, key=lambda d: (d.address, d.document_id))
            for d in group:
                if d.document_id != first.document_id:
                    out[d.document_id] = first
    return out


def _first_capture(c: ClaimView) -> int:
    return c.copy_of.document_id if c.copy_of is not None else c.document_id


def sameness(a: ClaimView, b: ClaimView) -> str:
    """Why two claims have one source, in words: 'the same text in two documents', 'both relay
    bbc', 'unnamed speakers relayed by Helen Marsh', 'the same author'."""
    if a.document_id != b.document_id and _first_capture(a) == _first_capture(b):
        return "the same text in two documents (a copy, not an independent source)"
    if a.origin and a.origin == b.origin:
        return f"both relay {a.origin}"
    if a.source_key[0] == "unnamed" and b.source_key[0] == "unnamed":
        who = a.author or "the same author"
        return f"unnamed speakers relayed by {who}"
    if a.source_key[0] == "author":
        return "the same author" if a.author else "the same anonymous writer"
    return "the same source"
