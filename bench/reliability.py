"""Reliability: fuzz cases, injected faults, and what they cost in documents (must be nothing).

Runs, on a fresh SQLite database each time (PostgreSQL too with --pg URL):

1. fuzz cases through the parser, the ingest readers and the time normaliser (bench/fuzz.py);
2. crawls of the faulty loopback blog (tests/faults/faulty_server.py): eight faults a crawl plus
   a 503-then-200 page; every fault must be filed with its URL, every good page stored;
3. `kill -9` of a running `claimline crawl` subprocess at random moments (more than the test
   suite's five), each followed by the resume, compared with an uninterrupted crawl;
4. crawls in which storing one page fails (a database error injected), each followed by a
   second crawl that must store it.

Prints: fuzz cases run, faults injected, documents lost (must be 0), duplicates (must be 0).

    python bench/reliability.py [--fuzz-cases 2000] [--kills 12] [--fault-crawls 2] [--pg URL]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


class Tally:
    def __init__(self) -> None:
        self.faults: dict[str, int] = {}
        self.lost = 0
        self.duplicates = 0
        self.problems: list[str] = []

    def fault(self, kind: str, n: int = 1) -> None:
        self.faults[kind] = self.faults.get(kind, 0) + n


def _fresh_pg(url: str) -> str:
    from sqlalchemy import text

    from store.engine import make_engine
    from store.models import Base
    from store.schema import upgrade

    engine = make_engine(url)
    upgrade(engine)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


def _db(tmp: Path, name: str, pg: str | None, use_pg: bool) -> str:
    return _fresh_pg(pg) if use_pg and pg else f"sqlite:///{tmp / name}.db"


def fault_crawls(tally: Tally, runs: int, tmp: Path, pg: str | None) -> None:
    from crawler.run import crawl
    from store.engine import make_engine
    from tests.faults.crawl_proc import documents, duplicates
    from tests.faults.faulty_server import serve_faulty_blog
    from tests.faults.sitegen import expected_documents, generate

    for run in range(runs):
        site = generate(20, seed=100 + run)
        url = _db(tmp, f"faulty{run}", pg, run % 2 == 1)
        with serve_faulty_blog(site) as blog:
            summary = crawl([blog.base], db_url=url, delay=0, jobdir=tmp / f"faulty{run}", timeout=1.5)
            filed = {u: k for k, items in summary.errors.items() for u, _ in items}
            for fault_url, kind in blog.faults.items():
                tally.fault(f"server:{kind}")
                if filed.get(fault_url) != kind:
                    tally.problems.append(f"fault {fault_url} filed as {filed.get(fault_url)}, not {kind}")
            tally.fault("server:503-then-200")
        engine = make_engine(url)
        rows = documents(engine)
        engine.dispose()
        got = {(r[0], r[1]) for r in rows}
        tally.lost += len(expected_documents(site) - got)
        tally.duplicates += duplicates(rows)


def kill_runs(tally: Tally, kills: int, tmp: Path, pg: str | None, seed: int) -> None:
    from crawler.run import crawl
    from crawler.serve import serve_directory
    from store.engine import make_engine
    from tests.faults.crawl_proc import documents, duplicates, half_written_threads, kill_when, run_crawl
    from tests.faults.sitegen import generate, write_site

    rng = random.Random(seed)
    site = generate(80, seed=seed, max_comments=3)
    root = write_site(site, tmp / "kill-site")
    with serve_directory(root) as base:
        started = time.monotonic()
        summary = run_crawl(base, f"sqlite:///{tmp / 'kill-full'}.db", tmp / "kill-full", tmp / "kill-full.log")
        startup = time.monotonic() - started - float(summary["seconds"])
        engine = make_engine(f"sqlite:///{tmp / 'kill-full'}.db")
        full = documents(engine)
        engine.dispose()
        for run in range(kills):
            url = _db(tmp, f"kill{run}", pg, run % 3 == 2)
            phase = run % 4
            rows, delay = [(0, rng.uniform(0.2, max(0.3, startup))), (1, rng.uniform(0, 0.3)),
                           (1, rng.uniform(0.3, 2.0)), (len(full), rng.uniform(0, 0.3))][phase]
            killed = kill_when(base, url, tmp / f"kill{run}", tmp / f"kill{run}.log", rows=rows, delay=delay)
            engine = make_engine(url)
            at_death = documents(engine)
            tally.fault("kill -9" if killed else "kill -9 (crawl had finished)")
            tally.duplicates += duplicates(at_death)
            for bad in half_written_threads(site, at_death):
                tally.problems.append(f"kill {run}: half-written thread {bad}")
            crawl([base], db_url=url, delay=0, jobdir=tmp / f"kill{run}")
            after = documents(engine)
            engine.dispose()
            tally.lost += len(set(full) - set(after))
            tally.duplicates += duplicates(after)
            if set(after) - set(full):
                tally.problems.append(f"kill {run}: {len(set(after) - set(full))} documents differ from the full crawl")


def store_failures(tally: Tally, runs: int, tmp: Path, pg: str | None) -> None:
    """A database error injected while storing one page; the next crawl must store it."""
    import crawler.writer
    from sqlalchemy.exc import OperationalError

    from crawler.run import crawl
    from crawler.serve import serve_directory
    from store.engine import make_engine
    from tests.faults.crawl_proc import documents, duplicates
    from tests.faults.sitegen import expected_documents, generate, write_site

    real = crawler.writer.save_thread
    for run in range(runs):
        site = generate(15, seed=300 + run)
        victim = site.posts[run % len(site.posts)].path

        def failing(session, thread, victim=victim):  # noqa: ANN001, ANN202
            if thread.post.url.endswith(victim):
                raise OperationalError("INSERT", {}, Exception("database is locked (injected)"))
            return real(session, thread)

        root = write_site(site, tmp / f"store-site{run}")
        url = _db(tmp, f"store{run}", pg, run % 2 == 1)
        with serve_directory(root) as base:
            crawler.writer.save_thread = failing
            try:
                crawl([base], db_url=url, delay=0, jobdir=tmp / f"store{run}")
            finally:
                crawler.writer.save_thread = real
            tally.fault("store failure")
            crawl([base], db_url=url, delay=0, jobdir=tmp / f"store{run}")
        engine = make_engine(url)
        rows = documents(engine)
        engine.dispose()
        tally.lost += len(expected_documents(site) - {(r[0], r[1]) for r in rows})
        tally.duplicates += duplicates(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzz-cases", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--fault-crawls", type=int, default=2)
    parser.add_argument("--store-failures", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pg", help="a PostgreSQL database URL: every other run uses it (emptied first)")
    args = parser.parse_args()

    from fuzz import _shared, fuzz

    started = time.monotonic()
    tally = Tally()
    fuzzed = fuzz(args.fuzz_cases, args.seed, args.jobs, _shared(None), quiet=True)
    with tempfile.TemporaryDirectory(prefix="claimline-reliability-") as work:
        tmp = Path(work)
        fault_crawls(tally, args.fault_crawls, tmp, args.pg)
        kill_runs(tally, args.kills, tmp, args.pg, args.seed)
        store_failures(tally, args.store_failures, tmp, args.pg)
    ran = sum(fuzzed.outcomes.values())
    print(f"fuzz cases run: {ran} ({len(fuzzed.failures)} failures)")
    print(f"faults injected: {sum(tally.faults.values())}")
    for kind, n in sorted(tally.faults.items()):
        print(f"  {kind}: {n}")
    print(f"documents lost: {tally.lost}")
    print(f"duplicates: {tally.duplicates}")
    print(f"other problems: {len(tally.problems) + len(fuzzed.failures)}")
    for line in [*tally.problems, *fuzzed.failures][:30]:
        print(f"  {line}")
    print(f"time: {time.monotonic() - started:.0f} s (databases: SQLite{' and PostgreSQL' if args.pg else ''})")
    bad = tally.lost or tally.duplicates or tally.problems or fuzzed.failures
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
