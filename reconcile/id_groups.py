"""Grouping of ids (claims into facts, claims into events): a small union-find keyed by id.

The smallest id of a group is its root, so a group's name does not depend on the order of joins.
"""
from __future__ import annotations


class IdGroups:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
