"""`claimline extract`: runs the stage on the database given, prints a summary, is idempotent."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli
from store.engine import make_engine, session_scope
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread


def test_extract_command_summary_and_rerun(db_url: str) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        save_thread(s, ThreadIn(
            site_url="https://example.net/",
            post=DocumentIn(kind="post", url="https://example.net/a", platform_id="a",
                            text="Sayed Omar Hamdard was born in 1972 in Herat.",
                            published=datetime(2015, 1, 1)),
        ))
    engine.dispose()
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", db_url, "extract", "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["documents"] == 1 and data["claims_added"] >= 1
    second = runner.invoke(cli, ["--db", db_url, "extract"])
    assert second.exit_code == 0
    assert "documents: 0 extracted, 1 unchanged" in second.output


def test_a_missing_language_model_is_one_line_not_a_traceback(db_url: str, monkeypatch) -> None:  # noqa: ANN001
    from reconcile.nlp import model

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        save_thread(s, ThreadIn(
            site_url="https://example.net/",
            post=DocumentIn(kind="post", url="https://example.net/b", platform_id="b",
                            text="Sayed Omar Hamdard was born in 1972 in Herat."),
        ))
    engine.dispose()

    def missing() -> None:
        raise model.ModelMissing("no English spaCy pipeline is installed (tried en_core_web_sm: OSError)")

    monkeypatch.setattr(model, "load", missing)
    result = CliRunner().invoke(cli, ["--db", db_url, "extract", "--extractor", "parse"])
    assert result.exit_code == 1
    assert "error: no English spaCy pipeline is installed" in result.stderr
    assert "Traceback" not in result.output


def test_extract_shows_progress_on_a_terminal(tmp_path: Path, shared_dir: Path) -> None:
    import io
    import os
    import sys

    import pexpect

    db = str(tmp_path / "p.db")
    ingested = CliRunner().invoke(cli, ["--db", db, "ingest", str(shared_dir / "seed" / "000_b58bb04bcea9579c.txt")])
    assert ingested.exit_code == 0, ingested.output
    child = pexpect.spawn(str(Path(sys.executable).parent / "claimline"),
                          ["--db", db, "extract", "--extractor", "rules", "--workers", "1"],
                          env={**os.environ, "TERM": "xterm-256color"}, encoding="utf-8", timeout=120,
                          dimensions=(24, 80))
    child.logfile_read = io.StringIO()
    child.expect("extracting")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.logfile_read.getvalue()
    assert "documents:" in child.logfile_read.getvalue()


def test_queue_and_workers_exclude_each_other(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "q.db"), "extract", "--queue", "--workers", "2"])
    assert out.exit_code == 2 and "exclude each other" in out.output
