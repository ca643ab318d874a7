"""Downloader middlewares: conditional requests, and redirects that lead to pages already crawled.

Conditional requests come from the fetch log: `If-None-Match` / `If-Modified-Since` per URL.

The validators come from the last good fetch of that exact (canonical) URL, loaded from the
`fetches` table when the crawl starts, and are only sent for pages whose outlinks the crawl
remembers (a `304` has no body to find links in). Running per request, after robots.txt and
before the redirect middleware, each hop of a redirect carries the validators of its own URL.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from .urls import canonical

CONDITIONAL_HEADERS = (b"If-None-Match", b"If-Modified-Since")


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        for name in CONDITIONAL_HEADERS:
            request.headers.pop(name, None)
        if request.meta.get("unconditional"):
            return None
        known = getattr(self.crawler.spider, "known", None)
        if not known:
            return None
        validators: Any = known.get(canonical(request.url))
        if validators is None:
            return None
        etag, last_modified = validators[0], validators[1]
        if etag:
            request.headers[b"If-None-Match"] = etag
        if last_modified:
            request.headers[b"If-Modified-Since"] = last_modified
        return None


class RedirectTargetMiddleware:
    """Each page once, however many URLs redirect to it; a redirect back into its own chain is
    a loop and fails as one (before Scrapy's REDIRECT_MAX_TIMES would)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectTargetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if not chain:
            return None
        target = canonical(request.url)
        earlier = [canonical(u) for u in chain]
        if target in earlier:
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*earlier, target])}")
        seen = getattr(self.crawler.spider, "seen", None)
        if seen is not None:
            if target in seen:
                raise IgnoreRequest(f"{REDIRECT_SEEN}: {target}")
            seen.add(target)
        return None


REDIRECT_SEEN = "redirects to a page already crawled"
