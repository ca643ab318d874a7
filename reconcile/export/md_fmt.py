"""The timeline as Markdown: a readable chronology per entity, each event footnoted to its sources.

Text from pages is escaped for CommonMark (backslash before punctuation that could start markup,
including `<` so that no raw HTML reaches a renderer) and kept on one line. Bare URLs (any
`scheme://`, `www.`) and e-mail addresses in it, which GitHub-flavoured renderers turn into live
links by themselves (their "autolink" extension ignores backslashes), are written as code spans:
shown as they are, never linked.
"""
from __future__ import annotations

import re
from typing import Any

from reconcile.export.safe import link_url, printable
from reconcile.export.when import in_words

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


_AUTOLINK = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.|mailto:|xmpp:)[^\s`]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)


def escape(text: Any) -> str:
    """`text` as literal Markdown inline text on one line, with no link a renderer would make."""
    flat = printable(" ".join(str(text if text is not None else "").split()))
    out, last = [], 0
    for m in _AUTOLINK.finditer(flat):
        out.append(_MD_SPECIAL.sub(r"\\\1", flat[last : m.start()]))
        out.append(f"`{m.group(0)}`")  # the pattern holds no backtick, so one closes it
        last = m.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", flat[last:]))
    return "".join(out)


def _what(event: dict[str, Any]) -> str:
    label = event["predicate"].replace("_", " ")
    obj = event["object"]["name"]
    text = escape(label) + (f": {escape(obj)}" if obj else "")
    if event.get("where"):
        text += f", in {escape(event['where'])}"
    return text


def _source_note(source: dict[str, Any]) -> str:
    who = escape(source["author"] or "unknown author")
    parts = [f"{who}, {escape(source['kind'])}"]
    if source.get("site"):
        parts.append(escape(source["site"]))
    if source.get("published"):
        parts.append(escape(source["published"][:10]))
    if source.get("attributed_to"):
        parts.append(f"relaying {escape(source['attributed_to'])}")
    if source.get("reliability") is not None:
        parts.append(f"reliability {source['reliability']:.2f}")
    note = ", ".join(parts) + f": “{escape(source['quote'])}”"
    url = link_url(source.get("url"))
    if url:
        note += f" <{url}>"
    elif source.get("url"):
        note += f" (address not linked: {escape(source['url'])})"
    return note


def render(timeline: dict[str, Any]) -> str:
    lines = ["# Timeline", ""]
    notes: list[str] = []
    if not timeline["entities"]:
        lines += ["No events.", ""]
    for entity in timeline["entities"]:
        lines.append(f"## {escape(entity['name'])} ({escape(entity['type'])})")
        lines.append("")
        if entity["aliases"]:
            lines += ["Also written: " + ", ".join(escape(a) for a in entity["aliases"]), ""]
        for event in entity["events"]:
            when = event["when"]
            refs = []
            for source in event["sources"]:
                notes.append(_source_note(source))
                refs.append(f"[^{len(notes)}]")
            words = escape(in_words(when["edtf"], when["text"]))
            modality = "" if event["modality"] == "asserted" else f" *({escape(event['modality'])})*"
            lines.append(f"- **{words}** — {_what(event)}{modality} {''.join(refs)}")
            for link in event["links"]:
                lines.append(
                    f"  - {escape(link['type'])} claim {link['claim_id']}"
                    f" ({escape(link['status'])}): {escape(link['reason'])}"
                )
        lines.append("")
    if notes:
        lines += ["## Sources", ""]
        lines += [f"[^{i}]: {note}" for i, note in enumerate(notes, 1)]
        lines.append("")
    return "\n".join(lines)
