"""Ctrl-C during a crawl: the first asks it to stop gracefully, the second aborts.

Catching KeyboardInterrupt around the wait loop alone leaves a window: a Ctrl-C pressed while the
crawl is still starting (imports, schema, the reactor's thread) raised out of the start-up and
aborted the crawl instead of stopping it. A SIGINT handler held for the whole crawl turns the first
one into a request that the wait loop (or the start-up, before any crawler exists) honours.

The handler is installed only where Python's own is: in the main thread, and not where SIGINT was
ignored by whoever started the process (`nohup`, a background job) or handled by an embedding
program. Everywhere else the first Ctrl-C stays a KeyboardInterrupt, which `crawl()` also handles.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


class StopRequests:
    """Counts Ctrl-Cs: the first sets `requested` and calls `on_stopping`, the second raises."""

    def __init__(self, on_stopping: Callable[[], None] | None) -> None:
        self.requested = threading.Event()
        self._on_stopping = on_stopping

    def request(self) -> None:
        """The first Ctrl-C (or a KeyboardInterrupt caught where the handler is not installed)."""
        if self.requested.is_set():
            return
        self.requested.set()
        if self._on_stopping is not None:
            self._on_stopping()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested.is_set():
            raise KeyboardInterrupt
        self.request()


@contextmanager
def stop_requests(on_stopping: Callable[[], None] | None) -> Iterator[StopRequests]:
    """Hold the SIGINT handler of :class:`StopRequests` for the duration, where Python's own is."""
    stops = StopRequests(on_stopping)
    installed = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )
    if not installed:
        yield stops
        return
    signal.signal(signal.SIGINT, stops._handle)
    try:
        yield stops
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
