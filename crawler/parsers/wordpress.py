"""WordPress threads: classic themes (`wp_list_comments`), block themes, wordpress.com Highlander,
old `dl/dt/dd` themes and the Epoch comments plugin, as ordered selector data."""
from __future__ import annotations

from .document import C, ID
from .profile import ThreadProfile

# Comment nodes, most specific first. `li-comment-N` wraps `#comment-N` in some themes (Genesis
# variants, wordpress.com): take the wrapper, it is the element replies nest in. Anchors on
# inline elements (report links, empty `<p id>`) are not comments.
_NOT_WIDGET = (
    f"[not(ancestor::aside or ancestor::*[{C('widget')} or {C('widget-area')} or {C('sidebar')}"
    " or @id='sidebar' or @id='secondary'])]"
)
_NODES: tuple[str, ...] = (
    f"//li[{ID('li-comment-')}]" + _NOT_WIDGET + " | "
    f"//*[{ID('comment-')}][not(self::span or self::a or self::p or self::time"
    " or self::abbr or self::form or self::section)]"
    "[not(ancestor::li[1][starts-with(@id, 'li-comment-')])]" + _NOT_WIDGET,
    f"//*[{C('wp-block-comment-template')}]/li" + _NOT_WIDGET,
)

WORDPRESS = ThreadProfile(
    name="wordpress",
    nodes=_NODES,
    id=("@id", f".//*[{C('comment-body')}]/@id", ".//article/@id"),
    author=(
        f".//*[{C('wp-block-comment-author-name')}]",
        f".//*[{C('comment-author')}]//*[{C('fn')}]",
        f".//*[{C('fn')}]",
        f".//*[{C('comment-author-name')}]",
        f".//*[{C('comment-author')}]//a[{C('url')}]",
        f".//*[{C('comment-author')}]//strong",
        f".//*[{C('epoch-author-link')}]",
        f".//*[{C('epoch-comment-author')}]/text()[normalize-space()]",
        f".//*[{C('comment_author')}]",
        f".//*[{C('comment-author')}]",
        f".//*[{C('comment-author')}]/text()[normalize-space()]",
        f".//*[{C('author')}]",
        ".//cite",
        f".//a[{C('url')}]",
    ),
    author_url=(
        f".//*[{C('wp-block-comment-author-name')}]//a/@href",
        f".//*[{C('fn')}]//a/@href",
        f".//*[{C('comment-author')}]//a[{C('url')}]/@href",
        f".//a[{C('url')}]/@href",
        f".//*[{C('epoch-author-link')}]/@href",
        f".//*[{C('comment-author-name')}]//a/@href",
    ),
    date_machine=(
        ".//time/@datetime",
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished' or @itemprop='commentTime']/@content",
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished']/@datetime",
        f".//abbr[{C('published')} or {C('comment-date')}]/@title",
    ),
    date_text=(
        f".//*[{C('wp-block-comment-date')}]",
        f".//*[{C('comment-metadata')}]//time",
        f".//*[{C('comment-metadata')}]/a",
        f".//*[{C('comment-metadata')}]",
        f".//*[{C('commentmetadata')}]",
        ".//time",
        f".//*[{C('comment-time')}]",
        f".//*[{C('comment_time')}]",
        f".//*[{C('comment-date')}]",
        f".//*[{C('comment-author')}]/strong/following-sibling::text()[normalize-space()][1]",
        f".//*[{C('date')}]",
    ),
    permalink=(
        f".//*[{C('wp-block-comment-date')}]//a/@href",
        f".//*[{C('comment-metadata')}]//a/@href",
        f".//*[{C('commentmetadata')}]//a/@href",
        f".//*[{C('comment-time')}]//a/@href",
        f".//*[{C('comment_time')}]//a/@href",
        f".//a[{C('epoch-comment-link')}]/@href",
        ".//a[.//time]/@href",
        ".//time/ancestor::a[1]/@href",
        f"concat('#', descendant-or-self::*[{ID('comment-')}][1]/@id)",
        "concat('#', @id)",
    ),
    text=(
        f".//*[{C('wp-block-comment-content')}]",
        f".//*[{C('comment-content')}]",
        f".//*[{C('comment-text')}]",
        f".//*[{C('contenttext')}]",
        f".//*[{C('epoch-comment-content')}]",
        f".//*[{C('comment-entry')}]",
        f".//*[{C('comment_text')}]",
        f".//*[{C('comment-body')}]",
        "following-sibling::*[1][self::dd]",
    ),
    drop=(
        f".//*[{C('comment-author')}]",
        f".//*[{C('comment-meta')}]",
        f".//*[{C('comment-metadata')}]",
        f".//*[{C('commentmetadata')}]",
        f".//*[{C('fn')}]",
        f".//*[{C('wp-block-comment-author-name')}]",
        f".//*[{C('wp-block-comment-date')}]",
        f".//*[{C('wp-block-comment-reply-link')}]",
        f".//*[{C('wp-block-comment-edit-link')}]",
    ),
    pingback=(f"self::*[{C('pingback')} or {C('trackback')}]",),
    parent_ref=(
        "@data-parent-id",
        "@data-parent",
        f".//*[{C('in-reply-to')} or {C('comment-reply-to')} or {C('reply-to')}]//a/@href",
        ".//a[starts-with(normalize-space(.), 'In reply to') or starts-with(normalize-space(.), 'Antwort auf')]/@href",
    ),
)

PROFILES: tuple[ThreadProfile, ...] = (WORDPRESS,)
