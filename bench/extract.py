"""Throughput of `extract_document` on one core, over a generated corpus of >= 5 MB.

    .venv/bin/python bench/extract.py [--mb 5] [--runs 3] [--seed 7]

The corpus is blog-sized documents (1-6 KB) assembled from template sentences filled with random
names, titles, places, organisations, years and relative dates, mixed with filler prose that has
no claims in it (most of a real blog is commentary). Prints KB/s per run and the median.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile.extract import extract_document  # noqa: E402

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    docs = corpus(int(args.mb * 1024 * 1024), args.seed)
    kb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1024
    extract_document(docs[0][0], published=docs[0][1])  # load tables and gazetteer once
    rates, walls, claims = [], [], 0
    for run in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        claims = sum(len(extract_document(t, published=p).claims) for t, p in docs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rates.append(kb / cpu)
        walls.append(kb / wall)
        print(f"run {run + 1}: {kb:,.0f} KB, {cpu:.2f} s CPU = {kb / cpu:,.0f} KB/s "
              f"(wall {wall:.2f} s = {kb / wall:,.0f} KB/s; {len(docs)} documents, {claims} claims)")
    # CPU time, not wall time: a single-threaded run on one core, unaffected by other load.
    print(f"median: {statistics.median(rates):,.0f} KB/s of CPU on one core "
          f"(wall {statistics.median(walls):,.0f} KB/s; goal >= 200 KB/s)")


if __name__ == "__main__":
    main()
