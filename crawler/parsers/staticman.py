"""Comments that Staticman committed as data files and a static site generator baked into the page,
as ordered selector data (the page carries every comment; no script loads them).

Two theme families print them. Jekyll's Minimal Mistakes: `article.js-comment#comment<N>`, the name
in `h3.comment__author` (a link when the commenter gave a site), `p.comment__date` with the
comment's own `#comment<N>` link around `<time datetime>`, then the message; its list is flat.
Hugo's Beautiful Hugo: `article.static-comment#comment-<N>` and, for replies in N's thread,
`article.static-comment-reply#comment-<N>r<M>`, printed flat after the thread's first comment; a
reply names what it answers (the thread's first comment or an earlier reply) in
`a.comment-reply-target[href="#comment-…"]`.
"""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

_AUTHOR = f"*[{C('comment__author')} or {C('comment-author')}]"
_DATE = f"*[{C('comment__date')} or {C('comment-timestamp')}]"

STATICMAN = ThreadProfile(
    name="staticman",
    nodes=(f"//article[{C('js-comment')} or {C('static-comment')}][starts-with(@id, 'comment')]",),
    id=("@id",),
    id_pattern=r"^comment-?(\w+)\s*$",
    author=(f".//{_AUTHOR}",),
    author_url=(f".//{_AUTHOR}//a/@href",),
    date_machine=(f".//{_DATE}//time/@datetime",),
    date_text=(f".//{_DATE}//time",),
    permalink=(f".//{_DATE}//a[starts-with(@href, '#comment')]/@href", "concat('#', @id)"),
    text=(f".//*[{C('comment-content')}]", f".//*[{C('comment__content-wrapper')}]"),
    drop=(f".//{_AUTHOR}", f".//{_DATE}", f".//*[{C('comment-reply-btn')}]"),
    parent_ref=(f".//a[{C('comment-reply-target')}]/@href",),
)

PROFILES: tuple[ThreadProfile, ...] = (STATICMAN,)
