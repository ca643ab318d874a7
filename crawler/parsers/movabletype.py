"""Movable Type and TypePad threads, as ordered selector data.

Each comment is a `div.comment#comment-<id>` (MT ids are numbers, TypePad's are hex asset ids).
MT 4+ templates print a `comment-header` byline: the author's `vcard`, then the comment's own
permalink around `<abbr class="published" title="ISO">`; a reply adds, before the permalink, a link
to the parent comment ("replied to comment from X" in whatever language the blog uses). MT 3 and
TypePad print a `comment-footer`: "Posted by: <author> | <a href=...#comment-<id>>date</a>",
the author a link or plain text. Replies are never nested in the markup: the list is flat.
"""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

# The footer's author: what stands between the label ("Posted by:") and the first "|".
_FOOTER_AUTHOR = f"normalize-space(substring-after(substring-before(.//*[{C('comment-footer')}], '|'), ':'))"

MOVABLETYPE = ThreadProfile(
    name="movabletype",
    nodes=(f"//div[{C('comment')}][starts-with(@id, 'comment-')]",),
    id=("@id",),
    id_pattern=r"^comment-([0-9A-Za-z]+)\s*$",
    author=(
        f".//*[{C('comment-header')}]//*[{C('vcard')}]",
        f".//*[{C('byline')}]//*[{C('vcard')}]",
        f".//*[{C('comment-footer')}]/a[not(contains(@href, '#'))][following-sibling::a[contains(@href, '#')]]",
        _FOOTER_AUTHOR,
    ),
    author_url=(
        f".//*[{C('comment-header')}]//*[{C('vcard')}]//a/@href",
        f".//*[{C('comment-footer')}]/a[not(contains(@href, '#'))][following-sibling::a[contains(@href, '#')]]/@href",
    ),
    date_machine=(f".//abbr[{C('published')}]/@title",),
    date_text=(
        f".//abbr[{C('published')}]",
        f".//*[{C('comment-footer')}]//a[contains(@href, '#')][last()]",
    ),
    permalink=(
        f".//a[.//abbr[{C('published')}]]/@href",
        f".//*[{C('comment-footer')}]//a[contains(@href, '#')][last()]/@href",
        "concat('#', @id)",
    ),
    text=(f".//*[{C('comment-content')}]", f".//*[{C('comment-body')}]"),
    drop=(f".//*[{C('comment-header')}]", f".//*[{C('comment-footer')}]",
          f".//*[{C('comment-footer-experimental')}]"),
    # MT 4+: the one link in the byline to another comment that is not this comment's permalink.
    parent_ref=(f".//*[{C('byline')}]//a[contains(@href, '#comment-')][not(.//abbr)]/@href",),
)

PROFILES: tuple[ThreadProfile, ...] = (MOVABLETYPE,)
