"""scrapy-redis' scheduler and duplicate filter, adapted so that several processes share one
site's frontier and nothing a killed process held is lost (`crawler.frontier.shared`).

What the subclasses change:

- keys per site (`claimline:SITE:...`), not per spider name: every claimline crawler is the
  spider `blog`, one per site;
- queueing is one Lua script (seen-check and add); scrapy-redis adds to the filter and to the
  queue in two commands, and a kill between them would lose the URL;
- a popped request is leased to this process until its page is stored (the store pipeline's
  `pages_stored` signal); its redirect hops and retries stay in this process under that lease;
- requests the spider marks `dont_filter` (its own per-process dedupe) still go through the
  shared filter;
- a heartbeat every second; any process puts back the leases of a silent one;
- the spider stays open while another process holds requests (they may lead to more pages);
  the last one out marks the site's crawl finished, and its duplicate filter expires
  `FINISHED_GRACE_SECONDS` later: a process started late joins the finished crawl (and has
  nothing to do), one started after that crawls the site afresh.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from ..pipelines import pages_stored
from ..urls import canonical, site_key
from . import serializer
from .shared import LEASE_SECONDS, SiteFrontier, connect

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0
"""How often a process renews its heartbeat (in a thread), reclaims silent ones' leases and looks
for work (in the reactor)."""

LEASED = "frontier_leased"
"""Meta flag on a request popped from the frontier (copied into its redirects and retries)."""



class SiteQueue(PriorityQueue):
    """scrapy-redis' priority queue (same layout), on a site's key and with the JSON serializer."""

    def __init__(self, frontier: SiteFrontier, spider: Any) -> None:
        super().__init__(frontier.server, spider, frontier.queue_key, serializer=serializer)
        self.frontier = frontier

    def encode(self, request: Request) -> bytes:
        return self._encode_request(request)

    def decode(self, data: bytes) -> Request:
        return self._decode_request(data)


class SiteDupeFilter(RFPDupeFilter):
    """scrapy-redis' fingerprints (method, canonical URL, body) in the site's set."""


class FrontierScheduler(Scheduler):
    def __init__(self, server: Any, crawler: Any, *, lease_seconds: float = LEASE_SECONDS) -> None:
        super().__init__(server, persist=True, serializer=serializer)
        self.crawler = crawler
        self.stats = crawler.stats
        self.lease_seconds = lease_seconds
        self.frontier: SiteFrontier | None = None
        self.leases: dict[str, tuple[bytes, str]] = {}
        """cl_url -> (the lease's encoded request, the URL it was popped for)."""
        self._beat: Any = None
        self._alive = threading.Event()
        self.local: deque[Request] = deque()
        """Redirect hops and retries of leased requests (see `_continue`)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        server = connect(crawler.settings.get("FRONTIER_URL"))
        return cls(server, crawler, lease_seconds=crawler.settings.getfloat("FRONTIER_LEASE_SECONDS", LEASE_SECONDS))

    # --- lifecycle ------------------------------------------------------------------------
    def open(self, spider: Any) -> None:
        self.spider = spider
        site = getattr(spider, "host", None) or site_key(spider.start_urls[0])
        self.frontier = SiteFrontier(self.server, site, lease_seconds=self.lease_seconds)
        self.queue = SiteQueue(self.frontier, spider)
        self.df = SiteDupeFilter(self.server, key=self.frontier.seen_key)
        self.frontier.heartbeat()
        back = self.frontier.reclaim()
        if back:
            log.info("%s: %d requests of stopped crawlers put back in the frontier", site, back)
        self.crawler.signals.connect(self._pages_stored, signal=pages_stored)
        self.crawler.signals.connect(self._idle, signal=signals.spider_idle)
        from twisted.internet import task

        every = min(HEARTBEAT_SECONDS, self.lease_seconds / 4)
        self._beat = task.LoopingCall(self._look)
        self._beat.start(every, now=False)
        # The heartbeat has a thread of its own: a reactor held up for a while (a burst of parsing
        # on a starved CPU) must not make a live process look dead and its pages fetched twice.
        self._alive = threading.Event()
        threading.Thread(target=self._heartbeat, args=(self.frontier, every, self._alive),
                         name="claimline-frontier-heartbeat", daemon=True).start()

    def close(self, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        self._alive.set()
        if self.frontier is None:
            return
        back = self.frontier.leave()
        if back:
            log.info("%s: %d unfinished requests put back in the frontier", self.frontier.site, back)
        self.leases.clear()
        self.local.clear()
        if reason == "finished" and self.frontier.finish():
            log.info("%s: the shared crawl is complete", self.frontier.site)

    @staticmethod
    def _heartbeat(frontier: SiteFrontier, every: float, stop: threading.Event) -> None:
        while not stop.wait(every):
            try:
                frontier.heartbeat()
            except Exception as exc:  # noqa: BLE001 - Redis away for a moment: the next beat retries
                log.warning("frontier heartbeat failed: %s", exc)

    def _look(self) -> None:
        """Put back a silent process's requests, and let the engine see new work (from another
        process) or the end of the crawl now rather than at its next 5-second heartbeat."""
        assert self.frontier is not None
        try:
            back = self.frontier.reclaim()
            if back:
                log.info("%s: %d requests of a silent crawler put back in the frontier", self.frontier.site, back)
            _wake(self.crawler)
        except Exception as exc:  # noqa: BLE001 - Redis away for a moment: the next look retries
            log.warning("frontier: %s", exc)

    def _idle(self) -> None:
        """Keep the spider open while the frontier has requests or another process holds some."""
        assert self.frontier is not None
        self.frontier.reclaim()
        if not self.frontier.outstanding().empty:
            raise DontCloseSpider

    # --- requests -------------------------------------------------------------------------
    def enqueue_request(self, request: Request) -> bool:
        assert self.frontier is not None
        if request.meta.get(LEASED):
            return self._continue(request)
        added = self.frontier.push(self.queue.encode(request), -request.priority,
                                   fingerprint=self.df.request_fingerprint(request))
        if added:
            self.stats.inc_value("scheduler/enqueued/redis")
        else:
            self.df.log(request, self.spider)
        return added

    def _continue(self, request: Request) -> bool:
        """A redirect hop or a retry of a request this process holds stays here, under the lease
        of the request it continues: killed, the original request goes back and is redone whole.
        A hop to a page some process queued itself is ended as a redirect to a page already
        crawled (`RedirectTargetMiddleware`, through the spider's `seen`): that process fetches it.
        The filter is only read here, never added to, so a page reached only through a redirect
        is never marked seen by a process that may die before storing it."""
        key = request.meta.get("cl_url") or canonical(request.url)
        lease = self.leases.get(key)
        target = canonical(request.url)
        seen = getattr(self.spider, "seen", None)
        if lease is not None and target != lease[1] and seen is not None and target not in seen:
            if self.server.sismember(self.df.key, self.df.request_fingerprint(request)):
                seen.add(target)
        self.local.append(request)
        return True

    def next_request(self) -> Request | None:
        assert self.frontier is not None
        if self.local:
            return self.local.popleft()
        data = self.frontier.pop()
        if data is None:
            return None
        request = self.queue.decode(data)
        request.meta[LEASED] = True
        self.leases[request.meta.get("cl_url") or canonical(request.url)] = (data, canonical(request.url))
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.local) or (self.frontier is not None and len(self.frontier) > 0)

    def _pages_stored(self, batch: list[dict[str, Any]]) -> None:
        """The pages are committed: their requests are done."""
        assert self.frontier is not None
        done = []
        for item in batch:
            lease = self.leases.pop(item.get("requested") or item.get("url") or "", None)
            if lease is not None:
                done.append(lease[0])
        self.frontier.release(done)


def _wake(crawler: Any) -> None:
    """Ask the engine to look at the scheduler now rather than at its next 5-second heartbeat."""
    slot = getattr(crawler.engine, "_slot", None)
    nextcall = getattr(slot, "nextcall", None)
    if nextcall is not None:
        nextcall.schedule()
