"""Parents before replies, by graphlib: given order kept among siblings, cycles cut, input untouched."""
from __future__ import annotations

import pytest

from store.ordering import parents_first


@pytest.mark.parametrize(
    ("links", "order", "cut"),
    [
        ([("a", None), ("b", "a"), ("c", "b")], [0, 1, 2], set()),
        ([("c", "b"), ("b", "a"), ("a", None)], [2, 1, 0], set()),  # replies listed before parents
        ([("b", "a"), ("c", "a"), ("a", None)], [2, 0, 1], set()),  # siblings keep their order
        ([("x", "gone"), ("y", "x")], [0, 1], set()),  # a parent not here: a root
        ([("x", "y"), ("y", "x"), ("z", "x")], [0, 1, 2], {0}),  # a cycle: its first link is cut
        ([("s", "s")], [0], {0}),  # its own parent
        ([(None, None), (None, "a")], [0, 1], set()),  # items without keys are roots
    ],
    ids=["in-order", "reversed", "siblings", "missing-parent", "cycle", "self", "no-keys"],
)
def test_parents_first(links: list, order: list[int], cut: set[int]) -> None:
    before = list(links)
    assert parents_first(links) == (order, cut)
    assert links == before
