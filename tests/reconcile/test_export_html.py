"""The HTML export as a file: self-contained, its data block unbreakable, its CSP exact.
(The page as a browser runs it: test_export_html_browser.py.)"""
from __future__ import annotations

import base64
import hashlib
import json
import re

import lxml.html
import pytest
from sqlalchemy import Engine

from reconcile.export import render
from reconcile.export.html_fmt import json_for_script, page_model
from reconcile.timeline import build_timeline
from store.engine import session_scope
from tests.reconcile.story import HOSTILE_ENTITY, HOSTILE_IMG, HOSTILE_SCRIPT, Story, build_story


@pytest.fixture
def story_page(engine: Engine) -> tuple[Story, dict, str]:
    story = build_story(engine)
    with session_scope(engine) as s:
        tl = build_timeline(s)
    return story, tl, render(tl, "html")


def _data(page: str) -> str:
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return m.group(1)


def test_page_is_self_contained(story_page: tuple[Story, dict, str]) -> None:
    _, _, page = story_page
    assert page.count("<script") == 3  # the data block, the page's script, the axis's script
    assert not re.search(r"<(link|iframe|object|embed|img)\b", page)
    assert not re.search(r"\bsrc\s*=", page.split('id="timeline-data"')[0])
    # The only url() references are to the page's own SVG gradients and clip paths.
    assert "@import" not in page and not re.search(r"url\((?!#axis-\d+-)", page)


def test_no_page_content_appears_unescaped(story_page: tuple[Story, dict, str]) -> None:
    _, _, page = story_page
    for hostile in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_ENTITY):
        assert hostile not in page
    data = _data(page)
    assert "<" not in data and ">" not in data and "&" not in data


def test_data_block_round_trips_every_event(story_page: tuple[Story, dict, str]) -> None:
    story, tl, page = story_page
    model = json.loads(_data(page))
    assert model == json.loads(json_for_script(page_model(tl, "claimline timeline")))
    assert model["events"] == story.events
    names = [e["name"] for e in model["entities"]]
    assert HOSTILE_ENTITY in names  # kept as text, shown as text


def _csp(page: str) -> dict[str, list[str]]:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    return {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}


def _sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_csp_pins_every_inline_script_and_the_style(story_page: tuple[Story, dict, str]) -> None:
    _, _, page = story_page
    csp = _csp(page)
    assert csp["default-src"] == ["'none'"] and csp["connect-src"] == ["'none'"]
    assert csp["form-action"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    # No inline script runs without its hash, and nothing else may run: no host, no 'unsafe-*'.
    assert sorted(csp["script-src"]) == sorted(_sha(body) for body in scripts)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert csp["style-src"] == [_sha(styles[0])] and len(styles) == 1
    assert " style=" not in page.split('id="timeline-data"')[0]  # no style attribute to allow


def test_each_entity_gets_its_whole_life_overview(story_page: tuple[Story, dict, str]) -> None:
    story, tl, page = story_page
    tree = lxml.html.document_fromstring(page)
    axes = tree.xpath("//div[@class='overview']/svg[contains(@class, 'cl-axis')]")
    assert len(axes) == len(tl["entities"])
    for i, (entity, axis) in enumerate(zip(tl["entities"], axes, strict=True)):
        assert axis.get("id") == f"axis-{i}"
        assert axis.get("data-events") == str(len(entity["events"]))
        marked = {int(g.get("data-claim")) for g in axis.xpath(".//g[@data-claim]")}
        dated = {e["claim_id"] for e in entity["events"] if e["when"]["edtf"] or e["when"]["earliest"]}
        assert marked == dated
    person = axes[[e["id"] for e in tl["entities"]].index(story.entity["person"])]
    conflicted = {int(g.get("data-claim")) for g in person.xpath(".//g[contains(@class, 'conflict')]")
                  if g.get("data-claim")}
    assert conflicted == {story.claim["born49"], story.claim["born51"]}


# filter, value, the story's claims it keeps
FILTERS = [
    ("predicate", "born", {"born49", "born51"}),
    ("modality", "hedged", {"back01"}),
    ("status", "conflict", {"born49", "born51"}),
    ("status", "none", {"member92", "said", "council", "gov_a"}),  # gov_b is a source of gov_a
    ("source", "Farid @ Frontier Log", {"born51"}),
]


@pytest.mark.parametrize(("name", "value", "keys"), FILTERS, ids=[f"{f[0]}={f[1]}" for f in FILTERS])
def test_filter_values_match_the_events_they_name(
    story_page: tuple[Story, dict, str], name: str, value: str, keys: set[str]
) -> None:
    story, tl, _ = story_page
    model = page_model(tl, "t")
    assert value in [c["value"] for c in model["filters"][name]]
    field = {"predicate": "predicate", "modality": "modality", "status": "statuses",
             "source": "source_keys"}[name]
    views = [v for e in model["entities"] for r in e["rows"] for v in r]
    kept = {v["claim_id"] for v in views if (value in v[field] if isinstance(v[field], list) else v[field] == value)}
    assert kept == {story.claim[k] for k in keys}
    count = next(c["count"] for c in model["filters"][name] if c["value"] == value)
    assert count == len(kept)


def test_model_marks_conflicts_open_ends_and_approximate_dates(
    story_page: tuple[Story, dict, str],
) -> None:
    story, tl, _ = story_page
    model = page_model(tl, "t")
    person = next(e for e in model["entities"] if e["id"] == story.entity["person"])
    rows = person["rows"]
    conflict_rows = [r for r in rows if len(r) > 1]
    assert [[v["claim_id"] for v in r] for r in conflict_rows] == [
        [story.claim["born49"], story.claim["born51"]]
    ]
    views = {v["claim_id"]: v for r in rows for v in r}
    assert views[story.claim["member92"]]["open_start"] and not views[story.claim["member92"]]["open_end"]
    assert views[story.claim["back01"]]["approx"] and views[story.claim["back01"]]["words"] == "c. 16 Oct 2001"
    assert views[story.claim["said"]]["undated"]
    assert views[story.claim["defect97"]]["sources"][0]["href"] is None  # javascript: URL
