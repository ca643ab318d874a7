"""Builders for the atoms of `grammar.ATOMS`: the groups a pattern matched -> an `Atom`.

A builder returns None when what matched is not a time after all (a count, an impossible
date) or when a relative phrase has nothing to be resolved against. Relative phrases never
fall back to today's date: without an anchor they give no value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from collections.abc import Callable

from reconcile.timex import points as P
from reconcile.timex.lexicon import (
    COUNT_NOUNS,
    DECADE_WORDS,
    FUTURE_CUES,
    HALVES,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    QUARTERS,
    SEASONS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from reconcile.timex.points import Point


@dataclass(frozen=True)
class Atom:
    """A time named by one atom: a `Point` phrases can modify, or a finished EDTF string."""

    edtf: str
    point: Point | None  # None: the value cannot be modified further (year unknown, open ends)
    resolved_from: str | None = None


@dataclass
class Context:
    """What a builder may look at: the whole text, the document date, the last date named."""

    text: str
    anchor: date | None
    previous: Point | None = None
    previous_end: int = 0


Builder = Callable[[dict[str, str], Context, int, int], "Atom | None"]

_GRAIN_ORDER = ["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
_UNIT_DAYS = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14, "month": 30.44, "year": 365.25,
              "decade": 3652.5, "century": 36525}
_FINER = {"day": "day", "week": "day", "weekend": "day", "fortnight": "day", "month": "day",
          "year": "month", "decade": "year", "century": "year"}


def _point(p: Point | None, resolved_from: str | None = None) -> Atom | None:
    return Atom(p.edtf, p, resolved_from) if p is not None else None


def _safe(make: Callable[[], Point]) -> Point | None:
    try:
        return make()
    except (ValueError, OverflowError, KeyError):
        return None


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _number(word: str) -> tuple[int, int] | None:
    """(least, most) a count word means: "three" (3, 3), "a few" (2, 5)."""
    w = re.sub(r"\s+", " ", word.lower())
    if w.isdigit():
        return int(w), int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w], NUMBER_WORDS[w]
    return VAGUE_AMOUNTS.get(w)


def _looks_future(ctx: Context, start: int) -> bool:
    """Does the sentence, up to this phrase, speak of what is still to come?"""
    lo = max(0, start - 120)
    head = ctx.text[lo:start]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("? "), head.rfind("! "))
    return bool(FUTURE_CUES.search(head[cut + 1:]))


# ---- absolute ---------------------------------------------------------------------------

def full_date(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    m = int(g["mnum"]) if g.get("mnum") else _month_of(g["mon"])
    return _point(_safe(lambda: P.day(int(g["year"]), m, int(g["day"]))))


def numeric_date(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"19/09/2013", "9.19.2013", "7/8/07": read by dateparser (day or month first by the
    separator's custom: dots day-first, slashes month-first unless the first number is > 12)."""
    parsed = _numeric(ctx.text[start:end])
    return _point(P.day(*parsed)) if parsed else None


@lru_cache(maxsize=2048)
def _numeric(raw: str) -> tuple[int, int, int] | None:
    import dateparser  # slow to import and to run: only for the rare numeric dates

    order = "DMY" if "." in raw else "MDY"
    parsed = dateparser.parse(raw, languages=["en"], settings={
        "DATE_ORDER": order, "STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None
    return parsed.year, parsed.month, parsed.day


def day_range(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    y, m = int(g["year"]), _month_of(g["mon"])
    a = _safe(lambda: P.day(y, m, int(g["d1"])))
    b = _safe(lambda: P.day(y, m, int(g["day"])))
    if a is None or b is None or b.lo <= a.lo:
        return None
    return Atom(f"{a.edtf}/{b.edtf}", None)


def month_range(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    y = int(g["year"])
    a, b = P.month(y, _month_of(g["m1"])), P.month(y, _month_of(g["mon"]))
    if b.lo <= a.lo:
        return None
    return Atom(f"{a.edtf}/{b.edtf}", None)


def year_range(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    y1, raw2 = int(g["y1"]), g["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 100:
        return None
    return Atom(f"{y1:04d}/{y2:04d}", None)


def month_year(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    return _point(P.month(int(g["year"]), _month_of(g["mon"])))


def season_year(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    return _point(P.subyear(int(g["year"]), SEASONS[g["season"].lower()]))


def subyear(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    kind, nth = g["kind"].lower(), g["nth"].lower()
    if kind in ("q", "h"):
        if kind == "h" and nth not in "12":
            return None
        code = (32 if kind == "q" else 39) + int(nth)
    else:
        code = _subyear_code(g)
        if code is None:
            return None
    return _point(P.subyear(int(g["year"]), code))


def _subyear_code(g: dict[str, str]) -> int | None:
    kind, nth = g["kind"].lower(), g["nth"].lower()
    table = QUARTERS if kind == "quarter" else HALVES
    return table.get("last" if nth == "final" else nth)


def subyear_rel(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"the third quarter of this year", "the fourth quarter": of the year named, else the
    nearest one before the anchor (after it in a sentence about the future)."""
    code = _subyear_code(g)
    if ctx.anchor is None or code is None:
        return None
    a = ctx.anchor
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    if rel:
        return _point(P.subyear(a.year + _REL_STEP.get(rel, 0), code), "anchor")
    if g["nth"].lower() == "last" and g["kind"].lower() == "quarter":  # the quarter before this one
        first = P.add_months(a.replace(day=1), -3)
        return _point(P.subyear(first.year, 33 + (first.month - 1) // 3), "anchor")
    cands = [P.subyear(y, code) for y in (a.year - 1, a.year, a.year + 1)]
    if _looks_future(ctx, start):
        return _point(next(p for p in cands if p.hi >= a), "anchor")
    return _point(next(p for p in reversed(cands) if p.lo <= a), "anchor")


def _decade_century(digit: int, ctx: Context) -> int:
    """The century of a decade named without one ("the nineties"): the latest not after the anchor."""
    if ctx.anchor is None:
        return 1900
    cent = (ctx.anchor.year // 100) * 100
    return cent if cent + digit * 10 <= ctx.anchor.year else cent - 100


def decade(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if g.get("dec"):
        return _point(P.decade(int(g["dec"])))
    if g.get("decw"):
        digit = DECADE_WORDS[g["decw"].lower()]
        if g.get("cent"):
            base = 1900 if g["cent"].lower() == "nineteen" else 2000
        else:
            base = _decade_century(digit, ctx)
        return _point(P.decade(base + digit * 10))
    digit = int((g.get("dec2") or g.get("dec3"))[0])
    return _point(P.decade(_decade_century(digit, ctx) + digit * 10))


def century(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    n = int(g["cnum"]) if g.get("cnum") else ORDINALS.get(re.sub(r"[\s-]+", " ", g["cword"].lower()))
    if not n or not 2 <= n <= 21:  # the first century has no year 0 to start from
        return None
    return _point(P.century(n - 1))


def year(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """A bare four-digit number is a year unless a count noun follows it ("2000 soldiers")."""
    after = ctx.text[end:end + 24]
    m = re.match(r"\s*([A-Za-z]+)", after)
    if m and (m.group(1) in COUNT_NOUNS or m.group(1).lower() in COUNT_NOUNS):
        return None
    return _point(P.year(int(g["year"])))


# ---- relative to the document date ------------------------------------------------------

def short_year(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """'58: the year ending so that is nearest the anchor, no more than ten years after it
    ("'11" written in 2010 is 2011; "'58" written in 2013 is 1958)."""
    if ctx.anchor is None:
        return None
    yy = int(g["yy"])
    cent = (ctx.anchor.year // 100) * 100
    y = cent + yy if cent + yy <= ctx.anchor.year + 10 else cent - 100 + yy
    return _point(P.year(y), "anchor")


def month_day(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"September 19" with no year: the nearest one before the anchor, or after it in a sentence
    about the future; year unknown ("XXXX-09-19") without an anchor."""
    m, d = _month_of(g["mon"]), int(g["day"])
    try:
        date(2000, m, d)
    except ValueError:
        return None
    if ctx.anchor is None:
        return Atom(f"XXXX-{m:02d}-{d:02d}", None)
    a = ctx.anchor
    cands = [p for y in (a.year - 1, a.year, a.year + 1) if (p := _safe(lambda y=y: P.day(y, m, d)))]
    if _looks_future(ctx, start):
        pick = next((p for p in cands if p.lo >= a), None)
    else:
        pick = next((p for p in reversed(cands) if p.lo <= a), None)
    # near the anchor either way round is the same year ("Feb. 28" written on March 22)
    near = next((p for p in cands if p.lo.year == a.year and abs((p.lo - a).days) <= 60), None)
    return _point(near or pick, "anchor")


def day_word(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    word = (g.get("word") or "").lower()
    direction = (g.get("dir") or "").lower()
    raw = ctx.text[start:end].lower()
    if direction.startswith("before"):
        n = -2
    elif direction.startswith("after"):
        n = 2
    elif word == "yesterday" or raw.startswith("last night"):
        n = -1
    elif word == "tomorrow":
        n = 1
    else:
        n = 0
    return _point(P.shift(ctx.anchor, n, "day"), "anchor")


def ago(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"three days ago", "a few years ago", "just over a year ago", "about six years ago"."""
    if ctx.anchor is None:
        return None
    amount = _number(g["num"])
    unit = UNITS[g["unit"].lower()]
    if amount is None:
        return None
    least, most = amount
    hedge = re.sub(r"\s+", " ", (g.get("hedge") or "").lower())
    a = ctx.anchor
    if least == most and hedge in ("", "some"):
        return _point(P.shift(a, -least, unit), "anchor")
    if least == most and hedge in ("about", "around", "roughly", "approximately"):
        p = P.shift(a, -least, unit)
        return _point(P.approx(p) if p else None, "anchor")
    per = _UNIT_DAYS[unit]
    # a vague amount ("a few years ago") at the unit's own grain; a hedged exact one finer
    grain = _FINER[unit] if least == most else {"decade": "year", "century": "year", "week": "day",
                                                  "weekend": "day", "fortnight": "day"}.get(unit, unit)
    if least != most:  # a few / several: between the least and the most units back
        lo, hi = a - timedelta(days=most * per), a - timedelta(days=least * per)
    elif hedge in ("just over", "a little over", "a little more than"):
        lo, hi = a - timedelta(days=least * per * 1.25), a - timedelta(days=least * per)
    elif hedge in ("over", "more than"):
        return Atom(f"[..{P.render(a - timedelta(days=least * per), grain)}]", None, "anchor")
    else:  # nearly, almost, just under, less than, under
        lo, hi = a - timedelta(days=least * per), a - timedelta(days=least * per * 0.75)
    try:
        lo_s, hi_s = P.render(lo, grain), P.render(hi, grain)
    except (ValueError, OverflowError):
        return None
    edtf = lo_s if lo_s == hi_s else f"[{lo_s}..{hi_s}]"
    return Atom(edtf, None, "anchor")


_REL_STEP = {"last": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "earlier": 0, "later": 0,
             "the": 0}


def rel_unit(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    rel = re.sub(r"\s+", " ", (g.get("rel") or g.get("rel2") or "this").lower())
    return _point(P.shift(ctx.anchor, _REL_STEP[rel], UNITS[g["unit"].lower()]), "anchor")


def _nearest_named(name: str, a: date, step: int) -> Point | None:
    """The month, weekday or season called `name` nearest `a`: step -1 the last one before,
    +1 the next one after, 0 the one in the anchor's year (or week)."""
    key = name.lower()
    if key in WEEKDAYS:
        target = WEEKDAYS[key]
        if step == 0:
            d = a - timedelta(days=a.weekday()) + timedelta(days=target)
        elif step < 0:
            d = a - timedelta(days=(a.weekday() - target) % 7 or 7)
        else:
            d = a + timedelta(days=(target - a.weekday()) % 7 or 7)
        return P.day(d.year, d.month, d.day)
    if key in SEASONS:
        code = SEASONS[key]
        cands = [P.subyear(y, code) for y in (a.year - 1, a.year, a.year + 1)]
        if step == 0:
            return cands[1]
        if step < 0:
            return next(p for p in reversed(cands) if p.hi < a)
        return next(p for p in cands if p.lo > a)
    m = _month_of(key)
    if step == 0:
        return P.month(a.year, m)
    if step < 0:
        return P.month(a.year if m < a.month else a.year - 1, m)
    return P.month(a.year if m > a.month else a.year + 1, m)


def rel_named(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    name = g.get("named") or g.get("season")
    return _point(_nearest_named(name, ctx.anchor, _REL_STEP[rel]), "anchor")


def bare_named(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"Friday", "in August", "in the spring": the latest one not after the anchor, unless the
    sentence speaks of the future, then the first one not before it."""
    key = g["named"].lower()
    year = _year_just_named(ctx, start)
    if year is None and key not in WEEKDAYS and re.search(r"\b[Tt]hat\s+$", ctx.text[max(0, start - 6):start]) \
            and ctx.previous is not None and start - ctx.previous_end <= _CONTEXT_REACH:
        year = ctx.previous.lo.year  # "in 1994 ... that November": the November of the year told
    if year is not None and key not in WEEKDAYS:  # "in 2010, in the autumn": that year's autumn
        return _point(P.subyear(year, SEASONS[key]) if key in SEASONS else P.month(year, _month_of(key)), "context")
    if ctx.anchor is None:
        return None
    a = ctx.anchor
    future = _looks_future(ctx, start)
    if key in WEEKDAYS:
        delta = (WEEKDAYS[key] - a.weekday()) % 7
        d = a + timedelta(days=delta) if future else a - timedelta(days=(a.weekday() - WEEKDAYS[key]) % 7)
        return _point(P.day(d.year, d.month, d.day), "anchor")
    if key in SEASONS:
        cands = [P.subyear(y, SEASONS[key]) for y in (a.year - 1, a.year, a.year + 1)]
        if future:
            return _point(next(p for p in cands if p.hi >= a), "anchor")
        return _point(next(p for p in reversed(cands) if p.lo <= a), "anchor")
    m = _month_of(key)
    if future:
        return _point(P.month(a.year if m >= a.month else a.year + 1, m), "anchor")
    return _point(P.month(a.year if m <= a.month else a.year - 1, m), "anchor")


def _year_just_named(ctx: Context, start: int) -> int | None:
    """The year of a year named just before `start` in the same sentence ("in 2010, in the
    autumn", "In 2004 he came back in May")."""
    prev = ctx.previous
    if prev is None or prev.grain != "year" or start - ctx.previous_end > 60:
        return None
    between = ctx.text[ctx.previous_end:start]
    if any(mark in between for mark in (". ", "? ", "! ", "\n", ";")):
        return None
    return prev.lo.year


def season_ago(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"two summers ago": the summer so many years before the last one not after the anchor."""
    amount = _number(g["num"])
    if ctx.anchor is None or amount is None or amount[0] != amount[1]:
        return None
    key = {"falls": "fall"}.get(g["seasons"].lower(), g["seasons"].lower()[:-1])
    a = ctx.anchor
    latest = next(y for y in (a.year, a.year - 1) if P.subyear(y, SEASONS[key]).lo <= a)
    return _point(P.subyear(latest - amount[0], SEASONS[key]), "anchor")


def now(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    return _point(P.shift(ctx.anchor, 0, "day"), "anchor")


def past_ref(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    return Atom(f"../{P.render(ctx.anchor, 'day')}", None, "anchor")


def recent_ref(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"recently", "in recent years": one event some time before the document date."""
    if ctx.anchor is None:
        return None
    return Atom(f"[..{P.render(ctx.anchor, 'day')}]", None, "anchor")


def future_ref(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    if ctx.anchor is None:
        return None
    return Atom(f"{P.render(ctx.anchor, 'day')}/..", None, "anchor")


# ---- relative to the last date mentioned --------------------------------------------------

# A date named this many characters before a "the next day" is what it counts from; one named
# longer ago has lost the thread, and the document date is used instead.
_CONTEXT_REACH = 400


def _reference(ctx: Context, start: int) -> tuple[Point, str] | None:
    if ctx.previous is not None and start - ctx.previous_end <= _CONTEXT_REACH:
        return ctx.previous, "context"
    if ctx.anchor is not None:
        return P.shift(ctx.anchor, 0, "day"), "anchor"
    return None


def _shift_point(ref: Point, n: int, unit: str) -> Point | None:
    """`ref` moved by n units, at the coarser of the unit's grain and the reference's own."""
    moved = P.shift(ref.lo, n, unit)
    if moved is None:
        return None

    def rank(grain: str) -> int:
        return _GRAIN_ORDER.index(grain) if grain in _GRAIN_ORDER else 0

    if rank(ref.grain) <= rank(moved.grain):
        return moved
    if ref.grain == "month":
        return P.month(moved.lo.year, moved.lo.month)
    if ref.grain == "week":
        return moved
    return P.year(moved.lo.year)


def ctx_shift(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"two years later", "three days earlier": from the last date named before. With none
    named, "earlier" counts back from the report; "later" than the report would be news from the
    future, so it is later than something the text does not date."""
    ref = _reference(ctx, start)
    amount = _number(g["num"])
    later = g["dir"].lower() != "earlier"
    if ref is None or (later and ref[1] != "context") or amount is None or amount[0] != amount[1]:
        return None
    n = amount[0] * (-1 if g["dir"].lower() == "earlier" else 1)
    return _point(_shift_point(ref[0], n, UNITS[g["unit"].lower()]), ref[1])


_CTX_STEP = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0,
             "later": 0, "earlier": 0}


def ctx_next(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"the next day", "the previous year", "later that year", "that day"."""
    ref = _reference(ctx, start)
    if ref is None:
        return None
    rel = (g.get("rel") or g.get("rel2") or "same").lower()
    unit = (g.get("unit") or g.get("unit2") or g.get("unit3") or "day").lower().replace("same ", "").strip()
    return _point(_shift_point(ref[0], _CTX_STEP[rel], UNITS[unit]), ref[1])


def past_span(g: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """"for the past two years", "over the last six months": the stretch up to the document date."""
    if ctx.anchor is None:
        return None
    amount = _number(g["num"])
    unit = UNITS[g["unit"].lower()]
    if amount is None or amount[0] != amount[1]:
        return None
    a, n = ctx.anchor, amount[0]
    months = {"month": n, "year": 12 * n, "decade": 120 * n}.get(unit)
    if months is None:
        begun = P.shift(a, -n, unit)
        if begun is None:
            return None
        return Atom(f"{P.render(begun.lo, 'day')}/{P.render(a, 'day')}", None, "anchor")
    index = a.year * 12 + a.month - 1 - months
    if index < 12:
        return None
    return Atom(f"{index // 12:04d}-{index % 12 + 1:02d}/{P.render(a, 'month')}", None, "anchor")


BUILDERS: dict[str, Builder] = {fn.__name__: fn for fn in (
    full_date, numeric_date, day_range, month_range, year_range, month_year, season_year,
    subyear, subyear_rel, decade, century, year, short_year, month_day, day_word, ago, rel_unit,
    rel_named, bare_named, season_ago, now, past_ref, recent_ref, future_ref, ctx_shift, ctx_next, past_span,
)}
