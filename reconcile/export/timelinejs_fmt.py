"""The timeline as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

Each dated event is a slide: `start_date`/`end_date` as {year, month, day} at the grain the EDTF
has, `display_date` in words carrying the uncertainty ("before 1998", "c. 16 Oct 2001"),
`text.headline` and `text.text` (HTML, so every piece of page text is escaped and only plain
http(s) addresses become links), `group` = the entity, `unique_id` = the claim id. TimelineJS
cannot place an undated slide, so undated events are counted in the title instead.
"""
from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

from reconcile.export.safe import link_url
from reconcile.export.when import DatePart, calendar_parts, in_words, parse


def _from_iso(value: str | None) -> dict[str, int] | None:
    if not value:
        return None
    d = date.fromisoformat(value[:10])
    return {"year": d.year, "month": d.month, "day": d.day}


def dates(when: dict[str, Any]) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """(start_date, end_date) for TimelineJS; start is None when the event cannot be placed."""
    shape = parse(when.get("edtf"))
    if shape is None:
        lo, hi = _from_iso(when.get("earliest")), _from_iso(when.get("latest"))
        if lo is None:
            return hi, None
        return lo, (hi if hi != lo else None)
    start: DatePart | None = shape.start
    end: DatePart | None = shape.end
    if shape.kind == "point" and shape.start is not None and shape.start.decade_digits:
        last = shape.start.year + 10 ** shape.start.decade_digits - 1
        return {"year": shape.start.year}, {"year": last}
    if shape.kind in ("until", "before"):
        return calendar_parts(end), None
    if shape.kind in ("since", "after", "point"):
        return calendar_parts(start), None
    return calendar_parts(start), calendar_parts(end)


def _citation(source: dict[str, Any]) -> str:
    esc = html.escape
    who = esc(source.get("author") or "unknown author")
    bits = [f"<b>{who}</b>", esc(source.get("kind") or "")]
    if source.get("site"):
        bits.append(esc(source["site"]))
    if source.get("published"):
        bits.append(esc(source["published"][:10]))
    if source.get("attributed_to"):
        bits.append("relaying " + esc(source["attributed_to"]))
    text = ", ".join(b for b in bits if b) + f": “{esc(source.get('quote') or '')}”"
    url = link_url(source.get("url"))
    if url:
        text += f' <a href="{esc(url, quote=True)}" rel="noopener noreferrer">source</a>'
    return f"<li>{text}</li>"


def _headline(event: dict[str, Any]) -> str:
    label = event["predicate"].replace("_", " ")
    obj = event["object"].get("name")
    return html.escape(f"{label}: {obj}" if obj else label)


def _body(event: dict[str, Any]) -> str:
    esc = html.escape
    parts = []
    facts = [esc(event["modality"])]
    if event.get("where"):
        facts.append("in " + esc(event["where"]))
    if event["when"].get("edtf"):
        facts.append("EDTF " + esc(event["when"]["edtf"]))
    parts.append("<p>" + " · ".join(facts) + "</p>")
    parts.append("<ol>" + "".join(_citation(s) for s in event["sources"]) + "</ol>")
    if event["links"]:
        items = "".join(
            f"<li>{esc(link['type'])} (claim {int(link['claim_id'])}, {esc(link['status'])}):"
            f" {esc(link['reason'] or '')}</li>"
            for link in event["links"]
        )
        parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def to_timelinejs(timeline: dict[str, Any], title: str = "claimline timeline") -> dict[str, Any]:
    events = []
    undated = 0
    for entity in timeline["entities"]:
        for event in entity["events"]:
            start, end = dates(event["when"])
            if start is None:
                undated += 1
                continue
            slide: dict[str, Any] = {
                "start_date": start,
                "display_date": in_words(event["when"]["edtf"], event["when"]["text"], short=True),
                "text": {"headline": _headline(event), "text": _body(event)},
                "group": entity["name"],
                "unique_id": str(event["claim_id"]),
            }
            if end is not None and end != start:
                slide["end_date"] = end
            events.append(slide)
    names = ", ".join(html.escape(e["name"]) for e in timeline["entities"])
    note = f"{len(events)} dated events" + (f"; {undated} undated not shown" if undated else "")
    return {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{names}</p><p>{note}</p>"}},
        "events": events,
    }


def render(timeline: dict[str, Any]) -> str:
    return json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n"
