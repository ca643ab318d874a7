"""`claimline db ...` through click's runner, on both backends."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli

BACKENDS = ["sqlite", "postgresql"]


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_db_upgrade_current_downgrade(empty_db_url: str) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", empty_db_url, "db", "current"])
    assert out.exit_code == 0, out.output
    assert "empty" in out.output
    out = runner.invoke(cli, ["--db", empty_db_url, "db", "upgrade"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["--db", empty_db_url, "db", "current"])
    assert "up to date" in out.output
    out = runner.invoke(cli, ["--db", empty_db_url, "db", "downgrade", "base", "--yes"])
    assert out.exit_code == 0 and "base" in out.output


def test_version_and_help() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["--version"])
    assert out.exit_code == 0 and "claimline" in out.output
    out = runner.invoke(cli, ["--help"])
    assert "db" in out.output and "--db" in out.output
