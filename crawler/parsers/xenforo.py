"""XenForo 2 threads: each `article.message--post` is a post; quoted posts (`blockquote[data-
author]`) are noted in `quotes` and left out of the quoting post's text."""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

XENFORO = ThreadProfile(
    name="xenforo",
    nodes=(
        f"//article[{C('message--post')}]",
        "//article[@data-author][starts-with(@data-content, 'post-')]",
        f"//li[{C('message')}][starts-with(@id, 'post-')]",  # XenForo 1
    ),
    id=("@data-content", "@id"),
    author=("@data-author", f".//*[{C('message-name')}]", f".//*[{C('username')}]"),
    author_url=(f".//*[{C('message-name')}]//a/@href", f".//a[{C('username')}]/@href"),
    date_machine=(
        f".//*[{C('message-attribution')}]//time/@datetime",
        ".//time[@itemprop='datePublished']/@datetime",
        f".//*[{C('DateTime')}]/@data-time",
    ),
    date_text=(
        f".//*[{C('message-attribution')}]//time/@title",
        f".//*[{C('message-attribution')}]//time",
        f".//*[{C('DateTime')}]",
    ),
    permalink=(
        f".//*[{C('message-attribution-opposite')}]//a[contains(@href, '/post-')]/@href",
        ".//a[contains(@href, '/posts/')]/@href",
        "concat('#', @id)",
    ),
    text=(f".//*[{C('message-body')}]//*[{C('bbWrapper')}]", f".//*[{C('message-body')}]",
          f".//*[{C('messageText')}]"),
    drop=(f".//blockquote[{C('bbCodeBlock--quote')}]", ".//blockquote[@data-author or @data-quote]",
          f".//*[{C('message-lastEdit')}]"),
    quotes=(".//blockquote[@data-quote]/@data-quote", ".//blockquote[@data-author]/@data-author"),
    forum=True,
    opener=(
        f"boolean(.//*[{C('message-attribution-opposite')}]//*[normalize-space(text())='#1'])",
        f"boolean(.//*[{C('message-attribution-opposite')}]//a[normalize-space(text())='#1'])",
    ),
)

PROFILES: tuple[ThreadProfile, ...] = (XENFORO,)
