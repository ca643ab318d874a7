"""Walk the given paths, read every file's threads and store them, one transaction per thread.

One transaction per thread means a record that fails (to parse, or to store) never takes the
others with it, and a damaged file changes nothing that was already stored: its damaged records
are dropped by the readers before they reach the store. Saving goes through
`store.threads.save_thread`, the same upsert a crawl uses, so re-ingesting updates, never
duplicates, and a page ingested here merges with the same page crawled or read from another
format (same platform ids, same canonical URL).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from store.engine import ANALYZE_AFTER_ROWS, analyze, retry_locked, session_factory
from store.threads import SaveStats, save_thread

from ..errors import ParseError
from ..thread import ParsedPage
from ..to_store import thread_from_page
from . import read_threads
from .detect import detect_format
from .problems import IngestProblem
from .urls import Addresses, capture_url

ProblemHandler = Callable[[IngestProblem], None]
# Names never worth reading in a walked folder (editor and OS litter, VCS metadata).
IGNORED_NAMES: tuple[str, ...] = (".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass
class FileSummary:
    path: str
    format: str | None = None
    threads: int = 0
    comments: int = 0
    problems: int = 0
    failed: bool = False

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class IngestSummary:
    files: int = 0
    files_failed: int = 0
    threads: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    posts_unchanged: int = 0
    comments_new: int = 0
    comments_updated: int = 0
    comments_unchanged: int = 0
    threads_not_stored: int = 0
    """Threads read but not stored (a database error after every retry): a non-zero exit."""
    problems: list[IngestProblem] = field(default_factory=list)
    per_file: list[FileSummary] = field(default_factory=list)

    @property
    def landed(self) -> bool:
        return self.threads > 0

    def add(self, stats: SaveStats) -> None:
        post_new = stats.post_id in stats.new_ids
        post_updated = stats.post_id in stats.changed_ids
        self.posts_new += int(post_new)
        self.posts_updated += int(post_updated)
        self.posts_unchanged += int(not post_new and not post_updated)
        self.comments_new += stats.new - int(post_new)
        self.comments_updated += stats.updated - int(post_updated)
        self.comments_unchanged += stats.unchanged - int(not post_new and not post_updated)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "files_failed": self.files_failed,
            "threads": self.threads,
            "threads_not_stored": self.threads_not_stored,
            "posts": {"new": self.posts_new, "updated": self.posts_updated, "unchanged": self.posts_unchanged},
            "comments": {
                "new": self.comments_new, "updated": self.comments_updated, "unchanged": self.comments_unchanged,
            },
            "problems": [p.to_json() for p in self.problems],
            "per_file": [f.to_json() for f in self.per_file],
        }


def exit_code(summary: IngestSummary) -> int:
    """0 when no input failed as a whole (per-record problems and notes are fine); 1 when at
    least one file could not be read at all, a thread read could not be stored, or nothing was
    found to store."""
    if summary.files_failed or summary.files == 0 or summary.threads_not_stored:
        return 1
    return 0


def walk(paths: Iterable[Path]) -> Iterator[tuple[Path, bool, str] | IngestProblem]:
    """(file, named explicitly?, its path inside the folder given, POSIX) for files as given and
    for files in folders (walked sorted, hidden entries skipped); missing paths as problems."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel) and child.name not in IGNORED_NAMES:
                    yield child, False, "/".join(rel)
        elif path.is_file():
            yield path, True, path.name
        else:
            yield IngestProblem(str(path), "no such file or folder", kind="file")


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | IngestProblem]:
    """The files `paths` stand for (folders walked); missing paths as problems."""
    for item in walk(paths):
        yield item if isinstance(item, IngestProblem) else item[0]


def _factory(target: Engine | sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory(target) if isinstance(target, Engine) else target


def _save(factory: sessionmaker[Session], page: ParsedPage, fmt: str) -> SaveStats:
    session = factory()
    try:
        stats = save_thread(session, thread_from_page(page, source=f"ingest:{fmt}"))
        session.commit()
        return stats
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def ingest_file(
    factory: sessionmaker[Session],
    path: Path,
    summary: IngestSummary,
    *,
    url: str | None = None,
    site_name: str | None = None,
    on_problem: ProblemHandler | None = None,
    explicit: bool = True,
    fallback: str | None = None,
    claimed: dict[str, Path] | None = None,
) -> FileSummary:
    """One file. A file met while walking a folder (`explicit=False`) whose format is unknown is
    left out with a note (folders hold READMEs and manifests); a file named explicitly fails.

    `claimed` maps the addresses made up for files in this run (from a file's name, or from
    `--base-url` and its path) to the file that took each first: a thread that would land at the
    address another file already took is not stored (it would silently replace that file's post),
    and the problem names both files."""
    one = FileSummary(str(path))
    summary.per_file.append(one)
    summary.files += 1

    def report(problem: IngestProblem) -> None:
        one.problems += 1
        if problem.kind in ("file", "record"):
            one.failed = one.failed or problem.kind == "file"
        summary.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    lost = 0
    made_up = None if url else capture_url(path, fallback)
    try:
        one.format = detect_format(path)
    except ParseError as exc:
        kind = "skipped" if not explicit and exc.reason.startswith("unknown format") else "file"
        report(IngestProblem(str(path), exc.reason, kind=kind))
    else:
        # A reader's notes on a thread come before it; they are held until the thread is stored
        # (or refused, when the refusal says it all), so no note says "stored under" a refused one.
        held: list[IngestProblem] = []

        def flush() -> None:
            for note in held:
                report(note)
            held.clear()

        for item in read_threads(path, url=url, fmt=one.format, fallback=fallback):
            if isinstance(item, IngestProblem):
                if item.kind == "note":
                    held.append(item)
                    continue
                flush()
                lost += item.kind == "record"
                report(item)
                continue
            if site_name:
                item.site_name = site_name
            taken = claimed.get(made_up) if claimed is not None and made_up is not None else None
            if taken is not None and item.post.url == made_up and taken.resolve() != path.resolve():
                held.clear()
                lost += 1
                report(IngestProblem(str(path), f"not stored: it names no address of its own, and the one made "
                                     f"up for it, {made_up}, is {taken}'s, stored before it in this run (give "
                                     "each file its address with --base-url URL or --url-map FILE)", kind="file"))
                continue
            flush()
            try:
                # a lock held by another writer costs a retry, not the thread
                stats = retry_locked(lambda item=item: _save(factory, item, one.format),
                                     what=f"store {item.post.url}")
            except SQLAlchemyError as exc:
                lost += 1
                summary.threads_not_stored += 1
                report(IngestProblem(str(path), f"could not store the thread: {exc.__class__.__name__}: "
                                     f"{str(exc).splitlines()[0]}", where=item.post.url))
                continue
            if claimed is not None and made_up is not None and item.post.url == made_up:
                claimed.setdefault(made_up, path)
            summary.add(stats)
            summary.threads += 1
            one.threads += 1
            one.comments += len(item.comments)
            for warning in item.warnings:
                report(IngestProblem(str(path), warning, where=item.post.url, kind="note"))
        flush()
    if one.threads == 0 and lost:
        one.failed = True
    if one.failed:
        summary.files_failed += 1
    return one


def ingest_paths(
    target: Engine | sessionmaker[Session],
    paths: list[Path],
    *,
    url: str | None = None,
    site_name: str | None = None,
    on_problem: ProblemHandler | None = None,
    on_file: Callable[[Path], None] | None = None,
    addresses: Addresses | None = None,
) -> IngestSummary:
    """Store every thread found under `paths`; problems are collected (and passed to
    `on_problem` as they happen), never raised. `on_file` hears of each file when it is done
    (progress display). `addresses` gives files their addresses (`--base-url`, a mapping file)."""
    factory = _factory(target)
    summary = IngestSummary()
    claimed: dict[str, Path] = {}
    for item in walk(paths):
        if isinstance(item, IngestProblem):
            summary.files += 1
            summary.files_failed += 1
            summary.per_file.append(FileSummary(item.file, problems=1, failed=True))
            summary.problems.append(item)
            if on_problem is not None:
                on_problem(item)
            continue
        path, explicit, relative = item
        file_url, fallback = addresses.of(path, relative) if addresses is not None else (None, None)
        ingest_file(factory, path, summary, url=url or file_url, site_name=site_name, on_problem=on_problem,
                    explicit=explicit, fallback=fallback, claimed=claimed)
        if on_file is not None:
            on_file(path)
    if summary.posts_new + summary.comments_new >= ANALYZE_AFTER_ROWS:
        with factory() as session, session.begin():  # a table loaded from empty is planned as such
            analyze(session, ("documents",))
    return summary
