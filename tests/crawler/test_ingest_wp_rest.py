"""WordPress REST JSON dumps: comments and posts files merge with the HTML pages of the same posts."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from crawler.ingest import read_threads
from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import ingest_paths
from crawler.thread import ParsedPage

from .ingest_helpers import document_count, stored_thread

REST = "corpus/real/wp-rest-json"
PAIRS = [
    ("unitingnc.org_the-difference-a-dinner-can-make.html", "unitingnc.org_wp-v2-comments_post-1281.json",
     "https://www.unitingnc.org/2011/08/the-difference-a-dinner-can-make/", {"315", "316", "317"}),
    ("unitingnc.org_burning-the-quran-are-we-still-in-america.html", "unitingnc.org_wp-v2-comments_post-569.json",
     "https://www.unitingnc.org/2010/08/burning-the-quran-are-we-still-in-america/", {"20", "21"}),
]


def pages(path: Path) -> list[ParsedPage]:
    items = list(read_threads(path))
    assert not [i for i in items if isinstance(i, IngestProblem)]
    return [i for i in items if isinstance(i, ParsedPage)]


def test_collection_groups_comments_under_their_posts(shared_dir: Path) -> None:
    threads = pages(shared_dir / REST / "unitingnc.org_wp-v2-comments.json")
    assert sum(len(t.comments) for t in threads) == 10
    assert len(threads) == 7  # ten comments on seven posts
    festival = next(t for t in threads if t.post.id == "1622")
    assert festival.url == "https://www.unitingnc.org/2012/10/international-festival/"
    assert {c.author for c in festival.comments} == {"Carlos C", "Ellen G", "Dani"}
    assert all(c.published and c.published.endswith("Z") for t in threads for c in t.comments)


def test_single_post_response(shared_dir: Path) -> None:
    (thread,) = pages(shared_dir / REST / "unitingnc.org_wp-v2-posts_1281.json")
    assert thread.post.id == "1281" and thread.post.title == "The difference a dinner can make"
    assert thread.post.published == "2011-08-30T18:42:56Z"
    assert thread.post.text.startswith("Last night, I found myself") and "<p>" not in thread.post.text


@pytest.mark.parametrize(("html", "json_name", "url", "ids"), PAIRS)
def test_json_and_page_merge(shared_dir: Path, engine: Engine, html: str, json_name: str, url: str,
                             ids: set[str]) -> None:
    corpus = shared_dir / "corpus/real"
    from_page = ingest_paths(engine, [corpus / "wordpress" / html])
    count = document_count(engine)
    from_json = ingest_paths(engine, [shared_dir / REST / json_name])
    assert from_json.problems == [] and from_json.comments_updated == len(ids)
    assert from_page.comments_new == len(ids) and from_json.comments_new == 0 and from_json.posts_new == 0
    assert document_count(engine) == count == 1 + len(ids)
    post, comments = stored_thread(engine, url)
    assert set(comments) == ids
    assert all(c.published_tz_known for c in comments.values())  # the JSON's date_gmt won
    assert post.text  # the JSON comments file has no post text; the page's stays


def test_posts_file_fills_the_post_the_comments_file_created(shared_dir: Path, engine: Engine) -> None:
    ingest_paths(engine, [shared_dir / REST / "unitingnc.org_wp-v2-comments_post-1281.json"])
    ingest_paths(engine, [shared_dir / REST / "unitingnc.org_wp-v2-posts_1281.json"])
    post, comments = stored_thread(engine, PAIRS[0][2])
    assert post.title == "The difference a dinner can make" and post.platform_id == "1281"
    assert set(comments) == PAIRS[0][3] and document_count(engine) == 4
