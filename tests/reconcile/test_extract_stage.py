"""The extract stage over the store: incremental, idempotent, thread-aware, and stable ids."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select, update

from reconcile.extract_stage import VERSION_TAG, run_extract
from store.engine import session_scope
from store.models import Claim, Document, Mention
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread

POST = ("Mullah Abdul Qahir Sarwari, son of Haji Gul Sarwari, was born in 1968 in Kunduz. "
        "He joined the Taliban in 1995.")
REPLY = "Qahir Sarwari left the Taliban in 2004; he moved to Quetta."


def _thread(post_text: str = POST) -> ThreadIn:
    return ThreadIn(
        site_url="https://blog.example.org/",
        post=DocumentIn(kind="post", url="https://blog.example.org/p/1", text=post_text,
                        platform_id="1", published=datetime(2014, 3, 2, 10)),
        comments=[DocumentIn(kind="comment", url="https://blog.example.org/p/1#comment-7",
                             text=REPLY, platform_id="7", published=datetime(2014, 3, 3, 9))],
        platform="wordpress",
    )


def _save(engine: Engine, thread: ThreadIn) -> None:
    with session_scope(engine) as s:
        save_thread(s, thread)


def _extract(engine: Engine, **kw):
    with session_scope(engine) as s:
        return run_extract(s, **kw)


def _claims(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        return [(c.id, c.predicate, c.object_text, c.edtf, c.subject_text) for c in
                s.scalars(select(Claim).order_by(Claim.id))]


def test_extracts_stores_and_links_the_reply_to_the_post(engine: Engine) -> None:
    _save(engine, _thread())
    summary = _extract(engine)
    assert summary.documents == 2 and summary.errors == []
    got = {(p, o, e) for _, p, o, e, _ in _claims(engine)}
    assert ("born", "Kunduz", "1968") in got and ("member_of", "Taliban", "1995") in got
    assert any(p == "located_in" and o == "Quetta" for p, o, _ in got)
    with session_scope(engine) as s:
        chains = {m.chain for m in s.scalars(select(Mention).where(Mention.type == "PERSON"))
                  if m.name and "Sarwari" in m.name and "Gul" not in m.name}
        assert len(chains) == 1  # the reply's "Qahir Sarwari" is the post's man
        docs = s.scalars(select(Document)).all()
        assert all(d.extracted_hash == d.content_hash and d.extractor_version == VERSION_TAG for d in docs)


def test_second_run_changes_nothing_and_all_keeps_ids(engine: Engine) -> None:
    _save(engine, _thread())
    _extract(engine)
    before = _claims(engine)
    again = _extract(engine)
    assert (again.documents, again.unchanged) == (0, 2)
    forced = _extract(engine, all=True)
    assert forced.documents == 2
    assert (forced.claims_added, forced.claims_removed, forced.claims_updated) == (0, 0, 0)
    assert _claims(engine) == before


def test_changed_post_is_re_extracted_with_its_replies_and_old_claims_go(engine: Engine) -> None:
    _save(engine, _thread())
    _extract(engine)
    _save(engine, _thread(POST.replace("1995", "1997")))
    summary = _extract(engine)
    assert summary.documents == 2  # the post and, because it reads the post, the reply
    edtfs = {e for _, p, _o, e, _ in _claims(engine) if p == "member_of"}
    assert "1997" in edtfs and "1995" not in edtfs
    with session_scope(engine) as s:
        assert s.scalar(select(func.count(Claim.id)).where(Claim.edtf == "1995")) == 0


def test_a_new_extractor_version_makes_documents_due(engine: Engine) -> None:
    _save(engine, _thread())
    _extract(engine)
    with session_scope(engine) as s:
        s.execute(update(Document).values(extractor_version="rules/0.0.1"))
    assert _extract(engine).documents == 2


def test_documents_in_another_language_get_no_claims(engine: Engine) -> None:
    thread = _thread()
    thread.post.language = "de"
    thread.post.text = "Der Gouverneur Karim Sadiq wurde 1960 in Kabul geboren."
    _save(engine, thread)
    summary = _extract(engine)
    assert summary.documents == 2 and summary.errors == []
    with session_scope(engine) as s:
        post = s.scalars(select(Document).where(Document.kind == "post")).one()
        assert s.scalar(select(func.count(Claim.id)).where(Claim.document_id == post.id)) == 0
        assert post.extractor_version == VERSION_TAG


GERMAN_REPLY = ("Der frühere Gouverneur der Provinz ist nach Angaben der Behörden zu den Taliban "
                "übergelaufen und hält sich seitdem in Pakistan auf.")


def test_a_comment_not_in_english_is_stored_counted_and_named_not_read(engine: Engine) -> None:
    thread = _thread()
    thread.comments[0].text = GERMAN_REPLY
    _save(engine, thread)
    summary = _extract(engine, extractor="parse", workers=1)
    assert summary.errors == []
    assert len(summary.not_extracted) == 1 and "'de'" in summary.not_extracted[0]
    assert "#comment-7" in summary.not_extracted[0]
    with session_scope(engine) as s:
        reply = s.scalars(select(Document).where(Document.kind == "comment")).one()
        assert reply.extracted_hash == reply.content_hash  # stored as read: not retried forever
        assert s.scalar(select(func.count(Mention.id)).where(Mention.document_id == reply.id)) == 0
    again = _extract(engine, extractor="parse", workers=1)
    assert again.documents == 0 and again.not_extracted == []


def test_two_extractors_compare_on_one_database(engine: Engine) -> None:
    _save(engine, _thread())
    rules = _extract(engine, extractor="rules")
    parse = _extract(engine, extractor="parse", workers=1)
    assert rules.extractor.startswith("rules/") and parse.extractor.startswith("parse/")
    assert parse.documents == 2  # another extractor's output is due again
    with session_scope(engine) as s:
        assert {c.extractor for c in s.scalars(select(Claim))} == {"parse"}
        born = s.scalars(select(Claim).where(Claim.predicate == "born")).one()
        assert (born.object_text, born.edtf) == ("Kunduz", "1968")
