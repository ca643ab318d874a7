"""Find and normalise time phrases in text: `find_times` and `normalise`.

Speed: a cheap trigger regex (a digit, a month or weekday name, a relative word) finds the few
places in ordinary prose where a time phrase can be; the combined atom regex runs only in
windows around them, and the phrase rules only look at the words next to each atom.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from reconcile.timex.atoms import BUILDERS, Atom, Context
from reconcile.timex.edtf_check import fast_bounds, package_bounds
from reconcile.timex.fallback import read_phrase
from reconcile.timex.grammar import ATOMS, DIGIT_FIRST, FRAGMENTS, ONLY_DIGIT_FIRST
from reconcile.timex.lexicon import MONTHS, WEEKDAYS, alternation
from reconcile.timex.phrases import Found, Phrase, combine
from reconcile.timex.values import TimeMatch, TimeValue

_FIELD = re.compile(r"\{([A-Z]+)\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


def _expand(pattern: str) -> str:
    return _FIELD.sub(lambda m: FRAGMENTS[m.group(1)].replace("{p}", ""), pattern)


def _scoped(pattern: str, tag: str) -> str:
    """`pattern` with its group names prefixed by `tag`, so many patterns share one regex."""
    pattern = _GROUP.sub(lambda m: f"(?P<{tag}_{m.group(1)}>", pattern)
    return _BACKREF.sub(lambda m: f"(?P={tag}_{m.group(1)})", pattern)


_ATOM_SOURCES = [_expand(pattern) for _name, pattern, _builder in ATOMS]
# One regex for all atoms, in table order. It is only tried where a word starts (a cheap guard
# that skips most positions), and the atoms that can start with a digit are kept apart from
# those that start otherwise, so each position is tried against one group only.
def _group(indices: list[int], letter: str) -> str:
    return "|".join(f"(?P<{letter}{i}>{_scoped(_ATOM_SOURCES[i], f'{letter}{i}')})" for i in indices)


_DIGIT_GROUP = [i for i, (name, _p, _b) in enumerate(ATOMS) if name in DIGIT_FIRST]
_OTHER_GROUP = [i for i, (name, _p, _b) in enumerate(ATOMS) if name not in ONLY_DIGIT_FIRST]
_COMBINED = re.compile(
    r"(?<![A-Za-z0-9])(?:(?=\d)(?:" + _group(_DIGIT_GROUP, "d") + r")|(?=[^\d\s])(?:" + _group(_OTHER_GROUP, "a") + "))"
)
# For each alternative of _COMBINED, its groups: (name in the atom's pattern, name in _COMBINED).
_GROUP_NAMES = {
    tag: [(name[len(tag) + 1:], name) for name in _COMBINED.groupindex if name.startswith(tag + "_")]
    for tag in _COMBINED.groupindex if re.fullmatch(r"[ad]\d+", tag)
}
# The same without the dispatch: what the tests check `_COMBINED` against.
REFERENCE = re.compile("|".join(f"(?P<a{i}>{_scoped(src, f'a{i}')})" for i, src in enumerate(_ATOM_SOURCES)))
_SINGLE = [re.compile(src) for src in _ATOM_SOURCES]
_ATOM_BUILDERS = [BUILDERS[builder] for _name, _pattern, builder in ATOMS]

# Every atom holds one of these: four digits (a year), '58, a numeric date, a month or weekday
# name, or a word time phrases end on ("ago", "week"). A number of one to three digits is part
# of an atom only beside such a word ("19 September", "3 days ago"), whose window covers it.
# Triggers that are words can sit at the end of a long atom ("a little more than three days
# ago"); digits sit near an atom's start.
_WORD_TRIGGERS = (
    [w.title() for w in MONTHS] + [w.upper() for w in MONTHS] + [w for w in MONTHS if len(w) > 4]
    + [w.title() for w in WEEKDAYS if len(w) > 3] + [w for w in WEEKDAYS if len(w) > 5]
    + """yesterday today tomorrow tonight night morning afternoon evening now currently present
    presently nowadays moment ago later earlier afterwards afterward past future day days week
    weeks weekend fortnight month months year years decade decades century centuries twenties
    thirties forties fifties sixties seventies eighties nineties spring summer autumn fall winter
    quarter half recently lately recent""".split()
)
_TRIGGER = re.compile(r"(?P<digit>\d{4}|'\d\d|\d{1,2}[/.]\d{1,2}[/.]\d\d)|\b(?:" + alternation(_WORD_TRIGGERS + [w.title() for w in _WORD_TRIGGERS if w.islower()]) + r")\b")
# How far before a trigger an atom can start (characters): "the 1990s" starts 4 before its
# digits, "the 19th of September" 12 before its month, "a little more than three days ago" 34
# before its "ago".
_BACK_OF_DIGIT, _BACK_OF_WORD, _BACK_OF_COUNTED = 6, 16, 40
_BACK_OF = {"ago": 40, "later": 30, "earlier": 30, "afterwards": 30, "afterward": 30}
# A unit followed by one of these ends a counted phrase that may start far back: "a little more
# than three days ago" is reached from "days" before "ago" is seen.
_COUNTED = re.compile(r"\s+(?i:ago|later|earlier|afterwards?)\b")
# Where a word starts: the only places an atom can.
_WORD_START = re.compile(r"(?<![A-Za-z0-9])[^\s]")


def _build(index: int, groups: dict[str, str], ctx: Context, start: int, end: int) -> Atom | None:
    """A builder's atom; a date the calendar cannot hold (year 0, February 30) is no atom."""
    try:
        return _ATOM_BUILDERS[index](groups, ctx, start, end)
    except (ValueError, OverflowError, KeyError):
        return None


def _atom_at(text: str, m: re.Match[str], ctx: Context, hi: int) -> tuple[int, Atom] | None:
    """Build the atom the combined regex matched; if its builder declines, try the atoms after it
    in table order at the same place."""
    index = int(m.lastgroup[1:])  # type: ignore[index]
    groups = {short: v for short, full in _GROUP_NAMES[m.lastgroup] if (v := m.group(full)) is not None}
    atom = _build(index, groups, ctx, m.start(), m.end())
    if atom is not None:
        return m.end(), atom
    for later in range(index + 1, len(_SINGLE)):
        m2 = _SINGLE[later].match(text, m.start(), hi)
        if m2 is None:
            continue
        groups = {k: v for k, v in m2.groupdict().items() if v is not None}
        atom = _build(later, groups, ctx, m2.start(), m2.end())
        if atom is not None:
            return m2.end(), atom
    return None


def _atoms(text: str, anchor: date | None) -> list[Found]:
    """The atoms of `text`, left to right, none overlapping.

    Every atom holds a trigger and starts at most a few words before it, so the combined regex
    is tried only at the word starts just before each trigger, not across the whole text.
    """
    ctx = Context(text, anchor)
    found: list[Found] = []
    pos = 0
    end_of_text = len(text)
    for trigger in _TRIGGER.finditer(text):
        t0 = trigger.start()
        if t0 < pos:
            continue  # inside an atom already found
        if trigger.lastgroup == "digit":
            back = _BACK_OF_DIGIT
        elif _COUNTED.match(text, trigger.end()):
            back = _BACK_OF_COUNTED
        else:
            back = _BACK_OF.get(trigger.group().lower(), _BACK_OF_WORD)
        for w in _WORD_START.finditer(text, max(pos, t0 - back), t0 + 1):
            if w.start() < pos:
                continue
            m = _COMBINED.match(text, w.start(), end_of_text)
            if m is None:
                continue
            built = _atom_at(text, m, ctx, end_of_text)
            if built is None:
                continue
            end, atom = built
            found.append(Found(m.start(), end, atom))
            if atom.point is not None and atom.point.grain in ("day", "month", "season", "quarter", "half", "year"):
                ctx.previous, ctx.previous_end = atom.point, end
            pos = end
            if end > t0:
                break
    return found


def _as_date(anchor: date | datetime | None) -> date | None:
    if isinstance(anchor, datetime):
        return anchor.date()
    return anchor


def _value(text: str, phrase: Phrase, *, reference_check: bool = False) -> TimeValue | None:
    try:
        lo, hi = (package_bounds if reference_check else fast_bounds)(phrase.edtf)
    except ValueError:
        return None
    return TimeValue(phrase.edtf, lo, hi, text[phrase.start:phrase.end], phrase.resolved_from)


def find_times(text: str, anchor: date | datetime | None = None, *, language: str = "en") -> list[TimeMatch]:
    """Every time phrase in `text`, in order, with its EDTF value.

    Relative phrases ("yesterday", "last year", "on Monday") are resolved against `anchor`, the
    document's date; without one they are left out rather than guessed. "the next day" and
    "two years later" count from the last date the text named before them.
    For languages other than English, dateparser's search is used.
    """
    if not isinstance(text, str) or not text:
        return []
    day = _as_date(anchor)
    if language != "en":
        from reconcile.timex.fallback import search

        out = []
        for start, end, point, relative in search(text, day, language):
            phrase = Phrase(start, end, point.edtf, "anchor" if relative else None)
            value = _value(text, phrase)
            if value is not None:
                out.append(TimeMatch(start, end, value))
        return out
    matches: list[TimeMatch] = []
    for phrase in combine(text, _atoms(text, day)):
        value = _value(text, phrase)
        if value is not None:
            matches.append(TimeMatch(phrase.start, phrase.end, value))
    return matches


def find_atoms(text: str, anchor: date | datetime | None = None) -> list[TimeMatch]:
    """The bare time expressions in `text`, before the phrase rules join and modify them:
    "since 2004" gives "2004", "between 2004 and 2008" gives "2004" and "2008".

    For comparing with annotations that leave such words out of the span (TimeML); claims
    want `find_times`.
    """
    if not isinstance(text, str) or not text:
        return []
    out = []
    for f in _atoms(text, _as_date(anchor)):
        value = _value(text, Phrase(f.start, f.end, f.atom.edtf, f.atom.resolved_from))
        if value is not None:
            out.append(TimeMatch(f.start, f.end, value))
    return out


_EDTF_LIKE = re.compile(r"[\d.X\[\]{}~?%/,-]+")


def normalise(phrase: str, anchor: date | datetime | None = None) -> TimeValue | None:
    """One phrase -> its time value, or None. Never raises.

    Reads, in turn: the phrase as EDTF already ("[..1997]"); the grammar (the longest phrase
    found, validated by the `edtf` package); dateparser for whole absolute dates it cannot read.
    """
    try:
        return _normalise(phrase, _as_date(anchor))
    except Exception:  # the contract is "never raises": a bad phrase is no value
        return None


def _normalise(phrase: str, anchor: date | None) -> TimeValue | None:
    if not isinstance(phrase, str):
        return None
    text = phrase.strip()
    if not text or len(text) > 2000:
        return None
    if _EDTF_LIKE.fullmatch(text) and not text.isdigit() or re.fullmatch(r"\d{4}", text):
        try:
            lo, hi = package_bounds(text)
            return TimeValue(text, lo, hi, text)
        except ValueError:
            pass
    matches = find_times(text, anchor)
    if matches:
        best = max(matches, key=lambda m: (m.end - m.start, -m.start))
        phrase_ = Phrase(best.start, best.end, best.value.edtf, best.value.resolved_from)
        return _value(text, phrase_, reference_check=True)
    read = read_phrase(text, anchor)
    if read is None:
        return None
    point, relative = read
    return _value(text, Phrase(0, len(text), point.edtf, "anchor" if relative else None), reference_check=True)
