"""The predicate table's data: every row declares its lead words, and scanning only at lead
words finds exactly what running each regex over the whole text finds."""
from __future__ import annotations

import pytest

from reconcile.extract.leadscan import LeadScanner
from reconcile.extract.patterns import PATTERNS

TEXT = (
    "Gul Rahman was born in 1950. He was born again, he says. His brother, Amir Jan, was killed "
    "in 1990 (now deceased). The late Wali Shah studied at Herat University and received the "
    "Order of Merit. He was promoted to the rank of major and later promoted to colonel. He "
    "defected (again) to the Taliban, switched back to the government, and went over to Jamiat. "
    "She joined Hezb and was a member of the Wolesi Jirga; she quit the party in 2001. He "
    "fought for the mujahideen, was indirectly elected to the Senate, served as governor, sat "
    "on the council and has never held any public office. He was appointed mayor and is now a "
    "senator. They fled to Iran, came back to Kabul, left for Quetta, lived for years in Herat "
    "and were believed to be over the border in Pakistan. He traveled to Iran, went to school, "
    "was released, was arrested, was taken into custody. Karzai awarded him with a medal and "
    "gave her an award; he was decorated with the Star. He is married and has four daughters. "
    "His father was called Noor. He was not killed; he did not die. He founded the Zaland Front "
    "and was governor of Herat. By then she was back with Hezb. The council named Wali Shah as envoy. "
    "He took a law degree at Kabul University, spent a winter in Quetta, and police arrested him."
)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[f"{k}-{p.predicate}" for k, p in enumerate(PATTERNS)])
def test_every_row_declares_lead_words_that_cover_its_matches(pattern) -> None:
    assert pattern.lead_words(), "declare leads= for this row"
    scanned = {(m.start(), m.end()) for _, m in LeadScanner([(0, pattern.compiled, pattern.lead_words())]).scan(TEXT)}
    direct = {(m.start(), m.end()) for m in pattern.compiled.finditer(TEXT) if m.end() > m.start()}
    assert direct <= scanned, sorted(direct - scanned)


def test_the_sample_exercises_most_of_the_table() -> None:
    fired = sum(1 for p in PATTERNS if p.compiled.search(TEXT))
    assert fired >= len(PATTERNS) - 2
