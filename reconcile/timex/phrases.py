"""Builders for `grammar.JOINS` and `grammar.PREFIXES`: atoms and the words around them -> a value.

"between 2004 and 2008" joins two atoms into a span; "in 1978 and 1981" several into a set;
"sometime before 1998" puts an open end on one. `combine` walks the atoms of a text in order
and applies the first rule of each table that fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable

from reconcile.timex import points as P
from reconcile.timex.atoms import Atom
from reconcile.timex.grammar import JOINS, PREFIX_KEYWORDS, PREFIXES, SUFFIXES
from reconcile.timex.lexicon import PARTS

# How far back a prefix may reach (characters before the atom).
_PREFIX_REACH = 48


@dataclass(frozen=True)
class Found:
    """An atom where it was found."""

    start: int
    end: int
    atom: Atom


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    edtf: str
    resolved_from: str | None


def _resolved(atoms: list[Found]) -> str | None:
    kinds = {f.atom.resolved_from for f in atoms} - {None}
    return "context" if "context" in kinds else ("anchor" if kinds else None)


# ---- joins ------------------------------------------------------------------------------

def _span(atoms: list[Found]) -> str | None:
    a, b = atoms[0].atom.point, atoms[1].atom.point
    if a is None or b is None:
        return None
    return P.span(a, b)


def _members(atoms: list[Found], all_of: bool) -> str | None:
    pts = [f.atom.point for f in atoms]
    if any(p is None or p.grain not in P.SIMPLE_GRAINS for p in pts):
        return None
    if len({p.edtf for p in pts}) != len(pts):
        return None
    return P.members(sorted(pts, key=lambda p: p.lo), all_of)  # type: ignore[arg-type]


JOIN_BUILDERS: dict[str, tuple[int, Callable[[list[Found]], str | None]]] = {
    "span": (2, _span),
    "one_of": (2, lambda atoms: _members(atoms, all_of=False)),
    "all_of": (99, lambda atoms: _members(atoms, all_of=True)),
}


# ---- prefixes ---------------------------------------------------------------------------

def _needs_point(fn: Callable[[P.Point], str | P.Point]) -> Callable[[Atom, re.Match[str]], Atom | None]:
    def apply(atom: Atom, m: re.Match[str]) -> Atom | None:
        if atom.point is None:
            return None
        out = fn(atom.point)
        if isinstance(out, P.Point):
            return Atom(out.edtf, out, atom.resolved_from)
        return Atom(out, None, atom.resolved_from)
    return apply


def _part(atom: Atom, m: re.Match[str]) -> Atom | None:
    if atom.point is None or atom.point.grain in ("day", "span", "week", "months", "years"):
        return None
    which = PARTS[m.group("part").lower()]
    p = P.part(atom.point, which)
    return Atom(p.edtf, p, atom.resolved_from)


def _keep_range(atom: Atom, m: re.Match[str]) -> Atom | None:
    """"from 1992-1994": the range as it stands, with its preposition in the phrase."""
    return atom if atom.point is None and "/" in atom.edtf else None


PREFIX_BUILDERS: dict[str, Callable[[Atom, re.Match[str]], Atom | None]] = {
    "part": _part,
    "approx": _needs_point(P.approx),
    "before": _needs_point(P.before),
    "by": _needs_point(P.by),
    "after": _needs_point(P.after),
    "until": _needs_point(P.until),
    "since": _needs_point(P.since),
    "keep_range": _keep_range,
}

SUFFIX_BUILDERS: dict[str, Callable[[Atom, re.Match[str]], Atom | None]] = {
    "since": _needs_point(P.since),
    "by": _needs_point(P.by),
    "from_on": _needs_point(P.from_on),
}

_JOINS = [(name, re.compile(f"(?:{prefix})\\Z") if prefix else None, re.compile(joiner), *JOIN_BUILDERS[builder])
          for name, prefix, joiner, builder in JOINS]
_PREFIXES = [(name, re.compile(f"(?:{pattern})\\Z"), PREFIX_BUILDERS[builder]) for name, pattern, builder in PREFIXES]
_SUFFIXES = [(name, re.compile(pattern), SUFFIX_BUILDERS[builder]) for name, pattern, builder in SUFFIXES]
_SUFFIX_START = re.compile(r",?\s+(?i:on|onward|onwards|and|or|at)\b")


def _prefix_at(pattern: re.Pattern[str], text: str, start: int, floor: int = 0) -> re.Match[str] | None:
    """The prefix match ending exactly at `start` and starting at or after `floor`, if any."""
    lo = max(floor, start - _PREFIX_REACH)
    m = pattern.search(text, lo, start)
    return m if m and m.end() == start else None


def _join(text: str, found: list[Found], i: int, floor: int) -> tuple[Phrase, int] | None:
    for _name, prefix, joiner, arity, build in _JOINS:
        group = [found[i]]
        seps: list[str] = []
        while len(group) < arity and i + len(group) < len(found):
            nxt = found[i + len(group)]
            between = text[group[-1].end:nxt.start]
            if not joiner.fullmatch(between):
                break
            if build is not _span and nxt.atom.resolved_from == "context":
                break  # "in 2003, and two years later": a later time of its own, not one of a list
            group.append(nxt)
            seps.append(between)
        if arity == 99:  # a list: "A, B and C" ends with "and", commas only before it
            while seps and "," in seps[-1] and not re.search(r"(?i)\b(?:and|&)\b|&", seps[-1]):
                seps.pop()
                group.pop()
        if len(group) < 2:
            continue
        start = group[0].start
        if prefix is not None:
            m = _prefix_at(prefix, text, start, floor)
            if m is None:
                continue
            start = m.start()
        try:
            edtf = build(group)
        except (ValueError, OverflowError):
            edtf = None
        if edtf is None:
            continue
        return Phrase(start, group[-1].end, edtf, _resolved(group)), i + len(group)
    return None


def _could_have_prefix(text: str, start: int) -> bool:
    words = text[max(0, start - _PREFIX_REACH):start].replace("-", " ").lower().split()[-3:]
    return any(w.strip(",;:") in PREFIX_KEYWORDS for w in words)


def _suffixed(text: str, f: Found, limit: int) -> tuple[Atom, int]:
    """The atom with the first suffix that fits after it (ending by `limit`), and where the
    phrase now ends."""
    if not _SUFFIX_START.match(text, f.end):
        return f.atom, f.end
    for _name, pattern, apply in _SUFFIXES:
        m = pattern.match(text, f.end, limit)
        if m is None:
            continue
        new = apply(f.atom, m)
        if new is not None:
            return new, m.end()
    return f.atom, f.end


def _prefixed(text: str, f: Found, floor: int, limit: int) -> Phrase:
    atom, end = _suffixed(text, f, limit)
    start, used = f.start, set()
    changed = _could_have_prefix(text, start)
    while changed:
        changed = False
        for name, pattern, apply in _PREFIXES:
            if name in used:
                continue
            m = _prefix_at(pattern, text, start, floor)
            if m is None:
                continue
            try:
                new = apply(atom, m)
            except (ValueError, OverflowError):  # e.g. "after" the last day the calendar holds
                new = None
            if new is None:
                continue
            atom, start = new, m.start()
            used.add(name)
            changed = True
            break
    return Phrase(start, end, atom.edtf, atom.resolved_from)


def combine(text: str, found: list[Found]) -> list[Phrase]:
    """The phrases the atoms of `text` make, in order, none overlapping."""
    out: list[Phrase] = []
    i = 0
    while i < len(found):
        floor = out[-1].end if out else 0  # words of the last phrase are not this one's prefix
        joined = _join(text, found, i, floor)
        if joined is not None:
            phrase, i = joined
        else:
            limit = found[i + 1].start if i + 1 < len(found) else len(text)
            phrase, i = _prefixed(text, found[i], floor, limit), i + 1
        out.append(phrase)
    return out
