"""`claimline crawl URL... [--max-pages N] [--depth N] [--platform P] [--concurrency N]
[--delay SECONDS] [--jobdir DIR] [--frontier redis://HOST:6379/0] [--json]`: crawl blogs into the database and say what was done."""
from __future__ import annotations

# First, while few modules are loaded: Scrapy's HTTP download handler defines deprecated aliases
# through `scrapy.utils.deprecate`, which calls `inspect.stack()`, and that scans every loaded
# module. Left to Scrapy, it is imported when the crawler is built, in the reactor thread, after
# SQLAlchemy and the rest: the crawl's first request waited for it (issue 15).
import scrapy.core.downloader.handlers.http11  # noqa: F401  isort: skip

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column

from cli.context import AppContext, crawl_logs, pass_app, say_stopping
from crawler.errors import ParseError
from crawler.frontier.shared import LEASE_SECONDS, FrontierError
from crawler.writer_process import WRITER_MODES
from crawler.run import PLATFORM_CHOICES, CrawlSummary, crawl as run_crawl

ERRORS_SHOWN_PER_KIND = 10


def summary_lines(summary: CrawlSummary) -> list[str]:
    p, c = summary.posts, summary.comments
    lines = [
        f"sites: {', '.join(summary.sites)}" + (" (resumed)" if summary.resumed else ""),
        f"pages fetched: {summary.pages_fetched} ({summary.pages_unchanged} unchanged since the last crawl),"
        f" redirects followed: {summary.redirects}",
        f"posts: {p.new} new, {p.updated} updated, {p.unchanged} unchanged",
        f"comments: {c.new} new, {c.updated} updated, {c.unchanged} unchanged"
        + (f"; pingbacks: {summary.pingbacks} new" if summary.pingbacks else ""),
        f"errors: {summary.error_count}",
    ]
    for kind, items in sorted(summary.errors.items()):
        lines.append(f"  {kind}: {len(items)}")
        for url, reason in items[:ERRORS_SHOWN_PER_KIND]:
            lines.append(f"    {url}  ({reason})")
        if len(items) > ERRORS_SHOWN_PER_KIND:
            lines.append(f"    ... and {len(items) - ERRORS_SHOWN_PER_KIND} more")
    for url, warning in summary.warnings[:ERRORS_SHOWN_PER_KIND]:
        lines.append(f"warning: {url}: {warning}")
    lines.append(f"time: {summary.seconds:.1f} s")
    return lines


@contextmanager
def _progress(app: AppContext) -> Iterator[Callable[[str], None] | None]:
    if not app.interactive:
        yield None
        return
    with Progress(
        SpinnerColumn(), TextColumn("{task.completed} pages", table_column=Column(no_wrap=True)),
        TimeElapsedColumn(),
        TextColumn("{task.description}", table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1)),
        console=app.console, transient=True, expand=True,
    ) as bar:
        task = bar.add_task("crawling", total=None)

        def on_page(url: str) -> None:
            bar.update(task, advance=1, description=url)

        yield on_page


@click.command("crawl")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after requesting this many pages.")
@click.option("--depth", type=click.IntRange(min=0), help="Follow links at most this many hops from the start URLs.")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), default="auto", show_default=True,
              help="Force a thread parser instead of detecting it per page.")
@click.option("--concurrency", type=click.IntRange(min=1), help="Parallel requests per site.")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between requests (default 1, adaptive); 0 turns throttling off, for sites you own.")
@click.option("--jobdir", type=click.Path(file_okay=False), help="Where crawl state lives (resume queues, link cache); default .claimline/ next to a SQLite database, else in the working directory.")
@click.option("--writer", type=click.Choice(WRITER_MODES), default="auto", show_default=True,
              help="Parse and store in a separate process (auto: where the platform can fork) or in a thread of the crawl.")
@click.option("--frontier", metavar="REDIS_URL",
              help="Share the crawl with every process given the same Redis URL, on any host: one frontier, one "
                   "duplicate filter, robots.txt read once and --delay kept per site by all of them together.")
@click.option("--stalled-after", type=click.FloatRange(min=2), default=LEASE_SECONDS, show_default=True,
              help="With --frontier: a crawler silent this many seconds (killed, its host down) is taken for dead "
                   "and the pages it was fetching go back to the frontier.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def crawl(app: AppContext, urls: tuple[str, ...], max_pages: int | None, depth: int | None,
          platform: str, concurrency: int | None, delay: float | None, jobdir: str | None,
          writer: str, frontier: str | None, stalled_after: float, as_json: bool) -> None:
    """Crawl the blogs the URLs belong to (same site only): posts, comment threads, fetch log.

    Exit code 1 when a fetched page could not be stored or nothing was fetched; 130 when
    interrupted (run it again to resume).
    """
    app.engine()  # bring the schema to head (and say so) before the crawl starts
    try:
        with crawl_logs(app), _progress(app) as on_page:
            summary = run_crawl(
                list(urls), db_url=app.url, max_pages=max_pages, depth=depth, platform=platform,
                concurrency=concurrency, delay=delay, jobdir=jobdir, verbose=app.verbosity,
                on_page=on_page, writer=writer, on_stopping=say_stopping, frontier=frontier,
                stalled_after=stalled_after,
            )
    except ParseError as exc:
        raise click.UsageError(str(exc)) from exc
    except FrontierError as exc:
        raise click.ClickException(f"--frontier {exc}") from exc
    except KeyboardInterrupt:
        click.echo("claimline: crawl aborted; run the same command again to resume it", err=True)
        raise SystemExit(130) from None
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(summary):
            click.echo(line)
    if summary.interrupted:
        app.note("claimline: crawl interrupted; run the same command again to resume it")
        raise SystemExit(130)
    failures = summary.failures()
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    if failures:
        raise SystemExit(1)
