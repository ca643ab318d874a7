"""Word lists the phrase grammar is built from: month, weekday, number, season and unit words.

Everything here is data. `grammar.py` turns these tables into regex alternations; the builders
look words up here to turn what matched into numbers.
"""
from __future__ import annotations

import re

# Month names as written in English prose, with the abbreviations newspapers and blogs use.
# Abbreviations that are also ordinary words ("Mar", "May", "Jun") only count with a day or
# year beside them; see MONTH_ALONE in grammar.py.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Month words safe to read as a month with nothing beside them (capitalised, mid-sentence).
MONTHS_ALONE: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

# Full weekday names only: "Sun" and "Sat" are too often other words.
WEEKDAYS_ALONE: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)

# Words that make a weekday the name of another day ("Black Monday", "Good Friday").
NAMED_DAY_WORDS: tuple[str, ...] = (
    "Black", "Cyber", "Good", "Bloody", "Super", "Ash", "Easter", "Palm", "Holy", "Maundy",
    "Whit", "Shrove", "Plough", "Giving", "Blue", "Manic", "Mad", "Fat", "Red", "Great",
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a couple of": 2, "a couple": 2, "a dozen": 12, "half a": 0,
}

# Vague amounts: (smallest, largest) the phrase plausibly means.
VAGUE_AMOUNTS: dict[str, tuple[int, int]] = {
    "a few": (2, 5),
    "few": (2, 5),
    "several": (3, 9),
    "some": (2, 9),
    "many": (5, 30),
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}

# Decade words: "the nineties" -> 9 (the century comes from context or defaults to 1900s).
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}

# Seasons as EDTF level-1 season codes.
SEASONS: dict[str, int] = {
    "spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24,
}

# Calendar units relative phrases count in.
UNITS: dict[str, str] = {
    "day": "day", "days": "day",
    "week": "week", "weeks": "week",
    "weekend": "weekend",
    "fortnight": "fortnight",
    "month": "month", "months": "month",
    "year": "year", "years": "year",
    "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}

# Parts of a period: which third of it (early/mid/late), as a fraction range.
PARTS: dict[str, str] = {
    "early": "early", "beginning": "early", "start": "early", "dawn": "early",
    "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "close": "late",
}

# Quarters and halves as EDTF level-2 sub-year codes.
QUARTERS: dict[str, int] = {"first": 33, "second": 34, "third": 35, "fourth": 36, "last": 36,
                            "1st": 33, "2nd": 34, "3rd": 35, "4th": 36}
HALVES: dict[str, int] = {"first": 40, "second": 41, "last": 41, "1st": 40, "2nd": 41}

# Words that, earlier in the same sentence, say a bare month or weekday lies ahead of the
# document date rather than behind it.
FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|due\s+to|expected\s+to|scheduled|set\s+to|"
    r"plans?\s+to|planned|intends?\s+to|upcoming|coming|next)\b",
    re.IGNORECASE,
)
# Nouns after a bare four-digit number that make it a count, not a year ("2000 soldiers").
COUNT_NOUNS: frozenset[str] = frozenset("""
people persons men women children kids soldiers troops fighters militants police officers
civilians refugees families households students workers employees members votes voters
families homes houses cars vehicles tanks rockets missiles bombs rounds shells casualties
dead deaths killed wounded injured hostages prisoners detainees dollars euros pounds rupees
afghanis yuan yen cents km kilometres kilometers miles metres meters feet ft m kg tonnes tons
pounds acres hectares hours minutes seconds days weeks months years times copies pages
euro eur usd gbp dollar francs marks yen won dinars rials lakh crore
words calories barrels units pieces items cases patients beds points
""".split())


def alternation(words: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """A regex matching any of the words, built as a trie ("Jan(?:uary)?|Ju(?:ly|ne)").

    Python's `re` tries the branches of an alternation one by one at every position; a trie
    fails on the first letter instead, which keeps the combined grammar fast. A space in a
    word matches any run of whitespace. Longer words are tried before their prefixes.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _emit(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return body
