"""`claimline demo` and `claimline run` end to end on the fixture blog, served on loopback."""
from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import cli
from crawler.serve import serve_directory
from reconcile.pipeline import FIXTURE_SITES, site_dirs
from store.engine import make_engine, session_scope
from store.models import Claim, ClaimLink, Document
from web.server import serve_line

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def invoke(db_url: str, *args: str) -> object:
    out = CliRunner().invoke(cli, ["--db", db_url, *args])
    assert out.exit_code == 0, out.output + repr(out.exception)
    return out


def _counts(db_url: str) -> tuple[int, int, dict[int, str]]:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        docs = len(s.scalars(select(Document.id)).all())
        claims = len(s.scalars(select(Claim.id)).all())
        links = {k.id: k.status for k in s.scalars(select(ClaimLink))}
    engine.dispose()
    return docs, claims, links


def test_demo_writes_the_timeline_and_runs_again_without_duplicates(db_url: str, tmp_path: Path) -> None:
    port = free_port()
    out_dir = tmp_path / "demo"
    first = invoke(db_url, "demo", "--out", str(out_dir), "--port", str(port))
    docs, claims, links = _counts(db_url)
    assert docs > 0 and claims > 0 and links, first.output
    m = re.search(r"store: (\d+) documents \((\d+) posts, (\d+) comments\), (\d+) entities, (\d+) claims",
                  first.output)
    assert m and int(m.group(1)) == docs and int(m.group(5)) == claims
    timeline = json.loads((out_dir / "timeline.json").read_text(encoding="utf-8"))
    events = sum(len(e["events"]) for e in timeline["entities"])
    assert f"timeline: {events} events" in first.output and events > 0
    # It ends with the command that opens the workbench on this very store.
    assert first.output.splitlines()[-1].endswith(serve_line(db_url)) and " serve --db " in serve_line(db_url)
    page = (out_dir / "timeline.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f'"events":{events}' in page
    # Every open conflict is printed with its reason.
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        reasons = [k.reason for k in s.scalars(
            select(ClaimLink).where(ClaimLink.type == "conflicts", ClaimLink.status == "open"))]
    engine.dispose()
    for reason in reasons:
        assert reason in first.output
    # The server is stopped when the command returns.
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3)

    # A reviewer's decision, then the demo again: nothing duplicated, the decision kept.
    link_id = min(links)
    invoke(db_url, "conflicts", "resolve", str(link_id), "--dismiss", "--reviewer", "ana")
    invoke(db_url, "demo", "--out", str(out_dir), "--port", str(port))
    docs2, claims2, links2 = _counts(db_url)
    assert (docs2, claims2) == (docs, claims)
    assert links2[link_id] == "dismissed"


def test_demo_refuses_a_busy_port_with_a_clear_message(db_url: str, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = CliRunner().invoke(cli, ["--db", db_url, "demo", "--out", str(tmp_path), "--port", str(port)])
    assert out.exit_code == 1
    assert f"127.0.0.1:{port}" in out.output and "--port" in out.output


def test_run_crawls_extracts_and_reconciles(db_url: str) -> None:
    site = site_dirs(FIXTURE_SITES)[0]
    with serve_directory(site) as base:
        out = invoke(db_url, "run", base, "--delay", "0", "--json")
    summary = json.loads(out.stdout)
    docs, claims, _ = _counts(db_url)
    assert summary["store"]["documents"] == docs > 0
    assert summary["store"]["claims"] == claims > 0
    assert summary["crawl"]["pages"]["fetched"] > 0 and summary["reconcile"]["entities"] > 0
    assert summary["extract"]["documents"] == docs
