"""Relations in the store: two captures of one post are one source (duplicates, never
corroboration), in the links, the source scores and the timeline, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Engine, select

from reconcile.stage import run_reconcile
from reconcile.timeline import build_timeline
from store.engine import session_scope
from store.models import ClaimLink, SourceScore
from tests.reconcile.store_factory import StoreFactory, year

POST = ("Qazi Abdul Hai Khadem was born in 1956 in Deh Surkh village, Kohistanat district, in Sar-e-Pul "
        "province. His father was called Murtaza.")


def _born(f: StoreFactory, doc, chain: str = "q"):  # type: ignore[no-untyped-def]
    m = f.mention(doc, "Qazi Abdul Hai Khadem", chain=chain)
    return f.claim(doc, m, "born", edtf="1956", earliest=year(1956)[0], latest=year(1956)[1],
                   quote="Qazi Abdul Hai Khadem was born in 1956")


def test_two_captures_of_one_post_are_duplicates_not_corroboration(engine: Engine) -> None:
    with session_scope(engine) as s:
        f = StoreFactory(s)
        blog = f.site("https://blog.example", "Northern Valleys Notebook")
        archive = f.site("https://archive.example", "an archive")
        original = _born(f, f.doc(blog, POST, author="Daud Rahimi")).id
        capture = _born(f, f.doc(archive, POST)).id  # the archive names no author
        other = f.doc(archive, "Elders in Kohistanat say Qazi Abdul Hai Khadem was born in 1956, as the blog has it.",
                      author="Sima Hotak")
        independent = _born(f, other).id
    run_reconcile(engine)
    with session_scope(engine) as s:
        links = {frozenset((k.a_claim_id, k.b_claim_id)): k for k in s.scalars(select(ClaimLink))}
    copy = [k for pair, k in links.items() if capture in pair and original in pair]
    assert [k.type for k in copy] == ["duplicates"]
    assert "the same text in two documents (a copy, not an independent source)" in copy[0].reason
    # the statement still has an independent reference: the elder's account
    assert any(k.type == "corroborates" and independent in pair for pair, k in links.items())


def test_a_copy_corroborates_nothing_in_the_scores_or_the_timeline(engine: Engine) -> None:
    # the blog's post and an archive's capture of it, and nothing else: one source, said twice
    with session_scope(engine) as s:
        f = StoreFactory(s)
        blog = f.site("https://blog.example", "Northern Valleys Notebook")
        archive = f.site("https://archive.example", "an archive")
        _born(f, f.doc(blog, POST, author="Daud Rahimi"))
        _born(f, f.doc(archive, POST))
    run_reconcile(engine)
    with session_scope(engine) as s:
        scores = {(r.scope, r.key): r for r in s.scalars(select(SourceScore))}
        timeline = build_timeline(s)
    # a copy speaks with its first capture's voice (the smaller address, here the archive's):
    # one author and one site carry both claims, and no claim is corroborated by its own copy
    assert sorted(scope for scope, _key in scores) == ["author", "site"]
    assert all(r.claims == 2 and r.corroborated == 0 for r in scores.values())
    [event] = timeline["entities"][0]["events"]
    assert len(event["sources"]) == 2 and event["independent_sources"] == 1


def test_an_independent_source_still_corroborates_beside_a_copy(engine: Engine) -> None:
    with session_scope(engine) as s:
        f = StoreFactory(s)
        blog = f.site("https://blog.example", "Northern Valleys Notebook")
        archive = f.site("https://archive.example", "an archive")
        _born(f, f.doc(blog, POST, author="Daud Rahimi"))
        _born(f, f.doc(archive, POST))
        _born(f, f.doc(archive, "Elders in Kohistanat say Qazi Abdul Hai Khadem was born in 1956, as the blog has it.",
                       author="Sima Hotak"))
    run_reconcile(engine)
    with session_scope(engine) as s:
        scores = {(r.scope, r.key): r for r in s.scalars(select(SourceScore))}
        timeline = build_timeline(s)
    assert scores[("author", "https://archive.example|Sima Hotak")].corroborated == 1
    others = [r for (scope, key), r in scores.items() if scope == "author" and not key.endswith("Sima Hotak")]
    assert [(r.claims, r.corroborated) for r in others] == [(2, 2)]  # the post and its copy, one voice
    [event] = timeline["entities"][0]["events"]
    assert len(event["sources"]) == 3 and event["independent_sources"] == 2
