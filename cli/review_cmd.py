"""`claimline review [--type T] [--entity NAME] [--reviewer NAME]`: open links, one at a time.

Terminal only: it draws each link with rich and reads single keys with click.getchar. The session
logic (queue, actions, undo, log) is `reconcile.review`.
"""
from __future__ import annotations

import sys

import click
from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from cli.context import AppContext, pass_app, reviewer_option, who_decides
from reconcile.links import TYPE_CHOICES, LinkError
from reconcile.export.safe import printable
from reconcile.review import Review, ReviewItem
from reconcile.timeline import UnknownEntity

KEYS = "[c] confirm  [d] dismiss  [n] note  [s] skip  [u] undo  [q] quit"
TYPE_STYLE = {"conflicts": "bold red", "supplements": "bold green", "corroborates": "bold blue",
              "duplicates": "bold cyan"}


def _rel(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def _quote(side: dict) -> Text:
    """The quote with the claim's own words highlighted (plain Text: no markup from pages)."""
    text = Text(printable(side["quote"]), overflow="fold")
    for start, end in side["highlights"]:
        text.stylize("bold black on yellow", start, end)
    return text


def _rows(side: dict) -> list[Text | str]:
    src = side["source"]
    when = side["when"]
    value = side["object"]["name"] or "—"
    time = side["when_words"] + (f"  · EDTF {when['edtf']}" if when["edtf"] else "")
    return [
        Text(printable(side["subject"]["name"] or "?")),
        side["predicate"].replace("_", " "),
        Text(printable(value)),
        Text(printable(time)),
        Text(printable(side["modality"] + (f" (via {side['attributed_to']})" if side.get("attributed_to") else ""))),
        Text(printable(f"{src['author'] or 'unknown'}  (reliability {_rel(side['author_reliability'])})")),
        Text(printable(f"{src['site'] or '?'}  (reliability {_rel(side['site_reliability'])})")),
        (src["published"] or "?")[:16].replace("T", " "),
        Text(printable(src["url"] or "?"), style="underline"),
        _quote(side),
    ]


LABELS = ["subject", "predicate", "value", "time", "modality", "author", "site", "date", "URL", "quote"]


def draw(console: Console, item: ReviewItem) -> None:
    link = item.link
    head = Text(f"Link {item.position} of {item.total}  ·  ")
    head.append(link["type"].upper(), style=TYPE_STYLE.get(link["type"], "bold"))
    head.append(f"  ·  score {link['score']:.2f}  ·  link {link['id']}")
    table = Table(show_header=True, expand=True, box=None, padding=(0, 1))
    table.add_column("", style="dim", no_wrap=True)
    table.add_column(f"claim A (claim {link['a']['claim_id']})", ratio=1)
    table.add_column(f"claim B (claim {link['b']['claim_id']})", ratio=1)
    for label, a, b in zip(LABELS, _rows(link["a"]), _rows(link["b"]), strict=True):
        table.add_row(label, a, b)
    reason = Text("reason: ", style="bold")
    reason.append(printable(link["reason"] or ""))
    body = [table, Text(""), reason]
    if link.get("note"):
        body.append(Text("note: " + printable(link["note"]), style="italic"))
    console.print(Rule())
    console.print(Panel(Group(*body), title=head, title_align="left"))
    console.print(KEYS, style="bold", markup=False)


@click.command("review")
@click.option("--type", "type_", type=click.Choice(TYPE_CHOICES), default="all", show_default=True)
@click.option("--entity", help="Only links about this entity.")
@reviewer_option("Who reviews (default: your login name).")
@pass_app
def review(app: AppContext, type_: str, entity: str | None, reviewer: str | None, by_alias: str | None) -> None:
    """Review open links one at a time: confirm, dismiss, note, skip, undo, quit."""
    if not sys.stdin.isatty():
        raise click.ClickException(
            "review is interactive and needs a terminal; in a script use "
            "`claimline conflicts list --json` and `claimline conflicts resolve ID --confirm|--dismiss`"
        )
    who = who_decides(reviewer, by_alias)
    try:
        session = Review(app.engine(), reviewer=who, type=type_, entity=entity)
    except (UnknownEntity, LinkError) as exc:
        raise click.ClickException(str(exc)) from exc
    console = Console(highlight=False)
    counts = {"confirm": 0, "dismiss": 0, "note": 0, "skip": 0, "undo": 0}
    if session.total == 0:
        click.echo("no open links to review")
        return
    console.print(f"reviewing {session.total} open link(s) as {who}", markup=False)
    while True:
        item = session.current()
        if item is None:
            console.print(f"all {session.total} link(s) seen.  [u] undo the last action  [q] quit",
                          markup=False)
        else:
            draw(console, item)
        key = click.getchar().lower()
        if key == "q":
            break
        if key == "u":
            undone = session.undo()
            console.print(f"undid {undone}" if undone else "nothing to undo", markup=False)
            counts["undo"] += bool(undone)
            continue
        if item is None:
            continue
        if key == "c":
            session.confirm()
            counts["confirm"] += 1
            console.print(f"link {item.link['id']} confirmed", markup=False)
        elif key == "d":
            session.dismiss()
            counts["dismiss"] += 1
            console.print(f"link {item.link['id']} dismissed", markup=False)
        elif key == "n":
            text = click.prompt("note", default="", show_default=False).strip()
            if text:
                session.note(text)
                counts["note"] += 1
                console.print("note saved", markup=False)
        elif key == "s":
            session.skip()
            counts["skip"] += 1
        else:
            console.print(f"unknown key {key!r}; {KEYS}", markup=False)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no changes"
    click.echo(f"review ended: {summary}")
