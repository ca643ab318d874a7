"""A user's mistakes (issue 17) give one or two lines naming the database and the reason, exit
code 1, and no traceback unless -v; global options work after the subcommand too."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from cli.main import cli
from store.engine import make_engine
from tests.conftest import DEFAULT_TEST_PG


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def _pg_url(database: str, port: int | None = None) -> str:
    url = make_url(os.environ.get("CLAIMLINE_TEST_PG") or DEFAULT_TEST_PG).set(database=database)
    if port is not None:
        url = url.set(port=port)
    return url.render_as_string(hide_password=False)


MISTAKES = [
    # (what the user typed after `claimline`, words the message must contain)
    (["--db", "sqlite:////nonexistent/dir/x.db", "entities", "list"], ["/nonexistent/dir", "does not exist"]),
    (["--db", "foo://bar", "entities", "list"], ["--db foo://bar", "not a database URL", "sqlite:///FILE"]),
    (["--db", _pg_url("claimline_no_such_db"), "entities", "list"],
     ["cannot connect", "claimline_no_such_db", "does not exist"]),
    (["--db", _pg_url("test", port=9), "entities", "list"], ["cannot connect", ":9/test", "refused"]),
    (["db", "upgrade", "zzz"], ["no schema revision 'zzz'", "head is"]),
    (["db", "downgrade", "zzz", "--yes"], ["no schema revision 'zzz'"]),
]


@pytest.mark.parametrize(("args", "words"), MISTAKES, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_a_mistake_is_one_or_two_lines_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   args: list[str], words: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    out = invoke(*args)
    assert out.exit_code == 1, out.output
    assert "Traceback" not in out.output
    lines = out.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, out.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in out.stderr


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["-v", "--db", "foo://bar", "entities", "list"])
    assert out.exit_code == 1
    assert out.exception is not None and not isinstance(out.exception, SystemExit)
    assert "Can't load plugin" in str(out.exception)


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_plain_path_is_a_sqlite_file_and_global_options_go_anywhere(tmp_path: Path, where: str) -> None:
    path = tmp_path / "plain.db"
    globals_ = ["--db", str(path), "-q"]
    args = [*globals_, "entities", "list"] if where == "before" else ["entities", "list", *globals_]
    out = invoke(*args)
    assert out.exit_code == 0, out.output
    assert path.exists()
    assert "created the schema" not in out.stderr  # -q was obeyed
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert "documents" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_verbose_after_the_subcommand_shows_the_traceback() -> None:
    out = CliRunner().invoke(cli, ["entities", "list", "--db", "foo://bar", "-v"])
    assert out.exception is not None and not isinstance(out.exception, SystemExit)


def _tables(path: Path) -> list[str]:
    engine = make_engine(f"sqlite:///{path}")
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.parametrize(("extra", "answer", "dropped"), [
    ([], None, False),          # no terminal, no --yes: refused
    ([], "n\n", False),
    ([], "y\n", True),
    (["--yes"], None, True),
])
def test_downgrade_asks_or_needs_yes(tmp_path: Path, extra: list[str], answer: str | None, dropped: bool) -> None:
    path = tmp_path / "x.db"
    assert invoke("--db", str(path), "db", "upgrade").exit_code == 0
    out = invoke("--db", str(path), "db", "downgrade", "base", *extra, input=answer)
    assert (out.exit_code == 0) is dropped, out.output
    assert ("documents" not in _tables(path)) is dropped
    if not dropped:
        assert "not downgraded" in out.stderr and "--yes" in out.stderr
        # the refusal is a line of its own, `error: ...`, not glued onto the unanswered prompt
        assert any(line.startswith("error: ") and "not downgraded" in line for line in out.stderr.splitlines())


@pytest.mark.parametrize("args", [["parse", "no-such-page.html"], ["export", "timeline", "--format", "json",
                                                                  "-o", "EXISTING"]])
def test_a_command_s_own_refusal_reads_error_like_every_other(tmp_path: Path, args: list[str]) -> None:
    existing = tmp_path / "out.json"
    existing.write_text("{}", encoding="utf-8")
    out = invoke("--db", str(tmp_path / "x.db"), *[str(existing) if a == "EXISTING" else a for a in args])
    assert out.exit_code == 1, out.output
    assert out.stderr.startswith("error: ") and "Error:" not in out.stderr, out.stderr
