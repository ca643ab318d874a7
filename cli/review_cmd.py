"""`claimline review [--type T] [--entity NAME] [--reviewer NAME]`: open links, one at a time.

Terminal only: it draws each link with rich and reads single keys with `cli.keys.getchar`
(click.getchar without its flush of keys typed ahead). The session logic (queue, actions, undo,
log) is `reconcile.review`.

The screen is redrawn in place (the terminal's alternate screen, cursor home and erase below; the
scrollback is left as it was): what the last key did is said at the top, then the link. `p`
shows each quote in its paragraph (the document's text around it). Full URLs are printed on
lines of their own, never cut, so they can be copied. A key that is not a review key, or a
review key that has nothing to act on, is answered with what it does and which keys do what.
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
from cli.keys import getchar
from reconcile.links import TYPE_CHOICES, AlreadyDecided, LinkError
from reconcile.export.safe import printable
from reconcile.review import Review, ReviewItem
from reconcile.timeline import UnknownEntity

KEYS = "[c] confirm  [d] dismiss  [n] note  [s] skip  [u] undo  [p] paragraph  [?] help  [q] quit"
KEY_HELP = {
    "c": "confirm: the link is right (the two claims do relate this way)",
    "d": "dismiss: the link is wrong (it leaves the statements and the scores)",
    "n": "note: type a note to keep with the link, Enter to save",
    "s": "skip: leave the link open and go to the next",
    "u": "undo: take back your last action and go back to its link",
    "p": "paragraph: show or hide the text around each quote",
    "?": "help: this list",
    "q": "quit: end the review (every action is already saved)",
}
# Keys people press out of habit elsewhere, and what they do here.
NOT_OURS = {
    "\r": "Enter", "\n": "Enter", " ": "Space", "\x1b": "Escape or an arrow key",
    "\t": "Tab", "\x7f": "Backspace",
}
ALT_SCREEN_ON, ALT_SCREEN_OFF, HOME_CLEAR = "\x1b[?1049h", "\x1b[?1049l", "\x1b[H\x1b[J"
TYPE_STYLE = {"conflicts": "bold red", "supplements": "bold green", "corroborates": "bold blue",
              "duplicates": "bold cyan"}


def _rel(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def _quote(side: dict, context: bool = False) -> Text:
    """The quote with the claim's own words highlighted (plain Text: no markup from pages);
    with `context`, the rest of its paragraph around it, dimmed."""
    quote = Text(printable(side["quote"]), overflow="fold")
    for start, end in side["highlights"]:
        quote.stylize("bold black on yellow", start, end)
    around = side.get("context") or {}
    if not context or not (around.get("before") or around.get("after")):
        return quote
    text = Text(overflow="fold")
    text.append(printable(around.get("before", "")), style="dim")
    text.append_text(quote)
    text.append(printable(around.get("after", "")), style="dim")
    return text


def _rows(side: dict, context: bool = False) -> list[Text | str]:
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
        _quote(side, context),
    ]


LABELS = ["subject", "predicate", "value", "time", "modality", "author", "site", "date", "quote"]


def draw(console: Console, item: ReviewItem, context: bool = False) -> None:
    link = item.link
    head = Text(f"Link {item.position} of {item.total}  ·  ")
    head.append(link["type"].upper(), style=TYPE_STYLE.get(link["type"], "bold"))
    head.append(f"  ·  score {link['score']:.2f}  ·  link {link['id']}")
    table = Table(show_header=True, expand=True, box=None, padding=(0, 1))
    table.add_column("", style="dim", no_wrap=True)
    table.add_column(f"claim A (claim {link['a']['claim_id']})", ratio=1)
    table.add_column(f"claim B (claim {link['b']['claim_id']})", ratio=1)
    for label, a, b in zip(LABELS, _rows(link["a"], context), _rows(link["b"], context), strict=True):
        table.add_row("in paragraph" if context and label == "quote" else label, a, b)
    reason = Text("reason: ", style="bold")
    reason.append(printable(link["reason"] or ""))
    body = [table, Text(""), reason]
    if link.get("note"):
        body.append(Text("note: " + printable(link["note"]), style="italic"))
    console.print(Panel(Group(*body), title=head, title_align="left"))
    # Whole addresses on lines of their own: a terminal wraps them, nothing cuts them.
    for side in ("a", "b"):
        url = printable(link[side]["source"]["url"] or "?")
        console.print(f"{side.upper()}: {url}", markup=False, soft_wrap=True, style="underline")
    if item.others:
        console.print(f"Also on this link now: {', '.join(printable(n) for n in item.others)} "
                      "(the first decision wins; a second one is refused)", markup=False, style="yellow")
    console.print(KEYS, style="bold", markup=False)


def explain(key: str, item_shown: bool) -> str:
    """What a key does here, for a key the review has no use for (or none at the moment)."""
    if key in KEY_HELP and not item_shown:
        return f"{key!r} acts on a link, and none is shown (all seen): [u] undo the last action, [q] quit"
    name = NOT_OURS.get(key) or (f"Ctrl+{chr(ord(key) + 64)}" if key and ord(key[0]) < 32 else repr(key))
    return f"{name} is not a review key and did nothing. Keys: " + "; ".join(
        f"{k} {v.split(':')[0]}" for k, v in KEY_HELP.items())


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
    status = f"reviewing {session.total} open link(s) as {who}"
    context = False
    live = console.is_terminal
    if live:
        console.file.write(ALT_SCREEN_ON)
    try:
        while True:
            item = session.current()
            if live:
                console.file.write(HOME_CLEAR)
            console.print(status, markup=False, style="bold")
            if item is None:
                console.print(Rule())
                console.print(f"all {session.total} link(s) seen.  [u] undo the last action  [q] quit",
                              markup=False)
            else:
                draw(console, item, context)
            console.file.flush()
            key = getchar().lower()
            if key == "q":
                break
            if key == "u":
                try:
                    undone = session.undo()
                except AlreadyDecided as exc:
                    status = f"refused: {exc}"
                    continue
                status = f"undid {undone}" if undone else "nothing to undo"
                counts["undo"] += bool(undone)
            elif key == "p":
                context = not context
                status = ("showing each quote in its paragraph ([p] hides it)" if context
                          else "showing the quotes alone ([p] shows their paragraphs)")
            elif key == "?":
                status = "keys: " + "; ".join(f"{k} {v}" for k, v in KEY_HELP.items())
            elif item is None or key not in KEY_HELP:
                status = explain(key, item is not None)
            elif key in ("c", "d"):
                try:
                    if key == "c":
                        session.confirm()
                    else:
                        session.dismiss()
                except AlreadyDecided as exc:  # someone decided it while it was on screen
                    status = f"refused: {exc}"
                    continue
                counts["confirm" if key == "c" else "dismiss"] += 1
                status = f"link {item.link['id']} {'confirmed' if key == 'c' else 'dismissed'}"
            elif key == "n":
                text = click.prompt("note", default="", show_default=False).strip()
                if text:
                    session.note(text)
                    counts["note"] += 1
                    status = "note saved"
                else:
                    status = "empty note: nothing saved"
            elif key == "s":
                session.skip()
                counts["skip"] += 1
                status = f"link {item.link['id']} skipped (still open)"
    finally:
        if live:
            console.file.write(ALT_SCREEN_OFF)
            console.file.flush()
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no changes"
    click.echo(f"review ended: {summary}")
