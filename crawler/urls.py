"""URL canonicalisation and crawler-trap guards, kept as ordered data tables.

`canonical(url)` gives the one spelling of a URL the crawl and the store agree on: no fragment,
no reply/share/tracking parameters, lower-case scheme and host, no default port, the remaining
query parameters in their original order. `trap_reason(url)` says why a URL must not be followed
(calendar archives, endless query strings, admin and login pages, per-post feeds...), or None.
`classify(url)` tells discovery what kind of link it is looking at.
"""
from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from . import scope

# Query parameters that never change what a page shows (tracking, reply forms, share buttons,
# session ids). A name matches when it equals an entry or starts with an entry ending in `*`.
DROP_PARAMS: tuple[str, ...] = (
    "utm_*",
    "replytocom",
    "share",
    "nb",
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "yclid",
    "_ga",
    "_gl",
    "igshid",
    "ref_src",
    "amp",
    "phpsessid",
    "sessionid",
    "sid",
    "jsessionid",
    "wpmp_switcher",
    "mobile",
    "m_",
)

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}

# Why a URL is a trap, tried in order against (path, query string); the first match wins.
TRAP_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("path", re.compile(r"/wp-(?:admin|login\.php|signup\.php|cron\.php|json/oembed)", re.I), "admin or login page"),
    ("path", re.compile(r"/xmlrpc\.php$", re.I), "XML-RPC endpoint"),
    ("path", re.compile(r"/(?:calendar|events?/(?:day|week|month|list))(?:/|$)", re.I), "calendar page"),
    ("path", re.compile(r"^/\d{4}/(?:\d{1,2}/(?:\d{1,2}/)?)?(?:page/\d+/?)?$"), "calendar archive (year/month/day)"),
    ("path", re.compile(r"/(?:trackback|embed|amp)/?$", re.I), "trackback, embed or AMP copy"),
    ("path", re.compile(r"/[^/]+/(?:feed|rss|atom)(?:/(?:rss2?|atom|rdf))?/?$", re.I), "per-post or per-archive feed"),
    ("path", re.compile(r"/(?:cart|checkout|my-account|login|logout|register|signup)(?:/|$)", re.I), "account page"),
    ("path", re.compile(r"/print/?$|/print/\d+", re.I), "print copy"),
    ("path", re.compile(r"((?:/[^/]+){1,3})\1{2,}"), "repeating path segments"),
    ("path", re.compile(r"^(?:/[^/]*){13,}"), "path deeper than 12 segments"),
    ("query", re.compile(r"(?:^|&)(?:m|monthnum|year|day|w|calendar|ical|ical_export|tribe-bar-date|date)=", re.I), "calendar archive query"),
    ("query", re.compile(r"(?:^|&)(?:s|q|search|orderby|order|sort|filter|like_comment|action|preview|replyto|doing_wp_cron|_wpnonce|redirect_to|lang|attachment_id)=", re.I), "search, sort, action or preview query"),
    ("query", re.compile(r"^(?:[^&]*&){4,}"), "query string with five or more parameters"),
    ("query", re.compile(r"^.{121,}$"), "query string longer than 120 characters"),
)

# What a link is for discovery, tried in order against the canonical URL's path and query.
LINK_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("comment-page", re.compile(r"/comment-page-\d+/?(?:$|\?)|[?&]cpage=\d+")),
    ("feed", re.compile(r"^/(?:feed|rss|atom)(?:/(?:rss2?|atom|rdf))?/?$|[?&]feed=(?:rss2?|atom)|\.(?:rss|atom)$|/feeds/posts/default", re.I)),
    ("pagination", re.compile(r"/page/\d+/?$|[?&](?:paged?|updated-max|start)=", re.I)),
    ("listing", re.compile(r"^/(?:$|category/|tag/|author/|topics?/|archives?/?$|search/label/)", re.I)),
)

MAX_URL_LENGTH = 2000


def _drop_param(name: str) -> bool:
    lowered = name.lower()
    for entry in DROP_PARAMS:
        if entry.endswith("*") and lowered.startswith(entry[:-1]):
            return True
        if lowered == entry:
            return True
    return False


def _clean_path(path: str) -> str:
    if not path:
        return "/"
    # Collapse `//` and resolve `.`/`..`, keeping a trailing slash where there was one.
    trailing = path.endswith("/")
    normal = posixpath.normpath(path)
    if normal in (".", "//"):
        normal = "/"
    if not normal.startswith("/"):
        normal = "/" + normal
    if trailing and not normal.endswith("/"):
        normal += "/"
    # One percent-encoding for the same path: decode what needs no encoding, encode the rest.
    return quote(unquote(normal), safe="/:@!$&'()*+,;=-._~%")


def ascii_url(url: str) -> str:
    """`url` with an internationalised host name in its ASCII (IDNA, `xn--`) form and non-ASCII
    path and query percent-encoded (w3lib, as Scrapy spells the URLs it requests), so that
    `http://bücher.example/` and the links Scrapy resolves on that page name one site."""
    try:
        return safe_url_string(url.strip())
    except (ValueError, UnicodeError):  # no URL w3lib can spell: left as it is
        return url.strip()


@functools.lru_cache(maxsize=8192)
def canonical(url: str) -> str:
    """The canonical spelling of `url` (see the module docstring); non-HTTP URLs come back as is.
    Remembered for the last few thousand URLs: a site's pages link to the same ones again and again."""
    parts = urlsplit(ascii_url(url)) if urlsplit(url.strip()).scheme.lower() in DEFAULT_PORTS else urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url.strip()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and parts.port != DEFAULT_PORTS[scheme] else None
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _drop_param(k)]
    return urlunsplit((scheme, netloc, _clean_path(parts.path), urlencode(query, doseq=True), ""))


def trap_reason(url: str) -> str | None:
    """Why the crawler must not follow `url` (one line), or None when it may."""
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    parts = urlsplit(url)
    for where, pattern, reason in TRAP_RULES:
        value = parts.path if where == "path" else parts.query
        if value and pattern.search(value):
            return reason
    return None


def classify(url: str) -> str:
    """`comment-page`, `feed`, `pagination`, `listing` or `page` (a post or anything else)."""
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    for kind, pattern in LINK_KINDS:
        if pattern.search(target):
            return kind
    return "page"


def site_key(url: str) -> str:
    """The site a crawl stays on: host without `www.`, and the port unless it is the scheme's
    default (`http://127.0.0.1:8642/` -> `127.0.0.1:8642`); see :mod:`crawler.scope`."""
    return scope.site_key(url)


def same_site(url: str, host: str) -> bool:
    """True when `url` is on the site `host` (as `site_key` gives it): same host, `www.` aside,
    and same port."""
    return scope.same_site(url, host)


def post_url(url: str) -> str:
    """The post a comment page belongs to: `/slug/comment-page-2/` -> `/slug/`."""
    parts = urlsplit(url)
    path = re.sub(r"comment-page-\d+/?$", "", parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "cpage"]
    return urlunsplit((parts.scheme, parts.netloc, path or "/", urlencode(query), ""))


# An address typed without a scheme: a host (name, IPv4, `localhost`), maybe a port and a path.
_SCHEMELESS = re.compile(r"^(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.?)"
                         r"(?P<port>:\d{1,5})?(?P<rest>[/?#].*)?$")
# Endings that make a bare word a file name rather than a host ("page.html" is no site).
FILE_ENDINGS: frozenset[str] = frozenset(
    "html htm xhtml txt xml json gz warc rss atom rdf csv md php asp aspx jsp".split()
)


def schemeless_candidates(text: str) -> list[str]:
    """The addresses a URL typed without a scheme stands for, https first, then http
    (`127.0.0.1:8765/x` -> https://127.0.0.1:8765/x, http://127.0.0.1:8765/x); [] when `text`
    has a scheme or does not look like a host (a file name such as `page.html`)."""
    text = text.strip()
    if "://" in text:
        return []
    match = _SCHEMELESS.match(text)
    if match is None:
        return []
    host = match.group("host").rstrip(".")
    last = host.rsplit(".", 1)[-1].lower()
    hostlike = (match.group("port") or match.group("rest") or host.lower() == "localhost"
                or ("." in host and last not in FILE_ENDINGS and not last.isdigit())
                or re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host) is not None)
    if not hostlike:
        return []
    return [f"https://{text}", f"http://{text}"]
