"""The timeline JSON contract, built from a known store, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine

from reconcile.timeline import UnknownEntity, build_timeline, event_count
from store.engine import session_scope
from tests.reconcile.story import HOSTILE_ENTITY, HOSTILE_SCRIPT, build_story

EVENT_KEYS = {"claim_id", "predicate", "object", "when", "where", "modality", "sources", "links"}
SOURCE_KEYS = {"document_id", "url", "kind", "author", "published", "quote", "attributed_to"}


def _timeline(engine: Engine, entity: str | None = None) -> dict:
    with session_scope(engine) as s:
        return build_timeline(s, entity=entity)


def test_contract_fields_and_counts(engine: Engine) -> None:
    story = build_story(engine)
    tl = _timeline(engine)
    assert event_count(tl) == story.events
    person = next(e for e in tl["entities"] if e["id"] == story.entity["person"])
    assert person["name"] == "Rahim Dost" and person["type"] == "PERSON"
    assert "Haji Raheem Dost" in person["aliases"] and "he" not in person["aliases"]
    assert "Rahim Dost" not in person["aliases"]
    for event in person["events"]:
        assert EVENT_KEYS <= set(event)
        assert set(event["when"]) == {"edtf", "earliest", "latest", "text"}
        assert set(event["object"]) == {"name", "entity_id"}
        for source in event["sources"]:
            assert SOURCE_KEYS <= set(source)
            assert source["kind"] in ("post", "comment")


def test_events_sort_by_earliest_then_latest_open_start_by_end_undated_last(engine: Engine) -> None:
    story = build_story(engine)
    person = _timeline(engine, "Rahim Dost")["entities"][0]
    order = [e["claim_id"] for e in person["events"]]
    c = story.claim
    # born 1949, born 1951, until 1992, before 1998, Oct 2001 (15-17 Oct before 1-31 Oct by
    # earliest: 1 Oct first), 2004-2008, then the undated statement.
    assert order == [c["born49"], c["born51"], c["member92"], c["defect97"], c["back01_dup"],
                     c["back01"], c["gov_a"], c["said"]]
    assert person["events"][-1]["when"]["earliest"] is None


def test_corroborating_claims_are_one_event_with_both_sources(engine: Engine) -> None:
    story = build_story(engine)
    person = _timeline(engine, "Rahim Dost")["entities"][0]
    gov = next(e for e in person["events"] if e["predicate"] == "position_held")
    assert gov["claim_id"] == story.claim["gov_a"]  # the more reliable author (0.8 vs 0.6)
    assert [s["claim_id"] for s in gov["sources"]] == [story.claim["gov_a"], story.claim["gov_b"]]
    assert [s["author"] for s in gov["sources"]] == ["Editor", "Frontier"]
    assert gov["sources"][0]["reliability"] == pytest.approx(0.8)
    assert gov["where"] == "Baghlan"
    assert gov["sources"][0]["published"] == "2013-09-20T08:30:00Z"


def test_dismissed_duplicate_stays_apart_and_links_carry_status(engine: Engine) -> None:
    story = build_story(engine)
    person = _timeline(engine, "Rahim Dost")["entities"][0]
    back = next(e for e in person["events"] if e["claim_id"] == story.claim["back01"])
    kinds = {(link["type"], link["claim_id"], link["status"]) for link in back["links"]}
    assert ("duplicates", story.claim["back01_dup"], "dismissed") in kinds
    assert ("supplements", story.claim["defect97"], "open") in kinds
    born = next(e for e in person["events"] if e["claim_id"] == story.claim["born49"])
    assert born["links"][0]["reason"].startswith("born 1949")


def test_hostile_text_is_kept_verbatim_in_json(engine: Engine) -> None:
    """The JSON is data: it keeps what the page said; escaping is each renderer's job."""
    build_story(engine)
    tl = _timeline(engine)
    quotes = [s["quote"] for e in tl["entities"] for ev in e["events"] for s in ev["sources"]]
    assert any(HOSTILE_SCRIPT in q for q in quotes)
    assert HOSTILE_ENTITY in [e["name"] for e in tl["entities"]]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("rahim dost", "person"), ("Haji Raheem Dost", "person"), ("Dost", "person"),
     ("rahim", "person"), ("Council", "council")],
)
def test_entity_filter_by_name_alias_or_part(engine: Engine, name: str, expected: str) -> None:
    story = build_story(engine)
    tl = _timeline(engine, name)
    assert [e["id"] for e in tl["entities"]] == [story.entity[expected]]


@pytest.mark.parametrize("name", ["%", "R_him", "Rah%Dost", "Nobody", "' OR 1=1 --"])
def test_entity_filter_is_never_widened_by_its_input(engine: Engine, name: str) -> None:
    build_story(engine)
    with pytest.raises(UnknownEntity) as err:
        _timeline(engine, name)
    assert name in str(err.value)
