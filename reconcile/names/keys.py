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
from collections.abc import Callable
from functools import lru_cache

from unidecode import unidecode

from reconcile.nlp.groups import canonical_group

from . import tables
from .titles import split_title

KINDS = ("PERSON", "ORG", "PLACE")

_LOOKAROUND = re.compile(r"\(\?<?[=!][^)]*\)|[\^$]")


def _compile(pattern: str, rep: str) -> Callable[[str], str]:
    """A rule as a fast function: literal rules use ``str.replace``; a regex whose matches must
    contain one of a few literals runs only on tokens that contain one (most tokens do not)."""
    if re.escape(pattern) == pattern:
        return lambda s: s.replace(pattern, rep) if pattern in s else s
    compiled = re.compile(pattern)
    parts = _LOOKAROUND.sub("", pattern).split("|")
    if len(parts) == 1 and re.escape(parts[0]) == parts[0]:
        lit = parts[0]
        return lambda s: compiled.sub(rep, s) if lit in s else s
    if all(p and re.escape(p) == p for p in parts):
        screen = re.compile("|".join(parts)).search
        return lambda s: compiled.sub(rep, s) if screen(s) else s
    search = compiled.search  # sub() with a template parses the template on every call
    return lambda s: compiled.sub(rep, s) if search(s) else s


_RULES = tuple(_compile(pat, rep) for pat, rep, _why in tables.TOKEN_RULES)
_APOSTROPHES = str.maketrans("", "", tables.APOSTROPHES)
_SPLIT = re.compile(r"[^a-z0-9]+")
_PATRONYMIC_PHRASES = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\W+") for p in tables.PATRONYMIC_PHRASES) + r")(?![a-z])"
)
_NOT_A_REST = frozenset({"lah", "llah", "allah", "ullah", "illah", "ala", "alla"})
_PREFIXES = tuple(sorted(tables.JOINED_PREFIXES, key=len, reverse=True))
_SUFFIXES = tuple(sorted(tables.JOINED_SUFFIXES.items(), key=lambda kv: len(kv[0]), reverse=True))
_COMMA_INVERSION = re.compile(r"^\s*([^,]+?)\s*,\s*([^,]+?)\s*$")
_NOISE = tuple(re.compile(pat, re.IGNORECASE) for pat, _why in tables.PERSON_NAME_NOISE)


@lru_cache(maxsize=262144)
def fold_token(token: str) -> str:
    """Fold one lower-case ASCII token through the transliteration rules."""
    out = token
    for rule in _RULES:
        out = rule(out)
    return out


_PRE = dict(tables.PRE_UNIDECODE)
_PRE_TABLE = str.maketrans(_PRE)


def _ascii_words(text: str) -> list[str]:
    text = unidecode(text.translate(_PRE_TABLE).translate(_APOSTROPHES)).lower().translate(_APOSTROPHES)
    text = _PATRONYMIC_PHRASES.sub(" ", text)
    return [w for w in _SPLIT.split(text) if w]


@lru_cache(maxsize=131072)  # words repeat across names far more than names repeat
def _split_joined(word: str) -> tuple[str, ...]:
    """``abdulhai`` -> ``[abdul, hai]``; ``abdurrahman`` -> ``[abdur, rahman]``; ``abdullah`` stays."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix) :]
            if rest in _NOT_A_REST or not re.search(r"[aeiouy]", rest):
                continue
            if prefix in tables.ASSIMILATED_PREFIXES and not rest.startswith(prefix[-1]):
                rest = prefix[-1] + rest  # "abdusalam" -> abdus salam, as "abdussalam"
            return (prefix, *_split_joined(rest))
    return (word,)


@lru_cache(maxsize=131072)
def _split_suffix(word: str) -> tuple[str, ...]:
    """``aminullah`` -> ``[amin, ullah]``; ``nasiruddin`` -> ``[nasir, uddin]``."""
    for suffix, canon in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return (word[: -len(suffix)], canon)
    return (tables.STANDALONE_SUFFIXES.get(word, word),)


def _strip_noise(name: str) -> str:
    """Remarks about a name that are not part of it (:data:`tables.PERSON_NAME_NOISE`)."""
    for pattern in _NOISE:
        name = pattern.sub(" ", name)
    return name


def _uninvert(name: str) -> str:
    """"Rifqi, Tawfiq" -> "Tawfiq Rifqi": a list-style "Surname, Given names" put back in order."""
    m = _COMMA_INVERSION.match(name)
    if m and len(m.group(1).split()) <= 2:
        return f"{m.group(2)} {m.group(1)}"
    return name


_GENERIC_PLACE = frozenset(fold_token(w) for w in tables.GENERIC_PLACE_WORDS)
_GENERIC_PLACE_RE = re.compile("|".join(f"(?:{p})" for p in tables.GENERIC_PLACE_PATTERNS))


def _is_generic_place(token: str) -> bool:
    return token in _GENERIC_PLACE or _GENERIC_PLACE_RE.search(token) is not None


def _drop(words: list[str], unwanted: frozenset[str] | set[str]) -> list[str]:
    kept = [w for w in words if w not in unwanted]
    return kept or words  # a name made only of connectors or generic words keeps them


@lru_cache(maxsize=262144)
def _name_words(name: str, kind: str) -> tuple[tuple[str, str], ...]:
    """(unfolded word, folded token) for each token of ``name``, in order."""
    if kind == "PERSON":
        name = split_title(_uninvert(_strip_noise(name)))[1]
    words = _ascii_words(name)
    words = _drop(words, tables.CONNECTORS)
    if kind == "PERSON":
        words = _drop(words, tables.PATRONYMIC_MARKERS)
        words = [part for w in words for part in _split_joined(w)]
        words = [part for w in words for part in _split_suffix(w)]
        words = [tables.ABD_CANON if w in tables.ABD_FORMS else w for w in words]
    pairs = [(w, tables.NUMBER_WORDS.get(w) or fold_token(w)) for w in words]
    if kind == "PLACE":
        pairs = [p for p in pairs if not _is_generic_place(p[1])] or pairs
    return tuple(p for p in pairs if p[1])


@lru_cache(maxsize=262144)
def name_tokens_cached(name: str, kind: str = "PERSON") -> tuple[str, ...]:
    kind = kind.upper()
    if kind == "ORG":  # every spelling of a known group is the group ("TTP", "Pakistani Taliban")
        name = canonical_group(name) or name
    return tuple(t for _w, t in _name_words(name, kind))


_READINGS = tuple((re.compile(pat), rep) for pat, rep, _why in tables.ALTERNATIVE_READINGS)


@lru_cache(maxsize=131072)
def _word_readings(word: str, token: str) -> frozenset[str]:
    out = set()
    every = word
    for pattern, rep in _READINGS:
        if pattern.search(word):
            out.add(fold_token(pattern.sub(rep, word)))
            every = pattern.sub(rep, every)
    out.add(fold_token(every))  # all the other readings at once ("Eddaouahiri": article and w)
    out.discard(token)
    out.discard("")
    return frozenset(out)


@lru_cache(maxsize=262144)
def name_readings(name: str, kind: str = "PERSON") -> tuple[frozenset[str], ...]:
    """For each token of :func:`name_tokens`, the other folded forms it may stand for when a
    letter of it is read as another romanisation habit reads it
    (:data:`reconcile.names.tables.ALTERNATIVE_READINGS`: "Cho" may be "Jo", "Dhawahiri" may be
    "Zawahiri"); empty sets for most tokens."""
    return tuple(_word_readings(w, t) for w, t in _name_words(name, kind.upper()))


def name_tokens(name: str, kind: str = "PERSON") -> list[str]:
    """The folded tokens of ``name`` in their original order (see the module docstring)."""
    return list(name_tokens_cached(name, kind))


def name_key(name: str, kind: str = "PERSON") -> str:
    """A blocking key: the folded tokens joined by spaces ("Sar-e-Pol" and "Sar-i Pul" -> "sar pul")."""
    return " ".join(name_tokens_cached(name, kind))
