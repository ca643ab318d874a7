"""`claimline ingest` through click's runner: summary on stdout, problems on stderr, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli

DATA = Path(__file__).resolve().parent.parent / "crawler" / "data" / "ingest"
SEED = "seed/000_b58bb04bcea9579c.txt"


def run(db_url: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db_url, "ingest", *args])


def test_seed_twice_json(db_url: str, shared_dir: Path) -> None:
    first = run(db_url, "--json", str(shared_dir / SEED))
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert (data["posts"]["new"], data["comments"]["new"], data["problems"]) == (1, 2, [])
    again = json.loads(run(db_url, "--json", str(shared_dir / SEED)).stdout)
    assert (again["posts"]["new"], again["comments"]["new"], again["comments"]["unchanged"]) == (0, 0, 2)


def test_problems_on_stderr_with_file_and_reason(db_url: str, shared_dir: Path) -> None:
    out = run(db_url, str(DATA / "broken_record.warc"), str(DATA / "unknown_format.dat"), str(shared_dir / SEED))
    assert out.exit_code == 1  # one file could not be read at all
    assert f"error: {DATA / 'unknown_format.dat'}: unknown format" in out.stderr
    assert f"problem: {DATA / 'broken_record.warc'} (byte " in out.stderr
    assert "threads: 3" in out.stdout and "files: 3 read, 1 failed" in out.stdout


def test_per_record_problems_exit_zero(db_url: str) -> None:
    out = run(db_url, str(DATA / "truncated_export.xml"))
    assert out.exit_code == 0, out.output
    assert "truncated" in out.stderr and "threads: 1" in out.stdout


def test_url_names_one_file(db_url: str, shared_dir: Path) -> None:
    out = run(db_url, "--url", "https://blog.example/post/", str(DATA))
    assert out.exit_code == 2 and "--url names one file" in out.output
    out = run(db_url, "--json", "--url", "https://blog.example/2013/09/defection/", str(shared_dir / SEED))
    assert out.exit_code == 0 and json.loads(out.stdout)["per_file"][0]["threads"] == 1
