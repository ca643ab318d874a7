"""Is a fetched page a thread to store (a post with its comments) or a listing of posts?

Rules are ordered data: each is (role, XPath that is true for that role); the first true rule
decides. WordPress and Blogger say it in `<body class>`; other sites in `og:type` or by having
several posts on the page. A page no rule recognises is treated as a thread.
"""
from __future__ import annotations

from parsel import Selector

from .. import urls


def _body_class(token: str) -> str:
    return f"//body[contains(concat(' ', normalize-space(@class), ' '), ' {token} ')]"


def _body_class_prefix(prefix: str) -> str:
    return f"//body[contains(concat(' ', normalize-space(@class)), ' {prefix}')]"


# Posts on the page that are not comments: article/.hentry/.post outside any comment list.
_POSTS = (
    "(//article|//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' post-outer ')])"
    "[not(ancestor-or-self::*[contains(@class, 'comment')])]"
    "[not(ancestor::article)]"
)

ROLE_RULES: tuple[tuple[str, str], ...] = (
    ("thread", _body_class("single")),
    ("thread", _body_class_prefix("postid-")),
    ("thread", _body_class("page-template-default")),
    ("thread", _body_class("item-view")),  # Blogger: one post
    ("listing", _body_class("home")),
    ("listing", _body_class("blog")),
    ("listing", _body_class("archive")),
    ("listing", _body_class("search")),
    ("listing", _body_class("paged")),
    ("listing", _body_class("feed-view")),  # Blogger: the post list
    ("thread", "//meta[@property='og:type'][@content='article']"),
    ("listing", "//meta[@property='og:type'][@content='website']"),
    ("listing", f"count({_POSTS}) > 1"),
)

# URL kinds (crawler.urls.classify) that are listings whatever the markup says.
LISTING_KINDS = frozenset({"pagination", "listing", "feed"})


def page_role(selector: Selector, url: str) -> str:
    """`thread` or `listing`."""
    if urls.classify(url) in LISTING_KINDS:
        return "listing"
    for role, expr in ROLE_RULES:
        if selector.xpath(f"boolean({expr})").get() == "1":
            return role
    return "thread"
