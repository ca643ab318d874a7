"""The `claimline` command: a thin click group; each command lives in its own module."""
from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version

import click

from cli.context import AppContext

# One line per command module; each exposes a click command or group named in the pair.
COMMAND_MODULES: list[tuple[str, str]] = [
    ("cli.db_cmd", "db"),
    ("cli.parse_cmd", "parse"),
    ("cli.crawl_cmd", "crawl"),
    ("cli.ingest_cmd", "ingest"),
    ("cli.extract_cmd", "extract"),
    ("cli.reconcile_cmd", "reconcile"),
    ("cli.entities_cmd", "entities"),
    ("cli.conflicts_cmd", "conflicts"),
    ("cli.review_cmd", "review"),
    ("cli.export_cmd", "export"),
    ("cli.run_cmd", "run"),
    ("cli.demo_cmd", "demo"),
    ("cli.eval_cmd", "eval_"),
]


def _version() -> str:
    try:
        return version("claimline")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "0+unknown"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="CLAIMLINE_DB",
    default=None,
    help="Database URL (default: $CLAIMLINE_DB, else sqlite:///claimline.db).",
)
@click.option("-v", "--verbose", count=True, help="More detail (repeat for debug logs).")
@click.option("-q", "--quiet", is_flag=True, help="Only results and errors.")
@click.version_option(_version(), prog_name="claimline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, verbose: int, quiet: bool) -> None:
    """claimline: crawl blogs and comment threads, extract claims with their sources,
    reconcile names, flag contradictions, export source-attributed timelines."""
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=logging.ERROR if quiet else level, format="%(levelname)s %(name)s: %(message)s")
    app = AppContext(db=db, verbosity=verbose, quiet=quiet)
    ctx.obj = app
    ctx.call_on_close(app.close)


for _module, _name in COMMAND_MODULES:
    cli.add_command(getattr(importlib.import_module(_module), _name))


def main() -> None:
    cli(prog_name="claimline")
