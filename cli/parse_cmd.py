"""`claimline parse FILE|URL [--url URL] [--json] [--platform P]`: what the crawler sees on one
page. Stores nothing."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from cli.context import AppContext, pass_app
from crawler.errors import ParseError
from crawler.run import PLATFORM_CHOICES
from crawler.thread import ParsedComment, ParsedPage


def _comment_label(c: ParsedComment) -> str:
    who = escape(c.author or "(anonymous)")
    when = escape(c.published or c.published_text or "no date")
    kind = " [yellow]pingback[/]" if c.is_pingback else ""
    return f"[bold]{who}[/] · {when} · #{escape(c.id)}{kind}\n{escape(c.text)}"


def thread_tree(page: ParsedPage) -> Tree:
    """The thread as a rich tree: the post, then each comment under the one it replies to."""
    post = page.post
    head = (
        f"[bold]{escape(post.title or '(untitled)')}[/] · {escape(post.author or 'unknown author')}"
        f" · {escape(post.published or post.published_text or 'no date')} · {escape(page.platform)}\n"
        f"{escape(post.url)}\n{escape(post.text)}"
    )
    root = Tree(head)
    nodes: dict[str, Tree] = {}
    known = {c.id for c in page.comments}
    pending = list(page.comments)
    # Parents first; a parent missing from the page hangs its replies on the post.
    while pending:
        rest = []
        for c in pending:
            if c.parent and c.parent in known and c.parent not in nodes:
                rest.append(c)
                continue
            parent = nodes.get(c.parent or "", root)
            nodes[c.id] = parent.add(_comment_label(c))
        if len(rest) == len(pending):
            for c in rest:
                nodes[c.id] = root.add(_comment_label(c))
            break
        pending = rest
    return root


def load_page(source: str, url: str | None, platform: str) -> ParsedPage:
    from crawler.parsers import parse_html

    if source.startswith(("http://", "https://")):
        from crawler.fetch import fetch_page

        fetched = fetch_page(source)
        return parse_html(fetched.body, url or fetched.url, encoding=fetched.encoding, platform=platform)
    path = Path(source)
    if not path.is_file():
        raise ParseError(source, "no such file")
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise ParseError(source, f"cannot read: {exc.strerror}") from exc
    return parse_html(body, url or path.resolve().as_uri(), platform=platform)


@click.command("parse")
@click.argument("source", metavar="FILE|URL")
@click.option("--url", help="The page's URL, for a saved file (resolves links and permalinks).")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed thread as JSON.")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), default="auto", show_default=True,
              help="Force a platform instead of detecting it.")
@pass_app
def parse(app: AppContext, source: str, url: str | None, as_json: bool, platform: str) -> None:
    """Show what the crawler sees on one page (post and every comment); stores nothing."""
    try:
        page = load_page(source, url, platform)
    except ParseError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(page.to_json(), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(thread_tree(page))
        count = sum(1 for c in page.comments if not c.is_pingback)
        pings = len(page.comments) - count
        app.note(f"{count} comments, {pings} pingbacks")
    for warning in page.warnings:
        app.note(f"warning: {warning}")
