"""A crawl frontier shared by several processes on several hosts, in Redis (scrapy-redis).

`claimline crawl URL... --frontier redis://HOST:6379/0` runs each site's spider on a scheduler
whose queue, duplicate filter and leases are in Redis (`scheduler`), with the per-site delay and
robots.txt shared there too (`politeness`); `shared` holds the keys and Lua scripts. Pages go to
the store as in any crawl (its writes are idempotent), and the crawl's local journal is not used:
the frontier itself is what a stopped or killed process resumes from.
"""
from __future__ import annotations

from typing import Any

from . import serializer
from .shared import LEASE_SECONDS, FrontierError, SiteFrontier, clear_site, connect, redacted

__all__ = ["FrontierError", "SiteFrontier", "clear_site", "connect", "frontier_settings", "redacted", "serializer"]

SCHEDULER = "crawler.frontier.scheduler.FrontierScheduler"


def frontier_settings(url: str, *, delay: float, middlewares: dict[str, int],
                      lease_seconds: float | None = None) -> dict[str, Any]:
    """Settings that put a crawl on the shared frontier at `url`; `delay` is kept between any two
    requests to one site by all processes together (Scrapy's own per-process delay and
    AutoThrottle are off: they cannot see the other processes)."""
    return {
        "FRONTIER_URL": url,
        "FRONTIER_DELAY": delay,
        "FRONTIER_LEASE_SECONDS": lease_seconds or LEASE_SECONDS,
        "SCHEDULER": SCHEDULER,
        "DOWNLOAD_DELAY": 0.0,
        "DOWNLOAD_DELAY_JITTER": 0.0,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {
            **middlewares,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.frontier.politeness.SharedRobotsTxtMiddleware": 100,
            # last before the download: the reserved start time is when the request leaves
            "crawler.frontier.politeness.SharedDelayMiddleware": 990,
        },
    }
