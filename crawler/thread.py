"""The crawler's view of one page: a post and its comment thread.

Every parser (HTML per platform, WXR, feeds, REST JSON, text captures) produces these records;
the store pipeline turns them into `documents` rows. They are plain data so that ingest, parse
and crawl share one shape, and `to_json` is the `claimline parse --json` contract.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ParsedComment:
    id: str
    text: str
    permalink: str | None = None
    author: str | None = None
    author_url: str | None = None
    published: str | None = None
    """ISO 8601; UTC ("...Z" / "+00:00") when the page gives or implies a zone, else naive local."""
    published_text: str | None = None
    """The date exactly as the page shows it."""
    parent: str | None = None
    """Id of the comment replied to, or None for a reply to the post."""
    is_pingback: bool = False
    quotes: list[str] = field(default_factory=list)
    """Forum posts: authors (or ids) of posts quoted inside this one."""


@dataclass
class ParsedPost:
    url: str
    text: str
    id: str | None = None
    title: str | None = None
    author: str | None = None
    author_url: str | None = None
    published: str | None = None
    published_text: str | None = None


@dataclass
class ParsedPage:
    url: str
    platform: str
    post: ParsedPost
    comments: list[ParsedComment] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        post = self.post
        return {
            "url": self.url,
            "platform": self.platform,
            "post": {
                "id": post.id,
                "url": post.url,
                "title": post.title,
                "author": post.author,
                "published": post.published,
                "text": post.text,
            },
            "comments": [
                {
                    "id": c.id,
                    "permalink": c.permalink,
                    "author": c.author,
                    "author_url": c.author_url,
                    "published": c.published,
                    "parent": c.parent,
                    "text": c.text,
                    "is_pingback": c.is_pingback,
                }
                for c in self.comments
            ],
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
