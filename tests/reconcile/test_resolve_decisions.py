"""Human decisions: merges and splits are stored with who, when and why, obeyed by every later
run (incremental and full), and a decision that contradicts an earlier one is refused by name."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from reconcile.entities import DecisionRefused, merge_entities, show_entity, split_entity
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import EntityDecision, Mention
from tests.reconcile.store_factory import StoreFactory


def build(engine: Engine) -> dict[str, int]:
    ids: dict[str, int] = {}
    with session_scope(engine) as s:
        f = StoreFactory(s)
        site = f.site("https://blog.example", "Blog")
        for key, text, name in (
            ("baghdadi", "Abu Bakr al-Baghdadi spoke in Mosul.", "Abu Bakr al-Baghdadi"),
            ("awad", "Ibrahim Awad Ibrahim studied in Baghdad.", "Ibrahim Awad Ibrahim"),
            ("khadem1", "Qazi Abdul Hai Khadem was a senator.", "Qazi Abdul Hai Khadem"),
            ("khadem2", "Qazi Abdulhai Khadem defected.", "Qazi Abdulhai Khadem"),
            ("khadem3", "Qazi Abdul Hai Khadem is from Sar-e Pol.", "Qazi Abdul Hai Khadem"),
        ):
            d = f.doc(site, text, author="A")
            ids[key] = f.mention(d, name, chain="p").id
    run_reconcile(engine)
    return ids


def entity(engine: Engine, mention: int) -> int | None:
    with session_scope(engine) as s:
        return s.get(Mention, mention).entity_id  # type: ignore[union-attr]


@pytest.mark.parametrize("full", [False, True])
def test_merge_is_recorded_and_obeyed_by_later_runs(engine: Engine, full: bool) -> None:
    ids = build(engine)
    assert entity(engine, ids["baghdadi"]) != entity(engine, ids["awad"])
    with session_scope(engine) as s:
        out = merge_entities(s, "Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim", note="same man (nom de guerre)", by="ana")
    assert out["decision"]["decided_by"] == "ana" and out["decision"]["note"] == "same man (nom de guerre)"
    assert entity(engine, ids["baghdadi"]) == entity(engine, ids["awad"])
    run_reconcile(engine, full=full)
    assert entity(engine, ids["baghdadi"]) == entity(engine, ids["awad"])
    assert run_reconcile(engine, full=full).changes == 0
    with session_scope(engine) as s:
        shown = show_entity(s, entity(engine, ids["awad"]))  # type: ignore[arg-type]
        assert [d["action"] for d in shown["decisions"]] == ["merge"]
        assert shown["decisions"][0]["decided_at"]


@pytest.mark.parametrize("full", [False, True])
def test_split_is_obeyed_by_later_runs(engine: Engine, full: bool) -> None:
    ids = build(engine)
    khadem = entity(engine, ids["khadem1"])
    assert entity(engine, ids["khadem2"]) == khadem
    with session_scope(engine) as s:
        out = split_entity(s, khadem, ids["khadem2"], note="a namesake from Herat", by="ana")  # type: ignore[arg-type]
    assert out["entity"] != khadem
    assert entity(engine, ids["khadem2"]) != entity(engine, ids["khadem1"])
    assert entity(engine, ids["khadem3"]) == entity(engine, ids["khadem1"])
    run_reconcile(engine, full=full)
    assert entity(engine, ids["khadem2"]) != entity(engine, ids["khadem1"])
    assert run_reconcile(engine, full=full).changes == 0


def test_a_contradicting_decision_is_refused_naming_the_earlier_one(engine: Engine) -> None:
    ids = build(engine)
    khadem = entity(engine, ids["khadem1"])
    with session_scope(engine) as s:
        split_entity(s, khadem, ids["khadem2"], note="a namesake", by="ana")  # type: ignore[arg-type]
    with session_scope(engine) as s:
        split_id = s.scalars(select(EntityDecision.id)).one()
        with pytest.raises(DecisionRefused, match=rf"contradicts decision #{split_id} \(split"):
            merge_entities(s, entity(engine, ids["khadem2"]), khadem, note="no, the same", by="bo")  # type: ignore[arg-type]
    with session_scope(engine) as s:
        assert s.scalars(select(EntityDecision)).all()[-1].id == split_id  # nothing stored


def test_a_split_that_contradicts_a_merge_is_refused(engine: Engine) -> None:
    ids = build(engine)
    with session_scope(engine) as s:
        merge_entities(s, "Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim", note="same", by="ana")
    merged = entity(engine, ids["awad"])
    with session_scope(engine) as s, pytest.raises(DecisionRefused, match=r"contradicts decision #\d+ \(merge"):
        split_entity(s, merged, ids["awad"], note="not the same", by="bo")  # type: ignore[arg-type]
