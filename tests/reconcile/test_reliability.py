"""Truth-discovery source scores: corroborated sources rise, contradicted ones fall, reviews count."""
from __future__ import annotations

from sqlalchemy import Engine, select

from reconcile.reliability import truth_discovery, update_scores
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import ClaimLink, SourceScore
from tests.reconcile.test_stage import build_world


def test_the_side_more_sources_support_wins_a_conflict() -> None:
    # fact 1 (born 1956) said by a, b, c; fact 2 (born 1951) by d alone; they conflict
    providers = {1: {"a"}, 2: {"d"}, 3: {"b"}, 4: {"c"}}
    providers[1] |= {"b", "c"}
    trust, conf, iterations = truth_discovery(providers, [(1, 2, 1.0)])
    assert conf[1] > conf[2]
    assert trust["a"] > trust["d"]
    assert iterations < 50


def test_a_confirmed_conflict_weighs_more_than_an_open_one() -> None:
    providers = {1: {"a", "b"}, 2: {"d"}}
    weak, _, _ = truth_discovery(providers, [(1, 2, 0.3)])
    strong, _, _ = truth_discovery(providers, [(1, 2, 1.0)])
    dismissed, _, _ = truth_discovery(providers, [(1, 2, 0.0)])
    assert strong["d"] < weak["d"] < dismissed["d"]


def test_scores_are_stored_per_author_and_site_and_rerun_writes_nothing(engine: Engine) -> None:
    build_world(engine)
    run_reconcile(engine)
    with session_scope(engine) as s:
        rows = {(r.scope, r.key): r for r in s.scalars(select(SourceScore))}
        assert ("site", "https://blog-a.example") in rows and ("author", "https://blog-b.example|Editor") in rows
        assert all(0 < r.score < 1 for r in rows.values())
        editor = rows[("author", "https://blog-b.example|Editor")]
        assert editor.contradicted == 1 and editor.corroborated == 1 and editor.claims == 2
        assert update_scores(s).written == 0
        # a dismissed conflict is no conflict: Blog B's author is no longer contradicted
        for link in s.scalars(select(ClaimLink).where(ClaimLink.type == "conflicts")):
            link.status = "dismissed"
        s.flush()
        update_scores(s)
        assert s.scalars(select(SourceScore).where(SourceScore.key == "https://blog-b.example|Editor")).one().contradicted == 0
