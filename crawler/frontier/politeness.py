"""Politeness shared by every process crawling a site through one frontier.

- `SharedDelayMiddleware`: each request to a site waits for its own start time, reserved in Redis
  `delay` seconds after the previous one of ANY process (`SiteFrontier.reserve`, one Lua script on
  Redis' clock, so the hosts' clocks do not matter). A 429/503 with Retry-After holds the site for
  every process. It runs last among the downloader middlewares (after robots.txt, whose own
  request passes through it too), so the reserved time is when the request really leaves.
- `SharedRobotsTxtMiddleware`: Scrapy's robots.txt middleware, reading a site's robots.txt once
  for all processes: the first to need it fetches it (a short claim in Redis) and stores the
  body for a day; the others wait for that body and parse it themselves.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from ..retry_after import response_wait
from ..urls import site_key
from .shared import SiteFrontier, connect

log = logging.getLogger(__name__)

ROBOTS_WAIT = 30.0
"""Longest wait for another process's robots.txt fetch before fetching it here."""


def _frontier(crawler: Crawler) -> SiteFrontier:
    url = crawler.settings.get("FRONTIER_URL")
    if not url:
        raise NotConfigured
    spider = crawler.spider
    site = getattr(spider, "host", None) or "robots"
    return SiteFrontier(connect(url), site)


async def _sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


class SharedDelayMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.delay = crawler.settings.getfloat("FRONTIER_DELAY")
        self.crawler = crawler
        self._frontier: SiteFrontier | None = None
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX", 300.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedDelayMiddleware:
        if not crawler.settings.get("FRONTIER_URL"):
            raise NotConfigured
        return cls(crawler)

    @property
    def frontier(self) -> SiteFrontier:
        if self._frontier is None:
            self._frontier = _frontier(self.crawler)
        return self._frontier

    async def process_request(self, request: Request) -> None:
        if self.delay <= 0:
            return None
        wait = self.frontier.reserve(site_key(request.url), self.delay)
        if wait > 0:
            await _sleep(wait)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in (429, 503):
            wait = response_wait(response)
            if wait is not None and 0 < wait <= self.max_wait:
                self.frontier.hold(site_key(request.url), wait)
        return response


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        if not crawler.settings.get("FRONTIER_URL"):
            raise NotConfigured
        self._shared: SiteFrontier | None = None

    @property
    def shared(self) -> SiteFrontier:
        if self._shared is None:
            self._shared = _frontier(self.crawler)
        return self._shared

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            body = await self._shared_body(netloc)
            if body is not None:
                self._stats.inc_value("robotstxt/shared")
                self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, body)
        return await super().robot_parser(request)

    async def _shared_body(self, netloc: str) -> bytes | None:
        """Another process's copy of `netloc`'s robots.txt (Scrapy keeps one per netloc too), waiting while one is fetching it;
        None when this process should fetch it (it now holds the claim)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ROBOTS_WAIT
        while True:
            body = self.shared.robots(netloc)
            if body is not None:
                return body
            if self.shared.claim_robots(netloc, ROBOTS_WAIT) or loop.time() > deadline:
                return None
            await _sleep(0.05)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        self.shared.store_robots(netloc, response.body)
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        # Not cached: the next process to need it tries again instead of waiting for the claim.
        self.shared.drop_robots_claim(netloc)
        super()._robots_error(exc, netloc)
