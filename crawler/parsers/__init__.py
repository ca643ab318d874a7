"""HTML thread parsers: one page in, a ParsedPage (post + every comment) out.

`parse_html` decodes, detects the platform, then tries that platform's thread profiles, the other
platforms' profiles, JSON-LD comments, microdata and finally a heuristic, keeping the first that
finds comments. Forum threads: the opening post (when on the page) is the post and each later
post a comment; on a later page of a thread, every post is a comment and the post has the
thread title only (a warning says so).
"""
from __future__ import annotations

from lxml import etree

from ..dates import parse_machine_date, reference_datetime
from ..errors import ParseError
from ..thread import ParsedComment, ParsedPage, ParsedPost
from . import (
    blogger, discourse, drupal, generic, jsonld, livejournal, metadata, movabletype, phpbb, qa, staticman, vbulletin,
    wordpress, xenforo,
)
from .detect import PLATFORMS, detect_platform
from .document import C, DocIndex, PageContext, absolute, base_url, load_document, page_language, xpath
from .engine import build_comments, find_nodes
from .post import extract_post
from .profile import ThreadProfile

__all__ = ["parse_html", "detect_platform", "PLATFORMS", "load_libraries"]


def load_libraries() -> None:
    """Import the libraries parsing uses (extruct, htmldate, dateparser), which the parsers'
    modules import only where they are used: the crawl's download loop imports these modules
    but never parses, and its writer process calls this as it starts, beside the crawl's own
    start-up, instead of at its first page."""
    metadata.load_libraries()
    import dateparser  # noqa: F401

# Profiles per platform, in the order they are tried when that platform is detected.
PLATFORM_PROFILES: dict[str, tuple[ThreadProfile, ...]] = {
    "wordpress": wordpress.PROFILES,
    "wordpress-com": wordpress.PROFILES,
    "blogger": blogger.PROFILES,
    "drupal": drupal.PROFILES,
    "xenforo": xenforo.PROFILES,
    "vbulletin": vbulletin.PROFILES,
    "movabletype": movabletype.PROFILES,
    "livejournal": livejournal.PROFILES,
    "phpbb": phpbb.PROFILES,
    "discourse": discourse.PROFILES,
    "staticman": staticman.PROFILES,
    "generic": qa.PROFILES,
}
# Everything, in the order tried after the detected platform's own profiles.
FALLBACK_ORDER: tuple[ThreadProfile, ...] = (
    *xenforo.PROFILES, *vbulletin.PROFILES, *phpbb.PROFILES, *discourse.PROFILES, *qa.PROFILES, *blogger.PROFILES,
    *drupal.PROFILES, *wordpress.PROFILES, *livejournal.PROFILES, *movabletype.PROFILES, *staticman.PROFILES,
)

# Comment systems that load in the browser: the page has the post only. (XPath, warning.)
EXTERNAL_COMMENTS: tuple[tuple[str, str], ...] = (
    ("//*[@id='disqus_thread'] | //script[contains(@src, 'disqus.com')]"
     " | //script[contains(., 'disqus_shortname') or contains(., 'disqus_config')]",
     "comments load from Disqus (JavaScript); post only"),
    (f"//*[{C('fb-comments')}] | //*[name()='fb:comments']", "comments load from Facebook; post only"),
    ("//script[contains(@src, 'utteranc.es') or contains(@src, 'giscus.app')]",
     "comments load from GitHub (utterances/giscus); post only"),
    ("//*[@id='isso-thread'] | //*[@id='commento'] | //*[@id='remark42'] | //*[@id='hyvor-talk-view']",
     "comments load from an embedded comment service; post only"),
    ("//script[contains(@src, 'intensedebate.com')] | //*[@id='idc-container']",
     "comments load from IntenseDebate; post only"),
)


# Links to the other pages of a paged comment thread (WordPress `/comment-page-N/`, `cpage=`).
PAGED_COMMENT_LINKS: tuple[str, ...] = (
    f"//*[{C('comment-navigation')} or {C('comments-pagination')} or {C('comment-nav')}]//a/@href",
    "//*[@id='comments']//a[contains(@href, '/comment-page-') or contains(@href, 'cpage=')]/@href",
)


def _paged_comments_warning(doc: etree._Element, ctx: PageContext) -> str | None:
    links: list[str] = []
    for expr in PAGED_COMMENT_LINKS:
        for href in ctx.select(doc, expr):  # through the page's index: both are of its shapes
            url = absolute(ctx.base, str(href).split("#")[0])
            if url and url.rstrip("/") != ctx.url.split("#")[0].rstrip("/") and url not in links:
                links.append(url)
        if links:
            break
    return f"comments are paged; this page holds one part, the others: {', '.join(links)}" if links else None


def _candidates(platform: str) -> list[ThreadProfile]:
    ordered = list(PLATFORM_PROFILES.get(platform, ()))
    ordered += [p for p in FALLBACK_ORDER if p not in ordered]
    return ordered


def _forum_split(
    comments: list[ParsedComment], nodes: list[etree._Element], profile: ThreadProfile,
    post: ParsedPost, ctx: PageContext,
) -> tuple[ParsedPost, list[ParsedComment]]:
    """Make the thread's opening post the post; later posts stay comments on it."""
    if not comments:
        return post, comments
    first_node = nodes[0]
    is_opener = any(bool(xpath(first_node, expr)) for expr in profile.opener)
    if not is_opener:
        ctx.warnings.append("forum page without the thread's first post: every post on it is a comment")
        post.text = ""
        return post, comments
    opener = comments[0]
    rest = [c for c in comments[1:]]
    for c in rest:
        if c.parent == opener.id:
            c.parent = None
    new_post = ParsedPost(
        url=post.url,
        text=opener.text,
        id=opener.id,
        title=post.title,
        author=opener.author,
        author_url=opener.author_url,
        published=opener.published,
        published_text=opener.published_text,
    )
    return new_post, rest


def parse_html(
    body: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    platform: str = "auto",
) -> ParsedPage:
    """Parse one saved or fetched page into its post and comment thread.

    `encoding` is the HTTP charset if known; `platform` forces one of PLATFORMS ("auto" detects).
    Raises ParseError(url, reason) for a page that is empty, not HTML, or names an unknown platform.
    """
    if platform not in ("auto", "", None) and platform not in PLATFORMS:
        raise ParseError(url, f"unknown platform {platform!r} (one of {', '.join(PLATFORMS)})")
    doc = load_document(body, url, encoding)
    chosen = detect_platform(doc) if platform in ("auto", "", None) else platform
    index = DocIndex(doc)
    ctx = PageContext(url=url, base=base_url(doc, url), language=page_language(doc), index=index, loaded=index)

    profile: ThreadProfile | None = None
    nodes: list[etree._Element] = []
    for candidate in _candidates(chosen):
        nodes = find_nodes(doc, candidate, ctx)
        if nodes:
            profile = candidate
            break

    paged = _paged_comments_warning(doc, ctx) if nodes else None
    if paged:
        ctx.warnings.append(paged)
    post = extract_post(doc, ctx, nodes)
    ctx.reference = reference_datetime(post.published)
    comments: list[ParsedComment] = []
    if profile is not None:
        ctx.index = None  # build_comments takes comments out of the tree: the index goes stale
        comments = build_comments(nodes, profile, ctx)
        if profile.forum:
            post, comments = _forum_split(comments, nodes, profile, post, ctx)
    if not comments:
        comments = jsonld.comments(jsonld.objects(doc), ctx)
    if not comments:
        for candidate in generic.PROFILES:
            nodes = find_nodes(doc, candidate)
            if nodes:
                comments = build_comments(nodes, candidate, ctx)
                break
    if not comments:
        for test, warning in EXTERNAL_COMMENTS:
            try:
                found = xpath(doc, test)
            except etree.XPathEvalError:
                continue
            if found:
                ctx.warnings.append(warning)
                break
    if post.published is None:
        _date_undated_post(doc, url, post, comments, ctx)
    if not post.text and not comments:
        ctx.warnings.append("no post text and no comments found")
    return ParsedPage(
        url=url,
        platform=chosen,
        post=post,
        comments=comments,
        site_name=_site_name(doc),
        language=ctx.language,
        warnings=ctx.warnings,
    )


def _date_undated_post(
    doc: etree._Element, url: str, post: ParsedPost, comments: list[ParsedComment], ctx: PageContext
) -> None:
    """A post whose page states no date (no structured data, no date the tables find): htmldate
    reads the page, whose comments are out of the tree by now, and its date stands unless it
    falls after the first comment (then it is an update or another post's date); failing that,
    the first comment's date, as the latest the post can be. A warning says which it was."""
    first = min((c.published for c in comments if c.published), key=lambda iso: iso[:19], default=None)
    guess = parse_machine_date(metadata.guessed_date(doc, url))
    if guess and (first is None or guess[:10] <= first[:10]):
        post.published = guess
        ctx.warnings.append(f"the post states no date: {guess[:10]} is htmldate's reading of the page")
    elif first:
        post.published = first
        ctx.warnings.append(f"the post states no date: dated by its first comment ({first}), the latest it can be")


def _site_name(doc: etree._Element) -> str | None:
    for expr in ("//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content"):
        values = xpath(doc, expr)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None
