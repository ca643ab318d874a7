"""The writer process: the crawl goes on, and loses nothing, when it dies."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from crawler.run import crawl
from crawler.serve import running_server
from crawler.writer_process import can_fork, resolve_mode
from store.models import Document

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


def test_auto_forks_a_writer_where_the_platform_can() -> None:
    assert resolve_mode("auto") == ("process" if can_fork() else "thread")
    assert resolve_mode("thread") == "thread"
    with pytest.raises(ValueError, match="writer mode"):
        resolve_mode("threads")


@pytest.mark.skipif(not can_fork(), reason="the writer is forked only on Linux")
def test_a_killed_writer_process_is_replaced_by_the_thread(tmp_path: Path, db_url: str, engine: Engine) -> None:
    shutil.copytree(FIXTURE, tmp_path / "site")
    killed: list[int] = []

    def kill_writer(_url: str) -> None:
        if not killed:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with running_server(tmp_path / "site") as server:
        base = "http://%s:%d/" % server.server_address[:2]
        summary = crawl([base], db_url=db_url, delay=0, jobdir=tmp_path / "state", on_page=kill_writer)
    assert killed, "no writer process to kill"
    assert summary.writer == "thread"
    assert not summary.errors.get("store")
    assert (summary.posts.new, summary.comments.new) == (4, 14)
    with Session(engine) as session:
        keys = list(session.execute(select(Document.doc_key)).scalars())
        orphans = session.execute(
            select(func.count()).select_from(Document).where(Document.kind == "comment", Document.parent_id.is_(None))
        ).scalar_one()
    assert len(keys) == len(set(keys)) == 19  # 4 posts, 14 comments, 1 pingback: none lost or doubled
    assert orphans == 0


def test_the_crawls_own_process_does_not_import_the_parsing_libraries() -> None:
    """extruct (with rdflib, mf2py, html5lib), htmldate and dateparser are a third of a crawl's
    start-up; only the writer parses, so the download loop's process must not pay for them."""
    import subprocess
    import sys

    code = (
        "import sys, cli.crawl_cmd, crawler.run, crawler.spiders.blog, crawler.pipelines, crawler.writer_process;"
        "print(sorted(m for m in ('extruct', 'htmldate', 'dateparser') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_parsing_libraries_load_on_demand() -> None:
    from crawler.parsers import load_libraries

    load_libraries()
    import sys

    assert {"extruct", "htmldate", "dateparser"} <= set(sys.modules)
