"""The timeline as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

Each dated event is a slide: `start_date`/`end_date` as {year, month, day} at the grain the EDTF
has, `display_date` in words carrying the uncertainty ("before 1998", "c. 16 Oct 2001"),
`text.headline` and `text.text` (HTML, so every piece of page text is escaped and only plain
http(s) addresses become links), `group` = the entity, `unique_id` = the claim id. TimelineJS
cannot place an undated slide, so undated events are counted in the title instead.

A set of dates (`{1978,1981}`: both; `[1978,1981]`: one of them) is one slide per date, never
one 1978-1981 span: each says in its display date which of the set it is ("1978 (1 of 2:
1978 and 1981)"), and has the unique id `CLAIM-N`.

`render_page` is what `--format timelinejs` writes: one HTML page that opens the timeline in
TimelineJS3 itself, vendored from the npm registry (`@knight-lab/timelinejs`, see
`timelinejs.vendor.json` and `scripts/vendor-timelinejs`) and inlined, script, stylesheet and
icon font, so the page fetches nothing; its Content-Security-Policy allows exactly its hashed
scripts and styles and no network. TimelineJS is told to load no font, theme or language file
(English is built in). `render` (`--format timelinejs-json`) is the bare JSON.
"""
from __future__ import annotations

import html
import json
import re
from datetime import date
from importlib import resources
from typing import Any

from reconcile import axis
from reconcile.export.html_fmt import json_for_script

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


def _slides(event: dict[str, Any], group: str) -> list[dict[str, Any]]:
    """The slides of one event: one, or one per date of a set."""
    when = event["when"]
    shape = parse(when.get("edtf"))
    text = {"headline": _headline(event), "text": _body(event)}
    if shape is not None and shape.kind in ("one_of", "all_of") and len(shape.members) > 1:
        whole = in_words(when["edtf"], when["text"])
        n = len(shape.members)
        out = []
        for k, member in enumerate(shape.members, 1):
            start = calendar_parts(member)
            assert start is not None
            which = f"{k} of {n}: {whole}" if shape.kind == "all_of" else whole
            out.append({
                "start_date": start,
                "display_date": f"{member.words()} ({which})",
                "text": text,
                "group": html.escape(group),
                "unique_id": f"{event['claim_id']}-{k}",
            })
        return out
    start, end = dates(when)
    if start is None:
        return []
    slide: dict[str, Any] = {
        "start_date": start,
        "display_date": in_words(when["edtf"], when["text"], short=True),
        "text": text,
        "group": html.escape(group),
        "unique_id": str(event["claim_id"]),
    }
    if end is not None and end != start:
        slide["end_date"] = end
    return [slide]


def to_timelinejs(timeline: dict[str, Any], title: str = "claimline timeline") -> dict[str, Any]:
    events = []
    undated = 0
    for entity in timeline["entities"]:
        for event in entity["events"]:
            slides = _slides(event, entity["name"])
            undated += not slides
            events += slides
    names = ", ".join(html.escape(e["name"]) for e in timeline["entities"])
    note = f"{len(events)} dated slides" + (f"; {undated} undated not shown" if undated else "")
    return {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{names}</p><p>{note}</p>"}},
        "events": events,
    }


def render(timeline: dict[str, Any]) -> str:
    """The TimelineJS3 JSON (`--format timelinejs-json`)."""
    return json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n"


_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def _asset(name: str) -> str:
    return resources.files("reconcile.export").joinpath(name).read_text(encoding="utf-8")


def render_page(timeline: dict[str, Any], title: str = "claimline timeline") -> str:
    """One self-contained HTML page that opens the timeline in the bundled TimelineJS3."""
    data = json_for_script(to_timelinejs(timeline, title))
    lib_js, lib_css = _asset("timelinejs.js"), _asset("timelinejs.css")
    init_js, page_css = _asset("timelinejs_page.js"), _asset("timelinejs_page.css")
    csp = (
        "default-src 'none'; "
        f"script-src {axis.csp_hash(lib_js)} {axis.csp_hash(init_js)}; "
        f"style-src-elem {axis.csp_hash(lib_css)} {axis.csp_hash(page_css)}; "
        # TimelineJS positions its markers with style attributes; they can run no script.
        "style-src-attr 'unsafe-inline'; "
        "font-src data:; img-src 'none'; media-src 'none'; frame-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(title),
        "LIBCSS": lib_css,
        "CSS": page_css,
        "DATA": data,
        "LIBJS": lib_js,
        "JS": init_js,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("timelinejs_page.html"))
