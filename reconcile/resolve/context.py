"""Context keys of stored mentions: their thread, and what else their document names.

Every mention of a document shares the document's keys (the places, organisations, people and
roles named in it, and the thread it belongs to), minus the keys its own name contributes. The
name an authority list lists an entry under also carries the entry's key (``entry:``): the
resolver never joins two entries of a list on their names.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .places import place_keys
from .records import MentionIn


LIST_CHAIN = "list:"  # the chain of a listed entry's name (reconcile.sources.authority.render)
ENTRY = "entry:"  # context key of a list entry: two entries of a list are two entities


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
        if r.chain and r.chain.startswith(LIST_CHAIN):  # the name an authority list lists an entry under
            ctx.add(f"{ENTRY}{r.document_id}")
        chain = f"{r.root_id}:{r.chain}" if r.chain else None
        out.append(MentionIn(r.id, "" if r.is_pronoun and not r.name else r.name, r.type, frozenset(ctx), chain))
    return out
