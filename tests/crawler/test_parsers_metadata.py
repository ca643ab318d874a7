"""The post's date, author and title from structured data (JSON-LD, microdata, OpenGraph via
extruct) and htmldate as the date's last resort: on the corpus pages that had it wrong or missing
(issue 17), and on small saved pages that isolate each source."""
from __future__ import annotations

import pytest

from crawler.parsers import parse_html
from tests.conftest import _shared_path

CORPUS = _shared_path() / "corpus" / "real"


@pytest.mark.parametrize(
    ("file", "day", "author"),
    [
        # JSON-LD in a CDATA section says 2018-04-05 and the author; a sidebar article shows 2018-02-12
        ("drupal/aclu.org_facebook-tracking-non-users.html", "2018-04-05", "Daniel Kahn Gillmor"),
        # no date of its own in the markup; comments start 2019-05-30
        ("blogger/luxuryhaven.co_nam-nghi-phu-quoc-hyatt.html", "2019-05-30", "Blackswan"),
        # Avada prints "Juni 19th, 2018" in a bare span (and a later update in a hidden one)
        ("wordpress/moritz-meyer.net_vreni-frost-abmahnung.html", "2018-06-19", "MoritzMeyer"),
        # no date at all on the post; a teaser elsewhere says 2 Aug 2013, after the first comment
        ("wordpress/web.archive.org_muffinrezept.net_grundrezept.html", "2013-07-30", None),
        # microdata Article says 2023-10-18; a teaser list's RDFa date 2023-10-10 is not the post's
        ("drupal/hpd.de_homosexuellenhass.html", "2023-10-18", "Moritz Pieczewski-Freimuth"),
    ],
)
def test_corpus_post_dates(file: str, day: str, author: str | None) -> None:
    path = CORPUS / file
    if not path.exists():
        pytest.fail(f"shared corpus file missing: {path}")
    page = parse_html(path.read_bytes(), "https://example.org/post/")
    assert page.post.published is not None and page.post.published[:10] == day
    assert page.post.author == author
    comments = [c.published for c in page.comments if c.published]
    assert not comments or page.post.published[:10] <= min(comments)[:10]


HEAD = "<html><head><title>T</title>{head}</head><body>{body}</body></html>"
PROSE = "<p>" + "A paragraph of the post that is long enough to be its body text. " * 5 + "</p>"


def _page(head: str = "", body: str = "") -> bytes:
    return HEAD.format(head=head, body=body or PROSE).encode()


@pytest.mark.parametrize(
    ("name", "html", "published", "author"),
    [
        ("json-ld in CDATA", _page(
            '<script type="application/ld+json"><![CDATA[{"@type": "BlogPosting", "datePublished": '
            '"2017-03-04T10:00:00Z", "author": {"@type": "Person", "name": "Ann Writer"}}]]></script>'),
         "2017-03-04T10:00:00Z", "Ann Writer"),
        ("json-ld in a @graph", _page(
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": "Article",'
            ' "datePublished": "2016-01-02", "author": [{"name": "Bo Li"}]}]}</script>'),
         "2016-01-02T00:00:00", "Bo Li"),
        ("microdata", _page(body='<div itemscope itemtype="http://schema.org/BlogPosting">'
                                 '<span itemprop="author" itemscope itemtype="http://schema.org/Person">'
                                 '<span itemprop="name">Cy Doe</span></span>'
                                 '<span itemprop="datePublished">2015-05-06</span>' + PROSE + "</div>"),
         "2015-05-06T00:00:00", "Cy Doe"),
        ("opengraph", _page('<meta property="article:published_time" content="2014-07-08T09:10:11+02:00">'),
         "2014-07-08T07:10:11Z", None),
        ("a broken block loses only itself", _page(
            '<script type="application/ld+json">{"@type": </script>'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2013-01-02"}</script>'),
         "2013-01-02T00:00:00", None),
    ],
)
def test_structured_data_dates_the_post(name: str, html: bytes, published: str, author: str | None) -> None:
    post = parse_html(html, "https://example.org/a/").post
    assert (post.published, post.author) == (published, author), name


def test_structured_date_beats_a_sidebar_date() -> None:
    html = _page('<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": "2018-04-05"}</script>',
                 PROSE + '<aside><span class="date">February 12, 2018</span></aside>'
                 '<div class="teaser"><span class="date">February 12, 2018</span></div>')
    post = parse_html(html, "https://example.org/a/").post
    assert post.published == "2018-04-05T00:00:00"
    assert post.published_text == "2018-04-05"  # not the teaser's date text


COMMENTS = ('<ol class="commentlist">'
            '<li class="comment depth-1" id="comment-1"><div class="comment-author vcard"><cite class="fn">Al</cite>'
            '</div><div class="comment-meta"><time datetime="{first}">x</time></div><p>First!</p></li></ol>')


@pytest.mark.parametrize(
    ("url", "first", "published", "says"),
    [
        # htmldate reads the date from the address; it is before the first comment: it stands
        ("https://example.org/2012/03/04/a-post/", "2012-05-01T10:00:00Z", "2012-03-04T00:00:00", "htmldate"),
        # htmldate's date falls after the first comment: the first comment's date, as an upper bound
        ("https://example.org/2012/03/04/a-post/", "2011-01-01T10:00:00Z", "2011-01-01T10:00:00Z", "first comment"),
        # nothing to read at all but the comment
        ("https://example.org/a-post/", "2011-01-01T10:00:00Z", "2011-01-01T10:00:00Z", "first comment"),
    ],
)
def test_undated_post_falls_back_to_htmldate_then_the_first_comment(
    url: str, first: str, published: str, says: str
) -> None:
    html = _page(body=PROSE + COMMENTS.format(first=first))
    page = parse_html(html, url)
    assert page.post.published == published
    assert any("states no date" in w and says in w for w in page.warnings), page.warnings
    assert page.comments[0].published == first  # the engine's own per-comment date is untouched


def test_an_unreadable_post_date_is_named_and_kept_as_shown() -> None:
    html = _page(body='<article><span class="entry-date">Octember 3, 2013 25:61 pm</span>' + PROSE + "</article>")
    page = parse_html(html, "https://example.org/a-post/")
    assert page.post.published_text == "Octember 3, 2013 25:61 pm"
    assert "the post's date 'Octember 3, 2013 25:61 pm' could not be read" in page.warnings


def test_reading_structured_data_loads_only_extruct_readers() -> None:
    """A page with JSON-LD, microdata and OpenGraph is read without the syntaxes extruct also
    knows and parsing never uses (RDFa's rdflib, microformats' mf2py): they cost the crawl's writer
    more than the readers; the whole package still comes when asked for (`extruct.extract`)."""
    import subprocess
    import sys
    from pathlib import Path

    script = """
import sys
from crawler.parsers import parse_html
page = parse_html(
    b'<html><head><meta property="og:title" content="The title">'
    b'<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": "2020-02-03"}</script>'
    b'</head><body><article itemscope itemtype="https://schema.org/BlogPosting">'
    b'<span itemprop="author">Ann</span><p>Text of the post, long enough to be one.</p></article></body></html>',
    "https://example.org/2020/02/post/")
print(page.post.published[:10], page.post.title, page.post.author)
print(sorted(m for m in ("rdflib", "mf2py") if m in sys.modules))
import extruct
print(callable(extruct.extract), "rdflib" in sys.modules)
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["2020-02-03 The title Ann", "[]", "True True"]
