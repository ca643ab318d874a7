"""Decisions one link at a time, as the web workbench makes them: logged with the reviewer's name,
a second decision on a decided link refused naming the first, and undo from the log."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from reconcile.links import reopen, resolve_link
from reconcile.review import AlreadyDecided, Review, decide, last_action, open_queue, review_view, undo_last
from store.engine import session_scope
from store.models import ClaimLink, ReviewLog
from tests.reconcile.story import build_story


def _link(engine: Engine, link_id: int) -> tuple[str, str | None, str | None]:
    with session_scope(engine) as s:
        k = s.get(ClaimLink, link_id)
        return k.status, k.reviewer, k.note


def _log(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        return [(r.link_id, r.action, r.previous_status, r.new_status, r.reviewer)
                for r in s.scalars(select(ReviewLog).order_by(ReviewLog.id))]


def test_second_decision_is_refused_naming_the_first(engine: Engine) -> None:
    link = build_story(engine).link["conflict"]
    with session_scope(engine) as s:
        decide(s, link, "confirm", reviewer="ana")
    with pytest.raises(AlreadyDecided, match=r"already confirmed by ana at \d{4}-\d\d-\d\d"), session_scope(engine) as s:
        decide(s, link, "dismiss", reviewer="ben")
    assert _link(engine, link)[:2] == ("confirmed", "ana")
    assert _log(engine) == [(link, "confirm", "open", "confirmed", "ana")]


def test_undo_takes_back_the_reviewers_last_action_only(engine: Engine) -> None:
    story = build_story(engine)
    conflict, supplement = story.link["conflict"], story.link["supplement"]
    with session_scope(engine) as s:
        decide(s, conflict, "confirm", reviewer="ana")
        decide(s, supplement, "dismiss", reviewer="ben")
        decide(s, supplement, "note", reviewer="ana", note="an earlier defection, check the date")
    with session_scope(engine) as s:
        assert undo_last(s, "ana").action == "note"
    assert _link(engine, supplement) == ("dismissed", "ben", None)
    with session_scope(engine) as s:
        assert undo_last(s, "ana").action == "confirm"
        assert last_action(s, "ana") is None and undo_last(s, "ana") is None
    assert _link(engine, conflict) == ("open", None, None)
    assert _link(engine, supplement)[:2] == ("dismissed", "ben")
    assert [row[1] for row in _log(engine)] == ["confirm", "dismiss", "note", "undo", "undo"]


def test_undo_is_refused_when_someone_decided_since(engine: Engine) -> None:
    link = build_story(engine).link["conflict"]
    with session_scope(engine) as s:
        decide(s, link, "confirm", reviewer="ana")
    with session_scope(engine) as s:  # ana's undo elsewhere, then ben decides
        s.get(ClaimLink, link).status = "open"
    with session_scope(engine) as s:
        decide(s, link, "dismiss", reviewer="ben")
    with pytest.raises(AlreadyDecided, match="since been dismissed by ben"), session_scope(engine) as s:
        undo_last(s, "ana")
    assert _link(engine, link)[:2] == ("dismissed", "ben")


def test_terminal_undos_count_in_the_log_stack(engine: Engine) -> None:
    build_story(engine)
    review = Review(engine, reviewer="ana")
    first = review.queue[0]
    review.confirm()
    review.undo()
    with session_scope(engine) as s:
        assert last_action(s, "ana") is None
    assert _link(engine, first)[0] == "open"


def test_every_path_decides_through_one_rule(engine: Engine) -> None:
    """`conflicts resolve` (resolve_link), the terminal review (Review) and the workbench (decide)
    all refuse a link someone decided, naming the first decision, and leave it as it was."""
    story = build_story(engine)
    review = Review(engine, reviewer="ana")
    on_screen = review.queue[0]
    with session_scope(engine) as s:
        resolve_link(s, on_screen, "dismiss", reviewer="ben")
    with pytest.raises(AlreadyDecided, match=r"already dismissed by ben at \d{4}"):
        review.confirm()
    with pytest.raises(AlreadyDecided, match="already dismissed by ben"), session_scope(engine) as s:
        resolve_link(s, on_screen, "confirm", reviewer="cem")
    with pytest.raises(AlreadyDecided, match="already dismissed by ben"), session_scope(engine) as s:
        decide(s, on_screen, "confirm", reviewer="dan")
    assert _link(engine, on_screen)[:2] == ("dismissed", "ben")
    assert review.history == [] and review.current().link["id"] != on_screen
    assert [row[1] for row in _log(engine)] == ["dismiss"]
    # a note is not a decision: anyone may add one
    with session_scope(engine) as s:
        decide(s, on_screen, "note", reviewer="dan", note="seen")
    # the terminal's undo is refused once someone else has taken the decision over
    conflict = story.link["conflict"]
    while review.current() is not None and review.current().link["id"] != conflict:
        review.skip()
    review.confirm()
    with session_scope(engine) as s:
        reopen(s, conflict, reviewer="ben")
        resolve_link(s, conflict, "dismiss", reviewer="ben")
    with pytest.raises(AlreadyDecided, match="since been dismissed by ben"):
        review.undo()
    assert _link(engine, conflict)[:2] == ("dismissed", "ben")
    with session_scope(engine) as s:  # the workbench's undo says so too when the link was reopened
        reopen(s, conflict, reviewer="ben")
        decide(s, conflict, "confirm", reviewer="ana")
        reopen(s, conflict, reviewer="ben")
    with pytest.raises(AlreadyDecided, match="has since been reopened; the confirmed decision by ana"), \
            session_scope(engine) as s:
        undo_last(s, "ana")


@pytest.mark.parametrize(("action", "note", "message"), [
    ("approve", None, "unknown action"),
    ("note", "   ", "empty note"),
])
def test_bad_requests_are_refused(engine: Engine, action: str, note: str | None, message: str) -> None:
    link = build_story(engine).link["conflict"]
    with pytest.raises(Exception, match=message), session_scope(engine) as s:
        decide(s, link, action, reviewer="ana", note=note)


def test_review_view_puts_each_quote_in_its_paragraph(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        from store.models import Claim, Document

        claim = s.get(Claim, story.claim["born49"])
        doc = s.get(Document, claim.document_id)
        doc.text = "First paragraph.\n\nBefore it. " + claim.quote + " After it.\n\nLast."
        claim.quote_start = doc.text.index(claim.quote)
        claim.quote_end = claim.quote_start + len(claim.quote)
    with session_scope(engine) as s:
        view = review_view(s, story.link["conflict"])
        assert open_queue(s, type="conflicts") == [story.link["conflict"]]
    assert view["a"]["context"] == {"before": "Before it. ", "quote": view["a"]["quote"], "after": " After it."}
    # a document whose stored text lacks the quote shows the quote alone
    assert view["b"]["context"] == {"before": "", "quote": view["b"]["quote"], "after": ""}
