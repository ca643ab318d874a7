"""A thread profile: where one platform's markup keeps each part of a comment, as ordered data.

Every field is a tuple of candidates tried in order (first that yields something wins), the way
trafilatura keeps its XPath tables. XPaths in `nodes` are absolute; all others are relative to a
comment node and only count when they land inside that comment and not inside a reply nested in
it (the engine checks). Add a platform by writing a profile, not code.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThreadProfile:
    name: str
    nodes: tuple[str, ...]
    """Absolute XPaths for the comment nodes; the first that matches anything is used."""
    id: tuple[str, ...] = ("@id",)
    """XPaths returning the comment's id string; `id_pattern` then extracts the id proper."""
    id_pattern: str = r"(\d+)\s*$"
    author: tuple[str, ...] = ()
    """XPaths to the element holding the author's name."""
    author_url: tuple[str, ...] = ()
    """XPaths returning the author's link (href)."""
    date_machine: tuple[str, ...] = ()
    """XPaths returning machine-readable dates (`time/@datetime`, `@title`, `@content`)."""
    date_url: tuple[str, ...] = ()
    """XPaths returning URLs with a timestamp inside (Blogger `showComment=<ms>`)."""
    date_text: tuple[str, ...] = ()
    """XPaths to elements showing the date; all matches of the first XPath are joined."""
    permalink: tuple[str, ...] = ()
    """XPaths returning the comment's permalink (href or `concat('#', @id)`)."""
    text: tuple[str, ...] = ()
    """XPaths to the comment body; the comment node itself when none matches."""
    drop: tuple[str, ...] = ()
    """XPaths to elements to leave out of the text (author/date boxes, quotes, signatures)."""
    pingback: tuple[str, ...] = ()
    """Boolean XPaths: true for a pingback or trackback."""
    quotes: tuple[str, ...] = ()
    """XPaths returning the names (or ids) of posts quoted inside this one."""
    parent_ref: tuple[str, ...] = ()
    """XPaths returning an explicit reference to the comment replied to ("In reply to #comment-5",
    `data-parent-id`); used where nesting and depth say nothing. Its whole value, the element id
    in its fragment (read through `id_pattern`) or its trailing digits must name an earlier
    comment's id."""
    reply_containers: frozenset[str] = frozenset()
    """Class tokens of reply blocks placed AFTER their parent (Drupal `div.indented`)."""
    forum: bool = False
    """Posts of a forum thread: the opener (if on the page) is the post, the others comments."""
    opener: tuple[str, ...] = ()
    """Boolean XPaths: true when a forum node is the thread's first post."""
    innermost: bool = False
    """Keep only the innermost of nested `nodes` matches (cheaper than saying it in XPath)."""
    inline_reply: ThreadProfile | None = None
    """Answers printed inside a comment (a blog owner's reply under each comment, PIXNET-style):
    its `nodes` are relative to the comment; each match becomes a child comment."""
