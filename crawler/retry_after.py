"""Honour `Retry-After`: a site that answers 429 or 503 with it gets the quiet it asks for.

Scrapy's RetryMiddleware retries a 429/503 at once (after the slot's usual delay), so a site that
says "come back in 30 s" is asked again within a second, and meanwhile every other queued page of
that site is fetched as if nothing was said: a sure way to be rate-limited harder or banned. This
middleware, placed just after RetryMiddleware (a higher order number, so it sees the response
first), takes over those answers when they carry a usable `Retry-After` (delta-seconds or an
HTTP-date, RFC 9110 §10.2.3):

* the site's downloader slot is paused for that long: its queue is not processed until the time
  is up, so no request to that host starts meanwhile (requests already on the wire finish), and
  the retry, which lands in the same slot, goes out no sooner;
* the retry uses RetryMiddleware's budget (`RETRY_TIMES`, `max_retry_times`, `dont_retry`) and its
  stats, so a page is never tried more often than without this middleware; once the budget is
  spent the answer is passed on and RetryMiddleware gives up on it as usual (an `http-429` error);
* a demand over `RETRY_AFTER_MAX` seconds pauses the site for the cap only and drops the page with
  IgnoreRequest, whose message (status, asked wait, cap) the spider's errback records as that
  URL's error, so the crawl goes on;
* no header, or one that is neither form, changes nothing: RetryMiddleware handles it.

Why pause the slot instead of raising `slot.delay`: the delay only applies when it is non-zero
(`delay=0` crawls have none), is randomised by the jitter (a wait of 10 s could become 5 s), and
AutoThrottle rewrites it after every response. `slot.latercall` is the slot's own "not before"
timer: while it is set the slot's queue waits, whatever the delay. Releasing it goes through
`Downloader._latercall` (private in Scrapy 2.19); the end-to-end test catches a change.

Settings: `RETRY_AFTER_HTTP_CODES` (default 429, 503) and `RETRY_AFTER_MAX` (default 300 s).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from time import monotonic
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.asyncio import call_later

log = logging.getLogger(__name__)

RETRY_AFTER_HTTP_CODES: tuple[int, ...] = (429, 503)
"""Answers whose `Retry-After` is honoured: Too Many Requests and Service Unavailable."""
RETRY_AFTER_MAX = 300.0
"""Longest wait honoured, in seconds; a longer demand costs the page, not the crawl."""

_DELTA_SECONDS = re.compile(r"\d+")


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value, or None when there is none or it is unusable.

    Delta-seconds are a run of digits; anything else must be an HTTP-date (IMF-fixdate, RFC 850 or
    asctime), measured from `now` (aware; the response's `Date` when it has one, so a server clock
    that is off does not shift the wait). A date already past means no wait (0.0).
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if _DELTA_SECONDS.fullmatch(text):
        return float(int(text))
    when = _http_date(text)
    if when is None:
        return None
    base = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - base).total_seconds())


def _http_date(text: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)  # asctime is GMT


def _status_line(status: int) -> str:
    """`HTTP 429 Too Many Requests`, the spider's wording (Twisted's table lacks 429)."""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "error"
    return f"HTTP {status} {phrase}"


def _header(response: Response, name: bytes) -> bytes | None:
    value = response.headers.get(name)
    return bytes(value) if value is not None else None


def response_wait(response: Response) -> float | None:
    """The wait a response asks for, measured from its own `Date` when it has a usable one."""
    date = _header(response, b"Date")
    now = _http_date(date.decode("latin-1")) if date else None
    return retry_after_seconds(_header(response, b"Retry-After"), now=now)


CallLater = Callable[..., Any]
"""`scrapy.utils.asyncio.call_later`'s shape: (delay, func, *args) -> a handle with `cancel()`."""


class RetryAfterMiddleware:
    """Downloader middleware: retry a 429/503 after its `Retry-After`, pausing the whole site."""

    def __init__(self, crawler: Crawler, *, later: CallLater = call_later) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.codes = frozenset(int(c) for c in settings.getlist("RETRY_AFTER_HTTP_CODES", list(RETRY_AFTER_HTTP_CODES)))
        self.cap = settings.getfloat("RETRY_AFTER_MAX", RETRY_AFTER_MAX)
        self.retry_enabled = settings.getbool("RETRY_ENABLED")
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.priority_adjust = settings.getint("RETRY_PRIORITY_ADJUST")
        self._later = later
        self.paused_until: dict[str, float] = {}
        """Slot key -> monotonic time its pause ends (the latest asked for)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.codes:
            return response
        wait = response_wait(response)
        if wait is None:
            return response  # no usable header: RetryMiddleware's ordinary retry
        stats = self.crawler.stats
        status = _status_line(response.status)
        if wait > self.cap:
            self.pause(request, self.cap)
            if stats is not None:
                stats.inc_value("retry_after/over_cap")
            reason = (
                f"{status}: the site asks to wait {wait:.0f} s (Retry-After), "
                f"over RETRY_AFTER_MAX {self.cap:.0f} s; page given up"
            )
            log.warning("%s: %s", request.url, reason)
            raise IgnoreRequest(reason)
        self.pause(request, wait)
        if stats is not None:
            stats.inc_value("retry_after/count")
            stats.max_value("retry_after/max_seconds", wait)
        if not self._may_retry(request):
            return response  # RetryMiddleware gives up on it, with its log and stats
        spider = self.crawler.spider
        assert spider is not None
        retry = get_retry_request(
            request,
            spider=spider,
            reason=status,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
        )
        if retry is None:
            return response
        retry.meta["retry_after"] = wait
        log.info("%s: %s, Retry-After %.0f s: site paused, page retried then", request.url, status, wait)
        return retry

    def _may_retry(self, request: Request) -> bool:
        if not self.retry_enabled or request.meta.get("dont_retry", False):
            return False
        budget = request.meta.get("max_retry_times", self.max_retry_times)
        return int(request.meta.get("retry_times", 0)) < int(budget)

    def pause(self, request: Request, seconds: float) -> float | None:
        """Hold the downloader slot of `request` for `seconds`; returns when (monotonic) it ends.

        None when there is nothing to hold (no running downloader, the slot already gone, or no
        wait). A shorter pause never cuts a longer one short; the slot's own delay timer, if set,
        is replaced: when the pause ends the slot re-checks its delay from `lastseen` anyway.
        """
        if seconds <= 0:
            return None
        engine = self.crawler.engine
        downloader = getattr(engine, "downloader", None)
        if downloader is None:
            return None
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return None
        until = monotonic() + seconds
        if slot.latercall is not None and self.paused_until.get(key, 0.0) >= until:
            return self.paused_until[key]
        if slot.latercall is not None:
            slot.latercall.cancel()
        slot.latercall = self._later(seconds, downloader._latercall, slot)
        self.paused_until[key] = until
        return until
