"""Union-find with cannot-link constraints, for clustering mentions.

Each root keeps the set of roots it may never join (kept up to date on union, smaller set into
larger), so a cluster can never come to contain a cannot-link pair, whatever the order of unions.
"""
from __future__ import annotations


class ConstrainedUnionFind:
    __slots__ = ("parent", "size", "cannot")

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.cannot: dict[int, set[int]] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def forbid(self, a: int, b: int) -> bool:
        """Record that a's and b's clusters may never join; False if they already have."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.cannot.setdefault(ra, set()).add(rb)
        self.cannot.setdefault(rb, set()).add(ra)
        return True

    def forbidden(self, ra: int, rb: int) -> bool:
        """Whether the clusters rooted at ra and rb hold a cannot-link pair (both must be roots)."""
        bad = self.cannot.get(ra)
        if not bad:
            return False
        if rb in bad:
            return True
        # entries may point at roots that have since been absorbed: refresh lazily
        fresh = {self.find(r) for r in bad}
        self.cannot[ra] = fresh
        return rb in fresh

    def union(self, a: int, b: int, *, force: bool = False) -> int | None:
        """Join a's and b's clusters; returns the new root, or None when a cannot-link forbids it.

        ``force`` joins regardless of cannot-links (human must-links outrank everything else;
        callers refuse contradicting decisions before they are stored).
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if not force and (self.forbidden(ra, rb) or self.forbidden(rb, ra)):
            return None
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        moved = self.cannot.pop(rb, None)
        if moved:
            mine = self.cannot.setdefault(ra, set())
            for other in moved:
                other_root = self.find(other)
                if other_root == ra:
                    continue
                mine.add(other_root)
                peer = self.cannot.setdefault(other_root, set())
                peer.discard(rb)
                peer.add(ra)
        return ra
