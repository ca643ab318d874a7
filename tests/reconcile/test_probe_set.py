"""The probe set (tests/reconcile/data/probe): captures the extractor was not written against,
each with a hand annotation in the seed gold's format; and the held-out set
(tests/reconcile/data/heldout): six more in the same format, for measurement only, never for tuning.

These tests check that every gold file is a valid annotation of its text once the capture has
been ingested, extracted and reconciled into a temporary SQLite store: every gold document is
found among the stored ones, every quote (claims and optional sentences) occurs verbatim in its
document, every entity mention occurs in the capture, every claim's subject (and the speaker a
reported claim is `attributed_to`, where the gold names one) is a gold entity, every relation
names gold claims, every `when` is EDTF. They do NOT check the system's scores:
`claimline eval FILE.gold.json` gives those, and they are meant to move.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from reconcile.eval_store import system_from_store
from reconcile.evaluate import _align, _locate, _years, evaluate
from reconcile.stage import run_reconcile
from store.engine import make_engine, session_scope
from store.schema import upgrade

PROBE = Path(__file__).parent / "data" / "probe"
HELDOUT = Path(__file__).parent / "data" / "heldout"
SETS = (PROBE, HELDOUT)
CAPTURES = [c for folder in SETS for c in sorted(folder.glob("[0-9][0-9]_*.txt"))]
PREDICATES = {"born", "died", "educated_at", "member_of", "defected_to", "position_held", "rank",
              "located_in", "traveled_to", "detained", "released", "awarded", "family", "said",
              "statement"}
MODALITIES = {"asserted", "reported", "hedged", "negated"}
RELATIONS = {"conflicts", "supplements", "corroborates", "duplicates"}


def _gold_of(capture: Path) -> dict:
    return json.loads(capture.with_suffix(".gold.json").read_text(encoding="utf-8"))


def _id(capture: Path) -> str:
    return f"{capture.parent.name}/{capture.stem}"


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_at_least_six_documents_each_with_a_gold_file(folder: Path) -> None:
    captures = sorted(folder.glob("[0-9][0-9]_*.txt"))
    assert len(captures) >= 6
    for capture in captures:
        assert capture.with_suffix(".gold.json").exists(), capture.name


@pytest.mark.parametrize("capture", CAPTURES, ids=_id)
def test_gold_file_is_self_consistent(capture: Path) -> None:
    gold = _gold_of(capture)
    text = capture.read_text(encoding="utf-8")
    entities = {e["id"]: e for e in gold["entities"]}
    claims = {c["id"]: c for c in gold["claims"]}
    docs = {d["id"] for d in gold["documents"]}
    assert len(entities) == len(gold["entities"]) and len(claims) == len(gold["claims"])
    for e in gold["entities"]:
        assert e["type"] in {"PERSON", "ORG", "PLACE"}, e["id"]
        for surface in e["mentions"]:
            assert surface in text, f"{e['id']}: mention {surface!r} not in the capture"
    for a, b in gold["distinct"]:
        assert a in entities and b in entities, (a, b)
    for c in gold["claims"]:
        assert c["doc"] in docs, c["id"]
        assert c["subject"] in entities, f"{c['id']}: subject {c['subject']!r} is no gold entity"
        speaker = c.get("attributed_to")
        assert speaker is None or speaker in entities, f"{c['id']}: attributed_to {speaker!r} is no gold entity"
        assert c["predicate"] in PREDICATES, c["id"]
        assert c["modality"] in MODALITIES, c["id"]
        _years(c["when"])  # raises on a `when` that is not EDTF
    for r in gold["relations"]:
        assert r["a"] in claims and r["b"] in claims, r
        assert r["type"] in RELATIONS and r.get("why"), r


@pytest.mark.parametrize("capture", CAPTURES, ids=_id)
def test_gold_quotes_occur_in_the_stored_documents(capture: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'probe.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        runner = CliRunner()
        for args in (["ingest", str(capture)], ["extract"]):
            res = runner.invoke(cli, ["--db", url, "-q", *args])
            assert res.exit_code == 0, res.output
        run_reconcile(engine)
        gold = _gold_of(capture)
        with session_scope(engine) as session:
            system = system_from_store(session)
        report = evaluate(gold, system)
    finally:
        engine.dispose()
    assert report.unaligned_documents == [], "gold documents not found among the stored ones"
    doc_map = _align(gold["documents"], system.documents)
    texts = {gid: next(d.text for d in system.documents if d.id == sid) for gid, sid in doc_map.items()}
    for c in gold["claims"]:
        assert _locate(texts[c["doc"]], c["quote"]), f"{c['id']}: quote not in document {c['doc']}"
    for sentence in gold["optional"]:
        assert any(_locate(t, sentence) for t in texts.values()), f"optional {sentence!r} not found"
    kinds = {d["id"]: d["kind"] for d in gold["documents"]}
    assert sorted(kinds.values()) == sorted(d.kind for d in system.documents)
