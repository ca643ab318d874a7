"""Pairwise precision/recall/F1 of ``reconcile.names.similarity`` on external gold name clusters.

Datasets (read from the shared folder, never copied into the project):

- ``geonames-places-af-region``: one cluster per populated place in Afghanistan and Pakistan,
  its name plus its Latin-script alternate names (kept when they hold a capital or a vowel,
  as the dataset's MANIFEST suggests, which drops bare machine romanisations like ``srpl``).
- ``un-sc-consolidated-list``: one cluster per listed individual, the listed name
  (FIRST..FOURTH_NAME) plus every alias rated Good.

- ``ofac-sdn`` (a second opinion on people, not named by the issue): one cluster per individual
  on OFAC's list under the terrorism programme (SDGT), the listed name plus every a.k.a./f.k.a.,
  written given names first; the quoted nicknames in the remarks are left out, as the MANIFEST advises.

Pairs: every pair inside a cluster (positives); hard negatives from different clusters that share
a token of 3+ letters or a 4-letter prefix, three times as many as positives; random negatives
from different clusters, as many as positives (fixed seed).

To avoid tuning on the test data, clusters are split at random into two halves: the threshold is
chosen on the ``tune`` half and F1 is reported on both halves, at the tuned threshold and at the
library's ``DEFAULT_THRESHOLD``. The baseline (plain rapidfuzz ``token_sort_ratio`` on unidecoded
names at its own best threshold) is printed in the same run.

People's positive pairs are of two kinds, scored apart (issue 14): spelling variants, where
every name part of the shorter name aligns with a part of the other (or two of its parts written
together) at ``SPELLING_SIM`` (rapidfuzz ratio on folded parts), which a name scorer should join
(goal: F1 >= 0.90); and other names (noms de guerre, nicknames, names before a change), which no
string scorer can join and which the resolver links through stated aliases and lists. Each is
printed with the same negatives.

An individual the UN lists twice (under two regimes, same name and dates of birth) is one person:
no negative pairs are drawn between the two entries (the count is printed).

Run: ``.venv/bin/python bench/names.py [--shared DIR] [--seed N] [--errors N]`` (``--errors`` also
prints the worst people's spelling-variant misses and wrong joins of the tune half).
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from rapidfuzz import fuzz
from unidecode import unidecode

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from reconcile.names import DEFAULT_THRESHOLD, TokenWeights, clear_pair_cache, name_tokens, similarity  # noqa: E402

PLACES_DIR = "corpus/gold-external/geonames-places-af-region"
PEOPLE_DIR = "corpus/gold-external/un-sc-consolidated-list"
OFAC_DIR = "corpus/gold-external/ofac-sdn"
OFAC_PROGRAMME = "SDGT"
PLACE_COUNTRIES = ("AF", "PK")

Cluster = tuple[str, list[str]]  # (gold key, spellings)
Pair = tuple[str, str, bool]  # (name a, name b, same?)


def shared_dir(explicit: str | None = None) -> Path:
    """``--shared``, else ``$CLAIMLINE_SHARED``, else ``../shared`` beside the repository."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CLAIMLINE_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin letter (accents allowed)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


_VOWEL = re.compile(r"[aeiouy]", re.I)


def _keep_place_spelling(name: str) -> bool:
    return is_latin(name) and (any(c.isupper() for c in name) or bool(_VOWEL.search(unidecode(name))))


def load_places(root: Path, countries: Sequence[str] = PLACE_COUNTRIES) -> list[Cluster]:
    """One cluster per GeoNames place of ``countries``: its distinct Latin-script spellings."""
    clusters: list[Cluster] = []
    path = root / PLACES_DIR / "geonames_cities_af_region.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["countrycode"] not in countries:
                continue
            names = [rec["name"], *rec.get("alternatenames", [])]
            kept = sorted({n.strip() for n in names if n.strip() and _keep_place_spelling(n)})
            clusters.append((str(rec["geonameid"]), kept))
    return clusters


_NAME_FIELDS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def load_people(root: Path) -> list[Cluster]:
    """One cluster per listed individual: the listed name plus its Good-quality aliases.

    An individual listed twice (under two sanctions regimes) with the same listed name and the
    same dates of birth is one person: both entries' clusters carry the first entry's reference
    number, so that :func:`make_pairs` takes no negatives between them."""
    tree = etree.parse(str(root / PEOPLE_DIR / "UN_consolidated.xml"))
    clusters: list[Cluster] = []
    first_entry: dict[tuple[str, str], str] = {}
    for ind in tree.iterfind(".//INDIVIDUAL"):
        parts = [(ind.findtext(f) or "").strip() for f in _NAME_FIELDS]
        names = [" ".join(p for p in parts if p)]
        for alias in ind.iterfind("INDIVIDUAL_ALIAS"):
            if (alias.findtext("QUALITY") or "").strip() == "Good":
                names.append((alias.findtext("ALIAS_NAME") or "").strip())
        kept: list[str] = []
        seen: set[str] = set()
        for n in names:
            if n and is_latin(n) and n.casefold() not in seen:
                seen.add(n.casefold())
                kept.append(n)
        births = " | ".join(sorted(" ".join(etree.tostring(d, method="text", encoding=str).split())
                                   for d in ind.iterfind("INDIVIDUAL_DATE_OF_BIRTH")))
        ref = ind.findtext("REFERENCE_NUMBER") or ""
        ref = first_entry.setdefault((names[0].casefold(), births), ref)
        if kept:
            clusters.append((ref, kept))
    return clusters


def listed_twice(clusters: Sequence[Cluster]) -> int:
    """How many clusters share their key with an earlier one (one person listed twice)."""
    keys = [k for k, _ in clusters]
    return len(keys) - len(set(keys))


def _ofac_rows(path: Path) -> Iterable[list[str]]:
    """Rows of an OFAC legacy CSV (Latin-1, no header, may end with a 0x1A byte)."""
    with path.open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if row and row[0].strip().strip("\x1a"):
                yield [cell.strip() for cell in row]


def _given_names_first(name: str) -> str:
    """"HAQQANI, Sirajuddin" -> "Sirajuddin HAQQANI"."""
    surname, sep, given = name.partition(",")
    return f"{given.strip()} {surname.strip()}" if sep and given.strip() else name.strip()


def load_ofac_people(root: Path, programme: str = OFAC_PROGRAMME) -> list[Cluster]:
    """One cluster per OFAC-listed individual of ``programme``: the listed name and its a.k.a.s
    (alt.csv), given names first. The nicknames OFAC gives only in the remarks
    ("a.k.a. 'NASERUDDIN'.") are not read: the MANIFEST calls them weak."""
    folder = root / OFAC_DIR
    people = {
        row[0]: [_given_names_first(row[1])]
        for row in _ofac_rows(folder / "sdn.csv")
        if len(row) > 3 and row[2] == "individual" and programme in row[3].replace("]", " ").replace("[", " ").split()
    }
    for row in _ofac_rows(folder / "alt.csv"):
        if len(row) > 3 and row[0] in people and row[3] and row[3] != "-0-":
            people[row[0]].append(_given_names_first(row[3]))
    clusters: list[Cluster] = []
    for key, names in people.items():
        kept = sorted({n for n in names if n and is_latin(n)}, key=str.casefold)
        if kept:
            clusters.append((key, kept))
    return clusters


_WORD = re.compile(r"[a-z]+")


def _block_keys(name: str) -> set[str]:
    words = _WORD.findall(unidecode(name).lower())
    return {"t:" + w for w in words if len(w) >= 3} | {"p:" + w[:4] for w in words if len(w) >= 4}


def make_pairs(clusters: Sequence[Cluster], seed: int = 0, hard_ratio: int = 3, random_ratio: int = 1) -> list[Pair]:
    """All within-cluster pairs, plus hard and random negatives in the stated ratios."""
    rng = random.Random(seed)
    positives = [(a, b, True) for _, names in clusters for a, b in itertools.combinations(names, 2)]
    owner = [(ci, n) for ci, (_, names) in enumerate(clusters) for n in names]

    by_key: dict[str, list[int]] = defaultdict(list)
    for idx, (_, n) in enumerate(owner):
        for k in _block_keys(n):
            by_key[k].append(idx)
    hard: set[tuple[int, int]] = set()
    for members in by_key.values():
        if len(members) > 400:  # a very common token: sample rather than enumerate
            members = rng.sample(members, 400)
        for i, j in itertools.combinations(members, 2):
            if owner[i][0] != owner[j][0]:
                hard.add((min(i, j), max(i, j)))
    hard_list = sorted(hard)
    rng.shuffle(hard_list)
    hard_list = hard_list[: hard_ratio * len(positives)]

    rand: set[tuple[int, int]] = set()
    want = random_ratio * len(positives)
    while len(rand) < want and len(owner) > 1:
        i, j = rng.randrange(len(owner)), rng.randrange(len(owner))
        if owner[i][0] != owner[j][0] and (min(i, j), max(i, j)) not in hard:
            rand.add((min(i, j), max(i, j)))
    key = [clusters[ci][0] for ci, _ in owner]  # two clusters of one key are one person listed twice
    negatives = [(owner[i][1], owner[j][1], False) for i, j in itertools.chain(hard_list, sorted(rand)) if key[i] != key[j]]
    return positives + negatives


def split_clusters(clusters: Sequence[Cluster], seed: int = 0) -> tuple[list[Cluster], list[Cluster]]:
    """A random half of the clusters to tune on and the other half to test on."""
    order = list(clusters)
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return order[:half], order[half:]


@dataclass(frozen=True)
class Scores:
    threshold: float
    precision: float
    recall: float
    f1: float


def prf(scored: Sequence[tuple[float, bool]], threshold: float) -> Scores:
    tp = sum(1 for s, y in scored if y and s >= threshold)
    fp = sum(1 for s, y in scored if not y and s >= threshold)
    fn = sum(1 for s, y in scored if y and s < threshold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(threshold, p, r, f)


def best_threshold(scored: Sequence[tuple[float, bool]]) -> Scores:
    """The threshold (on a 0.01 grid) with the highest F1."""
    return max((prf(scored, t / 100) for t in range(1, 100)), key=lambda s: (s.f1, -s.threshold))


def score_pairs(pairs: Iterable[Pair], fn: Callable[[str, str], float]) -> list[tuple[float, bool]]:
    return [(fn(a, b), y) for a, b, y in pairs]


def baseline(a: str, b: str) -> float:
    """Plain rapidfuzz token_sort_ratio on unidecoded, lower-cased names (0..1)."""
    return fuzz.token_sort_ratio(unidecode(a).lower(), unidecode(b).lower()) / 100.0


def no_common_ground(pairs: Sequence[Pair], kind: str) -> float:
    """Share of positive pairs whose folded names have no token (nor joined form) at even 50%
    similarity: aliases no string scorer can link (other names, nicknames, other scripts' sounds)."""
    pos = [(a, b) for a, b, same in pairs if same]
    lost = 0
    for a, b in pos:
        ta, tb = name_tokens(a, kind), name_tokens(b, kind)
        best = max((fuzz.ratio(x, y) for x in ta for y in tb), default=0.0)
        if max(best, fuzz.ratio("".join(ta), "".join(tb))) < 50:
            lost += 1
    return lost / len(pos) if pos else 0.0


def no_distinctive_ground(pairs: Sequence[Pair], kind: str) -> float:
    """Share of positive pairs that share no distinctive token (one the built-in table does not
    mark as common, like "Mohammad", "Abdul" or "Qala") at 70% similarity, nor a joined form of
    one: aliases a name scorer can only link by also linking look-alike names of others."""
    common = TokenWeights(kind=kind)
    pos = [(a, b) for a, b, same in pairs if same]
    lost = 0
    for a, b in pos:
        ta, tb = name_tokens(a, kind), name_tokens(b, kind)
        grams_a = ta + [x + y for x, y in zip(ta, ta[1:])]
        grams_b = tb + [x + y for x, y in zip(tb, tb[1:])]
        if not any(
            fuzz.ratio(x, y) >= 70 and (common.weight(x) >= 1.0 or common.weight(y) >= 1.0)
            for x in grams_a
            for y in grams_b
            if len(x) > 1 and len(y) > 1
        ):
            lost += 1
    return lost / len(pos) if pos else 0.0


SPELLING_SIM = 0.75  # two name parts align at this rapidfuzz ratio (0..1) on folded parts


def is_spelling_variant(a: str, b: str, kind: str, sim: float = SPELLING_SIM) -> bool:
    """Every name part of the shorter name aligns with a part of the other, or two adjacent parts
    written together align with one ("Abdulhai" / "Abdul Hai", either way round), at ``sim`` and
    about the same length (folded parts, titles dropped, as the scorer reads them)."""
    ta, tb = name_tokens(a, kind), name_tokens(b, kind)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    targets = long_ + [x + y for x, y in zip(long_, long_[1:])]

    def aligns(part: str) -> bool:  # alike, and of about the same length (no part inside a longer one)
        return any(fuzz.ratio(part, t) >= sim * 100 and abs(len(part) - len(t)) <= max(2, len(part) // 4) for t in targets)

    covered = [aligns(t) for t in short]
    for i in range(len(short) - 1):
        if not (covered[i] and covered[i + 1]) and aligns(short[i] + short[i + 1]):
            covered[i] = covered[i + 1] = True
    return all(covered)


def split_positives(pairs: Sequence[Pair], kind: str) -> tuple[list[Pair], list[Pair]]:
    """(spelling variants + all negatives, other names + all negatives)."""
    spelling, other = [], []
    for p in pairs:
        if not p[2]:
            spelling.append(p)
            other.append(p)
        elif is_spelling_variant(p[0], p[1], kind):
            spelling.append(p)
        else:
            other.append(p)
    return spelling, other


def evaluate(name: str, kind: str, clusters: Sequence[Cluster], seed: int, use_weights: bool) -> dict:
    """Tune on one half, test on the other; the baseline on the same pairs."""
    tune_c, test_c = split_clusters(clusters, seed)
    tune_p, test_p = make_pairs(tune_c, seed), make_pairs(test_c, seed + 1)
    weights = None
    if use_weights:  # distinctiveness learnt from the tune half's names only
        weights = TokenWeights.from_names((n for _, ns in tune_c for n in ns), kind=kind)

    def ours(a: str, b: str) -> float:
        return similarity(a, b, kind, weights)

    t0 = time.process_time()
    tune_s = score_pairs(tune_p, ours)
    cold = time.process_time() - t0
    clear_pair_cache()  # again with names already folded, as a resolver scoring many pairs sees it
    t0 = time.process_time()
    score_pairs(tune_p, ours)
    warm = time.process_time() - t0
    test_s = score_pairs(test_p, ours)
    tuned = best_threshold(tune_s)
    default = DEFAULT_THRESHOLD[kind]
    base_tune = best_threshold(score_pairs(tune_p, baseline))
    base_test = prf(score_pairs(test_p, baseline), base_tune.threshold)
    by_kind = {}
    if kind == "PERSON":
        tune_sp, _ = split_positives(tune_p, kind)
        test_sp, test_other = split_positives(test_p, kind)
        sp_tuned = best_threshold(score_pairs(tune_sp, ours))
        sp_scored = score_pairs(test_sp, ours)
        other_scored = score_pairs(test_other, ours)
        by_kind = {
            "spelling_positives": sum(y for *_, y in test_sp),
            "other_positives": sum(y for *_, y in test_other),
            "spelling_test_default": prf(sp_scored, default),
            "spelling_test_at_tuned": prf(sp_scored, sp_tuned.threshold),
            "other_test_default": prf(other_scored, default),
        }
    return {
        **by_kind,
        "dataset": name,
        "kind": kind,
        "weights": "corpus (tune half)" if use_weights else "built-in",
        "clusters": (len(tune_c), len(test_c)),
        "pairs": (len(tune_p), len(test_p)),
        "positives": (sum(y for *_, y in tune_p), sum(y for *_, y in test_p)),
        "tune_best": tuned,
        "test_at_tuned": prf(test_s, tuned.threshold),
        "tune_default": prf(tune_s, default),
        "test_default": prf(test_s, default),
        "test_best": best_threshold(test_s),
        "baseline_tune_best": base_tune,
        "baseline_test_at_its_tuned": base_test,
        "no_common_ground": no_common_ground(test_p, kind),
        "no_distinctive_ground": no_distinctive_ground(test_p, kind),
        "pairs_per_second": (len(tune_p) / cold if cold else float("inf"), len(tune_p) / warm if warm else float("inf")),
    }


def _fmt(s: Scores) -> str:
    return f"t={s.threshold:.2f} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"


def report(res: dict) -> str:
    lines = [
        f"== {res['dataset']} ({res['kind']}, weights: {res['weights']})",
        f"   clusters tune/test {res['clusters'][0]}/{res['clusters'][1]}, pairs {res['pairs'][0]}/{res['pairs'][1]}"
        f" (positives {res['positives'][0]}/{res['positives'][1]})",
        f"   similarity  tune best        {_fmt(res['tune_best'])}",
        f"   similarity  test @ tuned     {_fmt(res['test_at_tuned'])}",
        f"   similarity  tune @ default   {_fmt(res['tune_default'])}",
        f"   similarity  test @ default   {_fmt(res['test_default'])}",
        f"   similarity  test best (info) {_fmt(res['test_best'])}",
        f"   baseline    tune best        {_fmt(res['baseline_tune_best'])}",
        f"   baseline    test @ its tuned {_fmt(res['baseline_test_at_its_tuned'])}",
        f"   ceiling     {res['no_common_ground']:.1%} of test positives share no token at 50% similarity"
        f" (recall above {1 - res['no_common_ground']:.2f} needs more than the strings)",
        f"   rare parts  {res['no_distinctive_ground']:.1%} of test positives share no distinctive token at 70% (ratio)"
        f" similarity: only common name parts, or nothing",
        f"   throughput  {res['pairs_per_second'][0]:,.0f} pairs per CPU second with folding,"
        f" {res['pairs_per_second'][1]:,.0f} with names already folded (no pair cache)",
    ]
    if "spelling_positives" in res:
        lines += [
            f"   spelling variants ({res['spelling_positives']} test positives, every part aligned at {SPELLING_SIM:.2f}):",
            f"     test @ default   {_fmt(res['spelling_test_default'])}   (goal F1 >= 0.90)",
            f"     test @ tuned     {_fmt(res['spelling_test_at_tuned'])}",
            f"   other names ({res['other_positives']} test positives: noms de guerre, other names; for stated aliases and lists):",
            f"     test @ default   {_fmt(res['other_test_default'])}",
        ]
    return "\n".join(lines)


def errors(kind: str, clusters: Sequence[Cluster], seed: int, n: int) -> str:
    """The ``n`` worst spelling-variant false negatives and false positives at the default
    threshold, with the folded tokens the scorer compared, from the tune half (look there, so
    that the test half stays a test)."""
    tune_c, _ = split_clusters(clusters, seed)
    spelling, _ = split_positives(make_pairs(tune_c, seed), kind)
    threshold = DEFAULT_THRESHOLD[kind]
    scored = [(similarity(a, b, kind), a, b, same) for a, b, same in spelling]
    misses = sorted((x for x in scored if x[3] and x[0] < threshold), key=lambda x: x[0])
    wrong = sorted((x for x in scored if not x[3] and x[0] >= threshold), key=lambda x: -x[0])
    lines = [f"   tune half, at the default threshold {threshold:.2f}: {len(misses)} spelling variants missed, {len(wrong)} different people joined"]
    for title, rows in (("missed (score, a | b, folded tokens)", misses[:n]), ("joined", wrong[:n])):
        lines.append(f"   {title}:")
        lines += [f"     {s:.2f}  {a} | {b}   {name_tokens(a, kind)} | {name_tokens(b, kind)}" for s, a, b, _ in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", help="the shared folder (default $CLAIMLINE_SHARED or ../shared)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print the N worst people's spelling-variant misses and wrong joins (tune half)")
    args = ap.parse_args(argv)
    root = shared_dir(args.shared)
    if not (root / PLACES_DIR).is_dir() or not (root / PEOPLE_DIR).is_dir():
        print(f"bench/names.py: gold data not found under {root} (set CLAIMLINE_SHARED or --shared)", file=sys.stderr)
        return 2
    datasets = [("geonames-places-af-region", "PLACE", load_places(root)), ("un-sc-consolidated-list", "PERSON", load_people(root))]
    if (root / OFAC_DIR).is_dir():
        datasets.append((f"ofac-sdn ({OFAC_PROGRAMME})", "PERSON", load_ofac_people(root)))
    for name, kind, clusters in datasets:
        if listed_twice(clusters):
            print(f"== {name}: {listed_twice(clusters)} individual(s) listed twice (same name and births):"
                  " one person, no negatives between the entries")
        for use_weights in (False, True):
            print(report(evaluate(name, kind, clusters, args.seed, use_weights)), flush=True)
        if args.errors and kind == "PERSON":
            print(errors(kind, clusters, args.seed, args.errors), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
