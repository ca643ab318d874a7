"""`--base-url` and `--url-map`, the options that give files their addresses: the same for
`claimline ingest` and `claimline parse`, so the two agree on every file."""
from __future__ import annotations

from pathlib import Path

import click

from cli.context import F
from crawler.errors import ParseError
from crawler.ingest.urls import Addresses, make_addresses


def address_options(command: F) -> F:
    command = click.option(
        "--url-map", "url_map", default=None, type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
        help="A file of 'PATH URL' lines (PATH relative to FILE's folder) giving files their addresses.",
    )(command)
    return click.option(
        "--base-url", default=None, metavar="URL",
        help="The site the files come from: each file that names no address of its own is stored at "
             "URL + its path in the folder given (a mirror's a/b/index.html at URL/a/b/).",
    )(command)


def addresses_from(url: str | None, base_url: str | None, url_map: Path | None) -> Addresses | None:
    """The run's Addresses; a usage error for a bad base or map, or `--url` beside `--base-url`."""
    if url and base_url:
        raise click.UsageError("--url and --base-url cannot be used together")
    try:
        return make_addresses(base_url, url_map)
    except ParseError as exc:
        raise click.UsageError(str(exc)) from None
