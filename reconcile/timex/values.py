"""The normaliser's results: a time value (EDTF plus bounds) and where in a text it was found."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TimeValue:
    """A normalised time.

    `edtf` is always a valid EDTF string; `earliest`/`latest` are its strict bounds (None where
    the value is open), with earliest <= latest. `resolved_from` says what a relative phrase was
    resolved against: "anchor" (the document date) or "context" (the last date mentioned
    before it in the same text); None for phrases that name their date outright.
    """

    edtf: str
    earliest: date | None
    latest: date | None
    text: str
    resolved_from: str | None = None


@dataclass(frozen=True)
class TimeMatch:
    """A time phrase in a text: `text[start:end]` is `value.text`."""

    start: int
    end: int
    value: TimeValue
