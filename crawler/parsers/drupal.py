"""Drupal threads (7, and 8+ `article[data-comment-user-id]`): `<a id="comment-N">` anchors placed before each `.comment`, replies in the
`div.indented` block that follows their parent, RDFa/`<time>` dates or a shown date+time."""
from __future__ import annotations

from .document import C, ID
from .profile import ThreadProfile

DRUPAL7 = ThreadProfile(
    name="drupal",
    nodes=(
        f"//a[{ID('comment-')}]/following-sibling::*[1][{C('comment')}]",
        f"//*[{C('comment')}][@about][contains(@typeof, 'Comment')]",
        "//article[@data-comment-user-id]",  # Drupal 8+
    ),
    id=(
        "preceding-sibling::*[1][self::a]/@id",
        "@about",
        "@id",
    ),
    author=(
        f".//*[{C('username')}]",
        ".//*[@property='foaf:name']",
        f".//*[{C('submitted')}]//a",
        f".//*[{C('author')}]",
    ),
    author_url=(f".//a[{C('username')}]/@href", f".//*[{C('username')}]//a/@href"),
    date_machine=(".//time/@datetime", ".//*[contains(@property, 'dc:date')]/@content"),
    date_text=(
        ".//time",
        f".//*[{C('date')}] | .//*[{C('time')}]",
        f".//*[{C('submitted')}]",
        f".//*[{C('comment-date')}]",
    ),
    permalink=(
        f".//a[{C('permalink')}]/@href",
        "concat('#', preceding-sibling::*[1][self::a]/@id)",
    ),
    text=(
        f".//*[{C('field-name-comment-body')}]",
        f".//*[{C('field-comment-body')}]",
        f".//*[{C('comment-body')}]",
        f".//*[{C('content')}]",
    ),
    drop=(f".//*[{C('name')}]", f".//*[{C('links')}]", f".//*[{C('submitted')}]"),
    reply_containers=frozenset({"indented"}),
)

PROFILES: tuple[ThreadProfile, ...] = (DRUPAL7,)
