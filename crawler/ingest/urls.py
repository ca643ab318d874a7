"""Addresses for ingested material: resolving site-relative links, and stable synthetic URLs.

Material that names no address of its own (a text capture, a saved page whose links are all
site-relative) is stored under `capture://<file-stem>/`: the same file ingested twice is the same
documents, and nobody mistakes the address for a real one. `--url` replaces it.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

CAPTURE_SCHEME = "capture"
_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def capture_url(path: Path) -> str:
    """`capture://<file-stem>/`, the stem reduced to characters a host name part can carry."""
    name = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    stem = _UNSAFE.sub("-", Path(name).stem).strip("-") or "capture"
    return f"{CAPTURE_SCHEME}://{stem}/"


def is_absolute(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return bool(parts.scheme) and bool(parts.netloc)


def is_web(url: str | None) -> bool:
    return is_absolute(url) and urlsplit(url or "").scheme.lower() in ("http", "https")


def resolve(base: str | None, href: str | None) -> str | None:
    """`href` against `base`, also for `capture://` bases (which urljoin does not know)."""
    if not href:
        return None
    href = href.strip()
    if not base or is_absolute(href):
        return href or None
    scheme = urlsplit(base).scheme
    if scheme and scheme.lower() == CAPTURE_SCHEME:
        joined = urljoin("http" + base[len(scheme):], href)
        return scheme + joined[len("http"):]
    return urljoin(base, href)


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
