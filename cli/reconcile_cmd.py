"""`claimline reconcile`: resolve entities, relate claims, score sources (incremental)."""
from __future__ import annotations

import json

import click
from rich.progress import Progress

from cli.context import AppContext, pass_app
from reconcile.stage import STEPS, run_reconcile
from store.locks import Busy, single_writer


@click.command("reconcile")
@click.option("--full", is_flag=True, help="Cluster every mention again (entity ids stay stable).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
@click.pass_context
def reconcile(ctx: click.Context, app: AppContext, full: bool, as_json: bool) -> None:
    """Match names to entities, relate claims, score sources; only what is new is recomputed.

    One reconcile runs at a time on a database: a second one exits at once with "another
    reconcile is running". Each part (entities, links, scores) is stored on its own: one that fails is reported, what
    the others did stays, and the exit code is 1; the next run does the failed part again.
    """
    engine = app.engine()
    try:
        with single_writer(engine, "reconcile"), \
                Progress(console=app.console, transient=True, disable=not app.interactive) as progress:
            task = progress.add_task("reconcile", total=len(STEPS))
            summary = run_reconcile(engine, full=full,
                                    on_progress=lambda done, total: progress.update(task, completed=done))
    except Busy as exc:
        raise click.ClickException(str(exc)) from exc
    for error in summary.errors:
        click.echo(f"error: reconcile {error}", err=True)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), default=str, indent=2))
        ctx.exit(0 if summary.ok else 1)
    links = ", ".join(f"{n} {t}" for t, n in sorted(summary.links_by_type.items())) or "none"
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(summary.entities_by_type.items())) or "none"
    click.echo(f"entities: {summary.entities} ({kinds}); {summary.entities_created} new, "
               f"{summary.mentions_changed} mentions (re)assigned [{summary.mode}]")
    click.echo(f"statements: {summary.statements}; {summary.statements_created} new, {summary.statements_updated} updated, "
               f"{summary.statements_removed} removed")
    click.echo(f"links: {links}; {summary.links_created} new, {summary.links_updated} updated, {summary.links_removed} removed")
    click.echo(f"claims re-pointed: {summary.claims_changed}; source scores written: {summary.scores_written}")
    click.echo("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in summary.seconds.items())
               + f" (total {sum(summary.seconds.values()):.2f}s)")
    ctx.exit(0 if summary.ok else 1)
