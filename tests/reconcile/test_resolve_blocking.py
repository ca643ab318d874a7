"""Blocking: an incremental run's focused pass finds exactly the pairs a full pass finds for its keys."""
from __future__ import annotations

import functools
import itertools
import random

import pytest

from reconcile.names import TokenWeights, name_key
from reconcile.resolve.blocking import BlockStats, candidate_pairs

GIVEN = ("Abdul Rahman", "Mohammad", "Gul", "Zarif", "Naeem", "Sher", "Abdul Basir", "Qari", "Amin", "Haji")
FAMILY = ("Qoldashmand", "Turkestani", "Wardak", "Noorzai", "Achakzai", "Haqqani", "Karimi", "Rahimi", "Khan", "Zadran")
EXTRA = ("", "Ullah", "Jan", "Agha", "Sahib")


def _keys() -> list[str]:
    rng = random.Random(3)
    names = {" ".join(filter(None, combo)) for combo in itertools.product(GIVEN, FAMILY, EXTRA)}
    pick = lambda: rng.sample(sorted(names), 80)  # noqa: E731
    variants = ({n.replace("a", "e").replace("i", "ee") for n in pick()} | {n.replace(" ", "") for n in pick()}
                | {n + "ay" for n in pick()} | {n.replace(" ", "", 1) for n in pick()})  # token, consonant, skeleton blocks
    return sorted({name_key(n) for n in names | variants} - {""})


KEYS = _keys()
WEIGHT = TokenWeights(kind="PERSON").weight


@functools.cache
def _full_pass(max_block: int) -> frozenset[tuple[str, str]]:
    return frozenset(candidate_pairs(KEYS, WEIGHT, max_block=max_block))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("max_block", [200, 12])
def test_focused_pass_equals_full_pass_restricted_to_focus(seed: int, max_block: int) -> None:
    focus = set(random.Random(seed).sample(KEYS, 6))
    full = _full_pass(max_block)
    expected = {p for p in full if p[0] in focus or p[1] in focus}
    stats = BlockStats()
    assert candidate_pairs(KEYS, WEIGHT, max_block=max_block, focus=focus, stats=stats) == expected
    assert stats.keys == len(KEYS)


def test_sample_has_pairs_to_find() -> None:
    assert len(KEYS) > 600
    assert len(_full_pass(200)) > 100
