"""The HTML export opened in headless Chromium, with a hostile comment and entity in it.

Nothing injected may run (the injected code would set a `data-pwned` attribute on the page), the
page shows one `.event` per timeline event, and no injected element exists in the DOM. A control
page that does what the export must never do (innerHTML of the same text) proves the check would
see injected code run.

Debian's `chromium` is installed with apt-get when /usr/bin/chromium is missing (CI included).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from sqlalchemy import Engine

from reconcile.export import render
from reconcile.timeline import build_timeline
from store.engine import session_scope
from tests.reconcile.story import HOSTILE_MARK_IMG, PWN_MARK, build_story

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    apt = shutil.which("apt-get")
    if apt is None:
        pytest.fail("chromium is missing at /usr/bin/chromium and apt-get is not available")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = [[apt, "update", "-q"], [apt, "install", "-y", "-q", "chromium"]]
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.fail(
                f"could not install chromium ({' '.join(step)} exited {done.returncode}):\n"
                + (done.stderr or done.stdout)[-2000:]
            )
    if not CHROMIUM.exists():
        pytest.fail("apt-get install chromium finished but /usr/bin/chromium is still missing")
    return CHROMIUM


def dump_dom(chromium: Path, page: Path, profile: Path, fragment: str = "") -> lxml.html.HtmlElement:
    try:
        done = subprocess.run(
            [str(chromium), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000",
             "--dump-dom", page.as_uri() + fragment],
            capture_output=True, text=True, timeout=90,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium never finished {page.name}: an injected alert() blocks the page")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return lxml.html.document_fromstring(done.stdout)


def _classes(node: lxml.html.HtmlElement) -> set[str]:
    return set((node.get("class") or "").split())


@pytest.mark.slow
def test_hostile_page_runs_nothing_and_shows_every_event(
    chromium: Path, engine: Engine, tmp_path: Path
) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        page = tmp_path / "timeline.html"
        page.write_text(render(build_timeline(s), "html"), encoding="utf-8")
    dom = dump_dom(chromium, page, tmp_path / "profile")

    root = dom.getroottree().getroot()
    assert root.get(PWN_MARK) is None, f"injected code ran: {root.get(PWN_MARK)}"
    assert dom.find("body").get("data-rendered") == str(story.events)
    events = [n for n in dom.iter("article") if "event" in _classes(n)]
    assert len(events) == story.events
    scripts = dom.findall(".//script")
    assert len(scripts) == 3 and scripts[0].get("type") == "application/json"
    # The overview axes moved into their sections and the zoom script set up each of them.
    axes = dom.xpath("//section[contains(@class, 'entity')]//svg[contains(@class, 'cl-axis')]")
    assert len(axes) == 2 and all(a.get("data-view") for a in axes)
    assert not dom.findall(".//img")
    assert not [n for n in dom.iter() if isinstance(n.tag, str) and any(a.startswith("on") for a in n.attrib)]
    hrefs = [a.get("href") or "" for a in dom.iter("a")]
    assert hrefs and all(re.fullmatch(r"https?://\S+|#claim-\d+", h) for h in hrefs), hrefs
    # Every in-page reference to a claim lands on an element of the page.
    ids = {n.get("id") for n in dom.iter() if isinstance(n.tag, str) and n.get("id")}
    assert {h[1:] for h in hrefs if h.startswith("#")} <= ids
    # The hostile text is on the page, as text.
    quotes = [q.text_content() for q in dom.iter("blockquote")]
    assert any("<script>alert(1)</script>" in q for q in quotes)
    headings = [h.text_content() for h in dom.iter("h2")]
    assert any(h.startswith("</script><script>") for h in headings)
    # Conflicting events sit side by side in one row.
    groups = [n for n in dom.iter("div") if "conflict-group" in _classes(n)]
    assert len(groups) == 1 and len(groups[0].findall("article")) == 2


@pytest.mark.slow
def test_entity_filter_from_the_address(chromium: Path, engine: Engine, tmp_path: Path) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        timeline = build_timeline(s)
    page = tmp_path / "timeline.html"
    page.write_text(render(timeline, "html"), encoding="utf-8")
    index = [e["id"] for e in timeline["entities"]].index(story.entity["council"])
    dom = dump_dom(chromium, page, tmp_path / "profile", f"#entity={index}")
    shown = [s for s in dom.iter("section") if "hidden" not in _classes(s)]
    assert len(shown) == 1 and shown[0].get("data-entity") == str(index)
    assert len([n for n in shown[0].iter("article") if "event" in _classes(n)]) == story.events_of["council"]
    options = [o.text_content() for o in dom.get_element_by_id("entity-filter").iter("option")]
    assert options[0] == "All entities" and len(options) == 1 + len(timeline["entities"])


@pytest.mark.slow
def test_control_page_proves_the_check_sees_injected_code(chromium: Path, tmp_path: Path) -> None:
    page = tmp_path / "unsafe.html"
    page.write_text(
        "<!DOCTYPE html><html><body><div id=x></div><script>"
        f"document.getElementById('x').innerHTML = {HOSTILE_MARK_IMG!r};"
        "</script></body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(chromium, page, tmp_path / "profile")
    assert dom.getroottree().getroot().get(PWN_MARK) == "img"


# address, the story's events left, the claims whose axis marks stay on
ADDRESSES = [
    ("#status=conflict", 2, {"born49", "born51"}),
    ("#predicate=defected_to&modality=hedged", 1, {"back01"}),
    ("#source=Farid%20%40%20Frontier%20Log", 1, {"born51"}),
    ("#entity=0&predicate=nothing-of-the-sort", 8, None),  # an unknown value is ignored
]


@pytest.mark.slow
@pytest.mark.parametrize(("fragment", "shown", "marks"), ADDRESSES, ids=[a[0] for a in ADDRESSES])
def test_filters_from_the_address_hide_cards_and_axis_marks(
    chromium: Path, engine: Engine, tmp_path: Path, fragment: str, shown: int, marks: set[str] | None
) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        timeline = build_timeline(s)
    page = tmp_path / "timeline.html"
    page.write_text(render(timeline, "html"), encoding="utf-8")
    dom = dump_dom(chromium, page, tmp_path / "profile", fragment)
    cards = [n for n in dom.iter("article") if "event" in _classes(n) and "hidden" not in _classes(n)]
    assert len(cards) == shown == int(dom.find("body").get("data-shown"))
    if marks is not None:
        on = {int(g.get("data-claim")) for g in dom.xpath("//svg//g[@data-claim]") if "off" not in _classes(g)}
        assert on == {story.claim[k] for k in marks}
        assert {int(c.get("data-claim-id")) for c in cards} == on
