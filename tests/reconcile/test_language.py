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
