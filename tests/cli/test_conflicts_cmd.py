"""`claimline conflicts list|resolve` through click's runner, on both backends."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import cli
from store.engine import make_engine, session_scope
from store.models import ClaimLink, ReviewLog
from tests.reconcile.story import Story, build_story


@pytest.fixture
def story(db_url: str) -> Story:
    engine = make_engine(db_url)
    try:
        return build_story(engine)
    finally:
        engine.dispose()


def run(db_url: str, *args: str) -> object:
    return CliRunner().invoke(cli, ["--db", db_url, *args], catch_exceptions=False)


def test_list_json_defaults_to_open_links_of_every_type(db_url: str, story: Story) -> None:
    out = run(db_url, "conflicts", "list", "--json")
    assert out.exit_code == 0, out.output
    items = json.loads(out.output)
    assert {i["id"] for i in items} == {story.link[k] for k in ("conflict", "corroborate", "supplement")}
    first = items[0]
    assert first["id"] == story.link["conflict"] and first["type"] == "conflicts"
    assert first["a"]["when"]["edtf"] == "1949" and first["b"]["source"]["author"] == "Farid"
    # the contract's CLAIM fields, and the claim's statement with every source of it
    assert {"claim_id", "subject", "predicate", "object", "when", "modality", "quote", "source"} <= set(first["a"])
    assert first["a"]["sources"] == [first["a"]["source"]] and first["a"]["independent_sources"] == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["--type", "conflicts"], ["conflict"]),
     (["--status", "dismissed"], ["duplicate"]),
     (["--status", "all", "--type", "duplicates"], ["duplicate"]),
     (["--entity", "Northern Front", "--status", "all"], ["supplement", "duplicate"])],
)
def test_list_filters(db_url: str, story: Story, args: list[str], expected: list[str]) -> None:
    out = run(db_url, "conflicts", "list", "--json", *args)
    assert out.exit_code == 0, out.output
    assert {i["id"] for i in json.loads(out.output)} == {story.link[k] for k in expected}


def test_table_shows_reliability_and_reasons(db_url: str, story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: no phrase is wrapped apart
    out = run(db_url, "conflicts", "list", "--type", "conflicts")
    assert out.exit_code == 0, out.output
    assert "reliability 0.80" in out.output and "reliability 0.35" in out.output
    assert "different years" in out.output and "1 link(s)" in out.output


def test_table_never_prints_control_characters_from_pages(db_url: str, story: Story,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run(db_url, "conflicts", "list", "--type", "supplements")
    assert out.exit_code == 0, out.output
    assert "\x1b" not in out.output and "\x07" not in out.output
    assert "<img src=x onerror=alert(1)>" in out.output  # as text


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--type", "bogus"], "Invalid value"), (["--entity", "%"], "no entity named")],
)
def test_list_refuses_bad_filters(db_url: str, story: Story, args: list[str], message: str) -> None:
    out = run(db_url, "conflicts", "list", *args)
    assert out.exit_code != 0 and message in out.output


def test_resolve_confirm_and_dismiss_with_note(db_url: str, story: Story) -> None:
    out = run(db_url, "conflicts", "resolve", str(story.link["conflict"]), "--confirm",
              "--reviewer", "ana")
    assert out.exit_code == 0 and "confirmed by ana" in out.output
    out = run(db_url, "conflicts", "resolve", str(story.link["supplement"]), "--dismiss",
              "--note", "two different men", "--reviewer", "ben")
    assert out.exit_code == 0, out.output
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        assert s.get(ClaimLink, story.link["conflict"]).status == "confirmed"
        dismissed = s.get(ClaimLink, story.link["supplement"])
        assert (dismissed.status, dismissed.note, dismissed.reviewer) == (
            "dismissed", "two different men", "ben")
        log = [(r.link_id, r.action, r.reviewer) for r in s.scalars(select(ReviewLog).order_by(ReviewLog.id))]
    engine.dispose()
    assert log == [(story.link["conflict"], "confirm", "ana"),
                   (story.link["supplement"], "dismiss", "ben")]
    out = run(db_url, "conflicts", "list", "--json")
    assert story.link["conflict"] not in {i["id"] for i in json.loads(out.output)}


@pytest.mark.parametrize(
    ("args", "message"),
    [(["9999", "--confirm"], "no claim link with id 9999"),
     (["1"], "say --confirm, --dismiss or --reopen"),
     (["x", "--confirm"], "Invalid value")],
)
def test_resolve_refuses(db_url: str, story: Story, args: list[str], message: str) -> None:
    out = run(db_url, "conflicts", "resolve", *args)
    assert out.exit_code != 0 and message in out.output


def test_resolve_refuses_confirm_and_dismiss_together(db_url: str, story: Story) -> None:
    out = run(db_url, "conflicts", "resolve", str(story.link["conflict"]), "--confirm", "--dismiss")
    assert out.exit_code == 2 and "exclude each other" in out.output
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        assert s.get(ClaimLink, story.link["conflict"]).status == "open"
    engine.dispose()


def test_a_second_decision_is_refused_naming_the_first_until_reopened(db_url: str, story: Story) -> None:
    link = story.link["conflict"]
    assert run(db_url, "conflicts", "resolve", str(link), "--confirm", "--reviewer", "ana").exit_code == 0
    second = run(db_url, "conflicts", "resolve", str(link), "--dismiss", "--reviewer", "ben")
    assert second.exit_code == 1
    assert re.search(rf"link {link} was already confirmed by ana at \d{{4}}-\d\d-\d\d \d\d:\d\d UTC", second.output)
    assert f"claimline conflicts resolve {link} --reopen" in second.output
    again = run(db_url, "conflicts", "resolve", str(link), "--confirm", "--reviewer", "ben")
    assert again.exit_code == 1 and "already confirmed by ana" in again.output  # the same verdict too
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        first = s.get(ClaimLink, link)
        assert (first.status, first.reviewer) == ("confirmed", "ana")
    reopened = run(db_url, "conflicts", "resolve", str(link), "--reopen", "--reviewer", "ben",
                   "--note", "two different men")
    assert reopened.exit_code == 0, reopened.output
    assert f"link {link} (conflicts) open again; took back: confirmed by ana at" in reopened.output
    assert run(db_url, "conflicts", "resolve", str(link), "--reopen").exit_code == 1  # open: nothing to take back
    assert run(db_url, "conflicts", "resolve", str(link), "--dismiss", "--reviewer", "ben").exit_code == 0
    with session_scope(engine) as s:
        decided = s.get(ClaimLink, link)
        assert (decided.status, decided.reviewer) == ("dismissed", "ben")
        log = [(r.action, r.previous_status, r.new_status, r.reviewer, r.note)
               for r in s.scalars(select(ReviewLog).order_by(ReviewLog.id))]
    engine.dispose()
    assert [row[:4] for row in log] == [("confirm", "open", "confirmed", "ana"),
                                         ("reopen", "confirmed", "open", "ben"),
                                         ("dismiss", "open", "dismissed", "ben")]
    assert log[1][4].startswith("took back: confirmed by ana at ") and log[1][4].endswith("; two different men")


def test_list_fits_an_80_column_terminal_and_names_links_and_claims(
    db_url: str, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run(db_url, "conflicts", "list")
    assert out.exit_code == 0, out.output
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    assert f"link {story.link['conflict']}" in out.stdout
    assert f"claim {story.claim['born49']}" in out.stdout


def test_list_as_csv_and_newline_delimited_json(db_url: str, story: Story) -> None:
    import csv
    import io

    as_json = json.loads(run(db_url, "conflicts", "list", "--json").output)
    nl = run(db_url, "conflicts", "list", "--nl")
    assert nl.exit_code == 0, nl.output
    assert [json.loads(line) for line in nl.stdout.splitlines()] == as_json
    out = run(db_url, "conflicts", "list", "--csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [int(r["id"]) for r in rows] == [i["id"] for i in as_json]
    assert rows[0]["a.subject.name"] == as_json[0]["a"]["subject"]["name"]
    assert all(not r["reason"].startswith(("=", "+", "-", "@")) for r in rows)
    both = run(db_url, "conflicts", "list", "--csv", "--nl")
    assert both.exit_code == 2 and "exclude each other" in both.output
