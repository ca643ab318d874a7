"""A tiny loopback web server for a folder of static pages: the fixture blog for tests and the demo.

It behaves like the small things a crawler must cope with on a real blog host, and nothing more:

- `/dir/` serves `dir/index.html` (or `dir/index.xml`, for a WordPress-style `/feed/`);
  `/dir` without the slash is redirected to `/dir/`, as Apache and nginx do;
- every file answers with an `ETag` (content hash) and `Last-Modified` (file mtime), and a
  conditional request (`If-None-Match`, else `If-Modified-Since`) is answered `304` when the file
  has not changed;
- a `_redirects` file at the top of the folder maps paths to other answers, one rule a line:
  `/from /to [301|302|307|308]` redirects; `/from - 404|410|500|...` answers that status;
  blank lines and `#` comments are ignored;
- a URL with a query string is answered from a file named by the query inside the path's
  folder, parameters sorted (`/wp-json/wp/v2/comments?post=7&page=2` ->
  `wp-json/wp/v2/comments/page=2&post=7.json`), where there is one; else the query is ignored;
- files whose name starts with `_` or `.` are never served (404); missing files are 404;
- `robots.txt` is just a file in the folder.

It binds 127.0.0.1 only, on port 0 (a free port) unless told otherwise, and serves each request
in its own thread.
"""
from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import posixpath
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from glob import escape as glob_escape
from urllib.parse import parse_qsl, unquote, urlsplit

REDIRECTS_FILE = "_redirects"
INDEX_FILES: tuple[str, ...] = ("index.html", "index.htm", "index.xml")
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


@dataclass(frozen=True)
class Rule:
    """One `_redirects` line: a redirect (3xx with a target) or a bare status answer."""

    source: str
    target: str | None
    status: int


def read_rules(root: Path) -> dict[str, Rule]:
    """The `_redirects` map of a site folder; an absent file means no rules."""
    path = root / REDIRECTS_FILE
    rules: dict[str, Rule] = {}
    if not path.is_file():
        return rules
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) not in (2, 3):
            raise ValueError(f"{path}:{lineno}: expected '/from /to [status]', got {raw!r}")
        source, target = parts[0], parts[1]
        status = int(parts[2]) if len(parts) == 3 else 301
        rules[source] = Rule(source, None if target == "-" else target, status)
    return rules


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha1(data).hexdigest()[:20] + '"'


def _not_modified(headers: object, etag: str, mtime: float) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    inm = headers.get("If-None-Match")  # type: ignore[attr-defined]
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = headers.get("If-Modified-Since")  # type: ignore[attr-defined]
    if ims:
        try:
            since = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return int(mtime) <= int(since)
    return False


class SiteHandler(BaseHTTPRequestHandler):
    """Serves `self.server.root` (set by `serve_directory`) with the rules above."""

    server_version = "claimline-fixture/1"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # keep-alive + Nagle + delayed ACK = 40 ms per response

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log = getattr(self.server, "request_log", None)
        if log is not None:
            log.append((self.command, self.path, args[1] if len(args) > 1 else None))

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    # --- answers ---------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        # Headers and body in one write (one TCP segment for small pages).
        self._headers_buffer.append(b"\r\n")
        if not head and body:
            self._headers_buffer.append(body)
        self.flush_headers()

    def _status(self, status: int, head: bool) -> None:
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        body = f"<!doctype html><title>{status} {phrase}</title><h1>{status} {phrase}</h1>\n"
        self._send(status, body.encode(), {"Content-Type": "text/html; charset=utf-8"}, head)

    def _redirect(self, location: str, status: int, head: bool) -> None:
        self._send(status, b"", {"Location": location}, head)

    def _answer(self, head: bool) -> None:
        root: Path = self.server.root  # type: ignore[attr-defined]
        if self.server.latency:  # type: ignore[attr-defined]
            time.sleep(self.server.latency)  # type: ignore[attr-defined]
        path = unquote(urlsplit(self.path).path) or "/"
        rule = self.server.rules.get(path)  # type: ignore[attr-defined]
        if rule is not None:
            if rule.target is not None and 300 <= rule.status < 400:
                self._redirect(rule.target, rule.status, head)
            else:
                self._status(rule.status, head)
            return
        target = self._resolve_query(root, path, urlsplit(self.path).query) or self._resolve(root, path)
        if target is None:
            self._status(404, head)
            return
        if target.is_dir():
            query = urlsplit(self.path).query
            self._redirect(path + "/" + (f"?{query}" if query else ""), 301, head)  # as Apache does
            return
        data = target.read_bytes()
        mtime = target.stat().st_mtime
        etag = _etag(data)
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            "Content-Type": CONTENT_TYPES.get(target.suffix.lower())
            or (mimetypes.guess_type(target.name)[0] or "application/octet-stream"),
        }
        if _not_modified(self.headers, etag, mtime):
            self._send(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"}, True)
            return
        self._send(200, data, headers, head)

    @classmethod
    def _resolve_query(cls, root: Path, path: str, query: str) -> Path | None:
        """`/api/items?page=2&post=7` -> the file `api/items/page=2&post=7.<any suffix>`: an API
        answer saved per query (parameters sorted); None when the query has no file of its own."""
        name = "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(query, keep_blank_values=True)))
        if not name or name.startswith(("_", ".")) or "/" in name:
            return None
        folder = cls._resolve(root, path.rstrip("/") + "/", folders=True)
        if folder is None or not folder.is_dir():
            return None
        for candidate in sorted(folder.glob(glob_escape(name) + ".*")):
            if candidate.is_file() and candidate.stem == name:
                return candidate
        return None

    @staticmethod
    def _resolve(root: Path, path: str, *, folders: bool = False) -> Path | None:
        """The file a URL path names inside `root`, or None; never escapes `root`. `folders`: the
        folder itself rather than its index file."""
        clean = posixpath.normpath(path)
        parts = [p for p in clean.split("/") if p and p not in (".", "..")]
        if any(p.startswith(("_", ".")) for p in parts):
            return None
        target = root.joinpath(*parts) if parts else root
        try:
            target.resolve().relative_to(root.resolve())
        except ValueError:
            return None
        if target.is_dir():
            if folders or not path.endswith("/"):
                return target
            for name in INDEX_FILES:
                if (target / name).is_file():
                    return target / name
            return None
        return target if target.is_file() else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops connections when a crawl opens 16 at once; the
    # client then retries a second later (TCP's initial retransmission timeout), which is a
    # stall no real web server would show.
    request_queue_size = 128

    def __init__(self, root: Path, port: int, latency: float = 0.0) -> None:
        super().__init__(("127.0.0.1", port), SiteHandler)
        self.root = root
        self.latency = latency
        self.rules = read_rules(root)
        self.request_log: list[tuple[str, str, str | None]] = []


@contextmanager
def serve_directory(path: str | Path, port: int = 0, *, latency: float = 0.0) -> Iterator[str]:
    """Serve a site folder on 127.0.0.1 while the block runs; yields the base URL ending in `/`.

    `_redirects` is read once, at start; page files are read on every request, so a test may edit
    a page between two crawls and see the change (and a new ETag). `latency` (seconds) delays
    every answer, like a slow host (tests of interrupted crawls use it).
    """
    with running_server(path, port, latency=latency) as server:
        host, bound = server.server_address[:2]
        yield f"http://{host}:{bound}/"


@contextmanager
def running_server(path: str | Path, port: int = 0, *, latency: float = 0.0) -> Iterator[_Server]:
    """Like `serve_directory` but yields the server, whose `request_log` lists
    `(method, path, status)` for every request it answered (tests use it to see 304s)."""
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: not a folder")
    server = _Server(root, port, latency)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="claimline-serve", daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
