"""The timeline as ONE self-contained HTML page: no network, no CDN, CSS and JS inline.

Safety, in layers, because every quote and name on the page was written by a stranger:
1. The data travels as JSON inside `<script type="application/json">`, with `<`, `>`, `&` and
   the JS line separators written as `\\u003c`-style escapes, so no text can close the block.
2. The page's script builds the DOM with createElement/textContent only (never innerHTML of
   content) and gives an `href` only to plain http(s) addresses.
3. A Content-Security-Policy allows exactly the page's own script and stylesheet (by their
   SHA-256) and nothing else: no other script, no network, no forms; even if markup slipped
   through, it could neither run nor call home.
The few values that go into the page's HTML itself (title, counts) pass through `html.escape`.

The Python side does the thinking (positions in percent, words for times, which events conflict)
so that the script only lays out what it is given.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from datetime import date
from importlib import resources
from typing import Any

from reconcile.export.safe import link_url
from reconcile.export.when import in_words, parse

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MAX_TICKS = 10
# Share of the axis an open end fades over when the axis is short.
MIN_FADE_YEARS = 3.0


def _asset(name: str) -> str:
    return resources.files("reconcile.export").joinpath(name).read_text(encoding="utf-8")


def json_for_script(value: Any) -> str:
    """`value` as JSON that is safe inside a `<script>` element's text."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _year_fraction(value: str | None) -> float | None:
    if not value:
        return None
    d = date.fromisoformat(value[:10])
    start = date(d.year, 1, 1).toordinal()
    length = date(d.year + 1, 1, 1).toordinal() - start if d.year < 9999 else 365
    return d.year + (d.toordinal() - start) / length


def _end_fraction(value: str | None) -> float | None:
    """The end of the inclusive day `value`, as a fractional year."""
    day = _year_fraction(value)
    if day is None or value is None:
        return None
    d = date.fromisoformat(value[:10])
    return day + 1 / (366 if (d.year % 4 == 0 and d.year % 100 != 0) or d.year % 400 == 0 else 365)


def _domain(timeline: dict[str, Any]) -> tuple[float, float]:
    points: list[float] = []
    for entity in timeline["entities"]:
        for event in entity["events"]:
            for key in ("earliest", "latest"):
                y = _year_fraction(event["when"][key])
                if y is not None:
                    points.append(y)
    if not points:
        return 0.0, 1.0
    lo, hi = min(points), max(points)
    pad = max(1.0, (hi - lo) * 0.06)
    return math.floor(lo - pad), math.ceil(hi + pad)


def _ticks(lo: float, hi: float) -> list[dict[str, Any]]:
    span = hi - lo
    step = next((s for s in TICK_STEPS if span / s <= MAX_TICKS), TICK_STEPS[-1])
    first = math.ceil(lo / step) * step
    return [
        {"label": str(int(y)), "x": round((y - lo) / span * 100, 3)}
        for y in range(int(first), int(hi) + 1, step)
    ]


def _bar(when: dict[str, Any], lo: float, hi: float) -> dict[str, Any]:
    """Where an event's bar sits on the axis, in percent, and how its ends look."""
    shape = parse(when["edtf"])
    start, end = _year_fraction(when["earliest"]), _end_fraction(when["latest"])
    open_start = start is None or bool(shape and shape.open_start)
    open_end = end is None or bool(shape and shape.open_end)
    if start is None and end is None:
        return {"undated": True, "x0": 0.0, "x1": 0.0, "open_start": False, "open_end": False}
    span = hi - lo
    fade = max(MIN_FADE_YEARS, span * 0.12)
    if start is None:
        assert end is not None
        start = max(lo, end - fade)
    if end is None:
        end = min(hi, start + fade)
    x0 = (start - lo) / span * 100
    x1 = (end - lo) / span * 100
    return {
        "undated": False,
        "x0": round(max(0.0, x0), 3),
        "x1": round(min(100.0, max(x1, x0)), 3),
        "open_start": open_start,
        "open_end": open_end,
    }


def _source_view(source: dict[str, Any]) -> dict[str, Any]:
    return {
        "claim_id": source.get("claim_id"),
        "author": source.get("author") or "unknown author",
        "kind": source.get("kind"),
        "site": source.get("site"),
        "published": (source.get("published") or "")[:10] or None,
        "href": link_url(source.get("url")),
        "url": source.get("url"),
        "quote": source.get("quote") or "",
        "attributed_to": source.get("attributed_to"),
        "reliability": source.get("reliability"),
    }


def _event_view(event: dict[str, Any], lo: float, hi: float) -> dict[str, Any]:
    when = event["when"]
    shape = parse(when["edtf"])
    label = event["predicate"].replace("_", " ")
    obj = event["object"].get("name")
    return {
        "claim_id": event["claim_id"],
        "what": f"{label}: {obj}" if obj else label,
        "words": in_words(when["edtf"], when["text"]),
        "edtf": when["edtf"],
        "approx": bool(shape and shape.approximate),
        "modality": event["modality"],
        "where": event.get("where"),
        "sources": [_source_view(s) for s in event["sources"]],
        "links": [
            {"type": k["type"], "claim_id": k["claim_id"], "status": k["status"], "reason": k["reason"]}
            for k in event["links"]
        ],
        **_bar(when, lo, hi),
    }


def _rows(events: list[dict[str, Any]]) -> list[list[int]]:
    """Event indexes by row: events joined by a conflict a reviewer has not dismissed share a
    row (side by side), placed where the first of them falls; the rest get a row each."""
    owner: dict[int, int] = {}
    for i, event in enumerate(events):
        owner[event["claim_id"]] = i
        for s in event["sources"]:
            if s.get("claim_id") is not None:
                owner.setdefault(s["claim_id"], i)
    parent = list(range(len(events)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, event in enumerate(events):
        for link in event["links"]:
            j = owner.get(link["claim_id"])
            if link["type"] == "conflicts" and link["status"] != "dismissed" and j is not None:
                parent[max(find(i), find(j))] = min(find(i), find(j))
    rows: dict[int, list[int]] = {}
    for i in range(len(events)):
        rows.setdefault(find(i), []).append(i)
    return sorted(rows.values(), key=lambda r: r[0])


def page_model(timeline: dict[str, Any], title: str) -> dict[str, Any]:
    lo, hi = _domain(timeline)
    entities = []
    for entity in timeline["entities"]:
        views = [_event_view(e, lo, hi) for e in entity["events"]]
        rows = [[views[i] for i in row] for row in _rows(entity["events"])]
        for row in rows:
            for view in row:
                view["conflict"] = len(row) > 1
        entities.append(
            {
                "id": entity["id"],
                "name": entity["name"],
                "type": entity["type"],
                "aliases": entity["aliases"],
                "count": len(views),
                "rows": rows,
            }
        )
    return {
        "title": title,
        "domain": [lo, hi],
        "ticks": _ticks(lo, hi),
        "entities": entities,
        "events": sum(e["count"] for e in entities),
    }


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(timeline: dict[str, Any], title: str = "claimline timeline") -> str:
    model = page_model(timeline, title)
    css, js = _asset("timeline_page.css"), _asset("timeline_page.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        "TITLE": html.escape(title),
        "SUMMARY": html.escape(
            f"{len(model['entities'])} entities, {model['events']} events"
        ),
        "CSS": css,
        "JS": js,
        "DATA": json_for_script(model),
    }
    # One pass: text substituted in is never searched for placeholders again.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("timeline_page.html"))
