"""`--json`, `--csv` and `--nl` on the list commands, as sqlite-utils has them: one decorator
for the options (which exclude each other) and one function that prints the rows."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def list_formats(func: F) -> F:
    """Adds `--json`, `--csv` and `--nl`; the command receives ``fmt``: None (a table), "json",
    "csv" or "nl". Giving two of them is a usage error."""
    for flag, help_text in reversed((
        ("json", "Print JSON (DESIGN.md contract)."),
        ("csv", "Print CSV, one row per item, nested fields as dotted columns, formulas neutralised."),
        ("nl", "Print newline-delimited JSON, one item per line."),
    )):
        func = click.option(f"--{flag}", f"fmt_{flag}", is_flag=True, help=help_text, expose_value=True)(func)
    return _collect(func)  # type: ignore[return-value]


def _collect(func: Callable[..., Any]) -> Callable[..., Any]:
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, fmt_json: bool, fmt_csv: bool, fmt_nl: bool, **kwargs: Any) -> Any:
        chosen = [name for name, on in (("json", fmt_json), ("csv", fmt_csv), ("nl", fmt_nl)) if on]
        if len(chosen) > 1:
            raise click.UsageError(f"{' and '.join('--' + c for c in chosen)} exclude each other: give one")
        return func(*args, fmt=chosen[0] if chosen else None, **kwargs)

    return wrapper


def emit(items: list[dict[str, Any]], fmt: str) -> None:
    """Print `items` as JSON (indented), CSV or newline-delimited JSON."""
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2, default=str))
    elif fmt == "nl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
    else:
        from reconcile.export.csv_fmt import rows_csv

        click.echo(rows_csv(items), nl=False)
