"""Claim times as intervals: overlap, precision, and words a reader checks at a glance."""
from __future__ import annotations

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


def bounds_differ(a: tuple[date | None, date | None], b: tuple[date | None, date | None], slack_days: int = 366) -> bool:
    """Both are closed spans whose start or end differ by more than a year's uncertainty."""
    if None in a or None in b:
        return False
    return abs((a[0] - b[0]).days) > slack_days or abs((a[1] - b[1]).days) > slack_days  # type: ignore[operator]
