"""Claim times as intervals: overlap, precision, and words a reader checks at a glance."""
from __future__ import annotations

import re
from datetime import date

UNDATED, OVERLAP, DISJOINT = "undated", "overlap", "disjoint"


def relation(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> str:
    """UNDATED when either side has no time at all; else OVERLAP or DISJOINT (open ends are open)."""
    if a == (None, None) or b == (None, None):
        return UNDATED
    a0, a1 = a
    b0, b1 = b
    if a1 is not None and b0 is not None and a1 < b0:
        return DISJOINT
    if b1 is not None and a0 is not None and b1 < a0:
        return DISJOINT
    return OVERLAP


def precision(a: date | None, b: date | None) -> str:
    if a is None or b is None:
        return "open-ended"
    days = (b - a).days
    if days <= 0:
        return "precise to the day"
    if days <= 31:
        return "precise to the month"
    if days <= 366:
        return "precise to the year"
    return f"spanning {round(days / 365.25)} years"


def is_precise(a: date | None, b: date | None, days: int = 366) -> bool:
    return a is not None and b is not None and (b - a).days <= days


def words(edtf: str | None, a: date | None, b: date | None) -> str:
    """'1994', 'March 2001', '2004-2008', 'until 1992', 'from 2001', 'before 1998', or ''
    ('around ...' for an approximate EDTF value, 'perhaps ...' for an uncertain one)."""
    if a is None and b is None:
        return ""
    qualifier = "around " if edtf and edtf.endswith(("~", "%")) else "perhaps " if edtf and edtf.endswith("?") else ""
    return qualifier + _plain_words(edtf, a, b)


def _plain_words(edtf: str | None, a: date | None, b: date | None) -> str:
    if a is not None and b is not None:
        if a == b:
            return a.isoformat()
        if a.year == b.year:
            if a.month == b.month and (b - a).days <= 31:
                return a.strftime("%B %Y")
            return str(a.year)
        return f"{a.year}-{b.year}"
    if a is None:
        bracket = bool(edtf) and edtf.startswith("[..")
        return f"{'before' if bracket else 'until'} {b.year + (1 if bracket and b.month == 12 and b.day == 31 else 0)}"  # type: ignore[union-attr]
    return f"from {a.year}"


_EDTF_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def stated_bounds(edtf: str | None, a: date | None, b: date | None,
                  text: str | None = None) -> tuple[date | None, date | None]:
    """The start and end a span states as exact dates of at least a year's precision: "2004/2008"
    states both, "../2005" ("until 2005") only its end, "2004/.." only its start; a single time,
    one of a set ("[..1997]", sometime before 1998) or an approximate bound ("2005~") states
    none. Without an EDTF value, a closed span's two bounds. Given the time as written (`text`),
    a bound whose year it does not name was not stated but inferred ("never", read up to the
    document's date), and is left out."""
    if edtf is None:
        return (a, b) if a is not None and b is not None else (None, None)
    if "/" not in edtf or edtf.startswith(("[", "{")):
        return (None, None)
    start, _, end = edtf.partition("/")
    lo = a if _EDTF_BOUND.fullmatch(start) else None
    hi = b if _EDTF_BOUND.fullmatch(end) else None
    if text is not None:
        lo = lo if lo is not None and str(lo.year) in text else None
        hi = hi if hi is not None and str(hi.year) in text else None
    return lo, hi


def bounds_apart(a: tuple[date | None, date | None], b: tuple[date | None, date | None],
                 slack_days: int = 366) -> tuple[bool, bool]:
    """(starts differ, ends differ) by more than a year's uncertainty, where both state them."""
    starts = a[0] is not None and b[0] is not None and abs((a[0] - b[0]).days) > slack_days
    ends = a[1] is not None and b[1] is not None and abs((a[1] - b[1]).days) > slack_days
    return starts, ends
