"""A claim's time in words and as calendar parts, read from its EDTF.

The extractor writes a small, known set of EDTF shapes (see `reconcile/timex/points.py`): dates
at day, month or year grain with `~`/`?`/`%` qualifiers, decades and centuries (`199X`, `19XX`),
seasons and sub-years (`2001-21`), spans (`2004/2008`), open spans (`../1992`, `2011/..`), one
of a range (`[..1997]`, `[2002..]`, `[2004..2008]`) and sets (`[1978,1981]`, `{1978,1981}`).
Every export and the review screen say the same thing for the same EDTF, from here:
"sometime before 1998", "c. 16 Oct 2001", "2004 to 2008", "until 1992".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# EDTF sub-year codes in words (Level 1 seasons, Level 2 quarters and halves).
SUBYEAR_WORDS: dict[int, str] = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    33: "Q1", 34: "Q2", 35: "Q3", 36: "Q4",
    40: "first half of", 41: "second half of",
}
# Qualifiers: (prefix, suffix) in words.
QUALIFIER_WORDS: dict[str, tuple[str, str]] = {
    "": ("", ""),
    "~": ("c. ", ""),
    "?": ("", " (uncertain)"),
    "%": ("c. ", " (uncertain)"),
}

_DATE = re.compile(
    r"^(?P<year>-?\d{4})(?:-(?P<month>\d{2}))?(?:-(?P<day>\d{2}))?(?P<q>[~?%]?)$"
)
_MASKED = re.compile(r"^(?P<stem>\d{2,3})(?P<mask>X{1,2})(?P<q>[~?%]?)$")


@dataclass(frozen=True)
class DatePart:
    """One EDTF date: a year, optionally a month (or sub-year code) and a day, and qualifiers."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""
    decade_digits: int = 0
    """1 for a decade (199X), 2 for a century (19XX): the year is the first one."""

    @property
    def approximate(self) -> bool:
        return self.qualifier in ("~", "%") or self.decade_digits > 0

    @property
    def uncertain(self) -> bool:
        return self.qualifier in ("?", "%")

    @property
    def is_subyear(self) -> bool:
        return self.month is not None and self.month > 12

    def words(self, *, qualify: bool = True) -> str:
        if self.decade_digits == 1:
            body = f"the {self.year}s"
        elif self.decade_digits == 2:
            body = f"the {self.year}s"
        elif self.is_subyear:
            body = f"{SUBYEAR_WORDS.get(self.month or 0, 'part of')} {self.year}"
        elif self.month is None:
            body = str(self.year)
        elif self.day is None:
            body = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            body = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if not qualify:
            return body
        prefix, suffix = QUALIFIER_WORDS.get(self.qualifier, ("", ""))
        return f"{prefix}{body}{suffix}"

    def next_unit(self) -> DatePart:
        """The date just after this one at its own grain (1997 -> 1998, Dec 1997 -> Jan 1998)."""
        if self.day is not None and self.month is not None and self.month <= 12:
            d = date.fromordinal(date(self.year, self.month, self.day).toordinal() + 1)
            return DatePart(d.year, d.month, d.day)
        if self.month is not None and self.month <= 12:
            y, m = divmod(self.year * 12 + self.month, 12)
            return DatePart(y, m + 1)
        return DatePart(self.year + 1)

    def previous_unit(self) -> DatePart:
        if self.day is not None and self.month is not None and self.month <= 12:
            d = date.fromordinal(date(self.year, self.month, self.day).toordinal() - 1)
            return DatePart(d.year, d.month, d.day)
        if self.month is not None and self.month <= 12:
            y, m = divmod(self.year * 12 + self.month - 2, 12)
            return DatePart(y, m + 1)
        return DatePart(self.year - 1)


@dataclass(frozen=True)
class When:
    """The shape of an EDTF value.

    kind is one of: point, span, until, since, before, after, between, one_of, all_of.
    `start`/`end` are the ends of spans and ranges; `members` the dates of a set.
    """

    kind: str
    start: DatePart | None = None
    end: DatePart | None = None
    members: tuple[DatePart, ...] = ()

    @property
    def approximate(self) -> bool:
        parts = [p for p in (self.start, self.end, *self.members) if p is not None]
        return any(p.approximate or p.uncertain for p in parts) or self.kind in (
            "before", "after", "between", "one_of",
        )

    @property
    def open_start(self) -> bool:
        return self.kind in ("until", "before")

    @property
    def open_end(self) -> bool:
        return self.kind in ("since", "after")


def parse_date(text: str) -> DatePart | None:
    text = text.strip()
    m = _DATE.match(text)
    if m:
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        if month is not None and not (1 <= month <= 12 or month in SUBYEAR_WORDS):
            return None
        if day is not None and (month is None or month > 12):
            return None
        return DatePart(int(m["year"]), month, day, m["q"])
    m = _MASKED.match(text)
    if m and len(m["stem"]) + len(m["mask"]) == 4:
        digits = len(m["mask"])
        return DatePart(int(m["stem"]) * 10**digits, None, None, m["q"], digits)
    return None


@lru_cache(maxsize=8192)
def parse(edtf: str | None) -> When | None:
    """The shape of `edtf`, or None when it is empty or not one of the shapes above (cached: a
    life repeats its years, and the shapes are frozen)."""
    if not edtf:
        return None
    s = edtf.strip()
    if (s.startswith("[") and s.endswith("]")) or (s.startswith("{") and s.endswith("}")):
        body = s[1:-1]
        if "," not in body and ".." in body:
            lo, _, hi = body.partition("..")
            a, b = parse_date(lo) if lo else None, parse_date(hi) if hi else None
            if lo and a is None or hi and b is None or (a is None and b is None):
                return None
            kind = "between" if a and b else ("before" if b else "after")
            return When(kind, a, b)
        items = [parse_date(x) for x in body.split(",")]
        if not items or any(x is None for x in items):
            return None
        members = tuple(x for x in items if x is not None)
        kind = "all_of" if s.startswith("{") else "one_of"
        return When(kind, members[0], members[-1], members)
    if "/" in s:
        lo, _, hi = s.partition("/")
        a = parse_date(lo) if lo not in ("", "..") else None
        b = parse_date(hi) if hi not in ("", "..") else None
        if (lo not in ("", "..") and a is None) or (hi not in ("", "..") and b is None):
            return None
        if a is None and b is None:
            return None
        kind = "span" if a and b else ("until" if b else "since")
        return When(kind, a, b)
    p = parse_date(s)
    return When("point", p, p) if p else None


def _list(parts: tuple[DatePart, ...], conj: str) -> str:
    words = [p.words() for p in parts]
    if len(words) <= 2:
        return f" {conj} ".join(words)
    return ", ".join(words[:-1]) + f" {conj} " + words[-1]


@lru_cache(maxsize=8192)
def in_words(edtf: str | None, text: str | None = None, *, short: bool = False) -> str:
    """`edtf` in words; `short` drops "sometime" ("before 1998", for TimelineJS display dates).

    Falls back to the original time phrase, then to "undated".
    """
    w = parse(edtf)
    if w is None:
        return (text or "").strip() or ("undated" if not edtf else edtf)
    some = "" if short else "sometime "
    if w.kind == "point" and w.start:
        return w.start.words()
    if w.kind == "span" and w.start and w.end:
        return f"{w.start.words()} to {w.end.words()}"
    if w.kind == "until" and w.end:
        return f"until {w.end.words()}"
    if w.kind == "since" and w.start:
        return f"since {w.start.words()}"
    if w.kind == "before" and w.end:
        return f"{some}before {w.end.next_unit().words()}"
    if w.kind == "after" and w.start:
        return f"{some}after {w.start.previous_unit().words()}"
    if w.kind == "between" and w.start and w.end:
        return f"{some}between {w.start.words()} and {w.end.words()}"
    if w.kind == "one_of":
        return ("" if short else "one of ") + _list(w.members, "or")
    if w.kind == "all_of":
        return _list(w.members, "and")
    return text or edtf or "undated"


def calendar_parts(part: DatePart | None) -> dict[str, int] | None:
    """{year, month, day} with only the grain the date has (a season gives its first month)."""
    if part is None:
        return None
    out: dict[str, int] = {"year": part.year}
    if part.month is not None:
        if part.is_subyear:
            first = {21: 3, 22: 6, 23: 9, 24: 12, 33: 1, 34: 4, 35: 7, 36: 10, 40: 1, 41: 7}
            out["month"] = first.get(part.month, 1)
        else:
            out["month"] = part.month
            if part.day is not None:
                out["day"] = part.day
    return out
