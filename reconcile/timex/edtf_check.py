"""Validate EDTF strings and read their bounds: with the `edtf` package, and a fast path.

The `edtf` package is the reference: `package_bounds` parses with it and takes
`lower_strict()`/`upper_strict()`. It costs 5-25 ms a string (a pyparsing grammar), too slow
for scanning text at a megabyte a second, so `fast_bounds` reads the few shapes `points.py` can
emit with one regex and `datetime`. The test suite checks, over every phrase in its tables and
over random text, that both agree; `normalise` (one phrase at a time) uses the package.
"""
from __future__ import annotations

import math
import re
import time
from datetime import date
from functools import lru_cache

from edtf import parse_edtf

from reconcile.timex.points import SUBYEAR_MONTHS, last_day

Bounds = tuple[date | None, date | None]

# A single date the normaliser writes: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-SS (season/quarter/half),
# YYYX (decade), YYXX (century), XXXX-MM(-DD) (year unknown), with an optional qualifier.
_DATE = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{3}X|\d{2}XX|XXXX-\d{2}(?:-\d{2})?)[~?%]?"
_SIMPLE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_SHAPES = re.compile(
    rf"(?P<date>{_DATE})"
    rf"|(?P<ilo>{_SIMPLE}[~?%]?|\.\.)/(?P<ihi>{_SIMPLE}[~?%]?|\.\.)"
    rf"|\[(?P<olo>{_SIMPLE})?\.\.(?P<ohi>{_SIMPLE})?\]"
    rf"|(?P<open>[\[{{])(?P<list>{_SIMPLE}(?:,{_SIMPLE})+)[\]}}]"
)


def _one(text: str) -> Bounds:
    """Bounds of one date written in `_DATE`; raises ValueError when it is not a real date."""
    text = text.rstrip("~?%")
    if text.startswith("XXXX"):
        m = int(text[5:7])
        d = int(text[8:10]) if len(text) > 7 else 1
        date(2000, m, d)  # validates month and day (a leap year, so 02-29 passes)
        return None, None
    if text.endswith("XX"):
        c = int(text[:2])
        return date(c * 100, 1, 1), date(c * 100 + 99, 12, 31)
    if text.endswith("X"):
        dec = int(text[:3])
        return date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31)
    y = int(text[:4])
    if len(text) == 4:
        return date(y, 1, 1), date(y, 12, 31)
    m = int(text[5:7])
    if len(text) == 7:
        if m in SUBYEAR_MONTHS:
            first, last = SUBYEAR_MONTHS[m]
            return date(y, first, 1), date(y, last, last_day(y, last))
        return date(y, m, 1), date(y, m, last_day(y, m))
    d = date(y, m, int(text[8:10]))
    return d, d


def fast_bounds(edtf: str) -> Bounds:
    """(earliest, latest) of an EDTF string of the shapes the normaliser emits.

    Raises ValueError for anything else, or for impossible dates, or for bounds out of order.
    """
    m = _SHAPES.fullmatch(edtf)
    if not m:
        raise ValueError(f"not an EDTF shape the normaliser emits: {edtf!r}")
    g = m.groupdict()
    if g["date"]:
        lo, hi = _one(g["date"])
    elif g["ilo"]:
        lo = None if g["ilo"] == ".." else _one(g["ilo"])[0]
        hi = None if g["ihi"] == ".." else _one(g["ihi"])[1]
        if lo is None and hi is None:
            raise ValueError("an interval open at both ends says nothing")
    elif g["list"]:
        parts = [_one(p) for p in g["list"].split(",")]
        lo, hi = min(p[0] for p in parts), max(p[1] for p in parts)
    else:
        lo = _one(g["olo"])[0] if g["olo"] else None
        hi = _one(g["ohi"])[1] if g["ohi"] else None
        if lo is None and hi is None:
            raise ValueError("an open set with no end says nothing")
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"earliest after latest in {edtf!r}")
    return lo, hi


def _from_struct(t: object) -> date | None:
    if isinstance(t, float) and math.isinf(t):
        return None
    assert isinstance(t, time.struct_time)
    if t.tm_year <= 0 or t.tm_year >= 9999:
        return None  # the package's stand-in for an unknown year (XXXX-..)
    return date(t.tm_year, t.tm_mon, t.tm_mday)


@lru_cache(maxsize=4096)
def package_bounds(edtf: str) -> Bounds:
    """(earliest, latest) as the `edtf` package reads them; raises ValueError if it will not parse."""
    try:
        parsed = parse_edtf(edtf)
        lo, hi = _from_struct(parsed.lower_strict()), _from_struct(parsed.upper_strict())
    except Exception as exc:  # the package raises its own, TypeError and ValueError alike
        raise ValueError(f"edtf package rejects {edtf!r}: {exc}") from exc
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"earliest after latest in {edtf!r}")
    return lo, hi
