"""What the collecting side hands the store: plain records, so store never imports the crawler."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit


@dataclass
class DocumentIn:
    """A post or a comment as parsed. `platform_id` must be unique within the site for its kind."""

    kind: str
    url: str
    text: str
    platform_id: str | None = None
    permalink: str | None = None
    parent_platform_id: str | None = None
    title: str | None = None
    author_name: str | None = None
    author_url: str | None = None
    published: datetime | None = None
    published_text: str | None = None
    published_tz_known: bool = False
    language: str | None = None
    is_pingback: bool = False


@dataclass
class ThreadIn:
    """One post and its comments from one source (a page, an export entry, a feed)."""

    site_url: str
    post: DocumentIn
    comments: list[DocumentIn] = field(default_factory=list)
    platform: str | None = None
    site_name: str | None = None
    source: str = "crawl"
    fetched_at: datetime | None = None
    fill_only: bool = False
    """A secondary view of a thread (the REST API beside the page): it adds the documents that
    are missing and fills empty fields, but never rewrites what is stored, so two renderings of
    the same comment do not flip the row back and forth on every crawl."""


def site_base(url: str) -> str:
    """`https://example.org/2013/09/post/` -> `https://example.org/`."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/"


def content_hash(*parts: str | None) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def doc_key(doc: DocumentIn) -> str:
    if doc.platform_id:
        return f"{doc.kind}:{doc.platform_id}"
    if doc.kind == "comment" and doc.permalink:
        return f"url:{doc.permalink}"
    return f"url:{doc.url}"
