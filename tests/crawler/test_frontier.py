"""`claimline crawl --frontier redis://...`: several processes share one site's frontier,
duplicate filter, robots.txt and delay, into one PostgreSQL store; a process killed with -9 loses
nothing. Each crawl is a separate `claimline` process (as on separate hosts) over a loopback site."""
from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from crawler.frontier import clear_site, connect
from crawler.frontier.shared import FINISHED_GRACE_SECONDS
from crawler.serve import SiteHandler, running_server
from crawler.urls import site_key
from store.models import Document
from tests.crawler.test_crawl_resume import _assert_gone, _children, _make_site

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


class TimedHandler(SiteHandler):
    """Records when each request arrived (before the fixture's latency), for the delay test."""

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.server.arrivals.append((time.monotonic(), self.path))  # type: ignore[attr-defined]
        return ok


def _cmd(db_url: str, base: str, redis_url: str, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from cli.main import main; main()", "-q", "--db", db_url,
            "crawl", base, "--frontier", redis_url, "--stalled-after", "3", "--json", *extra]


def _keys(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.execute(select(Document.doc_key)).scalars())


@contextmanager
def _served(tmp_path: Path, redis_url: str, posts: int) -> Iterator[tuple[object, str, set[str]]]:
    """A blog on loopback, its base URL, the document keys a whole crawl stores; the frontier's
    keys for it are removed before and after."""
    expected = _make_site(tmp_path / "site", posts=posts)
    with running_server(tmp_path / "site", latency=0.05) as server:
        server.RequestHandlerClass = TimedHandler
        server.arrivals = []  # type: ignore[attr-defined]
        host, port = server.server_address[:2]
        base = f"http://{host}:{port}/"
        client = connect(redis_url)
        clear_site(client, site_key(base))
        try:
            yield server, base, expected
        finally:
            clear_site(client, site_key(base))
            client.close()


@pytest.fixture
def site(tmp_path: Path, redis_url: str) -> Iterator[tuple[object, str, set[str]]]:
    with _served(tmp_path, redis_url, posts=60) as served:
        yield served


def _page_gets(server: object) -> Counter[str]:
    return Counter(path for method, path, _ in server.request_log if method == "GET")  # type: ignore[attr-defined]


def test_two_processes_share_one_frontier_each_page_once_the_delay_kept_between_them(
    site: tuple[object, str, set[str]], db_url: str, engine: Engine, redis_url: str, tmp_path: Path
) -> None:
    server, base, expected = site
    delay = 0.1
    cmd = _cmd(db_url, base, redis_url, "--delay", str(delay), "--concurrency", "4")
    procs = [subprocess.Popen(cmd, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    summaries = [json.loads(out) for out, _ in outs]
    assert all(s["frontier"] == redis_url for s in summaries)
    # the work was shared: both fetched pages, and together every page exactly once
    fetched = [s["pages"]["fetched"] for s in summaries]
    assert all(n > 0 for n in fetched), fetched
    gets = _page_gets(server)
    assert gets["/robots.txt"] == 1  # read once for both processes
    doubled = {path: n for path, n in gets.items() if n > 1}
    assert not doubled, doubled
    assert sum(fetched) == sum(n for path, n in gets.items() if path != "/robots.txt")
    keys = _keys(engine)
    assert len(keys) == len(set(keys))  # no duplicates
    assert set(keys) == expected  # none lost
    # Each request started `delay` after the one before, whichever process sent it. The server sees
    # arrivals: a request that leaves late (its process busy parsing) shortens the gap after it,
    # hence the margins; two processes each keeping only their own delay would send about half
    # their requests in pairs and reach twice the rate.
    times = sorted(t for t, _path in server.arrivals)  # type: ignore[attr-defined]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert (times[-1] - times[0]) / len(gaps) >= delay * 0.95, gaps
    assert statistics.median(gaps) >= delay * 0.9, gaps
    assert sum(gap < delay / 2 for gap in gaps) <= len(gaps) * 0.1, gaps
    # the crawl is complete: nothing queued or held, and it is marked finished, its duplicate
    # filter kept a while for processes that start late
    client = connect(redis_url)
    prefix = f"claimline:{site_key(base)}:"
    left = sorted(k.decode().removeprefix(prefix) for k in client.scan_iter(match=prefix + "*"))
    assert left == ["dupefilter", "finished", "next"], left
    assert 0 < client.pttl(prefix + "dupefilter") <= FINISHED_GRACE_SECONDS * 1000
    client.close()
    # a third process that starts late joins the finished crawl: it fetches nothing and says why
    mark = len(server.request_log)  # type: ignore[attr-defined]
    late = subprocess.run(cmd, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=120)
    assert late.returncode == 0, late.stderr
    assert server.request_log[mark:] == []  # type: ignore[attr-defined]
    assert "finished" in json.loads(late.stdout)["warnings"][0]["warning"]


@pytest.mark.slow
def test_a_process_killed_with_9_then_restarted_loses_nothing(
    site: tuple[object, str, set[str]], db_url: str, engine: Engine, redis_url: str, tmp_path: Path
) -> None:
    server, base, expected = site
    server.latency = 0.15  # type: ignore[attr-defined]  # a slow host: the kill finds pages in flight
    cmd = _cmd(db_url, base, redis_url, "--delay", "0", "--concurrency", "2")
    first = subprocess.Popen(cmd, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_keys(engine)) < len(expected) // 3:
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "a third of the site was not stored in a minute"
        time.sleep(0.05)
    helpers = _children(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    _assert_gone(helpers)
    stored_at_kill = set(_keys(engine))
    assert 0 < len(stored_at_kill) < len(expected), "the kill came too late to test anything"
    client = connect(redis_url)
    held = sum(client.hlen(k) for k in client.scan_iter(match=f"claimline:{site_key(base)}:leases:*"))
    client.close()
    assert held > 0, "the killed process held no request: the kill did not test the leases"

    second = subprocess.run(cmd, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    assert summary["resumed"] and not summary["interrupted"]
    keys = _keys(engine)
    assert len(keys) == len(set(keys))  # nothing doubled
    assert set(keys) == expected  # nothing lost
    # the restart went on from the frontier: it did not start over, and fetched again at most
    # the pages the killed process held (robots.txt was read once, by the first)
    gets = _page_gets(server)
    assert gets["/"] == 1 and gets["/robots.txt"] == 1
    pages = {path: n for path, n in gets.items() if path != "/robots.txt"}
    assert sum(pages.values()) <= len(pages) + held
