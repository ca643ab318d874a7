"""WordPress REST API responses saved to disk (`/wp/v2/posts`, `/wp/v2/posts/<id>`,
`/wp/v2/comments[?post=<id>]`, `/wp/v2/pages`), whatever the file was named.

Posts and comments may sit in different files; each file gives what it has, keyed by the
WordPress ids, so that the store puts a comments file and a posts file (and the HTML page of the
same post) together on the same documents. Times are the `date_gmt` fields (UTC).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..thread import ParsedComment, ParsedPage, ParsedPost
from .html_text import fragment_text, plain
from .pingbacks import is_pingback_type
from ..compressed import CompressedError, read_file
from .problems import IngestProblem
from .urls import is_absolute, resolve, without_fragment

APPROVED: frozenset[str] = frozenset({"approved", "approve", "1", ""})


def _str(value: Any) -> str | None:
    """A field's value when it is a string; anything else (a number, a list) a hostile or broken
    file put there counts as absent."""
    return value if isinstance(value, str) else None


def _rendered(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else None


def _when(obj: dict[str, Any]) -> tuple[str | None, str | None]:
    gmt = _str(obj.get("date_gmt"))
    local = _str(obj.get("date"))
    if isinstance(gmt, str) and gmt:
        return gmt.rstrip("Z") + "Z", local or gmt
    if isinstance(local, str) and local:
        return local, local
    return None, None


def _is_comment(obj: dict[str, Any]) -> bool:
    return "post" in obj and ("author_name" in obj or "parent" in obj)


def _embedded_author(obj: dict[str, Any]) -> str | None:
    embedded = obj.get("_embedded")
    authors = embedded.get("author") if isinstance(embedded, dict) else None
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return plain(_str(authors[0].get("name")))
    return None


def _post(obj: dict[str, Any], base: str | None) -> ParsedPost | None:
    link = resolve(base, _str(obj.get("link")))
    if not link:
        return None
    published, shown = _when(obj)
    return ParsedPost(
        url=without_fragment(link),
        text=fragment_text(_rendered(obj.get("content"))),
        id=str(obj["id"]) if obj.get("id") is not None else None,
        title=plain(_rendered(obj.get("title"))),
        author=_embedded_author(obj),
        published=published,
        published_text=shown,
    )


def _comment(obj: dict[str, Any], base: str | None) -> tuple[str | None, ParsedComment]:
    link = resolve(base, _str(obj.get("link")))
    published, shown = _when(obj)
    parent = obj.get("parent")
    author_url = _str(obj.get("author_url"))
    return (without_fragment(link) if link else None), ParsedComment(
        id=str(obj.get("id")),
        text=fragment_text(_rendered(obj.get("content"))),
        permalink=link,
        author=plain(_str(obj.get("author_name"))),
        author_url=author_url if is_absolute(author_url) else None,
        published=published,
        published_text=shown,
        parent=str(parent) if parent not in (None, 0, "0", "") else None,
        is_pingback=is_pingback_type(_str(obj.get("type"))),
    )


def read(path: Path, *, url: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    try:
        raw = read_file(path)
    except OSError as exc:
        yield IngestProblem(str(path), f"cannot read: {exc.strerror or exc}", kind="file")
        return
    except CompressedError as exc:
        yield IngestProblem(str(path), str(exc), kind="file")
        return
    yield from read_bytes(raw, str(path), url=url)


def read_bytes(raw: bytes, source: str, *, url: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    """The threads in one REST response body (a file's, or one the crawler fetched from `source`)."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        yield IngestProblem(source, f"not JSON: {getattr(exc, 'msg', exc)}",
                            where=f"line {line}" if line else None, kind="file")
        return
    objects = data if isinstance(data, list) else [data]
    posts: dict[str, ParsedPage] = {}
    by_url: dict[str, ParsedPage] = {}
    for index, obj in enumerate(objects):
        where = f"object {index + 1}"
        if not isinstance(obj, dict) or "id" not in obj:
            yield IngestProblem(source, "not a WordPress post or comment object", where=where)
            continue
        if _is_comment(obj):
            continue
        post = _post(obj, url)
        if post is None:
            yield IngestProblem(source, f"post {obj.get('id')} has no link", where=where)
            continue
        if (obj.get("status") or "publish") != "publish":
            yield IngestProblem(source, f"post {obj.get('id')} is {obj.get('status')}: left out",
                                where=where, kind="skipped")
            continue
        page = ParsedPage(url=post.url, platform="wordpress", post=post)
        posts[post.id or post.url] = by_url[post.url] = page
    for index, obj in enumerate(objects):
        if not isinstance(obj, dict) or not _is_comment(obj):
            continue
        where = f"object {index + 1}"
        if str(obj.get("status") or "").lower() not in APPROVED:
            yield IngestProblem(source, f"comment {obj.get('id')} is {obj.get('status')}: left out",
                                where=where, kind="skipped")
            continue
        post_url, comment = _comment(obj, url)
        post_id = str(obj.get("post")) if obj.get("post") not in (None, 0) else None
        page = posts.get(post_id or "") or (by_url.get(post_url or ""))
        if page is None:
            if not post_url:
                yield IngestProblem(source, f"comment {comment.id} has no link to its post", where=where)
                continue
            page = ParsedPage(url=post_url, platform="wordpress",
                              post=ParsedPost(url=post_url, text="", id=post_id))
            posts[post_id or post_url] = by_url[post_url] = page
        page.comments.append(comment)
    yield from posts.values()
