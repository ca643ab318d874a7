"""Claim relations over plain ClaimViews: what conflicts, what does not, and what the reason says."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reconcile.relate import ClaimView, classify, relate_claims
from reconcile.relate.rules import describe


def Y(y: int) -> dict:
    return {"earliest": date(y, 1, 1), "latest": date(y, 12, 31), "edtf": str(y)}


def cv(id_: int, predicate: str, obj: str | None = None, *, when: dict | None = None, site: int = 1,
       author: str | None = "A", attributed_to: str | None = None, modality: str = "asserted",
       kind: str = "post", obj_type: str | None = None, obj_id: int | None = None,
       place: str | None = None) -> ClaimView:
    return ClaimView(id=id_, subject_entity_id=1, predicate=predicate, object_names=(obj,) if obj else (),
                     object_entity_id=obj_id, object_type=obj_type, modality=modality, attributed_to=attributed_to,
                     document_id=id_, kind=kind, author=author, site_id=site, site=f"blog {site}", place=place,
                     **(when or {}))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # functional facts with different years: conflict
        (cv(1, "born", when=Y(1949), attributed_to="a cousin"), cv(2, "born", when=Y(1951), site=2), "conflicts"),
        # the same birth year from another blog: corroboration
        (cv(1, "born", when=Y(1956)), cv(2, "born", when=Y(1956), site=2), "corroborates"),
        # a city inside the country claimed: compatible, not a conflict
        (cv(1, "born", "Herat", when=Y(1956), obj_type="PLACE"), cv(2, "born", "Afghanistan", site=2, obj_type="PLACE"), "corroborates"),
        # a district (grounded at its centre) inside the province claimed: compatible
        (cv(1, "born", "Zurmat District", when=Y(1956), obj_type="PLACE"), cv(2, "born", "Paktia", site=2, obj_type="PLACE"), "corroborates"),
        # a district of another province: two birthplaces that cannot both hold
        (cv(1, "born", "Zurmat District", obj_type="PLACE"), cv(2, "born", "Herat Province", site=2, obj_type="PLACE"), "conflicts"),
        # the same office in two provinces is two offices: a new fact, not the same one
        (cv(1, "position_held", "governor", when={"earliest": date(2001, 1, 1), "latest": date(2003, 12, 31)}, place="Kandahar"),
         cv(2, "position_held", "governor", when={"earliest": None, "latest": date(2012, 12, 31)}, site=2, place="Nangarhar"),
         "supplements"),
        # ... but the province and its capital, or no place on one side, are the same office
        (cv(1, "position_held", "governor", when=Y(2002), place="Kandahar Province"),
         cv(2, "position_held", "governor", when=Y(2002), site=2, place="Kandahar"), "corroborates"),
        (cv(1, "position_held", "governor", when=Y(2002), place="Kandahar"),
         cv(2, "position_held", "governor", site=2), "corroborates"),
        # a claim and its negation
        (cv(1, "member_of", "Taliban", when=Y(2001)), cv(2, "member_of", "Taliban", modality="negated", site=2), "conflicts"),
        # a dated and an undated version of the same appointment
        (cv(1, "position_held", "senator", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31)}),
         cv(2, "position_held", "temporary senator", site=2), "corroborates"),
        # an office under another name
        (cv(1, "position_held", "senator", site=2), cv(2, "position_held", "Meshrano Jirga"), "corroborates"),
        # two roles in the same unit in overlapping years
        (cv(1, "position_held", "chief of staff of the 26th Division", when=Y(1993)),
         cv(2, "position_held", "commander of the 26th Division", when=Y(1993), site=2), "supplements"),
        # the same fact again from the same author
        (cv(1, "rank", "brigadier general", when=Y(1994)), cv(2, "rank", "Brigadier General"), "duplicates"),
        # an arrest told with its place and one told without, at times that meet: one arrest
        (cv(1, "detained", "Peshawar", when={"earliest": date(2010, 11, 1), "latest": date(2010, 11, 30), "edtf": "2010-11"},
            obj_type="PLACE"),
         cv(2, "detained", when=Y(2010), site=2), "corroborates"),
        # joining in one year and quitting in another: two facts of one membership
        (cv(1, "member_of", "Hezb-e Islami", when=Y(1979)),
         cv(2, "member_of", "Hezb-e Islami", when={"earliest": None, "latest": date(2002, 12, 31), "edtf": "../2002"},
            site=2), "supplements"),
        # a comment by another author on the same page is independent
        (cv(1, "rank", "brigadier general", when=Y(1994)), cv(2, "rank", "brigadier general", author="SOTI", kind="comment"), "corroborates"),
        # two ranks over the same precise year
        (cv(1, "rank", "colonel", when=Y(1994)), cv(2, "rank", "brigadier general", when=Y(1994), site=2), "conflicts"),
        # overlapping spans of one office that disagree on their bounds
        (cv(1, "position_held", "governor", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31)}),
         cv(2, "position_held", "governor", when={"earliest": date(2006, 1, 1), "latest": date(2012, 12, 31)}, site=2), "conflicts"),
        # a stated end that contradicts another's ("2004-2008" against "until 2005", both precise)
        (cv(1, "position_held", "senator", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31), "edtf": "2004/2008"}),
         cv(2, "position_held", "Meshrano Jirga", when={"earliest": None, "latest": date(2005, 12, 31), "edtf": "../2005"}, site=2),
         "conflicts"),
        # ... and a stated start ("from 2006") against another's 2004
        (cv(1, "member_of", "Meshrano Jirga", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31), "edtf": "2004/2008"}),
         cv(2, "member_of", "Meshrano Jirga", when={"earliest": date(2006, 1, 1), "latest": None, "edtf": "2006/.."}, site=2),
         "conflicts"),
        # "until 2008" states the same end: one fact
        (cv(1, "position_held", "senator", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31), "edtf": "2004/2008"}),
         cv(2, "position_held", "senator", when={"earliest": None, "latest": date(2008, 12, 31), "edtf": "../2008"}, site=2),
         "corroborates"),
        # "sometime before 1998" is no end of anything
        (cv(1, "member_of", "Taliban", when={"earliest": date(1994, 1, 1), "latest": date(2001, 12, 31), "edtf": "1994/2001"}),
         cv(2, "member_of", "Taliban", when={"earliest": None, "latest": date(1997, 12, 31), "edtf": "[..1997]"}, site=2),
         "corroborates"),
        # an earlier defection the other source does not mention
        (cv(1, "defected_to", "Taliban", when={"earliest": None, "latest": date(1997, 12, 31), "edtf": "[..1997]"}, author="SOTI", kind="comment"),
         cv(2, "defected_to", "Taliban", when=Y(2013), attributed_to="officials"), "supplements"),
    ],
)
def test_relation_types(a: ClaimView, b: ClaimView, expected: str) -> None:
    rel = classify(a, b)
    assert rel is not None and rel.type == expected, rel
    assert 0 < rel.score <= 1


def test_a_contradicted_end_names_the_bound_and_both_years() -> None:
    rel = classify(cv(1, "position_held", "senator", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31), "edtf": "2004/2008"},
                      attributed_to="the officials"),
                   cv(2, "position_held", "Meshrano Jirga", when={"earliest": None, "latest": date(2005, 12, 31), "edtf": "../2005"},
                      site=2, attributed_to="the register"))
    assert rel is not None and rel.type == "conflicts"
    assert rel.reason.endswith("overlapping spans of one office that disagree on its end: 2008 against 2005")


def test_an_end_inferred_from_the_document_date_is_not_stated() -> None:
    """'is governor' read up to the page's date ("../2013-09", written "is") states no end."""
    span = cv(1, "position_held", "governor", when={"earliest": date(2004, 1, 1), "latest": date(2008, 12, 31), "edtf": "2004/2008"})
    now = replace(span, id=2, document_id=2, site_id=2, edtf="../2013-09", earliest=None,
                  latest=date(2013, 9, 30), time_text="is")
    assert classify(span, now).type == "corroborates"  # type: ignore[union-attr]


def test_two_denials_of_different_things_are_unrelated() -> None:
    assert classify(cv(1, "member_of", "Taliban", modality="negated"),
                    cv(2, "member_of", "Jamiat", modality="negated", site=2)) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (cv(1, "born", when=Y(1956)), cv(2, "died", when=Y(1990), site=2)),  # another family
        (cv(1, "said", "x"), cv(2, "said", "y", site=2)),  # what was said is not compared
        (cv(1, "position_held", "senator", when=Y(2005)), cv(2, "position_held", "governor")),  # same source, new fact
    ],
)
def test_unrelated_pairs(a: ClaimView, b: ClaimView) -> None:
    assert classify(a, b) is None


def test_reason_names_values_times_sources_and_precision() -> None:
    rel = classify(cv(1, "born", when=Y(1949), attributed_to="a cousin"),
                   cv(2, "born", when=Y(1951), site=2, author=None, attributed_to="official biography"))
    assert rel is not None
    assert rel.reason == ("born 1949 (a cousin, quoted in a post on blog 1) vs born 1951 (official biography, quoted "
                          "in a post on blog 2): different years, both precise to the year")


@pytest.mark.parametrize(
    ("claim", "words"),
    [
        (cv(1, "born", "Deh Surkh", when=Y(1956), obj_type="PLACE"), "born in Deh Surkh, 1956"),
        (cv(1, "born", "Herat", obj_type="PLACE"), "born in Herat (undated)"),
        (cv(1, "born", when=Y(1949)), "born 1949"),
        (cv(1, "position_held", "senator", modality="negated"), "not held senator (undated)"),
        (cv(1, "rank", "brigadier general", when=Y(1994)), "rank brigadier general 1994"),
        (cv(1, "position_held", "governor", when=Y(2002), place="Kandahar"), "held governor in Kandahar, 2002"),
    ],
)
def test_a_claim_reads_as_a_short_phrase(claim: ClaimView, words: str) -> None:
    assert describe(claim) == words


def test_a_new_fact_supplements_each_other_source_once_at_the_nearest_time() -> None:
    claims = [
        cv(1, "defected_to", "Taliban", when=Y(2013), attributed_to="officials"),
        cv(2, "defected_to", "Northern Alliance", when=Y(1990), attributed_to="officials"),
        cv(3, "defected_to", "United Islamic Front", when={"earliest": date(2001, 10, 16), "latest": date(2001, 10, 16), "edtf": "2001-10-16~"},
           author="SOTI", kind="comment"),
    ]
    links = relate_claims(claims)
    sup = sorted(k for k in links if k[2] == "supplements")
    # claim 3 supplements the officials' account once; the officials' two claims each supplement SOTI's
    assert (1, 3, "supplements") in sup and (2, 3, "supplements") in sup
    assert len(sup) == 2


def test_a_fact_another_source_already_states_is_not_a_supplement_to_it() -> None:
    claims = [
        cv(1, "rank", "brigadier general", when=Y(1994)),
        cv(2, "rank", "brigadier general", author="SOTI", kind="comment"),
        cv(3, "rank", "major general", when=Y(2000)),
    ]
    links = relate_claims(claims)
    assert links[(1, 2, "corroborates")].type == "corroborates"
    assert (2, 3, "supplements") in links  # SOTI lacks the 2000 promotion
    assert not any(k[2] == "conflicts" for k in links)


@pytest.mark.parametrize(
    ("edtf", "a", "b", "words"),
    [
        ("1994", date(1994, 1, 1), date(1994, 12, 31), "1994"),
        ("2004/2008", date(2004, 1, 1), date(2008, 12, 31), "2004-2008"),
        ("[..1997]", None, date(1997, 12, 31), "before 1998"),
        ("../1992", None, date(1992, 12, 31), "until 1992"),
        ("2001-10-16~", date(2001, 10, 16), date(2001, 10, 16), "around 2001-10-16"),
        ("2013-09", date(2013, 9, 1), date(2013, 9, 30), "September 2013"),
    ],
)
def test_times_in_words(edtf: str, a: date | None, b: date | None, words: str) -> None:
    from reconcile.relate.times import words as in_words

    assert in_words(edtf, a, b) == words
