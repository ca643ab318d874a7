"""phpBB 3 topics (prosilver and its many look-alikes), as ordered selector data.

Each post is `div.post#p<id>`: `p.author` holds the post's own link (`viewtopic.php?p=<id>#p<id>`),
"by <strong>name</strong> »" and the date (a `<time datetime>` from 3.2, shown text before);
registered names are `a.username` or `a.username-coloured`, guests `span.username`. Quotes
(`blockquote > div > cite`), edit notices and signatures are not the post's text. A forum has no
reply tree: every post after the opener is a comment on the topic.
"""
from __future__ import annotations

from .document import C, ID
from .profile import ThreadProfile

_NAME = f"*[{C('username')} or {C('username-coloured')}]"

PHPBB = ThreadProfile(
    name="phpbb",
    nodes=(f"//div[{C('post')}][{ID('p')}][.//*[{C('postbody')}]]",),
    id=("@id",),
    author=(
        f".//p[{C('author')}]//{_NAME}",
        f".//*[{C('postprofile')}]//{_NAME}",
        f".//p[{C('author')}]//strong",
    ),
    author_url=(f".//p[{C('author')}]//a[{C('username')} or {C('username-coloured')}]/@href",),
    date_machine=(f".//p[{C('author')}]//time/@datetime",),
    date_text=(
        f".//p[{C('author')}]//time",
        f".//p[{C('author')}]/text()[normalize-space()][last()]",
    ),
    permalink=(
        f".//p[{C('author')}]/a[contains(@href, '#p')]/@href",
        ".//h3/a[starts-with(@href, '#p')]/@href",
        "concat('#', @id)",
    ),
    text=(f".//*[{C('postbody')}]//*[{C('content')}]",),
    drop=(".//blockquote", f".//*[{C('signature')}]", f".//*[{C('notice')}]"),
    quotes=(".//blockquote/div/cite/a[contains(@href, 'memberlist.php')]",),
    forum=True,
    # `h3.first` marks the first post of every page; a reply's subject starts with "Re:".
    opener=(f"boolean(.//h3[{C('first')}][not(starts-with(normalize-space(.), 'Re:'))])",),
)

PROFILES: tuple[ThreadProfile, ...] = (PHPBB,)
