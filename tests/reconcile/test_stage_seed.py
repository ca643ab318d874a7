"""The seed page end to end (ingest, extract, reconcile): entity clusters against the gold
annotation, the four gold relations found, and no conflict (the seed holds none)."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select

from cli.main import cli
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Claim, ClaimLink, Mention

SEED = "seed/000_b58bb04bcea9579c.txt"
GOLD = "gold/seed.gold.json"


@pytest.fixture
def seeded(shared_dir: Path, db_url: str, engine: Engine) -> dict:
    runner = CliRunner()
    for args in (["ingest", str(shared_dir / SEED)], ["extract"]):
        res = runner.invoke(cli, ["--db", db_url, "-q", *args])
        assert res.exit_code == 0, res.output
    run_reconcile(engine)
    return json.loads((shared_dir / GOLD).read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").lower().split())


def test_entity_clusters_match_the_gold(seeded: dict, engine: Engine) -> None:
    surface_gold = {_norm(s): e["id"] for e in seeded["entities"] for s in e["mentions"]}
    with session_scope(engine) as s:
        rows = s.execute(select(Mention.surface, Mention.name, Mention.entity_id).where(Mention.is_pronoun.is_(False))).all()
    pairs = []  # (gold entity, system entity) per matched mention
    for surface, name, entity in rows:
        gold = surface_gold.get(_norm(surface)) or surface_gold.get(_norm(name or ""))
        if gold is not None:
            pairs.append((gold, entity))
    assert len(pairs) >= 40
    tp = fp = fn = 0
    for (g1, s1), (g2, s2) in itertools.combinations(pairs, 2):
        tp += g1 == g2 and s1 == s2
        fp += g1 != g2 and s1 == s2
        fn += g1 == g2 and s1 != s2
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.95, (precision, recall)


def _claim_for(claims: list[Claim], quote: str) -> list[int]:
    q = _norm(quote)
    return [c.id for c in claims if _norm(c.quote) in q or q in _norm(c.quote)]


def test_the_four_gold_relations_are_found_and_nothing_conflicts(seeded: dict, engine: Engine) -> None:
    quotes = {c["id"]: c["quote"] for c in seeded["claims"]}
    with session_scope(engine) as s:
        claims = list(s.scalars(select(Claim)))
        links = {(k.a_claim_id, k.b_claim_id): k.type for k in s.scalars(select(ClaimLink))}
    assert "conflicts" not in links.values()
    for rel in seeded["relations"]:
        found = [
            links.get((min(a, b), max(a, b)))
            for a in _claim_for(claims, quotes[rel["a"]]) for b in _claim_for(claims, quotes[rel["b"]])
        ]
        assert rel["type"] in found, (rel, found)
