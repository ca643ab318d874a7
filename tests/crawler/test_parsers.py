"""parse_html and detect_platform on small hand-written pages: one edge case each."""
from __future__ import annotations

import json

import lxml.html
import pytest

from crawler.errors import ParseError
from crawler.parsers import detect_platform, parse_html

URL = "https://blog.example/2023/05/a-post/"

BLOCK_THEME = """<!doctype html><html lang="en"><head><meta name="generator" content="WordPress 6.4">
<title>A post</title></head><body class="single postid-42">
<main><h1 class="wp-block-post-title">A post about rivers</h1>
<div class="entry-content wp-block-post-content"><p>The river rose two metres in a night, the
mayor said, and the bridge was closed for a week while engineers looked at the piers.</p>
<p>Second paragraph of the post with enough words to count as the body of the article.</p></div>
<div class="wp-block-comments"><h2>2 responses</h2>
<ol class="wp-block-comment-template">
 <li id="comment-7" class="comment even thread-even depth-1">
  <div class="wp-block-comment-author-name"><a href="https://ann.example/">Ann Reader</a></div>
  <div class="wp-block-comment-date"><time datetime="2023-05-02T09:15:00+02:00"><a href="https://blog.example/2023/05/a-post/#comment-7">May 2, 2023 at 9:15 am</a></time></div>
  <div class="wp-block-comment-content"><p>It was three metres, not two.</p><p>I measured it.</p></div>
  <div class="wp-block-comment-reply-link"><a href="?replytocom=7#respond">Reply</a></div>
  <ol class="children">
   <li id="comment-8" class="comment odd alt depth-2">
    <div class="wp-block-comment-author-name">Bob</div>
    <div class="wp-block-comment-date"><time datetime="2023-05-02T10:00:00+02:00"><a href="https://blog.example/2023/05/a-post/#comment-8">May 2, 2023 at 10:00 am</a></time></div>
    <div class="wp-block-comment-content"><p>Two, says the gauge.</p></div>
   </li>
  </ol>
 </li>
 <li id="comment-9" class="pingback even thread-odd depth-1">
  <div class="wp-block-comment-content"><p>Pingback: <a class="url" href="https://other.example/">Other blog</a></p></div>
 </li>
</ol></div></main></body></html>"""


def test_block_theme_comments_with_reply_and_pingback() -> None:
    page = parse_html(BLOCK_THEME.encode(), URL)
    assert page.platform == "wordpress"
    assert page.post.id == "42" and page.post.title == "A post about rivers"
    assert "bridge was closed" in page.post.text and "three metres" not in page.post.text
    first, reply, ping = page.comments
    assert (first.id, first.author, first.author_url) == ("7", "Ann Reader", "https://ann.example/")
    assert first.published == "2023-05-02T07:15:00Z" and first.published_text == "May 2, 2023 at 9:15 am"
    assert first.text == "It was three metres, not two.\n\nI measured it."
    assert first.permalink == URL + "#comment-7"
    assert (reply.id, reply.author, reply.parent, reply.text) == ("8", "Bob", "7", "Two, says the gauge.")
    assert ping.is_pingback and not first.is_pingback and ping.parent is None


JSONLD = {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    "headline": "Notes from the valley",
    "datePublished": "2021-03-01T08:00:00Z",
    "author": {"@type": "Person", "name": "Dana"},
    "comment": [
        {
            "@type": "Comment", "@id": "#c1", "text": "The road was open in March.",
            "dateCreated": "2021-03-02T10:00:00+01:00",
            "author": {"@type": "Person", "name": "Eli", "url": "https://eli.example/"},
            "comment": [{"@type": "Comment", "@id": "#c2", "text": "It closed again in April.",
                         "dateCreated": "2021-03-03", "author": "Fay"}],
        }
    ],
}


def test_generic_page_with_json_ld_comments() -> None:
    html = (
        "<html><head><script type='application/ld+json'>" + json.dumps(JSONLD) + "</script></head>"
        "<body><article><h1>Notes from the valley</h1><p>" + "Some words about the valley. " * 12
        + "</p></article></body></html>"
    )
    page = parse_html(html, "https://notes.example/valley")
    assert page.platform == "generic"
    assert page.post.author == "Dana" and page.post.published == "2021-03-01T08:00:00Z"
    c1, c2 = page.comments
    assert (c1.id, c1.author, c1.author_url, c1.published) == ("c1", "Eli", "https://eli.example/", "2021-03-02T09:00:00Z")
    assert (c2.id, c2.author, c2.parent, c2.published) == ("c2", "Fay", "c1", "2021-03-03T00:00:00")
    assert c2.text == "It closed again in April."


def test_generic_page_with_microdata_comments() -> None:
    html = """<html><body><article><h1>Title</h1><p>Body text of the article, long enough.</p></article>
    <section><div id="c-1" itemscope itemtype="https://schema.org/Comment">
      <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Gus</span></span>
      <time itemprop="dateCreated" datetime="2020-01-05T12:00:00Z">5 Jan</time>
      <div itemprop="text"><p>First!</p></div>
      <div id="c-2" itemscope itemtype="https://schema.org/Comment">
        <span itemprop="author">Hal</span><meta itemprop="dateCreated" content="2020-01-06">
        <div itemprop="text">Second.</div></div>
    </div></section></body></html>"""
    page = parse_html(html, "https://x.example/p")
    gus, hal = page.comments
    assert (gus.author, gus.published, gus.text) == ("Gus", "2020-01-05T12:00:00Z", "First!")
    assert (hal.author, hal.parent, hal.published, hal.text) == ("Hal", gus.id, "2020-01-06T00:00:00", "Second.")


@pytest.mark.parametrize(
    ("declared", "codec"),
    [("<meta charset='ISO-8859-1'>", "latin-1"), ("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>", "cp1252")],
)
def test_page_in_declared_non_utf8_charset(declared: str, codec: str) -> None:
    html = f"""<html><head>{declared}<title>Grüße</title></head><body>
    <ol class="commentlist"><li id="comment-1" class="comment depth-1">
    <div class="comment-author"><cite class="fn">Jürgen Müßig</cite></div>
    <div class="comment-meta commentmetadata"><a href="#comment-1">3. März 2011 um 14:17</a></div>
    <p>Schöne Grüße aus Köln.</p></li></ol></body></html>"""
    page = parse_html(html.encode(codec), "https://de.example/p")
    (comment,) = page.comments
    assert comment.author == "Jürgen Müßig" and "Schöne Grüße aus Köln." in comment.text
    assert comment.published == "2011-03-03T14:17:00"


def test_http_charset_wins_over_guessing() -> None:
    html = "<html><body><div class='entry-content'><p>Café déjà vu.</p></div></body></html>"
    page = parse_html(html.encode("cp1252"), "https://fr.example/p", encoding="windows-1252")
    assert "Café déjà vu." in page.post.text


def test_glued_class_markup_still_yields_the_thread() -> None:
    """A mirror turned `<li class="comment depth-1" ...>` into `<liclass depth-1 ...>` and lost `</li>`."""
    html = """<html><body><ol class="comment-list">
    <liclass even depth-1 parent id="comment-1"><div class="comment-body"><h4 class="fn">Ida</h4>
      <div class="comment-meta commentmetadata">June 18, 2017 <span>at 8:47 am</span></div><p>Question?</p></div>
      <ol class="children"><liclass odd depth-2 id="comment-2"><div class="comment-body"><h4 class="fn">Jo</h4>
        <div class="comment-meta commentmetadata">June 19, 2017 <span>at 3:31 pm</span></div><p>Answer.</p></div>
      </ol>
    <liclass even depth-1 id="comment-3"><div class="comment-body"><h4 class="fn">Kim</h4>
      <div class="comment-meta commentmetadata">June 20, 2017 <span>at 1:00 pm</span></div><p>Another.</p></div>
    </ol></body></html>"""
    page = parse_html(html, "https://m.example/p")
    assert [(c.id, c.author, c.parent, c.text) for c in page.comments] == [
        ("1", "Ida", None, "Question?"), ("2", "Jo", "1", "Answer."), ("3", "Kim", None, "Another."),
    ]
    assert page.comments[1].published == "2017-06-19T15:31:00"


def test_drupal_replies_follow_their_parent_in_indented_blocks() -> None:
    html = """<html><head><meta name="generator" content="Drupal 7 (http://drupal.org)"></head><body>
    <div id="comments">
    <a id="comment-10"></a><div class="comment"><span class="username">Lee</span>
      <div class="field-name-comment-body"><p>Top.</p></div><ul class="links"><li class="date">April 5, 2018</li><li class="time">6:32 PM</li></ul></div>
    <div class="indented"><a id="comment-11"></a><div class="comment"><span class="username">Max</span>
      <div class="field-name-comment-body"><p>Reply.</p></div><ul class="links"><li class="date">April 6, 2018</li><li class="time">9:00 AM</li></ul></div></div>
    <a id="comment-12"></a><div class="comment"><span class="username">Ned</span>
      <div class="field-name-comment-body"><p>Second top.</p></div></div>
    </div></body></html>"""
    page = parse_html(html, "https://d.example/node/1")
    assert page.platform == "drupal"
    assert [(c.id, c.author, c.parent) for c in page.comments] == [("10", "Lee", None), ("11", "Max", "10"), ("12", "Ned", None)]
    assert page.comments[0].published == "2018-04-05T18:32:00"
    assert page.comments[0].permalink == "https://d.example/node/1#comment-10"


def test_disqus_only_page_warns() -> None:
    html = """<html><body><article><h1>T</h1><p>Post words here, enough of them to be a body.</p></article>
    <div id="disqus_thread"></div><script src="https://x.disqus.com/embed.js"></script></body></html>"""
    page = parse_html(html, "https://s.example/p")
    assert page.comments == [] and any("Disqus" in w for w in page.warnings)


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"", "empty"), (b"   \n ", "empty"), (b'{"id": 1}', "not HTML"), (b"\x00\x01\x02" * 10, "not HTML")],
)
def test_unparseable_input_raises_parse_error_naming_the_url(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_html(body, "https://bad.example/x")
    assert err.value.source == "https://bad.example/x" and reason in err.value.reason


def test_unknown_platform_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="unknown platform"):
        parse_html("<html><body><p>x</p></body></html>", URL, platform="myspace")


def test_forced_platform_is_reported_and_still_parses() -> None:
    page = parse_html(BLOCK_THEME, URL, platform="generic")
    assert page.platform == "generic" and len(page.comments) == 3


@pytest.mark.parametrize(
    ("html", "platform"),
    [
        ("<meta name='generator' content='WordPress.com'>", "wordpress-com"),
        ("<meta name='generator' content='WordPress 5.4'>", "wordpress"),
        ("<meta content='blogger' name='generator'/>", "blogger"),
        ("<meta name='Generator' content='Drupal 7 (http://drupal.org)'>", "drupal"),
        ("<meta name='generator' content='vBulletin 4.2.5'>", "vbulletin"),
        ("<html id='XF'><body data-template='thread_view'></body></html>", "xenforo"),
        ("<body class='post-template-default single single-post postid-3'></body>", "wordpress"),
        ("<link rel='stylesheet' href='/wp-content/themes/x/style.css'>", "wordpress"),
        ("<body><p>plain page</p></body>", "generic"),
    ],
)
def test_detect_platform(html: str, platform: str) -> None:
    assert detect_platform(lxml.html.document_fromstring("<html><head></head><body></body></html>" if not html else html)) == platform


def test_pingback_excerpt_is_flagged_without_its_class() -> None:
    """WordPress prints pingbacks as "[…] excerpt […]"; mirrors that lose `class=` still show that."""
    html = """<html><body><ol class="comment-list">
    <li id="comment-1" class="depth-1"><h4 class="fn"><a class="url" href="https://o.example/a">A linking post</a></h4>
      <div class="comment-content"><p>[&#8230;] a few words from the linking page [&#8230;]</p></div></li>
    <li id="comment-2" class="depth-1"><h4 class="fn">Ola</h4>
      <div class="comment-content"><p>[&#8230;] I quote the post, then disagree.</p></div></li>
    </ol></body></html>"""
    ping, human = parse_html(html, "https://w.example/p").comments
    assert ping.is_pingback and ping.author == "A linking post"
    assert not human.is_pingback


def test_explicit_reply_marker_gives_the_parent_in_a_flat_list() -> None:
    html = """<html><body><div id="comments">
    <div id="comment-5" class="comment"><cite class="fn">Pia</cite><div class="comment-content"><p>First.</p></div></div>
    <div id="comment-6" class="comment"><cite class="fn">Quin</cite>
      <div class="comment-content"><p><span class="in-reply-to">In reply to <a href="#comment-5">Pia</a></span> Second.</p></div></div>
    </div></body></html>"""
    pia, quin = parse_html(html, "https://w.example/p").comments
    assert (pia.parent, quin.parent) == (None, "5")


def test_a_comment_with_an_unreadable_date_is_kept_with_a_note_naming_its_line() -> None:
    html = ("<html><body><article><div class='entry-content'><p>Post.</p></div></article>\n"
            "<ol class='commentlist'>\n"
            "<li class='comment depth-1' id='comment-7'><div class='comment-author vcard'><cite class='fn'>Al</cite>"
            "</div><div class='comment-meta commentmetadata'><a href='#comment-7'>Octember 3, 2013 25:61 pm</a></div>"
            "<p>Still here.</p></li></ol></body></html>").encode()
    page = parse_html(html, "https://example.org/p/")
    assert [(c.id, c.published, c.published_text, c.text) for c in page.comments] == [
        ("7", None, "Octember 3, 2013 25:61 pm", "Still here.")]
    assert "line 3: comment 7: the date 'Octember 3, 2013 25:61 pm' could not be read" in " ".join(page.warnings)
