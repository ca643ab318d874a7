"""Addresses for ingested material: resolving site-relative links, and stable synthetic URLs.

Material that names no address of its own (a text capture, a saved page whose links are all
site-relative) is stored under `capture://<file-stem>/`: the same file ingested twice is the same
documents, and nobody mistakes the address for a real one. `--url` replaces it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

CAPTURE_SCHEME = "capture"
_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def capture_url(path: Path, fallback: str | None = None) -> str:
    """`fallback` (an address `--base-url` gave the file) when there is one, else
    `capture://<file-stem>/`, the stem reduced to characters a host name part can carry."""
    if fallback:
        return fallback
    name = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    stem = _UNSAFE.sub("-", Path(name).stem).strip("-") or "capture"
    return f"{CAPTURE_SCHEME}://{stem}/"


def address_under(base_url: str, relative: str) -> str:
    """The address a file at `relative` (a POSIX path inside the folder given) has on the site
    at `base_url`: a mirror's `2017/02/23/post/index.html` is `<base>/2017/02/23/post/`, any
    other file `<base>/<its path>` (a `.gz` ending dropped), so each file keeps its own address
    and every file given with one base lands in one site."""
    rel = relative.lstrip("/")
    if rel.lower().endswith(".gz"):
        rel = rel[:-3]
    name = rel.rsplit("/", 1)[-1].lower()
    if name in ("index.html", "index.htm"):
        rel = rel[: -len(name)]
    return urljoin(base_url if base_url.endswith("/") else base_url + "/", quote(rel))


def read_url_map(path: Path) -> dict[Path, str]:
    """A mapping file: one `FILE URL` pair a line (blank lines and `#` comments skipped), FILE
    relative to the mapping file's folder. Raises ParseError naming the file and line."""
    from ..errors import ParseError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(str(path), f"cannot read the address map: {getattr(exc, 'strerror', None) or exc}") from None
    out: dict[Path, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or not is_web(parts[1]):
            raise ParseError(f"{path} (line {number})", "expected a file and its http(s) address, "
                             f"separated by white space: {line!r}")
        out[(path.parent / parts[0].strip()).resolve()] = parts[1]
    return out


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


@dataclass
class Addresses:
    """Where files that say no address of their own are stored: `mapping` names a file's address
    outright (as `--url` does for one file); `base_url` gives every file of the run its place
    on one site (`urls.address_under`), used only where the file names no absolute address."""

    base_url: str | None = None
    mapping: dict[Path, str] = field(default_factory=dict)

    def of(self, path: Path, relative: str) -> tuple[str | None, str | None]:
        """(url, fallback) for the file at `path`, `relative` to the folder it was found in."""
        named = self.mapping.get(path.resolve())
        if named:
            return named, None
        return None, (address_under(self.base_url, relative) if self.base_url else None)


def make_addresses(base_url: str | None, url_map: Path | None) -> Addresses | None:
    """The run's Addresses from `--base-url` and `--url-map`; ParseError for a base that is no
    http(s) address or a map that cannot be read."""
    from ..errors import ParseError

    if base_url is not None and not is_web(base_url):
        raise ParseError(base_url, "--base-url needs an http(s) address, like https://blog.example.org/")
    mapping = read_url_map(url_map) if url_map is not None else {}
    return Addresses(base_url, mapping) if base_url or mapping else None
