"""The HTML export as a file: self-contained, its data block unbreakable, its CSP exact.
(The page as a browser runs it: test_export_html_browser.py.)"""
from __future__ import annotations

import base64
import hashlib
import json
import re

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
    assert page.count("<script") == 2  # the data block and the page's own script
    assert not re.search(r"<(link|iframe|object|embed|img)\b", page)
    assert not re.search(r"\bsrc\s*=", page.split('id="timeline-data"')[0])
    assert "@import" not in page and "url(" not in page


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


def test_csp_pins_the_inline_script_and_style(story_page: tuple[Story, dict, str]) -> None:
    _, _, page = story_page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for body, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


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
    gov = views[story.claim["gov_a"]]
    assert 0 <= gov["x0"] < gov["x1"] <= 100
    # The bar of a span is proportionally longer than the bar of a single year.
    born = views[story.claim["born49"]]
    assert (gov["x1"] - gov["x0"]) == pytest.approx(5 * (born["x1"] - born["x0"]), rel=0.05)
    assert views[story.claim["defect97"]]["sources"][0]["href"] is None  # javascript: URL
