"""Coreference on the parse: names, short names and pronouns of one document (and its thread).

- A name joins the chain of an earlier name of the same type whose words contain its words
  ("Mr Hai", "Hai" -> "Qazi Abdul Hai"), the most recent such chain first, then the chains
  of the thread the document replies to.
- A pronoun stands for the passage's focus: the person who was last the subject of a main
  clause, as long as gender agrees (learnt from titles and earlier pronouns); else the most
  recent person it can stand for; in a reply with no person of its own, the thread's salient one.
- A speaker named after a quote ('"...," said X, an analyst') or in "according to X" is cited,
  not talked about: it never becomes the focus.
- A description that a name closes later ("A former senator ... has defected ... X served as")
  is one person: the description's chain is taken over by the first person named as a subject.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reconcile.extract import lexicon as lx
from reconcile.extract.types import MentionOut, ThreadContext, salient_chain
from reconcile.names import name_key
from reconcile.names.similarity import consonant_skeleton

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEECH_LEMMAS: frozenset[str] = frozenset({
    "say", "tell", "add", "state", "claim", "report", "announce", "confirm", "insist", "explain",
    "allege", "warn", "note", "write", "declare", "deny", "acknowledge", "admit", "suggest",
    "argue", "comment", "quote", "describe",
})


@dataclass
class _Chain:
    id: str
    type: str
    keys: list[tuple[str, ...]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    gender: str | None = None
    last: int = -1


def _key(m: MentionOut) -> tuple[str, ...]:
    key = tuple(name_key(m.name or m.surface, m.type).split())
    if not key:  # a name that is all title words to the keys ("Sardar"): its words as written
        key = tuple(w.lower().strip(".") for w in (m.name or m.surface).split())
    return key


def _compatible(key: tuple[str, ...], chain: _Chain, spelling: bool = True) -> bool:
    """A name joins a chain when its words are all in one of the chain's names ("Hai" after
    "Qazi Abdul Hai"), or when one of the chain's full names (two words or more) is all in it
    ("Senator Qazi Abdul Hai Khadem" after "Qazi Abdul Hai"). A one-word name never absorbs a
    longer one: "Popal" said of one man says nothing about "Farida Popal"."""
    if not key:
        return False
    for other in chain.keys:
        if key == other:
            return True
        if chain.type != "PERSON":
            continue
        if len(key) < len(other) and all(w in other for w in key):
            return True
        if len(other) >= 2 and len(other) < len(key) and all(w in key for w in other):
            return True
        if spelling and len(key) == 1 and _same_bones(key[0], other):
            return True  # "Sarder" after "Mullah Abdul Qahar Sardar": a vowel the key keeps
    return False


def _same_bones(word: str, other: tuple[str, ...]) -> bool:
    """One word whose consonants (four or more) are those of the last word of a name."""
    bones = consonant_skeleton(word)
    return len(bones.rstrip("-")) >= 4 and bool(other) and consonant_skeleton(other[-1]) == bones \
        and abs(len(word) - len(other[-1])) <= 1  # a vowel spelt otherwise, not a syllable more


def is_cited_speaker(tok: Token) -> bool:
    """The subject of a speech verb that follows its quote or precedes its subject
    ('"...," said X'), or the object of "according to": cited, not the passage's topic."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    while tok.dep_ in ("appos", "compound") and tok.head != tok:
        tok = tok.head
        head = tok.head
    if tok.dep_ != "nsubj" or head.lemma_ not in SPEECH_LEMMAS:
        return False
    if head.i < tok.i:
        return True  # inverted: "said X"
    before = tok.doc[max(tok.sent.start, tok.i - 4):tok.i]
    return any(t.text in ('"', "'", "\u201d") for t in before)


def _gender(m: MentionOut) -> str | None:
    if m.is_pronoun:
        return lx.PRONOUN_GENDER.get(m.surface.lower())
    if m.title:
        for word in m.title.lower().replace(".", "").split():
            if word in lx.TITLE_GENDER:
                return lx.TITLE_GENDER[word]
    return None


class Coreferencer:
    def __init__(self, prefix: str, context: ThreadContext | None) -> None:
        self.prefix = prefix
        self.context = context or ThreadContext()
        self.chains: list[_Chain] = []
        self.focus: _Chain | None = None
        self.pending: _Chain | None = None
        """A person described before being named, waiting for the name."""
        self.addressed: set[str] = set()
        """Chains of readers the document answers by name (the thread's signers)."""
        self._speaker_words = [set(name_key(s).split()) for s in self.context.speakers]

    def _is_speaker(self, key: tuple[str, ...]) -> bool:
        return bool(key) and any(set(key) <= words for words in self._speaker_words)

    def _new(self, m: MentionOut, key: tuple[str, ...]) -> _Chain:
        chain = _Chain(f"{self.prefix}{len(self.chains)}", m.type, [key], [m.name or m.surface])
        self.chains.append(chain)
        return chain

    def _context_chain(self, key: tuple[str, ...], kind: str) -> _Chain | None:
        for cid, names in self.context.chains.items():
            ctype = self.context.types.get(cid, "PERSON")
            if ctype != kind:
                continue
            probe = _Chain(cid, ctype, [tuple(name_key(n, ctype).split()) for n in names], list(names))
            if _compatible(key, probe):
                self.chains.append(probe)
                return probe
        return None

    def _name(self, m: MentionOut, idx: int, subject: bool = False) -> _Chain:
        key = _key(m)
        for chain in sorted(self.chains, key=lambda c: -c.last):
            if chain.type == m.type and key in chain.keys and any(len(k) > len(key) for k in chain.keys):
                return chain  # a short name already used for one named person stays his ("Turkmen")
        by_recency = [c for c in sorted(self.chains, key=lambda c: -c.last) if c.type == m.type]
        # a name's own words before another spelling: "Andar" is "Abdul Qahar Andar", not "Andiwal"
        fits = [c for c in by_recency if _compatible(key, c, spelling=False)] \
            or [c for c in by_recency if _compatible(key, c)]
        if len(fits) > 1 and len(key) == 1:
            # a surname several people share ("Alizai" after a man and his brother): the one the
            # passage is about, else the one named first, not the one named last
            fits = [self.focus] if self.focus in fits else sorted(fits, key=lambda c: self.chains.index(c))
        for chain in fits:
            if key not in chain.keys:
                chain.keys.append(key)
                chain.names.append(m.name or m.surface)
            return chain
        found = self._context_chain(key, m.type)
        if found is not None:
            return found
        if self.pending is not None and m.type == "PERSON" and subject:
            chain, self.pending = self.pending, None  # the name closes the description
            chain.keys.append(key)
            chain.names.append(m.name or m.surface)
            return chain
        return self._new(m, key)

    def _pronoun(self, m: MentionOut, prefer: list[_Chain | None], bound: set[str]) -> _Chain | None:
        gender = _gender(m)
        ok = [c for c in self.chains if c.type == "PERSON" and c.last >= 0 and c.id not in bound
              and c.id not in self.addressed and not (gender and c.gender and c.gender != gender)]
        for chain in prefer:
            if chain is not None and chain in ok:
                return chain
        if ok:
            return max(ok, key=lambda c: c.last)
        salient = self.context.salient
        if salient and salient not in bound and self.context.types.get(salient, "PERSON") == "PERSON":
            names = self.context.chains.get(salient, [])
            chain = next((c for c in self.chains if c.id == salient), None)
            if chain is None:
                chain = _Chain(salient, "PERSON", [tuple(name_key(n).split()) for n in names], list(names))
                self.chains.append(chain)
            return chain
        return None

    def run(self, doc: Doc, mentions: list[MentionOut], token_of: dict[int, int]) -> None:
        """Sentence by sentence. Inside one, a pronoun prefers the clause subject named before it
        (never its own verb's subject when it is the object: "Karzai appointed him"), then the
        passage's focus. At the sentence's end its subject becomes the focus, unless a pronoun
        of the sentence still pointed at the old focus (the passage is still about that person).
        """
        tokens_of: dict[int, list[int]] = {}  # mention -> its tokens in order, in one pass (not one per mention)
        for i, k in sorted(token_of.items()):
            tokens_of.setdefault(k, []).append(i)
        heads = {idx: _head_of(doc, idx, token_of, tokens_of[idx]) for idx in tokens_of}
        sent_of = {idx: h.sent.start for idx, h in heads.items() if h is not None}
        current = None
        sent_subject: _Chain | None = None
        kept_focus = False
        for idx, m in enumerate(mentions):
            head = heads.get(idx)
            if m.type == "ROLE":
                # "The general left Kandahar": a definite role as a subject is the passage's person
                if head is not None and self.focus is not None and _definite_subject(head):
                    m.chain, m.name = self.focus.id, self.focus.names[0] if self.focus.names else None
                elif head is not None and self.pending is not None and self.focus in (None, self.pending) \
                        and _indefinite_subject(head):
                    m.chain = self.pending.id  # a second description before any name: the same person
                elif head is not None and self.focus is None and self.pending is None \
                        and _indefinite_subject(head):
                    # "A former senator has defected ...": someone a later name will close
                    self.pending = _Chain(f"{self.prefix}{len(self.chains)}", "PERSON")
                    self.chains.append(self.pending)
                    m.chain = self.pending.id
                    self.pending.last = idx
                continue
            if m.type not in ("PERSON", "ORG", "PLACE"):
                continue
            if head is not None and sent_of.get(idx) != current:
                self._close_sentence(sent_subject, kept_focus)
                current, sent_subject, kept_focus = sent_of.get(idx), None, False
            if m.is_pronoun:
                bound = _bound(head, mentions, token_of) if head is not None else set()
                chain = self._pronoun(m, [sent_subject, self.focus], bound)
                if chain is None:
                    continue
                m.chain, m.name = chain.id, chain.names[0] if chain.names else None
                if chain is self.focus and chain is not sent_subject:
                    kept_focus = True
            else:
                chain = self._name(m, idx, subject=head is not None and (_is_focus(head) or _identified_as(head)))
                m.chain = chain.id
                if m.type == "PERSON" and self._is_speaker(_key(m)) and chain.id not in self.context.chains:
                    self.addressed.add(chain.id)
                    continue  # "Omar is right": the reader answered is nobody's antecedent
            g = _gender(m)
            if g and chain.gender is None:
                chain.gender = g
            chain.last = idx
            if chain.type == "PERSON" and head is not None and _is_focus(head) and sent_subject is None:
                sent_subject = chain
        self._close_sentence(sent_subject, kept_focus)

    def _close_sentence(self, subject: _Chain | None, kept_focus: bool) -> None:
        if subject is not None and not (kept_focus and self.focus is not None):
            self.focus = subject


def _identified_as(head: Token) -> bool:
    """"Police identified the slain commander as X", "named the suspect as X": the name of the
    one described before."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "as" and prep.head.lemma_.lower() in ("identify", "name")


def _indefinite_subject(head: Token) -> bool:
    """"A former senator has defected": someone a later name may close. Not a source who speaks
    ("A senior security official, who declined to be identified, said ..."): such a one stays unnamed."""
    from .frames import SPEECH_LEMMAS

    return head.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) \
        and head.head.lemma_ not in SPEECH_LEMMAS


def _definite_subject(head: Token) -> bool:
    return head.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) and not any(
        c.dep_ in ("appos", "prep") for c in head.children) and not _names_its_holder(head)


def _names_its_holder(role: Token) -> bool:
    """"The commander there in 2000 was Mawlawi Wadud": the copula names who held the role."""
    verb = role.head
    return verb.lemma_ == "be" and any(c.dep_ == "attr" and c.pos_ == "PROPN" for c in verb.children)


def _bound(head: Token, mentions: list[MentionOut], token_of: dict[int, int]) -> set[str]:
    """Chains a pronoun cannot stand for: the subject of its own verb when it is that verb's
    object ("Karzai appointed him", "police arrested him")."""
    if head.dep_ not in ("dobj", "dative", "pobj", "oprd"):
        return set()
    verb = head.head if head.dep_ != "pobj" else head.head.head
    out = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for t in c.subtree:
                k = token_of.get(t.i)
                if k is not None and mentions[k].chain:
                    out.add(mentions[k].chain)
    return out


def _head_of(doc: Doc, idx: int, token_of: dict[int, int], tokens: list[int] | None = None) -> Token | None:
    """The mention's syntactic head: its token whose head lies outside the mention. `tokens`
    (the mention's token indices in order) saves a scan of `token_of` per mention."""
    if tokens is None:
        tokens = [i for i, k in sorted(token_of.items()) if k == idx]
    span = [doc[i] for i in tokens]
    for t in span:
        if token_of.get(t.head.i) != idx or t.head == t:
            return t
    return span[0] if span else None


def _is_focus(head: Token) -> bool:
    """A person becomes the passage's focus as the subject of a clause (not a cited speaker)."""
    if is_cited_speaker(head):
        return False
    t = head
    while t.dep_ in ("appos", "compound", "conj") and t.head != t:
        t = t.head
    # "Qari Zahid Orakzai, emir. A former commander, he led the split": a line that only names
    # someone (no verb) makes him the one the next sentences are about
    return t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "ROOT" and t.pos_ == "PROPN")


@dataclass
class CorefOut:
    chains: dict[str, str]
    """Chain id -> best (longest) name."""
    salient: str | None
    addressed: frozenset[str] = frozenset()
    """Chains of readers the document answers by name."""


def resolve(doc: Doc, mentions: list[MentionOut], token_of: dict[int, int], prefix: str,
            context: ThreadContext | None) -> CorefOut:
    """Give every named mention a chain and every resolvable pronoun its antecedent's chain."""
    co = Coreferencer(prefix, context)
    co.run(doc, mentions, token_of)
    names: dict[str, str] = {}
    rank: dict[str, tuple[bool, int]] = {}
    for m in mentions:
        if m.chain and not m.is_pronoun:
            name = m.name or m.surface
            score = (m.type != "ROLE", len(name))  # a name before a description ("the police spokesman")
            if m.chain not in rank or score > rank[m.chain]:
                names[m.chain], rank[m.chain] = name, score
    for m in mentions:
        if m.is_pronoun and m.chain:
            m.name = names.get(m.chain, m.name)
    salient = salient_chain([m for m in mentions if m.chain not in co.addressed])
    return CorefOut(names, salient, frozenset(co.addressed))
