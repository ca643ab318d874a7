"""Comment feeds: the same threads as their HTML pages, merged into the same stored documents."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from crawler.ingest import read_threads
from crawler.ingest.feeds import comment_body, site_item_title
from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import ingest_paths
from crawler.thread import ParsedPage

from .ingest_helpers import DATA, document_count, parent_ids, stored_thread

SITE = "https://whizzy.org"
PAIRS = [
    ("whizzy.org_ubuntu-desktop-goings-on-2017-05-19", "/2017/05/19/ubuntu-desktop-goings-on-friday-19th-may-2017/"),
    ("whizzy.org_cisco-7941-asterisk-and-sip", "/2017/02/23/cisco-7941-asterisk-and-sip/"),
]


def pages(path: Path, url: str | None = None) -> list[ParsedPage]:
    return [i for i in read_threads(path, url=url) if isinstance(i, ParsedPage)]


@pytest.mark.parametrize(("stem", "post_path"), PAIRS)
def test_feed_and_page_give_the_same_thread(shared_dir: Path, stem: str, post_path: str) -> None:
    corpus = shared_dir / "corpus/real"
    (feed,) = pages(corpus / f"feeds/{stem}_comments-feed.xml", url=f"{SITE}{post_path}feed/")
    (html,) = pages(corpus / f"wordpress/{stem}.html", url=f"{SITE}{post_path}")
    assert feed.post.url == html.post.url == f"{SITE}{post_path}"
    assert feed.post.id == html.post.id and feed.post.title == html.post.title
    shape = lambda page: {c.id: (c.author, c.parent) for c in page.comments}  # noqa: E731
    assert shape(feed) == shape(html)
    assert sum(c.parent is not None for c in feed.comments) > 0
    # The reply marker is feed chrome: it never reaches the comment text.
    assert not any(c.text.lower().startswith("in reply to") for c in feed.comments)


@pytest.mark.parametrize(("stem", "post_path"), PAIRS[:1])
def test_feed_and_page_merge_in_the_store(shared_dir: Path, engine: Engine, stem: str, post_path: str) -> None:
    corpus = shared_dir / "corpus/real"
    url = f"{SITE}{post_path}"
    first = ingest_paths(engine, [corpus / f"wordpress/{stem}.html"], url=url)
    stored = document_count(engine)
    second = ingest_paths(engine, [corpus / f"feeds/{stem}_comments-feed.xml"], url=f"{url}feed/")
    assert (first.posts_new, first.comments_new) == (1, 8)
    assert (second.posts_new, second.comments_new) == (0, 0)
    assert document_count(engine) == stored == 9
    post, comments = stored_thread(engine, url)
    (html,) = pages(corpus / f"wordpress/{stem}.html", url=url)
    assert parent_ids(post, comments) == {c.id: c.parent for c in html.comments}
    # The feed knows the time zone (UTC pubDate); the page only showed local times.
    assert all(c.published_tz_known for c in comments.values())


def test_sitewide_feed_groups_comments_by_post(shared_dir: Path) -> None:
    threads = pages(shared_dir / "corpus/real/feeds/whizzy.org_comments-feed_sitewide.xml", url=f"{SITE}/comments/feed/")
    assert sum(len(t.comments) for t in threads) == 50
    by_url = {t.url: t for t in threads}
    cisco = by_url[f"{SITE}/2017/02/23/cisco-7941-asterisk-and-sip/"]
    assert cisco.post.title == "Cisco 7941, Asterisk and SIP" and cisco.post.id == "882"
    assert sum(c.parent is not None for t in threads for c in t.comments) == 13
    pingbacks = [c for t in threads for c in t.comments if c.is_pingback]
    assert pingbacks and all(c.text.startswith("[…]") for c in pingbacks)
    # Commenters come from dc:creator, entities decoded.
    assert any(c.author == "Late Night Linux – Episode 109 – Late Night Linux" for c in pingbacks)


def test_relative_feed_without_url_is_stored_under_a_capture_address(shared_dir: Path) -> None:
    path = shared_dir / "corpus/real/feeds/whizzy.org_ubuntu-desktop-goings-on-2017-05-19_comments-feed.xml"
    items = list(read_threads(path))
    notes = [i for i in items if isinstance(i, IngestProblem)]
    assert [n.kind for n in notes] == ["note"] and "--url" in notes[0].reason
    (page,) = [i for i in items if isinstance(i, ParsedPage)]
    assert page.url.startswith("capture://") and len(page.comments) == 8


def test_not_xml_feed_is_a_file_problem(engine: Engine) -> None:
    path = DATA / "not_a_feed.rss"
    (problem,) = list(read_threads(path))
    assert isinstance(problem, IngestProblem)
    assert problem.file == str(path) and problem.kind == "file" and "not XML" in problem.reason
    assert problem.where and problem.where.startswith("line ")
    summary = ingest_paths(engine, [path])
    assert summary.files_failed == 1 and document_count(engine) == 0


def test_truncated_feed_keeps_the_complete_items(shared_dir: Path, tmp_path: Path) -> None:
    raw = (shared_dir / "corpus/real/feeds/whizzy.org_ubuntu-desktop-goings-on-2017-05-19_comments-feed.xml").read_bytes()
    cut = raw.index(b"<item>", raw.index(b"#comment-183</link>")) + 200  # inside the item after 183
    path = tmp_path / "feed.xml"
    path.write_bytes(raw[:cut])
    items = list(read_threads(path, url=f"{SITE}/2017/05/19/x/feed/"))
    problems = [i for i in items if isinstance(i, IngestProblem)]
    (page,) = [i for i in items if isinstance(i, ParsedPage)]
    assert [c.id for c in page.comments] == ["186", "185", "184", "183"]
    assert len(problems) == 1 and problems[0].kind == "record" and problems[0].where.startswith("line ")


@pytest.mark.parametrize(
    ("title", "author", "expected"),
    [
        ("Comment on Cisco 7941, Asterisk and SIP by Ricardo", "Ricardo", ("Cisco 7941, Asterisk and SIP", "Ricardo")),
        ("Comment on Stand by me by Ann", "Ann", ("Stand by me", "Ann")),
        ("Comment on Notes by Ann by Bob", None, ("Notes by Ann", "Bob")),
        ("Kommentar zu Die Brücke von Eva", "Eva", ("Die Brücke", "Eva")),
        ("By: Isaac", "Isaac", None),
    ],
)
def test_site_item_titles(title: str, author: str | None, expected: tuple[str, str] | None) -> None:
    assert site_item_title(title, author) == expected


def test_reply_marker_removed_and_parent_found() -> None:
    text, href = comment_body('<p>In reply to <a href="/p/#comment-9">Ann</a>.</p>\n<p>Not quite.</p>')
    assert (text, href) == ("Not quite.", "/p/#comment-9")
    text, href = comment_body("<p>In reply to nobody in particular, a plain comment.</p>")
    assert href is None and text.startswith("In reply to nobody")
