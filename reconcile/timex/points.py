"""Calendar points and the EDTF each phrase shape turns them into.

A `Point` is a stretch of the calendar at some grain (a day, a month, a year, a decade, a
season, a week...) with its EDTF spelling and its first and last day. The phrase builders make
points from what they matched, then combine them: "before 1998" is `before(year(1998))`,
"from 1992 to 1994" is `span(year(1992), year(1994))`. Every EDTF string the normaliser emits is
made here, so the shapes stay few and known.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1, 9998

# Grains whose EDTF can stand as an interval end or set member, and the grain to fall back to
# when a coarser or odd-shaped point has to be written as one.
SIMPLE_GRAINS = frozenset({"day", "month", "year"})
ENDPOINT_GRAIN = {
    "day": "day", "month": "month", "year": "year",
    "decade": "year", "century": "year",
    "season": "month", "quarter": "month", "half": "month",
    "week": "day", "span": "day", "months": "month", "years": "year",
}
# Grains a "~" (approximately) can be appended to.
APPROX_GRAINS = frozenset({"day", "month", "year", "decade", "century"})


@dataclass(frozen=True)
class Point:
    """`grain` is day, month, year, decade, century, season, quarter, half, week, or a run of
    days ("span"), months ("months") or years ("years") written as one of a set."""

    edtf: str
    lo: date
    hi: date
    grain: str


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def render(d: date, grain: str) -> str:
    """`d` written at day, month or year precision."""
    if grain == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def day(y: int, m: int, d: int) -> Point:
    when = date(y, m, d)
    return Point(render(when, "day"), when, when, "day")


def month(y: int, m: int) -> Point:
    return Point(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last_day(y, m)), "month")


def year(y: int) -> Point:
    return Point(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def decade(first_year: int) -> Point:
    first_year -= first_year % 10
    return Point(f"{first_year // 10:03d}X", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def century(hundreds: int) -> Point:
    """`century(19)` is 1900-1999, written 19XX (how the 20th century is read in practice)."""
    return Point(f"{hundreds:02d}XX", date(hundreds * 100, 1, 1), date(hundreds * 100 + 99, 12, 31), "century")


# EDTF season and sub-year codes -> (first month, last month), as the edtf package reads them.
SUBYEAR_MONTHS: dict[int, tuple[int, int]] = {
    21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12),
    33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),
    40: (1, 6), 41: (7, 12),
}


def subyear(y: int, code: int) -> Point:
    first, last = SUBYEAR_MONTHS[code]
    grain = "season" if code < 30 else ("quarter" if code < 40 else "half")
    return Point(f"{y:04d}-{code}", date(y, first, 1), date(y, last, last_day(y, last)), grain)


def days(lo: date, hi: date) -> Point:
    """Some day between `lo` and `hi` (a week, a weekend, the first third of a month)."""
    if lo == hi:
        return day(lo.year, lo.month, lo.day)
    return Point(f"[{render(lo, 'day')}..{render(hi, 'day')}]", lo, hi, "span")


def week_of(d: date) -> Point:
    monday = d - timedelta(days=d.weekday())
    p = days(monday, monday + timedelta(days=6))
    return Point(p.edtf, p.lo, p.hi, "week")


def weekend_of(d: date) -> Point:
    saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return days(saturday, saturday + timedelta(days=1))


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, last_day(y, m + 1)))


def shift(anchor: date, n: int, unit: str) -> Point | None:
    """The `unit` that is `n` units away from the one holding `anchor` (n=-1: "last week")."""
    try:
        if unit == "day":
            d = anchor + timedelta(days=n)
            return day(d.year, d.month, d.day)
        if unit == "week":
            return week_of(anchor + timedelta(days=7 * n))
        if unit == "fortnight":
            return week_of(anchor + timedelta(days=14 * n))
        if unit == "weekend":
            return weekend_of(anchor + timedelta(days=7 * n))
        if unit == "month":
            d = add_months(anchor, n)
            return month(d.year, d.month)
        if unit == "year":
            return year(anchor.year + n)
        if unit == "decade":
            return decade(anchor.year + 10 * n)
        if unit == "century":
            return century(anchor.year // 100 + n)
    except (ValueError, OverflowError):
        return None
    return None


# ---- combining points into the EDTF of a phrase -------------------------------------------

def endpoint(p: Point, side: str) -> str:
    """`p` as an interval end or set member: itself when simple, else its first/last day."""
    if p.grain in SIMPLE_GRAINS:
        return p.edtf
    return render(p.lo if side == "lo" else p.hi, ENDPOINT_GRAIN[p.grain])


def approx(p: Point) -> Point:
    if p.grain in APPROX_GRAINS:
        return Point(p.edtf + "~", p.lo, p.hi, p.grain)
    return p


def before(p: Point) -> str:
    """One event sometime before `p`: "before 1998" -> "[..1997]"."""
    grain = ENDPOINT_GRAIN[p.grain]
    return f"[..{render(p.lo - timedelta(days=1), grain)}]"


def by(p: Point) -> str:
    """One event no later than `p`: "by 1998" -> "[..1998]"."""
    return f"[..{endpoint(p, 'hi')}]"


def after(p: Point) -> str:
    """One event sometime after `p`: "after 2001" -> "[2002..]"."""
    grain = ENDPOINT_GRAIN[p.grain]
    return f"[{render(p.hi + timedelta(days=1), grain)}..]"


def from_on(p: Point) -> str:
    """One event no earlier than `p`: "2001 or later" -> "[2001..]"."""
    return f"[{endpoint(p, 'lo')}..]"


def until(p: Point) -> str:
    """A state that held until `p`, start unknown: "../1992"."""
    return f"../{endpoint(p, 'hi')}"


def since(p: Point) -> str:
    """A state that holds from `p` on: "2011/..", end unknown."""
    return f"{endpoint(p, 'lo')}/.."


def span(a: Point, b: Point) -> str | None:
    """From `a` to `b`: "1992/1994"; None when `b` ends before `a` starts."""
    if b.hi < a.lo:
        return None
    if a.edtf == b.edtf:
        return a.edtf
    return f"{endpoint(a, 'lo')}/{endpoint(b, 'hi')}"


def one_of_range(a: Point, b: Point) -> str | None:
    """One event some time from `a` to `b`: "[2004..2008]"."""
    if b.hi < a.lo:
        return None
    return f"[{endpoint(a, 'lo')}..{endpoint(b, 'hi')}]"


def members(points: list[Point], all_of: bool) -> str:
    """Several dates: all of them ("in 1978 and 1981": "{1978,1981}") or one of them ("[..]")."""
    body = ",".join(endpoint(p, "lo") if p.grain in SIMPLE_GRAINS else p.edtf for p in points)
    return "{" + body + "}" if all_of else "[" + body + "]"


def part(p: Point, which: str) -> Point:
    """The early, middle or late third of `p`, at the next finer grain."""
    if p.grain == "day":
        return p
    if p.grain == "month":
        y, m = p.lo.year, p.lo.month
        ranges = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day(y, m))}
        a, b = ranges[which]
        return days(date(y, m, a), date(y, m, b))
    if p.grain in ("decade", "century"):
        size = p.hi.year - p.lo.year + 1
        third = size // 3
        bounds = {"early": (0, third), "mid": (third, size - third), "late": (size - third, size)}
        a, b = bounds[which]
        lo, hi = p.lo.year + a, p.lo.year + b - 1
        return Point(f"[{lo:04d}..{hi:04d}]", date(lo, 1, 1), date(hi, 12, 31), "years")
    # a year, season, quarter or half: split its months into thirds
    months = (p.hi.year * 12 + p.hi.month) - (p.lo.year * 12 + p.lo.month) + 1
    third = max(1, round(months / 3))
    offsets = {"early": (0, third - 1), "mid": (third, months - third - 1), "late": (months - third, months - 1)}
    a, b = offsets[which]
    if b < a:
        a = b = {"early": 0, "mid": months // 2, "late": months - 1}[which]
    lo = add_months(p.lo.replace(day=1), a)
    hi = add_months(p.lo.replace(day=1), b)
    hi = hi.replace(day=last_day(hi.year, hi.month))
    if lo.month == hi.month and lo.year == hi.year:
        return month(lo.year, lo.month)
    return Point(f"[{render(lo, 'month')}..{render(hi, 'month')}]", lo, hi, "months")
