"""WordPress's REST API beside a thread page: every approved comment with its `parent`, as JSON.

A WordPress page advertises its API root (`<link rel="https://api.w.org/">`, or the same in a
`Link` header) and, one way or another, its post id. The crawl then also reads
`<root>wp/v2/comments?post=ID&per_page=100&page=N` page by page: it has the comments that a theme
loads by script, splits across comment pages the crawl did not reach, or leaves out, and each
one's parent without guessing from the nesting. Where the site answers 401/404 (the API switched
off or locked), or 200 with something other than JSON (a login page), the page alone stands; that
is not an error.

Where to find the root and the post id is kept as ordered data, first match wins.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response, TextResponse

API_REL = "https://api.w.org/"
PER_PAGE = 100
"""WordPress's largest page size: the fewest requests per thread."""

API_ROOT_XPATHS: tuple[str, ...] = (f"//link[@rel='{API_REL}']/@href",)

# (XPath to a string, pattern whose first group is the post id)
POST_ID_SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("//link[@rel='alternate'][contains(@type, 'json')]/@href", re.compile(r"/wp/v2/(?:posts|pages)/(\d+)")),
    ("//link[@rel='shortlink']/@href", re.compile(r"[?&](?:p|page_id)=(\d+)")),
    ("//body/@class", re.compile(r"(?:^|\s)(?:postid|page-id)-(\d+)(?:\s|$)")),
    ("//article/@id", re.compile(r"^post-(\d+)$")),
)

_LINK_HEADER = re.compile(r'<([^>]+)>\s*;\s*rel="?' + re.escape(API_REL) + '"?')


def api_root(response: TextResponse) -> str | None:
    """The site's REST API root as the page gives it, absolute; None when it gives none."""
    for expr in API_ROOT_XPATHS:
        href = response.xpath(expr).get()
        if href and href.strip():
            return response.urljoin(href.strip())
    for header in response.headers.getlist(b"Link"):
        found = _LINK_HEADER.search(header.decode("latin-1"))
        if found:
            return response.urljoin(found.group(1))
    return None


def post_id(response: TextResponse) -> str | None:
    for expr, pattern in POST_ID_SOURCES:
        for value in response.xpath(expr).getall():
            found = pattern.search(value)
            if found:
                return found.group(1)
    return None


def comments_url(root: str, post: str, page: int = 1) -> str:
    """The comments of `post`, page `page`, under an API root with pretty permalinks
    (`https://site/wp-json/`) or without them (`https://site/?rest_route=/`)."""
    parts = urlsplit(root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    params = [("post", post), ("per_page", str(PER_PAGE)), ("page", str(page))]
    if any(k == "rest_route" for k, _ in query):
        route = [(k, v.rstrip("/") + "/wp/v2/comments" if k == "rest_route" else v) for k, v in query]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(route + params), ""))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path + "wp/v2/comments", urlencode(query + params), ""))


def thread_comments_url(response: TextResponse) -> str | None:
    """Page 1 of the comments of the post a thread page shows, when the page tells both."""
    root = api_root(response)
    post = post_id(response) if root else None
    return comments_url(root, post) if root and post else None


def is_comments_url(url: str) -> bool:
    parts = urlsplit(url)
    route = dict(parse_qsl(parts.query)).get("rest_route", "")
    return (parts.path.rstrip("/").endswith("/wp/v2/comments") or route.rstrip("/").endswith("/wp/v2/comments")) and (
        "post=" in parts.query
    )


def is_json(response: Response) -> bool:
    """True when a listing's answer is JSON: a site behind a login or a firewall often answers the
    API with 200 and an HTML page, which says nothing about its comments."""
    ctype = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
    if b"json" in ctype:
        return True
    head = response.body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return not ctype.startswith(b"text/html") and head[:1] in (b"[", b"{")


def next_page_url(response: Response) -> str | None:
    """The next page of a comments listing: from `X-WP-TotalPages` where the site sends it, else
    while a page comes back full."""
    parts = urlsplit(response.url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    current = next((int(v) for k, v in query if k == "page" and v.isdigit()), 1)
    total = response.headers.get(b"X-WP-TotalPages")
    if total is not None and total.strip().isdigit():
        more = current < int(total.strip())
    else:
        try:
            items = json.loads(response.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None
        per_page = next((int(v) for k, v in query if k == "per_page" and v.isdigit()), PER_PAGE)
        more = isinstance(items, list) and len(items) >= per_page
    if not more:
        return None
    query = [(k, str(current + 1) if k == "page" else v) for k, v in query]
    if not any(k == "page" for k, _ in query):
        query.append(("page", str(current + 1)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
