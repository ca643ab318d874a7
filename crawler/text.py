"""Clean text from an HTML element: the words a reader sees, with paragraph breaks kept.

Block elements become paragraph breaks ("\\n\\n"), `<br>` and list items line breaks; scripts,
forms, avatars, reply/edit/share/report chrome are dropped (see the tables below). Callers pass
`skip` (elements to leave out, e.g. nested comments inside a comment) so that replies never leak
into the text of the comment or post they sit in.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

from lxml import etree

# Tags whose content is never reader text.
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "canvas", "form", "button", "input",
        "select", "textarea", "iframe", "object", "embed", "audio", "video", "map", "head",
        "title", "meta", "link",
    }
)

# Class or id tokens (exact) that mark widget chrome around comments and posts.
CHROME_TOKENS: frozenset[str] = frozenset(
    {
        "reply", "comment-reply", "comment-reply-link", "comment-reply-login", "reply-link",
        "says", "edit-link", "comment-edit-link", "post-edit-link", "comment-likes",
        "comment-like-link", "comment-like-feedback", "sharedaddy", "sd-sharing-enabled",
        "sd-like", "jp-relatedposts", "sharing", "share-buttons", "social-share", "avatar",
        "comment-author-avatar", "avatar-image-container", "comment-actions",
        "epoch-comment-actions", "pmcc-comments-report-link", "report-link",
        "screen-reader-text", "element-invisible", "visually-hidden", "sr-only",
        "item-control", "blog-admin", "thread-toggle", "comment-replybox-single",
        "comment-replybox-thread", "continue", "js-selectToQuoteEnd", "u-hidden",
        "message-footer", "actionBar", "reactionsBar", "rdf-meta", "wp-block-buttons",
        "comment-awaiting-moderation", "postfoot", "bbcode_postedby", "js-post-menu",
        "d-none", "tapatalkSignatur", "signature", "wp-block-post-comments-form",
        "comment-respond", "shariff", "addtoany_share_save_container", "a2a_kit", "ssba",
        "wp-block-social-links", "share-this", "sharethis", "social-links", "post-share",
        "wp-block-comment-reply-link", "wp-block-comment-edit-link", "rich-snippet-hidden",
        "expanding-formatter-trigger", "read-more-toggle", "in-reply-to", "comment-reply-to",
    }
)

# Tags that end a paragraph, and tags that end a line.
PARAGRAPH_TAGS: frozenset[str] = frozenset(
    {
        "p", "div", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "aside", "nav", "main", "table", "ul", "ol", "dl",
        "figure", "figcaption", "hr", "address", "details", "summary", "fieldset",
    }
)
LINE_TAGS: frozenset[str] = frozenset({"li", "tr", "dt", "dd", "br", "caption"})

# Images whose alt text is reader text (emoji rendered as images).
EMOJI_IMG_TOKENS: frozenset[str] = frozenset({"emoji", "wp-smiley", "smiley", "smilie"})

_PARA, _LINE = object(), object()
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\u2009\u202f]+")


def tokens(el: etree._Element) -> set[str]:
    """Class tokens of an element (the id counts as a token too, so rules can name either)."""
    found = set((el.get("class") or "").split())
    ident = el.get("id")
    if ident:
        found.add(ident)
    return found


def is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style


def is_chrome(el: etree._Element) -> bool:
    """True for elements that are never reader text: scripts, forms, widgets, hidden bits."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS:
        return True
    if tag == "a" and (el.get("href") or "").strip().lower().startswith("javascript:"):
        return True  # buttons dressed as links: "Report", "Expand", "Reply"
    return bool(tokens(el) & CHROME_TOKENS) or is_hidden(el)


def _pieces(
    root: etree._Element,
    skip: Collection[etree._Element],
    drop: Callable[[etree._Element], bool],
) -> Iterator[object]:
    """Text pieces and break markers of `root` in reading order (iterative: deep broken trees)."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if closing:
            if tag in PARAGRAPH_TAGS:
                yield _PARA
            elif tag in LINE_TAGS:
                yield _LINE
            if el is not root and el.tail:
                yield el.tail
            continue
        if el is not root and (
            not isinstance(el.tag, str) or el in skip or drop(el)
        ):
            if el.tail:
                yield el.tail
            continue
        if tag == "img":
            if tokens(el) & EMOJI_IMG_TOKENS and el.get("alt"):
                yield el.get("alt")
            stack.append((el, True))
            continue
        if tag in PARAGRAPH_TAGS:
            yield _PARA
        elif tag == "li" or tag == "dt" or tag == "dd":
            yield _LINE
        if el.text:
            yield el.text
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def clean_text(
    root: etree._Element | None,
    *,
    skip: Collection[etree._Element] = (),
    drop: Callable[[etree._Element], bool] = is_chrome,
) -> str:
    """The reader text of `root`: whitespace collapsed, paragraphs separated by a blank line."""
    if root is None:
        return ""
    out: list[str] = []
    pending: object | None = None
    for piece in _pieces(root, skip, drop):
        if piece is _PARA or piece is _LINE:
            if out and pending is not _PARA:
                pending = piece
            continue
        text = _SPACES.sub(" ", piece)  # type: ignore[arg-type]
        if not text.strip():
            if out and pending is None and not out[-1].endswith(" "):
                out.append(" ")
            continue
        if pending is not None:
            while out and out[-1].endswith(" "):
                out[-1] = out[-1].rstrip(" ")
            out.append("\n\n" if pending is _PARA else "\n")
            text = text.lstrip(" ")
            pending = None
        elif not out:
            text = text.lstrip(" ")
        elif out[-1].endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")
        out.append(text)
    joined = "".join(out).strip()
    return re.sub(r"[ ]*\n[ ]*", "\n", joined)


def inline_text(el: etree._Element | None) -> str:
    """One-line text of a small element (a name, a date), chrome removed."""
    if el is None:
        return ""
    return _SPACES.sub(" ", clean_text(el)).strip()
