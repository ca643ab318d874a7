"""Parents before replies: the one ordering every thread walk needs (storing a thread, showing
it, extracting it), done by `graphlib` instead of a hand-written loop in each place."""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from graphlib import CycleError, TopologicalSorter


def parents_first(links: Sequence[tuple[Hashable | None, Hashable | None]]) -> tuple[list[int], set[int]]:
    """(positions in parents-first order, positions whose parent link had to be cut).

    `links` holds each item's (key, parent key). A parent key that names no item (a reply to the
    post, or to a comment that is not here) makes the item a root. Siblings keep their given
    order. Where parent links form a cycle (a damaged export), the link of the cycle's first
    item in the given order is cut, so that it becomes a root, and the rest follow it; the caller
    decides what a cut item hangs on. Nothing in `links` is changed.
    """
    position: dict[Hashable, int] = {}
    for pos, (key, _parent) in enumerate(links):
        if key is not None:
            position.setdefault(key, pos)
    parent_of: dict[int, int] = {}
    for pos, (_key, parent) in enumerate(links):
        target = position.get(parent) if parent is not None else None
        if target is not None:
            parent_of[pos] = target
    cut: set[int] = set()
    while True:
        sorter: TopologicalSorter[int] = TopologicalSorter()
        for pos in range(len(links)):
            if pos in parent_of:
                sorter.add(pos, parent_of[pos])
            else:
                sorter.add(pos)
        try:
            sorter.prepare()
        except CycleError as exc:
            first = min(exc.args[1])
            del parent_of[first]
            cut.add(first)
            continue
        order: list[int] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready())  # siblings (and roots) in their given order
            order.extend(ready)
            sorter.done(*ready)
        return order, cut
