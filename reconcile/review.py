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
from reconcile.links import LinkError, get_link, link_json, list_links, log
from reconcile.timeline import Ratings
from store.engine import session_scope
from store.models import Claim, ClaimLink, ReviewLog, utcnow

UNKNOWN_RELIABILITY = 0.5


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
                if get_link(s, self.queue[self.index]).status == "open":
                    return ReviewItem(review_view(s, self.queue[self.index]), self.index + 1, self.total)
            self.index += 1
        return None

    def _act(self, action: str, status: str | None, note: str | None) -> None:
        if self.done:
            raise IndexError("the review queue is finished")
        with session_scope(self.engine) as s:
            link = get_link(s, self.queue[self.index])
            self.history.append(
                _Done(action, link.id, self.index, link.status, link.reviewer, link.reviewed_at,
                      link.note)
            )
            previous = link.status
            if status is not None:
                link.status = status
                link.reviewer = self.reviewer
                link.reviewed_at = utcnow()
            if note:
                link.note = f"{link.note}\n{note}" if link.note else note
            log(s, link, action, self.reviewer, previous=previous, note=note)
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
        """Take back the last action of this session; returns its name, or None if none."""
        if not self.history:
            return None
        last = self.history.pop()
        with session_scope(self.engine) as s:
            link = get_link(s, last.link_id)
            previous = link.status
            link.status = last.status
            link.reviewer = last.reviewer
            link.reviewed_at = last.reviewed_at
            link.note = last.note
            log(s, link, "undo", self.reviewer, previous=previous, note=f"undid {last.action}")
        self.index = last.index
        return last.action


# ---- decisions one at a time (the web workbench; no session state) --------------------------


class AlreadyDecided(LinkError):
    """A second decision on a link someone has decided: refused, naming the first."""


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "an unknown time"


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
        if link.status != "open":
            raise AlreadyDecided(
                f"link {link.id} was already {link.status} by {link.reviewer or 'someone'} at "
                f"{_when(link.reviewed_at)}; undo that decision first"
            )
        link.status = "confirmed" if action == "confirm" else "dismissed"
        link.reviewer = reviewer
        link.reviewed_at = utcnow()
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
    if entry.action in ("confirm", "dismiss"):
        if link.status != entry.new_status or link.reviewer != reviewer:
            raise AlreadyDecided(
                f"link {link.id} has since been {link.status} by {link.reviewer or 'someone'} at "
                f"{_when(link.reviewed_at)}; your {entry.action} is not undone"
            )
        link.status = entry.previous_status or "open"
        before = session.scalars(
            select(ReviewLog).where(ReviewLog.link_id == link.id, ReviewLog.id < entry.id,
                                    ReviewLog.new_status == link.status,
                                    ReviewLog.action.in_(("confirm", "dismiss")))
            .order_by(ReviewLog.id.desc())
        ).first() if link.status != "open" else None
        link.reviewer = before.reviewer if before else None
        link.reviewed_at = before.at if before else None
    if entry.action == "note" and entry.note and link.note:
        if link.note == entry.note:
            link.note = None
        elif link.note.endswith("\n" + entry.note):
            link.note = link.note[: -len(entry.note) - 1]
    log(session, link, "undo", reviewer, previous=current, note=f"undid {entry.action} (log #{entry.id})")
    session.flush()
    return entry
