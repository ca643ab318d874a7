"""Claims grouped by links: any order of joins gives the same groups, named by their smallest id."""
from __future__ import annotations

import itertools

from reconcile.id_groups import IdGroups


def test_groups_are_named_by_their_smallest_id_whatever_the_order() -> None:
    pairs = [(7, 3), (3, 9), (12, 11)]
    for order in itertools.permutations(pairs):
        groups = IdGroups()
        for a, b in order:
            groups.union(a, b)
        assert {x: groups.find(x) for x in (3, 7, 9, 11, 12, 5)} == {3: 3, 7: 3, 9: 3, 11: 11, 12: 11, 5: 5}
