"""The relation rules' data: predicate families, kinds of facts, equivalent office names.

Kept as tables so that a new predicate or a new office is a new row, not a new branch.
"""
from __future__ import annotations

# Predicate -> family; claims are only related within one family.
FAMILY: dict[str, str] = {
    "born": "born", "died": "died", "educated_at": "educated_at", "member_of": "member_of",
    "defected_to": "defected_to", "position_held": "position_held", "rank": "rank",
    "located_in": "located_in", "traveled_to": "traveled_to", "detained": "detained",
    "released": "released", "awarded": "awarded", "family": "family",
}
# Predicates never related (what someone said is not a fact about the world to compare).
UNRELATED: frozenset[str] = frozenset({"said", "statement"})

# One value per subject, ever: two different values conflict.
FUNCTIONAL: frozenset[str] = frozenset({"born", "died"})
# One value at a time: different values over the same precise time conflict.
ONE_AT_A_TIME: frozenset[str] = frozenset({"rank"})
# Offices and memberships: two spans of the same one that overlap but disagree on their bounds
# cannot both be right.
SPAN_CONFLICT: frozenset[str] = frozenset({"position_held", "member_of"})
# Facts whose place is part of the value: governor of Kandahar and governor of Nangarhar are two
# offices, whatever the role's name says. Places neither of which contains the other make the
# values different; a claim that names no place fits either.
PLACE_QUALIFIED: frozenset[str] = frozenset({"position_held"})
# Events whose object is only where they happened: a telling that names no place (or a place
# inside the other's) at a time that meets is the same event ("picked up in late 2010" and
# "arrested in Peshawar in November 2010").
PLACE_OPTIONAL: frozenset[str] = frozenset({"detained", "released", "traveled_to"})
# Everything else is an event: the same value at different times is another event.

# Office and rank names that denote one value, folded to a canonical concept. Keys and values
# are lower case, words separated by single spaces.
EQUIVALENT: dict[str, str] = {
    "meshrano jirga": "senator",
    "house of elders": "senator",
    "senate": "senator",
    "senator": "senator",
    "sen": "senator",
    "wolesi jirga": "member of parliament",
    "house of the people": "member of parliament",
    "mp": "member of parliament",
    "member of parliament": "member of parliament",
    "parliamentarian": "member of parliament",
    "parliament": "member of parliament",
    "national assembly": "member of parliament",
    "brig gen": "brigadier general",
    "brigadier general": "brigadier general",
    "brig general": "brigadier general",
    "maj gen": "major general",
    "lt gen": "lieutenant general",
    "lt col": "lieutenant colonel",
    "district chief": "district governor",
    "district governor": "district governor",
    "woluswal": "district governor",
    "uluswal": "district governor",
    "provincial governor": "governor",
    "governor": "governor",
    "taliban": "taliban",
    "islamic emirate": "taliban",
    "northern alliance": "united islamic front",
    "united front": "united islamic front",
    "united islamic front": "united islamic front",
}
# Words that qualify a value without changing what it is ("temporary senator" is a senator).
IGNORABLE: frozenset[str] = frozenset(
    {"temporary", "acting", "interim", "former", "then", "elected", "appointed", "indirectly", "directly",
     "the", "a", "an", "of", "as", "to", "in", "rank", "post", "position", "role", "office"}
)
