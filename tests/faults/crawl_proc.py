"""`claimline crawl` as a subprocess that can be killed, and what a user checks in the database
afterwards: the documents (as content, not row ids), duplicates, and half-written threads.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased

from store.engine import make_engine
from store.models import Document

from .hostile import REPO
from .sitegen import Site

Row = tuple[Any, ...]
CLAIMLINE = (sys.executable, "-c", "from cli.main import main; main()")


def crawl_command(base: str, db_url: str, jobdir: Path) -> list[str]:
    return [*CLAIMLINE, "--db", db_url, "-q", "crawl", base, "--delay", "0", "--jobdir", str(jobdir), "--json"]


def start_crawl(base: str, db_url: str, jobdir: Path, log: Path) -> subprocess.Popen[bytes]:
    """The crawl in its own process group; stdout to `log`, stderr to `log` + ".err"."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as out, log.with_suffix(log.suffix + ".err").open("ab") as err:
        return subprocess.Popen(crawl_command(base, db_url, jobdir), cwd=REPO, stdout=out, stderr=err,
                                env=env, start_new_session=True)


def run_crawl(base: str, db_url: str, jobdir: Path, log: Path, timeout: float = 300) -> dict[str, Any]:
    """An uninterrupted crawl; its JSON summary."""
    proc = start_crawl(base, db_url, jobdir, log)
    try:
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    errors = log.with_suffix(log.suffix + ".err").read_text(errors="replace")
    assert proc.returncode == 0, f"crawl exited {proc.returncode}:\n{errors[-3000:]}"
    return json.loads(log.read_text())


def stored_count(engine: Engine) -> int:
    """How many documents are stored (0 before the schema exists)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("documents"):
            return 0
        return conn.execute(select(func.count(Document.id))).scalar_one()


def kill_when(base: str, db_url: str, jobdir: Path, log: Path, *, rows: int, delay: float,
              limit: float = 300) -> bool:
    """Start a crawl; once `rows` documents are stored (0: at once), wait `delay` seconds and
    `kill -9` its process group. True if it was still running then (False: it finished first)."""
    proc = start_crawl(base, db_url, jobdir, log)
    engine = make_engine(db_url)
    deadline = time.monotonic() + limit
    try:
        while rows and proc.poll() is None and time.monotonic() < deadline:
            try:
                if stored_count(engine) >= rows:
                    break
            except OperationalError:
                pass  # the schema is being made
            time.sleep(0.02)
    finally:
        engine.dispose()
    end = time.monotonic() + delay
    while time.monotonic() < end and proc.poll() is None:
        time.sleep(0.01)
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


def documents(engine: Engine) -> list[Row]:
    """Every stored document as what it says, not where it sits: kind, platform id, address,
    parent and root by platform id, author, date, text."""
    parent, root = aliased(Document), aliased(Document)
    query = (
        select(
            Document.kind, Document.platform_id, Document.url, Document.permalink,
            parent.kind, parent.platform_id, root.platform_id, Document.title, Document.author_name,
            Document.published, Document.text, Document.content_hash, Document.is_pingback,
        )
        .outerjoin(parent, parent.id == Document.parent_id)
        .outerjoin(root, root.id == Document.root_id)
    )
    with engine.connect() as conn:
        if not inspect(conn).has_table("documents"):
            return []  # killed before the schema was made
        return sorted(tuple(r) for r in conn.execute(query).all())


def duplicates(rows: list[Row]) -> int:
    """Documents stored more than once (same kind and platform id, or same kind and text+address)."""
    by_id = Counter((r[0], r[1]) for r in rows if r[1] is not None)
    by_content = Counter((r[0], r[2], r[3], r[11]) for r in rows)
    return sum(n - 1 for n in by_id.values() if n > 1) + sum(n - 1 for n in by_content.values() if n > 1)


def half_written_threads(site: Site, rows: list[Row]) -> list[str]:
    """Posts stored without all of their comments (or comments stored without their post)."""
    stored_posts = {r[1] for r in rows if r[0] == "post"}
    comments_of: dict[str, set[str]] = {}
    for r in rows:
        if r[0] == "comment":
            comments_of.setdefault(r[6], set()).add(r[1])
    bad: list[str] = []
    for post in site.posts:
        pid = str(post.id)
        want = {str(c.id) for c in post.all_comments()}
        have = comments_of.get(pid, set())
        if (pid in stored_posts and have != want) or (pid not in stored_posts and have):
            bad.append(post.path)
    orphans = set(comments_of) - {str(p.id) for p in site.posts}
    return bad + [f"comments under unknown post {o}" for o in sorted(orphans, key=str)]
