"""The README's command reference, generated from each command's own `--help` (cogapp runs
:func:`markdown` inside README.md: `cog -r README.md`; tests/test_docs.py checks it is current),
so the documentation cannot drift from the options the commands really take."""
from __future__ import annotations

import click
from click.testing import CliRunner

WIDTH = 100
"""Help is rendered at a fixed width so the README does not depend on the terminal of who ran cog."""


def _paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_paths(command, path))
    return found


def help_text(path: tuple[str, ...]) -> str:
    from cli.main import cli

    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="claimline", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"claimline {' '.join(path)} --help failed: {result.output}")
    return result.output.rstrip() + "\n"


def markdown() -> str:
    """`claimline --help` and every command's and subcommand's `--help`, each in a code block."""
    from cli.main import cli

    parts = ["```", help_text(()).rstrip(), "```", ""]
    for path in _paths(cli):
        parts += [f"#### `claimline {' '.join(path)}`", "", "```", help_text(path).rstrip(), "```", ""]
    return "\n".join(parts)
