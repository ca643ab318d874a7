"""Scrapy settings for claimline crawls: polite by default, quiet, resumable.

`crawl_settings(...)` builds the settings for one site's crawl from the command-line choices; the
module-level names are the defaults (and make this a normal Scrapy settings module).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from collections.abc import Iterable
from typing import Any

PROJECT_URL = "https://github.com/claimline/claimline"


def _version() -> str:
    try:
        return version("claimline")
    except PackageNotFoundError:
        return "0+unknown"


USER_AGENT = f"claimline/{_version()} (+{PROJECT_URL})"
BOT_NAME = "claimline"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
DEFAULT_DELAY = 1.0
"""Seconds between requests to one site by default; AutoThrottle adapts from there."""
DEFAULT_CONCURRENCY = 4
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 1
RETRY_AFTER_MAX = 300.0
"""Longest Retry-After honoured (seconds); a longer demand is that page's error."""
STORE_BATCH = 50
"""Pages written per store transaction."""

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Ordered after Scrapy's RobotsTxtMiddleware (100) and before RedirectMiddleware (600), so that
# each hop of a redirect gets the validators of its own URL.
DOWNLOADER_MIDDLEWARES = {
    # First of all (before robots.txt at 100): what may be fetched at all.
    "crawler.middlewares.ScopeMiddleware": 40,
    # Between the downloader and RedirectMiddleware (600): an out-of-scope Location fails as such.
    "crawler.middlewares.RedirectScopeMiddleware": 650,
    # After RetryMiddleware (550) in number, so it sees a 429/503 with Retry-After before it does.
    "crawler.retry_after.RetryAfterMiddleware": 560,
    "crawler.middlewares.RedirectTargetMiddleware": 580,
    "crawler.middlewares.ConditionalRequestMiddleware": 590,
}
ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
# Extensions a crawl has no use for. SpiderState would also replace `spider.state` (the crawl's
# journal) with a dict of its own.
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "scrapy.extensions.spiderstate.SpiderState": None,
    "scrapy.extensions.memdebug.MemoryDebugger": None,
}
# Scrapy's own downloader middlewares a crawl turns off (COOKIES_ENABLED is False besides).
DOWNLOADER_MIDDLEWARES_OFF: frozenset[str] = frozenset({"scrapy.downloadermiddlewares.cookies.CookiesMiddleware"})


def _without(base: dict[str, Any], off: Iterable[str]) -> dict[str, Any]:
    """Scrapy's default component list `base` without the components `off`.

    Switched off in EXTENSIONS or DOWNLOADER_MIDDLEWARES (`None`), a component is still imported:
    Scrapy loads every key of those settings to match it with its default, and imports the
    default list's disabled components too (to be told NotConfigured). The remote control brings
    aiohttp, the telnet console Twisted's conch, the cookies middleware tldextract and requests:
    a fifth of a second of every crawl's start-up (`bench/crawl.py`). Left out of the defaults
    they are never imported."""
    return {name: order for name, order in base.items() if name not in set(off)}


def crawl_settings(
    *,
    delay: float | None,
    concurrency: int | None,
    verbose: int = 0,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Settings for one site's crawl. `delay=0` turns throttling off (targets you own)."""
    from scrapy.settings import default_settings

    delay = DEFAULT_DELAY if delay is None else max(0.0, delay)
    concurrency = max(1, concurrency or (DEFAULT_CONCURRENCY if delay else 16))
    settings: dict[str, Any] = {
        "BOT_NAME": BOT_NAME,
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": ROBOTSTXT_OBEY,
        "ROBOTSTXT_USER_AGENT": BOT_NAME,
        "TWISTED_REACTOR": TWISTED_REACTOR,
        "DOWNLOADER_MIDDLEWARES": DOWNLOADER_MIDDLEWARES,
        "DOWNLOADER_MIDDLEWARES_BASE": _without(
            default_settings.DOWNLOADER_MIDDLEWARES_BASE, DOWNLOADER_MIDDLEWARES_OFF),
        "ITEM_PIPELINES": ITEM_PIPELINES,
        "EXTENSIONS_BASE": _without(default_settings.EXTENSIONS_BASE, EXTENSIONS),
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay else 0.0,
        "AUTOTHROTTLE_ENABLED": bool(delay),
        "AUTOTHROTTLE_START_DELAY": delay or 1.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": min(2.0, float(concurrency)),
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_TIMEOUT": timeout or DOWNLOAD_TIMEOUT,
        "DOWNLOAD_MAXSIZE": max_bytes or DOWNLOAD_MAXSIZE,
        "DOWNLOAD_WARNSIZE": min(DOWNLOAD_WARNSIZE, max_bytes or DOWNLOAD_WARNSIZE),
        "REDIRECT_MAX_TIMES": REDIRECT_MAX_TIMES,
        "RETRY_TIMES": RETRY_TIMES,
        "RETRY_AFTER_MAX": RETRY_AFTER_MAX,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # opens a local control port; a crawl needs none
        "LOG_ENABLED": verbose > 0,
        "LOG_LEVEL": "DEBUG" if verbose > 1 else "INFO",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "STORE_BATCH": STORE_BATCH,
    }
    return settings
