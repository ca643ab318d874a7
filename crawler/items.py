"""What one request came to: the item every spider callback and errback yields.

One `PageItem` per request, whatever happened (a page, a 304, an error), so the store pipeline can
write the fetch log, the thread (parsed off the hot path, in the pipeline's writer thread) and the
crawl journal in one place and one order.
"""
from __future__ import annotations

import scrapy


class PageItem(scrapy.Item):
    url = scrapy.Field()
    """Canonical URL of the page (after redirects): the fetch log's and the link cache's key."""
    requested = scrapy.Field()
    """Canonical URL the spider asked for (differs from `url` after redirects)."""
    redirects = scrapy.Field()
    """[(canonical URL, status)] of each redirect hop before `url`."""
    final_url = scrapy.Field()
    """The URL the thread is parsed against (same as `url`)."""
    status = scrapy.Field()
    """HTTP status; None when no response came (robots, timeout, connection, oversize)."""
    role = scrapy.Field()
    """`thread` (a post page to parse and store), `listing`, `feed`, `unchanged`, `redirect`
    (to a page already crawled), `other` or `error`."""
    body = scrapy.Field()
    encoding = scrapy.Field()
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    content_hash = scrapy.Field()
    bytes = scrapy.Field()
    error_kind = scrapy.Field()
    """`robots`, `http-404`, `timeout`, `redirect-loop`, `oversize`, `parse`, ...; None when fine."""
    error = scrapy.Field()
    """One line for a person: the reason."""
    outlinks = scrapy.Field()
    """Canonical URLs this page led to, with their depth: [(url, depth), ...]."""
    unchanged = scrapy.Field()
    """True for a 304, or a 200 whose body hash equals the last fetch's (nothing to re-parse)."""
    fetched_at = scrapy.Field()
