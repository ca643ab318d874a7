"""`claimline conflicts list|resolve`: the links the reconciler found, and a reviewer's verdict."""
from __future__ import annotations


import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.context import AppContext, pass_app, reviewer_option, who_decides
from cli.output import emit, list_formats
from reconcile.export.safe import printable
from reconcile.export.when import in_words
from reconcile.links import STATUS_CHOICES, TYPE_CHOICES, LinkError, link_json, list_links, reopen, resolve_link
from reconcile.timeline import Ratings, UnknownEntity
from store.engine import session_scope


def login_name() -> str:
    return who_decides(None)


def _rel(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _claim_cell(claim: dict) -> Text:
    """A claim in a table cell; page text goes in as plain Text so no markup is interpreted."""
    when = claim["when"]
    src = claim["source"]
    head = f"{claim['subject']['name']} — {claim['predicate'].replace('_', ' ')}"
    if claim["object"]["name"]:
        head += f": {claim['object']['name']}"
    text = Text(f"claim {claim['claim_id']}: ", style="dim")
    text.append(printable(head), style="bold")
    text.append(printable(f"\n{in_words(when['edtf'], when['text'])} · {claim['modality']}"))
    text.append(printable(f"\n{src['author'] or 'unknown'} @ {src['site'] or '?'}"), style="dim")
    text.append(f" (reliability {_rel(src['reliability'])})", style="dim")
    return text


@click.group("conflicts")
def conflicts() -> None:
    """List the relations between claims (conflicts, supplements, ...) and resolve them."""


@conflicts.command("list")
@click.option("--type", "type_", type=click.Choice(TYPE_CHOICES), default="all", show_default=True)
@click.option("--status", type=click.Choice(STATUS_CHOICES), default="open", show_default=True)
@click.option("--entity", help="Only links about this entity (id, name, alias, or part of a name).")
@list_formats
@pass_app
def list_cmd(app: AppContext, type_: str, status: str, entity: str | None, fmt: str | None) -> None:
    """Claim links, highest score first, with both claims and their sources' reliability."""
    try:
        with session_scope(app.engine()) as s:
            ratings = Ratings.load(s)
            items = [link_json(k, ratings) for k in list_links(s, type=type_, status=status, entity=entity)]
    except (UnknownEntity, LinkError) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt:
        emit(items, fmt)
        return
    if not items:
        click.echo(f"no {status if status != 'all' else ''} links".replace("  ", " ")
                   + (f" of type {type_}" if type_ != "all" else ""))
        return
    # Fits the terminal: the link's id, type, score and status share one narrow column, and the
    # claims and reason wrap in what is left (an 80-column terminal included).
    table = Table(show_lines=True, expand=True)
    table.add_column("link", no_wrap=True)
    for col in ("claim A", "claim B", "reason"):
        table.add_column(col, ratio=1, overflow="fold")
    for it in items:
        table.add_row(f"link {it['id']}\n{it['type']}\n{it['score']:.2f}\n{it['status']}",
                      _claim_cell(it["a"]), _claim_cell(it["b"]), Text(printable(it["reason"] or "")))
    Console().print(table)
    click.echo(f"{len(items)} link(s)")


@conflicts.command("resolve")
@click.argument("link_id", metavar="ID", type=int)
@click.option("--confirm", "confirm", is_flag=True, help="The relation is right.")
@click.option("--dismiss", "dismiss", is_flag=True, help="The relation is wrong.")
@click.option("--reopen", "reopen_", is_flag=True,
              help="Take back the decision on link ID (anyone's; the log names whose), so it can be decided again.")
@click.option("--note", help="Why (kept with the decision and in the review log).")
@reviewer_option()
@pass_app
def resolve_cmd(app: AppContext, link_id: int, confirm: bool, dismiss: bool, reopen_: bool, note: str | None,
                reviewer: str | None, by_alias: str | None) -> None:
    """Confirm or dismiss link ID; the decision survives every later run of the pipeline.

    A link is decided once: a link already confirmed or dismissed (here, in `claimline review`
    or in `claimline serve`) is refused, naming who decided it and when; --reopen takes that
    decision back first."""
    if sum((confirm, dismiss, reopen_)) > 1:
        raise click.UsageError("--confirm, --dismiss and --reopen exclude each other: give one")
    if not (confirm or dismiss or reopen_):
        raise click.UsageError("say --confirm, --dismiss or --reopen")
    who = who_decides(reviewer, by_alias)
    try:
        with session_scope(app.engine()) as s:
            if reopen_:
                link, first = reopen(s, link_id, reviewer=who, note=note)
                click.echo(f"link {link.id} ({link.type}) open again; took back: {first}")
                return
            link = resolve_link(s, link_id, "confirm" if confirm else "dismiss", reviewer=who, note=note)
            click.echo(f"link {link.id} ({link.type}) {link.status} by {link.reviewer}")
    except LinkError as exc:
        raise click.ClickException(str(exc)) from exc
