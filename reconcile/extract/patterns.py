"""The predicate table: which words in a clause make which claim, and where its object is.

Rows are tried in order; a later row never fires on words an earlier row already took, so a
specific phrasing ("elected to the Meshrano Jirga") is listed before a general one ("elected").
Regexes match the folded text case-insensitively; the match is the claim's trigger (its verb).

Object kinds:
  "PLACE", "ORG", "PERSON", "ORG|PLACE", "PLACE|ORG"  the first such mention after the trigger
  "ROLE"       a role mention ("district governor") after the trigger
  "ROLE|TEXT"  a role mention if one follows closely, else a noun phrase ("ORG|PLACE|TEXT" alike)
  "TEXT"       the noun phrase after the trigger ("the Kohistanat front line")
  "MATCH"      the trigger's own words minus a leading copula ("married and has twelve children")
  "NONE"       no object ("was released")
Subject: "before" (the nearest person before the trigger in the sentence), or "after" (the person
right after the trigger: "President Karzai awarded him").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import ROLES

# How far (characters) after the trigger an object may start; None = to the end of the clause.
NEAR = 45


@dataclass(frozen=True)
class Pattern:
    predicate: str
    regex: str
    obj: str
    subject: str = "before"
    listable: bool = False
    reach: int | None = NEAR
    requires_object: bool = True
    confidence: float = 0.8
    ends: bool = False
    """The trigger ends a state ("left the Meshrano Jirga in 2005"): a dated point T becomes
    the open-start span ../T."""
    leads: str = ""
    """Space-separated words a match can start with: the pattern is only tried there
    (leadscan.py). tests/reconcile/test_extract_patterns.py checks every row declares them."""
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, re.IGNORECASE))

    def lead_words(self) -> list[str]:
        return self.leads.split()


_KIN = (
    r"son|daughter|brother|sister|father|mother|wife|husband|widow|nephew|niece|cousin|uncle|"
    r"aunt|grandson|granddaughter|son-in-law|brother-in-law|father-in-law"
)
_GAP = r"(?: \([^)]{1,30}\))?(?: again| back| also)?"

_ROLE_WORDS = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))

_KIN_ADJ = r"(?:younger|elder|older|eldest|youngest|late|twin|half-|step-?)\s*"
_KIN_LEADS = "son daughter brother sister father mother wife husband widow nephew niece cousin uncle aunt grandson granddaughter"

PATTERNS: tuple[Pattern, ...] = (
    # family
    Pattern("family", r"\b(?:is|was|got|been) married(?: and has (?:\w+ ){1,2}?(?:children|sons|daughters|kids))?\b",
            "MATCH", confidence=0.85, leads="is was got been"),
    Pattern("family", r"\b(?:has|had|have) (?:\w+ ){0,2}?(?:children|sons|daughters|kids|grandchildren)\b",
            "MATCH", confidence=0.8, leads="has had have"),
    Pattern("family", rf"\b(?:{_KIN}) of\b", "PERSON", reach=12, confidence=0.85, leads=_KIN_LEADS),
    Pattern("family", rf"(?:(?<=\bhis |\bher )|(?<=['\u2019]s ))(?:{_KIN_ADJ})?(?:{_KIN})(?=,? (?-i:[A-Z]))", "PERSON", reach=4,
            confidence=0.8, leads=_KIN_LEADS + " younger elder older eldest youngest late twin half step"),
    Pattern("family", rf"(?<=\bhis |\bher )(?:{_KIN}) (?:was|is) (?:called|named)\b", "PERSON",
            reach=6, confidence=0.8, leads=_KIN_LEADS),
    # birth and death
    Pattern("born", r"\b(?:was |were )?born\b", "PLACE", reach=None, requires_object=False,
            confidence=0.9, leads="was were born"),
    Pattern("died", r"\(\s*(?:now |since |recently )?deceased\s*\)|\b(?:died|(?:was|were|has been|"
            r"have been|had been)(?: not| never| \w+ly)? (?:killed|assassinated|executed|shot dead)|"
            r"passed away|is dead|did not die|didn't die|never died)\b",
            "NONE", confidence=0.85, leads="( died was were has have had passed is did didn never"),
    Pattern("died", r"\bthe late\b(?! (?:\d|spring|summer|autumn|fall|winter|afternoon|evening|morning|night)"
            r"| (?:eigh|nine|seven|six|fif|for|thir|twen)ties\b)", "NONE", subject="after", confidence=0.7, leads="the"),
    # education
    Pattern("educated_at", r"\b(?:took|earned|received|obtained|got|holds|has) (?:a |an |his |her )?(?:[\w-]+ ){0,2}"
            r"degree\b", "ORG|PLACE", reach=40, confidence=0.75,
            leads="took earned received obtained got holds has"),
    Pattern("educated_at", r"\beducation (?:at|in|from)\b|\b(?:studies at|studied|graduated|"
            r"educated|enrolled|admitted|schooling|trained)\b", "ORG|PLACE", reach=60, confidence=0.8,
            leads="education studies studied graduated educated enrolled admitted schooling trained"),
    # rank before position: "promoted to the rank of brigadier general"
    Pattern("rank", r"\b(?:promoted to (?:the )?)?ranks? of\b", "ROLE|TEXT", confidence=0.85,
            leads="promoted rank ranks"),
    Pattern("rank", r"\bpromoted to\b", "ROLE|TEXT", reach=25, confidence=0.75, leads="promoted"),
    # changing sides
    Pattern("defected_to", rf"\b(?:defected|defects|defect|defecting|switched(?: back| sides| allegiance"
            rf"| sides back)?|went over|went back over|crossed over){_GAP} to\b", "ORG|PLACE|TEXT",
            confidence=0.85, leads="defected defects defect defecting switched went crossed"),
    # membership
    Pattern("member_of", r"\b(?:joined|joins|join|joining|rejoined)\b", "ORG", reach=20,
            confidence=0.7, leads="joined joins join joining rejoined"),
    Pattern("member_of", r"\b(?:founded|co-founded|cofounded|established|formed|created|set up|led|leads|"
            r"headed|heads|commanded|commands)\b(?! (?:to|for|towards|back|home|into|out|off)\b)"
            # a group's name follows ("led the Taliban delegation"), not "led an uprising"
            r"(?= (?:the |a |an |his |its )?(?:[\w-]+ )?(?-i:[A-Z]))", "ORG",
            reach=12, confidence=0.7,
            leads="founded co cofounded established formed created set led leads headed heads commanded commands"),
    Pattern("member_of", r"\b(?:a |an )?(?:member|members|fighter|fighters|loyalist) of\b(?! (?:the )?(?:parliament|senate|national assembly|provincial council)\b)", "ORG",
            reach=20, confidence=0.7, leads="a an member members fighter fighters loyalist"),
    Pattern("member_of", r"\b(?:fought|fighting|fights|fight) (?:for|with|alongside)\b", "ORG", reach=20,
            confidence=0.7, leads="fought fighting fights fight"),
    Pattern("member_of", r"\b(?:was|were|is|are)(?: \w+ly| still| now| back| again)* with\b(?= (?:the )?(?-i:[A-Z]))",
            "ORG", reach=6, confidence=0.65, leads="was were is are"),
    Pattern("member_of", r"\b(?:left|quit|quits|leaves|resigned from|deserted|broke with)\b(?! for\b)", "ORG",
            reach=12, confidence=0.7, ends=True, leads="left quit quits leaves resigned deserted broke"),
    # offices held
    Pattern("position_held", r"\b(?:was |were |been )?(?:re-?)?elected to(?= (?:the )?(?:parliament|senate|national assembly)\b)",
            "TEXT", confidence=0.8, leads="was were been elected reelected re"),
    Pattern("position_held", r"\b(?:was |were |been )?(?:indirectly |directly )?elected to\b", "ORG",
            confidence=0.85, leads="was were been indirectly directly elected"),
    Pattern("position_held", r"\b(?:served|worked)(?: twice| once| again| briefly| \w+ly)? as\b", "ROLE|TEXT",
            confidence=0.85, leads="served worked"),
    Pattern("position_held", r"\b(?:served|sat|sits|sitting|serves) (?:in|on|with)\b", "TEXT",
            confidence=0.75, leads="served sat sits sitting serves"),
    Pattern("position_held", r"\b(?:held|holds|hold|holding)(?= (?:\w+ )?(?:\w+ )?(?:office|post|"
            r"position|seat|portfolio)s?\b)", "TEXT", confidence=0.7, leads="held holds hold holding"),
    # "the ministry named Daud Daud as the new commander": the one named comes after the verb
    Pattern("position_held", r"\b(?:named|appointed|nominated|made|elected)(?= (?:him|her)\b| (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)* as\b)",
            "ROLE", subject="after", reach=70, confidence=0.75, leads="named appointed nominated made elected"),
    Pattern("position_held", r"\b(?:made|appointed|named|elected|nominated|installed|sworn in as|"
            r"reappointed|became|becomes|become)(?: as)?\b", "ROLE", reach=30, confidence=0.8,
            leads="made appointed named elected nominated installed sworn reappointed became becomes become"),
    Pattern("position_held", r"\b(?:is|was|remains|remained|been) (?:now |still |currently |also |not |never |"
            r"no longer )?"
            r"(?:the|a|an|its|their|his|her) (?=(?:former |acting |deputy |provincial |district )?\w+)", "ROLE",
            reach=25, confidence=0.7, leads="is was remains remained been"),
    # ... and with no article, an office of the role table right after the verb ("he was governor
    # of Nangarhar"); the lookahead keeps the row off every other "was"
    Pattern("position_held", r"\b(?:is|was|remains|remained) (?:now |still |currently |also |not |never |"
            rf"no longer )?(?=(?:former |acting |deputy )?(?:{_ROLE_WORDS})s?\b)", "ROLE", reach=1,
            confidence=0.65, leads="is was remains remained"),
    # where someone is
    Pattern("located_in", r"\b(?:fled|flees|fleeing|escaped|escaping|moved|moving|relocated|returned|"
            r"returning|returns|re-?entered|re-?entering|went back|came back|comes back|got back|"
            r"left for|leaves for|crossed|drove|drives|driven|flew|walked|rode)(?: back)?(?: to| into| from)?\b",
            "PLACE", confidence=0.75,
            leads="fled flees fleeing escaped escaping moved moving relocated returned returning "
                  "returns re reentered reentering went came comes got left leaves crossed drove drives "
                  "driven flew walked rode"),
    # "spent the winter of 2011 in Quetta" (a spell in jail is a detention, read by its own row)
    Pattern("located_in", r"\bspent\b(?= (?:[\w-]+ ){0,6}?(?:in|at) (?!(?:the |a |an )?(?:[\w-]+ ){0,3}(?:jail|prison|custody)\b))",
            "PLACE", reach=50, confidence=0.7, leads="spent"),
    Pattern("located_in", r"\b(?:lived|lives|living|resides|resided|settled|based|hiding|stayed|"
            r"remained|remains|exiled|sheltering)(?: \w+){0,2}? in\b", "PLACE", reach=25,
            confidence=0.75, leads="lived lives living resides resided settled based hiding stayed "
                                   "remained remains exiled sheltering"),
    Pattern("located_in", r"\b(?:be|is|was|are|were|been) (?:now |still |currently |already )?"
            r"(?:(?:over|across) the border |hiding |living |based |sheltering )?in\b", "PLACE",
            reach=25, confidence=0.7, leads="be is was are were been"),
    # travel
    Pattern("traveled_to", r"\b(?:travell?ed|travels|went|flew|visited|visits|journeyed|headed|"
            r"made (?:a |several |two |three )?trips?)(?: back)?(?: to)?\b"
            r"(?! (?:school|college|university|work|war|court|bed|sleep|prison|jail)\b)", "PLACE", listable=True,
            reach=None, confidence=0.8,
            leads="traveled travelled travels went flew visited visits journeyed headed made"),
    # custody
    Pattern("released", r"\b(?:was |were )?(?:released|freed|set free|let go)\b", "NONE",
            confidence=0.85, leads="was were released freed set let"),
    # "police arrested him in Peshawar": the one arrested comes after the verb
    Pattern("detained", r"\b(?:captured|arrested|detained|imprisoned|jailed|kidnapped|abducted|picked up|"
            r"seized)(?= (?:him|her|them)\b)", "PLACE|ORG", subject="after", reach=None,
            requires_object=False, confidence=0.75,
            leads="captured arrested detained imprisoned jailed kidnapped abducted picked seized"),
    Pattern("detained", r"\b(?:captured|arrested|detained|imprisoned|jailed|taken prisoner|"
            r"kidnapped|abducted|held captive|taken into custody|picked up|(?:was|were|been) (?:\w+ly |never |not )?held (?=at|in))\b",
            "PLACE|ORG", reach=None, requires_object=False, confidence=0.8,
            leads="captured arrested detained imprisoned jailed taken kidnapped abducted held picked was were been"),
    # honours
    Pattern("awarded", r"\bawarded (?=him\b|her\b|them\b)", "TEXT", subject="after", confidence=0.8,
            leads="awarded"),
    Pattern("awarded", r"\b(?:gave|gives|presented|handed)(?= (?:him|her|them) (?:a|an|the) (?:\w+ )?"
            r"(?:medal|award|prize|honou?r|decoration|order|title)\b)", "TEXT", subject="after",
            confidence=0.75, leads="gave gives presented handed"),
    Pattern("awarded", r"\b(?:was |were )?(?:awarded|presented with|decorated with|honou?red with)\b",
            "TEXT", confidence=0.8, leads="was were awarded presented decorated honored honoured"),
    Pattern("awarded", r"\b(?:received|won|receives|wins) (?:the|a|an) (?=(?-i:[A-Z]))", "TEXT",
            confidence=0.7, leads="received won receives wins"),
)
