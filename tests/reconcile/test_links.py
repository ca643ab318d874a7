"""Listing and resolving claim links, and the CLAIM JSON of `conflicts list --json`."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from reconcile.links import LinkError, link_json, list_links, resolve_link
from reconcile.timeline import Ratings, UnknownEntity
from store.engine import session_scope
from store.models import ClaimLink, ReviewLog
from tests.reconcile.story import build_story

CLAIM_KEYS = {"claim_id", "subject", "predicate", "object", "when", "modality", "quote", "source"}


@pytest.mark.parametrize(
    ("type_", "status", "expected"),
    [("all", "open", ["conflict", "corroborate", "supplement"]),
     ("conflicts", "open", ["conflict"]),
     ("duplicates", "open", []),
     ("duplicates", "dismissed", ["duplicate"]),
     ("all", "all", ["conflict", "corroborate", "supplement", "duplicate"])],
)
def test_filters(engine: Engine, type_: str, status: str, expected: list[str]) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        got = {k.id for k in list_links(s, type=type_, status=status)}
    assert got == {story.link[k] for k in expected}


def test_entity_filter_and_order_by_score(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        links = list_links(s, entity="Rahim Dost")
        assert links[0].id == story.link["conflict"]  # the highest score first
        assert [k.score for k in links] == sorted((k.score for k in links), reverse=True)
        # The Northern Front is the object of the returns: its links come with it.
        front = {k.id for k in list_links(s, entity="Northern Front", status="all")}
        assert front == {story.link["supplement"], story.link["duplicate"]}
        with pytest.raises(UnknownEntity):
            list_links(s, entity="%")


@pytest.mark.parametrize(("field", "value"), [("type", "conflicts' OR 1=1"), ("status", "closed")])
def test_unknown_filter_values_are_refused(engine: Engine, field: str, value: str) -> None:
    build_story(engine)
    with session_scope(engine) as s, pytest.raises(LinkError, match="unknown"):
        list_links(s, **{field: value})


def test_link_json_follows_the_contract(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        link = next(k for k in list_links(s) if k.id == story.link["conflict"])
        item = link_json(link, Ratings.load(s))
    assert {"id", "type", "status", "score", "reason", "a", "b"} <= set(item)
    for side in ("a", "b"):
        assert CLAIM_KEYS <= set(item[side])  # the contract's fields; statement fields beside them
        assert item[side]["subject"] == {"entity_id": story.entity["person"], "name": "Rahim Dost"}
    assert item["a"]["when"]["edtf"] == "1949" and item["b"]["when"]["edtf"] == "1951"
    assert item["a"]["source"]["reliability"] == pytest.approx(0.8)
    assert item["b"]["source"]["author"] == "Farid"


def test_resolve_writes_status_and_review_log(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        resolve_link(s, story.link["conflict"], "dismiss", reviewer="ana", note="same man, typo")
    with session_scope(engine) as s:
        link = s.get(ClaimLink, story.link["conflict"])
        assert (link.status, link.reviewer, link.note) == ("dismissed", "ana", "same man, typo")
        assert link.reviewed_at is not None
        entry = s.scalars(select(ReviewLog)).one()
        assert (entry.link_id, entry.action, entry.previous_status, entry.new_status) == (
            story.link["conflict"], "dismiss", "open", "dismissed")
        assert entry.reviewer == "ana" and entry.note == "same man, typo"


@pytest.mark.parametrize(
    ("link_id", "decision", "reviewer", "message"),
    [(9999, "confirm", "ana", "no claim link"), (None, "maybe", "ana", "unknown decision"),
     (None, "confirm", " ", "reviewer")],
)
def test_resolve_refuses_bad_requests(
    engine: Engine, link_id: int | None, decision: str, reviewer: str, message: str
) -> None:
    story = build_story(engine)
    with session_scope(engine) as s, pytest.raises(LinkError, match=message):
        resolve_link(s, link_id or story.link["conflict"], decision, reviewer=reviewer)
    with session_scope(engine) as s:
        assert s.scalars(select(ReviewLog)).all() == []
