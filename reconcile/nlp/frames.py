"""Predicate patterns as data: which verbs (by lemma), in which voice, with which dependents,
make which claim, and where the claim's subject and object sit in the parse.

A row reads: verbs with a lemma in `lemmas`, in `voice` ("active", "passive" or "any"),
optionally needing a particle or a direct object head from `needs`, make `predicate`. The
subject is the verb's grammatical subject unless `subject` says "object" (active verbs whose
object undergoes the event: "police arrested him", "Karzai appointed him governor"). The
object is looked for in `objects`, in order: "dobj" (direct object), "attr" (complement of a
copula or of "become"), "oprd"/"xcomp" (object predicate: "appointed him governor"), or
"prep:WORD" (the object of that preposition, also under a noun the verb governs: "switched his
allegiance to IS"). `object_types` limits named objects (PERSON, ORG, PLACE, ROLE); "TEXT"
accepts the noun phrase as written. Rows are tried in order; the first that fits wins.
"""
from __future__ import annotations

from dataclasses import dataclass

from reconcile.extract import lexicon as lx


@dataclass(frozen=True)
class Frame:
    predicate: str
    lemmas: frozenset[str]
    voice: str = "any"
    objects: tuple[str, ...] = ()
    object_types: tuple[str, ...] = ("PERSON", "ORG", "PLACE")
    needs_object: bool = False
    needs: frozenset[str] = frozenset()
    """A particle, preposition or object noun (lemma) the verb must have: "pass" needs "away"."""
    subject: str = "subject"
    confidence: float = 0.8
    ends: bool = False
    """The event ends a state: its time is the state's end ("quit Hezb in 2002" -> ../2002)."""
    role: str | None = None
    """The office the verb names; its object is the office's place ("governed Helmand": governor)."""


def _f(predicate: str, lemmas: str, **kw: object) -> Frame:
    return Frame(predicate, frozenset(lemmas.split()), **kw)  # type: ignore[arg-type]


PLACE = ("PLACE",)
ORG = ("ORG",)
ORG_PLACE = ("ORG", "PLACE")
ROLE_TEXT = ("ROLE", "TEXT")

FRAMES: tuple[Frame, ...] = (
    # born
    # "who hailed from the Sipah area of Bara", "Hailing from Paghman": where the person is from
    _f("born", "hail", objects=("prep:from",), object_types=("PLACE", "TEXT"), needs_object=True, confidence=0.65),
    # "He is from Charqolba, not from Kandahar city" (not "back from Quetta": see _from_place)
    _f("born", "be", objects=("prep:from",), object_types=PLACE, needs_object=True, confidence=0.6),
    # "born in Garmsir": a town the tagger does not know is still the birthplace
    _f("born", "bear", voice="passive", objects=("prep:in", "prep:at"), object_types=("PLACE", "ORG", "TEXT")),
    # died
    # a death's place is its place, not its object
    _f("died", "die perish"),
    _f("died", "pass", needs=frozenset({"away"})),
    _f("died", "kill assassinate execute murder behead shoot martyr hang slay", voice="passive"),
    _f("died", "kill assassinate execute murder behead slay", voice="active", subject="object"),
    _f("died", "succumb", objects=(), object_types=PLACE),
    # "was gunned down near his home"
    _f("died", "gun", voice="passive", needs=frozenset({"down"})),
    # detained
    _f("detained", "arrest detain capture seize abduct kidnap imprison jail hold intern apprehend "
       "nab", voice="passive", objects=("prep:in", "prep:at", "prep:near", "prep:by"),
       object_types=("PLACE", "ORG")),
    _f("detained", "arrest detain capture seize abduct kidnap imprison jail apprehend nab",
       voice="active", subject="object", objects=("prep:in", "prep:at", "prep:near"), object_types=PLACE),
    _f("detained", "pick", voice="passive", needs=frozenset({"up"}),
       objects=("prep:in", "prep:at", "prep:near", "prep:by"), object_types=("PLACE", "ORG")),
    _f("detained", "take", voice="passive", needs=frozenset({"prisoner", "captive", "hostage", "custody"}),
       objects=("prep:in", "prep:by"), object_types=("PLACE", "ORG")),
    _f("detained", "hand turn", voice="passive", needs=frozenset({"over"}), objects=("prep:to",),
       object_types=("ORG", "PLACE")),
    _f("detained", "hand turn", voice="active", subject="object", needs=frozenset({"over"}),
       objects=("prep:to",), object_types=("ORG", "PLACE")),
    _f("detained", "spend serve", needs=frozenset({"jail", "prison", "custody", "detention",
                                                   "sentence"}),
       objects=("prep:in", "dobj"), object_types=("PLACE", "ORG", "TEXT")),
    _f("detained", "spend", needs=lx.DETENTION_SITES, objects=("prep:at", "prep:in"),
       object_types=("PLACE", "ORG", "TEXT")),
    # "has been in custody since 2019", "was placed under house arrest": a detention as a state
    _f("detained", "be remain", needs=frozenset({"custody", "detention", "jail", "prison"}),
       objects=("prep:in",), object_types=("PLACE", "ORG"), confidence=0.65),
    _f("detained", "place put keep", voice="passive", needs=frozenset({"arrest", "custody", "detention"}),
       objects=("prep:in", "prep:at"), object_types=PLACE, confidence=0.7),
    # released
    _f("released", "release free", voice="passive", objects=("prep:from",),
       object_types=("PLACE", "ORG", "TEXT")),
    _f("released", "grant", voice="active", subject="object", needs=frozenset({"bail", "parole"})),
    # "was let off after questioning", "was let go"
    _f("released", "let", voice="passive", needs=frozenset({"off", "go"})),
    # "remanded X in the custody of the CTD", "was remanded in custody"
    _f("detained", "remand", voice="active", subject="object", objects=("prep:to",), object_types=PLACE),
    _f("detained", "remand", voice="passive", objects=("prep:to",), object_types=PLACE),
    # "I met him in Peshawar in 1987", "I last saw him in Asadabad": where the one met was then
    _f("located_in", "meet see interview", voice="active", subject="object",
       objects=("prep:in", "prep:at"), object_types=PLACE, needs_object=True, confidence=0.6),
    _f("released", "release free", voice="active", subject="object", objects=("prep:from",),
       object_types=("PLACE", "ORG", "TEXT")),
    # educated_at
    # "studied at a madrasa in Karachi": the school before the town it is in
    _f("educated_at", "study graduate enrol enroll", objects=("prep:at", "prep:from", "prep:in"),
       object_types=("ORG", "TEXT"), needs_object=True),
    _f("educated_at", "study graduate enrol enroll", objects=("prep:at", "prep:from", "prep:in"),
       object_types=PLACE, needs_object=True),
    _f("educated_at", "study graduate enrol enroll"),
    _f("educated_at", "train", objects=("prep:at", "prep:in"), object_types=ORG, needs_object=True),
    _f("educated_at", "train", objects=("prep:as",), object_types=("TEXT",), needs_object=True),
    _f("located_in", "train", objects=("prep:in",), object_types=PLACE, needs_object=True),
    _f("educated_at", "educate school admit", voice="passive",
       objects=("prep:at", "prep:in", "prep:to"), object_types=ORG_PLACE),
    _f("educated_at", "pass", needs=frozenset({"out"}), objects=("prep:of", "prep:from"),
       object_types=ORG, needs_object=True),
    _f("educated_at", "attend", objects=("dobj",), object_types=ORG, needs_object=True),
    # "finished Kabul University", "was sent to the Panj Pir madrasa"
    _f("educated_at", "finish complete", objects=("dobj",), object_types=ORG, needs_object=True),
    _f("educated_at", "send", voice="passive", needs=lx.SCHOOL_NOUNS, objects=("prep:to",),
       object_types=("ORG", "TEXT"), needs_object=True),
    _f("educated_at", "complete finish receive take earn obtain gain acquire", needs=frozenset({"education", "degree",
                                                                           "studies", "diploma", "doctorate",
                                                                           "phd", "master", "bachelor"}),
       objects=("prep:at", "prep:from", "prep:in"), object_types=ORG_PLACE),
    # defected_to
    _f("defected_to", "defect", objects=("prep:to",), object_types=("ORG", "TEXT"), needs_object=True),
    _f("defected_to", "switch shift transfer change", needs=frozenset({"allegiance", "side",
                                                                      "sides", "loyalty"}),
       objects=("prep:to",), object_types=ORG, needs_object=True),
    _f("defected_to", "go cross", needs=frozenset({"over"}), objects=("prep:to",), object_types=ORG,
       needs_object=True),
    # "switched (back) to the United Islamic Front": sides, when what he switched to is a group
    _f("defected_to", "switch", objects=("prep:to",), object_types=ORG, needs_object=True, confidence=0.7),
    # member_of
    _f("member_of", "join rejoin", objects=("dobj",), object_types=ORG, needs_object=True),
    # "went back to the Taliban", "returned to the TTP's ranks": back in the group
    _f("member_of", "go come return", needs=frozenset({"back", "rank", "ranks", "fold"}), objects=("prep:to",),
       object_types=ORG, needs_object=True, confidence=0.7),
    _f("member_of", "pledge swear declare give renew", needs=frozenset({"allegiance", "loyalty",
                                                                       "bay'ah", "bayah"}),
       objects=("prep:to",), object_types=ORG, needs_object=True),
    _f("member_of", "fight", objects=("prep:for", "prep:with", "prep:alongside"),
       object_types=ORG, needs_object=True),
    _f("member_of", "lead command found head run establish co-found", voice="active",
       objects=("dobj",), object_types=ORG, needs_object=True, confidence=0.7),
    # "commanded a Hezb unit", "led some two hundred men": an office at the head of a band of
    # fighters even when the band has no name
    _f("position_held", "lead command", voice="active", objects=("dobj",), object_types=("TEXT",),
       needs=lx.UNIT_NOUNS, needs_object=True, confidence=0.7),
    # "ran the military commission", "headed the council": an office at the head of a body
    _f("position_held", "run head chair direct", voice="active", objects=("dobj",),
       object_types=("TEXT",), needs=lx.BODY_NOUNS, needs_object=True, confidence=0.7),
    _f("member_of", "belong", objects=("prep:to",), object_types=ORG, needs_object=True),
    _f("member_of", "commission enlist recruit induct", objects=("prep:into", "prep:in", "prep:to"),
       object_types=ORG, needs_object=True),
    _f("member_of", "quit leave abandon desert", objects=("dobj",), object_types=ORG, needs_object=True,
       ends=True),
    # "split from the Taliban", "broke away from the TTP": out of the group
    _f("member_of", "split break splinter", objects=("prep:from",), object_types=ORG, needs_object=True, ends=True),
    # "cut ties with the TTP", "severed links with the Taliban": out of the group
    _f("member_of", "cut sever break", needs=frozenset({"tie", "ties", "link", "links", "relation", "relations",
                                                      "contact", "contacts"}),
       objects=("prep:with",), object_types=ORG, needs_object=True, ends=True),
    # position_held
    _f("position_held", "appoint name elect nominate install make reappoint choose "
       "select designate confirm", voice="passive",
       objects=("prep:to", "prep:as", "oprd", "attr", "xcomp", "dobj"), object_types=ROLE_TEXT + ("ORG",),
       needs_object=True),
    _f("position_held", "appoint name elect nominate install make reappoint", voice="active",
       subject="object", objects=("oprd", "xcomp", "prep:as", "ccomp", "dobj2"),
       object_types=ROLE_TEXT, needs_object=True),
    # "was transferred and posted as deputy minister": an office; "posted to Malakand": a place
    _f("position_held", "post station", voice="passive", objects=("prep:as",), object_types=ROLE_TEXT,
       needs_object=True),
    _f("located_in", "post station deploy shift", objects=("prep:to", "prep:in"), object_types=PLACE + ("TEXT",),
       needs_object=True, confidence=0.6),
    # "was hired as an editor at the Globe": the job taken
    _f("position_held", "hire employ", voice="passive", objects=("prep:as",), object_types=ROLE_TEXT,
       needs_object=True),
    # "was given a job as an adviser at the palace"
    _f("position_held", "give offer", voice="passive", needs=frozenset({"job", "post", "position", "role"}),
       objects=("prep:as",), object_types=ROLE_TEXT, needs_object=True),
    # "who represented Samangan in the Wolesi Jirga from 2005 to 2010": a seat in the assembly
    _f("position_held", "represent", voice="active", objects=("prep:in",), object_types=ORG, needs_object=True,
       confidence=0.65),
    _f("position_held", "serve work act", objects=("prep:as", "prep:for", "prep:in", "prep:on"),
       object_types=ROLE_TEXT + ("ORG",), needs_object=True),
    _f("position_held", "become remain", objects=("attr", "acomp"), object_types=("ROLE",),
       needs_object=True),
    _f("position_held", "swear", voice="passive", needs=frozenset({"in"}), objects=("prep:as",),
       object_types=ROLE_TEXT, needs_object=True),
    _f("position_held", "take", needs=frozenset({"over"}), objects=("prep:as",),
       object_types=ROLE_TEXT, needs_object=True),
    _f("position_held", "hold occupy", objects=("dobj",), object_types=ROLE_TEXT, needs_object=True),
    _f("position_held", "sit", objects=("prep:on", "prep:in"), object_types=("ORG", "TEXT"),
       needs=frozenset({"council", "board", "committee", "commission", "bench", "court", "panel",
                        "assembly", "jirga", "shura", "senate", "parliament", "cabinet"}),
       needs_object=True, confidence=0.65),
    _f("position_held", "succeed replace", objects=("prep:as",), object_types=ROLE_TEXT,
       needs_object=True),
    _f("position_held", "be", objects=("attr",), object_types=("ROLE",), needs_object=True,
       confidence=0.7),
    # leaving an office: "stepped down as governor", "resigned as minister", "was removed from his
    # post as governor in 2004" (the office up to then)
    _f("position_held", "step", needs=frozenset({"down", "aside"}), objects=("prep:as",), object_types=ROLE_TEXT,
       needs_object=True, ends=True),
    _f("position_held", "resign quit retire", objects=("prep:as",), object_types=ROLE_TEXT,
       needs_object=True, ends=True),
    _f("position_held", "remove dismiss sack fire oust depose", voice="passive", objects=("prep:as",),
       object_types=ROLE_TEXT, needs_object=True, ends=True),
    # "governed Helmand", "who has run Sar-e Pol since 2010": the governor of a named place
    _f("position_held", "govern administer", voice="active", objects=("dobj",), object_types=ORG_PLACE,
       needs_object=True, confidence=0.65, role="governor"),
    _f("position_held", "run lead head", voice="active", objects=("dobj",), object_types=PLACE,
       needs_object=True, confidence=0.6, role="governor"),
    # "spoke for the Pakistani Taliban until 2014": the group's spokesman
    _f("position_held", "speak", voice="active", objects=("prep:for", "prep:on"), object_types=ORG,
       needs_object=True, confidence=0.6, role="spokesman"),
    # rank
    _f("rank", "promote raise elevate", objects=("prep:to",), object_types=("ROLE",),
       needs_object=True),
    _f("rank", "achieve attain reach hold", needs=frozenset({"rank"}), objects=("prep:of", "dobj"),
       object_types=ROLE_TEXT, needs_object=True),
    # awarded ("was given command of the corps" is an office)
    _f("position_held", "give hand entrust", voice="passive", needs=frozenset({"command", "charge", "control"}),
       objects=("dobj",), object_types=("TEXT",), needs_object=True),
    # a decoration's name is often tagged as a person's or a group's
    _f("awarded", "award give present decorate honour honor grant", voice="passive",
       objects=("dobj", "prep:with"), object_types=("ORG", "PERSON", "TEXT"), needs_object=True),
    _f("awarded", "give present", voice="active", subject="object",
       needs=frozenset({"medal", "award", "prize", "decoration", "honour", "honor"}),
       objects=("dobj",), object_types=("TEXT",), needs_object=True),
    _f("awarded", "award decorate honour honor", voice="active", subject="object",
       objects=("dobj2", "prep:with"), object_types=("ORG", "PERSON", "TEXT"), needs_object=True),
    _f("awarded", "receive win", needs=frozenset({"medal", "award", "prize", "honour", "honor",
                                                  "order", "title"}),
       objects=("dobj",), object_types=("TEXT",), needs_object=True),
    # traveled_to
    _f("traveled_to", "travel go fly head journey", objects=("prep:to",), object_types=PLACE,
       needs_object=True),
    _f("traveled_to", "visit tour", objects=("dobj",), object_types=PLACE, needs_object=True),
    # located_in
    _f("located_in", "live reside settle stay hide shelter remain", objects=("prep:in", "prep:at"),
       object_types=PLACE, needs_object=True),
    _f("traveled_to", "cross", objects=("prep:into", "prep:to"), object_types=PLACE, needs_object=True),
    _f("located_in", "move flee escape return relocate emigrate retreat drive come go",
       objects=("prep:to", "prep:into"),
       object_types=PLACE, needs_object=True),
    _f("located_in", "enter re-enter reenter", objects=("dobj",), object_types=PLACE, needs_object=True),
    _f("located_in", "leave", objects=("prep:for",), object_types=PLACE, needs_object=True),
    _f("located_in", "be", objects=("prep:in",), object_types=PLACE, needs_object=True,
       confidence=0.65),
    _f("member_of", "be", objects=("prep:with",), object_types=ORG, needs_object=True,
       confidence=0.65),
    _f("member_of", "be remain", needs=frozenset({"active"}), objects=("prep:in", "prep:within"), object_types=ORG,
       needs_object=True, confidence=0.65),
    # "spent the mid-1990s at a seminary in Bannu": studies
    _f("educated_at", "spend", needs=lx.SCHOOL_NOUNS, objects=("prep:at", "prep:in"), object_types=("ORG", "TEXT"),
       needs_object=True, confidence=0.65),
    _f("located_in", "spend", objects=("prep:in",), object_types=PLACE, needs_object=True,
       confidence=0.7),
    # "grew up in a camp near Peshawar", "went into hiding in Pakistan"
    _f("located_in", "grow", needs=frozenset({"up"}), objects=("prep:in", "prep:near"), object_types=PLACE,
       needs_object=True, confidence=0.65),
    _f("located_in", "go", needs=frozenset({"hiding"}), objects=("prep:in",), object_types=PLACE,
       needs_object=True, confidence=0.65),
    # "was seen in Quetta last month": where someone was
    _f("located_in", "see spot sight", voice="passive", objects=("prep:in", "prep:at", "prep:near"),
       object_types=PLACE, needs_object=True, confidence=0.6),
    # other life events an analyst follows, kept as statements with their verb
    _f("statement", "retire resign surrender abdicate escape", objects=("prep:to", "prep:from"),
       object_types=("ORG", "TEXT"), confidence=0.6),
    _f("statement", "wound injure bury", voice="passive", confidence=0.6),
    _f("statement", "charge convict sentence acquit indict", voice="passive", objects=("prep:with", "prep:of", "prep:to"),
       object_types=("TEXT",), confidence=0.6),
    # "pleaded guilty to fraud", "was found guilty of murder": a verdict or a plea
    _f("statement", "plead", voice="active", needs=frozenset({"guilty", "innocent"}), objects=("prep:to",),
       object_types=("TEXT",), confidence=0.6),
    _f("statement", "find", voice="passive", needs=frozenset({"guilty", "innocent"}), objects=("prep:of",),
       object_types=("TEXT",), confidence=0.6),
    # family
    _f("family", "marry", objects=("dobj", "prep:to"), object_types=("PERSON", "TEXT"), needs_object=True),
    _f("family", "be", needs=frozenset({"married"}), objects=("prep:to",),
       object_types=("PERSON", "TEXT"), needs_object=True, confidence=0.7),
    _f("family", "have", needs=frozenset({"child", "children", "son", "sons", "daughter", "daughters",
                                          "brother", "brothers", "sister", "sisters", "wife", "wives"}),
       objects=("dobj",), object_types=("TEXT",), needs_object=True, confidence=0.6),
)

FRAMES_BY_LEMMA: dict[str, tuple[Frame, ...]] = {}
for _frame in FRAMES:
    for _lemma in _frame.lemmas:
        FRAMES_BY_LEMMA[_lemma] = FRAMES_BY_LEMMA.get(_lemma, ()) + (_frame,)

KIN: frozenset[str] = lx.KIN_NOUNS
"""Nouns of kinship (the lexicon owns the list)."""

HEDGE_ADVERBS: frozenset[str] = frozenset({
    "reportedly", "allegedly", "probably", "possibly", "perhaps", "apparently", "presumably",
    "supposedly", "likely", "purportedly", "maybe", "seemingly", "ostensibly",
})
HEDGE_MODALS: frozenset[str] = frozenset({"may", "might", "could"})
HEDGE_GOVERNORS: frozenset[str] = frozenset({
    "believe", "think", "suspect", "rumour", "rumor", "say", "report", "understand", "seem",
    "appear", "allege", "presume", "suppose", "fear", "expect",
})
"""Verbs that make what they govern uncertain: passive "is believed to", "seems to"."""
FIRST_PERSON_HEDGES: frozenset[str] = frozenset({"think", "believe", "suspect", "guess", "doubt", "hear", "assume"})

NEGATORS: frozenset[str] = frozenset({"not", "n't", "never", "no"})
DENIAL_LEMMAS: frozenset[str] = frozenset({"deny", "reject", "refute", "dismiss"})
DENIED_LINKS: frozenset[str] = frozenset({
    "involvement", "link", "links", "tie", "ties", "membership", "connection", "connections",
    "association", "affiliation", "role", "part",
})
"""Nouns of "denied any involvement with X": a denied member_of."""

IRREALIS_GOVERNORS: frozenset[str] = frozenset({
    "promise", "plan", "want", "hope", "intend", "threaten", "aim", "seek", "wish", "try",
    "attempt", "vow", "pledge", "offer", "agree", "refuse", "demand", "urge", "ask", "expect",
    "decide", "prepare", "order", "propose", "consider", "would", "will", "shall", "should",
    "must", "need",
})
"""Governors and auxiliaries under which an event has not (yet) happened: no claim is made."""
IRREALIS_MARKERS: frozenset[str] = frozenset({"if", "unless", "whether", "lest"})

SPEECH_LEMMAS: frozenset[str] = frozenset({
    "say", "tell", "add", "state", "claim", "report", "announce", "confirm", "insist", "explain",
    "allege", "warn", "note", "write", "declare", "acknowledge", "admit", "suggest", "argue",
    "comment", "reveal", "disclose", "assert", "maintain", "testify", "recall", "deny",
})
