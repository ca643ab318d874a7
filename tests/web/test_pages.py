"""The workbench's pages through Starlette's TestClient: search, the entity page's timeline and
filters, the source page with its claims marked, review decisions in the same log and tables as
the command line, and merge and split from the entity page on the seed."""
from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

import web.app
from cli.main import cli
from store.engine import make_engine, session_scope
from store.models import ClaimLink, EntityDecision, Mention, ReviewLog
from tests.reconcile.story import Story
from tests.web.conftest import INTRO, csrf_of
from web.app import create_app
from web.security import CSRF_FIELD, Guard


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def _text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _flash(html: str) -> str:
    return _text(_tree(html).cssselect("p.flash")[0])


def test_search_lists_entities_sources_and_quotes(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    page = _tree(client.get("/search", params={"q": "northern front"}).text)
    assert [a.get("href") for a in page.cssselect("a.entity-hit")] == [f"/entities/{story.entity['front']}"]
    quotes = [_text(li) for li in page.xpath("//section[h2='Quotes']//li")]
    assert len(quotes) == 3 and all("Northern Front" in q for q in quotes)
    fragment = client.get("/search", params={"q": "nadia"}, headers={"hx-request": "true", "hx-target": "results"})
    assert "<html" not in fragment.text and fragment.text.count('href="/sources/') == 2


def test_entity_page_shows_the_life_in_lanes_with_sources(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    page = _tree(client.get(f"/entities/{story.entity['person']}").text)
    lanes = [_text(h).split()[0] for h in page.cssselect("section.lane h2")]
    assert lanes == ["Life", "Offices", "Allegiances", "Words"]
    events = page.cssselect("li.event")
    assert len(events) == Story.events_of["person"]
    governor = next(e for e in events if "governor" in _text(e))
    assert "2004 to 2008" in _text(governor) and "2 sources, 2 independent" in _text(governor)
    assert len(page.cssselect("li.event.conflicted")) == 2  # both birth years, each naming the conflict
    assert "reliability 0.80" in _text(page) and "Reliability (0 to 1) is how" in _text(page)
    folded = page.cssselect("details.folded summary")
    assert any("1 supplement" in _text(s) for s in folded)


def test_a_long_life_comes_in_two_responses_with_every_statement_once(
    client: TestClient, story_engine: tuple[Engine, Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first response has the axis, the counts and the first statements; the rest is one
    request away (the page asks for it at once; `?all=1` without script), none lost or repeated."""
    _, story = story_engine
    monkeypatch.setattr(web.app, "FIRST_SCREEN", 3)
    url = f"/entities/{story.entity['person']}"
    first = _tree(client.get(url).text)
    assert first.cssselect("svg.cl-axis") and len(first.cssselect("li.event")) == 3
    assert "8 statements" in _text(first.cssselect("header.entity-head")[0])
    more = first.cssselect("p.more")[0]
    assert "the other 5 statements" in _text(more) and more.get("hx-trigger") == "load"
    rest = _tree(client.get(more.get("hx-get")).text)
    assert not rest.cssselect("svg.cl-axis") and not rest.cssselect("p.more")
    whole = _tree(client.get(more.cssselect("a")[0].get("href")).text)
    ids = [li.get("id") for li in first.cssselect("li.event") + rest.cssselect("li.event")]
    assert ids == [li.get("id") for li in whole.cssselect("li.event")] and len(set(ids)) == 8
    # a lane cut between the two responses says so, with the lane's whole count
    heads = [_text(h) for h in first.cssselect("section.lane h2") + rest.cssselect("section.lane h2")]
    whole_heads = [_text(h) for h in whole.cssselect("section.lane h2")]
    assert [h for h in heads if ", continued" not in h] == whole_heads
    assert len([h for h in heads if ", continued" in h]) == len(heads) - len(whole_heads)
    assert client.get(f"{url}/statements?offset=x").status_code == 400


def test_entity_filters_narrow_the_events_and_say_so(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    url = f"/entities/{story.entity['person']}"
    born = _tree(client.get(url, params={"predicate": "born"}).text)
    assert len(born.cssselect("li.event")) == 2 and "2 of 8 statements shown" in _text(born)
    fragment = client.get(url, params={"status": "conflicted", "source": "Valley Notes"},
                          headers={"hx-request": "true", "hx-target": "events"}).text
    assert "<html" not in fragment and fragment.count('class="event conflicted"') == 1
    hedged = _tree(client.get(url, params={"modality": "hedged"}).text)
    assert [(_text(e.cssselect(".when")[0]), _text(e.cssselect(".edtf")[0])) for e in hedged.cssselect("li.event")] == [
        ("c. 16 Oct 20012001-10-16~", "2001-10-16~")]


def test_source_page_marks_claims_in_the_text(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    page = _tree(client.get(f"/sources/{story.doc['post_a']}").text)
    paragraphs = page.cssselect(".doc-text p")
    assert _text(paragraphs[0]) == INTRO and len(paragraphs) == 3
    marks = [_text(m) for m in page.cssselect("mark.claim")]
    assert marks[0] == "Rahim Dost was born in 1949 in a village above the river."
    assert page.get_element_by_id(f"claim-{story.claim['born49']}") is not None
    assert page.cssselect('a[href="http://valley.example/2013/rahim-dost/"]')


def test_review_shows_the_conflict_side_by_side_in_context(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    page = _tree(client.get("/review", params={"type": "conflicts"}).text)
    sides = page.cssselect("section.side")
    assert len(sides) == 2
    a, b = (_text(s) for s in sides)
    assert "1949" in a and "Editor" in a and "1951" in b and "Farid" in b
    context = sides[0].cssselect("blockquote.in-context")[0]
    assert "Officials say Dost served as governor" in _text(context)  # the rest of its paragraph
    assert [_text(m) for m in context.cssselect("mark")] == ["Rahim Dost", "in 1949"]  # the claim's own words
    assert sides[1].cssselect('a[href="http://frontier.example/2013/09/governors.html?c=71"]')
    assert [b.get("data-key") for b in page.cssselect("[data-key]")] == ["c", "d", "u"]  # s: no other link


def test_confirm_refuse_second_and_undo(story_engine: tuple[Engine, Story]) -> None:
    engine, story = story_engine
    app = create_app(engine, guard=Guard())
    link = story.link["conflict"]
    with TestClient(app) as ana, TestClient(app) as ben:
        ana.post("/reviewer", data={CSRF_FIELD: csrf_of(ana), "reviewer": "ana"})
        ben.post("/reviewer", data={CSRF_FIELD: csrf_of(ben), "reviewer": "ben"})
        ana_view, ben_view = ana.get(f"/review/{link}"), ben.get(f"/review/{link}")
        assert "Also on this link now: ana" in _text(_tree(ben_view.text).get_element_by_id("presence"))
        done = ana.post(f"/review/{link}/confirm", data={CSRF_FIELD: csrf_of(ana)})
        assert f"link {link} confirmed by ana" in done.text
        second = ben.post(f"/review/{link}/dismiss", data={CSRF_FIELD: csrf_of(ben)})
        assert f"link {link} was already confirmed by ana at" in second.text
        undone = ana.post("/review/undo", data={CSRF_FIELD: csrf_of(ana)})
        assert f"undid confirm of link {link}" in undone.text
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).status == "open"
        log = [(r.action, r.reviewer) for r in s.scalars(select(ReviewLog).order_by(ReviewLog.id))]
    assert log == [("confirm", "ana"), ("undo", "ana")]
    assert ana_view.status_code == 200


def test_two_servers_on_one_store_tell_their_reviewers_of_each_other(
    story_engine: tuple[Engine, Story], tmp_path: Path
) -> None:
    """Presence is in the store, not in one server's memory: ana on one `claimline serve`, ben on
    another (its own app and engine on the same database file) see each other on a link, and ana
    is no longer there once she has decided it."""
    engine, story = story_engine
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    link = story.link["conflict"]
    try:
        with TestClient(create_app(engine, guard=Guard())) as ana, \
                TestClient(create_app(other_engine, guard=Guard())) as ben:
            ana.post("/reviewer", data={CSRF_FIELD: csrf_of(ana), "reviewer": "ana"})
            ben.post("/reviewer", data={CSRF_FIELD: csrf_of(ben), "reviewer": "ben"})
            ana.get(f"/review/{link}")
            ben_view = ben.get(f"/review/{link}")
            assert "Also on this link now: ana" in _text(_tree(ben_view.text).get_element_by_id("presence"))
            polled = ana.get(f"/review/{link}/presence")  # what the page asks every 15 s
            assert "Also on this link now: ben" in _text(_tree(polled.text).get_element_by_id("presence"))
            ana.post(f"/review/{link}/confirm", data={CSRF_FIELD: csrf_of(ana)})
            after = ben.get(f"/review/{link}/presence")
            assert "ana" not in _text(_tree(after.text).get_element_by_id("presence"))
    finally:
        other_engine.dispose()


def test_a_note_stays_on_the_link(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    engine, story = story_engine
    link = story.link["supplement"]
    got = client.post(f"/review/{link}/note", data={CSRF_FIELD: csrf_of(client), "note": "<b>check</b> 1998"})
    assert "&lt;b&gt;check&lt;/b&gt; 1998" in got.text and f"link-{link}" in got.text
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).note == "<b>check</b> 1998"


@pytest.fixture(scope="module")
def seeded_url(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    runner = CliRunner()
    for args in (["ingest", str(shared_dir / "seed/000_b58bb04bcea9579c.txt")], ["extract"], ["reconcile"]):
        res = runner.invoke(cli, ["--db", url, "-q", *args])
        assert res.exit_code == 0, res.output
    return url


def test_split_and_merge_from_the_entity_page(seeded_url: str, tmp_path: Path) -> None:
    """The web's split and merge are the CLI's decisions: same table, the reviewer's name, and
    `entities decisions --json` lists them."""
    engine = make_engine(seeded_url)
    with session_scope(engine) as s:
        mr_hai = s.scalars(select(Mention).where(Mention.surface == "Mr Hai")).first()
        man, mention_id = mr_hai.entity_id, mr_hai.id
    app = create_app(engine, guard=Guard(default_reviewer="web-ana"))
    with TestClient(app) as c:
        page = _tree(c.get(f"/entities/{man}").text)
        assert page.cssselect(f'input[name="mention"][value="{mention_id}"]')
        split = c.post(f"/entities/{man}/split", data={CSRF_FIELD: csrf_of(c), "mention": str(mention_id), "note": "another Hai"})
        assert re.fullmatch(r"decision #\d+: '(Mr )?Hai' split off as entity \d+ \(by web-ana\)", _flash(split.text))
        with session_scope(engine) as s:
            moved = s.get(Mention, mention_id).entity_id
        assert moved != man
        merged = c.post(f"/entities/{man}/merge", data={CSRF_FIELD: csrf_of(c), "other": str(moved)})
        assert _flash(merged.text).startswith("merge refused") and "split" in _flash(merged.text)  # the split stands
    out = CliRunner().invoke(cli, ["--db", seeded_url, "entities", "decisions", "--json"])
    decisions = json.loads(out.output)
    assert [(d["action"], d["decided_by"], d["note"]) for d in decisions] == [("split", "web-ana", "another Hai")]
    with session_scope(engine) as s:
        assert s.scalar(select(EntityDecision.decided_by)) == "web-ana"
    engine.dispose()
