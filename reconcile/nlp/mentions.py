"""Mentions from a parsed document: named entities, titles split off, pronouns and role nouns.

The statistical tagger's entities (with the domain component's groups and places) are the
names; this module maps their labels to claimline's types, joins a title written before a
person's name to the mention, corrects a type the context makes certain (a name that ends in
"Front" is a group, a name known higher up the thread keeps its type), adds people the tagger
missed where the parse says they act (a proper-noun subject of a verb), and marks pronouns and
role nouns ("district governor") that claims need as subjects and objects.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from reconcile.extract import lexicon as lx
from reconcile.extract.types import MentionOut
from reconcile.names import TITLES, name_key, split_title
from reconcile.names.similarity import consonant_skeleton
from reconcile.names.titles import RETIRED

from .groups import canonical_group

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABELS: dict[str, str] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE",
                          "FAC": "PLACE"}
"""spaCy entity label -> mention type; other labels (dates, numbers, nationalities) are no names."""

_OTHER_NAME_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
"""Labels a small tagger gives unfamiliar people's names."""

TITLE_WORDS: frozenset[str] = frozenset(
    w.lower().rstrip(".") for t in TITLES for w in t.split() if w[:1].isupper())

ROLE_PHRASES: frozenset[str] = frozenset(lx.ROLES)
ROLE_HEADS: frozenset[str] = frozenset(r.split()[-1] for r in lx.ROLES)
_MAX_ROLE_WORDS = max(len(r.split()) for r in lx.ROLES)

PERSON_PRONOUNS: frozenset[str] = frozenset(lx.PRONOUNS)

NOT_ORGS: frozenset[str] = frozenset({
    "UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "CEST", "IST", "PKT", "AFT", "BST",
    "USD", "EUR", "GBP", "PKR", "AFN", "INR", "JPY", "CNY",
})
"""Capitalised codes the tagger takes for organisations: time zones and currencies."""

REGION_COUNTRIES: frozenset[str] = frozenset({"AF", "PK", "IR", "IN", "TJ", "UZ", "TM"})

_NOT_NAMES = lx.NOT_NAMES | {"he", "she", "him", "her", "his", "they", "it", "we", "i"}


def _title_start(doc: Doc, start: int) -> int:
    """Extend a person's span left over capitalised titles ("Senator", "Gen.", "Haji")."""
    i = start
    while i > 0:
        t = doc[i - 1]
        if t.text[:1].isupper() and t.text.lower().rstrip(".") in TITLE_WORDS:
            i -= 1
        elif t.text == "." and i > 1 and doc[i - 2].lower_ in TITLE_WORDS and len(doc[i - 2]) <= 4 \
                and doc[i - 2].whitespace_ == "" and doc[i - 2].sent.start == doc[start].sent.start:
            i -= 2
        elif t.text == ")" and i > 3 and RETIRED.fullmatch(doc[i - 3:i].text.replace(" ", "")) \
                and doc[i - 4].text.lower().rstrip(".") in TITLE_WORDS:
            i -= 3  # "Lt. Gen. (retd) X"
        else:
            break
    return i


_PLACE_LEFT_NOUNS = frozenset(c.split()[0] for c in lx.PLACE_LEFT_CUES)


def _place_by_context(span: Span) -> bool:
    """"the village of Deh Surkh", "Kohistanat district": the words around make it a place."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _PLACE_LEFT_NOUNS:
        return True
    return span.end < len(doc) and (doc[span.end].lower_ in lx.GENERIC_PLACE_WORDS
                                    or doc[span.end].lower_ in _LAND_WORDS and doc[span.end].pos_ == "NOUN")


_LAND_WORDS = frozenset({"island", "islands", "peninsula", "valley", "river", "bay", "coast", "archipelago"})
"""Lower-case nouns after a name that make it a feature of the land ("Foo Bar island")."""


_KIN_NOUNS: frozenset[str] = frozenset(lx.KIN_NOUNS)
_PERSON_LEFT = frozenset(c.split()[0] for c in lx.PERSON_LEFT_CUES if c.endswith(" of"))


def _listed_with_place(span: Span) -> bool:
    """"governor of Kunar, not Nuristan", "Kunar and Nuristan": a known place's name listed with a
    place is a place too, whatever the tagger guessed."""
    from reconcile.gazetteer import lookup

    root = span.root
    if len(span) != 1 or root.dep_ not in ("appos", "conj") or root.head.ent_type_ not in ("GPE", "LOC"):
        return False
    return any(_same_word(p.name, root.lower_) for p in lookup(root.text, fuzzy=False))


def _person_by_context(span: Span) -> bool:
    """"son of Murtaza": the words before make it a person."""
    doc = span.doc
    if span.root.dep_ in ("attr", "oprd") and span.root.head.lemma_ in _NAMING_VERBS and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _KIN_NOUNS for c in span.root.head.children):
        return True  # "his father was called Murtaza": what a kinsman is called is a person's name
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
        doc[span.start - 2].lower_ in _PERSON_LEFT or doc[span.start - 2].lemma_.lower() in _KIN_NOUNS)


_NAMING_VERBS = frozenset({"be", "call", "name"})


SPELLING = "~"
"""Prefix of the `known` keys that hold a name's spelling key ("Qaisary" and "Qaisari" -> "~kisari")."""

_MIN_SPELLING_KEY = 4


SKELETON = "^"
"""Prefix of the `known` keys that hold one word's consonant skeleton ("Sardar", "Sarder" -> "^srtr")."""

_MIN_SKELETON = 4


def remember(known: dict[str, str], name: str, kind: str) -> None:
    """Record that `name` (a full name or one word of a person's name) is of type `kind`, as
    written, by its spelling key and (one word) by its consonants, unless something else already
    claimed any of them."""
    known.setdefault(name.lower(), kind)
    key = name_key(name, "PERSON") if kind == "PERSON" else ""
    if len(key) >= _MIN_SPELLING_KEY:
        known.setdefault(SPELLING + key, kind)
        bones = consonant_skeleton(key) if " " not in key else ""
        if len(bones.rstrip("-")) >= _MIN_SKELETON:
            known.setdefault(SKELETON + bones, kind)


_PLACE_ENDS: frozenset[str] = frozenset(lx.GENERIC_PLACE_WORDS | lx.PLACE_HEADS)


def _known_spelling(name: str, known: dict[str, str]) -> str | None:
    """The type the text or thread gave a name spelt otherwise: by its spelling key, or for one
    word that differs in a vowel the key keeps ("Sarder" for "Sardar"), by its consonants."""
    key = name_key(name, "PERSON")
    if len(key) < _MIN_SPELLING_KEY:
        return None
    found = known.get(SPELLING + key)
    if found is None and " " not in key:
        bones = consonant_skeleton(key)
        found = known.get(SKELETON + bones) if len(bones.rstrip("-")) >= _MIN_SKELETON else None
    return found


def _known_kind(span: Span, known: dict[str, str]) -> str | None:
    """The type this text or its thread already gave the same name, or the same name spelt
    another way: a reader who writes "Qaisary" under a post on "Qaisari" means the man, though
    the tagger, not knowing the spelling, reads a place."""
    text = span.text.lower()
    if text in known:
        return known[text]
    if _known_spelling(span.text, known) != "PERSON":
        return None
    from reconcile.gazetteer import lookup

    if span.label_ in ("GPE", "LOC", "FAC") and any(_same_word(p.name, text) for p in lookup(span.text, fuzzy=False)):
        return None  # spelt as a place the gazetteer knows: the tagger's place stands
    return "PERSON"


def _retype(span: Span, label: str, known: dict[str, str]) -> str | None:
    words = [t.text.lower() for t in span]
    text = span.text.lower()
    kind_known = _known_kind(span, known)
    if kind_known == "PERSON" and (_place_by_context(span) or (len(words) > 1 and words[-1] in _PLACE_ENDS)):
        return "PLACE"  # "Qahar Andar ... the Andar district headquarters": the words around decide
    if kind_known is not None:
        return kind_known
    if not any(c.isalpha() for c in text) or words == [w for w in words if w in _NOT_NAMES]:
        return None
    if not _latin(span.text):
        return None  # an English tagger's guess on another script is no name
    if not any(t.text[:1].isupper() for t in span if any(c.isalpha() for c in t.text)):
        return None  # the tagger's lower-case "names" are common nouns
    if LABELS.get(label) == "PERSON" and any(ch.isdigit() for ch in span.text):
        return None  # "Python 3.0", "Windows 7": versions are products, not people
    if span.text.upper() in NOT_ORGS:
        return None  # "16:15 UTC", "USD 300": time zones and currencies
    if all(w.endswith(".") and w.rstrip(".") in TITLE_WORDS for w in words):
        return None  # "Brig. Gen.": titles cut short are no one's name
    kind = LABELS.get(label)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if label in ("ORG", "FAC") and before is not None and before.text[:1].isupper() \
            and before.lower_.rstrip(".") in TITLE_WORDS and before.pos_ == "PROPN" \
            and words[-1] not in lx.ORG_HEADS and not _place_by_context(span):
        return "PERSON"  # "Supt. Naveed Akhtar Gandapur": the tagger left the title out and guessed
    if kind is None and label in _OTHER_NAME_LABELS and _place_by_context(span):
        return "PLACE"  # "Munda tehsil" tagged a product: the word after it names a place
    if kind is None and label in _OTHER_NAME_LABELS and len(span) > 1 and all(t.pos_ == "PROPN" for t in span):
        first = next((w.rstrip(".") for w in words if w.rstrip(".") not in TITLE_WORDS), "")
        if words[0].rstrip(".") in TITLE_WORDS or lx.looks_given(first):
            return "PERSON"  # "Mir Akbar Rind" tagged a product: a title or a given name opens it
    if label in ("FAC", "ORG") and len(span) > 1 and all(t.pos_ == "PROPN" for t in span) \
            and any(lx.looks_given(w) for w in words[:-1]) and words[-1] not in lx.ORG_HEADS \
            and words[-1] not in _PLACE_ENDS and canonical_group(span.text) is None \
            and not _place_by_context(span):
        return "PERSON"  # "Qazi Amanullah Hotak" tagged a building: a given name before the last word
    if label == "NORP" and len(span) == 1 and span[0].dep_ in ("amod", "compound") \
            and _demonym_place(span.text):
        return "PLACE"  # "the US automaker", "American officials": the country named as a modifier
    if kind in ("ORG", "PLACE") and span.root.dep_ == "poss" and span.root.head.lemma_.lower() in _KIN_NOUNS:
        return "PERSON"  # "Toryalai Popal's cousin": only people have cousins
    if kind in ("PERSON", "ORG") and (_place_by_preposition(span) or _dateline_place(span)
                                      or _place_by_event_verb(span) or _listed_with_place(span)):
        return "PLACE"
    if kind is not None and words[-1] in lx.ORG_HEADS and len(words) > 1 and words[-1] not in lx.GENERIC_PLACE_WORDS:
        return "ORG"
    if kind in ("ORG", "PLACE") and len(words) > 1 and words[0].rstrip(".") in TITLE_WORDS \
            and span[0].text[:1].isupper() and words[0] not in lx.ORG_LEADS:
        return "PERSON"  # "Qari Jamshed Wazir": a title opens a person's name
    named = [w for w in words if w not in TITLE_WORDS]
    if kind in ("PLACE", "ORG") and named and known.get(named[0]) == "PERSON" and \
            2 * sum(known.get(w) == "PERSON" for w in named) >= len(named) and not _place_by_context(span) \
            and words[-1] not in _PLACE_ENDS:  # "Zazai Maidan" after "Juma Gul Zazai" is the district
        return "PERSON"  # its words are words of a person's name in this text or thread
    if kind is not None and words[-1] in lx.ORG_HEADS and len(words) > 1 and words[-1] not in lx.GENERIC_PLACE_WORDS:
        return "ORG"
    if kind is not None and kind != "PLACE" and _place_by_context(span):
        return "PLACE"
    if kind in ("PLACE", "ORG") and _person_by_context(span):
        return "PERSON"
    if kind == "PERSON" and words[-1] in lx.ORG_HEADS and len(words) > 1:
        return "ORG"
    if kind == "PERSON" and len(words) > 1 and any(w in lx.LODGING_WORDS for w in words):
        return "PLACE"  # "Hotel Foo", "Foo Hotel Bar": a building named after a person or a town
    if kind == "PERSON" and words[-1] in _PLACE_ENDS and len(words) > 1:
        return "PLACE"  # "Ahmad Shah Baba Airport": named after a man, but a place
    return kind



_VERSION = re.compile(r"^v?\d+(?:\.\d+)+[a-z]?$")
"""A release number: "3.5", "5.2.1", "v2.0"."""
_MACHINE = re.compile(
    r"\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b"          # a clock time to the second: a log's
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b"                  # an IPv4 address
    r"|\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b"              # a MAC address
    r"|(?:^|\s)[\w.-]+=[\w\"'./-]+"                    # key=value
    r"|^\s*[A-Z][A-Za-z]*-[A-Z][A-Za-z-]*:\s"         # a protocol's header line ("Max-Forwards: 70")
    r"|[{};]\s*$|^\s*[$#>] \w|^\s*(?://|/\*)|</?[a-z][a-z0-9]*(?:\s[^<>]*)?>",  # code, markup
    re.IGNORECASE)
_COMPANY_LABELS = frozenset({"ORG"})
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "LANGUAGE", "LAW", "EVENT"})
_TECH_PREPS = frozenset({"to", "on", "into", "onto", "in", "with", "from"})
_IMPERATIVE_PRODUCT_VERBS = frozenset({"install", "download", "uninstall", "reinstall", "upgrade",
                                       "configure", "compile", "deploy", "reboot", "click", "tap"})
_COMMON_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those", "every", "each", "any",
                          "some", "another", "no"})


def _not_prose(text: str) -> list[tuple[int, int]]:
    """Character spans of lines that are no English prose, where a capitalised word names
    nobody: a line in another language or in placeholder Latin, or machine output (a log line
    with clock times to the second, addresses, key=value pairs, code)."""
    from reconcile.language import foreign_paragraphs

    out = foreign_paragraphs(text)
    pos = 0
    for line in text.split("\n"):
        if _MACHINE.search(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return sorted(out)


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    import bisect

    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= start < spans[k][1]


def _code_like(word: str) -> bool:
    """"PyOxidizer", "WordPress.com", "JavaScript": a capital inside a word after two lower-case
    letters, or a web address, is how programs, products and services are written, not people
    or places ("McChrystal", "DeLong", "al-Qaida" keep their shape)."""
    if re.search(r"\.(?:com|org|net|io|co|de|uk|info|gov|edu|js|py|php|xml|json|html?|css|exe|sh|rb)\b",
                 word, re.IGNORECASE) or "://" in word \
            or re.search(r"[A-Za-z]_[A-Za-z]|^[A-Z][A-Za-z]+\d+$|\w(?:\+\+|#)", word):
        return True  # a web address or a file, an identifier ("United_Kingdom", "CHAN_SIP", "Angular2", "C++")
    return re.search(r"^[A-Z][a-z]+[A-Z]|[a-z]{2}[A-Z]", word) is not None \
        and not re.match(r"(?:Mc|Mac|O'|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z]", word)


def _model_number(tok: Token) -> bool:
    """"3.5", "v2.0", "7941", "7961G": a release or model number, not a count or a year."""
    t = tok.text
    if _VERSION.match(t):
        return True
    if t.isdigit():
        return len(t) >= 3 and not (len(t) == 4 and t[:2] in ("18", "19", "20"))
    return t.isalnum() and any(ch.isdigit() for ch in t) and any(ch.isalpha() for ch in t) and t[:1].isdigit()


def product_words(doc: Doc) -> set[str]:
    """Capitalised words this text uses as a program, a product or a web service, anywhere in
    it: followed by a release or model number ("Python 3.5", "Acme 7941"), modifying a product
    noun ("the Asterisk config", "Ubuntu users", "the WP theme design"), owning a program's part
    ("Mercurial's codebase"), after "version of", the object of a program's verb ("installed
    Asterisk", "upgrade to Debian"), written like code ("PyOxidizer"), or coordinated with one
    of those ("FreePBX and Asterisk")."""
    out: set[str] = set()
    for tok in doc:
        if not tok.text[:1].isupper() or not tok.is_alpha and not _code_like(tok.text):
            continue
        word = tok.lower_
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        prev = doc[tok.i - 1] if tok.i else None
        if _code_like(tok.text):
            out.add(word)
        elif prev is not None and prev.lower_ in _IMPERATIVE_PRODUCT_VERBS and prev.text[:1].isupper() \
                and (prev.i == 0 or prev.is_sent_start or "\n" in doc[prev.i - 1].whitespace_):
            out.add(word)  # "Install Acme to test.": an instruction's object is a program
        elif nxt is not None and "\n" not in tok.whitespace_ and (_model_number(nxt) or (
                nxt.like_num and nxt.ent_iob_ == "I" and nxt.ent_type_ in ("ORG", "PRODUCT")
                and tok.ent_type_ == nxt.ent_type_ and (nxt.i + 1 == len(doc) or doc[nxt.i + 1].ent_iob_ != "I"))):
            out.add(word)
        elif nxt is not None and nxt.text == "-" and nxt.i + 1 < len(doc) \
                and doc[nxt.i + 1].lower_ in lx.BRAND_SUFFIXES:
            out.add(word)  # "Acme-branded boxes"
        elif tok.dep_ == "poss" and tok.head.lemma_.lower() in lx.PRODUCT_OWNED_NOUNS:
            out.add(word)
        elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in lx.PRODUCT_VERBS:
            out.add(word)
        elif tok.dep_ == "pobj" and tok.head.lower_ in _TECH_PREPS and tok.head.head.pos_ == "VERB" \
                and tok.head.head.lemma_.lower() in lx.PRODUCT_VERBS and not _place_named(tok):
            out.add(word)  # "upgrade to Acme"; not "deployed to Helmand", "migrated to Pakistan"
        elif tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_.lower() in lx.SERVICE_ON_VERBS:
            out.add(word)  # "follow us on Acme": a web service
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lx.PRODUCT_OF_NOUNS:
            out.add(word)
        elif tok.dep_ == "pobj" and tok.head.lower_ == "for" and _hyphened(tok.head.head) in lx.PRODUCT_FOR_NOUNS:
            out.add(word)  # "plug-ins for Acme": made for a program
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("on", "upon") and tok.head.head.pos_ == "VERB" \
                and tok.head.head.lemma_.lower() in lx.PRODUCT_ON_VERBS:
            out.add(word)  # "built on Acme", "runs on Acme"
        elif tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in lx.PRODUCT_WITH_ADJS:
            out.add(word)  # "compatible with Acme"
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on") and (
                tok.head.head.pos_ == "NOUN" and tok.head.head.lower_ in lx.PRODUCT_IN_NOUNS
                or tok.head.head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in lx.PRODUCT_IN_NOUNS
                                                      for c in tok.head.head.children)) \
                and not _place_named(tok, tagger=False):
            out.add(word)  # "the bugs in Acme", "fixed forty bugs in Acme", "a setting on Acme"
        elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in lx.PACKAGE_VERBS:
            out.add(word)  # "packaged as Acmes"
        elif any(c.dep_ in ("compound", "amod") and c.pos_ == "NOUN" and c.i < tok.i and c.lower_ in lx.PRODUCT_NOUNS
                 and c.lower_ not in lx.PEOPLE_PRODUCT_NOUNS for c in tok.children):
            out.add(word)  # "desktop Acmes", "the server Acme"
        else:
            child, head = tok, tok.head
            while child.dep_ in ("compound", "nmod") and head.i != child.i:
                if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in lx.PRODUCT_NOUNS and head.pos_ == "NOUN":
                    out.add(word)  # "the WP theme design": WP -> theme
                    break
                child, head = head, head.head
    for _ in range(2):  # "FreePBX and Asterisk", "Linux, Mercurial and Python 3"
        for tok in doc:
            if tok.dep_ == "conj" and tok.text[:1].isupper() and tok.head.text[:1].isupper() \
                    and (tok.head.lower_ in out) != (tok.lower_ in out):
                out.update((tok.lower_, tok.head.lower_))
            elif tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.text[:1].isupper() and tok.is_alpha \
                    and (tok.head.head.lower_ in out or _model_number(tok.head.head)) and not _place_named(tok):
                out.add(tok.lower_)  # "Acme 3 on Bolt", "Acme on Bolt": the platform a program runs on
        for item in _comma_list(doc):  # "ranks ReactJS, Acme, and Bolt": the parse missed the list
            if any(t.lower_ in out for t in item):
                out.update(t.lower_ for t in item if not _place_named(t))
    return out


def _place_named(tok: Token, tagger: bool = True) -> bool:
    """The word is, letter for letter, a place the gazetteer knows, or (with `tagger`) the tagger
    calls it a country, city or state: a verb that takes a program also takes a place ("deployed
    to Helmand"); a program's own noun ("the bugs in Acme") trusts only the gazetteer."""
    from reconcile.gazetteer import lookup

    return (tagger and tok.ent_type_ == "GPE") or any(_same_word(p.name, tok.text) for p in lookup(tok.text, fuzzy=False))


def _comma_list(doc: Doc) -> list[list[Token]]:
    """Runs of one-word capitalised items parted only by commas and a last "and"/"or" ("A, B, and
    C"), at least three items, within a sentence."""
    out: list[list[Token]] = []
    i = 0
    while i < len(doc):
        items: list[Token] = []
        j = i
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            items.append(doc[j])
            k = j + 1
            if k < len(doc) and doc[k].text == ",":
                k += 1
            if k < len(doc) and doc[k].lower_ in ("and", "or") and doc[k - 1].text == ",":
                k += 1
            elif k < len(doc) and doc[k].lower_ in ("and", "or") and k == j + 1:
                k += 1
            if k == j + 1 or k >= len(doc) or doc[k].sent.start != doc[j].sent.start:
                break
            j = k
        if len(items) >= 3:
            out.append(items)
        i = max(j, i) + 1
    return out


def _hyphened(tok: Token) -> str:
    """A noun with the words hyphened before it ("plug-ins", "add-on"), lower case."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-" and doc[i - 1].whitespace_ == "" and doc[i - 2].whitespace_ == "":
        i -= 2
    return "".join(t.lower_ for t in doc[i:tok.i + 1])


def _after_place_preposition(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in lx.PLACE_PREPOSITIONS


def _numbered_in_thread(known: dict[str, str]) -> set[str]:
    """Names the thread higher up wrote with a model or release number as one product or
    company name ("the Acme 7941" in the post makes "Acme" in a reply that product's maker)."""
    out: set[str] = set()
    for name, kind in known.items():
        parts = name.split()
        if kind == "ORG" and len(parts) == 2 and parts[0].isalpha() and (
                _VERSION.match(parts[1]) or parts[1].isdigit() and not (
                    len(parts[1]) == 4 and parts[1][:2] in ("18", "19", "20"))):
            out.add(parts[0])  # "acme 7941", "python 2"
    return out


def _company_words(doc: Doc, ents: list[Span]) -> set[str]:
    """Names of companies: the first word of a company's name the text writes in full ("Acme
    Hotels Corporation"), a one-word name modifying a company's noun ("these Acme hotels", "the
    Acme charts"), unless the gazetteer knows it as a place ("Kabul hotels" leaves Kabul a city)."""
    from reconcile.gazetteer import lookup

    cands: set[str] = set()
    for ent in ents:
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lower_.rstrip(".") in lx.COMPANY_HEADS \
                and ent[0].text[:1].isupper() and ent[0].is_alpha:
            cands.add(ent[0].text)
    for tok in doc:
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha \
                and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in lx.COMPANY_NOUNS \
                and not (tok.i > 0 and doc[tok.i - 1].dep_ == "compound" and doc[tok.i - 1].head.i == tok.i):
            cands.add(tok.text)
    return {c.lower() for c in cands if not lookup(c, fuzzy=False)}


def _label_votes(doc: Doc) -> dict[str, Counter[str]]:
    """Per name (lower case), how often the tagger typed it each way in this text."""
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        words = [t for t in ent if t.lower_ not in ("the", "a", "an") and not t.is_space]
        if not words:
            continue
        key = " ".join(t.lower_ for t in words)
        label = LABELS.get(ent.label_) or ("THING" if ent.label_ in _THING_LABELS else None)
        if label:
            votes.setdefault(key, Counter())[label] += 1
    return votes


def _common_heading(words: list[str], lower_words: AbstractSet[str]) -> bool:
    """"Keyboard Tag", "Bind Port": two words, the last a common noun the same text writes in
    lower case, neither a given name: a heading or a setting's label, not a person's name."""
    return len(words) == 2 and words[1] in lower_words and not any(w in lx.GIVEN_NAMES or w in TITLE_WORDS
                                                                   for w in words)


_ABSTRACT_ENDINGS = ("ment", "tion", "sion", "ism", "ity")
"""Endings of English abstract nouns that no personal name in the region (or most others) has,
in words of eight letters or more ("Clement", "Trinity" are shorter)."""


def _thing(span: Span, kind: str, things: set[str], votes: dict[str, Counter[str]],
           lower_words: set[str], known: dict[str, str]) -> str | None:
    """The type of a person or place the text itself shows to be a program, a product, a
    company or a heading: "ORG" for a company or a product its maker names, None for no name,
    `kind` when nothing says otherwise."""
    words = [t for t in span if t.lower_ not in ("the", "a", "an")]
    key = " ".join(t.lower_ for t in words)
    v = votes.get(key, Counter())
    if any(t.lower_ in things for t in words if t.text[:1].isupper()) or any(_code_like(t.text) for t in words) \
            or len(words) > 1 and words[-1].lower_ in lx.PRODUCT_NOUNS \
            or len(words) > 1 and any(t.lower_ in lx.SERVICE_NAME_WORDS for t in words):  # "Acme OS", "Acme Online"
        return "ORG" if v["ORG"] and len(words) == 1 else None
    if kind == "PERSON" and len(words) == 1 and words[0].is_upper and len(words[0]) <= 5:
        return None  # "HTML", "JSON": an acronym is no one's name
    if kind == "PERSON" and all(t.is_upper for t in words) and any(
            t.is_alpha and not set(t.lower_) & set("aeiouy") for t in words):
        return None  # "MDN HTML": capitals without a vowel are an acronym, a name shouted has vowels
    after = span.doc[words[0].i + 1] if len(words) == 1 and words[0].i + 1 < len(span.doc) else None
    if after is not None and after.pos_ == "ADJ" and (
            words[0].dep_ in ("advmod", "npadvmod") and words[0].head.i == after.i
            or after.dep_ == "amod" and after.head.i == words[0].i):
        return None  # "Super easy to make": a word that grades the adjective after it
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if kind == "PERSON" and nxt is not None and nxt.like_num and nxt.text.isdigit() and nxt.whitespace_ != "\n" \
            and not (len(nxt.text) == 4 and nxt.text[:2] in ("18", "19", "20")) and "\n" not in span[-1].whitespace_:
        return None  # "Comment Depth 03", "Mode 2": a numbered heading or a model, not a person
    if kind == "PERSON" and len(words) == 1 and any(
            c.dep_ == "det" and c.lower_ in _COMMON_DETS for c in words[0].children):
        return None  # "this static Page", "the Mode": a determiner makes a common noun of it
    if kind == "PERSON" and len(words) > 1 and span.start > 0 and span.end < len(doc) \
            and doc[span.start - 1].is_quote and doc[span.end].is_quote:
        return None  # '"Employment Tampering"': a term set in quotation marks
    if kind == "PERSON" and any(len(t.text) >= 8 and t.lower_.endswith(_ABSTRACT_ENDINGS) for t in words):
        return None  # "Employment Tampering", "Radicalization": an abstract noun is no one's name
    if known.get(key) == kind or kind == "PERSON" and _known_spelling(span.text, known) == kind:
        return kind  # the text or thread named someone so, perhaps spelt otherwise ("Barakzay")
    if len(words) == 1 and (words[0].pos_ in ("VERB", "ADV", "INTJ", "AUX", "ADP", "PRON", "DET")
                            or words[0].pos_ == "ADJ" and kind == "PERSON"
                            or words[0].pos_ == "NOUN" and words[0].is_sent_start) \
            and not (span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in TITLE_WORDS):
        return None  # "Glad to hear it", "Mission accomplished": the parse reads no proper noun
    if kind == "PLACE" and len(words) == 1 and words[0].is_upper and words[0].is_alpha and len(words[0]) >= 3 \
            and not _after_place_preposition(words[0]):
        from reconcile.gazetteer import lookup

        if not any(_same_word(p.name, words[0].text) or p.country_code == words[0].text
                   for p in lookup(words[0].text, fuzzy=False)):
            return None  # "the UDP packets": capitals the gazetteer does not know, and no "in"
    if kind == "PERSON" and len(words) > 1 and words[0].lower_ in lx.PRODUCT_NOUNS and words[0].lower_ != "dev" \
            and words[0].lower_ not in lx.GIVEN_NAMES and known.get(words[0].lower_) != "PERSON":
        return None  # "Theme Reviewer", "Server Admin": a program's noun opens no one's name
    if kind == "PERSON" and len(words) > 1 and all(t.lower_ in lower_words for t in words) \
            and not any(t.lower_ in lx.GIVEN_NAMES or known.get(t.lower_) == "PERSON" for t in words):
        return None  # "Comment Depth", "Keyboard Tag": a heading of common words
    if kind == "PERSON" and _common_heading([t.lower_ for t in words], lower_words) \
            and known.get(words[0].lower_) != "PERSON":
        return None
    return kind


def _person_missed(tok: Token, taken: set[int], known: dict[str, str] | None = None) -> tuple[int, int] | None:
    """A proper-noun subject the tagger left unlabelled: "Qaisari joined ..." is a person; so is
    any capitalised word that spells a word of a person's name the text or thread has given."""
    if tok.i in taken:
        return None
    if tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and known \
            and _known_spelling(tok.text, known) == "PERSON":
        return tok.i, tok.i + 1
    if tok.pos_ != "PROPN":
        return None
    kin_of = (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _PERSON_LEFT)
    if not kin_of and (tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX")):
        return None
    parts = sorted([tok, *(c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN")],
                   key=lambda t: t.i)
    start, end = parts[0].i, tok.i + 1
    if any(i in taken for i in range(start, end)):
        return None
    words = [t.text.lower() for t in tok.doc[start:end]]
    if any(known and known.get(" ".join(words[k:])) == "PLACE" for k in range(len(words))):
        return None  # "Foo Resort Bar ... Bar island": a name ending in a place the text has named
    if any(w in lx.LODGING_WORDS for w in words) or words[-1] in lx.ORG_HEADS or words[-1] in _PLACE_ENDS:
        return None  # "An Foo Spa offers ...", "Foo Council decided": a building or a body acts too
    if any(w in _NOT_NAMES or w in lx.SENTENCE_STARTERS for w in words) \
            or not any(t.text[:1].isupper() for t in tok.doc[start:end]):
        return None  # the parse's lower-case proper nouns ("gran guinda") are no names it can vouch for
    if any(not t.is_alpha for t in tok.doc[start:end]) or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num):
        return None  # "Python 3.0", "Amazon.com": products and sites, not people
    if end - start == 1 and not kin_of and not (start > 0 and tok.doc[start - 1].lower_.rstrip(".") in TITLE_WORDS) \
            and (known or {}).get(tok.lower_) != "PERSON":
        return None  # one bare word ("Git was released") is not enough to call a person, unless
        # the text or thread has named someone so ("Mawlawi Gul Rahim Mangal ... Mangal was born")
    return start, end


ROLE_WORDS: frozenset[str] = frozenset(w for r in lx.ROLES for w in r.split())


def role_span(tok: Token) -> tuple[int, int] | None:
    """The longest role phrase from the roles table that contains the noun `tok` ("deputy
    governor", "chief of staff"), the noun taken in its singular."""
    if tok.lemma_.lower() not in ROLE_WORDS and tok.lower_ not in ROLE_WORDS:
        return None
    doc = tok.doc
    best: tuple[int, int] | None = None
    for start in range(max(0, tok.i - _MAX_ROLE_WORDS + 1), tok.i + 1):
        for end in range(tok.i + 1, min(len(doc), start + _MAX_ROLE_WORDS) + 1):
            words = [t.lower_ if t.i != tok.i else tok.lemma_.lower() for t in doc[start:end]]
            if " ".join(words) in ROLE_PHRASES or " ".join(t.lower_ for t in doc[start:end]) in ROLE_PHRASES:
                if best is None or end - start > best[1] - best[0]:
                    best = (start, end)
    return best


def role_phrase(tok: Token, span: tuple[int, int]) -> str:
    """The role's words as the table has them, the noun in its singular."""
    doc = tok.doc
    start = span[0]
    # lower-case nouns that narrow the role: "finance officer", "police spokesman"; a chain of
    # them narrows it as a whole ("product liability lawyer": product narrows liability)
    while start > 0 and doc[start - 1].head.i in range(start, span[1]) and doc[start - 1].lower_ not in _PAST_WORDS \
            and not (start > 1 and doc[start - 2].text == "-") \
            and (doc[start - 1].dep_ in ("compound", "nmod") and doc[start - 1].pos_ == "NOUN"
                 or doc[start - 1].dep_ in ("amod", "compound", "nmod") and doc[start - 1].lower_ in _OFFICE_GRADES):
        start -= 1
    words = [t.lower_ if t.i != tok.i else tok.lemma_.lower() for t in doc[start:span[1]]]
    prefix = ""
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _ROLE_PREFIXES \
            and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        prefix = doc[start - 2].lower_ + "-"  # "sub-commander", "vice-chairman", "co-founder"
    phrase = " ".join(words)
    if phrase in ROLE_PHRASES or start < span[0]:
        return prefix + phrase
    return prefix + " ".join(t.lower_ for t in doc[span[0]:span[1]])


_PAST_WORDS = frozenset({"former", "ex", "then", "late"})
_ROLE_PREFIXES = frozenset({"sub", "vice", "co", "deputy", "assistant", "acting"})
_OFFICE_GRADES = frozenset({"chief", "deputy", "acting", "assistant", "vice", "principal", "interim", "foreign",
                            "military", "political", "religious", "financial", "judicial", "cultural",
                            "interior", "regional", "provincial", "defence", "defense", "finance", "education",
                            "health", "justice", "intelligence", "economic", "legal", "senior"})
"""Words before a role that make it another office ("chief spokesman", "acting governor")."""


def _grown(doc: Doc) -> list[Span]:
    """The tagger's entities, each grown right over the proper nouns its last word modifies
    ("Qazi Abdul" + "Hai Khadem", "Kabul" + "University"); an entity swallowed so is dropped."""
    from spacy.tokens import Span

    out: list[Span] = []
    pieces: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        for t in ent:  # "Faryab, Qaisari" is two names; so is "Harris - May" (a byline and its date)
            if t.is_punct and (t.text in ",;()" or _dash(t)):
                if t.i > start:
                    pieces.append(Span(doc, start, t.i, label=ent.label_))
                start = t.i + 1
        if start < ent.end:
            pieces.append(Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent)
    for ent in pieces:
        if out and ent.start < out[-1].end:
            continue
        while len(ent) > 1 and (ent[-1].dep_ == "case" or ent[-1].is_space):
            # "Toryalai Popal's": the name without the 's; "Alice Dunmore\n": nor the line break
            # after it, which would hide the list number on the next line from `_thing`
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        end = ent.end
        while True:
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end - 1].dep_ in ("compound", "flat") \
                    and doc[end - 1].head.i >= end and doc[end].lower_ not in ROLE_WORDS \
                    and (doc[end].ent_type_ in ("", ent.label_) or (ent.label_ == "GPE" and doc[end].ent_type_ == "ORG")
                         or (ent.label_ == "PERSON" and doc[end].ent_type_ == "NORP")):
                end += 1
                continue
            # izafe and hyphens inside one name: "Harakat-e Inqilab-e Islami", "Sar-e Pol"
            k = end
            while k < len(doc) and doc[k].lower_ in _JOINERS and not _dash(doc[k]):
                k += 1
            if (k > end or doc[end - 1].lower_ in _JOINERS) and k < len(doc) \
                    and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
                end = k + 1
                continue
            break
        label = ent.label_
        if ent[0].lower_ in lx.ORG_LEADS and end > ent.end:
            label = "ORG"
        if end > ent.end and doc[end - 1].lower_ in lx.ORG_HEADS:
            label = "ORG"
        begin = ent.start
        # "Tehreek-e-Fidayeen Kurram": an organisation's lead word joined by the Persian connector
        j = begin - 1
        while j >= 0 and doc[j].lower_ in _JOINERS and not doc[j].whitespace_.strip() and begin - j <= 3:
            j -= 1
        if j < begin - 1 and j >= 0 and doc[j].lower_ in lx.ORG_LEADS and doc[j].text[:1].isupper() \
                and not doc[j].whitespace_ and (not out or out[-1].end <= j):
            begin, label = j, "ORG"
        # "Sher Alam Khan" tagged from "Alam": a capitalised proper noun the name's words govern
        # belongs to the name (a title there is split off later)
        while label == "PERSON" and begin > 0 and (not out or out[-1].end < begin) and doc[begin - 1].pos_ == "PROPN" \
                and doc[begin - 1].dep_ == "compound" and begin <= doc[begin - 1].head.i < end \
                and not doc[begin - 1].ent_type_ and doc[begin - 1].text[:1].isupper() and doc[begin - 1].is_alpha \
                and doc[begin - 1].lower_ not in ROLE_WORDS and not doc[begin - 1].is_upper:
            begin -= 1
        out.append(Span(doc, begin, end, label=label) if (begin, end) != (ent.start, ent.end) or label != ent.label_ else ent)
    return out


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})


def _dash(tok: Token) -> bool:
    """A dash with a space on both sides, or a spaced hyphen before a date ("Jo Harris - May 3"):
    it parts a name from what follows ("Wal - Mart", spaced so, stays one name)."""
    doc = tok.doc
    if tok.text not in ("-", "\u2013", "\u2014") or not tok.whitespace_ or tok.i == 0 or not doc[tok.i - 1].whitespace_:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.text != "-" or nxt is not None and (nxt.lower_ in _MONTHS or nxt.is_digit)


def _latin(text: str) -> bool:
    """Every letter is Latin (with its accents)."""
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in text if ch.isalpha())


def _same_word(name: str, word: str) -> bool:
    from unidecode import unidecode

    return unidecode(name).lower() == unidecode(word).lower()


_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "around"})


_WHERE_VERBS = frozenset({
    "bear", "live", "die", "kill", "bury", "arrest", "detain", "capture", "hold", "imprison", "jail",
    "base", "station", "stay", "settle", "reside", "grow", "raise", "hide", "shelter",
})
"""Verbs whose "in X" is where it happened: nobody is born, buried or arrested in a person."""


def _place_by_event_verb(span: Span) -> bool:
    """"born in Tirin Kot", "arrested in Quetta": a name after "in" on a verb of where someone is
    born, lives, dies or is held is a place, even one the tagger took for a person."""
    root = span.root
    return (root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lemma_.lower() in _WHERE_VERBS
            and canonical_group(span.text) is None)


def _place_by_preposition(span: Span) -> bool:
    """"a brigade in Saripul": a name after a place preposition that the gazetteer knows in
    the region (any spelling it holds) is a place, whatever the tagger guessed."""
    from reconcile.gazetteer import lookup

    root = span.root
    verb = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "from" and verb.lemma_.lower() in ("hail", "be") \
            and not any(c.dep_ in ("acomp", "advmod", "attr") and c.lower_ not in ("not", "originally")
                        for c in verb.children) \
            and any(c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "who", "i"))
                    for c in verb.children):
        return True  # "who hailed from Kuchlak", "he was not from Kuchlak": where a person comes from
    if root.dep_ != "pobj" or root.head.lower_ not in _PLACE_PREPOSITIONS:
        return False
    return any(p.country_code in ("AF", "PK") or p.kind != "city" for p in lookup(span.text, fuzzy=False))


_JOINERS = frozenset({"e", "i", "-", "ul", "al", "ud"})


def _places_missed(doc: Doc, taken: set[int], known: dict[str, str]) -> list[tuple[int, int]]:
    """Runs of capitalised words the tagger left unlabelled that the gazetteer knows as a place
    of the region, a province or a country, in any spelling it holds ("Sar e Pol", "Sar-i-Pol"),
    unless the run is the subject of a verb and spells a person's name the thread has given."""
    from reconcile.gazetteer import lookup

    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if i in taken or not (t.pos_ == "PROPN" and t.text[:1].isupper()) or t.lower_ in _NOT_NAMES:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and j - i < 5 and (
                (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()) or
                (doc[j].lower_ in _JOINERS and j + 1 < len(doc)
                 and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ in _JOINERS))):
            j += 1
        while j > i + 1 and doc[j - 1].lower_ in _JOINERS:
            j -= 1
        name = doc[i:j].text
        if _known_spelling(name, known) == "PERSON" and doc[i:j].root.dep_ in ("nsubj", "nsubjpass"):
            i = j
            continue
        if any(p.kind != "city" or p.country_code in ("AF", "PK") or (p.population >= 15000 and _same_word(p.name, name))
               for p in lookup(name, fuzzy=False)) and name.lower() not in TITLE_WORDS:
            out.append((i, j))
        i = j
    return out


def _demonym_place(word: str) -> bool:
    """A nationality adjective whose country the gazetteer knows ("American", "Afghan", "Pakistani")."""
    from reconcile.gazetteer import lookup

    from .demonyms import IRREGULAR

    if word in IRREGULAR or word.rstrip("s") in IRREGULAR:
        return True
    w = word.rstrip("s")
    stems = {w, w[:-1], w[:-2], w[:-3], w[:-2] + "a", w[:-1] + "a", w[:-3] + "y", w + "istan",
             w[:-1] + "istan", w[:-2] + "y", w[:-3] + "e", w[:-1] + "e", w[:-3] + "a"}
    for stem in stems:
        if len(stem) >= 4 and stem[:1].isupper() and any(
                p.kind == "country" and _same_word(p.name.split()[0], stem) for p in lookup(stem, fuzzy=False)):
            return True
    return False


def _dateline_place(span: Span) -> bool:
    """"ISLAMABAD -": a capitalised word the gazetteer knows, opening a line, is a dateline."""
    from reconcile.gazetteer import lookup

    text = span.text
    if not text.isupper() or len(text) < 4:
        return False
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and "\n" not in before.text_with_ws and not before.is_space:
        return False
    return bool(lookup(text.title(), fuzzy=False))


def _orgs_missed(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised runs the tagger left unlabelled that open with a word that makes a group's
    name in the region ("Harakat-e Inqilab-e Islami", "Jamiat-e Ulama")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if i in taken or t.lower_ not in lx.ORG_LEADS or not t.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and j - i < 8 and (
                doc[j].text[:1].isupper() or
                (doc[j].lower_ in _JOINERS and j + 1 < len(doc) and doc[j + 1].text[:1].isupper())):
            j += 1
        while j > i + 1 and doc[j - 1].lower_ in _JOINERS:
            j -= 1
        if j > i + 1:
            out.append((i, j))
        i = j
    return out


def _learn_places(ents: list[Span], known: dict[str, str]) -> None:
    """A name the text once writes as a place by the words around it ("Foo Bar island", "the
    village of Foo Bar") is that place throughout the text, unless the thread already gave it a
    type: one text does not use one name for a place and a person."""
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) >= 2 and not _place_by_context(e)}
    for ent in ents:
        if ent.label_ in ("PERSON", "GPE", "LOC", "FAC", "ORG") and _place_by_context(ent) \
                and ent[-1].lower_ not in _PLACE_ENDS and canonical_group(ent.text) is None \
                and ent.text.lower() not in surnames:  # "Qahar Andar ... the Andar district": both
            known.setdefault(ent.text.lower(), "PLACE")


def _learn_people(ents: list[Span], known: dict[str, str], things: AbstractSet[str] = frozenset(),
                  lower_words: AbstractSet[str] = frozenset()) -> None:
    """A word of a person's full name, typed otherwise elsewhere in the same text, is that
    person: "Mullah Rahmatullah Qaisari ... Qaisari led" (the tagger read the second as a group)."""
    from reconcile.gazetteer import lookup

    for ent in ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or _place_by_event_verb(ent) or _place_by_preposition(ent) \
                or known.get(ent.text.lower()) == "PLACE" \
                or ent[-1].lower_ in _PLACE_ENDS or ent[-1].lower_ in lx.ORG_HEADS \
                or any(t.lower_ in lx.LODGING_WORDS for t in ent) \
                or any(t.lower_ in things for t in ent) or not any(t.text[:1].isupper() for t in ent) \
                or all(t.lower_ in lower_words and t.lower_ not in lx.GIVEN_NAMES for t in ent) \
                or _common_heading([t.lower_ for t in ent], lower_words):
            continue  # "... Airport", "... Technology", "Keyboard Tag": no person's name
        remember(known, ent.text, "PERSON")
        for tok in ent:
            word = tok.lower_
            if word in known or not tok.text[:1].isupper() or word in TITLE_WORDS or len(word) < 3 \
                    or word in things or tok.is_upper:
                continue
            if any(_same_word(p.name, word) and (p.kind != "city" or (
                    p.population >= 15000 and p.country_code in REGION_COUNTRIES))
                   for p in lookup(tok.text, fuzzy=False)):
                continue  # a known place of the region; a village's or a far town's name is often a family's
            known[word] = "PERSON"
            remember(known, tok.text, "PERSON")


def find_mentions(doc: Doc, text: str, known: dict[str, str] | None = None,
                  thread_things: AbstractSet[str] = frozenset()) -> list[MentionOut]:
    """Mentions of one parsed document, in text order; `text` is the original (unfolded) text;
    `thread_things` are words the thread above uses as programs or products (its titles)."""
    known = dict(known or {})
    out: list[tuple[int, int, MentionOut]] = []
    taken: set[int] = set()
    ents = _grown(doc)
    things = product_words(doc) | _numbered_in_thread(known) | set(thread_things)
    companies = _company_words(doc, ents) - things
    for word in things | companies:
        if known.get(word) in ("PERSON", "PLACE"):
            del known[word]
    lower_words = {t.text for t in doc if t.text.islower()}
    votes = _label_votes(doc)
    _learn_places(ents, known)
    _learn_people([e for e in ents if e.label_ != "PERSON" or _thing(e, "PERSON", things, votes, lower_words, known)],
                  known, things | companies, lower_words)  # "Comment Depth 07" teaches no person's name
    off = _not_prose(text)
    for ent in ents:
        if _inside(off, ent.start_char):
            taken.update(range(ent.start, ent.end))
            continue
        kind = _retype(ent, ent.label_, known)
        if kind in ("PERSON", "PLACE") and len(ent) == 1 and ent[0].lower_ in companies:
            kind = "ORG"
        if kind in ("PERSON", "PLACE"):
            kind = _thing(ent, kind, things, votes, lower_words, known)
        if kind is None or (kind in ("PERSON", "PLACE") and _common_word(ent, lower_words, known)):
            continue
        start = _title_start(doc, ent.start) if kind == "PERSON" else ent.start
        while start < ent.end - 1 and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        span = doc[start:ent.end]
        surface = text[span.start_char:span.end_char]
        title, name = split_title(surface) if kind == "PERSON" else (None, surface)
        if kind == "PERSON" and name.lower() in _NOT_NAMES and (title is None or name.lower() in PERSON_PRONOUNS):
            continue  # "May", "Jan" alone are months; "Maulvi Jan" is a man
        out.append((span.start, span.end, MentionOut(span.start_char, span.end_char, surface, kind,
                                                     title=title, name=name)))
        taken.update(range(span.start, span.end))
    for start, end in _orgs_missed(doc, taken):
        span = doc[start:end]
        out.append((start, end, MentionOut(span.start_char, span.end_char,
                                           text[span.start_char:span.end_char], "ORG",
                                           name=text[span.start_char:span.end_char])))
        taken.update(range(start, end))
    for start, end in _places_missed(doc, taken, known):
        span = doc[start:end]
        if _common_word(span, lower_words, known) or _inside(off, span.start_char) \
                or _thing(span, "PLACE", things, votes, lower_words, known) is None:
            continue
        out.append((start, end, MentionOut(span.start_char, span.end_char,
                                           text[span.start_char:span.end_char], "PLACE",
                                           name=text[span.start_char:span.end_char])))
        taken.update(range(start, end))
    for tok in doc:
        missed = _person_missed(tok, taken, known)
        if missed and not _common_word(doc[missed[0]:missed[1]], lower_words, known) \
                and not _inside(off, doc[missed[0]].idx) \
                and _thing(doc[missed[0]:missed[1]], "PERSON", things, votes, lower_words, known):
            start = _title_start(doc, missed[0])
            span = doc[start:missed[1]]
            surface = text[span.start_char:span.end_char]
            title, name = split_title(surface)
            kind = known.get(name.lower(), "PERSON")
            out.append((span.start, span.end, MentionOut(span.start_char, span.end_char, surface,
                                                         kind, title=title, name=name)))
            taken.update(range(span.start, span.end))
    for tok in doc:
        if tok.i in taken:
            continue
        low = tok.text.lower()
        if low in PERSON_PRONOUNS:
            out.append((tok.i, tok.i + 1, MentionOut(tok.idx, tok.idx + len(tok), tok.text, "PERSON",
                                                     is_pronoun=True)))
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.DESCRIBED_PEOPLE and tok.dep_ in ("nsubj", "nsubjpass") \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            # "A man who spoke for the TTP ... has escaped": someone a later name may close
            out.append((tok.i, tok.i + 1, MentionOut(tok.idx, tok.idx + len(tok), tok.text, "ROLE",
                                                     name=tok.lemma_.lower())))
            taken.add(tok.i)
            continue
        misread = tok.lower_ in ROLE_HEADS and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "PROPN"
        if (tok.pos_ != "NOUN" and not misread) or (tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "compound"
                                  and doc[tok.i + 1].head == tok.head and doc[tok.i + 1].pos_ == "NOUN"):
            continue
        role = role_span(tok)
        if role and not any(i in taken for i in range(*role)):
            span = doc[role[0]:role[1]]
            phrase = role_phrase(tok, role)
            if phrase in lx.WEAK_ROLES:
                continue
            out.append((span.start, span.end, MentionOut(span.start_char, span.end_char,
                                                         text[span.start_char:span.end_char], "ROLE",
                                                         name=phrase)))
            taken.update(range(*role))
    out.sort(key=lambda x: x[0])
    return [m for _s, _e, m in out if not _no_name(m) and not _inside(off, m.start) and not (
        m.type in ("PERSON", "PLACE") and not m.is_pronoun and (
            any(w.lower() in things for w in re.findall(r"[A-Z][\w-]*", m.surface))
            or any(_code_like(w) for w in m.surface.split())))]  # word by word: "Ken VanDine" is a man


def _no_name(m: MentionOut) -> bool:
    """Whatever path found it, a person or place with a digit in its name ("Python 2", "Mercurial
    5.2") or in another script than the English tagger's (Greek, Chinese) is no name it can vouch for."""
    if m.type not in ("PERSON", "PLACE") or m.is_pronoun:
        return False
    return any(ch.isdigit() for ch in m.surface) or not _latin(m.surface)


def _common_word(span: Span, lower_words: set[str], known: dict[str, str]) -> bool:
    """A one-word "name" the same text also writes in lower case ("Voicemail ... your voicemail",
    "Mode ... the mode") is a common word at the start of a sentence or in a heading."""
    if len(span) != 1:
        return False
    word = span[0].text
    return word[:1].isupper() and not word.isupper() and word.lower() in lower_words \
        and word.lower() not in known


def token_index(doc: Doc, mentions: list[MentionOut]) -> dict[int, int]:
    """Token index -> index of the mention that covers it."""
    by_char = {t.idx: t.i for t in doc}
    index: dict[int, int] = {}
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            i = by_char.get(m.start)
            if i is not None:
                index[i] = k
            continue
        for t in span:
            index.setdefault(t.i, k)
    return index
