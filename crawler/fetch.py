"""One polite fetch of one page (for `claimline parse URL`): robots.txt first, our user agent, a
timeout and a size limit. Failures are ParseErrors naming the URL and the reason."""
from __future__ import annotations

import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from . import settings
from .errors import ParseError


@dataclass
class Fetched:
    url: str
    """The URL after redirects."""
    body: bytes
    encoding: str | None
    status: int


def _allowed_by_robots(url: str, timeout: float) -> bool:
    robots_url = urljoin(url, "/robots.txt")
    parser = urllib.robotparser.RobotFileParser()
    request = urllib.request.Request(robots_url, headers={"User-Agent": settings.USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            lines = response.read(512 * 1024).decode("utf-8", "replace").splitlines()
    except urllib.error.HTTPError as exc:
        # RFC 9309: 4xx means no rules; 5xx means assume everything is disallowed.
        return exc.code < 500
    except (urllib.error.URLError, OSError):
        return True  # unreachable robots.txt: the page fetch itself will report the problem
    parser.parse(lines)
    return parser.can_fetch(settings.BOT_NAME, url)


def fetch_page(
    url: str,
    *,
    timeout: float = settings.DOWNLOAD_TIMEOUT,
    max_bytes: int = settings.DOWNLOAD_MAXSIZE,
    obey_robots: bool = settings.ROBOTSTXT_OBEY,
) -> Fetched:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParseError(url, "not an http(s) URL")
    if obey_robots and not _allowed_by_robots(url, timeout):
        raise ParseError(url, "forbidden by robots.txt")
    request = urllib.request.Request(
        url, headers={"User-Agent": settings.USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(max_bytes + 1)
            headers: Message = response.headers
            final = response.geturl()
            status = response.status
    except urllib.error.HTTPError as exc:
        raise ParseError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise ParseError(url, f"could not fetch: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise ParseError(url, f"could not fetch: {exc}") from exc
    if len(body) > max_bytes:
        raise ParseError(url, f"page larger than {max_bytes} bytes")
    return Fetched(url=final, body=body, encoding=headers.get_content_charset(), status=status)
