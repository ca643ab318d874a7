"""The fallback: schema.org microdata comments, then a heuristic for hand-rolled comment lists.

The heuristic looks, inside an element whose id or class says "comment", for the smallest
repeated blocks that hold a name-like element (class with user/author/name), a date-like one
(time/date) and a text-like one (text/content/body/message). It also knows one common habit of
blog hosts: the owner's answer printed inside each comment (`reply-text`), which becomes a child.
"""
from __future__ import annotations

from .profile import ThreadProfile

_LOW = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"


def _cls_has(*words: str) -> str:
    return " or ".join(f"contains({_LOW}, '{w}')" for w in words)


_NAME = _cls_has("user", "author", "nick")
_DATE = _cls_has("time", "date")
_TEXT = _cls_has("text", "content", "body", "message")
_REPLY = _cls_has("reply-text", "reply-content", "owner-reply", "author-reply")
_AREA = "contains(@id, 'comment') or contains(@class, 'comment')"

MICRODATA = ThreadProfile(
    name="microdata",
    nodes=("//*[@itemscope][contains(@itemtype, 'schema.org/Comment')]",),
    id=("@id", ".//*[@itemprop='url']/@href", "@itemid"),
    id_pattern=r"([\w-]+)\s*$",
    author=(".//*[@itemprop='author']//*[@itemprop='name']", ".//*[@itemprop='author']", ".//*[@itemprop='creator']"),
    author_url=(".//*[@itemprop='author']//*[@itemprop='url']/@href", ".//*[@itemprop='author']//a/@href"),
    date_machine=(
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished' or @itemprop='commentTime']/@datetime",
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished' or @itemprop='commentTime']/@content",
    ),
    date_text=(".//*[@itemprop='dateCreated' or @itemprop='datePublished' or @itemprop='commentTime']",),
    permalink=(".//*[@itemprop='url']/@href", "concat('#', @id)"),
    text=(".//*[@itemprop='text']", ".//*[@itemprop='commentText']", ".//*[@itemprop='description']"),
    drop=(".//*[@itemprop='author']", ".//*[@itemprop='dateCreated' or @itemprop='datePublished']"),
)

_INLINE_REPLY = ThreadProfile(
    name="inline-reply",
    nodes=(f".//*[{_REPLY}]",),
    author=(".//p[a][last()]/a", f".//*[{_NAME}]"),
    author_url=(".//p[a][last()]/a/@href",),
    date_text=(".//p[a][last()]/a/following-sibling::text()[normalize-space()][1]", f".//*[{_DATE}]"),
    drop=(".//p[a][last()]", f".//*[{_DATE}]"),
)

HEURISTIC = ThreadProfile(
    name="heuristic",
    nodes=(
        # outermost comment areas only (nested ones would scan the same subtrees again); the
        # chained predicates narrow the candidates before the next descendant scan
        f"//*[{_AREA}][not(ancestor::*[{_AREA}])]//*[*][.//*[{_NAME}]][.//*[{_DATE}]][.//*[{_TEXT}]]"
        f"[not(ancestor-or-self::*[{_REPLY}])]",
    ),
    innermost=True,
    id=(".//a[starts-with(@name, 'comment')]/@name", "@id", ".//*[starts-with(@id, 'comment')]/@id", ".//a[@name]/@name"),
    id_pattern=r"([\w-]+)\s*$",
    author=(f".//*[{_NAME}][not(ancestor::*[{_REPLY}])]",),
    author_url=(f".//*[{_NAME}]//a/@href",),
    date_machine=(".//time/@datetime",),
    date_text=(f".//*[{_DATE}][not(ancestor::*[{_REPLY}])]",),
    permalink=(
        "concat('#', .//a[starts-with(@name, 'comment')]/@name)",
        ".//a[contains(@href, '#comment')]/@href",
    ),
    text=(f".//*[{_TEXT}][not({_REPLY})]",),
    drop=(f".//*[{_NAME}]", f".//*[{_DATE}]"),
    inline_reply=_INLINE_REPLY,
)

PROFILES: tuple[ThreadProfile, ...] = (MICRODATA, HEURISTIC)
