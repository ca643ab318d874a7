"""Blogger threads: the threaded-comments template (`comment-thread`, `comment-replies`) and the
classic `dl#comments-block` template, as ordered selector data. Comment times come from the
permalink's `showComment=<epoch ms>` (exact, UTC) before the shown text."""
from __future__ import annotations

from .document import C, ID
from .profile import ThreadProfile

BLOGGER_THREADED = ThreadProfile(
    name="blogger",
    nodes=(
        f"//*[{C('comment-thread')}]//li[{C('comment')}][{ID('c')}]",
        f"//*[@id='comments']//li[{C('comment')}][{ID('c')}]",
    ),
    id=("@id",),
    author=(f".//cite[{C('user')}]", f".//*[{C('comment-header')}]//cite", f".//*[{C('user')}]"),
    author_url=(f".//cite[{C('user')}]//a/@href",),
    date_url=(f".//*[{C('datetime')}]//a/@href", ".//a[contains(@href, 'showComment=')]/@href"),
    date_text=(f".//*[{C('datetime')}]",),
    permalink=(f".//*[{C('datetime')}]//a/@href", ".//a[contains(@href, 'showComment=')]/@href"),
    text=(f".//*[{C('comment-content')}]", f".//*[{C('comment-body')}]"),
    drop=(f".//*[{C('comment-header')}]", f".//*[{C('comment-replies')}]"),
)

# Older templates: <dl id="comments-block"><dt class="comment-author" id="c123">…<dd class="comment-body">.
BLOGGER_CLASSIC = ThreadProfile(
    name="blogger-classic",
    nodes=("//dl[@id='comments-block']/dt",),
    id=("@id", "a[@name]/@name"),
    author=(".//a[@rel='nofollow' or starts-with(@href, 'http')]", "."),
    author_url=(".//a/@href",),
    date_url=("following-sibling::dd[2]//a[contains(@href, 'showComment=')]/@href",),
    date_text=(f"following-sibling::dd[{C('comment-footer')}][1]",),
    permalink=("following-sibling::dd[2]//a[contains(@href, 'showComment=')]/@href",),
    text=(f"following-sibling::dd[{C('comment-body')}][1]", "following-sibling::dd[1]"),
)

PROFILES: tuple[ThreadProfile, ...] = (BLOGGER_THREADED, BLOGGER_CLASSIC)
