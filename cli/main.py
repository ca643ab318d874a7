"""The `claimline` command: a thin click group; each command lives in its own module."""
from __future__ import annotations

import gc
import importlib
import logging
from importlib.metadata import PackageNotFoundError, version

from collections.abc import Iterator
from contextlib import contextmanager

import click

from cli.context import AppContext

# One line per command: its name, the module that defines it, and the click object's name there.
# Modules are imported only when their command runs (or help lists it), so `claimline reconcile`
# does not pay for Scrapy, and `claimline crawl` not for the extractor's tables.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "db": ("cli.db_cmd", "db"),
    "parse": ("cli.parse_cmd", "parse"),
    "crawl": ("cli.crawl_cmd", "crawl"),
    "ingest": ("cli.ingest_cmd", "ingest"),
    "extract": ("cli.extract_cmd", "extract"),
    "reconcile": ("cli.reconcile_cmd", "reconcile"),
    "entities": ("cli.entities_cmd", "entities"),
    "conflicts": ("cli.conflicts_cmd", "conflicts"),
    "review": ("cli.review_cmd", "review"),
    "export": ("cli.export_cmd", "export"),
    "run": ("cli.run_cmd", "run"),
    "demo": ("cli.demo_cmd", "demo"),
    "eval": ("cli.eval_cmd", "eval_"),
    "status": ("cli.status_cmd", "status"),
    "serve": ("cli.serve_cmd", "serve"),
    "worker": ("cli.worker_cmd", "worker"),
}


# What `claimline --help` lists for each command, so that listing them imports none (Scrapy, the
# extractor's tables): each command's own first docstring line, checked by tests/cli/test_main.py.
SHORT_HELP: dict[str, str] = {
    "db": "Create, inspect and move the database schema (Alembic).",
    "parse": "Show one page's thread (post and every comment) as a crawl or `ingest` would store it; stores nothing.",
    "crawl": "Crawl the blogs the URLs belong to (same site only): posts, comment threads, fetch log.",
    "ingest": "Store saved HTML, WordPress WXR or Blogger exports, WARC archives, RSS/Atom comment feeds, "
              "WordPress REST JSON, or...",
    "extract": "Extract mentions (people, groups, places, roles) and claims from stored documents.",
    "reconcile": "Match names to entities, relate claims, score sources; only what is new is recomputed.",
    "entities": "List, show, merge, split and retype entities (people, groups, places, roles); list and undo decisions.",
    "conflicts": "List the relations between claims (conflicts, supplements, ...) and resolve them.",
    "review": "Review open links one at a time: confirm, dismiss, note, skip, undo, quit.",
    "export": "Export what the store knows.",
    "run": "Crawl the URLs' blogs, extract claims from what is new, and reconcile: the whole pipeline.",
    "demo": "Serve fixtures/sites/ on 127.0.0.1, crawl, extract and reconcile it, write the timeline.",
    "status": "Counts per site, the last crawl of each, and the documents awaiting extraction.",
    "eval": "Entity pairwise P/R/F1, claim P/R and relation recall of the database against GOLD_FILE.",
    "serve": "Serve the workbench (search, entity timelines, sources, review) on the store, on 127.0.0.1.",
    "worker": "Take extraction batches from the shared queue (`extract --queue`) and extract them.",
}
SHORT_HELP_LIMIT = 120


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`SHORT_HELP`: `claimline --help` imports no command."""
        rows = []
        for name in self.list_commands(ctx):
            loaded = self.commands.get(name)
            if loaded is not None and loaded.hidden:
                continue
            text = SHORT_HELP.get(name) if loaded is None else loaded.get_short_help_str(SHORT_HELP_LIMIT)
            rows.append((name, text or ""))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, _shorten(text, limit)) for name, text in rows])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module, attr = COMMAND_MODULES[cmd_name]
            with _imports_for_good():
                command = getattr(importlib.import_module(module), attr)
            _accept_global_options(command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; an exception it did not foresee becomes one `error:` line naming the
        database, file or URL (cli/errors.py), or its traceback with `-v`."""
        try:
            return super().invoke(ctx)
        except click.exceptions.ClickException as exc:
            if type(exc) is not click.exceptions.ClickException:
                raise  # usage errors keep click's form; UserError is already `error: ...`
            from cli.errors import UserError

            raise UserError(exc.format_message()) from exc  # every mistake reads `error: ...`
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            app = ctx.find_object(AppContext)
            if app is not None and app.verbosity:
                raise
            from cli.errors import as_user_error

            db = None
            if app is not None:
                try:
                    db = app.url
                except Exception:  # noqa: BLE001 - the URL itself may be what failed
                    db = app.db
            raise as_user_error(exc, db) from exc


class CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Log lines to whatever `sys.stderr` is now, not the one there was at start: a progress
    display (rich redirects stderr while it draws) prints them above its line instead of gluing
    them onto the spinner, and a test's runner captures them."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        import sys

        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def _configure_logging(app: AppContext) -> None:
    level = logging.WARNING if not app.verbosity else logging.INFO if app.verbosity == 1 else logging.DEBUG
    logging.getLogger().setLevel(logging.ERROR if app.quiet else level)


def _late_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    app = ctx.find_object(AppContext)
    if value is not None and app is not None:
        app.db = value


def _late_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    app = ctx.find_object(AppContext)
    if value and app is not None:
        app.verbosity += value
        _configure_logging(app)


def _late_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    app = ctx.find_object(AppContext)
    if value and app is not None:
        app.quiet = True
        _configure_logging(app)


def _accept_global_options(command: click.Command) -> None:
    """Let `--db`, `-v` and `-q` follow the subcommand too (`claimline entities list --db x.db`),
    as the README promises: hidden copies on every command and subcommand that set the shared
    :class:`AppContext` before the command runs."""
    taken = {opt for param in command.params for opt in param.opts}
    late = [
        click.Option(["--db"], expose_value=False, hidden=True, callback=_late_db),
        click.Option(["-v", "--verbose"], count=True, expose_value=False, hidden=True, callback=_late_verbose),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, hidden=True, callback=_late_quiet),
    ]
    command.params.extend(opt for opt in late if not taken & set(opt.opts))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _accept_global_options(sub)


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary to fit ``limit`` columns, as click does for a command's own help."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 3)].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "..."


_FREEZE_IMPORTS = False
"""Set by the console script only: a library or test that imports the CLI keeps a normal GC."""


@contextmanager
def _imports_for_good() -> Iterator[None]:
    """Import a command's modules without the cyclic GC, then freeze what is alive.

    Everything imported here lives as long as the process, yet the collector walked it again and
    again while the imports created it, and once more, all of it, at exit: about 0.3 s of each
    `claimline crawl` (`bench/crawl.py`). Frozen objects are left out of every later collection.
    """
    if not _FREEZE_IMPORTS:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.freeze()


def _version() -> str:
    try:
        return version("claimline")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "0+unknown"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """claimline's version and the language model its extractor reads with (from package
    metadata: the model is not loaded)."""
    if not value or ctx.resilient_parsing:
        return
    from reconcile.nlp.model import installed_model_tag

    click.echo(f"claimline, version {_version()}")
    click.echo(f"language model: {installed_model_tag() or 'none installed'}")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="CLAIMLINE_DB",
    default=None,
    help="Database URL (default: $CLAIMLINE_DB, else sqlite:///claimline.db).",
)
@click.option("-v", "--verbose", count=True, help="More detail (repeat for debug logs).")
@click.option("-q", "--quiet", is_flag=True, help="Only results and errors.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and the language model, and exit.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, verbose: int, quiet: bool) -> None:
    """claimline: crawl blogs and comment threads, extract claims with their sources,
    reconcile names, flag contradictions, export source-attributed timelines."""
    app = AppContext(db=db, verbosity=verbose, quiet=quiet)
    if not logging.getLogger().handlers:
        handler = CurrentStderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(handler)
    _configure_logging(app)
    ctx.obj = app
    ctx.call_on_close(app.close)


def main() -> None:
    global _FREEZE_IMPORTS
    _FREEZE_IMPORTS = True
    cli(prog_name="claimline")
