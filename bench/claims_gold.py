"""Claim extraction against hand annotations: every capture in a folder, end to end.

Each `NN_slug.txt` beside a `NN_slug.gold.json` (the seed gold's format) goes through the same
commands a user runs — `claimline ingest`, `extract`, `reconcile`, `eval --json` — on a fresh
SQLite database, and the script prints one line per document and the totals: entity pairwise F1,
claims found / gold (recall), found / counted (precision), relations found / gold.

Folders: `tests/reconcile/data/probe/` (the development set the extractor was tuned with) and
`tests/reconcile/data/heldout/` (written apart, for measuring only); `--seed` adds the shared
seed and its gold.

Run: ``.venv/bin/python bench/claims_gold.py [FOLDER ...] [--seed]``
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = ("tests/reconcile/data/probe", "tests/reconcile/data/heldout")


def claimline(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from cli.main import main; main()", "--db", f"sqlite:///{db}", "-q", *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


def score(capture: Path, gold: Path, extractor: str | None = None) -> dict:
    """ingest, extract, reconcile and eval one capture on a database of its own."""
    extract = ("extract", "--extractor", extractor) if extractor else ("extract",)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "gold.db"
        for step in (("ingest", str(capture)), extract, ("reconcile",)):
            done = claimline(db, *step)
            if done.returncode != 0:
                raise RuntimeError(f"{capture}: claimline {step[0]} failed: {done.stderr.strip()[-400:]}")
        done = claimline(db, "eval", str(gold), "--json")
        if done.returncode != 0:
            raise RuntimeError(f"{gold}: claimline eval failed: {done.stderr.strip()[-400:]}")
        return json.loads(done.stdout)


def pairs(folder: Path) -> list[tuple[Path, Path]]:
    return [(txt, txt.with_suffix(".gold.json")) for txt in sorted(folder.glob("*.txt")) if txt.with_suffix(".gold.json").exists()]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", default=list(DEFAULT_FOLDERS))
    ap.add_argument("--seed", action="store_true", help="also the shared seed and its gold")
    ap.add_argument("--extractor", default=None, help="extractor name (default: claimline's default)")
    args = ap.parse_args(argv)
    for name in args.folders:
        folder = (REPO / name) if not os.path.isabs(name) else Path(name)
        todo = pairs(folder)
        if not todo:
            print(f"{name}: no NN_slug.txt with a .gold.json beside it", file=sys.stderr)
            continue
        _report(name, todo, args.extractor)
    if args.seed:
        shared = Path(os.environ.get("CLAIMLINE_SHARED", REPO.parent / "shared"))
        seed = sorted((shared / "seed").glob("*.txt"))
        if seed:
            _report("seed", [(seed[0], shared / "gold" / "seed.gold.json")], args.extractor)
    return 0


def _report(name: str, todo: list[tuple[Path, Path]], extractor: str | None = None) -> None:
    found = gold = counted = rel_found = rel_gold = 0
    print(f"== {name}")
    for capture, gold_file in todo:
        r = score(capture, gold_file, extractor)
        c = r["claims"]
        found, gold, counted = found + c["tp"], gold + c["gold"], counted + c["system"]
        rel_found, rel_gold = rel_found + r["relations_found"], rel_gold + r["relations_gold"]
        print(f"   {capture.stem:<28} entities F1 {r['entities']['f1']:.3f}   claims {c['tp']:>3}/{c['gold']:<3} found,"
              f" {c['tp']:>3}/{c['system']:<3} right   relations {r['relations_found']}/{r['relations_gold']}", flush=True)
    p = found / counted if counted else 0.0
    rcl = found / gold if gold else 0.0
    f1 = 2 * p * rcl / (p + rcl) if p + rcl else 0.0
    print(f"   total: claims recall {rcl:.3f} ({found}/{gold}), precision {p:.3f} ({found}/{counted}), F1 {f1:.3f};"
          f" relations {rel_found}/{rel_gold}")


if __name__ == "__main__":
    raise SystemExit(main())
