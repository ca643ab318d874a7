"""Reliability: fuzz cases, injected faults, and what they cost in documents (must be nothing).

Runs, on a fresh SQLite database each time (PostgreSQL too with --pg URL):

1. fuzz cases through the parser, the ingest readers and the time normaliser (bench/fuzz.py);
2. crawls of the faulty loopback blog (tests/faults/faulty_server.py): eight faults a crawl plus
   a 503-then-200 page; every fault must be filed with its URL, every good page stored;
3. `kill -9` of a running `claimline crawl` subprocess at random moments (more than the test
   suite's five), each followed by the resume, compared with an uninterrupted crawl;
4. crawls in which storing one page fails (a database error injected), each followed by a
   second crawl that must store it.

5. one post with `--thread-sources` comments that agree on a birth year and one that does not,
   ingested, extracted and reconciled in a fresh process: time, peak memory, and that the
   entity and the conflict are stored (reliability used to overflow at about 760 sources);
6. `--races` runs of `claimline extract` racing a second process that writes threads into the
   same SQLite file: extract errors (must be 0), writer errors (must be 0), crashes (exit code
   < 0, e.g. a segmentation fault; must be 0), documents left unextracted after one more run;
7. the redirect server (tests/crawler/redirect_site.py): a crawl and `parse URL` of pages that
   redirect to another port, `localhost`, `2130706433`, 169.254.169.254, `ftp:` and
   `JaVaScRiPt:`; every target must be refused with its rule, or followed where the rules say
   (the same-site one), and nothing may reach the other port;
8. with `--pg URL` and `--pg-lookups N`: document lookups (`doc_key IN (...)`, 20 keys) at N
   stored documents, on a connection whose statements were prepared while the table was empty
   (psycopg's default: a generic plan) against the engine's setting (planned per query).

Prints: fuzz cases run, faults injected, documents lost (must be 0), duplicates (must be 0), and
the figures of 5-8. `--only thread,race,redirects,pg-lookups` runs just those sections.

    python bench/reliability.py [--fuzz-cases 2000] [--kills 12] [--fault-crawls 2] [--pg URL]
        [--thread-sources 1000] [--races 3] [--pg-lookups 50000] [--only SECTIONS]
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


# --- 5. one thread, a thousand sources ----------------------------------------------------------
def thread_child(db_url: str, sources: int) -> dict:
    """In a fresh process (for its peak memory): store, extract and reconcile the thread."""
    import resource

    from sqlalchemy import func, select

    from reconcile.extract_stage import run_extract
    from reconcile.stage import run_reconcile
    from store.engine import make_engine, session_scope
    from store.models import ClaimLink, Entity
    from store.schema import upgrade
    from store.threads import save_thread
    from tests.reconcile.test_stage_failures import one_against_many

    engine = make_engine(db_url)
    upgrade(engine)
    t0 = time.monotonic()
    with session_scope(engine) as s:
        save_thread(s, one_against_many(sources))
    with session_scope(engine) as s:
        extracted = run_extract(s)
    t1 = time.monotonic()
    try:
        summary = run_reconcile(engine)
        errors = summary.errors
    except Exception as exc:  # noqa: BLE001 - the figure is whether it stores
        errors = [f"{exc.__class__.__name__}: {exc}"]
    t2 = time.monotonic()
    with engine.connect() as conn:
        entities = conn.execute(select(func.count(Entity.id))).scalar_one()
        conflicts = conn.execute(select(func.count(ClaimLink.id)).where(ClaimLink.type == "conflicts")).scalar_one()
        links = conn.execute(select(func.count(ClaimLink.id))).scalar_one()
    engine.dispose()
    return {"sources": sources + 1, "extract_s": round(t1 - t0, 1), "reconcile_s": round(t2 - t1, 1),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "extract_errors": len(extracted.errors), "reconcile_errors": errors,
            "entities": entities, "conflicts": conflicts, "links": links}


def _child(args: list[str]) -> dict:
    import json
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, __file__, *args], cwd=REPO, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        return {"exit": out.returncode, "stderr": out.stderr[-2000:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def thousand_sources(tally: Tally, sources: int, tmp: Path, pg: str | None) -> list[str]:
    lines = []
    for backend, url in (("SQLite", f"sqlite:///{tmp / 'thread.db'}"), ("PostgreSQL", _fresh_pg(pg) if pg else None)):
        if url is None:
            continue
        got = _child(["--child-thread", url, str(sources)])
        if "exit" in got:
            tally.problems.append(f"thread of {sources} sources on {backend}: exit {got['exit']}: {got['stderr'][-300:]}")
            continue
        stored = got["entities"] >= 1 and got["conflicts"] >= 1 and not got["reconcile_errors"]
        if not stored:
            tally.problems.append(f"thread of {sources} sources on {backend} did not store: {got}")
        lines.append(f"  {backend}: {got['sources']} sources; extract {got['extract_s']} s, reconcile "
                     f"{got['reconcile_s']} s, peak {got['peak_mb']} MB; stored {got['entities']} entities, "
                     f"{got['conflicts']} conflicts, {got['links']} links; errors {len(got['reconcile_errors'])}")
    return lines


# --- 6. extract racing a writer on SQLite -------------------------------------------------------
def _race_thread(i: int):  # noqa: ANN202 - a ThreadIn
    from store.records import DocumentIn, ThreadIn

    url = f"http://race{i % 3}.example/p/{i}/"
    post = DocumentIn(kind="post", url=url, platform_id=str(i),
                      text=f"Governor Ahmad Khan {i} of Herat was born in {1900 + i % 100}. He defected to the Taliban in 2001.")
    comments = [DocumentIn(kind="comment", url=url, platform_id=f"{i}-{j}", permalink=f"{url}#comment-{j}",
                           author_name=f"reader {j}", text=f"Ahmad Khan {i} was detained in Kabul in {1990 + j}.")
                for j in range(5)]
    return ThreadIn(site_url=f"http://race{i % 3}.example/", post=post, comments=comments, platform="wordpress")


def writer_child(db_url: str, start: int, count: int, delay: float) -> dict:
    from store.engine import make_engine, session_scope
    from store.threads import save_thread

    engine = make_engine(db_url)
    errors = 0
    time.sleep(delay)
    for i in range(start, start + count):
        time.sleep(0.02)
        try:
            with session_scope(engine) as s:
                save_thread(s, _race_thread(i))
        except Exception as exc:  # noqa: BLE001 - counted
            errors += 1
            print(f"writer: {exc}", file=sys.stderr)
    engine.dispose()
    return {"writer_errors": errors}


def extract_races(tally: Tally, runs: int, tmp: Path, threads: int = 150) -> list[str]:
    import json
    import subprocess

    from store.engine import make_engine, session_scope
    from store.schema import upgrade
    from store.threads import save_thread

    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONFAULTHANDLER": "1"}
    totals = {"extracted": 0, "extract_errors": 0, "retries": 0, "writer_errors": 0, "crashes": 0, "left": 0}
    for run in range(runs):
        url = f"sqlite:///{tmp / f'race{run}.db'}"
        engine = make_engine(url)
        upgrade(engine)
        with session_scope(engine) as s:
            for i in range(threads):
                save_thread(s, _race_thread(i))
        engine.dispose()
        extract = subprocess.Popen([sys.executable, "-c", "from cli.main import main; main()", "--db", url, "-q",
                                    "extract", "--json"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        writer = subprocess.Popen([sys.executable, __file__, "--child-writer", url, str(10_000), str(threads), "4"],
                                  cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        e_out, e_err = extract.communicate()
        w_out, w_err = writer.communicate()
        for name, proc, err in (("extract", extract, e_err), ("writer", writer, w_err)):
            if proc.returncode < 0 or "Fatal Python error" in err:
                totals["crashes"] += 1
                tally.problems.append(f"race {run}: {name} crashed (exit {proc.returncode}): {err[-800:]}")
        try:
            summary = json.loads(e_out)
            totals["extracted"] += summary["documents"]
            totals["extract_errors"] += len(summary["errors"])
            totals["retries"] += summary.get("retries", 0)
        except (ValueError, KeyError):
            tally.problems.append(f"race {run}: extract printed no summary (exit {extract.returncode}): {e_err[-300:]}")
        try:
            totals["writer_errors"] += json.loads(w_out.strip().splitlines()[-1])["writer_errors"]
        except (ValueError, KeyError, IndexError):
            tally.problems.append(f"race {run}: writer printed no summary (exit {writer.returncode}): {w_err[-300:]}")
        final = subprocess.run([sys.executable, "-c", "from cli.main import main; main()", "--db", url, "-q",
                                "extract", "--json"], cwd=REPO, env=env, capture_output=True, text=True)
        again = subprocess.run([sys.executable, "-c", "from cli.main import main; main()", "--db", url, "-q",
                                "extract", "--json"], cwd=REPO, env=env, capture_output=True, text=True)
        totals["left"] += json.loads(again.stdout)["documents"] if again.stdout.strip() else 1
        if final.returncode != 0:
            tally.problems.append(f"race {run}: the extract after the race failed: {final.stderr[-300:]}")
    for key in ("extract_errors", "writer_errors", "crashes", "left"):
        if totals[key]:
            tally.problems.append(f"races: {key} = {totals[key]}")
    return [f"  {runs} races of {threads * 6} documents: extracted during the race {totals['extracted']}, "
            f"extract errors {totals['extract_errors']}, lock retries {totals['retries']}, writer errors "
            f"{totals['writer_errors']}, crashes {totals['crashes']}, left unextracted {totals['left']}"]


# --- 7. the redirect server ---------------------------------------------------------------------
def redirects(tally: Tally, tmp: Path) -> list[str]:
    from crawler.errors import ParseError
    from crawler.fetch import fetch_page
    from crawler.run import crawl
    from tests.crawler.redirect_site import redirect_site

    refused = followed = wrong = 0
    with redirect_site() as site:
        summary = crawl([site.base], db_url=f"sqlite:///{tmp / 'redirects.db'}", delay=0,
                        jobdir=tmp / "redirects", writer="thread")
        reasons = {u: r for items in summary.errors.values() for u, r in items}
        for name, (target, rule) in site.targets().items():
            page = f"{site.base}go/{name}/"
            crawl_reason = reasons.get(page)
            try:
                parse_result = fetch_page(page).url
            except ParseError as exc:
                parse_result = str(exc)
            for how, got in (("crawl", crawl_reason), ("parse", parse_result)):
                if rule is None:
                    ok = got is None if how == "crawl" else got == target
                    followed += ok
                else:
                    ok = got is not None and f"refused {target} (rule: {rule})" in got
                    refused += ok
                if not ok:
                    wrong += 1
                    tally.problems.append(f"redirect {name} ({how}): expected {rule or 'followed'}, got {got}")
        elsewhere = len(site.other_hits.requests)
        foreign_hosts = {h for h, _ in site.hits.requests} - {f"127.0.0.1:{site.port}"}
    if elsewhere or foreign_hosts:
        tally.problems.append(f"redirects: {elsewhere} requests reached the other port; hosts asked {foreign_hosts}")
    return [f"  {len(site.targets())} redirect targets, crawl and parse: {refused} refused with their rule, "
            f"{followed} followed as allowed, {wrong} wrong; requests to the other port {elsewhere}, "
            f"to other host names {len(foreign_hosts)}"]


# --- 8. PostgreSQL lookups as the table grows ----------------------------------------------------
def pg_lookups(tally: Tally, pg: str, documents: int, lookups: int = 200) -> list[str]:
    import statistics

    from sqlalchemy import insert

    from store.engine import analyze, make_engine, session_scope
    from store.models import Document, Site
    from store.threads import _lookups

    lines = []
    for label, connect_args in (("prepared while empty (psycopg default)", {"prepare_threshold": 5}),
                                ("planned per query (the engine's setting)", None)):
        url = _fresh_pg(pg)
        engine = make_engine(url, **({"connect_args": connect_args} if connect_args else {}))
        with session_scope(engine) as s:
            site = Site(base_url="https://big.example/", platform="wordpress")
            s.add(site)
            s.flush()
            site_id = site.id
        query = _lookups()["by_key"]
        keys = [f"comment:{i}" for i in range(documents)]
        rng = random.Random(1)
        with engine.connect() as conn:
            for _ in range(12):  # on the empty table: psycopg prepares it, PostgreSQL settles its plan
                conn.execute(query, {"site_id": site_id, "values": rng.sample(keys, 20)}).all()
            conn.commit()
            for i in range(0, documents, 5000):
                conn.execute(insert(Document), [
                    {"site_id": site_id, "doc_key": k, "kind": "comment", "url": f"https://big.example/p/{k}",
                     "text": "x", "content_hash": k} for k in keys[i : i + 5000]])
                conn.commit()
            if connect_args is None:
                analyze(conn, ("documents",))
                conn.commit()
            times = []
            for _ in range(lookups):
                t = time.perf_counter()
                conn.execute(query, {"site_id": site_id, "values": rng.sample(keys, 20)}).all()
                times.append((time.perf_counter() - t) * 1000)
            conn.commit()
        engine.dispose()
        lines.append(f"  {label}: median {statistics.median(times):.2f} ms, p95 "
                     f"{sorted(times)[int(len(times) * 0.95)]:.2f} ms a lookup of 20 keys at {documents} documents")
        if connect_args is None and statistics.median(times) > 5:
            tally.problems.append(f"PostgreSQL lookups at {documents} documents take {statistics.median(times):.1f} ms")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzz-cases", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--fault-crawls", type=int, default=2)
    parser.add_argument("--store-failures", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pg", help="a PostgreSQL database URL: every other run uses it (emptied first)")
    parser.add_argument("--thread-sources", type=int, default=1000, help="comments agreeing in section 5")
    parser.add_argument("--races", type=int, default=3, help="runs of extract racing a writer (section 6)")
    parser.add_argument("--pg-lookups", type=int, default=0, help="documents for section 8 (needs --pg)")
    parser.add_argument("--only", help="comma-separated sections: fuzz,faults,kills,store,thread,race,redirects,pg-lookups")
    parser.add_argument("--child-thread", nargs=2, metavar=("DB", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--child-writer", nargs=4, metavar=("DB", "START", "N", "DELAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_thread:
        import json

        print(json.dumps(thread_child(args.child_thread[0], int(args.child_thread[1]))))
        return 0
    if args.child_writer:
        import json

        db, start, n, delay = args.child_writer
        print(json.dumps(writer_child(db, int(start), int(n), float(delay))))
        return 0
    only = set(args.only.split(",")) if args.only else None

    def wanted(section: str) -> bool:
        return only is None or section in only

    from fuzz import _shared, fuzz

    started = time.monotonic()
    tally = Tally()
    fuzzed = fuzz(args.fuzz_cases if wanted("fuzz") else 0, args.seed, args.jobs, _shared(None), quiet=True)
    figures: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="claimline-reliability-") as work:
        tmp = Path(work)
        if wanted("faults"):
            fault_crawls(tally, args.fault_crawls, tmp, args.pg)
        if wanted("kills"):
            kill_runs(tally, args.kills, tmp, args.pg, args.seed)
        if wanted("store"):
            store_failures(tally, args.store_failures, tmp, args.pg)
        if wanted("thread") and args.thread_sources:
            figures["one thread, many sources (store, extract, reconcile)"] = thousand_sources(tally, args.thread_sources, tmp, args.pg)
        if wanted("race") and args.races:
            figures["extract racing a writer on SQLite"] = extract_races(tally, args.races, tmp)
        if wanted("redirects"):
            figures["redirect server"] = redirects(tally, tmp)
        if wanted("pg-lookups") and args.pg and args.pg_lookups:
            figures["PostgreSQL lookups"] = pg_lookups(tally, args.pg, args.pg_lookups)
    for title, lines in figures.items():
        print(f"{title}:")
        for line in lines:
            print(line)
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
