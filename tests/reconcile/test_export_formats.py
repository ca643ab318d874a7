"""JSON, CSV and Markdown exports of a known timeline, with a hostile comment in it."""
from __future__ import annotations

import csv
import io
import json

import pytest
from markdown_it import MarkdownIt
from sqlalchemy import Engine

from reconcile.export import FORMATS, render
from reconcile.export.csv_fmt import COLUMNS
from reconcile.timeline import build_timeline
from store.engine import session_scope
from tests.reconcile.story import HOSTILE_IMG, HOSTILE_SCRIPT, Story, build_story


@pytest.fixture
def story_timeline(engine: Engine) -> tuple[Story, dict]:
    story = build_story(engine)
    with session_scope(engine) as s:
        return story, build_timeline(s)


def _sources(timeline: dict) -> int:
    return sum(len(ev["sources"]) for e in timeline["entities"] for ev in e["events"])


# The timeline JSON contract (DESIGN.md), field by field.
CONTRACT: dict[str, set[str]] = {
    "entity": {"id", "name", "type", "aliases", "events"},
    "event": {"claim_id", "predicate", "object", "when", "where", "modality", "sources", "links"},
    "object": {"name", "entity_id"},
    "when": {"edtf", "earliest", "latest", "text"},
    "source": {"document_id", "url", "kind", "author", "published", "quote", "attributed_to"},
    "link": {"type", "claim_id", "status", "reason"},
}


def test_json_export_keeps_the_contract(story_timeline: tuple[Story, dict]) -> None:
    """What a consumer of the JSON file relies on: every contract field, the story's events and
    their sources, events in time order, links of the contract's types."""
    story, _ = story_timeline
    data = json.loads(render(story_timeline[1], "json"))
    assert data["entities"], "no entities exported"
    for entity in data["entities"]:
        assert CONTRACT["entity"] <= set(entity)
        keys = [(ev["when"]["earliest"] or ev["when"]["latest"] or "~", ev["when"]["latest"] or "~")
                for ev in entity["events"]]  # an open start sorts by its end; undated events last
        assert keys == sorted(keys)
        for ev in entity["events"]:
            assert CONTRACT["event"] <= set(ev) and CONTRACT["when"] <= set(ev["when"])
            assert CONTRACT["object"] <= set(ev["object"])
            assert ev["sources"] and all(CONTRACT["source"] <= set(src) and src["kind"] in ("post", "comment")
                                         for src in ev["sources"])
            assert all(CONTRACT["link"] <= set(link) and link["type"] in
                       ("conflicts", "supplements", "corroborates", "duplicates") for link in ev["links"])
    assert _sources(data) == story.events + 1  # the corroborated event has two sources


def test_csv_has_one_row_per_event_and_source(story_timeline: tuple[Story, dict]) -> None:
    story, tl = story_timeline
    rows = list(csv.DictReader(io.StringIO(render(tl, "csv"))))
    assert len(rows) == _sources(tl) == story.events + 1  # the corroborated event has two
    assert list(rows[0]) == COLUMNS
    gov = [r for r in rows if r["claim_id"] == str(story.claim["gov_a"])]
    assert [r["author"] for r in gov] == ["Editor", "Frontier"]
    assert {r["when"] for r in gov} == {"2004 to 2008"}
    before = next(r for r in rows if r["claim_id"] == str(story.claim["defect97"]))
    assert before["when"] == "sometime before 1998" and HOSTILE_SCRIPT in before["quote"]


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_defuses_spreadsheet_formulas(story_timeline: tuple[Story, dict], payload: str) -> None:
    _, tl = story_timeline
    tl["entities"][0]["events"][0]["sources"][0]["author"] = payload
    rows = list(csv.DictReader(io.StringIO(render(tl, "csv"))))
    assert rows[0]["author"] == "'" + payload


def test_markdown_footnotes_every_source_and_shows_time_in_words(
    story_timeline: tuple[Story, dict],
) -> None:
    _, tl = story_timeline
    md = render(tl, "md")
    notes = [line for line in md.splitlines() if line.startswith("[^")]
    assert len(notes) == _sources(tl)
    assert "**sometime before 1998**" in md and "**c. 16 Oct 2001**" in md
    assert "<http://valley.example/2013/rahim-dost/>" in md


def test_markdown_renders_hostile_text_as_text(story_timeline: tuple[Story, dict]) -> None:
    """A CommonMark renderer that lets raw HTML through must still get no tags from content."""
    _, tl = story_timeline
    page = MarkdownIt("commonmark").render(render(tl, "md"))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render({"entities": []}, "pdf")
    assert sorted(FORMATS) == ["csv", "html", "json", "md", "timelinejs", "timelinejs-json"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_timeline_renders(fmt: str) -> None:
    out = render({"entities": []}, fmt)
    assert isinstance(out, str) and out.strip()
    assert HOSTILE_IMG not in out
