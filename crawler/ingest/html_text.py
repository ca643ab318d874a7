"""HTML fragments from exports and feeds (post bodies, comment texts) turned into clean text.

Export formats store what the author typed: WordPress keeps paragraphs as blank lines and adds
`<p>` only when it displays them (`wpautop`), so `autop=True` does the same before the shared
`crawler.text.clean_text` runs; feeds and REST responses carry the displayed HTML already.
"""
from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from ..text import clean_text

_BLOCK_START = re.compile(
    r"<(p|div|blockquote|pre|h[1-6]|ul|ol|li|table|figure|hr|section|article)\b", re.IGNORECASE
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def autop(raw: str) -> str:
    """WordPress-style paragraphs: blank lines split `<p>`s, single newlines become `<br>`."""
    out: list[str] = []
    for chunk in _PARAGRAPH_BREAK.split(raw.replace("\r\n", "\n").strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def fragment_text(raw: str | None, *, autop_paragraphs: bool = False) -> str:
    """Reader text of an HTML fragment; plain text passes through with its paragraphs kept."""
    if not raw or not raw.strip():
        return ""
    markup = autop(raw) if autop_paragraphs else raw
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(raw).strip()
    return clean_text(root)


def plain(value: str | None) -> str | None:
    """A short field (title, author name) with entities decoded and whitespace collapsed.

    Feeds double-encode names (`Late Night Linux &#8211; …` inside CDATA), so unescape runs
    until the text stops changing (at most a few rounds).
    """
    if value is None:
        return None
    text = value
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = " ".join(text.split())
    return text or None
