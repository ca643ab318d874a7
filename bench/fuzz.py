"""Fuzz: at least ten thousand hostile cases through the page parser, the ingest readers and the
time normaliser; prints how many ran, how each ended, and every failure.

A failure is anything a user must never see: an exception other than the project's ParseError
from `parse_html`, an exception from `read_threads`, a thread whose comments reply to nothing, a
time value that is not EDTF or has its bounds the wrong way round, or a case slower than the
per-case bound. The cases are the test suite's (`tests/faults/mutations.py` applied to our
fixtures and to the shared real corpus, read in place), drawn from one seed, so a run repeats.

    python bench/fuzz.py [--cases 10000] [--seed 1] [--jobs 2] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Share of the cases per target; the rest of the cases are time phrases.
SHARES = {"parse-fixture": 0.30, "parse-corpus": 0.08, "ingest": 0.12}
INGEST_SUFFIXES = (".html", ".xml", ".atom", ".rss", ".json", ".txt", ".warc")
MAX_MUTATIONS = 3


@dataclass
class Result:
    outcomes: Counter = field(default_factory=Counter)
    """(target, outcome) -> cases."""
    by_mutation: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    slowest: float = 0.0
    slowest_case: str = ""

    def merge(self, other: Result) -> None:
        self.outcomes.update(other.outcomes)
        self.by_mutation.update(other.by_mutation)
        self.failures += other.failures
        if other.slowest > self.slowest:
            self.slowest, self.slowest_case = other.slowest, other.slowest_case


def _shared(path: str | None) -> Path | None:
    candidate = Path(path or os.environ.get("CLAIMLINE_SHARED") or REPO.parent / "shared")
    return candidate if (candidate / "DESIGN.md").exists() else None


def plan(cases: int, seed: int, shared: Path | None) -> list[tuple]:
    """The cases: (target, source path or phrase pieces, mutation names, seed)."""
    from tests.faults.hostile import corpus_files, fixture_pages
    from tests.faults.mutations import MUTATIONS
    from tests.faults.test_fuzz_ingest import own_files

    rng = random.Random(seed)
    names = sorted(MUTATIONS)
    fixture = [str(p) for p in fixture_pages()]
    corpus = [str(p) for p in corpus_files(shared)] if shared else []
    ingest = [str(p) for p in own_files()] + ([str(p) for p in corpus_files(shared, INGEST_SUFFIXES)] if shared else [])
    counts = {k: int(cases * share) for k, share in SHARES.items()}
    if not corpus:
        counts["parse-fixture"] += counts.pop("parse-corpus")
    out: list[tuple] = []
    for target, n in counts.items():
        pool = {"parse-fixture": fixture, "parse-corpus": corpus, "ingest": ingest}[target]
        for _ in range(n):
            muts = tuple(rng.choice(names) for _ in range(rng.randint(1, MAX_MUTATIONS)))
            out.append((target, rng.choice(pool), muts, rng.randrange(2**32)))
    while len(out) < cases:
        out.append(("timex", None, (), rng.randrange(2**32)))
    rng.shuffle(out)
    return out


def _phrase(rng: random.Random) -> str:
    from tests.faults.test_fuzz_timex import PIECES

    pieces = [rng.choice(PIECES) for _ in range(rng.randint(1, 12))]
    style = rng.random()
    if style < 0.45:
        return " ".join(pieces)
    if style < 0.7:
        return "".join(pieces)
    if style < 0.85:
        return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 60)))
    return "".join(rng.choice("0123456789-/.~?%X[]{},") for _ in range(rng.randint(1, 30)))


def _quiet_worker() -> None:
    """Libraries print warnings about broken input (warcio echoes a megabyte of the record):
    the failures this bench reports are its own, so their chatter goes nowhere."""
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker process


def run_cases(cases: list[tuple]) -> Result:
    from tests.faults.hostile import PAGE_SECONDS, check_ingest, check_parse
    from tests.faults.mutations import mutate
    from tests.faults.test_fuzz_timex import PHRASE_SECONDS, check_value

    from reconcile.timex import normalise

    result = Result()
    work = Path(tempfile.mkdtemp(prefix="claimline-fuzz-"))
    for n, (target, source, muts, seed) in enumerate(cases):
        label = f"{target} {Path(source).name if source else ''} {'+'.join(muts)} seed={seed}"
        started = time.perf_counter()
        try:
            if target.startswith("parse"):
                body = mutate(Path(source).read_bytes(), muts, seed)
                outcome = check_parse(body, "http://fuzz.test/2013/09/20/a-post/")
                bound = PAGE_SECONDS
            elif target == "ingest":
                path = work / f"{n}-{Path(source).name}"
                path.write_bytes(mutate(Path(source).read_bytes(), muts, seed))
                threads, problems = check_ingest(path)
                path.unlink()
                outcome = "threads" if threads else "problems-only" if problems else "nothing"
                bound = PAGE_SECONDS
            else:
                rng = random.Random(seed)
                anchor = None if rng.random() < 0.3 else date(1, 1, 1) + timedelta(days=rng.randrange(3_650_000))
                value = normalise(_phrase(rng), anchor)
                check_value(value, label)
                outcome = "value" if value is not None else "none"
                bound = PHRASE_SECONDS
        except AssertionError as exc:
            result.failures.append(f"{label}: {str(exc)[:300]}")
            outcome = "FAILED"
            bound = float("inf")
        elapsed = time.perf_counter() - started
        if elapsed > bound:
            result.failures.append(f"{label}: {elapsed:.1f} s")
        if elapsed > result.slowest:
            result.slowest, result.slowest_case = elapsed, label
        result.outcomes[(target, outcome)] += 1
        for name in muts:
            result.by_mutation[name] += 1
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--shared", help="the shared folder (default: $CLAIMLINE_SHARED or ../shared)")
    args = parser.parse_args()
    totals = fuzz(args.cases, args.seed, args.jobs, _shared(args.shared))
    return 1 if totals.failures else 0


def fuzz(cases: int, seed: int, jobs: int, shared: Path | None, *, quiet: bool = False) -> Result:
    """Run and report `cases` cases over `jobs` processes; the merged result."""
    started = time.monotonic()
    todo = plan(cases, seed, shared)
    chunks = [todo[i::max(1, jobs) * 8] for i in range(max(1, jobs) * 8)]
    totals = Result()
    with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_quiet_worker) as pool:
        for part in pool.map(run_cases, chunks):
            totals.merge(part)
    if quiet:
        return totals
    ran = sum(totals.outcomes.values())
    print(f"fuzz cases run: {ran} (seed {seed}, {jobs} processes, {time.monotonic() - started:.0f} s;"
          f" shared corpus: {'yes' if shared else 'no'})")
    for target in ("parse-fixture", "parse-corpus", "ingest", "timex"):
        ends = {o: n for (t, o), n in sorted(totals.outcomes.items()) if t == target}
        if ends:
            print(f"  {target:14s} {sum(ends.values()):6d}  " + ", ".join(f"{o} {n}" for o, n in ends.items()))
    print("  mutations applied: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.by_mutation.items())))
    print(f"  slowest case: {totals.slowest:.2f} s ({totals.slowest_case})")
    print(f"failures: {len(totals.failures)}")
    for line in totals.failures[:50]:
        print(f"  {line}")
    return totals


if __name__ == "__main__":
    raise SystemExit(main())
