"""The plain records the resolver core reads: one mention, with the context it was found in.

The core (:func:`reconcile.resolve.cluster.resolve_mentions`) never touches the database, so the
stage, the tests and ``bench/resolve.py`` all feed it the same tuples.

Context keys are ``"kind:value"`` strings; the kinds the scorer knows are listed in
:data:`reconcile.resolve.scoring.CONTEXT_WEIGHTS` (``thread``, ``place``, ``country``, ``org``,
``person``, ``role``). ``place:`` keys are also the ones whose disagreement counts against a match.
"""
from __future__ import annotations

from typing import NamedTuple

# Mention types (store.models.MENTION_TYPES) -> the kind reconcile.names scores them as.
NAME_KIND: dict[str, str] = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "PLACE", "ROLE": "ORG"}


class MentionIn(NamedTuple):
    """One mention as the resolver sees it.

    ``name`` is the name without title ("" for a pronoun whose antecedent is unknown: it then
    only follows its chain). ``chain`` is the extractor's coreference chain id, unique across the
    corpus (mentions sharing it are one entity: a must-link).
    """

    id: int
    name: str
    type: str
    context: frozenset[str] = frozenset()
    chain: str | None = None
