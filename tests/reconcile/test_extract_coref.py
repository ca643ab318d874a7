"""Coreference: short forms and pronouns within a document and down a comment thread."""
from __future__ import annotations

from datetime import datetime

from reconcile.extract import ThreadContext, extract_document


def _chains(text: str, context: ThreadContext | None = None) -> dict[str, str | None]:
    ex = extract_document(text, published=datetime(2014, 1, 5), context=context, doc_key="d")
    return {m.surface: m.chain for m in ex.mentions if m.type == "PERSON"}


def test_short_forms_and_joined_names_share_the_full_names_chain() -> None:
    text = ("Mawlawi Abdul Hakim Sharifi spoke on Monday. Mr Hakim said little. "
            "Mawlawi Sharifi left early, and Abdulhakim Sharifi was not seen again.")
    chains = _chains(text)
    full = chains["Mawlawi Abdul Hakim Sharifi"]
    assert chains["Mr Hakim"] == full
    assert chains["Mawlawi Sharifi"] == full
    assert chains["Abdulhakim Sharifi"] == full


def test_people_sharing_a_surname_or_given_name_stay_apart() -> None:
    text = "Zabit Amanullah Rustami met Sayed Amanullah Qarluq. Later Hamid Rustami arrived."
    chains = _chains(text)
    assert len({chains["Zabit Amanullah Rustami"], chains["Sayed Amanullah Qarluq"],
                chains["Hamid Rustami"]}) == 3


def test_a_reply_links_its_names_and_pronouns_to_the_post() -> None:
    post = extract_document("Engineer Daud Shah Saba was named minister of mines in 2013.",
                            published=datetime(2014, 1, 5), doc_key="post")
    ctx = ThreadContext().child(post)
    reply = extract_document("Daudshah Saba never lived in Kabul; he ran a business in Herat.",
                             published=datetime(2014, 1, 6), kind="comment", context=ctx,
                             doc_key="c1")
    person = next(m for m in post.mentions if m.type == "PERSON")
    linked = [m for m in reply.mentions if m.type == "PERSON"]
    assert {m.surface for m in linked} == {"Daudshah Saba", "he"}  # the joined spelling is a name too
    assert all(m.chain == person.chain for m in linked)


def test_a_bare_he_in_a_reply_means_the_thread_s_main_subject() -> None:
    post = extract_document("Haji Lal Jan Ishaqzai was arrested in 2011. He was freed in 2012.",
                            published=datetime(2014, 1, 5), doc_key="post")
    reply = extract_document("He was arrested again in 2013.", published=datetime(2014, 1, 6),
                             kind="comment", context=ThreadContext().child(post), doc_key="c1")
    claim = reply.claims[0]
    assert claim.subject_name == "Lal Jan Ishaqzai" and claim.edtf == "2013"


def test_a_lede_s_pronoun_points_forward_to_the_first_name() -> None:
    ex = extract_document("A former police chief says he has joined the Taliban. "
                          "Asadullah Kharoti served in Ghazni for a decade.",
                          published=datetime(2014, 1, 5))
    joined = next(c for c in ex.claims if c.predicate == "member_of")
    assert joined.subject_name == "Asadullah Kharoti"


def _subjects(text: str, predicate: str) -> list[str | None]:
    return [c.subject_name for c in extract_document(text, published=datetime(2015, 6, 1)).claims
            if c.predicate == predicate]


def test_his_brother_does_not_take_the_passage_from_him() -> None:
    text = ("Jalal Zaland was born in 1958. His younger brother, Akbar Zaland, was killed in 1989. "
            "In 2015 he travelled to Kabul.")
    assert _subjects(text, "traveled_to") == ["Jalal Zaland"]


def test_a_pronoun_agrees_with_what_was_said_of_the_person_before() -> None:
    text = ("Dr. Nazifa Zaland runs a clinic. She was elected in 2010 to the council. "
            "After his dismissal Karim Wardak moved to Dubai. He visited Herat in 2011.")
    assert _subjects(text, "traveled_to") == ["Karim Wardak"]
    text = "Mr Karim Wardak met Mrs Nazifa Zaland in 2009. She returned to Herat in 2011."
    assert _subjects(text, "located_in") == ["Nazifa Zaland"]
