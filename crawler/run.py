"""Run a crawl in this process and say what it did: the library behind `claimline crawl`.

Scrapy runs on a Twisted reactor that can start only once per process, so the reactor runs in one
daemon thread for the life of the process and every `crawl()` call schedules its crawlers there
with a `CrawlerRunner` and waits for them. One crawler per site (the start URLs grouped by host),
each with its own resumable job state:

    <state root>/state/<host>-<db>.sqlite        outlinks per page + the job's journal

The state root is `jobdir` if given, else `.claimline/` next to a SQLite database file, else
`.claimline/` in the working directory. A job that finishes clears its journal; one that is
interrupted (Ctrl-C, kill -9) keeps it and the same command resumes it.

Scrapy's own JOBDIR (a pickled request queue on disk) is not used: the journal already holds every
URL discovered and not yet stored, written only after the page that found it is committed, so it
resumes a graceful stop and a `kill -9` alike, which Scrapy's queue cannot (a hard kill can cut
its records in half). Its disk queue also cost a tenth of the crawl's time (`bench/crawl.py`).
"""
from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from store.engine import ANALYZE_AFTER_ROWS, analyze, database_url, make_engine, session_scope
from store.models import Fetch, Site
from store.schema import ensure_schema

from . import settings as crawl_defaults
from . import urls as url_rules
from .scope import Scope
from .ctrl_c import stop_requests
from .errors import ParseError
from .fetch import choose_scheme
from .parsers.detect import PLATFORMS
from .pipelines import Counts, SiteTally
from .state import SiteState
from .writer_process import WriterProcess, resolve_mode

PLATFORM_CHOICES: tuple[str, ...] = ("auto", *PLATFORMS)
"""`auto` detects per page; the others force one parser family."""


@dataclass
class CrawlSummary:
    sites: list[str] = field(default_factory=list)
    pages_fetched: int = 0
    """Pages answered 200 or 304 (robots.txt not counted)."""
    pages_unchanged: int = 0
    """Of those, answered 304 or with the same bytes as last time (not parsed again)."""
    threads_stored: int = 0
    posts: Counts = field(default_factory=Counts)
    comments: Counts = field(default_factory=Counts)
    pingbacks: int = 0
    redirects: int = 0
    """Redirect hops followed."""
    errors: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Error kind (`robots`, `http-404`, `timeout`, ...) -> [(url, reason)]."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    resumed: bool = False
    interrupted: bool = False
    seconds: float = 0.0
    writer: str = "thread"
    """`process` when parsing and storing moved to a separate process."""
    frontier: str | None = None
    """The shared frontier's Redis URL (password hidden), when the crawl used one."""

    @property
    def error_count(self) -> int:
        return sum(len(v) for v in self.errors.values())

    def failures(self) -> list[str]:
        """Why the crawl did not do its job, for a non-zero exit: pages fetched but not stored
        (a full disk, a lock past every retry), or nothing fetched at all. Empty when it did."""
        out = []
        if self.errors.get("store"):
            out.append(f"{len(self.errors['store'])} pages were fetched but could not be stored"
                       " (they are fetched again by the next crawl)")
        if self.pages_fetched == 0 and not self.interrupted and self.frontier is None:
            # (on a shared frontier, other processes may have fetched everything)
            out.append("nothing was fetched from " + (", ".join(self.sites) or "the start URLs"))
        return out

    def add(self, tally: SiteTally) -> None:
        self.sites.append(tally.site)
        self.pages_fetched += tally.pages_fetched
        self.pages_unchanged += tally.pages_unchanged
        self.threads_stored += tally.threads_stored
        posts = tally.posts
        for name in ("new", "updated", "unchanged"):
            setattr(self.posts, name, getattr(self.posts, name) + getattr(posts, name))
            setattr(self.comments, name, getattr(self.comments, name) + getattr(tally.comments, name))
        self.pingbacks += tally.pingbacks
        self.redirects += tally.redirects
        for kind, url, reason in tally.errors:
            self.errors.setdefault(kind, []).append((url, reason))
        self.warnings += tally.warnings
        if tally.writer == "process":
            self.writer = "process"

    def to_json(self) -> dict[str, Any]:
        return {
            "sites": self.sites,
            "pages": {"fetched": self.pages_fetched, "unchanged": self.pages_unchanged},
            "posts": self.posts.as_dict(),
            "comments": self.comments.as_dict(),
            "pingbacks": self.pingbacks,
            "redirects": self.redirects,
            "errors": {k: [{"url": u, "reason": r} for u, r in v] for k, v in sorted(self.errors.items())},
            "warnings": [{"url": u, "warning": w} for u, w in self.warnings],
            "resumed": self.resumed,
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 3),
            "writer": self.writer,
            "frontier": self.frontier,
        }


# --- the reactor thread ----------------------------------------------------------------------
_reactor_lock = threading.Lock()
_reactor_thread: threading.Thread | None = None


def _reactor() -> Any:
    """The process's Twisted reactor (the one Scrapy asks for), running in a daemon thread."""
    global _reactor_thread
    with _reactor_lock:
        from scrapy.utils.reactor import install_reactor, is_reactor_installed

        if not is_reactor_installed():
            install_reactor(crawl_defaults.TWISTED_REACTOR)
        from twisted.internet import reactor

        if _reactor_thread is None:
            loop = getattr(reactor, "_asyncioEventloop", None)

            def _run() -> None:
                if loop is not None:
                    asyncio.set_event_loop(loop)
                reactor.run(installSignalHandlers=False)

            _reactor_thread = threading.Thread(target=_run, name="claimline-reactor", daemon=True)
            _reactor_thread.start()
            while not reactor.running:
                time.sleep(0.005)
        return reactor


def _call_in_reactor(fn: Callable[[], Any]) -> tuple[threading.Event, dict[str, Any]]:
    """Run `fn` (returning a Deferred) in the reactor; the event is set when it has fired."""
    reactor = _reactor()
    done = threading.Event()
    result: dict[str, Any] = {}

    def _start() -> None:
        try:
            d = fn()
        except BaseException as exc:  # noqa: BLE001
            result["error"] = exc
            done.set()
            return

        def _ok(value: Any) -> None:
            result["value"] = value
            done.set()

        def _err(failure: Any) -> None:
            result["error"] = failure.value
            done.set()

        d.addCallbacks(_ok, _err)

    reactor.callFromThread(_start)
    return done, result


# --- where state lives -----------------------------------------------------------------------
def state_root(db_url: str, jobdir: str | Path | None = None) -> Path:
    if jobdir:
        return Path(jobdir)
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / ".claimline"
    return Path.cwd() / ".claimline"


def _db_tag(db_url: str) -> str:
    rendered = make_url(db_url).render_as_string(hide_password=True)
    return hashlib.sha1(rendered.encode()).hexdigest()[:8]


def _host_dirname(host: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in host) or "site"


def load_validators(
    engine: Engine, start_urls: Iterable[str]
) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Latest (ETag, Last-Modified, content hash) per URL of the sites these URLs belong to."""
    bases: set[str] = set()
    for url in start_urls:
        parts = urlsplit(url)
        host = parts.netloc.lower()
        bare = host.removeprefix("www.")
        for scheme in ("http", "https"):
            bases |= {f"{scheme}://{bare}/", f"{scheme}://www.{bare}/"}
    known: dict[str, tuple[str | None, str | None, str | None]] = {}
    with engine.connect() as conn:
        site_ids = list(conn.execute(select(Site.id).where(Site.base_url.in_(bases))).scalars())
        if not site_ids:
            return known
        rows = conn.execute(
            select(Fetch.url, Fetch.etag, Fetch.last_modified, Fetch.content_hash)
            .where(Fetch.site_id.in_(site_ids), Fetch.status.in_((200, 304)))
            .order_by(Fetch.id)
        )
        for url, etag, last_modified, digest in rows:
            known[url] = (etag, last_modified, digest)
    return known


# --- the crawl -------------------------------------------------------------------------------
def crawl(
    urls: Iterable[str],
    *,
    db_url: str | None = None,
    max_pages: int | None = None,
    depth: int | None = None,
    platform: str = "auto",
    concurrency: int | None = None,
    delay: float | None = None,
    jobdir: str | Path | None = None,
    verbose: int = 0,
    on_page: Callable[[str], None] | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    writer: str = "auto",
    on_stopping: Callable[[], None] | None = None,
    frontier: str | None = None,
    stalled_after: float | None = None,
) -> CrawlSummary:
    """Crawl the sites `urls` belong to into the database; returns what was done.

    `delay=None` is polite (robots.txt, AutoThrottle from 1 s); `delay=0` turns throttling off.
    `on_page(url)` is called (in the crawl thread) after each page. Raises ParseError for a start
    URL that is not http(s) or an unknown platform; every per-page failure lands in the summary.
    `writer`: where pages are parsed and stored: `thread`, `process`, or `auto` (a process forked
    at the start where the platform can fork, else a thread); see `crawler.writer_process`.
    A first Ctrl-C stops the crawl gracefully (requests in flight finish and are stored; the
    journal resumes the rest) after calling `on_stopping()`, so the user learns why it takes a
    few seconds; a second one raises KeyboardInterrupt at once.
    `frontier`: a Redis URL whose frontier, duplicate filter, robots.txt and per-site delay this
    crawl shares with every other crawl given the same URL (`crawler.frontier`); it replaces the
    local journal and conditional requests. Raises FrontierError when Redis cannot be used.
    `stalled_after`: seconds of silence after which a crawler on the frontier is taken for dead and
    its requests are put back (default `crawler.frontier.shared.LEASE_SECONDS`).
    """
    with stop_requests(on_stopping) as stops:
        from scrapy.crawler import CrawlerRunner

        from .spiders.blog import BlogSpider

        start = [u.strip() for u in urls if u and u.strip()]
        if not start:
            raise ParseError("crawl", "no URL to crawl")
        # an address typed without a scheme: https where the host speaks it, else http
        start = [choose_scheme(found) if (found := url_rules.schemeless_candidates(u)) else u for u in start]
        for url in start:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise ParseError(url, "not an http(s) URL")
        if platform not in PLATFORM_CHOICES:
            raise ParseError("crawl", f"unknown platform {platform!r} (one of {', '.join(PLATFORM_CHOICES)})")
        mode = resolve_mode(writer)
        shared = None
        if frontier:
            from .frontier import connect

            shared = connect(frontier)  # a clear error now, not a traceback from the scheduler
        resolved = database_url(db_url)
        engine = make_engine(resolved)
        ensure_schema(engine)
        root = state_root(resolved, jobdir)

        by_host: dict[str, list[str]] = {}
        for url in start:
            # one spider and one journal per site: host and port (two blogs on one host are two sites)
            by_host.setdefault(url_rules.site_key(url), []).append(url_rules.canonical(url))
        scope = Scope.named(url_rules.canonical(u) for u in start)

        began = time.monotonic()
        summary = CrawlSummary()
        runner_box: dict[str, Any] = {}
        jobs: list[tuple[str, SiteState | None, Any]] = []
        process: WriterProcess | None = None
        try:
            for host, host_urls in by_host.items():
                if shared is not None:
                    from .frontier import SiteFrontier, redacted
                    from .frontier.shared import FINISHED_GRACE_SECONDS

                    summary.frontier = redacted(frontier or "")
                    site = SiteFrontier(shared, host)
                    summary.resumed = summary.resumed or not site.outstanding().empty
                    ago = site.finished_ago()
                    if ago is not None:
                        summary.warnings.append((host_urls[0], (
                            f"the shared crawl of this site finished {ago:.0f} s ago; a process that starts within"
                            f" {FINISHED_GRACE_SECONDS:.0f} s of that joins it and finds nothing left to fetch")))
                    jobs.append((host, None, {}))
                    continue
                state = SiteState(root / "state" / f"{_host_dirname(host)}-{_db_tag(resolved)}.sqlite")
                summary.resumed = summary.resumed or bool(state.pending())
                jobs.append((host, state, load_validators(engine, host_urls)))

            if mode == "process":
                # Before the reactor has work (in a new process, before its thread even exists), so
                # the fork copies an idle process.
                process = WriterProcess()
            crawlers: list[Any] = []

            def _start_all() -> Any:
                from twisted.internet import defer

                if stops.requested.is_set():  # Ctrl-C while starting: no crawler is started
                    return defer.succeed([])

                runner = CrawlerRunner()
                runner_box["runner"] = runner
                waits = []
                for host, state, known in jobs:
                    settings = crawl_defaults.crawl_settings(
                        delay=delay,
                        concurrency=concurrency,
                        verbose=verbose,
                        max_bytes=max_bytes,
                        timeout=timeout,
                    )
                    if frontier:
                        from .frontier import frontier_settings

                        settings.update(frontier_settings(
                            frontier, delay=crawl_defaults.DEFAULT_DELAY if delay is None else delay,
                            middlewares=settings["DOWNLOADER_MIDDLEWARES"], lease_seconds=stalled_after))
                    crawler = runner.create_crawler(BlogSpider)
                    crawler.settings.setdict(settings, priority="cmdline")
                    crawlers.append(crawler)
                    waits.append(
                        runner.crawl(
                            crawler,
                            start_urls=by_host[host],
                            state=state,
                            known=known,
                            platform=platform,
                            max_pages=max_pages,
                            depth=depth,
                            engine=engine,
                            on_page=on_page,
                            writer_process=process,
                            scope=scope,
                        )
                    )
                return defer.DeferredList(waits, fireOnOneErrback=True, consumeErrors=True)

            done, result = _call_in_reactor(_start_all)
            stop_sent = False
            while True:
                try:
                    if done.wait(0.2):
                        break
                except KeyboardInterrupt:  # a second Ctrl-C: the user asked to abort
                    if stops.requested.is_set():
                        raise
                    stops.request()  # the first, where the SIGINT handler could not be installed
                if stops.requested.is_set() and not stop_sent and "runner" in runner_box:
                    _reactor().callFromThread(runner_box["runner"].stop)  # requests in flight finish
                    stop_sent = True
            summary.interrupted = summary.interrupted or stops.requested.is_set()
            if "error" in result:
                error = result["error"]
                inner = getattr(error, "subFailure", None)
                raise inner.value if inner is not None else error
            if process is not None:
                process.close()  # every batch is in; the journals are closed before they are cleared
                process = None

            for crawler, (_host, journal, _known) in zip(crawlers, jobs):
                spider = crawler.spider
                tally = spider.tally if isinstance(spider, BlogSpider) else None
                if tally is not None:
                    summary.add(tally)
                reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
                if reason == "finished" and not summary.interrupted:
                    if journal is not None:
                        journal.finish_job()
                else:
                    summary.interrupted = True
            if summary.posts.new + summary.comments.new >= ANALYZE_AFTER_ROWS:
                with session_scope(engine) as session:  # a table loaded from empty is planned as such
                    analyze(session, ("documents", "fetches"))
        finally:
            if process is not None:
                process.close()
            for _host, journal, _known in jobs:
                if journal is not None:
                    journal.close()
            engine.dispose()
            if shared is not None:
                shared.close()
        summary.seconds = time.monotonic() - began
        return summary
