"""Entity resolution at scale: a generated corpus of mentions with known truth.

The generator (fixed seed) makes people with Afghan-style names (common given names, rarer
family names built from syllables) and a home province, then mentions of them in documents:

- transliteration noise per mention (o/u, ee/i, kh/k, gh/g, q/k, doubled letters, ai/ay, joined
  "Abdulhai" forms, izafe hyphens), and titles ("Haji", "Mr", "General") in front;
- look-alike different people: namesakes (the exact name of another person, another province),
  swapped names ("Mohammad Wali" / "Wali Mohammad"), and siblings who share a family name;
- short forms (family name only, or title + family name) chained to the full name in their
  document, as the extractor's coreference does;
- context: a thread key per document, the person's home province in most documents (now and
  then another province: people travel);
- places (provinces and districts with izafe spellings: "Sar-e Pol", "Saripul", "Sar-i-Pol").

Reported: time, peak memory (resident set, from ``resource.getrusage``) and pairwise
precision/recall/F1 of :func:`reconcile.resolve.resolve_mentions` (the function the stage uses),
and of Splink (DuckDB) on the same names in the same run when ``splink`` is importable
(bench-only: ``pip install splink duckdb``). ``--incremental`` also builds a SQLite store of the
corpus and times ``run_reconcile`` after one new document arrives.

Run: ``.venv/bin/python bench/resolve.py [--mentions 1000000] [--seed 7] [--splink] [--incremental]``
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import logging
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reconcile.resolve import MentionIn, resolve_mentions  # noqa: E402

GIVEN_COMMON = (
    "Mohammad", "Abdul", "Ahmad", "Ghulam", "Noor", "Gul", "Ali", "Sayed", "Haji", "Mir", "Shah",
)
GIVEN = (
    "Wali", "Rahim", "Karim", "Hai", "Qadir", "Rashid", "Nabi", "Zahir", "Hakim", "Jalil", "Naeem",
    "Basir", "Sattar", "Ghafoor", "Rahman", "Hamid", "Yahya", "Khaliq", "Majid", "Latif", "Aziz",
    "Jabbar", "Wahid", "Samad", "Qayum", "Habib", "Nasir", "Zaman", "Akbar", "Daud", "Ismail",
    "Mansoor", "Hussain", "Omar", "Farid", "Tahir", "Nazir", "Shakoor", "Wahab", "Saboor", "Khalil",
    "Fazel", "Zia", "Hasib", "Munir", "Rauf", "Sharif", "Anwar", "Jamil", "Amin", "Bashir", "Qasim",
)
ONSETS = ("", "b", "d", "f", "g", "gh", "h", "j", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "w", "y", "z")
NUCLEI = ("a", "aa", "e", "i", "o", "u", "ee", "oo", "ai")
CODAS = ("", "", "n", "r", "m", "d", "z", "l", "k", "b", "st", "nd")
PROVINCES = (
    "Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab", "Ghazni",
    "Ghor", "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost", "Kunar", "Kunduz",
    "Laghman", "Logar", "Nangarhar", "Nimruz", "Nuristan", "Paktia", "Paktika", "Panjshir", "Parwan",
    "Samangan", "Sar-e Pol", "Takhar", "Uruzgan", "Wardak", "Zabul",
)
TITLES = ("Haji", "Mr", "General", "Mawlawi", "Commander", "Senator", "Dr", "Ustad")
# token-level transliteration variants: (pattern, replacement)
NOISE = (
    ("oo", "u"), ("u", "oo"), ("ee", "i"), ("i", "ee"), ("o", "u"), ("kh", "k"), ("gh", "g"),
    ("q", "k"), ("ai", "ay"), ("a", "aa"), ("mm", "m"), ("d", "dd"), ("w", "v"), ("e", "i"),
)


def _syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)


def _family_name(rng: random.Random) -> str:
    name = "".join(_syllable(rng) for _ in range(rng.choice((2, 2, 3))))
    return name.capitalize() if len(name) >= 4 else (name + "zai").capitalize()


def _noisy_token(tok: str, rng: random.Random) -> str:
    low = tok.lower()
    for pat, rep in rng.sample(NOISE, 2):
        if pat in low and rng.random() < 0.5:
            low = low.replace(pat, rep, 1)
            break
    return low.capitalize()


def _variant(tokens: Sequence[str], rng: random.Random) -> str:
    toks = [_noisy_token(t, rng) if rng.random() < 0.5 else t for t in tokens]
    if toks[0] in ("Abdul", "Ghulam") and len(toks) > 2 and rng.random() < 0.4:
        toks = [toks[0] + toks[1].lower(), *toks[2:]]  # Abdulhai Khadem
    return " ".join(toks)


def generate(n_mentions: int, seed: int = 7) -> tuple[list[MentionIn], list[int]]:
    """Mentions and, for each, the id of the real person or place it names."""
    rng = random.Random(seed)
    n_people = max(10, n_mentions // 25)
    people: list[tuple[list[str], str]] = []  # (name tokens, province)
    family_names = [_family_name(rng) for _ in range(n_people // 2)]
    for i in range(n_people):
        roll = rng.random()
        province = rng.choice(PROVINCES)
        if people and roll < 0.05:  # a namesake: someone else's exact name, another province
            common = [p for p in people[-200:] if len(p[0]) == 2]
            tokens, other = rng.choice(common) if common and rng.random() < 0.8 else rng.choice(people)
            province = rng.choice([p for p in PROVINCES if p != other])
            people.append((list(tokens), province))
            continue
        if people and roll < 0.08:  # the same two names in the other order
            tokens, _ = rng.choice(people)
            if len(tokens) >= 2:
                people.append(([tokens[1], tokens[0], *tokens[2:]], province))
                continue
        if people and roll < 0.18:  # a sibling: same family name, another given name
            tokens, province = rng.choice(people)
            people.append(([rng.choice(GIVEN_COMMON), rng.choice(GIVEN), tokens[-1]], province))
            continue
        if rng.random() < 0.2:  # known by given names only: "Abdul Hai", "Mohammad Wali"
            people.append(([rng.choice(GIVEN_COMMON), rng.choice(GIVEN)], province))
            continue
        given = [rng.choice(GIVEN_COMMON), rng.choice(GIVEN)] if rng.random() < 0.7 else [rng.choice(GIVEN)]
        people.append(([*given, rng.choice(family_names)], province))
    places = [(p, None) for p in PROVINCES]
    place_spellings = {p: [p, p.replace("-e ", "-i-"), p.replace("-e ", "e "), p.replace("-e ", "i").replace(" ", "")] for p in PROVINCES}

    # each person is written a handful of ways (noise, joined forms, titles), and has short forms
    spellings: list[list[str]] = []
    shorts: list[list[str]] = []
    for tokens, _province in people:
        forms = [" ".join(tokens)] + [_variant(tokens, rng) for _ in range(4)]
        forms += [f"{rng.choice(TITLES)} {rng.choice(forms)}"]
        spellings.append([_strip_title(f) for f in forms])
        family = tokens[-1]
        shorts.append([_variant([family], rng), family] if len(tokens) > 1 else [])

    mentions: list[MentionIn] = []
    truth: list[int] = []
    # Zipf-like: a few people are mentioned a lot
    cum: list[float] = []
    acc = 0.0
    for i in range(n_people):
        acc += 1.0 / (1 + (i % 500)) ** 0.5
        cum.append(acc)
    population = range(n_people)
    mid = 0
    doc = 0
    n_place = n_mentions // 10
    places_ctx = {p: f"place:{p}" for p in PROVINCES}
    while len(mentions) < n_mentions - n_place:
        pid = rng.choices(population, cum_weights=cum)[0] if rng.random() < 0.3 else rng.randrange(n_people)
        _tokens, province = people[pid]
        doc += 1
        thread = f"thread:{doc}"
        placed = rng.random()
        ctx_place = province if placed < 0.65 else rng.choice(PROVINCES) if placed < 0.72 else None
        ctx = frozenset({thread, places_ctx[ctx_place]}) if ctx_place else frozenset({thread})
        chain = f"{doc}:{pid}"
        forms, short = spellings[pid], shorts[pid]
        for _ in range(rng.choice((1, 2, 3, 4))):
            mid += 1
            if short and rng.random() < 0.12:  # a short form, chained to the full name in this document
                name = rng.choice(short)
            else:
                name = forms[0] if rng.random() < 0.5 else rng.choice(forms)
            mentions.append(MentionIn(mid, name, "PERSON", ctx, chain))
            truth.append(pid)
    for _ in range(n_place):
        place, _ = rng.choice(places)
        mid += 1
        doc += 1
        mentions.append(MentionIn(mid, rng.choice(place_spellings[place]), "PLACE", frozenset({f"thread:{doc}"}), None))
        truth.append(n_people + PROVINCES.index(place))
    return mentions, truth


def _strip_title(name: str) -> str:
    from reconcile.names import split_title

    return split_title(name)[1]


def pairwise_prf(labels: Sequence[int], truth: Sequence[int]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against the truth, from counts."""
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter(zip(labels, truth)))
    pred = pairs(Counter(labels))
    gold = pairs(Counter(truth))
    p = both / pred if pred else 1.0
    r = both / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench_core(mentions: list[MentionIn], truth: list[int], workers: int = 1) -> dict:
    gc.collect()
    before = peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    res = resolve_mentions(mentions, workers=workers)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    labels = [res.labels[m.id] for m in mentions]
    p, r, f = pairwise_prf(labels, truth)
    return {
        "system": "reconcile.resolve_mentions",
        "workers": workers,
        "mentions": len(mentions),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_before_mb": round(before, 1),
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "clusters": res.stats.clusters,
        "stats": {k: v for k, v in vars(res.stats).items() if k != "blocking"} | {"blocking": vars(res.stats.blocking)},
    }


def bench_splink(mentions: list[MentionIn], truth: list[int], cluster_at: float = 0.9) -> dict:
    """Splink 5 (DuckDB) on the same mentions: one record per distinct (name, place), compared on
    the whole name, first and last name (Splink's NameComparison and Jaro-Winkler levels) and the
    place; trained unsupervised (random-sampling u, EM on two blocking rules); clustered at
    ``cluster_at`` (match probability).
    Records' clusters are expanded back to mentions for the pairwise F1. It sees no chains.
    """
    import csv
    import tempfile

    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI
    from unidecode import unidecode

    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    record_of: dict[tuple[str, str], int] = {}
    rec = []
    for m in mentions:
        place = next((c[6:] for c in m.context if c.startswith("place:")), "")
        key = (" ".join(unidecode(m.name).lower().replace("-", " ").split()), place)
        if key not in record_of:
            record_of[key] = len(record_of)
        rec.append(record_of[key])
    db_api = DuckDBAPI()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as fh:
        w = csv.writer(fh)
        w.writerow(["unique_id", "full_name", "first_name", "surname", "place"])
        for (name, place), uid in record_of.items():
            toks = name.split() or [""]
            w.writerow([uid, name, toks[0], toks[-1], place or None])
        path = fh.name
    db_api.duckdb_con.execute(f"CREATE TABLE records AS SELECT * FROM read_csv_auto('{path}')")
    df = db_api.register("records")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("full_name", [0.95, 0.88]),
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.ExactMatch("place"),
        ],
        blocking_rules_to_generate_predictions=[block_on("surname"), block_on("first_name", "place")],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(df, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("full_name")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "place"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, threshold_match_probability=cluster_at)
    cluster_of = dict(db_api.duckdb_con.execute(f"SELECT unique_id, cluster_id FROM {clusters.physical_name}").fetchall())
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    labels = [cluster_of.get(r, f"r{r}") for r in rec]
    p, r, f = pairwise_prf(labels, truth)
    return {"system": "splink (duckdb)", "version": __import__("splink").__version__, "cluster_at": cluster_at, "mentions": len(mentions),
            "records": len(record_of), "seconds": round(seconds, 2),
            "cpu_seconds_python_process": round(cpu, 2), "peak_rss_mb": round(peak_rss_mb(), 1),
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def bench_incremental(mentions: list[MentionIn], db_path: str, reuse: bool = False) -> dict:
    """Store the corpus as already reconciled (entities from the core's clusters), add one new
    document, and time ``run_reconcile`` on it in this process (cold: the gazetteer index is
    built on first use), again (nothing to do), and on a second new document (warm)."""
    import os

    from sqlalchemy import insert

    from reconcile.names import name_key
    from reconcile.resolve import NAME_KIND
    from store.engine import make_engine
    from store.models import Document, Entity, Mention, Site
    from store.schema import upgrade

    t0 = time.perf_counter()
    labels = resolve_mentions(mentions).labels
    url = f"sqlite:///{db_path}"
    if reuse and os.path.exists(db_path):
        return _incremental_runs(make_engine(url), mentions, labels, 0.0)
    if os.path.exists(db_path):
        os.remove(db_path)
    engine = make_engine(url)
    upgrade(engine)
    keys: dict[tuple[str, str], str] = {}
    docs: dict[str, int] = {}
    with engine.begin() as conn:
        site_id = conn.execute(insert(Site).values(base_url="https://bench.example", name="bench")).inserted_primary_key[0]
        doc_rows = []
        for m in mentions:
            thread = next(c for c in m.context if c.startswith("thread:"))
            if thread not in docs:
                docs[thread] = len(docs) + 1
                doc_rows.append({"id": docs[thread], "site_id": site_id, "doc_key": thread, "kind": "post",
                                 "url": f"https://bench.example/{thread[7:]}", "text": "", "content_hash": thread})
        conn.execute(insert(Document), doc_rows)
        names: dict[int, str] = {}
        types: dict[int, str] = {}
        for m in mentions:
            names.setdefault(labels[m.id], m.name)
            types.setdefault(labels[m.id], m.type)
        conn.execute(insert(Entity), [
            {"id": label, "type": types[label], "name": name}
            for label, name in names.items()
        ])
        rows = []
        offset: dict[int, int] = {}
        for m in mentions:
            doc = docs[next(c for c in m.context if c.startswith("thread:"))]
            start = offset.get(doc, 0)
            offset[doc] = start + len(m.name) + 1
            k = keys.get((m.type, m.name))
            if k is None:
                k = keys[(m.type, m.name)] = name_key(m.name, NAME_KIND[m.type])
            rows.append({"id": m.id, "document_id": doc, "start": start, "end": start + len(m.name), "surface": m.name,
                         "type": m.type, "name": m.name, "name_key": k, "chain": m.chain, "entity_id": labels[m.id]})
            if len(rows) >= 50_000:
                conn.execute(insert(Mention), rows)
                rows = []
        if rows:
            conn.execute(insert(Mention), rows)
    return _incremental_runs(engine, mentions, labels, time.perf_counter() - t0)


def _incremental_runs(engine: Any, mentions: list[MentionIn], labels: dict[int, int], build: float) -> dict:
    from reconcile.stage import run_reconcile
    from store.engine import session_scope
    from store.models import Mention, Site
    from tests.reconcile.store_factory import StoreFactory

    site_id = 1
    # one new post: a known man under a new spelling, his province, and a man never seen before
    known = next(m for m in mentions if m.type == "PERSON" and len(m.name.split()) >= 3)
    with session_scope(engine) as s:
        f = StoreFactory(s)
        f._n = time.time_ns() % 10**12  # fresh document keys, also in a reused store
        site = s.get(Site, site_id)
        text = f"{known.name} met Haji Zarif Qoldashmand in Sar-e Pol on Monday."
        d = f.doc(site, text, author="bench")
        new_known = f.mention(d, known.name, chain="a").id
        f.mention(d, "Zarif Qoldashmand", chain="b", title="Haji")
        f.mention(d, "Sar-e Pol", "PLACE", chain="c")
    t1 = time.perf_counter()
    first = run_reconcile(engine)
    cold = time.perf_counter() - t1
    t2 = time.perf_counter()
    second = run_reconcile(engine)
    again = time.perf_counter() - t2
    with session_scope(engine) as s:
        joined = s.get(Mention, new_known).entity_id == labels[known.id]  # type: ignore[union-attr]
        f = StoreFactory(s)
        f._n = time.time_ns() % 10**12 + 1000
        d = f.doc(s.get(Site, site_id), "Zarif Qoldashmand was seen in Kunduz with Mawlawi Abdul Basir Turkestani.", author="bench")
        f.mention(d, "Zarif Qoldashmand", chain="a")
        f.mention(d, "Kunduz", "PLACE", chain="b")
        f.mention(d, "Abdul Basir Turkestani", chain="c", title="Mawlawi")
    t3 = time.perf_counter()
    warm = run_reconcile(engine)
    warm_seconds = time.perf_counter() - t3
    engine.dispose()
    return {"system": "run_reconcile incremental (SQLite)", "store_mentions": len(mentions), "store_build_seconds": round(build, 1),
            "new_document_seconds": round(cold, 3), "steps": first.seconds, "mentions_in_scope": first.mentions_in_scope,
            "known_person_joined_his_entity": joined, "entities_created": first.entities_created,
            "second_run_seconds": round(again, 3), "second_run_changes": second.changes,
            "another_new_document_seconds_warm": round(warm_seconds, 3), "warm_steps": warm.seconds,
            "load_average": round(os.getloadavg()[0], 2)}


def bench_one_document(db_path: str) -> dict:
    """This process only opens a store a previous ``--incremental`` run built, adds one new
    document and reconciles it: what a user's fresh ``claimline reconcile`` costs after a crawl
    brought one page (imports and the gazetteer's load or build included in ``process_cpu``)."""
    from sqlalchemy import text

    from reconcile.stage import run_reconcile
    from store.engine import make_engine, session_scope
    from store.models import Site
    from tests.reconcile.store_factory import StoreFactory

    engine = make_engine(f"sqlite:///{db_path}")
    with session_scope(engine) as s:
        known = s.execute(text("SELECT name FROM mentions WHERE type = 'PERSON' AND entity_id IS NOT NULL"
                               " AND name LIKE '% % %' ORDER BY id LIMIT 1")).scalar_one()
        f = StoreFactory(s)
        f._n = time.time_ns() % 10**12
        d = f.doc(s.get(Site, 1), f"{known} met Haji Zarif Qoldashmand in Sar-e Pol on Monday.", author="bench")
        f.mention(d, known, chain="a")
        f.mention(d, "Zarif Qoldashmand", chain="b", title="Haji")
        f.mention(d, "Sar-e Pol", "PLACE", chain="c")
    t0, c0 = time.perf_counter(), time.process_time()
    summary = run_reconcile(engine)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    engine.dispose()
    return {"system": "run_reconcile one new document, fresh process (SQLite)", "reconcile_seconds": round(seconds, 3),
            "reconcile_cpu_seconds": round(cpu, 3), "process_cpu_seconds": round(time.process_time(), 3),
            "mentions_in_scope": summary.mentions_in_scope, "steps": summary.seconds,
            "load_average": round(os.getloadavg()[0], 2)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--splink", action="store_true", help="also run Splink (DuckDB) on the same names")
    ap.add_argument("--splink-at", type=float, nargs="+", default=[0.9, 0.999], help="Splink clustering thresholds")
    ap.add_argument("--incremental", action="store_true", help="also time one new document into a store")
    ap.add_argument("--workers", type=int, default=1, help="processes for name folding and pair scoring")
    ap.add_argument("--db", default="/tmp/claimline-bench-resolve.db", help="SQLite file for --incremental")
    ap.add_argument("--reuse-store", action="store_true", help="--incremental on the store a previous run built")
    ap.add_argument("--one-document", action="store_true",
                    help="only add one document to the --db store a previous --incremental run built and reconcile it")
    args = ap.parse_args(argv)
    if args.one_document:
        print(json.dumps(bench_one_document(args.db)))
        return 0
    t0 = time.perf_counter()
    mentions, truth = generate(args.mentions, args.seed)
    print(json.dumps({"generated": len(mentions), "people_and_places": len(set(truth)),
                      "distinct_names": len({m.name for m in mentions}),
                      "seconds": round(time.perf_counter() - t0, 1)}))
    print(json.dumps(bench_core(mentions, truth, args.workers)))
    if args.incremental:
        print(json.dumps(bench_incremental(mentions, args.db, args.reuse_store)))
    if args.splink:
        try:
            for cluster_at in args.splink_at:
                print(json.dumps(bench_splink(mentions, truth, cluster_at)))
        except ImportError as exc:
            print(json.dumps({"system": "splink", "skipped": f"not installed ({exc}); pip install splink duckdb"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
