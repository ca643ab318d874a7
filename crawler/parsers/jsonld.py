"""schema.org data embedded as JSON-LD: the objects of a page, flattened, and the comment tree
(`Comment` / `DiscussionForumPosting` under `comment`) turned into ParsedComment records."""
from __future__ import annotations

from typing import Any


from ..dates import parse_machine_date, parse_shown_date
from ..thread import ParsedComment
from .document import PageContext, absolute
from .metadata import ARTICLE_TYPES, first_of_types, jsonld_objects, name_of, types_of, url_of

# The page's JSON-LD objects and the helpers to read them live with the rest of the page's
# structured data (extruct), in `metadata`.
objects = jsonld_objects


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
        roots = [o for o in objs if types_of(o) & {"Comment"}]
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
