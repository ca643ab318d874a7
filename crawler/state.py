"""What a site's crawl remembers between runs, in one small SQLite file per site and database.

- `outlinks`: the links each page led to at its last fetch. A conditional re-crawl that is told
  `304 Not Modified` has no body to read links from; it follows these instead, so new posts and
  new comment pages behind unchanged pages are still found.
- `journal`: the job in progress: every URL discovered (with its depth) and whether its page is
  safely in the database. Rows are written only after the database transaction that stored the
  page commits, so after a `kill -9` every page that is not marked done is fetched again on
  resume (saving is idempotent), and nothing discovered is lost. A finished job clears it.

The file is written from the store pipeline's writer thread only; reads at start-up happen before
the crawl begins.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outlinks (url TEXT PRIMARY KEY, links TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS journal (url TEXT PRIMARY KEY, depth INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0);
"""


class SiteState:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)

    # --- reads (start-up) ------------------------------------------------------------------
    def all_outlinks(self) -> dict[str, list[tuple[str, int]]]:
        with self._lock:
            rows = self._conn.execute("SELECT url, links FROM outlinks").fetchall()
        return {url: [tuple(x) for x in json.loads(links)] for url, links in rows}

    def pending(self) -> list[tuple[str, int]]:
        """URLs discovered by an interrupted job whose pages are not stored yet, with depth."""
        with self._lock:
            return self._conn.execute(
                "SELECT url, depth FROM journal WHERE done = 0 ORDER BY rowid"
            ).fetchall()

    def done_urls(self) -> set[str]:
        """Pages an interrupted job already stored (not fetched again on resume)."""
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT url FROM journal WHERE done = 1")}

    # --- writes (after each committed batch) -----------------------------------------------
    def record(
        self,
        done: Iterable[tuple[str, int]],
        outlinks: dict[str, list[tuple[str, int]]],
    ) -> None:
        """Mark pages stored and remember where they lead, in one SQLite transaction."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            for url, links in outlinks.items():
                self._conn.execute(
                    "INSERT INTO outlinks (url, links) VALUES (?, ?) "
                    "ON CONFLICT(url) DO UPDATE SET links = excluded.links",
                    (url, json.dumps(links)),
                )
                self._conn.executemany(
                    "INSERT INTO journal (url, depth) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
                    links,
                )
            self._conn.executemany(
                "INSERT INTO journal (url, depth, done) VALUES (?, ?, 1) "
                "ON CONFLICT(url) DO UPDATE SET done = 1",
                list(done),
            )

    def finish_job(self) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM journal")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
