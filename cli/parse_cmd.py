"""`claimline parse FILE|URL [--url URL | --base-url URL] [--url-map FILE] [--json] [--platform P]
[--thread N]`: what the crawler sees on one page, or what ingest would store from one file
(crawler.preview does the work). Stores nothing."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from cli.addresses import address_options, addresses_from
from cli.context import AppContext, pass_app
from crawler.errors import ParseError
from crawler.preview import preview
from crawler.run import PLATFORM_CHOICES
from crawler.thread import ParsedComment, ParsedPage
from store.ordering import parents_first


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
    # Parents first; a parent missing from the page (or a cycle) hangs its replies on the post.
    order, cut = parents_first([(c.id, c.parent) for c in page.comments])
    for pos in order:
        c = page.comments[pos]
        parent = root if pos in cut else nodes.get(c.parent or "", root)
        nodes.setdefault(c.id, parent.add(_comment_label(c)))
    return root


@click.command("parse")
@click.argument("source", metavar="FILE|URL")
@click.option("--url", help="The page's URL, for a saved file (resolves links and permalinks).")
@address_options
@click.option("--json", "as_json", is_flag=True, help="Print the parsed thread as JSON.")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), default="auto", show_default=True,
              help="Force a platform instead of detecting it (HTML pages only).")
@click.option("--thread", "thread", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which thread of a file that holds several (export, archive, feed, REST JSON).")
@pass_app
def parse(
    app: AppContext, source: str, url: str | None, base_url: str | None, url_map: Path | None,
    as_json: bool, platform: str, thread: int,
) -> None:
    """Show one page's thread (post and every comment) as a crawl or `ingest` would store it; stores nothing.

    FILE is anything `ingest` accepts, read the same way: a saved HTML page or a plain-text
    capture of a page is one thread; a WordPress WXR or Blogger export, a WARC archive, an RSS/Atom
    feed or WordPress REST JSON can hold several, and parse shows the first in the file's order
    (--thread N another) and says on stderr how many there are. --base-url and --url-map give
    the file the address ingest would give it.
    """
    addresses = addresses_from(url, base_url, url_map)
    try:
        found = preview(source, url=url, platform=platform, thread=thread, addresses=addresses)
    except ParseError as exc:
        raise click.ClickException(str(exc)) from exc
    page = found.page
    if as_json:
        click.echo(json.dumps(page.to_json(), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(thread_tree(page))
        count = sum(1 for c in page.comments if not c.is_pingback)
        pings = len(page.comments) - count
        app.note(f"{count} comments, {pings} pingbacks")
    if found.threads > 1:
        app.note(f"thread {found.thread} of {found.threads} in {source} (--thread N shows another)")
    for note in found.notes:
        app.note(f"note: {note}")
    for warning in page.warnings:
        app.note(f"warning: {warning}")
