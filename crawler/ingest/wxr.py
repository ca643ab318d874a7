"""WordPress WXR exports (Tools → Export): every published post or page with its approved
comments, replies linked through `wp:comment_parent`.

Left out, each with a note: password-protected posts (their text was never public), drafts and
other unpublished items, and unapproved comments (pending, spam, trash). Pingbacks and
trackbacks (`wp:comment_type`) are kept and flagged. Times come from the `*_gmt` fields (UTC)
when the export has them, else the local time as shown.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..thread import ParsedComment, ParsedPage, ParsedPost
from .html_text import fragment_text, plain
from .pingbacks import is_pingback_type
from .problems import IngestProblem
from .urls import is_absolute, resolve
from .xml_records import RecordStream, child_text, children

# Post types that are site structure, not posts anyone comments on.
STRUCTURAL_TYPES: frozenset[str] = frozenset(
    {
        "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset",
        "oembed_cache", "user_request", "wp_block", "wp_template", "wp_template_part",
        "wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face",
    }
)
PUBLISHED_STATUSES: frozenset[str] = frozenset({"publish"})
APPROVED: frozenset[str] = frozenset({"1", "approve", "approved"})
_NO_DATE = "0000-00-00 00:00:00"


def wxr_time(gmt: str | None, local: str | None) -> tuple[str | None, str | None]:
    """(ISO, shown): `2013-03-14 15:01:21` GMT -> `2013-03-14T15:01:21Z`; local stays naive."""
    gmt = (gmt or "").strip()
    local = (local or "").strip()
    if gmt and gmt != _NO_DATE:
        return gmt.replace(" ", "T") + "Z", local or gmt
    if local and local != _NO_DATE:
        return local.replace(" ", "T"), local
    return None, None


class _Channel:
    def __init__(self) -> None:
        self.title: str | None = None
        self.link: str | None = None
        self.language: str | None = None
        self.authors: dict[str, str] = {}


def _comment(el: etree._Element, post_url: str) -> ParsedComment:
    cid = (child_text(el, "wp:comment_id") or "").strip()
    parent = (child_text(el, "wp:comment_parent") or "").strip()
    published, shown = wxr_time(child_text(el, "wp:comment_date_gmt"), child_text(el, "wp:comment_date"))
    url = (child_text(el, "wp:comment_author_url") or "").strip()
    return ParsedComment(
        id=cid,
        text=fragment_text(child_text(el, "wp:comment_content"), autop_paragraphs=True),
        permalink=f"{post_url}#comment-{cid}",
        author=plain(child_text(el, "wp:comment_author")),
        author_url=url if is_absolute(url) else None,
        published=published,
        published_text=shown,
        parent=parent if parent and parent != "0" else None,
        is_pingback=is_pingback_type(child_text(el, "wp:comment_type")),
    )


def _item(el: etree._Element, line: int, channel: _Channel, source: str, base: str | None,
          seen: dict[str, int]) -> Iterator[ParsedPage | IngestProblem]:
    post_type = (child_text(el, "wp:post_type") or "post").strip()
    if post_type in STRUCTURAL_TYPES:
        return
    title = plain(child_text(el, "title"))
    where = f"line {line}"
    label = f"{post_type} {title!r}" if title else post_type
    comments_el = children(el, "wp:comment")
    status = (child_text(el, "wp:status") or "").strip()
    if (child_text(el, "wp:post_password") or "").strip():
        yield IngestProblem(source, f"password-protected {label} left out, with its "
                            f"{len(comments_el)} comment(s)", where=where, kind="skipped")
        return
    if status not in PUBLISHED_STATUSES:
        yield IngestProblem(source, f"{label} is {status or 'unpublished'}, not published: left out",
                            where=where, kind="skipped")
        return
    post_id = (child_text(el, "wp:post_id") or "").strip() or None
    if post_id and post_id in seen:
        # Hand-made exports reuse ids; storing both would make each re-ingest flip the document.
        yield IngestProblem(source, f"{label} repeats post id {post_id} of the item at line "
                            f"{seen[post_id]}: left out", where=where, kind="skipped")
        return
    if post_id:
        seen[post_id] = line
    link = (child_text(el, "link") or "").strip()
    url = resolve(base, link) if link else None
    if not url or not is_absolute(url):
        url = resolve(base, f"/?p={post_id}") if base and post_id else None
    if not url:
        yield IngestProblem(source, f"{label} has no address and the export names no site; "
                            "give --url with the blog's address", where=where)
        return
    published, shown = wxr_time(child_text(el, "wp:post_date_gmt"), child_text(el, "wp:post_date"))
    creator = (child_text(el, "dc:creator") or "").strip()
    comments: list[ParsedComment] = []
    unapproved = 0
    for comment_el in comments_el:
        if (child_text(comment_el, "wp:comment_approved") or "").strip().lower() not in APPROVED:
            unapproved += 1
            continue
        comments.append(_comment(comment_el, url))
    if unapproved:
        yield IngestProblem(source, f"{unapproved} unapproved comment(s) on {label} left out",
                            where=where, kind="skipped")
    post = ParsedPost(
        url=url,
        text=fragment_text(child_text(el, "content:encoded"), autop_paragraphs=True),
        id=post_id,
        title=title,
        author=channel.authors.get(creator, creator or None),
        published=published,
        published_text=shown,
    )
    yield ParsedPage(url=url, platform="wordpress", post=post, comments=comments,
                     site_name=channel.title, language=channel.language)


def read(path: Path, *, url: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    source = str(path)
    stream = RecordStream(path, "item", header=("wp:author", "title", "link", "language", "wp:base_blog_url"))
    channel = _Channel()
    items = 0
    seen: dict[str, int] = {}
    for name, el, line in stream:
        if name == "wp:author":
            login = (child_text(el, "wp:author_login") or "").strip()
            display = plain(child_text(el, "wp:author_display_name"))
            if login and display:
                channel.authors[login] = display
        elif name == "item":
            items += 1
            yield from _item(el, line, channel, source, url or channel.link, seen)
        elif items == 0 and el.getparent() is not None and short_parent(el) == "channel":
            text = (el.text or "").strip()
            if name == "title":
                channel.title = plain(text)
            elif name == "language":
                channel.language = text or None
            elif name == "link" and is_absolute(text):
                channel.link = channel.link or text
            elif name == "wp:base_blog_url" and is_absolute(text):
                channel.link = text
    for problem in stream.problems:
        yield problem if items else IngestProblem(problem.file, problem.reason, problem.where, kind="file")


def short_parent(el: etree._Element) -> str:
    parent = el.getparent()
    return parent.tag if parent is not None and isinstance(parent.tag, str) else ""
