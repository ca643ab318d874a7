"""`claimline status`: per site its posts and comments, its last crawl, and what awaits extraction."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli
from crawler.serve import serve_directory

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


def test_status_after_a_crawl(db_url: str, tmp_path: Path) -> None:
    with serve_directory(SITE) as base:
        crawl = CliRunner().invoke(cli, ["--db", db_url, "crawl", base, "--delay", "0", "--json",
                                         "--jobdir", str(tmp_path / "s")])
    assert crawl.exit_code == 0, crawl.output
    stored = json.loads(crawl.stdout)
    out = CliRunner().invoke(cli, ["--db", db_url, "status", "--json"])
    assert out.exit_code == 0, out.output
    status = json.loads(out.stdout)
    [site] = status["sites"]
    assert site["posts"] == stored["posts"]["new"] == 4
    assert site["comments"] >= stored["comments"]["new"] == 14
    assert site["last_crawl"] is not None
    assert site["awaiting_extraction"] == status["awaiting_extraction"] == status["documents"] == \
        site["posts"] + site["comments"]
    table = CliRunner().invoke(cli, ["--db", db_url, "status"], env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.output
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert f"1 sites, {status['documents']} documents, {status['documents']} awaiting extraction" in table.stdout
    assert "next: claimline extract" in table.stdout


def test_status_of_an_empty_store(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "e.db"), "status"])
    assert out.exit_code == 0, out.output
    assert "0 sites, 0 documents, 0 awaiting extraction" in out.stdout
