"""How two claims about one subject relate: conflicts, corroborates, duplicates, supplements.

Rules, in order (data in :mod:`.tables`):

1. a claim and its negation of the same value, at times that can meet: conflicts;
2. functional facts (born, died): times that cannot meet, or values that cannot both hold
   (places neither inside the other): conflicts;
3. a correction ("until 2006, not 2007") of the time another claim of the same value states:
   conflicts, and the reason says it is a correction (:mod:`.corrections`);
4. one-at-a-time facts (rank): different values over the same precise time: conflicts;
5. spans of one office that overlap but disagree, beyond a year, on a start or an end both
   state ("2004-2008" and "until 2005"): conflicts, naming the bound;
6. the same value at times that can meet (or one undated): the same fact, corroborates when the
   sources are independent (:mod:`.sources`: the original outlet or speaker, the author, the
   site, a copy's first capture), else duplicates, saying why the source is one;
7. otherwise, from independent sources, a candidate supplement: the set function
   :func:`relate_claims` keeps, for each claim and each other source that lacks its fact, only
   the link to that source's nearest claim in time, so one new fact makes one link per source.

Every relation carries a score in [0, 1] and a one-line reason naming both claims' values, times
and sources.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import corrections, tables, times, values
from .sources import ClaimView, independent, sameness

PREDICATE_WORDS: dict[str, str] = {
    "born": "born", "died": "died", "educated_at": "educated at", "member_of": "member of",
    "defected_to": "defected to", "position_held": "held", "rank": "rank", "located_in": "in",
    "traveled_to": "traveled to", "detained": "detained in", "released": "released", "awarded": "awarded",
    "family": "family:",
}


@dataclass(frozen=True)
class Relation:
    type: str
    score: float
    reason: str


# Predicates whose object is a place read with "in" before it ("born in Deh Surkh, 1956").
OBJECT_PREPOSITION: dict[str, str] = {"born": "in", "died": "in"}


def describe(c: ClaimView) -> str:
    """A claim in a few words a reader can check against its quote: "born in Deh Surkh, 1956",
    "not held senator (undated)"."""
    text = ("not " if c.modality == "negated" else "") + PREDICATE_WORDS.get(c.predicate, c.predicate.replace("_", " "))
    when = times.words(c.edtf, c.earliest, c.latest)
    if c.object_names:
        prep = OBJECT_PREPOSITION.get(c.predicate)
        text += f" {prep} {c.object_names[0]}" if prep else f" {c.object_names[0]}"
        if c.place and c.predicate in tables.PLACE_QUALIFIED:
            text += f" in {c.place}"
            prep = "in"
        return f"{text}, {when}" if when and prep else f"{text} {when or '(undated)'}"
    return f"{text} {when or '(undated)'}"


def _pair(a: ClaimView, b: ClaimView) -> str:
    return f"{describe(a)} ({a.label()}) vs {describe(b)} ({b.label()})"



def _precision(c: ClaimView) -> str:
    """'precise to the year', or 'approximate, to the year' for an EDTF value stated as about."""
    p = times.precision(c.earliest, c.latest)
    return f"approximate, {p.removeprefix('precise ')}" if c.edtf and c.edtf.endswith("~") else p


def _precisions(a: ClaimView, b: ClaimView) -> str:
    pa, pb = _precision(a), _precision(b)
    return f"both {pa}" if pa == pb else f"{pa} and {pb}"


def _bounds_words(sa: tuple[date | None, date | None], sb: tuple[date | None, date | None],
                  starts: bool, ends: bool) -> str:
    """'its end: 2005 against 2008, both stated to the year'."""
    parts = []
    if starts:
        parts.append(f"its start: {sa[0].year} against {sb[0].year}")  # type: ignore[union-attr]
    if ends:
        parts.append(f"its end: {sa[1].year} against {sb[1].year}")  # type: ignore[union-attr]
    return " and ".join(parts)


def classify(a: ClaimView, b: ClaimView, *, independent_sources: bool | None = None,
             explain: bool = True) -> Relation | None:
    """The relation between two claims, or None (a supplement here is only a candidate).

    ``independent_sources`` overrides the comparison of the two claims' own sources (statements
    compare their sets of sources: :mod:`.statements`); ``explain=False`` leaves the reason
    empty (grouping asks only which relation, many times)."""

    def pair() -> str:
        return _pair(a, b) if explain else ""

    def say(c: ClaimView) -> str:
        return describe(c) if explain else ""

    if a.subject_entity_id is None or a.subject_entity_id != b.subject_entity_id or a.id == b.id:
        return None
    if a.predicate in tables.UNRELATED or tables.FAMILY.get(a.predicate, a.predicate) != tables.FAMILY.get(b.predicate, b.predicate):
        return None
    pred = a.predicate
    obj = values.compare((a.object_entity_id, b.object_entity_id), a.object_names, b.object_names,
                         (a.object_type, b.object_type))
    if pred in tables.PLACE_QUALIFIED and obj in (values.SAME, values.COMPATIBLE) and a.place and b.place:
        where = values.compare((a.place_entity_id, b.place_entity_id), (a.place,), (b.place,), ("PLACE", "PLACE"))
        if where == values.DIFFERENT:
            obj = values.DIFFERENT  # governor of Kandahar, governor of Nangarhar: two offices
    when = times.relation(a.span, b.span)
    conf = min(a.confidence, b.confidence)
    apart = independent(a, b) if independent_sources is None else independent_sources
    neg_a, neg_b = a.modality == "negated", b.modality == "negated"
    if neg_a != neg_b:
        if obj != values.DIFFERENT and when != times.DISJOINT:
            return Relation("conflicts", round(0.8 * conf, 3), f"{pair()}: a claim and its negation")
        return None
    if obj != values.DIFFERENT:
        for x, y in ((a, b), (b, a)):
            fix = corrections.correction(x)
            if fix is not None and corrections.corrects(fix, y):
                return Relation("conflicts", round(0.85 * conf, 3),
                                f"{pair()}: a correction: {corrections.words(fix)}, as {x.label()} writes" if explain else "")
    if pred in tables.FUNCTIONAL:
        if when == times.DISJOINT:
            precise = times.is_precise(*a.span) and times.is_precise(*b.span)
            what = "different years" if precise and a.earliest.year != b.earliest.year else "times that cannot both hold"  # type: ignore[union-attr]
            return Relation("conflicts", round((0.9 if precise else 0.7) * conf, 3),
                            f"{pair()}: {what}, {_precisions(a, b)}" if explain else "")
        if obj == values.DIFFERENT:
            return Relation("conflicts", round(0.6 * conf, 3), f"{pair()}: different {PREDICATE_WORDS.get(pred, pred)} values that neither contains")
    if pred in tables.ONE_AT_A_TIME and obj == values.DIFFERENT and when == times.OVERLAP:
        if times.is_precise(*a.span) and times.is_precise(*b.span):
            return Relation("conflicts", round(0.7 * conf, 3), f"{pair()}: two values at the same time, {_precisions(a, b)}" if explain else "")
    if pred in tables.SPAN_CONFLICT and obj == values.SAME and when == times.OVERLAP:
        sa, sb = times.stated_bounds(a.edtf, *a.span, a.time_text), times.stated_bounds(b.edtf, *b.span, b.time_text)
        starts, ends = times.bounds_apart(sa, sb)
        if starts or ends:
            return Relation("conflicts", round(0.6 * conf, 3),
                            f"{pair()}: overlapping spans of one office that disagree on {_bounds_words(sa, sb, starts, ends)}" if explain else "")
    loose = (values.SAME, values.COMPATIBLE, values.UNKNOWN)
    same_fact = obj in (loose if pred in tables.FUNCTIONAL else (values.SAME,)) and when != times.DISJOINT \
        or pred in tables.PLACE_OPTIONAL and obj in loose and when == times.OVERLAP
    if same_fact and pred in tables.SPAN_CONFLICT and _start_and_end(a, b):
        same_fact = False  # "joined Hezb in 1979" and "quit Hezb in 2002": two facts of one membership
    if same_fact:
        undated = " (one of them undated)" if when == times.UNDATED else ""
        if apart:
            score = (0.9 if when == times.OVERLAP else 0.75) * conf
            return Relation("corroborates", round(score, 3), f"{pair()}: the same fact from independent sources{undated}")
        return Relation("duplicates", round(0.9 * conf, 3),
                        f"{pair()}: the same fact again from one source, {sameness(a, b)}{undated}" if explain else "")
    if neg_a and neg_b:
        return None  # two denials of different things say nothing about each other
    if apart:
        why = "another value" if obj == values.DIFFERENT else "another time"
        return Relation("supplements", round(0.5 * conf, 3), f"{say(a)} ({a.label()}) adds to {say(b)} ({b.label()}): {why} the other source does not mention" if explain else "")
    return None


def _start_and_end(a: ClaimView, b: ClaimView) -> bool:
    """One claim states only an end ("../2002") and the other only a start or a moment ("1979")."""
    def only_end(c: ClaimView) -> bool:
        edtf = c.edtf or ""
        return edtf.startswith("..") and "/" in edtf

    def point(c: ClaimView) -> bool:
        edtf = c.edtf or ""
        return bool(edtf) and "/" not in edtf and not edtf.startswith(("[", "{"))

    return only_end(a) and point(b) or only_end(b) and point(a)


def _mid(c: ClaimView) -> float | None:
    ds = [d.toordinal() for d in (c.earliest, c.latest) if isinstance(d, date)]
    return sum(ds) / len(ds) if ds else None


def _distance(a: ClaimView, b: ClaimView) -> float:
    ma, mb = _mid(a), _mid(b)
    return abs(ma - mb) if ma is not None and mb is not None else float("inf")


def relate_claims(claims: Iterable[ClaimView]) -> dict[tuple[int, int, str], Relation]:
    """All relations among claims, keyed (smaller claim id, larger claim id, type)."""
    groups: dict[tuple[int, str], list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.subject_entity_id is not None and c.predicate not in tables.UNRELATED:
            groups[(c.subject_entity_id, tables.FAMILY.get(c.predicate, c.predicate))].append(c)
    out: dict[tuple[int, int, str], Relation] = {}
    for members in groups.values():
        # content order, not row ids: which claim reads first in a reason, and which nearest
        # supplement wins a tie, must not depend on the order documents were stored in
        members.sort(key=lambda c: (c.order_key, c.id))
        candidates: dict[int, dict[tuple, list[tuple[ClaimView, Relation]]]] = defaultdict(lambda: defaultdict(list))
        known: dict[int, set[tuple]] = defaultdict(set)  # claim -> sources that state its fact
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                rel = classify(a, b)
                if rel is None:
                    continue
                if rel.type == "supplements":
                    candidates[a.id][b.source_key].append((b, rel))
                    candidates[b.id][a.source_key].append((a, Relation(rel.type, rel.score, classify(b, a).reason)))  # type: ignore[union-attr]
                    continue
                out[(min(a.id, b.id), max(a.id, b.id), rel.type)] = rel
                if rel.type in ("corroborates", "duplicates"):
                    known[a.id].add(b.source_key)
                    known[b.id].add(a.source_key)
        by_id = {c.id: c for c in members}
        for cid, per_source in candidates.items():
            x = by_id[cid]
            for source, options in per_source.items():
                if source in known[cid]:
                    continue  # that source already states this fact: nothing new to it
                other, rel = min(options, key=lambda o: (_distance(x, o[0]), o[0].order_key, o[0].id))
                key = (min(cid, other.id), max(cid, other.id), "supplements")
                if key not in out:
                    # the reason reads from the side of the claim that adds the fact
                    out[key] = rel
    return out
