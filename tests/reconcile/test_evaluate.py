"""The gold scorer: entity pairs, one-to-one claim matching, optional sentences, time tolerance."""
from __future__ import annotations

from datetime import date

import pytest

from reconcile.evaluate import SysClaim, SysDocument, SysEntity, SysRelation, SystemOutput, evaluate

TEXT = ("Karim Dost was born in 1950 in Bagram. Mr Dost joined the Jamiat party in 1979. "
        "He likes tea.")
GOLD = {
    "documents": [{"id": "d", "kind": "post", "published": "2010-01-01", "author": None}],
    "entities": [
        {"id": "dost", "type": "PERSON", "mentions": ["Karim Dost", "Mr Dost", "Dost"]},
        {"id": "bagram", "type": "PLACE", "mentions": ["Bagram"]},
        {"id": "jamiat", "type": "ORG", "mentions": ["Jamiat party"]},
    ],
    "claims": [
        {"id": "born", "doc": "d", "subject": "dost", "predicate": "born", "object": "bagram",
         "when": "1950", "quote": "Karim Dost was born in 1950 in Bagram"},
        {"id": "joined", "doc": "d", "subject": "dost", "predicate": "member_of",
         "object": "Jamiat", "when": "1979", "quote": "Mr Dost joined the Jamiat party in 1979"},
    ],
    "optional": ["He likes tea"],
    "relations": [{"a": "joined", "b": "born", "type": "supplements"}],
}
ENTITIES = [SysEntity("p", "PERSON", ["Karim Dost", "Mr Dost"]), SysEntity("b", "PLACE", ["Bagram"]),
            SysEntity("j", "ORG", ["Jamiat party"])]


def _born(**kw) -> SysClaim:
    base = dict(id="s1", doc="d", subject="p", predicate="born", object_entity="b",
                earliest=date(1950, 1, 1), latest=date(1950, 12, 31), quote="was born in 1950",
                quote_start=11, quote_end=27)
    base.update(kw)
    return SysClaim(**base)


def _joined(**kw) -> SysClaim:
    base = dict(id="s2", doc="d", subject="p", predicate="member_of", object_text="the Jamiat party",
                earliest=date(1979, 1, 1), latest=date(1979, 12, 31),
                quote="Mr Dost joined the Jamiat party in 1979")
    base.update(kw)
    return SysClaim(**base)


def _system(*claims: SysClaim, relations=()) -> SystemOutput:
    return SystemOutput([SysDocument("d", TEXT)], ENTITIES, list(claims), list(relations))


def test_perfect_output_scores_one_everywhere() -> None:
    r = evaluate(GOLD, _system(_born(), _joined(), relations=[SysRelation("s2", "s1", "supplements")]))
    assert (r.claims.precision, r.claims.recall, r.relations_recall) == (1.0, 1.0, 1.0)
    assert r.entities.recall == 1.0 and r.entities.precision == 1.0


@pytest.mark.parametrize("change, matched", [
    ({"earliest": date(1951, 1, 1), "latest": date(1951, 12, 31)}, True),   # within a year
    ({"earliest": date(1953, 1, 1), "latest": date(1953, 12, 31)}, False),  # too far
    ({"earliest": None}, False),                                           # open vs closed
    ({"predicate": "died"}, False),
    ({"subject": "j"}, False),
    ({"object_entity": "j"}, False),
    ({"quote_start": 60, "quote_end": 70}, False),                         # no overlap
    ({"doc": "other"}, False),
])
def test_match_rule(change: dict, matched: bool) -> None:
    r = evaluate(GOLD, _system(_born(**change), _joined()))
    assert ("born" not in r.missed) is matched


def test_literal_objects_match_as_substrings_either_way() -> None:
    assert "joined" not in evaluate(GOLD, _system(_joined(object_text="Jamiat"))).missed
    assert "joined" in evaluate(GOLD, _system(_joined(object_text="Hezb"))).missed


def test_duplicates_are_false_positives_and_optional_sentences_are_ignored() -> None:
    tea = SysClaim("s3", "d", "p", "statement", object_text="tea", quote="He likes tea")
    r = evaluate(GOLD, _system(_born(), _born(id="s1b"), _joined(), tea))
    assert r.ignored_optional == 1
    assert (r.claims.tp, r.claims.system) == (2, 3)
    assert r.claims.precision == pytest.approx(2 / 3, abs=1e-3)


def test_entity_pairs_count_titles_as_the_same_surface_and_split_clusters_lose_recall() -> None:
    split = [SysEntity("p1", "PERSON", ["Karim Dost"]), SysEntity("p2", "PERSON", ["Mr Dost", "Dost"])]
    r = evaluate(GOLD, SystemOutput([SysDocument("d", TEXT)], split, [], []))
    # gold pairs: (Karim Dost, Mr Dost), (Karim Dost, Dost), (Mr Dost, Dost); only the last found
    assert r.entities.recall == pytest.approx(1 / 3, abs=1e-3)
    assert r.entities.precision == 1.0


def test_documents_align_by_kind_author_and_time_when_ids_differ() -> None:
    system = _system(_born(doc="db-17"), _joined(doc="db-17"))
    system.documents = [SysDocument("db-17", TEXT, kind="post", published="2010-01-01T00:00:00")]
    assert evaluate(GOLD, system).claims.recall == 1.0


def test_report_serialises() -> None:
    data = evaluate(GOLD, _system(_born())).to_json()
    assert data["claims"]["recall"] == 0.5 and data["missed"] == ["joined"]


def test_a_gold_time_that_is_not_edtf_is_named_in_the_error() -> None:
    bad = {**GOLD, "claims": [{**GOLD["claims"][0], "when": "around 1950"}]}
    with pytest.raises(ValueError, match="around 1950"):
        evaluate(bad, _system(_born()))


def test_documents_align_by_platform_id_and_path_for_multi_page_gold() -> None:
    gold = {**GOLD, "documents": [{"id": "d", "kind": "post", "path": "/2010/01/a/",
                                   "platform_id": "98", "published": None, "author": None}]}
    system = _system(_born(doc="17"), _joined(doc="17"))
    system.documents = [
        SysDocument("16", TEXT, kind="post", platform_id="98", url="https://x.org/2011/02/b/"),
        SysDocument("17", TEXT, kind="post", platform_id="98", url="https://x.org/2010/01/a/"),
    ]
    assert evaluate(gold, system).claims.recall == 1.0


# Relations between statements: the system links statements, and repeats are references of one.
@pytest.mark.parametrize("gold_type, born, joined, relations, found", [
    # a supplements link between the two claims' statements (on other claims of them)
    ("supplements", {"statement": "S1"}, {"statement": "S2"},
     [SysRelation("x", "y", "supplements", "S2", "S1")], True),
    ("supplements", {"statement": "S1"}, {"statement": "S2"},
     [SysRelation("x", "y", "conflicts", "S2", "S1")], False),             # another type
    ("supplements", {"statement": "S1"}, {"statement": "S2"},
     [SysRelation("x", "y", "supplements", "S2", "S3")], False),           # another statement
    # both claims references of one statement: the same fact, from two sources or one
    ("corroborates", {"statement": "S1", "source": "bbc"}, {"statement": "S1", "source": "blog"}, [], True),
    ("duplicates", {"statement": "S1", "source": "bbc"}, {"statement": "S1", "source": "blog"}, [], False),
    ("duplicates", {"statement": "S1", "source": "bbc"}, {"statement": "S1", "source": "bbc"}, [], True),
    ("corroborates", {"statement": "S1", "source": "bbc"}, {"statement": "S1", "source": "bbc"}, [], False),
    ("corroborates", {"statement": "S1", "source": "bbc"}, {"statement": "S2", "source": "blog"}, [], False),
    ("corroborates", {}, {}, [], False),                                      # no statements at all
])
def test_relations_between_statements(gold_type: str, born: dict, joined: dict, relations: list,
                                      found: bool) -> None:
    gold = {**GOLD, "relations": [{"a": "joined", "b": "born", "type": gold_type}]}
    r = evaluate(gold, _system(_born(**born), _joined(**joined), relations=relations))
    assert r.relations_found == int(found)
