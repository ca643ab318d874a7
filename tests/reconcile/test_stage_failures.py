"""The reconcile stage under load and partial failure: a thread with a thousand agreeing sources
against one stores its entities and its conflict; a part that fails is reported and costs only
its own work, on SQLite and PostgreSQL."""
from __future__ import annotations

import math

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from reconcile import reliability
from reconcile.extract_stage import run_extract
from reconcile.reliability import truth_discovery
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Claim, ClaimLink, Entity, SourceScore
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread
from tests.reconcile.test_stage import build_world

SITE = "https://readers.example/"
AGREEING = 1000


def one_against_many(agreeing: int) -> ThreadIn:
    """One post; `agreeing` commenters say Gul Rahman was born in 1950, one says 1960."""
    post_url = f"{SITE}2020/01/gul-rahman/"
    post = DocumentIn(kind="post", url=post_url, platform_id="1", title="Who is Gul Rahman?",
                      text="Readers write in about Gul Rahman.")

    def comment(i: int, year: int) -> DocumentIn:
        return DocumentIn(kind="comment", url=post_url, platform_id=f"c{i}", permalink=f"{post_url}#comment-{i}",
                          author_name=f"reader {i}", text=f"Gul Rahman was born in {year}.")

    comments = [comment(i, 1950) for i in range(agreeing)] + [comment(agreeing, 1960)]
    return ThreadIn(site_url=SITE, post=post, comments=comments, platform="wordpress")


@pytest.mark.parametrize("agreeing", [2, 760, 1_371, 100_000])
def test_truth_discovery_never_overflows_whatever_the_number_of_sources(agreeing: int) -> None:
    providers = {1: {f"s{i}" for i in range(agreeing)}, 2: {"lonely"}}
    trust, conf, _ = truth_discovery(providers, [(1, 2, 0.9)])
    assert all(math.isfinite(v) and 0 <= v <= 1 for v in [*trust.values(), *conf.values()])
    assert conf[1] > conf[2] and trust["s0"] > trust["lonely"]


@pytest.mark.parametrize("x", [-1e308, -800.0, -1.0, 0.0, 1.0, 800.0, 1e308, float("inf"), float("-inf")])
def test_the_logistic_is_finite_and_matches_the_textbook_form_where_that_is_finite(x: float) -> None:
    got = reliability.sigmoid(x)
    assert 0.0 <= got <= 1.0
    if abs(x) < 700:
        assert got == pytest.approx(1 / (1 + math.exp(-x)))


@pytest.mark.slow
def test_a_thousand_agreeing_comments_against_one_store_entities_and_the_conflict(engine: Engine) -> None:
    with session_scope(engine) as s:
        save_thread(s, one_against_many(AGREEING))
    with session_scope(engine) as s:
        extracted = run_extract(s)
    assert extracted.errors == [] and extracted.claims_added >= AGREEING + 1

    summary = run_reconcile(engine)

    assert summary.errors == []
    a, b = aliased(Claim), aliased(Claim)
    with session_scope(engine) as s:
        gul = s.scalars(select(Entity).where(Entity.name.like("%Gul Rahman%"))).all()
        assert len(gul) == 1
        years = set(s.execute(
            select(a.edtf, b.edtf).join(ClaimLink, ClaimLink.a_claim_id == a.id).join(b, ClaimLink.b_claim_id == b.id)
            .where(ClaimLink.type == "conflicts", a.subject_entity_id == gul[0].id)
        ).all())
        assert {tuple(sorted(y)) for y in years} == {("1950", "1960")}
        scores = {r.key: r.score for r in s.scalars(select(SourceScore).where(SourceScore.scope == "author"))}
    assert all(math.isfinite(v) for v in scores.values())
    assert scores[f"{SITE}|reader 0"] > scores[f"{SITE}|reader {AGREEING}"]


def test_a_failing_part_keeps_what_the_others_stored_and_says_what_it_did_not(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_world(engine)

    def broken(_session: object, **_kw: object) -> object:
        raise OverflowError("math range error")

    monkeypatch.setattr(reliability, "update_scores", broken)
    summary = run_reconcile(engine)
    assert len(summary.errors) == 1 and summary.errors[0].startswith("reliability: OverflowError")
    assert "not stored: source reliability scores" in summary.errors[0]
    assert summary.scores_written == 0 and summary.links_created > 0 and summary.entities > 0
    with session_scope(engine) as s:
        assert s.scalar(select(func.count(Entity.id))) == summary.entities
        assert s.scalar(select(func.count(ClaimLink.id))) == summary.links_created
        assert s.scalar(select(func.count(SourceScore.id))) == 0

    # the next run, with scoring mended, does what the failed one did not
    monkeypatch.undo()
    again = run_reconcile(engine)
    assert again.errors == [] and again.links_created == 0 and again.scores_written > 0
    assert run_reconcile(engine).changes == 0


def test_failing_links_are_redone_by_the_next_run(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import reconcile.stage as stage

    build_world(engine)
    real = stage.sync_links

    def broken(session: object, subjects: object) -> object:
        real(session, subjects)  # written, then the part fails: nothing of it may stay
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(stage, "sync_links", broken)
    summary = run_reconcile(engine)
    assert [e.split(":")[0] for e in summary.errors] == ["links"]
    assert summary.entities > 0 and summary.links_created == 0 and summary.claims_changed == 0
    with session_scope(engine) as s:
        assert s.scalar(select(func.count(ClaimLink.id))) == 0
        assert s.scalar(select(func.count(Entity.id))) == summary.entities
    monkeypatch.undo()
    again = run_reconcile(engine)
    assert again.errors == [] and again.links_created > 0 and again.claims_changed > 0
    assert run_reconcile(engine).changes == 0


def test_a_failing_part_rolls_back_alone_inside_the_callers_session(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    build_world(engine)
    monkeypatch.setattr(reliability, "update_scores", lambda _s, **_k: (_ for _ in ()).throw(OverflowError("boom")))
    with session_scope(engine) as s:
        summary = run_reconcile(s)
    assert [e.split(":")[0] for e in summary.errors] == ["reliability"]
    with session_scope(engine) as s:
        assert s.scalar(select(func.count(ClaimLink.id))) == summary.links_created > 0
