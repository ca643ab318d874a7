"""`INSERT ... ON CONFLICT` in each dialect's own words, behind one function."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.orm import Session


def dialect_insert(name: str) -> Callable[..., Any]:
    """The `insert` with `on_conflict_do_update` of dialect `name` (`postgresql` or `sqlite`).
    The dialect's module is imported here, not with this one: on SQLite, PostgreSQL's dialect
    (and its four drivers' modules) was an eighth of a second of every command's start-up."""
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert
    raise NotImplementedError(f"upsert is not implemented for the {name!r} dialect")


def _insert_for(session: Session, table: Table) -> Any:
    return _insert_for_dialect(session.get_bind().dialect.name, table)


def _insert_for_dialect(name: str, table: Table) -> Any:
    return dialect_insert(name)(table)


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
    dialect = session.get_bind().dialect.name
    for row in rows:
        stmt = _statement(
            dialect, table, tuple(row), tuple(conflict), None if update is None else tuple(update)
        )
        ids.append(session.execute(stmt, row).scalar_one())
    return ids


def upsert_row(connection: Connection, table: Table, row: dict[str, Any], conflict: Sequence[str]) -> int:
    """`upsert` of one row, all its columns updated on conflict, straight on a connection: no
    ORM session machinery (and no autoflush) for the thousands of rows a crawl writes."""
    stmt = _statement(connection.dialect.name, table, tuple(row), tuple(conflict), None)
    return connection.execute(stmt, row).scalar_one()


def upsert_rows(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    conflict: Sequence[str],
    key: str,
) -> dict[Any, int]:
    """`upsert_row` of many rows with the same columns in as few statements as the driver allows
    (SQLAlchemy's "insertmanyvalues": multi-row `INSERT ... VALUES (...), (...) ON CONFLICT ...
    RETURNING`). Returns the id of each row by its `key` column, which must be unique among `rows`
    (RETURNING does not promise the order of the rows)."""
    if not rows:
        return {}
    columns = tuple(rows[0])
    # A row that brings its own id (drawn from the sequence) never moves an existing row's id.
    update = tuple(c for c in columns if c not in table.primary_key.columns)
    stmt = _statement(connection.dialect.name, table, columns, tuple(conflict), update, (key,))
    if len(rows) == 1:
        found = connection.execute(stmt, rows[0]).one()
        return {found[1]: found[0]}
    return {row[1]: row[0] for row in connection.execute(stmt, list(rows))}


@lru_cache(maxsize=256)
def _statement(
    dialect: str,
    table: Table,
    columns: tuple[str, ...],
    conflict: tuple[str, ...],
    update: tuple[str, ...] | None,
    also: tuple[str, ...] = (),
) -> Any:
    """The upsert for one table and set of columns, built once: building `excluded` for a wide
    table costs more than running the statement (the crawl writes thousands of rows)."""
    stmt = _insert_for_dialect(dialect, table)
    cols = [c for c in (update if update is not None else columns) if c not in conflict]
    if not cols:
        # A no-op update still returns the existing id, unlike DO NOTHING.
        cols = [conflict[0]]
    stmt = stmt.on_conflict_do_update(
        index_elements=list(conflict), set_={c: stmt.excluded[c] for c in cols}
    )
    return stmt.returning(table.c.id, *(table.c[name] for name in also))
