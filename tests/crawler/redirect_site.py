"""A loopback blog whose links redirect everywhere a hostile site would send a crawler, for the
crawl-scope tests and `bench/reliability.py`.

The front page links to one real post, to a same-site redirect to a second post, and to
`/go/<name>/` for every entry of `targets(port, other_port)`: each answers 302 to that target.
A second server on another port counts what reaches it. Every request is logged with its Host
header, so a test sees whether a redirect to `localhost` or `2130706433` was followed back here.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

POST = """<!doctype html><html><head><title>{title}</title></head><body>
<article class="post"><h1 class="entry-title">{title}</h1>
<div class="entry-content"><p>{text}</p></div></article>
<div id="comments"><ol class="commentlist">
<li class="comment" id="comment-{n}1"><div class="comment-author"><cite class="fn">Reader</cite></div>
<div class="comment-content"><p>See <a href="http://127.0.0.1:{other}/elsewhere/">this page</a>.</p></div></li>
</ol></div></body></html>"""


def targets(port: int, other_port: int) -> dict[str, tuple[str, str | None]]:
    """name -> (redirect target, the rule that must refuse it, or None when it is followed)."""
    return {
        "same-site": (f"http://127.0.0.1:{port}/post/two/", None),
        "other-port": (f"http://127.0.0.1:{other_port}/post/", "scope"),
        "localhost": (f"http://localhost:{port}/post/three/", "scope"),
        "decimal-ip": (f"http://2130706433:{port}/post/four/", "scope"),
        "metadata": ("http://169.254.169.254/latest/meta-data/", "scope"),
        "ftp": (f"ftp://127.0.0.1:{other_port}/pub/", "scheme"),
        "javascript": ("JaVaScRiPt:alert(1)", "scheme"),
    }


@dataclass
class Hits:
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(Host header, path) of every request, in order."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, host: str, path: str) -> None:
        with self.lock:
            self.requests.append((host, path))


def _handler(hits: Hits, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits.add(self.headers.get("Host", ""), self.path)
            status, headers, body = routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@dataclass
class RedirectSite:
    base: str
    port: int
    other_port: int
    hits: Hits
    other_hits: Hits

    def targets(self) -> dict[str, tuple[str, str | None]]:
        return targets(self.port, self.other_port)


@contextmanager
def redirect_site() -> Iterator[RedirectSite]:
    hits, other_hits = Hits(), Hits()
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hits, routes))
    other = ThreadingHTTPServer(("127.0.0.1", 0), _handler(other_hits, {}))
    port, other_port = server.server_address[1], other.server_address[1]
    links = "".join(f'<li><a href="/go/{name}/">{name}</a></li>' for name in targets(port, other_port))
    routes["/"] = (200, {}, f"<html><body><ul><li><a href='/post/one/'>one</a></li>{links}</ul></body></html>".encode())
    for n, slug in enumerate(("one", "two", "three", "four"), 1):
        text = f"Gul Rahman was born in {1950 + n}."
        routes[f"/post/{slug}/"] = (200, {}, POST.format(title=f"Post {slug}", text=text, n=n, other=other_port).encode())
    for name, (target, _rule) in targets(port, other_port).items():
        routes[f"/go/{name}/"] = (302, {"Location": target}, b"")
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (server, other)]
    for t in threads:
        t.start()
    try:
        yield RedirectSite(f"http://127.0.0.1:{port}/", port, other_port, hits, other_hits)
    finally:
        for s in (server, other):
            s.shutdown()
            s.server_close()
