"""Reported speech frames, attribution and modality of a claim.

A frame is a speech verb with its speaker: "officials have told the BBC", "X said",
"according to a spokesman", "“...,” X told". Claims in a sentence with a frame are `reported`
and attributed to the speaker; a news frame ("told the BBC", "according to") also covers the rest
of its paragraph, and a paragraph ending in a frame and a colon covers the next one (a quoted
block). Hedge and negation cues inside the claim's own clause make it `hedged` / `negated`.
Precedence: negated > hedged > reported > asserted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .types import MentionOut

_SPEECH = re.compile(
    r"\b(?:according to|(?:(?:have|has|had|would|will)\s+)?(?:" + "|".join(sorted(lx.SPEECH_VERBS, key=len, reverse=True)) + r"))\b",
    re.IGNORECASE,
)


def _speech_matches(folded: str, start: int, end: int) -> list[re.Match[str]]:
    """Speech frames in a sentence; the regex only runs if a speech word is there at all."""
    words = set(_LOWER_WORDS.findall(folded[start:end].lower()))
    if not words & lx.SPEECH_VERBS and "according" not in words:
        return []
    return list(_SPEECH.finditer(folded, start, end))


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for c in sorted(cues, key=len, reverse=True):
        esc = re.escape(c)
        parts.append(esc if c.startswith("n'") else rf"\b{esc}\b")
    return re.compile("|".join(parts), re.IGNORECASE)


HEDGE = _cue_regex(lx.HEDGE_CUES)
NEGATION = _cue_regex(lx.NEGATION_CUES)
IRREALIS = _cue_regex(lx.IRREALIS_CUES)
_NOUN_BEFORE = re.compile(r"((?:the |a |an |some |local |senior |provincial |government |"
                          r"security |taliban |afghan |western )*)([\w'-]+)\s*$", re.IGNORECASE)


@dataclass
class Frame:
    start: int
    end: int
    verb: str
    speaker: str | None
    speaker_mention: int | None
    news: bool
    """True when the frame relays a news source ("told the BBC", "according to")."""
    denial: bool


def find_frames(folded: str, start: int, end: int, mentions: list[MentionOut],
                names: dict[str, str]) -> list[Frame]:
    """Speech frames in folded[start:end], each with its speaker where one can be named."""
    frames: list[Frame] = []
    for m in _speech_matches(folded, start, end):
        verb = m.group().split()[-1].lower()
        speaker, index = _speaker(folded, m.start(), m.end(), start, end, mentions, names,
                                  m.group().lower() == "according to")
        if speaker is None:
            continue
        after = folded[m.end():min(end, m.end() + 25)].lower()
        news = m.group().lower() == "according to" or "bbc" in after or any(
            w in after for w in (" the press", " reporters", " journalists", " media"))
        frames.append(Frame(m.start(), m.end(), verb, speaker, index, news or verb in (
            "reported", "report", "reports"), verb in lx.DENIAL_VERBS))
    return frames


def _speaker(folded: str, v_start: int, v_end: int, s_start: int, s_end: int,
             mentions: list[MentionOut], names: dict[str, str], after: bool
             ) -> tuple[str | None, int | None]:
    if after:
        for i, mm in enumerate(mentions):
            if (v_end <= mm.start <= v_end + 25 and mm.type in ("PERSON", "ORG")
                    and re.fullmatch(r"\s*(?:the\s+|a\s+|an\s+)?", folded[v_end:mm.start])):
                if mm.surface.lower() in _POSSESSIVES:  # "according to his spokesman": not him
                    m = _NOUN_PHRASE_AFTER.match(folded, mm.end, s_end)
                    return (f"{_name(mm, names)}'s {m.group(1).strip()}" if m else None), None
                return _name(mm, names), i
        m = _NOUN_PHRASE_AFTER.match(folded, v_end, s_end)
        return (m.group(1).strip() if m else None), None
    # The nearest person/org ending shortly before the verb, allowing an appositive between.
    best: tuple[str | None, int | None] = (None, None)
    for i, mm in enumerate(mentions):
        if mm.end > v_start or mm.end < s_start:
            continue
        if mm.type not in ("PERSON", "ORG") or mm.surface.lower() in ("his", "her", "hers"):
            continue
        gap = folded[mm.end:v_start]
        if len(gap) <= 3 or (gap.startswith(",") and gap.rstrip().endswith(",") and len(gap) < 80):
            best = (_name(mm, names), i)
    if best[0]:
        return best
    m = _NOUN_BEFORE.search(folded, max(s_start, v_start - 60), v_start)
    if m and m.group(2).lower() in lx.SPEAKER_NOUNS:
        return (m.group(0).strip(), None)
    # "'...,' X told the BBC" with X after a closing quote, or "said X".
    for i, mm in enumerate(mentions):
        if v_end <= mm.start <= v_end + 3 and mm.type == "PERSON":
            return _name(mm, names), i
    return None, None


_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_NOUN_PHRASE_AFTER = re.compile(r"\s*((?:the |a |an )?[\w' -]{2,40}?)(?:[,.;]|$| who| in )")


def _name(m: MentionOut, names: dict[str, str]) -> str:
    if m.chain and m.chain in names:
        return names[m.chain]
    return m.name or m.surface


def _first_words(cues: tuple[str, ...]) -> frozenset[str]:
    return frozenset(re.match(r"[a-z]*", c).group() or c for c in cues)


_CUE_WORDS = {cues: _first_words(cues) for cues in (lx.NEGATION_CUES, lx.HEDGE_CUES, lx.IRREALIS_CUES)}
_LOWER_WORDS = re.compile(r"[a-z]+|n't")


def _maybe(text: str, cues: tuple[str, ...]) -> bool:
    """Cheap test (does a cue's first word occur?) before the word-boundary regex."""
    return not _CUE_WORDS[cues].isdisjoint(_LOWER_WORDS.findall(text.lower()))


def modality(clause: str, *, reported: bool, head: str) -> str:
    """`clause` is the claim's stretch of text; `head` the part up to its trigger."""
    if _maybe(head, lx.NEGATION_CUES) and NEGATION.search(head):
        return "negated"
    if _maybe(clause, lx.HEDGE_CUES) and HEDGE.search(clause):
        return "hedged"
    return "reported" if reported else "asserted"


def irrealis(head: str) -> bool:
    """Conditional or counterfactual clause ("if Qazi Abdul had jumped ship")."""
    return _maybe(head, lx.IRREALIS_CUES) and bool(IRREALIS.search(head))
