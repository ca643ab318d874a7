"""`claimline demo [--out DIR] [--port N]`: the whole pipeline on the fixture blog, on loopback."""
from __future__ import annotations

from pathlib import Path

import click

from cli.context import AppContext, crawl_logs, pass_app
from cli.pipeline_view import stage_progress, summary_lines
from crawler.errors import ParseError
from crawler.run import crawl
from crawler.serve import serve_directory
from reconcile.pipeline import DEMO_PORT, PipelineError, run_demo


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("claimline-demo"), show_default=True,
              help="Where to write timeline.html and timeline.json.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEMO_PORT, show_default=True,
              help="Loopback port for the fixture blog (0: any free port; a fixed port keeps the "
                   "stored site the same between runs).")
@pass_app
def demo(app: AppContext, out_dir: Path, port: int) -> None:
    """Serve fixtures/sites/ on 127.0.0.1, crawl, extract and reconcile it, write the timeline."""
    app.engine()
    try:
        with crawl_logs(app), stage_progress(app) as progress:
            result = run_demo(
                out_dir, port=port, db_url=app.url, progress=progress,
                crawl=crawl, serve_directory=serve_directory,
            )
    except (ParseError, PipelineError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"served {', '.join(result.urls)} on 127.0.0.1 (stopped)")
    for line in summary_lines(result.pipeline):
        click.echo(line)
    click.echo(f"timeline: {result.events} events")
    for path in result.files:
        click.echo(f"wrote {path}")
    click.echo("next: open the HTML in a browser, or `claimline review` to judge the open links")
    from web.server import serve_line

    click.echo(f"or open the workbench on this store in a browser: {serve_line(app.url)}")
