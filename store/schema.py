"""The schema's version, through Alembic: upgrade, downgrade, current, and bring-to-head."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MIGRATION_LOCK_KEY = 0x636C61696D6C696E  # "claimlin": the advisory lock migrations take on PostgreSQL


def alembic_config(engine: Engine) -> Config:
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
    script = ScriptDirectory.from_config(alembic_config(engine))
    try:
        found = script.get_revisions(revision)
    except Exception as exc:  # noqa: BLE001 - Alembic raises several kinds for an unknown id
        raise UnknownRevision(f"no schema revision {revision!r} (head is {script.get_current_head()})") from exc
    if not found:
        raise UnknownRevision(f"no schema revision {revision!r} (head is {script.get_current_head()})")


def upgrade(engine: Engine, revision: str = "head") -> None:
    check_revision(engine, revision)
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    check_revision(engine, revision)
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def ensure_schema(engine: Engine, say: Callable[[str], None] | None = None) -> bool:
    """Bring a fresh or older database to head; returns True (and says so once) when it did."""
    current = current_revision(engine)
    if current == head_revision(engine):
        return False
    upgrade(engine)
    if say is not None:
        what = "created the schema" if current is None else f"upgraded the schema from {current}"
        say(f"claimline: {what} at {engine.url.render_as_string(hide_password=True)}")
    return True
