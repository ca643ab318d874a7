"""What a crawl (and `claimline parse URL`) may fetch: the sites the user named, on public
addresses, over http(s).

Three rules, each with a name that refusals report beside the URL:

- ``scheme``: only ``http`` and ``https`` are fetched (never ``ftp:``, ``file:``, ``gopher:``,
  ``data:``...), case-insensitively.
- ``scope``: a URL outside the crawl's sites is not fetched, whether a link or a redirect leads
  there. A site is its host (``www.`` aside) and its port: ``http://h:8080`` and ``http://h:9``
  are two sites. The scheme counts through its default port, so ``http://h/`` and ``https://h/``
  (ports 80 and 443) are one site: a blog that moved to https stays crawlable.
- ``address``: a host that resolves to a private, loopback, link-local (cloud metadata
  169.254.169.254 among them), shared, reserved or multicast address is refused, unless the user
  named a site on such an address on the command line (which is how tests and the demo crawl
  127.0.0.1). Decimal and other spellings of an address (``2130706433``) resolve like any name.
"""
from __future__ import annotations

import functools
import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from w3lib.url import safe_url_string

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}
SCHEMES = frozenset(DEFAULT_PORTS)

Resolver = Callable[[str], list[str]]


@functools.lru_cache(maxsize=8192)
def site_key(url: str) -> str:
    """The site a URL belongs to: its host without ``www.``, and the port when it is not the
    scheme's default: ``https://www.Example.org/x`` -> ``example.org``,
    ``http://127.0.0.1:8642/`` -> ``127.0.0.1:8642``."""
    try:
        parts = urlsplit(safe_url_string(url.strip()))  # an internationalised host in its xn-- form
    except (ValueError, UnicodeError):
        parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    scheme = parts.scheme.lower()
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return host
    return f"{host}:{port}"


def same_site(url: str, key: str) -> bool:
    """True when `url` is on the site `key` (as :func:`site_key` gives it)."""
    return site_key(url) == key


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (an IP literal, in any spelling the C library accepts,
    resolves to itself); [] when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


def address_kind(address: str) -> str | None:
    """Why an address is not a public one (``loopback``, ``private``, ``link-local`` ...), or
    None for a global address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unparseable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, test in (
        ("loopback", ip.is_loopback), ("link-local (cloud metadata)", ip.is_link_local),
        ("private", ip.is_private), ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
    ):
        if test:
            return kind
    return None if ip.is_global else "not globally routable"


@dataclass
class Refusal:
    url: str
    rule: str
    """``scheme``, ``scope`` or ``address``."""
    reason: str

    def __str__(self) -> str:
        return f"refused {self.url} (rule: {self.rule}): {self.reason}"


@dataclass
class Scope:
    """The sites a crawl was given, and the non-public addresses the user named among them."""

    sites: frozenset[str]
    named_addresses: frozenset[str] = frozenset()
    resolver: Resolver = resolve
    _cache: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def named(cls, urls: Iterable[str], resolver: Resolver = resolve) -> Scope:
        """The scope of a crawl started on `urls`: their sites, and whichever of their
        addresses are not public (named on the command line, so allowed)."""
        urls = list(urls)
        addresses: set[str] = set()
        for url in urls:
            host = urlsplit(url).hostname
            if host:
                addresses.update(a for a in resolver(host) if address_kind(a) is not None)
        return cls(frozenset(site_key(u) for u in urls), frozenset(addresses), resolver)

    def _addresses(self, host: str) -> list[str]:
        if host not in self._cache:
            self._cache[host] = self.resolver(host)
        return self._cache[host]

    def refusal(self, url: str, *, check_site: bool = True) -> Refusal | None:
        """Why `url` must not be fetched, or None when it may."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            return Refusal(url, "scheme", f"{scheme or 'no'} scheme: only http and https are fetched")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            return Refusal(url, "scheme", "no host")
        if check_site and site_key(url) not in self.sites:
            return Refusal(url, "scope", "outside the crawl's sites (host and port); name it on the "
                                         "command line to crawl it")
        for address in self._addresses(host):
            kind = address_kind(address)
            if kind is not None and address not in self.named_addresses:
                return Refusal(url, "address", f"{host} resolves to {address}, a {kind} address; "
                                               "only a site named on the command line may be on one")
        return None
