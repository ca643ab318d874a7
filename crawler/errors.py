"""Errors the collecting side raises for bad input: always with the source and a reason."""
from __future__ import annotations


class ParseError(Exception):
    """A page, file or record that cannot be turned into a thread.

    `source` is the URL or path (with record/line where known); `reason` is one line for a person.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
