"""Truth-discovery source scores: corroborated sources rise, contradicted ones fall, reviews count."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cli.main import cli
from reconcile import reliability
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


def test_each_part_settles_on_its_own_so_one_part_can_be_recomputed_alone() -> None:
    # two parts: {1, 2} (a against d) and {3} (e alone); a third part {4, 5} shares source f
    providers = {1: {"a", "b"}, 2: {"d"}, 3: {"e"}, 4: {"f"}, 5: {"f", "g"}}
    conflicts = [(1, 2, 0.9)]
    trust, conf, _ = truth_discovery(providers, conflicts)
    alone, _, _ = truth_discovery({1: {"a", "b"}, 2: {"d"}}, conflicts)
    assert all(trust[s] == alone[s] for s in alone)  # another part changes nothing
    facts = sorted(providers)
    sources = sorted({s for ss in providers.values() for s in ss})
    p = reliability._problem(len(facts), len(sources),
                             [(facts.index(f), sources.index(s)) for f in facts for s in sorted(providers[f])],
                             [(0, 1, 0.9)])
    some, _conf, done, _ = reliability.solve(p, facts=np.array([4]))  # fact 5's part only
    assert [sources[i] for i in np.flatnonzero(done)] == ["f", "g"]
    assert all(some[sources.index(s)] == trust[s] for s in ("f", "g"))
    assert trust["d"] < trust["a"] and conf[1] > conf[2]


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


SEED = "seed/000_b58bb04bcea9579c.txt"
FIXTURE_BLOG = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


def _cli(db_url: str, *args: str) -> None:
    res = CliRunner().invoke(cli, ["--db", db_url, "-q", *args])
    assert res.exit_code == 0, res.output


def _scores(engine: Engine) -> dict[tuple[str, str], tuple[float, int, int, int]]:
    with session_scope(engine) as s:
        return {(r.scope, r.key): (r.score, r.claims, r.corroborated, r.contradicted)
                for r in s.scalars(select(SourceScore))}


def test_scores_updated_incrementally_equal_a_full_recompute(
    shared_dir: Path, db_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = sorted(str(p) for p in FIXTURE_BLOG.glob("2013/**/index.html"))
    _cli(db_url, "ingest", str(shared_dir / SEED), *pages[:-1])
    _cli(db_url, "extract")
    _cli(db_url, "reconcile")
    before = _scores(engine)
    # one more document, reconciled incrementally
    _cli(db_url, "ingest", pages[-1])
    _cli(db_url, "extract")
    runs: list[reliability.ReliabilityChanges] = []
    real = reliability.update_scores

    def spy(session: Session, **kw: bool) -> reliability.ReliabilityChanges:
        runs.append(real(session, **kw))
        return runs[-1]

    monkeypatch.setattr(reliability, "update_scores", spy)
    _cli(db_url, "reconcile")
    assert [r.full for r in runs] == [False]  # the incremental path, not a full recompute
    assert runs[0].sources > 0
    incremental = _scores(engine)
    assert incremental != before
    _cli(db_url, "reconcile", "--full")
    assert runs[-1].full
    full = _scores(engine)
    assert incremental.keys() == full.keys()
    for key, (score, *counts) in full.items():
        assert abs(incremental[key][0] - score) <= 1e-9, key
        assert list(incremental[key][1:]) == counts, key
