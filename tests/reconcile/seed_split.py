"""Split the seed capture into its three documents, for measurement only.

The real plain-text-capture ingester lives elsewhere; this is deliberately trivial: the post body
runs from the summary to the comment count, each comment from its first line of text to the next.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

SEED = "seed/000_b58bb04bcea9579c.txt"


def seed_documents(shared: Path) -> list[dict[str, Any]]:
    text = (shared / SEED).read_text(encoding="utf-8")
    post = text[text.index("Summary:"):text.index("2 Comments leave one")]
    c1 = text[text.index("Good write up."):text.index("  2. ")].strip()
    c2 = text[text.index("Hi, this is interesting"):text.index("Leave a Reply")].strip()
    return [
        {"id": "post", "text": post, "kind": "post", "author": None, "published": "2013-09-19",
         "parent": None},
        {"id": "c1", "text": c1, "kind": "comment", "author": "SOTI",
         "published": "2013-09-19T21:31", "parent": "post"},
        {"id": "c2", "text": c2, "kind": "comment", "author": None,
         "published": "2013-09-19T21:59", "parent": "post"},
    ]
