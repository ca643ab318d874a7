"""vBulletin 3/4 threads: `li.postcontainer#post_N` (4.x) or `table#postN` (3.x); quotes
("Zitat von X", "Originally Posted by X") are noted and left out of the quoting post's text."""
from __future__ import annotations

from .document import C, ID
from .profile import ThreadProfile

VBULLETIN = ThreadProfile(
    name="vbulletin",
    nodes=(
        f"//li[{C('postcontainer')} or {C('postbit')} or {C('postbitlegacy')}][starts-with(@id, 'post_')]",
        f"//*[self::table or self::div or self::li][{ID('post_')} or {ID('post')}]",
    ),
    id=("@id",),
    author=(
        f".//*[{C('username_container')}]//*[{C('username')}]",
        f".//a[{C('username')}]",
        f".//*[{C('bigusername')}]",
        f".//*[{C('username')}]",
    ),
    author_url=(f".//*[{C('username_container')}]//a[{C('username')}]/@href", f".//a[{C('bigusername')}]/@href"),
    date_text=(
        f".//*[{C('postdate')}]//*[{C('date')}]",
        f".//*[{C('postdate')}]",
        f".//*[{C('userstats')}]/dd[1]",
        f".//*[{C('date')}]",
    ),
    permalink=(f".//a[{C('postcounter')}]/@href", ".//a[contains(@href, '#post')]/@href", "concat('#', @id)"),
    text=(
        f".//*[{C('postcontent')}]",
        ".//*[starts-with(@id, 'post_message_')]",
        f".//*[{C('postbody')}]",
    ),
    drop=(f".//*[{C('bbcode_container')}]", f".//*[{C('signature')}]", f".//*[{C('after_content')}]"),
    quotes=(f".//*[{C('bbcode_postedby')}]/strong", f".//*[{C('bbcode_quote')}]//*[{C('bbcode_postedby')}]//strong"),
    forum=True,
    opener=(f"boolean(.//a[{C('postcounter')}][normalize-space(text())='#1'])",),
)

PROFILES: tuple[ThreadProfile, ...] = (VBULLETIN,)
