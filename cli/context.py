"""What every command shares: the database URL, verbosity, and an engine brought to head once."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass
class AppContext:
    db: str | None = None
    verbosity: int = 0
    quiet: bool = False
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        from store.engine import database_url  # SQLAlchemy and Alembic load when a command needs them

        return database_url(self.db)

    @property
    def console(self) -> Console:
        return Console(stderr=True, quiet=self.quiet)

    @property
    def interactive(self) -> bool:
        """Progress bars only on a terminal; pipes and CI stay quiet."""
        return sys.stderr.isatty() and not self.quiet

    def engine(self, *, migrate: bool = True) -> Engine:
        from store.engine import make_engine
        from store.schema import ensure_schema

        if self._engine is None:
            self._engine = make_engine(self.url)
            if migrate:
                ensure_schema(self._engine, say=self.note)
        return self._engine

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


pass_app = click.make_pass_decorator(AppContext)

CRAWL_LOGGERS = ("scrapy", "twisted", "crawler", "py.warnings")
"""Loggers a crawl speaks through; without -v the summary says every error and warning once."""


@contextmanager
def crawl_logs(app: AppContext) -> Iterator[None]:
    """Without -v, the crawl's own log lines (Scrapy's retries, Twisted's tracebacks of a refused
    connection, the spider's warning per failed page) are silenced: each of those errors is in
    the summary, with its URL and reason, and printing it again, or as 60 lines of traceback,
    said nothing more. With -v they all come back."""
    if app.verbosity:
        yield
        return
    loggers = [logging.getLogger(name) for name in CRAWL_LOGGERS]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, before):
            lg.setLevel(level)


STOPPING = "stopping, Ctrl-C again to abort"


def say_stopping() -> None:
    """What a first Ctrl-C prints while a crawl winds down (requests in flight finish first).

    Written to `sys.stderr` as it is now: under a progress display that is rich's proxy, which
    clears the spinner's line (and the terminal's echoed ^C) and prints the message above it.
    `click.echo(err=True)` would write past the proxy, onto the end of the spinner's line."""
    sys.stderr.write(STOPPING + "\n")
    sys.stderr.flush()


def reviewer_option(help_text: str = "Who decides (default: your login name).") -> Callable[[F], F]:
    """`--reviewer NAME`: the one option name for the person deciding, in `entities`, `conflicts`
    and `review`; `--by` stays as a hidden alias. The command receives ``reviewer`` and ``by_alias``
    and reads them with :func:`who_decides`."""

    def deco(func: F) -> F:
        func = click.option("--by", "by_alias", default=None, hidden=True)(func)
        return click.option("--reviewer", default=None, help=help_text)(func)

    return deco


def who_decides(reviewer: str | None, by_alias: str | None = None) -> str:
    """The name given, else the login name ("unknown" where there is none)."""
    if reviewer or by_alias:
        return (reviewer or by_alias)  # type: ignore[return-value]
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return "unknown"
