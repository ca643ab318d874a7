"""One polite fetch of one page (for `claimline parse URL`): robots.txt first, our user agent, a
timeout and a size limit. Failures are ParseErrors naming the URL and the reason.

It keeps the crawler's rules (:mod:`crawler.scope`): http(s) only, and a redirect is followed only
within the site named (host and port), on an address that is public or the one the user named,
and where that site's robots.txt allows the target; any other redirect is refused with its
target URL and the rule. urllib's own FTP, file and data handlers are not installed at all."""
from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from . import settings
from .errors import ParseError
from .scope import Scope

MAX_REDIRECTS = settings.REDIRECT_MAX_TIMES


def _reason(exc: BaseException) -> str:
    """A reason that is never empty (urllib gives `URLError('')` for some refusals)."""
    text = str(getattr(exc, "reason", "") or exc).strip()
    return text or exc.__class__.__name__


class _ScopedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only when the scope and robots.txt allow its target."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, scope: Scope, timeout: float, obey_robots: bool) -> None:
        self.scope, self.timeout, self.obey_robots = scope, timeout, obey_robots

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                       headers: Message) -> Any:
        # checked before urllib's own scheme test, which lets ftp: through and words the rest
        # as a bare HTTP error
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location.strip())
            refusal = self.scope.refusal(target)
            if refusal is not None:
                raise ParseError(req.full_url, f"redirect {code} {str(refusal)}")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Message, newurl: str) -> urllib.request.Request | None:
        target = urljoin(req.full_url, newurl)
        refusal = self.scope.refusal(target)
        if refusal is not None:
            raise ParseError(req.full_url, f"redirect {code} {str(refusal)}")
        if self.obey_robots and not _allowed_by_robots(target, self.timeout, self.scope):
            raise ParseError(req.full_url, f"redirect {code} to {target} refused (rule: robots): "
                                           "forbidden by robots.txt")
        return super().redirect_request(req, fp, code, msg, headers, target)


def _opener(scope: Scope, timeout: float, obey_robots: bool, *, follow: bool = True) -> urllib.request.OpenerDirector:
    """http and https only: no FTP, file, data or proxy handler (unlike `build_opener`)."""
    opener = urllib.request.OpenerDirector()
    handlers: list[Any] = [urllib.request.UnknownHandler(), urllib.request.HTTPHandler(),
                           urllib.request.HTTPSHandler(), urllib.request.HTTPDefaultErrorHandler(),
                           urllib.request.HTTPErrorProcessor()]
    if follow:
        handlers.append(_ScopedRedirects(scope, timeout, obey_robots))
    for handler in handlers:
        opener.add_handler(handler)
    return opener


@dataclass
class Fetched:
    url: str
    """The URL after redirects."""
    body: bytes
    encoding: str | None
    status: int


def _allowed_by_robots(url: str, timeout: float, scope: Scope | None = None) -> bool:
    robots_url = urljoin(url, "/robots.txt")
    parser = urllib.robotparser.RobotFileParser()
    request = urllib.request.Request(robots_url, headers={"User-Agent": settings.USER_AGENT})
    # robots.txt is read without following redirects: one to elsewhere is no rule for this site
    opener = _opener(scope or Scope.named([url]), timeout, obey_robots=False, follow=False)
    try:
        with opener.open(request, timeout=timeout) as response:
            lines = response.read(512 * 1024).decode("utf-8", "replace").splitlines()
    except urllib.error.HTTPError as exc:
        # RFC 9309: 4xx means no rules; 5xx means assume everything is disallowed (a 3xx not
        # followed: no rules either).
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
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ParseError(url, "not an http(s) URL")
    scope = Scope.named([url])
    refusal = scope.refusal(url)
    if refusal is not None:
        raise ParseError(url, str(refusal))
    if obey_robots and not _allowed_by_robots(url, timeout, scope):
        raise ParseError(url, "forbidden by robots.txt")
    request = urllib.request.Request(
        url, headers={"User-Agent": settings.USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with _opener(scope, timeout, obey_robots).open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            headers: Message = response.headers
            final = response.geturl()
            status = response.status
    except urllib.error.HTTPError as exc:
        raise ParseError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise ParseError(url, f"could not fetch: {_reason(exc)}") from exc
    except (TimeoutError, OSError) as exc:
        raise ParseError(url, f"could not fetch: {_reason(exc)}") from exc
    if len(body) > max_bytes:
        raise ParseError(url, f"page larger than {max_bytes} bytes")
    return Fetched(url=final, body=body, encoding=headers.get_content_charset(), status=status)


def choose_scheme(candidates: list[str], *, timeout: float = 10.0) -> str:
    """Of `schemeless_candidates` (https first, then http), the first whose server answers in its
    scheme: https unless the host cannot speak TLS at all (a refused connection, or a plain
    HTTP server answering the handshake), then http. A certificate that does not verify means
    the server does speak https: https stays, and its fetch will say what is wrong."""
    if len(candidates) < 2:
        return candidates[0]
    secure, plain = candidates[0], candidates[1]
    parts = urlsplit(secure)
    try:
        with socket.create_connection((parts.hostname, parts.port or 443), timeout=timeout) as raw:
            context = ssl.create_default_context()
            try:
                with context.wrap_socket(raw, server_hostname=parts.hostname):
                    return secure
            except ssl.SSLCertVerificationError:
                return secure
    except (ssl.SSLError, OSError):
        return plain
