"""`claimline worker`: take extraction batches from the PostgreSQL queue (several machines)."""
from __future__ import annotations

import json

import click

from cli.context import AppContext, pass_app
from reconcile.extractors import DEFAULT, REGISTRY


@click.command("worker")
@click.option("--extractor", type=click.Choice(sorted(REGISTRY)), default=DEFAULT, show_default=True,
              help="The extractor this worker runs (batches name theirs; it must match).")
@click.option("--until-empty", is_flag=True,
              help="Stop when no batch is waiting or being worked on anywhere (else run until stopped).")
@click.option("--stalled-after", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds without a heartbeat after which another worker's batch is put back.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON when it stops.")
@pass_app
@click.pass_context
def worker(ctx: click.Context, app: AppContext, extractor: str, until_empty: bool, stalled_after: float,
           as_json: bool) -> None:
    """Take extraction batches from the shared queue (`extract --queue`) and extract them.

    Run one per core on any host that reaches the PostgreSQL store. A batch is taken by one
    worker only; a killed worker's batch is put back by the others after --stalled-after seconds.
    """
    from reconcile.nlp.model import ModelMissing
    from reconcile.queue import QueueUnavailable, run_worker

    app.engine()  # the schema at head first

    def said(job_id: int, s) -> None:  # noqa: ANN001 - an ExtractSummary
        if not as_json:
            click.echo(f"batch {job_id}: {s.documents} extracted, {s.elsewhere} done by another writer, "
                       f"{len(s.errors)} failed", err=True)
        for error in s.errors:
            click.echo(f"error: {error}", err=True)

    try:
        done = run_worker(app.url, extractor=extractor, until_empty=until_empty, stalled_after=stalled_after,
                          on_batch=said)
    except (QueueUnavailable, ModelMissing) as exc:
        raise click.ClickException(str(exc)) from exc
    total = done.extract
    if as_json:
        click.echo(json.dumps({"batches": done.batches, "put_back": done.put_back, **total.to_json()}, indent=2))
    else:
        click.echo(f"batches: {done.batches}; documents: {total.documents} extracted, {total.elsewhere} done by "
                   f"another writer, {len(total.errors)} failed; batches of stopped workers put back: {done.put_back}")
    ctx.exit(1 if total.errors else 0)
