"""Corrections a claim states beside its own time: "until 2006, not 2007", "in 1956 (not
1958)", "not in 2007 but in 2006", "in 2006 rather than 2007".

A writer who corrects a time says two things: the time the claim holds, and a time they reject.
Another claim stating the rejected time is not the same fact within a year's slack: the writer
contradicts it on purpose, and the link says so. The extractor stores the kept time; the
rejected one is read here from the claim's quote, next to the kept year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import ClaimView

_YEAR = r"(?:1[6-9]|20)\d\d"
_PREP = r"(?:(?:in|until|till|to|from|since|before|after|as\s+late\s+as|as\s+early\s+as)\s+)?"
_KEPT_FIRST = re.compile(
    rf"(?<!\d)(?P<kept>{_YEAR})(?!\d)\s*[,(\u2013\u2014-]?\s*(?:and\s+|but\s+)?(?:not|rather\s+than|instead\s+of)\s+{_PREP}(?P<gone>{_YEAR})(?!\d)",
    re.IGNORECASE,
)
_GONE_FIRST = re.compile(
    rf"\bnot\s+{_PREP}(?P<gone>{_YEAR})(?!\d)\s*,?\s*but\s+{_PREP}(?P<kept>{_YEAR})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Correction:
    bound: str
    """Which of the claim's times the correction is about: 'start', 'end' or 'time'."""
    kept: int
    gone: int


def correction(c: ClaimView) -> Correction | None:
    """The correction a claim states about its own time, if any: its kept year must be one of the
    claim's bounds (the sentence may name other years)."""
    if c.earliest is None and c.latest is None:
        return None
    for pattern in (_KEPT_FIRST, _GONE_FIRST):
        for m in pattern.finditer(c.quote):
            kept, gone = int(m.group("kept")), int(m.group("gone"))
            if kept == gone:
                continue
            lo = c.earliest.year if c.earliest else None
            hi = c.latest.year if c.latest else None
            if lo == hi == kept:
                return Correction("time", kept, gone)
            if hi == kept:
                return Correction("end", kept, gone)
            if lo == kept:
                return Correction("start", kept, gone)
    return None


def corrects(fix: Correction, other: ClaimView) -> bool:
    """Whether `other` states the time the correction rejects."""
    lo = other.earliest.year if other.earliest else None
    hi = other.latest.year if other.latest else None
    if fix.bound == "time":
        return lo == hi == fix.gone
    if fix.bound == "end":
        return hi == fix.gone
    return lo == fix.gone


def words(fix: Correction) -> str:
    """'the end is 2006, not 2007'."""
    what = {"time": "the time", "end": "the end", "start": "the start"}[fix.bound]
    return f"{what} is {fix.kept}, not {fix.gone}"
