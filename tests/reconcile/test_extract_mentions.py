"""Mentions: names typed from titles, cue words and context; titles split; offsets exact."""
from __future__ import annotations

import pytest

from reconcile.extract import extract_document


def _named(text: str) -> list:
    return [m for m in extract_document(text, published=None).mentions if not m.is_pronoun]


def _find(text: str, surface: str):
    hits = [m for m in _named(text) if m.surface == surface]
    assert hits, f"{surface!r} not found in {[m.surface for m in _named(text)]}"
    return hits[0]


@pytest.mark.parametrize("text, surface, type_", [
    ("Yesterday Haji Gul Nabi Sarwari met elders in Kunduz.", "Haji Gul Nabi Sarwari", "PERSON"),
    ("The fighters of Hezb-e-Islami left the valley.", "Hezb-e-Islami", "ORG"),
    ("Staff at the Ministry of Rural Affairs were not paid.", "Ministry of Rural Affairs", "ORG"),
    ("He studied at Balkh University for two years.", "Balkh University", "ORG"),
    ("Fighting spread to the village of Qala Bakhtiar overnight.", "Qala Bakhtiar", "PLACE"),
    ("The convoy reached Chahar Bolak district at noon.", "Chahar Bolak", "PLACE"),
    ("Guards were moved from Herat Province to the capital.", "Herat", "PLACE"),
    ("Reporters from the AFP were turned back.", "AFP", "ORG"),
    ("She was sent to Pakistan by her family.", "Pakistan", "PLACE"),
    ("The 3rd Border Brigade took the pass.", "3rd Border Brigade", "ORG"),
    # a name opening a sentence, known only by the verb after it
    ("Farid Mangal joined the movement in 2001.", "Farid Mangal", "PERSON"),
    ("Tahir Qaderi never returned to the valley.", "Tahir Qaderi", "PERSON"),
    ("Human Rights Watch reported the killings.", "Human Rights Watch", "ORG"),
    ("Mullah Tor Jan commanded the Alokozai militia.", "Alokozai", "ORG"),
    # "Jan" is a name part unless a date follows it
    ("Mullah Tor Jan commanded the Alokozai militia.", "Mullah Tor Jan", "PERSON"),
    ("Jan Mohammad Khan was killed in 2011.", "Jan Mohammad Khan", "PERSON"),
    # parties and bodies named by one word, villages named by their last word
    ("He left Jamiat for Junbish in 1998.", "Junbish", "ORG"),
    ("He was elected to the Senate in 2015.", "Senate", "ORG"),
    ("He was born in Shinkai Qala in 1961.", "Shinkai Qala", "PLACE"),
    # a province named alone
    ("Fighting spread to Paktika overnight.", "Paktika", "PLACE"),
    ("Nangarhar and Kunar were closed to traffic.", "Nangarhar", "PLACE"),
])
def test_names_are_typed_from_cues_and_context(text: str, surface: str, type_: str) -> None:
    assert _find(text, surface).type == type_


@pytest.mark.parametrize("text, surface, title, bare", [
    ("Talks were led by Gen. Nur Ahmad Zalmay last week.", "Gen. Nur Ahmad Zalmay", "Gen.", "Nur Ahmad Zalmay"),
    ("Later Mullah Abdul Basir Hotak was released.", "Mullah Abdul Basir Hotak", "Mullah", "Abdul Basir Hotak"),
    ("A letter from Mr Farooqi reached the council.", "Mr Farooqi", "Mr", "Farooqi"),
    ("Senator Layla Hamidi Noor spoke first.", "Senator Layla Hamidi Noor", "Senator", "Layla Hamidi Noor"),
])
def test_titles_are_split_off_the_name(text: str, surface: str, title: str, bare: str) -> None:
    m = _find(text, surface)
    assert (m.type, m.title, m.name) == ("PERSON", title, bare)


@pytest.mark.parametrize("spelling", ["Sar-e-Pol", "Sar-e Pol", "Sar e Pol", "Sar-i-Pul"])
def test_izafe_names_hyphenated_or_not_are_one_place(spelling: str) -> None:
    text = f"Clashes were reported in {spelling} province on Friday."
    assert _find(text, spelling).type == "PLACE"


def test_non_breaking_space_inside_a_name_keeps_original_offsets() -> None:
    text = "Officials in Mazar\u00a0Sharif said Abdul\u00a0Rashid\u00a0Kohi was freed."
    m = _find(text, "Abdul\u00a0Rashid\u00a0Kohi")
    assert text[m.start:m.end] == m.surface and m.type == "PERSON"


@pytest.mark.parametrize("text, not_a_name", [
    ("Following the vote, the council adjourned.", "Following"),
    ("Broader unrest seems unlikely this year.", "Broader"),
    ("Sorry, I cannot confirm that.", "Sorry"),
    ("Afghan police arrived before dawn.", "Afghan"),
])
def test_capitalised_common_words_are_not_names(text: str, not_a_name: str) -> None:
    assert not_a_name not in {m.surface for m in _named(text)}


def test_roles_and_pronouns_are_mentions() -> None:
    ex = extract_document("Naseer Ahmad Tokhi was made deputy governor; he accepted.", published=None)
    kinds = {(m.surface, m.type) for m in ex.mentions}
    assert ("deputy governor", "ROLE") in kinds
    pronoun = next(m for m in ex.mentions if m.is_pronoun)
    assert pronoun.surface == "he" and pronoun.chain == ex.mentions[0].chain
