"""Extraction over the PostgreSQL queue with 1, 2 and 4 `claimline worker` processes (hosts are
simulated by separate processes on this machine, each with its own model and connections, as on
another host), and the same with one worker killed with -9 mid-way and a replacement started.

For each configuration a fresh PostgreSQL database gets the same generated threads (posts with
replies, as tests/reconcile/thread_store.py writes them); `claimline extract --queue` fills the
queue; the workers run with `--until-empty`. Every worker runs with `-v`, which logs `extracted
document N` as each document is committed: the bench counts each document's extractions over all
workers (the killed one's log included) and checks the store (every document's extraction is
current). Printed: documents/s (wall, from the first worker's start to the last's end), the
ratio against 1 worker in the same run, the workers' CPU seconds (user+sys of the children) and
CPU/wall (how many cores they kept busy), batches put back, and documents logged as extracted 0,
1 or more times; "behind" is documents whose stored extraction is not current. A document the
killed worker committed in the instant between its commit and its log line shows as "never"
with "behind" 0 (at most one per kill); "twice+" must be 0.

    .venv/bin/python bench/scale.py --extract [--pg URL] [--posts 120] [--replies 4]
"""
from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CLAIMLINE = (sys.executable, "-c", "from cli.main import main; main()")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
STALLED_AFTER = "5"


def _fresh_db(admin_url: str, posts: int, replies: int) -> tuple[str, int]:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.engine import make_engine
    from store.schema import upgrade
    from tests.reconcile.thread_store import save_threads

    name = f"claimline_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    total = save_threads(engine, posts, replies, seed=7)
    engine.dispose()
    return url, total


def _drop_db(admin_url: str, url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.engine import make_engine

    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def _behind(url: str) -> int:
    from sqlalchemy import func, select

    from store.engine import make_engine
    from store.models import Document

    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count(Document.id)).where(
            Document.extracted_hash.is_distinct_from(Document.content_hash))).scalar_one()
    engine.dispose()
    return int(n)


def _worker(url: str, log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLAIMLINE, "-v", "--db", url, "worker", "--until-empty", "--stalled-after",
                             STALLED_AFTER, "--json"], cwd=REPO, env=ENV, text=True,
                            stdout=subprocess.PIPE, stderr=log.open("w"))


def _logged(logs: list[Path]) -> Counter[int]:
    return Counter(int(m) for log in logs for m in re.findall(r"extracted document (\d+)", log.read_text()))


def run_one(admin_url: str, workers: int, kill: bool, posts: int, replies: int, folder: Path) -> dict:
    url, total = _fresh_db(admin_url, posts, replies)
    try:
        subprocess.run([*CLAIMLINE, "--db", url, "extract", "--queue"], cwd=REPO, env=ENV, check=True,
                       capture_output=True, timeout=600)
        logs = [folder / f"w{workers}-{kill}-{i}.log" for i in range(workers)]
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        procs = [_worker(url, log) for log in logs]
        put_back = 0
        if kill:
            while sum(_logged(logs).values()) < total * 0.3:
                time.sleep(0.05)
            victim = next(i for i, log in enumerate(logs) if _logged([log]))  # one mid-way through its batch
            procs[victim].send_signal(signal.SIGKILL)
            procs[victim].wait()
            logs.append(folder / f"w{workers}-{kill}-replacement.log")
            procs.append(_worker(url, logs[-1]))
        outs = []
        for p in procs:
            out, _ = p.communicate(timeout=1800)
            if p.returncode == 0 and out.strip():
                outs.append(json.loads(out))
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        put_back = sum(o["put_back"] for o in outs)
        counts = _logged(logs)
        times = Counter(counts.get(i, 0) for i in range(1, total + 1))
        return {"workers": workers, "killed": kill, "documents": total, "seconds": wall, "docs_s": total / wall,
                "cpu_s": cpu, "put_back": put_back, "once": times.get(1, 0), "never": times.get(0, 0),
                "twice_or_more": sum(v for k, v in times.items() if k > 1), "behind": _behind(url),
                "errors": sum(len(o["errors"]) for o in outs)}
    finally:
        _drop_db(admin_url, url)


def main(pg: str | None, posts: int, replies: int, folder: Path) -> int:
    admin_url = pg or os.environ.get("CLAIMLINE_TEST_PG") or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    print(f"extraction on the PostgreSQL queue: {posts} posts x {1 + replies} documents, "
          f"workers as separate processes on this host ({os.cpu_count()} cores), --stalled-after {STALLED_AFTER}")
    print(f"{'workers':>7} {'killed':>6} | {'docs':>5} {'wall s':>7} {'docs/s':>7} {'x 1 worker':>10} | "
          f"{'CPU s':>6} {'CPU/wall':>8} | {'put back':>8} {'once':>5} {'never':>5} {'twice+':>6} {'behind':>6} {'errors':>6}")
    base = None
    ok = True
    for kill in (False, True):
        for n in (1, 2, 4):
            r = run_one(admin_url, n, kill, posts, replies, folder)
            if not kill and n == 1:
                base = r["docs_s"]
            # A document the killed worker committed in the instant before its log line is stored
            # (behind 0) but logged by nobody: "never" counts those; "twice+" is what must be 0.
            ok &= r["twice_or_more"] == 0 and r["behind"] == 0 and r["errors"] == 0 and r["never"] <= int(kill)
            print(f"{n:>7} {'yes' if kill else 'no':>6} | {r['documents']:>5} {r['seconds']:>7.1f} {r['docs_s']:>7.1f} "
                  f"{r['docs_s'] / base if base else 0:>10.2f} | {r['cpu_s']:>6.1f} {r['cpu_s'] / r['seconds']:>8.2f} | "
                  f"{r['put_back']:>8} {r['once']:>5} {r['never']:>5} {r['twice_or_more']:>6} {r['behind']:>6} "
                  f"{r['errors']:>6}", flush=True)
    print("every document extracted exactly once" if ok else "NOT every document extracted exactly once")
    return 0 if ok else 1
