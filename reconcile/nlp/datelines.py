"""News datelines ("KABUL, Afghanistan — A senior commander ...") set apart from the sentence.

A small parser reads "KABUL, Afghanistan — A senior commander ... was killed" as one noun
phrase with the town at its head, so the sentence loses its subject. Ending the dateline with
a full stop gives the parser two sentences; the copy keeps every offset.
"""
from __future__ import annotations

import re

_DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z'’.-]*[A-Z](?:[ ,]+[A-Z][\w'’.-]*){0,4}"  # KABUL / QALA-I-NAW, Badghis
    r"(?:[ ,]+[A-Z][a-z]{2,8}\.? \d{1,2})?"  # ISLAMABAD, Feb 7
    r"(?:\s*\([^()\n]{1,40}\))?)"  # PESHAWAR (Reuters)
    r"(?P<gap>[ \t]+)(?P<dash>—|–|--?)(?=[ \t]+[A-Z\"“‘'])"
)


def set_apart(text: str) -> str:
    """`text` with each dateline's dash made a full stop (same length, same offsets)."""
    def stop(m: re.Match[str]) -> str:
        dash = m.group("dash")
        return m.group("place") + m.group("gap") + "." + " " * (len(dash) - 1)

    return _DATELINE.sub(stop, text)
