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
@click.option("--yes", is_flag=True, help="Do not ask: the tables the downgrade drops are lost, review decisions included.")
@pass_app
def downgrade(app: AppContext, revision: str, yes: bool) -> None:
    """Downgrade the schema to REVISION ('base' removes every table).

    A downgrade drops what the later revisions added (with 'base': every document, claim and
    review decision), so it asks first; --yes answers for scripts.
    """
    engine = app.engine(migrate=False)
    schema.check_revision(engine, revision)
    shown = engine.url.render_as_string(hide_password=True)
    if not yes:
        what = "every table (documents, claims, review decisions)" if revision == "base" else \
            f"what the revisions after {revision} added"
        try:
            agreed = click.confirm(f"downgrade {shown} to {revision}: this drops {what}. Continue?", err=True)
        except click.Abort:  # no answer (end of input): end the prompt's line before saying so
            click.echo(err=True)
            agreed = False
        if not agreed:
            raise click.ClickException(f"{shown} not downgraded (answer y, or pass --yes)")
    schema.downgrade(engine, revision)
    click.echo(f"schema at {schema.current_revision(engine) or 'base'}")
