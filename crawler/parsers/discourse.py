"""Discourse topics as served to crawlers and to browsers without JavaScript, as ordered selector data.

Each post is a `div.topic-body.crawler-post` holding `div.crawler-post-meta` (the poster in
`span.creator`, `time.post-time` with an ISO `datetime` and the date as shown, the post number in
`span[itemprop=position]`) and the cooked post in `div.post`. Since 2024 the posts carry
`id="post_N"` and those after the first `itemprop="comment"`; before, each post was its own
`DiscussionForumPosting` without an id and the number read "#N". The view prints no reply-to and
no per-post link: posts are a flat list (a quoted post is an `aside.quote[data-username]`, left out
of the text), and a post's permalink is the topic URL followed by `/N`.
"""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

_NUMBER = "translate(normalize-space(.//*[@itemprop='position']), '#', '')"

# Where the view names its topic's URL, best first: the title link, the link each post carried
# until 2023, the topic's own microdata.
_TOPIC_URLS: tuple[str, ...] = (
    "//*[@id='topic-title']//h1/a/@href",
    ".//link[@itemprop='mainEntityOfPage']/@href",
    "//*[contains(@itemtype, 'DiscussionForumPosting')]/link[@itemprop='url']/@href",
)


def _post_url(topic: str) -> str:
    """XPath: `<topic URL>/<post number>`, or "" when either is missing (so the next candidate
    is tried instead of a bare "/N")."""
    url = f"concat({topic}, '/', {_NUMBER})"
    return f"substring({url}, 1, boolean({topic}) * boolean(string({_NUMBER})) * string-length({url}))"


DISCOURSE = ThreadProfile(
    name="discourse",
    nodes=(f"//div[{C('crawler-post')}][.//*[{C('crawler-post-meta')}]]",),
    id=("@id", ".//*[@itemprop='position']"),
    author=(
        f".//*[{C('creator')}]//*[@itemprop='name']",
        f".//*[{C('creator')}]//a",
        ".//*[@itemprop='author']",
    ),
    author_url=(f".//*[{C('creator')}]//a/@href",),
    date_machine=(
        f".//*[{C('crawler-post-infos')}]//time/@datetime",
        ".//time[@itemprop='datePublished']/@datetime",
    ),
    date_text=(f".//*[{C('crawler-post-infos')}]//time", ".//time"),
    permalink=tuple(_post_url(topic) for topic in _TOPIC_URLS),
    text=(f".//div[{C('post')}]",),
    drop=(f".//aside[{C('quote')}]",),
    quotes=(f".//aside[{C('quote')}]/@data-username",),
    forum=True,
    opener=("boolean(.//*[@itemprop='position'][translate(normalize-space(.), '#', '') = '1'])",),
)

PROFILES: tuple[ThreadProfile, ...] = (DISCOURSE,)
