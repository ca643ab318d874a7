"""Rule-based mention finder: people, organisations, places and roles in one document.

Candidates are runs of capitalised tokens (with name particles such as "e", "ul", "bin" between
them, hyphenated or not); titles are split off with `reconcile.names.split_title`; each
candidate is typed by the ordered rules in `_TYPE_RULES`, which read the tables of
`lexicon.py`. Roles come from the role table, pronouns from the pronoun table. Offsets always
index the original text (the folded copy has the same length).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from reconcile.names import TITLES, name_key, split_title

from . import lexicon as lx
from .gazetteer import is_place
from .leadscan import LeadScanner
from .types import MentionOut

_UPPER = "A-Z\u00c0-\u00de\u0100-\u017f\u1e00-\u1eff"
_ABBR = r"(?:Mr|Mrs|Ms|Dr|Sen|Gen|Col|Capt|Lt|Maj|Sgt|Brig|Rep|Gov|Prof|Rev|St|Cmdr|Cdr|Adm|Eng|Amb|Hon|Engr)\."
_CAP = rf"(?:{_ABBR}|[{_UPPER}][\w]*(?:'[\w]+)*)"
_PARTICLE = "|".join(sorted(lx.NAME_PARTICLES, key=len, reverse=True))
_JOIN = r"(?:[ ]+|-)"
_CANDIDATE = re.compile(
    rf"(?:\b\d{{1,3}}(?:st|nd|rd|th)[ ]+)?"          # "26th Jihadi Division"
    rf"(?<![\w'-])(?:(?:then|ex)-|(?:al|el|ul)-)?"   # "then-President", "al-Qaeda"
    rf"{_CAP}"
    rf"(?:{_JOIN}(?:(?:{_PARTICLE}){_JOIN})?{_CAP})*"
)
_TOKEN = re.compile(r"[^\s]+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_PRONOUN = re.compile(r"\b(?:" + "|".join(lx.PRONOUNS) + r")\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:" + "|".join(re.escape(r) for r in sorted(lx.ROLES, key=len, reverse=True)) + r")s?\b",
    re.IGNORECASE,
)
_ROLE_SCAN: LeadScanner[str] = LeadScanner(
    [("role", _ROLE, sorted({r.split()[0].split("-")[0] for r in lx.ROLES}))])
_WORD_BEFORE = re.compile(r"([\w']+)[ ]*$")
_TWO_WORDS_BEFORE = re.compile(r"([\w']+[ ]+[\w']+)[ ]*$")
_WORD_AFTER = re.compile(r"[ ]*([\w']+)")
_COORD_PLACES = re.compile(r"[ ]+and[ ]+\S.*?[ ]+(provinces|districts)\b")
_GIVEN_NAMES = lx.GIVEN_NAMES
_NAME_SUFFIXES: tuple[str, ...] = ("zai", "zay", "khel", "ullah", "ullah", "uddin", "zada", "zadeh", "yar", "yaar")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "USSR", "KSA", "DRC"})


@dataclass
class _Candidate:
    start: int
    end: int
    tokens: list[tuple[int, int]]
    title: str | None = None
    type: str | None = None
    sentence_start: bool = False
    common: bool = False
    """Some word of it is used in lower case elsewhere in the document ("View Comments")."""


def find_mentions(text: str, folded: str, sentence_starts: Iterable[int],
                  known: dict[str, str] | None = None) -> list[MentionOut]:
    """Mentions of `text` (typed, titles split, no chains yet), sorted by offset.

    `known` maps lower-case names already typed higher up the thread to their type, so that a
    reply's bare "Rabbani" is a person when the post said "Ustad Rabbani".
    """
    starts = set(sentence_starts)
    lower_vocab = set(_LOWER_WORD.findall(folded))
    inherited = dict(known or {})
    known = {}
    for name, kind in inherited.items():
        _remember(known, MentionOut(0, 0, name, kind, name=name))
    mentions: list[MentionOut] = []
    pending: list[_Candidate] = []
    for cand in _candidates(folded, starts, lower_vocab):
        _type_candidate(cand, folded, known, _STRONG_RULES)
        if cand.type is None:
            pending.append(cand)
            continue
        if cand.type == "DROP":
            continue
        m = _to_mention(cand, text, folded)
        if m:
            mentions.append(m)
            _remember(known, m)
    # Second pass: weaker evidence, and names typed elsewhere in the document or thread.
    for cand in pending:
        _type_candidate(cand, folded, known, _WEAK_RULES)
        if cand.type:
            m = _to_mention(cand, text, folded)
            if m:
                mentions.append(m)
                _remember(known, m)  # "Nadir Shah was ... Nadir Shah's brother": the second by the first
    taken = sorted((m.start, m.end) for m in mentions)
    mentions.extend(_roles(text, folded, taken))
    mentions.extend(_pronouns(text, folded, taken))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _remember(known: dict[str, str], m: MentionOut) -> None:
    name = (m.name or m.surface).lower()
    known.setdefault(name, m.type)
    known.setdefault("key:" + name_key(name, "PLACE"), m.type)
    if m.type == "PERSON":
        for tok in name.split():
            if len(tok) > 2 and tok not in lx.NAME_PARTICLES:
                known.setdefault(tok, "PERSON")


def _candidates(folded: str, starts: set[int], lower_vocab: set[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _CANDIDATE.finditer(folded):
        toks = [(t.start() + m.start(), t.end() + m.start()) for t in _TOKEN.finditer(m.group())]
        # Split off possessives: "BBC's Jafar Haand" is two names.
        groups: list[list[tuple[int, int]]] = [[]]
        for a, b in toks:
            word = folded[a:b]
            if word.endswith("'s") and len(word) > 2:
                groups[-1].append((a, b - 2))
                groups.append([])
            else:
                groups[-1].append((a, b))
        for group in groups:
            cand = _trim(group, folded, starts, lower_vocab)
            if cand:
                found.append(cand)
    return _merge_of(found, folded)


def _merge_of(found: list[_Candidate], folded: str) -> list[_Candidate]:
    """Join "Directorate" + "of" + "National Security" when the head takes an "of" complement."""
    out: list[_Candidate] = []
    for cand in found:
        if out:
            prev = out[-1]
            head = folded[prev.tokens[-1][0]:prev.tokens[-1][1]].lower()
            last = folded[cand.tokens[-1][0]:cand.tokens[-1][1]].lower()
            if (folded[prev.end:cand.start] == " of " and head in lx.ORG_OF_HEADS
                    and last not in lx.ORG_HEADS):
                out[-1] = _Candidate(prev.start, cand.end, prev.tokens + cand.tokens,
                                     type="ORG", sentence_start=prev.sentence_start)
                continue
        out.append(cand)
    return out


def _is_sentence_initial(folded: str, pos: int, starts: set[int]) -> bool:
    if pos in starts:
        return True
    back = pos
    while back > 0 and folded[back - 1] in "\"'([ ":
        back -= 1
        if back in starts or (back > 0 and folded[back - 1] in ":\n"):
            return True
    return back == 0


def _trim(group: list[tuple[int, int]], folded: str, starts: set[int],
          lower_vocab: set[str]) -> _Candidate | None:
    if not group:
        return None
    initial = _is_sentence_initial(folded, group[0][0], starts)
    # A common word opening a sentence is not part of a name ("The Taliban", "Following").
    while group:
        word = folded[group[0][0]:group[0][1]]
        low = word.lower()
        starter = _is_sentence_initial(folded, group[0][0], starts)
        titled = len(group) > 1 and _is_title(word)
        if _not_name(low, folded, group[0][1]) or (starter and not titled and (low in lx.SENTENCE_STARTERS or low in lower_vocab)):
            group = group[1:]
            # After a quote-opening starter the rest is a quoted title, not a name.
            if starter and group and folded[max(0, group[0][0] - len(word) - 2)] == '"':
                return None
            continue
        break
    while group and _not_name(folded[group[-1][0]:group[-1][1]].lower(), folded, group[-1][1]):
        group = group[:-1]
    while group and folded[group[-1][0]:group[-1][1]].lower() in lx.NAME_PARTICLES:
        group = group[:-1]
    if not group:
        return None
    start, end = group[0][0], group[-1][1]
    # Hyphenated tails in lower case are not part of the name ("Taliban-era").
    text = folded[start:end]
    parts = text.split("-")
    if len(parts) > 1:
        keep = [parts[0]]
        for p in parts[1:]:
            if p[:1].islower() and p.split(" ")[0] not in lx.NAME_PARTICLES:
                break
            keep.append(p)
        end = start + len("-".join(keep))
    common = any(folded[a:b].lower() in lower_vocab for a, b in group)
    return _Candidate(start, end, group, sentence_start=initial, common=common)


_DATE_AFTER = re.compile(r"\.?[ ]*\d")


def _not_name(low: str, folded: str, end: int) -> bool:
    """A word that is never part of a name here; a month written short that is also a name part
    ("Jan": Tor Jan, Jan Mohammad) only when a date follows ("Jan 5", "Jan. 2010")."""
    if low in lx.NAME_MONTH_ABBREVIATIONS:
        return bool(_DATE_AFTER.match(folded, end, end + 3))
    return low in lx.NOT_NAMES


def _context_left(folded: str, start: int, words: int = 1) -> str:
    window = folded[max(0, start - 40):start]
    m = (_TWO_WORDS_BEFORE if words == 2 else _WORD_BEFORE).search(window)
    return m.group(1).lower() if m else ""


def _context_right(folded: str, end: int) -> str:
    m = _WORD_AFTER.match(folded, end, min(len(folded), end + 40))
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=50000)
def _split(name: str) -> tuple[str | None, str]:
    for prefix in ("then-", "ex-"):
        if name.lower().startswith(prefix):
            title, bare = _split(name[len(prefix):])
            return (name[: len(prefix)] + (title or "")) if title else None, bare
    return split_title(name)


def _type_candidate(c: _Candidate, folded: str, known: dict[str, str], rules: tuple) -> None:
    if c.type:
        return
    for rule in rules:
        t = rule(c, folded, known)
        if t:
            c.type = t
            return


def _words(c: _Candidate, folded: str) -> list[str]:
    return re.split(r"[ -]+", folded[c.start:c.end].lower())


def _rule_title(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    if _is_title(folded[c.start:c.end]):
        return "ROLE"
    title, bare = _split(folded[c.start:c.end])
    if title:
        c.title = title
        return "ORG" if _words_type(bare.lower().split()) == "ORG" else "PERSON"
    return None


def _is_title(words: str) -> bool:
    low = words.lower().rstrip(".").removeprefix("then-").removeprefix("ex-")
    return low in lx.PERSON_TITLES or low in _NAMES_TITLES


_NAMES_TITLES = frozenset(t.lower().rstrip(".") for t in TITLES)


def _words_type(words: list[str]) -> str | None:
    if not words:
        return None
    if len(words) > 1 and words[0] in lx.ORG_LEADS:
        return "ORG"
    if words[-1] in lx.ORG_HEADS or " ".join(words) in lx.KNOWN_ORGS:
        return "ORG"
    if words[-1] in lx.PLACE_HEADS:
        return "PLACE"
    return None


def _rule_heads(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    words = _words(c, folded)
    raw = folded[c.start:c.end]
    if _ACRONYM.match(raw):
        return "PLACE" if raw in _PLACE_ACRONYMS else "ORG"
    kind = _words_type(words)
    if kind and len(words) == 1 and words[0] not in lx.KNOWN_ORGS:
        return "DROP"  # a bare head word ("Faculty", "Province") names nothing
    return kind


def _rule_right_cue(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    nxt = _context_right(folded, c.end)
    if nxt in lx.GENERIC_PLACE_WORDS or nxt in ("valley", "river", "border"):
        return "PLACE"
    if nxt in lx.GROUP_RIGHT_HEADS and not is_place(folded[c.start:c.end]):
        return "ORG"  # "the Alokozai militia", "the Haqqani network"
    if _COORD_PLACES.match(folded, c.end, min(len(folded), c.end + 60)):
        return "PLACE"
    return None


def _rule_left_cue(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    two = _context_left(folded, c.start, 2)
    if two in lx.PLACE_LEFT_CUES:
        return "PLACE"
    if two in lx.PERSON_LEFT_CUES or _context_left(folded, c.start) in lx.PERSON_LEFT_CUES:
        return "PERSON"
    return None


def _rule_known(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    name = folded[c.start:c.end].lower()
    return known.get(name) or known.get("key:" + name_key(name, "PLACE"))


def _rule_gazetteer(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    name = folded[c.start:c.end]
    if known.get(name.lower()) == "PERSON":
        return None  # a surname used alone ("Sangari") outranks a village of that name
    return "PLACE" if is_place(name) else None


def _rule_person_shape(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    words = _words(c, folded)
    if words[0] in _GIVEN_NAMES or any(w.startswith(("abdul", "gholam", "ghulam")) for w in words):
        return "PERSON"
    if any(w.endswith(_NAME_SUFFIXES) and len(w) > 5 for w in words):
        return "PERSON"
    return None


def _rule_person_verb(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    """Two or more capitalised words, none of them a word the document writes in lower case,
    followed by a person's verb ("said", "was") or any past tense ("Farid Mangal joined"): a
    person, even opening a sentence, where no head word made it an organisation or a place."""
    nxt = _context_right(folded, c.end)
    if nxt in _VERB_ADVERBS:  # "Farid Mangal never joined", "... later returned"
        nxt = _context_right(folded, c.end + 1 + len(nxt))
    if len(c.tokens) >= 2 and not c.common and (nxt in lx.PERSON_RIGHT_VERBS or _past_tense(nxt)):
        return "PERSON"
    return None


_VERB_ADVERBS = frozenset({"never", "also", "later", "then", "once", "reportedly", "allegedly",
                           "recently", "finally", "eventually", "soon", "first", "briefly", "still"})


_ROLE_APPOSITION = re.compile(
    r",[ ]+(?:\d{1,3},[ ]+)?(?:a|an|the)[ ]+(?:former[ ]+|then[ ]+|onetime[ ]+)?(?:[\w-]+[ ]+){0,3}?(?:"
    + "|".join(re.escape(r) for r in sorted(lx.ROLES, key=len, reverse=True) if r not in lx.WEAK_ROLES)
    + r")s?\b", re.IGNORECASE)


def _rule_role_apposition(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    """"Hazrat Ali, a former militia commander, ...", "Qahraman, 58, a former MP", "Sayyaf, who
    led ...": a person."""
    if ((_ROLE_APPOSITION.match(folded, c.end, c.end + 80) or _WHO_AFTER.match(folded, c.end, c.end + 8))
            and not is_place(folded[c.start:c.end])):
        return "PERSON"
    return None


_WHO_AFTER = re.compile(r",[ ]+who[ ]")


def _past_tense(word: str) -> bool:
    return word in lx.IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word not in lx.NOT_VERBS)


def _rule_place_preposition(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    if len(c.tokens) == 1 and _context_left(folded, c.start) in lx.PLACE_PREPOSITIONS:
        return "PLACE"
    return None


def _rule_multiword_person(c: _Candidate, folded: str, known: dict[str, str]) -> str | None:
    words = _words(c, folded)
    if (len(c.tokens) >= 2 and not c.sentence_start and not c.common
            and not any(w in lx.SENTENCE_STARTERS for w in words)):
        return "PERSON"
    return None


# Ordered: the first rule that names a type decides. Strong rules run on every candidate
# first; the weak ones only on what is left, once the document's typed names are known.
_STRONG_RULES: tuple[Callable[[_Candidate, str, dict[str, str]], str | None], ...] = (
    _rule_title,
    _rule_heads,
    _rule_right_cue,
    _rule_left_cue,
    _rule_gazetteer,
    _rule_person_shape,
)
_WEAK_RULES: tuple[Callable[[_Candidate, str, dict[str, str]], str | None], ...] = (
    _rule_known,
    _rule_person_verb,
    _rule_role_apposition,
    _rule_place_preposition,
    _rule_multiword_person,
)


def _to_mention(c: _Candidate, text: str, folded: str) -> MentionOut | None:
    start, end = c.start, c.end
    surface_f = folded[start:end]
    if c.type == "PLACE":
        # "Herat Province" names Herat; the admin word is not part of the name.
        words = surface_f.split(" ")
        while len(words) > 1 and words[-1].lower() in lx.GENERIC_PLACE_WORDS:
            words = words[:-1]
        end = start + len(" ".join(words))
        surface_f = folded[start:end]
    if c.type == "ROLE":
        return MentionOut(start, end, text[start:end], "ROLE", name=surface_f)
    title, bare = _split(surface_f) if c.type == "PERSON" else (None, surface_f)
    if c.type == "PERSON" and bare.lower() in lx.NOT_NAMES:
        return None
    return MentionOut(start, end, text[start:end], c.type or "PERSON", title=title, name=bare)


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """Does [a, b) overlap one of `spans` (sorted by start, non-nested)?"""
    i = bisect.bisect_left(spans, (b, b))
    return any(x < b and a < y for x, y in spans[max(0, i - 3):i])


def _roles(text: str, folded: str, taken: list[tuple[int, int]]) -> list[MentionOut]:
    out: list[MentionOut] = []
    for _key, m in _ROLE_SCAN.scan(folded):
        word = m.group().lower().rstrip("s") if m.group().lower().endswith("s") and m.group().lower()[:-1] in lx.ROLES else m.group().lower()
        if word in lx.WEAK_ROLES or _overlaps(m.start(), m.end(), taken):
            continue
        out.append(MentionOut(m.start(), m.end(), text[m.start():m.end()], "ROLE", name=word))
    return out


def _pronouns(text: str, folded: str, taken: list[tuple[int, int]]) -> list[MentionOut]:
    out: list[MentionOut] = []
    for m in _PRONOUN.finditer(folded):
        if _overlaps(m.start(), m.end(), taken):
            continue
        out.append(MentionOut(m.start(), m.end(), text[m.start():m.end()], "PERSON", is_pronoun=True))
    return out
