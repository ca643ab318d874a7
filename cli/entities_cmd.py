"""`claimline entities list|show|merge|split`: the people, groups and places found, and a
person's decisions about them."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.context import AppContext, pass_app
from reconcile.entities import DecisionRefused, EntityNotFound, list_entities, merge_entities, show_entity, split_entity
from reconcile.resolve.decisions import default_user
from store.engine import session_scope
from store.models import MENTION_TYPES


def _dump(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group("entities")
def entities() -> None:
    """List, show, merge and split entities (people, groups, places, roles)."""


@entities.command("list")
@click.option("--type", "type_", type=click.Choice(MENTION_TYPES, case_sensitive=False), help="Only this type.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (DESIGN.md contract).")
@pass_app
def list_cmd(app: AppContext, type_: str | None, as_json: bool) -> None:
    """Entities, most mentioned first, with the other names they go by."""
    with session_scope(app.engine()) as s:
        items = list_entities(s, type_)
    if as_json:
        _dump(items)
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
        click.echo(f"    [{m['id']}] {m['surface']!r} in {m['kind']} {m['document_id']}: {m['quote']}")
    click.echo(f"  claims ({len(data['claims'])}):")
    for c in data["claims"]:
        click.echo(f"    [{c['claim_id']}] {c['predicate']} {c['object']['name'] or ''} {c['when']['edtf'] or ''} ({c['modality']})")
    for d in data["decisions"]:
        click.echo(f"  decision #{d['id']}: {d['action']} {d['name_a']!r} / {d['name_b']!r} by {d['decided_by']} "
                   f"at {d['decided_at']}" + (f": {d['note']}" if d["note"] else ""))


@entities.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why they are one (kept with the decision).")
@click.option("--by", default=None, help="Who decides (default: your login name).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def merge_cmd(app: AppContext, a: str, b: str, note: str | None, by: str | None, as_json: bool) -> None:
    """Record that entities A and B are one; every later run obeys it."""
    try:
        with session_scope(app.engine()) as s:
            out = merge_entities(s, a, b, note=note, by=by or default_user())
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
@click.option("--by", default=None, help="Who decides (default: your login name).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def split_cmd(app: AppContext, entity: str, mention_id: int, note: str | None, by: str | None, as_json: bool) -> None:
    """Record that a mention is not ENTITY; every later run obeys it."""
    try:
        with session_scope(app.engine()) as s:
            out = split_entity(s, entity, mention_id, note=note, by=by or default_user())
    except (EntityNotFound, DecisionRefused) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        _dump(out)
        return
    d = out["decision"]
    click.echo(f"decision #{d['id']}: mention {mention_id} ({d['name_a']!r}) split from entity {out['kept']}; "
               f"it is now entity {out['entity']}")
