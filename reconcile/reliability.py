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

The logistic is evaluated in log space (:func:`log_sigmoid`), never as ``exp`` of a large
positive number: a fact with thousands of agreeing sources against one conflicting fact gives a
support of several thousand, whose ``exp`` overflows a float (about 760 sources at a conflict score
of 0.9 used to raise ``OverflowError`` and abort the whole reconcile). No count of sources can
overflow it now: the confidence saturates at 1.0 (or 0.0) instead.

Review outcomes enter as the weight w of a conflict and as the presence of same-fact links:

- an open conflict weighs its score; a *confirmed* conflict weighs 1 (a person agreed the claims
  disagree; which side is right is then decided by the rest of the evidence: the side whose
  sources are better supported keeps its confidence, the other loses it); a *dismissed* conflict
  weighs 0 (it was no conflict);
- a dismissed corroboration or duplicate does not join its claims into one fact; a confirmed one
  does, like an open one.

Counts stored beside each score: claims made, claims corroborated by an independent source (a
`corroborates` link, or another reference of its statement from an independent source),
claims in a conflict that is open or confirmed. Author keys are ``"<site base URL>|<author>"``
(the key :class:`reconcile.timeline.Ratings` looks up first); a reported claim counts for the
author who relays it. Site keys are the site's base URL.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reconcile.id_groups import IdGroups
from reconcile.relate.sources import source_key
from store.models import Claim, ClaimLink, Document, Site, SourceScore

T0 = 0.8
GAMMA = 0.3
RHO = 0.5
EPSILON = 1e-4
MAX_ITER = 50
T_MAX = 0.999  # keeps tau finite
SAME_FACT = ("corroborates", "duplicates")


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
    written: int = 0
    iterations: int = 0


def truth_discovery(
    providers: dict[int, set[str]],
    conflicts: list[tuple[int, int, float]],
) -> tuple[dict[str, float], dict[int, float], int]:
    """TruthFinder over facts and their providing sources.

    ``providers``: fact -> sources providing it; ``conflicts``: (fact, fact, weight).
    Returns (source trust, fact confidence, iterations).
    """
    sources: dict[str, list[int]] = defaultdict(list)
    for f, ss in providers.items():
        for s in ss:
            sources[s].append(f)
    against: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for f, g, w in conflicts:
        if w > 0 and f != g:
            against[f].append((g, w))
            against[g].append((f, w))
    trust = {s: T0 for s in sources}
    conf: dict[int, float] = {}
    it = 0
    for it in range(1, MAX_ITER + 1):  # noqa: B007 - the count is returned
        tau = {s: -math.log(1 - min(T_MAX, t)) for s, t in trust.items()}
        sigma = {f: sum(tau[s] for s in ss) for f, ss in providers.items()}
        conf = {}
        for f, base in sigma.items():
            adjusted = base - RHO * sum(w * sigma[g] for g, w in against.get(f, ()))
            conf[f] = sigmoid(GAMMA * adjusted)
        new = {s: sum(conf[f] for f in fs) / len(fs) for s, fs in sources.items()}
        delta = max((abs(new[s] - trust[s]) for s in new), default=0.0)
        trust = new
        if delta < EPSILON:
            break
    return trust, conf, it


def compute(session: Session) -> dict[tuple[str, str], tuple[float, int, int, int]]:
    """(scope, key) -> (score, claims, corroborated, contradicted) for every author and site."""
    claim_src: dict[int, tuple[str, str]] = {}
    statement_sources: dict[int, set[tuple]] = defaultdict(set)
    claim_statement: dict[int, tuple[int, tuple]] = {}
    q = (select(Claim.id, Document.author_name, Site.base_url, Claim.statement_id, Document.site_id, Document.kind,
                Document.id, Claim.attributed_to)
         .join(Document, Document.id == Claim.document_id).join(Site, Site.id == Document.site_id))
    facts = IdGroups()
    first_of: dict[int, int] = {}
    for cid, author, base, statement, site_id, kind, doc_id, attributed in session.execute(q):
        author_key = f"{base}|{author.strip()}" if author and author.strip() else f"{base}|"
        claim_src[cid] = (author_key, base)
        facts.find(cid)
        if statement is not None:
            facts.union(first_of.setdefault(statement, cid), cid)
            key = source_key(site_id, author, kind, doc_id, attributed)
            statement_sources[statement].add(key)
            claim_statement[cid] = (statement, key)
    links = session.execute(select(ClaimLink.a_claim_id, ClaimLink.b_claim_id, ClaimLink.type, ClaimLink.score, ClaimLink.status)).all()
    corroborated: set[int] = {cid for cid, (statement, key) in claim_statement.items()
                              if statement_sources[statement] - {key}}
    contradicted: set[int] = set()
    for a, b, type_, _score, status in links:
        if type_ in SAME_FACT and status != "dismissed":
            facts.union(a, b)
            if type_ == "corroborates":
                corroborated.update((a, b))
    conflicts: list[tuple[int, int, float]] = []
    for a, b, type_, score, status in links:
        if type_ == "conflicts" and status != "dismissed":
            conflicts.append((facts.find(a), facts.find(b), 1.0 if status == "confirmed" else float(score)))
            contradicted.update((a, b))
    results: dict[tuple[str, str], tuple[float, int, int, int]] = {}
    for scope, pick in (("author", 0), ("site", 1)):
        providers: dict[int, set[str]] = defaultdict(set)
        for cid, src in claim_src.items():
            providers[facts.find(cid)].add(src[pick])
        trust, _conf, _it = truth_discovery(providers, conflicts)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for cid, src in claim_src.items():
            c = counts[src[pick]]
            c[0] += 1
            c[1] += cid in corroborated
            c[2] += cid in contradicted
        for key, score in trust.items():
            n, cor, con = counts[key]
            results[(scope, key)] = (round(score, 6), n, cor, con)
    return results


def update_scores(session: Session) -> ReliabilityChanges:
    """Recompute every source's score and write the rows that changed."""
    results = compute(session)
    changes = ReliabilityChanges(sources=len(results))
    existing = {(r.scope, r.key): r for r in session.scalars(select(SourceScore))}
    for key, (score, n, cor, con) in sorted(results.items()):
        row = existing.pop(key, None)
        if row is None:
            session.add(SourceScore(scope=key[0], key=key[1], score=score, claims=n, corroborated=cor, contradicted=con))
            changes.written += 1
        elif (round(row.score, 6), row.claims, row.corroborated, row.contradicted) != (score, n, cor, con):
            row.score, row.claims, row.corroborated, row.contradicted = score, n, cor, con
            changes.written += 1
    for row in existing.values():
        session.delete(row)
        changes.written += 1
    session.flush()
    return changes
