"""Context keys of stored mentions: their thread, and what else their document names.

Every mention of a document shares the document's keys (the places, organisations, people and
roles named in it, and the thread it belongs to), minus the keys its own name contributes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .places import place_keys
from .records import MentionIn


@dataclass(frozen=True)
class MentionRow:
    """What the stage reads of a stored mention."""

    id: int
    document_id: int
    root_id: int
    name: str
    key: str
    type: str
    chain: str | None
    is_pronoun: bool
    entity_id: int | None


def own_keys(row: MentionRow) -> frozenset[str]:
    if not row.key or row.is_pronoun:
        return frozenset()
    if row.type == "PLACE":
        return place_keys(row.name)
    kind = {"PERSON": "person", "ORG": "org", "ROLE": "role"}.get(row.type, "org")
    return frozenset({f"{kind}:{row.key}"})


def build_mentions(rows: Iterable[MentionRow], context_rows: Iterable[MentionRow]) -> list[MentionIn]:
    """MentionIn records for ``rows``, with context from ``context_rows`` (all mentions of the
    documents of ``rows``; ``rows`` may be among them). Chains are namespaced by thread."""
    doc_keys: dict[int, set[str]] = defaultdict(set)
    for r in context_rows:
        doc_keys[r.document_id].update(own_keys(r))
    out = []
    for r in rows:
        ctx = set(doc_keys.get(r.document_id, ()))
        ctx.difference_update(own_keys(r))
        ctx.add(f"thread:{r.root_id}")
        chain = f"{r.root_id}:{r.chain}" if r.chain else None
        out.append(MentionIn(r.id, "" if r.is_pronoun and not r.name else r.name, r.type, frozenset(ctx), chain))
    return out
