"""A small factory for reconciler tests: sites, documents, mentions and claims, written directly
through the models, with offsets found in the document's own text."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from store.models import Claim, Document, Mention, Site


class StoreFactory:
    def __init__(self, session: Session) -> None:
        self.s = session
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def site(self, base_url: str, name: str | None = None) -> Site:
        site = Site(base_url=base_url, platform="wordpress", name=name)
        self.s.add(site)
        self.s.flush()
        return site

    def doc(self, site: Site, text: str, *, kind: str = "post", author: str | None = None,
            parent: Document | None = None) -> Document:
        n = self._next()
        d = Document(
            site_id=site.id, doc_key=f"{kind}:{n}", kind=kind, url=f"{site.base_url}/{kind}/{n}", text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(), author_name=author,
            parent_id=parent.id if parent else None,
            root_id=(parent.root_id or parent.id) if parent else None,
        )
        self.s.add(d)
        self.s.flush()
        return d

    def mention(self, doc: Document, surface: str, type_: str = "PERSON", *, name: str | None = None,
                chain: str | None = None, pronoun: bool = False, occurrence: int = 0, title: str | None = None) -> Mention:
        start = -1
        for _ in range(occurrence + 1):
            start = doc.text.index(surface, start + 1)
        m = Mention(document_id=doc.id, start=start, end=start + len(surface), surface=surface, type=type_,
                    name=name if name is not None else surface, chain=chain, is_pronoun=pronoun, title=title)
        self.s.add(m)
        self.s.flush()
        return m

    def claim(self, doc: Document, subject: Mention | None, predicate: str, *, obj: str | None = None,
              obj_mention: Mention | None = None, edtf: str | None = None, earliest: date | None = None,
              latest: date | None = None, modality: str = "asserted", attributed_to: str | None = None,
              quote: str | None = None, **extra: Any) -> Claim:
        quote = quote or doc.text
        start = doc.text.find(quote)
        c = Claim(
            document_id=doc.id, claim_key=f"k{self._next()}", subject_mention_id=subject.id if subject else None,
            predicate=predicate, object_text=obj, object_mention_id=obj_mention.id if obj_mention else None,
            edtf=edtf, earliest=earliest, latest=latest, modality=modality, attributed_to=attributed_to,
            quote=quote, quote_start=max(0, start), quote_end=max(0, start) + len(quote),
            extractor="test", extractor_version="1", **extra,
        )
        self.s.add(c)
        self.s.flush()
        return c


def year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)
