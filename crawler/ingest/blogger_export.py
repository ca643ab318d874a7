"""Blogger exports (Settings → Back up content): an Atom feed of every post, page, comment,
template and setting. Posts become threads; comments join their post through `thr:in-reply-to`
(classic export) or `blogger:parent` (2020+ Takeout export), and a reply to a comment names its
parent through a `related` link. Settings, templates and pages are not threads; drafts were never
public and are left out with a note. Records may come in any order, so threads are assembled
after the whole file is read.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..dates import parse_machine_date
from ..thread import ParsedComment, ParsedPage, ParsedPost
from .html_text import fragment_text, plain
from .problems import IngestProblem
from .urls import is_absolute, resolve, without_fragment
from .xml_records import RecordStream, child_text, children, short

_NUMERIC_ID = re.compile(r"(?:post|page|comment)-(\d+)$|(\d+)$")
# The kind of an entry: the `#kind` category term (classic) or `blogger:type` (Takeout).
_KIND_TERM = re.compile(r"/kind#(\w+)$")
DRAFT_STATUSES: frozenset[str] = frozenset({"draft", "soft_trashed", "deleted", "scheduled"})


@dataclass
class _Entry:
    id: str
    kind: str
    line: int
    title: str | None = None
    html: str | None = None
    published: str | None = None
    published_text: str | None = None
    author: str | None = None
    author_url: str | None = None
    url: str | None = None
    in_reply_to: str | None = None
    parent_comment: str | None = None
    draft: bool = False
    comments: list[_Entry] = field(default_factory=list)


def numeric_id(raw: str | None) -> str | None:
    """`tag:blogger.com,1999:blog-1.post-5590533389087749201` -> `5590533389087749201`."""
    if not raw:
        return None
    match = _NUMERIC_ID.search(raw.strip())
    return (match.group(1) or match.group(2)) if match else raw.strip()


def _kind(el: etree._Element) -> str | None:
    for cat in children(el, "atom:category"):
        match = _KIND_TERM.search(cat.get("term") or "")
        if match:
            return match.group(1).lower()
    btype = child_text(el, "blogger:type")
    return btype.strip().lower() if btype else None


def _link(el: etree._Element, rel: str, type_prefix: str = "text/html") -> str | None:
    for link in children(el, "atom:link"):
        if link.get("rel") == rel and (link.get("type") or "text/html").startswith(type_prefix):
            return link.get("href")
    return None


def _entry(el: etree._Element, line: int, base: str | None) -> _Entry | None:
    kind = _kind(el)
    raw_id = child_text(el, "atom:id")
    if kind is None or not raw_id:
        return None
    published_raw = (child_text(el, "atom:published") or "").strip()
    author_el = next(iter(children(el, "atom:author")), None)
    draft_el = next((d for c in children(el, "app:control") for d in c if short(d.tag) == "app:draft"), None)
    status = (child_text(el, "blogger:status") or "").strip().lower()
    entry = _Entry(
        id=numeric_id(raw_id) or raw_id,
        kind=kind,
        line=line,
        title=plain(child_text(el, "atom:title")),
        html=child_text(el, "atom:content"),
        published=parse_machine_date(published_raw),
        published_text=published_raw or None,
        author=plain(child_text(author_el, "atom:name")) if author_el is not None else None,
        author_url=(child_text(author_el, "atom:uri") or "").strip() or None if author_el is not None else None,
        url=_link(el, "alternate"),
        draft=(draft_el is not None and (draft_el.text or "").strip().lower() == "yes")
        or status in DRAFT_STATUSES,
    )
    if entry.url is None and (filename := (child_text(el, "blogger:filename") or "").strip()):
        entry.url = resolve(base, filename) if base else None
    reply = next(iter(children(el, "thr:in-reply-to")), None)
    if reply is not None:
        entry.in_reply_to = numeric_id(reply.get("ref"))
        entry.url = entry.url or reply.get("href")
    elif (parent := child_text(el, "blogger:parent")) is not None:
        entry.in_reply_to = numeric_id(parent)
    related = _link(el, "related", "application/atom+xml")
    if related:
        entry.parent_comment = numeric_id(related.rstrip("/"))
    return entry


def _comment(entry: _Entry, post_id: str) -> ParsedComment:
    text = fragment_text(entry.html)
    parent = entry.parent_comment if entry.parent_comment not in (None, post_id) else None
    return ParsedComment(
        id=entry.id,
        text=text,
        permalink=entry.url,
        author=entry.author,
        author_url=entry.author_url if is_absolute(entry.author_url) else None,
        published=entry.published,
        published_text=entry.published_text,
        parent=parent,
    )


def read(path: Path, *, url: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    source = str(path)
    stream = RecordStream(path, "atom:entry", header=("atom:title", "atom:link"))
    blog_title: str | None = None
    base = url
    posts: dict[str, _Entry] = {}
    comments: list[_Entry] = []
    entries = 0
    for name, el, line in stream:
        if name != "atom:entry":
            parent = el.getparent()
            if entries == 0 and parent is not None and short(parent.tag) == "atom:feed":
                if name == "atom:title":
                    blog_title = plain(el.text)
                elif name == "atom:link" and el.get("rel") == "alternate" and not base:
                    base = el.get("href")
            continue
        entries += 1
        entry = _entry(el, line, base)
        if entry is None:
            continue
        if entry.kind == "post":
            if entry.draft:
                yield IngestProblem(source, f"draft post {entry.title!r} was never published: left out",
                                    where=f"line {line}", kind="skipped")
            else:
                posts[entry.id] = entry
        elif entry.kind == "comment":
            comments.append(entry)
    for problem in stream.problems:
        yield problem if entries else IngestProblem(problem.file, problem.reason, problem.where, kind="file")
    for comment in comments:
        post = posts.get(comment.in_reply_to or "")
        if post is None:
            yield IngestProblem(source, "a comment on a post that is not in the export (a page, a draft, "
                                "or a deleted post) was left out", where=f"line {comment.line}", kind="skipped")
            continue
        post.comments.append(comment)
    for post in posts.values():
        if not post.url:
            yield IngestProblem(source, f"post {post.title!r} has no address: left out", where=f"line {post.line}")
            continue
        post_url = without_fragment(post.url)
        parsed = ParsedPost(
            url=post_url,
            text=fragment_text(post.html),
            id=post.id,
            title=post.title,
            author=post.author,
            author_url=post.author_url if is_absolute(post.author_url) else None,
            published=post.published,
            published_text=post.published_text,
        )
        yield ParsedPage(url=post_url, platform="blogger", post=parsed,
                         comments=[_comment(c, post.id) for c in post.comments], site_name=blog_title)
