"""A document as the source page shows it: paragraphs cut at its claims' quotes, and a quote put
back in its paragraph."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine

from reconcile.documents import CONTEXT_CHARS, DocumentNotFound, document_view, in_paragraph, paragraphs
from store.engine import session_scope
from store.models import Claim
from tests.reconcile.store_factory import StoreFactory


@pytest.mark.parametrize(("text", "expected"), [
    ("one", ["one"]),
    ("one\n\ntwo", ["one", "two"]),
    ("one\ntwo\n\n\n  \nthree", ["one", "two", "three"]),
    ("\n\n", []),
])
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in paragraphs(text)] == expected


def _claim(text: str, quote: str) -> Claim:
    start = text.index(quote)
    return Claim(quote=quote, quote_start=start, quote_end=start + len(quote))


def test_in_paragraph_keeps_to_the_paragraph_and_cuts_long_context() -> None:
    text = "Intro.\n\nBefore the words. The words said here. After them.\n\nOutro."
    assert in_paragraph(text, _claim(text, "The words said here.")) == {
        "before": "Before the words. ", "quote": "The words said here.", "after": " After them."}
    long = "x " * CONTEXT_CHARS + "QUOTE" + " y" * CONTEXT_CHARS
    got = in_paragraph(long, _claim(long, "QUOTE"))
    assert got["before"].startswith("…") and got["after"].endswith("…")
    assert len(got["before"]) <= CONTEXT_CHARS + 1 and len(got["after"]) <= CONTEXT_CHARS + 1


def test_stale_offsets_fall_back_to_finding_the_quote_or_the_quote_alone() -> None:
    text = "Intro.\n\nSaid it here."
    moved = Claim(quote="Said it here.", quote_start=0, quote_end=13)
    assert in_paragraph(text, moved)["before"] == "" and in_paragraph(text, moved)["quote"] == "Said it here."
    gone = Claim(quote="Not in the text.", quote_start=0, quote_end=16)
    assert in_paragraph(text, gone) == {"before": "", "quote": "Not in the text.", "after": ""}


def test_document_view_marks_overlapping_claims(engine: Engine) -> None:
    text = "Opening line.\n\nAli was born in 1950 and became governor in 1990.\n\nEnd."
    with session_scope(engine) as s:
        f = StoreFactory(s)
        doc = f.doc(f.site("http://b.example"), text, author="Writer")
        ali = f.mention(doc, "Ali")
        born = f.claim(doc, ali, "born", quote="Ali was born in 1950", edtf="1950")
        gov = f.claim(doc, ali, "position_held", quote="born in 1950 and became governor in 1990.")
        doc_id, ids = doc.id, (born.id, gov.id)
    with session_scope(engine) as s:
        view = document_view(s, doc_id)
    assert [["".join(seg["text"] for seg in p)] for p in view["paragraphs"]] == [
        ["Opening line."], ["Ali was born in 1950 and became governor in 1990."], ["End."]]
    marked = [(seg["text"], seg["claims"], seg["starts"]) for seg in view["paragraphs"][1]]
    assert marked == [("Ali was ", [ids[0]], [ids[0]]),
                      ("born in 1950", [ids[0], ids[1]], [ids[1]]),
                      (" and became governor in 1990.", [ids[1]], [])]
    assert [c["claim_id"] for c in view["claims"]] == list(ids) and all(c["in_text"] for c in view["claims"])
    with pytest.raises(DocumentNotFound), session_scope(engine) as s:
        document_view(s, doc_id + 100)
