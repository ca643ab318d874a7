"""A fixed-seed random sample of a store's people/places and claims, with their surroundings,
for judging by hand (issue 13: the real corpus).

    .venv/bin/python bench/sample_store.py --db sqlite:////tmp/real.db --seed 7 [--mentions 50]
                                           [--claims 50] [--types PERSON,PLACE] [--width 160]

Prints counts (mentions by type, claims by predicate), then the sampled mentions (pronouns
left out: they name nobody) each with the text around it, then the sampled claims (all of
them when there are fewer) with their quote. The same store and seed give the same sample.
"""
from __future__ import annotations

import argparse
import random
from collections import Counter

from sqlalchemy import create_engine, text


def _around(body: str, start: int, end: int, width: int) -> str:
    left = body[max(0, start - width):start].replace("\n", " / ")
    right = body[end:end + width].replace("\n", " / ")
    return f"...{left}[[{body[start:end]}]]{right}..."


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--mentions", type=int, default=50)
    ap.add_argument("--claims", type=int, default=50)
    ap.add_argument("--types", default="PERSON,PLACE")
    ap.add_argument("--width", type=int, default=160)
    args = ap.parse_args()
    types = tuple(args.types.split(","))
    eng = create_engine(args.db)
    with eng.connect() as con:
        docs = {r.id: r for r in con.execute(text("SELECT id, url, text FROM documents"))}
        ms = [r for r in con.execute(text(
            "SELECT id, document_id, start, \"end\", surface, type FROM mentions "
            "WHERE is_pronoun = 0 ORDER BY id"))]
        cs = [r for r in con.execute(text(
            "SELECT id, document_id, subject_text, predicate, verb, object_text, edtf, modality, "
            "quote FROM claims ORDER BY id"))]
    print("mentions by type:", dict(Counter(m.type for m in ms)))
    print("claims:", len(cs), dict(Counter(c.predicate for c in cs)))
    rng = random.Random(args.seed)
    pool = [m for m in ms if m.type in types]
    picked = sorted(rng.sample(pool, min(args.mentions, len(pool))), key=lambda m: m.id)
    print(f"\n## {len(picked)} of {len(pool)} mentions typed {'/'.join(types)} (seed {args.seed})\n")
    for k, m in enumerate(picked, 1):
        d = docs[m.document_id]
        print(f"M{k:02d} id={m.id} {m.type} {m.surface!r} doc={m.document_id} {d.url}")
        print("    " + _around(d.text, m.start, m.end, args.width))
    picked_c = sorted(rng.sample(cs, min(args.claims, len(cs))), key=lambda c: c.id)
    print(f"\n## {len(picked_c)} of {len(cs)} claims (seed {args.seed})\n")
    for k, c in enumerate(picked_c, 1):
        d = docs[c.document_id]
        print(f"C{k:02d} id={c.id} {c.subject_text!r} {c.predicate} ({c.verb}) {c.object_text!r} "
              f"edtf={c.edtf} {c.modality} doc={c.document_id} {d.url}")
        print(f"    quote: {c.quote!r}")


if __name__ == "__main__":
    main()
