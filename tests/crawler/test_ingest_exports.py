"""WordPress WXR and Blogger exports: the shared corpus exports and a truncated export of our own."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from crawler.ingest import read_threads
from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import ingest_paths
from crawler.thread import ParsedPage

from .ingest_helpers import DATA, document_count, parent_ids, stored_thread

WXR = "corpus/real/wxr/themeunittestdata.wordpress.xml"
COMMENTS_POST = "https://wpthemetestdata.wordpress.com/2012/01/03/template-comments/"
PINGS_POST = "https://wpthemetestdata.wordpress.com/2012/01/01/template-pingbacks-an-trackbacks/"


def split(items: list[ParsedPage | IngestProblem]) -> tuple[list[ParsedPage], list[IngestProblem]]:
    return ([i for i in items if isinstance(i, ParsedPage)], [i for i in items if isinstance(i, IngestProblem)])


def test_theme_unit_test_comments_and_what_is_left_out(shared_dir: Path) -> None:
    pages, problems = split(list(read_threads(shared_dir / WXR)))
    by_url = {p.url: p for p in pages}
    # 33 comments in the export: 3 unapproved and 1 on the password-protected post are left out.
    assert sum(len(p.comments) for p in pages) == 29
    reasons = [p.reason for p in problems]
    assert all(p.kind == "skipped" for p in problems)
    assert sum("unapproved" in r for r in reasons) == 3
    assert sum("password-protected" in r for r in reasons) == 1
    assert not any("Password Protected" in (p.post.title or "") for p in pages)
    pings = by_url[PINGS_POST].comments
    assert [c.is_pingback for c in pings].count(True) == 4 and not pings[-1].is_pingback


def test_ten_deep_thread_lands_with_its_parents(shared_dir: Path, engine: Engine) -> None:
    summary = ingest_paths(engine, [shared_dir / WXR])
    assert summary.comments_new == 29 and summary.files_failed == 0
    post, comments = stored_thread(engine, COMMENTS_POST)
    pages, _ = split(list(read_threads(shared_dir / WXR)))
    parsed = next(p for p in pages if p.url == COMMENTS_POST)
    # Stored parents are exactly the export's wp:comment_parent links.
    assert parent_ids(post, comments) == {c.id: c.parent for c in parsed.comments}
    depth, node = 0, next(pid for pid in comments if not any(p.parent == pid for p in parsed.comments) and
                          parent_ids(post, comments)[pid] is not None)
    chain = parent_ids(post, comments)
    while node is not None:
        depth, node = depth + 1, chain[node]
    assert depth == 10
    assert post.title == "Template: Comments" and post.published_tz_known


def test_pelican_export_keeps_only_published_and_approved(shared_dir: Path) -> None:
    pages, problems = split(list(read_threads(shared_dir / "corpus/real/wxr/pelican_wordpressexport.xml")))
    with_comments = [p for p in pages if p.comments]
    assert len(with_comments) == 1
    thread = with_comments[0]
    assert [(c.author, c.parent) for c in thread.comments] == [("User2", None), ("Bob", "116"), ("bob", "121")]
    assert not any(c.is_pingback for c in thread.comments)  # the trashed pingback is left out
    assert any("draft" in p.reason for p in problems)
    assert len({p.post.id for p in pages}) == len(pages)  # repeated ids in the fixture: first kept


def test_truncated_export_keeps_earlier_items(engine: Engine) -> None:
    path = DATA / "truncated_export.xml"
    pages, problems = split(list(read_threads(path)))
    assert [p.post.title for p in pages] == ["Lock keepers strike for a second day"]
    assert [(c.id, c.parent, c.author) for c in pages[0].comments] == [
        ("7", None, "Boatman Ed"), ("8", "7", "Mira Sol")]
    assert pages[0].post.author == "Mira Sol"
    assert pages[0].post.text == "The locks on the lower canal stayed shut on Tuesday.\n\nBarges are queuing at the junction."
    assert len(problems) == 1 and problems[0].kind == "record"
    assert problems[0].file == str(path) and problems[0].where == "line 48"
    assert "truncated" in problems[0].reason
    summary = ingest_paths(engine, [path])
    assert (summary.threads, summary.comments_new, summary.files_failed) == (1, 2, 0)
    assert document_count(engine) == 3


def test_blogger_export_posts_and_comment(shared_dir: Path, engine: Engine) -> None:
    path = shared_dir / "corpus/real/blogger/pelican_bloggerexport.atom.xml"
    pages, problems = split(list(read_threads(path)))
    # Settings, the template and pages are not threads; the one draft post is left out with a note.
    assert [p.post.title for p in pages] == ["The Steel Windpipe"]
    assert [p.kind for p in problems] == ["skipped"] and "draft" in problems[0].reason
    (page,) = pages
    assert page.url == "http://youngdoctornotes.blogspot.com/2010/11/the-steel-windpipe.html"
    assert page.post.published == "2010-11-27T15:12:00Z"
    (comment,) = page.comments
    assert comment.author == "Thomas Isidore Noël Sankara" and comment.parent is None
    assert comment.published == "2010-11-29T20:35:44Z"
    ingest_paths(engine, [path])
    post, comments = stored_thread(engine, page.url)
    assert post.site_id is not None and list(parent_ids(post, comments).values()) == [None]
