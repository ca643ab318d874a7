"""The grammar of a plain-text capture of a blog page, as ordered data.

A capture is what a reader gets by selecting a page and copying it: site chrome, the title, a
date (maybe with an author), the body, a comment-count heading ("2 Comments", "3 thoughts on …"),
then each comment as a header (number, author, "permalink"/"says:", date — on one line or two)
and its text, then the reply form and more chrome. Nothing here names a site: a new theme's
shape is a new row in these tables, not a new branch in the parser.

Every pattern is matched against one line with its indentation and trailing spaces removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..dates import parse_shown_date

_I = re.IGNORECASE

# Lines that are never content, wherever they appear (navigation, sharing, login boilerplate).
CHROME_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"skip to (main )?content",
        r"skip to (primary )?(navigation|sidebar)",
        r"(main )?menu|search( for)?:?|toggle navigation",
        r"reply( ↓)?|log in to reply|cancel reply|edit|\(edit\)|report( comment)?",
        r"like|liked by \d+ (people|person)|loading\.{0,3}|like loading\.{0,3}",
        r"share this:?|like this:?|related( posts)?:?",
        r"(facebook|twitter|email|print|linkedin|reddit|tumblr|pinterest|pocket|whatsapp|telegram)",
        r"(google|twitter|facebook|wordpress\.com) (photo|picture)",
        r"fill in your details below or click an icon to log in:?.*",
        r"you are commenting using your\b.*account\..*",
        r"\(?\s*log out\s*/?\s*change\s*\)?",
        r"connecting to %s",
        r"notify me of (new|follow-up) (comments|posts).*",
        r"(email|name|website|comment)( \((required|optional)\))?\s*\*?( \(address never made public\))?",
        r"post comment|submit comment|save my name, email, and website.*",
        r"your email address will not be published\..*",
        r"%d bloggers like this:?",
        r"logo",
        r"(previous|next) (post|article|entry)\b.*",
        r"permalink",
    )
)

# Lines after which everything is chrome (reply form, sidebar, footer) until a comment heading
# or comment header shows that content starts again.
CHROME_ZONE_STARTS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"leave a (reply|comment)( to .*)?|add a comment|post a comment|write a comment",
        r"comments are closed\.?|comments? (is|are) disabled\.?",
        r"share this:?|like this:?|related( posts| articles)?:?|you (may|might) also like:?",
        r"post navigation|recent posts|recent comments|archives|categories|tags:?|meta",
        r"%d bloggers like this:?",
        r"blog at wordpress\.com\.?|powered by wordpress\.?|proudly powered by .*",
        r"about the author|author bio",
    )
)

_COUNT_WORDS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}
_COUNT = r"(?P<count>\d{1,5}|" + "|".join(_COUNT_WORDS) + r")"

# Headings that open the comment section ("2 Comments leave one →", "5 thoughts on “X”").
SECTION_HEADINGS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        _COUNT + r"\s+(comments?|responses?|replies|thoughts?|reactions?)\b.{0,200}",
        r"comments?\s*\(" + _COUNT + r"\)",
        r"(comments|responses|discussion|reader comments|reactions)\s*:?",
    )
)

# Words around a comment's author name that are widget chrome, stripped from either end.
AUTHOR_MARKERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"\s*\bpermalink\b\s*",
        r"\s*\b(says|said|wrote|writes)\s*:?\s*",
        r"\s*\breply\b\s*",
        r"\s*\(edit\)\s*",
        r"\s*[|·—–:]\s*",
    )
)


@dataclass(frozen=True)
class HeaderShape:
    """One way a comment header is printed. Every shape needs a date, on the line itself or on
    the next non-blank line: that is what keeps list items and short lines of text from counting."""

    name: str
    pattern: re.Pattern[str]
    needs_section: bool = True
    """Only inside the comment section (after its heading) — false for unmistakable shapes."""


# Comment headers, most specific first. Groups: num, author, date (each optional).
COMMENT_HEADERS: tuple[HeaderShape, ...] = (
    HeaderShape("numbered", re.compile(r"(?P<num>\d{1,4})[.)]\s+(?P<rest>.+)")),
    HeaderShape(
        "author-on-date-said",
        re.compile(r"(?P<author>[^|]{1,80}?)\s+on\s+(?P<date>.+?)\s+(said|wrote|says)\s*:?", _I),
        needs_section=False,
    ),
    HeaderShape("author-says", re.compile(r"(?P<author>.{1,80}?)\s+(says|said|wrote)\s*:\s*(?P<date>.*)", _I),
                needs_section=False),
    HeaderShape("author-sep-date", re.compile(r"(?P<author>[^|·]{1,80}?)\s*[|·]\s*(?P<date>.+)")),
    HeaderShape("author-line", re.compile(r"(?P<author>.{1,60})")),
)

# A word of a name that may end in a full stop without ending a sentence: an initial ("K."),
# a dotted abbreviation ("J.R.", "Ph.D."), or a title or suffix ("Dr.", "Jr.").
NAME_ABBREVIATIONS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"[^\W\d_]\.",
        r"(?:[^\W\d_]{1,3}\.){2,}",
        r"(?:mr|mrs|ms|mx|dr|prof|rev|fr|sr|jr|st|esq|hon|gen|col|capt|lt|sgt|maj|sen|rep|gov)\.",
    )
)
# Lowercase words that still belong to a name ("Ali bin Omar", "Ludwig van Beethoven", "al-Din").
NAME_PARTICLES: frozenset[str] = frozenset(
    "al el ul ud bin ibn bint abu da de del della der den di du la le van von y zu ten ter".split()
)


# A post's date line, with or without its author: (author, date) groups.
POST_META: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        r"(posted|published)?\s*(on\s+)?(?P<date>.+?)\s+by\s+(?P<author>[^|·]{1,80}?)",
        r"(posted\s+)?by\s+(?P<author>.{1,80}?)\s*(\bon\b|[|·—–])\s*(?P<date>.+)",
        r"(posted|published)?\s*(on\s+)?(?P<date>.+)",
    )
)

# What a date looks like before dateparser is asked (it reads far too much as dates otherwise).
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_SHAPES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _I)
    for p in (
        _MONTH + r"\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}",
        r"\d{1,2}(st|nd|rd|th)?\.?\s+(of\s+)?" + _MONTH + r",?\s+\d{4}",
        r"\d{4}-\d{2}-\d{2}",
        r"\d{1,2}[./]\d{1,2}[./]\d{2,4}",
        r"\d{4}/\d{1,2}/\d{1,2}",
    )
)
MAX_DATE_LINE = 64
WORDS_AROUND_DATE = re.compile(r"\b(at|on|um|posted|published|updated|@)\b", _I)


def strip_line(line: str) -> str:
    return line.strip().strip("\u200b\ufeff").strip()


def is_chrome(line: str) -> bool:
    text = strip_line(line)
    return any(p.fullmatch(text) for p in CHROME_LINES)


def starts_chrome_zone(line: str) -> bool:
    text = strip_line(line)
    return any(p.fullmatch(text) for p in CHROME_ZONE_STARTS)


def section_heading(line: str) -> int | None | bool:
    """The comment count a heading announces, True for a heading without one, else False."""
    text = strip_line(line)
    if len(text) > 240:
        return False
    for pattern in SECTION_HEADINGS:
        match = pattern.fullmatch(text)
        if match:
            count = match.groupdict().get("count")
            if count is None:
                return True
            count = count.lower()
            return _COUNT_WORDS[count] if count in _COUNT_WORDS else int(count)
    return False


def parse_date(text: str, reference: datetime | None = None) -> tuple[str | None, str] | None:
    """(ISO, text as shown) when `text` is a date and little else; None otherwise. A line shaped
    like a date that no calendar has ("Octember 3, 2013 25:61 pm") is (None, text as shown): it
    still marks the comment header or the post's date line, so what it heads is kept, undated."""
    shown = " ".join(text.split())
    if not shown or len(shown) > MAX_DATE_LINE:
        return None
    match = next((m for p in DATE_SHAPES if (m := p.search(shown))), None)
    if match is None:
        return None
    # Beyond the date itself only a time and a few joining words may remain.
    rest = (shown[: match.start()] + " " + shown[match.end():])
    rest = WORDS_AROUND_DATE.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.h]\d{2}(:\d{2})?\s*([ap]\.?m\.?|uhr)?|[,|·—–\-]", " ", rest, flags=_I)
    if len(rest.split()) > 1:
        return None
    iso, original = parse_shown_date(shown, reference=reference)
    if iso is None and rest.split():
        return None  # a word beside an unreadable date: maybe an author's name ("Ann | April 22")
    return iso, original


def looks_like_capture(text: str, *, window: int = 40) -> bool:
    """True when a title-like line and a date line sit near the top of the text."""
    content = [strip_line(line) for line in text.splitlines()]
    content = [line for line in content if line and not is_chrome(line)][:window]
    for i, line in enumerate(content):
        if post_meta(line) is not None and (i > 0 or len(content) > 1):
            return True
    return False


def post_meta(line: str) -> tuple[tuple[str | None, str], str | None] | None:
    """((ISO, shown date), author or None) for a post's date line."""
    text = strip_line(line)
    for pattern in POST_META:
        match = pattern.fullmatch(text)
        if not match:
            continue
        date = parse_date(match.group("date"))
        if date is None:
            continue
        author = match.groupdict().get("author")
        return date, (author.strip() if author else None)
    return None


def _abbreviation(word: str) -> bool:
    return any(p.fullmatch(word) for p in NAME_ABBREVIATIONS)


def _name_word(word: str) -> bool:
    word = word.rstrip(",")
    return (word[:1].isupper() or _abbreviation(word) or word.lower() in NAME_PARTICLES
            or word.split("-", 1)[0].lower() in NAME_PARTICLES)


def full_stops_fit_a_name(text: str) -> bool:
    """Whether every full stop in `text` may belong to a name rather than end a sentence.

    A text without a word ending in "." passes as it is. Otherwise each such word must be an
    initial, a dotted abbreviation or a title/suffix (NAME_ABBREVIATIONS), and every word must
    look like part of a name (capitalised, such an abbreviation, or a particle): "Hamid K.",
    "Dr. Leila Rahimi", "Omar Farouk Jr." pass; "what the U.S." and "He left early. Ann" fail."""
    words = [w.rstrip(",") for w in text.split()]
    dotted = [w for w in words if w.endswith(".")]
    if not dotted:
        return True
    return all(_abbreviation(w) for w in dotted) and all(_name_word(w) for w in words)


def clean_author(text: str | None) -> str | None:
    """An author name without "permalink", "says:", separators around it."""
    if not text:
        return None
    value = text.strip()
    changed = True
    while changed and value:
        changed = False
        for marker in AUTHOR_MARKERS:
            for anchored in (re.compile(r"^(?:" + marker.pattern + r")", _I),
                             re.compile(r"(?:" + marker.pattern + r")$", _I)):
                new = anchored.sub("", value).strip()
                if new != value:
                    value, changed = new, True
    return value or None
