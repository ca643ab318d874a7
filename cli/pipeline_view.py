"""What `claimline run` and `claimline demo` share: one progress display for the three stages
(on a terminal only) and the closing summary lines."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from cli.context import AppContext
from reconcile.export.safe import printable
from reconcile.pipeline import Progress as ProgressFn
from reconcile.pipeline import PipelineSummary

STAGES = ("crawl", "extract", "reconcile")


@contextmanager
def stage_progress(app: AppContext) -> Iterator[ProgressFn | None]:
    """A progress callback drawing one bar per stage on a terminal; None in pipes and CI."""
    if not app.interactive:
        yield None
        return
    with Progress(
        SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
        console=app.console, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int | None, detail: str) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, detail="")
            bar.update(tasks[stage], completed=done, total=total, detail=printable(detail)[-60:])

        yield update


def summary_lines(summary: PipelineSummary) -> list[str]:
    lines = []
    crawl = summary.crawl
    if crawl is not None:
        lines.append(
            f"crawl: {crawl.pages_fetched} pages, posts {crawl.posts.new} new / {crawl.posts.updated} updated,"
            f" comments {crawl.comments.new} new / {crawl.comments.updated} updated,"
            f" {crawl.error_count} errors"
        )
    ex = summary.extract
    if ex is None:
        lines.append("extract, reconcile: not run (the crawl was interrupted)")
        return lines
    if ex is not None:
        lines.append(
            f"extract: {ex.documents} documents read ({ex.unchanged} unchanged), "
            f"{ex.claims_added} claims added, {len(ex.errors)} failed"
        )
        lines += [f"  error: {printable(e)}" for e in ex.errors[:10]]
    rec = summary.reconcile
    if rec is not None:
        lines.append(
            f"reconcile: {rec.entities} entities ({rec.entities_created} new), links "
            f"{rec.links_created} new / {rec.links_updated} updated / {rec.links_removed} removed"
        )
        lines += [f"  error: {printable(e)}" for e in rec.errors]
    store = summary.store
    lines.append(
        f"store: {store.documents} documents ({store.posts} posts, {store.comments} comments), "
        f"{store.entities} entities, {store.claims} claims"
    )
    open_links = ", ".join(f"{n} {t}" for t, n in sorted(store.links.items())) or "none"
    lines.append(f"open links: {open_links}")
    for c in store.open_conflicts:
        lines.append(f"  conflict (link {c['id']}, {c['score']:.2f}): {printable(c['reason'])}")
    lines.append(f"time: {summary.seconds:.1f} s")
    return lines
