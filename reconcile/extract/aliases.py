"""Aliases the text states: "X, also known as Y", "X (Y)", "X, whose real name is Y".

Works on the text and the mentions' spans only, so any extractor (the rule pipeline, a spaCy one)
can call it. The cues are data (:data:`CUES`). A statement is found when a cue is followed by a
named mention (B), and the nearest earlier named mention of the same type (A) is tied to the cue
either directly ("X, aka Y", "X (Y)") or through an apposition that describes it ("X, a former
detainee who is now known as Y"). The quote runs from A to B.

Deliberately strict: nothing crosses a sentence end, a pronoun is never an alias, and A and B
must be of one type (a place in brackets after a person is where he is from, not another name).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .types import AliasOut, MentionOut

# (cue as recorded, pattern of the cue's words). Longer cues first: the first that matches wins.
CUES: tuple[tuple[str, str], ...] = (
    ("also known as", r"also\s+known\s+as"),
    ("better known as", r"better\s+known\s+as"),
    ("now known as", r"now\s+known\s+as"),
    ("also spelled", r"also\s+(?:spelled|spelt|written|transliterated)(?:\s+as)?"),
    ("whose real name is", r"whose\s+real\s+name\s+(?:is|was)"),
    ("real name", r"real\s+name(?:\s+is|\s+was|:)?"),
    ("nom de guerre", r"(?:whose\s+|his\s+|her\s+|the\s+)?nom\s+de\s+guerre(?:\s+is|\s+was|\s+of)?"),
    ("a.k.a.", r"a\.k\.a\.?"),
    ("aka", r"aka"),
    ("alias", r"alias"),
    ("known as", r"(?:widely\s+|commonly\s+|locally\s+|popularly\s+|simply\s+)?known\s+as"),
)

# What may stand between A and the cue.
_PUNCT = r"[\s,;:\-\u2013\u2014(\"'\u201c\u201d\u2018\u2019]*"
# "is/was/who is now ..." before the cue's words
_VERB = r"(?:(?:who\s+|which\s+)?(?:is|was|are|were|has\s+been|had\s+been|became|becomes)\s+)?(?:also\s+|now\s+|later\s+|then\s+|or\s+)?"
_DIRECT = re.compile(rf"^{_PUNCT}(?:or\s+)?{_VERB}$", re.IGNORECASE)
# an apposition describing A: ", a former Guantanamo detainee who is now"
_APPOSITION = re.compile(
    r"^\s*,\s*(?:a|an|the|his|her|their)\s[^.;:!?()\"\u201c\u201d]{0,100}?\s(?:who|which)\s+"
    r"(?:is|was|has\s+been|had\s+been|became)\s+(?:also\s+|now\s+|later\s+|better\s+)?$",
    re.IGNORECASE,
)
# between the cue and B: quotes, spaces, "the"
_AFTER_CUE = re.compile(r"^[\s:\"'\u201c\u2018]*$")
_CUE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(CUES)) + r")(?![\w-])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)]*)\s+[A-Z\u201c\"]")
MAX_GAP = 140  # characters from A's end to the cue: an apposition, not a paragraph


def _named(mentions: Sequence[MentionOut]) -> list[tuple[int, MentionOut]]:
    return sorted(((i, m) for i, m in enumerate(mentions) if not m.is_pronoun and m.end > m.start),
                  key=lambda im: (im[1].start, -im[1].end))


def _crosses_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def find_aliases(text: str, mentions: list[MentionOut]) -> list[AliasOut]:
    """Pairs of mentions (indexes into ``mentions``) the text states are one, with cue and quote."""
    named = _named(mentions)
    out: list[AliasOut] = []
    seen: set[tuple[int, int]] = set()

    def add(ia: int, ib: int, cue: str, end: int) -> None:
        a, b = mentions[ia], mentions[ib]
        if ia == ib or a.type != b.type or (ia, ib) in seen:
            return
        seen.add((ia, ib))
        start = a.start
        out.append(AliasOut(ia, ib, cue, " ".join(text[start:end].split()), start, end))

    # cue words: B follows the cue, A precedes it
    for match in _CUE_RE.finditer(text):
        cue = next(CUES[int(k[1:])][0] for k, v in match.groupdict().items() if v is not None)
        after = [(i, m) for i, m in named if m.start >= match.end() and _AFTER_CUE.match(text[match.end():m.start])]
        if not after:
            continue
        ib, b = after[0]
        before = [(i, m) for i, m in named if m.end <= match.start() and m.type == b.type
                  and match.start() - m.end <= MAX_GAP]
        for ia, a in reversed(before):
            gap = text[a.end:match.start()]
            if _crosses_sentence(gap):
                break
            if _DIRECT.match(gap) or _APPOSITION.match(gap):
                close = re.match(r"\s*\)", text[b.end:])
                add(ia, ib, cue, b.end + (close.end() if close else 0))
                break
            if any(m.type == b.type and a.end <= m.start < match.start() for _, m in named):
                break  # a nearer name of the type stands between: the cue is not about A
    # a name in brackets right after a name: "Mullah Baradar (Barader)", "the IMU (Islamic ...)"
    for k, (ia, a) in enumerate(named):
        rest = text[a.end:]
        opened = re.match(r"\s*\(\s*", rest)
        if not opened:
            continue
        at = a.end + opened.end()
        inside = [(i, m) for i, m in named[k + 1 :] if m.start == at]
        if not inside:
            continue
        ib, b = inside[0]
        close = re.match(r"\s*\)", text[b.end:])
        if close:
            add(ia, ib, "brackets", b.end + close.end())
    return sorted(out, key=lambda x: (x.quote_start, x.quote_end))
