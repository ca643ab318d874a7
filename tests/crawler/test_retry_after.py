"""A site that answers 429/503 with Retry-After is left alone that long, then the page is retried.

Offline: the middleware on hand-made responses, with Scrapy's own downloader slot (no reactor; the
timer that ends a pause is recorded, not run). End to end: a loopback site whose page answers 429
once is crawled into each database.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.core.downloader import Downloader, Slot
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from sqlalchemy import select
from sqlalchemy.engine import Engine
from twisted.internet.defer import Deferred

import crawler.settings as crawl_settings
from crawler.retry_after import RETRY_AFTER_MAX, RetryAfterMiddleware, retry_after_seconds
from crawler.run import crawl
from store.models import Document, Fetch

URL = "http://blog.test/2020/01/02/a-post/"
HOST = "blog.test"
DATE = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


# --- parsing the header --------------------------------------------------------------------
def _http_date(when: datetime) -> str:
    return format_datetime(when, usegmt=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (b"7", 7.0),
        ("  5 ", 5.0),
        ("0", 0.0),
        (_http_date(DATE + timedelta(seconds=90)), 90.0),  # IMF-fixdate
        ("Monday, 06-May-24 07:10:09 GMT", 120.0),  # RFC 850
        ("Mon May  6 07:09:09 2024", 60.0),  # asctime, GMT by definition
        (_http_date(DATE - timedelta(hours=1)), 0.0),  # a date already past: no wait
        ("1.5", None),  # delta-seconds are whole
        ("-5", None),
        ("soon", None),
        ("Mon, 99 Foo 2024 07:08:09 GMT", None),
        ("", None),
        (None, None),
    ],
    ids=lambda v: repr(v)[:24],
)
def test_retry_after_value_to_seconds(value: bytes | str | None, expected: float | None) -> None:
    assert retry_after_seconds(value, now=DATE) == expected


# --- the middleware offline ----------------------------------------------------------------
@dataclass
class Timer:
    delay: float
    func: Callable[..., Any]
    args: tuple[Any, ...]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True

    def fire(self) -> None:
        self.func(*self.args)


@dataclass
class Rig:
    middleware: RetryAfterMiddleware
    downloader: Downloader
    slot: Slot
    timers: list[Timer] = field(default_factory=list)

    def live_timers(self) -> list[Timer]:
        return [t for t in self.timers if not t.cancelled]


def _crawler(**settings: Any) -> Crawler:
    # No download handlers: building them needs a reactor, and nothing is downloaded here.
    crawler = get_crawler(settings_dict={"DOWNLOAD_HANDLERS": {"http": None, "https": None}, **settings})
    crawler.spider = Spider.from_crawler(crawler, name="offline")
    return crawler


@pytest.fixture
def rig() -> Rig:
    return _rig()


def _rig(**settings: Any) -> Rig:
    crawler = _crawler(RETRY_TIMES=1, **settings)
    downloader = Downloader(crawler)
    slot = Slot(concurrency=4, delay=0.0, jitter=0.0)
    downloader.slots[HOST] = slot  # as Downloader._get_slot would, without its GC timer
    crawler.engine = SimpleNamespace(downloader=downloader)  # type: ignore[assignment]
    timers: list[Timer] = []

    def later(delay: float, func: Callable[..., Any], *args: Any) -> Timer:
        timers.append(Timer(delay, func, args))
        return timers[-1]

    return Rig(RetryAfterMiddleware(crawler, later=later), downloader, slot, timers)


def _answer(status: int, headers: dict[str, str], meta: dict[str, Any] | None = None) -> tuple[Request, Response]:
    request = Request(URL, meta={"download_slot": HOST, **(meta or {})})
    return request, Response(URL, status=status, headers=headers, request=request)


IN_AN_HOUR = _http_date(datetime.now(UTC) + timedelta(hours=1))


@pytest.mark.parametrize(
    ("status", "headers", "outcome", "paused"),
    [
        (429, {"Retry-After": "7"}, "retry", 7.0),
        (503, {"Retry-After": "2"}, "retry", 2.0),
        (429, {"Retry-After": _http_date(DATE + timedelta(seconds=120)), "Date": _http_date(DATE)}, "retry", 120.0),
        (503, {"Retry-After": _http_date(DATE - timedelta(seconds=5)), "Date": _http_date(DATE)}, "retry", None),
        (429, {"Retry-After": "soon"}, "pass", None),  # RetryMiddleware's ordinary retry
        (429, {}, "pass", None),
        (503, {"Retry-After": "-1"}, "pass", None),
        (429, {"Retry-After": str(int(RETRY_AFTER_MAX) + 1)}, "give-up", RETRY_AFTER_MAX),
        (503, {"Retry-After": IN_AN_HOUR}, "give-up", RETRY_AFTER_MAX),
        (500, {"Retry-After": "5"}, "pass", None),  # not a code that asks to come back later
        (200, {"Retry-After": "5"}, "pass", None),
    ],
    ids=[
        "429-delta", "503-delta", "429-http-date", "503-date-past", "429-garbage", "429-missing",
        "503-negative", "429-over-cap", "503-date-over-cap", "500-ignored", "200-ignored",
    ],
)
def test_answer_to_retry_after(
    rig: Rig, status: int, headers: dict[str, str], outcome: str, paused: float | None
) -> None:
    request, response = _answer(status, headers)
    if outcome == "give-up":
        with pytest.raises(IgnoreRequest) as raised:
            rig.middleware.process_response(request, response)
        assert str(status) in str(raised.value) and "Retry-After" in str(raised.value)
        assert f"{RETRY_AFTER_MAX:.0f} s" in str(raised.value)
    else:
        result = rig.middleware.process_response(request, response)
        if outcome == "pass":
            assert result is response
        else:
            assert isinstance(result, Request) and result.url == URL
            assert result.meta["retry_times"] == 1 and result.dont_filter
            assert result.meta["download_slot"] == HOST  # back into the paused slot
    assert [t.delay for t in rig.live_timers()] == ([] if paused is None else [paused])
    assert (rig.slot.latercall is not None) == (paused is not None)


def test_a_paused_slot_starts_nothing_until_its_timer_ends(rig: Rig) -> None:
    request, response = _answer(429, {"Retry-After": "30"})
    rig.middleware.process_response(request, response)
    waiting = Request("http://blog.test/another-page/")
    rig.slot.queue.append((waiting, Deferred()))
    rig.downloader._process_queue(rig.slot)  # what the downloader does when a request arrives
    assert [r for r, _ in rig.slot.queue] == [waiting] and not rig.slot.transferring
    rig.slot.queue.clear()
    [timer] = rig.live_timers()
    timer.fire()
    assert rig.slot.latercall is None  # the slot runs again


def test_a_shorter_demand_does_not_cut_a_longer_pause_short(rig: Rig) -> None:
    for seconds in ("60", "5"):
        request, response = _answer(503, {"Retry-After": seconds})
        rig.middleware.process_response(request, response)
    assert [t.delay for t in rig.live_timers()] == [60.0]
    request, response = _answer(503, {"Retry-After": "90"})
    rig.middleware.process_response(request, response)
    assert [t.delay for t in rig.live_timers()] == [90.0]


@pytest.mark.parametrize(
    ("meta", "settings"),
    [
        ({"retry_times": 1}, {}),  # RETRY_TIMES=1 spent already
        ({"max_retry_times": 0}, {}),
        ({"dont_retry": True}, {}),
        ({}, {"RETRY_ENABLED": False}),
    ],
    ids=["budget-spent", "max-retry-times-0", "dont-retry", "retry-disabled"],
)
def test_no_retry_left_passes_the_answer_on_but_still_pauses_the_site(
    meta: dict[str, Any], settings: dict[str, Any]
) -> None:
    rig = _rig(**settings)
    request, response = _answer(429, {"Retry-After": "3"}, meta)
    assert rig.middleware.process_response(request, response) is response
    assert [t.delay for t in rig.live_timers()] == [3.0]


def test_the_cap_and_the_codes_are_settings() -> None:
    rig = _rig(RETRY_AFTER_MAX=10, RETRY_AFTER_HTTP_CODES=[503])
    request, response = _answer(503, {"Retry-After": "11"})
    with pytest.raises(IgnoreRequest):
        rig.middleware.process_response(request, response)
    request, response = _answer(429, {"Retry-After": "3"})
    assert rig.middleware.process_response(request, response) is response


# --- end to end ----------------------------------------------------------------------------
POST = (
    b"<html><head><title>A slow post</title></head><body class='single postid-7'>"
    b"<article class='post'><h1 class='entry-title'>A slow post</h1>"
    b"<div class='entry-content'><p>Worth the wait.</p></div></article></body></html>"
)
INDEX = b"<html><body class='home'><a href='/slow/'>a slow post</a></body></html>"


class _SlowOnce(BaseHTTPRequestHandler):
    """`/slow/` answers 429 with Retry-After: 1 the first time, then the post."""

    hits: list[tuple[str, float, int]]  # (path, monotonic time, status), set per server

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/":
            status, body, extra = 200, INDEX, {}
        elif self.path == "/slow/":
            first = not any(path == "/slow/" for path, _, _ in self.hits)
            status, body, extra = (429, b"slow down", {"Retry-After": "1"}) if first else (200, POST, {})
        else:
            status, body, extra = 404, b"not here", {}
        self.hits.append((self.path, time.monotonic(), status))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def slow_site() -> Iterator[tuple[str, list[tuple[str, float, int]]]]:
    hits: list[tuple[str, float, int]] = []
    handler = type("Handler", (_SlowOnce,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_429_with_retry_after_is_fetched_again_after_the_wait_and_stored(
    slow_site: tuple[str, list[tuple[str, float, int]]],
    tmp_path: Path,
    db_url: str,
    engine: Engine,
) -> None:
    assert "crawler.retry_after.RetryAfterMiddleware" in crawl_settings.DOWNLOADER_MIDDLEWARES
    base, hits = slow_site

    summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")

    slow = [(at, status) for path, at, status in hits if path == "/slow/"]
    assert [status for _, status in slow] == [429, 200]
    assert slow[1][0] - slow[0][0] >= 0.95, "retried before the Retry-After was up"
    assert summary.error_count == 0, summary.errors
    assert not summary.interrupted and summary.posts.new == 1
    with engine.connect() as conn:
        fetched = conn.execute(select(Fetch.status, Fetch.error).where(Fetch.url == base + "slow/")).all()
        assert (200, None) in fetched
        assert conn.execute(select(Document.id).where(Document.platform_id == "7")).first() is not None
