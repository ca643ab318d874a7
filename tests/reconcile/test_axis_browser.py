"""The axis's zoom and pan script in headless Chromium: the marks move with the view.

A small driver script zooms and pans through the handle the axis script leaves on the element
(`svg.clAxis`) and writes what it sees into `data-*` attributes of the body, which `--dump-dom`
shows.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.axis import AXIS_CSS, AXIS_JS, render_axis
from tests.reconcile.test_axis import event
from tests.reconcile.test_export_html_browser import chromium, dump_dom  # noqa: F401 (fixture)

DRIVER = """
var svg = document.querySelector("svg.cl-axis");
var bar = function () { return svg.querySelector('g[data-claim="2"] rect.bar'); };
var out = document.body.dataset;
out.full = svg.getAttribute("data-view");
out.fullX = bar().getAttribute("x"); out.fullW = bar().getAttribute("width");
svg.clAxis.zoom(0.5, 2006);
out.zoomed = svg.getAttribute("data-view");
out.zoomX = bar().getAttribute("x"); out.zoomW = bar().getAttribute("width");
out.ticks = String(svg.querySelectorAll("g.ticks text").length);
svg.clAxis.pan(-1000);
out.panned = svg.getAttribute("data-view");
svg.clAxis.zoom(100);
out.out = svg.getAttribute("data-view");
"""


def _view(text: str) -> tuple[float, float]:
    lo, hi = text.split()
    return float(lo), float(hi)


@pytest.mark.slow
def test_zoom_and_pan_move_the_marks_within_the_whole_life(chromium: Path, tmp_path: Path) -> None:  # noqa: F811
    events = [event(1, "born", "1956", obj=None), event(2, "position_held", "2004/2008", obj="senator"),
              event(3, "member_of", "../1992")]
    page = tmp_path / "axis.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><style>{AXIS_CSS}</style></head><body>"
        f"<div>{render_axis(events)}</div><script>{AXIS_JS}</script><script>{DRIVER}</script>"
        "</body></html>",
        encoding="utf-8",
    )
    body = dump_dom(chromium, page, tmp_path / "profile").find("body")
    full = _view(body.get("data-full"))
    zoomed = _view(body.get("data-zoomed"))
    # Zooming in by 2 around 2006 halves the years shown and keeps 2006 where it was.
    assert zoomed[1] - zoomed[0] == pytest.approx((full[1] - full[0]) / 2, abs=1e-3)
    assert (2006 - zoomed[0]) / (zoomed[1] - zoomed[0]) == pytest.approx(
        (2006 - full[0]) / (full[1] - full[0]), abs=1e-3)
    # The senator's bar is twice as wide, and ticks were redrawn for the new view.
    assert float(body.get("data-zoom-w")) == pytest.approx(2 * float(body.get("data-full-w")), rel=1e-3)
    assert int(body.get("data-ticks")) >= 2
    # Panning stops at the start of the life; zooming out stops at the whole life.
    panned = _view(body.get("data-panned"))
    assert panned[0] == pytest.approx(full[0]) and panned[1] - panned[0] == pytest.approx(zoomed[1] - zoomed[0], abs=1e-3)
    assert _view(body.get("data-out")) == pytest.approx(full)
