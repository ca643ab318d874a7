"""A review session: open links one at a time, and what a reviewer can do with each.

The queue is the open links (optionally of one type, about one entity), most reliable sources
first: a disagreement between two trusted sources matters more than one with an unknown blog,
then higher link score, then id. Every action (confirm, dismiss, note, skip, undo) is committed at
once with the reviewer, time and note, and logged in `review_log`, so a session that is killed
loses nothing. `undo` takes back the last action of this session and returns to its link.

There is no terminal code here: `cli/review_cmd.py` draws `ReviewItem`s and calls the actions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from sqlalchemy import select
from sqlalchemy.orm import Session

from reconcile.documents import in_paragraph
from reconcile.export.when import in_words
from reconcile.links import AlreadyDecided, LinkError, get_link, link_json, list_links, log, settle, withdraw
from reconcile.timeline import Ratings
from store.engine import session_scope
from store.presence import leave, visit
from store.models import Claim, ClaimLink, ReviewLog

UNKNOWN_RELIABILITY = 0.5
DECIDED = {"confirm": "confirmed", "dismiss": "dismissed"}
__all__ = [  # AlreadyDecided is the links module's, raised here too
    "AlreadyDecided", "Review", "ReviewItem", "decide", "highlight_spans", "last_action", "open_queue",
    "review_view", "undo_last",
]


def highlight_spans(quote: str, terms: list[str | None]) -> list[tuple[int, int]]:
    """Where the claim's own words (subject, verb, object, time, place) occur in its quote:
    sorted, merged (start, end) character spans, matched case-insensitively."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term or len(term.strip()) < 2:
            continue
        pattern = r"\s+".join(re.escape(w) for w in term.split())
        for m in re.finditer(pattern, quote, re.IGNORECASE):
            spans.append(m.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _side(claim: Claim, ratings: Ratings, view: dict[str, Any]) -> dict[str, Any]:
    doc = claim.document
    terms = [claim.subject_text, claim.verb, claim.object_text, claim.time_text, claim.place_text,
             view["subject"]["name"], view["object"]["name"]]
    return {
        **view,
        "when_words": in_words(claim.edtf, claim.time_text),
        "highlights": highlight_spans(claim.quote, terms),
        "author_reliability": ratings.for_author(doc),
        "site_reliability": ratings.for_site(doc),
        "site_url": doc.site.base_url if doc.site is not None else None,
        "where": claim.place_text,
        "attributed_to": claim.attributed_to,
        "context": in_paragraph(doc.text or "", claim),
    }


@dataclass
class ReviewItem:
    """One link as the reviewer sees it: `link` is `conflicts list --json`'s item, its `a` and
    `b` extended with time in words, quote highlights and both reliability scores."""

    link: dict[str, Any]
    position: int
    total: int
    others: list[str] = field(default_factory=list)
    """The other reviewers on this link now (`store.presence`), in name order."""


@dataclass
class _Done:
    action: str
    link_id: int
    index: int
    status: str
    reviewer: str | None
    reviewed_at: datetime | None
    note: str | None


def _reliability(link: ClaimLink, ratings: Ratings) -> float:
    scores = [ratings.of(c.document) for c in (link.a, link.b)]
    known = [s if s is not None else UNKNOWN_RELIABILITY for s in scores]
    return sum(known) / len(known)


def open_queue(session: Session, *, type: str = "all", entity: str | None = None) -> list[int]:  # noqa: A002
    """The ids of the open links in review order: most reliable sources first, then score, id."""
    ratings = Ratings.load(session)
    links = list_links(session, type=type, status="open", entity=entity)
    links.sort(key=lambda k: (-_reliability(k, ratings), -k.score, k.id))
    return [k.id for k in links]


def review_view(session: Session, link_id: int) -> dict[str, Any]:
    """One link as the reviewer sees it (`ReviewItem.link`): both claims with time in words,
    highlights, reliability, and each quote in its paragraph. Raises LinkError."""
    link = get_link(session, link_id)
    ratings = Ratings.load(session)
    view = link_json(link, ratings)
    view["a"] = _side(link.a, ratings, view["a"])
    view["b"] = _side(link.b, ratings, view["b"])
    return view


@dataclass
class Review:
    engine: Engine
    reviewer: str
    type: str = "all"
    entity: str | None = None
    queue: list[int] = field(default_factory=list)
    index: int = 0
    history: list[_Done] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.reviewer.strip():
            raise ValueError("a review needs a reviewer name")
        with session_scope(self.engine) as s:
            self.queue = open_queue(s, type=self.type, entity=self.entity)

    @property
    def total(self) -> int:
        return len(self.queue)

    @property
    def done(self) -> bool:
        return self.index >= len(self.queue)

    def current(self) -> ReviewItem | None:
        """The link under review; links someone else closed meanwhile are passed over."""
        while not self.done:
            with session_scope(self.engine) as s:
                link_id = self.queue[self.index]
                if get_link(s, link_id).status == "open":
                    others = visit(s, link_id, self.reviewer)
                    return ReviewItem(review_view(s, link_id), self.index + 1, self.total, others)
            self.index += 1
        return None

    def _act(self, action: str, status: str | None, note: str | None) -> None:
        """Raises AlreadyDecided (naming the first decision) when someone decided the link since
        it was shown; the review then passes over it."""
        if self.done:
            raise IndexError("the review queue is finished")
        with session_scope(self.engine) as s:
            link = get_link(s, self.queue[self.index])
            done = _Done(action, link.id, self.index, link.status, link.reviewer, link.reviewed_at,
                         link.note)
            previous = link.status
            if status is not None:
                settle(s, link, status, self.reviewer)
            if note:
                link.note = f"{link.note}\n{note}" if link.note else note
            log(s, link, action, self.reviewer, previous=previous, note=note)
            if action != "note":
                leave(s, link.id, self.reviewer)  # on to the next link
        self.history.append(done)
        if action != "note":
            self.index += 1

    def confirm(self, note: str | None = None) -> None:
        self._act("confirm", "confirmed", note)

    def dismiss(self, note: str | None = None) -> None:
        self._act("dismiss", "dismissed", note)

    def note(self, text: str) -> None:
        """Attach a note to the current link; it stays under review."""
        if not text.strip():
            raise ValueError("an empty note")
        self._act("note", None, text.strip())

    def skip(self) -> None:
        self._act("skip", None, None)

    def undo(self) -> str | None:
        """Take back the last action of this session; returns its name, or None if none.
        Raises AlreadyDecided when someone has changed the link's decision since."""
        if not self.history:
            return None
        last = self.history.pop()
        with session_scope(self.engine) as s:
            link = get_link(s, last.link_id)
            previous = link.status
            if last.action in DECIDED:
                withdraw(s, link, decided=DECIDED[last.action], reviewer=self.reviewer,
                         to=(last.status, last.reviewer, last.reviewed_at))
            link.note = last.note
            log(s, link, "undo", self.reviewer, previous=previous, note=f"undid {last.action}")
        self.index = last.index
        return last.action


# ---- decisions one at a time (the web workbench; no session state) --------------------------


def decide(session: Session, link_id: int, action: str, *, reviewer: str, note: str | None = None) -> ClaimLink:
    """Confirm, dismiss or note one link, logged in `review_log` with the reviewer's name.

    A confirm or dismiss of a link that is no longer open is refused, naming who decided it and
    when: two reviewers on one link cannot overwrite each other (undo the first decision first).
    """
    if action not in ("confirm", "dismiss", "note"):
        raise LinkError(f"unknown action {action!r}; choose from confirm, dismiss, note")
    if not reviewer.strip():
        raise LinkError("a decision needs a reviewer name")
    text = (note or "").strip() or None
    if action == "note" and text is None:
        raise LinkError("an empty note")
    link = get_link(session, link_id)
    previous = link.status
    if action != "note":
        settle(session, link, DECIDED[action], reviewer)
    if text:
        link.note = f"{link.note}\n{text}" if link.note else text
    log(session, link, action, reviewer, previous=previous, note=text)
    session.flush()
    return link


UNDOABLE = ("confirm", "dismiss", "note", "skip")


def last_action(session: Session, reviewer: str) -> ReviewLog | None:
    """The reviewer's last action not yet undone: their log read as a stack (an `undo` takes
    back the action before it), so the terminal review's undos count too."""
    stack: list[ReviewLog] = []
    for entry in session.scalars(
        select(ReviewLog).where(ReviewLog.reviewer == reviewer).order_by(ReviewLog.id)
    ):
        if entry.action in UNDOABLE:
            stack.append(entry)
        elif entry.action == "undo" and stack:
            stack.pop()
    return stack[-1] if stack else None


def undo_last(session: Session, reviewer: str) -> ReviewLog | None:
    """Take back the reviewer's last action (confirm, dismiss or note); None when there is none.

    Refused (AlreadyDecided) when someone else has changed the link's status since."""
    entry = last_action(session, reviewer)
    if entry is None or entry.link_id is None:
        return None
    link = get_link(session, entry.link_id)
    current = link.status
    if entry.action in DECIDED:
        restore = entry.previous_status or "open"
        before = session.scalars(
            select(ReviewLog).where(ReviewLog.link_id == link.id, ReviewLog.id < entry.id,
                                    ReviewLog.new_status == restore,
                                    ReviewLog.action.in_(tuple(DECIDED)))
            .order_by(ReviewLog.id.desc())
        ).first() if restore != "open" else None
        withdraw(session, link, decided=entry.new_status or DECIDED[entry.action], reviewer=reviewer,
                 to=(restore, before.reviewer if before else None, before.at if before else None))
    if entry.action == "note" and entry.note and link.note:
        if link.note == entry.note:
            link.note = None
        elif link.note.endswith("\n" + entry.note):
            link.note = link.note[: -len(entry.note) - 1]
    log(session, link, "undo", reviewer, previous=current, note=f"undid {entry.action} (log #{entry.id})")
    session.flush()
    return entry
