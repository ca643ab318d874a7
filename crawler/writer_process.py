"""Parse and store in a separate process, so the download loop keeps a core of its own.

Parsing a thread page and saving it take more CPU than fetching it; in a thread of the crawl that
work shares the interpreter lock with Scrapy and slows the downloads. A `WriterProcess` is one
worker process that runs `BatchWriter.write` for every batch, strictly in order.

On Linux the worker is forked when the crawl starts, before the
reactor thread has work, so it inherits every imported module and costs milliseconds, not the
second or more a fresh interpreter needs to import the parsers and SQLAlchemy; the libraries
only parsing uses (extruct, htmldate, dateparser: a third of the crawl's start-up) the worker
imports itself as it starts, while the crawl's process builds its crawler. Elsewhere it is
spawned. The worker opens its own database engine and journal per site (`WriterConfig`); engines
inherited through `fork` are never used (`store.engine` disposes them in the child).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .writer import BatchWriter, PageOutcome, WriterConfig

WRITER_MODES: tuple[str, ...] = ("auto", "thread", "process")
"""`auto`: a forked process where the platform can fork, else a thread."""


PARENT_CHECK_SECONDS = 0.5


def can_fork() -> bool:
    """Fork only on Linux: macOS lists it, but forking there is unsafe with its system threads."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def resolve_mode(mode: str) -> str:
    """`thread` or `process` for a `--writer` choice."""
    if mode not in WRITER_MODES:
        raise ValueError(f"writer mode {mode!r} is not one of {', '.join(WRITER_MODES)}")
    if mode == "auto":
        return "process" if can_fork() else "thread"
    return mode


class WriterProcess:
    """One worker process writing batches in the order they are handed over."""

    def __init__(self) -> None:
        from . import parsers  # noqa: F401 - imported before the fork, so the child has them (not
        # the libraries they use: `_load_libraries`)

        method = "fork" if can_fork() else "spawn"
        self._executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_child,
            initargs=(os.getpid(),),
        )
        self._executor.submit(_ready).result()  # start the worker now, not inside the first batch
        # The parsing libraries load in the worker while the crawl starts (not awaited: the first
        # batch queues behind it); the crawl's own process never needs them.
        self._executor.submit(_load_libraries)

    def write(self, config: WriterConfig, batch: list[dict[str, Any]]) -> list[PageOutcome]:
        return self._executor.submit(_write, config, batch).result()

    def close(self) -> None:
        """Close the worker's databases and journals cleanly, then stop it."""
        try:
            self._executor.submit(_close_all).result()
        except BrokenProcessPool:
            pass  # it died (and the crawl's thread wrote on); nothing of it is left to close
        finally:
            self._executor.shutdown(wait=True)


# --- in the worker process ------------------------------------------------------------------
_WRITERS: dict[WriterConfig, BatchWriter] = {}


def _init_child(parent: int) -> None:
    # Ctrl-C is the crawl's to handle: it stops gracefully and waits for the batches in hand, so
    # the worker ignores SIGINT instead of dying mid-batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), name="claimline-parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A forked worker holds both ends of its task pipe, so it would wait forever for work from a
    crawl that was killed (kill -9), holding its database connection. It leaves with the crawl;
    a batch it was writing is rolled back, and the crawl's journal has it as not done."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _ready() -> bool:
    return True


def _load_libraries() -> None:
    """Import the parsing libraries without the cyclic GC, then freeze them, as the command's
    own imports are (`cli.main`): they live as long as the worker, and collections during the
    imports, and later over them, walked all of it again for nothing."""
    from .parsers import load_libraries

    collecting = gc.isenabled()
    gc.disable()
    try:
        load_libraries()
    finally:
        if collecting:
            gc.enable()
        gc.freeze()


def _close_all() -> None:
    while _WRITERS:
        _config, writer = _WRITERS.popitem()
        writer.close(dispose=True)


def _write(config: WriterConfig, batch: list[dict[str, Any]]) -> list[PageOutcome]:
    writer = _WRITERS.get(config)
    if writer is None:
        writer = _WRITERS[config] = BatchWriter(config)
    return writer.write(batch)
