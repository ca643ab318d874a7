"""The post on a page: id, canonical URL, title, author, date and clean text, from ordered tables.

Comments never leak into the post: every candidate inside a comment area (or a comment node the
thread parser found) is rejected, and those elements are skipped when the text is cleaned.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit

from lxml import etree

from ..dates import parse_machine_date, parse_shown_date
from ..text import clean_text, inline_text
from ..thread import ParsedPost
from .document import C, ID, PageContext, absolute, xpath
from .metadata import structured_post

# Areas that hold comments, related-post teasers or sidebars: never the post.
NOT_POST_AREAS: tuple[str, ...] = (
    "//*[@id='comments' or @id='respond' or @id='disqus_thread' or @id='comment-box' or @id='answers'"
    " or @id='latest-comment' or @id='recent-comments' or @id='privacy' or @id='sidebar']",
    "//*[" + " or ".join(C(token) for token in (
        "comments-area", "comment-list", "commentlist", "wp-block-comments", "comments",
        "comment-thread", "comments-block", "comment-respond", "sidebar", "widget-area",
        "jp-relatedposts", "related-posts", "recentcomments", "widget_recent_comments", "dialog",
        "modal", "cookie-notice",
    )) + "]",
    "//aside | //nav | //*[@role='dialog']",
)

POST_ID: tuple[tuple[str, str], ...] = (
    ("/html/body/@class", r"\bpostid-(\d+)\b"),
    ("//meta[@itemprop='postId']/@content", r"(\d+)"),
    ("//*[starts-with(@id, 'post-body-')]/@id", r"post-body-(\d+)"),
    (f"//article[{ID('post-')}]/@id", r"post-(\d+)"),
    ("/html/body/@class", r"\bpage-node-(\d+)\b"),
    ("//*[@id='question']/@data-questionid", r"(\d+)"),
    ("//link[@rel='shortlink']/@href", r"[?&]p=(\d+)"),
    ("/html/body/@data-article-id", r"(\d+)"),
)

TITLE: tuple[str, ...] = (
    f"//h1[{C('entry-title')}]",
    f"//*[{C('entry-title')}]",
    f"//*[{C('post-title')}]",
    f"//*[self::h2 or self::h3][{C('entry-header')}]",  # Movable Type 3, TypePad
    f"//h2[{C('topic-title')}]",  # phpBB 3.1+
    "//h1[@itemprop='headline' or @itemprop='name']",
    f"//h1[{C('p-title-value')}]",
    "//*[@id='question-header']//h1",
    f"//*[{C('article-title')} or {C('title')}]//h1",
    f"//h2[{C('title')}]",
    "//meta[@property='og:title']/@content",
    "//h1",
    "//title",
)

# Post body: specific selectors first; a candidate needs MIN_BODY_CHARS of text that is not
# mostly links, else the paragraph-density heuristic runs, then the broad containers.
BODY: tuple[str, ...] = (
    "//*[@itemprop='articleBody']",
    f"//*[{C('entry-content')}]",
    f"//*[{C('post-body')}]",
    f"//*[{C('post-content')}]",
    f"//*[{C('entrytext')} or {C('entry-body')} or {C('the-content')}]",
    f"//*[{C('field-name-body')}]",
    f"//*[{C('article-content')} or {C('article-body')} or {C('article__body')}]",
    "//*[@id='question']//*[@itemprop='text']",
    f"//*[@id='question']//*[{C('js-post-body')}]",
    f"//*[{C('post')}]//*[{C('content')}]",
)
BROAD_BODY: tuple[str, ...] = (
    "//article",
    "//main",
    f"//*[@id='content' or @id='main' or {C('content')}]",
)
MIN_BODY_CHARS = 200
MAX_LINK_DENSITY = 0.35

AUTHOR: tuple[str, ...] = (
    "//meta[@name='author']/@content",
    f"//*[{C('author')}][{C('vcard')}]//*[{C('fn')}]",
    f"//*[{C('byline')}]//*[{C('author')}]",
    f"//*[{C('entry-meta')} or {C('byline')} or {C('entry-footer')} or {C('post-meta')}]//a[@rel='author']",
    "//a[@rel='author']",
    f"//*[{C('post-author')}]//*[{C('fn')}]",
    f"//*[{C('post-footers')}]/a[1]",  # Movable Type 3, TypePad: "Posted by <a>X</a> on <date>"
    f"//*[{C('entry-poster')}]//*[{C('ljuser')}]//b",  # Dreamwidth, LiveJournal
    f"//*[{C('post-author')}]",
    f"//*[@id='question']//*[@itemprop='author']//*[@itemprop='name']",
    f"//*[@id='question']//*[{C('post-signature')}][last()]//*[{C('user-details')}]/a",
    "//*[@itemprop='author']//*[@itemprop='name']",
    "//*[@property='dc:creator']",
    f"//*[{C('author-name')} or {C('post-author-name')} or {C('entry-author-name')}]",
    f"//*[{C('author')}][not(self::div or self::section or self::aside)]",
    "//a[contains(@href, '/author/') or contains(@href, '/autor/') or contains(@href, '/auteur/')]",
    f"//*[{C('username')}]",
)

DATE_MACHINE: tuple[str, ...] = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    f"//time[{C('entry-date')} or {C('published')}]/@datetime",
    f"//abbr[{C('published')}]/@title",
    "//*[@itemprop='datePublished']/@datetime",
    "//*[@itemprop='datePublished']/@content",
    f"//*[@id='question']//*[{C('post-signature')}][last()]//*[{C('relativetime')}]/@title",
    "//*[@property='dc:date dc:created' or @property='dc:date']/@content",
    "//meta[@name='date' or @name='DC.date.issued' or @name='pubdate']/@content",
    "//article//time/@datetime",
    "//time/@datetime",
)

DATE_TEXT: tuple[str, ...] = (
    f"//*[{C('fusion-meta-info-wrapper')}]/span[not(@class)]",  # Avada: the bare span is the date
    f"//*[{C('post-footers')}]/a[1]/following-sibling::text()[1]",  # Movable Type 3, TypePad
    f"//*[{C('entry-wrapper')}]//*[{C('datetime')}]",  # Dreamwidth, LiveJournal: date and time
    f"//*[{C('date-header')}]",
    f"//*[{C('publish')}]",
    f"//*[{C('entry-date')}]",
    f"//*[{C('post-date')} or {C('date-post')}]",
    f"//*[{C('published')}]",
    f"//*[{C('submitted')}]",
    f"//*[{C('publishdate')}]",
    f"//*[{C('date')}]",
)


def not_post_areas(doc: etree._Element, ctx: PageContext) -> set[etree._Element]:
    out: set[etree._Element] = set()
    for expr in NOT_POST_AREAS:
        out.update(el for el in ctx.select(doc, expr) if isinstance(el, etree._Element))
    return out


class _Scope:
    """Rejects candidates that sit in a comment, comment area, sidebar or nav."""

    def __init__(self, excluded: Collection[etree._Element], ctx: PageContext):
        self.excluded = set(excluded)
        self.ctx = ctx

    def ok(self, el: etree._Element | None) -> bool:
        if el is None:
            return True
        if el in self.excluded:
            return False
        return not any(anc in self.excluded for anc in el.iterancestors())

    def values(self, doc: etree._Element, expr: str) -> list:
        out = []
        for item in self.ctx.select(doc, expr):
            anchor = item if isinstance(item, etree._Element) else getattr(item, "getparent", lambda: None)()
            if anchor is not None and anchor.tag == "meta":
                out.append(item)  # <meta> lives in <head>, never in a comment
            elif self.ok(anchor):
                out.append(item)
        return out

    def first_text(self, doc: etree._Element, exprs: tuple[str, ...]) -> str | None:
        for expr in exprs:
            for item in self.values(doc, expr):
                text = item if isinstance(item, str) else inline_text(item)
                text = str(text).strip()
                if text:
                    return text
        return None


# Words around an author's name in bylines ("View all posts by X", "By X"), lower-case.
BYLINE_PREFIXES: tuple[str, ...] = ("view all posts by ", "posts by ", "written by ", "posted by ", "by ", "von ", "par ", "por ")


def _strip_byline(name: str | None) -> str | None:
    if not name:
        return name
    low = name.lower()
    for prefix in BYLINE_PREFIXES:
        if low.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].strip()
    return name


def _post_id(doc: etree._Element) -> str | None:
    for expr, pattern in POST_ID:
        for value in xpath(doc, expr):
            match = re.search(pattern, str(value))
            if match:
                return match.group(1)
    return None


def _link_density(el: etree._Element, text_len: int) -> float:
    if not text_len:
        return 1.0
    linked = sum(len(a.text_content() or "") for a in el.iter("a"))
    return min(1.0, linked / text_len)


def _best(candidates: list[etree._Element], skip: set[etree._Element]) -> str:
    best = ""
    for el in candidates:
        text = clean_text(el, skip=skip)
        if len(text) > len(best) and _link_density(el, len(text)) <= MAX_LINK_DENSITY:
            best = text
    return best


def _densest_paragraphs(doc: etree._Element, scope: _Scope) -> etree._Element | None:
    """The element whose paragraphs hold the most prose (each paragraph's length counts fully
    for its parent and half for its grandparent, as in Readability)."""
    scores: dict[etree._Element, float] = {}
    for p in doc.iter("p", "pre", "blockquote"):
        text = " ".join((p.text_content() or "").split())
        if len(text) < 25 or not scope.ok(p):
            continue
        if _link_density(p, len(text)) > 0.5:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + len(text)
        grand = parent.getparent()
        if grand is not None and grand.tag != "body":
            scores[grand] = scores.get(grand, 0.0) + len(text) / 2
    if not scores:
        return None
    return max(scores, key=scores.__getitem__)


def _body(doc: etree._Element, scope: _Scope, skip: set[etree._Element]) -> str:
    fallback = ""
    for expr in BODY:
        candidates = [el for el in scope.values(doc, expr) if isinstance(el, etree._Element)]
        text = _best(candidates, skip)
        if len(text) >= MIN_BODY_CHARS:
            return text
        fallback = fallback or text
    dense = _densest_paragraphs(doc, scope)
    if dense is not None:
        text = clean_text(dense, skip=skip)
        if len(text) >= max(MIN_BODY_CHARS, len(fallback)):
            return text
    for expr in BROAD_BODY:
        candidates = [el for el in scope.values(doc, expr) if isinstance(el, etree._Element)]
        text = _best(candidates, skip)
        if len(text) >= MIN_BODY_CHARS:
            return text
        fallback = fallback or text
    return fallback


def extract_post(
    doc: etree._Element, ctx: PageContext, comment_nodes: Collection[etree._Element]
) -> ParsedPost:
    """The post, with everything inside `comment_nodes` and comment areas kept out of it."""
    excluded = not_post_areas(doc, ctx) | set(comment_nodes)
    scope = _Scope(excluded, ctx)
    meta = structured_post(doc, ctx.base)

    canonical = [str(v) for v in xpath(doc, "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")]
    url = absolute(ctx.base, canonical[0]) if canonical else ctx.url
    if not url or not urlsplit(url).netloc:  # a site-relative canonical link on a `capture://` page
        url = ctx.url

    title = scope.first_text(doc, TITLE) or meta.title
    author = _strip_byline(scope.first_text(doc, AUTHOR)) or meta.author
    author_url = None
    links = scope.values(doc, "//a[@rel='author']/@href")
    if links:
        author_url = absolute(ctx.base, str(links[0]))
    elif meta.author_url and author == meta.author:
        author_url = absolute(ctx.base, meta.author_url)

    published = shown = None
    candidates = [meta.published] if meta.published else []
    for expr in DATE_MACHINE:
        candidates.extend(str(v) for v in scope.values(doc, expr))
    for value in candidates:
        published = parse_machine_date(value)
        if published:
            shown = value
            break
    text_date = scope.first_text(doc, DATE_TEXT)
    if published is None and text_date:
        published, shown = parse_shown_date(text_date, language=ctx.language, reference=None)
        if published is None:
            ctx.warnings.append(f"the post's date {shown!r} could not be read")
    elif published and text_date:
        # The date as shown is kept only where it is the same day: the first dated text on a
        # page may be a sidebar's or an update's, not the post's.
        same, _ = parse_shown_date(text_date, language=ctx.language, reference=None)
        if same and same[:10] == published[:10]:
            shown = text_date

    skip = excluded
    return ParsedPost(
        url=url or ctx.url,
        text=_body(doc, scope, skip),
        id=_post_id(doc),
        title=title,
        author=author,
        author_url=author_url,
        published=published,
        published_text=shown,
    )
