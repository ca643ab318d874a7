"""Coreference within a document and down its comment thread.

Named mentions of a person join a chain when one name's folded tokens are an ordered subset of
the other's ("Mr Hai", "Qazi Abdul", "Sen. Qazi Khadem" and "Qazi Abdulhai" all fit inside
"Qazi Abdul Hai Khadem"); the most recently mentioned compatible chain wins. Places and
organisations chain by transliteration-aware similarity. Pronouns then take the sentence's
subject, or else the passage's focus (the last sentence subject), which is what makes a
biography of many "He ..." sentences one subject and "X told the BBC. He added" X's words; an
object "him" skips its own clause's subject ("Karzai awarded him"). A pronoun with nothing
before it looks ahead to the next named person (a news lede names its man a sentence later).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from reconcile.names import name_key, similarity
from reconcile.names.keys import fold_token, name_tokens_cached

from . import lexicon as lx
from .text import Sentence
from .types import MentionOut, ThreadContext

_PLACE_ORG_THRESHOLD = 0.85


@dataclass
class _Chain:
    id: str
    type: str
    names: list[str] = field(default_factory=list)
    tokens: list[tuple[str, ...]] = field(default_factory=list)
    count: int = 0
    last: int = -1
    index: int = -1
    gender: str | None = None
    """"m" or "f" once a gendered pronoun or title has pointed at the chain."""


@dataclass
class CorefResult:
    chain_names: dict[str, str]
    salient: str | None
    subjects: dict[int, str]
    """Sentence index -> chain id of that sentence's subject person, where one was found."""


def _clashes(chain: _Chain | None, gender: str | None) -> bool:
    return chain is not None and gender is not None and chain.gender is not None and chain.gender != gender


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of `short`, in order, equals a token or a run of joined tokens of `long` (the
    run folded again as one word: a joined name folds its inner letters like one word)."""
    if not short or len(short) > len(long) + 2:
        return False
    j = 0
    for tok in short:
        found = False
        while j < len(long):
            acc = ""
            for k in range(j, min(len(long), j + 3)):
                acc += long[k]
                if acc == tok or (k > j and fold_token(acc) == tok):  # "Daudshah" = "Daud Shah"
                    j = k + 1
                    found = True
                    break
                if len(acc) >= len(tok):
                    break
            if found:
                break
            j += 1
        if not found:
            return False
    return True


def _compatible(a: tuple[str, ...], chain: _Chain) -> bool:
    """`a` fits the chain's fullest name, inside it or around it ("Naqibullah Sangari" does
    not join a chain whose fullest name is "Zabihullah Sangari" just because it also holds a
    bare "Sangari")."""
    if not chain.tokens:
        return False
    full = max(chain.tokens, key=len)
    return _subsequence(a, full) or _subsequence(full, a)


_SPEAKS_NEXT = re.compile(
    r"(?:,[^,.]{1,80},)?\s+(?:has\s+|had\s+)?(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r")\b",
    re.IGNORECASE)
_QUOTE = re.compile(r'"[^"\n]{2,}?"')


def _speaks(folded: str, end: int) -> bool:
    """Is the mention ending at `end` the speaker of a speech verb right after it?"""
    return bool(_SPEAKS_NEXT.match(folded, end, min(len(folded), end + 100)))


def is_oblique(folded: str, start: int) -> bool:
    """Is the mention at `start` governed by a preposition or a possessive (not a subject)?"""
    before = folded[max(0, start - 12):start].rstrip(" ,\"'(").lower()
    word = before.rsplit(" ", 1)[-1] if before else ""
    return word in lx.OBLIQUE_LEFT or before.endswith("'s")


class Coreferencer:
    def __init__(self, prefix: str, context: ThreadContext | None):
        self.prefix = prefix
        self.chains: list[_Chain] = []
        self.counter = 0
        # Indexes so that linking a name compares it with a few chains, not all of them.
        self.by_prefix: dict[str, set[int]] = {}
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_initial: dict[tuple[str, str], list[int]] = {}
        if context:
            for cid, names in context.chains.items():
                ch = _Chain(cid, context.types.get(cid, "PERSON"), index=len(self.chains))
                self.chains.append(ch)
                for n in names:
                    self._add_name(ch, n)
        self.context_salient = context.salient if context else None

    def _add_name(self, ch: _Chain, name: str) -> None:
        if name in ch.names:
            return
        ch.names.append(name)
        index = ch.index
        if ch.type == "PERSON":
            toks = tuple(name_tokens_cached(name, "PERSON"))
            if toks:
                ch.tokens.append(toks)
                for tok in toks:
                    self.by_prefix.setdefault(tok[:3], set()).add(index)
        else:
            ch.tokens.append((name,))
            key = name_key(name, ch.type)
            self.by_key.setdefault((ch.type, key), index)
            self.by_initial.setdefault((ch.type, key[:1]), []).append(index)

    def _new(self, type_: str) -> _Chain:
        ch = _Chain(f"{self.prefix}{self.counter}", type_, index=len(self.chains))
        self.counter += 1
        self.chains.append(ch)
        return ch

    def _link_named(self, m: MentionOut, pos: int) -> None:
        name = m.name or m.surface
        best: _Chain | None = None
        if m.type == "PERSON":
            toks = tuple(name_tokens_cached(name, "PERSON"))
            candidates: set[int] = set()
            for tok in toks:
                candidates |= self.by_prefix.get(tok[:3], set())
            for k in sorted(candidates):
                ch = self.chains[k]
                if ch.type == "PERSON" and toks and _compatible(toks, ch):
                    if best is None or ch.last > best.last:
                        best = ch
        else:
            key = name_key(name, m.type)
            exact = self.by_key.get((m.type, key))
            if exact is not None:
                best = self.chains[exact]
            else:
                for k in self.by_initial.get((m.type, key[:1]), []):
                    ch = self.chains[k]
                    if any(similarity(n, name, m.type) >= _PLACE_ORG_THRESHOLD for n in ch.names[:4]):
                        best = ch
                        break
        if best is None:
            best = self._new(m.type)
        if best.gender is None and m.title:
            best.gender = lx.TITLE_GENDER.get(m.title.lower().rstrip("."))
        self._add_name(best, name)
        best.count += 1
        best.last = pos
        m.chain = best.id

    def run(self, mentions: list[MentionOut], sentences: list[Sentence], folded: str) -> CorefResult:
        for i, m in enumerate(mentions):
            if not m.is_pronoun and m.type in ("PERSON", "ORG", "PLACE"):
                self._link_named(m, i)
        by_id = {ch.id: ch for ch in self.chains}
        subjects: dict[int, str] = {}
        focus = self.context_salient
        si = 0
        sentence_subject: str | None = None
        focus_before = focus
        quotes = [(q.start(), q.end()) for q in _QUOTE.finditer(folded)]
        q_starts = [q[0] for q in quotes]

        def quoted(pos: int) -> bool:
            k = bisect.bisect_right(q_starts, pos) - 1
            return k >= 0 and quotes[k][0] < pos < quotes[k][1]

        speaker = False  # the sentence subject is a speaker ("X told the BBC")
        kept = False  # a pronoun in the sentence went back to the passage's focus
        for i, m in enumerate(mentions):
            while si < len(sentences) and m.start >= sentences[si].end:
                if sentence_subject:
                    subjects[si] = sentence_subject
                    # "Karzai gave him a medal. He speaks Dari": a sentence whose new subject
                    # acts on the passage's person ("him") does not take the focus from them.
                    if speaker or not kept:
                        focus = sentence_subject
                si += 1
                sentence_subject = None
                focus_before = focus
                speaker = kept = False
            if m.type != "PERSON":
                continue
            subject_like = not is_oblique(folded, m.start)
            if m.is_pronoun:
                role = lx.PRONOUNS.get(m.surface.lower(), "subject")
                gender = lx.PRONOUN_GENDER.get(m.surface.lower())
                target = sentence_subject or focus
                if role == "object" and sentence_subject and focus_before and focus_before != sentence_subject:
                    target = focus_before
                elif role == "object" and target is not None and target == sentence_subject:
                    target = None  # "Karzai appointed him": never Karzai himself (that is "himself")
                if target is None and role != "object":
                    target = self._forward(mentions, i)
                if target is not None and _clashes(by_id.get(target), gender):
                    # "Dr. Farida Popal ... She ... After his dismissal Toryalai moved": not her
                    target = self._agreeing(mentions, i, gender, by_id)
                if target is None:
                    continue
                m.chain = target
                ch = by_id.get(target)
                if ch is not None and ch.gender is None and gender:
                    ch.gender = gender
                if ch:
                    m.name = ch.names[0] if ch.names else None
                    m.name = max(ch.names, key=len) if ch.names else None
                    ch.count += 1
                if sentence_subject is None and role == "subject" and not quoted(m.start):
                    sentence_subject = target
                if (not quoted(m.start) and focus_before and target == focus_before
                        and sentence_subject and sentence_subject != focus_before):
                    kept = True
                if role == "possessive" and sentence_subject is None and target == focus_before:
                    # "His brother, X, was killed": the sentence is about X, the passage still
                    # about the man whose brother he was
                    kept = True
            elif subject_like and _speaks(folded, m.end):
                sentence_subject = m.chain  # "X told the BBC. He added ..." -> X
                speaker = True
            elif sentence_subject is None and subject_like and not quoted(m.start):
                sentence_subject = m.chain
        if sentence_subject:
            subjects[si] = sentence_subject
        names = {ch.id: max(ch.names, key=len) for ch in self.chains if ch.names}
        people = [ch for ch in self.chains if ch.type == "PERSON" and ch.count]
        salient = max(people, key=lambda c: (c.count, -c.last)).id if people else self.context_salient
        return CorefResult(names, salient, subjects)

    @staticmethod
    def _agreeing(mentions: list[MentionOut], i: int, gender: str | None, by_id: dict[str, _Chain]) -> str | None:
        """The person a gendered pronoun can stand for when the passage's focus cannot: the next
        one named in its sentence ("after his dismissal Toryalai ..."), else the last one before."""
        for m in mentions[i + 1:i + 4]:
            if m.type == "PERSON" and not m.is_pronoun and m.chain and not _clashes(by_id.get(m.chain), gender):
                return m.chain
        for m in reversed(mentions[:i]):
            if m.type == "PERSON" and not m.is_pronoun and m.chain and not _clashes(by_id.get(m.chain), gender):
                return m.chain
        return None

    @staticmethod
    def _forward(mentions: list[MentionOut], i: int) -> str | None:
        for m in mentions[i + 1:]:
            if m.type == "PERSON" and not m.is_pronoun and m.chain:
                return m.chain
        return None


def resolve(mentions: list[MentionOut], sentences: list[Sentence], folded: str, prefix: str,
            context: ThreadContext | None = None) -> CorefResult:
    """Give every person/place/org mention and every resolvable pronoun a chain id."""
    return Coreferencer(prefix, context).run(mentions, sentences, folded)
