"""`--format timelinejs`: a page that opens the timeline in the bundled TimelineJS3, offline.

The library is the npm registry's @knight-lab/timelinejs, vendored unchanged but for its source
map comment and its icon font inlined (scripts/vendor-timelinejs); the page loads nothing from
any host, runs only its hashed scripts, and splits a set of dates into one slide per date.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources
from pathlib import Path

import lxml.html
import pytest
from sqlalchemy import Engine

from reconcile.export import render
from reconcile.export.timelinejs_fmt import to_timelinejs
from reconcile.timeline import build_timeline
from store.engine import session_scope
from tests.reconcile.story import PWN_MARK, Story, build_story
from tests.reconcile.test_export_html_browser import chromium, dump_dom  # noqa: F401 (fixture)

EXPORT = resources.files("reconcile.export")
VENDOR = json.loads(EXPORT.joinpath("timelinejs.vendor.json").read_text(encoding="utf-8"))


def _sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


@pytest.fixture
def story_page(engine: Engine) -> tuple[Story, str]:
    story = build_story(engine)
    with session_scope(engine) as s:
        return story, render(build_timeline(s), "timelinejs")


@pytest.mark.parametrize("name", ["timelinejs.js", "timelinejs.css"])
def test_the_bundled_library_is_the_vendored_one(name: str) -> None:
    body = EXPORT.joinpath(name).read_bytes()
    assert hashlib.sha256(body).hexdigest() == VENDOR[f"{name}_sha256"]
    assert VENDOR["package"] == "@knight-lab/timelinejs"
    assert "Mozilla Public License" in EXPORT.joinpath("timelinejs.LICENSE.txt").read_text(encoding="utf-8")


def test_the_page_inlines_the_library_and_loads_nothing(story_page: tuple[Story, str]) -> None:
    _, page = story_page
    tree = lxml.html.document_fromstring(page)
    scripts = tree.findall(".//script")
    inline = [s.text for s in scripts if s.get("type") != "application/json"]
    assert EXPORT.joinpath("timelinejs.js").read_text(encoding="utf-8") in inline
    assert not [s for s in scripts if s.get("src")]
    assert not tree.xpath("//link|//iframe|//img|//object|//embed|//*[@src]")
    # Outside the library and the data block, no address of any host (no CDN, no fonts).
    rest = page
    for node in scripts:
        rest = rest.replace(node.text or "", "")
    rest = rest.replace(EXPORT.joinpath("timelinejs.css").read_text(encoding="utf-8"), "")
    assert not re.search(r"https?://", rest)
    assert "@import" not in rest  # (the library's own loader has one, for the fonts it is told not to load)
    assert "url(../" not in EXPORT.joinpath("timelinejs.css").read_text(encoding="utf-8")


def test_csp_runs_only_the_hashed_scripts_and_allows_no_network(story_page: tuple[Story, str]) -> None:
    _, page = story_page
    csp_text = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    csp = {d.split()[0]: d.split()[1:] for d in csp_text.replace("&#x27;", "'").split(";") if d.strip()}
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(inline) == 2
    assert sorted(csp["script-src"]) == sorted(_sha(body) for body in inline)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert sorted(csp["style-src-elem"]) == sorted(_sha(body) for body in styles)
    for directive in ("default-src", "connect-src", "img-src", "frame-src", "base-uri", "form-action"):
        assert csp[directive] == ["'none'"], directive
    assert csp["font-src"] == ["data:"]


def _event(claim_id: int, edtf: str) -> dict:
    return {"claim_id": claim_id, "predicate": "position_held", "object": {"name": "governor"},
            "when": {"edtf": edtf, "earliest": None, "latest": None, "text": None}, "where": None,
            "modality": "asserted", "sources": [], "links": []}


# edtf, slides (unique_id, start year, display date)
SETS = [
    ("{1978,1981}", [("5-1", 1978, "1978 (1 of 2: 1978 and 1981)"),
                     ("5-2", 1981, "1981 (2 of 2: 1978 and 1981)")]),
    ("[1978,1981,1985]", [("5-1", 1978, "1978 (one of 1978, 1981 or 1985)"),
                          ("5-2", 1981, "1981 (one of 1978, 1981 or 1985)"),
                          ("5-3", 1985, "1985 (one of 1978, 1981 or 1985)")]),
    ("{2001-10,2002-03}", [("5-1", 2001, "Oct 2001 (1 of 2: Oct 2001 and Mar 2002)"),
                           ("5-2", 2002, "Mar 2002 (2 of 2: Oct 2001 and Mar 2002)")]),
    ("1978/1981", [("5", 1978, "1978 to 1981")]),  # a span stays one slide
]


@pytest.mark.parametrize(("edtf", "slides"), SETS, ids=[s[0] for s in SETS])
def test_a_set_of_dates_is_one_slide_per_date(edtf: str, slides: list[tuple[str, int, str]]) -> None:
    doc = to_timelinejs({"entities": [{"name": "Rahim Dost", "events": [_event(5, edtf)]}]})
    got = [(e["unique_id"], e["start_date"]["year"], e["display_date"]) for e in doc["events"]]
    assert got == slides
    if len(slides) > 1:
        assert all("end_date" not in e for e in doc["events"])


@pytest.mark.slow
def test_the_page_opens_every_slide_offline_and_runs_nothing_injected(
    chromium: Path, engine: Engine, tmp_path: Path  # noqa: F811
) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        page = tmp_path / "timelinejs.html"
        page.write_text(render(build_timeline(s), "timelinejs"), encoding="utf-8")
    dom = dump_dom(chromium, page, tmp_path / "profile")
    body = dom.find("body")
    assert dom.getroottree().getroot().get(PWN_MARK) is None
    assert body.get("data-slides") == str(story.events - 1)  # TimelineJS loaded its data
    assert body.get("data-csp-violations") is None  # nothing it tried was refused: it fetched nothing
    markers = dom.xpath("//*[contains(@class, 'tl-timemarker ') or @class='tl-timemarker']")
    assert len(markers) == story.events - 1
