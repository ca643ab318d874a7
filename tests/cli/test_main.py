"""The `claimline` group: every command listed with its own help, without importing any of them."""
from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from cli.main import COMMAND_MODULES, SHORT_HELP, SHORT_HELP_LIMIT, cli


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_listed_help_is_the_commands_own(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert SHORT_HELP.get(name) == command.get_short_help_str(SHORT_HELP_LIMIT)


def test_every_listed_command_exists() -> None:
    assert set(SHORT_HELP) == set(COMMAND_MODULES)


def test_help_lists_every_command_without_importing_them() -> None:
    probe = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from cli.main import cli\n"
        "out = CliRunner().invoke(cli, ['--help']).output\n"
        "print(json.dumps({'out': out, 'loaded': sorted(m for m in ('scrapy', 'sqlalchemy', 'alembic', 'cli.crawl_cmd')"
        " if m in sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["loaded"] == []
    listed = result["out"].split("Commands:", 1)[1]
    for name in COMMAND_MODULES:
        assert f"\n  {name} " in listed
    assert "Crawl the blogs the URLs belong to" in listed


def test_version_names_the_language_model() -> None:
    from click.testing import CliRunner

    from cli.main import cli
    from reconcile.nlp.model import installed_model_tag

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "claimline, version" in result.output
    assert f"language model: {installed_model_tag()}" in result.output
