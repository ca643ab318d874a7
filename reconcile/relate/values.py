"""Comparing the objects of two claims: one value, compatible values, or different ones.

Entities compare by id (and, for places, by containment in the gazetteer); literals by their
folded words with qualifiers dropped and equivalent names of one office mapped to one concept
("Meshrano Jirga", "temporary senator" and "senator" are one value).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from unidecode import unidecode

from reconcile.resolve.places import compatible as places_compatible

from .tables import EQUIVALENT, IGNORABLE

SAME, COMPATIBLE, DIFFERENT, UNKNOWN = "same", "compatible", "different", "unknown"
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(unidecode(text).lower()) if w not in IGNORABLE)


_PHRASES = [(re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])"), c) for phrase, c in EQUIVALENT.items()]


@lru_cache(maxsize=65536)
def text_concepts(text: str) -> frozenset[str]:
    """The canonical concepts one text names (cached: statements compare the same values often)."""
    ws = words(text)
    if not ws:
        return frozenset()
    joined = " ".join(ws)
    found = {c for pattern, c in _PHRASES if pattern.search(joined)}
    return frozenset(found or {joined})


def concepts(texts: Iterable[str]) -> set[str]:
    """Canonical concepts named by any of the texts (an equivalent phrase anywhere in them)."""
    out: set[str] = set()
    for text in texts:
        out |= text_concepts(text)
    return out


def compare(ids: tuple[int | None, int | None], names_a: Iterable[str], names_b: Iterable[str],
            types: tuple[str | None, str | None] = (None, None)) -> str:
    """SAME, COMPATIBLE (one inside or more specific than the other), DIFFERENT, or UNKNOWN
    (one side has no object)."""
    names_a, names_b = [n for n in names_a if n], [n for n in names_b if n]
    if ids[0] is not None and ids[0] == ids[1]:
        return SAME
    if not names_a and not names_b:
        return SAME  # "released in 1982" and "released": no object on either side
    if not names_a or not names_b:
        return UNKNOWN
    ca, cb = concepts(names_a), concepts(names_b)
    if ca & cb:
        return SAME
    if "PLACE" in types or (ids[0] is not None and ids[1] is not None and types[0] == types[1] == "PLACE"):
        for x in names_a:
            for y in names_b:
                if places_compatible(x, y):
                    return COMPATIBLE
        if ids[0] is not None and ids[1] is not None:
            return DIFFERENT
    wa = {w for n in names_a for w in words(n)}
    wb = {w for n in names_b for w in words(n)}
    if wa and wb and (wa <= wb or wb <= wa):
        return COMPATIBLE
    return DIFFERENT
