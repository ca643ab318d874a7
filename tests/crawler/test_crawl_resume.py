"""An interrupted crawl (kill -9) resumes: nothing lost, nothing doubled."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from crawler.serve import running_server
from crawler.state import SiteState
from store.models import Document

REPO = Path(__file__).resolve().parents[2]


def _make_site(root: Path, posts: int) -> set[str]:
    """A WordPress-like blog; returns the doc keys a complete crawl must store."""
    expected: set[str] = set()
    slugs = []
    for n in range(1, posts + 1):
        slug = f"/2014/01/{n:02d}/post-{n}/" if n <= 28 else f"/2014/02/{n - 28:02d}/post-{n}/"
        slugs.append(slug)
        a, b = 10 * n + 1, 10 * n + 2
        comments = (
            f'<li class="comment depth-1" id="comment-{a}"><div class="comment-body">'
            f'<div class="comment-author vcard"><cite class="fn">Reader {n}</cite></div>'
            f'<div class="comment-meta commentmetadata"><a href="#comment-{a}">January 2, 2014 at 10:00 am</a></div>'
            f"<p>First comment on post {n}.</p></div>"
            f'<ol class="children"><li class="comment depth-2" id="comment-{b}"><div class="comment-body">'
            f'<div class="comment-author vcard"><cite class="fn">Writer</cite></div>'
            f'<div class="comment-meta commentmetadata"><a href="#comment-{b}">January 2, 2014 at 11:00 am</a></div>'
            f"<p>A reply on post {n}.</p></div></li></ol></li>"
        )
        page = (
            f'<html><head><meta name="generator" content="WordPress 6.0"></head>'
            f'<body class="single postid-{n}"><article><h1 class="entry-title">Post {n}</h1>'
            f'<div class="entry-content"><p>Body of post {n}, long enough to count as the post text.</p></div>'
            f'</article><ol class="commentlist">{comments}</ol></body></html>'
        )
        target = root / slug.strip("/")
        target.mkdir(parents=True)
        (target / "index.html").write_text(page)
        expected |= {f"post:{n}", f"comment:{a}", f"comment:{b}"}
    per = 10
    for p in range(0, posts, per):
        number = p // per + 1
        links = "".join(f'<article><a href="{s}">x</a></article>' for s in slugs[p:p + per])
        older = f'<a href="/page/{number + 1}/">Older posts</a>' if p + per < posts else ""
        folder = root if number == 1 else root / "page" / str(number)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(f'<html><body class="home blog">{links}{older}</body></html>')
    return expected


def _children(pid: int) -> list[int]:
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in listing.read_text().split()] if listing.exists() else []


def _assert_gone(pids: list[int], within: float = 5.0) -> None:
    """A killed crawl must not leave its writer behind (holding a database connection)."""
    deadline = time.monotonic() + within
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
    assert not alive, f"processes of the killed crawl still running: {alive}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


def _pending(root: Path) -> list[tuple[str, int]]:
    """URLs the site's journal still has to store (the crawl keeps one journal per site)."""
    (path,) = (root / "state").glob("*.sqlite")
    state = SiteState(path)
    try:
        return state.pending()
    finally:
        state.close()


def _keys(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.execute(select(Document.doc_key)).scalars())


@pytest.mark.slow
def test_kill_9_mid_crawl_then_resume_stores_everything_once(
    tmp_path: Path, db_url: str, engine: Engine
) -> None:
    expected = _make_site(tmp_path / "site", posts=90)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with running_server(tmp_path / "site", latency=0.15) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        cmd = [sys.executable, "-c", "from cli.main import main; main()", "-q", "--db", db_url,
               "crawl", base, "--delay", "0", "--concurrency", "2", "--jobdir", str(tmp_path / "state"), "--json"]
        first = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while len(_keys(engine)) < len(expected) // 3:  # a third stored: a resume has work to skip
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "a third of the site was not stored in two minutes"
            time.sleep(0.05)
        time.sleep(0.3)  # the journal is written just after each database commit
        helpers = _children(first.pid)  # the writer process, where the platform forks one
        first.send_signal(signal.SIGKILL)
        first.wait()
        _assert_gone(helpers)
        stored_at_kill = set(_keys(engine))
        assert 0 < len(stored_at_kill) < len(expected), "the kill came too late to test a resume"
        assert _pending(tmp_path / "state"), "the killed job left no journal to resume from"
        mark = len(server.request_log)

        second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        refetched = [path for _, path, _ in server.request_log[mark:]]

    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    assert summary["resumed"] and not summary["interrupted"]
    keys = _keys(engine)
    assert len(keys) == len(set(keys)) == len(expected)  # nothing doubled
    assert set(keys) == expected  # nothing lost
    # the resumed run did not start over: pages stored before the kill were not fetched again
    assert "/" not in refetched
    pages = len(expected) // 3 + 10  # posts + index pages
    assert len(refetched) < pages * 0.8
    # and a finished job leaves no resume state behind
    assert _pending(tmp_path / "state") == []
    with Session(engine) as session:
        orphans = session.execute(
            select(func.count()).select_from(Document).where(Document.kind == "comment", Document.parent_id.is_(None))
        ).scalar_one()
    assert orphans == 0
