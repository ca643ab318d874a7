"""The same documents give the same entities and links whatever order they were stored in: the
links' types, scores and reasons, and which claim a supplement is tied to, compared by content
(document address and quote), never by row id."""
from __future__ import annotations

import random

from sqlalchemy import Engine, delete, select

from reconcile.extract_stage import run_extract
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Base, Claim, ClaimLink, Document, Entity, Mention
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread

PEOPLE = (("Qazi Abdul Hai", ("Mr Hai", "Qazi Abdulhai")), ("Gul Rahman", ("Mr Rahman",)),
          ("Mohammad Wali", ()), ("Wali Mohammad", ()), ("Abdul Qahir Sarwari", ("Qahir Sarwari",)),
          ("Ahmad Shah Noori", ("Noori",)))
GROUPS = ("the Taliban", "the United Islamic Front", "Hezb-e Islami")
PLACES = ("Herat", "Kunduz", "Sar-e Pol", "Kabul", "Quetta", "Mazar-i-Sharif")


def _sentence(rng: random.Random) -> str:
    name, aliases = rng.choice(PEOPLE)
    who = rng.choice((name, *aliases))
    return rng.choice((
        f"{who} was born in {rng.choice((1949, 1950, 1951, 1956))} in {rng.choice(PLACES)}.",
        f"{who} defected to {rng.choice(GROUPS)} in {rng.choice((1997, 2001, 2013))}.",
        f"{who} joined {rng.choice(GROUPS)} in {rng.choice((1994, 1996, 2001))}.",
        f"{who} was detained in {rng.choice(PLACES)} in {rng.choice((2002, 2009))}.",
        f"{who} served as governor of {rng.choice(PLACES)} between 2004 and 2008.",
    ))


def threads(n: int, seed: int = 3) -> list[ThreadIn]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        url = f"https://blog{i % 3}.example/p/{i}/"
        post = DocumentIn(kind="post", url=url, platform_id=str(i), title=f"Post {i}", author_name=f"Editor {i % 3}",
                          text=" ".join(_sentence(rng) for _ in range(3)))
        comments = [DocumentIn(kind="comment", url=url, platform_id=f"{i}-{j}", permalink=f"{url}#comment-{j}",
                               author_name=f"reader {rng.randint(0, 9)}", text=_sentence(rng))
                    for j in range(rng.randint(1, 4))]
        out.append(ThreadIn(site_url=f"https://blog{i % 3}.example/", post=post, comments=comments, platform="wordpress"))
    return out


def _build(engine: Engine, ordered: list[ThreadIn]) -> tuple[set, set]:
    """Store, extract, reconcile; entities as sets of mention places, links by content."""
    for thread in ordered:
        with session_scope(engine) as s:
            save_thread(s, thread)
    with session_scope(engine) as s:
        assert run_extract(s).errors == []
    assert run_reconcile(engine).errors == []
    with session_scope(engine) as s:
        where = {d.id: d.permalink or d.url for d in s.scalars(select(Document))}
        groups: dict[int, set] = {}
        for m in s.scalars(select(Mention).where(Mention.entity_id.is_not(None))):
            groups.setdefault(m.entity_id, set()).add((where[m.document_id], m.start, m.end, m.type))
        names = {e.id: e.name for e in s.scalars(select(Entity))}
        entities = {(names[k], frozenset(v)) for k, v in groups.items()}
        claim = {c.id: (where[c.document_id], c.quote_start, c.predicate, c.object_text or "", c.edtf or "")
                 for c in s.scalars(select(Claim))}
        links = {(k.type, *sorted((claim[k.a_claim_id], claim[k.b_claim_id])), round(k.score, 6), k.reason)
                 for k in s.scalars(select(ClaimLink))}
    return entities, links


def _clear(engine: Engine) -> None:
    with session_scope(engine) as s:
        for table in reversed(Base.metadata.sorted_tables):
            s.execute(delete(table))


def test_two_orders_of_the_same_threads_give_the_same_entities_and_links(engine: Engine) -> None:
    corpus = threads(40)
    entities, links = _build(engine, corpus)
    _clear(engine)
    again_entities, again_links = _build(engine, list(reversed(corpus)))
    assert len(links) > 100 and any(t == "supplements" for t, *_ in links)
    assert again_entities == entities
    assert again_links ^ links == set()
