"""Ctrl-C during a crawl: the first is a stop request, the second aborts; an ignored SIGINT stays ignored."""
from __future__ import annotations

import os
import signal

import pytest

from crawler.ctrl_c import stop_requests


def test_the_first_sigint_requests_a_stop_and_the_second_raises() -> None:
    said: list[str] = []
    with stop_requests(lambda: said.append("stopping")) as stops:
        os.kill(os.getpid(), signal.SIGINT)
        assert stops.requested.is_set()
        assert said == ["stopping"]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_sigint_ignored_by_whoever_started_the_process_stays_ignored() -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with stop_requests(None) as stops:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)
            assert not stops.requested.is_set()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
