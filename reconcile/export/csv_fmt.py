"""The timeline as CSV: one row per event and source.

Comment text is written by strangers, so every cell follows OWASP's advice against CSV
injection: every field is quoted (a `;` or `,` inside stays inside its cell in every locale), and
a cell, or any part of it after a `;`, tab, CR or LF (what a reader that splits on another
separator, or on lines, would make a cell of), whose first non-blank character could start a
formula (=, +, -, @, their full-width forms, tab, CR, LF) gets a quote mark before it, so it is
read as text. Numbers and dates we write ourselves are left as they are.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any

from reconcile.export.when import in_words

COLUMNS = [
    "entity_id", "entity", "entity_type", "claim_id", "predicate", "object", "object_entity_id",
    "when", "edtf", "earliest", "latest", "time_text", "where", "modality", "links",
    "source_claim_id", "document_id", "kind", "author", "published", "url", "site",
    "reliability", "attributed_to", "quote",
]
FORMULA_STARTS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
# a part of a cell: at its start, or after a separator a reader might split on; its leading blanks
_PART_START = re.compile(r"(^|[;\t\r\n])([ \t\r\n\u00a0]*)(?=[" + re.escape(FORMULA_STARTS) + "])")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    return _PART_START.sub(lambda m: f"{m.group(1)}'{m.group(2)}" if m.group(1) == "" else f"{m.group(1)}{m.group(2)}'", value)


def _links(event: dict[str, Any]) -> str:
    return "; ".join(
        f"{link['type']} claim {link['claim_id']} ({link['status']}): {link['reason']}"
        for link in event["links"]
    )


def render(timeline: dict[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
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


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted columns (`a.subject.name`), lists of plain values one cell
    joined by `; `, lists of objects their JSON."""
    import json

    flat: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            plain = all(not isinstance(v, dict | list) for v in value)
            flat[name] = "; ".join("" if v is None else str(v) for v in value) if plain else \
                json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[name] = value
    return flat


def rows_csv(items: list[dict[str, Any]]) -> str:
    """A list command's rows as CSV (`--csv`, as sqlite-utils has it): one row per item, nested
    fields as dotted columns in first-seen order, every cell quoted and neutralised as above."""
    rows = [_flatten(item) for item in items]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return buf.getvalue()
