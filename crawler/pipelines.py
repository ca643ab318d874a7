"""The store pipeline: parse thread pages and write them, the fetch log and the journal, in batches.

Items are buffered on the download loop and handed, `STORE_BATCH` at a time, to one writer
thread, which parses the thread pages (`crawler.parsers.parse_html`) and saves every page of the
batch in one database transaction through `store/` (`save_thread` updates, never duplicates),
then records the batch in the site's crawl journal (`crawler.state`). So the download loop never
waits for parsing or the database unless the writer falls several batches behind (back-pressure
instead of unbounded memory). If a batch's transaction fails, its pages are retried one per
transaction so one bad page costs only itself.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, threads
from twisted.python.threadpool import ThreadPool

from store.engine import session_scope
from store.models import Document, Fetch
from store.threads import ensure_site, save_thread

from . import urls
from .errors import ParseError
from .thread import ParsedPage
from .to_store import thread_from_page

log = logging.getLogger(__name__)

MAX_BATCHES_IN_FLIGHT = 4
FLUSH_SECONDS = 5.0
"""A partial batch is written once its oldest page has waited this long (slow, polite crawls)."""


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class SiteTally:
    """What one site's crawl did; filled by the writer thread, read when the crawl is over."""

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

    @property
    def posts(self) -> Counts:
        counts = Counts()
        for outcome in self.post_outcomes.values():
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts


_RANK = {"unchanged": 0, "updated": 1, "new": 2}


def _page_to_parse(item: dict[str, Any], platform: str) -> ParsedPage | None:
    from .parsers import parse_html  # imported late: the parsers are heavy and optional for feeds

    return parse_html(
        item["body"], item["final_url"], encoding=item.get("encoding"), platform=platform
    )


def _pingbacks(session: Session, stats: Any, page: ParsedPage) -> tuple[int, int, int]:
    """(new, updated, unchanged) pingbacks among what `save_thread` did: they are flagged, not
    counted as comments."""
    total = sum(1 for c in page.comments if c.is_pingback)
    if not total:
        return 0, 0, 0
    ids = [*stats.new_ids, *stats.changed_ids]
    flagged = set()
    if ids:
        flagged = set(
            session.execute(
                select(Document.id).where(Document.id.in_(ids), Document.is_pingback.is_(True))
            ).scalars()
        )
    new = sum(1 for i in stats.new_ids if i in flagged)
    updated = sum(1 for i in stats.changed_ids if i in flagged)
    return new, updated, max(0, total - new - updated)


class StorePipeline:
    def __init__(self, batch: int) -> None:
        self.engine: Engine | None = None
        self.batch_size = max(1, batch)
        self.platform = "auto"
        self.buffer: list[dict[str, Any]] = []
        self.buffer_since = 0.0
        self.timer: Any = None
        self.in_flight: deque[defer.Deferred] = deque()
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name="claimline-store")
        self.tally: SiteTally | None = None
        self.site_id: int | None = None
        self.state = None
        self.on_page: Callable[[str], None] | None = None
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler.settings.getint("STORE_BATCH", 50))
        pipeline.crawler = crawler
        return pipeline

    # --- spider lifecycle -------------------------------------------------------------------
    def open_spider(self) -> None:
        spider: Spider = self.crawler.spider
        # The spider carries what the pipeline needs (settings are deep-copied; engines are not).
        self.engine = getattr(spider, "engine", None)
        if self.engine is None:
            raise ValueError("StorePipeline needs a spider with an `engine` (a SQLAlchemy engine)")
        self.platform = getattr(spider, "platform", "auto")
        self.on_page = getattr(spider, "on_page", None)
        self.state = getattr(spider, "state", None)
        self.tally = SiteTally(site=spider.start_urls[0])
        spider.tally = self.tally  # type: ignore[attr-defined]
        with session_scope(self.engine) as session:
            self.site_id = ensure_site(session, spider.start_urls[0])
        self.pool.start()
        from twisted.internet import task

        self.timer = task.LoopingCall(self._flush_if_stale)
        self.timer.start(1.0, now=False)

    def _flush_if_stale(self) -> None:
        if self.buffer and time.monotonic() - self.buffer_since >= FLUSH_SECONDS:
            self._flush()

    async def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self._flush()
        try:
            while self.in_flight:
                await maybe_deferred_to_future(self.in_flight[0])
        finally:
            self.pool.stop()

    # --- items --------------------------------------------------------------------------------
    async def process_item(self, item: Any) -> Any:
        data = ItemAdapter(item).asdict()
        if not self.buffer:
            self.buffer_since = time.monotonic()
        self.buffer.append(data)
        if self.on_page is not None:
            self.on_page(data.get("url"))
        if len(self.buffer) >= self.batch_size:
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

        d = threads.deferToThreadPool(reactor, self.pool, self._write_batch, batch)
        d.addErrback(self._batch_failed, batch)
        self.in_flight.append(d)
        d.addBoth(self._forget, d)

    def _forget(self, result: Any, d: defer.Deferred) -> Any:
        if d in self.in_flight:
            self.in_flight.remove(d)
        return result

    def _batch_failed(self, failure: Any, batch: list[dict[str, Any]]) -> None:
        log.error("could not store %d pages: %s", len(batch), failure.getErrorMessage())

    # --- the writer thread --------------------------------------------------------------------
    def _write_batch(self, batch: list[dict[str, Any]]) -> None:
        parsed = [self._parse(item) for item in batch]
        try:
            with session_scope(self.engine) as session:
                outcomes = [self._save(session, item, page) for item, page in zip(batch, parsed)]
        except Exception as exc:  # noqa: BLE001 - isolate the page that broke the batch
            log.warning("batch of %d pages failed (%s); storing them one by one", len(batch), exc)
            outcomes = []
            for item, page in zip(batch, parsed):
                try:
                    with session_scope(self.engine) as session:
                        outcomes.append(self._save(session, item, page))
                except Exception as one_exc:  # noqa: BLE001
                    item["error_kind"], item["error"] = "store", f"could not store: {one_exc}"
                    outcomes.append(None)
                    with session_scope(self.engine) as session:
                        self._log_fetch(session, item)
        self._count(batch, outcomes)
        if self.state is not None:
            self.state.record(
                done=[(u, 0) for item in batch for u in {item["url"], item.get("requested") or item["url"]}],
                outlinks={item["url"]: item["outlinks"] for item in batch if item.get("status") in (200, 304) or item.get("unchanged")},
            )

    def _parse(self, item: dict[str, Any]) -> ParsedPage | None:
        if item.get("body") is None:
            return None
        try:
            page = _page_to_parse(item, self.platform)
        except ParseError as exc:
            item["error_kind"], item["error"] = "parse", exc.reason
            log.warning("%s: %s", exc.source, exc.reason)
            return None
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the crawl
            item["error_kind"], item["error"] = "parse", f"{exc.__class__.__name__}: {exc}"
            log.warning("%s: could not parse: %s", item["final_url"], item["error"])
            return None
        finally:
            item["body"] = None  # free the memory early
        return page

    def _save(self, session: Session, item: dict[str, Any], page: ParsedPage | None) -> Any:
        result = None
        if page is not None and (page.post.text or page.comments):
            # A comment page (`/slug/comment-page-2/`) shows the same post: keep the post's URL.
            if page.post.url and urls.classify(page.post.url) == "comment-page":
                page.post.url = urls.post_url(page.post.url)
            fetched = datetime.fromisoformat(item["fetched_at"]) if item.get("fetched_at") else None
            result = save_thread(session, thread_from_page(page, fetched_at=fetched))
            result.warnings = list(page.warnings)  # type: ignore[attr-defined]
            result.pingbacks = _pingbacks(session, result, page)  # type: ignore[attr-defined]
        self._log_fetch(session, item)
        return result

    def _log_fetch(self, session: Session, item: dict[str, Any]) -> None:
        fetched = datetime.fromisoformat(item["fetched_at"]) if item.get("fetched_at") else None
        for hop_url, hop_status in item.get("redirects") or []:
            session.add(
                Fetch(
                    site_id=self.site_id,
                    url=hop_url,
                    status=hop_status or None,
                    **({"fetched_at": fetched} if fetched else {}),
                )
            )
        session.add(
            Fetch(
                site_id=self.site_id,
                url=item["url"],
                status=item.get("status"),
                etag=item.get("etag"),
                last_modified=item.get("last_modified"),
                content_hash=item.get("content_hash"),
                bytes=item.get("bytes"),
                error=f"{item['error_kind']}: {item['error']}" if item.get("error_kind") else None,
                **({"fetched_at": fetched} if fetched else {}),
            )
        )

    def _count(self, batch: list[dict[str, Any]], outcomes: list[Any]) -> None:
        tally = self.tally
        assert tally is not None
        for item, stats in zip(batch, outcomes):
            tally.redirects += len(item.get("redirects") or [])
            if item.get("error_kind"):
                tally.errors.append((item["error_kind"], item["final_url"] or item["url"], item["error"]))
            if item.get("status") in (200, 304) or (item.get("status") or 0) // 100 == 2:
                tally.pages_fetched += 1
                if item.get("unchanged"):
                    tally.pages_unchanged += 1
            if stats is None:
                continue
            tally.threads_stored += 1
            post_id = stats.post_id
            if post_id in stats.new_ids:
                outcome = "new"
            elif post_id in stats.changed_ids:
                outcome = "updated"
            else:
                outcome = "unchanged"
            previous = tally.post_outcomes.get(post_id)
            if previous is None or _RANK[outcome] > _RANK[previous]:
                tally.post_outcomes[post_id] = outcome
            post_new, post_updated = int(outcome == "new"), int(outcome == "updated")
            ping_new, ping_updated, ping_unchanged = getattr(stats, "pingbacks", (0, 0, 0))
            tally.comments.new += stats.new - post_new - ping_new
            tally.comments.updated += stats.updated - post_updated - ping_updated
            tally.comments.unchanged += stats.unchanged - (1 - post_new - post_updated) - ping_unchanged
            tally.pingbacks += ping_new
            for warning in getattr(stats, "warnings", []):
                tally.warnings.append((item["final_url"], warning))
