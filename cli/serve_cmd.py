"""`claimline serve [--host 127.0.0.1] [--port 8000]`: the analyst's workbench in a browser.

The pages, their queries and their safety rules are `web/` and `reconcile/`; this only reads
the options and starts the server.
"""
from __future__ import annotations

from pathlib import Path

import click

from cli.context import AppContext, pass_app, who_decides


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback needs --token or --reviewers.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--db", "db_url", default=None, help="Database URL (same as the global --db).")
@click.option("--token", envvar="CLAIMLINE_SERVE_TOKEN", default=None,
              help="A shared token every browser must give once (16+ characters; or $CLAIMLINE_SERVE_TOKEN).")
@click.option("--reviewers", "reviewers_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File of 'TOKEN NAME' lines: each reviewer's own token; decisions carry that name.")
@click.option("--reviewer", default=None, help="Name on decisions made on a local server (default: your login name).")
@pass_app
def serve(app: AppContext, host: str, port: int, db_url: str | None, token: str | None,
          reviewers_file: Path | None, reviewer: str | None) -> None:
    """Serve the workbench (search, entity timelines, sources, review) on the store, on 127.0.0.1."""
    from web.security import ReviewersFileError
    from web.server import ServeRefused, serve as run, settings

    if db_url:
        app.db = db_url
    try:
        chosen = settings(host, token=token, reviewers_file=reviewers_file,
                          default_reviewer=who_decides(reviewer, None))
    except (ServeRefused, ReviewersFileError) as exc:
        raise click.ClickException(str(exc)) from exc
    engine = app.engine()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"claimline workbench on http://{shown}:{port}/ (database {app.url}); Ctrl-C stops it")
    if token:
        click.echo(f"open it once with http://{shown}:{port}/?token=… (the token you gave)")
    run(engine, host, port, chosen)
