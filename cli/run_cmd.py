"""`claimline run URL... [crawl options]`: crawl, extract, reconcile, with one progress display."""
from __future__ import annotations

import functools
import json

import click

from cli.context import AppContext, crawl_logs, pass_app, say_stopping
from cli.pipeline_view import stage_progress, summary_lines
from crawler.errors import ParseError
from crawler.run import PLATFORM_CHOICES, crawl
from reconcile.pipeline import PipelineError, run_pipeline


@click.command("run")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after requesting this many pages.")
@click.option("--depth", type=click.IntRange(min=0), help="Follow links at most this many hops.")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), default="auto", show_default=True)
@click.option("--concurrency", type=click.IntRange(min=1), help="Parallel requests per site.")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between requests (default 1, adaptive).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def run(app: AppContext, urls: tuple[str, ...], max_pages: int | None, depth: int | None,
        platform: str, concurrency: int | None, delay: float | None, as_json: bool) -> None:
    """Crawl the URLs' blogs, extract claims from what is new, and reconcile: the whole pipeline.

    Exit code 1 when a page could not be stored, nothing was fetched, a document could not be
    extracted or a part of reconcile failed (each is printed); 130 when the crawl was interrupted.
    """
    app.engine()
    try:
        with crawl_logs(app), stage_progress(app) as progress:
            summary = run_pipeline(
                list(urls), db_url=app.url, max_pages=max_pages, depth=depth, platform=platform,
                concurrency=concurrency, delay=delay, progress=progress,
                crawl=functools.partial(crawl, on_stopping=say_stopping),
            )
    except (ParseError, PipelineError) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("claimline: run aborted; run the same command again to resume the crawl", err=True)
        raise SystemExit(130) from None
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        for line in summary_lines(summary):
            click.echo(line)
    if summary.crawl is not None and summary.crawl.interrupted:
        app.note("claimline: crawl interrupted before extract and reconcile; run the same command again to resume")
        raise SystemExit(130)
    failures = summary.failures()
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    if failures:
        raise SystemExit(1)
