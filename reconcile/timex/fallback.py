"""dateparser as a second opinion: whole phrases the grammar cannot read, and other languages.

dateparser answers with a datetime and, through `DateDataParser`, the precision it read
(`period`: day, week, month, year). A phrase whose answer moves when the reference date moves
is relative; without an anchor such a phrase gives nothing rather than a date computed from
today's clock.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from reconcile.timex import points as P
from reconcile.timex.points import Point

_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Two reference dates far apart: an absolute phrase reads the same against both.
_PROBE_BASES = (datetime(2001, 7, 11, 12), datetime(2017, 2, 23, 12))


@lru_cache(maxsize=64)
def _parser(language: str, base: datetime):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[language], settings={"RELATIVE_BASE": base})


def _read(phrase: str, base: datetime, language: str) -> tuple[datetime, str] | None:
    parser = _parser(language, base)
    try:
        data = parser.get_date_data(phrase)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def _as_point(when: datetime, period: str) -> Point | None:
    try:
        if period == "year":
            return P.year(when.year)
        if period == "month":
            return P.month(when.year, when.month)
        if period == "week":
            return P.week_of(when.date())
        return P.day(when.year, when.month, when.day)
    except ValueError:
        return None


def read_phrase(phrase: str, anchor: date | None, language: str = "en") -> tuple[Point, bool] | None:
    """(point, relative?) for a whole phrase dateparser can read, or None.

    A relative phrase is resolved against `anchor`; without one it gives None.
    """
    if not phrase.strip() or len(phrase) > 80:
        return None
    if anchor is None and not _FULL_YEAR.search(phrase):
        return None  # dateparser guesses the century of "'58" and the year of "May 5" from the clock
    first = _read(phrase, _PROBE_BASES[0], language)
    if first is None:
        return None
    second = _read(phrase, _PROBE_BASES[1], language)
    p = _as_point(*first)
    # compared at the precision read: "2004" fills in today's month and day, yet is absolute
    relative = second is None or p is None or _as_point(*second) != p
    if not relative:
        return (p, False) if p else None
    if anchor is None:
        return None
    resolved = _read(phrase, datetime(anchor.year, anchor.month, anchor.day, 12), language)
    if resolved is None:
        return None
    p = _as_point(*resolved)
    return (p, True) if p else None


def search(text: str, anchor: date | None, language: str = "en") -> list[tuple[int, int, Point, bool]]:
    """Every date dateparser's `search_dates` finds in `text`: (start, end, point, relative?)."""
    from dateparser.search import search_dates

    base = datetime(anchor.year, anchor.month, anchor.day, 12) if anchor else _PROBE_BASES[0]
    try:
        hits = search_dates(text, languages=[language], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # dateparser's search raises on some inputs; treat as no dates
        return []
    out: list[tuple[int, int, Point, bool]] = []
    pos = 0
    for sub, _when in hits:
        start = text.find(sub, pos)
        if start < 0:
            continue
        pos = start + len(sub)
        read = read_phrase(sub.strip(), anchor, language)
        if read is None:
            continue
        out.append((start, start + len(sub), read[0], read[1]))
    return out

