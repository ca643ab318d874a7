"""`claimline eval` on the seed, end to end through the commands a user runs (ingest, extract, reconcile)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from crawler.serve import serve_directory


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


FIXTURE_GOLD = Path(__file__).resolve().parents[2] / "fixtures" / "gold" / "fixture-blog.gold.json"


@pytest.mark.parametrize("extractor", ["rules", "parse"])
def test_fixture_blog_relations_meet_the_gold(db_url: str, extractor: str) -> None:
    """The fixture blog crawled, extracted and reconciled as a user would: every gold relation
    whose two claims the extractor finds is found with its type (the rules extractor finds them
    all: 9/9, among them a span's end contradicted by 'left ... in 2005'), and none of the
    pairs the gold marks unrelated is linked."""
    gold = json.loads(FIXTURE_GOLD.read_text(encoding="utf-8"))
    with serve_directory(FIXTURE_GOLD.parents[1] / "sites" / "fixture-blog") as base:
        _run(db_url, "crawl", base, "--delay", "0")
    _run(db_url, "extract", "--extractor", extractor)
    _run(db_url, "reconcile")
    report = json.loads(_run(db_url, "eval", "--json", str(FIXTURE_GOLD)))
    reachable = [r for r in gold["relations"] if r["a"] not in report["missed"] and r["b"] not in report["missed"]]
    assert report["relations_found"] == len(reachable), report
    if extractor == "rules":
        assert report["relations_found"] == report["relations_gold"] == 9
    conflicts = _run(db_url, "conflicts", "list", "--type", "conflicts", "--json")
    assert "Abdul Hai Rasuli" not in conflicts  # a different man: his birth year conflicts with nothing
