"""`claimline export timeline` through click's runner: every format, files, --force, --entity."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from store.engine import make_engine
from tests.reconcile.story import Story, build_story


@pytest.fixture
def story(db_url: str) -> Story:
    engine = make_engine(db_url)
    try:
        return build_story(engine)
    finally:
        engine.dispose()


def run(db_url: str, *args: str) -> object:
    return CliRunner().invoke(cli, ["--db", db_url, "export", "timeline", *args])


@pytest.mark.parametrize(
    ("fmt", "check"),
    [("json", lambda text, n: sum(len(e["events"]) for e in json.loads(text)["entities"]) == n),
     ("csv", lambda text, n: len(list(csv.DictReader(io.StringIO(text)))) == n + 1),
     ("md", lambda text, n: text.count("\n- **") == n),
     ("html", lambda text, n: f'"events":{n}' in text and text.startswith("<!DOCTYPE html>")),
     ("timelinejs-json", lambda text, n: len(json.loads(text)["events"]) == n - 1),
     ("timelinejs", lambda text, n: text.startswith("<!DOCTYPE html>") and "new TL.Timeline(" in text)],
)
def test_every_format_to_stdout(db_url: str, story: Story, fmt: str, check) -> None:
    out = run(db_url, "--format", fmt)
    assert out.exit_code == 0, out.output
    assert check(out.stdout, story.events)


def test_output_file_is_not_overwritten_without_force(db_url: str, story: Story, tmp_path: Path) -> None:
    target = tmp_path / "out" / "timeline.html"
    out = run(db_url, "--format", "html", "-o", str(target))
    assert out.exit_code == 0, out.output
    first = target.read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in first and f"{story.events} events" in out.stderr
    target.write_text("keep me", encoding="utf-8")
    out = run(db_url, "--format", "html", "-o", str(target))
    assert out.exit_code == 1 and "--force" in out.output
    assert target.read_text(encoding="utf-8") == "keep me"
    out = run(db_url, "--format", "html", "-o", str(target), "--force")
    assert out.exit_code == 0 and target.read_text(encoding="utf-8") == first
    assert [p.name for p in target.parent.iterdir()] == ["timeline.html"]  # no temp files left


def test_entity_filter_and_unknown_entity(db_url: str, story: Story) -> None:
    out = run(db_url, "--format", "json", "--entity", "Haji Raheem Dost")
    assert out.exit_code == 0, out.output
    entities = json.loads(out.stdout)["entities"]
    assert [e["id"] for e in entities] == [story.entity["person"]]
    out = run(db_url, "--format", "json", "--entity", "Nobody Here")
    assert out.exit_code == 1 and "no entity named 'Nobody Here'" in out.output


def test_unknown_format_is_a_usage_error(db_url: str, story: Story) -> None:
    out = run(db_url, "--format", "pdf")
    assert out.exit_code == 2 and "pdf" in out.output


def test_an_exported_file_is_readable_like_any_other(db_url: str, story: Story, tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "timeline.csv"
    old = os.umask(0o022)
    try:
        out = run(db_url, "--format", "csv", "-o", str(target))
    finally:
        os.umask(old)
    assert out.exit_code == 0, out.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
