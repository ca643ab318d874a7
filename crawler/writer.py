"""Writing one batch of crawled pages: parse the threads, save them, log the fetches, journal it.

`BatchWriter.write(batch)` does, in order: parse each thread page (`crawler.parsers.parse_html`),
save every page of the batch and its fetch-log rows in ONE database transaction through `store/`
(`save_thread` updates, never duplicates), and only then record the batch in the site's journal
(`crawler.state`), so a crash between the two redoes a batch instead of losing it. A batch whose
transaction fails is retried one page per transaction, so a bad page costs only itself.

The spider's items are only read: a page's parse or store error comes back in its
`PageOutcome` (and the fetch log), never written into the item. It returns plain, picklable
`PageOutcome`s, so the same writer runs in a thread of the crawl or in
a separate process (`crawler.writer_process`): Python threads share one interpreter lock,
processes do not.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from store.engine import make_engine, retry_locked, session_scope
from store.models import Document, Fetch, utcnow
from store.threads import save_thread

from . import urls
from .errors import ParseError
from .state import SiteState
from .thread import ParsedPage
from .to_store import thread_from_page

log = logging.getLogger(__name__)

_FETCH_INSERT = insert(Fetch.__table__)


@dataclass(frozen=True)
class WriterConfig:
    db_url: str
    """With its password: a writer process opens its own engine."""
    site_id: int | None
    platform: str = "auto"
    state_path: str | None = None


@dataclass
class PageOutcome:
    """What writing one page did, for the crawl summary."""

    url: str
    status: int | None = None
    unchanged: bool = False
    redirects: int = 0
    error_kind: str | None = None
    error: str | None = None
    stored: bool = False
    post_id: int | None = None
    post: str | None = None
    """`new`, `updated` or `unchanged`: what happened to the page's post."""
    comments: tuple[int, int, int] = (0, 0, 0)
    """(new, updated, unchanged) comments, pingbacks not counted."""
    pingbacks: int = 0
    """New pingbacks and trackbacks."""
    warnings: list[str] = field(default_factory=list)


def _parse(item: Mapping[str, Any], platform: str) -> ParsedPage | None:
    """The thread in a fetched page, None for a page without a body to parse (an error, a 304, a
    listing). Raises ParseError for a page that cannot be parsed, with the URL and the reason."""
    if item.get("body") is None:
        return None
    from .parsers import parse_html  # heavy; imported where the parsing happens

    try:
        if item.get("role") == "rest-comments":
            return _rest_comments(item)
        return parse_html(item["body"], item["final_url"], encoding=item.get("encoding"), platform=platform)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the crawl
        raise ParseError(item["final_url"], f"could not parse: {exc.__class__.__name__}: {exc}") from exc


def _fetched(item: Mapping[str, Any]) -> PageOutcome:
    """What the fetch did, before any parsing or storing: the spider's item as it came."""
    return PageOutcome(
        url=item["final_url"] or item["url"],
        status=item.get("status"),
        unchanged=bool(item.get("unchanged")),
        redirects=len(item.get("redirects") or []),
        error_kind=item.get("error_kind"),
        error=item.get("error"),
    )


def _rest_comments(item: Mapping[str, Any]) -> ParsedPage | None:
    """The thread in one page of a WordPress REST comments listing (`crawler.spiders.wp_api`)."""
    from .ingest.problems import IngestProblem
    from .ingest.wp_rest import read_bytes

    pages: list[ParsedPage] = []
    for found in read_bytes(item["body"], item["final_url"], url=item["final_url"]):
        if isinstance(found, IngestProblem):
            if found.kind == "skipped":
                continue
            raise ParseError(item["final_url"], found.reason)
        pages.append(found)
    if not pages:
        return None
    page, *others = pages  # `?post=ID` lists one post's comments; a site that ignores the filter:
    for other in others:
        log.info("%s: comments of another post (%s) in the listing, left out", item["final_url"], other.url)
    return page


def _pingbacks(session: Session, stats: Any, page: ParsedPage) -> tuple[int, int, int]:
    """(new, updated, unchanged) pingbacks among what `save_thread` did."""
    total = sum(1 for c in page.comments if c.is_pingback)
    if not total:
        return 0, 0, 0
    ids = [*stats.new_ids, *stats.changed_ids]
    flagged: set[int] = set()
    if ids:
        flagged = set(
            session.execute(
                select(Document.id).where(Document.id.in_(ids), Document.is_pingback.is_(True))
            ).scalars()
        )
    new = sum(1 for i in stats.new_ids if i in flagged)
    updated = sum(1 for i in stats.changed_ids if i in flagged)
    return new, updated, max(0, total - new - updated)


def _fetch_rows(
    item: Mapping[str, Any], outcome: PageOutcome, site_id: int | None, *, validators: bool = True
) -> list[dict[str, Any]]:
    """The fetch log's rows for one page: its redirect hops, then the page with its error.
    `validators=False` leaves out ETag, Last-Modified and the body's hash. Written through Core
    (`_FETCH_INSERT`), not as ORM objects: the session's unit of work cost more than the rest of
    a page's store put together."""
    fetched = (datetime.fromisoformat(item["fetched_at"]) if item.get("fetched_at") else None) or utcnow()
    empty = {"etag": None, "last_modified": None, "content_hash": None, "bytes": None, "error": None}
    rows = [
        {**empty, "site_id": site_id, "url": hop_url, "status": hop_status or None, "fetched_at": fetched}
        for hop_url, hop_status in item.get("redirects") or []
    ]
    rows.append(
        {
            "site_id": site_id,
            "url": item["url"],
            "status": item.get("status"),
            "etag": item.get("etag") if validators else None,
            "last_modified": item.get("last_modified") if validators else None,
            "content_hash": item.get("content_hash") if validators else None,
            "bytes": item.get("bytes"),
            "error": f"{outcome.error_kind}: {outcome.error}" if outcome.error_kind else None,
            "fetched_at": fetched,
        }
    )
    return rows


class BatchWriter:
    def __init__(
        self, config: WriterConfig, *, engine: Engine | None = None, state: SiteState | None = None
    ) -> None:
        self.config = config
        self.engine = engine or make_engine(config.db_url)
        self.state = state or (SiteState(config.state_path) if config.state_path else None)

    def write(self, batch: Sequence[Mapping[str, Any]]) -> list[PageOutcome]:
        """Parse and store `batch` (the spider's items, read, never changed); what became of each
        page comes back in its `PageOutcome`, errors included (`parse`, `store`, or the fetch's)."""
        fetched = [_fetched(item) for item in batch]
        pages: list[ParsedPage | None] = []
        for item, outcome in zip(batch, fetched):
            try:
                pages.append(_parse(item, self.config.platform))
            except ParseError as exc:
                outcome.error_kind, outcome.error = "parse", exc.reason
                log.warning("%s: %s", exc.source, exc.reason)
                pages.append(None)
        outcomes: list[PageOutcome] = []

        def whole_batch() -> None:
            outcomes[:] = [replace(outcome) for outcome in fetched]  # a retry starts from the fetch again
            with session_scope(self.engine) as session:
                fetch_rows: list[dict[str, Any]] = []
                for item, page, outcome in zip(batch, pages, outcomes):
                    self._save(session, item, page, outcome, fetch_rows)
                # the batch's fetch log in one statement (the same rows, in the same order, as one
                # statement per page wrote)
                if fetch_rows:
                    session.execute(_FETCH_INSERT, fetch_rows)

        try:
            # a lock held by another writer (extract, a second crawl) costs a retry, not the batch
            retry_locked(whole_batch, what=f"store a batch of {len(batch)} pages")
        except Exception as exc:  # noqa: BLE001 - isolate the page that broke the batch
            log.warning("batch of %d pages failed (%s); storing them one by one", len(batch), exc)
            outcomes = [self._write_one(item, page, outcome) for item, page, outcome in zip(batch, pages, fetched)]
        if self.state is not None:
            self.state.record(
                # A page that could not be stored is not done: a resumed job fetches it again.
                done=[(u, 0) for item, outcome in zip(batch, outcomes) if outcome.error_kind != "store"
                      for u in {item["url"], item.get("requested") or item["url"]}],
                outlinks={
                    item["url"]: item["outlinks"]
                    for item in batch
                    if item.get("status") in (200, 304) or item.get("unchanged")
                },
            )
        return outcomes

    def _write_one(self, item: Mapping[str, Any], page: ParsedPage | None, fetched: PageOutcome) -> PageOutcome:
        """One page in its own transaction; a page that cannot be stored comes back as a `store`
        error, and its fetch is logged without the validators that would let the next crawl be
        told 304 about a page that was never stored."""
        outcome = replace(fetched)

        def one_page() -> None:
            nonlocal outcome
            outcome = replace(fetched)
            with session_scope(self.engine) as session:
                fetch_rows: list[dict[str, Any]] = []
                self._save(session, item, page, outcome, fetch_rows)
                session.execute(_FETCH_INSERT, fetch_rows)

        try:
            retry_locked(one_page, what=f"store {fetched.url}")
        except Exception as exc:  # noqa: BLE001 - one page's failure is its own
            outcome = replace(fetched, error_kind="store", error=f"could not store: {exc}", stored=False)
            with session_scope(self.engine) as session:
                session.execute(_FETCH_INSERT, _fetch_rows(item, outcome, self.config.site_id, validators=False))
        return outcome

    def _save(
        self, session: Session, item: Mapping[str, Any], page: ParsedPage | None, outcome: PageOutcome,
        fetch_rows: list[dict[str, Any]],
    ) -> None:
        """Save the page's thread; its fetch log's rows go to `fetch_rows`, for the caller to write."""
        if page is not None and (page.post.text or page.comments):
            # A comment page (`/slug/comment-page-2/`) shows the same post: keep the post's URL.
            if page.post.url and urls.classify(page.post.url) == "comment-page":
                page.post.url = urls.post_url(page.post.url)
            fetched = datetime.fromisoformat(item["fetched_at"]) if item.get("fetched_at") else None
            thread = thread_from_page(page, fetched_at=fetched)
            if item.get("role") == "rest-comments":
                thread = replace(thread, fill_only=True)  # the page's own rendering wins
            stats = save_thread(session, thread)
            post = "new" if stats.post_id in stats.new_ids else "updated" if stats.post_id in stats.changed_ids else "unchanged"
            p_new, p_upd, p_same = _pingbacks(session, stats, page)
            outcome.stored = True
            outcome.post_id = stats.post_id
            outcome.post = post
            outcome.comments = (
                stats.new - (post == "new") - p_new,
                stats.updated - (post == "updated") - p_upd,
                stats.unchanged - (post == "unchanged") - p_same,
            )
            outcome.pingbacks = p_new
            outcome.warnings = list(page.warnings)
        fetch_rows += _fetch_rows(item, outcome, self.config.site_id)

    def close(self, *, dispose: bool) -> None:
        """`dispose`: this writer made its engine and journal (a writer process), so it closes them."""
        if dispose:
            self.engine.dispose()
            if self.state is not None:
                self.state.close()
