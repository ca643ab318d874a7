"""`claimline status [--json]`: counts per site, last crawl, and what awaits extraction
(reconcile.status does the counting)."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.context import AppContext, pass_app
from reconcile.status import store_status
from store.engine import session_scope


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@pass_app
def status(app: AppContext, as_json: bool) -> None:
    """Counts per site, the last crawl of each, and the documents awaiting extraction."""
    with session_scope(app.engine()) as s:
        data = store_status(s)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(expand=False)
    for col, kw in (("site", {"overflow": "fold"}), ("posts", {"justify": "right"}),
                    ("comments", {"justify": "right"}), ("last crawl", {}),
                    ("to extract", {"justify": "right"})):
        table.add_column(col, **kw)
    for site in data["sites"]:
        table.add_row(Text(site["url"]), str(site["posts"]), str(site["comments"]),
                      (site["last_crawl"] or "never (ingested)").replace("T", " "),
                      str(site["awaiting_extraction"]))
    Console().print(table)
    links = ", ".join(f"{n} {t}" for t, n in data["open_links"].items()) or "none"
    click.echo(f"{len(data['sites'])} sites, {data['documents']} documents, "
               f"{data['awaiting_extraction']} awaiting extraction")
    click.echo(f"{data['entities']} entities, {data['claims']} claims; open links: {links}")
    if data["awaiting_extraction"]:
        click.echo("next: claimline extract")
