"""Aliases the text states (:class:`reconcile.extract.types.AliasOut`), kept in ``mention_aliases``
for the resolver, which reads them as must-links (:func:`reconcile.resolve.run.stated_aliases`).

Called by the extract stage for each document it extracts; rows that stay the same keep their id
(join evidence cites them), those the text no longer states are deleted.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reconcile.extract.types import AliasOut
from store.models import MentionAlias


def store_aliases(session: Session, document_id: int, aliases: Sequence[AliasOut], mention_ids: Sequence[int]) -> int:
    """Make the document's stored aliases those given (``a``/``b`` index ``mention_ids``);
    returns how many rows were added or removed."""
    existing = {(r.mention_a_id, r.mention_b_id): r for r in
                session.scalars(select(MentionAlias).where(MentionAlias.document_id == document_id))}
    wanted: dict[tuple[int, int], AliasOut] = {}
    for al in aliases:
        a, b = mention_ids[al.a], mention_ids[al.b]
        if a != b:
            wanted.setdefault((a, b), al)
    changes = 0
    for pair, al in wanted.items():
        row = existing.get(pair)
        values = dict(cue=al.cue[:64], quote=al.quote, quote_start=al.quote_start, quote_end=al.quote_end)
        if row is None:
            session.add(MentionAlias(document_id=document_id, mention_a_id=pair[0], mention_b_id=pair[1], **values))
            changes += 1
        else:
            for k, v in values.items():
                setattr(row, k, v)
    stale = [r.id for pair, r in existing.items() if pair not in wanted]
    if stale:
        session.execute(delete(MentionAlias).where(MentionAlias.id.in_(stale)))
        changes += len(stale)
    session.flush()
    return changes
