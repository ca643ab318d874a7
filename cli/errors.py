"""The one place where an exception becomes what a user reads: one or two lines naming the
database, file or URL and the reason, exit code 1, and the traceback only with `-v`.

Commands raise their own `click.ClickException`s for mistakes they foresee; everything else that
escapes a command comes here (`cli.main.LazyGroup.invoke`). Library modules are imported only
when an error is being described, so `claimline --help` stays free of SQLAlchemy and Alembic.
"""
from __future__ import annotations

import click

HINT_VERBOSE = "(run with -v for the traceback)"
DB_FORMS = "a SQLite file's path, sqlite:///FILE, or postgresql+psycopg://USER@HOST/DB"


class UserError(click.ClickException):
    """A message for the user, printed once as `error: ...` on stderr, exit code 1."""

    def show(self, file: object = None) -> None:  # noqa: ARG002 - click's signature
        click.echo(f"error: {self.format_message()}", err=True)


def _safe_url(url: str) -> str:
    """The URL as shown to a user: the password hidden."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


def _driver_reason(exc: BaseException) -> str:
    """The driver's own words, on one line, without SQLAlchemy's background link or SQL."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("(Background on this error", "[SQL:", "[parameters:"))]
    return " ".join(lines) or exc.__class__.__name__


def _sqlite_open_reason(url: str) -> str:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    path = Path(make_url(url).database or "")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        return f"cannot open the SQLite database {path}: its folder {folder} does not exist"
    if path.is_dir():
        return f"cannot open the SQLite database {path}: it is a folder"
    return f"cannot open the SQLite database {path}: permission denied or not a database file"


def describe(exc: BaseException, db_url: str | None) -> str:
    """One or two lines for an exception no command foresaw."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

    from store.schema import UnknownRevision

    shown = _safe_url(db_url) if db_url else "the database"
    if isinstance(exc, (ArgumentError, NoSuchModuleError)) and db_url is not None:
        return f"--db {db_url}: not a database URL claimline can open ({exc}).\nGive {DB_FORMS}."
    if isinstance(exc, UnknownRevision):
        return f"{shown}: {exc}"
    if isinstance(exc, CommandError):
        return f"{shown}: schema migration refused: {exc}"
    if isinstance(exc, OperationalError):
        reason = _driver_reason(exc)
        if db_url and db_url.startswith("sqlite") and "unable to open database file" in reason:
            return _sqlite_open_reason(db_url)
        if "connection" in reason.lower() or "connect" in reason.lower():
            return f"cannot connect to the database {shown}: {reason}"
        return f"database {shown}: {reason}"
    if isinstance(exc, DatabaseError):
        return f"database {shown}: {_driver_reason(exc)}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return f"{exc.__class__.__name__}: {exc} {HINT_VERBOSE}"


def as_user_error(exc: BaseException, db_url: str | None) -> UserError:
    return UserError(describe(exc, db_url))
