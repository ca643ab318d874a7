"""`claimline db upgrade|current|downgrade REV`: the schema, through Alembic."""
from __future__ import annotations

import click

from cli.context import AppContext, pass_app
from store import schema


@click.group("db")
def db() -> None:
    """Create, inspect and move the database schema (Alembic)."""


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def upgrade(app: AppContext, revision: str) -> None:
    """Upgrade the schema to REVISION (default: head)."""
    engine = app.engine(migrate=False)
    schema.upgrade(engine, revision)
    click.echo(f"schema at {schema.current_revision(engine)} (head {schema.head_revision(engine)})")


@db.command("current")
@pass_app
def current(app: AppContext) -> None:
    """Print the schema revision of the database and the head revision."""
    engine = app.engine(migrate=False)
    rev = schema.current_revision(engine)
    head = schema.head_revision(engine)
    state = "up to date" if rev == head else "behind head" if rev else "empty (no schema)"
    click.echo(f"{rev or 'none'} (head {head}): {state}")


@db.command("downgrade")
@click.argument("revision")
@pass_app
def downgrade(app: AppContext, revision: str) -> None:
    """Downgrade the schema to REVISION ('base' removes every table)."""
    engine = app.engine(migrate=False)
    schema.downgrade(engine, revision)
    click.echo(f"schema at {schema.current_revision(engine) or 'base'}")
