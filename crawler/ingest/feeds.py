"""RSS/Atom feeds (feedparser): WordPress comment feeds, per post ("Comments on: X") and site-wide
("Comments for X", items titled "Comment on X by Y"), and plain post feeds.

A comment's parent is the "In reply to <a href=…#comment-N>" paragraph WordPress puts at the top
of a reply in feeds; that paragraph is not part of what the commenter wrote, so it is removed from
the text. Ids come from the `#comment-N` anchors, so a thread read from its feed and from its
page lands on the same documents. Title shapes are localised by WordPress; they are kept as data.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from ..dates import parse_machine_date, to_iso
from ..text import clean_text
from ..thread import ParsedComment, ParsedPage, ParsedPost
from .html_text import plain
from .pingbacks import looks_like_pingback
from ..compressed import CompressedError, read_file
from .problems import IngestProblem
from .urls import capture_url, is_absolute, resolve, without_fragment

_I = re.IGNORECASE
# Channel titles of a per-post comment feed; group `title` is the post's title.
POST_COMMENT_FEED_TITLES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"comments on:\s*(?P<title>.+)",
        r"kommentare zu:\s*(?P<title>.+)",
        r"commentaires sur\s*:\s*(?P<title>.+)",
        r"comentarios en:\s*(?P<title>.+)",
        r"commenti su:\s*(?P<title>.+)",
        r"reacties op:\s*(?P<title>.+)",
    )
)
# Channel titles of a site-wide comment feed.
SITE_COMMENT_FEED_TITLES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (r"comments for\s+.+", r"kommentare für\s+.+", r"commentaires pour\s+.+",
              r"comentarios para\s+.+", r"commenti per\s+.+", r"reacties voor\s+.+")
)
# Item titles of a site-wide comment feed, "Comment on <post title> by <commenter>": the words
# before the title and between title and commenter, per language.
SITE_COMMENT_ITEM_TITLES: tuple[tuple[str, str], ...] = (
    ("comment on", "by"),
    ("kommentar zu", "von"),
    ("commentaire sur", "par"),
    ("comentario en", "por"),
    ("commento su", "di"),
    ("reactie op", "door"),
)
# Where a comment's id sits in its link or guid.
COMMENT_ID_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"#comment-(\d+)$"),
    re.compile(r"[?&]replytocom=(\d+)"),
    re.compile(r"#c(\d+)$"),
    re.compile(r"\.comment-(\d+)$"),
)
POST_ID_PATTERNS: tuple[re.Pattern[str], ...] = (re.compile(r"[?&]p=(\d+)"),)
# The reply marker WordPress prints at the top of a reply in feeds: the first paragraph whose
# text starts with one of these and that links to the parent comment.
REPLY_MARKERS: tuple[str, ...] = ("in reply to", "als antwort auf", "en réponse à", "en respuesta a",
                                  "in risposta a", "als reactie op")


def _first(patterns: tuple[re.Pattern[str], ...], *values: str | None) -> str | None:
    for value in values:
        for pattern in patterns:
            match = pattern.search(value or "")
            if match:
                return match.group(1)
    return None


def _when(entry: Any) -> tuple[str | None, str | None]:
    shown = entry.get("published") or entry.get("updated")
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
        return to_iso(stamp), shown
    return parse_machine_date(shown), shown


def _html(entry: Any) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or ""


def comment_body(markup: str) -> tuple[str, str | None]:
    """(text without the reply marker, the href of the comment it replies to)."""
    if not markup.strip():
        return "", None
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return plain(markup) or "", None
    parent_href = None
    for block in root.iterdescendants("p", "div"):
        text = " ".join(block.text_content().split()).lower()
        if text.startswith(REPLY_MARKERS):
            links = block.xpath(".//a/@href")
            if links:
                parent_href = str(links[0])
                block.drop_tree()
            break
        if text:
            break
    if parent_href is None:
        # Descriptions without paragraphs: "In reply to <a …>Name</a>.\n\nText".
        head = (root.text or "").strip().lower()
        first_link = root.find(".//a")
        if head.startswith(REPLY_MARKERS) and first_link is not None:
            parent_href = first_link.get("href")
            root.text = ""
            tail = (first_link.tail or "").lstrip(" .:")
            first_link.drop_tree()
            root.text = tail
    return clean_text(root), parent_href


def site_item_title(title: str, author: str | None) -> tuple[str, str] | None:
    """("Post title", "Commenter") from "Comment on Post title by Commenter"; the commenter's
    name from the feed decides where the title ends when the title itself contains " by "."""
    low = title.lower()
    for prefix, joiner in SITE_COMMENT_ITEM_TITLES:
        if not low.startswith(prefix + " "):
            continue
        rest, low_rest = title[len(prefix) + 1:], low[len(prefix) + 1:]
        if author:
            ending = f" {joiner} {author}".lower()
            if low_rest.endswith(ending):
                return rest[: len(rest) - len(ending)].strip(), author
        cut = low_rest.rfind(f" {joiner} ")
        if cut > 0:
            return rest[:cut].strip(), rest[cut + len(joiner) + 2:].strip()
    return None


def _comment(entry: Any, base: str, author_hint: str | None = None) -> tuple[str, ParsedComment, str | None]:
    """(post URL, the comment, post id if the guid names it)."""
    link = resolve(base, entry.get("link")) or ""
    guid = entry.get("id") or ""
    cid = _first(COMMENT_ID_PATTERNS, link, guid)
    if cid is None:
        cid = "f" + hashlib.sha1((guid or link or entry.get("title", "")).encode("utf-8")).hexdigest()[:16]
    text, parent_href = comment_body(_html(entry))
    parent = _first(COMMENT_ID_PATTERNS, resolve(base, parent_href)) if parent_href else None
    published, shown = _when(entry)
    author = plain(entry.get("author")) or author_hint
    author_url = (entry.get("author_detail") or {}).get("href")
    comment = ParsedComment(
        id=cid,
        text=text,
        permalink=link or None,
        author=author,
        author_url=author_url if is_absolute(author_url) else None,
        published=published,
        published_text=shown,
        parent=parent if parent != cid else None,
        is_pingback=looks_like_pingback(text),
    )
    return without_fragment(link) if link else "", comment, _first(POST_ID_PATTERNS, guid)


def _feed_problem(source: str, parsed: Any, *, fatal: bool) -> IngestProblem:
    exc = parsed.get("bozo_exception")
    line = exc.getLineNumber() if exc is not None and hasattr(exc, "getLineNumber") else None
    message = (exc.getMessage() if hasattr(exc, "getMessage") else str(exc)) if exc is not None else "no feed found"
    if fatal:
        reason = f"not a feed: not XML ({message})" if not parsed.get("version") else f"no items: {message}"
        return IngestProblem(source, reason, where=f"line {line}" if line else None, kind="file")
    return IngestProblem(source, f"malformed XML ({message}); the item there was not read",
                         where=f"line {line}" if line else None)


def _damaged_index(raw: bytes, line: int | None) -> int | None:
    """Which item (0-based) the parser error at `line` sits in."""
    if not line:
        return None
    starts = [raw.count(b"\n", 0, m.start()) + 1 for m in re.finditer(rb"<(item|entry)\b", raw)]
    inside = [i for i, start in enumerate(starts) if start <= line]
    return inside[-1] if inside else None


def _base(parsed: Any, path: Path, url: str | None, fallback: str | None = None) -> tuple[str, IngestProblem | None]:
    if url:
        return url, None
    feed = parsed.get("feed", {})
    for candidate in [feed.get("link"), *[l.get("href") for l in feed.get("links", [])]]:
        if is_absolute(candidate):
            return candidate, None
    for entry in parsed.get("entries", []):
        if is_absolute(entry.get("link")):
            return entry["link"], None
    if fallback:
        return fallback, None
    fallback = capture_url(path)
    return fallback, IngestProblem(
        str(path), f"the feed's links are site-relative; stored under {fallback} "
        "(give --url with the feed's original address)", kind="note")


def read(path: Path, *, url: str | None = None, fallback: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    source = str(path)
    try:
        raw = read_file(path)
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}", kind="file")
        return
    except CompressedError as exc:
        yield IngestProblem(source, str(exc), kind="file")
        return
    parsed = feedparser.parse(raw)
    entries = list(parsed.get("entries", []))
    exc = parsed.get("bozo_exception")
    well_formed_error = parsed.get("bozo") and exc is not None and hasattr(exc, "getLineNumber")
    if not parsed.get("version") or (well_formed_error and not entries):
        yield _feed_problem(source, parsed, fatal=True)
        return
    if well_formed_error:
        yield _feed_problem(source, parsed, fatal=False)
        damaged = _damaged_index(raw, exc.getLineNumber())
        if damaged is not None and damaged < len(entries):
            entries = entries[:damaged] + entries[damaged + 1:]
    base, note = _base(parsed, path, url, fallback)
    if note:
        yield note
    feed = parsed.get("feed", {})
    title = plain(feed.get("title")) or ""
    site_name = None
    if (per_post := next((m for p in POST_COMMENT_FEED_TITLES if (m := p.fullmatch(title))), None)):
        yield from _post_comment_feed(entries, base, feed, per_post.group("title").strip())
    elif any(p.fullmatch(title) for p in SITE_COMMENT_FEED_TITLES) or (entries and all(
        site_item_title(plain(e.get("title")) or "", plain(e.get("author"))) for e in entries
    )):
        yield from _site_comment_feed(entries, base)
    else:
        site_name = title or None
        yield from _post_feed(entries, base, site_name)


def _post_comment_feed(entries: list[Any], base: str, feed: Any, post_title: str) -> Iterator[ParsedPage]:
    post_url = resolve(base, feed.get("link"))
    comments: list[ParsedComment] = []
    post_id = None
    for entry in entries:
        url, comment, pid = _comment(entry, base)
        post_url = post_url or url
        post_id = post_id or pid
        comments.append(comment)
    if not post_url:
        return
    post_url = without_fragment(post_url)
    post = ParsedPost(url=post_url, text="", id=post_id, title=post_title)
    yield ParsedPage(url=post_url, platform="wordpress", post=post, comments=comments)


def _site_comment_feed(entries: list[Any], base: str) -> Iterator[ParsedPage]:
    threads: dict[str, ParsedPage] = {}
    for entry in entries:
        author = plain(entry.get("author"))
        split = site_item_title(plain(entry.get("title")) or "", author)
        post_title, commenter = split if split else (None, None)
        url, comment, pid = _comment(entry, base, author_hint=commenter)
        if not url:
            continue
        page = threads.get(url)
        if page is None:
            page = ParsedPage(url=url, platform="wordpress",
                              post=ParsedPost(url=url, text="", id=pid, title=post_title))
            threads[url] = page
        page.comments.append(comment)
    yield from threads.values()


def _post_feed(entries: list[Any], base: str, site_name: str | None) -> Iterator[ParsedPage]:
    for entry in entries:
        link = resolve(base, entry.get("link"))
        if not link:
            continue
        published, shown = _when(entry)
        try:
            root = lxml.html.fragment_fromstring(_html(entry) or "<p></p>", create_parent="div")
            text = clean_text(root)
        except (etree.ParserError, ValueError):
            text = plain(_html(entry)) or ""
        post = ParsedPost(url=without_fragment(link), text=text,
                          id=_first(POST_ID_PATTERNS, entry.get("id")), title=plain(entry.get("title")),
                          author=plain(entry.get("author")), published=published, published_text=shown)
        yield ParsedPage(url=post.url, platform="feed", post=post, site_name=site_name)
