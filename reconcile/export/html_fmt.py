"""The timeline as ONE self-contained HTML page: no network, no CDN, CSS and JS inline.

Safety, in layers, because every quote and name on the page was written by a stranger:
1. The data travels as JSON inside `<script type="application/json">`, with `<`, `>`, `&` and
   the JS line separators written as `\\u003c`-style escapes, so no text can close the block.
2. The page's script builds the DOM with createElement/textContent only (never innerHTML of
   content) and gives an `href` only to plain http(s) addresses.
3. A Content-Security-Policy allows exactly the page's own scripts and stylesheet (by their
   SHA-256) and nothing else: no other script, no network, no forms; even if markup slipped
   through, it could neither run nor call home.
The few values that go into the page's HTML itself (title, counts, the overview axes of
`reconcile.axis`, whose every text is escaped there) pass through `html.escape`.

Above each entity's statements is its whole-life overview axis (`reconcile.axis`, the same the
workbench draws), with its zoom and pan script; filters by predicate, modality, source and review
status hide cards and axis marks alike, and are kept in the address (`#entity=0&status=conflict`)
so a view can be shared. The Python side does the thinking (words for times, which events
conflict, what each filter value matches) so that the script only lays out what it is given.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

# A module, not its names: reconcile.axis imports reconcile.export.when, so either may load first.
from reconcile import axis
from reconcile.export.safe import link_url
from reconcile.export.when import in_words, parse

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# What a reliability score means, said wherever one is shown (reconcile/reliability.py).
RELIABILITY_NOTE = (
    "reliability (0 to 1): how this source's claims have fared so far, in the manner of "
    "TruthFinder: claims other independent sources corroborate raise it, claims in a conflict "
    "(open or confirmed in review) lower it; a source with no record starts near the middle"
)
# The review status filter: what an analyst asks ("which events are disputed?").
STATUS_FILTERS = {
    "conflict": "in a conflict not dismissed",
    "open": "with an open link (not reviewed)",
    "confirmed": "with a confirmed link",
    "dismissed": "with a dismissed link",
    "none": "with no links",
}


def _asset(name: str) -> str:
    return resources.files("reconcile.export").joinpath(name).read_text(encoding="utf-8")


def json_for_script(value: Any) -> str:
    """`value` as JSON that is safe inside a `<script>` element's text."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def source_key(source: dict[str, Any]) -> str:
    """How the source filter names a source: its author and site ("Nadia @ Valley Notes")."""
    author = source.get("author") or "unknown author"
    return f"{author} @ {source['site']}" if source.get("site") else author


def statuses(event: dict[str, Any]) -> list[str]:
    """The status filter values an event answers to (STATUS_FILTERS)."""
    out = sorted({link["status"] for link in event["links"] if link.get("status")})
    if any(k["type"] == "conflicts" and k["status"] != "dismissed" for k in event["links"]):
        out.insert(0, "conflict")
    return out or ["none"]


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


def _event_view(event: dict[str, Any]) -> dict[str, Any]:
    when = event["when"]
    shape = parse(when["edtf"])
    label = event["predicate"].replace("_", " ")
    obj = event["object"].get("name")
    return {
        "claim_id": event["claim_id"],
        "predicate": event["predicate"],
        "what": f"{label}: {obj}" if obj else label,
        "words": in_words(when["edtf"], when["text"]),
        "edtf": when["edtf"],
        "undated": not (when["edtf"] or when["earliest"] or when["latest"]),
        "approx": bool(shape and shape.approximate),
        "open_start": bool(shape and shape.open_start) or (bool(when["latest"]) and not when["earliest"]),
        "open_end": bool(shape and shape.open_end) or (bool(when["earliest"]) and not when["latest"]),
        "modality": event["modality"],
        "where": event.get("where"),
        "statuses": statuses(event),
        "source_keys": sorted({source_key(s) for s in event["sources"]}),
        "sources": [_source_view(s) for s in event["sources"]],
        "links": [
            {"type": k["type"], "claim_id": k["claim_id"], "status": k["status"], "reason": k["reason"]}
            for k in event["links"]
        ],
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


def _choices(values: list[str]) -> list[dict[str, Any]]:
    """Filter options, most frequent first: [{value, count}]."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def page_model(timeline: dict[str, Any], title: str) -> dict[str, Any]:
    entities = []
    views_all: list[dict[str, Any]] = []
    for entity in timeline["entities"]:
        views = [_event_view(e) for e in entity["events"]]
        views_all += views
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
    filters = {
        "predicate": _choices([v["predicate"] for v in views_all]),
        "modality": _choices([v["modality"] for v in views_all]),
        "source": _choices([k for v in views_all for k in v["source_keys"]]),
        "status": [
            {"value": key, "label": label, "count": sum(key in v["statuses"] for v in views_all)}
            for key, label in STATUS_FILTERS.items()
        ],
    }
    return {
        "title": title,
        "entities": entities,
        "events": sum(e["count"] for e in entities),
        "filters": filters,
        "reliability_note": RELIABILITY_NOTE,
    }


def _axes(timeline: dict[str, Any]) -> str:
    """One overview axis per entity, each in a holder the page script moves into its section."""
    return "".join(
        f'<div class="overview" id="overview-{i}" data-entity="{i}">'
        + axis.render_axis(entity["events"], uid=f"axis-{i}", title=str(entity["name"]))
        + "</div>"
        for i, entity in enumerate(timeline["entities"])
    )


def render(timeline: dict[str, Any], title: str = "claimline timeline") -> str:
    model = page_model(timeline, title)
    css, js = _asset("timeline_page.css") + "\n" + axis.AXIS_CSS, _asset("timeline_page.js")
    csp = (
        "default-src 'none'; "
        f"script-src {axis.csp_hash(js)} {axis.csp_hash(axis.AXIS_JS)}; style-src {axis.csp_hash(css)}; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp, quote=False).replace('"', "&quot;"),
        "TITLE": html.escape(title),
        "SUMMARY": html.escape(
            f"{len(model['entities'])} entities, {model['events']} events"
        ),
        "RELIABILITY": html.escape(RELIABILITY_NOTE),
        "CSS": css,
        "AXES": _axes(timeline),
        "JS": js,
        "AXISJS": axis.AXIS_JS,
        "DATA": json_for_script(model),
    }
    # One pass: text substituted in is never searched for placeholders again.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("timeline_page.html"))
