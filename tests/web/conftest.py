"""A workbench on a known store: the review tests' story (two blogs, a conflict, a supplement, a
hostile comment whose author, quote and permalink carry script) with each document's text made
of paragraphs around its claims' quotes, so source pages and quotes in context have text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from store.engine import make_engine, session_scope
from store.models import Claim, Document
from store.schema import upgrade
from tests.reconcile.story import Story, build_story
from web.app import create_app
from web.security import CSRF_FIELD, Guard

INTRO = "This paragraph comes before the claims and sets the scene for the reader."
OUTRO = "A closing paragraph that no claim was read from."


def give_text(engine: Engine) -> None:
    """Each document: an intro paragraph, one paragraph of its claims' quotes, a closing one."""
    with session_scope(engine) as s:
        for doc in s.scalars(select(Document)):
            claims = list(s.scalars(select(Claim).where(Claim.document_id == doc.id).order_by(Claim.id)))
            text = INTRO + "\n\n"
            for c in claims:
                c.quote_start = len(text)
                text += c.quote
                c.quote_end = len(text)
                text += " "
            doc.text = text.rstrip() + "\n\n" + OUTRO


@pytest.fixture
def story_engine(tmp_path: Path) -> Iterator[tuple[Engine, Story]]:
    """The story on SQLite (the web layer's tests; the queries' own tests run on both backends)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'web.db'}")
    upgrade(engine)
    story = build_story(engine)
    give_text(engine)
    yield engine, story
    engine.dispose()


@pytest.fixture
def client(story_engine: tuple[Engine, Story]) -> Iterator[TestClient]:
    engine, _ = story_engine
    app = create_app(engine, guard=Guard(default_reviewer="tester"))
    with TestClient(app) as c:
        yield c


_CSRF = re.compile(r'name="' + CSRF_FIELD + r'" value="([0-9a-f]+)"|"X-CSRF-Token": "([0-9a-f]+)"')


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token a page gives this client's session."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = _CSRF.search(page.text)
    assert found, f"no CSRF field on {path}"
    return found.group(1) or found.group(2)
