"""The extract stage: run the extractor over stored documents that are new or changed.

A document is due when it was never extracted, its `content_hash` differs from the hash it was
extracted at, or it was extracted by another extractor version; replies of a due document are
due too (their pronouns and short names are read against it). Documents are processed parents
first, each with a `ThreadContext` rebuilt from its ancestors' stored mentions, so the same
thread gives the same chains whether it is extracted at once or a comment at a time.

Re-extraction updates rows in place: a mention keeps its id while its (start, end, type) stays,
a claim while its `claim_key` (a hash of what it says and its quote) stays, so entity decisions
and reviewed claim links survive; rows the new output no longer has are deleted. Running the
stage twice changes nothing.

Each document is its own transaction, committed when it is stored (on SQLite and PostgreSQL
alike), so a crawl or a second extract writing to the same database waits at most for one
document, and an interrupted run keeps what it did. A document whose transaction meets a lock
(SQLite's "database is locked") is rolled back and tried again with backoff
(:func:`store.engine.retry_locked`); only a document that still fails is reported, and the others
go on. The summary counts only what was committed.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from reconcile import extractors
from reconcile.extract import ThreadContext
from reconcile.extract.types import TimeOut, event_key, salient_chain
from reconcile.extract.types import ClaimOut, Extraction, Extractor, MentionOut
from reconcile.language import unsupported_reason
from reconcile.names import name_key
from reconcile.resolve.alias_store import store_aliases
from store import leases
from store.engine import ANALYZE_AFTER_ROWS, analyze, retry_locked
from store.models import Claim, Document, Mention

log = logging.getLogger(__name__)

VERSION_TAG = extractors.tag(extractors.get(extractors.DEFAULT))
"""What the default extractor stores on each document it has read."""

BATCH = 64
"""Documents parsed in one batch (one `nlp.pipe` call, or one task for a worker process)."""


@dataclass
class ExtractSummary:
    documents: int = 0
    """Documents extracted in this run."""
    unchanged: int = 0
    """Documents already up to date (not touched)."""
    mentions_added: int = 0
    mentions_updated: int = 0
    mentions_removed: int = 0
    claims_added: int = 0
    claims_updated: int = 0
    claims_removed: int = 0
    errors: list[str] = field(default_factory=list)
    """"document <id> (<url>): <reason>" for each document that could not be extracted."""
    not_extracted: list[str] = field(default_factory=list)
    """"document <id> (<url>): <reason>" for each document stored but not read (its language)."""
    extractor: str = ""
    """name/version of the extractor that ran."""

    retries: int = 0
    """Lock conflicts met and overcome by running a document's transaction again."""

    elsewhere: int = 0
    """Due documents left to another run or worker: it held their thread, or stored them first."""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def add(self, other: ExtractSummary) -> None:
        """Add another summary's counts and lists (a committed document's, a batch's) to this one."""
        for name in ("documents", "elsewhere", "retries", "mentions_added", "mentions_updated",
                     "mentions_removed", "claims_added", "claims_updated", "claims_removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.not_extracted += other.not_extracted


def _due_condition(version_tag: str) -> Any:
    """A document whose stored extraction is missing, stale or by another extractor version."""
    return or_(
        Document.extracted_hash.is_(None),
        Document.extracted_hash != Document.content_hash,
        Document.extractor_version.is_(None),
        Document.extractor_version != version_tag,
    )


@dataclass
class Thread:
    """A thread's due documents, parents first: one unit of work, leased and read as a whole."""

    root: int
    docs: list[tuple[int, Document]]
    """(depth below the root, document), sorted by depth then id."""


def _with_replies(session: Session, due: dict[int, Document]) -> dict[int, Document]:
    """Replies of a due document read it for context: they are due as well."""
    frontier = list(due)
    while frontier:
        children = session.scalars(select(Document).where(Document.parent_id.in_(frontier))).all()
        frontier = [c.id for c in children if c.id not in due]
        for c in children:
            due.setdefault(c.id, c)
    return due


def _due(session: Session, everything: bool, version_tag: str = VERSION_TAG) -> list[Thread]:
    query = select(Document).where(Document.kind != "authority")  # list entries: stored as read
    if not everything:
        query = query.where(_due_condition(version_tag))
    return _threads(session, _with_replies(session, {d.id: d for d in session.scalars(query)}).values())


def _threads(session: Session, docs: Any) -> list[Thread]:
    """Documents grouped by the root of their thread (found by following parents)."""
    by_root: dict[int, list[tuple[int, Document]]] = {}
    for doc in docs:
        root, depth = _root_and_depth(session, doc)
        by_root.setdefault(root, []).append((depth, doc))
    return [Thread(root, sorted(items, key=lambda item: (item[0], item[1].id)))
            for root, items in sorted(by_root.items())]


def _root_and_depth(session: Session, doc: Document) -> tuple[int, int]:
    depth, seen, cur = 0, {doc.id}, doc
    while cur.parent_id is not None and cur.parent_id not in seen:
        seen.add(cur.parent_id)
        parent = session.get(Document, cur.parent_id)
        if parent is None:
            break
        depth, cur = depth + 1, parent
    return cur.id, depth


def thread_context(session: Session, doc: Document) -> ThreadContext | None:
    """The context a document is read in: names and chains of its ancestors, root first."""
    chain: list[Document] = []
    seen = {doc.id}
    cur = doc
    while cur.parent_id is not None and cur.parent_id not in seen:
        parent = session.get(Document, cur.parent_id)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.id)
        cur = parent
    if not chain:
        return None
    ctx = ThreadContext(titles=[a.title for a in reversed(chain) if a.title],
                        speakers=[a.author_name for a in reversed(chain) if a.author_name])
    for ancestor in reversed(chain):
        rows = session.scalars(select(Mention).where(Mention.document_id == ancestor.id)
                               .order_by(Mention.start)).all()
        for m in rows:
            if m.chain and not m.is_pronoun and m.type in ("PERSON", "ORG", "PLACE"):
                names = ctx.chains.setdefault(m.chain, [])
                bare = m.name or m.surface
                if bare not in names:
                    names.append(bare)
                ctx.types.setdefault(m.chain, m.type)
        ctx.salient = salient_chain(rows) or ctx.salient
        chain_of = {m.id: m.chain for m in rows if m.chain}
        for c in session.scalars(select(Claim).where(Claim.document_id == ancestor.id).order_by(Claim.quote_start)):
            subject_chain = chain_of.get(c.subject_mention_id or -1)
            if subject_chain and c.edtf and c.modality != "negated":
                ctx.events.setdefault(event_key(subject_chain, c.predicate),
                                      TimeOut(c.edtf, c.earliest, c.latest, c.time_text or c.edtf))
    return ctx


def claim_key(c: ClaimOut) -> str:
    """What the claim says and its quote: stable across re-extraction of unchanged text."""
    parts = [c.predicate, c.subject_name or c.subject, c.object_text or "", c.edtf or "",
             c.quote, c.modality]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def _store_mentions(session: Session, doc: Document, mentions: list[MentionOut],
                    summary: ExtractSummary) -> list[Mention]:
    existing = {(m.start, m.end, m.type): m for m in
                session.scalars(select(Mention).where(Mention.document_id == doc.id))}
    before = dict(existing)
    rows: list[Mention] = []
    for m in mentions:
        values = dict(surface=m.surface[:512], title=m.title, name=(m.name or None),
                      name_key=None if m.is_pronoun or not m.name else name_key(m.name, m.type)[:512],
                      chain=m.chain, is_pronoun=m.is_pronoun)
        row = existing.get((m.start, m.end, m.type))
        if row is None:
            row = Mention(document_id=doc.id, start=m.start, end=m.end, type=m.type, **values)
            session.add(row)
            existing[(m.start, m.end, m.type)] = row
            summary.mentions_added += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            summary.mentions_updated += 1
        rows.append(row)
    session.flush()
    keep = {r.id for r in rows}
    stale = [r.id for r in before.values() if r.id not in keep]
    if stale:
        session.execute(delete(Mention).where(Mention.id.in_(stale)))
        summary.mentions_removed += len(stale)
    return rows


def _store_claims(session: Session, doc: Document, ex: Extraction, mention_rows: list[Mention],
                  summary: ExtractSummary, extractor: Extractor | None = None) -> None:
    extractor = extractor or extractors.get()
    existing = {c.claim_key: c for c in
                session.scalars(select(Claim).where(Claim.document_id == doc.id))}
    seen: set[str] = set()
    for c in ex.claims:
        key = claim_key(c)
        n = 1
        while key in seen:
            n += 1
            key = f"{claim_key(c)[:36]}-{n}"
        seen.add(key)
        values = dict(
            subject_mention_id=mention_rows[c.subject_mention].id if c.subject_mention is not None else None,
            subject_text=(c.subject_name or c.subject or None),
            predicate=c.predicate, verb=(c.verb or None) and c.verb[:256],
            object_text=c.object_text,
            object_mention_id=mention_rows[c.object_mention].id if c.object_mention is not None else None,
            edtf=c.edtf, earliest=c.time.earliest if c.time else None,
            latest=c.time.latest if c.time else None,
            time_text=(c.time.text[:256] or None) if c.time else None,
            place_text=c.place, modality=c.modality, attributed_to=c.attributed_to,
            quote=c.quote, quote_start=c.quote_start, quote_end=c.quote_end,
            extractor=extractor.name, extractor_version=extractor.version[:64], confidence=c.confidence,
        )
        row = existing.get(key)
        if row is None:
            session.add(Claim(document_id=doc.id, claim_key=key, **values))
            summary.claims_added += 1
        else:
            if any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                summary.claims_updated += 1
    stale = [row.id for k, row in existing.items() if k not in seen]
    if stale:
        session.execute(delete(Claim).where(Claim.id.in_(stale)))
        summary.claims_removed += len(stale)


def _job(session: Session, doc: Document) -> Any:
    from reconcile.nlp.extractor import Job

    return Job(doc.text or "", doc.published, doc.kind, thread_context(session, doc), f"d{doc.id}")


def store_extraction(session: Session, doc: Document, ex: Extraction, summary: ExtractSummary,
                     extractor: Extractor) -> None:
    """Store one document's extraction into the session (the caller commits)."""
    rows = _store_mentions(session, doc, ex.mentions, summary)
    _store_claims(session, doc, ex, rows, summary, extractor)
    store_aliases(session, doc.id, ex.aliases, [r.id for r in rows])
    doc.extracted_hash = doc.content_hash
    doc.extractor_version = extractors.tag(extractor)
    session.flush()


def _levels(due: list[Document]) -> list[list[Document]]:
    """Due documents (parents first, as `_due` sorts them) cut into thread levels: a level reads
    only what the levels above stored. A document starts a new level when its parent is in the
    current one."""
    levels: list[list[Document]] = []
    current: set[int] = set()
    for doc in due:
        if not levels or doc.parent_id in current:
            levels.append([])
            current = set()
        levels[-1].append(doc)
        current.add(doc.id)
    return levels


def _parse_batch(name: str, jobs: list[Any]) -> list[Extraction | str]:
    """Run in a worker process: parse one batch with the named extractor."""
    return _parse_batch_here(extractors.get(name), jobs)


def _pool(workers: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def default_workers() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_extract(session: Session, *, all: bool = False,  # noqa: A002 - the CLI flag's name
                on_progress: Callable[[int, int], None] | None = None,
                extractor: str = extractors.DEFAULT, workers: int | None = None) -> ExtractSummary:
    """Extract every due document (or every document with `all=True`), parents first.

    Documents are parsed in batches, level by level of their threads (a reply is read with the
    names its ancestors' stored mentions give it); with `workers` > 1 the batches are parsed in
    that many processes while this one stores the results. A document not in English is
    stored as read, with no mentions or claims, and listed in `summary.not_extracted`. A
    document that fails is reported in `summary.errors` with its id, URL and reason, and its
    previous mentions and claims stay as they were; the others go on. Each
    document is committed on its own; a lock conflict costs a retry of that document, not a failure.

    Threads are taken a few at a time under a lease (`store.leases`), so two runs at once (or a
    run and `claimline worker`s) share the work: a thread another run holds, or has extracted
    meanwhile, is left to it and counted in `summary.elsewhere`.
    """
    ex_obj = extractors.get(extractor)
    summary = ExtractSummary(extractor=extractors.tag(ex_obj))
    threads = _due(session, all, extractors.tag(ex_obj))
    due = sum(len(t.docs) for t in threads)
    summary.unchanged = (session.scalar(select(func.count(Document.id))) or 0) - due
    session.commit()  # what is due is known: hold no transaction between documents
    if due:
        prepare = getattr(ex_obj, "prepare", None)
        if prepare is not None:
            prepare()  # load the model once, before any fork: a missing model is one clear error
    workers = default_workers() if workers is None else max(1, workers)
    workers = min(workers, max(1, due // BATCH))
    progress = _Progress(on_progress, due)
    owner = leases.new_owner()
    pool = _pool(workers) if workers > 1 else None
    try:
        chunk: list[Thread] = []
        for thread in threads:
            chunk.append(thread)
            if sum(len(t.docs) for t in chunk) >= BATCH * max(2, 2 * workers):
                _extract_threads(session, chunk, ex_obj, summary, owner=owner, everything=all,
                                 pool=pool, progress=progress)
                chunk = []
        if chunk:
            _extract_threads(session, chunk, ex_obj, summary, owner=owner, everything=all,
                             pool=pool, progress=progress)
    finally:
        if pool is not None:
            pool.shutdown()
        _give_back(session, owner)
    if summary.mentions_added + summary.claims_added >= ANALYZE_AFTER_ROWS:
        analyze(session, ("documents", "mentions", "claims"))
        session.commit()
    return summary


def due_threads(session: Session, *, everything: bool = False,
                extractor: str = extractors.DEFAULT) -> list[Thread]:
    """The threads that have due documents (every document's with `everything`), parents first."""
    return _due(session, everything, extractors.tag(extractors.get(extractor)))


def plan_batches(threads: list[Thread], size: int = BATCH) -> list[list[int]]:
    """The threads' roots packed into batches of about `size` documents (whole threads, so that a
    reply is never read before its parent): what `claimline extract --queue` enqueues."""
    batches: list[list[int]] = []
    count = 0
    for thread in threads:
        if not batches or count >= size:
            batches.append([])
            count = 0
        batches[-1].append(thread.root)
        count += len(thread.docs)
    return batches


class ThreadsHeld(Exception):
    """Threads of a batch stayed leased by another writer past the wait: the batch should be
    tried again later (they are done by then, or their holder's lease has expired)."""


def extract_threads(session: Session, roots: list[int], *, owner: str, everything: bool = False,
                    extractor: str = extractors.DEFAULT, lease_seconds: float = leases.LEASE_SECONDS,
                    wait: float | None = None) -> ExtractSummary:
    """Extract the due documents of the threads under `roots` (one queued batch), in this
    process, under leases held by `owner`. A thread another writer holds is waited for (up to
    `wait` seconds, by default twice the lease time, so a dead holder's lease expires in it);
    one still held then raises `ThreadsHeld`, after the rest is stored."""
    ex_obj = extractors.get(extractor)
    summary = ExtractSummary(extractor=extractors.tag(ex_obj))
    tops = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(roots)))}
    docs = _with_replies(session, dict(tops))
    threads = _threads(session, [d for d in docs.values() if d.kind != "authority"])
    if not everything:
        threads = _still_due(session, threads, extractors.tag(ex_obj), summary)
        summary.elsewhere = 0  # done before this batch ran: not this batch's business
    session.commit()
    try:
        held = _extract_threads(session, threads, ex_obj, summary, owner=owner, everything=everything,
                                pool=None, progress=_Progress(None, 0), lease_seconds=lease_seconds,
                                wait=2 * lease_seconds if wait is None else wait)
    finally:
        _give_back(session, owner)
    if held:
        raise ThreadsHeld(f"{len(held)} threads (roots {', '.join(str(t.root) for t in held[:5])}"
                          f"{'...' if len(held) > 5 else ''}) still held by another writer")
    return summary


class _Progress:
    def __init__(self, callback: Callable[[int, int], None] | None, total: int) -> None:
        self.callback, self.total, self.done = callback, total, 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.callback and n:
            self.callback(self.done, self.total)


def _give_back(session: Session, owner: str) -> None:
    """Release every lease of `owner`; a failure here only delays others until they expire."""
    try:
        session.rollback()
        retry_locked(lambda: _commit_or_rollback(session, lambda: leases.release(session, owner)),
                     what="release extract leases")
    except Exception as exc:  # noqa: BLE001 - the leases expire by themselves
        log.warning("could not release extract leases of %s (they expire by themselves): %s", owner, exc)


def _commit_or_rollback(session: Session, work: Callable[[], Any]) -> Any:
    try:
        out = work()
        session.commit()
        return out
    except BaseException:
        session.rollback()
        raise


def _still_due(session: Session, threads: list[Thread], version_tag: str,
               summary: ExtractSummary) -> list[Thread]:
    """The threads' documents that are due now (read in a fresh transaction, after the leases
    were taken): another writer may have stored some since they were found due. What it did is
    counted in `summary.elsewhere`."""
    ids = [d.id for t in threads for _, d in t.docs]
    due_now: set[int] = set()
    for i in range(0, len(ids), 500):
        due_now.update(session.scalars(select(Document.id).where(
            Document.id.in_(ids[i:i + 500]), _due_condition(version_tag))))
    out: list[Thread] = []
    for t in threads:
        kept: list[tuple[int, Document]] = []
        kept_ids: set[int] = set()
        for depth, doc in t.docs:  # parents first: a reply of a due document stays due
            if doc.id in due_now or doc.parent_id in kept_ids:
                kept.append((depth, doc))
                kept_ids.add(doc.id)
        summary.elsewhere += len(t.docs) - len(kept)
        if kept:
            out.append(Thread(t.root, kept))
    return out


def _extract_threads(session: Session, threads: list[Thread], ex_obj: Extractor,
                     summary: ExtractSummary, *, owner: str, everything: bool, pool: Any,
                     progress: _Progress, lease_seconds: float = leases.LEASE_SECONDS,
                     wait: float = 0.0) -> list[Thread]:
    """Lease the threads, and extract the documents of those taken that are still due. Threads
    another writer holds are waited for up to `wait` seconds (until it has stored them, or its
    lease expires and they are taken here); those still held then are returned, and their
    documents counted in `summary.elsewhere`."""
    import time

    deadline = time.monotonic() + wait
    pending = threads
    while True:
        taken = retry_locked(lambda: _commit_or_rollback(session, lambda: leases.acquire(
            session, [t.root for t in pending], owner, lease_seconds)), what="take extract leases")  # noqa: B023 - called at once
        mine = [t for t in pending if t.root in taken]
        pending = [t for t in pending if t.root not in taken]
        if mine:
            _extract_taken(session, mine, ex_obj, summary, owner=owner, everything=everything, pool=pool,
                           progress=progress, lease_seconds=lease_seconds)
        if pending and not everything:  # what the holder stored meanwhile is done
            before = sum(len(t.docs) for t in pending)
            pending = _still_due(session, pending, summary.extractor, summary)
            session.commit()
            progress.advance(before - sum(len(t.docs) for t in pending))
        if not pending or time.monotonic() >= deadline:
            break
        time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
    held = sum(len(t.docs) for t in pending)
    summary.elsewhere += held
    progress.advance(held)
    return pending


def _extract_taken(session: Session, mine: list[Thread], ex_obj: Extractor, summary: ExtractSummary, *,
                   owner: str, everything: bool, pool: Any, progress: _Progress, lease_seconds: float) -> None:
    """Extract the still-due documents of threads `owner` has just leased, then release them."""
    taken = [t.root for t in mine]
    if not everything:
        before = sum(len(t.docs) for t in mine)
        mine = _still_due(session, mine, summary.extractor, summary)
        session.commit()
        progress.advance(before - sum(len(t.docs) for t in mine))
    root_of = {d.id: t.root for t in mine for _, d in t.docs}
    ordered = sorted(((depth, d) for t in mine for depth, d in t.docs), key=lambda x: (x[0], x[1].id))
    for level in _levels([d for _, d in ordered]):
        readable: list[Document] = []
        for doc in level:
            reason = unsupported_reason(doc.text or "", doc.language)
            if reason:
                summary.not_extracted.append(f"document {doc.id} ({doc.url}): {reason}")
                _store_safely(session, doc, Extraction(), summary, ex_obj, owner=owner, lease=root_of[doc.id],
                              lease_seconds=lease_seconds)
                progress.advance()
            else:
                readable.append(doc)
        batches = [readable[i:i + BATCH] for i in range(0, len(readable), BATCH)]
        jobs = [[_job(session, d) for d in batch] for batch in batches]
        session.commit()  # the jobs are read: hold no transaction while parsing
        if pool is not None:
            results = pool.map(_parse_batch, [ex_obj.name] * len(jobs), jobs)
        else:
            results = (_parse_batch_here(ex_obj, j) for j in jobs)
        for batch, outcome in zip(batches, results):
            for doc, ex in zip(batch, outcome):
                if isinstance(ex, str):
                    log.warning("extract failed for document %s: %s", doc.id, ex)
                    summary.errors.append(f"document {doc.id} ({doc.url}): {ex}")
                else:
                    _store_safely(session, doc, ex, summary, ex_obj, owner=owner, lease=root_of[doc.id],
                                  lease_seconds=lease_seconds)
                progress.advance()
        retry_locked(lambda: _commit_or_rollback(session, lambda: leases.renew(session, owner, lease_seconds)),
                     what="renew extract leases")
    retry_locked(lambda: _commit_or_rollback(session, lambda: leases.release(session, owner, taken)),
                 what="release extract leases")


def _parse_batch_here(extractor: Extractor, jobs: list[Any]) -> list[Extraction | str]:
    """The batch's extractions; where the batch fails, each document alone, so that one bad
    document costs only itself (its entry is then the reason, a string)."""
    many = getattr(extractor, "extract_many", None)
    if many is not None:
        try:
            return list(many(jobs))
        except Exception:  # noqa: BLE001 - isolated below, document by document
            log.debug("batch failed; extracting its documents one by one", exc_info=True)
    out: list[Extraction | str] = []
    for j in jobs:
        try:
            out.append(extractor.extract(j.text, published=j.published, kind=j.kind,
                                         context=j.context, doc_key=j.doc_key))
        except Exception as exc:  # noqa: BLE001 - reported with the document
            out.append(f"{exc.__class__.__name__}: {exc}")
    return out


def _store_safely(session: Session, doc: Document, ex: Extraction, summary: ExtractSummary,
                  extractor: Extractor, *, owner: str | None = None, lease: int | None = None,
                  lease_seconds: float = leases.LEASE_SECONDS) -> None:
    """Store one document's extraction and commit it, again on a lock conflict (with backoff);
    a document that still fails is reported and the run goes on. With a lease (`owner` holds the
    thread `lease`), the transaction first checks that it is still held: a lease lost (it expired
    and another writer took the thread) leaves the document to that writer."""
    doc_id, doc_url = doc.id, doc.url

    def one() -> ExtractSummary | None:
        part = ExtractSummary()
        try:
            if owner is not None and lease is not None and not leases.hold(session, lease, owner, lease_seconds):
                session.rollback()
                return None
            store_extraction(session, doc, ex, part, extractor)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return part

    def count_retry(_attempt: int, _exc: BaseException) -> None:
        summary.retries += 1

    try:
        part = retry_locked(one, what=f"extract document {doc_id}", on_retry=count_retry)
    except Exception as exc:  # one bad document must not stop the run
        log.warning("extract failed for document %s: %s", doc_id, exc)
        summary.errors.append(f"document {doc_id} ({doc_url}): {exc.__class__.__name__}: {exc}")
        return
    if part is None:
        log.warning("document %s: its thread's lease was taken by another writer; left to it", doc_id)
        summary.elsewhere += 1
        return
    summary.add(part)
    summary.documents += 1
    log.info("extracted document %s", doc_id)
