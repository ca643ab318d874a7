"""The schema's version, through Alembic: upgrade, downgrade, current, and bring-to-head.

Alembic is imported only when a command needs it: `ensure_schema` on a database already at head
(every command after the first) reads the version table and the migration files' own
`revision` / `down_revision` lines instead (`_head_from_files`), which costs milliseconds where
importing Alembic and loading its script directory cost a fifth of a second.
"""
from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MIGRATION_LOCK_KEY = 0x636C61696D6C696E  # "claimlin": the advisory lock migrations take on PostgreSQL


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's config is a ConfigParser: a `%` in the URL (a percent-encoded path or password)
    # would be read as interpolation and fail.
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def _run(engine: Engine, fn: Callable[[Config], None]) -> None:
    cfg = alembic_config(engine)
    if engine.dialect.name == "sqlite":
        _run_sqlite(engine, cfg, fn)
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # One migration at a time per database: a second command started at once waits here,
            # then finds the schema at head, instead of failing on "relation already exists".
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        fn(cfg)


def _run_sqlite(engine: Engine, cfg: Config, fn: Callable[[Config], None]) -> None:
    """One real transaction for the whole migration. Python's sqlite3 commits on its own before
    each DDL statement, so a process killed half-way through (kill -9, Ctrl-C) left tables
    without a revision stamp, and every later command failed on "table already exists".
    `BEGIN IMMEDIATE` also makes a second process that brings the same fresh file to head wait,
    then find it done, instead of creating the tables twice."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        legacy = raw.isolation_level
        raw.isolation_level = None  # the driver stops issuing BEGIN/COMMIT; we do
        # Batch mode rebuilds a table (copy, drop, rename); with foreign keys on, dropping the old
        # `claims` would cascade and empty `claim_links`. SQLite's own procedure for altering a
        # table: foreign keys off (outside any transaction, the only place it takes effect).
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = conn
            try:
                fn(cfg)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            raw.isolation_level = legacy


class UnknownRevision(ValueError):
    """A revision the migrations do not have (`claimline db upgrade zzz`)."""


def check_revision(engine: Engine, revision: str) -> None:
    """Raise :class:`UnknownRevision`, naming the head, unless the migrations know `revision`
    (an id, a unique prefix of one, `head`, `base`, or a relative step such as `-1`)."""
    if revision in ("head", "heads", "base") or revision.lstrip("+-").isdigit():
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    try:
        found = script.get_revisions(revision)
    except Exception as exc:  # noqa: BLE001 - Alembic raises several kinds for an unknown id
        raise UnknownRevision(f"no schema revision {revision!r} (head is {script.get_current_head()})") from exc
    if not found:
        raise UnknownRevision(f"no schema revision {revision!r} (head is {script.get_current_head()})")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    check_revision(engine, revision)
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    check_revision(engine, revision)
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


VERSION_TABLE = "alembic_version"
"""Alembic's default version table (migrations/env.py names no other)."""


def _stored_versions(engine: Engine) -> list[str] | None:
    """The revisions in the database's version table; None when it has no such table."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return [str(v) for v in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars()]


@functools.cache
def _head_from_files(versions: Path = MIGRATIONS / "versions") -> str | None:
    """The head revision as the migration files state it (their module-level `revision` and
    `down_revision` assignments, read, not run), or None when that is not plainly one head: a
    file without a literal `revision`, a merge (a tuple of down revisions), several heads.
    Alembic decides whenever this says None."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in sorted(versions.glob("*.py")):
        if path.name == "__init__.py":
            continue
        found: dict[str, object] = {}
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return None
        for node in tree.body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
            value = getattr(node, "value", None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and value is not None:
                try:
                    found[target.id] = ast.literal_eval(value)
                except ValueError:
                    return None
        revision, down = found.get("revision"), found.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)) or revision in revisions:
            return None
        revisions.add(revision)
        if down is not None:
            downs.add(down)
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 and downs <= revisions else None


def at_head(engine: Engine) -> bool:
    """Whether the database's schema is at head, told without Alembic where that is plain (one
    stored revision, equal to the one head the migration files state); False when unsure."""
    stored = _stored_versions(engine)
    head = _head_from_files()
    return stored is not None and head is not None and stored == [head]


def ensure_schema(engine: Engine, say: Callable[[str], None] | None = None) -> bool:
    """Bring a fresh or older database to head; returns True (and says so once) when it did."""
    if at_head(engine):
        return False
    current = current_revision(engine)
    if current == head_revision(engine):
        return False
    upgrade(engine)
    if say is not None:
        what = "created the schema" if current is None else f"upgraded the schema from {current}"
        say(f"claimline: {what} at {engine.url.render_as_string(hide_password=True)}")
    return True
