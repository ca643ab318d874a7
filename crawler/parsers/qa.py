"""Question-and-answer pages (Stack Exchange and look-alikes): the question is the post, every
answer a comment on it, and the comments under a question or answer replies to it. Ids keep the
site's own element ids ("answer-10381", "comment-133229") because answers and comments are
numbered separately."""
from __future__ import annotations

from .document import C
from .profile import ThreadProfile

STACKEXCHANGE = ThreadProfile(
    name="qa",
    nodes=(
        f"//*[@id='question' or @id='answers']//div[{C('answer')}][starts-with(@id, 'answer-')]"
        f" | //*[@id='question' or @id='answers']//*[{C('comments-list')} or {C('js-comments-list')}]"
        f"/li[{C('comment')}][starts-with(@id, 'comment-')]",
    ),
    id=("@id",),
    id_pattern=r"^\s*(\S+)\s*$",
    author=(
        f".//a[{C('comment-user')}]",
        ".//*[@itemprop='author']//*[@itemprop='name']",
        f"(.//*[{C('post-signature')}])[last()]//*[{C('user-details')}]/a",
        f"(.//*[{C('post-signature')}])[last()]//*[{C('user-details')}]",
    ),
    author_url=(
        f".//a[{C('comment-user')}]/@href",
        f"(.//*[{C('post-signature')}])[last()]//*[{C('user-details')}]/a/@href",
    ),
    date_machine=(
        f".//*[{C('comment-date')}]//*[@title]/@title",
        f"(.//*[{C('post-signature')}])[last()]//*[{C('relativetime')}]/@title",
        ".//time[@itemprop='dateCreated']/@datetime",
    ),
    date_text=(
        f".//*[{C('comment-date')}]",
        f"(.//*[{C('post-signature')}])[last()]//*[{C('relativetime')}]",
    ),
    permalink=(f".//a[{C('js-share-link')}]/@href", f".//a[{C('comment-link')}]/@href", "concat('#', @id)"),
    text=(f".//*[{C('comment-copy')}]", f".//*[{C('js-post-body')}]", ".//*[@itemprop='text']"),
)

PROFILES: tuple[ThreadProfile, ...] = (STACKEXCHANGE,)
