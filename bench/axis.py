"""Time the whole-life overview axis (reconcile.axis.render_axis) for one entity with 1,000 events.

The events are generated (every EDTF shape the extractor writes, every lane, one conflict in ten),
so the figure does not depend on a store. Prints the median of several runs for 1,000 events, the
same for 100 events as the baseline measured in the same run, and their ratio (10 would be linear).

    .venv/bin/python bench/axis.py [--events 1000] [--runs 7]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile.axis import axis_marks, render_axis  # noqa: E402

PREDICATES = ["born", "position_held", "member_of", "defected_to", "detained", "released",
              "located_in", "traveled_to", "educated_at", "family", "said", "awarded"]


def _edtf(rng: random.Random) -> str | None:
    y = rng.randint(1950, 2020)
    shapes = [
        lambda: str(y),
        lambda: f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        lambda: f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}~",
        lambda: f"{y}?",
        lambda: f"{y}/{y + rng.randint(1, 8)}",
        lambda: f"../{y}",
        lambda: f"{y}/..",
        lambda: f"[..{y}]",
        lambda: f"[{y}..{y + rng.randint(1, 5)}]",
        lambda: f"{{{y},{y + 3}}}",
        lambda: f"[{y},{y + 2},{y + 5}]",
        lambda: f"{str(y)[:3]}X",
        lambda: None,
    ]
    return rng.choice(shapes)()


def events(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        links = []
        if i % 10 == 0:
            links.append({"type": "conflicts", "claim_id": i - 1, "status": "open", "reason": "bench"})
        out.append({
            "claim_id": i, "predicate": rng.choice(PREDICATES),
            "object": {"name": f"object {i} of a longer name", "entity_id": None},
            "when": {"edtf": _edtf(rng), "earliest": None, "latest": None, "text": None},
            "where": None, "modality": rng.choice(["asserted", "reported", "hedged", "negated"]),
            "sources": [{"claim_id": i}], "links": links,
        })
    return out


def median_ms(evs: list[dict[str, Any]], runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render_axis(evs))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    big, small = events(args.events), events(max(1, args.events // 10))
    render_axis(small)  # warm-up (asset reads, imports)
    base_ms, _ = median_ms(small, args.runs)
    ms, size = median_ms(big, args.runs)
    marks = axis_marks(big)
    dated = sum(m.dated for m in marks)
    print(f"axis, {len(small)} events: median {base_ms:.1f} ms of {args.runs} runs")
    print(f"axis, {len(big)} events ({dated} dated, {sum(bool(m.conflicts) for m in marks)} in a conflict): "
          f"median {ms:.1f} ms of {args.runs} runs, {size / 1024:.0f} KiB of SVG")
    print(f"ratio {len(big)}/{len(small)} events: {ms / base_ms:.1f}x (10x is linear)")


if __name__ == "__main__":
    main()
