"""Every command of the CLI has its README section, and the README's `--help` reference is current
(generated with cogapp, as sqlite-utils generates its CLI reference)."""
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


def test_readme_command_reference_is_generated_from_help() -> None:
    """The README's `--help` texts are what the commands print (cogapp, `cli/reference.py`).

    Other branches add commands and options: whoever lands one regenerates the block."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, (
        "README.md's command reference is out of date with the commands' --help: "
        "run `cog -r README.md` (in the venv) and commit the README.\n" + done.stdout + done.stderr)


def test_readme_quick_start_names_the_scripts() -> None:
    assert "./scripts/demo" in README and "./scripts/test" in README
    assert (REPO / "scripts" / "demo").exists() and (REPO / "scripts" / "test").exists()
