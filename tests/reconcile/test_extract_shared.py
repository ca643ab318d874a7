"""Extraction shared between processes: two `claimline extract` at once on SQLite and on
PostgreSQL, and `claimline worker`s on the PostgreSQL queue (`extract --queue`). No error, and
every document extracted exactly once: by the runs' summaries (they add up to the store), and
for workers by the document ids each one logs as it commits them (`-v`), a killed one included."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from store.models import Document
from tests.conftest import REPO
from tests.faults.crawl_proc import CLAIMLINE
from tests.reconcile.thread_store import save_threads

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _start(db_url: str, *args: str, log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLAIMLINE, "-v", "--db", db_url, *args], cwd=REPO, env=ENV, text=True,
                            stdout=subprocess.PIPE, stderr=log.open("w"))


def _behind(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count(Document.id)).where(
            Document.extracted_hash.is_distinct_from(Document.content_hash))).scalar_one()


def _logged(*logs: Path) -> Counter[int]:
    return Counter(int(m) for log in logs for m in re.findall(r"extracted document (\d+)", log.read_text()))


def test_two_extract_runs_at_once_share_the_documents(db_url: str, engine: Engine, tmp_path: Path) -> None:
    total = save_threads(engine, 30, 3)
    runs = [_start(db_url, "extract", "--workers", "1", "--json", log=tmp_path / f"run{i}.log") for i in (1, 2)]
    outs = [p.communicate(timeout=600)[0] for p in runs]
    errs = [(tmp_path / f"run{i}.log").read_text() for i in (1, 2)]
    for p, err in zip(runs, errs):
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err and "locked" not in err.lower()
    summaries = [json.loads(o) for o in outs]
    assert [s["errors"] for s in summaries] == [[], []]
    # each document by one of them: together they extracted the store once
    assert sum(s["documents"] for s in summaries) == total
    assert max(_logged(tmp_path / "run1.log", tmp_path / "run2.log").values()) == 1
    assert _behind(engine) == 0


@pytest.fixture
def pg_queue(db_url: str, engine: Engine) -> str:
    if not db_url.startswith("postgresql"):
        pytest.skip("the queue lives in PostgreSQL")
    from reconcile.queue import ensure_schema

    ensure_schema(engine)
    with engine.begin() as conn:  # jobs of an earlier test on this database
        conn.execute(text("TRUNCATE procrastinate_jobs, procrastinate_workers RESTART IDENTITY CASCADE"))
    return db_url


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_each_queued_batch_is_taken_by_one_worker(pg_queue: str, engine: Engine, tmp_path: Path) -> None:
    total = save_threads(engine, 30, 3)
    queued = subprocess.run([*CLAIMLINE, "--db", pg_queue, "extract", "--queue", "--json"], cwd=REPO, env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert queued.returncode == 0, queued.stderr
    assert json.loads(queued.stdout)["documents"] == total
    workers = [_start(pg_queue, "worker", "--until-empty", "--json", log=tmp_path / f"w{i}.log") for i in (1, 2)]
    outs = [json.loads(p.communicate(timeout=600)[0]) for p in workers]
    assert [p.returncode for p in workers] == [0, 0]
    assert sum(o["batches"] for o in outs) == json.loads(queued.stdout)["batches"]
    assert sum(o["documents"] for o in outs) == total
    logged = _logged(tmp_path / "w1.log", tmp_path / "w2.log")
    assert len(logged) == total and set(logged.values()) == {1}
    assert _behind(engine) == 0


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_killed_workers_batch_comes_back_and_nothing_is_extracted_twice(
    pg_queue: str, engine: Engine, tmp_path: Path
) -> None:
    total = save_threads(engine, 30, 3)
    subprocess.run([*CLAIMLINE, "--db", pg_queue, "extract", "--queue"], cwd=REPO, env=ENV, check=True,
                   capture_output=True, timeout=300)
    victim = _start(pg_queue, "worker", "--stalled-after", "3", log=tmp_path / "victim.log")
    deadline = time.monotonic() + 300
    while not _logged(tmp_path / "victim.log") and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)  # mid-batch: some of its documents are stored, not all
    victim.wait()
    before = len(_logged(tmp_path / "victim.log"))
    assert 0 < before < total
    rescuer = _start(pg_queue, "worker", "--until-empty", "--stalled-after", "3", "--json", log=tmp_path / "r.log")
    out = json.loads(rescuer.communicate(timeout=600)[0])
    assert rescuer.returncode == 0, (tmp_path / "r.log").read_text()[-2000:]
    assert out["put_back"] == 1  # the victim's batch, found by its silent heartbeat
    assert "put back on the queue" in (tmp_path / "r.log").read_text()
    logged = _logged(tmp_path / "victim.log", tmp_path / "r.log")
    assert set(logged.values()) == {1}  # none twice
    assert _behind(engine) == 0  # and every one stored
    # (the victim may have been killed between a commit and its log line: one unlogged at most)
    assert len(logged) >= total - 1
