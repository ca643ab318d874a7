"""Saving threads: the same document twice is one row with the newer fields; parents survive."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select

from store.engine import session_scope
from store.models import Document, Site
from store.records import DocumentIn, ThreadIn
from store.threads import ensure_site, save_thread

URL = "https://blog.example.org/2013/09/defection/"


def _thread(text: str = "Body.", extra: list[DocumentIn] | None = None) -> ThreadIn:
    post = DocumentIn(kind="post", url=URL, text=text, platform_id="42", title="A defection")
    comments = [
        DocumentIn(kind="comment", url=URL, text="First.", platform_id="1",
                   permalink=URL + "#comment-1", author_name="SOTI",
                   published=datetime(2013, 9, 19, 21, 31), published_text="September 19, 2013 9:31 pm"),
        DocumentIn(kind="comment", url=URL, text="A reply.", platform_id="2",
                   permalink=URL + "#comment-2", parent_platform_id="1"),
    ]
    return ThreadIn(site_url=URL, post=post, comments=comments + (extra or []), platform="wordpress")


def _count(engine: Engine, model: type) -> int:
    with session_scope(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_same_thread_twice_is_one_row_each(engine: Engine) -> None:
    with session_scope(engine) as s:
        first = save_thread(s, _thread())
    with session_scope(engine) as s:
        second = save_thread(s, _thread())
    assert (first.new, second.new, second.updated, second.unchanged) == (3, 0, 0, 3)
    assert _count(engine, Document) == 3
    assert _count(engine, Site) == 1


def test_newer_fields_win_and_missing_ones_do_not_erase(engine: Engine) -> None:
    with session_scope(engine) as s:
        save_thread(s, _thread("Old body."))
    newer = _thread("New body.")
    newer.comments[0].author_name = None  # a source without the author must not erase it
    with session_scope(engine) as s:
        stats = save_thread(s, newer)
    assert stats.updated == 1
    with session_scope(engine) as s:
        post = s.execute(select(Document).where(Document.kind == "post")).scalar_one()
        c1 = s.execute(select(Document).where(Document.platform_id == "1")).scalar_one()
        assert post.text == "New body."
        assert c1.author_name == "SOTI"
    assert _count(engine, Document) == 3


def test_parents_and_roots(engine: Engine) -> None:
    with session_scope(engine) as s:
        save_thread(s, _thread())
    with session_scope(engine) as s:
        docs = {d.platform_id: d for d in s.execute(select(Document)).scalars()}
        assert docs["1"].parent_id == docs["42"].id
        assert docs["2"].parent_id == docs["1"].id
        assert docs["2"].root_id == docs["42"].id


def test_reply_listed_before_its_parent_and_parent_arriving_later(engine: Engine) -> None:
    late_reply = DocumentIn(kind="comment", url=URL, text="Reply to a later page.",
                            platform_id="9", parent_platform_id="8")
    with session_scope(engine) as s:
        save_thread(s, _thread(extra=[late_reply]))
    parent = DocumentIn(kind="comment", url=URL + "comment-page-2/", text="Parent.", platform_id="8")
    with session_scope(engine) as s:
        save_thread(s, ThreadIn(site_url=URL, post=_thread().post, comments=[parent]))
    with session_scope(engine) as s:
        docs = {d.platform_id: d for d in s.execute(select(Document)).scalars()}
        assert docs["9"].parent_id == docs["8"].id


def test_capture_without_ids_merges_with_crawled_post(engine: Engine) -> None:
    with session_scope(engine) as s:
        save_thread(s, _thread())
    capture = ThreadIn(site_url=URL, post=DocumentIn(kind="post", url=URL, text="Body."), source="text")
    with session_scope(engine) as s:
        stats = save_thread(s, capture)
    assert stats.new == 0
    assert _count(engine, Document) == 3


def test_comments_sharing_a_permalink_but_not_an_id_stay_apart(engine: Engine) -> None:
    shared = URL + "#comment-1"
    reply = DocumentIn(kind="comment", url=URL, text="Owner's inline reply.", platform_id="1-reply",
                       permalink=shared, parent_platform_id="1")
    with session_scope(engine) as s:
        save_thread(s, _thread(extra=[reply]))
    with session_scope(engine) as s:
        save_thread(s, _thread(extra=[reply]))
    with session_scope(engine) as s:
        texts = sorted(d.text for d in s.execute(select(Document).where(Document.permalink == shared)).scalars())
    assert texts == ["First.", "Owner's inline reply."]


def test_a_parent_cycle_is_stored_under_the_post_and_the_callers_records_stay_as_given(engine: Engine) -> None:
    loop = [DocumentIn(kind="comment", url=URL, text="Loop A.", platform_id="a", parent_platform_id="b"),
            DocumentIn(kind="comment", url=URL, text="Loop B.", platform_id="b", parent_platform_id="a")]
    thread = _thread(extra=loop)
    with session_scope(engine) as s:
        save_thread(s, thread)
    assert [c.parent_platform_id for c in loop] == ["b", "a"]  # not mutated
    with session_scope(engine) as s:
        docs = {d.platform_id: d for d in s.execute(select(Document)).scalars()}
        assert docs["a"].parent_id == docs["42"].id  # the cut link: under the post
        assert docs["b"].parent_id == docs["a"].id


def test_a_document_another_writer_stored_meanwhile_is_not_doubled(engine: Engine) -> None:
    """Two crawlers on one frontier may save the same post at once. The first writer's row stands;
    the second transaction either finds it (SQLite, one writer at a time) or is refused and,
    written again, finds it then (PostgreSQL, whose batched insert uses ids drawn beforehand)."""
    import pytest

    from store.engine import is_lock_error, retry_locked
    from store.threads import _Known

    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer at a time (BEGIN IMMEDIATE): there is no race to lose")

    thread = _thread()
    with session_scope(engine) as s:  # the site exists already: the race is over its documents
        ensure_site(s, URL, "wordpress")
    calls: list[int] = []
    real_init = _Known.__init__

    def racing_init(self: _Known, session, site_id, docs) -> None:  # type: ignore[no-untyped-def]
        real_init(self, session, site_id, docs)
        calls.append(1)
        if len(calls) == 1:  # the other writer commits the same thread right after our lookup
            with session_scope(engine) as other:
                save_thread(other, _thread())

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(_Known, "__init__", racing_init)
    try:
        def ours() -> None:
            with session_scope(engine) as s:
                save_thread(s, thread)

        if engine.dialect.name == "postgresql":
            with pytest.raises(Exception) as refused:
                ours()
            assert is_lock_error(refused.value)  # worth retrying, as the crawl's writer does
        retry_locked(ours, what="the racing thread")
    finally:
        monkeypatch.undo()
    assert _count(engine, Document) == 3
    with session_scope(engine) as s:
        reply = s.execute(select(Document).where(Document.platform_id == "2")).scalar_one()
        first = s.execute(select(Document).where(Document.platform_id == "1")).scalar_one()
        assert reply.parent_id == first.id


def test_a_long_thread_keeps_every_parent(engine: Engine) -> None:
    """Replies five deep under each of 40 comments: the batched writes still give each its parent."""
    extra = []
    for top in range(40):
        parent = None
        for level in range(5):
            pid = f"{top}-{level}"
            extra.append(DocumentIn(kind="comment", url=URL, text=f"Comment {pid}.", platform_id=pid,
                                    permalink=f"{URL}#comment-{pid}", parent_platform_id=parent))
            parent = pid
    with session_scope(engine) as s:
        stats = save_thread(s, _thread(extra=list(reversed(extra))))
    assert stats.new == 3 + 200
    with session_scope(engine) as s:
        rows = {d.platform_id: d for d in s.execute(select(Document)).scalars()}
        for top in range(40):
            for level in range(1, 5):
                assert rows[f"{top}-{level}"].parent_id == rows[f"{top}-{level - 1}"].id
            assert rows[f"{top}-0"].parent_id == rows["42"].id
            assert rows[f"{top}-4"].root_id == rows["42"].id


def test_a_new_thread_is_one_insert_numbered_parents_first(engine: Engine) -> None:
    """A new thread with replies three deep goes out as one INSERT of documents on either
    backend (not one per level of replies), its rows numbered after the rows already stored,
    each parent before its replies."""
    from sqlalchemy import event

    with session_scope(engine) as s:
        save_thread(s, ThreadIn(site_url=URL, post=DocumentIn(kind="post", url=URL + "older/", text="Older."),
                                comments=[]))
    inserts: list[str] = []

    def _seen(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
            inserts.append(statement)

    reply_of_reply = DocumentIn(kind="comment", url=URL, text="A reply to the reply.", platform_id="3",
                                permalink=URL + "#comment-3", parent_platform_id="2")
    event.listen(engine, "before_cursor_execute", _seen)
    try:
        with session_scope(engine) as s:
            stats = save_thread(s, _thread(extra=[reply_of_reply]))
    finally:
        event.remove(engine, "before_cursor_execute", _seen)
    assert (stats.new, len(inserts)) == (4, 1)
    with session_scope(engine) as s:
        older = s.execute(select(Document.id).where(Document.url == URL + "older/")).scalar_one()
        ids = {d.platform_id: (d.id, d.parent_id) for d in s.execute(select(Document).where(Document.url == URL)).scalars()}
    assert sorted(i for i, _ in ids.values()) == [older + 1, older + 2, older + 3, older + 4]
    for child, parent in (("1", "42"), ("2", "1"), ("3", "2")):
        assert ids[child][1] == ids[parent][0] < ids[child][0]


def test_the_thread_lookup_uses_the_indexes_not_a_scan_of_the_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each saved thread looks its documents up in one statement: on SQLite it must be answered
    from the (site_id, ...) indexes, else every thread reads the whole site and a crawl of N
    pages costs N² (issue 15)."""
    from store.engine import make_engine
    from store.schema import upgrade
    from store.threads import _lookups

    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    upgrade(engine)
    params = {"site_id": 1, "by_key": ["post:1"], "posts_by_url": [URL], "comments_by_permalink": [URL + "#c1"],
              "waiting_for": ["comment:1"]}
    stmt = _lookups()["all"].params(**params)
    sql = str(stmt.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True, "render_postcompile": True}))
    with engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    engine.dispose()
    searches = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
    assert searches and all("(site_id=? AND" in step for step in searches), plan
