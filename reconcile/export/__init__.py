"""Timeline exports: one module per format, each `render(timeline) -> str` over the timeline JSON.

The renderers take the dict `reconcile.timeline.build_timeline` returns and nothing else, so a
timeline saved as JSON can be rendered again later without the database.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reconcile.export import csv_fmt, html_fmt, json_fmt, md_fmt, timelinejs_fmt

Renderer = Callable[[dict[str, Any]], str]

FORMATS: dict[str, Renderer] = {
    "json": json_fmt.render,
    "csv": csv_fmt.render,
    "md": md_fmt.render,
    "html": html_fmt.render,
    "timelinejs": timelinejs_fmt.render_page,
    "timelinejs-json": timelinejs_fmt.render,
}


def render(timeline: dict[str, Any], fmt: str) -> str:
    """`timeline` in format `fmt` (one of FORMATS)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return renderer(timeline)
