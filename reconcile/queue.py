"""Extraction batches on a task queue, for `claimline extract --queue` and `claimline worker`.

The queue is procrastinate's, kept in the PostgreSQL store itself: no new service to run,
and a batch's job lives in the same database as the documents it names. procrastinate takes a
job with ``SELECT ... FOR UPDATE SKIP LOCKED`` (a batch is taken by exactly one worker), records
each worker's heartbeat, and a job whose worker stopped beating (killed, host gone) is found by
`get_stalled_jobs` and put back with `retry_job`: every `claimline worker` does that for the
others while it runs. Two writers on one document are ruled out below the queue too: a batch
is whole threads, each leased (`store.leases`) before it is read, so a batch retried while a
slow first worker still runs, or a plain `claimline extract` at the same time, never writes a
document twice.

A job's arguments are the roots of its threads, not their documents: the worker reads what is
due in those threads when it runs, so a batch queued twice, or extracted meanwhile, costs a
look and no second extraction.
"""
from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from reconcile import extractors
from reconcile.extract_stage import BATCH, ExtractSummary, due_threads, extract_threads, plan_batches
from store import leases
from store.engine import make_engine, session_scope

log = logging.getLogger(__name__)

TASK = "claimline.extract_batch"
QUEUE = "extract"
STALLED_AFTER_SECONDS = 60.0
"""A worker silent this long (no heartbeat) is taken for dead, and its batch is put back."""
_SCHEMA_LOCK = zlib.crc32(b"claimline.procrastinate.schema")


class QueueUnavailable(Exception):
    """The database cannot hold the queue (it is not PostgreSQL)."""


def _require_postgres(url: str) -> None:
    if make_url(url).get_backend_name() != "postgresql":
        raise QueueUnavailable(
            "the extraction queue lives in PostgreSQL (procrastinate); this database is "
            f"{make_url(url).get_backend_name()}: use `claimline extract` (with --workers N) on one host")


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_schema(engine: Engine) -> None:
    """Create procrastinate's tables on first use (its own schema, from the installed version),
    once even when several workers start together."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
        if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
            return
        from procrastinate.schema import SchemaManager

        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute(SchemaManager.get_schema())  # several statements: no parameters


@dataclass
class _Worker:
    """What one worker process keeps between batches: its engine, its name for leases, the
    running totals, and the callback the command prints with."""

    engine: Engine
    owner: str
    lease_seconds: float
    on_batch: Callable[[int, ExtractSummary], None] | None = None
    totals: ExtractSummary = field(default_factory=ExtractSummary)
    batches: int = 0


def make_app(url: str, worker: _Worker | None = None) -> Any:
    """The procrastinate app over the store at `url`, with the extraction task registered."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo(url)))

    @app.task(name=TASK, queue=QUEUE, pass_context=True,
              retry=procrastinate.RetryStrategy(max_attempts=3, wait=5))
    def extract_batch(context: Any, roots: list[int], extractor: str = extractors.DEFAULT,
                      everything: bool = False) -> dict[str, Any]:
        if worker is None:
            raise RuntimeError("extract_batch runs only inside `claimline worker`")
        with session_scope(worker.engine) as session:
            summary = extract_threads(session, roots, owner=worker.owner, everything=everything,
                                      extractor=extractor, lease_seconds=worker.lease_seconds)
        worker.totals.add(summary)
        worker.batches += 1
        if worker.on_batch is not None:
            worker.on_batch(context.job.id, summary)
        return {"documents": summary.documents, "elsewhere": summary.elsewhere,
                "errors": len(summary.errors)}

    return app


@dataclass
class EnqueueSummary:
    batches: int = 0
    threads: int = 0
    documents: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def enqueue(url: str, *, everything: bool = False, extractor: str = extractors.DEFAULT,
            size: int | None = None) -> EnqueueSummary:
    """Put the due documents on the queue as batches of whole threads (about `size` documents)."""
    _require_postgres(url)
    engine = make_engine(url)
    try:
        ensure_schema(engine)
        with session_scope(engine) as session:
            threads = due_threads(session, everything=everything, extractor=extractor)
        batches = plan_batches(threads, size or BATCH)
        app = make_app(url)
        with app.open():
            task = app.tasks[TASK]
            for roots in batches:
                task.defer(roots=roots, extractor=extractor, everything=everything)
        return EnqueueSummary(batches=len(batches), threads=len(threads),
                              documents=sum(len(t.docs) for t in threads))
    finally:
        engine.dispose()


async def _put_back_stalled(app: Any, stalled_after: float) -> int:
    """Retry the batches of workers that stopped beating; returns how many were put back."""
    jobs = await app.job_manager.get_stalled_jobs(task_name=TASK, seconds_since_heartbeat=stalled_after)
    count = 0
    for job in jobs:
        log.warning("batch %s: its worker stopped (no heartbeat for %.0fs); put back on the queue",
                    job.id, stalled_after)
        await app.job_manager.retry_job(job)
        count += 1
    return count


async def _open_jobs(engine: Engine) -> int:
    def count() -> int:
        with engine.connect() as conn:
            return int(conn.execute(text(
                "SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t AND status IN ('todo', 'doing')"),
                {"t": TASK}).scalar_one())
    return await asyncio.to_thread(count)


@dataclass
class WorkerSummary:
    batches: int
    put_back: int
    extract: ExtractSummary


def run_worker(url: str, *, extractor: str = extractors.DEFAULT, until_empty: bool = False,
               stalled_after: float = STALLED_AFTER_SECONDS,
               on_batch: Callable[[int, ExtractSummary], None] | None = None) -> WorkerSummary:
    """Take batches from the queue and extract them, one at a time, in this process, until
    stopped (SIGINT/SIGTERM finish the batch in hand) or, with `until_empty`, until no batch is
    waiting or being worked on anywhere. The language model is loaded once, before the first
    batch. Meanwhile, batches of workers silent for `stalled_after` seconds are put back."""
    _require_postgres(url)
    engine = make_engine(url)
    ensure_schema(engine)
    ex = extractors.get(extractor)
    prepare = getattr(ex, "prepare", None)
    if prepare is not None:
        prepare()
    # The leases of the threads in hand last as long as the heartbeat's silence that makes the
    # others put the batch back, and are renewed as often as the heartbeat: when a batch comes
    # back, its threads are free to take.
    worker = _Worker(engine=engine, owner=leases.new_owner("worker"), lease_seconds=stalled_after,
                     on_batch=on_batch)
    app = make_app(url, worker)
    options: dict[str, Any] = dict(queues=[QUEUE], concurrency=1,
                                   update_heartbeat_interval=max(0.5, stalled_after / 4),
                                   stalled_worker_timeout=stalled_after,
                                   fetch_job_polling_interval=1.0)
    put_back = 0

    async def watch() -> None:
        nonlocal put_back
        while True:
            await asyncio.sleep(max(0.5, stalled_after / 4))
            put_back += await _put_back_stalled(app, stalled_after)

    def renew() -> None:
        with session_scope(engine) as session:
            leases.renew(session, worker.owner, worker.lease_seconds)

    async def keep_leases() -> None:
        while True:
            await asyncio.sleep(max(0.5, stalled_after / 4))
            try:
                await asyncio.to_thread(renew)
            except Exception as exc:  # noqa: BLE001 - the next beat tries again
                log.warning("could not renew the leases of %s: %s", worker.owner, exc)

    async def main() -> None:
        keeper = asyncio.create_task(keep_leases())
        try:
            await work()
        finally:
            keeper.cancel()

    async def work() -> None:
        nonlocal put_back
        async with app.open_async():
            if not until_empty:
                watcher = asyncio.create_task(watch())
                try:
                    await app.run_worker_async(**options)
                finally:
                    watcher.cancel()
                return
            while True:
                await app.run_worker_async(wait=False, **options)
                put_back += await _put_back_stalled(app, stalled_after)
                if await _open_jobs(engine) == 0:
                    return
                await asyncio.sleep(min(1.0, stalled_after / 4))

    try:
        asyncio.run(main())
    finally:
        engine.dispose()
    return WorkerSummary(batches=worker.batches, put_back=put_back, extract=worker.totals)
