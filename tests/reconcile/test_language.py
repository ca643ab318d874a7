"""Only English is read for claims; other languages are stored, counted and named."""
from __future__ import annotations

import pytest

from reconcile.language import detect, unsupported_reason

GERMAN = ("Der frühere Gouverneur der Provinz ist nach Angaben der Behörden zu den Taliban "
          "übergelaufen und hält sich seitdem in Pakistan auf.")
ENGLISH = ("The former governor of the province has defected to the Taliban, officials said, "
           "and is believed to be in Pakistan.")
FRENCH = ("L'ancien gouverneur de la province a rejoint les talibans selon les autorités locales "
          "et se trouverait au Pakistan depuis l'été.")


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (ENGLISH, "en"), (FRENCH, "fr")])
def test_detects_the_language_of_prose(text: str, code: str) -> None:
    assert detect(text) == code


def test_short_text_is_not_judged_and_is_read() -> None:
    assert detect("Thanks, Karim!") is None
    assert unsupported_reason("Thanks, Karim!", None) is None


def test_a_page_declaring_another_language_is_believed_when_the_text_is_too_short() -> None:
    assert unsupported_reason("Danke!", "de-DE") == "written in 'de', not English"


def test_detection_wins_over_a_wrong_declaration() -> None:
    assert unsupported_reason(ENGLISH, "de") is None
    assert "'de'" in (unsupported_reason(GERMAN, "en") or "")


@pytest.mark.parametrize(("line", "foreign"), [
    ("Die Kinder aus dieser Stadt sprechen jeden Morgen über ihre Schule und über das Wetter.", True),
    ("es ist in diesem Fall nicht das Passiv", True),  # short, but no chance of English
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", True),
    # a language split between close neighbours still gives English no chance
    ("Ovo je jednostavan probni tekst koji se koristi u tiskarskoj i slovoslagarskoj industriji.", True),
    ("Mullah Abdul Qahir Sarwari was killed in Kunduz.", False),
    ("Thanks, this is great info!", False),
    ("lol ok thx m8 gr8 stuff", False),
])
def test_a_line_in_another_language(line: str, foreign: bool) -> None:
    from reconcile.language import foreign_paragraphs, not_english

    assert not_english(line) is foreign
    text = "This part of the page is in English, as the rest of it is.\n" + line
    assert bool(foreign_paragraphs(text)) is foreign
