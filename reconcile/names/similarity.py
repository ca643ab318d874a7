"""Pairwise name similarity: weighted token alignment over folded tokens.

Both names are folded (:func:`reconcile.names.keys.name_tokens`), then their tokens are aligned
greedily, best pair first (equal pairs nearest in position), with rapidfuzz similarities of the
tokens and of their consonant skeletons; a token may also align with two adjacent tokens of the
other name joined ("Saripul" ~ "Sar Pul", "Atiqullah" ~ "Atiq Ullah"), an initial with a token it
begins, and a token with the solid Arabic article with one without it ("Alghamdi" ~ "Ghamdi").
Each token carries a distinctiveness weight (:class:`TokenWeights`), so matching "Abdul" and
"Mohammad" proves little and an unmatched surname costs a lot. The score then reflects how the
names relate:

- same tokens, same order: high;
- one name contained in the other (a short form): moderate when one distinctive token is shared,
  higher as more distinctive tokens are shared;
- each name has distinctive tokens the other lacks (siblings "X Y Z" / "W Y Z"): low;
- the shared tokens in a different order: low when they are common given names ("Mohammad
  Wali" / "Wali Mohammad"), barely lower when a distinctive one moved (a family name put first);
- places also compare the names written solid, whatever the tokens ("Kala-i Naw" / "Kalainau",
  syllable-by-syllable romanisations), and a differing number keeps numbered places apart;
- organisations: an acronym against its expansion scores high.

Raw scores go through a monotone per-kind :data:`CALIBRATION`, so that :data:`DEFAULT_THRESHOLD`
is where the tune half of ``bench/names.py`` is best.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel
from unidecode import unidecode

from . import tables
from .keys import fold_token, name_readings, name_tokens_cached

_WORDS = re.compile(r"[a-z]+")

# Scoring parameters, chosen on the tune half of bench/names.py's datasets (see its report).
# Token similarity below this is no match; place names are mostly one word in many romanisations.
TOKEN_MATCH_MIN: dict[str, float] = {"PERSON": 0.7, "PLACE": 0.55, "ORG": 0.75}
# Per kind: (factor when the first sounds differ, share of the letters against the consonant
# skeleton in a token's similarity). People: "Malik"/"Khaliq" rarely match; places: first sounds
# vary across romanisations (Gerat/Herat, Cabul/Kabul) as much as vowels do.
TOKEN_SIM: dict[str, tuple[float, float]] = {"PERSON": (0.8, 0.5), "PLACE": (1.0, 0.5), "ORG": (0.8, 0.5)}
INITIAL_SIM = 0.8  # "A." against "Abdul"
# A token read another way (tables.ALTERNATIVE_READINGS: "Cho" as "Jo") counts this much of the
# similarity the other reading has: a little less than the spelling as written.
ALTERNATIVE_READING_FACTOR = 0.85
# Aligned tokens count as similarity**power of their mass: for places an approximate match inside
# a longer name ("Khanaqa" ~ "Khan" in "Qala Khan") is weaker evidence than the same similarity
# between two one-word names.
MATCH_SIM_POWER: dict[str, float] = {"PLACE": 1.5}
# Kinds where an aligned pair of single tokens is worth twice the lighter token's weight (see
# _pair_mass): a distinctive word matching a common formant is only as telling as the formant.
MATCH_MASS_BY_LIGHTER: frozenset[str] = frozenset({"PLACE"})
# Names also compared written solid, and what that comparison is worth: (when the token counts
# differ: a join or a split; when they are the same).
WHOLE_NAME_FACTOR: dict[str, tuple[float, float]] = {"PLACE": (0.85, 0.75)}
SUBSTITUTION_COST = 1.5  # extra mass charged when both names keep distinctive tokens of their own
ORDER_PENALTY = 0.55  # fraction of the score lost when all shared (common) tokens are reordered
# ... when a reordered pair includes a distinctive token (weight >= DISTINCTIVE_WEIGHT)
ORDER_PENALTY_DISTINCTIVE: dict[str, float] = {"PERSON": 0.1, "PLACE": 0.3, "ORG": 0.0}
DISTINCTIVE_WEIGHT = 0.75
FIRST_NAME_DIFF = 0.6  # factor when the first given names differ and both names have more
SHORT_FORM_BASE = 0.55  # a person name fully inside the other, sharing one distinctive token
SHORT_FORM_GAIN = 0.35  # ... rising towards BASE + GAIN as a second distinctive token is shared
ACRONYM_SCORE = 0.9
NUMBER_MISMATCH_FACTOR = 0.5  # both names carry a number the other lacks
KIND_MISMATCH_FACTOR = 0.3  # one name reads as an organisation ("Kabul University"), the other not

DEFAULT_THRESHOLD: dict[str, float] = {"PERSON": 0.6, "PLACE": 0.6, "ORG": 0.75}
# Raw scores mapped (piecewise linear through these knots, monotone, so no ranking changes) so
# that DEFAULT_THRESHOLD sits where the tune half of bench/names.py has its best F1. People are
# left uncalibrated on purpose: their F1 curve is flat from 0.34 to 0.6 and the default keeps
# precision near 0.95 (a look-alike different man must not be merged on his name alone).
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "PLACE": ((0.0, 0.0), (0.53, 0.6), (1.0, 1.0)),
}

_EXCLUSIVE = frozenset(fold_token(t) for t in tables.EXCLUSIVE_FORMANTS)

_BUILTIN: dict[str, dict[str, float]] = {
    "PERSON": {fold_token(t): w for t, w in tables.COMMON_PERSON_TOKENS.items()},
    "PLACE": {fold_token(t): w for t, w in tables.COMMON_PLACE_TOKENS.items()},
    "ORG": {},
}


@dataclass(eq=False)
class TokenWeights:
    """IDF-like distinctiveness per folded token, learnt from a corpus of names.

    A token that appears in at most ``max(2, 0.1%)`` of the names weighs 1; more frequent tokens
    weigh ``log(N/df) / log(N/ref_df)``, floored at ``floor``. Tokens never seen weigh 1. The
    built-in table of common given names and place formants caps the learnt weight, so that a
    small corpus cannot make "Mohammad" distinctive.
    """

    weights: dict[str, float] = field(default_factory=dict)
    kind: str = "PERSON"
    floor: float = 0.1

    @classmethod
    def from_names(cls, names: Iterable[str], kind: str = "PERSON", floor: float = 0.1) -> TokenWeights:
        df: Counter[str] = Counter()
        n = 0
        for name in names:
            n += 1
            df.update(set(name_tokens_cached(name, kind.upper())))
        ref = max(2.0, n * 0.001)
        scale = math.log((n + 1) / ref) if n + 1 > ref else 1.0
        learnt = {t: max(floor, min(1.0, math.log((n + 1) / c) / scale)) for t, c in df.items() if c > ref}
        return cls(learnt, kind.upper(), floor)

    def weight(self, token: str) -> float:
        learnt = self.weights.get(token, 1.0)
        return min(learnt, _BUILTIN.get(self.kind, {}).get(token, 1.0))


def _builtin_weight(token: str, kind: str) -> float:
    return _BUILTIN.get(kind, {}).get(token, 1.0)


# Consonant skeletons (see tables.SKELETON_CLASSES): letters after the first one that
# transliterations drop are dropped, consonants they swap are mapped together.
_SKELETON_DROP = str.maketrans(
    "".join(src for src, _dst, _why in tables.SKELETON_CLASSES),
    "".join(_dst * len(src) for src, _dst, _why in tables.SKELETON_CLASSES),
    tables.SKELETON_SILENT,
)
_FIRST_CLASSES = (*tables.SKELETON_CLASSES, *tables.SKELETON_FIRST_CLASSES)
_SKELETON_FIRST = str.maketrans(
    "".join(src for src, _dst, _why in _FIRST_CLASSES) + tables.SKELETON_SILENT_FIRST,
    "".join(_dst * len(src) for src, _dst, _why in _FIRST_CLASSES) + "a" * len(tables.SKELETON_SILENT_FIRST),
)


@lru_cache(maxsize=262144)
def _skeleton(token: str) -> str:
    """The consonants of a folded token (its first letter kept): what abjad spellings write."""
    return token[:1].translate(_SKELETON_FIRST) + token[1:].translate(_SKELETON_DROP)


def consonant_skeleton(token: str) -> str:
    """The consonants of a folded name token (see `_skeleton`), and whether it ends in a vowel:
    "sardar" and "sardir" -> "srtr", but the nisba "sangcaraki" ("of Sangcharak") is not the
    place "sangcarak"."""
    return _skeleton(token) + ("-" if token[-1:] in "aeiouy" else "")


@lru_cache(maxsize=262144)
def _shape(token: str) -> tuple[str, bool]:
    """A token's consonant skeleton, and whether it is written without vowels (abjad style)."""
    return _skeleton(token), not any(ch in "aiu" for ch in token[1:])


def _token_sim(a: str, b: str, kind: str = "PERSON") -> float:
    """How alike two folded tokens are: their letters and their consonant skeletons, blended.

    Vowels vary freely across transliterations, consonants much less, and first sounds least:
    "Kurgan"/"Qorghan" stay close, "Malik"/"Khalik" do not. A token written without vowels (an
    abjad romanisation like "hkwmt") is compared by skeleton alone. How much the letters count
    against the skeleton, and what a different first sound costs, depend on the kind of name
    (:data:`TOKEN_SIM`).
    """
    if a == b:
        return 1.0
    return _token_sim_cached(a, b, kind) if a < b else _token_sim_cached(b, a, kind)


@lru_cache(maxsize=1 << 20)
def _token_sim_cached(a: str, b: str, kind: str) -> float:
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIM if a[0] == b[0] else 0.0
    if a.isdigit() or b.isdigit() or (a in _EXCLUSIVE and b in _EXCLUSIVE):
        return 0.0
    for art in tables.JOINED_ARTICLES:  # "Alghamdi" ~ "al-Ghamdi" (the article written solid)
        for x, y in ((a, b), (b, a)):
            if x.startswith(art) and len(x) - len(art) >= 3 and not y.startswith(art):
                return max(_token_sim_plain(a, b, kind), _token_sim_plain(x[len(art) :], y, kind))
    return _token_sim_plain(a, b, kind)


def _token_sim_plain(a: str, b: str, kind: str) -> float:
    first_factor, letters = TOKEN_SIM.get(kind, TOKEN_SIM["PERSON"])
    (sa, va), (sb, vb) = _shape(a), _shape(b)
    skel = Indel.normalized_similarity(sa, sb)
    first = 1.0 if sa[0] == sb[0] else first_factor
    if va or vb:  # an abjad spelling on one side
        return first * skel if len(a) > 2 and len(b) > 2 else 0.0
    if letters == 0.0:
        return first * skel
    return first * Indel.normalized_similarity(a, b) ** letters * skel ** (1.0 - letters)


def _can_reach(la: int, lb: int, floor: float) -> bool:
    """Indel similarity is at most 2*min/(la+lb): skip pairs whose lengths alone rule a match out."""
    return 2 * min(la, lb) >= floor * (la + lb) * 0.75


def _reading_sim(x: str, y: str, rx: frozenset[str], ry: frozenset[str], floor: float, kind: str) -> float:
    """The best similarity of two tokens' other readings (:data:`tables.ALTERNATIVE_READINGS`),
    discounted by :data:`ALTERNATIVE_READING_FACTOR` (pairs whose lengths rule out reaching
    ``floor`` so discounted are not compared)."""
    best = 0.0
    need = floor / ALTERNATIVE_READING_FACTOR
    for u in rx | {x}:
        for v in ry | {y}:
            if (u != x or v != y) and len(u) > 1 and len(v) > 1 and _can_reach(len(u), len(v), need):
                best = max(best, _token_sim(u, v, kind))
    return ALTERNATIVE_READING_FACTOR * best


_NO_READINGS: tuple[frozenset[str], ...] = ()


def _joined_sim(joined: str, y: str, ry: frozenset[str], floor: float, kind: str) -> float:
    """Two adjacent tokens written together against one token (or one of its other readings)."""
    s = 0.0
    if len(y) > 3 and _can_reach(len(joined), len(y), floor):
        s = _token_sim(joined, y, kind)
    for v in ry:
        if s < floor and len(v) > 3 and _can_reach(len(joined), len(v), floor):
            s = max(s, ALTERNATIVE_READING_FACTOR * _token_sim(joined, v, kind))
    return s


def _align(
    a: tuple[str, ...], b: tuple[str, ...], kind: str,
    ra: tuple[frozenset[str], ...] = _NO_READINGS, rb: tuple[frozenset[str], ...] = _NO_READINGS,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Greedy best-first alignment of token spans (single tokens, or two adjacent ones joined);
    single tokens also compare through their other readings (``ra``/``rb``, per token)."""
    floor = TOKEN_MATCH_MIN[kind]
    cands: list[tuple[float, int, tuple[int, ...], tuple[int, ...]]] = []
    for i, x in enumerate(a):
        rx = ra[i] if ra else frozenset()
        for j, y in enumerate(b):
            s = 0.0
            if x == y or len(x) == 1 or len(y) == 1 or _can_reach(len(x), len(y), floor):
                s = _token_sim(x, y, kind)
            if s < floor and (rx or (rb and rb[j])):  # read another way, a non-match may match
                s = max(s, _reading_sim(x, y, rx, rb[j] if rb else frozenset(), floor, kind))
            if s >= floor:
                cands.append((s, 2, (i,), (j,)))
    if len(a) != len(b):  # a joined or split form changes the token count
        for i in range(len(a) - 1):
            joined = a[i] + a[i + 1]
            for j, y in enumerate(b):
                s = _joined_sim(joined, y, rb[j] if rb else frozenset(), floor, kind)
                if s >= floor:
                    cands.append((s, 3, (i, i + 1), (j,)))
        for j in range(len(b) - 1):
            joined = b[j] + b[j + 1]
            for i, x in enumerate(a):
                s = _joined_sim(joined, x, ra[i] if ra else frozenset(), floor, kind)
                if s >= floor:
                    cands.append((s, 3, (i,), (j, j + 1)))
    # equal similarities (a repeated token: "Ibrahim Sabawi Ibrahim") align by nearest position
    na, nb = max(1, len(a) - 1), max(1, len(b) - 1)
    cands.sort(key=lambda c: (-c[0], -c[1], abs(c[2][0] / na - c[3][0] / nb)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, _n, ia, jb in cands:
        if used_a.isdisjoint(ia) and used_b.isdisjoint(jb):
            used_a.update(ia)
            used_b.update(jb)
            out.append((ia, jb, s))
    return out


def _acronym(raw: str) -> str:
    words = [w for w in raw.lower().replace("-", " ").split() if w.isalpha() and w not in tables.ORG_STOPWORDS]
    return "".join(w[0] for w in words)


def _order_cost(matches: list[tuple[tuple[int, ...], tuple[int, ...], float]], wa: list[float], kind: str) -> float:
    """The share of aligned pairs in the other order, each inverted pair costing
    ``ORDER_PENALTY`` when both its tokens are common ("Mohammad Wali" / "Wali Mohammad": two
    given names) and ``ORDER_PENALTY_DISTINCTIVE`` when one is distinctive (a family name put
    first, as lists do: "Al Zawahiri Ayman" / "Ayman al-Zawahiri")."""
    if len(matches) < 2:
        return 0.0
    order = sorted(matches, key=lambda m: m[0][0])
    pos = [m[1][0] for m in order]
    heavy = [max(wa[i] for i in m[0]) >= DISTINCTIVE_WEIGHT for m in order]
    pairs = 0
    cost = 0.0
    for x in range(len(pos)):
        for y in range(x + 1, len(pos)):
            pairs += 1
            if pos[x] > pos[y]:
                cost += ORDER_PENALTY_DISTINCTIVE[kind] if heavy[x] or heavy[y] else ORDER_PENALTY
    return cost / pairs


def _unmatched_numbers(tokens: tuple[str, ...], matched: set[int]) -> bool:
    return any(t.isdigit() for i, t in enumerate(tokens) if i not in matched)


def _pair_mass(wa: list[float], wb: list[float], kind: str) -> float:
    """The evidence mass of one aligned pair: both sides' weights, or for places twice the
    lighter side's, since a distinctive token matching a common formant ("Khanaqa" ~ "Khan" in
    "Qala Khan") is only as telling as the formant."""
    sa, sb = sum(wa), sum(wb)
    if kind in MATCH_MASS_BY_LIGHTER and len(wa) == len(wb) == 1:
        return 2 * min(sa, sb)
    return sa + sb


def _score(a: tuple[str, ...], b: tuple[str, ...], wa: list[float], wb: list[float], kind: str,
           ra: tuple[frozenset[str], ...] = _NO_READINGS, rb: tuple[frozenset[str], ...] = _NO_READINGS) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    score = _aligned_score(a, b, wa, wb, kind, ra, rb)
    whole = WHOLE_NAME_FACTOR.get(kind, (0.0, 0.0))[len(a) == len(b)]
    if whole > score and (len(a) > 1 or len(b) > 1) and not (_unmatched_numbers(a, set()) or _unmatched_numbers(b, set())):
        # the names written solid ("Sar-e Pul" / "Saripul", "Kala-i Naw" / "Kalainau")
        score = max(score, whole * _token_sim("".join(a), "".join(b), kind) ** MATCH_SIM_POWER.get(kind, 1.0))
    return max(0.0, min(1.0, score))


def _aligned_score(a: tuple[str, ...], b: tuple[str, ...], wa: list[float], wb: list[float], kind: str,
                   ra: tuple[frozenset[str], ...] = _NO_READINGS, rb: tuple[frozenset[str], ...] = _NO_READINGS) -> float:
    matches = _align(a, b, kind, ra, rb)
    if not matches:
        return 0.0
    power = MATCH_SIM_POWER.get(kind, 1.0)
    matched = sum(s**power * _pair_mass([wa[i] for i in ia], [wb[j] for j in jb], kind) for ia, jb, s in matches)
    in_a = {i for ia, _, _ in matches for i in ia}
    in_b = {j for _, jb, _ in matches for j in jb}
    un_a = sum(w for i, w in enumerate(wa) if i not in in_a)
    un_b = sum(w for j, w in enumerate(wb) if j not in in_b)
    total = sum(wa) + sum(wb)
    score = matched / (total + SUBSTITUTION_COST * min(un_a, un_b))
    if kind == "PERSON" and (un_a == 0 or un_b == 0) and (un_a + un_b) > 0:
        # a short form inside a longer name: the evidence is how much distinctive mass is shared
        short_mass = sum(wa) if un_a == 0 else sum(wb)
        coverage = min(1.0, matched / (2 * short_mass))
        evidence = min(1.0, max(0.0, short_mass - 1.0))
        score = coverage * (SHORT_FORM_BASE + SHORT_FORM_GAIN * evidence)
    if _unmatched_numbers(a, in_a) and _unmatched_numbers(b, in_b):
        score *= NUMBER_MISMATCH_FACTOR  # "Chak 12" / "Chak 14": numbered places differ
    if kind == "PERSON" and 0 not in in_a and 0 not in in_b and un_a > 0 and un_b > 0:
        score *= FIRST_NAME_DIFF  # "X Y Z" / "W Y Z": siblings sharing a father's and family name
    if kind != "ORG":
        score *= 1.0 - _order_cost(matches, wa, kind)
    return score


def similarity(a: str, b: str, kind: str = "PERSON", weights: TokenWeights | None = None) -> float:
    """How likely two names denote the same ``kind`` of thing (PERSON, ORG or PLACE), 0..1.

    ``weights`` (from :meth:`TokenWeights.from_names` over the names being resolved) makes rare
    tokens decide; without it a built-in table of common name tokens is used.
    """
    kind = kind.upper()
    if b < a:  # symmetric by construction, and one cache entry per pair
        a, b = b, a
    if weights is None:
        return _similarity_builtin(a, b, kind)
    return _similarity(a, b, kind, weights)


@lru_cache(maxsize=1 << 18)
def _similarity_builtin(a: str, b: str, kind: str) -> float:
    return _similarity(a, b, kind, None)


def clear_pair_cache() -> None:
    """Forget cached pair scores (token folding stays cached); for benchmarks."""
    _similarity_builtin.cache_clear()
    _token_sim_cached.cache_clear()


@lru_cache(maxsize=262144)
def _org_heads(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORDS.findall(unidecode(name).lower()) if w in tables.ORG_HEAD_WORDS)


def _kinds_differ(a: str, b: str) -> bool:
    """One name reads as an organisation's ("Kabul University") and the other does not, unless
    the head word is part of the other name too ("Lashkar Gah" / "Lashkargah")."""
    ha, hb = _org_heads(a), _org_heads(b)
    if bool(ha) == bool(hb):
        return False
    heads, other = (ha, b) if ha else (hb, a)
    solid = "".join(_WORDS.findall(unidecode(other).lower()))
    return not any(h in solid for h in heads)


def _calibrate(score: float, kind: str) -> float:
    """Map a raw score through the kind's :data:`CALIBRATION` knots (piecewise linear, monotone)."""
    knots = CALIBRATION.get(kind)
    if not knots or score <= 0.0 or score >= 1.0:
        return score
    for (x0, y0), (x1, y1) in zip(knots, knots[1:]):
        if score <= x1:
            return y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    return score


_ALTERNATIVES = re.compile(tables.ALTERNATIVE_SEPARATORS)


@lru_cache(maxsize=65536)
def _alternatives(name: str) -> tuple[str, ...]:
    """"A Doe; A Do" -> ("A Doe", "A Do"): several spellings packed into one string."""
    parts = tuple(p for p in (p.strip() for p in _ALTERNATIVES.split(name)) if p)
    return parts if len(parts) > 1 else (name,)


def _similarity(a: str, b: str, kind: str, weights: TokenWeights | None) -> float:
    alts_a, alts_b = _alternatives(a), _alternatives(b)
    if len(alts_a) > 1 or len(alts_b) > 1:  # as alike as the best pair of alternatives
        return max(_similarity_one(x, y, kind, weights) for x in alts_a for y in alts_b)
    return _similarity_one(a, b, kind, weights)


def _similarity_one(a: str, b: str, kind: str, weights: TokenWeights | None) -> float:
    ta = name_tokens_cached(a, kind)
    tb = name_tokens_cached(b, kind)
    if weights is None:
        wa = [_builtin_weight(t, kind) for t in ta]
        wb = [_builtin_weight(t, kind) for t in tb]
    else:
        wa = [weights.weight(t) for t in ta]
        wb = [weights.weight(t) for t in tb]
    ra, rb = name_readings(a, kind), name_readings(b, kind)
    score = _calibrate(_score(ta, tb, wa, wb, kind, ra if any(ra) else _NO_READINGS, rb if any(rb) else _NO_READINGS), kind)
    if _kinds_differ(a, b):
        score *= KIND_MISMATCH_FACTOR
    if kind == "ORG" and score < ACRONYM_SCORE:
        sa, sb = a.strip(), b.strip()
        for short, long_ in ((sa, sb), (sb, sa)):
            letters = short.replace(".", "").replace(" ", "")
            if 2 <= len(letters) <= 8 and letters.isalpha() and " " not in short.strip(". "):
                if letters.lower() == _acronym(long_):
                    return ACRONYM_SCORE
    return score
