"""Plain records the extractor returns: mentions, claims, and the thread context it reads.

They carry no database ids: offsets index the document's original text, and mentions point at
each other by list index and by coreference chain id, so the DB stage can store them as it likes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class TimeOut:
    """A claim's time: EDTF plus sortable bounds (None = open), and the words it came from."""

    edtf: str
    earliest: date | None
    latest: date | None
    text: str

    @classmethod
    def from_value(cls, value: Any) -> TimeOut:
        """Copy any object with edtf/earliest/latest/text attributes (reconcile.timex.TimeValue)."""
        return cls(value.edtf, value.earliest, value.latest, getattr(value, "text", "") or "")


@dataclass
class MentionOut:
    start: int
    end: int
    surface: str
    type: str
    """PERSON, ORG, PLACE or ROLE."""
    title: str | None = None
    """Honorifics and titles split off a person's name ("Senator", "Mr", "then-President")."""
    name: str | None = None
    """The name without title; for a pronoun, its antecedent's name."""
    chain: str | None = None
    """Coreference chain id: mentions of one person within the document or thread share it."""
    is_pronoun: bool = False


@dataclass
class ClaimOut:
    subject_chain: str | None
    subject: str
    """Subject surface as written (a pronoun stays "he"; the chain says who it is)."""
    subject_name: str | None
    """The subject's name (the chain's best name), for readers and the resolver."""
    subject_mention: int | None
    """Index into Extraction.mentions of the mention that expresses the subject, if any."""
    predicate: str
    object_text: str | None
    object_mention: int | None
    """Index into Extraction.mentions when the object is a named mention."""
    time: TimeOut | None
    place: str | None
    modality: str
    attributed_to: str | None
    quote: str
    quote_start: int
    quote_end: int
    verb: str
    confidence: float

    @property
    def edtf(self) -> str | None:
        return self.time.edtf if self.time else None


@dataclass(frozen=True)
class AliasOut:
    """The text states that two named mentions are one ("X, also known as Y", "X (Y)").

    The resolver treats it as must-link evidence, cited by its quote. `a` and `b` index
    Extraction.mentions; the quote's offsets index the document's original text.
    """

    a: int
    b: int
    cue: str
    """The words that state it: "also known as", "a.k.a.", "now known as", "brackets", ..."""
    quote: str
    quote_start: int
    quote_end: int


class _Mentioned(Protocol):
    @property
    def chain(self) -> str | None: ...
    @property
    def type(self) -> str: ...


def event_key(chain: str, predicate: str) -> str:
    return f"{chain}|{predicate}"


def salient_chain(mentions: Iterable[_Mentioned]) -> str | None:
    """The person a document is about, for a reply's bare "he": the one mentioned most (names
    and pronouns), and of those mentioned as often, the one named first (a story's lead; the
    official quoted later says "he" as often). `mentions` in text order."""
    people: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "PERSON" and m.chain:
            people[m.chain] += 1
            first.setdefault(m.chain, i)
    return max(people, key=lambda c: (people[c], -first[c])) if people else None


@dataclass
class Extraction:
    mentions: list[MentionOut] = field(default_factory=list)
    claims: list[ClaimOut] = field(default_factory=list)
    aliases: list[AliasOut] = field(default_factory=list)
    """Name pairs the text itself says are one entity."""
    chains: dict[str, str] = field(default_factory=dict)
    """Chain id -> best (longest) name of the person it stands for."""
    salient: str | None = None
    """Chain id of the person the document is mostly about (for replies' pronouns)."""


@dataclass
class ThreadContext:
    """What a comment inherits from the post and the comments it replies to.

    `chains` maps chain id -> list of names used for that person higher up the thread;
    `salient` is the chain a bare "he" in a reply most likely means (the parent's main subject).
    Build it with `ThreadContext.child(extraction)` while walking down the thread.
    """

    chains: dict[str, list[str]] = field(default_factory=dict)
    salient: str | None = None
    types: dict[str, str] = field(default_factory=dict)
    """Chain id -> mention type of the chain (PERSON, ORG, PLACE)."""
    titles: list[str] = field(default_factory=list)
    """Titles of the thread's documents above, root first: a thread about "Acme 7941" makes
    "Acme" in a reply the maker's name, not a place."""
    speakers: list[str] = field(default_factory=list)
    """Names the documents above are signed with: "Omar is right. But he was ..." answers the
    reader Omar; the "he" is still the man the thread is about."""
    events: dict[str, TimeOut] = field(default_factory=dict)
    """`event_key(chain, predicate)` -> when the documents above told it happened: a reply's
    "Sher Zaman was not killed" denies the killing the post dated."""

    def child(self, extraction: Extraction, author: str | None = None) -> ThreadContext:
        """The context for a reply to the document that produced `extraction` (signed `author`)."""
        chains = {k: list(v) for k, v in self.chains.items()}
        types = dict(self.types)
        for m in extraction.mentions:
            if m.chain is None or m.is_pronoun:
                continue
            names = chains.setdefault(m.chain, [])
            bare = m.name or m.surface
            if bare not in names:
                names.append(bare)
            types.setdefault(m.chain, m.type)
        speakers = [*self.speakers, author] if author else list(self.speakers)
        events = dict(self.events)
        for c in extraction.claims:
            if c.time is not None and c.subject_chain and c.modality != "negated":
                events.setdefault(event_key(c.subject_chain, c.predicate), c.time)
        return ThreadContext(chains, extraction.salient or self.salient, types, list(self.titles), speakers, events)


@runtime_checkable
class Extractor(Protocol):
    """Anything that turns one document into mentions and claims; rule-based today."""

    name: str
    version: str

    def extract(
        self, text: str, *, published: Any = None, kind: str = "post",
        context: ThreadContext | None = None, doc_key: str | None = None,
    ) -> Extraction: ...
