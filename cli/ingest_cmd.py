"""`claimline ingest PATH... [--url URL | --base-url URL] [--url-map FILE] [--site NAME] [--json]`: store saved pages, exports,
archives, feeds, REST dumps and text captures as a crawl would (crawler.ingest does the work),
and sanctions lists as sources of kind `authority` (reconcile.sources.authority does that)."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress import Progress

from cli.addresses import address_options, addresses_from
from cli.context import AppContext, pass_app
from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import IngestSummary, exit_code, expand_paths, ingest_paths
from reconcile.sources.authority import AuthoritySummary, ingest_lists, is_list_file
from store.engine import session_scope


def _summary_lines(summary: IngestSummary) -> list[str]:
    return [
        f"files: {summary.files} read, {summary.files_failed} failed",
        f"threads: {summary.threads}",
        f"posts: {summary.posts_new} new, {summary.posts_updated} updated, {summary.posts_unchanged} unchanged",
        f"comments: {summary.comments_new} new, {summary.comments_updated} updated, "
        f"{summary.comments_unchanged} unchanged",
        f"problems: {sum(p.kind in ('file', 'record') for p in summary.problems)}, "
        f"left out on purpose: {sum(p.kind == 'skipped' for p in summary.problems)}, "
        f"notes: {sum(p.kind == 'note' for p in summary.problems)}",
    ]


def _list_line(listed: AuthoritySummary) -> str:
    return (f"sanctions lists: {listed.files} read, {len(listed.errors)} failed; entries: {listed.entries_new} new, "
            f"{listed.entries_updated} updated, {listed.entries_unchanged} unchanged")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", default=None, help="The original address of the (single) file given.")
@address_options
@click.option("--site", "site_name", default=None, help="A name for the site, where the material gives none.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
@click.pass_context
def ingest(
    ctx: click.Context, app: AppContext, paths: tuple[Path, ...], url: str | None,
    base_url: str | None, url_map: Path | None, site_name: str | None, as_json: bool,
) -> None:
    """Store saved HTML, WordPress WXR or Blogger exports, WARC archives, RSS/Atom comment feeds,
    WordPress REST JSON, or plain-text captures of a page; and sanctions lists (UN consolidated
    XML, OFAC sdn.csv with alt.csv and sdn_comments.csv, FollowTheMoney JSON) as sources of
    kind `authority`. Folders are walked.

    Problems are printed on stderr, each with its file (and record or line) and reason; the
    other files and records still land. Exit code: 0 when no file failed as a whole, 1 when a
    file could not be read at all (or nothing was found).
    """
    files = [p for p in expand_paths(paths) if not isinstance(p, IngestProblem)]
    lists = [p for p in files if is_list_file(p)]
    if lists:
        engine = app.engine()
        with session_scope(engine) as session:
            listed = ingest_lists(session, lists, on_problem=lambda m: click.echo(f"error: {m}", err=True))
        files = [p for p in files if p not in lists]
        paths = tuple(p for p in paths if p not in lists)
        if not as_json:
            click.echo(_list_line(listed))
        if not paths:
            if as_json:
                click.echo(json.dumps(vars(listed), indent=2, ensure_ascii=False))
            ctx.exit(1 if listed.errors else 0)
    if url and len(files) > 1:
        raise click.UsageError(f"--url names one file's original address, but {len(files)} files were given "
                               "(--base-url or --url-map give several files theirs)")
    addresses = addresses_from(url, base_url, url_map)
    engine = app.engine()
    with Progress(console=app.console, transient=True, disable=not app.interactive) as progress:
        task = progress.add_task("ingest", total=len(files))

        def say(problem: IngestProblem) -> None:
            label = {"file": "error", "record": "problem", "skipped": "left out", "note": "note"}[problem.kind]
            if problem.kind in ("file", "record") or not app.quiet:
                if app.interactive:
                    progress.console.print(f"{label}: {problem}", markup=False, highlight=False)
                else:
                    click.echo(f"{label}: {problem}", err=True)

        summary = ingest_paths(engine, list(paths), url=url, site_name=site_name, on_problem=say, addresses=addresses,
                               on_file=lambda path: progress.update(task, advance=1, description=path.name))
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in _summary_lines(summary):
            click.echo(line)
    ctx.exit(exit_code(summary))
