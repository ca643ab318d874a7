"""The whole pipeline in one call: crawl, extract, reconcile; and the demo built on it.

`run_pipeline` reports through one progress callback, `progress(stage, done, total, detail)`,
with stage "crawl" (total unknown: None), "extract" or "reconcile", so a front end can draw one
display for the three stages. Each stage is incremental, so running the pipeline again on the same
URLs only does what new or changed pages need, and reviewers' decisions stay (the reconciler keeps
a reviewed link's status).

`run_demo` serves the fixture blogs under `fixtures/sites/` on 127.0.0.1, runs the pipeline on
them and writes the timeline as HTML and JSON. The fixtures are found beside the package
(`<checkout>/fixtures/sites`): the demo runs from a checkout with an editable install (what
`./scripts/demo` does); a wheel does not carry the fixtures, and the demo says so.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import reconcile
from reconcile.export import render
from reconcile.links import list_links
from reconcile.timeline import build_timeline, event_count
from store.engine import make_engine, session_scope
from store.models import Claim, ClaimLink, Document, Entity
from store.schema import ensure_schema

Progress = Callable[[str, int, "int | None", str], None]

FIXTURE_SITES = Path(reconcile.__file__).resolve().parent.parent / "fixtures" / "sites"
DEMO_PORT = 8642
"""The demo's fixed default port: the same port on every run gives the same site URL, so running
the demo again updates the stored blog instead of storing a second copy under another address."""
DEMO_FILES = ("timeline.html", "timeline.json")


class PipelineError(Exception):
    """The pipeline cannot start: missing fixtures, a busy port, no URLs."""


@dataclass
class StoreCounts:
    documents: int = 0
    posts: int = 0
    comments: int = 0
    entities: int = 0
    claims: int = 0
    links: dict[str, int] = field(default_factory=dict)
    """Link type -> number of open links."""
    open_conflicts: list[dict[str, Any]] = field(default_factory=list)
    """[{"id", "score", "reason"}] of the open conflicts, highest score first."""


@dataclass
class PipelineSummary:
    crawl: Any = None
    extract: Any = None
    reconcile: Any = None
    store: StoreCounts = field(default_factory=StoreCounts)
    seconds: float = 0.0

    def failures(self) -> list[str]:
        """What did not get done, for a non-zero exit: the crawl's failures (pages not stored,
        nothing fetched), documents extract could not read, parts of reconcile that failed."""
        out: list[str] = []
        crawl_failures = getattr(self.crawl, "failures", None)
        if callable(crawl_failures):
            out += [f"crawl: {f}" for f in crawl_failures()]
        if self.extract is not None and self.extract.errors:
            out.append(f"extract: {len(self.extract.errors)} documents could not be extracted")
        if self.reconcile is not None:
            out += [f"reconcile {e}" for e in self.reconcile.errors]
        return out

    def to_json(self) -> dict[str, Any]:
        def plain(x: Any) -> Any:
            if x is None:
                return None
            for method in ("to_json", "as_dict"):
                if hasattr(x, method):
                    return getattr(x, method)()
            return dict(vars(x))

        return {
            "crawl": plain(self.crawl),
            "extract": plain(self.extract),
            "reconcile": plain(self.reconcile),
            "store": dict(vars(self.store)),
            "seconds": round(self.seconds, 2),
        }


@dataclass
class DemoSummary:
    pipeline: PipelineSummary
    urls: list[str]
    files: list[Path]
    events: int


def store_counts(session: Session) -> StoreCounts:
    """What the store holds now, for the closing summary."""
    kinds = dict(
        session.execute(select(Document.kind, func.count(Document.id)).group_by(Document.kind)).all()
    )
    open_links = dict(
        session.execute(
            select(ClaimLink.type, func.count(ClaimLink.id))
            .where(ClaimLink.status == "open")
            .group_by(ClaimLink.type)
        ).all()
    )
    conflicts = [
        {"id": k.id, "score": round(k.score, 3), "reason": k.reason}
        for k in list_links(session, type="conflicts", status="open")
    ]
    return StoreCounts(
        documents=sum(kinds.values()),
        posts=kinds.get("post", 0),
        comments=kinds.get("comment", 0),
        entities=session.scalar(select(func.count(Entity.id))) or 0,
        claims=session.scalar(select(func.count(Claim.id))) or 0,
        links=open_links,
        open_conflicts=conflicts,
    )


def run_pipeline(
    urls: Iterable[str],
    *,
    db_url: str,
    max_pages: int | None = None,
    depth: int | None = None,
    platform: str = "auto",
    concurrency: int | None = None,
    delay: float | None = None,
    jobdir: str | Path | None = None,
    progress: Progress | None = None,
    crawl: Callable[..., Any],
) -> PipelineSummary:
    """Crawl `urls` into `db_url`, extract what is new, reconcile; return what each stage did.

    `crawl` is the collecting side's `crawler.run.crawl`, handed in by the caller: reconcile
    never imports the crawler (data flows crawler -> store <- reconcile).
    """
    from reconcile.extract_stage import run_extract
    from reconcile.stage import run_reconcile

    started = time.monotonic()
    urls = list(urls)
    if not urls:
        raise PipelineError("no URLs to crawl")
    summary = PipelineSummary()
    pages = 0

    def on_page(url: str) -> None:
        nonlocal pages
        pages += 1
        if progress is not None:
            progress("crawl", pages, None, url)

    def stage_progress(stage: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(stage, done, total, "")

    engine = make_engine(db_url)
    try:
        ensure_schema(engine)
        summary.crawl = crawl(
            urls, db_url=db_url, max_pages=max_pages, depth=depth, platform=platform,
            concurrency=concurrency, delay=delay, jobdir=jobdir, on_page=on_page,
        )
        if not getattr(summary.crawl, "interrupted", False):
            # An interrupted crawl resumes next time; the later stages wait for it.
            with session_scope(engine) as s:
                summary.extract = run_extract(s, on_progress=stage_progress("extract"))
            from store.locks import Busy, single_writer

            try:
                with single_writer(engine, "reconcile"):
                    summary.reconcile = run_reconcile(engine, on_progress=stage_progress("reconcile"))
            except Busy as exc:
                raise PipelineError(str(exc)) from exc
            with session_scope(engine) as s:
                summary.store = store_counts(s)
    finally:
        engine.dispose()
    summary.seconds = time.monotonic() - started
    return summary


def site_dirs(root: Path = FIXTURE_SITES) -> list[Path]:
    """Each fixture site: a folder under `root` with an index page, served at its own root."""
    if not root.is_dir():
        raise PipelineError(
            f"fixture sites not found at {root}: the demo runs from a checkout of claimline "
            "installed with `pip install -e .` (./scripts/demo does this)"
        )
    sites = sorted(p for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file())
    if not sites:
        raise PipelineError(f"no fixture site (a folder with index.html) under {root}")
    return sites


def write_file(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def run_demo(
    out_dir: str | Path,
    *,
    port: int = DEMO_PORT,
    db_url: str,
    progress: Progress | None = None,
    sites_root: Path = FIXTURE_SITES,
    crawl: Callable[..., Any],
    serve_directory: Callable[..., Any],
) -> DemoSummary:
    """Serve the fixture blogs on 127.0.0.1 (the first on `port`, 0 = any free port), run the
    pipeline on them, write OUT/timeline.html and OUT/timeline.json, stop the servers.

    `crawl` and `serve_directory` are the collecting side's (`crawler.run.crawl`,
    `crawler.serve.serve_directory`), handed in by the caller."""
    sites = site_dirs(sites_root)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        urls = []
        for i, site in enumerate(sites):
            try:
                base = stack.enter_context(serve_directory(site, port=port + i if port else 0))
            except OSError as exc:
                raise PipelineError(
                    f"cannot serve {site.name} on 127.0.0.1:{port + i}: {exc.strerror or exc} "
                    "(choose another with --port, or --port 0 for any free port)"
                ) from exc
            urls.append(base.rstrip("/") + "/")
        summary = run_pipeline(urls, db_url=db_url, delay=0, progress=progress, crawl=crawl)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            timeline = build_timeline(s)
    finally:
        engine.dispose()
    files = [out / name for name in DEMO_FILES]
    write_file(files[0], render(timeline, "html"))
    write_file(files[1], render(timeline, "json"))
    return DemoSummary(summary, urls, files, event_count(timeline))
