"""The review session: queue order, the actions, undo, and the log every action leaves."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from reconcile.review import Review, highlight_spans
from store.engine import session_scope
from store.models import ClaimLink, ReviewLog
from tests.reconcile.story import build_story


def _statuses(engine: Engine) -> dict[int, str]:
    with session_scope(engine) as s:
        return {k.id: k.status for k in s.scalars(select(ClaimLink))}


def _log(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        rows = s.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
        return [(r.link_id, r.action, r.previous_status, r.new_status, r.reviewer, r.note)
                for r in rows]


def test_queue_is_open_links_most_reliable_sources_first(engine: Engine) -> None:
    story = build_story(engine)
    review = Review(engine, reviewer="ana")
    # corroborate: Editor 0.8 + Frontier 0.6; supplement: site 0.7 + Nadia's site 0.7;
    # conflict: Editor 0.8 + Farid 0.35.
    assert review.queue == [story.link["corroborate"], story.link["supplement"],
                            story.link["conflict"]]
    only = Review(engine, reviewer="ana", type="conflicts")
    assert only.queue == [story.link["conflict"]]


def test_item_shows_both_claims_with_time_in_words_and_highlights(engine: Engine) -> None:
    story = build_story(engine)
    review = Review(engine, reviewer="ana", type="supplements")
    item = review.current()
    assert item is not None and (item.position, item.total) == (1, 1)
    a, b = item.link["a"], item.link["b"]
    assert a["claim_id"] == story.claim["defect97"] and a["when_words"] == "sometime before 1998"
    assert b["when_words"] == "c. 16 Oct 2001"
    assert b["author_reliability"] is None and b["site_reliability"] == pytest.approx(0.7)
    highlighted = [b["quote"][s:e] for s, e in b["highlights"]]
    assert "Northern Front" in highlighted and "around October 16 2001" in highlighted


def test_confirm_undo_dismiss_note_skip_are_logged(engine: Engine) -> None:
    story = build_story(engine)
    review = Review(engine, reviewer="ana")
    first, second, third = review.queue
    review.confirm()
    assert _statuses(engine)[first] == "confirmed" and review.current().position == 2
    assert review.undo() == "confirm"
    assert _statuses(engine)[first] == "open" and review.current().link["id"] == first
    review.note("check the 2008 end date")
    assert review.current().link["id"] == first  # a note keeps the link under review
    review.dismiss("the same office, two wordings")
    review.skip()
    assert review.current().link["id"] == third
    review.confirm()
    assert review.done and review.current() is None
    statuses = _statuses(engine)
    assert (statuses[first], statuses[second], statuses[third]) == ("dismissed", "open", "confirmed")
    assert statuses[story.link["duplicate"]] == "dismissed"  # untouched
    assert _log(engine) == [
        (first, "confirm", "open", "confirmed", "ana", None),
        (first, "undo", "confirmed", "open", "ana", "undid confirm"),
        (first, "note", "open", "open", "ana", "check the 2008 end date"),
        (first, "dismiss", "open", "dismissed", "ana", "the same office, two wordings"),
        (second, "skip", "open", "open", "ana", None),
        (third, "confirm", "open", "confirmed", "ana", None),
    ]
    with session_scope(engine) as s:
        link = s.get(ClaimLink, first)
        assert link.note == "check the 2008 end date\nthe same office, two wordings"
        assert link.reviewer == "ana"


def test_links_closed_elsewhere_are_passed_over(engine: Engine) -> None:
    build_story(engine)
    review = Review(engine, reviewer="ana")
    with session_scope(engine) as s:
        s.get(ClaimLink, review.queue[0]).status = "dismissed"
    item = review.current()
    assert item is not None and item.link["id"] == review.queue[1] and item.position == 2


def test_undo_with_nothing_done_and_acting_past_the_end(engine: Engine) -> None:
    build_story(engine)
    review = Review(engine, reviewer="ana", type="conflicts")
    assert review.undo() is None
    review.skip()
    with pytest.raises(IndexError):
        review.confirm()
    with pytest.raises(ValueError):
        Review(engine, reviewer="  ")


@pytest.mark.parametrize(
    ("quote", "terms", "expected"),
    [("He joined the Front in 2001.", ["he", "the Front", "in 2001"], ["He", "the Front", "in 2001"]),
     ("Sar-e  Pol governor", ["Sar-e Pol", "governor"], ["Sar-e  Pol", "governor"]),
     ("abc", [None, "", "x"], []),
     ("the Northern Front", ["Northern Front", "Front"], ["Northern Front"])],
)
def test_highlight_spans(quote: str, terms: list, expected: list[str]) -> None:
    assert [quote[s:e] for s, e in highlight_spans(quote, terms)] == expected
