"""Pingbacks and trackbacks that arrive looking like comments (feeds, captures, REST dumps).

Exports mark them (`wp:comment_type`, REST `type`); feeds and captures do not, but WordPress
prints a pingback as an excerpt of the linking page wrapped in ellipsis brackets, `[…] text […]`,
or prefixes it. Kept as data: add a marker here, not a branch in a reader.
"""
from __future__ import annotations

import re

# Comment types (WXR `wp:comment_type`, REST `type`) that are links from other sites.
PINGBACK_TYPES: frozenset[str] = frozenset({"pingback", "trackback", "pingback/trackback"})

# Text shapes of a pingback printed as a comment, tried in order.
PINGBACK_TEXT: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*(pingback|trackback)\s*:", re.IGNORECASE),
    re.compile(r"^\s*\[(…|\.\.\.|&hellip;)\].*\[(…|\.\.\.|&hellip;)\]\s*$", re.DOTALL),
)


def is_pingback_type(comment_type: str | None) -> bool:
    return (comment_type or "").strip().lower() in PINGBACK_TYPES


def looks_like_pingback(text: str | None) -> bool:
    return bool(text) and any(p.search(text or "") for p in PINGBACK_TEXT)
