"""The blog spider: one site, its posts, their comment pages, its listings and feeds.

The spider only discovers and fetches; it never parses threads (the store pipeline does that in
its writer thread, off the download loop) and never touches the database. Every request ends as
exactly one `PageItem`, success or failure, so the pipeline sees the whole crawl.

Discovery follows links on the same site (host, `www.` or not) that survive canonicalisation and
the trap guards. Depth counts hops from a start URL; a post's comment pages (`comment-page-N`)
keep the post's depth, so `--depth 1` from a blog's front page still gets whole threads.
`max_pages` caps the number of pages requested (robots.txt not counted).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import feedparser
import scrapy
from lxml import etree
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from .. import urls
from ..parsers.document import urlsplit_scheme
from ..scope import Scope
from ..items import PageItem
from ..state import SiteState
from .failures import NOT_ERRORS, classify_failure
from . import wp_api
from .roles import page_role

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..pipelines import SiteTally
    from ..writer_process import WriterProcess

log = logging.getLogger(__name__)

# Where links are, in the order they are worth following: comment pages first (they finish a
# thread), then "older posts" and rel=next, then feeds, then every other anchor.
LINK_XPATHS: tuple[str, ...] = (
    "//link[@rel='next' or @rel='prev']/@href",
    "//a[@rel='next' or @rel='prev']/@href",
    "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href",
    "//link[@rel='canonical']/@href",
    "//a[@href]/@href",
)
# Priorities per link kind (higher is fetched sooner).
_LINK_XPATHS_COMPILED: dict[str, etree.XPath] = {expr: etree.XPath(expr) for expr in LINK_XPATHS}
PRIORITY: dict[str, int] = {"comment-page": 30, "page": 10, "pagination": 5, "listing": 0, "feed": 20}
FEED_TYPES = (b"xml", b"rss", b"atom")


def _utcnow_iso() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat()


class BlogSpider(scrapy.Spider):
    name = "blog"
    custom_settings: dict[str, Any] = {}

    def __init__(
        self,
        start_urls: Iterable[str],
        *,
        state: SiteState | None = None,
        known: dict[str, tuple[str | None, str | None, str | None]] | None = None,
        platform: str = "auto",
        max_pages: int | None = None,
        depth: int | None = None,
        engine: Engine | None = None,
        on_page: Callable[[str], None] | None = None,
        writer_process: WriterProcess | None = None,
        scope: Scope | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_urls = [urls.canonical(u) for u in start_urls]
        if not self.start_urls:
            raise ValueError("a crawl needs at least one start URL")
        self.host = urls.site_key(self.start_urls[0])
        # What may be fetched at all (ScopeMiddleware): the crawl's named sites, public addresses
        self.scope = scope or Scope.named(self.start_urls)
        self.state = state
        # What the store pipeline takes from its spider (settings are deep-copied; engines are not);
        # the spider itself never uses them.
        self.engine: Engine | None = engine
        self.on_page: Callable[[str], None] | None = on_page
        self.writer_process: WriterProcess | None = writer_process
        self.tally: SiteTally | None = None
        """Set by the store pipeline when it opens: what this site's crawl stored."""
        self.platform = platform
        self.max_pages = max_pages
        self.max_depth = depth
        self.outlinks: dict[str, list[tuple[str, int]]] = state.all_outlinks() if state else {}
        # Validators per canonical URL, used by ConditionalRequestMiddleware; only for pages whose
        # outlinks are known (a 304 has no body to find links in).
        self.known = {u: v for u, v in (known or {}).items() if u in self.outlinks}
        self.hashes = {u: v[2] for u, v in (known or {}).items() if v[2]}
        self.seen: set[str] = state.done_urls() if state else set()
        self.requested = 0
        self.resumed: list[tuple[str, int]] = state.pending() if state else []

    # --- requests ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            request = self._request(url, 0, force=True)
            if request is not None:
                yield request
        for url, depth in self.resumed:
            request = self._request(url, depth)
            if request is not None:
                yield request

    def _request(self, url: str, depth: int, *, force: bool = False) -> scrapy.Request | None:
        """A request for a canonical URL, or None when seen, off-site, a trap, or over budget."""
        if url in self.seen:
            return None
        if not force:
            if not urls.same_site(url, self.host) or urls.trap_reason(url):
                return None
            if self.max_depth is not None and depth > self.max_depth:
                return None
        if self.max_pages is not None and self.requested >= self.max_pages:
            return None
        self.seen.add(url)
        self.requested += 1
        kind = urls.classify(url)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            priority=PRIORITY.get(kind, 0),
            dont_filter=True,  # the spider's own `seen` (rebuilt on resume) is the dedupe
            meta={"depth_hops": depth, "cl_url": url, "handle_httpstatus_list": [304]},
        )

    def _follow(self, links: Iterable[tuple[str, int]]) -> Iterator[scrapy.Request]:
        for url, depth in links:
            request = self._request(url, depth)
            if request is not None:
                yield request

    # --- responses --------------------------------------------------------------------------
    def parse(self, response: Response, **_: Any) -> Iterator[Any]:
        url = urls.canonical(response.url)
        depth = int(response.meta.get("depth_hops", 0))
        item = PageItem(
            url=url,
            requested=response.meta.get("cl_url") or url,
            redirects=_redirect_hops(response.meta),
            final_url=url,
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            bytes=len(response.body),
            fetched_at=_utcnow_iso(),
            unchanged=False,
            outlinks=[],
            body=None,
        )
        if response.status == 304:
            item["role"] = "unchanged"
            item["unchanged"] = True
            item["content_hash"] = self.hashes.get(url)
            item["outlinks"] = list(self.outlinks.get(url, []))
            yield from self._follow(item["outlinks"])
            yield item
            return
        digest = hashlib.sha256(response.body).hexdigest()
        item["content_hash"] = digest
        known_bytes = digest == self.hashes.get(url) and url in self.outlinks
        if wp_api.is_comments_url(url) and not wp_api.is_json(response):
            log.info("%s: the REST API answered with %s, not JSON; the page's own comments stand",
                     response.url, _header(response, b"Content-Type") or "no content type")
            item["role"] = "other"
        elif wp_api.is_comments_url(url):
            item["role"] = "rest-comments"
            item["outlinks"] = self._rest_links(response, depth)
            if known_bytes:
                item["unchanged"] = True
            else:
                item["body"] = response.body
        elif self._is_feed(response):
            item["role"] = "feed"
            item["outlinks"] = self._feed_links(response, depth)
        elif isinstance(response, TextResponse):
            item["role"] = page_role(response.selector, url)
            item["outlinks"] = self._page_links(response, url, depth)
            item["encoding"] = response.encoding
            if item["role"] == "thread":
                item["outlinks"] += self._rest_links(response, depth)
            if known_bytes:
                item["unchanged"] = True
            elif item["role"] == "thread":
                item["body"] = response.body
        else:
            item["role"] = "other"
        yield from self._follow(item["outlinks"])
        yield item

    def failed(self, failure: Failure) -> Iterator[PageItem]:
        request = failure.request  # type: ignore[attr-defined]
        kind, reason, status = classify_failure(failure)
        url = urls.canonical(request.url)
        fine = kind in NOT_ERRORS
        if not fine and wp_api.is_comments_url(url):
            # The REST API is a second way to a thread's comments: a site that switched it off
            # (401, 403, 404), forbids it in robots.txt, or ends the paging (400) still has its page.
            log.info("%s: no comments from the REST API (%s); the page's own comments stand", request.url, reason)
            fine = True
        elif not fine:
            log.warning("%s: %s", request.url, reason)
        yield PageItem(
            url=url,
            requested=request.meta.get("cl_url") or url,
            redirects=_redirect_hops(request.meta),
            final_url=url,
            status=status,
            role="redirect" if fine else "error",
            error_kind=None if fine else kind,
            error=None if fine else reason,
            outlinks=[],
            unchanged=False,
            body=None,
            fetched_at=_utcnow_iso(),
        )

    # --- discovery ----------------------------------------------------------------------------
    def _page_links(self, response: TextResponse, url: str, depth: int) -> list[tuple[str, int]]:
        found: dict[str, int] = {}
        kinds: dict[str, str] = {}
        this_post = urls.post_url(url)
        root = response.selector.root
        # A thread page repeats most of its hrefs (each comment's permalink and reply link, the
        # later XPaths' matches again): each distinct href is resolved and judged once. The
        # XPaths run on the lxml tree itself: parsel would wrap every attribute in a Selector.
        hrefs_seen: set[str] = set()
        for expr in LINK_XPATHS:
            for href in _LINK_XPATHS_COMPILED[expr](root):
                href = str(href).partition("#")[0]  # a fragment names no other page
                if href in hrefs_seen:
                    continue
                hrefs_seen.add(href)
                target = _absolute(response, href) if href.strip() else url
                if target is None or target == url or target in found:
                    continue
                if not urls.same_site(target, self.host) or urls.trap_reason(target):
                    continue
                kind = kinds[target] = urls.classify(target)
                same_thread = kind in ("comment-page", "page") and urls.post_url(target) == this_post
                found[target] = depth if same_thread else depth + 1
        return sorted(found.items(), key=lambda kv: -PRIORITY.get(kinds[kv[0]], 0))

    def _rest_links(self, response: Response, depth: int) -> list[tuple[str, int]]:
        """The REST comments listing of a thread page, or a listing's next page: same depth (they
        complete the same thread), on the same site, never a trap."""
        if wp_api.is_comments_url(response.url):
            target = wp_api.next_page_url(response)
        elif isinstance(response, TextResponse):
            target = wp_api.thread_comments_url(response)
        else:
            target = None
        if target is None:
            return []
        target = urls.canonical(target)
        if not urls.same_site(target, self.host) or urls.trap_reason(target):
            return []
        return [(target, depth)]

    def _feed_links(self, response: Response, depth: int) -> list[tuple[str, int]]:
        parsed = feedparser.parse(response.body)
        found: dict[str, int] = {}
        hrefs = [entry.get("link") for entry in parsed.entries]
        hrefs += [
            link.get("href")
            for link in parsed.feed.get("links", [])
            if link.get("rel") in ("next", "previous")
        ]
        for href in hrefs:
            target = _absolute(response, href)
            if target and urls.same_site(target, self.host) and not urls.trap_reason(target):
                found.setdefault(target, depth + 1)
        return list(found.items())

    @staticmethod
    def _is_feed(response: Response) -> bool:
        ctype = (response.headers.get(b"Content-Type") or b"").lower()
        if any(t in ctype for t in FEED_TYPES) and b"html" not in ctype:
            return True
        head = response.body[:512].lstrip().lower()
        return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def _redirect_hops(meta: dict[str, Any]) -> list[tuple[str, int]]:
    """[(canonical URL, status)] of each redirect that led here, in order."""
    chain = meta.get("redirect_urls") or []
    reasons = meta.get("redirect_reasons") or []
    return [
        (urls.canonical(u), r if isinstance(r, int) else 0)
        for u, r in zip(chain, [*reasons, *[0] * len(chain)])
    ]


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _absolute(response: Response, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    scheme = urlsplit_scheme(href)
    if scheme and scheme not in ("http", "https"):  # javascript:, JaVaScRiPt:, mailto:, data: ...
        return None
    try:
        target = urls.canonical(response.urljoin(href))
    except ValueError:
        return None
    return target if target.startswith(("http://", "https://")) else None
