"""Crawling one shared frontier with 1, 2 and 4 `claimline crawl --frontier` processes (hosts are
simulated by separate processes on this machine: each has its own interpreter, downloader, writer
and connections, as on another host; `ip netns` works here, but the Redis and PostgreSQL servers
the processes share listen on loopback only, which a namespace cannot reach), over 4 generated
blogs served on loopback (each answer delayed by --latency, like a remote host), into one fresh
PostgreSQL database per run; then the same with one process killed with -9 a third of the way
through and a replacement started (as a restarted host would).

Printed per run: the wall time (first start to last end, which includes each process's start:
imports, schema check, writer fork, several seconds on a loaded machine), pages/s over the time
the sites were being fetched (first to last request the servers saw) and its ratio against
1 process (medians of --crawl-repeats runs), the processes' CPU seconds and CPU/wall,
robots.txt fetches per site, pages fetched twice (only a killed process's unfinished pages may be,
never more than it held), documents stored twice (duplicates) and documents lost against the
1-process run.

    .venv/bin/python bench/scale.py --crawl [--pg URL] [--redis URL] [--crawl-posts 80] [--crawl-repeats 3] [--latency 0.02]
                                [--concurrency N]
"""
from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CLAIMLINE = (sys.executable, "-c", "from cli.main import main; main()")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
SITES = 4
STALLED_AFTER = "3"


class _Timed:
    """Mixed into the fixture server's handler: when each request arrived."""

    def parse_request(self) -> bool:
        ok = super().parse_request()  # type: ignore[misc]
        if ok:
            self.server.arrivals.append(time.monotonic())  # type: ignore[attr-defined]
        return bool(ok)


def _handler() -> type:
    from crawler.serve import SiteHandler

    return type("TimedHandler", (_Timed, SiteHandler), {})


def _fresh_db(admin_url: str) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.engine import make_engine
    from store.schema import upgrade

    name = f"claimline_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def _drop_db(admin_url: str, url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.engine import make_engine

    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def _stored(url: str) -> list[tuple[str, str]]:
    """(site, doc_key) of every stored document, duplicates included."""
    from sqlalchemy import select

    from store.engine import make_engine
    from store.models import Document, Site

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Site.base_url, Document.doc_key).join(Site, Site.id == Document.site_id)).all()
    engine.dispose()
    return [(str(a), str(b)) for a, b in rows]


def _crawler(url: str, bases: list[str], redis_url: str, concurrency: int | None) -> subprocess.Popen[str]:
    more = ["--concurrency", str(concurrency)] if concurrency else []
    return subprocess.Popen([*CLAIMLINE, "-q", "--db", url, "crawl", *bases, "--frontier", redis_url,
                             "--delay", "0", "--stalled-after", STALLED_AFTER, "--json", *more],
                            cwd=REPO, env=ENV, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_one(admin_url: str, redis_url: str, servers: list[Any], processes: int, kill: bool,
            concurrency: int | None = None) -> dict[str, Any]:
    from crawler.frontier import clear_site, connect
    from crawler.urls import site_key

    bases = [f"http://{s.server_address[0]}:{s.server_address[1]}/" for s in servers]
    client = connect(redis_url)
    for base in bases:
        clear_site(client, site_key(base))
        client.delete(f"claimline:robots:{site_key(base)}")
    for s in servers:
        s.request_log.clear()
        s.arrivals.clear()
    url = _fresh_db(admin_url)
    try:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        procs = [_crawler(url, bases, redis_url, concurrency) for _ in range(processes)]
        held = 0
        if kill:
            while len(_stored(url)) < run_one.reference_size / 3:  # type: ignore[attr-defined]
                time.sleep(0.05)
            procs[0].send_signal(signal.SIGKILL)
            procs[0].wait()
            held = sum(client.hlen(k) for base in bases
                       for k in client.scan_iter(match=f"claimline:{site_key(base)}:leases:*"))
            procs.append(_crawler(url, bases, redis_url, concurrency))
        outs = [p.communicate(timeout=1800) for p in procs]
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        errors = [err[-2000:] for p, (_o, err) in zip(procs, outs) if p.returncode not in (0, -signal.SIGKILL)]
        gets: Counter[tuple[int, str]] = Counter()
        robots = []
        arrivals = sorted(t for s in servers for t in s.arrivals)
        for i, s in enumerate(servers):
            paths = Counter(path for method, path, _ in s.request_log if method == "GET")
            robots.append(paths.pop("/robots.txt", 0))
            gets.update({(i, p): n for p, n in paths.items()})
        stored = _stored(url)
        return {
            "processes": processes, "killed": kill, "seconds": wall, "pages": len(gets),
            "fetching_s": arrivals[-1] - arrivals[0], "pages_s": len(gets) / max(arrivals[-1] - arrivals[0], 1e-3),
            "cpu_s": (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime),
            "robots": robots, "refetched": sum(n - 1 for n in gets.values()), "held": held,
            "documents": len(set(stored)), "duplicates": len(stored) - len(set(stored)), "stored": set(stored),
            "errors": errors,
        }
    finally:
        client.close()
        _drop_db(admin_url, url)


def main(pg: str | None, redis_url: str | None, posts: int, repeats: int, latency: float, folder: Path | None,
         concurrency: int | None = None) -> int:
    from bench.crawl import generate_site
    from crawler.serve import running_server

    TimedHandler = _handler()
    admin_url = pg or os.environ.get("CLAIMLINE_TEST_PG") or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    redis_url = redis_url or os.environ.get("CLAIMLINE_TEST_REDIS") or "redis://127.0.0.1:6379/0"
    root = folder or Path(tempfile.mkdtemp(prefix="claimline-scale-crawl-"))
    pages = sum(generate_site(root / f"site{i}", posts, seed=11 + i) for i in range(SITES))
    print(f"crawl on one Redis frontier ({redis_url}) into one PostgreSQL database: {SITES} loopback sites x "
          f"{posts} posts ({pages} pages), answers delayed {latency * 1000:.0f} ms, --delay 0"
          f"{f', --concurrency {concurrency} per process and site' if concurrency else ''}; processes are "
          f"separate `claimline crawl --frontier` runs on this host ({os.cpu_count()} cores) standing for hosts; "
          f"--stalled-after {STALLED_AFTER}; median of {repeats} runs without a kill")
    print(f"{'procs':>5} {'killed':>6} | {'pages':>5} {'wall s':>7} {'fetch s':>7} {'pages/s':>7} {'x 1 proc':>8} | {'CPU s':>6} "
          f"{'CPU/wall':>8} | {'robots':>7} {'held':>4} {'refetched':>9} {'docs':>5} {'dups':>4} {'lost':>4}")
    ok = True
    base_rate = None
    with ExitStack() as stack:
        servers = [stack.enter_context(running_server(root / f"site{i}", latency=latency)) for i in range(SITES)]
        for s in servers:
            s.RequestHandlerClass = TimedHandler
            s.arrivals = []
            s.handle_error = lambda request, address: None  # a killed crawler's reset connections
        reference: set[tuple[str, str]] | None = None
        for kill in (False, True):
            for n in (1, 2, 4):
                runs = []
                for _ in range(1 if kill else repeats):
                    run_one.reference_size = len(reference or ())  # type: ignore[attr-defined]
                    r = run_one(admin_url, redis_url, servers, n, kill, concurrency)
                    runs.append(r)
                    reference = reference or r["stored"]
                r = sorted(runs, key=lambda x: x["pages_s"])[len(runs) // 2]
                rate = statistics.median(x["pages_s"] for x in runs)
                base_rate = base_rate or rate
                # bases differ per run only by port, which is the same servers throughout
                lost = len(reference - r["stored"])
                good = (not r["errors"] and r["duplicates"] == 0 and lost == 0 and r["pages"] == pages
                        and all(x == 1 for x in r["robots"]) and r["refetched"] <= r["held"])
                ok &= good
                print(f"{n:>5} {'yes' if kill else 'no':>6} | {r['pages']:>5} {r['seconds']:>7.1f} "
                      f"{r['fetching_s']:>7.1f} {rate:>7.1f} "
                      f"{rate / base_rate:>8.2f} | {r['cpu_s']:>6.1f} {r['cpu_s'] / r['seconds']:>8.2f} | "
                      f"{'/'.join(map(str, r['robots'])):>7} {r['held']:>4} {r['refetched']:>9} {r['documents']:>5} "
                      f"{r['duplicates']:>4} {lost:>4}", flush=True)
                for err in r["errors"]:
                    print("  error:", err.strip().splitlines()[-1] if err.strip() else "(no output)")
    print("every page stored, none twice, robots.txt read once per site" if ok
          else "NOT every page stored exactly once (see above)")
    return 0 if ok else 1
