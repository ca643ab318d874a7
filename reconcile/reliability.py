"""Source reliability: an iterative truth-discovery score per author and per site.

In the spirit of TruthFinder (Yin, Han & Yu, 2008):

- A *fact* is a statement: the claims that are references of one statement, together with claims
  joined by `corroborates`/`duplicates` links (the same fact); each fact is provided by the
  sources of its claims.
- A source's trustworthiness t(s) is the mean confidence of the facts it provides.
- A fact's support is sigma(f) = sum over its sources of tau(s) = -ln(1 - t(s)); conflicting facts
  push against each other: sigma*(f) = sigma(f) - rho * sum w(f, g) * sigma(g) over the facts g it
  conflicts with; its confidence is s(f) = 1 / (1 + exp(-gamma * sigma*(f))).
- Iterate from t = T0 until the scores move less than EPSILON.

Each connected part of the graph (sources joined through the facts they provide and the
conflicts between facts) is iterated on its own until *its* scores settle: the scores of a part
depend on that part alone. That is what makes the update incremental and exact: a reconcile
recomputes only the parts that hold something new or changed, and keeps the stored scores of the
others, which a full recompute would give again (`update_scores(full=True)`, what
`reconcile --full` does). The iteration is vectorised (numpy) over every part at once, each part
frozen as soon as it settles.

What is new or changed since the scores were last written (the newest `source_scores.updated_at`,
a conservative mark): a statement rewritten or created after it, a link created, changed or
reviewed after it, a claim in no statement, a source without a stored score or whose counts
differ. A source that lost claims (a document re-extracted or removed) or disappeared makes the
update a full one, since a part may then have split.

The logistic is evaluated in log space (:func:`log_sigmoid`), never as ``exp`` of a large
positive number: a fact with thousands of agreeing sources against one conflicting fact gives a
support of several thousand, whose ``exp`` overflows a float. No count of sources can overflow
it: the confidence saturates at 1.0 (or 0.0) instead.

Review outcomes enter as the weight w of a conflict and as the presence of same-fact links:

- an open conflict weighs its score; a *confirmed* conflict weighs 1 (a person agreed the claims
  disagree; which side is right is then decided by the rest of the evidence: the side whose
  sources are better supported keeps its confidence, the other loses it); a *dismissed* conflict
  weighs 0 (it was no conflict);
- a dismissed corroboration or duplicate does not join its claims into one fact; a confirmed one
  does, like an open one.

Copies are duplicates, not corroboration: a document whose text is a copy of another's (two
captures of one post, :func:`reconcile.relate.sources.copies`) speaks with the voice of the first
capture, so its claims are provided by the original's author and site, and a statement the two
alone carry is not corroborated.

Counts stored beside each score: claims made, claims corroborated by an independent source (a
`corroborates` link, or another reference of its statement from an independent source),
claims in a conflict that is open or confirmed. Author keys are ``"<site base URL>|<author>"``
(the key :class:`reconcile.timeline.Ratings` looks up first); a reported claim counts for the
author who relays it. Site keys are the site's base URL.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reconcile.id_groups import IdGroups
from reconcile.relate.sources import Origin, copies
from store.models import Claim, ClaimLink, Document, Site, SourceScore, Statement

T0 = 0.8
GAMMA = 0.3
RHO = 0.5
EPSILON = 1e-4
MAX_ITER = 50
T_MAX = 0.999  # keeps tau finite
SAME_FACT = ("corroborates", "duplicates")
CHUNK = 500

F = TypeVar("F", bound=Hashable)
S = TypeVar("S", bound=Hashable)
T = TypeVar("T")


def log_sigmoid(x: float) -> float:
    """ln(1 / (1 + e^-x)), finite for every finite x: -log1p(e^-x) for x >= 0, x - log1p(e^x)
    otherwise, so ``exp`` only ever sees a number <= 0."""
    if x >= 0:
        return -math.log1p(math.exp(-x))
    return x - math.log1p(math.exp(x))


def sigmoid(x: float) -> float:
    """1 / (1 + e^-x) without overflow for any finite x (and for +-inf)."""
    if math.isnan(x):
        return 0.5
    return math.exp(log_sigmoid(x))


@dataclass
class ReliabilityChanges:
    sources: int = 0
    """Sources whose score was computed in this run (all of them on a full update)."""
    written: int = 0
    iterations: int = 0
    full: bool = True


@dataclass
class Problem:
    """Facts, sources and conflicts as arrays: pair k says source ``ps[k]`` provides fact
    ``pf[k]`` (pairs sorted by fact, then source); conflict k pushes fact ``cf[k]`` by ``cg[k]``
    with weight ``cw[k]`` (both directions listed)."""

    n_facts: int
    n_sources: int
    pf: np.ndarray
    ps: np.ndarray
    cf: np.ndarray
    cg: np.ndarray
    cw: np.ndarray

    def parts(self) -> tuple[np.ndarray, np.ndarray]:
        """Each fact's and each source's connected part (the smallest fact index in it): facts
        are joined by a source they share and by a conflict between them."""
        label = np.arange(self.n_facts, dtype=np.int64)
        while True:
            by_source = np.full(self.n_sources, self.n_facts, dtype=np.int64)
            np.minimum.at(by_source, self.ps, label[self.pf])
            new = label.copy()
            np.minimum.at(new, self.pf, by_source[self.ps])
            if len(self.cf):
                np.minimum.at(new, self.cf, new[self.cg])
            new = new[new]  # pointer jumping: a label's own label is at most as large
            if np.array_equal(new, label):
                break
            label = new
        by_source = np.full(self.n_sources, self.n_facts, dtype=np.int64)
        np.minimum.at(by_source, self.ps, label[self.pf])
        return label, by_source


def solve(p: Problem, facts: np.ndarray | None = None, sources: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """TruthFinder on the parts that hold one of these facts or sources (every part when both
    are None), each part iterated to its own fixed point from T0 and frozen once it settles.

    Returns (trust per source, confidence per fact, which sources were computed, iterations of
    the slowest part)."""
    fact_part, source_part = p.parts()
    wanted = np.zeros(p.n_facts + 1, dtype=bool)
    if facts is None and sources is None:
        wanted[:] = True
    else:
        if facts is not None:
            wanted[fact_part[facts]] = True
        if sources is not None:
            wanted[source_part[sources]] = True
    wanted[p.n_facts] = False  # a source providing nothing
    active = wanted.copy()
    n_of = np.bincount(p.ps, minlength=p.n_sources).astype(np.float64)
    n_of[n_of == 0] = 1.0
    trust = np.full(p.n_sources, T0)
    conf = np.zeros(p.n_facts)
    iterations = np.zeros(p.n_facts + 1, dtype=np.int64)
    for _ in range(MAX_ITER):
        live_facts = active[fact_part]
        live_sources = active[source_part]
        tau = -np.log1p(-np.minimum(T_MAX, trust))
        sigma = np.bincount(p.pf, weights=tau[p.ps], minlength=p.n_facts)
        adjusted = sigma
        if len(p.cf):
            adjusted = sigma - RHO * np.bincount(p.cf, weights=p.cw * sigma[p.cg], minlength=p.n_facts)
        fresh = np.exp(-np.logaddexp(0.0, -GAMMA * adjusted))  # the logistic, in log space
        conf = np.where(live_facts, fresh, conf)
        new = np.bincount(p.ps, weights=conf[p.pf], minlength=p.n_sources) / n_of
        moved = np.where(live_sources, np.abs(new - trust), 0.0)
        delta = np.zeros(p.n_facts + 1)
        np.maximum.at(delta, source_part, moved)
        trust = np.where(live_sources, new, trust)
        iterations += active
        active &= delta >= EPSILON
        if not active.any():
            break
    return trust, conf, wanted[source_part], int(iterations.max(initial=0))


def _order(items: Iterable[T]) -> list[T]:
    try:
        return sorted(items)  # type: ignore[type-var]
    except TypeError:
        return sorted(items, key=repr)


def truth_discovery(
    providers: dict[F, set[S]],
    conflicts: list[tuple[F, F, float]],
) -> tuple[dict[S, float], dict[F, float], int]:
    """TruthFinder over facts and their providing sources, each connected part to its own fixed
    point (the scores of a part do not depend on any other part).

    ``providers``: fact -> sources providing it; ``conflicts``: (fact, fact, weight).
    Returns (source trust, fact confidence, iterations of the slowest part).
    """
    facts = _order(providers)
    sources = _order({s for ss in providers.values() for s in ss})
    fi = {f: i for i, f in enumerate(facts)}
    si = {s: i for i, s in enumerate(sources)}
    pairs = [(fi[f], si[s]) for f in facts for s in _order(providers[f])]
    p = _problem(len(facts), len(sources), pairs,
                 [(fi[f], fi[g], w) for f, g, w in conflicts if f in fi and g in fi])
    trust, conf, _done, it = solve(p)
    return ({s: float(trust[i]) for i, s in enumerate(sources)},
            {f: float(conf[i]) for i, f in enumerate(facts)}, it)


def _problem(n_facts: int, n_sources: int, pairs: list[tuple[int, int]] | np.ndarray,
             conflicts: list[tuple[int, int, float]]) -> Problem:
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    kept = [(f, g, w) for f, g, w in conflicts if w > 0 and f != g]
    cf = np.array([x for f, g, _w in kept for x in (f, g)], dtype=np.int64)
    cg = np.array([x for f, g, _w in kept for x in (g, f)], dtype=np.int64)
    cw = np.array([x for _f, _g, w in kept for x in (w, w)], dtype=np.float64)
    return Problem(n_facts, n_sources, arr[:, 0].copy(), arr[:, 1].copy(), cf, cg, cw)


Key = tuple[str, str]
"""(scope, key): ("author", "<base>|<author>") or ("site", "<base>")."""


@dataclass
class Graph:
    """What the scores are computed from, one entry a claim (sorted by id): its fact (the
    smallest claim id of its statement and same-fact links), its author and site (indices into
    ``keys``), whether it is corroborated or contradicted; and the conflicts between facts."""

    claim: np.ndarray
    fact: np.ndarray
    source: dict[str, np.ndarray]
    keys: dict[str, list[str]]
    corroborated: np.ndarray
    contradicted: np.ndarray
    conflicts: list[tuple[int, int, float]]

    def counts(self, scope: str) -> dict[str, tuple[int, int, int]]:
        src = self.source[scope]
        n = len(self.keys[scope])
        made = np.bincount(src, minlength=n)
        cor = np.bincount(src[self.corroborated], minlength=n)
        con = np.bincount(src[self.contradicted], minlength=n)
        return {k: (int(made[i]), int(cor[i]), int(con[i])) for i, k in enumerate(self.keys[scope])}

    @cached_property
    def facts(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct facts, and each claim's index among them."""
        facts, fact_index = np.unique(self.fact, return_inverse=True)
        return facts, fact_index.reshape(-1)

    def problem(self, scope: str) -> tuple[Problem, np.ndarray]:
        """The scope's problem, and each claim's fact index in it."""
        facts, fact_index = self.facts
        n_sources = len(self.keys[scope])
        code = np.unique(fact_index.astype(np.int64) * n_sources + self.source[scope])
        pairs = np.stack([code // n_sources, code % n_sources], axis=1)
        where = {int(f): i for i, f in enumerate(facts)}
        conflicts = [(where[f], where[g], w) for f, g, w in self.conflicts]
        return _problem(len(facts), n_sources, pairs, conflicts), fact_index


def _copies(session: Session) -> dict[int, Origin]:
    """Documents that are a copy of another's text -> the first capture (only texts stored
    more than once are read)."""
    repeated = select(Document.content_hash).group_by(Document.content_hash).having(func.count(Document.id) > 1)
    rows = session.execute(
        select(Document.id, Document.site_id, Document.author_name, Document.kind,
               func.coalesce(Document.permalink, Document.url), Document.content_hash, func.length(Document.text))
        .where(Document.content_hash.in_(repeated))
    ).all()
    return copies((Origin(i, site, author, kind, address or ""), digest, length or 0)
                  for i, site, author, kind, address, digest, length in rows)


def _fetch(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """Plain rows of a fixed query straight from the driver: the graph is tens of thousands of
    rows of two or three columns, where result objects would cost more than the reading."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _int_pairs(rows: Sequence[Any]) -> np.ndarray:
    """Rows of two integers as an (n, 2) array."""
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=2 * len(rows)).reshape(-1, 2)


def load_graph(session: Session) -> Graph:
    """The graph, read from indexes and narrow columns (never a document's text): each claim's
    document and statement, each document's site and author, each statement's source count."""
    bases = dict(session.execute(select(Site.id, Site.base_url)).all())
    first = _copies(session)
    keys: dict[str, dict[str, int]] = {"author": {}, "site": {}}
    # writers (site, author) numbered by the database in one pass over an index, documents by
    # their writer's number: no Python loop over tens of thousands of documents
    order = "ORDER BY site_id, author_name"
    writers = _fetch(session, f"SELECT DISTINCT site_id, author_name FROM documents {order}")
    of_writer: dict[tuple[int, str | None], int] = {}
    author_of = np.zeros(len(writers) + 1, dtype=np.int64)
    site_of = np.zeros(len(writers) + 1, dtype=np.int64)
    for rank, (site_id, author) in enumerate(writers, start=1):
        base = bases[site_id]
        who = author.strip() if author else ""
        author_of[rank] = keys["author"].setdefault(f"{base}|{who}", len(keys["author"]))
        site_of[rank] = keys["site"].setdefault(base, len(keys["site"]))
        of_writer[(site_id, author)] = rank
    ranked = _int_pairs(_fetch(session, f"SELECT id, DENSE_RANK() OVER ({order}) FROM documents"))
    top = int(ranked[:, 0].max(initial=0))
    writer_of = np.zeros(top + 1, dtype=np.int64)
    writer_of[ranked[:, 0]] = ranked[:, 1]
    for doc_id, origin in first.items():  # a copy speaks with its first capture's voice
        if doc_id <= top and (origin.site_id, origin.author) in of_writer:
            writer_of[doc_id] = of_writer[(origin.site_id, origin.author)]
    doc_author = author_of[writer_of]
    doc_site = site_of[writer_of]
    pairs = _int_pairs(_fetch(session, "SELECT id, document_id FROM claims"))
    pairs = pairs[np.argsort(pairs[:, 0])]
    claim, document = pairs[:, 0], pairs[:, 1]
    placed = _int_pairs(_fetch(session, "SELECT id, statement_id FROM claims WHERE statement_id IS NOT NULL"))
    counted = _int_pairs(_fetch(session, "SELECT id, COALESCE(source_count, 0) FROM statements"))
    fact = claim.copy()
    cor = np.zeros(len(claim), dtype=bool)
    if len(placed):
        rows_of = np.searchsorted(claim, placed[:, 0])
        statements, statement_index = np.unique(placed[:, 1], return_inverse=True)
        head = np.full(len(statements), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(head, statement_index, placed[:, 0])  # a statement's fact: its smallest claim id
        fact[rows_of] = head[statement_index]
        # the statement's sources are counted by the relation rules (copies as one source)
        n_sources = np.zeros(len(statements), dtype=np.int64)
        if len(counted):
            at = np.searchsorted(counted[:, 0], statements)
            found = (at < len(counted)) & (counted[np.minimum(at, len(counted) - 1), 0] == statements)
            n_sources[found] = counted[at[found], 1]
        cor[rows_of] = n_sources[statement_index] > 1

    def rows(ids: Iterable[int]) -> np.ndarray:
        return np.searchsorted(claim, np.fromiter(ids, dtype=np.int64))

    # same-fact links join facts only across statements (a reference's link to its head is
    # inside one already, and corroborated there when its sources differ); the link's own
    # statement columns say which (a link from before statements has none, and is read)
    joined = session.execute(
        select(ClaimLink.a_claim_id, ClaimLink.b_claim_id, ClaimLink.type)
        .where(ClaimLink.type.in_(SAME_FACT), ClaimLink.status != "dismissed",
               or_(ClaimLink.a_statement_id.is_(None), ClaimLink.b_statement_id.is_(None),
                   ClaimLink.a_statement_id != ClaimLink.b_statement_id))
    ).all()
    if joined:
        ends = rows(x for link in joined for x in link[:2]).reshape(-1, 2)
        groups = IdGroups()
        for (ix, iy), (_x, _y, type_) in zip(ends.tolist(), joined, strict=True):
            groups.union(int(fact[ix]), int(fact[iy]))
            if type_ == "corroborates":
                cor[[ix, iy]] = True
        fact = np.array([groups.find(f) if f in groups.parent else f for f in fact.tolist()], dtype=np.int64)
    con = np.zeros(len(claim), dtype=bool)
    conflicts: list[tuple[int, int, float]] = []
    found_conflicts = session.execute(
        select(ClaimLink.a_claim_id, ClaimLink.b_claim_id, ClaimLink.score, ClaimLink.status)
        .where(ClaimLink.type == "conflicts", ClaimLink.status != "dismissed")
    ).all()
    ends = rows(x for link in found_conflicts for x in link[:2]).reshape(-1, 2)
    con[ends.ravel()] = True
    for (ix, iy), (_x, _y, score, status) in zip(ends.tolist(), found_conflicts, strict=True):
        conflicts.append((int(fact[ix]), int(fact[iy]), 1.0 if status == "confirmed" else float(score)))
    return Graph(claim, fact, {"author": doc_author[document], "site": doc_site[document]},
                 {scope: list(k) for scope, k in keys.items()}, cor, con, conflicts)


def changed_claims(session: Session, since: datetime) -> set[int]:
    """Claims whose fact may have changed since `since`: in a statement written after it, in a
    link created, changed or reviewed after it, or in no statement."""
    out = set(session.scalars(select(Claim.id).where(Claim.statement_id.is_(None))))
    out.update(session.scalars(
        select(Claim.id).join(Statement, Statement.id == Claim.statement_id).where(Statement.updated_at >= since)))
    recent = (ClaimLink.updated_at >= since) | (ClaimLink.reviewed_at >= since)
    for x, y in session.execute(select(ClaimLink.a_claim_id, ClaimLink.b_claim_id).where(recent)):
        out.update((x, y))
    return out


def compute(session: Session, *, full: bool = True) -> tuple[dict[Key, tuple[float, int, int, int]], bool]:
    """(scope, key) -> (score, claims, corroborated, contradicted) for the sources whose part of
    the graph changed (every source when `full`, or when a source lost claims); and whether the
    answer covers every source."""
    g = load_graph(session)
    stored = {(scope, key): (claims, cor, con) for scope, key, claims, cor, con in session.execute(
        select(SourceScore.scope, SourceScore.key, SourceScore.claims, SourceScore.corroborated,
               SourceScore.contradicted))}
    since = session.scalar(select(func.max(SourceScore.updated_at)))
    counts = {scope: g.counts(scope) for scope in ("author", "site")}
    if not full and (since is None or any(
            key not in counts[scope] or counts[scope][key][0] < made for (scope, key), (made, _c, _n) in stored.items())):
        full = True  # no scores yet, or a source lost claims: a part may have split
    touched_rows = None
    if not full and since is not None:
        ids = np.fromiter(changed_claims(session, since), dtype=np.int64)
        at = np.searchsorted(g.claim, ids)
        touched_rows = at[(at < len(g.claim)) & (g.claim[np.minimum(at, len(g.claim) - 1)] == ids)]
    results: dict[Key, tuple[float, int, int, int]] = {}
    for scope in ("author", "site"):
        problem, fact_index = g.problem(scope)
        if touched_rows is None:
            trust, _conf, done, _it = solve(problem)
        else:
            differ = [i for i, key in enumerate(g.keys[scope]) if stored.get((scope, key)) != counts[scope][key]]
            trust, _conf, done, _it = solve(problem, facts=fact_index[touched_rows],
                                            sources=np.array(differ, dtype=np.int64))
        for i in np.flatnonzero(done):
            key = g.keys[scope][i]
            n, cor, con = counts[scope][key]
            results[(scope, key)] = (round(float(trust[i]), 6), n, cor, con)
    return results, full


def update_scores(session: Session, *, full: bool = True) -> ReliabilityChanges:
    """Write the scores of the sources whose part of the graph changed (every source's when
    `full`), only the rows that differ; the others keep theirs, which a full update would give."""
    results, full = compute(session, full=full)
    changes = ReliabilityChanges(sources=len(results), full=full)
    existing = {(r.scope, r.key): r for r in session.scalars(select(SourceScore))}
    for key, (score, n, cor, con) in sorted(results.items()):
        row = existing.pop(key, None)
        if row is None:
            session.add(SourceScore(scope=key[0], key=key[1], score=score, claims=n, corroborated=cor, contradicted=con))
            changes.written += 1
        elif (round(row.score, 6), row.claims, row.corroborated, row.contradicted) != (score, n, cor, con):
            row.score, row.claims, row.corroborated, row.contradicted = score, n, cor, con
            changes.written += 1
    if full:
        for row in existing.values():
            session.delete(row)
            changes.written += 1
    session.flush()
    return changes
