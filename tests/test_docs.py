"""Every command and option of the CLI is documented in the README (as sqlite-utils does)."""
from __future__ import annotations

import click
import pytest

from cli.main import cli
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "claimline") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"{prefix} {name} is listed but cannot be loaded"
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


COMMANDS = _commands(cli)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_is_documented(path: str, command: click.Command) -> None:
    top = " ".join(path.split()[:2])
    assert f"### `{top}" in README, f"README has no section for {top}"
    assert path in README, f"README never names `{path}`"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_option_is_documented(path: str, command: click.Command) -> None:
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            longest = max(param.opts, key=len)
            assert longest in README, f"{path}: option {longest} is not in the README"


def test_readme_quick_start_names_the_scripts() -> None:
    assert "./scripts/demo" in README and "./scripts/test" in README
    assert (REPO / "scripts" / "demo").exists() and (REPO / "scripts" / "test").exists()
