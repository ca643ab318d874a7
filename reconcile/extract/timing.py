"""Which time a claim gets: the phrases in its clause, combined, or a default from tense.

Rules, in order:
1. Time phrases inside the claim's own stretch of text (after the trigger first, then a fronted
   adverbial such as "In 1994," or "Following the coup in 1979,").
2. A point before an open-start span combine into one span: "in 1979 ... until 1981" -> 1979/1981.
3. Several plain years in one stretch form a set: "in 1978 and 1981" -> {1978,1981}.
4. A duration after an earlier dated event ("spent a year") spans from that event's year.
5. With no phrase: a present-perfect event ("has defected"), a present-tense state, or a state
   reported in the same sentence ("He added that ... was believed to be in Pakistan") is dated to
   the publication month; everything else stays open (None), including "later".
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Any

from . import lexicon as lx
from .types import TimeOut

_PRESENT_PERFECT = re.compile(r"(?<!\bto )(?<!\bmay )(?<!\bmight )(?<!\bcould )(?<!\bwould )(?<!\bmust )"
                              r"\b(?:has|have|'s|'ve)\s+(?:now\s+|just\s+|reportedly\s+|recently\s+)?"
                              r"(?:been\s+)?\w+(?:ed|en|wn|ft|ld|ne)\b", re.IGNORECASE)
_PRESENT_STATE = re.compile(r"\b(?:is|are|remains|remain|lives|resides|holds|serves|leads|heads|commands|runs|"
                            r"controls|belongs|works)\b", re.IGNORECASE)
_DURATION = re.compile(
    r"\b(?:spent|for|served)\s+(?:(?:more\s+than|over|nearly|almost|about|some|around|roughly)\s+)?"
    r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:more\s+)?(year|years|decade|decades)\b", re.IGNORECASE)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FORMER = re.compile(r"\b(?:former|ex-|then-|then|previous|erstwhile|onetime|one-time)\b", re.IGNORECASE)


def _out(v: Any) -> TimeOut:
    return TimeOut.from_value(v)


def _usable(v: Any) -> bool:
    return v.earliest is not None or v.latest is not None


def publication_month(published: date | datetime | None) -> TimeOut | None:
    if published is None:
        return None
    d = published.date() if isinstance(published, datetime) else published
    last = calendar.monthrange(d.year, d.month)[1]
    return TimeOut(f"{d.year:04d}-{d.month:02d}", date(d.year, d.month, 1),
                   date(d.year, d.month, last), "")


def combine(values: list[Any], fallback: bool = True) -> TimeOut | None:
    """One time from the phrases found in a claim's stretch (already in text order).

    When the phrases do not combine: the first one, or None if not `fallback`.
    """
    values = [v for v in values if _usable(v)]
    if not values:
        return None
    if len(values) == 1:
        return _out(values[0])
    open_start = [v for v in values if v.earliest is None and v.latest is not None
                  and v.edtf.startswith("..")]
    points = [v for v in values if v.earliest is not None and v.latest is not None]
    if open_start and points:
        end = open_start[0]
        start = points[0]
        if start.earliest <= end.latest:
            edtf = f"{start.edtf}/{end.edtf.removeprefix('../')}"
            return TimeOut(edtf, start.earliest, end.latest, f"{start.text} ... {end.text}")
    years = [v for v in points if re.fullmatch(r"\d{4}", v.edtf)]
    if len(years) == len(values) and len(years) > 1:
        ordered = sorted(years, key=lambda v: v.earliest)
        edtf = "{" + ",".join(v.edtf for v in ordered) + "}"
        return TimeOut(edtf, ordered[0].earliest, ordered[-1].latest,
                       " and ".join(v.text for v in years))
    return _out(values[0]) if fallback else None


def closest(matches: list[Any], near: int) -> list[Any]:
    """Time matches ordered by distance from `near`, those after it first."""
    return sorted(matches, key=lambda m: (m.start < near, abs(m.start - near)))


def duration_from(previous: TimeOut | None, stretch: str) -> TimeOut | None:
    """"spent a year" after an event dated 1981 -> 1981/1982."""
    counted = years_counted(stretch) if previous is not None and previous.latest is not None else None
    if counted is None or previous is None or previous.latest is None:
        return None
    n, text = counted
    y = previous.latest.year
    return TimeOut(f"{y}/{y + n}", date(y, 1, 1), date(y + n, 12, 31), text)


def duration_until(following: TimeOut | None, stretch: str) -> TimeOut | None:
    """"spent six years at Guantanamo" before a release dated 2008 -> 2002/2008."""
    counted = years_counted(stretch) if following is not None and following.earliest is not None else None
    if counted is None or following is None or following.earliest is None:
        return None
    n, text = counted
    y = following.earliest.year
    return TimeOut(f"{y - n}/{y}", date(y - n, 1, 1), date(y, 12, 31), text)


def years_counted(stretch: str) -> tuple[int, str] | None:
    """("spent six years" ->) 6 and the words that say it."""
    m = _DURATION.search(stretch)
    if not m:
        return None
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS.get(word, 1)
    return n * (10 if m.group(2).lower().startswith("decade") else 1), m.group(0)


_PAST_NEGATION = re.compile(r"\b(?:did not|didn't|had not|hadn't)\b", re.IGNORECASE)
_NEVER = re.compile(r"\bnever\b", re.IGNORECASE)


def says_never(clause: str) -> bool:
    return bool(_NEVER.search(clause))


def never_until(published: date | datetime | None) -> TimeOut | None:
    """"never": at no time up to the report, whatever the tense ("was never", "has never")."""
    month = publication_month(published)
    return TimeOut(f"../{month.edtf}", None, month.latest, month.text) if month is not None else None


def default_time(predicate: str, clause: str, *, reported: bool, appositive: bool,
                 published: date | datetime | None, dated_sentence: bool = False) -> TimeOut | None:
    """The publication month for fresh events and current states; None otherwise.

    `clause` is the verb chain: from the end of the subject to the end of the trigger.
    """
    if published is None or predicate in ("family", "born", "educated_at", "said", "statement"):
        return None
    if _FORMER.search(clause) or _PAST_NEGATION.search(clause):
        return None  # "did not join": some time before the report, unknown when
    stative = predicate in lx.STATIVE_PREDICATES
    if _PRESENT_PERFECT.search(clause) or (
        stative and (appositive or (reported and not dated_sentence) or _PRESENT_STATE.search(clause))
    ):
        # An undated state in a sentence that dates something else is relative to that date
        # ("fled to Turkmenistan in 2014 before returning to Maimana"), not to the report.
        month = publication_month(published)
        if month is not None and _NEVER.search(clause):  # "never joined": at no time up to the report
            return TimeOut(f"../{month.edtf}", None, month.latest, month.text)
        return month
    return None
