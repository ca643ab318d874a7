"""The TimelineJS3 export against the fields of the TimelineJS3 JSON format.

Format reference: https://timeline.knightlab.com/docs/json-format.html — a top-level `events`
list (and optional `title`, `eras`, `scale`); each slide has a required `start_date` and
optional `end_date`, `text` {headline, text}, `media`, `group`, `display_date`, `background`,
`autolink`, `unique_id`; a date has a required `year` and optional `month`, `day`, `hour`,
`minute`, `second`, `millisecond`, `display_date`, `format`.
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine

from reconcile.export import render
from reconcile.timeline import build_timeline
from store.engine import session_scope
from tests.reconcile.story import Story, build_story

TOP_KEYS = {"events", "title", "eras", "scale"}
SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
              "autolink", "unique_id"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date",
             "format"}


@pytest.fixture
def story_tljs(engine: Engine) -> tuple[Story, dict]:
    story = build_story(engine)
    with session_scope(engine) as s:
        return story, json.loads(render(build_timeline(s), "timelinejs-json"))


def _as_date(d: dict) -> date:
    return date(d["year"], d.get("month", 1), d.get("day", 1))


def test_every_slide_has_the_timelinejs3_fields(story_tljs: tuple[Story, dict]) -> None:
    story, doc = story_tljs
    assert set(doc) <= TOP_KEYS and isinstance(doc["events"], list)
    assert set(doc["title"]["text"]) == {"headline", "text"}
    # Every dated event is a slide; the one undated event cannot be placed.
    assert len(doc["events"]) == story.events - 1
    ids = [e["unique_id"] for e in doc["events"]]
    assert len(set(ids)) == len(ids)
    for slide in doc["events"]:
        assert set(slide) <= SLIDE_KEYS
        assert isinstance(slide["unique_id"], str) and slide["unique_id"].isdigit()
        assert isinstance(slide["text"]["headline"], str) and isinstance(slide["text"]["text"], str)
        assert isinstance(slide["group"], str) and isinstance(slide["display_date"], str)
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= DATE_KEYS
                assert all(isinstance(v, int) for k, v in slide[key].items() if k != "display_date")
                _as_date(slide[key])  # a real calendar date
        if "end_date" in slide:
            assert _as_date(slide["end_date"]) >= _as_date(slide["start_date"])


@pytest.mark.parametrize(
    ("claim", "display", "start", "end"),
    [("defect97", "before 1998", {"year": 1997}, None),
     ("back01", "c. 16 Oct 2001", {"year": 2001, "month": 10, "day": 16}, None),
     ("gov_a", "2004 to 2008", {"year": 2004}, {"year": 2008}),
     ("member92", "until 1992", {"year": 1992}, None),
     ("council", "since 2011", {"year": 2011}, None)],
)
def test_dates_and_display_dates_carry_the_uncertainty(
    story_tljs: tuple[Story, dict], claim: str, display: str, start: dict, end: dict | None
) -> None:
    story, doc = story_tljs
    slide = next(e for e in doc["events"] if e["unique_id"] == str(story.claim[claim]))
    assert slide["display_date"] == display
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


def test_citations_are_escaped_html_with_safe_links(story_tljs: tuple[Story, dict]) -> None:
    story, doc = story_tljs
    gov = next(e for e in doc["events"] if e["unique_id"] == str(story.claim["gov_a"]))
    assert gov["text"]["text"].count("<li>") == 2  # both sources cited
    assert 'href="http://frontier.example/2013/09/governors.html"' in gov["text"]["text"]
    hostile = next(e for e in doc["events"] if e["unique_id"] == str(story.claim["defect97"]))
    body = hostile["text"]["text"]
    assert "<script" not in body and "<img" not in body and "javascript:" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    council = next(e for e in doc["events"] if e["unique_id"] == str(story.claim["council"]))
    # TimelineJS 3.9 writes a group's name into the page as markup (it dropped the tags of this
    # one), so the name is escaped like every other text.
    assert council["group"].startswith("&lt;/script&gt;")
    assert "<script" not in doc["title"]["text"]["text"]
