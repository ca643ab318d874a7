"""Thread leases for extraction (store/leases.py) and the one-writer lock (store/locks.py), on
SQLite and PostgreSQL: one holder at a time, an expired lease is free, a lost lease is seen."""
from __future__ import annotations

import os
import subprocess

import pytest
from sqlalchemy import Engine

from store import leases
from store.engine import session_scope
from store.locks import Busy, single_writer
from tests.conftest import REPO
from tests.faults.crawl_proc import CLAIMLINE
from tests.reconcile.thread_store import save_threads


def _acquire(engine: Engine, keys: list[int], owner: str, seconds: float = 60) -> set[int]:
    with session_scope(engine) as s:
        return leases.acquire(s, keys, owner, seconds)


def test_a_lease_has_one_holder_until_it_expires(engine: Engine) -> None:
    save_threads(engine, 3, 0)
    assert _acquire(engine, [1, 2], "a") == {1, 2}
    assert _acquire(engine, [1, 2, 3], "b") == {3}  # 1 and 2 are a's
    assert _acquire(engine, [1], "a") == {1}  # the holder may take its own again
    assert _acquire(engine, [3], "c", seconds=-1) == set()  # b's, not expired
    with session_scope(engine) as s:  # b's lease on 3 runs out (its holder died)
        leases.renew(s, "b", -1)
    assert _acquire(engine, [3], "c") == {3}
    with session_scope(engine) as s:
        assert leases.hold(s, 3, "b") is False  # b learns it lost the thread
        assert leases.hold(s, 3, "c") is True
        leases.release(s, "a")
    assert _acquire(engine, [1, 2], "b") == {1, 2}


def test_a_second_reconcile_is_refused_while_one_runs(engine: Engine, db_url: str) -> None:
    with single_writer(engine, "reconcile"):
        with pytest.raises(Busy, match="another reconcile is running"):
            with single_writer(engine, "reconcile"):
                pass
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        run = subprocess.run([*CLAIMLINE, "--db", db_url, "reconcile"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1
        assert "another reconcile is running" in run.stderr
        assert "Traceback" not in run.stderr
    with single_writer(engine, "reconcile"):  # free again once the first has finished
        pass
