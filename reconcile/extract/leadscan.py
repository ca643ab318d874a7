"""Run many anchored regexes over a text fast: only where one of their first words occurs.

Python's `re` tries every position of the text for each pattern; with dozens of patterns that
dominates extraction time. Each pattern instead declares the words it can start with; one pass
over the words of the text finds those, and the pattern is tried (`match`) only there.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_WORD = re.compile(r"[a-z]+|\(")


class LeadScanner(Generic[T]):
    def __init__(self, entries: Iterable[tuple[T, re.Pattern[str], Iterable[str]]]):
        self._by_word: dict[str, list[tuple[int, T, re.Pattern[str]]]] = {}
        for order, (key, pattern, leads) in enumerate(entries):
            for word in leads:
                self._by_word.setdefault(word.lower(), []).append((order, key, pattern))

    def scan(self, text: str, lowered: str | None = None) -> Iterator[tuple[T, re.Match[str]]]:
        """(key, match) for every match starting at a lead word, in text order."""
        low = lowered if lowered is not None else text.lower()
        by_word = self._by_word
        for w in _WORD.finditer(low):
            entries = by_word.get(w.group())
            if not entries:
                continue
            pos = w.start()
            if pos and low[pos - 1].isalnum() and w.group() != "(":
                continue
            for _order, key, pattern in entries:
                m = pattern.match(text, pos)
                if m and m.end() > m.start():
                    yield key, m
