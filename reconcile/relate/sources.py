"""Who a claim comes from: the source identity relations use, and a label a reader recognises.

A source is (site, author, who the author attributes the claim to). Two claims are independent
when their sources differ: another site, another author, or, within one page, another quoted
source (a biography quoted beside a BBC report) or a comment by someone other than the post's
author. Same source: duplicates, never corroboration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

_SPACE = re.compile(r"\s+")


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
    def source_key(self) -> tuple[int, str, str]:
        return source_key(self.site_id, self.author, self.kind, self.document_id, self.attributed_to)

    def label(self) -> str:
        """'BBC, quoted in a post on example.org' / 'SOTI, in a comment on example.org'."""
        where = f"a {self.kind} on {self.site}" if self.site else f"a {self.kind}"
        if self.attributed_to:
            return f"{self.attributed_to}, quoted in {where}"
        if self.author:
            return f"{self.author}, in {where}"
        return where


def author_key(author: str | None, kind: str, document_id: int) -> str:
    if author and author.strip():
        return _SPACE.sub(" ", author.strip().lower())
    return f"anonymous {kind} {document_id}" if kind == "comment" else "anonymous post author"


def source_key(site_id: int, author: str | None, kind: str, document_id: int,
               attributed_to: str | None) -> tuple[int, str, str]:
    """A claim's source: (site, author, who the author quotes). Claims with different keys are
    independent."""
    return (site_id, author_key(author, kind, document_id), _SPACE.sub(" ", (attributed_to or "").strip().lower()))


def independent(a: ClaimView, b: ClaimView) -> bool:
    return a.source_key != b.source_key
