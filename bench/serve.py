"""The workbench's entity page for a much-discussed person: 1,000 statements, rendered in
<= 300 ms of server time (median), issue 16.

A fresh SQLite store is generated directly (no crawl or extract): one person with N claims over
a life (births, offices, memberships, defections, trips, each with an EDTF time and a quote in a
document of its own on one of four blogs), every 20th pair of claims linked as a conflict and
every 10th as a supplement, so the page draws conflicts and folded supplements as it would on a
real store. Each claim is a statement of its own (the worst case: nothing folds into another).

Timed, in process, through Starlette's TestClient (the ASGI app, no network): GET
/entities/ID, median of --runs after one warm-up, wall and CPU time. The page's first response
has the axis, the counts and filters over the whole life and the first statements; the page then
fetches the rest (its address is in the page), which is timed too, as is every statement in one
page (`?all=1`, what a browser without script is offered). The bench checks that every statement
is reachable, none twice. The baseline, timed in the same run, is `build_timeline` for the same
entity alone (the store's query and grouping, no page), so the ratio says what the page adds to
what the export also pays.

    .venv/bin/python bench/serve.py [--statements 1000] [--runs 7]
"""
from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from starlette.testclient import TestClient  # noqa: E402

from reconcile.timeline import build_timeline  # noqa: E402
from store.engine import make_engine, session_scope  # noqa: E402
from store.models import Claim, ClaimLink, Document, Entity, Mention, Site  # noqa: E402
from store.schema import upgrade  # noqa: E402
from web.app import create_app  # noqa: E402
from web.security import Guard  # noqa: E402

LIMIT_MS = 300.0
STATEMENT = re.compile(r'<li class="event[^"]*" id="statement-(\d+)"')
MORE = re.compile(r'<p class="more" hx-get="([^"]+)"')
KINDS = (
    ("born", None, "was born in {y}"),
    ("position_held", "governor", "served as governor from {y} to {z}"),
    ("member_of", "Northern Front", "was with the Northern Front from {y} to {z}"),
    ("defected_to", "the Movement", "went over to the Movement in {y}"),
    ("traveled_to", "Kabul", "travelled to Kabul in {y}"),
)


def build(engine, n: int) -> int:
    with session_scope(engine) as s:
        sites = [Site(base_url=f"http://blog{i}.example/", platform="wordpress", name=f"Blog {i}") for i in range(4)]
        s.add_all(sites)
        s.flush()
        person = Entity(type="PERSON", name="Abdul Rahim Dost")
        s.add(person)
        s.flush()
        claims = []
        for i in range(n):
            predicate, obj, words = KINDS[i % len(KINDS)]
            y = 1950 + (i * 7) % 60
            z = y + 1 + i % 5
            quote = f"Abdul Rahim Dost {words.format(y=y, z=z)}, wrote reader {i}."
            text = f"A comment, number {i}, on the governor.\n\n{quote}\n\nThat is all."
            doc = Document(site_id=sites[i % 4].id, doc_key=f"comment:{i}", kind="comment",
                           url=f"{sites[i % 4].base_url}post/{i // 20}/", permalink=f"{sites[i % 4].base_url}post/{i // 20}/#c{i}",
                           author_name=f"reader {i % 37}", published=datetime(2013, 1, 1 + i % 28, 9),
                           text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
            s.add(doc)
            s.flush()
            s.add(Mention(document_id=doc.id, start=text.index(quote), end=text.index(quote) + 16,
                          surface="Abdul Rahim Dost", type="PERSON", name="Abdul Rahim Dost", entity_id=person.id))
            span = predicate in ("position_held", "member_of")
            claims.append(Claim(
                document_id=doc.id, claim_key=f"k{i}", subject_entity_id=person.id, subject_text="Abdul Rahim Dost",
                predicate=predicate, object_text=obj, edtf=f"{y}/{z}" if span else str(y),
                earliest=date(y, 1, 1), latest=date(z if span else y, 12, 31), time_text=str(y),
                modality=("asserted", "reported", "hedged")[i % 3], quote=quote,
                quote_start=text.index(quote), quote_end=text.index(quote) + len(quote),
                extractor="bench", extractor_version="1"))
        s.add_all(claims)
        s.flush()
        for i in range(0, n - 1, 10):
            kind = "conflicts" if i % 20 == 0 else "supplements"
            s.add(ClaimLink(a_claim_id=claims[i].id, b_claim_id=claims[i + 1].id, type=kind, score=0.8,
                            reason=f"bench {kind} {i}", status="open"))
        return person.id


def median_ms(work, runs: int) -> tuple[float, float]:
    """(wall, CPU) medians in ms after one warm-up. CPU is the process's time, all threads: the
    server's own work, which the other processes on a shared machine do not inflate."""
    work()
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        entity_id = build(engine, args.statements)
        client = TestClient(create_app(engine, guard=Guard(default_reviewer="bench")))
        url = f"/entities/{entity_id}"
        page = client.get(url)
        assert page.status_code == 200 and "<svg" in page.text, page.text[:500]
        first = STATEMENT.findall(page.text)
        more = MORE.search(page.text)
        rest_url = html.unescape(more.group(1)) if more else None
        rest = client.get(rest_url) if rest_url else None
        everything = first + (STATEMENT.findall(rest.text) if rest is not None else [])
        assert len(set(everything)) == len(everything) == args.statements, "not every statement reachable"
        whole = client.get(url + "?all=1")
        assert len(STATEMENT.findall(whole.text)) == args.statements

        def timeline() -> None:
            with session_scope(engine) as s:
                build_timeline(s, entity=str(entity_id))

        base, base_cpu = median_ms(timeline, args.runs)
        full, full_cpu = median_ms(lambda: client.get(url), args.runs)
        tail, tail_cpu = median_ms(lambda: client.get(rest_url), args.runs) if rest_url else (0.0, 0.0)
        one, one_cpu = median_ms(lambda: client.get(url + "?all=1"), args.runs)
        engine.dispose()
    load = os.getloadavg()[0]
    print(f"entity page, {args.statements} statements ({len(first)} in the first response, the rest fetched "
          f"after): median {full:.0f} ms over {args.runs} runs (limit {LIMIT_MS:.0f} ms: "
          f"{'ok' if full <= LIMIT_MS else 'OVER'}), CPU {full_cpu:.0f} ms; {len(page.content) / 1024:.0f} KiB; "
          f"load average {load:.1f} on {os.cpu_count()} cores")
    print(f"  the rest ({len(everything) - len(first)} statements): median {tail:.0f} ms, CPU {tail_cpu:.0f} ms; "
          f"every statement in one page (?all=1): median {one:.0f} ms, CPU {one_cpu:.0f} ms, "
          f"{len(whole.content) / 1024:.0f} KiB")
    print(f"baseline build_timeline alone: median {base:.0f} ms, CPU {base_cpu:.0f} ms; "
          f"page / timeline = {full / base:.2f}x")


if __name__ == "__main__":
    main()
