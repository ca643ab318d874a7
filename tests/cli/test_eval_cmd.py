"""`claimline eval` on the seed, end to end through the commands a user runs (ingest, extract, reconcile)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli


def _run(db_url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_meets_the_goals(db_url: str, shared_dir: Path) -> None:
    _run(db_url, "ingest", str(shared_dir / "seed" / "000_b58bb04bcea9579c.txt"))
    _run(db_url, "extract")
    _run(db_url, "reconcile")
    report = json.loads(_run(db_url, "eval", "--json", str(shared_dir / "gold" / "seed.gold.json")))
    assert report["unaligned_documents"] == []
    assert report["entities"]["f1"] >= 0.95
    assert report["claims"]["recall"] >= 0.9
    assert report["claims"]["precision"] >= 0.85
    assert report["relations_found"] == report["relations_gold"] == 4
    conflicts = json.loads(_run(db_url, "conflicts", "list", "--type", "conflicts", "--status", "all", "--json"))
    assert conflicts == [], "the seed holds no contradiction"


def test_eval_refuses_a_file_that_is_not_gold(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('["just", "a", "list"]', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "eval", str(bad)])
    assert result.exit_code != 0
    assert "notes.json" in result.output and "not a gold file" in result.output
