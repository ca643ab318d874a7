"""People and places an analyst would strike out: programs, products, services, companies,
headings, machine output, and lines in another language. One row per shape; the names are made up."""
from __future__ import annotations

from datetime import date

import pytest

from reconcile.nlp.extractor import ParsedExtractor

PUBLISHED = date(2020, 5, 4)


def mentions(text: str):
    return ParsedExtractor().extract(text, published=PUBLISHED).mentions


def typed(text: str, surface: str) -> set[str]:
    return {m.type for m in mentions(text) if surface in m.surface and not m.is_pronoun}


# (text, a word that names no person and no place there)
NOT_PEOPLE_OR_PLACES = [
    # a release or a model number after the name, anywhere in the text
    ("Our build farm moved to Quillbit 4.2 in spring. Since then Quillbit rarely crashes.", "Quillbit"),
    ("I picked up two Zentor 5540 handsets cheaply. Zentor no longer sells them.", "Zentor"),
    ("They do not ship your goods in Marlow-branded boxes. Marlow only hosts the shop.", "Marlow"),
    # a product's noun modified by the name
    ("The Brakka installer failed twice. After a reboot Brakka worked.", "Brakka"),
    # a program's part owned by the name
    ("Fennix's codebase uses bytes everywhere, so porting took years. Fennix is fast now.", "Fennix"),
    # the object of a program's verb, or its "version of"
    ("Yesterday I installed Trellow on my old laptop. Trellow kept asking for updates.", "Trellow"),
    ("Which version of Dorvale are you running? Dorvale changed a lot last year.", "Dorvale"),
    ("Everyone should upgrade to Ombrix soon, said the admin. Ombrix fixes the leak.", "Ombrix"),
    # coordinated with something written like code
    ("I run a phone server with FreeWidget and Kalmor on a small board.", "Kalmor"),
    ("Do you know the shiny things like Zephyr, Quorra and Bolt3?", "Quorra"),
    ("Subscribe to our letter and follow us on Plumtree, Quillr and Snapwing for news.", "Snapwing"),
    ("The library JSON for Modern C++ parses slower than ours.", "Modern C++"),
    # written like code: a capital inside the word, an address, an identifier
    ("PyWobble packs a whole application into one file.", "PyWobble"),
    ("Our front end moved from Sparrow.js to plain scripts.", "Sparrow.js"),
    ("While rebooting, your Quartz OS looks for new drivers online.", "Quartz OS"),
    ("Put the ring tones in a folder called Deep_Valley on the server.", "Deep_Valley"),
    # an instruction opening a line
    ("This page tests the gallery.\n\nInstall Morrow to test.", "Morrow"),
    # a company's noun modified by the name, or the first word of a company's full name
    ("These Velaro hotels look wonderful. I would love to stay at Velaro one day.", "Velaro"),
    # an acronym, a numbered heading, a common noun after a determiner, an adjective
    ("HTML was designed for documents, not for applications.", "HTML"),
    ("Comment Level 04\n\nThis reply is nested four levels deep.", "Comment Level"),
    ("Shadow Box\n\nThis box draws a shadow around the text it holds.", "Shadow Box"),
    ("The Pigeon Embeds feature shows each post inline.", "Pigeon Embeds"),
    ("Write down the Relay Port (probably 6000). Every port must stay open.", "Relay Port"),
    ("Open this static Page to check what the front of the site shows.", "Page"),
    ("Glad to hear you got it working in the end!", "Glad"),
    # capitals the gazetteer does not know, with no place preposition
    ("The phone rejects the UDP packets that the provider sends back.", "UDP"),
    # machine output: a log line with clock times, a protocol's header line
    ("[12/03 10:41:22.105] Read request for file. Mode octet\n[12/03 10:41:22.210] Sent block 3",
     "Mode"),
    ("Via: SIP/2.0/UDP 10.0.0.8:5060\nMax-Forwards: 70\nUser-Agent: Phone/9.4", "Max-Forwards"),
    # made for a program, built on one, running on one, shipped as one, its bugs
    ("You can block the trackers with add-ons for Vellum and Quarrel.", "Quarrel"),
    ("Wanting to rework our build system (which is built on Hollis), I wrote another one.", "Hollis"),
    ("Our nightly jobs run on Dermot and nobody remembers why.", "Dermot"),
    ("The phone is compatible with Brisket out of the box.", "Brisket"),
    ("We fixed forty bugs in Moorhen this week alone.", "Moorhen"),
    ("It turned out that Quillbit 3.7 on Zarnow was lagging far behind.", "Zarnow"),
    # one item of a comma list whose other item is written like code
    ("The survey ranks VueKit, Pellam, and Rostow as the skills most wanted.", "Pellam"),
    # a word of a web service, or a program's noun opening it, inside the name
    ("[...] Marlow Online Search switched off in the next release [...]", "Marlow Online Search"),
    ("The Acorn Store will be removed from the menu next month.", "Acorn Store"),
    ("Theme Reviewer\n\nThe second column ends with a quote.", "Theme Reviewer"),
    # a word grading the adjective after it
    ("I made it last night. Super easy to make and it tastes great.", "Super"),
    # a numbered heading teaches no person's name for the rest of the text
    ("Comment Depth 08 is nested very deep, yet many sites go further.", "Comment"),
    # a line in another language inside an English page; placeholder Latin
    ("The next paragraph is the German original.\n"
     "Die Kinder aus dieser Stadt sprechen mit Herrn Becker jeden Morgen über ihre Schule und "
     "über das Wetter, weil sie es so gerne tun.", "Becker"),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Vivamus lacinia odio vitae "
     "vestibulum vestibulum. Cras venenatis euismod malesuada.", "Vivamus"),
]


@pytest.mark.parametrize(("text", "word"), NOT_PEOPLE_OR_PLACES, ids=[r[1] for r in NOT_PEOPLE_OR_PLACES])
def test_no_person_or_place(text: str, word: str) -> None:
    assert not typed(text, word) & {"PERSON", "PLACE"}


# (text, name, type it keeps): the same shapes must leave real people and places alone
KEPT = [
    ("Hamid Karzai met the envoy in Kabul in 2004 and again in 2009.", "Hamid Karzai", "PERSON"),
    ("Hamid Karzai met the envoy in Kabul in 2004 and again in 2009.", "Kabul", "PLACE"),
    ("The Kabul hotels were full. Kabul was quiet that night.", "Kabul", "PLACE"),
    ("The release of Mullah Baradar was announced in Islamabad.", "Baradar", "PERSON"),
    ("Das ist gut. Abdul Rahim Wardak later moved to Herat with his family.", "Abdul Rahim Wardak", "PERSON"),
    ("The FATA elders met in Peshawar to discuss the jirga.", "Peshawar", "PLACE"),
    # a program's verbs take places too; "driver" is also a motive
    ("British troops were deployed to Helmand in 2006.", "Helmand", "PLACE"),
    ("His family migrated to Pakistan in 1980 and never came back.", "Pakistan", "PLACE"),
    ("The real driver for Ann Tolliver was fear of failure.", "Ann Tolliver", "PERSON"),
    # a list of names, one a line, keeps each name whole; a name with a capital inside a word
    ("The best singers:\n1. Alma Dunmore\n2. Petra Quill\n3. Jonas Heck\n4. Mara Lind\n", "Jonas Heck", "PERSON"),
    ("We talked with Dale VanMeter about the new desktop.", "Dale VanMeter", "PERSON"),
    # a byline's dash and date are not part of the name
    ("Who Will Replace Senator Okafor - June 2, 2021", "Senator Okafor", "PERSON"),
]


@pytest.mark.parametrize(("text", "name", "kind"), KEPT, ids=[f"{r[1]}-{r[2]}" for r in KEPT])
def test_real_names_keep_their_type(text: str, name: str, kind: str) -> None:
    assert kind in typed(text, name)


# (text, a name that is no person there: a place or a building, whatever the tagger guessed)
NOT_PEOPLE = [
    # a name the text once calls an island is that island in every sentence
    ("The resort sits on Bao Thanh island, far from the mainland. Guests reach Bao Thanh by boat, "
     "and Bao Thanh has no cars.", "Bao Thanh"),
    # a spa or a hotel acts in its sentences as a person would
    ("Wellness\nAn Lam Spa offers massages all day long.", "Lam Spa"),
]


@pytest.mark.parametrize(("text", "name"), NOT_PEOPLE, ids=[r[1] for r in NOT_PEOPLE])
def test_no_person(text: str, name: str) -> None:
    assert "PERSON" not in typed(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Most of the island lies within the Hoang Minh Biosphere Reserve, one of the largest.", "Hoang Minh Biosphere Reserve"),
    ("We hiked through the Bao Lam Valley last year.", "Bao Lam Valley"),
])
def test_a_person_the_tagger_sees_in_a_place_name_is_that_place(text: str, name: str) -> None:
    """When the tagger calls "... Reserve" a person, its last word makes it a place, and its
    words are not learnt as a person's for the rest of the text."""
    from spacy.tokens import Span

    from reconcile.nlp import model
    from reconcile.nlp.mentions import _learn_people, _retype

    doc = model.load()(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    span = Span(doc, start, start + len(name.split()), label="PERSON")
    known: dict[str, str] = {}
    _learn_people([span], known)
    assert _retype(span, "PERSON", known) == "PLACE"


def test_a_thread_titled_with_a_model_number_makes_that_name_a_maker_in_its_replies() -> None:
    from reconcile.extract.types import ThreadContext

    text = "Updated to the latest firmware from Zentor and tried every setting found here."
    ctx = ThreadContext(titles=["Zentor 5540, Quillbit and SIP"])
    got = ParsedExtractor().extract(text, published=PUBLISHED, kind="comment", context=ctx).mentions
    assert not [m for m in got if "Zentor" in m.surface and m.type in ("PERSON", "PLACE")]


def test_a_name_made_from_a_place_stays_apart_from_the_place() -> None:
    """A nisba ("Sangcharaki", "of Sangcharak") shares the place's consonants; the place stays a place."""
    from reconcile.extract.types import ThreadContext

    ex = ParsedExtractor()
    post = ex.extract("Dr. Abdul Latif Sangcharaki spoke in Kabul.", published=date(2018, 5, 1))
    reply = ex.extract("Sangcharaki was born in Sangcharak in 1960.", published=date(2018, 5, 1),
                       context=ThreadContext().child(post))
    kinds = {m.surface: m.type for m in reply.mentions}
    assert kinds.get("Sangcharaki") == "PERSON" and kinds.get("Sangcharak") == "PLACE", kinds


def test_an_abstract_noun_set_as_a_title_is_no_person() -> None:
    text = "Employment Tampering was probably the most potent tactic. He was never criminally indicted."
    kinds = {m.surface: m.type for m in ParsedExtractor().extract(text, published=date(2018, 4, 1)).mentions}
    assert kinds.get("Employment Tampering") != "PERSON" and kinds.get("Employment") != "PERSON", kinds
