"""A loopback blog that misbehaves on purpose, for crawl fault tests and `bench/reliability.py`.

Good pages are a generated blog (`sitegen`); the front page also links to one URL per fault:

    /fault/error-500/       500, every time
    /fault/unavailable-503/ 503 with `Retry-After: 1`, every time
    /fault/slow/            answers only after `slow_seconds` (longer than the crawl's timeout)
    /fault/truncated/       announces a Content-Length, sends a quarter of it, hangs up
    /fault/loop-a/          302 -> /fault/loop-b/ -> 302 -> /fault/loop-a/
    /fault/gzip-bomb/       a small gzip body that inflates to `bomb_bytes` of zeros
    /fault/huge/            a 50 MB page streamed with no Content-Length
    /fault/not-html/        200 text/html whose body is JSON

and one good post (the first) answers 503 with Retry-After on its first request and 200 after:
a retry must still store it. `robots.txt` changes after it has been served once: the first
version disallows `/wp-admin/` only, later ones also every post in `site.posts[-blocked:]`.

`FaultyBlog.faults` maps each fault URL to the error kind the crawl summary must file it under.
"""
from __future__ import annotations

import gzip
import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from . import sitegen

FAULT_KINDS: dict[str, str] = {
    "/fault/error-500/": "http-500",
    "/fault/unavailable-503/": "http-503",
    "/fault/slow/": "timeout",
    "/fault/truncated/": "connection",
    "/fault/loop-a/": "redirect-loop",
    "/fault/gzip-bomb/": "oversize",
    "/fault/huge/": "oversize",
    "/fault/not-html/": "parse",
}
"""Fault path -> the kind a crawl summary files it under."""
HUGE_BYTES = 50 * 1024 * 1024
CHUNK = 64 * 1024


@lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzipped (about a thousandth of the size)."""
    out = io.BytesIO()
    zeros = b"\0" * (1 << 20)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        for _ in range(size // len(zeros)):
            gz.write(zeros)
    return out.getvalue()


@dataclass
class FaultyBlog:
    site: sitegen.Site
    blocked: int = 2
    """How many posts (the last ones) the changed robots.txt disallows."""
    slow_seconds: float = 4.0
    bomb_bytes: int = 64 * 1024 * 1024
    base: str = ""
    log: list[tuple[str, int]] = field(default_factory=list)
    """(path, status) of every answer, in order."""
    robots_served: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _flaky_done: bool = False

    @property
    def faults(self) -> dict[str, str]:
        """Fault URL -> expected error kind."""
        return {self.base.rstrip("/") + path: kind for path, kind in FAULT_KINDS.items()}

    @property
    def flaky_post(self) -> sitegen.Post:
        return self.site.posts[0]

    def blocked_posts(self) -> list[sitegen.Post]:
        return self.site.posts[-self.blocked:] if self.blocked else []

    def url(self, path: str) -> str:
        return self.base.rstrip("/") + path

    def requests_to(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)

    def robots(self) -> str:
        with self._lock:
            self.robots_served += 1
            first = self.robots_served == 1
        rules = ["User-agent: *", "Disallow: /wp-admin/"]
        if not first:
            rules += [f"Disallow: {p.path}" for p in self.blocked_posts()]
        return "\n".join(rules) + "\n"

    def take_flaky(self) -> bool:
        """True the first time only: the flaky post's one failure."""
        with self._lock:
            if self._flaky_done:
                return False
            self._flaky_done = True
            return True


def _front_links() -> str:
    return "".join(f'<a href="{path}">{path}</a> ' for path in FAULT_KINDS)


class FaultyHandler(BaseHTTPRequestHandler):
    server_version = "claimline-faulty/1"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    @property
    def blog(self) -> FaultyBlog:
        return self.server.blog  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet; see blog.log
        pass

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.blog.log.append((urlsplit(self.path).path, status))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _page(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self._head(status, {"Content-Type": ctype, "Content-Length": str(len(body)), **(extra or {})})
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        try:
            self._answer(urlsplit(self.path).path)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the crawler gave up on us: expected for several faults

    def _answer(self, path: str) -> None:
        blog = self.blog
        site = blog.site
        if path == "/robots.txt":
            self._page(200, blog.robots().encode(), "text/plain; charset=utf-8")
            return
        for page in range(1, site.index_pages + 1):
            if path == sitegen.index_path(page):
                links = _front_links() if page == 1 else ""
                self._page(200, sitegen.index_html(site, page, links).encode())
                return
        for post in site.posts:
            if path == post.path:
                if post is blog.flaky_post and blog.take_flaky():
                    self._page(503, b"<h1>busy</h1>", extra={"Retry-After": "1"})
                    return
                self._page(200, sitegen.post_html(post).encode())
                return
        fault = getattr(self, "_fault_" + path.strip("/").removeprefix("fault/").replace("-", "_"), None)
        if path.startswith("/fault/") and fault is not None:
            fault()
            return
        self._page(404, b"<h1>not found</h1>")

    # --- the faults -----------------------------------------------------------------------------
    def _fault_error_500(self) -> None:
        self._page(500, b"<h1>Internal Server Error</h1>")

    def _fault_unavailable_503(self) -> None:
        self._page(503, b"<h1>Service Unavailable</h1>", extra={"Retry-After": "1"})

    def _fault_slow(self) -> None:
        time.sleep(self.blog.slow_seconds)
        self._page(200, sitegen.post_html(self.blog.site.posts[0]).encode())

    def _fault_truncated(self) -> None:
        body = sitegen.post_html(self.blog.site.posts[-1]).encode() * 4
        self._head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))})
        self.wfile.write(body[: len(body) // 4])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def _fault_loop_a(self) -> None:
        self._head(302, {"Location": "/fault/loop-b/", "Content-Length": "0"})

    def _fault_loop_b(self) -> None:
        self._head(302, {"Location": "/fault/loop-a/", "Content-Length": "0"})

    def _fault_gzip_bomb(self) -> None:
        body = gzip_bomb(self.blog.bomb_bytes)
        self._page(200, body, extra={"Content-Encoding": "gzip"})

    def _fault_huge(self) -> None:
        self._head(200, {"Content-Type": "text/html; charset=utf-8", "Connection": "close"})
        self.close_connection = True
        chunk = (b"<p>" + b"filler " * (CHUNK // 7) + b"</p>\n")[:CHUNK]
        self.wfile.write(b"<html><body>")
        for _ in range(HUGE_BYTES // CHUNK):
            self.wfile.write(chunk)

    def _fault_not_html(self) -> None:
        self._page(200, b'{"posts": [1, 2, 3], "comments": []}')


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a crawler hanging up on a fault is the point, not an error to print


@contextmanager
def serve_faulty_blog(site: sitegen.Site, **options: object) -> Iterator[FaultyBlog]:
    """Serve `site` with its faults on 127.0.0.1 (a free port) while the block runs."""
    blog = FaultyBlog(site, **options)  # type: ignore[arg-type]
    gzip_bomb(blog.bomb_bytes)  # built before serving: building it must not look like a slow answer
    server = _Server(("127.0.0.1", 0), FaultyHandler)
    server.blog = blog  # type: ignore[attr-defined]
    host, port = server.server_address[:2]
    blog.base = f"http://{host}:{port}/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield blog
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
