"""Candidate pairs of name keys, without comparing all pairs.

A key is filed under a few blocking keys: the 4-letter prefix of each distinctive token (common
tokens such as "abdul" or "mohammad" are not used when the name has a rarer one; a name made
only of common tokens is filed under its heaviest one), and, for short names, the first consonants
of the whole name written together, which meets joined and split spellings ("Saripul" /
"Sar-e Pul") and vowel variants. Blocks larger than ``max_block`` are too common to
say anything and are skipped (counted in the stats). Pairs are prefiltered with rapidfuzz (in C)
before the full scorer sees them (:func:`_plausible`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .scoring import PREFILTER_MIN

BLOCK_TOKEN_MIN_WEIGHT = 0.75  # tokens lighter than this do not block when a heavier one exists
PREFIX = 4
SKELETON = 4
SKELETON_MAX_TOKENS = 2  # longer names are found through their tokens
MAX_BLOCK = 200
_NO_VOWELS = str.maketrans("", "", "aeiouy ")


@dataclass
class BlockStats:
    keys: int = 0
    blocks: int = 0
    skipped_blocks: int = 0
    pairs: int = 0


def block_keys(key: str, weight: Callable[[str], float]) -> set[str]:
    tokens = key.split()
    if not tokens:
        return set()
    heavy = [t for t in tokens if weight(t) >= BLOCK_TOKEN_MIN_WEIGHT]
    if not heavy:
        heavy = [max(tokens, key=lambda t: (weight(t), len(t)))]
    out = set()
    for t in heavy:
        out.add("t:" + t)
        if len(t) >= PREFIX:
            out.add("c:" + t[0] + t[1:].translate(_NO_VOWELS)[:SKELETON])
    if len(tokens) <= SKELETON_MAX_TOKENS:
        skeleton = key.translate(_NO_VOWELS)
        if len(skeleton) >= 2:
            out.add("s:" + key[0] + skeleton[:SKELETON])
    return out


def _may_share_a_block(key: str, tokens: set[str], consonants: set[str], skeletons: set[str]) -> bool:
    """False only when ``key`` can be filed under none of the wanted blocks (given by their parts),
    whatever its tokens weigh: a few string operations instead of :func:`block_keys`' weights."""
    parts = key.split()
    for t in parts:
        if t in tokens or (len(t) >= PREFIX and t[0] + t[1:].translate(_NO_VOWELS)[:SKELETON] in consonants):
            return True
    if len(parts) <= SKELETON_MAX_TOKENS and key:
        skeleton = key.translate(_NO_VOWELS)
        return len(skeleton) >= 2 and key[0] + skeleton[:SKELETON] in skeletons
    return False


def _plausible(a: str, b: str) -> bool:
    """One name's words inside the other's (a short form), or close in order or written together.

    Measured on bench/resolve.py's corpus: this keeps about half the blocked pairs and loses
    under 4% of those the full scorer puts at 0.6 or more (mostly single-token near-misses that
    are different names anyway, and siblings)."""
    if fuzz.token_sort_ratio(a, b) >= PREFILTER_MIN:
        return True
    if fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= PREFILTER_MIN:
        return True
    ta, tb = set(a.split()), set(b.split())
    return ta <= tb or tb <= ta


def candidate_pairs(
    keys: Iterable[str],
    weight: Callable[[str], float],
    *,
    max_block: int = MAX_BLOCK,
    stats: BlockStats | None = None,
    focus: set[str] | None = None,
) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, of distinct keys that share a block and pass the prefilter.

    With ``focus``, only pairs with at least one key in it are returned (incremental runs), and
    ``stats.blocks`` counts only the blocks the keys that may meet the focus are filed under.
    """
    blocks: dict[str, list[str]] = defaultdict(list)
    n = 0
    if focus is not None:
        # an incremental run asks about a few keys among the whole store's: only keys that can
        # share one of their blocks are filed (those blocks' members, and so sizes, are exact)
        wanted: dict[str, set[str]] = {"t": set(), "c": set(), "s": set()}
        for key in focus:
            for b in block_keys(key, weight):
                wanted[b[0]].add(b[2:])
        filed: list[str] = []
        for key in keys:
            n += 1
            if key in focus or _may_share_a_block(key, wanted["t"], wanted["c"], wanted["s"]):
                filed.append(key)
        keys, n = filed, n - len(filed)
    for key in keys:
        n += 1
        for b in block_keys(key, weight):
            blocks[b].append(key)
    pairs: set[tuple[str, str]] = set()
    skipped = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            skipped += 1
            continue
        if focus is not None:
            inside = [k for k in members if k in focus]
            if not inside:
                continue
            outer = members
        else:
            inside = members
            outer = members
        for i, a in enumerate(inside):
            for b in (outer if focus is not None else outer[i + 1 :]):
                if a == b:
                    continue
                pair = (a, b) if a < b else (b, a)
                if pair in pairs:
                    continue
                if _plausible(a, b):
                    pairs.add(pair)
    if stats is not None:
        stats.keys += n
        stats.blocks += len(blocks)
        stats.skipped_blocks += skipped
        stats.pairs += len(pairs)
    return pairs
