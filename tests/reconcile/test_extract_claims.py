"""Claims: predicate table, objects, EDTF times, modality, attribution, quotes with offsets.

Every sentence here is written for these tests (invented people and places).
"""
from __future__ import annotations

from datetime import datetime

import pytest

from reconcile.extract import Extractor, RuleExtractor, extract_document

PUBLISHED = datetime(2015, 6, 10, 8, 30)


def _claims(text: str, published: datetime | None = PUBLISHED):
    return extract_document(text, published=published).claims


def _one(text: str, predicate: str):
    hits = [c for c in _claims(text) if c.predicate == predicate]
    assert len(hits) == 1, [(c.predicate, c.object_text, c.edtf) for c in _claims(text)]
    return hits[0]


@pytest.mark.parametrize("text, predicate, obj, edtf", [
    ("Wahid Karimi Baheer was born in 1971 in the village of Sang Takht.", "born", "Sang Takht", "1971"),
    ("Faiz Mohammad Yawar, son of Gul Agha, grew up in Ghazni.", "family", "Gul Agha", None),
    ("Samad Zarifi studied at Nangarhar University from 1990 to 1994.", "educated_at", "Nangarhar University", "1990/1994"),
    ("In 1996 Rahim Gul Pashtunyar joined the Taliban.", "member_of", "Taliban", "1996"),
    ("Osman Tarakhel served as police chief between 2005 and 2007.", "position_held", "police chief", "2005/2007"),
    ("Habib Sediqi was appointed provincial governor in 2011.", "position_held", "provincial governor", "2011"),
    ("Jalal Noorzai was arrested by the police in 2003 and held in Pul-e-Charkhi Prison until 2005.", "detained", "Pul-e-Charkhi Prison", "2003/2005"),
    ("Baz Mohammad Hotak was released in 2009.", "released", None, "2009"),
    ("Zarif Ahmadzai lived in Quetta until 2002.", "located_in", "Quetta", "../2002"),
    ("Ghulam Sakhi Dawari defected to the government around March 3 2010.", "defected_to", "government", None),
    ("In 2012 Nasir Khan Andar was promoted to the rank of colonel.", "rank", "colonel", "2012"),
    ("Sultan Ali Yaqubi is married and has four daughters.", "family", "married and has four daughters", None),
    # an office with no article straight after the verb
    ("Haroon Stanekzai was governor of Laghman from 2006 to 2009.", "position_held", "governor", "2006/2009"),
    # a value the sentence sets aside is not a second value
    ("Latif Barakzai was born in 1962, not 1960.", "born", None, "1962"),
    ("Latif Barakzai was born in 1962 rather than in 1960.", "born", None, "1962"),
    ("Hamid Zaland founded the Zaland Front in 1979.", "member_of", "Zaland Front", "1979"),
    ("Hamid Zaland served twice as prime minister in the 1990s.", "position_held", "prime minister", "199X"),
    ("Hamid Zaland was reportedly assassinated in Kabul in July 2002.", "died", None, "2002-07"),
    ("Hamid Zaland was born in the late 1950s.", "born", None, "[1957..1959]"),  # not "the late Hamid"
    ("Hamid Zaland was picked up in 2004.", "detained", None, "2004"),
    ("Hamid Zaland was never held at Pul-e-Charkhi.", "detained", "Pul-e-Charkhi", "../2015-06"),  # up to the report
    # the time after the verb is its own, one before it belongs to an earlier verb
    ("Hamid Zaland signed a deal in 2016 and returned to Kabul the following year.", "located_in", "Kabul", "2017"),
    ("Mir Zaland worked as a lawyer in Quetta until 1992.", "position_held", "lawyer", "../1992"),
    ("In 2009 Mir Zaland was elected district nazim of Kalat.", "position_held", "district nazim", "2009"),
    ("Karim Wardak was with Hezb-e-Islami in the 1990s.", "member_of", "Hezb-e-Islami", "199X"),
    # "from ... until ..." with words between the ends is one span
    ("Rahim Wardak served as minister from 2004 until his dismissal in 2012.", "position_held", "minister", "2004/2012"),
])
def test_predicate_table(text: str, predicate: str, obj: str | None, edtf: str | None) -> None:
    c = _one(text, predicate)
    if obj is not None:
        assert c.object_text is not None and obj.lower() in c.object_text.lower()
    if predicate != "defected_to":
        assert c.edtf == edtf


def test_one_sentence_holds_a_claim_per_listed_place_with_its_own_years() -> None:
    text = "Ahmad Shah Zaki visited Iran in 1999 and 2001, Tajikistan in 2003, and India in 2006 and 2007."
    trips = [(c.object_text, c.edtf) for c in _claims(text) if c.predicate == "traveled_to"]
    assert trips == [("Iran", "{1999,2001}"), ("Tajikistan", "2003"), ("India", "{2006,2007}")]


def test_quotes_are_slices_of_the_original_text() -> None:
    text = "Qasim\u00a0Fahimi fled to Iran in 1984. He returned to Herat in 1990."
    for c in _claims(text):
        assert text[c.quote_start:c.quote_end] == c.quote


@pytest.mark.parametrize("text, predicate, modality, attributed", [
    ("Rahmat Sadiqi has reportedly joined the Taliban.", "member_of", "hedged", None),
    ("Rahmat Sadiqi was believed to be hiding in Pakistan, police said.", "located_in", "hedged", "police"),
    ("Rahmat Sadiqi has joined the Taliban, officials told the BBC.", "member_of", "reported", "officials"),
    ("Rahmat Sadiqi was not arrested in 2010.", "detained", "negated", None),
    ("Rahmat Sadiqi was arrested in 2010.", "detained", "asserted", None),
])
def test_modality_and_attribution(text: str, predicate: str, modality: str, attributed: str | None) -> None:
    c = _one(text, predicate)
    assert c.modality == modality
    assert c.attributed_to == attributed


@pytest.mark.parametrize("text, attributed", [
    ("According to his spokesman, Tahir Qaderi never joined the Taliban.", "Tahir Qaderi's spokesman"),
    ("Tahir Qaderi never joined the Taliban, according to his brother.", "Tahir Qaderi's brother"),
    ("According to Farid Mangal, Tahir Qaderi never joined the Taliban.", "Farid Mangal"),
])
def test_a_possessive_speaker_is_not_the_man_himself(text: str, attributed: str) -> None:
    c = _one(text, "member_of")
    assert (c.modality, c.attributed_to) == ("negated", attributed)
    assert not [x for x in _claims(text) if x.predicate == "said" and x.subject_name == "Tahir Qaderi"]


@pytest.mark.parametrize("text, edtf", [
    ("According to his spokesman, Tahir Qaderi never joined the Taliban.", "../2015-06"),  # up to the report
    ("According to his spokesman, Tahir Qaderi did not join the Taliban.", None),  # some time before
])
def test_a_reported_denial_spans_the_past_so_it_meets_a_dated_claim(text: str, edtf: str | None) -> None:
    assert _one(text, "member_of").edtf == edtf


@pytest.mark.parametrize("text, predicate, subject", [
    # a relative clause or an apposition between the subject and its verb is skipped
    ("Mullah Tor Jan, who fought beside Karim Zazai for years, died in October 2007.", "died", "Tor Jan"),
    ("Rahim Wardak, a rival of Karim Zazai, was appointed minister of mines in 2005.", "position_held", "Rahim Wardak"),
    # the man whose relative it was is not the subject
    ("Karim Zazai's son was detained in Peshawar.", "detained", None),
    # nor is the one who reports it, inside or before the clause
    ("Rahim Wardak, Karim Zazai said, had joined the Taliban in 1996.", "member_of", "Rahim Wardak"),
    ("Karim Zazai said the Taliban had captured the district.", "detained", None),
    ("Karim Zazai said Rahim Wardak had joined the Taliban in 1996.", "member_of", "Rahim Wardak"),
])
def test_the_subject_is_the_clause_s_own(text: str, predicate: str, subject: str | None) -> None:
    hits = [c for c in _claims(text) if c.predicate == predicate]
    assert [c.subject_name for c in hits] == ([subject] if subject else [])


@pytest.mark.parametrize("text, subject, obj", [
    ("Hamid Zaland spoke. His elder brother, Nasir Zaland, was a judge.", "Hamid Zaland", "Nasir Zaland"),
    ("Hamid Zaland spoke. Hamid Zaland's cousin, Nasir Zaland, was a judge.", "Hamid Zaland", "Nasir Zaland"),
])
def test_kin_with_an_adjective_or_a_possessive(text: str, subject: str, obj: str) -> None:
    kin = _one(text, "family")
    assert (kin.subject_name, kin.object_text) == (subject, obj)


def test_police_arrested_him_is_his_detention() -> None:
    c = _one("Hamid Zaland came home in May. Border police arrested him in Chaman in June 2011.", "detained")
    assert (c.subject_name, c.object_text, c.edtf) == ("Hamid Zaland", "Chaman", "2011-06")


@pytest.mark.parametrize("text, subject, role, place", [
    ("The deputy governor of Laghman, Nasir Zaland, opened the school.", "Nasir Zaland", "deputy governor", "Laghman"),
    ("Yesterday the provincial police chief, Gen. Nasir Zaland, said the road was open.", "Nasir Zaland",
     "provincial police chief", None),
])
def test_a_role_before_the_name_is_an_office_the_writer_asserts(text: str, subject: str, role: str, place: str | None) -> None:
    c = _one(text, "position_held")
    assert (c.subject_name, c.object_text, c.place, c.modality, c.attributed_to) == (subject, role, place, "asserted", None)


@pytest.mark.parametrize("text, predicate, modality", [
    ("Hamid Zaland was released in May 2012, reportedly after elders intervened.", "released", "asserted"),
    ("Hamid Zaland moved to Dubai, where he reportedly runs a shop.", "located_in", "asserted"),
    ("Hamid Zaland reportedly moved to Dubai in 2012.", "located_in", "hedged"),
])
def test_a_hedge_in_a_side_clause_stays_there(text: str, predicate: str, modality: str) -> None:
    assert _one(text, predicate).modality == modality


def test_an_object_is_not_taken_from_the_next_coordinated_clause() -> None:
    claims = _claims("Mir Zaland studied at a madrasa in Kunduz, and fought against the Taliban.")
    assert not [c for c in claims if c.object_text == "Taliban"]


def test_a_reported_never_been_is_a_denied_office() -> None:
    c = _one("Officials said Mir Zaland had never been a Taliban commander.", "position_held")
    assert (c.object_text, c.modality, c.attributed_to) == ("commander", "negated", "Officials")


def test_a_when_clause_happens_at_the_time_it_hangs_on() -> None:
    c = _one("Karim Wardak fought for the Taliban until 2009, when he defected to the government.", "defected_to")
    assert (c.subject_name, c.edtf) == ("Karim Wardak", "2009")


@pytest.mark.parametrize("text, subject, role, edtf", [
    # the role as the name's premodifier, a former one undated
    ("Officials said that former police chief Nasir Zaland had been arrested.", "Nasir Zaland", "police chief", None),
    # a person known by an age and a role after his name
    ("Zaland, 58, a former MP from Kunar, denies the charges.", "Zaland", "MP", None),
    ("Nasir Zaland, a former militia commander, became a member of parliament in 2005.", "Nasir Zaland",
     "member of parliament", "2005"),
    # the one named or appointed comes after the verb
    ("The ministry named Nasir Zaland as the new commander of the 209th Corps.", "Nasir Zaland", "commander", None),
    ("Nasir Zaland met us. Karim Wardak appointed him governor in 2005.", "Nasir Zaland", "governor", "2005"),
])
def test_offices_named_around_the_name(text: str, subject: str, role: str, edtf: str | None) -> None:
    hits = [c for c in _claims(text) if c.predicate == "position_held" and c.object_text == role]
    assert [(c.subject_name, c.edtf) for c in hits] == [(subject, edtf)]


@pytest.mark.parametrize("text, predicate, obj", [
    ("Born in Paghman in 1946, Nasir Zaland studied theology in Cairo.", "educated_at", "Cairo"),
    ("Zaland, who led the Ittehad-e Islami party, was elected to parliament in 2005.", "member_of", "Ittehad-e Islami"),
    ("Zaland, who led the Ittehad-e Islami party, was elected to parliament in 2005.", "position_held", "parliament"),
    ("After the invasion, Nasir Zaland led an uprising in Herat in March 1979.", "statement", "an uprising in Herat"),
])
def test_study_places_relative_clauses_and_leading_what(text: str, predicate: str, obj: str) -> None:
    assert obj in (_one(text, predicate).object_text or "")


@pytest.mark.parametrize("text, predicate, obj, edtf", [
    ("Mir Zaland took a law degree from the University of Peshawar in 1981.", "educated_at", "University of Peshawar", "1981"),
    ("Mir Zaland drove back into Afghanistan through Torkham.", "located_in", "Afghanistan", None),
    ("Mir Zaland spent the winter of 2011 in Quetta.", "located_in", "Quetta", "2011-24"),
])
def test_degrees_drives_and_spells_somewhere(text: str, predicate: str, obj: str, edtf: str | None) -> None:
    c = _one(text, predicate)
    assert (c.object_text, c.edtf) == (obj, edtf)


def test_a_spell_in_jail_stays_a_detention() -> None:
    claims = _claims("Mir Zaland was captured by the police and spent a year in the Sherpur jail.")
    assert [c.predicate for c in claims] == ["detained"]


def test_fighting_for_is_membership() -> None:
    c = _one("I met Commander Nasir Zaland in 1992, when he was fighting for Hezb.", "member_of")
    assert (c.subject_name, c.object_text) == ("Nasir Zaland", "Hezb")


def test_headed_to_a_place_is_travel_not_leadership() -> None:
    claims = _claims("Hamid Zaland again headed to the front lines in Kunduz.")
    assert [c.predicate for c in claims] == ["traveled_to"]


def test_no_one_is_his_own_relative() -> None:
    assert not [c for c in _claims("His brother Abdul Razaq was killed in 2002.") if c.predicate == "family"]
    kin = _one("Rahim Wardak was governor of Laghman. His brother Abdul Razaq was killed in 2002.", "family")
    assert (kin.subject_name, kin.object_text) == ("Rahim Wardak", "Abdul Razaq")


def test_then_marks_a_past_office_not_a_current_one() -> None:
    c = _one("Rahim Wardak, then governor of Laghman, met the elders.", "position_held")
    assert (c.object_text, c.place, c.time) == ("governor", "Laghman", None)


def test_a_reduced_relative_clause_is_no_statement_of_its_own() -> None:
    claims = _claims("In 2004 Tahir Qaderi was appointed governor of Laghman, a post he held until 2013.")
    assert [(c.predicate, c.object_text, c.edtf, c.place) for c in claims] == [
        ("position_held", "governor", "2004/2013", "Laghman")]


@pytest.mark.parametrize("text, predicate, edtf", [
    ("Mir Zaland was born in Kalat in 1958, and he spent most of 1984 in Quetta.", "born", "1958"),
    ("Mir Zaland joined the National Party in 2003, and two years later he was elected to the Senate.",
     "member_of", "2003"),
    ("Mir Zaland joined the National Party in 2003, and two years later he was elected to the Senate.",
     "position_held", "2005"),
])
def test_a_clause_with_its_own_subject_keeps_its_own_time(text: str, predicate: str, edtf: str) -> None:
    assert _one(text, predicate).edtf == edtf


def test_a_clause_joined_by_and_keeps_its_own_time() -> None:
    claims = {c.predicate: c for c in _claims("Tahir Qaderi was born in 1957, and he was governor of Laghman until 2012.")}
    assert claims["born"].edtf == "1957"
    assert (claims["position_held"].edtf, claims["position_held"].place) == ("../2012", "Laghman")


def test_fresh_event_and_current_state_get_the_publication_month() -> None:
    text = ("A provincial council member has defected to the Taliban. Mirwais Sabir is "
            "the spokesman for the council.")
    got = {c.predicate: c.edtf for c in _claims(text)}
    assert got["defected_to"] == "2015-06"
    assert got["position_held"] == "2015-06"


def test_past_events_without_a_date_stay_open() -> None:
    c = _one("Mirwais Sabir was later made district governor.", "position_held")
    assert c.time is None


def test_relative_times_resolve_against_publication_date() -> None:
    c = _one("Dawood Rasuli was arrested yesterday in Kandahar.", "detained")
    assert c.edtf == "2015-06-09"


def test_a_biography_of_he_sentences_is_one_subject_and_him_skips_the_giver() -> None:
    text = ("Noor Agha Sahak was born in 1960. He studied at Kabul Polytechnic University. "
            "In 1999 President Habibi awarded him with the Order of Ghazi Amanullah Khan.")
    claims = _claims(text)
    assert {c.subject_name for c in claims} == {"Noor Agha Sahak"}
    award = next(c for c in claims if c.predicate == "awarded")
    assert award.object_text.startswith("Order of Ghazi")


def test_reported_speaker_owns_the_next_he() -> None:
    text = ('"We will not negotiate," Commander Shir Agha Nazim told reporters in Kunduz. '
            "He added that Rauf Wardak had fled to Tajikistan.")
    claims = _claims(text)
    fled = next(c for c in claims if c.predicate == "located_in")
    assert fled.subject_name == "Rauf Wardak"
    assert fled.attributed_to == "Shir Agha Nazim"


def test_conditional_and_question_sentences_make_no_claims() -> None:
    assert _claims("If Arif Qaderi had joined the Taliban, the district would have fallen.") == []
    assert _claims("Did Arif Qaderi join the Taliban in 2010?") == []


def test_extraction_is_deterministic() -> None:
    text = "Basir Hakimi was born in 1955 in Kandahar. He joined the Taliban in 1995."
    a, b = _claims(text), _claims(text)
    assert [(c.predicate, c.object_text, c.edtf, c.quote_start) for c in a] == \
           [(c.predicate, c.object_text, c.edtf, c.quote_start) for c in b]


def test_rule_extractor_is_an_extractor() -> None:
    ex = RuleExtractor()
    assert isinstance(ex, Extractor) and ex.name and ex.version
    assert ex.extract("Basir Hakimi was born in 1955.", published=None).claims[0].predicate == "born"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from([
    "He", "he", "was", "born", "in", "1956", "Kabul", "Sar-e", "Pol", "\u00a0", "joined", "the",
    "Taliban", ",", ".", "Mr", "Hai", "(now deceased)", "said", "\u201c", "\u201d", "until",
    "2001", "and", "Qazi", "Abdul", "served", "as", "governor", "?", "\n\n", "never", "his",
])


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, max_size=60))
def test_any_text_extracts_without_error_and_offsets_index_the_text(words: list[str]) -> None:
    text = " ".join(words)
    ex = extract_document(text, published=PUBLISHED)
    for m in ex.mentions:
        assert text[m.start:m.end] == m.surface
    for c in ex.claims:
        assert text[c.quote_start:c.quote_end] == c.quote
        assert c.predicate in {"born", "died", "educated_at", "member_of", "defected_to",
                               "position_held", "rank", "located_in", "traveled_to", "detained",
                               "released", "awarded", "family", "said", "statement"}
