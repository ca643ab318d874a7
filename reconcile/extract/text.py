"""Offset-preserving text folding and sentence splitting.

Every later step works on `fold(text)`, which has exactly the same length as the original, so a
span found in the folded text is a span of the original: non-breaking and other odd spaces become
plain spaces and curly quotes become straight ones, character for character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u02bc": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-",
    "\u200b": " ", "\ufeff": " ",
})


def fold(text: str) -> str:
    """Same-length copy of `text` with spaces, quotes and hyphens made plain."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    """Index of the paragraph (blank-line or line-break separated block) it belongs to."""


# Abbreviations whose full stop does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr sen gen col capt lt maj sgt brig rep gov prof rev st jr sr inc ltd co no vs "
    "etc e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n".split()
)
_BOUNDARY = re.compile(
    r"""[.!?]["')\]]*(?=\s+["'(\[]?[A-Z0-9])   # . ! ? then a capital
    |(?:\u2026|\.\.\.)(?=\s*["']?[A-Z])          # ellipsis, even unspaced
    |(?<=[a-z0-9)])(?=\s{2,}[A-Z])                  # lost full stop: two or more spaces
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """Is the full stop at `dot` the end of an abbreviation or an initial ("Sen.", "J.")?"""
    m = _WORD_BEFORE.search(chunk, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    return word.lower() in _ABBREV or (len(word) == 1 and word.isupper())


_PARA = re.compile(r"\n\s*\n|\n(?=\s*\S)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines/blocks of `text` (a line break ends a paragraph)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in spans) if b > a]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def sentences(folded: str) -> list[Sentence]:
    """Sentence spans of already folded text, never crossing a paragraph break."""
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(folded)):
        chunk = folded[p_start:p_end]
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            if chunk[m.start()] == "." and _is_abbreviation(chunk, m.start()):
                continue
            a, b = _strip(chunk, pos, m.end())
            if b > a:
                out.append(Sentence(p_start + a, p_start + b, p_index))
            pos = m.end()
        a, b = _strip(chunk, pos, len(chunk))
        if b > a:
            out.append(Sentence(p_start + a, p_start + b, p_index))
    return out
