"""`INSERT ... ON CONFLICT` in each dialect's own words, behind one function."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert_for(session: Session, table: Table) -> Any:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"upsert is not implemented for the {name!r} dialect")


def upsert(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    conflict: Sequence[str],
    update: Sequence[str] | None = None,
) -> list[int]:
    """Insert rows, or update `update` columns of the row that holds the same `conflict` key.

    Returns the primary keys in the order of `rows`. With `update` empty, existing rows are left
    as they are (and their ids still returned).
    """
    if not rows:
        return []
    ids: list[int] = []
    for row in rows:
        stmt = _insert_for(session, table).values(**row)
        cols = [c for c in (update if update is not None else row.keys()) if c not in conflict]
        if cols:
            stmt = stmt.on_conflict_do_update(
                index_elements=list(conflict), set_={c: stmt.excluded[c] for c in cols}
            )
        else:
            # A no-op update still returns the existing id, unlike DO NOTHING.
            first = conflict[0]
            stmt = stmt.on_conflict_do_update(
                index_elements=list(conflict), set_={first: stmt.excluded[first]}
            )
        ids.append(session.execute(stmt.returning(table.c.id)).scalar_one())
    return ids
