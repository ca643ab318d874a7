"""The blog spider offline: saved pages in, requests and items out (no network, no reactor)."""
from __future__ import annotations

from pathlib import Path

import pytest
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure

from crawler.items import PageItem
from crawler.spiders.blog import BlogSpider
from crawler.spiders.failures import classify_failure
from crawler.spiders.roles import page_role

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"
BASE = "http://blog.test/"
GOVERNOR = BASE + "2013/09/20/district-governor-joins-taliban/"


def _response(path: str, url: str | None = None, depth: int = 0) -> TextResponse:
    file = SITE / path
    body = file.read_bytes()
    url = url or BASE + path.removesuffix("index.html").removesuffix("index.xml")
    request = Request(url, meta={"depth_hops": depth, "cl_url": url})
    cls = XmlResponse if file.suffix == ".xml" else HtmlResponse
    headers = {"Content-Type": "application/rss+xml" if cls is XmlResponse else "text/html; charset=utf-8",
               "ETag": '"abc"'}
    return cls(url=url, body=body, headers=headers, request=request, encoding="utf-8")


def _run(spider: BlogSpider, response: Response) -> tuple[list[scrapy.Request], list[PageItem]]:
    out = list(spider.parse(response))
    return [o for o in out if isinstance(o, scrapy.Request)], [o for o in out if isinstance(o, PageItem)]


def test_front_page_leads_to_posts_older_posts_and_the_feed_but_not_to_traps() -> None:
    spider = BlogSpider([BASE])
    requests, items = _run(spider, _response("index.html", BASE))
    urls = {r.url for r in requests}
    assert {
        BASE + "2013/10/02/two-birth-years-for-one-governor/",
        BASE + "2013/09/24/who-is-qazi-abdul-hai/",
        GOVERNOR,
        GOVERNOR + "comment-page-2/",  # from the recent-comments widget, fragment dropped
        BASE + "page/2/",
        BASE + "feed/",
    } <= urls
    # calendar archives, login, per-post and comment feeds, stylesheets are never requested
    for bad in ("2013/09/", "2013/10/", "wp-login.php", "comments/feed/", "wp-content"):
        assert not any(u.endswith(bad) or bad + "style" in u for u in urls), bad
    assert not any("#" in u or "replytocom" in u or "share=" in u for u in urls)
    [item] = items
    assert item["role"] == "listing" and item["body"] is None  # listings are not parsed as threads
    assert item["etag"] == '"abc"' and item["status"] == 200 and item["content_hash"]


def test_post_page_sends_body_to_the_pipeline_and_keeps_comment_pages_at_its_depth() -> None:
    spider = BlogSpider([BASE], depth=1)
    requests, [item] = _run(spider, _response("2013/09/20/district-governor-joins-taliban/index.html", depth=1))
    assert item["role"] == "thread" and item["body"].startswith(b"<!DOCTYPE html>")
    depths = dict(item["outlinks"])
    assert depths[GOVERNOR + "comment-page-2/"] == 1  # same thread: same depth
    assert depths[BASE + "2013/09/24/who-is-qazi-abdul-hai/"] == 2
    urls = {r.url for r in requests}
    # with --depth 1, the comment page is followed and the next post is not
    assert GOVERNOR + "comment-page-2/" in urls
    assert BASE + "2013/09/24/who-is-qazi-abdul-hai/" not in urls
    # reply links and share buttons collapse onto the post itself, which is not re-requested
    assert GOVERNOR not in urls and not any("replytocom" in u for u in urls)


def test_comment_page_two_links_back_to_page_one_via_older_comments() -> None:
    spider = BlogSpider([BASE])
    requests, [item] = _run(spider, _response("2013/09/20/district-governor-joins-taliban/comment-page-2/index.html"))
    assert GOVERNOR + "comment-page-1/" in {r.url for r in requests}
    assert item["role"] == "thread"


def test_feed_entries_become_post_requests() -> None:
    spider = BlogSpider([BASE])
    requests, [item] = _run(spider, _response("feed/index.xml"))
    assert item["role"] == "feed" and item["body"] is None
    assert {r.url for r in requests} == {
        BASE + "2013/10/02/two-birth-years-for-one-governor/",
        BASE + "2013/09/24/who-is-qazi-abdul-hai/",
        GOVERNOR,
        BASE + "2013/08/15/new-road-to-sar-e-pol/",
    }


def test_off_site_links_are_not_followed() -> None:
    html = b"""<html><body class="home blog"><a href="http://other.test/x/">x</a>
    <a href="https://www.blog.test/a-post/">same site, www</a><a href="mailto:a@b.c">m</a>
    <a href="javascript:void(0)">j</a></body></html>"""
    spider = BlogSpider([BASE])
    response = HtmlResponse(BASE, body=html, request=Request(BASE, meta={"depth_hops": 0}))
    requests, _ = _run(spider, response)
    assert [r.url for r in requests] == ["https://www.blog.test/a-post/"]


def test_max_pages_caps_requests() -> None:
    spider = BlogSpider([BASE], max_pages=3)
    start = spider._request(BASE, 0, force=True)
    assert start is not None
    requests, _ = _run(spider, _response("index.html", BASE))
    assert len(requests) == 2 and spider.requested == 3


def test_not_modified_page_follows_the_links_it_had_last_time() -> None:
    remembered = [(GOVERNOR + "comment-page-2/", 0), (BASE + "page/2/", 1)]
    spider = BlogSpider([BASE], known={GOVERNOR: ('"e"', None, "h")})
    spider.outlinks = {GOVERNOR: remembered}
    request = Request(GOVERNOR, meta={"depth_hops": 0, "cl_url": GOVERNOR})
    requests, [item] = _run(spider, Response(GOVERNOR, status=304, request=request))
    assert item["unchanged"] and item["status"] == 304 and item["content_hash"] == "h"
    assert [r.url for r in requests] == [u for u, _ in remembered]


def test_same_bytes_as_last_time_is_not_parsed_again() -> None:
    response = _response("2013/09/24/who-is-qazi-abdul-hai/index.html")
    import hashlib

    digest = hashlib.sha256(response.body).hexdigest()
    spider = BlogSpider([BASE], known={response.url: (None, None, digest)})
    spider.outlinks = {response.url: []}
    _, [item] = _run(spider, response)
    assert item["unchanged"] and item["body"] is None


@pytest.mark.parametrize(
    ("body_class", "url", "role"),
    [
        ("single single-post postid-7", BASE + "a/", "thread"),
        ("home blog", BASE + "a/", "listing"),
        ("archive category", BASE + "a/", "listing"),
        ("", BASE + "page/3/", "listing"),
        ("", BASE + "a/", "thread"),
    ],
)
def test_page_role(body_class: str, url: str, role: str) -> None:
    html = f'<html><body class="{body_class}"><article>one</article></body></html>'.encode()
    assert page_role(HtmlResponse(url, body=html).selector, url) == role


def test_several_posts_without_body_classes_make_a_listing() -> None:
    html = b"<html><body><article><h2>a</h2></article><article><h2>b</h2></article></body></html>"
    assert page_role(HtmlResponse(BASE + "x/", body=html).selector, BASE + "x/") == "listing"


def _failure(exc: BaseException, url: str = BASE + "x/") -> Failure:
    failure = Failure(exc)
    failure.request = Request(url, meta={"cl_url": url})  # type: ignore[attr-defined]
    return failure


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (HttpError(Response(BASE + "x/", status=404), "nope"), "http-404"),
        (HttpError(Response(BASE + "x/", status=500), "nope"), "http-500"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
        (IgnoreRequest("max redirections reached"), "redirect-loop"),
        (IgnoreRequest("redirect loop: a -> b -> a"), "redirect-loop"),
        (net.TimeoutError("took too long"), "timeout"),
        (net.DNSLookupError("no such host"), "dns"),
        (net.ConnectionRefusedError(), "connection"),
        (ValueError("odd"), "other"),
    ],
)
def test_failures_are_classified(exc: BaseException, kind: str) -> None:
    got, reason, _status = classify_failure(_failure(exc))
    assert got == kind and reason


def test_errback_yields_an_error_item_with_url_and_reason() -> None:
    spider = BlogSpider([BASE])
    [item] = list(spider.failed(_failure(net.TimeoutError("took too long"))))
    assert item["error_kind"] == "timeout" and "timed out" in item["error"]
    assert item["url"] == BASE + "x/" and item["role"] == "error"


def test_redirect_to_a_page_already_crawled_is_not_an_error() -> None:
    spider = BlogSpider([BASE])
    [item] = list(spider.failed(_failure(IgnoreRequest(f"redirects to a page already crawled: {GOVERNOR}"))))
    assert item["error_kind"] is None and item["role"] == "redirect"


@pytest.mark.parametrize("spider", ["other-spider", "no-engine"])
def test_the_store_pipeline_takes_its_objects_from_a_blog_spider_only(spider: str) -> None:
    """What the pipeline needs is typed on BlogSpider, not fished out with getattr."""
    from types import SimpleNamespace

    import scrapy

    from crawler.pipelines import StorePipeline
    from crawler.spiders.blog import BlogSpider

    pipeline = StorePipeline(1)
    pipeline.crawler = SimpleNamespace(spider=scrapy.Spider(name="x") if spider == "other-spider"
                                       else BlogSpider(["http://127.0.0.1:9/"]))  # type: ignore[assignment]
    with pytest.raises(ValueError, match="needs a BlogSpider with an `engine`"):
        pipeline.open_spider()


def test_the_middlewares_read_the_blog_spider_s_typed_objects_and_stand_aside_for_others() -> None:
    """Validators, pages seen and scope come from BlogSpider's attributes, not getattr on Any."""
    from types import SimpleNamespace

    import scrapy
    from scrapy import Request

    from crawler.middlewares import ConditionalRequestMiddleware, RedirectTargetMiddleware, ScopeMiddleware

    spider = BlogSpider([BASE])
    spider.known = {BASE + "x/": ('"v1"', "Fri, 20 Sep 2013 10:00:00 GMT", "digest")}
    crawler = SimpleNamespace(spider=spider)
    request = Request(BASE + "x/")
    ConditionalRequestMiddleware(crawler).process_request(request)  # type: ignore[arg-type]
    assert request.headers[b"If-None-Match"] == b'"v1"'
    with pytest.raises(IgnoreRequest, match="offsite"):
        ScopeMiddleware(crawler).process_request(Request("http://elsewhere.test/"))  # type: ignore[arg-type]
    hop = Request(BASE + "y/", meta={"redirect_urls": [BASE + "z/"]})
    RedirectTargetMiddleware(crawler).process_request(hop)  # type: ignore[arg-type]
    assert BASE + "y/" in spider.seen

    other = SimpleNamespace(spider=scrapy.Spider(name="other"))
    plain = Request(BASE + "x/")
    ConditionalRequestMiddleware(other).process_request(plain)  # type: ignore[arg-type]
    ScopeMiddleware(other).process_request(Request("http://elsewhere.test/"))  # type: ignore[arg-type]
    assert b"If-None-Match" not in plain.headers
