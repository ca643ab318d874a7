"""`extract_document`: text in, mentions and claims out. Pure, deterministic, offline."""
from __future__ import annotations

import hashlib
from datetime import date, datetime

from reconcile.timex import find_times

from .aliases import find_aliases
from .claims import extract_claims
from .coref import resolve
from .mentions import find_mentions
from .text import fold, sentences
from .types import Extraction, ThreadContext

EXTRACTOR_NAME = "rules"
EXTRACTOR_VERSION = "1.0.1"
"""Bump on any change that alters output: the DB stage re-extracts documents made by another."""


def _anchor(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def extract_document(text: str, *, published: date | datetime | None, kind: str = "post",
                     context: ThreadContext | None = None, doc_key: str | None = None) -> Extraction:
    """Mentions (typed, chained) and claims of one post or comment.

    `published` anchors relative times ("last year") and dates fresh events and current states;
    `context` carries the people named higher up the thread so a reply's "he" or "Qazi
    Abdulhai" joins their chains; `doc_key` prefixes new chain ids (default: a hash of the text)
    so chains from sibling comments never collide.
    """
    folded = fold(text)
    sents = sentences(folded)
    known = {}
    if context:
        for cid, names in context.chains.items():
            for n in names:
                known.setdefault(n.lower(), context.types.get(cid, "PERSON"))
    mentions = find_mentions(text, folded, [s.start for s in sents], known)
    prefix = (doc_key or hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]) + ":"
    coref = resolve(mentions, sents, folded, prefix, context)
    times = find_times(folded, _anchor(published))
    claims = extract_claims(text, folded, sents, mentions, coref, times, published)
    return Extraction(mentions=mentions, claims=claims, chains=coref.chain_names,
                      salient=coref.salient, aliases=find_aliases(text, mentions))


class RuleExtractor:
    """The rule-based extractor behind the `Extractor` protocol."""

    name = EXTRACTOR_NAME
    version = EXTRACTOR_VERSION

    def extract(self, text: str, *, published: date | datetime | None = None, kind: str = "post",
                context: ThreadContext | None = None, doc_key: str | None = None) -> Extraction:
        return extract_document(text, published=published, kind=kind, context=context,
                                doc_key=doc_key)
