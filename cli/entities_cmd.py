"""`claimline entities list|show|merge|split|retype|decisions|undo`: the people, groups and places
found, why their mentions are one, and a person's decisions about them."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.context import AppContext, pass_app, reviewer_option, who_decides
from cli.output import emit, list_formats
from reconcile.entities import (
    DecisionRefused,
    EntityNotFound,
    list_decisions,
    list_entities,
    merge_entities,
    retype_entity,
    show_entity,
    split_entity,
    undo_decision,
)
from reconcile.resolve.evidence import explain_line
from store.engine import session_scope
from store.models import MENTION_TYPES


def _dump(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group("entities")
def entities() -> None:
    """List, show, merge, split and retype entities (people, groups, places, roles); list and undo decisions."""


@entities.command("list")
@click.option("--type", "type_", type=click.Choice(MENTION_TYPES, case_sensitive=False), help="Only this type.")
@list_formats
@pass_app
def list_cmd(app: AppContext, type_: str | None, fmt: str | None) -> None:
    """Entities, most mentioned first, with the other names they go by."""
    with session_scope(app.engine()) as s:
        items = list_entities(s, type_)
    if fmt:
        emit(items, fmt)
        return
    table = Table()
    for col in ("id", "type", "name", "mentions", "aliases"):
        table.add_column(col)
    for e in items:
        table.add_row(str(e["id"]), e["type"], Text(e["name"]), str(e["mentions"]), Text(", ".join(e["aliases"])))
    Console().print(table)
    click.echo(f"{len(items)} entities")


@entities.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show_cmd(app: AppContext, ref: str, as_json: bool) -> None:
    """One entity (by id or name): aliases, mentions with their quotes, claims, decisions."""
    try:
        with session_scope(app.engine()) as s:
            data = show_entity(s, ref)
    except EntityNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(data)
        return
    click.echo(f"{data['id']}  {data['type']}  {data['name']}")
    if data["aliases"]:
        click.echo(f"  also: {', '.join(data['aliases'])}")
    click.echo(f"  mentions ({len(data['mentions'])}):")
    for m in data["mentions"]:
        click.echo(f"    mention {m['id']}: {m['surface']!r} in {m['kind']} {m['document_id']}: {m['quote']}")
    click.echo(f"  claims ({len(data['claims'])}):")
    for c in data["claims"]:
        click.echo(f"    claim {c['claim_id']}: {c['predicate']} {c['object']['name'] or ''} {c['when']['edtf'] or ''} ({c['modality']})")
    for a in data["stated_aliases"]:
        state = "" if a["obeyed"] else " [not obeyed: a decision keeps them apart]"
        click.echo(f"  the text says ({a['cue']}, document {a['document_id']}): \"{a['quote']}\"{state}")
    if data["evidence"]:
        click.echo(f"  why its mentions are one ({len(data['evidence'])} joins):")
        for ev in data["evidence"]:
            click.echo(f"    {explain_line(ev)}")
    for d in data["decisions"]:
        click.echo(f"  {_decision_line(d)}")


def _decision_what(d: dict) -> str:
    if d["action"] == "retype":
        return f"retype {d['name_a']!r} {d['previous_type']} -> {d['type']}"
    if d["action"] == "undo":
        return f"undo #{d['undoes']}"
    return f"{d['action']} {d['name_a']!r} / {d['name_b']!r}"


def _decision_line(d: dict) -> str:
    state = f" [withdrawn by #{d['withdrawn_by']}]" if d["withdrawn_by"] else ""
    return (f"decision #{d['id']}: {_decision_what(d)} by {d['decided_by']} at {d['decided_at']}"
            + (f": {d['note']}" if d["note"] else "") + state)


def _decisions_table(items: list[dict]) -> Table:
    """The decisions as a table the terminal's width wraps (a note can be a paragraph)."""
    table = Table()
    for col in ("decision", "what", "by", "when", "note"):
        table.add_column(col, overflow="fold", no_wrap=col == "when")
    for d in items:
        state = f"\nwithdrawn by #{d['withdrawn_by']}" if d["withdrawn_by"] else ""
        when = str(d["decided_at"] or "")[:16].replace("T", " ")  # to the minute
        table.add_row(Text(f"#{d['id']}{state}"), Text(_decision_what(d)), Text(str(d["decided_by"] or "")),
                      when, Text(d["note"] or ""))
    return table


@entities.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why they are one (kept with the decision).")
@reviewer_option()
@click.option("--json", "as_json", is_flag=True)
@pass_app
def merge_cmd(app: AppContext, a: str, b: str, note: str | None, reviewer: str | None, by_alias: str | None,
              as_json: bool) -> None:
    """Record that entities A and B are one; every later run obeys it."""
    try:
        with session_scope(app.engine()) as s:
            out = merge_entities(s, a, b, note=note, by=who_decides(reviewer, by_alias))
    except (EntityNotFound, DecisionRefused) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(out)
        return
    d = out["decision"]
    click.echo(f"decision #{d['id']}: merged {d['name_a']!r} and {d['name_b']!r} into entity {out['entity']}")


@entities.command("split")
@click.argument("entity")
@click.option("--mention", "mention_id", type=int, required=True, help="The mention that is someone else.")
@click.option("--note", help="Why (kept with the decision).")
@reviewer_option()
@click.option("--json", "as_json", is_flag=True)
@pass_app
def split_cmd(app: AppContext, entity: str, mention_id: int, note: str | None, reviewer: str | None,
              by_alias: str | None, as_json: bool) -> None:
    """Record that a mention (with the pronouns only it names) is not ENTITY; the rest keep its id."""
    try:
        with session_scope(app.engine()) as s:
            out = split_entity(s, entity, mention_id, note=note, by=who_decides(reviewer, by_alias))
    except (EntityNotFound, DecisionRefused) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(out)
        return
    d = out["decision"]
    click.echo(f"decision #{d['id']}: mention {mention_id} ({d['name_a']!r}) split from entity {out['kept']}; "
               f"it is now entity {out['entity']}")


@entities.command("retype")
@click.argument("entity")
@click.argument("type_", metavar="TYPE", type=click.Choice(MENTION_TYPES, case_sensitive=False))
@click.option("--note", help="Why (kept with the decision).")
@reviewer_option()
@click.option("--json", "as_json", is_flag=True)
@pass_app
def retype_cmd(app: AppContext, entity: str, type_: str, note: str | None, reviewer: str | None,
               by_alias: str | None, as_json: bool) -> None:
    """Record that ENTITY is a TYPE (its mentions take it); every later run obeys it."""
    try:
        with session_scope(app.engine()) as s:
            out = retype_entity(s, entity, type_, note=note, by=who_decides(reviewer, by_alias))
    except (EntityNotFound, DecisionRefused) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(out)
        return
    d = out["decision"]
    click.echo(f"decision #{d['id']}: {d['name_a']!r} is now a {d['type']} (was {d['previous_type']}), entity {out['entity']}")


@entities.command("decisions")
@list_formats
@pass_app
def decisions_cmd(app: AppContext, fmt: str | None) -> None:
    """Every decision made, oldest first, withdrawn ones marked."""
    with session_scope(app.engine()) as s:
        items = list_decisions(s)
    if fmt:
        emit(items, fmt)
        return
    Console().print(_decisions_table(items))
    click.echo(f"{len(items)} decisions, {sum(d['active'] for d in items)} in force")


@entities.command("undo")
@click.argument("decision", type=int)
@click.option("--note", help="Why (kept with the undo).")
@reviewer_option()
@click.option("--json", "as_json", is_flag=True)
@pass_app
def undo_cmd(app: AppContext, decision: int, note: str | None, reviewer: str | None, by_alias: str | None,
             as_json: bool) -> None:
    """Withdraw DECISION (recorded as an undo; the decision stays on record)."""
    try:
        with session_scope(app.engine()) as s:
            out = undo_decision(s, decision, note=note, by=who_decides(reviewer, by_alias))
    except (EntityNotFound, DecisionRefused) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(out)
        return
    click.echo(f"decision #{out['decision']['id']}: withdrew decision #{decision} ({out['withdrawn']['action']})")
