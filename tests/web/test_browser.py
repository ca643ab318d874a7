"""The workbench in a real browser (pytest-playwright driving Debian's /usr/bin/chromium):
search as you type, open an entity and see its overview axis and timeline, confirm a conflict
with the `c` key and take it back with `u`, split and merge from the entity page; a hostile
comment (script tags, event handlers, `javascript:` addresses) never runs; a POST without the
CSRF token is refused. With CLAIMLINE_SCREENSHOTS=DIR the entity and review pages are saved there
at 1400 and 700 px (the README's pictures: `CLAIMLINE_SCREENSHOTS=docs`)."""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from sqlalchemy import Engine, select

from cli.main import cli
from store.engine import make_engine, session_scope
from store.models import ClaimLink, Document, Entity, Mention
from store.schema import upgrade
from tests.reconcile.story import PWN_MARK, Story, build_story
from tests.web.conftest import give_text
import web.app
from web.app import create_app
from web.security import Guard

pw = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_AUTHOR_URL = "javascript:document.documentElement.setAttribute('data-pwned','href')"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing at /usr/bin/chromium: ./scripts/test installs it (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]}


def _serve(engine: Engine) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(engine, guard=Guard(default_reviewer="tester"), allowed_hosts=["127.0.0.1"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the workbench did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine, Story]]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('story') / 'story.db'}")
    upgrade(engine)
    story = build_story(engine)
    give_text(engine)
    with session_scope(engine) as s:
        s.get(Document, story.doc["comment_hostile"]).author_url = HOSTILE_AUTHOR_URL
    for base in _serve(engine):
        yield base, engine, story
    engine.dispose()


@pytest.fixture(scope="module")
def seed_site(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('seedweb') / 'seed.db'}"
    for args in (["ingest", str(shared_dir / "seed/000_b58bb04bcea9579c.txt")], ["extract"], ["reconcile"]):
        res = CliRunner().invoke(cli, ["--db", url, "-q", *args])
        assert res.exit_code == 0, res.output
    engine = make_engine(url)
    for base in _serve(engine):
        yield base, engine
    engine.dispose()


def _never_pwned(page: pw.Page, dialogs: list[str]) -> None:
    assert page.evaluate(f"document.documentElement.getAttribute('{PWN_MARK}')") is None
    assert dialogs == []


def test_search_open_entity_see_axis_and_timeline(page: pw.Page, story_site: tuple[str, Engine, Story]) -> None:
    base, _, story = story_site
    page.goto(base + "/")
    page.get_by_role("searchbox").fill("raheem")  # a name only one mention uses, found as you type
    hit = page.locator("a.entity-hit")
    pw.expect(hit).to_have_text("Rahim Dost")
    assert "q=raheem" in page.url  # htmx pushed the search into the address
    hit.click()
    page.wait_for_url(re.compile(rf"/entities/{story.entity['person']}$"))
    pw.expect(page.locator("svg.cl-axis")).to_be_visible()
    pw.expect(page.locator("li.event")).to_have_count(Story.events_of["person"])
    pw.expect(page.locator("section.lane h2").first).to_contain_text("Life")
    pw.expect(page.locator("p.more")).to_have_count(0)
    page.get_by_label("predicate").select_option("born")  # filters swap the events in place
    pw.expect(page.locator("li.event")).to_have_count(2)
    pw.expect(page.locator("#events")).to_contain_text("2 of 8 statements shown")


def test_a_long_life_shows_its_first_statements_then_all(
    page: pw.Page, story_site: tuple[str, Engine, Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _, story = story_site
    monkeypatch.setattr(web.app, "FIRST_SCREEN", 3)  # the server runs in this process
    page.goto(f"{base}/entities/{story.entity['person']}")
    pw.expect(page.locator("li.event")).to_have_count(Story.events_of["person"])  # the rest came at once
    pw.expect(page.locator("p.more")).to_have_count(0)
    ids = page.locator("li.event").evaluate_all("els => els.map(e => e.id)")
    assert len(set(ids)) == len(ids)


def test_confirm_and_undo_a_conflict_with_the_keys(page: pw.Page, story_site: tuple[str, Engine, Story]) -> None:
    base, engine, story = story_site
    link = story.link["conflict"]
    page.goto(f"{base}/review?type=conflicts")
    pw.expect(page.locator("article.link-card h1")).to_contain_text(f"link #{link}")
    pw.expect(page.locator("section.side")).to_have_count(2)
    page.keyboard.press("x")
    pw.expect(page.locator("#key-hint")).to_contain_text("is not a review key")
    page.keyboard.press("c")
    pw.expect(page.locator("p.flash")).to_have_text(f"link {link} confirmed by tester")
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).status == "confirmed"
    page.keyboard.press("u")
    pw.expect(page.locator("p.flash")).to_have_text(f"undid confirm of link {link}")
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).status == "open"
    shots = os.environ.get("CLAIMLINE_SCREENSHOTS")
    if shots:
        for width in (1400, 700):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base}/review/{link}")
            page.screenshot(path=str(Path(shots) / f"workbench-review-{width}.png"), full_page=True)
            page.goto(f"{base}/entities/{story.entity['person']}")
            page.screenshot(path=str(Path(shots) / f"workbench-entity-{width}.png"), full_page=True)


def _reviewer(browser: pw.Browser, base: str, name: str) -> pw.Page:
    page = browser.new_context().new_page()
    page.goto(base + "/")
    page.get_by_label("reviewing as").fill(name)
    page.get_by_role("button", name="set").click()
    pw.expect(page.locator("p.flash")).to_have_text(f"reviewing as {name}")
    return page


def test_two_reviewers_on_one_link_the_second_decision_is_refused(
    browser: pw.Browser, story_site: tuple[str, Engine, Story]
) -> None:
    base, engine, story = story_site
    link = story.link["supplement"]
    ana, ben = _reviewer(browser, base, "ana"), _reviewer(browser, base, "ben")
    ana.goto(f"{base}/review/{link}")
    ben.goto(f"{base}/review/{link}")
    pw.expect(ben.locator("#presence")).to_contain_text("Also on this link now: ana")
    ana.reload()
    pw.expect(ana.locator("#presence")).to_contain_text("Also on this link now: ben")
    ana.keyboard.press("c")
    pw.expect(ana.locator("p.flash")).to_have_text(f"link {link} confirmed by ana")
    ben.keyboard.press("d")  # ben's page still shows the link open
    pw.expect(ben.locator("p.flash")).to_contain_text(f"link {link} was already confirmed by ana at ")
    with session_scope(engine) as s:
        decided = s.get(ClaimLink, link)
        assert (decided.status, decided.reviewer) == ("confirmed", "ana")
    ana.keyboard.press("u")  # the module's other tests find the story as it was
    pw.expect(ana.locator("p.flash")).to_have_text(f"undid confirm of link {link}")
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).status == "open"


def test_hostile_comment_never_runs(page: pw.Page, story_site: tuple[str, Engine, Story]) -> None:
    base, _, story = story_site
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/sources/{story.doc['comment_hostile']}", f"/entities/{story.entity['person']}",
                 f"/entities/{story.entity['council']}", f"/review/{story.link['supplement']}", "/search?q=onerror"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        _never_pwned(page, dialogs)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], path
        assert page.locator("img[src='x']").count() == 0
    page.goto(f"{base}/sources/{story.doc['comment_hostile']}")
    pw.expect(page.locator(".doc-text")).to_contain_text("<script>alert(1)</script>")  # shown as text
    heading = page.locator(".doc-head h1")  # the author's name, shown as text and not a link
    pw.expect(heading).to_have_text("Comment by <img src=x onerror=alert(1)>")
    heading.click()
    _never_pwned(page, dialogs)


def test_a_post_without_the_token_is_refused(page: pw.Page, story_site: tuple[str, Engine, Story]) -> None:
    base, engine, story = story_site
    page.goto(base + "/review")
    link = story.link["supplement"]
    refused = page.request.post(f"{base}/review/{link}/dismiss", form={"note": "forged"})
    assert refused.status == 403 and "CSRF" in refused.text()
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link).status == "open"


def test_split_and_merge_from_the_entity_page(page: pw.Page, seed_site: tuple[str, Engine]) -> None:
    base, engine = seed_site
    with session_scope(engine) as s:
        mr_hai = s.scalars(select(Mention).where(Mention.surface == "Mr Hai")).first()
        man, mention = mr_hai.entity_id, mr_hai.id
    page.goto(f"{base}/entities/{man}")
    page.get_by_label(re.compile(rf"split mention {mention} ")).check()
    page.get_by_role("button", name="Split the chosen mention off").click()
    pw.expect(page.locator("p.flash")).to_contain_text("split off as entity")
    with session_scope(engine) as s:
        moved = s.get(Mention, mention).entity_id
    assert moved != man
    page.goto(f"{base}/entities/{moved}")
    page.get_by_label("entity (id or name)").fill(str(man))
    page.get_by_role("button", name="Merge into one").click()
    pw.expect(page.locator("p.flash")).to_contain_text("merge refused")  # the split stands
    with session_scope(engine) as s:
        people = [e.id for e in s.scalars(select(Entity).where(Entity.type == "PERSON").order_by(Entity.id))
                  if e.id not in (man, moved)]
    page.goto(f"{base}/entities/{people[0]}")
    page.get_by_label("entity (id or name)").fill(str(people[1]))
    page.get_by_role("button", name="Merge into one").click()
    pw.expect(page.locator("p.flash")).to_contain_text("merged")
    with session_scope(engine) as s:
        assert s.get(Entity, people[1]) is None or len({
            m.entity_id for m in s.scalars(select(Mention).where(Mention.entity_id.in_(people[:2])))}) == 1
