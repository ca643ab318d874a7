"""Parsed threads -> the store's records. The one place where the crawler's shape meets the store's."""
from __future__ import annotations

from datetime import datetime, timezone

from crawler.thread import ParsedComment, ParsedPage, ParsedPost
from store.records import DocumentIn, ThreadIn


def parse_iso(value: str | None) -> tuple[datetime | None, bool]:
    """ISO 8601 -> (naive UTC datetime, whether the zone was known). Bad input gives (None, False)."""
    if not value:
        return None, False
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None, False
    if parsed.tzinfo is None:
        return parsed, False
    return parsed.astimezone(timezone.utc).replace(tzinfo=None), True


def _post(post: ParsedPost, page: ParsedPage) -> DocumentIn:
    published, tz_known = parse_iso(post.published)
    return DocumentIn(
        kind="post",
        url=post.url or page.url,
        text=post.text or "",
        platform_id=post.id,
        title=post.title,
        author_name=post.author,
        author_url=post.author_url,
        published=published,
        published_text=post.published_text,
        published_tz_known=tz_known,
        language=page.language,
    )


def _comment(comment: ParsedComment, page: ParsedPage) -> DocumentIn:
    published, tz_known = parse_iso(comment.published)
    return DocumentIn(
        kind="comment",
        url=page.post.url or page.url,
        text=comment.text or "",
        platform_id=comment.id,
        permalink=comment.permalink,
        parent_platform_id=comment.parent,
        author_name=comment.author,
        author_url=comment.author_url,
        published=published,
        published_text=comment.published_text,
        published_tz_known=tz_known,
        language=page.language,
        is_pingback=comment.is_pingback,
    )


def thread_from_page(
    page: ParsedPage, *, source: str = "crawl", fetched_at: datetime | None = None
) -> ThreadIn:
    return ThreadIn(
        site_url=page.post.url or page.url,
        post=_post(page.post, page),
        comments=[_comment(c, page) for c in page.comments],
        platform=page.platform,
        site_name=page.site_name,
        source=source,
        fetched_at=fetched_at,
    )
