"""`claimline review` driven through a pseudo-terminal, as a person would use it, and refused
without one."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import cli
from store.engine import make_engine, session_scope
from store.models import ClaimLink, ReviewLog
from store.presence import visit
from tests.reconcile.story import Story, build_story

CLAIMLINE = Path(sys.executable).parent / "claimline"


@pytest.fixture
def story(db_url: str) -> Story:
    engine = make_engine(db_url)
    try:
        return build_story(engine)
    finally:
        engine.dispose()


def _spawn(db_url: str, *args: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "50"}
    child = pexpect.spawn(str(CLAIMLINE), ["--db", db_url, "review", *args], env=env,
                          encoding="utf-8", timeout=20, dimensions=(50, 160))
    child.logfile_read = io.StringIO()
    return child


def test_confirm_undo_note_dismiss_quit(db_url: str, story: Story) -> None:
    child = _spawn(db_url, "--reviewer", "ana")
    # The most reliable sources first: the corroboration (0.8/0.6), the supplement, the conflict.
    child.expect("Link 1 of 3")
    child.expect("CORROBORATES")
    child.expect(r"\[c\] confirm")
    child.send("c")
    child.expect(f"link {story.link['corroborate']} confirmed")
    child.expect("Link 2 of 3")
    child.expect(r"sometime before 1998  · EDTF \[\.\.1997\]")  # the time in words and EDTF
    child.expect("pwned")  # the hostile comment's escape codes are shown, not obeyed
    child.expect(r"\[q\] quit")
    child.send("u")
    child.expect("undid confirm")
    child.expect("Link 1 of 3")
    child.expect(r"\[q\] quit")
    child.send("n")
    child.expect("note")
    child.sendline("same office, two wordings")
    child.expect("note saved")
    child.expect(r"\[q\] quit")
    child.send("d")
    child.expect(f"link {story.link['corroborate']} dismissed")
    child.expect("Link 2 of 3")
    child.expect(r"\[q\] quit")
    child.send("q")
    child.expect("review ended: 1 confirm, 1 dismiss, 1 note, 1 undo")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = child.logfile_read.getvalue()
    assert "\x1b[2J" not in screen and "\x1b]0;" not in screen and "\\x1b" in screen

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        statuses = {k.id: (k.status, k.reviewer, k.note) for k in s.scalars(select(ClaimLink))}
        log = [(r.link_id, r.action, r.previous_status, r.new_status, r.reviewer, r.note)
               for r in s.scalars(select(ReviewLog).order_by(ReviewLog.id))]
    engine.dispose()
    cid = story.link["corroborate"]
    assert statuses[cid] == ("dismissed", "ana", "same office, two wordings")
    assert statuses[story.link["supplement"]][0] == "open"
    assert statuses[story.link["conflict"]][0] == "open"
    assert log == [
        (cid, "confirm", "open", "confirmed", "ana", None),
        (cid, "undo", "confirmed", "open", "ana", "undid confirm"),
        (cid, "note", "open", "open", "ana", "same office, two wordings"),
        (cid, "dismiss", "open", "dismissed", "ana", None),
    ]


def test_a_link_decided_elsewhere_while_on_screen_is_refused_naming_the_first(db_url: str, story: Story) -> None:
    cid = story.link["corroborate"]
    child = _spawn(db_url, "--reviewer", "ana")
    child.expect("Link 1 of 3")
    child.expect(r"\[q\] quit")
    # ben decides the link on ana's screen, from the command line
    elsewhere = CliRunner().invoke(cli, ["--db", db_url, "conflicts", "resolve", str(cid), "--dismiss",
                                         "--reviewer", "ben"])
    assert elsewhere.exit_code == 0, elsewhere.output
    child.send("c")
    child.expect(rf"refused: link {cid} was already dismissed by ben at \d{{4}}-\d\d-\d\d")
    child.expect("Link 2 of 3")  # the review passes over the decided link
    child.expect(r"\[q\] quit")
    child.send("q")
    child.expect("review ended: no changes")
    child.expect(pexpect.EOF)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        link = s.get(ClaimLink, cid)
        assert (link.status, link.reviewer) == ("dismissed", "ben")
        assert [(r.action, r.reviewer) for r in s.scalars(select(ReviewLog))] == [("dismiss", "ben")]
    engine.dispose()


def test_the_review_says_who_else_is_on_the_link(db_url: str, story: Story) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as s:  # ben has the first link open in the workbench
        visit(s, story.link["corroborate"], "ben")
    engine.dispose()
    child = _spawn(db_url, "--reviewer", "ana")
    child.expect("Link 1 of 3")
    child.expect("Also on this link now: ben")
    child.expect(r"\[q\] quit")
    child.send("s")
    child.expect("Link 2 of 3")
    child.expect(r"\[q\] quit")
    child.send("q")
    child.expect(pexpect.EOF)
    assert "Also on this link now" not in child.logfile_read.getvalue().split("Link 2 of 3")[-1]


def test_refuses_without_a_terminal(db_url: str, story: Story) -> None:
    out = CliRunner().invoke(cli, ["--db", db_url, "review"], input="c\n")
    assert out.exit_code == 1
    assert "needs a terminal" in out.output and "claimline conflicts resolve" in out.output


def test_the_screen_is_redrawn_in_place_not_scrolled(db_url: str, story: Story) -> None:
    child = _spawn(db_url, "--reviewer", "ana")
    child.expect(r"\[q\] quit")
    child.send("s")
    child.expect(f"link {story.link['corroborate']} skipped")
    child.expect(r"\[q\] quit")
    child.send("q")
    child.expect(pexpect.EOF)
    screen = child.logfile_read.getvalue()
    # The alternate screen, entered once and left at the end; each frame starts at home, erased.
    assert screen.count("\x1b[?1049h") == 1 and screen.count("\x1b[?1049l") == 1
    frames = screen.split("\x1b[H\x1b[J")[1:]
    assert len(frames) == 2 and all(f.count("Link ") == 1 for f in frames)
    assert "Link 1 of 3" in frames[0] and "Link 2 of 3" in frames[1]


def test_p_shows_each_quote_in_its_paragraph_and_urls_whole(db_url: str, story: Story) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        from store.models import Document
        doc = s.get(Document, story.doc["post_a"])
        doc.text = ("Who is he?\n\nThe valley remembers him well. Officials say Dost served as "
                    "governor between 2004 and 2008. He built the bridge.\n\nComments are open.")
    engine.dispose()
    child = _spawn(db_url, "--reviewer", "ana")
    child.expect("Link 1 of 3")
    child.expect("A: http://valley.example/2013/rahim-dost/")  # on a line of its own, whole
    child.expect(r"\[q\] quit")
    child.send("p")
    child.expect("showing each quote in its paragraph")
    child.expect("in paragraph")
    child.expect("The valley remembers him well.")
    child.expect("He built the bridge.")
    child.expect(r"\[q\] quit")
    child.send("p")
    child.expect("showing the quotes alone")
    child.send("q")
    child.expect(pexpect.EOF)
    last = child.logfile_read.getvalue().split("\x1b[H\x1b[J")[-1]
    assert "The valley remembers" not in last and "Comments are open" not in child.logfile_read.getvalue()


def test_a_key_typed_before_the_screen_is_drawn_is_not_lost(db_url: str, story: Story) -> None:
    child = _spawn(db_url, "--reviewer", "ana")
    child.send("?")  # at once, while the program is still starting
    child.expect(r"keys: c confirm: the link is right")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize(
    ("keys", "said"),
    [("x", r"'x' is not a review key and did nothing\. Keys: c confirm; d dismiss"),
     ("\r", r"Enter is not a review key"),
     (" ", r"Space is not a review key"),
     ("\x1b", r"Escape or an arrow key is not a review key"),
     ("?", r"keys: c confirm: the link is right"),
     ("sssc", r"'c' acts on a link, and none is shown \(all seen\)"),
     ("sssn", r"'n' acts on a link, and none is shown")],
    ids=["letter", "enter", "space", "escape", "help", "confirm-when-all-seen", "note-when-all-seen"],
)
def test_a_key_that_is_not_a_review_key_is_explained(db_url: str, story: Story, keys: str, said: str) -> None:
    child = _spawn(db_url, "--reviewer", "ana")
    child.expect(r"\[q\] quit")
    for key in keys[:-1]:  # one key at a time, as a person types (a burst is read as one)
        child.send(key)
        child.expect(r"\[q\] quit")
    child.send(keys[-1])
    child.expect(said)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        decided = [r.action for r in s.scalars(select(ReviewLog))]
    engine.dispose()
    assert decided == ["skip"] * keys.count("s")  # nothing else was recorded
