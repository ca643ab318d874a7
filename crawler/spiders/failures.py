"""Why a request failed, as a kind for the summary and one line for a person, from ordered tables."""
from __future__ import annotations

from http import HTTPStatus

from scrapy import exceptions as scrapy_exceptions
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as net
from twisted.python.failure import Failure


def _exc(name: str) -> type[BaseException] | None:
    value = getattr(scrapy_exceptions, name, None)
    return value if isinstance(value, type) else None


# (kind, exception types, reason) tried in order; the first that matches wins.
FAILURE_KINDS: tuple[tuple[str, tuple[type[BaseException], ...], str], ...] = tuple(
    (kind, tuple(t for t in types if t is not None), reason)
    for kind, types, reason in (
        ("timeout", (net.TimeoutError, net.TCPTimedOutError, _exc("DownloadTimeoutError")), "timed out"),
        ("dns", (net.DNSLookupError, _exc("CannotResolveHostError")), "host name does not resolve"),
        ("connection", (net.ConnectionRefusedError, net.ConnectError, _exc("DownloadConnectionRefusedError")), "connection refused or failed"),
        ("oversize", (defer.CancelledError, _exc("DownloadCancelledError")), "page larger than the download size limit"),
        ("connection", (net.ConnectionLost, net.ConnectionDone, _exc("ResponseDataLossError"), _exc("DownloadFailedError")), "connection lost mid-download"),
    )
)

# IgnoreRequest carries its cause only in its message.
IGNORE_REASONS: tuple[tuple[str, str, str], ...] = (
    ("robots.txt", "robots", "forbidden by robots.txt"),
    ("redirect loop", "redirect-loop", ""),
    ("max redirections", "redirect-loop", "too many redirects (a redirect loop?)"),
    ("already crawled", "redirect-seen", ""),
    ("offsite", "offsite", ""),
    ("refused address", "refused-address", ""),
    ("refused scheme", "refused-scheme", ""),
    ("retry-after", "retry-after", ""),
    ("exceeded download_maxsize", "oversize", "page larger than the download size limit once decompressed"),
)


# Kinds that are not errors: the request ended as it should (a redirect to a page already had).
NOT_ERRORS = frozenset({"redirect-seen"})


def classify_failure(failure: Failure) -> tuple[str, str, int | None]:
    """(kind, reason, HTTP status or None) for a request's failure."""
    if failure.check(HttpError):
        status = failure.value.response.status
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "error"
        return f"http-{status}", f"HTTP {status} {phrase}", status
    if failure.check(scrapy_exceptions.IgnoreRequest):
        message = str(failure.value)
        for needle, kind, reason in IGNORE_REASONS:
            if needle in message.lower():
                return kind, reason or message, None
        return "ignored", message or "request ignored", None
    for kind, types, reason in FAILURE_KINDS:
        if types and failure.check(*types):
            detail = str(failure.value).strip()
            return kind, f"{reason}: {detail}" if detail else reason, None
    return "other", f"{failure.type.__name__}: {failure.value}", None
