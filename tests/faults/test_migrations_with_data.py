"""Migrations with data in the tables, on SQLite and PostgreSQL: a database filled at the initial
revision upgrades to head with its rows intact; one filled at head goes down to every earlier
revision and up again with its rows intact; a migration interrupted half-way leaves nothing
behind, so the next command can still bring the database to head.

Rows are made from the reflected schema of whatever revision the database is at (every column
filled, text full of quotes, semicolons, SQL and right-to-left marks), so the test holds for any
chain of revisions, however long.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, event, inspect, select

from store.engine import make_engine
from store.schema import alembic_config, current_revision, downgrade, head_revision, upgrade

ROWS = 3
HOSTILE = "O'Brien \"Qazi\"; DROP TABLE documents; -- \u202eلوپ-ِ سر\u202c $(rm -rf /) `id` %s \\"
Snapshot = dict[str, list[dict[str, Any]]]


def revisions(engine: Engine) -> list[str]:
    """Revision ids from the initial one to head."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    return [rev.revision for rev in reversed(list(script.walk_revisions("base", "heads")))]


def _value(table: str, column: Any, n: int, ids: dict[str, list[int]]) -> Any:
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        if target == table:
            return None if column.nullable else n
        return ids[target][n % len(ids[target])]
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return n * 7
    if kind is float:
        return n + 0.25
    if kind is datetime:
        return datetime(2013, 9, 20, 8, 30) + timedelta(days=n, seconds=n)
    if kind is date:
        return date(2001, 10, 16) + timedelta(days=n)
    if kind in (dict, list):
        return {"n": n, "text": HOSTILE}
    text = f"{table}.{column.name}#{n} {HOSTILE}"
    length = getattr(column.type, "length", None)
    return text[:length] if length else text


def fill(engine: Engine) -> None:
    """ROWS rows in every table of the schema the database has now, every column set."""
    meta = MetaData()
    meta.reflect(engine)
    ids: dict[str, list[int]] = {}
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            pk = [c for c in table.primary_key.columns]
            ids[table.name] = []
            for n in range(1, ROWS + 1):
                row = {c.name: _value(table.name, c, n, ids) for c in table.columns}
                if len(pk) == 1:
                    row[pk[0].name] = n
                conn.execute(table.insert().values(**row))
                ids[table.name].append(n)


def snapshot(engine: Engine) -> Snapshot:
    meta = MetaData()
    meta.reflect(engine)
    out: Snapshot = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [dict(r._mapping) for r in conn.execute(select(table).order_by(*order))]
    return out


def assert_rows_kept(before: Snapshot, after: Snapshot) -> None:
    """Every table and row of `before` is in `after` with the same values in the columns both
    revisions have (a later revision may add columns; it may not lose rows or change values)."""
    for name, rows in before.items():
        assert name in after, f"table {name} is gone"
        assert len(after[name]) == len(rows), f"{name}: {len(rows)} rows before, {len(after[name])} after"
        for old, new in zip(rows, after[name]):
            common = old.keys() & new.keys()
            assert {k: old[k] for k in common} == {k: new[k] for k in common}, name


@pytest.fixture
def empty_engine(empty_db_url: str) -> Engine:
    engine = make_engine(empty_db_url)
    yield engine
    engine.dispose()


BACKENDS = pytest.mark.parametrize("empty_db_url", ["sqlite", "postgresql"], indirect=True)


@BACKENDS
def test_filled_at_the_initial_revision_upgrades_to_head_with_rows_intact(empty_engine: Engine) -> None:
    chain = revisions(empty_engine)
    upgrade(empty_engine, chain[0])
    fill(empty_engine)
    before = snapshot(empty_engine)
    assert all(len(rows) == ROWS for rows in before.values())
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision(empty_engine)
    assert_rows_kept(before, snapshot(empty_engine))


@BACKENDS
def test_filled_at_head_goes_down_to_every_revision_and_up_again_with_rows_intact(empty_engine: Engine) -> None:
    chain = revisions(empty_engine)
    upgrade(empty_engine)
    fill(empty_engine)
    at_head = snapshot(empty_engine)
    for rev in reversed(chain):
        downgrade(empty_engine, rev)
        assert current_revision(empty_engine) == rev
        down = snapshot(empty_engine)
        assert_rows_kept(down, at_head)  # what is left is what was there
        assert {k: len(v) for k, v in down.items()} == {k: len(at_head[k]) for k in down}
        upgrade(empty_engine)
        assert current_revision(empty_engine) == chain[-1]
        # what the earlier revision held comes back up intact (columns and tables a later
        # revision added, and dropped on the way down, come back empty)
        assert_rows_kept(down, snapshot(empty_engine))


class _Interrupt(BaseException):
    """Stands for a Ctrl-C or a kill arriving mid-migration."""


@BACKENDS
@pytest.mark.parametrize("after_statements", [1, 4])
def test_a_migration_interrupted_half_way_leaves_nothing_and_the_next_upgrade_works(
    empty_engine: Engine, after_statements: int
) -> None:
    """Python's sqlite3 committed before each DDL statement, so an interrupted first run left
    tables without a revision, and every later command failed on "table already exists"."""
    seen = {"ddl": 0}

    def interrupt(conn: Connection, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("CREATE"):
            seen["ddl"] += 1
            if seen["ddl"] > after_statements:
                raise _Interrupt

    event.listen(empty_engine, "before_cursor_execute", interrupt)
    try:
        with pytest.raises(_Interrupt):
            upgrade(empty_engine)
    finally:
        event.remove(empty_engine, "before_cursor_execute", interrupt)
    assert inspect(empty_engine).get_table_names() == []
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision(empty_engine)
    assert "documents" in inspect(empty_engine).get_table_names()
