"""Aliases the text states (issue 14, item 3): the detector on text and mention spans alone, then
end to end, where a stated alias joins two entities that names alone would keep apart, is cited
by `entities show`, and gives way to a human split."""
from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from reconcile.entities import show_entity, split_entity
from reconcile.extract.aliases import find_aliases
from reconcile.extract.types import MentionOut
from reconcile.extract_stage import run_extract
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Mention, MentionAlias
from tests.reconcile.store_factory import StoreFactory


def spans(text: str, names: list[tuple[str, str]]) -> list[MentionOut]:
    out, at = [], 0
    for surface, type_ in names:
        start = text.index(surface, at)
        out.append(MentionOut(start, start + len(surface), surface, type_, name=surface))
        at = start + len(surface)
    return out


P, G, L = "PERSON", "ORG", "PLACE"
CASES = [
    # (text, mentions, expected (a, b, cue) as surfaces)
    ("Abdullah Ghulam Rasoul, a former Guantanamo detainee who is now known as Mullah Abdullah Zakir, was freed.",
     [("Abdullah Ghulam Rasoul", P), ("Guantanamo", L), ("Mullah Abdullah Zakir", P)],
     [("Abdullah Ghulam Rasoul", "Mullah Abdullah Zakir", "now known as")]),
    ("Commander Abdul Rashid, better known as Mullah Naqib, returned.",
     [("Commander Abdul Rashid", P), ("Mullah Naqib", P)], [("Commander Abdul Rashid", "Mullah Naqib", "better known as")]),
    ("Abu Bakr al-Baghdadi, whose real name is Ibrahim Awad Ibrahim al-Badri, spoke in Mosul.",
     [("Abu Bakr al-Baghdadi", P), ("Ibrahim Awad Ibrahim al-Badri", P), ("Mosul", L)],
     [("Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri", "whose real name is")]),
    ("Sirajuddin Haqqani, a.k.a. Khalifa, leads the network.",
     [("Sirajuddin Haqqani", P), ("Khalifa", P)], [("Sirajuddin Haqqani", "Khalifa", "a.k.a.")]),
    ("Sirajuddin Haqqani aka Khalifa leads the network.",
     [("Sirajuddin Haqqani", P), ("Khalifa", P)], [("Sirajuddin Haqqani", "Khalifa", "aka")]),
    ("Mohammad Omar, also known as 'Mullah Omar', led them.",
     [("Mohammad Omar", P), ("Mullah Omar", P)], [("Mohammad Omar", "Mullah Omar", "also known as")]),
    ("Amir Khan, alias Haqqani, was seen.", [("Amir Khan", P), ("Haqqani", P)], [("Amir Khan", "Haqqani", "alias")]),
    ("Mullah Abdul Ghani Baradar (Barader) was arrested in Karachi.",
     [("Mullah Abdul Ghani Baradar", P), ("Barader", P), ("Karachi", L)],
     [("Mullah Abdul Ghani Baradar", "Barader", "brackets")]),
    ("The Islamic Movement of Uzbekistan (IMU) claimed it.",
     [("Islamic Movement of Uzbekistan", G), ("IMU", G)], [("Islamic Movement of Uzbekistan", "IMU", "brackets")]),
    ("Sar-e Pol, locally known as Saripul, is in the north.",
     [("Sar-e Pol", L), ("Saripul", L)], [("Sar-e Pol", "Saripul", "known as")]),
    ("Abdul Rahman, whose nom de guerre is Abu Hamza, fled.",
     [("Abdul Rahman", P), ("Abu Hamza", P)], [("Abdul Rahman", "Abu Hamza", "nom de guerre")]),
    # not aliases
    ("Hamid Karzai (Kandahar) spoke.", [("Hamid Karzai", P), ("Kandahar", L)], []),
    ("Qazi Abdul Hai met a commander known as Mullah Naqib in Kabul.",
     [("Qazi Abdul Hai", P), ("Mullah Naqib", P), ("Kabul", L)], []),
    ("Karzai spoke. The man known as Mullah Naqib left.", [("Karzai", P), ("Mullah Naqib", P)], []),
    ("Karzai met Dostum, known as a warlord.", [("Karzai", P), ("Dostum", P)], []),
    ("Hamid Karzai told the BBC that Mullah Naqib, known as Naqibullah, had left.",
     [("Hamid Karzai", P), ("BBC", G), ("Mullah Naqib", P), ("Naqibullah", P)],
     [("Mullah Naqib", "Naqibullah", "known as")]),
]


@pytest.mark.parametrize(("text", "names", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_aliases(text: str, names: list[tuple[str, str]], expected: list[tuple[str, str, str]]) -> None:
    mentions = spans(text, names)
    found = find_aliases(text, mentions)
    assert [(mentions[a.a].surface, mentions[a.b].surface, a.cue) for a in found] == expected
    for a in found:  # the quote is the text from the first name to the second
        assert text[a.quote_start:a.quote_end].startswith(mentions[a.a].surface)
        assert mentions[a.b].surface in a.quote


def test_a_pronoun_is_never_an_alias() -> None:
    text = "Amir Khan, also known as him, left."
    mentions = spans(text, [("Amir Khan", P), ("him", P)])
    mentions[1].is_pronoun = True
    assert find_aliases(text, mentions) == []


ZAKIR = ("Abdullah Ghulam Rasoul, a former Guantanamo detainee who is now known as Mullah Abdullah Zakir, "
         "was released in 2007.")
LATER = "Mullah Abdullah Zakir was released on December 7, officials said."


def _world(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as s:
        f = StoreFactory(s)
        a = f.site("https://one.example", "One")
        b = f.site("https://two.example", "Two")
        f.doc(a, ZAKIR, author="A")
        f.doc(b, LATER, author="B")
        run_extract(s)
    run_reconcile(engine)
    with session_scope(engine) as s:
        ms: dict[str, int] = {}
        for m in s.scalars(select(Mention).where(Mention.is_pronoun.is_(False)).order_by(Mention.id)):
            ms.setdefault(m.surface, m.id)  # the first document's
        later = s.scalars(select(Mention.id).where(Mention.surface == "Mullah Abdullah Zakir").order_by(Mention.id.desc())).first()
    ms["later Zakir"] = later
    return ms


def _entity(engine: Engine, mention: int) -> int | None:
    with session_scope(engine) as s:
        return s.get(Mention, mention).entity_id  # type: ignore[union-attr]


@pytest.mark.parametrize("full", [False, True])
def test_a_stated_alias_joins_two_names_and_is_cited(engine: Engine, full: bool) -> None:
    ms = _world(engine)
    rasoul, zakir = ms["Abdullah Ghulam Rasoul"], ms["Mullah Abdullah Zakir"]
    assert _entity(engine, rasoul) == _entity(engine, zakir) == _entity(engine, ms["later Zakir"])
    run_reconcile(engine, full=full)
    assert _entity(engine, rasoul) == _entity(engine, zakir) == _entity(engine, ms["later Zakir"])
    with session_scope(engine) as s:
        stored = s.scalars(select(MentionAlias)).one()
        assert (stored.cue, stored.mention_a_id, stored.mention_b_id) == ("now known as", rasoul, zakir)
        shown = show_entity(s, _entity(engine, rasoul))  # type: ignore[arg-type]
    alias_joins = [e for e in shown["evidence"] if e["kind"] == "alias"]
    assert alias_joins and "now known as Mullah Abdullah Zakir" in alias_joins[0]["alias"]["quote"]
    assert shown["stated_aliases"][0]["obeyed"]


def test_a_human_split_outranks_a_stated_alias(engine: Engine) -> None:
    ms = _world(engine)
    rasoul, zakir = ms["Abdullah Ghulam Rasoul"], ms["Mullah Abdullah Zakir"]
    with session_scope(engine) as s:
        split_entity(s, _entity(engine, rasoul), zakir, note="the text is wrong", by="ana")  # type: ignore[arg-type]
    assert _entity(engine, rasoul) != _entity(engine, zakir)
    run_reconcile(engine, full=True)
    assert _entity(engine, rasoul) != _entity(engine, zakir)
    with session_scope(engine) as s:
        shown = show_entity(s, _entity(engine, rasoul))  # type: ignore[arg-type]
    assert [a["obeyed"] for a in shown["stated_aliases"]] == [False]


def test_an_alias_stated_about_names_already_resolved_is_applied_by_the_next_run(engine: Engine) -> None:
    """A document extracted again may come to state an alias between mentions that already have
    entities; the next incremental run applies it (and the run after changes nothing)."""
    with session_scope(engine) as s:
        f = StoreFactory(s)
        site = f.site("https://one.example", "One")
        d = f.doc(site, "Amir Khan spoke. Later Jalal Din left.", author="A")
        a = f.mention(d, "Amir Khan").id
        b = f.mention(d, "Jalal Din").id
    run_reconcile(engine)
    assert _entity(engine, a) != _entity(engine, b)
    with session_scope(engine) as s:
        s.add(MentionAlias(document_id=d.id, mention_a_id=a, mention_b_id=b, cue="aka", quote="Amir Khan aka Jalal Din",
                           quote_start=0, quote_end=10))
    run_reconcile(engine)
    assert _entity(engine, a) == _entity(engine, b)
    assert run_reconcile(engine).changes == 0
