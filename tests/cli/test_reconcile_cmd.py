"""`claimline reconcile`: a summary of entities and links; a second run reports no change."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from cli.main import cli
from tests.reconcile.test_stage import build_world


def test_reconcile_twice(db_url: str, engine: Engine) -> None:
    build_world(engine)
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", db_url, "-q", "reconcile"])
    assert first.exit_code == 0, first.output
    assert "links: 1 conflicts" in first.output and "entities:" in first.output and "time:" in first.output
    second = runner.invoke(cli, ["--db", db_url, "-q", "reconcile", "--json"])
    assert second.exit_code == 0, second.output
    summary = json.loads(second.output)
    assert summary["changes"] == 0 and summary["links_by_type"]["conflicts"] == 1


def test_a_failed_part_is_reported_with_exit_code_1_and_the_rest_is_stored(
    db_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconcile import reliability

    build_world(engine)
    monkeypatch.setattr(reliability, "update_scores", lambda _s, **_k: (_ for _ in ()).throw(OverflowError("math range error")))
    result = CliRunner().invoke(cli, ["--db", db_url, "-q", "reconcile"])
    assert result.exit_code == 1
    assert "error: reconcile reliability: OverflowError: math range error; not stored: source reliability scores" in result.stderr
    assert "links: 1 conflicts" in result.output
