"""`claimline extract [--all] [--workers N | --queue] [--json]`: mentions and claims for new or
changed documents, here or by `claimline worker`s."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from cli.context import AppContext, pass_app
from reconcile.extractors import DEFAULT, REGISTRY
from reconcile.extract_stage import run_extract
from store.engine import session_scope


@click.command("extract")
@click.option("--all", "everything", is_flag=True, help="Re-extract every document, not only new or changed ones.")
@click.option("--extractor", type=click.Choice(sorted(REGISTRY)), default=DEFAULT, show_default=True,
              help="Which extractor reads the documents (compare two on one database).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that parse in parallel (default: the number of cores).")
@click.option("--queue", "to_queue", is_flag=True,
              help="Put the due documents on the PostgreSQL queue in batches for `claimline worker`s; extract nothing here.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
@click.pass_context
def extract(ctx: click.Context, app: AppContext, everything: bool, extractor: str,
            workers: int | None, to_queue: bool, as_json: bool) -> None:
    """Extract mentions (people, groups, places, roles) and claims from stored documents.

    Only documents that are new, changed, or extracted by an older extractor are read, unless
    --all is given; running it twice changes nothing. Exit code 1 if any document failed.
    """
    from reconcile.nlp.model import ModelMissing

    if to_queue and workers is not None:
        raise click.UsageError("--queue and --workers exclude each other: --queue leaves the parsing to `claimline worker`s")
    if to_queue:
        _enqueue(ctx, app, everything, extractor, as_json)
        return
    try:
        with session_scope(app.engine()) as session, _progress(app) as on_progress:
            summary = run_extract(session, all=everything, extractor=extractor, workers=workers,
                                  on_progress=on_progress)
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from exc
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    for skipped in summary.not_extracted:
        click.echo(f"not extracted: {skipped}", err=True)
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        click.echo(f"documents: {summary.documents} extracted, {summary.unchanged} unchanged, "
                   f"{len(summary.errors)} failed, {len(summary.not_extracted)} not in English "
                   f"(stored, not read), {summary.elsewhere} done by another run")
        click.echo(f"mentions: {summary.mentions_added} added, {summary.mentions_updated} updated, "
                   f"{summary.mentions_removed} removed")
        click.echo(f"claims: {summary.claims_added} added, {summary.claims_updated} updated, "
                   f"{summary.claims_removed} removed")
    ctx.exit(1 if summary.errors else 0)


@contextmanager
def _progress(app: AppContext) -> Iterator[Callable[[int, int], None] | None]:
    """A bar of documents extracted on a terminal; nothing in pipes and CI."""
    if not app.interactive:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("documents"), TimeElapsedColumn(), console=app.console, transient=True) as bar:
        task = bar.add_task("extract", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _enqueue(ctx: click.Context, app: AppContext, everything: bool, extractor: str, as_json: bool) -> None:
    from reconcile.queue import QueueUnavailable, enqueue

    app.engine()  # the schema at head first
    try:
        queued = enqueue(app.url, everything=everything, extractor=extractor)
    except QueueUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(queued.to_json(), indent=2))
    else:
        click.echo(f"queued: {queued.batches} batches, {queued.threads} threads, {queued.documents} documents "
                   f"(run `claimline worker` on any host to extract them)")
    ctx.exit(0)
