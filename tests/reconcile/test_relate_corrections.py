"""A correction a claim states beside its time ("until 2006, not 2007") contradicts the claim that
states the rejected time, and the link says it is a correction."""
from __future__ import annotations

from datetime import date

import pytest

from reconcile.relate import ClaimView, classify
from reconcile.relate.corrections import Correction, correction


def office(id_: int, edtf: str, lo: date | None, hi: date | None, quote: str, *, site: int = 1,
           author: str = "A", time_text: str | None = None) -> ClaimView:
    return ClaimView(id=id_, subject_entity_id=1, predicate="position_held", object_names=("governor",),
                     edtf=edtf, earliest=lo, latest=hi, document_id=id_, author=author, site_id=site,
                     site=f"blog {site}", quote=quote, time_text=time_text)


UNTIL_2006 = office(1, "../2006", None, date(2006, 12, 31), "He was governor until 2006, not 2007",
                    site=2, author="Karim", time_text="until 2006")
SPAN_TO_2007 = office(2, "2004/2007", date(2004, 1, 1), date(2007, 12, 31), "He was governor from 2004 to 2007",
                      time_text="from 2004 to 2007")


@pytest.mark.parametrize(
    ("quote", "edtf", "lo", "hi", "expected"),
    [
        ("He was governor until 2006, not 2007", "../2006", None, date(2006, 12, 31), Correction("end", 2006, 2007)),
        ("He was born in 1956 (not 1958)", "1956", date(1956, 1, 1), date(1956, 12, 31), Correction("time", 1956, 1958)),
        ("He took office not in 2003 but in 2004", "2004/..", date(2004, 1, 1), None, Correction("start", 2004, 2003)),
        ("He was born in 1956 rather than 1958", "1956", date(1956, 1, 1), date(1956, 12, 31), Correction("time", 1956, 1958)),
        # a year that is not the claim's own time is no correction of it
        ("Elected in 2005, not in 2009, he was governor until 2006", "../2006", None, date(2006, 12, 31), None),
        ("He was governor until 2006", "../2006", None, date(2006, 12, 31), None),
    ],
)
def test_a_correction_is_read_next_to_the_claim_s_own_time(quote, edtf, lo, hi, expected) -> None:
    assert correction(office(1, edtf, lo, hi, quote)) == expected


def test_a_correction_contradicts_the_time_it_rejects_and_says_so() -> None:
    rel = classify(UNTIL_2006, SPAN_TO_2007)
    assert rel is not None and rel.type == "conflicts"  # within a year's slack, but corrected on purpose
    assert "a correction: the end is 2006, not 2007, as Karim, in a post on blog 2 writes" in rel.reason
    assert classify(SPAN_TO_2007, UNTIL_2006).type == "conflicts"  # type: ignore[union-attr]


def test_without_the_correction_the_two_spans_are_one_fact() -> None:
    plain = office(1, "../2006", None, date(2006, 12, 31), "He was governor until 2006", site=2, author="Karim",
                   time_text="until 2006")
    assert classify(plain, SPAN_TO_2007).type == "corroborates"  # type: ignore[union-attr]
