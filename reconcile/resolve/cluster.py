"""The resolver core: mentions in, clusters out, as a pure function over plain tuples.

1. Human must-links join unconditionally; human cannot-links are recorded; aliases the text
   states ("X, also known as Y") join unless a human cannot-link forbids it.
2. Coreference chains join (a chain link that contradicts a human cannot-link is dropped). A
   mention a human split off joins its chain last, so the split moves that mention (with the
   pronouns of a chain it alone names), never the rest of the chain.
3. The resulting groups are keyed by (type, name keys, places). A group of groups with the same
   key joins at once when the name is distinctive enough to stand on its own (or its places say
   enough); a weak name ("Hai", "Mohammad Wali") left without context stays apart, and is only
   compared within its thread.
4. Candidate pairs of keys come from blocking (:mod:`.blocking`); pairs of groups under them are
   scored (:mod:`.scoring`) and joined best first while no constraint forbids it: a human
   cannot-link, or two weakly named clusters placed in different places (so that two "Abdul Hai"s
   of different provinces are not chained together through a third, unplaced one). Two places
   the gazetteer grounds in different places, neither inside the other, never join on their
   names ("Kohistanat" of Sar-e Pol and "Kohistan District" of Faryab), and two entries of an
   authority list (``entry:`` context keys) are two entities: the list keeps them apart.

With ``explain=True`` every join is returned as a :class:`Join`: what forced it (a decision, a
stated alias, a chain, an identical name) or the scored comparison (name similarity, shared
context, blocking key), between two mentions standing for the two sides.

The function never reads the database; the stage and ``bench/resolve.py`` call it alike.
"""
from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reconcile.names import TokenWeights

from . import parallel
from .context import ENTRY
from .places import apart as gazetteer_apart

from .blocking import BlockStats, block_keys, candidate_pairs
from .records import NAME_KIND, MentionIn
from .scoring import (
    MIN_NAME_SIM,
    PLACE_CONFLICT,
    NameScorer,
    context_bonus,
    leading_keys,
    places_disagree,
    places_of,
    policy,
    token_weights_from_keys,
)
from .unionfind import ConstrainedUnionFind

MAX_PAIRS_PER_KEY_PAIR = 2500  # beyond this, groups of two keys pair only when their places allow
MIN_KEYS_FOR_LEARNT_WEIGHTS = 500  # fewer names than this teach nothing about which tokens are common


@dataclass
class ResolveStats:
    mentions: int = 0
    names: int = 0
    keys: int = 0
    groups: int = 0
    loose: int = 0
    scored_pairs: int = 0
    edges: int = 0
    joined: int = 0
    refused_cannot: int = 0
    refused_places: int = 0
    refused_gazetteer: int = 0
    refused_entries: int = 0
    chain_links_dropped: int = 0
    clusters: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    blocking: BlockStats = field(default_factory=BlockStats)


@dataclass(frozen=True)
class Join:
    """Why two mentions (standing for two sides that became one) were joined."""

    a: int
    b: int
    kind: str
    """decision | alias | chain | same_name | score"""
    score: float | None = None
    name_score: float | None = None
    context_score: float | None = None
    shared_context: tuple[str, ...] = ()
    blocking_key: str | None = None
    detail: str | None = None


@dataclass
class Resolution:
    labels: dict[int, int]
    """Mention id -> cluster label (the smallest mention id of its cluster)."""
    stats: ResolveStats
    joins: list[Join] = field(default_factory=list)
    """Filled when asked for (``explain=True``)."""


@dataclass
class _Group:
    """Mentions already known to be one entity (a chain, a merge) or joined by identical keys."""

    root: int
    type: str
    keys: frozenset[str]
    places: frozenset[str]
    context: set[str]
    loose: bool = False
    rep: int = -1
    """Position of a named mention that stands for the group in the evidence of its joins."""


def resolve_mentions(
    mentions: Sequence[MentionIn],
    *,
    must: Iterable[tuple[int, int]] = (),
    cannot: Iterable[tuple[int, int]] = (),
    weights: dict[str, TokenWeights] | None = None,
    workers: int = 1,
    aliases: Iterable[tuple[int, int]] = (),
    explain: bool = False,
) -> Resolution:
    """Cluster mentions into entities under must-link and cannot-link constraints.

    ``must``/``cannot`` are pairs of mention ids from human decisions (pairs naming mentions not
    in ``mentions`` are ignored). ``weights`` gives corpus token weights per mention type; by
    default they are learnt from the distinct name keys of ``mentions``. ``workers`` > 1 folds
    names and scores name pairs in that many forked processes (see :mod:`.parallel`).
    ``aliases`` are pairs the text states are one (joined unless a cannot-link forbids it);
    ``explain`` returns the evidence of every join (:class:`Join`).
    """
    # The work allocates millions of small containers and frees none until the end: the cyclic
    # collector would walk them all again and again for nothing (it doubled the time at 1M).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _resolve(mentions, must, cannot, weights, workers, aliases, explain)
    finally:
        if was_enabled:
            gc.enable()


def _resolve(
    mentions: Sequence[MentionIn],
    must: Iterable[tuple[int, int]],
    cannot: Iterable[tuple[int, int]],
    weights: dict[str, TokenWeights] | None,
    workers: int,
    aliases: Iterable[tuple[int, int]] = (),
    explain: bool = False,
) -> Resolution:
    stats = ResolveStats(mentions=len(mentions))
    joins: list[Join] = []
    clock = [time.perf_counter()]

    def lap(phase: str) -> None:
        now = time.perf_counter()
        stats.seconds[phase] = round(now - clock[0], 3)
        clock[0] = now
    pos = {m.id: i for i, m in enumerate(mentions)}
    uf = ConstrainedUnionFind(len(mentions))
    split_off: set[int] = set()
    for a, b in cannot:
        if a in pos and b in pos:
            uf.forbid(pos[a], pos[b])
            split_off.add(pos[a])
    for a, b in must:
        if a in pos and b in pos:
            if explain and uf.find(pos[a]) != uf.find(pos[b]):
                joins.append(Join(a, b, "decision"))
            uf.union(pos[a], pos[b], force=True)
    for a, b in aliases:
        if a in pos and b in pos:
            before = uf.find(pos[a]) != uf.find(pos[b])
            if uf.union(pos[a], pos[b]) is not None and explain and before:
                joins.append(Join(a, b, "alias"))
    chain_head: dict[str, int] = {}
    chain_named: dict[str, int] = {}
    parent, size = uf.parent, uf.size
    free = not uf.cannot  # no cannot-link anywhere: a fresh mention joins its chain directly

    def join_chain(i: int, m: MentionIn) -> None:
        head = chain_head.setdefault(m.chain, i)  # type: ignore[arg-type]
        if head != i:
            if free and parent[i] == i and size[i] == 1 and parent[head] == head:
                parent[i] = head
                size[head] += 1
            elif uf.union(head, i) is None:
                stats.chain_links_dropped += 1
                return
        if explain and m.name:
            first = chain_named.setdefault(m.chain, i)  # type: ignore[arg-type]
            if first != i:
                joins.append(Join(mentions[first].id, m.id, "chain", detail=m.chain))

    for i, m in enumerate(mentions):  # join_chain inlined: this loop runs once per mention
        chain = m.chain
        if chain is None or (split_off and i in split_off):
            continue
        head = chain_head.setdefault(chain, i)
        if head != i:
            if free and parent[i] == i and size[i] == 1 and parent[head] == head:
                parent[i] = head
                size[head] += 1
            elif uf.union(head, i) is None:
                stats.chain_links_dropped += 1
                continue
        if explain and m.name:
            first = chain_named.setdefault(chain, i)
            if first != i:
                joins.append(Join(mentions[first].id, m.id, "chain", detail=chain))
    for i in sorted(split_off):  # split off by a human: joins its chain only if nothing forbids it
        if mentions[i].chain is not None:
            join_chain(i, mentions[i])

    lap("constraints")

    # names -> keys, per type
    distinct = list(dict.fromkeys((m.type, m.name) for m in mentions))
    key_cache: dict[tuple[str, str], str] = dict(
        zip(distinct, parallel.name_keys([(name, NAME_KIND.get(t, "ORG")) for t, name in distinct], workers))
    )
    keys = [key_cache[(m.type, m.name)] for m in mentions]
    stats.names = len(key_cache)
    lap("keys")
    reps: dict[str, dict[str, str]] = defaultdict(dict)
    for (type_, name), k in key_cache.items():
        if k:
            reps[type_].setdefault(k, name)
    if weights is None:
        weights = {t: corpus_weights(r.keys(), t) for t, r in reps.items()}
    scorers = {
        t: NameScorer(t, weights.get(t) or TokenWeights(kind=NAME_KIND.get(t, "ORG")), reps[t]) for t in reps
    }
    stats.keys = sum(len(r) for r in reps.values())

    lap("weights")

    # components after must-links and chains
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(map(uf.find, range(len(mentions)))):
        members[root].append(i)
    by_signature: dict[tuple[str, frozenset[str], frozenset[str]], list[int]] = defaultdict(list)
    comp_context: dict[int, frozenset[str]] = {}
    single_keys: dict[str, frozenset[str]] = {}
    places_cache: dict[frozenset[str], frozenset[str]] = {}
    group_rep: dict[int, int] = {}
    for root, idxs in members.items():
        if explain:
            group_rep[root] = next((i for i in idxs if keys[i] and mentions[i].name), idxs[0])
        if len(idxs) == 1:
            i = idxs[0]
            k = keys[i]
            if not k:
                continue  # a pronoun with no name and no chain to a name: nothing to resolve it by
            ks = single_keys.get(k)
            if ks is None:
                ks = single_keys[k] = frozenset((k,))
            m = mentions[i]
            ctx = m.context
            type_ = m.type
            pl = places_cache.get(ctx)
            if pl is None:
                pl = places_cache[ctx] = places_of(ctx)
        else:
            named = {keys[i] for i in idxs if keys[i]}
            if not named:
                continue
            if len(named) == 1:
                k = next(iter(named))
                ks = single_keys.get(k)
                if ks is None:
                    ks = single_keys[k] = frozenset((k,))
            else:
                ks = leading_keys(named)
            first = mentions[idxs[0]]
            ctx = first.context
            if any(mentions[i].context is not ctx and mentions[i].context != ctx for i in idxs):
                ctx = frozenset().union(*(mentions[i].context for i in idxs))
            type_ = first.type
            if any(mentions[i].type is not type_ and mentions[i].type != type_ for i in idxs):
                type_ = Counter(mentions[i].type for i in idxs if keys[i]).most_common(1)[0][0]
            pl = places_cache.get(ctx)  # type: ignore[arg-type]
            if pl is None:
                pl = places_cache[ctx] = places_of(ctx)  # type: ignore[index]
        comp_context[root] = ctx
        by_signature[(type_, ks, pl)].append(root)
    del members, places_cache
    lap("components")

    # groups: same signature joins when the name (with its places) can stand alone
    groups: list[_Group] = []
    for (type_, ks, places), roots in by_signature.items():
        scorer = scorers[type_]
        threshold = policy(type_).threshold
        self_score = scorer.name_score(ks, ks) + context_bonus(places, places)
        if self_score >= threshold:
            head = roots[0]
            ctx: set[str] = set(comp_context[head])
            held = set(_entry_keys(ctx))
            for r in roots[1:]:
                own = set(_entry_keys(comp_context[r]))
                if held and own and held.isdisjoint(own):  # two entries of a list under one name
                    stats.refused_entries += 1
                    groups.append(_Group(r, type_, ks, places, set(comp_context[r]), rep=group_rep.get(r, r)))
                elif uf.union(head, r) is None:
                    stats.refused_cannot += 1
                    groups.append(_Group(r, type_, ks, places, set(comp_context[r]), rep=group_rep.get(r, r)))
                else:
                    ctx.update(comp_context[r])
                    held |= own
                    if explain:
                        joins.append(Join(
                            mentions[group_rep[head]].id, mentions[group_rep[r]].id, "same_name", score=round(self_score, 3),
                            shared_context=tuple(sorted(places)), blocking_key="name:" + " | ".join(sorted(ks)),
                            detail="the same name" + (" in the same place" if places else "") + " stands on its own",
                        ))
            groups.append(_Group(head, type_, ks, places, ctx, rep=group_rep.get(head, head)))
        else:
            for r in roots:
                groups.append(_Group(r, type_, ks, places, set(comp_context[r]), loose=True, rep=group_rep.get(r, r)))
    del by_signature, comp_context
    lap("groups")
    stats.groups = len(groups)
    stats.loose = sum(g.loose for g in groups)

    edges: list[tuple[float, int, int]] = []
    seen: set[tuple[int, int]] = set()
    why: dict[tuple[int, int], Join] = {}

    def score_pair(ga: int, gb: int, block: str | None = None) -> None:
        pair = (ga, gb) if ga < gb else (gb, ga)
        if ga == gb or pair in seen:
            return
        seen.add(pair)
        a, b = groups[ga], groups[gb]
        if a.type != b.type:
            return
        name = scorers[a.type].name_score(a.keys, b.keys)
        if name < 0:
            return
        s = name + context_bonus(a.context, b.context)
        if places_disagree(a.places, b.places):
            s -= PLACE_CONFLICT
        stats.scored_pairs += 1
        if s >= policy(a.type).threshold:
            if a.type == "PLACE" and _gazetteer_apart(scorers[a.type], a.keys, b.keys):
                stats.refused_gazetteer += 1
                return
            edges.append((s, pair[0], pair[1]))
            if explain:
                why[pair] = _explain_pair(scorers[a.type], a, b, mentions, s, name, block)

    # blocked pairs of keys, then pairs of groups under them
    for type_, scorer in scorers.items():
        by_key: dict[str, list[int]] = defaultdict(list)
        for gi, g in enumerate(groups):
            if g.type == type_ and not g.loose:
                for k in g.keys:
                    by_key[k].append(gi)
        key_pairs = sorted(candidate_pairs(by_key.keys(), scorer.weights.weight, stats=stats.blocking))
        lap(f"blocking {type_}")
        scorer.prime(key_pairs, workers)
        lap(f"name pairs {type_}")
        work = [(k, k) for k, gs in by_key.items() if len(gs) > 1]
        work += [p for p in key_pairs if scorer.sim(*p) >= MIN_NAME_SIM]
        for ka, kb in work:
            block = None
            if explain:
                shared = sorted(block_keys(ka, scorer.weights.weight) & block_keys(kb, scorer.weights.weight))
                block = ("name:" + ka) if ka == kb else (", ".join(shared) or f"names {ka!r} ~ {kb!r}")
            for ga, gb in _group_pairs(by_key[ka], by_key[kb], groups):
                score_pair(ga, gb, block)

    # loose groups meet others only within their threads
    loose_threads = {c for g in groups if g.loose for c in g.context if c.startswith("thread:")}
    by_thread: dict[str, list[int]] = defaultdict(list)
    if loose_threads:
        for gi, g in enumerate(groups):
            for c in loose_threads.intersection(g.context):
                by_thread[c].append(gi)
    for gi, g in enumerate(groups):
        if g.loose:
            for c in g.context:
                for gj in by_thread.get(c, ()):
                    score_pair(gi, gj, c)

    lap("group pairs")

    # join best first, under the constraints
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    stats.edges = len(edges)
    strength: dict[int, float] = {}
    places: dict[int, set[str]] = {}
    for g in groups:
        root = uf.find(g.root)
        scorer = scorers[g.type]
        strength[root] = max(strength.get(root, 0.0), max(scorer.mass(k) for k in g.keys))
        places.setdefault(root, set()).update(g.places)
    entries: dict[int, set[str]] = {}  # per root, the list entries it holds (filled as met)
    for _s, ga, gb in edges:
        a, b = groups[ga], groups[gb]
        ra, rb = uf.find(a.root), uf.find(b.root)
        if ra == rb:
            continue
        ea = entries.get(ra)
        if ea is None:
            ea = entries[ra] = set(_entry_keys(a.context))
        eb = entries.get(rb)
        if eb is None:
            eb = entries[rb] = set(_entry_keys(b.context))
        if ea and eb and ea.isdisjoint(eb):
            stats.refused_entries += 1
            continue
        pol = policy(a.type)
        pa, pb = places.get(ra, set()), places.get(rb, set())
        if min(strength.get(ra, 0.0), strength.get(rb, 0.0)) < pol.travel_mass and places_disagree(pa, pb):
            stats.refused_places += 1
            continue
        root = uf.union(ra, rb)
        if root is None:
            stats.refused_cannot += 1
            continue
        stats.joined += 1
        if explain:
            joins.append(why[(ga, gb)])
        other = rb if root == ra else ra
        strength[root] = max(strength.pop(other, 0.0), strength.get(root, 0.0))
        small, big = sorted((places.pop(ra, set()), places.pop(rb, set())), key=len)
        big.update(small)
        places[root] = big
        entries[root] = entries.pop(ra) | entries.pop(rb)

    label_of: dict[int, int] = {}
    for i, m in enumerate(mentions):
        r = uf.find(i)
        cur = label_of.get(r)
        if cur is None or m.id < cur:
            label_of[r] = m.id
    stats.clusters = len(label_of)
    lap("join")
    labels = {m.id: label_of[uf.find(i)] for i, m in enumerate(mentions)}
    return Resolution(labels, stats, joins)


def _explain_pair(scorer: NameScorer, a: _Group, b: _Group, mentions: Sequence[MentionIn], total: float,
                  name: float, block: str | None) -> Join:
    best = max(((ka, kb) for ka in a.keys for kb in b.keys), key=lambda p: scorer.sim(*p))
    shared = tuple(sorted(set(a.context) & set(b.context)))
    bonus = context_bonus(a.context, b.context)
    detail = f"names {best[0]!r} ~ {best[1]!r}: similarity {scorer.sim(*best):.2f}"
    if scorer.ambiguity(*best):
        detail += f", minus {scorer.ambiguity(*best):.2f} for a weak name"
    if places_disagree(a.places, b.places):
        detail += f", minus {PLACE_CONFLICT:.2f} for places apart"
    return Join(mentions[a.rep].id, mentions[b.rep].id, "score", round(total, 3), round(name, 3), round(bonus, 3),
                shared, block, detail)


def _entry_keys(context: Iterable[str]) -> Iterable[str]:
    return (c for c in context if c.startswith(ENTRY))


def _gazetteer_apart(scorer: NameScorer, keys_a: frozenset[str], keys_b: frozenset[str]) -> bool:
    """Every name of one group and every name of the other are different places to the
    gazetteer (:func:`.places.apart`): alike names do not make them one."""
    return all(gazetteer_apart(scorer.reps.get(ka, ka), scorer.reps.get(kb, kb)) for ka in keys_a for kb in keys_b)


def corpus_weights(keys: Iterable[str], type_: str) -> TokenWeights:
    """Token weights learnt from the distinct keys of a corpus, or the built-in table when the
    corpus is too small to tell a common token from one man's name said five ways."""
    keys = list(keys)
    kind = NAME_KIND.get(type_, "ORG")
    if len(keys) < MIN_KEYS_FOR_LEARNT_WEIGHTS:
        return TokenWeights(kind=kind)
    return token_weights_from_keys(keys, kind)


def _group_pairs(a: list[int], b: list[int], groups: list[_Group]) -> Iterable[tuple[int, int]]:
    """Pairs of groups filed under two keys; when there are too many, only placed-compatible ones."""
    if len(a) * len(b) <= MAX_PAIRS_PER_KEY_PAIR:
        for ga in a:
            for gb in b:
                yield ga, gb
        return
    index: dict[str, list[int]] = defaultdict(list)
    unplaced: list[int] = []
    for gb in b:
        if groups[gb].places:
            for p in groups[gb].places:
                index[p].append(gb)
        else:
            unplaced.append(gb)
    for ga in a:
        pa = groups[ga].places
        if not pa:
            for gb in b[:MAX_PAIRS_PER_KEY_PAIR // max(1, len(a))]:
                yield ga, gb
            continue
        for gb in unplaced:
            yield ga, gb
        for p in pa:
            for gb in index.get(p, ()):
                yield ga, gb
