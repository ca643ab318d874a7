"""The phrase grammar, as data: ordered tables of regex patterns and the builder each one calls.

Two levels:

* `ATOMS`: the smallest phrases that name a time on their own ("October 16 2001", "1990s",
  "last week", "three days ago", "Friday"). They are compiled into one alternation; at each
  position the first atom in table order that matches wins, so longer and more specific shapes
  come first. Each atom names a builder in `atoms.py` that turns its groups into a `Point`.
* `JOINS` and `PREFIXES`: what the words between and before atoms make of them: "between A and
  B" is a span, "A and B" a set, "sometime before A" one event before A, "around A" an
  approximation, "early A" the first third of A. `phrases.py` applies them in table order.

Patterns are plain strings; `{MONTH}`-style fields are filled from the fragments below, and
group names in a fragment are written `{p}name` so one fragment can appear twice in a pattern.
"""
from __future__ import annotations

from reconcile.timex.lexicon import (
    DECADE_WORDS,
    MONTHS,
    MONTHS_ALONE,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
    NAMED_DAY_WORDS,
    WEEKDAYS_ALONE,
    alternation,
)


def _cased(words: dict[str, int] | tuple[str, ...], lower_too: bool) -> str:
    """Title-case and upper-case spellings (and lower-case full names when `lower_too`)."""
    forms: set[str] = set()
    for w in words:
        forms.update({w.title(), w.upper()})
        if lower_too and len(w) > 4:
            forms.add(w.lower())
    return alternation(sorted(forms))


# ---- fragments ----------------------------------------------------------------------------
# Month and weekday names next to a number: any common spelling, "Sept." with its dot.
MONTH = rf"(?P<{{p}}mon>{_cased(MONTHS, lower_too=True)})(?:\.(?!\w))?"
WEEKDAY = rf"(?:{_cased(WEEKDAYS, lower_too=True)})\.?"
DAY = r"(?P<{p}day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?P<{p}year>1\d{3}|20\d{2})(?![\d])"
SEP = r"(?:\s*,\s*|\s+)"
NUMBER = rf"(?P<{{p}}num>\d{{1,3}}|(?i:{alternation(NUMBER_WORDS)}|{alternation(VAGUE_AMOUNTS)}))"
UNIT = rf"(?P<{{p}}unit>(?i:{alternation(UNITS)}))"
SEASON = rf"(?P<{{p}}season>(?i:{alternation(SEASONS)}))"
I = "(?i:{})"  # noqa: E741 - case-insensitive words, short for the patterns below

FRAGMENTS = {
    "MONTH": MONTH, "WEEKDAY": WEEKDAY, "DAY": DAY, "YEAR": YEAR, "SEP": SEP,
    "NUMBER": NUMBER, "UNIT": UNIT, "SEASON": SEASON,
}

# ---- atoms: (name, pattern, builder name in atoms.py) ---------------------------------------
# Order matters: at one position the first pattern that matches wins.
ATOMS: list[tuple[str, str, str]] = [
    # full dates
    ("iso_date", r"(?<![\d/.-])(?P<year>1\d{3}|20\d{2})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?",
     "full_date"),
    ("mdy_range", r"{MONTH}\s+(?P<d1>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|—|(?i:to|through|and))\s*{DAY}{SEP}{YEAR}",
     "day_range"),
    ("dmy_range", r"(?P<d1>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|—)\s*{DAY}(?:\s+of)?\s+{MONTH}{SEP}{YEAR}",
     "day_range"),
    ("mdy", r"(?:{WEEKDAY}(?:,\s*|[ \t]+))?{MONTH}\s+{DAY}{SEP}{YEAR}", "full_date"),
    ("dmy", r"(?:{WEEKDAY}(?:,\s*|[ \t]+))?(?:(?i:the)\s+)?{DAY}(?:\s+of)?\s+{MONTH}{SEP}{YEAR}", "full_date"),
    ("numeric_date", r"(?<![\d/.-])\d{1,2}(?:(?P<sep>[/.])\d{1,2}(?P=sep)(?:1\d{3}|20\d{2})|/\d{1,2}/\d\d)(?![\d/]|[.]\d)", "numeric_date"),
    ("month_range", r"(?P<m1>" + _cased(MONTHS, lower_too=True) + r")\.?\s*(?:-|–|—|(?i:to|through|until|and))\s*{MONTH}{SEP}{YEAR}",
     "month_range"),
    ("year_range", r"(?<![\d$£€#/.,-])(?P<y1>1\d{3}|20\d{2})\s*(?:-|–|—|/)\s*(?P<y2>1\d{3}|20\d{2}|\d{2})(?![\d%]|[.,]\d|-\d)",
     "year_range"),
    ("month_day", r"(?:{WEEKDAY}(?:,\s*|[ \t]+))?{MONTH}\s+{DAY}(?!\s*(?:,\s*)?\d)(?!:)", "month_day"),
    ("day_month", r"(?:(?i:the)\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?!\s*(?:,\s*)?\d)", "month_day"),
    ("month_year", r"{MONTH}{SEP}(?:(?i:of)\s+)?{YEAR}", "month_year"),
    ("season_year", r"(?:(?i:the)\s+)?{SEASON}(?:\s+(?i:of))?\s+{YEAR}", "season_year"),
    ("quarter_year", I.format(r"(?:the\s+)?(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?P<kind>quarter|half)\s+(?:of\s+(?:the\s+year\s+)?)?") + r"{YEAR}",
     "subyear"),
    ("quarter_rel", I.format(r"(?:the\s+)?(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?P<kind>quarter|half)\b(?:\s+of\s+(?:(?P<rel>this|last|next|the)\s+(?:fiscal\s+|financial\s+|current\s+)?year)\b|\s+(?P<rel2>this|last|next)\s+year\b)?"),
     "subyear_rel"),
    ("q_year", r"(?P<kind>Q|H)(?P<nth>[1-4])\s*{YEAR}", "subyear"),
    ("decade", r"(?:(?i:the)\s+)?(?P<dec>1\d\d0|20\d0)'?s\b", "decade"),
    ("decade_short", r"(?i:the)\s+'?(?P<dec2>\d0)'?s\b|(?<!\w)'(?P<dec3>\d0)s\b", "decade"),
    ("decade_word", I.format(r"the\s+(?:(?P<cent>nineteen|twenty)[-\s]?)?(?P<decw>" + alternation(DECADE_WORDS) + r")\b"), "decade"),
    ("century", r"(?:(?i:the)\s+)?(?P<cnum>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)\b", "century"),
    ("century_word", I.format(r"(?:the\s+)?(?P<cword>" + alternation(ORDINALS) + r")[\s-]+century\b"), "century"),
    # relative to the document date
    ("day_word", I.format(r"(?:the\s+)?day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)|(?P<word>yesterday|today|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?|this\s+(?:morning|afternoon|evening)|last\s+night"),
     "day_word"),
    # "two summers ago": that season so many years back
    ("season_ago", r"{NUMBER}\s+(?P<seasons>(?i:summers|winters|springs|autumns|falls))\s+(?i:ago)\b", "season_ago"),
    ("ago", I.format(r"(?:(?P<hedge>just\s+over|just\s+under|a\s+little\s+over|a\s+little\s+more\s+than|more\s+than|over|less\s+than|under|nearly|almost|about|around|roughly|approximately|some)\s+)?")
     + r"{NUMBER}\s+{UNIT}\s+(?i:ago)\b", "ago"),
    # "next year" counts from the document date; "the next year" from the story (ctx_next)
    ("rel_unit", I.format(r"(?:(?:the\s+)?(?P<rel>last|this|coming|this\s+past)|(?P<rel2>next))\s+(?:fiscal\s+|financial\s+|calendar\s+)?(?P<unit>week|weekend|fortnight|month|year|decade|century)\b"), "rel_unit"),
    # "the end of the year", "the start of the month": the one the document is in
    ("this_unit_of", I.format(r"(?<=of\s)the\s+(?:current\s+|fiscal\s+|calendar\s+)?(?P<unit>year|month|week)\b(?!\s+(?:of|before|after|when|that|in|\d))"), "rel_unit"),
    ("rel_in_unit", I.format(r"(?P<rel>earlier|later)\s+this\s+(?P<unit>week|month|year)\b"), "rel_unit"),
    ("rel_named", I.format(r"(?:the\s+)?(?P<rel>last|this|next|coming|this\s+past)\s+")
     + r"(?:(?P<named>" + _cased(MONTHS_ALONE, lower_too=False) + "|" + _cased(WEEKDAYS_ALONE, lower_too=True) + r")\b|{SEASON}\b)",
     "rel_named"),
    ("now", I.format(r"\b(?:right\s+now|now|currently|at\s+present|presently|nowadays|at\s+the\s+moment)\b(?!-)"), "now"),
    ("past_ref", I.format(r"(?<=in\s)the\s+past\b(?!\s+(?:few|several|couple|\d|one|two|three|four|five|six|seven|eight|nine|ten|week|weekend|month|year|decade|day|century|hours?|minutes?)\b)(?!-)"),
     "past_ref"),
    ("recent_ref", I.format(r"\b(?:more\s+)?(?:recently|lately)\b|\b(?<=in\s)recent\s+(?:years|months|weeks|days|times)\b"), "recent_ref"),
    ("future_ref", I.format(r"(?<=in\s)the\s+future\b"), "future_ref"),
    # "for the past two years": up to the document date
    ("past_span", r"(?:(?<=[Ff]or\s)|(?<=[Oo]ver\s))" + I.format(r"the\s+(?:past|last)\s+") + r"{NUMBER}\s+{UNIT}\b",
     "past_span"),
    # relative to the last date mentioned
    ("ctx_shift", r"{NUMBER}\s+{UNIT}\s+" + I.format(r"(?P<dir>later|earlier|afterwards?)\b"), "ctx_shift"),
    ("ctx_next", I.format(r"the\s+(?P<rel>next|following|previous|preceding|same)\s+(?P<unit>day|week|weekend|month|year|decade)\b|(?P<rel2>later|earlier)\s+that\s+(?P<unit2>day|week|month|year)\b|that\s+(?P<unit3>same\s+day|day|week|month|year)\b"),
     "ctx_next"),
    # a weekday, month or season on its own: the nearest one, before or after the anchor by tense
    ("weekday", r"(?<![\w-])" + "".join(rf"(?<!{w}\s)" for w in NAMED_DAY_WORDS) + r"(?P<named>" + "|".join(WEEKDAYS_ALONE) + r")(?!-)\b(?!\s+(?:I|we|you|he|she|it|they|be|have|not)\b)", "bare_named"),
    ("month_alone", r"(?<![\w-])(?P<named>" + "|".join(MONTHS_ALONE) + r")\b(?!-|\s*\d)(?<!May(?=\s(?:I|we|you|he|she|it|they|be|have|not|also|well)\b))", "bare_named"),
    ("season_alone", r"(?:(?<=\b[Ii]n\s)|(?<=\b[Dd]uring\s)|(?<=\b[Bb]y\s)|(?<=\b[Tt]hat\s))(?:(?i:the)\s+)?(?P<named>(?i:spring|summer|autumn|fall|winter))\b(?!\s+(?:of\s+)?\d)(?!-)", "bare_named"),
    ("apostrophe_year", r"(?<![\w'])'(?P<yy>\d\d)(?![\ds'])", "short_year"),
    ("year", r"(?<![\w$£€#/.,:+])(?<![\d\s]-)(?<!No\.\s)(?P<year>1\d{3}|20\d{2})(?![\w%/]|[.,:]\d|-\d|\s*(?:percent|per\s+cent)\b)", "year"),
]

# Atoms that can begin with a digit, and those that can only begin with one: the matcher tries
# a position that starts with a digit against the first set only, any other against the rest.
DIGIT_FIRST = frozenset({
    "iso_date", "dmy_range", "dmy", "numeric_date", "year_range", "day_month", "quarter_year",
    "quarter_rel", "decade", "century", "ago", "ctx_shift", "year", "season_ago",
})
ONLY_DIGIT_FIRST = frozenset({"iso_date", "dmy_range", "numeric_date", "year_range", "year"})

# ---- joins: two or more atoms and the words between them -----------------------------------
# (name, prefix before the first atom or None, joiner between atoms, builder in phrases.py)
# The prefix is matched against the text just before the first atom; `(?:...)\Z` semantics.
JOINS: list[tuple[str, str | None, str, str]] = [
    ("between", I.format(r"\bbetween\s+"), I.format(r"\s+and\s+"), "span"),
    ("from_to", I.format(r"\bfrom\s+"), I.format(r"\s*(?:-|–|—)\s*|\s+(?:to|until|till|through|thru|and)\s+"), "span"),
    ("to", None, I.format(r"\s*(?:–|—)\s*|\s+(?:to|until|till|through)\s+"), "span"),
    ("or_set", None, I.format(r"\s+or\s+"), "one_of"),
    ("and_set", None, I.format(r"\s*,\s*|,?\s+(?:and|&)\s+"), "all_of"),
]

# ---- prefixes: words before an atom that change what it means ------------------------------
# Tried innermost first: a part of a period ("early 2001") before an approximation ("around
# early 2001") before an open end or before/after ("until early 2001").
PREFIXES: list[tuple[str, str, str]] = [
    ("part", I.format(r"\b(?:(?:the|in\s+the)\s+)?(?P<part>early|mid|late|middle)(?:\s*-\s*|\s+)(?:in\s+)?(?:the\s+)?"), "part"),
    ("part_of", I.format(r"\b(?:the\s+)?(?P<part>beginning|start|middle|end|close|dawn)\s+of\s+(?:the\s+)?"), "part"),
    ("approx", I.format(r"(?:\b(?:sometime|some\s+time|in\s+or|on\s+or|at\s+or)\s+)?(?:\baround|\babout|\bcirca|\bc\.|\bca\.|\bapproximately|\bapprox\.|\broughly)\s+(?:(?:in|on)\s+)?"), "approx"),
    ("before", I.format(r"(?:\b(?:sometime|some\s+time|at\s+some\s+point|shortly|just|long|well|even|only|sometimes)\s+)?\b(?:before|prior\s+to|earlier\s+than|ahead\s+of)\s+"), "before"),
    ("by", I.format(r"\b(?:(?:no|not)\s+later\s+than|by)\s+"), "by"),
    ("after", I.format(r"(?:\b(?:sometime|some\s+time|shortly|soon|just|long|well|only)\s+)?\b(?:after|later\s+than)\s+"), "after"),
    ("until", I.format(r"\b(?:(?:up\s+)?(?:until|till|til)|up\s+to)\s+"), "until"),
    ("since", I.format(r"\b(?:ever\s+)?since\s+(?:at\s+least\s+|as\s+early\s+as\s+)?"), "since"),
    ("range_from", I.format(r"\b(?:from|between)\s+"), "keep_range"),
]

# ---- suffixes: words after an atom that change what it means ------------------------------
# Applied before the prefixes: "from 2011 onwards" is "2011 onwards", then "from".
SUFFIXES: list[tuple[str, str, str]] = [
    ("onwards", I.format(r"\s+(?:onwards?\b|on\b(?=\s*(?:[,.;:!?)]|$))|and\s+(?:after|beyond|later)\b(?!\s+(?:the|a|an|his|her|their|its)\b))"), "since"),
    ("or_earlier", I.format(r",?\s+(?:or\s+(?:earlier|before)|at\s+the\s+latest)\b"), "by"),
    ("or_later", I.format(r",?\s+(?:or\s+(?:later|after)|at\s+the\s+earliest)\b"), "from_on"),
]

# Words at least one of which is among the last three before an atom whenever some prefix above
# can match there: a cheap gate that spares the prefix regexes for the plain "in 1994".
PREFIX_KEYWORDS = frozenset("""
early mid late middle beginning start end close dawn around about circa c. ca. approximately
approx. roughly before prior earlier ahead than by later after until till til up since from
between sometime time
""".split())
