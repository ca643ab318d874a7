"""The frontier's parts on their own: the Redis scripts (queueing once, leases, reclaiming a silent
worker's requests, the end of a crawl, the shared delay), the JSON form of requests, a crawl of
the fixture blog on a frontier (redirects, robots.txt refusals, 404s: the same as without one),
and the message when Redis cannot be reached."""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict

from cli.main import cli
from crawler.frontier import SiteFrontier, clear_site, connect, serializer
from crawler.serve import serve_directory
from crawler.urls import site_key

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


@pytest.fixture
def server(redis_url: str) -> Iterator[Any]:
    client = connect(redis_url)
    yield client
    client.close()


@pytest.fixture
def site(server: Any) -> Iterator[str]:
    name = f"test-{uuid.uuid4().hex[:8]}.example"
    clear_site(server, name)
    yield name
    clear_site(server, name)


def test_a_url_is_queued_once_and_leased_to_the_worker_that_took_it(server: Any, site: str) -> None:
    a, b = SiteFrontier(server, site), SiteFrontier(server, site)
    assert a.push(b"page-1", -10, fingerprint="fp1")
    assert not b.push(b"page-1-again", -10, fingerprint="fp1")  # the filter is shared
    assert a.push(b"page-2", 0, fingerprint="fp2")
    assert a.pop() == b"page-1"  # the higher priority (lower score) first
    assert b.pop() == b"page-2"
    assert a.pop() is None and len(a) == 0
    assert a.outstanding().leased == 2
    a.release([b"page-1"])
    assert a.outstanding().leased == 1
    assert not a.finish()  # b still holds a page: the crawl is not over
    b.release([b"page-2"])
    assert a.finish()


def test_a_silent_workers_requests_go_back_to_the_frontier(server: Any, site: str) -> None:
    dead, alive = SiteFrontier(server, site, lease_seconds=2), SiteFrontier(server, site, lease_seconds=2)
    dead.heartbeat()
    alive.heartbeat()
    dead.push(b"page", 0, fingerprint="fp")
    assert dead.pop() == b"page"
    assert alive.reclaim() == 0  # its heartbeat is still fresh
    server.delete(dead.alive_key)  # as if it had been silent for `lease_seconds`
    assert alive.reclaim() == 1
    assert alive.pop() == b"page"
    assert alive.leave() == 1  # a process that stops puts back what it holds
    assert len(alive) == 1 and alive.outstanding().leased == 0


def test_a_finished_crawl_keeps_its_filter_a_while_then_a_new_url_revives_it(server: Any, site: str) -> None:
    f = SiteFrontier(server, site)
    f.push(b"page", 0, fingerprint="fp")
    f.release([f.pop() or b""])
    assert f.finish(grace=60)
    assert 0 < (f.finished_ago() or 0) + 1 and 0 < server.pttl(f.seen_key) <= 60_000
    assert not f.push(b"page", 0, fingerprint="fp")  # a late process finds it done
    assert f.push(b"new", 0, fingerprint="fp-new")  # a new start URL: the crawl goes on
    assert server.pttl(f.seen_key) == -1 and f.finished_ago() is None


def test_start_times_are_reserved_delay_apart_for_every_process(server: Any, site: str) -> None:
    a, b = SiteFrontier(server, site), SiteFrontier(server, site)
    waits = [a.reserve(site, 0.2), b.reserve(site, 0.2), a.reserve(site, 0.2)]
    assert waits[0] == pytest.approx(0, abs=0.05)
    assert waits[1] == pytest.approx(0.2, abs=0.05) and waits[2] == pytest.approx(0.4, abs=0.05)
    b.hold(site, 5)  # a Retry-After: nobody starts before it ends
    assert a.reserve(site, 0.2) == pytest.approx(5, abs=0.1)


def test_requests_travel_as_json_and_come_back_whole() -> None:
    class Blog(Spider):
        name = "blog"

        def parse(self, response: Any) -> None: ...

        def failed(self, failure: Any) -> None: ...

    spider = Blog()
    request = Request("http://h.example/2014/01/post/?x=1", callback=spider.parse, errback=spider.failed,
                      priority=30, dont_filter=True, headers={"If-None-Match": '"abc"'}, body=b"\x00\xff",
                      meta={"depth_hops": 2, "cl_url": "http://h.example/2014/01/post/?x=1",
                            "handle_httpstatus_list": [304], "redirect_urls": ["http://h.example/a"]})
    data = serializer.dumps(request.to_dict(spider=spider))
    assert b"pickle" not in data and json.loads(data)
    back = request_from_dict(serializer.loads(data), spider=spider)
    assert (back.url, back.priority, back.dont_filter, back.body) == (request.url, 30, True, b"\x00\xff")
    assert back.callback == spider.parse and back.errback == spider.failed
    assert back.headers.get("If-None-Match") == b'"abc"'
    assert back.meta == request.meta


def test_a_crawl_on_a_frontier_finds_what_a_plain_crawl_finds(db_url: str, redis_url: str, server: Any) -> None:
    with serve_directory(SITE) as base:
        clear_site(server, site_key(base))
        try:
            result = CliRunner().invoke(cli, ["--db", db_url, "crawl", base, "--delay", "0", "--json",
                                              "--frontier", redis_url])
            prefix = f"claimline:{site_key(base)}:"
            leases = [k for k in server.scan_iter(match=prefix + "leases:*")]
            queued = server.zcard(prefix + "requests")
        finally:
            clear_site(server, site_key(base))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    # as tests/cli/test_crawl_cmd.py finds without a frontier
    assert summary["pages"]["fetched"] == 8 and summary["redirects"] == 2
    assert summary["posts"]["new"] == 4 and summary["comments"]["new"] == 14
    assert sorted(summary["errors"]) == ["http-404", "robots"]
    assert summary["frontier"] == redis_url
    assert not leases and queued == 0  # every request finished, redirect hops included


def test_an_unreachable_redis_is_a_clear_error(tmp_path: Path) -> None:
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'c.db'}", "crawl", "http://h.example/",
                                      "--frontier", "redis://127.0.0.1:1/0"])
    assert result.exit_code == 1
    assert "--frontier redis://127.0.0.1:1/0: cannot reach Redis" in result.output
    assert time.monotonic() - start < 30
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'c.db'}", "crawl", "http://h.example/",
                                      "--frontier", "http://127.0.0.1:6379/0"])
    assert result.exit_code == 1 and "not a Redis URL" in result.output
