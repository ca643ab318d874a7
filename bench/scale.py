"""Reconcile at scale: time, peak memory and links at 5k, 15k and 50k documents.

The store is generated directly, not crawled and extracted (both are measured elsewhere:
bench/crawl.py, bench/extract.py): blogs with posts and comment threads (about 15 comments a
post, like the issue's 3,000-post site), people, groups and places as entities with one mention
per name in each document, and claims as the extractor writes them (predicate, object, EDTF time
and bounds, modality, who is quoted, the quote), with subject and object entities already set.
The subjects follow a Zipf law, so a few much-discussed people (a governor, a president) carry
thousands of claims, as in a real region; each person has a life (a birth year, offices and
memberships over spans, defections, trips) that most claims repeat, some in other words or with
less precise times, some wrongly (another birth year), a few as denials.

Each size is generated in a fresh SQLite file; `claimline reconcile` then runs in a process of its
own, which reports its time and peak resident memory (ru_maxrss), the claims, statements and
links; then one new comment about the most discussed person is stored (unresolved mentions and
claims, as `extract` leaves them) and reconcile runs again: the incremental time.

    .venv/bin/python bench/scale.py [--sizes 5000,15000,50000] [--seed 1]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

COMMENTS_PER_POST = 15
CLAIMS_PER_DOCUMENT = (0, 1, 1, 1, 1, 1, 2, 2, 2)  # about 1.2 a document, as in the issue
SITES = 4
OFFICES = ("governor", "district governor", "senator", "member of parliament", "police chief",
           "minister of interior", "deputy governor", "commander")
RANKS = ("colonel", "brigadier general", "major general")
AGENCIES = ("BBC", "officials", "Reuters", "local elders", "a biography", "the ministry")
FIRST = ("Abdul", "Mohammad", "Ahmad", "Gul", "Haji", "Qazi", "Nur", "Sayed", "Mir", "Zia", "Rahim", "Karim",
         "Farid", "Wali", "Aziz", "Hamid", "Jalal", "Nasir", "Omar", "Bashir")
LAST = ("Khan", "Dost", "Popal", "Rind", "Qaisari", "Sayedi", "Mohmand", "Hai", "Wardak", "Karimi", "Azizi",
        "Noori", "Safi", "Stanekzai", "Achakzai", "Barakzai", "Alokozai", "Tokhi", "Hotak", "Zadran")
GROUPS = ("Taliban", "United Islamic Front", "Jamiat-e Islami", "Hezb-e Islami", "Junbish", "Harakat",
          "Ittehad", "Wahdat", "Mahaz-e Milli", "Afghan Mellat")
PLACES = ("Kabul", "Kandahar", "Herat", "Mazar-e Sharif", "Jalalabad", "Kunduz", "Ghazni", "Sar-e Pol",
          "Faryab", "Helmand", "Uruzgan", "Badakhshan", "Baghlan", "Takhar", "Paktia", "Khost", "Logar",
          "Wardak", "Parwan", "Kapisa", "Peshawar", "Quetta", "Islamabad", "Dubai", "Tehran", "Doha")


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Person:
    def __init__(self, rng: random.Random, idx: int, weight: float) -> None:
        self.name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {idx}"
        self.born = rng.randint(1940, 1975)
        start = self.born + rng.randint(22, 30)
        self.offices: list[tuple[str, str, int, int]] = []
        for _ in range(rng.randint(1, 4)):
            if start > 2012:
                break
            end = min(2013, start + rng.randint(1, 6))
            self.offices.append((rng.choice(OFFICES), rng.choice(PLACES), start, end))
            start = end + rng.randint(0, 3)
        self.groups = [(g, y, y + rng.randint(2, 12)) for g, y in
                       ((rng.choice(GROUPS), rng.randint(self.born + 18, 2005)) for _ in range(rng.randint(1, 3)))]
        self.defections = [(rng.choice(GROUPS), rng.randint(1990, 2013), rng.randint(1, 12))
                           for _ in range(rng.randint(0, 2))]
        trips = max(3, int(weight / 8))
        self.trips = [(rng.choice(PLACES), date(2001, 1, 1) + timedelta(days=rng.randint(0, 4700))) for _ in range(trips)]
        self.rank = rng.choice(RANKS)


def _year(y: int) -> tuple[str, date, date]:
    return str(y), date(y, 1, 1), date(y, 12, 31)


def _span(a: int, b: int) -> tuple[str, date, date]:
    return f"{a}/{b}", date(a, 1, 1), date(b, 12, 31)


def claim_for(rng: random.Random, p: Person, ids: dict[str, int]) -> dict:
    """One claim about `p`, as the extractor would store it (without its document)."""
    r = rng.random()
    c: dict = {"object_text": None, "object_entity_id": None, "place_text": None, "edtf": None,
               "earliest": None, "latest": None, "modality": "asserted"}
    if r < 0.10:
        year = p.born if rng.random() < 0.85 else p.born + rng.choice((-4, -2, -1, 1, 2, 3))
        c.update(predicate="born", quote=f"{p.name} was born in {year}.")
        c["edtf"], c["earliest"], c["latest"] = _year(year)
    elif r < 0.42:
        office, place, a, b = rng.choice(p.offices or [(OFFICES[0], PLACES[0], 2005, 2008)])
        c.update(predicate="position_held", object_text=office, place_text=place,
                 quote=f"{p.name} served as {office} of {place}.")
        t = rng.random()
        if t < 0.35:
            c["edtf"], c["earliest"], c["latest"] = _span(a, b)
        elif t < 0.65:
            c["edtf"], c["earliest"], c["latest"] = _year(rng.randint(a, b))
        if rng.random() < 0.02:
            c["modality"] = "negated"
    elif r < 0.55:
        group, a, b = rng.choice(p.groups)
        c.update(predicate="member_of", object_text=group, object_entity_id=ids[group],
                 quote=f"{p.name} was with the {group}.")
        if rng.random() < 0.6:
            c["edtf"], c["earliest"], c["latest"] = _span(a, b)
    elif r < 0.62 and p.defections:
        group, y, m = rng.choice(p.defections)
        if rng.random() < 0.1:
            y = rng.randint(1990, 2013)
        c.update(predicate="defected_to", object_text=group, object_entity_id=ids[group],
                 quote=f"{p.name} went over to the {group} in {y}.")
        if rng.random() < 0.5:
            c["edtf"], c["earliest"], c["latest"] = _year(y)
        else:
            last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
            c["edtf"], c["earliest"], c["latest"] = f"{y}-{m:02d}", date(y, m, 1), last
    elif r < 0.80:
        place, when = rng.choice(p.trips)
        c.update(predicate="traveled_to", object_text=place, object_entity_id=ids[place],
                 quote=f"{p.name} travelled to {place}.")
        if rng.random() < 0.5:
            c["edtf"], c["earliest"], c["latest"] = when.isoformat(), when, when
        else:
            last = (date(when.year + (when.month == 12), when.month % 12 + 1, 1) - timedelta(days=1))
            c["edtf"], c["earliest"], c["latest"] = when.strftime("%Y-%m"), when.replace(day=1), last
    elif r < 0.86:
        place, when = rng.choice(p.trips)
        c.update(predicate="detained", object_text=place, object_entity_id=ids[place],
                 quote=f"{p.name} was detained in {place}.")
        c["edtf"], c["earliest"], c["latest"] = _year(when.year)
    elif r < 0.90:
        c.update(predicate="rank", object_text=p.rank, quote=f"{p.name} holds the rank of {p.rank}.")
    else:
        c.update(predicate="said", object_text=f"talk number {rng.randint(0, 10**6)}",
                 quote=f"{p.name} said that talks would go on.")
    m = rng.random()
    if c["modality"] == "asserted" and m < 0.2:
        c["modality"], c["attributed_to"] = "reported", rng.choice(AGENCIES)
    elif c["modality"] == "asserted" and m < 0.3:
        c["modality"] = "hedged"
    c["confidence"] = round(rng.uniform(0.6, 1.0), 2)
    return c


def generate(db_url: str, documents: int, seed: int) -> dict:
    """Fill a fresh store with `documents` posts and comments and their claims."""
    from sqlalchemy import insert, select

    from reconcile.names import name_key
    from store.engine import make_engine, session_scope
    from store.models import Claim, Document, Entity, Mention, Site
    from store.schema import upgrade

    rng = random.Random(seed)
    engine = make_engine(db_url)
    upgrade(engine)
    n_people = max(50, documents // 25)
    weights = [1 / (k + 1) ** 1.05 for k in range(n_people)]
    total = sum(weights)
    expected = [w / total * documents * 1.2 for w in weights]
    people = [Person(rng, k, expected[k]) for k in range(n_people)]
    with session_scope(engine) as s:
        sites = [Site(base_url=f"http://blog{i}.example/", platform="wordpress", name=f"Blog {i}") for i in range(SITES)]
        s.add_all(sites)
        s.flush()
        site_ids = [x.id for x in sites]
        names = [("ORG", g) for g in GROUPS] + [("PLACE", pl) for pl in PLACES] + [("PERSON", p.name) for p in people]
        rows = [{"type": t, "name": n, "name_key": name_key(n, t)} for t, n in names]
        eids = s.scalars(insert(Entity).returning(Entity.id, sort_by_parameter_order=True), rows).all()
        ids = {n: e for (_t, n), e in zip(names, eids, strict=True)}
        keys = {n: r["name_key"] for (_t, n), r in zip(names, rows, strict=True)}
        kinds = dict((n, t) for t, n in names)
        commenters = [f"{rng.choice(FIRST)} {rng.choice(LAST[:8])}" for _ in range(400)]
        docs: list[dict] = []
        plan: list[list[tuple[Person, dict]]] = []
        post_subject: Person | None = None
        post_no = 0
        for i in range(documents):
            is_post = i % (COMMENTS_PER_POST + 1) == 0
            if is_post:
                post_no += 1
                post_subject = rng.choices(people, weights)[0]
                site = site_ids[post_no % SITES]
            subject = post_subject if (is_post or rng.random() < 0.7) else rng.choices(people, weights)[0]
            claims = [(subject if rng.random() < 0.85 else rng.choices(people, weights)[0],) for _ in range(rng.choice(CLAIMS_PER_DOCUMENT))]
            made = [(p, claim_for(rng, p, ids)) for (p,) in claims]
            text = " ".join(c["quote"] for _p, c in made) or "Nothing new today."
            published = datetime(2013, 1, 1) + timedelta(hours=3 * i)
            key = f"post:{post_no}" if is_post else f"comment:{i}"
            docs.append({"site_id": site, "doc_key": key, "kind": "post" if is_post else "comment",
                         "url": f"http://blog{site}.example/{post_no}/", "permalink": None if is_post else f"http://blog{site}.example/{post_no}/#comment-{i}",
                         "platform_id": key.split(":")[1], "title": f"Post {post_no}" if is_post else None,
                         "author_name": f"Editor {site}" if is_post else rng.choice(commenters),
                         "published": published, "text": text, "content_hash": _h(key + str(site)), "source": "text",
                         "extracted_hash": _h(key + str(site)), "extractor_version": "bench"})
            plan.append(made)
        doc_ids = s.scalars(insert(Document).returning(Document.id, sort_by_parameter_order=True), docs).all()
        mentions: list[dict] = []
        claim_rows: list[dict] = []
        for doc_id, made in zip(doc_ids, plan, strict=True):
            offset = 0
            for k, (p, c) in enumerate(made):
                quote = c["quote"]
                named = {p.name}
                if c["object_entity_id"] is not None:
                    named.add(c["object_text"])
                for n in named:
                    at = quote.find(n)
                    mentions.append({"document_id": doc_id, "start": offset + at, "end": offset + at + len(n), "surface": n,
                                     "type": kinds[n], "name": n, "name_key": keys[n], "entity_id": ids[n], "is_pronoun": False})
                claim_rows.append({
                    "document_id": doc_id, "claim_key": _h(f"{doc_id}:{k}")[:32], "subject_entity_id": ids[p.name],
                    "subject_text": p.name, "quote": quote, "quote_start": offset, "quote_end": offset + len(quote),
                    "extractor": "bench", "extractor_version": "bench", "attributed_to": c.pop("attributed_to", None), **c,
                })
                offset += len(quote) + 1
        for i in range(0, len(mentions), 5000):
            s.execute(insert(Mention), mentions[i : i + 5000])
        for i in range(0, len(claim_rows), 5000):
            s.execute(insert(Claim), claim_rows[i : i + 5000])
        top = people[0]
        return {"documents": len(doc_ids), "claims": len(claim_rows), "people": n_people, "top": top.name,
                "top_entity": ids[top.name], "site": site_ids[0], "sample": claim_for(rng, top, ids)}


def add_document(db_url: str, info: dict) -> None:
    """One new comment about the most discussed person, as `extract` leaves it: mentions not yet
    resolved, claims without subject entity."""
    from sqlalchemy import select

    from reconcile.names import name_key
    from store.engine import make_engine, session_scope
    from store.models import Claim, Document, Mention

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        parent = s.scalars(select(Document).where(Document.kind == "post").order_by(Document.id)).first()
        c = dict(info["sample"])
        c["earliest"] = date.fromisoformat(c["earliest"]) if c["earliest"] else None
        c["latest"] = date.fromisoformat(c["latest"]) if c["latest"] else None
        quote = c["quote"]
        doc = Document(site_id=parent.site_id, doc_key="comment:new", kind="comment", url=parent.url,
                       permalink=parent.url + "#comment-new", parent_id=parent.id, root_id=parent.id,
                       author_name="A new reader", published=datetime(2014, 1, 1), text=quote,
                       content_hash=_h("new"), source="text", extracted_hash=_h("new"), extractor_version="bench")
        s.add(doc)
        s.flush()
        m = Mention(document_id=doc.id, start=0, end=len(info["top"]), surface=info["top"], type="PERSON",
                    name=info["top"], name_key=name_key(info["top"], "PERSON"), chain="new-1")
        s.add(m)
        s.flush()
        s.add(Claim(document_id=doc.id, claim_key=_h("new")[:32], subject_mention_id=m.id, subject_text=info["top"],
                    quote=quote, quote_start=0, quote_end=len(quote), extractor="bench", extractor_version="bench",
                    attributed_to=c.pop("attributed_to", None), **{k: v for k, v in c.items() if k != "quote"}))


def reconcile_child(db_url: str) -> None:
    """Run in its own process: reconcile, then print what it took."""
    import resource

    from sqlalchemy import func, select

    from reconcile.stage import run_reconcile
    from store.engine import make_engine, session_scope
    from store.models import Claim, ClaimLink

    engine = make_engine(db_url)
    t0 = time.perf_counter()
    summary = run_reconcile(engine)
    seconds = time.perf_counter() - t0
    with session_scope(engine) as s:
        claims = s.scalar(select(func.count(Claim.id)))
        links = s.scalar(select(func.count(ClaimLink.id)))
    out = {"seconds": round(seconds, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
           "claims": claims, "links": links, "links_by_type": summary.links_by_type,
           "statements": getattr(summary, "statements", None), "steps": summary.seconds}
    print(json.dumps(out, default=str))


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench/scale.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="5000,15000,50000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="keep the stores in this folder")
    ap.add_argument("--repeats", type=int, default=5,
                    help="one new document reconciled this many times, each into a fresh copy of the store (median)")
    ap.add_argument("--extract", action="store_true",
                    help="instead: extraction on the PostgreSQL queue with 1, 2, 4 workers, one killed (bench/scale_extract.py)")
    ap.add_argument("--crawl", action="store_true",
                    help="instead: crawling one Redis frontier with 1, 2, 4 processes, one killed (bench/scale_crawl.py)")
    ap.add_argument("--pg", help="with --extract or --crawl: a PostgreSQL server URL (default $CLAIMLINE_TEST_PG, else local)")
    ap.add_argument("--redis", help="with --crawl: the frontier's Redis URL (default $CLAIMLINE_TEST_REDIS, else local)")
    ap.add_argument("--crawl-posts", type=int, default=80, help="with --crawl: posts on each of the 4 sites")
    ap.add_argument("--crawl-repeats", type=int, default=3, help="with --crawl: runs without a kill (median)")
    ap.add_argument("--concurrency", type=int, help="with --crawl: each process's --concurrency (requests per site)")
    ap.add_argument("--latency", type=float, default=0.02, help="with --crawl: seconds each loopback answer waits")
    ap.add_argument("--posts", type=int, default=120, help="with --extract: posts (each with --replies comments)")
    ap.add_argument("--replies", type=int, default=4)
    ap.add_argument("--_generate", nargs=2, metavar=("DB", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--_reconcile", metavar="DB", help=argparse.SUPPRESS)
    ap.add_argument("--_add", nargs=2, metavar=("DB", "INFO"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._generate:
        print(json.dumps(generate(args._generate[0], int(args._generate[1]), args.seed), default=str))
        return 0
    if args._reconcile:
        reconcile_child(args._reconcile)
        return 0
    if args._add:
        add_document(args._add[0], json.loads(args._add[1]))
        print("{}")
        return 0
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="claimline-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.crawl:
        from bench.scale_crawl import main as crawl_main

        return crawl_main(args.pg, args.redis, args.crawl_posts, args.crawl_repeats, args.latency,
                          Path(args.keep) if args.keep else None, args.concurrency)
    if args.extract:
        from bench.scale_extract import main as extract_main

        return extract_main(args.pg, args.posts, args.replies, folder)
    print(f"{'documents':>9} {'claims':>7} {'gen s':>6} | {'reconcile s':>11} {'peak MB':>7} {'statements':>10} "
          f"{'links':>7} {'links/claim':>11} | {'+1 doc s':>8} {'peak MB':>7}  (median of --repeats)")
    for n in (int(x) for x in args.sizes.split(",")):
        db = folder / f"scale-{n}.db"
        if db.exists():
            db.unlink()
        url = f"sqlite:///{db}"
        t0 = time.perf_counter()
        info = run_child("--seed", str(args.seed), "--_generate", url, str(n))
        gen = time.perf_counter() - t0
        full = run_child("--_reconcile", url)
        base = folder / f"scale-{n}.reconciled.db"
        shutil.copyfile(db, base)
        runs = []
        for _ in range(max(1, args.repeats)):
            shutil.copyfile(base, db)
            run_child("--_add", url, json.dumps(info, default=str))
            runs.append(run_child("--_reconcile", url))
        one = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        median = statistics.median(r["seconds"] for r in runs)
        print(f"{info['documents']:>9} {full['claims']:>7} {gen:>6.1f} | {full['seconds']:>11.1f} {full['peak_rss_mb']:>7} "
              f"{full['statements'] or 0:>10} {full['links']:>7} {full['links'] / max(1, full['claims']):>11.2f} | "
              f"{median:>8.2f} {one['peak_rss_mb']:>7}", flush=True)
        print(f"          links by type {full['links_by_type']}; steps (s) {full['steps']}", flush=True)
        print(f"          +1 doc runs (s) {[r['seconds'] for r in runs]}; median run's steps {one['steps']}", flush=True)
        if not args.keep:
            db.unlink()
            base.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
