"""`run_reconcile` on a store: look-alikes, spellings across documents, stable ids, incremental
runs, contradictions with readable reasons, and idempotence, on SQLite and PostgreSQL."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select

from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Claim, ClaimLink, Entity, Mention, ReviewLog
from tests.reconcile.store_factory import StoreFactory, year


@dataclass
class World:
    m: dict[str, int] = field(default_factory=dict)
    c: dict[str, int] = field(default_factory=dict)


def build_world(engine: Engine) -> World:
    """Two blogs. The same senator under four spellings; two different Abdul Hais in two
    provinces; Mohammad Wali and Wali Mohammad; a birth year that the sources disagree on."""
    w = World()
    with session_scope(engine) as s:
        f = StoreFactory(s)
        a = f.site("https://blog-a.example", "Blog A")
        b = f.site("https://blog-b.example", "Blog B")
        d1 = f.doc(a, "Senator Qazi Abdul Hai Khadem of Sar-e Pol was born in 1949, a cousin said. Mr Hai fled to Pakistan.",
                   author="Ahmad")
        w.m["q1"] = f.mention(d1, "Qazi Abdul Hai Khadem", chain="p", title="Senator").id
        w.m["q1s"] = f.mention(d1, "Hai", name="Hai", chain="p", occurrence=1).id
        f.mention(d1, "Sar-e Pol", "PLACE", chain="sp")
        f.mention(d1, "Pakistan", "PLACE", chain="pk")
        w.c["born49"] = f.claim(d1, s.get(Mention, w.m["q1"]), "born", edtf="1949", earliest=year(1949)[0],
                                latest=year(1949)[1], attributed_to="a cousin", quote="was born in 1949").id
        c1 = f.doc(a, "Qazi Abdulhai was a brigadier general long before he defected.", kind="comment",
                   author="SOTI", parent=d1)
        w.m["q2"] = f.mention(c1, "Qazi Abdulhai", chain="p").id
        w.c["rank_c"] = f.claim(c1, s.get(Mention, w.m["q2"]), "rank", obj="brigadier general",
                                quote="was a brigadier general").id
        d2 = f.doc(b, "Sen. Qazi Khadem, born 1951 in Saripul, was promoted brigadier general in 1994.", author="Editor")
        w.m["q3"] = f.mention(d2, "Qazi Khadem", chain="p", title="Sen.").id
        f.mention(d2, "Saripul", "PLACE", chain="sp")
        w.c["born51"] = f.claim(d2, s.get(Mention, w.m["q3"]), "born", edtf="1951", earliest=year(1951)[0],
                                latest=year(1951)[1], attributed_to="official biography", quote="born 1951").id
        w.c["rank_b"] = f.claim(d2, s.get(Mention, w.m["q3"]), "rank", obj="brigadier general", edtf="1994",
                                earliest=year(1994)[0], latest=year(1994)[1], quote="was promoted brigadier general in 1994").id
        d3 = f.doc(b, "Abdul Hai, a shopkeeper in Kandahar, was arrested.", author="Editor")
        w.m["hai_k"] = f.mention(d3, "Abdul Hai", chain="h").id
        f.mention(d3, "Kandahar", "PLACE", chain="k")
        d4 = f.doc(a, "Abdul Hai, a teacher from Herat, won a prize.", author="Ahmad")
        w.m["hai_h"] = f.mention(d4, "Abdul Hai", chain="h").id
        f.mention(d4, "Herat", "PLACE", chain="h2")
        d5 = f.doc(a, "Mohammad Wali met Wali Mohammad in Kunduz.", author="Ahmad")
        w.m["mw"] = f.mention(d5, "Mohammad Wali", chain="a").id
        w.m["wm"] = f.mention(d5, "Wali Mohammad", chain="b").id
        f.mention(d5, "Kunduz", "PLACE", chain="c")
    return w


def entity_of(engine: Engine, mention_id: int) -> int | None:
    with session_scope(engine) as s:
        return s.get(Mention, mention_id).entity_id  # type: ignore[union-attr]


def test_one_man_under_many_spellings_is_one_entity_and_look_alikes_are_not(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    q = {entity_of(engine, w.m[k]) for k in ("q1", "q1s", "q2", "q3")}
    assert len(q) == 1 and None not in q
    assert entity_of(engine, w.m["hai_k"]) != entity_of(engine, w.m["hai_h"])
    assert entity_of(engine, w.m["mw"]) != entity_of(engine, w.m["wm"])
    assert entity_of(engine, w.m["hai_k"]) not in q
    with session_scope(engine) as s:
        senator = s.get(Entity, q.pop())
        assert senator.name == "Qazi Abdul Hai Khadem"  # the full form, without the title
        sarepol = s.scalars(select(Entity).where(Entity.type == "PLACE", Entity.name.in_(["Sar-e Pol", "Saripul"]))).all()
        assert len(sarepol) == 1 and sarepol[0].country_code == "AF"


def test_contradicting_birth_years_are_a_conflict_with_a_readable_reason(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    with session_scope(engine) as s:
        links = {(k.a_claim_id, k.b_claim_id): k for k in s.scalars(select(ClaimLink))}
    born = links[tuple(sorted((w.c["born49"], w.c["born51"])))]
    assert born.type == "conflicts"
    assert "born 1949 (a cousin, quoted in a post on Blog A)" in born.reason
    assert "born 1951 (official biography, quoted in a post on Blog B)" in born.reason
    assert "different years, both precise to the year" in born.reason
    rank = links[tuple(sorted((w.c["rank_c"], w.c["rank_b"])))]
    assert rank.type == "corroborates"  # the dated and the undated rank are one fact


def test_second_run_changes_nothing_and_keeps_ids(engine: Engine) -> None:
    w = build_world(engine)
    first = run_reconcile(engine)
    assert first.changes > 0
    with session_scope(engine) as s:
        before = ({m.id: m.entity_id for m in s.scalars(select(Mention))},
                  {(k.a_claim_id, k.b_claim_id, k.type): k.id for k in s.scalars(select(ClaimLink))})
    second = run_reconcile(engine)
    assert second.changes == 0, second.as_dict()
    third = run_reconcile(engine, full=True)
    assert third.changes == 0, third.as_dict()
    with session_scope(engine) as s:
        after = ({m.id: m.entity_id for m in s.scalars(select(Mention))},
                 {(k.a_claim_id, k.b_claim_id, k.type): k.id for k in s.scalars(select(ClaimLink))})
    assert after == before
    assert w.m  # the world was built


def test_a_new_document_joins_the_existing_entity_and_touches_only_its_block(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    senator = entity_of(engine, w.m["q1"])
    with session_scope(engine) as s:
        f = StoreFactory(s)
        site = f.site("https://blog-c.example", "Blog C")
        d = f.doc(site, "Qazi Abdul Hai Khadem returned to Sar-e-Pol in 2014.", author="Zia")
        new = f.mention(d, "Qazi Abdul Hai Khadem", chain="x").id
        f.mention(d, "Sar-e-Pol", "PLACE", chain="y")
        total = s.scalar(select(func.count(Mention.id)))
    summary = run_reconcile(engine)
    assert entity_of(engine, new) == senator
    assert summary.mode == "incremental"
    assert summary.mentions_in_scope < total
    assert summary.entities_created == 0
    assert run_reconcile(engine).changes == 0


def test_reviewed_links_keep_their_status_and_are_logged_when_retired(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    pair = tuple(sorted((w.c["born49"], w.c["born51"])))
    with session_scope(engine) as s:
        link = s.scalars(select(ClaimLink).where(ClaimLink.a_claim_id == pair[0], ClaimLink.b_claim_id == pair[1])).one()
        link.status, link.reviewer = "confirmed", "ana"
        link_id = link.id
    run_reconcile(engine, full=True)
    with session_scope(engine) as s:
        kept = s.get(ClaimLink, link_id)
        assert kept is not None and kept.status == "confirmed"
        # the 1951 claim turns out to be about someone else: the link goes, the log remembers it
        s.get(Claim, w.c["born51"]).subject_mention_id = w.m["hai_k"]  # type: ignore[union-attr]
    run_reconcile(engine)
    with session_scope(engine) as s:
        assert s.get(ClaimLink, link_id) is None
        log = s.scalars(select(ReviewLog).where(ReviewLog.action == "retired")).one()
        assert log.previous_status == "confirmed" and "born 1949" in (log.note or "")


def test_an_entity_whose_mentions_are_gone_is_removed(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    hai = entity_of(engine, w.m["hai_h"])
    with session_scope(engine) as s:
        s.delete(s.get(Mention, w.m["hai_h"]))
    summary = run_reconcile(engine)
    assert summary.entities_deleted == 1
    with session_scope(engine) as s:
        assert s.get(Entity, hai) is None


def test_a_new_pronoun_follows_its_chain_to_the_entity_named_earlier_in_the_thread(engine: Engine) -> None:
    w = build_world(engine)
    run_reconcile(engine)
    with session_scope(engine) as s:
        f = StoreFactory(s)
        post = s.get(Mention, w.m["q1"]).document  # type: ignore[union-attr]
        reply = f.doc(post.site, "I met him once.", kind="comment", author="Zia", parent=post)
        him = f.mention(reply, "him", name="", chain="p", pronoun=True).id
    run_reconcile(engine)
    assert entity_of(engine, him) == entity_of(engine, w.m["q1"])


def test_gazetteer_is_loaded_only_when_a_run_has_places(engine: Engine, monkeypatch) -> None:
    """Its index costs a fresh process a load (or a build): a run about people alone skips it."""
    from reconcile import gazetteer
    from reconcile.resolve import places

    index = gazetteer._get_index()
    loads: list[int] = []
    monkeypatch.setattr(gazetteer, "_index", None)
    monkeypatch.setattr(gazetteer, "_load_or_build", lambda: loads.append(1) or index)
    for cached in (gazetteer._lookup, places.ground, places.place_keys):
        cached.cache_clear()
    with session_scope(engine) as s:
        f = StoreFactory(s)
        site = f.site("https://blog-p.example")
        d = f.doc(site, "Zarif Qoldashmand met Mawlawi Abdul Basir Turkestani.")
        f.mention(d, "Zarif Qoldashmand", chain="a")
        f.mention(d, "Abdul Basir Turkestani", chain="b", title="Mawlawi")
    assert run_reconcile(engine).entities_created == 2
    assert loads == []
    with session_scope(engine) as s:
        f = StoreFactory(s)
        f._n = 100
        d = f.doc(s.merge(site), "Zarif Qoldashmand was seen in Kunduz.")
        f.mention(d, "Zarif Qoldashmand", chain="a")
        f.mention(d, "Kunduz", "PLACE", chain="b")
    assert run_reconcile(engine).entities_created == 1
    assert loads == [1]
