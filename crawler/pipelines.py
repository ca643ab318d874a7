"""The store pipeline: hand crawled pages, in batches, to a writer off the download loop.

Items are buffered on the download loop and handed to one writer thread whenever it is idle
(everything buffered, at most `STORE_BATCH`), or `STORE_BATCH` at a time while it is busy: a slow
crawl stores each page as it comes, a fast one in batches as large as the writer's lag, and the
end of a crawl waits only for the pages that came during the last batch (no timer is needed: a
buffered page goes out as soon as the batch before it is done). That thread either runs
`crawler.writer.BatchWriter` itself (parse the threads, save them through `store/` in one transaction per batch, then journal
the batch) or, when the crawl gave the spider a `writer_process`, hands the batch to that separate
process and waits for its outcomes, so parsing and the database do not share the interpreter lock
with Scrapy. The download loop never waits for the writer unless it falls `MAX_BATCHES_IN_FLIGHT`
batches behind (back-pressure instead of unbounded memory). Batches stay strictly in order: the
one thread hands over one batch at a time.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, threads
from twisted.python.threadpool import ThreadPool

from store.engine import session_scope
from store.threads import ensure_site

from .spiders.blog import BlogSpider
from .writer import BatchWriter, PageOutcome, WriterConfig
from .writer_process import WriterProcess

log = logging.getLogger(__name__)

MAX_BATCHES_IN_FLIGHT = 4

pages_stored = object()
"""Signal sent (with `batch`, the items) once a batch of pages is committed: a shared frontier
(`crawler.frontier`) finishes their requests then."""


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}


_RANK = {"unchanged": 0, "updated": 1, "new": 2}


@dataclass
class SiteTally:
    """What one site's crawl did; updated on the download loop as batches come back."""

    site: str
    pages_fetched: int = 0
    pages_unchanged: int = 0
    threads_stored: int = 0
    comments: Counts = field(default_factory=Counts)
    pingbacks: int = 0
    redirects: int = 0
    post_outcomes: dict[int, str] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, url, reason)."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    writer: str = "thread"
    """Where pages were parsed and stored: `thread` or `process`."""

    @property
    def posts(self) -> Counts:
        counts = Counts()
        for outcome in self.post_outcomes.values():
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts

    def add(self, outcome: PageOutcome) -> None:
        self.redirects += outcome.redirects
        if outcome.error_kind:
            self.errors.append((outcome.error_kind, outcome.url, outcome.error or ""))
        if outcome.status is not None and (outcome.status == 304 or outcome.status // 100 == 2):
            self.pages_fetched += 1
            if outcome.unchanged:
                self.pages_unchanged += 1
        if not outcome.stored or outcome.post_id is None or outcome.post is None:
            return
        self.threads_stored += 1
        previous = self.post_outcomes.get(outcome.post_id)
        if previous is None or _RANK[outcome.post] > _RANK[previous]:
            self.post_outcomes[outcome.post_id] = outcome.post
        new, updated, unchanged = outcome.comments
        self.comments.new += new
        self.comments.updated += updated
        self.comments.unchanged += unchanged
        self.pingbacks += outcome.pingbacks
        self.warnings += [(outcome.url, w) for w in outcome.warnings]


class StorePipeline:
    def __init__(self, batch: int) -> None:
        self.batch_size = max(1, batch)
        self.buffer: list[dict[str, Any]] = []
        self.in_flight: deque[defer.Deferred] = deque()
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name="claimline-store")
        self.crawler: Crawler | None = None
        self.tally: SiteTally | None = None
        self.writer: BatchWriter | None = None
        self.config: WriterConfig | None = None
        self.process: WriterProcess | None = None
        self.on_page: Callable[[str], None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler.settings.getint("STORE_BATCH", 50))
        pipeline.crawler = crawler
        return pipeline

    # --- spider lifecycle -------------------------------------------------------------------
    def open_spider(self) -> None:
        assert self.crawler is not None
        spider = self.crawler.spider
        # The spider carries what the pipeline needs (settings are deep-copied; engines are not).
        if not isinstance(spider, BlogSpider) or spider.engine is None:
            raise ValueError("StorePipeline needs a BlogSpider with an `engine` (a SQLAlchemy engine)")
        engine, state = spider.engine, spider.state
        self.on_page = spider.on_page
        self.process = spider.writer_process
        self.tally = SiteTally(site=spider.start_urls[0], writer="process" if self.process else "thread")
        spider.tally = self.tally
        with session_scope(engine) as session:
            site_id = ensure_site(session, spider.start_urls[0])
        self.config = WriterConfig(
            db_url=engine.url.render_as_string(hide_password=False),
            site_id=site_id,
            platform=spider.platform,
            state_path=str(state.path) if state is not None else None,
        )
        self.writer = BatchWriter(self.config, engine=engine, state=state)
        self.pool.start()

    async def close_spider(self) -> None:
        self._flush()
        try:
            while self.in_flight:
                await maybe_deferred_to_future(self.in_flight[0])
        finally:
            self.pool.stop()

    # --- items --------------------------------------------------------------------------------
    async def process_item(self, item: Any) -> Any:
        # A PageItem holds plain values the spider no longer touches once it has yielded it: a
        # `dict` of it is what itemadapter's `asdict` gave, without that library's import (it
        # brings pydantic: a tenth of a second of every crawl's start-up).
        data = dict(item)
        self.buffer.append(data)
        if self.on_page is not None:
            self.on_page(data.get("url"))
        if len(self.buffer) >= self.batch_size or not self.in_flight:
            self._flush()
        while len(self.in_flight) > MAX_BATCHES_IN_FLIGHT:
            # Back-pressure: wait for the oldest batch before taking more items.
            await maybe_deferred_to_future(self.in_flight[0])
        return item

    def _flush(self) -> None:
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        from twisted.internet import reactor

        d = threads.deferToThreadPool(reactor, self.pool, self._write, batch)
        d.addCallback(self._count)
        d.addCallback(self._stored, batch)
        d.addErrback(self._batch_failed, batch)
        self.in_flight.append(d)
        d.addBoth(self._forget, d)

    # --- the writer thread --------------------------------------------------------------------
    def _write(self, batch: list[dict[str, Any]]) -> list[PageOutcome]:
        assert self.writer is not None and self.config is not None
        if self.process is not None:
            try:
                return self.process.write(self.config, batch)
            except BrokenProcessPool:
                # Killed (out of memory, by hand) mid-batch: its transaction rolled back and the
                # journal has the batch as not done, so writing it here again loses nothing.
                log.warning("the writer process died; parsing and storing in the crawl's thread from now on")
                self.process = None
                if self.tally is not None:
                    self.tally.writer = "thread"
        return self.writer.write(batch)

    def _count(self, outcomes: list[PageOutcome]) -> None:
        assert self.tally is not None
        for outcome in outcomes:
            self.tally.add(outcome)

    def _stored(self, _: Any, batch: list[dict[str, Any]]) -> None:
        assert self.crawler is not None
        self.crawler.signals.send_catch_log(signal=pages_stored, batch=batch)

    def _forget(self, result: Any, d: defer.Deferred) -> Any:
        if d in self.in_flight:
            self.in_flight.remove(d)
        if not self.in_flight:
            self._flush()  # the writer is idle: hand it what arrived meanwhile
        return result

    def _batch_failed(self, failure: Any, batch: list[dict[str, Any]]) -> None:
        log.error("could not store %d pages: %s", len(batch), failure.getErrorMessage())
        if self.tally is not None:
            for item in batch:
                self.tally.errors.append(("store", item.get("url", "?"), failure.getErrorMessage()))
