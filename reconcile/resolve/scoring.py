"""How strongly two groups of mentions look like one entity: name, ambiguity, and context.

The score of a pair is, in order:

    name similarity (reconcile.names.similarity, corpus token weights)
  - ambiguity of the weaker name (a lone "Hai" or "Mohammad Wali" says little on its own)
  + shared context (same thread, places, organisations, people, roles), capped
  - disagreement of places (both groups are placed, and nowhere in common)

and a pair merges when the score reaches the type's threshold. The parameters are data, below,
so that a change of policy is a change of table, not of code.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from reconcile.names import DEFAULT_THRESHOLD, TokenWeights, similarity

from .records import NAME_KIND

# Context kinds and what one shared key of that kind adds to a pair's score.
CONTEXT_WEIGHTS: dict[str, float] = {
    "thread": 0.30,  # same post-and-comments thread: the extractor's chains may have missed a link
    "place": 0.10,  # a province or town named beside both
    "person": 0.10,  # the same other person named beside both
    "org": 0.08,
    "role": 0.05,
    "country": 0.02,  # "Afghanistan" beside both says little
}
CONTEXT_CAP = 0.35
# Context kinds whose complete disagreement counts against a pair (see PLACE_CONFLICT).
CONFLICT_KINDS: tuple[str, ...] = ("place",)
PLACE_CONFLICT = 0.20


@dataclass(frozen=True)
class TypePolicy:
    threshold: float
    ambiguity: float
    """Penalty per unit of distinctive mass a name lacks below STRONG_MASS."""
    strong_mass: float = 2.0
    """A name whose token weights sum to this needs no context to be believed."""
    travel_mass: float = 1.6
    """A cluster named at least this distinctively may be placed in several places (people
    travel); weaker ones placed apart are different people who share a name."""


POLICIES: dict[str, TypePolicy] = {
    "PERSON": TypePolicy(DEFAULT_THRESHOLD["PERSON"], ambiguity=0.45),
    "ORG": TypePolicy(DEFAULT_THRESHOLD["ORG"], ambiguity=0.05, strong_mass=1.0, travel_mass=0.0),
    "ROLE": TypePolicy(DEFAULT_THRESHOLD["ORG"], ambiguity=0.0, strong_mass=1.0, travel_mass=0.0),
    "PLACE": TypePolicy(DEFAULT_THRESHOLD["PLACE"], ambiguity=0.0, strong_mass=1.0, travel_mass=0.0),
}
MIN_NAME_SIM = 0.45  # below this a pair of names is not considered at all
# The blocking prefilter (rapidfuzz token_sort_ratio / ratio, in C) that spares the full scorer
# obvious misses (see reconcile.resolve.blocking._plausible).
PREFILTER_MIN = 70.0


def policy(type_: str) -> TypePolicy:
    return POLICIES.get(type_, POLICIES["ORG"])


def context_kind(key: str) -> str:
    return key.split(":", 1)[0]


def context_bonus(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    total = 0.0
    for key in small:
        if key in big:
            total += CONTEXT_WEIGHTS.get(context_kind(key), 0.0)
            if total >= CONTEXT_CAP:
                return CONTEXT_CAP
    return total


def places_of(context: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in context if context_kind(k) in CONFLICT_KINDS)


def places_disagree(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> bool:
    """Both are placed and share no place: a sign of two different people of one name."""
    return bool(a) and bool(b) and a.isdisjoint(b)


@dataclass
class NameScorer:
    """Name similarity and distinctive mass per name key, cached, for one type.

    ``reps`` maps a name key to a representative surface name (what reconcile.names scores).
    """

    type: str
    weights: TokenWeights
    reps: dict[str, str] = field(default_factory=dict)
    _sim: dict[tuple[str, str], float] = field(default_factory=dict)
    _mass: dict[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return NAME_KIND.get(self.type, "ORG")

    def mass(self, key: str) -> float:
        m = self._mass.get(key)
        if m is None:
            m = sum(self.weights.weight(t) for t in key.split())
            self._mass[key] = m
        return m

    def ambiguity(self, key_a: str, key_b: str) -> float:
        pol = policy(self.type)
        weak = min(self.mass(key_a), self.mass(key_b))
        return pol.ambiguity * max(0.0, pol.strong_mass - weak)

    def sim(self, key_a: str, key_b: str) -> float:
        if key_a == key_b:
            return 1.0
        pair = (key_a, key_b) if key_a < key_b else (key_b, key_a)
        s = self._sim.get(pair)
        if s is None:
            s = similarity(self.reps.get(pair[0], pair[0]), self.reps.get(pair[1], pair[1]), self.kind, self.weights)
            self._sim[pair] = s
        return s

    def prime(self, pairs: list[tuple[str, str]], workers: int = 1) -> None:
        """Score many key pairs at once (in ``workers`` processes when there are many)."""
        from . import parallel

        todo = [p for p in pairs if p[0] != p[1] and p not in self._sim]
        for pair, s in zip(todo, parallel.similarities(todo, self.reps, self.kind, self.weights, workers)):
            self._sim[pair] = s

    def name_score(self, keys_a: Iterable[str], keys_b: Iterable[str]) -> float:
        """Best over the names of two groups of mentions of name similarity minus ambiguity."""
        best = -1.0
        keys_b = tuple(keys_b)
        for ka in keys_a:
            for kb in keys_b:
                s = self.sim(ka, kb)
                if s < MIN_NAME_SIM:
                    continue
                s -= self.ambiguity(ka, kb)
                if s > best:
                    best = s
        return best


def leading_keys(keys: Iterable[str]) -> frozenset[str]:
    """The keys of a group that are not short forms of another of its keys.

    A chain {"qazi abdul hai khadem", "khadem"} is compared through its full name only: two
    brothers' chains must not meet through the family name both short forms share.
    """
    ks = [(k, set(k.split())) for k in keys]
    return frozenset(k for k, toks in ks if not any(k != o and toks < otoks for o, otoks in ks))


def token_weights_from_keys(keys: Iterable[str], kind: str, floor: float = 0.1) -> TokenWeights:
    """Corpus token weights from distinct name keys.

    The same IDF shape as :meth:`reconcile.names.TokenWeights.from_names`, computed from keys
    already folded, so the stage need not re-fold a million names. Each distinct key counts once:
    a surname is not made common by one man being mentioned a thousand times.
    """
    keys = keys if isinstance(keys, list) else list(keys)
    n = len(keys)
    df: Counter[str] = Counter(chain.from_iterable(map(set, map(str.split, keys))))  # counted in C
    ref = max(2.0, n * 0.001)
    scale = math.log((n + 1) / ref) if n + 1 > ref else 1.0
    learnt = {t: max(floor, min(1.0, math.log((n + 1) / c) / scale)) for t, c in df.items() if c > ref}
    return TokenWeights(learnt, kind, floor)
