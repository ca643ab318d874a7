"""Relations in the store: two captures of one post are one source (duplicates, never
corroboration), on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Engine, select

from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import ClaimLink
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
