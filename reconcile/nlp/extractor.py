"""The parse-based extractor: spaCy reads the text, the domain's tables and frames read the parse.

    from reconcile.nlp.extractor import ParsedExtractor
    ex = ParsedExtractor().extract(text, published=date(2013, 9, 19))

`extract_many` parses several documents in one `nlp.pipe` batch, which is where the speed is;
it needs each document's thread context up front, so the DB stage batches siblings.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reconcile.extract.aliases import find_aliases
from reconcile.extract.text import fold
from reconcile.extract.types import Extraction, ThreadContext
from reconcile.timex import find_times

from . import model
from .claims import ClaimReader
from .coref import resolve
from .datelines import set_apart
from .mentions import find_mentions, product_words, remember, token_index

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_NAME = "parse"
RULES_VERSION = "1.1.0"
"""Bump on any change to this package that alters output."""

MAX_CHARS = 100_000
"""Longer texts are read in their first MAX_CHARS characters (spaCy's parser is quadratic-ish
in sentence length, and no post or comment that long is prose worth claims)."""


@dataclass(frozen=True)
class Job:
    text: str
    published: date | datetime | None = None
    kind: str = "post"
    context: ThreadContext | None = None
    doc_key: str | None = None


def _anchor(published: date | datetime | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def read_parsed(doc: Doc, job: Job) -> Extraction:
    """Mentions, chains and claims of one parsed document."""
    text = job.text[:MAX_CHARS]
    known: dict[str, str] = {}
    if job.context:
        for cid, names in job.context.chains.items():
            kind = job.context.types.get(cid, "PERSON")
            for n in names:
                remember(known, n, kind)
                if kind == "PERSON" and len(n.split()) > 1:
                    for word in n.split():
                        remember(known, word, kind)
    mentions = find_mentions(doc, text, known, _title_things(tuple(job.context.titles) if job.context else ()))
    token_of = token_index(doc, mentions)
    prefix = (job.doc_key or hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]) + ":"
    co = resolve(doc, mentions, token_of, prefix, job.context)
    times = find_times(doc.text, _anchor(job.published))
    claims = ClaimReader(doc, text, mentions, token_of, times, job.published, co.chains, co.addressed,
                         job.context.events if job.context else None).read()
    return Extraction(mentions=mentions, claims=claims, chains=co.chains, salient=co.salient,
                      aliases=find_aliases(text, mentions))


@lru_cache(maxsize=256)
def _title_things(titles: tuple[str, ...]) -> frozenset[str]:
    """Words the thread's titles write as a program or product ("Acme 7941, Foo and SIP")."""
    if not titles:
        return frozenset()
    nlp = model.load()
    return frozenset(w for t in titles for w in product_words(nlp(fold(t))))


class ParsedExtractor:
    """The spaCy extractor behind the `Extractor` protocol."""

    name = EXTRACTOR_NAME

    @property
    def version(self) -> str:
        return f"{RULES_VERSION}+{model.installed_model_tag() or 'no-model'}"

    def prepare(self) -> None:
        """Load the pipeline now (raises `model.ModelMissing` with the packages tried)."""
        model.load()

    def extract(self, text: str, *, published: Any = None, kind: str = "post",
                context: ThreadContext | None = None, doc_key: str | None = None) -> Extraction:
        return self.extract_many([Job(text, published, kind, context, doc_key)])[0]

    def extract_many(self, jobs: Sequence[Job], batch_size: int = 32) -> list[Extraction]:
        nlp = model.load()
        texts: Iterable[str] = (fold(set_apart(j.text[:MAX_CHARS])) for j in jobs)
        with model.one_blas_thread():
            return [read_parsed(doc, job) for doc, job in zip(nlp.pipe(texts, batch_size=batch_size), jobs)]
