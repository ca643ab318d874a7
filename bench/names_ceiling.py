"""How far can name strings alone go on bench/names.py's gold? A learnt ceiling for ``similarity``.

``bench/names.py`` reports ``reconcile.names.similarity`` on its tune and test halves. This script
asks whether a better combination of string evidence exists: it trains a gradient-boosted
classifier on the tune half's pairs, with ``similarity`` itself and a dozen other string features
(rapidfuzz ratios of the folded names, token counts, how many tokens align, the distinctiveness of
the best aligned token, first and last tokens), and reports its F1 on the test half at the
threshold best on the tune half. If the learnt model does no better on the test half than
``similarity`` does, the remaining gap is in the data (aliases that share no distinctive part
with the name), not in how the evidence is weighed.

It also reports each dataset by programme (the UN reference number's prefix: TA = Taliban,
QD = Al-Qaida, KP = DPRK, ...), since our users' names are mostly the Afghan ones.

Bench-only dependency: ``pip install scikit-learn``.
Run: ``.venv/bin/python bench/names_ceiling.py [--shared DIR] [--seed N]``
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
import names as bench  # noqa: E402  (bench/names.py: loaders, pairs, scores)

from reconcile.names import TokenWeights, name_tokens, similarity  # noqa: E402

TOKEN_MATCH = 80  # rapidfuzz ratio at which two folded tokens count as the same name part


def features(a: str, b: str, kind: str, common: TokenWeights) -> list[float]:
    """String evidence about one pair, ``similarity`` first."""
    ta, tb = name_tokens(a, kind), name_tokens(b, kind)
    fa, fb = " ".join(ta), " ".join(tb)
    aligned = [(x, y) for x in ta for y in tb if fuzz.ratio(x, y) >= TOKEN_MATCH]
    distinctive = [fuzz.ratio(x, y) for x, y in aligned if max(common.weight(x), common.weight(y)) >= 1.0]
    return [
        similarity(a, b, kind),
        fuzz.token_sort_ratio(fa, fb),
        fuzz.token_set_ratio(fa, fb),
        fuzz.partial_ratio(fa, fb),
        fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")),
        len(ta),
        len(tb),
        len(aligned),
        len(distinctive),
        max(distinctive, default=0.0),
        sum(common.weight(t) for t in ta),
        sum(common.weight(t) for t in tb),
        float(bool(ta and tb) and fuzz.ratio(ta[0], tb[0]) >= TOKEN_MATCH),
        float(bool(ta and tb) and fuzz.ratio(ta[-1], tb[-1]) >= TOKEN_MATCH),
    ]


def learnt_ceiling(kind: str, clusters: Sequence[bench.Cluster], seed: int) -> dict[str, bench.Scores]:
    """Train on the tune half's pairs, threshold on the tune half, score the test half."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    tune_c, test_c = bench.split_clusters(clusters, seed)
    tune_p, test_p = bench.make_pairs(tune_c, seed), bench.make_pairs(test_c, seed + 1)
    common = TokenWeights(kind=kind)

    def matrix(pairs: Sequence[bench.Pair]) -> tuple[np.ndarray, np.ndarray]:
        return np.array([features(a, b, kind, common) for a, b, _ in pairs]), np.array([y for *_, y in pairs])

    x_tune, y_tune = matrix(tune_p)
    x_test, y_test = matrix(test_p)
    out: dict[str, bench.Scores] = {}
    for label, cols in (("similarity alone", [0]), ("learnt, all features", list(range(x_tune.shape[1])))):
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=seed)
        model.fit(x_tune[:, cols], y_tune)
        p_tune = model.predict_proba(x_tune[:, cols])[:, 1]
        p_test = model.predict_proba(x_test[:, cols])[:, 1]
        tuned = bench.best_threshold(list(zip(p_tune, y_tune)))
        out[f"{label}: tune (fitted on it)"] = tuned
        out[f"{label}: test @ tuned"] = bench.prf(list(zip(p_test, y_test)), tuned.threshold)
    raw_test = bench.score_pairs(test_p, lambda a, b: similarity(a, b, kind))
    raw_tune = bench.score_pairs(tune_p, lambda a, b: similarity(a, b, kind))
    out["similarity, its own threshold: test @ tuned"] = bench.prf(raw_test, bench.best_threshold(raw_tune).threshold)
    return out


def by_programme(kind: str, clusters: Sequence[bench.Cluster], seed: int) -> dict[str, tuple[int, bench.Scores, bench.Scores]]:
    """Per reference-number prefix with 50+ listed people: (people, test @ tuned, test @ default)."""
    from reconcile.names import DEFAULT_THRESHOLD

    groups: dict[str, list[bench.Cluster]] = {}
    for key, names in clusters:
        groups.setdefault(key[:2], []).append((key, names))
    out = {}
    for prefix, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(members) < 50:
            continue
        tune_c, test_c = bench.split_clusters(members, seed)
        tune_s = bench.score_pairs(bench.make_pairs(tune_c, seed), lambda a, b: similarity(a, b, kind))
        test_s = bench.score_pairs(bench.make_pairs(test_c, seed + 1), lambda a, b: similarity(a, b, kind))
        tuned = bench.best_threshold(tune_s)
        out[prefix] = (len(members), bench.prf(test_s, tuned.threshold), bench.prf(test_s, DEFAULT_THRESHOLD[kind]))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", help="the shared folder (default $CLAIMLINE_SHARED or ../shared)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("bench/names_ceiling.py needs scikit-learn (a bench-only dependency): pip install scikit-learn", file=sys.stderr)
        return 2
    root = bench.shared_dir(args.shared)
    if not (root / bench.PEOPLE_DIR).is_dir():
        print(f"bench/names_ceiling.py: gold data not found under {root} (set CLAIMLINE_SHARED or --shared)", file=sys.stderr)
        return 2
    datasets = [
        ("un-sc-consolidated-list", "PERSON", bench.load_people(root)),
        ("geonames-places-af-region", "PLACE", bench.load_places(root)),
    ]
    for name, kind, clusters in datasets:
        print(f"== {name} ({kind})", flush=True)
        for label, s in learnt_ceiling(kind, clusters, args.seed).items():
            print(f"   {label:<48} {bench._fmt(s)}", flush=True)
        if kind == "PERSON":
            for prefix, (n, tuned, default) in by_programme(kind, clusters, args.seed).items():
                print(f"   programme {prefix} ({n} people) test @ tuned {bench._fmt(tuned)} | @ default {bench._fmt(default)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
