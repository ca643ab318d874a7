"""Claims grouped into statements, and the relations between statements (pure; no database).

A statement is what several claims say about one subject: the same predicate family, a
compatible value and time, the same polarity (Wikidata's statement with its references). A claim
joins the first statement whose representative it states the same fact as (:func:`classify`
says `corroborates` or `duplicates`) and whose time, as all its dated references allow, it can
meet; else it starts a statement. So corroboration adds a reference, not a link per pair, and
the work is near linear: a claim is compared only with the statements that share one of its
values (:func:`value_keys`), a statement with its neighbours in time and the few statements that
could contradict it.

Relations between the statements of one subject and family (:func:`relate_group`):

- `conflicts`: :func:`classify` on the two statements' representatives says they conflict
  (a negation, two birth years, two ranks at one time, two spans of one office);
- `supplements`: each statement adds to its nearest statement in time that has a source it
  lacks (one link per statement at most), when the two are neither the same fact nor in conflict.

Reviewed decisions bind the grouping: two claims whose `corroborates`/`duplicates` link a
reviewer dismissed never share a statement; a confirmed one keeps them together.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from . import tables, times, values
from .rules import Relation, _pair, classify, describe
from .sources import ClaimView

SAME_FACT = ("corroborates", "duplicates")
NEAREST_SCAN = 48
"""How many statements, nearest in time first, are tried for a supplement."""


def family(c: ClaimView) -> str:
    return tables.FAMILY.get(c.predicate, c.predicate)


def negated(c: ClaimView) -> bool:
    return c.modality == "negated"


def value_keys(c: ClaimView) -> frozenset[tuple]:
    """Keys under which a claim's value is indexed: two claims can state the same value only if
    they share one (an entity id, a canonical concept, or both having no object). Functional
    facts compare loosely (a place inside another), so all of a subject's are candidates."""
    if family(c) in tables.FUNCTIONAL:
        return frozenset({("*",)})
    keys: set[tuple] = {("c", k) for k in values.concepts(n for n in c.object_names if n)}
    if c.object_entity_id is not None:
        keys.add(("e", c.object_entity_id))
    if not c.object_names and c.object_entity_id is None:
        keys.add(("none",))
    return frozenset(keys)



def _order(c: ClaimView) -> tuple:
    """Content order (document address, quote offset, claim key), then the row id: what is
    grouped and related first does not depend on the order claims were stored in."""
    return (c.order_key, c.id)

@dataclass
class Draft:
    """A statement being built: stored (`id` > 0) or new (`id` < 0)."""

    id: int
    subject: int
    family: str
    negated: bool
    refs: list[ClaimView] = field(default_factory=list)
    changed: bool = False
    _span: tuple[date | None, date | None] | None = None

    _rep: ClaimView | None = None
    _sources: set[tuple] | None = None

    _head: ClaimView | None = None

    @property
    def head(self) -> ClaimView:
        if self._head is None:
            self._head = min(self.refs, key=_order)
        return self._head

    @property
    def rep(self) -> ClaimView:
        """The reference that speaks for the statement: its most precise dated one, else its head."""
        if self._rep is None:
            dated = [c for c in self.refs if c.span != (None, None)]
            self._rep = min(dated, key=lambda c: (_width(c), _order(c))) if dated else self.head
        return self._rep

    @property
    def span(self) -> tuple[date | None, date | None]:
        """The time every dated reference allows (the intersection of their spans)."""
        if self._span is None:
            lo: date | None = None
            hi: date | None = None
            for c in self.refs:
                if c.earliest is not None and (lo is None or c.earliest > lo):
                    lo = c.earliest
                if c.latest is not None and (hi is None or c.latest < hi):
                    hi = c.latest
            self._span = (lo, hi)
        return self._span

    @property
    def sources(self) -> set[tuple]:
        if self._sources is None:
            self._sources = {c.source_key for c in self.refs}
        return self._sources

    def forget(self) -> None:
        """Drop what was worked out from the references (they changed)."""
        self._span = self._rep = self._sources = self._head = None

    def add(self, c: ClaimView) -> None:
        """One more reference; what was worked out is brought up to date, not redone (a much
        repeated statement gets thousands)."""
        self.refs.append(c)
        self.changed = True
        if self._head is not None and _order(c) < _order(self._head):
            self._head = c
        if self._sources is not None:
            self._sources.add(c.source_key)
        if self._rep is not None:
            r = self._rep
            if c.span != (None, None):
                if r.span == (None, None) or (_width(c), _order(c)) < (_width(r), _order(r)):
                    self._rep = c
            elif r.span == (None, None) and _order(c) < _order(r):
                self._rep = c  # undated throughout: the head speaks
        if self._span is not None:
            lo, hi = self._span
            if c.earliest is not None and (lo is None or c.earliest > lo):
                lo = c.earliest
            if c.latest is not None and (hi is None or c.latest < hi):
                hi = c.latest
            self._span = (lo, hi)

    def remove(self, claim_id: int) -> None:
        self.refs = [c for c in self.refs if c.id != claim_id]
        self.changed = True
        self.forget()


def _width(c: ClaimView) -> int:
    if c.earliest is None or c.latest is None:
        return 10**7
    return (c.latest - c.earliest).days


def _mid(c: ClaimView) -> float | None:
    ds = [d.toordinal() for d in (c.earliest, c.latest) if isinstance(d, date)]
    return sum(ds) / len(ds) if ds else None


def joins(c: ClaimView, d: Draft, cannot: dict[int, set[int]]) -> bool:
    """Whether claim `c` is one more reference of statement `d`."""
    if d.negated != negated(c) or d.family != family(c) or d.subject != c.subject_entity_id:
        return False
    if family(c) in tables.UNRELATED or c.predicate in tables.UNRELATED:
        return False
    banned = cannot.get(c.id)
    if banned and any(r.id in banned for r in d.refs):
        return False
    if d.span != (None, None) and times.relation(c.span, d.span) == times.DISJOINT:
        return False
    rel = classify(c, d.rep, explain=False)
    return rel is not None and rel.type in SAME_FACT


class Grouper:
    """Statements of some subjects: stored ones given, new claims joined to them incrementally."""

    def __init__(self, cannot: dict[int, set[int]] | None = None, must: dict[int, set[int]] | None = None) -> None:
        self.cannot = cannot or {}
        self.must = must or {}
        self.drafts: dict[int, Draft] = {}
        self.of_claim: dict[int, int] = {}
        self._index: dict[tuple[int, str, bool], dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
        self._next = -1

    def group_key(self, d: Draft) -> tuple[int, str, bool]:
        return (d.subject, d.family, d.negated)

    def add_stored(self, d: Draft) -> None:
        self.drafts[d.id] = d
        for c in d.refs:
            self.of_claim[c.id] = d.id
            self._index_claim(d, c)

    def _index_claim(self, d: Draft, c: ClaimView) -> None:
        idx = self._index[self.group_key(d)]
        for k in value_keys(c):
            bucket = idx[k]
            if not bucket or bucket[-1] != d.id:
                bucket.append(d.id)

    def detach(self, claim_id: int) -> None:
        sid = self.of_claim.pop(claim_id, None)
        if sid is not None:
            self.drafts[sid].remove(claim_id)

    def place(self, c: ClaimView) -> Draft:
        """Put a claim in the statement it joins, or a new one."""
        assert c.subject_entity_id is not None
        target: Draft | None = None
        for partner in sorted(self.must.get(c.id, ())):
            sid = self.of_claim.get(partner)
            if sid is not None and self.drafts[sid].refs and self.drafts[sid].subject == c.subject_entity_id \
                    and self.drafts[sid].family == family(c) and self.drafts[sid].negated == negated(c):
                target = self.drafts[sid]
                break
        if target is None and c.predicate not in tables.UNRELATED:
            idx = self._index.get((c.subject_entity_id, family(c), negated(c)), {})
            seen: set[int] = set()
            for k in sorted(value_keys(c), key=repr):
                for sid in idx.get(k, ()):
                    if sid in seen:
                        continue
                    seen.add(sid)
                    d = self.drafts[sid]
                    if d.refs and joins(c, d, self.cannot):
                        target = d
                        break
                if target is not None:
                    break
        if target is None:
            target = Draft(self._next, c.subject_entity_id, family(c), negated(c))
            self._next -= 1
            self.drafts[target.id] = target
        target.add(c)
        self.of_claim[c.id] = target.id
        self._index_claim(target, c)
        return target

    def groups(self) -> dict[tuple[int, str], list[Draft]]:
        """Non-empty statements by (subject, family), both polarities together."""
        out: dict[tuple[int, str], list[Draft]] = defaultdict(list)
        for d in self.drafts.values():
            if d.refs:
                out[(d.subject, d.family)].append(d)
        return out


def group_claims(claims: Iterable[ClaimView], cannot: dict[int, set[int]] | None = None) -> list[list[int]]:
    """Claim ids grouped into statements, from scratch (for tests and measurement)."""
    g = Grouper(cannot)
    for c in sorted(claims, key=_order):
        if c.subject_entity_id is not None:
            g.place(c)
    return sorted(sorted(r.id for r in d.refs) for d in g.drafts.values() if d.refs)


@dataclass(frozen=True)
class StatementRelation:
    """A relation between two statements: `a` and `b` are statement ids (a < b), `a_claim` and
    `b_claim` the representatives the reason speaks of."""

    a: int
    b: int
    type: str
    relation: Relation
    a_claim: int
    b_claim: int


def _with_counts(rel: Relation, x: Draft, y: Draft) -> Relation:
    extra = ""
    if len(x.refs) > 1 or len(y.refs) > 1:
        extra = f"; sources: {len(x.sources)} vs {len(y.sources)}"
    return Relation(rel.type, rel.score, rel.reason + extra) if extra else rel


def _key(x: Draft, y: Draft, type_: str, rel: Relation) -> tuple[tuple[int, int, str], StatementRelation]:
    rx, ry = x.rep, y.rep
    if x.id < y.id:
        return (x.id, y.id, type_), StatementRelation(x.id, y.id, type_, rel, rx.id, ry.id)
    return (y.id, x.id, type_), StatementRelation(y.id, x.id, type_, rel, ry.id, rx.id)


def relate_group(drafts: list[Draft]) -> dict[tuple[int, int, str], StatementRelation]:
    """Conflicts and supplements among the statements of one subject and predicate family."""
    out: dict[tuple[int, int, str], StatementRelation] = {}
    if not drafts:
        return out
    fam = drafts[0].family
    if fam in tables.UNRELATED:
        return out
    drafts = sorted(drafts, key=lambda d: _order(d.head))
    reps = {d.id: d.rep for d in drafts}
    srcs = {d.id: d.sources for d in drafts}
    conflicting: set[frozenset[int]] = set()

    def check_conflict(x: Draft, y: Draft) -> None:
        pair = frozenset((x.id, y.id))
        if x.id == y.id or pair in conflicting:
            return
        apart = bool(srcs[y.id] - srcs[x.id] or srcs[x.id] - srcs[y.id])
        rel = classify(reps[x.id], reps[y.id], independent_sources=apart, explain=False)
        if rel is not None and rel.type == "conflicts":
            rel = classify(reps[x.id], reps[y.id], independent_sources=apart)
            assert rel is not None
            conflicting.add(pair)
            key, sr = _key(x, y, "conflicts", _with_counts(rel, x, y))
            out[key] = sr

    by_key: dict[tuple, list[Draft]] = defaultdict(list)
    for d in drafts:
        for k in {k for c in d.refs for k in value_keys(c)}:
            by_key[k].append(d)
    everyone = fam in tables.FUNCTIONAL or fam in tables.ONE_AT_A_TIME
    positive = [d for d in drafts if not d.negated]
    denials = [d for d in drafts if d.negated]
    for x in denials:  # a claim and its negation
        for y in positive:
            check_conflict(x, y)
    if everyone:
        for i, x in enumerate(positive):
            for y in positive[i + 1 :]:
                check_conflict(x, y)
    elif fam in tables.SPAN_CONFLICT:
        for bucket in by_key.values():
            live = [d for d in bucket if not d.negated]
            for i, x in enumerate(live):
                for y in live[i + 1 :]:
                    check_conflict(x, y)

    # supplements: each statement to its nearest statement in time with a source it lacks
    keyed = sorted((m, _order(d.head), d.id) for d in drafts if (m := _mid(reps[d.id])) is not None)
    dated = [(m, sid) for m, _o, sid in keyed]
    mids = [m for m, _ in dated]
    by_id = {d.id: d for d in drafts}
    for x in drafts:
        if x.negated:
            continue
        rx = reps[x.id]
        m = _mid(rx)
        if m is None:
            order: Iterable[int] = (d.id for d in drafts)
        else:
            order = _outward(dated, mids, m)
        for tried, yid in enumerate(order):
            if tried >= NEAREST_SCAN:
                break
            if yid == x.id:
                continue
            y = by_id[yid]
            if y.negated or not (srcs[y.id] - srcs[x.id]):
                continue
            if frozenset((x.id, y.id)) in conflicting:
                continue
            rel = classify(rx, reps[y.id], independent_sources=True, explain=False)
            if rel is None or rel.type != "supplements":
                continue
            rel = classify(rx, reps[y.id], independent_sources=True)
            assert rel is not None
            key, sr = _key(x, y, "supplements", _with_counts(rel, x, y))
            out.setdefault(key, sr)
            break
    return out


def _outward(dated: list[tuple[float, int]], mids: list[float], m: float) -> Iterable[int]:
    """Statement ids in order of distance in time from `m` (ties: the earlier side first)."""
    hi = bisect.bisect_left(mids, m)
    lo = hi - 1
    while lo >= 0 or hi < len(dated):
        if hi >= len(dated) or (lo >= 0 and m - dated[lo][0] <= dated[hi][0] - m):
            yield dated[lo][1]
            lo -= 1
        else:
            yield dated[hi][1]
            hi += 1


def reference_relation(ref: ClaimView, d: Draft) -> Relation:
    """The link that makes `ref` a reference of statement `d`: to its head, `corroborates` from
    an independent source, `duplicates` from the same one."""
    head = d.head
    rel = classify(ref, head)
    if rel is not None and rel.type in SAME_FACT:
        return rel
    apart = ref.source_key != head.source_key
    conf = min(ref.confidence, head.confidence)
    how = "from independent sources" if apart else "again from the same source"
    return Relation("corroborates" if apart else "duplicates", round(0.75 * conf, 3),
                    f"{_pair(ref, head)}: one statement ({describe(d.rep)}) {how}")


__all__ = ["Draft", "Grouper", "StatementRelation", "group_claims", "reference_relation", "relate_group", "value_keys"]
