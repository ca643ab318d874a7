"""`claimline entities list|show|merge|split` with --json, through click, on both backends."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from sqlalchemy import Engine

from cli.main import cli
from reconcile.stage import run_reconcile
from tests.reconcile.test_stage import build_world


def invoke(db_url: str, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--db", db_url, "-q", *args])
    return res.exit_code, res.output


def test_list_json_follows_the_contract(db_url: str, engine: Engine) -> None:
    build_world(engine)
    run_reconcile(engine)
    code, out = invoke(db_url, "entities", "list", "--type", "PERSON", "--json")
    assert code == 0, out
    items = json.loads(out)
    assert all(set(e) == {"id", "name", "type", "aliases", "mentions"} for e in items)
    senator = next(e for e in items if e["name"] == "Qazi Abdul Hai Khadem")
    assert {"Qazi Abdulhai", "Qazi Khadem"} <= set(senator["aliases"]) and senator["mentions"] == 4
    assert {e["type"] for e in items} == {"PERSON"}
    code, nl = invoke(db_url, "entities", "list", "--type", "PERSON", "--nl")
    assert code == 0 and [json.loads(line) for line in nl.splitlines()] == items
    code, text = invoke(db_url, "entities", "list", "--type", "PERSON", "--csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and [r["name"] for r in rows] == [e["name"] for e in items]
    assert next(r for r in rows if r["name"] == "Qazi Abdul Hai Khadem")["aliases"] == "; ".join(senator["aliases"])


def test_show_by_name_lists_mentions_with_quotes_and_claims(db_url: str, engine: Engine) -> None:
    build_world(engine)
    run_reconcile(engine)
    code, out = invoke(db_url, "entities", "show", "Qazi Khadem", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["name"] == "Qazi Abdul Hai Khadem"
    assert any("born in 1949" in m["quote"] for m in data["mentions"])
    assert {c["predicate"] for c in data["claims"]} == {"born", "rank"}
    code, text = invoke(db_url, "entities", "show", "Qazi Khadem")
    assert code == 0, text
    for c in data["claims"]:  # ids are written as 'claim 25', as everywhere else
        assert f"    claim {c['claim_id']}: {c['predicate']}" in text
    code, out = invoke(db_url, "entities", "show", "Nobody Atall")
    assert code != 0 and "no entity named 'Nobody Atall'" in out


def test_merge_then_contradicting_split_is_refused(db_url: str, engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    code, out = invoke(db_url, "entities", "merge", "Mohammad Wali", "Wali Mohammad", "--note", "one man", "--by", "ana", "--json")
    assert code == 0, out
    merged = json.loads(out)
    assert merged["decision"]["note"] == "one man" and merged["decision"]["decided_by"] == "ana"
    code, out = invoke(db_url, "entities", "split", str(merged["entity"]), "--mention", str(w.m["wm"]), "--note", "two men")
    assert code != 0 and f"contradicts decision #{merged['decision']['id']}" in out


import pytest  # noqa: E402


@pytest.mark.parametrize("command", [
    ["entities", "merge"], ["entities", "split"], ["entities", "retype"], ["entities", "undo"],
    ["conflicts", "resolve"], ["review"],
])
def test_one_option_names_the_person_deciding(command: list[str]) -> None:
    out = CliRunner().invoke(cli, [*command, "--help"]).output
    assert "--reviewer" in out and "--by" not in out  # --by is still accepted, unlisted
    assert "login name" in out


def test_decisions_fit_an_80_column_terminal(db_url: str, engine: Engine) -> None:
    """A long note and a long name wrap inside the table's columns instead of running past the
    terminal's edge (issue 17: the list commands fit the terminal)."""
    build_world(engine)
    run_reconcile(engine)
    note = "they are one man: the same father, the same village and the same years in office, say both sources"
    code, out = invoke(db_url, "entities", "merge", "Mohammad Wali", "Wali Mohammad", "--note", note,
                       "--reviewer", "an-analyst-with-a-long-login-name")
    assert code == 0, out
    narrow = CliRunner().invoke(cli, ["--db", db_url, "entities", "decisions"], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert "1 decisions, 1 in force" in narrow.stdout
    wide = CliRunner().invoke(cli, ["--db", db_url, "entities", "decisions"], env={"COLUMNS": "250"})
    assert note in wide.stdout and "an-analyst-with-a-long-login-name" in wide.stdout
