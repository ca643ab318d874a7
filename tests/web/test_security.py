"""The workbench's defences without a browser (Starlette's TestClient): every POST needs this
session's CSRF token, every page carries a strict CSP, strangers' text is escaped and their
non-web addresses are never links, a shared server needs its token, and a server on another
address than loopback is refused without one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.reconcile.story import HOSTILE_ENTITY, Story
from tests.web.conftest import csrf_of
from web.app import create_app
from web.security import CSP, CSRF_FIELD, Guard, ReviewersFileError, read_reviewers
from web.server import LOOPBACK_NAMES, ServeRefused, settings

TOKEN = "s3cret-token-for-tests"


def _post_paths(client: TestClient, story: Story) -> list[str]:
    """Every POST route of the app, with real ids filled in."""
    ids = {"entity_id": story.entity["person"], "link_id": story.link["conflict"], "action": "confirm"}
    paths = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and "POST" in (route.methods or ()):
            paths.append(re.sub(r"\{(\w+)(:\w+)?\}", lambda m: str(ids[m.group(1)]), route.path))
    return paths


def test_every_post_without_a_valid_token_is_refused(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    paths = _post_paths(client, story)
    assert {"/review/undo", "/reviewer", "/login", f"/entities/{story.entity['person']}/merge"} <= set(paths)
    csrf_of(client)  # the session cookie exists, so only the token is missing
    for path in paths:
        for data in ({}, {CSRF_FIELD: "0" * 64}):
            got = client.post(path, data={**data, "note": "x", "other": "1", "mention": "1"}, follow_redirects=False)
            assert got.status_code == 403, (path, data, got.status_code)
            assert "CSRF" in got.text
    with client as c:
        assert "open" in c.get(f"/review/{story.link['conflict']}").text


def test_a_token_from_another_session_is_refused(story_engine: tuple[Engine, Story]) -> None:
    engine, story = story_engine
    app = create_app(engine, guard=Guard(default_reviewer="tester"))
    with TestClient(app) as mallory, TestClient(app) as ana:
        stolen = csrf_of(mallory)
        csrf_of(ana)
        got = ana.post(f"/review/{story.link['conflict']}/confirm", data={CSRF_FIELD: stolen}, follow_redirects=False)
        assert got.status_code == 403
        good = ana.post(f"/review/{story.link['conflict']}/confirm", data={CSRF_FIELD: csrf_of(ana)}, follow_redirects=False)
        assert good.status_code == 303


@pytest.mark.parametrize("path", ["/", "/search?q=dost", "/review", "/entities/1", "/sources/4", "/nowhere", "/login"])
def test_every_page_has_the_strict_csp(client: TestClient, path: str) -> None:
    got = client.get(path)
    assert got.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert got.headers["x-frame-options"] == "DENY" and got.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in got.text and " style=" not in got.text


def test_pages_have_no_inline_script_or_handlers(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    for path in ("/", f"/entities/{story.entity['person']}", f"/review/{story.link['supplement']}",
                 f"/sources/{story.doc['comment_hostile']}"):
        html = client.get(path).text
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S | re.I)
        assert scripts and all(body.strip() == "" for body in scripts), path
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", html, re.I), path
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), path


def test_hostile_text_is_escaped_everywhere(client: TestClient, story_engine: tuple[Engine, Story]) -> None:
    _, story = story_engine
    pages = {
        "source": client.get(f"/sources/{story.doc['comment_hostile']}").text,
        "entity": client.get(f"/entities/{story.entity['person']}").text,
        "council": client.get(f"/entities/{story.entity['council']}").text,
        "review": client.get(f"/review/{story.link['supplement']}").text,
        "search": client.get("/search?q=onerror").text,
    }
    for name, html in pages.items():
        assert "<img src=x" not in html and "<script>alert" not in html, name
        assert "javascript:alert(1)" not in re.findall(r'href="([^"]*)"', html), name
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["source"]  # shown, as text
    assert '<span title="not a web address: shown, not linked">javascript:alert(1)</span>' in pages["source"]
    assert "&lt;/script&gt;&lt;script&gt;" in pages["council"] and HOSTILE_ENTITY not in pages["council"]


def test_a_decision_needs_a_name_on_a_shared_server(story_engine: tuple[Engine, Story]) -> None:
    engine, story = story_engine
    app = create_app(engine, guard=Guard(token=TOKEN))
    with TestClient(app) as c:
        c.get(f"/?token={TOKEN}")
        got = c.post(f"/review/{story.link['conflict']}/confirm", data={CSRF_FIELD: csrf_of(c)}, follow_redirects=False)
        assert got.status_code == 403 and "say who you are" in got.text
        c.post("/reviewer", data={CSRF_FIELD: csrf_of(c), "reviewer": " Ana\x1b  Ruiz "})
        done = c.post(f"/review/{story.link['conflict']}/confirm", data={CSRF_FIELD: csrf_of(c)})
        assert "confirmed by Ana Ruiz" in done.text


def test_a_shared_server_wants_its_token(story_engine: tuple[Engine, Story]) -> None:
    engine, _ = story_engine
    app = create_app(engine, guard=Guard(token=TOKEN))
    with TestClient(app) as c:
        assert c.get("/review", headers={"accept": "text/html"}, follow_redirects=False).headers["location"].startswith("/login")
        assert c.get("/review", headers={"accept": "application/json"}).status_code == 401
        assert c.get("/review", headers={"authorization": "Bearer wrong-token-wrong"}).status_code == 401
        assert c.get("/review", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        bad = c.post("/login", data={CSRF_FIELD: csrf_of(c, "/login"), "token": "nope"})
        assert bad.status_code == 401 and "does not open" in bad.text
        opened = c.get(f"/review?token={TOKEN}&type=conflicts", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/review?type=conflicts"
        assert c.get("/review").status_code == 200  # the cookie carries it now


def test_reviewers_file_gives_each_token_its_name(tmp_path: Path, story_engine: tuple[Engine, Story]) -> None:
    engine, story = story_engine
    path = tmp_path / "reviewers"
    path.write_text("# token name\nana-token-0123456789 Ana Ruiz\nben-token-0123456789 Ben\n", encoding="utf-8")
    app = create_app(engine, guard=Guard(reviewers=read_reviewers(path)))
    with TestClient(app) as c:
        c.get("/?token=ben-token-0123456789")
        spoof = {"x-claimline-reviewer": "Ana Ruiz"}
        done = c.post(f"/review/{story.link['conflict']}/confirm", data={CSRF_FIELD: csrf_of(c)}, headers=spoof)
        assert "confirmed by Ben" in done.text


@pytest.mark.parametrize(("text", "message"), [
    ("", "no reviewers"),
    ("short Ana\n", "shorter than 16"),
    ("only-a-token-0123456789\n", "expected 'TOKEN NAME'"),
    ("same-token-0123456789 Ana\nsame-token-0123456789 Ben\n", "already 'Ana'"),
])
def test_bad_reviewers_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "reviewers.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewersFileError, match=message) as err:
        read_reviewers(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(("host", "token", "ok"), [
    ("127.0.0.1", None, True), ("localhost", None, True), ("::1", None, True),
    ("0.0.0.0", None, False), ("192.168.1.5", None, False), ("0.0.0.0", TOKEN, True),
])
def test_binding_beyond_loopback_needs_a_token(host: str, token: str | None, ok: bool) -> None:
    if not ok:
        with pytest.raises(ServeRefused, match=f"refused to serve on {re.escape(host)}"):
            settings(host, token=token, reviewers_file=None, default_reviewer="me")
        return
    chosen = settings(host, token=token, reviewers_file=None, default_reviewer="me")
    assert chosen.allowed_hosts == (LOOPBACK_NAMES if token is None else None)
    assert chosen.guard.default_reviewer == ("me" if token is None else None)


def test_loopback_server_refuses_other_host_names(story_engine: tuple[Engine, Story]) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: it gets 400, not the store."""
    engine, _ = story_engine
    app = create_app(engine, allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example:8000"}).status_code == 400
