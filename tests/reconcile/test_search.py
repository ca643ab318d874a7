"""The workbench's search: entities by any name their mentions use, sources by title, author or
site, quotes by their words; user input is a literal (no wildcards), short queries find nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine

from reconcile.search import search
from store.engine import session_scope
from tests.reconcile.story import HOSTILE_IMG, build_story


@pytest.mark.parametrize(("query", "kind", "expected"), [
    ("rahim", "entities", ["Rahim Dost"]),
    ("HAJI RAHEEM", "entities", ["Rahim Dost"]),  # a name only a mention uses, any case
    ("northern", "entities", ["Northern Front"]),
    ("frontier log", "sources", ["comment", "post"]),  # by the site's name, newest first
    ("governors", "sources", ["comment", "post"]),  # by the address
    ("nadia", "sources", ["comment", "comment"]),  # by the author, newest first
    ("peace was near", "quotes", ["said"]),
    ("onerror", "sources", ["comment"]),  # hostile text is searchable like any other
])
def test_search_finds(engine: Engine, query: str, kind: str, expected: list[str]) -> None:
    build_story(engine)
    with session_scope(engine) as s:
        found = search(s, query)[kind]
    key = {"entities": "name", "sources": "kind", "quotes": "predicate"}[kind]
    assert [hit[key] for hit in found] == expected


@pytest.mark.parametrize("query", ["%", "_", "a", "   ", "%%", "x%y"])
def test_wildcards_are_literal_and_short_queries_find_nothing(engine: Engine, query: str) -> None:
    build_story(engine)
    with session_scope(engine) as s:
        out = search(s, query)
    assert out["entities"] == out["sources"] == out["quotes"] == []


def test_hits_carry_what_the_page_links_to(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        out = search(s, "movement")
    (quote,) = out["quotes"]
    assert quote["claim_id"] == story.claim["defect97"]
    assert quote["document_id"] == story.doc["comment_hostile"]
    assert quote["entity_id"] == story.entity["person"] and quote["subject"] == "Rahim Dost"
    with session_scope(engine) as s:
        (hostile,) = search(s, "onerror")["sources"]
    assert hostile["author"] == HOSTILE_IMG and hostile["url"] == "javascript:alert(1)"
