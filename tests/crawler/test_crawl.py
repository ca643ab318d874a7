"""The fixture blog crawled for real on 127.0.0.1, on SQLite and PostgreSQL."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from crawler.run import crawl
from crawler.serve import running_server
from store.models import Document, Fetch

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"
GOVERNOR = "2013/09/20/district-governor-joins-taliban/"


def _docs(engine: Engine) -> dict[str, Document]:
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return {d.doc_key: d for d in session.execute(select(Document)).scalars()}


def _count(engine: Engine, model: type, *where: object) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the fixture blog that a test may change (the fixture itself never is)."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "site"))


def test_first_crawl_stores_every_post_and_comment_with_parents(
    site: Path, db_url: str, engine: Engine, tmp_path: Path
) -> None:
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        requested = [path for _, path, _ in server.request_log]

    assert summary.posts.new == 4 and summary.comments.new == 14 and summary.pingbacks == 1
    assert not summary.interrupted
    # robots.txt: the private page is reported and never requested
    assert [u for u, _ in summary.errors["robots"]] == [base + "private/draft-notes/"]
    assert "/private/draft-notes/" not in requested
    # the dead link is reported as a 404 and logged
    assert summary.errors["http-404"] == [(base + "documents/council-members-2005/", "HTTP 404 Not Found")]
    assert set(summary.errors) == {"robots", "http-404"}
    # two redirects (an old slug, comment-page-1) end at the post, which is fetched once
    assert summary.redirects == 2
    assert requested.count("/" + GOVERNOR) == 1
    # traps and tracking variants were never requested
    assert not any(re.search(r"replytocom|share=|wp-login|/2013/0\d/$|/feed/$.*/feed/", p) for p in requested)
    assert "/2013/09/" not in requested and "/wp-login.php" not in requested

    docs = _docs(engine)
    posts = {k for k, d in docs.items() if d.kind == "post"}
    assert posts == {"post:98", "post:101", "post:102", "post:103"}
    governor = docs["post:101"]
    assert governor.url == base + GOVERNOR  # not the comment page's URL
    assert governor.author_name == "Helen Marsh"
    parent_key = {k: (docs_by_id.doc_key if (docs_by_id := next((d for d in docs.values() if d.id == doc.parent_id), None)) else None)
                  for k, doc in docs.items() if doc.kind == "comment"}
    # threads on both comment pages keep their nesting; top-level comments hang on the post
    assert parent_key["comment:201"] == "post:101"
    assert parent_key["comment:202"] == "comment:201"
    assert parent_key["comment:203"] == "comment:202"
    assert parent_key["comment:206"] == "post:101"  # on comment-page-2
    assert parent_key["comment:207"] == "comment:206"
    assert parent_key["comment:208"] == "comment:207"
    assert parent_key["comment:302"] == "comment:301"
    assert docs["comment:209"].is_pingback
    assert docs["comment:206"].permalink == base + GOVERNOR + "comment-page-2/#comment-206"
    assert {docs[k].root_id for k in ("comment:201", "comment:208")} == {governor.id}
    # the hostile comment is stored as the text it shows, markup and all, never as markup
    assert "<script>alert(1)</script>" in docs["comment:205"].text
    assert "<img src=x onerror=alert(1)>" in docs["comment:205"].text
    # the fetch log has the pages with validators, and the failures with their reasons
    assert _count(engine, Fetch, Fetch.status == 200, Fetch.etag.is_not(None)) == summary.pages_fetched
    assert _count(engine, Fetch, Fetch.error.like("robots:%")) == 1
    assert _count(engine, Fetch, Fetch.status == 404) == 1
    assert _count(engine, Fetch, Fetch.status == 301) == 2


def test_recrawl_gets_304s_and_adds_exactly_the_new_comment(
    site: Path, db_url: str, engine: Engine, tmp_path: Path
) -> None:
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        first = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        before = _docs(engine)

        # a reader answers comment 303 on the biography post
        page = site / "2013/09/24/who-is-qazi-abdul-hai/index.html"
        html = page.read_text(encoding="utf-8")
        reply = (
            '<ol class="children"><li class="comment odd depth-2" id="comment-304">'
            '<div id="div-comment-304" class="comment-body"><div class="comment-author vcard">'
            '<cite class="fn">Lena Brandt</cite> <span class="says">says:</span></div>'
            '<div class="comment-meta commentmetadata"><a href="#comment-304">'
            '<time datetime="2013-09-26T10:00:00+00:00">September 26, 2013 at 10:00 am</time></a></div>'
            "<p>Thanks, that saved me from a mistake.</p></div></li></ol>\n</li>"
        )
        marker = '<div class="reply"><a class="comment-reply-link" href="/2013/09/24/who-is-qazi-abdul-hai/?replytocom=303'
        head, tail = html.split(marker)
        tail = tail.replace("</li>", reply, 1)
        page.write_text(head + marker + tail, encoding="utf-8")

        mark = len(server.request_log)
        second = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        answers = {path: status for _, path, status in server.request_log[mark:]}

    after = _docs(engine)
    assert set(after) - set(before) == {"comment:304"}
    assert len(after) == len(before) + 1
    new = after["comment:304"]
    assert new.author_name == "Lena Brandt" and new.parent_id == after["comment:303"].id
    assert second.comments.new == 1 and second.posts.new == 0 and second.posts.updated == 0
    assert second.comments.updated == 0
    # the changed page was fetched again; every other page was answered 304
    assert answers["/2013/09/24/who-is-qazi-abdul-hai/"] == "200"
    unchanged = [p for p, s in answers.items() if s == "304"]
    assert set(unchanged) >= {"/", "/page/2/", "/feed/", "/" + GOVERNOR, "/" + GOVERNOR + "comment-page-2/"}
    assert second.pages_unchanged == first.pages_fetched - 1
    # the post list and the post itself are not duplicated and keep their ids
    assert {k: d.id for k, d in after.items() if k != "comment:304"} == {k: d.id for k, d in before.items()}


def test_third_crawl_with_nothing_changed_adds_nothing(
    site: Path, db_url: str, engine: Engine, tmp_path: Path
) -> None:
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        rows = _count(engine, Document)
        # a lost link cache means no conditional requests: full fetch, still no duplicates
        shutil.rmtree(tmp_path / "state")
        again = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
    assert _count(engine, Document) == rows
    assert again.posts.new == 0 and again.comments.new == 0
    assert again.posts.unchanged == 4 and again.comments.unchanged == 14


def test_writer_process_stores_the_same_thread(site: Path, db_url: str, engine: Engine, tmp_path: Path) -> None:
    """Parsing and storing in a separate process (what big crawls switch to) gives the same data."""
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state", writer="process")
        again = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state", writer="process")
    assert summary.writer == "process"
    assert (summary.posts.new, summary.comments.new, summary.pingbacks) == (4, 14, 1)
    docs = _docs(engine)
    assert docs["comment:208"].parent_id == docs["comment:207"].id
    assert again.pages_unchanged == again.pages_fetched == summary.pages_fetched
    assert _count(engine, Document) == 19
