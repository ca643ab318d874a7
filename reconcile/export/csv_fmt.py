"""The timeline as CSV: one row per event and source.

A cell that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage
return) is prefixed with a quote mark, the OWASP advice against CSV injection: comment text is
written by strangers.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from reconcile.export.when import in_words

COLUMNS = [
    "entity_id", "entity", "entity_type", "claim_id", "predicate", "object", "object_entity_id",
    "when", "edtf", "earliest", "latest", "time_text", "where", "modality", "links",
    "source_claim_id", "document_id", "kind", "author", "published", "url", "site",
    "reliability", "attributed_to", "quote",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _links(event: dict[str, Any]) -> str:
    return "; ".join(
        f"{link['type']} #{link['claim_id']} ({link['status']}): {link['reason']}"
        for link in event["links"]
    )


def render(timeline: dict[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entity in timeline["entities"]:
        for event in entity["events"]:
            when = event["when"]
            for source in event["sources"]:
                row = {
                    "entity_id": entity["id"],
                    "entity": entity["name"],
                    "entity_type": entity["type"],
                    "claim_id": event["claim_id"],
                    "predicate": event["predicate"],
                    "object": event["object"]["name"],
                    "object_entity_id": event["object"]["entity_id"],
                    "when": in_words(when["edtf"], when["text"]),
                    "edtf": when["edtf"],
                    "earliest": when["earliest"],
                    "latest": when["latest"],
                    "time_text": when["text"],
                    "where": event["where"],
                    "modality": event["modality"],
                    "links": _links(event),
                    "source_claim_id": source.get("claim_id"),
                    "document_id": source["document_id"],
                    "kind": source["kind"],
                    "author": source["author"],
                    "published": source["published"],
                    "url": source["url"],
                    "site": source.get("site"),
                    "reliability": source.get("reliability"),
                    "attributed_to": source["attributed_to"],
                    "quote": source["quote"],
                }
                writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()
