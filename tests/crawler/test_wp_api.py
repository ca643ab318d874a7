"""Finding a thread's REST comments listing and paging through it, offline from built responses."""
from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawler.spiders import wp_api

PAGE = "https://blog.example.org/2014/03/04/a-post/"


def _page(head: str = "", body_class: str = "single", headers: dict[str, str] | None = None) -> HtmlResponse:
    html = f"<html><head>{head}</head><body class='{body_class}'><p>text</p></body></html>"
    return HtmlResponse(PAGE, body=html.encode(), encoding="utf-8", headers=headers or {})


@pytest.mark.parametrize(
    ("head", "body_class", "headers", "expected"),
    [
        ('<link rel="https://api.w.org/" href="https://blog.example.org/wp-json/">'
         '<link rel="alternate" type="application/json" href="https://blog.example.org/wp-json/wp/v2/posts/77">',
         "single", None, "https://blog.example.org/wp-json/wp/v2/comments?post=77&per_page=100&page=1"),
        # the root in a Link header, the id from the shortlink
        ('<link rel="shortlink" href="https://blog.example.org/?p=78">', "single",
         {"Link": '<https://blog.example.org/wp-json/>; rel="https://api.w.org/"'},
         "https://blog.example.org/wp-json/wp/v2/comments?post=78&per_page=100&page=1"),
        # no pretty permalinks: ?rest_route=/ ; the id from the body class
        ('<link rel="https://api.w.org/" href="/?rest_route=/">', "single single-post postid-79", None,
         "https://blog.example.org/?rest_route=%2Fwp%2Fv2%2Fcomments&post=79&per_page=100&page=1"),
        # a root but no post id, a post id but no root: nothing to ask
        ('<link rel="https://api.w.org/" href="/wp-json/">', "single", None, None),
        ("", "single postid-80", None, None),
    ],
)
def test_thread_comments_url(head: str, body_class: str, headers: dict[str, str] | None, expected: str | None) -> None:
    assert wp_api.thread_comments_url(_page(head, body_class, headers)) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=100&page=2", True),
        ("https://b.org/?rest_route=%2Fwp%2Fv2%2Fcomments&post=7&page=1", True),
        ("https://b.org/wp-json/wp/v2/comments", False),  # every comment of the site: not a thread
        ("https://b.org/wp-json/wp/v2/posts?post=7", False),
        ("https://b.org/2014/03/04/a-post/?post=7", False),
    ],
)
def test_is_comments_url(url: str, expected: bool) -> None:
    assert wp_api.is_comments_url(url) is expected


def _listing(url: str, items: int, total_pages: str | None = None) -> TextResponse:
    headers = {"Content-Type": "application/json"}
    if total_pages is not None:
        headers["X-WP-TotalPages"] = total_pages
    body = json.dumps([{"id": i, "post": 7, "parent": 0} for i in range(items)]).encode()
    return TextResponse(url, body=body, headers=headers, encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "items", "total", "expected_page"),
    [
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=3&page=1", 3, None, 2),  # full page: ask on
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=3&page=2", 2, None, None),  # short page: the end
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=3&page=1", 3, "1", None),  # the header knows
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=3&page=2", 1, "4", 3),
        ("https://b.org/wp-json/wp/v2/comments?post=7&per_page=3&page=1", 0, None, None),
    ],
)
def test_next_page_url(url: str, items: int, total: str | None, expected_page: int | None) -> None:
    found = wp_api.next_page_url(_listing(url, items, total))
    if expected_page is None:
        assert found is None
    else:
        assert found == url.rsplit("page=", 1)[0] + f"page={expected_page}"


def test_next_page_of_a_body_that_is_not_json_is_none() -> None:
    response = TextResponse("https://b.org/wp-json/wp/v2/comments?post=7&page=1", body=b"<html>login</html>",
                            encoding="utf-8")
    assert wp_api.next_page_url(response) is None


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/json; charset=UTF-8", b"[]", True),
        (None, b"\xef\xbb\xbf [{\"id\": 1}]", True),  # no type, a BOM, then a JSON list
        ("text/html; charset=UTF-8", b"<html><form>Log in</form></html>", False),
        ("text/html", b"[]", False),  # what the server says it is wins over a lucky first byte
        ("text/plain", b"Forbidden", False),
    ],
)
def test_is_json(content_type: str | None, body: bytes, expected: bool) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = TextResponse("https://b.org/wp-json/wp/v2/comments?post=7", body=body, headers=headers, encoding="utf-8")
    assert wp_api.is_json(response) is expected
