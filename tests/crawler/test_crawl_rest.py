"""A WordPress site whose page shows only some comments: the REST API gives the rest, with parents."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.run import crawl
from crawler.serve import running_server
from crawler.spiders import wp_api
from store.models import Document

FIXTURE = Path(__file__).resolve().parent / "data" / "rest-blog"
API = "/wp-json/wp/v2/comments"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(wp_api, "PER_PAGE", 3)  # the fixture's listing comes in pages of three
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def _comments(engine: Engine) -> dict[str, Document]:
    with Session(engine) as session:
        docs = session.execute(select(Document)).scalars().all()
    return {d.doc_key: d for d in docs}


def test_comments_the_page_does_not_show_come_from_the_rest_api(site: Path, db_url: str, engine: Engine, tmp_path: Path) -> None:
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        asked = [path for _, path, _ in server.request_log if path.startswith(API)]
    assert summary.error_count == 0, summary.errors
    assert any("post=201" in p and "page=2" in p for p in asked), asked  # paged through
    docs = _comments(engine)
    post = docs["post:201"]
    assert "eleven villages" in post.text  # the page's text, not blanked by the listing
    assert {k for k in docs if k.startswith("comment:")} == {f"comment:{i}" for i in range(301, 306)}
    parent = {k: docs[k].parent_id for k in docs}
    assert parent["comment:302"] == docs["comment:301"].id
    assert parent["comment:304"] == docs["comment:302"].id  # a reply on the second API page
    assert parent["comment:303"] == parent["comment:305"] == post.id
    assert docs["comment:305"].author_name == "Laila"
    # the API splits comment 301 in two paragraphs, the page shows one: the page's rendering stays
    assert docs["comment:301"].text == "My uncle was there. He says the vote was put off until after the harvest."
    assert docs["comment:304"].published.isoformat().startswith("2014-03-05T09:10")
    assert summary.comments.new == 5 and summary.posts.new == 2


def test_a_second_crawl_changes_nothing(site: Path, db_url: str, engine: Engine, tmp_path: Path) -> None:
    """Page and API render the same comment differently: the page's rendering stays, no flip-flop."""
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
        before = {k: (d.text, d.updated_at) for k, d in _comments(engine).items()}
        again = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
    assert (again.comments.new, again.comments.updated, again.posts.updated) == (0, 0, 0)
    assert {k: (d.text, d.updated_at) for k, d in _comments(engine).items()} == before


def _api_switched_off(site: Path) -> None:
    shutil.rmtree(site / "wp-json")  # 404


def _api_behind_a_login(site: Path) -> None:
    for listing in (site / "wp-json").rglob("*.json"):  # 200 with an HTML login form
        listing.unlink()
        listing.with_suffix(".html").write_text("<html><body><form>Log in</form></body></html>")


@pytest.mark.parametrize("api", [_api_switched_off, _api_behind_a_login], ids=["404", "login-page"])
def test_a_site_without_the_api_keeps_its_page_comments_and_reports_no_error(
    site: Path, db_url: str, engine: Engine, tmp_path: Path, api
) -> None:
    api(site)
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state")
    assert summary.error_count == 0, summary.errors
    docs = _comments(engine)
    assert {k for k in docs if k.startswith("comment:")} == {"comment:301", "comment:302"}
