"""Who a claim comes from: the original outlet or speaker, one voice for the unnamed speakers an
author relays, and a copy of a document speaking with its first capture's voice."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reconcile.relate import ClaimView, classify
from reconcile.relate.sources import Origin, copies, relayed_origin


def born(id_: int, *, doc: int, site: int = 1, author: str | None = "Helen Marsh",
         attributed_to: str | None = None, kind: str = "post") -> ClaimView:
    return ClaimView(id=id_, subject_entity_id=1, predicate="born", earliest=date(1956, 1, 1),
                     latest=date(1956, 12, 31), edtf="1956", attributed_to=attributed_to, document_id=doc,
                     kind=kind, author=author, site_id=site, site=f"blog {site}",
                     modality="reported" if attributed_to else "asserted")


@pytest.mark.parametrize(
    ("attribution", "origin"),
    [
        ("the BBC", "bbc"),
        ("BBC correspondents", "bbc"),
        ("the BBC's correspondents", "bbc"),
        ("Abdul Ghafore Dastyaar", "abdul ghafore dastyaar"),
        ("the register of the provincial council", "register of the provincial council"),
        ("Officials", None),
        ("Correspondents", None),
        ("provincial officials", None),
        ("a low level government official", None),
        (None, None),
    ],
)
def test_an_attribution_names_its_original_source_or_nobody(attribution: str | None, origin: str | None) -> None:
    assert relayed_origin(attribution) == origin


@pytest.mark.parametrize(
    ("a", "b", "expected", "why"),
    [
        # "officials" and "correspondents" relayed in one post from one BBC item: one source
        (born(1, doc=1, attributed_to="officials"), born(2, doc=1, attributed_to="Correspondents"),
         "duplicates", "unnamed speakers relayed by Helen Marsh"),
        # the BBC relayed by two blogs is still the BBC
        (born(1, doc=1, attributed_to="the BBC"), born(2, doc=2, site=2, author="Daud Rahimi", attributed_to="BBC correspondents"),
         "duplicates", "both relay bbc"),
        # the BBC and a named official it did not speak for: two sources
        (born(1, doc=1, attributed_to="the BBC"), born(2, doc=1, attributed_to="Abdul Ghafore Dastyaar"),
         "corroborates", "independent"),
        # officials relayed by two authors are two reports
        (born(1, doc=1, attributed_to="the officials"), born(2, doc=2, author="Peter Lindqvist", attributed_to="provincial officials"),
         "corroborates", "independent"),
        # the author's own words beside what the author relays from unnamed officials
        (born(1, doc=1), born(2, doc=1, attributed_to="officials"), "corroborates", "independent"),
    ],
)
def test_independence_follows_the_original_source(a: ClaimView, b: ClaimView, expected: str, why: str) -> None:
    rel = classify(a, b)
    assert rel is not None and rel.type == expected, rel
    assert why in rel.reason


def test_a_copy_speaks_with_its_first_capture_s_voice() -> None:
    post = "Qazi Abdul Hai Khadem was born in 1956 in Deh Surkh village, Kohistanat district, in Sar-e-Pul province."
    original = Origin(1, 1, "Daud Rahimi", "post", "http://blog.example/2013/09/24/who/")
    capture = Origin(2, 2, None, "post", "http://web.archive.example/2013/http://blog.example/2013/09/24/who/")
    other = Origin(3, 1, "Daud Rahimi", "comment", "http://blog.example/2013/09/24/who/#comment-3")
    first = copies([(capture, "h1", len(post)), (original, "h1", len(post)), (other, "h2", len(post)),
                    (Origin(4, 1, "A", "comment", "x#4"), "h3", 7), (Origin(5, 1, "B", "comment", "x#5"), "h3", 7)])
    assert first == {2: original}  # "Agreed." twice is no copy
    a = born(1, doc=1, author="Daud Rahimi")
    b = born(2, doc=2, site=2, author=None)
    assert classify(a, b).type == "corroborates"  # type: ignore[union-attr]  (not known as a copy)
    rel = classify(a, replace(b, copy_of=first[2]))
    assert rel is not None and rel.type == "duplicates"
    assert "the same text in two documents" in rel.reason
