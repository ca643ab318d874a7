"""Downloader middlewares: conditional requests, and redirects that lead to pages already crawled.

Conditional requests come from the fetch log: `If-None-Match` / `If-Modified-Since` per URL.

The validators come from the last good fetch of that exact (canonical) URL, loaded from the
`fetches` table when the crawl starts, and are only sent for pages whose outlinks the crawl
remembers (a `304` has no body to find links in). Running per request, after robots.txt and
before the redirect middleware, each hop of a redirect carries the validators of its own URL.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from .spiders.blog import BlogSpider
from .urls import canonical

CONDITIONAL_HEADERS = (b"If-None-Match", b"If-Modified-Since")


def _blog_spider(crawler: Crawler) -> BlogSpider | None:
    """The crawl's spider where it is a BlogSpider, whose shared objects (validators, pages seen,
    scope) are typed attributes; under any other spider these middlewares stand aside."""
    spider = crawler.spider
    return spider if isinstance(spider, BlogSpider) else None


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
        spider = _blog_spider(self.crawler)
        if spider is None or not spider.known:
            return None
        validators = spider.known.get(canonical(request.url))
        if validators is None:
            return None
        etag, last_modified, _digest = validators
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
        spider = _blog_spider(self.crawler)
        if spider is not None:
            if target in spider.seen:
                raise IgnoreRequest(f"{REDIRECT_SEEN}: {target}")
            spider.seen.add(target)
        return None


REDIRECT_SEEN = "redirects to a page already crawled"


class ScopeMiddleware:
    """Every request, a redirect's next hop included, checked against the crawl's scope
    (:mod:`crawler.scope`): http(s) only, the sites the user named, public addresses unless the
    user named a site on a private one. Runs before robots.txt, so an off-site host is not even
    asked for its robots.txt. A refusal fails the request with the URL and the rule."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = _blog_spider(self.crawler)
        if spider is None:
            return None
        refusal = spider.scope.refusal(request.url)
        if refusal is not None:
            hop = " (a redirect)" if request.meta.get("redirect_urls") else ""
            raise IgnoreRequest(f"{REFUSED[refusal.rule]}{hop}: {refusal}")
        return None


class RedirectScopeMiddleware:
    """A redirect whose target is out of scope fails here, with the target URL and the rule,
    before Scrapy's RedirectMiddleware sees it: it would otherwise report a redirect to `ftp:`
    as a bare "HTTP 302" and one to `javascript:` as a malformed URL."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectScopeMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Any) -> Any:
        spider = _blog_spider(self.crawler)
        location = response.headers.get(b"Location")
        if spider is None or not location or response.status not in (301, 302, 303, 307, 308):
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        refusal = spider.scope.refusal(target)
        if refusal is not None:
            raise IgnoreRequest(f"{REFUSED[refusal.rule]} (a redirect from {request.url}): {refusal}")
        return response


REFUSED = {"scheme": "refused scheme", "scope": "offsite", "address": "refused address"}
