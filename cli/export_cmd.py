"""`claimline export timeline [--entity NAME] --format json|csv|md|html|timelinejs|timelinejs-json [-o FILE]`."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from cli.context import AppContext, pass_app
from reconcile.export import FORMATS, render
from reconcile.timeline import UnknownEntity, build_timeline, event_count
from store.engine import session_scope


def write_new(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` whole (temp file + rename); refuse to replace a file without force."""
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; add --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an export is a file like any other
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@click.group("export")
def export() -> None:
    """Export what the store knows."""


@export.command("timeline")
@click.option("--entity", help="Only this entity (id, name, alias, or part of a name).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@pass_app
def timeline(app: AppContext, entity: str | None, fmt: str, output: Path | None, force: bool) -> None:
    """The source-attributed timeline: every event with the sources that state it."""
    if output is not None and output.exists() and not force:
        raise click.ClickException(f"{output} exists; add --force to overwrite it")
    try:
        with session_scope(app.engine()) as s:
            data = build_timeline(s, entity=entity)
    except UnknownEntity as exc:
        raise click.ClickException(str(exc)) from exc
    text = render(data, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    write_new(output, text, force=force)
    app.note(f"wrote {output} ({fmt}): {len(data['entities'])} entities, {event_count(data)} events")
