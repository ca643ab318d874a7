"""Starting the workbench: which addresses it may bind, who may open it, and the line that opens it.

Safe by default: it binds 127.0.0.1 and then answers only to loopback Host names (a page on
another site that rebinds its DNS name to 127.0.0.1 gets 400, not the store). Binding any other
address is refused unless `--token` or a reviewers file guards it.
"""
from __future__ import annotations

import ipaddress
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.engine import absolute_url
from web.security import Guard, read_reviewers

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


class ServeRefused(ValueError):
    """A server that would be open to others without a token, or a bad reviewers file."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServeSettings:
    guard: Guard
    allowed_hosts: list[str] | None


def settings(host: str, *, token: str | None, reviewers_file: Path | None,
             default_reviewer: str | None) -> ServeSettings:
    """The guard and Host names for a server on `host`; refuses an unguarded non-loopback bind."""
    if token is not None and len(token) < 16:
        raise ServeRefused("--token must be at least 16 characters (try: python -c 'import secrets; print(secrets.token_urlsafe())')")
    reviewers = read_reviewers(reviewers_file) if reviewers_file is not None else {}
    loopback = is_loopback(host)
    if not loopback and token is None and not reviewers:
        raise ServeRefused(
            f"refused to serve on {host}: that address is reachable from other machines; "
            "give --token or --reviewers FILE, or serve on 127.0.0.1"
        )
    guard = Guard(token=token, reviewers=reviewers,
                  default_reviewer=None if (token or reviewers) else default_reviewer)
    hosts = LOOPBACK_NAMES if loopback else None
    return ServeSettings(guard=guard, allowed_hosts=hosts)


def serve(engine: Any, host: str, port: int, chosen: ServeSettings) -> None:
    """Run the workbench until interrupted (uvicorn, one process)."""
    import uvicorn

    from web.app import create_app

    app = create_app(engine, guard=chosen.guard, allowed_hosts=chosen.allowed_hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def serve_line(db_url: str) -> str:
    """The command that opens the workbench on `db_url` (a relative SQLite path made absolute)."""
    return f"claimline serve --db {shlex.quote(absolute_url(db_url))}"
