"""Statements: claims that say one thing are one statement with many references, so links grow with
statements, not with pairs of claims; incremental runs touch only the statements new claims join;
reviewed decisions bind the grouping. Pure grouping first, then the store on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, delete, func, select, update

from reconcile.links import link_json, list_links, resolve_link
from reconcile.relate import ClaimView
from reconcile.relate.statements import Draft, group_claims, relate_group
from reconcile.stage import run_reconcile
from reconcile.timeline import Ratings, build_timeline
from store.engine import session_scope
from store.models import Claim, ClaimLink, Statement
from tests.reconcile.store_factory import StoreFactory, year


def _view(id_: int, predicate: str = "position_held", obj: str | None = "governor", when: int | None = 2005,
          author: str = "a", site: int = 1, modality: str = "asserted") -> ClaimView:
    lo, hi = (date(when, 1, 1), date(when, 12, 31)) if when else (None, None)
    return ClaimView(id=id_, subject_entity_id=1, predicate=predicate, object_names=(obj,) if obj else (),
                     edtf=str(when) if when else None, earliest=lo, latest=hi, author=author, site_id=site,
                     modality=modality)


@pytest.mark.parametrize(("claims", "cannot", "expected"), [
    # the same office, the same year, three sources: one statement
    ([_view(1, author="a"), _view(2, author="b"), _view(3, author="c")], {}, [[1, 2, 3]]),
    # an undated claim of the same office is the same statement; another year of a state too
    ([_view(1), _view(2, when=None, author="b")], {}, [[1, 2]]),
    # another office, a denial, another family: three statements
    ([_view(1), _view(2, obj="senator", author="b"), _view(3, modality="negated", author="c"),
      _view(4, predicate="member_of", obj="governor")], {}, [[1], [2], [3], [4]]),
    # two birth years cannot be one statement
    ([_view(1, "born", None, 1949), _view(2, "born", None, 1951, author="b"), _view(3, "born", None, 1949, author="c")],
     {}, [[1, 3], [2]]),
    # a reviewer dismissed 1~3 as the same fact: 3 stands apart
    ([_view(1, author="a"), _view(2, author="b"), _view(3, author="c")], {3: {1}, 1: {3}}, [[1, 2], [3]]),
    # what someone said is never grouped
    ([_view(1, "said", "peace"), _view(2, "said", "peace", author="b")], {}, [[1], [2]]),
])
def test_grouping(claims: list[ClaimView], cannot: dict, expected: list[list[int]]) -> None:
    assert group_claims(claims, cannot) == expected


def test_statements_relate_once_however_many_references() -> None:
    born49 = Draft(1, 1, "born", False, [_view(i, "born", None, 1949, author=f"s{i}") for i in range(1, 21)])
    born51 = Draft(2, 1, "born", False, [_view(30, "born", None, 1951, author="x")])
    rels = relate_group([born49, born51])
    assert list(rels) == [(1, 2, "conflicts")]
    assert "sources: 20 vs 1" in rels[(1, 2, "conflicts")].relation.reason


def test_each_statement_supplements_its_nearest_statement_with_another_source() -> None:
    # a commenter's earlier defection adds to the post's; two of the commenter's own don't add to each other
    post = Draft(1, 1, "defected_to", False, [_view(1, "defected_to", "Taliban", 2013, author="editor")])
    early = Draft(2, 1, "defected_to", False, [_view(2, "defected_to", "Taliban", 1997, author="soti")])
    back = Draft(3, 1, "defected_to", False, [_view(3, "defected_to", "United Front", 2001, author="soti")])
    rels = relate_group([post, early, back])
    assert set(rels) == {(1, 2, "supplements"), (1, 3, "supplements")}


# ---- the store -----------------------------------------------------------------------------


def _world(engine: Engine, readers: int) -> dict[str, int]:
    """One post says the governor served 2004-2008 and was born in 1949; `readers` commenters
    say he was governor (undated: the same office), one says he was born in 1951."""
    with session_scope(engine) as s:
        f = StoreFactory(s)
        site = f.site("https://blog.example", "Blog")
        post = f.doc(site, "Rahim Dost served as governor from 2004 to 2008. Rahim Dost was born in 1949.", author="Editor")
        m = f.mention(post, "Rahim Dost", chain="p")
        ids = {"gov": f.claim(post, m, "position_held", obj="governor", edtf="2004/2008", earliest=date(2004, 1, 1),
                              latest=date(2008, 12, 31), quote="served as governor from 2004 to 2008").id,
               "born49": f.claim(post, m, "born", edtf="1949", earliest=year(1949)[0], latest=year(1949)[1],
                                 quote="was born in 1949").id}
        for i in range(readers):
            c = f.doc(site, f"Yes, Rahim Dost was governor, I lived there ({i}).", kind="comment",
                      author=f"reader {i}", parent=post)
            cm = f.mention(c, "Rahim Dost", chain="p")
            ids[f"r{i}"] = f.claim(c, cm, "position_held", obj="governor", quote="was governor").id
        c = f.doc(site, "No, Rahim Dost was born in 1951.", kind="comment", author="Farid", parent=post)
        ids["born51"] = f.claim(c, f.mention(c, "Rahim Dost", chain="p"), "born", edtf="1951", earliest=year(1951)[0],
                                latest=year(1951)[1], quote="was born in 1951").id
    return ids


def test_corroboration_adds_references_not_pairs_and_the_analyst_sees_every_source(engine: Engine) -> None:
    readers = 30
    ids = _world(engine, readers)
    run_reconcile(engine)
    with session_scope(engine) as s:
        claims = s.scalar(select(func.count(Claim.id)))
        links = list(s.scalars(select(ClaimLink)))
        gov = s.get(Claim, ids["gov"]).statement
        assert gov is not None and gov.reference_count == readers + 1 and gov.source_count == readers + 1
        assert {s.get(Claim, ids[f"r{i}"]).statement_id for i in range(readers)} == {gov.id}
        # one link per reference (to its statement's head) and one conflict: linear, not 31*30/2 pairs
        assert len(links) <= 3 * claims
        assert sorted(k.type for k in links).count("corroborates") == readers
        conflict = next(k for k in links if k.type == "conflicts")
        assert {conflict.a_claim_id, conflict.b_claim_id} == {ids["born49"], ids["born51"]}
        item = link_json(list_links(s, type="corroborates")[0], Ratings.load(s))
        assert len(item["a"]["sources"]) == readers + 1 and item["a"]["independent_sources"] == readers + 1
        timeline = build_timeline(s)
    event = next(e for e in timeline["entities"][0]["events"] if e["predicate"] == "position_held")
    assert len(event["sources"]) == readers + 1 and event["independent_sources"] == readers + 1
    assert event["statement_id"] == gov.id and event["links"] == []


def test_a_new_document_touches_only_the_statement_it_joins(engine: Engine) -> None:
    ids = _world(engine, 5)
    run_reconcile(engine)
    with session_scope(engine) as s:
        before = {x.id: (x.reference_count, x.updated_at) for x in s.scalars(select(Statement))}
        links_before = s.scalar(select(func.count(ClaimLink.id)))
        post = s.get(Claim, ids["gov"]).document
        f = StoreFactory(s)
        f._n = 100
        c = f.doc(post.site, "Rahim Dost was governor from 2004 to 2008.", kind="comment", author="newcomer", parent=post)
        new = f.claim(c, f.mention(c, "Rahim Dost", chain="p"), "position_held", obj="governor", edtf="2004/2008",
                      earliest=date(2004, 1, 1), latest=date(2008, 12, 31), quote="was governor from 2004 to 2008").id
    summary = run_reconcile(engine)
    assert (summary.statements_created, summary.statements_updated, summary.links_created) == (0, 1, 1)
    with session_scope(engine) as s:
        joined = s.get(Claim, new).statement_id
        after = {x.id: (x.reference_count, x.updated_at) for x in s.scalars(select(Statement))}
        assert after[joined][0] == before[joined][0] + 1
        assert {k: v for k, v in after.items() if k != joined} == {k: v for k, v in before.items() if k != joined}
        assert s.scalar(select(func.count(ClaimLink.id))) == links_before + 1
    assert run_reconcile(engine).changes == 0


def test_reviewed_decisions_survive_regrouping(engine: Engine) -> None:
    ids = _world(engine, 3)
    run_reconcile(engine)
    with session_scope(engine) as s:
        conflict = list_links(s, type="conflicts")[0].id
        resolve_link(s, conflict, "confirm", reviewer="ana")
        ref = next(k for k in list_links(s, type="corroborates") if ids["r2"] in (k.a_claim_id, k.b_claim_id))
        resolve_link(s, ref.id, "dismiss", reviewer="ana", note="another governorship")
        dismissed = ref.id
    run_reconcile(engine)
    with session_scope(engine) as s:
        # the dismissed reference left its statement, and the decision is kept as its record
        assert s.get(Claim, ids["r2"]).statement_id != s.get(Claim, ids["gov"]).statement_id
        assert s.get(ClaimLink, dismissed).status == "dismissed"
        assert s.get(ClaimLink, conflict).status == "confirmed"
        # a new reader who repeats the 1949 birth year joins its statement; the confirmed conflict stays
        post = s.get(Claim, ids["born49"]).document
        f = StoreFactory(s)
        f._n = 200
        c = f.doc(post.site, "Rahim Dost was born in 1949, I am sure.", kind="comment", author="elder", parent=post)
        f.claim(c, f.mention(c, "Rahim Dost", chain="p"), "born", edtf="1949", earliest=year(1949)[0],
                latest=year(1949)[1], quote="was born in 1949")
    run_reconcile(engine)
    with session_scope(engine) as s:
        link = s.get(ClaimLink, conflict)
        assert link is not None and link.status == "confirmed" and link.reviewer == "ana"
        # the 1949 side now has two sources, whichever side the reason names first
        first_is_1949 = link.reason.index("born 1949") < link.reason.index("born 1951")
        assert ("sources: 2 vs 1" if first_is_1949 else "sources: 1 vs 2") in link.reason
        assert s.get(Claim, ids["r2"]).statement_id != s.get(Claim, ids["gov"]).statement_id


def _related(engine: Engine) -> tuple[dict, dict, dict]:
    with session_scope(engine) as s:
        placed = dict(s.execute(select(Claim.id, Claim.statement_id)).all())
        links = {(k.a_claim_id, k.b_claim_id, k.type): k.reason for k in s.scalars(select(ClaimLink))}
        counts = dict(s.execute(select(Statement.id, Statement.source_count)).all())
    return placed, links, counts


def test_full_reconcile_refreshes_statements_and_links_made_by_older_code(engine: Engine) -> None:
    """A store related by older rules keeps its statements and links until a run touches them;
    `reconcile --full` groups every claim again and relates it with today's rules, keeping the
    statements' ids."""
    _world(engine, 3)
    run_reconcile(engine)
    expected = _related(engine)
    with session_scope(engine) as s:  # what older relation code might have left behind
        s.execute(update(ClaimLink).values(reason="made by older code"))
        s.execute(delete(ClaimLink).where(ClaimLink.type == "conflicts"))
        s.execute(update(Statement).values(source_count=99))
    assert run_reconcile(engine).changes == 0  # incremental: nothing new, so nothing redone
    assert _related(engine) != expected
    summary = run_reconcile(engine, full=True)
    assert summary.links_created == 1 and summary.links_updated > 0 and summary.statements_created == 0
    assert _related(engine) == expected
    assert run_reconcile(engine, full=True).changes == 0
