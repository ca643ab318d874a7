"""Folded name tokens and the blocking key built from them.

``name_tokens`` turns a surface name into the tokens the scorer compares: titles set apart
(people), script and case folded (unidecode), punctuation and hyphens split, izafe and article
connectors dropped, joined prefixes split ("Abdulhai" -> abdul hai), generic place words dropped
(places), and each token folded through :data:`reconcile.names.tables.TOKEN_RULES` so that
transliteration variants ("Pol"/"Pul", "Naeem"/"Naim", "Qala"/"Kala") meet. Token order is kept:
for people it distinguishes "Mohammad Wali" from "Wali Mohammad".
"""
from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

from . import tables
from .titles import split_title

KINDS = ("PERSON", "ORG", "PLACE")

_RULES = tuple((re.compile(pat), rep) for pat, rep, _why in tables.TOKEN_RULES)
_APOSTROPHES = str.maketrans("", "", tables.APOSTROPHES)
_SPLIT = re.compile(r"[^a-z0-9]+")
_PATRONYMIC_PHRASES = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\W+") for p in tables.PATRONYMIC_PHRASES) + r")(?![a-z])"
)
_NOT_A_REST = frozenset({"lah", "llah", "allah", "ullah", "illah", "ala", "alla"})
_PREFIXES = tuple(sorted(tables.JOINED_PREFIXES, key=len, reverse=True))


@lru_cache(maxsize=262144)
def fold_token(token: str) -> str:
    """Fold one lower-case ASCII token through the transliteration rules."""
    out = token
    for pattern, rep in _RULES:
        out = pattern.sub(rep, out)
    return out


def _ascii_words(text: str) -> list[str]:
    text = unidecode(text.translate(_APOSTROPHES)).lower().translate(_APOSTROPHES)
    text = _PATRONYMIC_PHRASES.sub(" ", text)
    return [w for w in _SPLIT.split(text) if w]


def _split_joined(word: str) -> list[str]:
    """``abdulhai`` -> ``[abdul, hai]``; ``abdurrahman`` -> ``[abdur, rahman]``; ``abdullah`` stays."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix) :]
            if rest in _NOT_A_REST or not re.search(r"[aeiouy]", rest):
                continue
            return [prefix, *_split_joined(rest)]
    return [word]


_GENERIC_PLACE = frozenset(fold_token(w) for w in tables.GENERIC_PLACE_WORDS)


def _drop(words: list[str], unwanted: frozenset[str] | set[str]) -> list[str]:
    kept = [w for w in words if w not in unwanted]
    return kept or words  # a name made only of connectors or generic words keeps them


@lru_cache(maxsize=262144)
def name_tokens_cached(name: str, kind: str = "PERSON") -> tuple[str, ...]:
    kind = kind.upper()
    if kind == "PERSON":
        name = split_title(name)[1]
    words = _ascii_words(name)
    words = _drop(words, tables.CONNECTORS)
    if kind == "PERSON":
        words = _drop(words, tables.PATRONYMIC_MARKERS)
        words = [part for w in words for part in _split_joined(w)]
        words = [tables.ABD_CANON if w in tables.ABD_FORMS else w for w in words]
    folded = [fold_token(w) for w in words]
    if kind == "PLACE":
        folded = _drop(folded, _GENERIC_PLACE)
    return tuple(t for t in folded if t)


def name_tokens(name: str, kind: str = "PERSON") -> list[str]:
    """The folded tokens of ``name`` in their original order (see the module docstring)."""
    return list(name_tokens_cached(name, kind))


def name_key(name: str, kind: str = "PERSON") -> str:
    """A blocking key: the folded tokens joined by spaces ("Sar-e-Pol" and "Sar-i Pul" -> "sar pul")."""
    return " ".join(name_tokens_cached(name, kind))
