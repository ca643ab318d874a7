"""Which platform made a page: ordered (platform, XPath test) rules, first match wins.

Generator meta tags are the strongest sign, then platform-specific body classes and markup.
Mirrors and archives often drop the generator tag, so markup rules follow.
"""
from __future__ import annotations

from lxml import etree

from .document import C, ID, xpath

PLATFORMS: tuple[str, ...] = (
    "wordpress", "wordpress-com", "blogger", "drupal", "xenforo", "vbulletin", "movabletype", "livejournal", "phpbb",
    "discourse", "staticman", "generic",
)

_GEN = "//meta[translate(@name, 'GENERATOR', 'generator')='generator']/@content"

RULES: tuple[tuple[str, str], ...] = (
    ("wordpress-com", f"{_GEN}[contains(., 'WordPress.com')]"),
    ("wordpress-com", f"/html/body[{C('highlander-enabled')} or {C('wpcomblog')}]"),
    ("blogger", f"{_GEN}[translate(., 'BLOGER', 'bloger')='blogger']"),
    ("drupal", f"{_GEN}[starts-with(translate(., 'DRUPAL', 'drupal'), 'drupal')]"),
    ("xenforo", f"{_GEN}[contains(translate(., 'XENFORO', 'xenforo'), 'xenforo')]"),
    ("vbulletin", f"{_GEN}[contains(translate(., 'VBULETIN', 'vbuletin'), 'vbulletin')]"),
    ("wordpress", f"{_GEN}[starts-with(., 'WordPress')]"),
    ("movabletype", f"{_GEN}[contains(translate(., 'MOVABLETYPE', 'movabletype'), 'movable type') or contains(., 'typepad.com')]"),
    ("discourse", f"{_GEN}[starts-with(., 'Discourse')]"),
    ("xenforo", "/html[@id='XF'] | //*[@data-xf-init] | //body[@data-template='thread_view']"),
    ("vbulletin", f"//li[{C('postcontainer')} or {C('postbitlegacy')}][starts-with(@id, 'post_')]"),
    ("vbulletin", "//script[contains(@src, 'vbulletin')] | //link[contains(@href, 'vbulletin')]"),
    ("phpbb", f"/html/body[@id='phpbb'] | //div[{C('post')}][{ID('p')}]//p[{C('author')}]"),
    ("discourse", f"//div[{C('crawler-post')}]//*[{C('crawler-post-meta')}]"),
    ("blogger", f"//*[{C('comment-thread')}]//li[{ID('c')}] | //*[@id='comments-block'] | //script[contains(@src, 'blogger.com')]"),
    ("drupal", "//script[contains(., 'Drupal.settings')] | //*[contains(@typeof, 'sioct:Comment')]"),
    ("movabletype", "/html[@id='sixapart-standard' or @id='typepad-standard']"
     " | //form[contains(@action, 'mt-comments.') or contains(@action, 'mt-tb.')]"),
    ("wordpress", f"/html/body[contains(@class, 'postid-') or {C('single-post')}]"),
    ("wordpress", "//link[contains(@href, '/wp-content/') or contains(@href, '/wp-includes/')] | //script[contains(@src, '/wp-content/') or contains(@src, '/wp-includes/')]"),
    ("wordpress", f"//*[{C('commentlist')} or {C('comment-list')} or {C('wp-block-comment-template')}]//*[{ID('comment-')}]"),
    ("staticman", "//form[contains(@action, '/entry/')][.//*[@name='options[slug]']]"
     f" | //article[{C('js-comment')} or {C('static-comment')}][starts-with(@id, 'comment')]"),
    # after WordPress: crossposting plugins put `ljuser` spans into WordPress posts
    ("livejournal", f"//div[{C('comment')}][starts-with(@id, 'comment-cmt')] | //span[{C('ljuser')}]"),
)


def detect_platform(doc: etree._Element) -> str:
    """One of PLATFORMS for a parsed page (`generic` when no rule matches)."""
    for platform, test in RULES:
        if xpath(doc, test):
            return platform
    return "generic"
