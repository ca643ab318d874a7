"""URL canonicalisation, trap guards and link kinds."""
from __future__ import annotations

import pytest

from crawler import urls
from crawler.urls import canonical


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.ORG:80/a/b/#comment-5", "http://example.org/a/b/"),
        ("https://example.org:443/x?utm_source=tw&utm_medium=social&p=7", "https://example.org/x?p=7"),
        ("https://example.org/post/?replytocom=201#respond", "https://example.org/post/"),
        ("https://example.org/post/?share=twitter&nb=1", "https://example.org/post/"),
        ("https://example.org/post/?fbclid=abc&gclid=def", "https://example.org/post/"),
        ("https://example.org/a//b/./c/../d/", "https://example.org/a/b/d/"),
        ("https://example.org/caf%c3%a9/", "https://example.org/caf%C3%A9/"),
        ("https://example.org/café/", "https://example.org/caf%C3%A9/"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:8080/x", "https://example.org:8080/x"),
        ("https://example.org/?b=2&a=1", "https://example.org/?b=2&a=1"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_canonical(raw: str, expected: str) -> None:
    assert urls.canonical(raw) == expected


@pytest.mark.parametrize(
    ("url", "reason_fragment"),
    [
        ("https://b.example/2013/09/", "calendar archive"),
        ("https://b.example/2013/09/20/", "calendar archive"),
        ("https://b.example/2013/", "calendar archive"),
        ("https://b.example/2013/09/page/2/", "calendar archive"),
        ("https://b.example/?m=201309", "calendar archive query"),
        ("https://b.example/events/month/2013-09/", "calendar page"),
        ("https://b.example/wp-login.php", "login"),
        ("https://b.example/wp-admin/edit.php", "admin"),
        ("https://b.example/a-post/feed/", "feed"),
        ("https://b.example/comments/feed/", "feed"),
        ("https://b.example/a-post/trackback/", "trackback"),
        ("https://b.example/?s=taliban", "search"),
        ("https://b.example/list?a=1&b=2&c=3&d=4&e=5", "five or more"),
        ("https://b.example/x?q=" + "z" * 200, "search"),
        ("https://b.example/y?token=" + "z" * 200, "longer than 120"),
        ("https://b.example/tag/a/tag/a/tag/a/", "repeating"),
        ("https://b.example/" + "".join(f"s{i}/" for i in range(14)), "deeper"),
    ],
)
def test_traps_are_refused_with_a_reason(url: str, reason_fragment: str) -> None:
    reason = urls.trap_reason(url)
    assert reason is not None and reason_fragment in reason


@pytest.mark.parametrize(
    "url",
    [
        "https://b.example/",
        "https://b.example/2013/09/20/district-governor-joins-taliban/",
        "https://b.example/2013/09/20/a-post/comment-page-2/",
        "https://b.example/page/3/",
        "https://b.example/feed/",
        "https://b.example/?p=101",
        "https://b.example/2013/09/a-blogger-post.html",
        "https://b.example/category/afghanistan/",
    ],
)
def test_ordinary_blog_urls_are_not_traps(url: str) -> None:
    assert urls.trap_reason(url) is None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://b.example/a-post/comment-page-2/", "comment-page"),
        ("https://b.example/?p=5&cpage=2", "comment-page"),
        ("https://b.example/feed/", "feed"),
        ("https://b.example/feeds/posts/default", "feed"),
        ("https://b.example/page/2/", "pagination"),
        ("https://b.example/search?updated-max=2013-09-01T00:00:00Z", "pagination"),
        ("https://b.example/", "listing"),
        ("https://b.example/category/news/", "listing"),
        ("https://b.example/2013/09/20/a-post/", "page"),
    ],
)
def test_classify(url: str, kind: str) -> None:
    assert urls.classify(url) == kind


@pytest.mark.parametrize(
    ("url", "post"),
    [
        ("https://b.example/a/comment-page-2/", "https://b.example/a/"),
        ("https://b.example/?p=5&cpage=3", "https://b.example/?p=5"),
        ("https://b.example/a/", "https://b.example/a/"),
    ],
)
def test_post_url_of_a_comment_page(url: str, post: str) -> None:
    assert urls.post_url(url) == post


def test_same_site_ignores_www_and_default_ports_but_not_other_ports_or_hosts() -> None:
    host = urls.site_key("https://www.Example.org/x")
    assert host == "example.org"
    assert urls.same_site("http://example.org/y", host) and urls.same_site("https://example.org:443/", host)
    assert not urls.same_site("http://example.org:8080/y", host)
    assert not urls.same_site("https://example.org.evil.test/", host)
    assert not urls.same_site("https://blog.example.org/", host)
    assert urls.site_key("http://127.0.0.1:8642/a") == "127.0.0.1:8642" != urls.site_key("http://127.0.0.1:9/")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://Bücher.Example/Straße/?utm_source=x&q=ü#c", "http://xn--bcher-kva.example/Stra%C3%9Fe/?q=%C3%BC"),
        ("https://xn--bcher-kva.example/a/", "https://xn--bcher-kva.example/a/"),
        ("https://пример.рф/статья", "https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F"),
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ],
    ids=["idn-host", "already-ascii", "cyrillic", "ipv6"],
)
def test_canonical_spells_internationalised_hosts_in_ascii(url: str, expected: str) -> None:
    assert canonical(url) == expected


def test_relative_links_on_an_idn_site_stay_on_the_site() -> None:
    """The seed as the user typed it and the links Scrapy resolves (w3lib, xn--) are one site."""
    from urllib.parse import urljoin

    from crawler.urls import same_site, site_key

    seed = "https://www.bücher.example/blog/"
    for href in ("/2020/01/post/", "post-2/", "https://xn--bcher-kva.example/about/"):
        assert same_site(canonical(urljoin(seed, href)), site_key(seed)), href


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:8765", ["https://127.0.0.1:8765", "http://127.0.0.1:8765"]),
        ("localhost:8765/blog/", ["https://localhost:8765/blog/", "http://localhost:8765/blog/"]),
        ("blog.example.org", ["https://blog.example.org", "http://blog.example.org"]),
        ("example.org/2013/09/post/?p=1", ["https://example.org/2013/09/post/?p=1", "http://example.org/2013/09/post/?p=1"]),
        ("https://example.org/", []),
        ("page.html", []),
        ("export.xml.gz", []),
        ("./saved/page.html", []),
        ("notes", []),
    ],
)
def test_an_address_without_a_scheme_means_https_then_http(text: str, expected: list[str]) -> None:
    assert urls.schemeless_candidates(text) == expected
