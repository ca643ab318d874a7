"""LiveJournal-code journals (Dreamwidth, LiveJournal S2 "core2" layouts), as ordered selector data.

Each comment is `div.comment#comment-cmt<talkid>` inside a `comment-wrapper`; threads are printed
flat, one `comment-thread comment-depth-N` block after another, so the parent comes from the
"Parent" link (`li.commentparent`, `?thread=<talkid>#cmt<talkid>`). The poster is an `ljuser`
span (journal or OpenID) or `span.anonymous`; the time is shown as "2021-10-18 09:41 pm (UTC)".
"""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

LIVEJOURNAL = ThreadProfile(
    name="livejournal",
    nodes=(f"//div[{C('comment')}][starts-with(@id, 'comment-cmt')]",),
    id=("@id",),
    author=(
        f".//*[{C('comment-poster')}]//*[{C('ljuser')}]//b",
        f".//*[{C('poster')}]//*[{C('ljuser')}]//b",
    ),
    author_url=(f".//*[{C('comment-poster')}]//*[{C('ljuser')}]/a[last()]/@href",),
    date_text=(f".//*[{C('datetime')}]/span[@title]", f".//*[{C('datetime')}]"),
    permalink=(f".//li[{C('commentpermalink')}]/a/@href", "concat('#', @id)"),
    text=(f".//*[{C('comment-content')}]",),
    drop=(f".//*[{C('edittime')}]",),
    parent_ref=(f".//li[{C('commentparent')}]/a/@href",),
)

PROFILES: tuple[ThreadProfile, ...] = (LIVEJOURNAL,)
