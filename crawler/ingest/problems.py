"""What an ingest reader reports instead of raising: one lost (or deliberately left out) record.

Readers yield these beside the threads they could read, so one bad record never stops the rest
of the file, and one bad file never stops the other files.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import ParseError

ProblemKind = Literal["file", "record", "skipped", "note"]
"""`file`: nothing in the file could be read; `record`: one record (or the rest of a truncated
file) was lost; `skipped`: left out on purpose (a password-protected post, an unapproved comment),
said so that nobody wonders where it went; `note`: everything landed, but with a caveat (an
address made up because the file gave none)."""


@dataclass(frozen=True)
class IngestProblem:
    file: str
    reason: str
    where: str | None = None
    """The record within the file: "line 57", "record at byte 1234", "item 3"."""
    kind: ProblemKind = "record"

    @property
    def source(self) -> str:
        return f"{self.file} ({self.where})" if self.where else self.file

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def as_error(self) -> ParseError:
        return ParseError(self.source, self.reason)

    def to_json(self) -> dict[str, str | None]:
        return {"file": self.file, "where": self.where, "reason": self.reason, "kind": self.kind}

