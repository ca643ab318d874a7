"""Throughput of both extractors on one generated corpus: KB/s per core, and the parse
extractor's speed-up with 2 worker processes against 1.

    .venv/bin/python bench/extract.py [--mb 5] [--parse-mb 0.5] [--runs 3] [--seed 7]
                                      [--workers 2] [--batch 4]

The corpus is blog-sized documents (1-6 KB) assembled from template sentences filled with random
names, titles, places, organisations, years and relative dates, mixed with filler prose that has
no claims in it (most of a real blog is commentary).

* "rules" (the regex extractor) reads the first `--mb` MB, one `extract` call per document, in
  this process: KB/s per core is KB over `time.process_time()`.
* "parse" (spaCy) reads the first `--parse-mb` MB of the same corpus (it is ~15x slower; a
  smaller share keeps the default run near two minutes on a shared 2-core machine). As the
  extract stage does (`reconcile.extract_stage`, `--workers N`), the documents go in batches of
  `--batch` to `extract_many` in a fork-based ProcessPoolExecutor whose workers inherit the
  loaded model; each run times the pool with 1 worker and then with `--workers` workers on the
  same documents. KB/s per core is KB over the workers' CPU seconds (`os.times()` of the
  reaped children). The speed-up is printed twice: wall(1 worker) / wall(N workers) in the
  same run, which is what a user sees but falls when other processes hold the cores, and the
  same ratio with each wall time replaced by the extraction CPU seconds of the busiest worker,
  which is what the wall time would be with a core free for each worker (it keeps the cost of
  uneven batches and of per-process work, not of other users' load). The
  batch is smaller than the stage's 64 so that ~130 documents split evenly over the workers
  (with 64, two batches on two workers would measure the imbalance, not the parallelism).
  Wall-clock ratios depend on what else the machine runs: the 1-minute load average
  is printed with each run.

Prints each run, then the medians and the ratios.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


GIVEN = ["Abdul", "Gholam", "Mohammad", "Noor", "Rahim", "Zabihullah", "Karim", "Jafar", "Hamid",
         "Sayed", "Asadullah", "Farid", "Naqib", "Wahid", "Yousuf", "Latif", "Bashir", "Shah"]
MIDDLE = ["Hai", "Rahman", "Ahmad", "Gul", "Jan", "Ali", "Qadir", "Sattar", "Wali", ""]
FAMILY = ["Khadem", "Sangari", "Nazari", "Barez", "Hotak", "Zarifi", "Popal", "Kharoti", "Sabir",
          "Yawar", "Andar", "Noorzai", "Tarakhel", "Rasuli", "Hakimi", "Dawari", "Sediqi"]
TITLES = ["", "", "Mr", "Haji", "Mullah", "Mawlawi", "General", "Senator", "Commander", "Dr", "Ustad"]
PLACES = ["Kabul", "Herat", "Kandahar", "Kunduz", "Sar-e Pol", "Sar-i-Pul", "Saripul", "Jawzjan",
          "Balkh", "Faryab", "Ghazni", "Quetta", "Peshawar", "Pakistan", "Iran", "Tajikistan",
          "Maimana", "Mazar-i-Sharif", "Khwaja Bulan", "Deh Surkh"]
ORGS = ["Taliban", "Hezb-e-Islami", "United Islamic Front", "Jamiat-e Islami", "Meshrano Jirga",
        "Kabul University", "Ministry of Interior", "BBC", "Wolesi Jirga", "4th Border Brigade"]
ROLES = ["district governor", "deputy governor", "senator", "police chief", "commander",
         "spokesman", "chief of staff", "provincial governor", "minister"]
TIMES = ["in {y}", "between {y} and {y2}", "from {y} to {y2}", "until {y}", "since {y}",
         "around March {d} {y}", "sometime before {y}", "in {y} and {y2}", "last year", "yesterday",
         "on Monday", "in the nineties", "two years earlier"]
TEMPLATES = [
    "{P} was born {T} in the village of {L} in {L2} district.",
    "{p} served as {a} {R} {T}.",
    "{P}, son of {P2}, studied at {O} {T}.",
    "{p} has defected to the {O}, officials told reporters.",
    "{p} was arrested {T} and held in {L} until {y2}.",
    "{p} traveled to {L} {T}, {L2} in {y2}, and {L3} in {y3}.",
    "In {y}, {p} was promoted to the rank of brigadier general.",
    "According to a spokesman, {p} was believed to be hiding in {L}.",
    "\"We will not surrender,\" {P} told the {O} in {L}. He added that {P2} had fled to {L2}.",
    "{p} joined the {O} {T} and later moved to {L}.",
    "{P2} denied that {p} was ever a member of the {O}.",
    "He was released {T}, and again headed to {L} and {L2} provinces.",
    "{P} is married and has {n} children.",
    "If {p} had joined the {O}, the district would have fallen.",
]
FILLER = [
    "It is too early to say what this means for the wider conflict.",
    "We will have to wait and see how the local players react over the coming weeks.",
    "Defections in either direction are a rough indicator of who people think is winning.",
    "Nothing here suggests a tipping point, but the timing is interesting.",
    "Thanks for the thoughtful comment; I had not considered the electoral angle.",
    "The rate of these events, and changes in that rate, are what analysts watch most closely.",
    "Local rivalries often matter more than ideology in decisions like this one.",
]


def _person(rng: random.Random) -> str:
    parts = [rng.choice(TITLES), rng.choice(GIVEN), rng.choice(MIDDLE), rng.choice(FAMILY)]
    return " ".join(p for p in parts if p)


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(FILLER)
    y = rng.randint(1950, 2015)
    fill = {
        "P": _person(rng), "P2": _person(rng), "p": rng.choice([_person(rng), "he", "He"]),
        "L": rng.choice(PLACES), "L2": rng.choice(PLACES), "L3": rng.choice(PLACES),
        "O": rng.choice(ORGS), "R": rng.choice(ROLES), "a": rng.choice(["a", "the"]),
        "y": y, "y2": y + rng.randint(1, 6), "y3": y + rng.randint(7, 12), "d": rng.randint(1, 28),
        "n": rng.choice(["two", "five", "twelve", "3"]),
    }
    fill["T"] = rng.choice(TIMES).format(**fill)
    s = rng.choice(TEMPLATES).format(**fill)
    return s[0].upper() + s[1:]


def corpus(total_bytes: int, seed: int) -> list[tuple[str, datetime]]:
    rng = random.Random(seed)
    docs: list[tuple[str, datetime]] = []
    size = 0
    while size < total_bytes:
        target = rng.randint(1000, 6000)
        paras, text = [], ""
        while len(text) < target:
            paras.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 7))))
            text = "\n\n".join(paras)
        published = datetime(rng.randint(2008, 2020), rng.randint(1, 12), rng.randint(1, 28), 12)
        docs.append((text, published))
        size += len(text.encode("utf-8"))
    return docs


def _extract_batch(name: str, jobs: list) -> tuple[int, float, list]:
    """Run in a worker process: extract one batch and send the extractions back, as the stage
    does, with this process's id and the CPU seconds the batch took."""
    from reconcile import extractors

    cpu = time.process_time()
    out = extractors.get(name).extract_many(jobs)
    return os.getpid(), time.process_time() - cpu, out


@dataclass
class PoolRun:
    wall: float
    cpu: float
    """CPU seconds of all workers (their processes reaped: `os.times().children_*`)."""
    busiest: float
    """CPU seconds of extraction in the busiest worker: the wall time on idle cores."""
    mentions: int


def _pool_run(jobs: list, workers: int, batch: int) -> PoolRun:
    """All jobs through `extract_many` on `workers` processes."""
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunks = [jobs[i:i + batch] for i in range(0, len(jobs), batch)]
    per_worker: dict[int, float] = defaultdict(float)
    mentions = 0
    before = os.times()
    wall = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for pid, cpu, out in pool.map(_extract_batch, ["parse"] * len(chunks), chunks):
            per_worker[pid] += cpu
            mentions += sum(len(x.mentions) for x in out)
    wall = time.perf_counter() - wall
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return PoolRun(wall, cpu, max(per_worker.values()), mentions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB the rules extractor reads")
    ap.add_argument("--parse-mb", type=float, default=0.5, help="MB the parse extractor reads")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2, help="workers compared against 1")
    ap.add_argument("--batch", type=int, default=4, help="documents per worker task")
    args = ap.parse_args()
    from reconcile import extractors
    from reconcile.nlp.extractor import Job

    docs = corpus(int(max(args.mb, args.parse_mb) * 1024 * 1024), args.seed)

    def head(mb: float) -> list[tuple[str, datetime]]:
        out, size = [], 0
        for t, p in docs:
            if size >= mb * 1024 * 1024:
                break
            out.append((t, p))
            size += len(t.encode("utf-8"))
        return out

    rules_docs, parse_docs = head(args.mb), head(args.parse_mb)
    rules_kb = sum(len(t.encode("utf-8")) for t, _ in rules_docs) / 1024
    parse_kb = sum(len(t.encode("utf-8")) for t, _ in parse_docs) / 1024
    rules, parse = extractors.get("rules"), extractors.get("parse")
    rules.extract(docs[0][0], published=docs[0][1])  # load tables and gazetteer once
    parse.extract(docs[0][0], published=docs[0][1])  # load the model before the workers fork
    jobs = [Job(t, p, "post", None, f"d{i}") for i, (t, p) in enumerate(parse_docs)]
    print(f"corpus (seed {args.seed}): rules {len(rules_docs)} documents, {rules_kb:,.0f} KB; parse the first "
          f"{len(parse_docs)} of them, {parse_kb:,.0f} KB, in batches of {args.batch}; "
          f"{extractors.tag(rules)} vs {extractors.tag(parse)}; {os.cpu_count()} cores")
    r_rates, p_rates, pn_rates, speedups, ideal, ratios = [], [], [], [], [], []
    for run in range(args.runs):
        cpu = time.process_time()
        claims = sum(len(rules.extract(t, published=p).claims) for t, p in rules_docs)
        cpu = time.process_time() - cpu
        r_rate = rules_kb / cpu
        one = _pool_run(jobs, 1, args.batch)
        load1 = os.getloadavg()[0]
        many = _pool_run(jobs, args.workers, args.batch)
        loadn = os.getloadavg()[0]
        p_rate, pn_rate = parse_kb / one.cpu, parse_kb / many.cpu
        r_rates.append(r_rate)
        p_rates.append(p_rate)
        pn_rates.append(pn_rate)
        speedups.append(one.wall / many.wall)
        ideal.append(one.busiest / many.busiest)
        ratios.append(r_rate / p_rate)
        print(f"run {run + 1}: rules {cpu:.2f} s CPU = {r_rate:,.0f} KB/s ({claims} claims)\n"
              f"  parse, 1 worker: wall {one.wall:.2f} s, CPU {one.cpu:.2f} s = {p_rate:,.1f} KB/s per core "
              f"(load {load1:.1f}; {one.mentions} mentions)\n"
              f"  parse, {args.workers} workers: wall {many.wall:.2f} s, CPU {many.cpu:.2f} s = "
              f"{pn_rate:,.1f} KB/s per core, busiest worker {many.busiest:.2f} s CPU (load {loadn:.1f})\n"
              f"  speed-up {one.wall / many.wall:.2f}x wall, {one.busiest / many.busiest:.2f}x on idle cores "
              f"(CPU of the busiest worker); rules/parse {r_rate / p_rate:.1f}x KB/s per core")
    med = statistics.median
    print(f"median of {args.runs}: rules {med(r_rates):,.0f} KB/s per core (goal >= 200); "
          f"parse {med(p_rates):,.1f} KB/s per core with 1 worker, {med(pn_rates):,.1f} with "
          f"{args.workers} (goal >= 30); speed-up with {args.workers} workers {med(speedups):.2f}x wall, "
          f"{med(ideal):.2f}x on idle cores (goal >= 1.8x); rules/parse {med(ratios):.1f}x")

if __name__ == "__main__":
    main()
