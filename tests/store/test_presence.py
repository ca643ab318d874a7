"""Who else is on a link (store/presence.py), on SQLite and PostgreSQL: a heartbeat per reviewer
and link, seen by every process on the store, gone after PRESENCE_SECONDS or on `leave`."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select

from store.engine import session_scope
from store.models import ReviewPresence
from store.presence import PRESENCE_SECONDS, leave, visit
from tests.reconcile.story import build_story

T0 = datetime(2026, 12, 6, 20, 0, 0)


def _visit(engine: Engine, link: int, who: str, at: datetime) -> list[str]:
    with session_scope(engine) as s:
        return visit(s, link, who, now=at)


def test_reviewers_on_one_link_see_each_other_until_they_go(engine: Engine) -> None:
    story = build_story(engine)
    link, other = story.link["conflict"], story.link["supplement"]
    assert _visit(engine, link, "ana", T0) == []
    assert _visit(engine, link, "ben", T0 + timedelta(seconds=5)) == ["ana"]
    assert _visit(engine, other, "cem", T0 + timedelta(seconds=6)) == []  # another link
    assert _visit(engine, link, "ana", T0 + timedelta(seconds=10)) == ["ben"]  # a heartbeat, one row
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewPresence)) == 3
        leave(s, link, "ben")
    assert _visit(engine, link, "ana", T0 + timedelta(seconds=20)) == []
    # ben comes back, then stops polling: after PRESENCE_SECONDS he is nobody, and his row is gone
    _visit(engine, link, "ben", T0 + timedelta(seconds=30))
    late = T0 + timedelta(seconds=31 + PRESENCE_SECONDS)
    assert _visit(engine, link, "ana", late) == []
    with session_scope(engine) as s:
        assert sorted(s.scalars(select(ReviewPresence.reviewer))) == ["ana"]
