"""Who a claim comes from: the source identity relations use, and a label a reader recognises.

A source is (site, author, who the author attributes the claim to). Two claims are independent
when their sources differ: another site, another author, or, within one page, another quoted
source (a biography quoted beside a BBC report) or a comment by someone other than the post's
author. Same source: duplicates, never corroboration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
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
        if self.author:
            return _SPACE.sub(" ", self.author.strip().lower())
        return f"anonymous {self.kind} {self.document_id}" if self.kind == "comment" else "anonymous post author"

    @property
    def source_key(self) -> tuple[int, str, str]:
        return (self.site_id, self.author_key, _SPACE.sub(" ", (self.attributed_to or "").strip().lower()))

    def label(self) -> str:
        """'BBC, quoted in a post on example.org' / 'SOTI, in a comment on example.org'."""
        where = f"a {self.kind} on {self.site}" if self.site else f"a {self.kind}"
        if self.attributed_to:
            return f"{self.attributed_to}, quoted in {where}"
        if self.author:
            return f"{self.author}, in {where}"
        return where


def independent(a: ClaimView, b: ClaimView) -> bool:
    return a.source_key != b.source_key
