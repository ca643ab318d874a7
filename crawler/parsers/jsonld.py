"""schema.org data embedded as JSON-LD: the objects of a page, flattened, and the comment tree
(`Comment` / `DiscussionForumPosting` under `comment`) turned into ParsedComment records."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml import etree

from ..dates import parse_machine_date, parse_shown_date
from ..thread import ParsedComment
from .document import PageContext, absolute

COMMENT_TYPES: frozenset[str] = frozenset({"Comment", "Answer", "DiscussionForumPosting", "SocialMediaPosting"})
ARTICLE_TYPES: frozenset[str] = frozenset(
    {"Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "DiscussionForumPosting",
     "Question", "SocialMediaPosting", "LiveBlogPosting", "ScholarlyArticle", "WebPage"}
)


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in value:
                yield from _walk(value[key])


def objects(doc: etree._Element) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (top level and `@graph` members); bad JSON is skipped."""
    found: list[dict[str, Any]] = []
    for script in doc.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        found.extend(_walk(data))
    return found


def first_of_types(objs: list[dict[str, Any]], types: frozenset[str]) -> dict[str, Any] | None:
    """The first object of one of `types`, preferring those that are not WebPage."""
    best = None
    for obj in objs:
        kinds = _types(obj)
        if kinds & types:
            if kinds & (types - {"WebPage"}):
                return obj
            best = best or obj
    return best


def name_of(value: Any) -> str | None:
    """A person's or thing's name from a string, a dict or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def url_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _comment(obj: dict[str, Any], parent: str | None, ctx: PageContext, n: int) -> ParsedComment:
    shown = obj.get("dateCreated") or obj.get("datePublished") or obj.get("uploadDate")
    published = parse_machine_date(shown) if isinstance(shown, str) else None
    if published is None and isinstance(shown, str):
        published, _ = parse_shown_date(shown, language=ctx.language, reference=ctx.reference)
    url = url_of(obj.get("url")) or (obj.get("@id") if isinstance(obj.get("@id"), str) else None)
    ident = obj.get("identifier") or obj.get("@id") or url or f"ld{n}"
    ident = str(ident).rsplit("#", 1)[-1] if isinstance(ident, str) else str(ident)
    text = obj.get("text") or obj.get("commentText") or obj.get("articleBody") or ""
    return ParsedComment(
        id=ident,
        text=" ".join(str(text).split()) if "\n" not in str(text) else str(text).strip(),
        permalink=absolute(ctx.base, url),
        author=name_of(obj.get("author") or obj.get("creator")),
        author_url=absolute(ctx.base, url_of(obj.get("author"))),
        published=published,
        published_text=shown if isinstance(shown, str) else None,
        parent=parent,
    )


def comments(objs: list[dict[str, Any]], ctx: PageContext) -> list[ParsedComment]:
    """The comment tree under the page's article (replies under `comment` of a comment)."""
    out: list[ParsedComment] = []
    article = first_of_types(objs, ARTICLE_TYPES)
    roots: list[Any] = []
    if article is not None:
        for key in ("comment", "suggestedAnswer", "acceptedAnswer"):
            value = article.get(key)
            if value:
                roots.extend(value if isinstance(value, list) else [value])
    if not roots:
        roots = [o for o in objs if _types(o) & {"Comment"}]
    stack: list[tuple[Any, str | None]] = [(r, None) for r in reversed(roots)]
    while stack:
        obj, parent = stack.pop()
        if not isinstance(obj, dict):
            continue
        comment = _comment(obj, parent, ctx, len(out) + 1)
        out.append(comment)
        replies = obj.get("comment") or []
        replies = replies if isinstance(replies, list) else [replies]
        stack.extend((r, comment.id) for r in reversed(replies))
    return out
