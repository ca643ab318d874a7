"""Claims read from the dependency parse: a frame (frames.py) fitted to each verb, subject and
object taken from the tree, the time attached to the verb it modifies, modality from the verb's
dependents and governors, and reported speech attributed to its speaker. Offices and kin named
around a name (apposition, a role noun before the name) are claims too.
"""
from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reconcile.extract import lexicon as lx
from reconcile.extract.timing import (
    combine,
    default_time,
    duration_from,
    duration_until,
    publication_month,
    years_counted,
)
from reconcile.extract.types import ClaimOut, MentionOut, TimeOut, event_key
from reconcile.timex.lexicon import DECADE_WORDS

from .frames import (
    DENIAL_LEMMAS, DENIED_LINKS, FIRST_PERSON_HEDGES, FRAMES_BY_LEMMA, HEDGE_ADVERBS,
    HEDGE_GOVERNORS, HEDGE_MODALS, IRREALIS_GOVERNORS, IRREALIS_MARKERS, KIN,
    SPEECH_LEMMAS, Frame,
)
from .mentions import ROLE_HEADS, role_phrase, role_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"who", "whom", "which", "that"})
_START = frozenset({"from", "since"})
_END = frozenset({"until", "till", "through", "to", "up"})
_HELD = frozenset({"position_held", "member_of", "rank"})
_STAYING = frozenset({"stay", "remain", "serve", "hold", "continue", "keep", "occupy"})
_STATE_VERBS = frozenset({"be", "lead", "run", "command", "head", "hold", "serve", "live", "control"})
_DETAINEE_NOUNS = frozenset({"detainee", "prisoner", "inmate", "captive", "hostage"})
_AGENTIVE = re.compile(r"(?:er|or|ist|yst|ian|eer|ant|ent)$")
_NOT_AGENTS = frozenset({
    "member", "resident", "native", "number", "matter", "order", "letter", "border", "water",
    "center", "centre", "quarter", "neighbor", "neighbour", "father", "mother", "brother", "sister",
    "daughter", "other", "partner", "friend", "client", "patient", "parent", "relative", "veteran",
    "supporter", "follower", "admirer", "critic", "opponent", "rival", "winner", "loser", "victim",
    "survivor", "passenger", "stranger", "foreigner", "prisoner", "detainee", "student", "agent",
    "recipient", "participant", "descendant", "ancestor", "successor", "predecessor", "candidate",
    "peasant", "servant", "tenant", "owner", "speaker", "writer", "reader", "viewer", "listener",
    "user", "customer", "consumer", "voter", "player", "fan", "lover", "believer",
})
"""Agent nouns that name a relation, a kin or a state, not what someone does for a living."""
_OFFICE_NOUNS = frozenset({"office", "post", "position", "seat", "job", "role", "portfolio"})
_PAST_MARKERS = frozenset({"former", "ex", "then", "erstwhile", "onetime", "one-time", "previous", "late",
                           "outgoing"})
_SETTLING = frozenset({"move", "relocate", "settle", "emigrate", "resettle"})
"""Verbs of going to live somewhere: the stay runs on to the report."""
_APPOINTMENT_NOUNS = frozenset({"appointment", "nomination", "election", "selection", "installation",
                                "reappointment", "promotion", "elevation"})
_SEAT_VERBS = frozenset({"win", "take", "hold", "gain", "secure", "retain", "keep", "lose", "get", "have"})
_LEAVING_VERBS = frozenset({"lose", "leave", "quit", "desert", "abandon", "vacate", "resign"})
_CLAUSE_BOUNDS = {"after": "at", "once": "at", "until": "end", "till": "end", "since": "start", "before": "end"}
"""Conjunctions of a dated clause that time the verb it hangs on, and how."""
ROLE_PHRASES_LOWER = frozenset(lx.ROLES)
_ONE_TIME = re.compile(r"\b(?:one-time|onetime|ex-)", re.IGNORECASE)
_ORIGIN_NOUNS = {"native": "born", "resident": "located_in", "inhabitant": "located_in"}
"""A noun beside a name that says where the person is from or lives ("X, a native of Munda")."""
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5,
           "6": 6}
"""Counted plurals that stand for as many people named just before ("all three", "both men")."""
_EVENTS = frozenset({"died", "detained", "released", "traveled_to", "defected_to", "statement"})
_ROUGHLY = frozenset({"around", "about", "some", "nearly", "almost", "roughly", "approximately", "over", "under"})
_DEAD_NOUNS = frozenset({"dead", "casualty", "casualties", "victim", "victims", "fatality", "fatalities"})
_OFFICE_WORDS = frozenset({"post", "position", "office", "job", "role", "seat", "duty", "duties"})
_EVENT_COPULAS = frozenset({"be", "happen", "occur", "come"})
"""Verbs that date an event noun that is their subject: "his arrest was in 2010"."""
"""Predicates of things that happen at a time (as against states and life facts)."""
_SUBJECT_TYPES = {"member_of": ("PERSON", "ORG"), "defected_to": ("PERSON", "ORG")}


@dataclass
class Context:
    """What governs a verb: reported speech, hedges, negation, irrealis."""

    reported_by: str | None = None
    hedged: bool = False
    negated: bool = False
    irrealis: bool = False

    @property
    def modality(self) -> str:
        if self.negated:
            return "negated"
        if self.hedged:
            return "hedged"
        if self.reported_by:
            return "reported"
        return "asserted"


class ClaimReader:
    def __init__(self, doc: Doc, text: str, mentions: list[MentionOut], token_of: dict[int, int],
                 times: list[Any], published: date | datetime | None,
                 chain_names: dict[str, str] | None = None, addressed: AbstractSet[str] = frozenset(),
                 thread_events: dict[str, TimeOut] | None = None) -> None:
        self.doc, self.text, self.mentions, self.token_of = doc, text, mentions, token_of
        self.chain_names = chain_names or {}
        self.addressed = addressed
        self.thread_events = thread_events or {}
        """When the documents above a reply told each person's events (`event_key` -> time)."""
        """Chains of readers the document answers by name: never the one "the arrest" is of."""
        self.published = published
        self.times_at: dict[int, list[tuple[Token, Any]]] = {}
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            verb = self._governing_verb(span.root)
            if verb is not None:
                verb = _split_passive(verb) or verb
                verb = _fronted_participle(verb, span.root) or verb
                self.times_at.setdefault(verb.i, []).append((span.root, t))
        self.all_times = sorted(((t.start, t) for t in times if t.value is not None
                                 and getattr(t.value, "earliest", None) is not None), key=lambda x: x[0])
        self.claims: list[ClaimOut] = []
        self.pledges: list[int] = []
        self.list_subjects: set[int] = set()
        """Plural role nouns whose names _copula_list has read ("the new governors are X, Y")."""
        """Indices of member_of claims made by a pledge of allegiance."""
        self.quoted = self._quoted_blocks()
        self._counted: dict[tuple[int, int], list[tuple[Token, int]]] = {}
        """The people a counted plural stood for, by (sentence start, count)."""

    # --- the tree ---------------------------------------------------------------------------
    @staticmethod
    def _governing_verb(tok: Token) -> Token | None:
        t = tok
        while True:
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and not t.ent_type_:
                return t
            if t.head == t:
                return None
            t = t.head

    def mention_of(self, tok: Token) -> int | None:
        """The mention a noun token stands for: its own, or an apposed name's."""
        k = self.token_of.get(tok.i)
        if k is not None and (self.mentions[k].type != "ROLE" or self.mentions[k].chain):
            return k
        for child in tok.subtree:
            # "the governor of Kandahar, X": the parser often hangs X on Kandahar
            if child.dep_ == "appos" and child.i > tok.i and (
                    child.head == tok or _apposed_noun(child) == tok):
                k = self.token_of.get(child.i)
                if k is not None and self.mentions[k].type == "PERSON":
                    return k
        if tok.dep_ == "appos":
            k = self.token_of.get(tok.head.i)
            if k is not None and self.mentions[k].type != "ROLE":
                return k
        return None

    def subject_token(self, verb: Token) -> Token | None:
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:  # "Born in Karak, the son of a schoolmaster, Khattak was ...": the named one
            subjects.sort(key=lambda c: (self.mention_of(c) is None, -c.i))
        for child in subjects:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            stray = self._stray_subject(verb)
            return stray if stray is not None else self.subject_token(verb.head)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("PROPN", "NOUN"):
            return verb.head
        if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subject_token(verb.head)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
                and verb.head.head.pos_ in ("VERB", "AUX"):  # "was commissioned after passing out of X"
            return self.subject_token(verb.head.head)
        return None

    def _plural_people(self, tok: Token) -> list[tuple[Token, int]]:
        """"All three were picked up", "both men", "the two": the people a counted plural stands
        for, when the sentence before (or this one, before it) names exactly that many."""
        words = [t for t in tok.subtree if t.i <= tok.i]
        n = next((_COUNTS[t.lower_] for t in words if t.lower_ in _COUNTS), None)
        if n is None or not (tok.pos_ == "NUM" or tok.tag_ == "NNS" or tok.lower_ == "both"):
            return []
        sent = tok.sent
        spans = [(sent.start, words[0].i)]
        if sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            if "\n" not in self.text[prev.end_char:sent.start_char]:
                spans.append((prev.start, prev.end))
        if sent.start > 0:  # "All three were held. He said all three were active": the same three
            before = self._counted.get((self.doc[sent.start - 1].sent.start, n))
            if before:
                return before
        found = self._counted_in(spans, n)
        if found:
            self._counted[(sent.start, n)] = found
        return found

    def _counted_in(self, spans: list[tuple[int, int]], n: int) -> list[tuple[Token, int]]:
        for lo, hi in spans:
            listed = self._listed_people(lo, hi, n)
            if listed:
                return listed
            people: dict[str, tuple[Token, int]] = {}
            for i in range(lo, hi):
                k = self.token_of.get(i)
                if k is None:
                    continue
                m = self.mentions[k]
                if m.type != "PERSON" or m.is_pronoun or not m.chain or self._head(k) != self.doc[i] \
                        or self.doc[i].dep_ in ("poss", "pobj"):
                    continue
                people.setdefault(m.chain, (self.doc[i], k))
            if len(people) == n:
                return list(people.values())
            if people:
                return []
        return []

    def _listed_people(self, lo: int, hi: int, n: int) -> list[tuple[Token, int]]:
        """The people of one coordinated list of exactly `n` names between tokens `lo` and `hi`
        ("named the men as A, ...; B, ...; and C": "all three" are A, B and C, not the speaker)."""
        lists: dict[int, dict[str, tuple[Token, int]]] = {}
        for i in range(lo, hi):
            k = self.token_of.get(i)
            if k is None or self._head(k) != self.doc[i]:
                continue
            m = self.mentions[k]
            if m.type != "PERSON" or m.is_pronoun or not m.chain:
                continue
            first = self.doc[i]
            while first.dep_ == "conj" and first.head != first:
                first = first.head
            lists.setdefault(first.i, {}).setdefault(m.chain, (self.doc[i], k))
        found = [list(people.values()) for people in lists.values() if len(people) == n and n > 1]
        if len(found) == 1:
            return found[0]
        # "the spokesman, X, named them as A, B and C": the one who names them is not one of them
        people: dict[str, tuple[Token, int]] = {}
        namers: set[str] = set()
        for i in range(lo, hi):
            k = self.token_of.get(i)
            if k is None or self._head(k) != self.doc[i] or self.mentions[k].type != "PERSON" \
                    or self.mentions[k].is_pronoun or not self.mentions[k].chain:
                continue
            chain = self.mentions[k].chain or ""
            root = self.doc[i].sent.root
            if any(self.doc[i] in c.subtree for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
                namers.add(chain)
            else:
                people.setdefault(chain, (self.doc[i], k))
        chosen = [v for c, v in people.items() if c not in namers]
        return chosen if namers and len(chosen) == n and n > 1 else []

    def _stray_subject(self, verb: Token) -> Token | None:
        """"took over after his predecessor, X, was killed": with no conjunction between them, a
        small parser's second conjunct is a clause of its own whose subject it hung elsewhere;
        the subject is the noun phrase right before the auxiliary."""
        auxes = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        if not auxes:
            return None
        j = min(auxes) - 1
        while j > verb.head.i and self.doc[j].is_punct:
            j -= 1
        cand = self.doc[j]
        # a conjunction between the noun phrase and the verb ("X, and was killed") joins the
        # verb to the clause before; one earlier ("joined ... and rose ... after his predecessor,
        # X, was killed") does not
        start = cand.head.left_edge.i if cand.dep_ == "appos" else cand.left_edge.i
        if any(t.dep_ == "cc" or t.lower_ in (";", ":") for t in self.doc[start:verb.i]) \
                or (start <= verb.head.i and any(t.dep_ == "cc" for t in self.doc[verb.head.i + 1:verb.i])):
            return None
        if cand.dep_ == "appos":
            cand = cand.head
        if j <= verb.head.i or cand.pos_ not in ("NOUN", "PROPN", "PRON") or cand.dep_ not in ("pobj", "dobj", "appos"):
            return None
        return cand

    def _according_in(self, sent: Any) -> str | None:
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < sent.end and self.doc[t.i + 1].lower_ == "to":
                return self._according(t) or None
        return None

    def _quoted_blocks(self) -> dict[int, str]:
        """Sentence start -> speaker, for the paragraph a writer introduces as someone's words
        ("The BBC report that ...:" and the quoted paragraph after it)."""
        out: dict[int, str] = {}
        speaker: str | None = None
        armed = False
        prev_end = 0
        text = self.doc.text  # built by joining every token: once, not once per sentence
        for sent in self.doc.sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            gap = text[prev_end:words[0].idx]
            new_paragraph = "\n" in gap
            if new_paragraph:
                speaker, armed = (speaker, False) if armed else (None, False)
            if speaker is not None and not armed:
                out[sent.start] = speaker
            last = words
            if last and last[-1].text == ":":
                verb = next((t for t in sent if t.lemma_ in SPEECH_LEMMAS and t.pos_ in ("VERB", "NOUN")), None)
                said = self._speaker(verb) if verb is not None else None
                if said is None and verb is not None:  # "The BBC report that ...:" read as a noun
                    k = next((self.token_of[c.i] for c in verb.children
                              if c.dep_ in ("compound", "poss") and c.i in self.token_of), None)
                    said = (self.mentions[k].name or self.mentions[k].surface) if k is not None else None
                if said and said.lower() not in ("i", "we"):
                    speaker, armed = said, True
            prev_end = words[-1].idx + len(words[-1])
        return out

    def context(self, verb: Token) -> Context:
        ctx = Context(reported_by=self._according_in(verb.sent) or self.quoted.get(verb.sent.start))
        if _asks(verb.sent):
            ctx.hedged = True  # "Are you sure X was arrested?": a question asserts nothing
        for child in verb.children:
            if child.dep_ == "neg" or child.lower_ in ("never",) and child.dep_ in ("neg", "advmod"):
                ctx.negated = True
            elif child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                ctx.hedged = True
            elif child.dep_ == "aux" and child.lower_ in HEDGE_MODALS:
                ctx.hedged = True
            elif child.dep_ == "aux" and child.lemma_ in ("will", "shall") or child.lower_ in ("would", "'d", "'ll"):
                ctx.irrealis = True
            elif child.dep_ == "mark" and child.lower_ in IRREALIS_MARKERS:
                ctx.irrealis = True
            elif child.dep_ == "prep" and child.lower_ == "according":
                ctx.reported_by = ctx.reported_by or self._according(child)
            elif child.dep_ == "parataxis" and child.lemma_ in SPEECH_LEMMAS:
                ctx.reported_by = ctx.reported_by or self._speaker(child)
        if verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            gov = verb.head
            if gov.lemma_ in HEDGE_GOVERNORS and (
                    any(c.dep_ == "auxpass" for c in gov.children) or gov.lemma_ in ("seem", "appear")):
                ctx.hedged = True
            elif gov.lemma_ not in ("be", "have", "continue", "begin", "start", "use", "go", "come",
                                    "manage", "return", "get"):
                ctx.irrealis = True
        elif verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                and not (verb.head.lemma_ == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.head.children)):
            ctx.irrealis = True  # purpose: "returned in 1981 to join the resistance" ("went on to" did)
        tok = verb
        steps = 0
        while tok.head != tok and steps < 8:
            parent, dep = tok.head, tok.dep_
            steps += 1
            if dep in ("acl", "ccomp") and parent.pos_ == "NOUN" and parent.lemma_.lower() in lx.DOUBT_WORDS:
                ctx.hedged = True  # "unconfirmed reports that X had died", "rumours that he was held"
            if dep in ("ccomp", "xcomp", "conj", "advcl", "dobj", "parataxis") and parent.pos_ in ("VERB", "AUX"):
                if parent.lemma_ in ("confirm", "verify", "establish") and dep == "ccomp" and any(
                        c.dep_ == "neg" for c in parent.children):
                    ctx.hedged = True  # "officials could not confirm that X had been killed"
                    ctx.reported_by = ctx.reported_by or self._speaker(parent)
                elif parent.lemma_ in DENIAL_LEMMAS and dep in ("ccomp", "xcomp", "dobj"):
                    ctx.negated = not ctx.negated
                    ctx.reported_by = ctx.reported_by or self._speaker(parent)
                elif parent.lemma_ in SPEECH_LEMMAS and dep in ("ccomp", "parataxis"):
                    speaker = self._speaker(parent)
                    if speaker and speaker.lower() in ("i", "we"):
                        pass
                    else:
                        ctx.reported_by = ctx.reported_by or speaker or parent.text
                elif parent.lemma_ in FIRST_PERSON_HEDGES and dep == "ccomp" and any(
                        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in parent.children):
                    ctx.hedged = True
                elif parent.lemma_ in IRREALIS_GOVERNORS and dep in ("ccomp", "xcomp"):
                    ctx.irrealis = True
                elif parent.lemma_ in HEDGE_GOVERNORS and dep == "ccomp" and any(
                        c.dep_ == "auxpass" for c in parent.children):
                    ctx.hedged = True  # "it is believed that ..."
                for c in parent.children:
                    if c.dep_ == "prep" and c.lower_ == "according":
                        ctx.reported_by = ctx.reported_by or self._according(c)
            tok = parent
        return ctx

    def _quoted_speaker(self, verb: Token) -> int | None:
        """The person (mention index) whose words in the first person `verb` is in: the subject of
        the speech verb the clause is the complement of."""
        t = verb
        while t.head != t:
            if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_ in SPEECH_LEMMAS:
                said = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                k = self.mention_of(said) if said is not None else None
                if k is not None and self.mentions[k].type == "PERSON" and not self.mentions[k].is_pronoun:
                    return k
                return None
            t = t.head
        return None

    def _speaker(self, verb: Token) -> str | None:
        if verb.tag_ == "VBG" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
            # "the agency quoted X as saying that ...": X speaks
            said = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
            k = self.mention_of(said) if said is not None else None
            if k is not None:
                return self.mentions[k].name or self.mentions[k].surface
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                k = self.mention_of(child)
                if k is not None:
                    m = self.mentions[k]
                    return m.name or m.surface
                return " ".join(t.text for t in child.subtree if t.dep_ not in ("punct",))[:120]
        return None

    def _according(self, prep: Token) -> str | None:
        for to in prep.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    k = self.mention_of(obj)
                    after = obj.right_edge.i + 2  # "according to the police chief, X": X is the source
                    role = self.mentions[k].type == "ROLE" if k is not None else self._role_at(obj) is not None
                    if role and after < len(self.doc) \
                            and self.doc[after - 1].text == "," and after in self.token_of \
                            and self.mentions[self.token_of[after]].type == "PERSON" \
                            and not self._is_clause_subject(self.token_of[after]):
                        k = self.token_of[after]  # not "according to sources, X was seen": X is who was seen
                    if k is not None:
                        return self.mentions[k].name or self.mentions[k].surface
                    return " ".join(t.text for t in obj.subtree)[:120]
        return None

    def _is_clause_subject(self, k: int) -> bool:
        head = self._head(k)
        return head is not None and head.dep_ in ("nsubj", "nsubjpass")

    # --- objects ----------------------------------------------------------------------------
    def _slot(self, verb: Token, slot: str, subject: Token | None) -> list[Token]:
        kids = list(verb.children)
        if slot.startswith("prep:"):
            word = slot[5:]
            out: list[Token] = []
            # "was back with the Taliban", "was again with Hezb": the adverb holds the preposition
            holders = [verb, *(c for c in kids if c.dep_ in ("dobj", "attr", "acomp", "prt")
                               or c.dep_ == "advmod" and c.pos_ == "ADV"
                               # "passing out of X": a particle read as a preposition without object
                               or c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))]
            # "was removed from his post as governor": the office noun holds it
            holders += [p for c in kids if c.dep_ == "prep" for p in c.children
                        if p.dep_ == "pobj" and p.lemma_.lower() in _OFFICE_WORDS]
            for h in holders:
                for c in h.children:
                    if (c.dep_ in ("prep", "agent", "dative") and c.lower_ == word):
                        out.extend(p for p in c.children if p.dep_ == "pobj")
            if not out:
                # a name the parser misread after the preposition ("allegiance to IS" as "to be")
                for t in verb.subtree:
                    if t.lower_ == word and t.i + 1 < len(self.doc) and (t.i + 1) in self.token_of \
                            and t.i > verb.i and self.doc[t.i + 1].ent_type_ and _in_clause_of(t, verb):
                        out.append(self.doc[t.i + 1])
            return out
        if slot == "dobj2":
            objs = [c for c in kids if c.dep_ in ("dobj", "oprd") and c != subject]
            return objs
        return [c for c in kids if c.dep_ == slot]

    def _object(self, frame: Frame, verb: Token, subject: Token | None
                ) -> tuple[str | None, int | None, str | None, Token | None] | None:
        """(object text, object mention, place, object token) or None when the frame needs one."""
        # a named or role object anywhere in the slots beats a phrase taken as written
        passes = [tuple(t for t in frame.object_types if t != "TEXT")]
        if "TEXT" in frame.object_types:
            passes.append(("TEXT",))
        for types in passes:
            for slot in frame.objects:
                for tok in self._slot(verb, slot, subject):
                    if tok.is_punct or (len(tok.text) < 2 and tok.i not in self.token_of) \
                            or tok.ent_type_ in ("DATE", "TIME"):  # "PML-N" ends in a one-letter token
                        continue  # "served in the nineties": a time, not a post
                    found = self._typed(tok, types, modifiers=("TEXT" not in frame.object_types))
                    if found:
                        return found
        if frame.needs_object:
            return None
        place = self._place_near(verb)
        return (None, None, place, None)

    def _typed(self, tok: Token, types: tuple[str, ...], modifiers: bool = True
               ) -> tuple[str | None, int | None, str | None, Token | None] | None:
        """The object a token gives: a role, a named mention of an allowed type, or (with TEXT)
        the noun phrase as written. Without `modifiers`, a name that only modifies a common noun
        ("the Kohistanat front line") is not taken for the object."""
        if "ROLE" in types:
            role = self._role_at(tok)
            if role is not None:
                phrase, place, org = role
                text = _role_text(phrase, place, org)
                return (text, None, place, tok)
        k = self.mention_of(tok)
        if k is None and "PLACE" in types:
            named = _named_place_head(tok)
            if named is not None:  # "the Orakzai tribal district of Pakistan": Orakzai, not Pakistan
                first, a, b = named
                k = next((self.token_of[t.i] for t in self.doc[first:tok.i] if t.i in self.token_of
                          and self.mentions[self.token_of[t.i]].type == "PLACE"), None)
                if k is None:
                    return (self.text[a:b], None, self.text[a:b], tok)
        # where a frame puts places first, a place anywhere in the phrase beats a group before it
        # ("picked up by a Frontier Corps patrol near the Ghakhi Pass")
        rounds = [(t,) for t in types] if types[:1] == ("PLACE",) else [types]
        listed = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}  # the next objects'
        for kinds in rounds:
            if k is not None:
                break
            for t in tok.subtree:
                if t.i in listed:
                    continue
                k2 = self.token_of.get(t.i)
                if t.dep_ == "poss" or (t.head.dep_ == "poss" and t.head != tok):
                    continue  # "Hotak's eldest daughter" is not Hotak
                if not modifiers and tok.pos_ == "NOUN" and t.head == tok and t.dep_ in ("compound", "nmod", "amod"):
                    continue  # "the Kohistanat front line" is a front line
                if k2 is None or self.mentions[k2].type not in kinds or self.mentions[k2].type == "ROLE":
                    continue
                kind = self.mentions[k2].type
                if kind == "PLACE" and tok.head.lower_ == "by" and t.head == tok and t.dep_ in ("compound", "amod"):
                    continue  # "captured by US forces": whose forces, not where
                if kind == "ORG" and _behind_preposition(t, tok):
                    continue  # "led the talks with the Taliban": the talks, not the Taliban
                if tok.pos_ == "NOUN" and t != tok and _agent_of_noun(t, tok):
                    continue  # "arrested in an operation by the ISI": who ran it, not where
                k = k2
                break
        if k is not None and self.mentions[k].type in types and not self.mentions[k].is_pronoun:
            m = self.mentions[k]
            place = m.name if m.type == "PLACE" else None
            return (m.name or m.surface, k, place, tok)
        # a small parser tags some nouns after a preposition as adjectives ("at a seminary")
        nounish = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ == "pobj")
        if "TEXT" in types and nounish and tok.i not in self.token_of \
                and (tok.lemma_.lower() not in GENERIC_OBJECTS or _kind_of_office(tok) or _owned_body(tok, self.token_of)):
            words = [t for t in tok.subtree if t.dep_ not in ("det", "poss", "relcl", "punct", "case")
                     and not (t.dep_ == "prep" and t.i > tok.i and t.lower_ not in ("of", "for"))]
            # nor what hangs in a dropped preposition ("a consultant by Acme": not "by Acme")
            cut = [t for t in words if not any(a.dep_ in ("relcl", "poss") or a.dep_ == "prep" and a.i > tok.i
                                               and a.lower_ not in ("of", "for")
                                               for a in t.ancestors if a in tok.subtree)]
            if cut:
                a, b = cut[0].idx, cut[-1].idx + len(cut[-1])
                return (self.text[a:b], None, self._place_near(tok), tok)
        return None

    def _role_at(self, tok: Token) -> tuple[str, str | None, str | None] | None:
        """A role noun phrase: (role words, place named with it, group named with it)."""
        if tok.lemma_.lower() in ("rank", "post", "position", "office", "title", "job", "role") or (
                tok.lower_ == "one" and tok.pos_ in ("NUM", "PRON", "NOUN")):  # "one of the commanders who"
            inner = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]
            if inner:
                return self._role_at(inner[0])
        span = role_span(tok)
        if span is None:
            return None
        phrase = role_phrase(tok, span)
        portfolio = _portfolio(tok, span, self.token_of)
        if portfolio:
            phrase = f"{phrase} {portfolio}"
        if phrase in lx.WEAK_ROLES and not any(c.dep_ == "prep" for c in tok.children):
            if phrase not in ("member", "head", "leader", "chief", "general", "major", "captain"):
                return None
        place, org = None, None
        clause = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        for t in tok.subtree:
            k = self.token_of.get(t.i)
            if k is None or t.i in range(*span) or t.i in clause:  # "the commanders who took Herat"
                continue
            m = self.mentions[k]
            if self._owner_of_group(t) is not None:
                continue  # "director of Raleigh's Muslim American Society": the society, not Raleigh
            if m.type == "PLACE" and place is None:
                place = m.name or m.surface
            elif m.type == "ORG" and org is None:
                org = self._group_with_owner(t, k)
        if phrase in ("head", "chief", "leader", "member"):
            # "head of the Kunar front": the office with what it heads, as written
            body = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.i not in self.token_of), None)
            if body is not None:
                words = _words_of(body.left_edge, body)  # as written: "head of the Kunar front"
                dated = next((c for c in body.children if c.dep_ == "prep" and any(
                    t.ent_type_ in ("DATE", "TIME") for t in c.subtree)), None)
                if dated is not None:  # "head of the Kunar front between 2016 and 2018"
                    words = self.doc[body.left_edge.i:dated.i].text
                phrase = f"{phrase} of {words}"
                place = org = None
        if phrase == "member" and org is None:
            return None
        if portfolio and org is not None and org.lower() not in phrase.lower():
            org = None  # "minister of tribal affairs under the Taliban government": the office as written
        return phrase, place, org

    def _owner_of_group(self, t: Token) -> int | None:
        """The group mention a named possessor `t` belongs to ("Raleigh" in "Raleigh's Muslim
        American Society"), or None."""
        k = self.token_of.get(t.i)
        head = self._head(k) if k is not None else None
        if k is None or head is None or head.dep_ != "poss":
            return None
        owned = self.token_of.get(head.head.i)
        if owned is None or owned == k or self.mentions[owned].type != "ORG":
            return None
        return owned

    def _group_with_owner(self, t: Token, k: int) -> str:
        """A group's name with the named possessor written before it ("Raleigh's Muslim American
        Society"), else the group's name."""
        m = self.mentions[k]
        for g in self.doc[t.i:]:
            if self.token_of.get(g.i) != k:
                break
            owner = next((c for c in g.children if c.dep_ == "poss" and self.token_of.get(c.i) not in (None, k)
                          and self.mentions[self.token_of[c.i]].type in ("ORG", "PLACE")), None)
            if owner is not None and m.end > owner.left_edge.idx:
                return self.text[owner.left_edge.idx:m.end]
        return m.name or m.surface

    def _place_near(self, verb: Token) -> str | None:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near"):
                for p in c.children:
                    k = self.token_of.get(p.i)
                    if k is not None and self.mentions[k].type == "PLACE":
                        return self.mentions[k].name or self.mentions[k].surface
        return None

    # --- times ------------------------------------------------------------------------------
    def _times(self, verb: Token, only: set[int] | None = None, skip: set[int] | None = None
               ) -> list[tuple[Token, Any]]:
        return [(root, t) for root, t in self.times_at.get(verb.i, [])
                if (root.i in only if only is not None else not _in_apposition(root, verb))
                and not (skip and root.i in skip)]

    def time_of(self, verb: Token, only: set[int] | None = None, skip: set[int] | None = None
                ) -> TimeOut | None:
        found = sorted(self._times(verb, only, skip), key=lambda x: x[1].start)
        if not found and only is None:
            since_then = self._since_then(verb)
            if since_then is not None:
                return since_then
        if not found:
            for c in verb.children:  # "studied at X, graduating in 1994": the course ends then
                if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_ in FINISHING:
                    return self.time_of(c, only, skip)
            if only is None:
                bound = self._clause_bound(verb, skip)
                if bound is not None:
                    return bound
            return self._when_time(verb)
        starts, ends, others = [], [], []
        since = False
        for root, t in found:
            if _set_aside(self.doc, root):
                continue  # "born in 1962, not 1960"
            under_since = _under_since(root, verb)  # "since his release in 2018": from then
            marker = "start" if under_since else self._marker(root, verb)
            since = since or (marker == "start" and _word_before(self.doc, root) == "since") or under_since \
                or t.value.text.lower().startswith("since") \
                or self.text[max(0, t.start - 7):t.start].lower().rstrip().endswith("since")
            (starts if marker == "start" else ends if marker == "end" else others).append(t.value)
        if not ends and len(starts) + len(others) == 1 and self.published is not None:
            only_one = (starts or others)[0]
            if only_one.edtf.endswith("/..") and since:
                starts = [only_one]
        if since and starts and not ends and self.published is not None:
            month = publication_month(self.published)  # "had lived there since 1996": up to now
            s = starts[0]
            if month is not None and s.earliest is not None and s.earliest <= month.latest:
                return TimeOut(f"{s.edtf.split('/')[0]}/{month.edtf}", s.earliest, month.latest, s.text)
        if starts and ends and starts[0].earliest and ends[-1].latest:
            s, e = starts[0], ends[-1]
            if s.earliest <= e.latest:
                return TimeOut(f"{s.edtf}/{e.edtf.removeprefix('../')}", s.earliest, e.latest,
                               f"{s.text} ... {e.text}")
        if starts and not ends and only is None:
            bound = self._clause_bound(verb, skip)  # "from 2018 until the cabinet was reshuffled in 2021"
            if bound is not None and bound.edtf.startswith("../") and starts[0].earliest is not None \
                    and bound.latest is not None and starts[0].earliest <= bound.latest:
                return TimeOut(f"{starts[0].edtf}/{bound.edtf[3:]}", starts[0].earliest, bound.latest,
                               f"{starts[0].text} ... {bound.text}")
        if starts and not ends and not others and not since:
            s = starts[0]
            if "/" not in s.edtf and s.earliest is not None:  # "governor from 2010": open end
                return TimeOut(f"{s.edtf}/..", s.earliest, None, s.text)
        if ends and not starts and not others:
            e = ends[-1]
            if e.edtf.startswith("..") or "/" in e.edtf or e.latest is None:
                return TimeOut.from_value(e)
            return TimeOut(f"../{e.edtf}", None, e.latest, e.text)
        return combine([*starts, *others, *ends])

    def _to_report(self, start: TimeOut, text: str | None = None) -> TimeOut | None:
        """From `start` (a point, or the point before "/..") up to the month of the report, as
        "since 2001" is read; None when there is no report date or the start comes after it."""
        month = publication_month(self.published) if self.published is not None else None
        first = start.edtf.removesuffix("/..")
        if month is None or month.latest is None or start.earliest is None or start.earliest > month.latest:
            return None
        return TimeOut(f"{first}/{month.edtf}", start.earliest, month.latest, text or start.text)

    def _clause_bound(self, verb: Token, skip: set[int] | None) -> TimeOut | None:
        """An undated verb bounded by a dated clause: "fled to Kunar after an operation was launched
        there in 2011" (2011), "served as commander until the Taliban overran the town in 2000"
        (../2000), "has lived there since the war ended in 2001" (2001/..)."""
        clauses = [(c, next((m.lower_ for m in c.children if m.dep_ == "mark"), None))
                   for c in verb.children if c.dep_ == "advcl"]
        # "worked as a judge before joining the directorate in 2007": a preposition and a gerund
        clauses += [(p, c.lower_) for c in verb.children if c.dep_ == "prep" and c.lower_ in _CLAUSE_BOUNDS
                    for p in c.children if p.dep_ == "pcomp" and p.pos_ == "VERB"]
        for clause, mark in clauses:
            if mark not in _CLAUSE_BOUNDS or (skip and clause.i in skip):
                continue
            when = self.time_of(clause, skip=skip)
            if when is None or when.earliest is None or when.latest is None or "/" in when.edtf:
                continue
            bound = _CLAUSE_BOUNDS[mark]
            if bound == "end":
                return TimeOut(f"../{when.edtf}", None, when.latest, f"{mark} {when.text}")
            if bound == "start":  # up to the report, as "since 2001" is
                return self._to_report(when, f"{mark} {when.text}") \
                    or TimeOut(f"{when.edtf}/..", when.earliest, None, f"{mark} {when.text}")
            return when
        return None

    def _relative_time(self, role: Token) -> TimeOut | None:
        """"was one of the commanders who took Herat in 1995", "was the governor who signed it in
        2004": an office held when the relative clause on it is dated."""
        nouns = [role, *(p for c in role.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj")]
        for noun in nouns:
            for rc in noun.children:
                if rc.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in rc.children):
                    when = self.time_of(rc)
                    if when is not None:
                        return when
        return None

    def _since_then(self, verb: Token) -> TimeOut | None:
        """"has lived in Khar since then", "ever since": from the last time told before the verb
        (in its sentence or the one before) up to the report."""
        since = next((c for c in verb.children if c.lower_ == "since" and c.dep_ in ("prep", "advmod")
                      and (c.dep_ == "advmod" or any(t.lower_ == "then" for t in c.children))), None)
        if since is None or self.published is None:
            return None
        picked = self._narrative_pick(verb, since=True)
        month = publication_month(self.published)
        if picked is None or picked[1] or month is None:
            return None
        start = picked[0]
        first = start.edtf.split("/")[0]
        if "/" in start.edtf and not start.edtf.endswith("/..") and start.latest is not None:
            # "governor from 2008 to 2013; he has since joined the PTI": since the stretch ended
            first = start.edtf.split("/")[-1]
            start = normalise_point(first, start.text) or start
        if start.earliest is None or month.latest is None or first.startswith("..") or start.earliest > month.latest:
            return None
        return TimeOut(f"{first}/{month.edtf}", start.earliest, month.latest, f"{start.text} ... since")

    def _stay_after(self, verb: Token, place: Token, start: TimeOut | None) -> TimeOut | None:
        """"fled to Pakistan in 1979, where he lived until 1981": the stay runs from the move to
        the end the place's relative clause gives."""
        for rc in place.children:
            if rc.dep_ != "relcl" or not any(c.lower_ == "where" for c in rc.children):
                continue
            end = self.time_of(rc)
            if end is None:
                return None
            start = start or self.time_of(verb, skip={t.i for t in rc.subtree}) or self._narrative_time(verb)
            if end.edtf.startswith("../") and start is not None and start.earliest is not None \
                    and end.latest is not None and start.earliest <= end.latest and "/" not in start.edtf:
                return TimeOut(f"{start.edtf}/{end.edtf[3:]}", start.earliest, end.latest, f"{start.text} ... {end.text}")
            return end
        return None

    def _counted_stay(self, verb: Token) -> TimeOut | None:
        """"spent two decades in Peshawar before returning to Kabul in May 2017": a stay counted
        in years, that ends at (before) or starts from (after) the dated event it is told with."""
        for clause in verb.children:
            link = next((t for t in [clause, *clause.children] if t.lower_ in ("before", "after")), None)
            event = clause if clause.dep_ == "advcl" else next(
                (c for c in clause.children if c.dep_ in ("pcomp", "pobj") and c.pos_ == "VERB"), None)
            if link is None or event is None or clause.dep_ not in ("advcl", "prep"):
                continue
            own = self.text[verb.idx:clause.idx] if clause.i > verb.i else ""
            counted = years_counted(own)
            when = self.time_of(event)
            if counted is None or when is None or when.earliest is None or when.latest is None:
                continue
            n, _words = counted
            if link.lower_ == "before":
                y = when.earliest.year
                return TimeOut(f"{y - n}/{when.edtf}", date(y - n, 1, 1), when.latest, f"{_words} ... {when.text}")
            y = when.latest.year
            if self.published is not None and y + n > self.published.year:
                return None  # a stay counted past the report is not read right
            return TimeOut(f"{when.edtf}/{y + n}", when.earliest, date(y + n, 12, 31), f"{when.text} ... {_words}")
        return None

    def _narrative_time(self, verb: Token) -> TimeOut | None:
        """An undated event told right after a dated one happened then: "He was arrested in
        2010. He was released after four months" (2010), "took over in 2018 after his
        predecessor was killed" (2018). Only within the sentence and the one before it, in one
        paragraph."""
        picked = self._narrative_pick(verb)
        return picked[0] if picked else None

    def _narrative_pick(self, verb: Token, since: bool = False) -> tuple[TimeOut, bool] | None:
        """`_narrative_time`, and whether the time was told after the verb (in its sentence).
        `since`: for "has since joined", where the subject's own clause ("X, who sat in the
        Assembly until 2013,") is the time counted from."""
        sent = verb.sent
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else None
        lo = prev.start_char if prev is not None and "\n" not in self.text[prev.end_char:sent.start_char] \
            and "\n" not in prev.text else sent.start_char
        told = [(at, t) for at, t in self.all_times if not self._dates_a_noun(t, verb, since)]
        before = [t for at, t in told if lo <= at < verb.idx]
        inside = [t for at, t in told if sent.start_char <= at < sent.end_char]
        pick = before[-1] if before else inside[0] if inside else None
        span = self.doc.char_span(pick.start, pick.end, alignment_mode="expand") if pick is not None else None
        if pick is None or span is None or _set_aside(self.doc, span.root):
            return None
        return TimeOut.from_value(pick.value), not before

    def _dates_a_noun(self, t: Any, verb: Token, since: bool = False) -> bool:
        """A time inside an apposition ("X, governor since 2014,") dates that office, and one in a
        relative clause of the same sentence ("X, who was arrested in January, was freed") that
        clause's event, not the events told next to them."""
        span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return False
        if _in_apposition(span.root, verb):
            return True
        if since:
            return False
        gov = self._governing_verb(span.root)
        subject = self.subject_token(verb) if gov is not None and gov.dep_ in ("relcl", "acl") else None
        return subject is not None and gov is not None and gov != verb and subject.is_ancestor(gov) \
            and not gov.is_ancestor(verb) and verb.dep_ not in ("relcl", "acl")

    def _extended(self, verb: Token, start: TimeOut, predicate: str = "position_held") -> TimeOut:
        """A start the sentence carries on to an end: "sworn in as governor in 2005 and stayed until
        2009", "elected nazim in 2005, an office he held until 2009"."""
        sent = verb.sent
        holders = [c for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() in _STAYING
                   and not any(d.dep_ in ("nsubj", "nsubjpass") and d.pos_ != "PRON" for d in c.children)]
        holders += [r for n in sent if n.dep_ in ("appos", "npadvmod", "attr") and n.lemma_.lower() in _OFFICE_NOUNS
                    and self._governing_verb(n) == verb  # not the office of a clause told after it
                    for r in n.children if r.dep_ == "relcl" and r.lemma_.lower() in _STAYING]
        # "elected in 2008 but lost his seat in 2013": leaving the post ends it
        leavers = {c.i for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() in _LEAVING_VERBS
                   and any(d.dep_ == "dobj" and d.lemma_.lower() in GENERIC_OBJECTS for d in c.children)
                   } if predicate == "position_held" else set()  # the party ticket stays the election's
        holders += [self.doc[i] for i in sorted(leavers)]
        for holder in holders:
            if holder.i not in leavers:
                own = self.time_of(holder)  # "a post he held from 2003 until 2006": the whole stretch
                if own is not None and "/" in own.edtf and not own.edtf.startswith("..") \
                        and not own.edtf.endswith("/..") and own.earliest is not None:
                    return own
            for root, t in self._times(holder):
                if self._marker(root, holder) != "end" and holder.i not in leavers:
                    continue
                end = t.value
                if end.latest is not None and end.latest >= start.earliest:
                    return TimeOut(f"{start.edtf}/{end.edtf.removeprefix('../')}", start.earliest,
                                   end.latest, f"{start.text} ... {end.text}")
        return start

    def _when_time(self, verb: Token) -> TimeOut | None:
        """"until the spring of 2009, when he defected": a when-clause takes the time it hangs on."""
        if not any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
            return None
        anchor = verb.head
        while anchor.pos_ not in ("VERB", "AUX", "NUM") and anchor.head != anchor and not self._is_time_token(anchor):
            anchor = anchor.head
        for root, t in self.times_at.get(self._governing_verb(verb.head).i if self._governing_verb(verb.head) is not None else -1, []):
            if root.i <= verb.i and (root == anchor or anchor in root.subtree or root in anchor.subtree):
                v = t.value
                if v.edtf.startswith("../") and v.latest is not None:  # "until X, when": at X
                    point = normalise_point(v.edtf[3:], v.text)
                    if point is not None:
                        return point
                return TimeOut.from_value(v)
        return None

    def _is_time_token(self, tok: Token) -> bool:
        return tok.ent_type_ in ("DATE", "TIME")

    @staticmethod
    def _marker(root: Token, verb: Token) -> str | None:
        t = root
        while t != verb and t.head != t:
            if t.dep_ == "pobj" or t.pos_ == "ADP":
                prep = t.head if t.dep_ == "pobj" else t
                if prep.lower_ in _START:
                    return "start"
                if prep.lower_ in _END:
                    if prep.lower_ == "through" and _a_stretch(prep):
                        return None  # "through the late 1990s": during them, not up to them
                    if prep.lower_ == "to" and prep.head.pos_ == "ADJ" and t != root:
                        t = prep.head  # "pleaded guilty to smuggling in 2012": to what, not up to when
                        continue
                    return "end"
            t = t.head
        return None

    # --- claims -----------------------------------------------------------------------------
    def read(self) -> list[ClaimOut]:
        for verb in self.doc:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
                continue
            self._verb(verb)
        self._around_names()
        self._stray_kin()
        self._nominal_events()
        self._among()
        self._years_old()
        self._age_at_event()
        self._said()
        self._pledges_as_defections()
        self._seats_and_ranks()
        self._appointment_nouns()
        described = self._closed_descriptions()
        self._in_charge()
        told = {(c.subject_chain, _office_head(c)) for i, c in enumerate(self.claims)
                if c.predicate in ("position_held", "rank") and i not in described}
        # the office a description gave is told again with the name ("A former senator ... X
        # served as a senator from 2005"): the named telling is the claim
        self.claims = [c for i, c in enumerate(self.claims)
                       if i not in described or (c.subject_chain, _office_head(c)) not in told]
        return _dedupe(self.claims)

    def _in_charge(self) -> None:
        """"is now in charge of recruitment", "X, in charge of the group's finances,": an office
        named by what it is in charge of."""
        for charge in self.doc:
            if charge.lower_ != "charge" or charge.dep_ != "pobj" or charge.head.lower_ != "in":
                continue
            what = next((p for c in charge.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None)
            holder = charge.head.head
            if what is None:
                continue
            if holder.pos_ in ("VERB", "AUX"):
                found = self._person_subject(holder)
                ctx = self.context(holder)
                appositive = False
            else:
                k = self.mention_of(holder)
                found = (holder, k) if k is not None and self.mentions[k].type == "PERSON" else None
                ctx, appositive = Context(), True
            if found is None or ctx.irrealis:
                continue
            first = next((t for t in what.subtree if t.dep_ not in ("det", "poss", "case")), what)
            text = "in charge of " + _words_of(first, what)
            self._emit("position_held", holder, found[0], found[1], text, None, None, ctx, 0.65, charge,
                       appositive=appositive)

    def _closed_descriptions(self) -> set[int]:
        """"A key commander of the banned TTP ... was killed. Police identified him as X": the office
        the description gave, once a name closes it. Returns the indices of the claims made."""
        made: set[int] = set()
        for k, m in enumerate(self.mentions):
            head = self._head(k) if m.type == "ROLE" and m.chain else None
            if head is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) \
                    or head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            named = next((j for j, n in enumerate(self.mentions) if n.chain == m.chain and n.type == "PERSON"
                          and not n.is_pronoun), None)
            role = self._role_at(head)
            if named is None or role is None:
                continue
            phrase, place, org = role
            text = _role_text(phrase, place, org)
            past = self._said_former(head)
            before = len(self.claims)
            self._emit("rank" if _is_rank(phrase) else "position_held", head, head, k, text, None, place, Context(),
                       0.7, head, appositive=True, past=past, former=past)
            made.update(range(before, len(self.claims)))
        return made

    def _appointment_nouns(self) -> None:
        """"Karzai confirmed X's appointment as governor of Zabul in 2009", "the election of X as
        speaker": the office the noun gives its owner, dated in its phrase or by its verb."""
        for noun in self.doc:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _APPOINTMENT_NOUNS:
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
                (p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"), None)
            office = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "as"
                           for p in c.children if p.dep_ == "pobj"), None)
            k = self.mention_of(owner) if owner is not None else None
            role = self._role_at(office) if office is not None else None
            if k is None or role is None or self.mentions[k].type != "PERSON" or not self.mentions[k].chain:
                continue
            if any(a.lemma_.lower() in lx.DOUBT_WORDS or any(c.dep_ == "neg" for c in a.children)
                   for a in [noun, *noun.ancestors]):
                continue  # "rumours of his appointment", "did not confirm his appointment"
            gov = self._governing_verb(noun)
            ctx = self.context(gov) if gov is not None else Context()
            if ctx.irrealis:
                continue
            own = self._noun_times(noun)
            when = TimeOut.from_value(own[0][1].value) if own else (self.time_of(gov) if gov is not None else None)
            phrase, place, org = role
            text = _role_text(phrase, place, org)
            self._emit("rank" if _is_rank(phrase) else "position_held", noun, owner, k, text, None, place, ctx,
                       0.65, office, time=when)

    def _seats_and_ranks(self) -> None:
        """Offices and memberships a noun carries for its verb: "won a seat on the provincial
        council" (an office on the council), "ended up in the ranks of Hezb", "joined the ranks of
        the Taliban" (a membership; "left the ranks of" ends one)."""
        for noun in self.doc:
            lemma = noun.lemma_.lower()
            if lemma == "seat" and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SEAT_VERBS:
                verb = noun.head
                body = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "in")
                             for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")), None)
                if body is None or body.pos_ not in ("NOUN", "PROPN"):
                    continue
                first = next((t for t in body.subtree if t.dep_ != "det"), body)
                text, om = _words_of(first, body), None
                predicate = "position_held"
            elif lemma == "rank" and noun.tag_ == "NNS" and noun.lower_ == "ranks":
                governing = self._governing_verb(noun)
                group = next((self.mention_of(p) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.subtree if self.mention_of(p) is not None
                              and self.mentions[self.mention_of(p) or 0].type == "ORG"), None)
                if governing is None or group is None:
                    continue
                verb = governing
                m = self.mentions[group]
                text, om, predicate = m.name or m.surface, group, "member_of"
            else:
                continue
            found = self._person_subject(verb)
            if found is None:
                continue
            ctx = self.context(verb)
            if ctx.irrealis:
                continue
            self._emit(predicate, verb, found[0], found[1], text, om, None, ctx, 0.65, noun,
                       ends=verb.lemma_.lower() in _LEAVING_VERBS)

    def _years_old(self) -> None:
        """"X was around 60 years old", "X, 45 years old, ...", "X, aged 45, ...": an age at
        publication (hedged where it is approximate)."""
        if self.published is None:
            return
        for word in self.doc:
            if word.lower_ == "old":
                nums = [n for y in word.children if y.lemma_ == "year" for n in y.children if n.dep_ == "nummod"]
            elif word.lower_ == "aged" and word.dep_ in ("amod", "acl", "appos", "relcl", "ROOT", "conj", "ccomp"):
                # "aged 45", "aged around 50" (the parser hangs the number on "around")
                nums = [n for n in word.children if n.like_num] + [
                    n for p in word.children if p.dep_ == "prep" and p.lower_ in _ROUGHLY
                    for n in p.children if n.like_num]
            else:
                continue
            age = _age_value(nums[0]) if nums else None
            if age is None:
                continue
            num = nums[0]
            if word.dep_ == "acomp" and word.head.lemma_ == "be":
                if _at_another_time(word.head):
                    continue  # "was 60 years old when he died": an age then, not at the report
                found = self._person_subject(word.head)
                ctx = self.context(word.head)
            elif word.dep_ in ("amod", "acl", "appos", "relcl") and self.mention_of(word.head) is not None:
                k = self.mention_of(word.head)
                found = (word.head, k) if k is not None and self.mentions[k].type == "PERSON" else None
                ctx = Context() if word.dep_ != "relcl" else self.context(word)
            elif any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):  # "He was aged around 45"
                found = self._person_subject(word)
                ctx = self.context(word)
            else:
                continue
            if found is None or ctx.irrealis:
                continue
            ctx.hedged = ctx.hedged or any(c.lower_ in _ROUGHLY for c in num.children) or num.head.lower_ in _ROUGHLY
            self._emit("born", word, found[0], found[1], None, None, None, ctx, 0.6, num,
                       time=_born_from_age(self.published, age))

    def _age_at_event(self) -> None:
        """"died in 2009 at the age of 71", "retired at age 65 in 2001": an age at a dated event
        is a birth in one of the two years before it."""
        for age in self.doc:
            if age.lower_ != "age" or age.dep_ != "pobj" or age.head.lower_ != "at":
                continue
            nums = [c for c in age.children if c.dep_ == "nummod"] + [
                p for c in age.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            verb = age.head.head
            if not nums or not nums[0].text.isdigit() or not 12 <= int(nums[0].text) <= 110 \
                    or verb.pos_ not in ("VERB", "AUX"):
                continue
            found = self._person_subject(verb)
            when = self.time_of(verb, skip={t.i for t in age.subtree})
            if found is None or when is None or when.earliest is None or when.latest is None \
                    or when.earliest.year != when.latest.year:
                continue  # an undated or stretched event gives no birth year
            ctx = self.context(verb)
            if ctx.irrealis:
                continue
            year = when.earliest.year - int(nums[0].text)
            self._emit("born", verb, found[0], found[1], None, None, None, ctx, 0.6, age,
                       time=TimeOut(f"[{year - 1}..{year}]", date(year - 1, 1, 1), date(year, 12, 31),
                                    f"aged {nums[0].text} in {when.earliest.year}"))

    def _among(self) -> None:
        """"X was among the dead", "X was one of those killed in the strike", "X was among those
        arrested on Monday": the event of the group he is counted in."""
        for be in self.doc:
            if be.lemma_ != "be" or be.dep_ in ("aux", "auxpass"):
                continue
            found = self._person_subject(be)
            if found is None:
                continue
            subject, k = found
            groups = [p for c in be.children if c.dep_ == "prep" and c.lower_ == "among"
                      for p in c.children if p.dep_ == "pobj"]
            groups += [p for one in be.children if one.dep_ == "attr" and one.lower_ == "one"
                       for c in one.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
            for group in groups:
                if group.lemma_.lower() in _DEAD_NOUNS:
                    self._emit("died", be, subject, k, None, None, None, self.context(be), 0.7, group)
                    continue
                event = next((a for a in group.children if a.dep_ == "acl" and a.tag_ == "VBN"), None)
                frame = next((f for f in self._frames(event) if f.voice in ("passive", "any")
                              and f.predicate in _EVENTS and not f.needs), None) if event is not None else None
                if event is not None and frame is not None:
                    self._emit(frame.predicate, event, subject, k, None, None, self._place_near(event),
                               self.context(be), 0.7, group, time=self.time_of(event))

    def _pledges_as_defections(self) -> None:
        """A pledge of allegiance by someone the text places elsewhere before (in another group,
        or in an office) is a change of sides: defected_to, not a first membership."""
        for i in self.pledges:
            c = self.claims[i]
            group = self._chain_of(c.object_mention) or (c.object_text or "").casefold()
            for d in self.claims:
                if d is c or d.subject_chain != c.subject_chain or d.predicate not in (
                        "member_of", "position_held", "defected_to"):
                    continue
                if d.time and c.time and d.time.earliest and c.time.latest and d.time.earliest > c.time.latest:
                    continue  # what came after the pledge
                other = self._chain_of(d.object_mention) or (d.object_text or "").casefold()
                if other == group or (d.object_text and c.object_text
                                      and c.object_text.casefold() in d.object_text.casefold()):
                    continue  # an office in the group pledged to
                self.claims[i] = replace(c, predicate="defected_to")
                break

    def _chain_of(self, k: int | None) -> str | None:
        return self.mentions[k].chain if k is not None else None

    def _frames(self, verb: Token) -> tuple[Frame, ...]:
        lemma = verb.lemma_.lower()
        return FRAMES_BY_LEMMA.get(lemma, ())

    def _has_needs(self, frame: Frame, verb: Token) -> bool:
        if not frame.needs:
            return True
        for c in verb.children:
            if c.lower_ in frame.needs or c.lemma_.lower() in frame.needs:
                return True
            if c.dep_ in ("dobj", "prep", "attr"):
                for g in c.subtree:
                    if g.lemma_.lower() in frame.needs and g.dep_ in ("dobj", "pobj", "compound", "attr"):
                        return True
        return False

    def _verb(self, verb: Token) -> None:
        if self._as_member(verb):  # "elected ... on a party's ticket", "as a member of X"
            pass
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "conj" and _participle(verb) and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)) or (
            # a participle with no subject of its own: "Born in Almar in 1959, he ..."
            verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "ccomp")
            and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)) or (
            # "was in January appointed chief": a time between auxiliary and participle leaves
            # the parser a copula with a clause hanging on it
            _split_passive(verb.head) == verb)
        ctx: Context | None = None
        for frame in self._frames(verb):
            if frame.voice == "passive" and not passive or frame.voice == "active" and passive:
                continue
            if not self._has_needs(frame, verb):
                continue
            if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.lemma_ in FINISHING \
                    and verb.head.lemma_ in FRAMES_LEMMAS_EDUCATION:
                continue  # its time went to the studies it ends
            if frame.subject == "object" and verb.tag_ not in ("VBD", "VBN"):
                continue  # "is killing her": not an event that has happened
            if frame.predicate == "detained" and any(c.dep_ in ("acomp", "oprd") and c.lemma_.lower() not in frame.needs
                                                     for c in verb.children):
                continue  # "held liable", "held responsible"
            if frame.predicate == "born" and verb.lemma_ == "be" and any(
                    c.dep_ in ("acomp", "advmod", "attr") and c.lower_ not in ("originally", "not", "also")
                    for c in verb.children):
                continue  # "is back from Quetta", "was home from Kabul": a return, not an origin
            subject = self._frame_subject(frame, verb)
            if subject is None:
                continue
            k = self.mention_of(subject)
            if k is None and subject.lower_ == "i":  # '"I joined the Taliban in 2005," said X': X
                k = self._quoted_speaker(verb)
            counted: list[tuple[Token, int]] = []
            if k is None:
                counted = self._plural_people(subject)
                if not counted:
                    continue
                (subject, k), counted = counted[0], counted[1:]
            sm = self.mentions[k]
            kind = "PERSON" if sm.type == "ROLE" else sm.type
            if kind not in _SUBJECT_TYPES.get(frame.predicate, ("PERSON",)) or not sm.chain:
                continue
            obj = self._object(frame, verb, subject)
            if obj is None:
                continue
            text, om, place, otok = obj
            if frame.role is not None:  # "governed Helmand": governor, in Helmand
                if om is None or otok is None or not (self.token_of.get(otok.i) == om or (
                        otok.lemma_.lower() in lx.PLACE_HEADS and any(
                            self.token_of.get(t.i) == om for t in otok.children if t.dep_ == "compound"))):
                    continue  # "ran a shop in Kabul", "ran the Kandahar customs house": not the place
                if self.mentions[om].type == "ORG":  # "spoke for the TTP": the group's spokesman
                    text, om, place = f"{frame.role} of {text}", None, None
                else:
                    text, om, place = frame.role, None, text
            if frame.predicate == "born" and om is None and otok is not None and otok.pos_ != "PROPN" \
                    and otok.lemma_.lower() not in lx.PLACE_HEADS:
                text, place, otok = None, None, None  # "born in poverty" names no place
            predicate = frame.predicate
            member_of: tuple[str, int] | None = None
            if frame.predicate == "statement" and otok is not None and text and om is None \
                    and otok.dep_ == "pobj":
                text = _words_of(otok.head, otok)  # "surrendered to the army": the words as written
            if predicate_is_lead(frame) and otok is not None and otok.pos_ == "NOUN" \
                    and (om is None or self.token_of.get(otok.i) != om):
                # "commanded a Hezb unit": an office in the group, not the group's name; the
                # group named on the unit is a membership too
                if om is not None and self.mentions[om].type == "ORG" and any(
                        self.token_of.get(c.i) == om for c in otok.children if c.dep_ in ("compound", "amod")):
                    member_of = (self.mentions[om].name or self.mentions[om].surface, om)
                # "TTP emir X led the group": the office written with his name, else a commander's
                predicate, text = "position_held", self._role_named_with(sm.chain) or _head_of(otok)
                om = None
                place = next((self.mentions[self.token_of[t.i]].name for t in otok.subtree
                              if t.i in self.token_of and self.mentions[self.token_of[t.i]].type == "PLACE"), place)
            if frame.predicate == "position_held" and frame.lemmas == frozenset({"be"}):
                if text is None or otok is None:
                    continue
                text, predicate = self._member_or_office(otok, text)
                named_on = otok.lemma_.lower() in MEMBER_NOUNS or any(
                    c.dep_ in ("compound", "amod", "nmod") and c.i in self.token_of
                    and self.mentions[self.token_of[c.i]].type == "ORG" for c in otok.subtree if c.head == otok)
                office_body = predicate == "position_held" and otok.lemma_.lower() == "member"
                group = self._group_of_role(otok) if named_on and not office_body else None
                if group is not None:  # "was a Taliban commander": a member of the Taliban; "was the
                    # chief spokesman of the TTP" is that office
                    text, om, place, predicate = group[0], group[1], None, "member_of"
            elif not predicate_is_lead(frame):
                predicate = frame.predicate
                if predicate == "member_of" and frame.ends and om is not None and set(
                        (text or "").lower().replace("-", " ").split()) & lx.OFFICE_ORG_HEADS:
                    predicate = "position_held"  # "left the Meshrano Jirga": a seat, not a side
            if predicate == "released" and text is None and not sm.title and not sm.is_pronoun \
                    and sum(w.isalpha() for w in (self.chain_names.get(sm.chain or "") or sm.surface).split()) < 2:
                continue  # "Git was released": software, films and reports are released too
            if om is not None and self.mentions[om].chain == sm.chain:
                continue
            ctx = ctx or self.context(verb)
            if ctx.irrealis:
                return
            more = self._conjoined(frame, verb, otok) if otok is not None and frame.role is None else []
            cuts = [o[3].i for o in more] + [verb.sent.end]
            first_scope = set(range(verb.sent.start, cuts[0]))
            if frame.predicate == "statement":
                words = [verb, *(c for c in verb.children if c.dep_ == "prt")]
                # "pleaded not guilty", "was found guilty of murder": the word the frame needs, with
                # its own words, is part of what happened
                for c in verb.children:
                    if c.dep_ in ("acomp", "oprd") and c.lemma_.lower() in frame.needs:
                        words.extend(t for t in c.subtree if not any(  # not "in 2012" on the crime
                            a.dep_ == "prep" and a.head != c and a.lower_ != "of"
                            for a in [t, *t.ancestors] if a in c.subtree and a != c))
                        if otok is not None and otok in c.subtree:
                            text = None
                text = " ".join(t.text for t in sorted(words, key=lambda t: t.i)) + (f" {text}" if text else "")
            if frame.predicate in ("position_held", "rank") and text and _is_rank(text):
                predicate = "rank"
            if frame.predicate == "located_in" and "be" in frame.lemmas and any(
                    c.dep_ == "attr" for c in verb.children):
                continue  # "is a surgeon in Peshawar" says what he is, not where
            if frame.predicate == "family" and ("marry" in frame.lemmas or "married" in frame.needs) \
                    and om is None and text:
                text = f"married to {text}"
            # times inside the subject's own phrase are not the verb's ("X, governor since 2010, was
            # arrested"), but the verb may sit inside the subject's phrase ("an elder who died in 1999")
            mine = {t.i for t in verb.subtree}
            if member_of is not None:
                self._emit("member_of", verb, subject, k, member_of[0], member_of[1], None, ctx,
                           frame.confidence, otok, skip=None)
            inside = subject.is_ancestor(verb)  # "an elder who died in 1999"
            own = {t.i for t in subject.subtree if t.i != subject.i and (not inside or t.i not in mine)} \
                if subject.i < verb.i else set()
            before = len(self.claims)
            self._emit(predicate, verb, subject, k, text, om, place, ctx, frame.confidence, otok,
                       only=first_scope if more else None, ends=frame.ends, skip=own or None)
            if frame.predicate == "member_of" and "allegiance" in frame.needs and len(self.claims) > before:
                self.pledges.append(before)  # only a claim _emit really made
            if predicate == "member_of" and verb.lemma_.lower() in ("lead", "head") and om is not None \
                    and otok is not None and self.token_of.get(otok.i) == om and self.mentions[om].type == "ORG":
                # "who led the Taliban after Omar's death": its leader too (or the office named with him)
                self._emit("position_held", verb, subject, k, f"{self._role_named_with(sm.chain) or 'leader'} of {text}",
                           None, None, ctx, 0.6, otok, only=first_scope if more else None, skip=own or None)
            for j, (text2, om2, place2, otok2) in enumerate(more):
                denied = _set_aside(self.doc, otok2) and not ctx.negated  # "of Kohistanat, not Sozma Qala"
                self._emit(predicate, verb, subject, k, text2, om2, place2,
                           replace(ctx, negated=True) if denied else ctx, frame.confidence,
                           otok2, only=set(range(otok2.i, cuts[j + 1])))
            for other, each in counted:  # "All three were picked up": each of the three named before
                self._emit(predicate, verb, other, each, text, om, place, ctx, frame.confidence, otok,
                           only=first_scope if more else None, ends=frame.ends)
            for other in (subject.conjuncts if not counted else ()):  # "X and Y were arrested": both were
                ok = self.mention_of(other)
                if ok is not None and ok != k and self.mentions[ok].type == "PERSON" and self.mentions[ok].chain \
                        and frame.subject == "subject":
                    self._emit(predicate, verb, other, ok, text, om, place, ctx, frame.confidence, otok,
                               only=first_scope if more else None, ends=frame.ends)
            return
        if not self._copula_group(verb) and not self._age(verb) and not self._copula_kin(verb) \
                and not self._kin_named(verb) and not self._copula_list(verb) and not self._take_over(verb) \
                and not self._copula_named(verb) and not self._copula_origin(verb):
            self._denied_link(verb)

    def _take_over(self, verb: Token) -> bool:
        """"took over the TTP in 2018", "took over his father's front": he came to hold the office
        the text names for it."""
        if verb.lemma_.lower() != "take" or not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children) \
                or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        k = self.mention_of(subject) if subject is not None else None
        if subject is None or k is None or self.mentions[k].type not in ("PERSON", "ROLE") or not self.mentions[k].chain:
            return False
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return False  # "He took over in 1998": what he took over, the text may not say
        if self._role_at(obj) is not None:
            text = self._role_at(obj)[0]  # type: ignore[index]
        elif obj.lemma_.lower() in lx.UNIT_NOUNS:
            text = _head_of(obj)
        else:
            group = next((self.token_of[t.i] for t in obj.subtree if t.i in self.token_of
                          and self.mentions[self.token_of[t.i]].type == "ORG"), None)
            if group is None:
                return False
            org = self.mentions[group]
            text = f"{self._role_named_with(self.mentions[k].chain) or 'leader'} of {org.name or org.surface}"
        if not text:
            return False
        ctx = self.context(verb)
        if not ctx.irrealis:
            self._emit("position_held", verb, subject, k, text, None, None, ctx, 0.65, obj)
        return True

    def _role_named_with(self, chain: str | None) -> str | None:
        """A role written with the person's name ("TTP chief X", "X, the group's emir")."""
        for j, m in enumerate(self.mentions):
            if m.chain != chain or m.type != "PERSON" or m.is_pronoun:
                continue
            for t in (self.doc[i] for i, kk in self.token_of.items() if kk == j):
                for c in t.children:
                    if c.dep_ in ("compound", "amod", "appos") and c.lower_ in ROLE_HEADS and self.token_of.get(c.i) != j:
                        return c.lower_
        return None

    def _group_of_role(self, otok: Token) -> tuple[str, int] | None:
        """The group a role noun is held in: "a Taliban commander", "commander of the TTP"."""
        for t in otok.subtree:
            k = self.token_of.get(t.i)
            if k is not None and self.mentions[k].type == "ORG" and t.i != otok.i and (
                    t.dep_ in ("compound", "nmod", "amod") or t.head.lower_ == "of"):
                m = self.mentions[k]
                return (m.name or m.surface, k)
        return None

    def _age(self, verb: Token) -> bool:
        """"is believed to be 34", "X, 58,": an age at publication is a birth in one of two years."""
        if verb.lemma_ == "turn" and self.published is not None:
            return self._turned(verb)
        if verb.lemma_ != "be" or self.published is None:
            return False
        if _at_another_time(verb):
            return True  # "was 45 when he died": an age then, not at the report
        ages = self._age_decade(verb)
        if ages is not None:
            found = self._person_subject(verb)
            if found is None:
                return False
            (subject, k), (lo, hi, words) = found, ages
            ctx = self.context(verb)
            if not ctx.irrealis:
                year = (self.published.date() if isinstance(self.published, datetime) else self.published).year
                self._emit("born", verb, subject, k, None, None, None, ctx, 0.55, words,
                           time=TimeOut(f"[{year - hi - 1}..{year - lo}]", date(year - hi - 1, 1, 1),
                                        date(year - lo, 12, 31), words.text))
            return True
        for num in verb.children:
            age = _age_value(num)
            if num.dep_ in ("attr", "acomp", "npadvmod") and age is not None \
                    and not any(c.dep_ in ("pobj", "prep") for c in num.children):
                found = self._person_subject(verb)
                if found is None:
                    return False
                subject, k = found
                ctx = self.context(verb)
                if ctx.irrealis:
                    return True
                ctx.hedged = ctx.hedged or any(c.lower_ in _ROUGHLY for c in num.children)
                self._emit("born", verb, subject, k, None, None, None, ctx, 0.6, num,
                           time=_born_from_age(self.published, age))
                return True
        return False

    def _turned(self, verb: Token) -> bool:
        """"X, who turned 61 last month": born that month, 61 years before."""
        num = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "npadvmod", "oprd")
                    and _age_value(c) is not None), None)
        found = self._person_subject(verb) if num is not None else None
        if num is None or found is None:
            return False
        age = _age_value(num) or 0
        when = self.time_of(verb) or (publication_month(self.published) if self.published is not None else None)
        if when is None or when.earliest is None or when.latest is None or when.earliest.year != when.latest.year:
            return False
        same_month = when.earliest.month == when.latest.month
        y = when.earliest.year - age
        edtf = f"{y}-{when.earliest.month:02d}" if same_month else str(y)
        born = normalise_point(edtf, f"{num.text} ... {when.text}")
        ctx = self.context(verb)
        if born is not None and not ctx.irrealis:
            self._emit("born", verb, found[0], found[1], None, None, None, ctx, 0.6, num, time=born)
        return True

    @staticmethod
    def _age_decade(verb: Token) -> tuple[int, int, Token] | None:
        """"is in his seventies", "is believed to be in her early fifties": the ages it allows."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                decade = AGE_DECADES.get(noun.lower_)
                if noun.dep_ != "pobj" or decade is None or not any(
                        c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
                    continue
                part = next((c.lower_ for c in noun.children if c.lower_ in ("early", "mid", "late")), None)
                lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part or "", (0, 9))
                return decade + lo, decade + hi, noun
        return None

    def _person_subject(self, verb: Token) -> tuple[Token, int] | None:
        """The verb's subject token and its mention, when that is a person in a chain (a named
        person, a pronoun that stands for one, or a role that does)."""
        subject = self.subject_token(verb)
        k = self.mention_of(subject) if subject is not None else None
        if subject is None or k is None or not self.mentions[k].chain \
                or self.mentions[k].type not in ("PERSON", "ROLE"):
            return None
        return subject, k

    def _copula_kin(self, verb: Token) -> bool:
        """"she is Toryalai's cousin", "he is the son of X", "she is no relative of X": family."""
        if verb.lemma_ != "be":
            return False
        for attr in verb.children:
            if attr.dep_ != "attr" or attr.lemma_.lower() not in KIN:
                continue
            kin = [c for c in attr.children if c.dep_ == "poss"] + [
                p for c in attr.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            found = self._person_subject(verb)
            if not kin or found is None:
                continue
            subject, k = found
            ok = self.mention_of(kin[0])
            if ok is None or self.mentions[ok].type != "PERSON" or not self.mentions[ok].chain \
                    or self.mentions[ok].chain == self.mentions[k].chain:
                continue
            ctx = self.context(verb)
            if ctx.irrealis:
                return True
            if any(c.dep_ == "det" and c.lower_ == "no" for c in attr.children):
                ctx.negated = True
            other = self.mentions[ok]
            self._emit("family", verb, subject, k, other.name or other.surface, ok, None, ctx, 0.7, attr,
                       past=True)
            return True
        return False

    def _kin_named(self, verb: Token) -> bool:
        """"his father was called Murtaza", "X's brother is Y": the kinsman's name is the owner's kin."""
        if verb.lemma_ not in ("be", "call", "name"):
            return False
        kin = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in KIN]
        named = [c for c in verb.children if c.dep_ in ("attr", "oprd")]
        owner = [c for c in kin[0].children if c.dep_ == "poss"] if kin else []
        if not owner or not named:
            return False
        ok, nk = self.mention_of(owner[0]), self.mention_of(named[0])
        if ok is None or nk is None or any(self.mentions[j].type != "PERSON" or not self.mentions[j].chain
                                           for j in (ok, nk)) or self.mentions[ok].chain == self.mentions[nk].chain:
            return False
        ctx = self.context(verb)
        if not ctx.irrealis:
            other = self.mentions[nk]
            self._emit("family", verb, owner[0], ok, other.name or other.surface, nk, None, ctx, 0.72, named[0],
                       past=True)
        return True

    def _copula_list(self, verb: Token) -> bool:
        """"The new governors are X in A; Y in B; and Z in C": each named person holds the role
        the plural subject names, in the place written after his name."""
        if verb.lemma_ != "be":
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "NNS"), None)
        if subj is None or role_span(subj) is None:
            return False
        sent = verb.sent
        names: list[tuple[Token, int]] = []
        for t in self.doc[verb.i + 1:sent.end]:
            k = self.token_of.get(t.i)
            if k is None or self.mentions[k].type != "PERSON" or not self.mentions[k].chain \
                    or self.mentions[k].is_pronoun or self._head(k) != t or t.dep_ in ("pobj", "poss", "compound"):
                continue
            names.append((t, k))
        if len(names) < 2:
            return False
        role = self._role_at(subj)
        if role is None:
            return False
        ctx = self.context(verb)
        if ctx.irrealis:
            return True
        bounds = [t.i for t, _ in names] + [sent.end]
        now = default_time("position_held", verb.text, reported=ctx.reported_by is not None, appositive=False,
                           published=self.published)
        for j, (name, k) in enumerate(names):
            aside = {t.i for c in name.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
            stretch = [i for i in range(name.i, bounds[j + 1]) if i not in aside]
            at = next((self.doc[i] for i in stretch if i in self.token_of
                       and self.mentions[self.token_of[i]].type == "PLACE" and self.doc[i].head.lower_ in ("in", "for", "of")),
                      None)
            place = self.mentions[self.token_of[at.i]].name or self.mentions[self.token_of[at.i]].surface \
                if at is not None else role[1]
            self._emit("position_held", name, name, k, role[0], None, place, ctx, 0.7, at, time=now,
                       only=set(stretch))
        self.list_subjects.add(subj.i)
        return True

    def _copula_origin(self, verb: Token) -> bool:
        """"He was a resident of Shewa Adda", "X is a native of Munda": where he lives or is from."""
        if verb.lemma_ != "be":
            return False
        attr = next((c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in _ORIGIN_NOUNS), None)
        found = self._person_subject(verb) if attr is not None else None
        if attr is None or found is None:
            return False
        return self._origin(found[1], attr, found[0], verb)

    def _copula_named(self, verb: Token) -> bool:
        """"The commander there in 2000 was Mawlawi Abdul Wadud", "The governor of Helmand at the
        time was Gulab Mangal": the copula names who held the role its subject describes."""
        if verb.lemma_ != "be":
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "NN"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subj is None or attr is None or not any(
                (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in subj.children):
            return False  # "The commander there was X", "Takhar's new governor is X"
        k = self.mention_of(attr)
        role = self._role_at(subj)
        if k is None or role is None or self.mentions[k].type != "PERSON" or not self.mentions[k].chain \
                or self.mentions[k].is_pronoun:
            return False
        ctx = self.context(verb)
        if not ctx.irrealis:
            phrase, place, org = role
            text = _role_text(phrase, place, org)
            self._emit("position_held", verb, attr, k, text, None, place, ctx, 0.7, subj)
        return True

    def _copula_group(self, verb: Token) -> bool:
        """"Sayedi is a Junbish-e Milli man": a noun held in a group after a copula is membership."""
        if verb.lemma_ != "be":
            return False
        for attr in verb.children:
            if attr.dep_ != "attr" or attr.pos_ != "NOUN" or attr.lemma_.lower() not in GROUP_PEOPLE:
                continue
            group = self._group_of_role(attr)
            found = self._person_subject(verb)
            if group is None or found is None:
                continue
            subject, k = found
            ctx = self.context(verb)
            if not ctx.irrealis:
                self._emit("member_of", verb, subject, k, group[0], group[1], None, ctx, 0.7, attr)
            return True
        return False

    def _as_member(self, verb: Token) -> bool:
        """Any verb "as a member of X" (fought ... as a member of Jamiat): member_of X."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "on":  # "elected on a PML-Q ticket"
                for noun in prep.children:
                    if noun.dep_ == "pobj" and noun.lemma_ in ("ticket", "list", "slate"):
                        group = self._group_of_role(noun)
                        found = self._person_subject(verb)
                        if group and found is not None:
                            subject, k = found
                            ctx = self.context(verb)
                            if not ctx.irrealis:
                                self._emit("member_of", verb, subject, k, group[0], group[1], None, ctx, 0.7, noun)
                            return True
            if prep.dep_ != "prep" or prep.lower_ != "as":
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_ in ("member", "fighter", "commander", "leader"):
                    group = self._group_of_role(noun)
                    found = self._person_subject(verb)
                    if group is None or found is None:
                        continue
                    subject, k = found
                    ctx = self.context(verb)
                    if ctx.irrealis:
                        return True
                    self._emit("member_of", verb, subject, k, group[0], group[1], None, ctx, 0.75, noun)
                    return True
        return False

    def _conjoined(self, frame: Frame, verb: Token, otok: Token
                   ) -> list[tuple[str | None, int | None, str | None, Token]]:
        """Objects listed after the first, each with its own words: "to Pakistan in 1978, Saudi
        Arabia in 1981 and Iran in 2004"; "his primary education at X in 1971, and his secondary
        education at Y in 1977". A small parser attaches such gapped lists loosely, so the
        candidates are the coordinated or loosely attached names after the first, and each
        object's words run up to the next one."""
        seen = {otok.i}
        cands: list[Token] = []
        for t in verb.subtree:
            if t.i > otok.i and t.i not in seen and t.dep_ in ("conj", "npadvmod", "appos", "dobj", "dep") \
                    and t.i in self.token_of and self._governing_verb(t) == verb \
                    and self.doc[min(x.i for x in t.subtree) - 1].pos_ != "ADP" and not _agent_of_noun(t, verb):
                seen.add(t.i)
                cands.append(t)
        prep = otok.head if otok.dep_ == "pobj" else None
        if prep is not None:  # "to major general in 1988 and to lieutenant general in 1993"
            for c in prep.conjuncts:
                if c.i > otok.i and c.lower_ == prep.lower_:
                    cands.extend(p for p in c.children if p.dep_ == "pobj")
        holder = otok.head.head if otok.dep_ == "pobj" else None
        if holder is not None and (holder == verb or (holder.dep_ in ("dobj", "attr") and holder.pos_ == "NOUN")):
            word = otok.head.lower_
            # the second noun may hang on the noun or, as a small parser often has it, on the verb
            gapped = [*(holder.conjuncts if holder != verb else ()),
                      *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN")]
            for c in dict.fromkeys(gapped):
                for prep in c.children:
                    if prep.dep_ == "prep" and prep.lower_ == word:
                        cands.extend(p for p in prep.children if p.dep_ == "pobj" and p.i > otok.i)
        out: list[tuple[str | None, int | None, str | None, Token]] = []
        role = self._role_at(otok) if "ROLE" in frame.object_types else None
        for c in sorted(cands, key=lambda t: t.i):
            found = self._typed(c, frame.object_types)
            k = self.token_of.get(c.i)
            first = c
            while first.dep_ == "conj" and first.head != first:
                first = first.head
            if role is not None and k is not None and c in otok.subtree and (self.mentions[k].type == "PLACE" or (
                    self.mentions[k].type == "ORG" and self.mentions[self.token_of.get(first.i, k)].type == "PLACE")):
                # "governor of Kunar, Laghman and Kapisa": the same office in each place
                found = (role[0], None, self.mentions[k].name or self.mentions[k].surface, c)
            if found and (found[1] is not None or found[0]):
                if out and (out[-1][1], out[-1][0], out[-1][2]) == (found[1], found[0], found[2]):
                    out[-1] = (found[0], found[1], found[2], out[-1][3])  # one object reached twice
                    continue
                out.append((found[0], found[1], found[2], c))
        return out

    def _member_or_office(self, otok: Token, text: str) -> tuple[str, str]:
        if otok.lemma_.lower() == "member":
            org = next((self.mentions[self.token_of[t.i]] for t in otok.subtree
                        if t.i in self.token_of and self.mentions[self.token_of[t.i]].type == "ORG"), None)
            if org is not None:
                name = org.name or org.surface
                heads = set(name.lower().replace("-", " ").split())
                if heads & lx.OFFICE_ORG_HEADS:
                    return name, "position_held"
                return name, "member_of"
        return text, "position_held"

    def _frame_subject(self, frame: Frame, verb: Token) -> Token | None:
        if frame.subject == "object":
            for c in verb.children:
                if c.dep_ in ("dative",) and c.pos_ in ("PRON", "PROPN", "NOUN"):
                    return c
                if c.dep_ == "dative" and c.lower_ == "to":  # "granted bail to X"
                    return next((p for p in c.children if p.dep_ == "pobj"), None)
            for c in verb.children:
                if c.dep_ == "dobj":
                    return c
            return None
        return self.subject_token(verb)

    def _denied_link(self, verb: Token) -> None:
        """"denied any involvement with the movement": a negated member_of."""
        if verb.lemma_ not in DENIAL_LEMMAS:
            return
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.lemma_.lower() not in DENIED_LINKS:
                continue
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "in", "to"):
                    for p in prep.children:
                        k = self.mention_of(p)
                        subj = self.subject_token(verb)
                        sk = self.mention_of(subj) if subj is not None else None
                        if k is None or sk is None or self.mentions[k].type != "ORG":
                            continue
                        if self.mentions[sk].type != "PERSON" or not self.mentions[sk].chain:
                            continue
                        ctx = self.context(verb)
                        ctx.negated = True
                        m = self.mentions[k]
                        self._emit("member_of", verb, subj, sk, m.name or m.surface, k, None, ctx, 0.75, p)
                        return

    def _emit(self, predicate: str, verb: Token, subject: Token, sk: int, obj_text: str | None,
              om: int | None, place: str | None, ctx: Context, confidence: float,
              otok: Token | None, *, appositive: bool = False, past: bool = False,
              only: set[int] | None = None, skip: set[int] | None = None, ends: bool = False,
              former: bool = False, time: TimeOut | None = None) -> None:
        sm = self.mentions[sk]
        if sm.type == "ROLE" and sm.chain:
            # "the general", "a former senator": the claim is about the person the chain names
            named = next((j for j, m in enumerate(self.mentions) if m.chain == sm.chain
                          and m.type == "PERSON" and not m.is_pronoun), None)
            if named is None:
                return
            sk = named
        if predicate in _HELD and time is None and any(
                c.lower_ == "recently" and any(g.lower_ == "most" for g in c.children) for c in verb.children):
            former = True  # "was most recently deputy minister": the office held until lately
        sent = verb.sent
        toks = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt"))]
        span = self.doc.char_span(sm.start, sm.end, alignment_mode="expand")
        if span is not None and span.sent == sent:
            toks.extend(span)
        if otok is not None:
            toks.extend(t for t in otok.subtree if not any(
                a.dep_ in ("relcl", "acl") and a in otok.subtree and a != otok for a in t.ancestors)
                and (only is None or t.i in only))
        for root, _t in self._times(verb, only, skip):
            toks.extend(root.subtree)
        toks = [t for t in toks if sent.start <= t.i < sent.end and not t.is_punct] or [verb]
        a = min(t.idx for t in toks)
        b = max(t.idx + len(t) for t in toks)
        if time is not None:
            pass
        elif former and self.published is not None:
            month = publication_month(self.published)  # "a former commander": at some time before
            time = TimeOut(f"../{month.edtf}", None, month.latest, "former") if month else None
        else:
            stay = self._counted_stay(verb) if predicate in ("located_in", "detained") and not past else None
            time = stay or (None if past else self.time_of(verb, only, skip) if not appositive else None)
            if time is None and not past and not appositive and predicate in _HELD and otok is not None:
                time = self._relative_time(otok)
        if time is None and not past and not former and predicate in _HELD | {"located_in"} and any(
                c.lower_ == "then" and c.dep_ == "advmod" for c in verb.children):
            picked = self._narrative_pick(verb)  # "he was then the district chief": at the time just told
            time = picked[0] if picked and not picked[1] else None
        if time is None and not past and not former and ctx.negated and predicate not in ("born", "died") and any(
                c.lower_ == "never" for c in verb.children) and self.published is not None:
            month = publication_month(self.published)  # "was never held at Bagram": up to the report
            if month is not None:
                time = TimeOut(f"../{month.edtf}", None, month.latest, "never")
        if time is not None and predicate in _HELD | {"located_in"} and verb.lemma_.lower() in _STATE_VERBS \
                and time.edtf.startswith("[..") and time.edtf.endswith("]"):
            # "by 2006 he was its commander": the state held in 2006 (an event "by 2006" stays
            # "on or before 2006")
            point = normalise_point(time.edtf[3:-1], time.text)
            if point is not None:
                time = point
        if time is not None and predicate in _HELD and "/" not in time.edtf and time.earliest is not None:
            time = self._extended(verb, time, predicate)
        if time is None and not past and not former:
            end = sm.end
            if end < sent.start_char:  # "all three were": the count stands for names told before
                own = self.subject_token(verb)
                end = own.idx + len(own) if own is not None and own.sent == sent else sent.start_char
            clause = self.text[min(end, verb.idx):verb.idx + len(verb)] if end <= verb.idx else " ".join(
                t.text for t in sorted([verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg"))],
                                       key=lambda t: t.i))  # "the Taliban have appointed X": the verb's own words
            time = default_time(predicate, clause, reported=ctx.reported_by is not None,
                                appositive=appositive, published=self.published,
                                dated_sentence=any(v for v in self.times_at if sent.start <= v < sent.end))
        if ends and time is not None and time.latest is not None and "/" not in time.edtf:
            time = TimeOut(f"../{time.edtf}", None, time.latest, time.text)  # "quit in 2002"; "had cut ties": by the report
        if time is None and not past and not former and not appositive and predicate in _EVENTS \
                and not (ctx.negated and ctx.reported_by):  # "denied that he had been released": at no time told
            picked = self._narrative_pick(verb)
            time, told_after = picked if picked else (None, False)
            if time is None and ctx.reported_by is not None and self.published is not None \
                    and not any(c.lower_ == "then" and c.dep_ == "advmod" for c in verb.children):
                # a source reporting an undated event: recent news; "he was then indicted" tells
                # a past the text does not date
                time = publication_month(self.published)
                if time is not None and verb.dep_ == "advcl" and any(
                        c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
                    # "ran a story after X was released": what another event followed lies
                    # some time before the report, not in its month
                    time = TimeOut(f"[..{time.edtf}]", None, time.latest, time.text)
                told_after = True  # "I spent three years in prison": the stay ends by the report
            if time is not None and predicate == "detained":
                # "arrested in 2009. He was held at Bagram for four years": 2009/2013; "spent six
                # years at Guantanamo and was released in 2008": 2002/2008
                after = self.text[verb.idx:max(t.idx + len(t) for t in verb.subtree)]
                counted = (duration_until if told_after else duration_from)(time, after)
                if counted is not None and not told_after and self.published is not None \
                        and counted.latest is not None and counted.latest.year > _as_day(self.published).year:
                    counted = duration_until(time, after)  # "freed this week, X spent ten years in prison"
                time = counted or time
        if time is None and ctx.negated and predicate in _EVENTS and sm.chain:
            # a reply's "Sher Zaman was not killed" denies the killing the thread dated
            time = self.thread_events.get(event_key(sm.chain, predicate))
        if predicate == "located_in" and otok is not None and (time is None or "/" not in time.edtf):
            time = self._stay_after(verb, otok, time) or time
        if predicate == "located_in" and time is not None and "/" not in time.edtf and time.earliest is not None \
                and verb.lemma_.lower() in _SETTLING and not any(c.dep_ == "dobj" for c in verb.children) \
                and self.published is not None and not ctx.negated:
            # "moved to Doha the following year": living there since, as far as the text tells
            stay = self._to_report(time)
            if stay is not None and not time.edtf.startswith(stay.edtf.split("/")[-1]):  # not within the report's month
                time = stay
        verb_text = " ".join(t.text for t in sorted(
            [verb, *(c for c in verb.children if c.dep_ in ("auxpass", "prt"))], key=lambda t: t.i))
        self.claims.append(ClaimOut(
            subject_chain=sm.chain, subject=sm.surface,
            subject_name=self.chain_names.get(sm.chain or "", sm.name or sm.surface),
            subject_mention=sk, predicate=predicate, object_text=obj_text, object_mention=om,
            time=time, place=place, modality=ctx.modality, attributed_to=ctx.reported_by,
            quote=self.text[a:b], quote_start=a, quote_end=b, verb=verb_text,
            confidence=confidence,
        ))

    def _around_names(self) -> None:
        """Offices and kin written around a name: "the governor of X, Y", "TTP chief Y",
        "Y, a former commander", "his brother, Y", "Y, son of Z"."""
        for k, m in enumerate(self.mentions):
            if m.type != "PERSON" or m.is_pronoun or not m.chain:
                continue
            head = self._head(k)
            if head is None:
                continue
            for num in head.children:  # "Sahak, 46, ...": an age beside a name
                if num.dep_ in ("appos", "npadvmod", "amod", "nummod") and num.text.isdigit() \
                        and 12 <= int(num.text) <= 110 and num.i == head.i + 2 and self.doc[head.i + 1].text == "," \
                        and self.published is not None:
                    self._emit("born", num, head, k, None, None, None, Context(), 0.6, num,
                               time=_born_from_age(self.published, int(num.text)))
            self._deceased(k, head)
            self._life_dates(k, head)
            self._former_title(k, head)
            nouns: list[Token] = []
            apposed = _apposed_noun(head)
            if apposed is not None:
                nouns.append(apposed)
            nouns.extend(c for c in head.children if c.dep_ == "appos" and (
                c.pos_ == "NOUN" or c.pos_ == "PROPN" and c.is_upper and c.lower_ in ROLE_HEADS))  # "the Takhar MP"
            # "X, Group President, Asia Pacific, Y Corp.": a capitalised office set off after the name
            titled = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i
                      and not c.is_upper and c.i not in self.token_of and _office_word(c)
                      and self.doc[c.left_edge.i - 1].text == ","]
            nouns.extend(titled)
            name_toks = [self.doc[i] for i, kk in self.token_of.items() if kk == k]
            nouns.extend(c for t in name_toks for c in t.children if c.dep_ in ("compound", "amod")
                         and self.token_of.get(c.i) != k
                         and (c.pos_ == "NOUN" or c.lower_ in ROLE_HEADS or c.lower_ in _ACRONYM_ROLES)  # "TTP emir X"
                         and (c.i not in self.token_of or self.mentions[self.token_of[c.i]].type == "ROLE")
                         and (c.is_lower or c.is_upper and len(c) > 1))  # "former MNA X"
            # "former Attorney General X": a capitalised office before a name, told as past
            formers = [c for t in name_toks for c in t.children if c.dep_ == "compound" and c.is_title
                       and self.token_of.get(c.i) != k and c.i not in self.token_of and role_span(c) is not None
                       and _former_before(self.doc, role_span(c)[0])]  # type: ignore[index]
            nouns.extend(formers)
            for noun in nouns:
                if noun.i in self.list_subjects:
                    continue
                if noun.lemma_.lower() in KIN or noun.lower_ in KIN:
                    self._kin(k, noun, head)
                    continue
                if noun.lemma_.lower() in MEMBER_NOUNS and self._member_noun(k, noun, head):
                    continue
                if noun.lemma_.lower() in _ORIGIN_NOUNS and self._origin(k, noun, head):
                    continue
                role = self._titled_role(noun) if noun in titled else self._role_at(noun)
                if role is None and self._held_noun(k, noun, head):
                    continue
                on_name = noun.dep_ in ("compound", "amod") and self.token_of.get(noun.head.i) == k
                role = role or self._agent_role(noun, on_name=on_name)
                if role is None:
                    continue
                phrase, place, org = role
                past = noun in formers or self._said_former(noun)
                ctx = self.context(self._governing_verb(head) or head) if head.head != head else Context()
                start = noun.left_edge.i  # "X (not a metal singer)", "X, not a Taliban commander,"
                ctx.negated = any(c.dep_ == "neg" for c in noun.children) or self.doc[start].lower_ == "not" \
                    or (start > 0 and self.doc[start - 1].lower_ == "not")
                ctx.irrealis = False
                if ctx.reported_by in (m.name, m.surface, self.chain_names.get(m.chain or "")):
                    ctx.reported_by = None  # "according to the police chief, X": X's office is no hearsay of his
                text = _role_text(phrase, place, org)
                kind = "rank" if _is_rank(phrase) else "position_held"
                gov = self._governing_verb(noun)
                when = self.time_of(gov, only={t.i for t in noun.subtree}) if gov is not None \
                    else self._verbless_time(noun, head)
                when = when or self._holder_time(head, noun, past)
                self._emit(kind, noun, head, k, text, None, place, ctx, 0.8, noun,
                           appositive=True, past=past and when is None, former=past and when is None,
                           time=when)

    def _origin(self, k: int, noun: Token, head: Token, copula: Token | None = None) -> bool:
        """"X, a native of Munda": born there; "X, a resident of Bara": living there when reported
        (or, after a copula, when the copula says: "He was a resident of Bara")."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        where = self._place_in(of) if of is not None else None
        if where is None:
            return False
        text, place_mention = where
        om: int | None = place_mention
        named = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
        if named is not None and named.pos_ == "PROPN" and named.i not in self.token_of:
            # "a resident of Shewa Adda in Mardan": the village the gazetteer does not know
            first = min((c.i for c in named.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=named.i)
            text, om = self.doc[first:named.i + 1].text, None
        if copula is not None:
            ctx = self.context(copula)
        else:
            ctx = self.context(self._governing_verb(head) or head) if head.head != head else Context()
            ctx.irrealis = False
        if ctx.irrealis:
            return True
        predicate = _ORIGIN_NOUNS[noun.lemma_.lower()]
        self._emit(predicate, copula or noun, head, k, text, om, text, ctx, 0.7, noun, appositive=copula is None
                   or predicate == "born")
        return True

    def _former_title(self, k: int, head: Token) -> None:
        """"former MNA Malik Shah", "ex-Senator X": an office written as the title of the name and
        said to be over. (A title alone, "Senator X", is how the text names him, not a claim.)"""
        m = self.mentions[k]
        if not m.title:
            return
        office = m.title.rstrip(".")
        low = office.lower()
        if low not in ROLE_PHRASES_LOWER or _is_rank(low):
            return
        before = self.text[max(0, m.start - 12):m.start].lower()
        if not re.search(r"\b(?:former|ex-?|erstwhile|one-time)\s*$", before):
            return
        text = office if office.isupper() else low
        self._emit("position_held", head, head, k, text, None, None, Context(), 0.7, None,
                   appositive=True, former=True)

    def _said_former(self, noun: Token) -> bool:
        """"a former commander", "the one-time military chief", "ex-governor": an office over."""
        return any(t.lower_ in _PAST_MARKERS for t in noun.children if t.dep_ in ("amod", "advmod", "compound")) \
            or _ONE_TIME.search(self.text, noun.left_edge.idx, noun.idx) is not None

    def _verbless_time(self, noun: Token, name: Token) -> TimeOut | None:
        """A list line with no verb ("- X, head of the Kunar front between 2016 and 2018"): the time
        written in the role's own phrase, or hung on the name right after the role ("X, the
        group's chief judge since at least 2017, a cleric"); "since" runs up to the report."""
        own = self._noun_times(noun)
        if not own:
            nxt = min((c.i for c in name.children if c.dep_ == "appos" and c.i > noun.i), default=len(self.doc))
            after = {t.i for c in name.children if c.dep_ == "prep" and noun.i < c.i < nxt for t in c.subtree}
            own = [(root, t) for root, t in self._time_roots() if root.i in after]
        if not own:
            return None
        when = TimeOut.from_value(own[0][1].value)
        return (self._to_report(when) if when.edtf.endswith("/..") else None) or when

    def _time_roots(self) -> list[tuple[Token, Any]]:
        """Every dated phrase of the text with the token its words hang on."""
        out = []
        for _at, t in self.all_times:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                out.append((span.root, t))
        return out

    def _holder_time(self, head: Token, noun: Token, former: bool) -> TimeOut | None:
        """When a role written beside a name was held, where the name's clause is dated: "the
        police chief, X, whom he accused in 2007" (2007); up to a death or a former role's dated
        end: "X, a surgeon, was killed in 2013" (../2013), "X, a former commander who surrendered
        in 2016" (../2016). None leaves the default: the time of the report."""
        own = {t.i for t in noun.subtree}
        gov = self._governing_verb(head)
        verbs = [r for r in noun.children if r.dep_ == "relcl"] + [r for r in head.children if r.dep_ == "relcl"]
        if gov is not None and gov.i not in own and _argument_of(head, gov):
            verbs.append(gov)
        for verb in verbs:
            when = self.time_of(verb, skip=own if verb is gov else None)
            if when is None or when.latest is None:
                continue
            ends = former or any(f.predicate == "died" or (f.ends and f.predicate == "position_held"
                                                           and self._has_needs(f, verb))
                                 for f in self._frames(verb))  # "X, 63, who stepped down in August"
            if not ends:
                return when
            end = when.edtf.split("/")[-1]
            return TimeOut(end if end.startswith("..") else f"../{end}", None, when.latest, when.text)
        return None

    def _stray_kin(self) -> None:
        """"born in 1958 in Kalat, the second son of X": a kin noun the parser hung on the place
        before it describes the clause's subject."""
        for noun in self.doc:
            if noun.dep_ != "appos" or noun.lemma_.lower() not in KIN or noun.head.pos_ not in ("PROPN", "NOUN"):
                continue
            hk = self.mention_of(noun.head)
            if hk is not None and self.mentions[hk].type == "PERSON":
                continue  # "X, son of Y": _around_names reads it
            of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            ok = self.mention_of(of[0]) if of else None
            verb = self._governing_verb(noun)
            found = self._person_subject(verb) if verb is not None else None
            if ok is None or found is None or self.mentions[ok].type != "PERSON" or not self.mentions[ok].chain:
                continue
            subject, k = found
            if self.mentions[k].chain == self.mentions[ok].chain:
                continue
            other = self.mentions[ok]
            self._emit("family", noun, subject, k, other.name or other.surface, ok, None, Context(), 0.7,
                       of[0], past=True)

    def _member_noun(self, k: int, noun: Token, head: Token) -> bool:
        """"Gul Rahman, another former TTP man", "a Hezb fighter, X": a member of that group."""
        group = self._group_of_role(noun)
        if group is None:
            return False
        past = any(t.lower_ in _PAST_MARKERS for t in noun.children if t.dep_ in ("amod", "advmod", "compound"))
        ctx = self.context(self._governing_verb(head) or head) if head.head != head else Context()
        ctx.negated = False
        ctx.irrealis = False
        self._emit("member_of", noun, head, k, group[0], group[1], None, ctx, 0.75, noun,
                   appositive=True, past=past, former=past)
        return True

    def _place_in(self, noun: Token) -> tuple[str, int] | None:
        for t in noun.subtree:
            k = self.token_of.get(t.i)
            if k is not None and self.mentions[k].type == "PLACE" and t.i != noun.i:
                return self.mentions[k].name or self.mentions[k].surface, k
        return None

    def _held_noun(self, k: int, noun: Token, head: Token) -> bool:
        """"X, a former Guantanamo detainee": a detention written as what the person is."""
        if noun.lemma_.lower() not in _DETAINEE_NOUNS:
            return False
        where = self._place_in(noun)
        former = any(t.lower_ in _PAST_MARKERS for t in noun.children if t.dep_ in ("amod", "advmod"))
        self._emit("detained", noun, head, k, where[0] if where else None, where[1] if where else None,
                   where[0] if where else None, Context(), 0.7, noun, appositive=True, former=former,
                   past=not former)
        return True

    def _agent_role(self, noun: Token, on_name: bool = False) -> tuple[str, str | None, str | None] | None:
        """"X, a security analyst in Herat", "X, a bomb-maker": an apposed noun naming what someone
        does (an agent noun: -er, -or, -ist, -ian, ...) is a role even where the table has none.
        Without "a" or "his" it takes more to be sure: a job written as a title right before the
        name ("freelance developer X", "desktop manager X"), or one the occupations table knows,
        set off with "the" and the words that place it ("X, the desktop lead at Canonical"), or
        owned by a named group ("the group's project maintainer (X)")."""
        lemma = noun.lemma_.lower()
        known = lemma in OCCUPATIONS and (lemma not in OCCUPATIONS_NARROWED or any(
            c.dep_ == "compound" and c.i < noun.i for c in noun.children))
        agentive = len(lemma) >= 5 and bool(_AGENTIVE.search(lemma)) and lemma not in _NOT_AGENTS
        if not (noun.pos_ == "NOUN" or noun.is_upper and known) or not (known or agentive):
            return None
        org: str | None = None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            ok = self.mention_of(owner)
            if ok is None or self.mentions[ok].type != "ORG":
                return None  # "the team's water carrier": only a named group's office
            org = self.mentions[ok].name or self.mentions[ok].surface
        determined = any(c.dep_ == "det" and c.lower_ in ("a", "an") or c.dep_ == "poss" and c.pos_ == "PRON"
                         for c in noun.children)  # "a bomb-maker", "our driver", "his lawyer"
        the = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        if not determined and org is None:
            if on_name:  # "freelance developer X": a title, unless the noun names a thing
                if not (known or (_TITLE_AGENTIVE.search(lemma) and lemma not in _THING_NOUNS)):
                    return None
            elif not (the and known) or any(  # "the author of the report": a relation to a thing
                    c.dep_ == "prep" and c.lower_ == "of" and not any(
                        self._names_group(p) for p in c.children if p.dep_ == "pobj") for c in noun.children):
                return None
        words = [t for t in noun.lefts if t.text == "-" or t.is_lower and (
            t.dep_ == "compound" and t.pos_ == "NOUN"
            or t.dep_ == "amod" and (t.lower_.endswith(("al", "ic", "ary")) or t.lower_ in _FREE_WORDS)
            and t.lower_ not in _PAST_MARKERS)]
        phrase = "".join(t.text_with_ws for t in words) + lemma
        where = self._place_in(noun)
        if org is None and (the or on_name):
            org = next((self.mentions[self.token_of[t.i]].name or self.mentions[self.token_of[t.i]].surface
                        for t in noun.subtree if t.i in self.token_of and t != noun
                        and self.mentions[self.token_of[t.i]].type == "ORG"
                        and (t.head == noun and t.dep_ == "compound" or t.head.head == noun
                             and t.head.lower_ in ("at", "of", "for"))), None)
        return phrase.replace(" - ", "-").replace(" -", "-").replace("- ", "-"), where[0] if where else None, org

    def _names_group(self, tok: Token) -> bool:
        k = self.mention_of(tok)
        return k is not None and self.mentions[k].type == "ORG"

    def _titled_role(self, noun: Token) -> tuple[str, str | None, str | None] | None:
        """"Group President", "General Manager": a capitalised office after a name, with the
        capitalised words before its head that are part of it; the place and group after it."""
        first = noun.i
        while first > 0 and self.doc[first - 1].head.i in range(first, noun.i + 1) \
                and self.doc[first - 1].dep_ in ("compound", "amod") and self.doc[first - 1].is_title \
                and (first - 1 not in self.token_of or self.mentions[self.token_of[first - 1]].type == "ORG"):
            first -= 1
        phrase = " ".join(t.lower_ for t in self.doc[first:noun.i + 1])
        place, org = None, None
        for t in noun.subtree:
            k = self.token_of.get(t.i)
            if k is None or first <= t.i <= noun.i:
                continue
            m = self.mentions[k]
            if m.type == "PLACE" and place is None:
                place = m.name or m.surface
            elif m.type == "ORG" and org is None:
                org = m.name or m.surface
            elif m.type == "PERSON":
                return None  # "X, President Y": another person, not X's office
        return phrase, place, org

    def _nominal_events(self) -> None:
        """An event named by a noun a person owns, dated in its own phrase: "until his death in
        2018", "after Karimi's arrest in Quetta in 2010", or by the copula it is the subject of:
        "his release was in 2012", "the arrest was not in 2011 but in 2010" (a reply's "the
        arrest" is the arrest of the person the thread is about). Undated, such a noun points
        back to an event told already ("after his arrest") and says nothing new."""
        for noun in self.doc:
            predicate = lx.EVENT_NOUNS.get(noun.lemma_.lower())
            if predicate is None or noun.pos_ != "NOUN":
                continue
            told = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _EVENT_COPULAS \
                and not any(c.dep_ in ("attr", "acomp") for c in noun.head.children)  # "was the third"
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            k = self.mention_of(owner) if owner is not None else None
            if owner is None and told and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
                owner, k = self._thread_subject(noun)
            if owner is None or k is None or self.mentions[k].type != "PERSON" or not self.mentions[k].chain:
                continue
            if any(a.lemma_.lower() in lx.DOUBT_WORDS or any(c.dep_ == "neg" for c in a.children)
                   for a in [noun, *noun.ancestors] if not (told and a == noun.head)):
                continue  # "rumours of his death", "denied reports of his arrest"
            own = self._noun_times(noun)
            when = TimeOut.from_value(own[0][1].value) if own else self.time_of(noun.head) if told else None
            if when is None:
                continue
            where = self._place_in(noun) if predicate in ("died", "detained", "born") else None
            text, om = where if where else (None, None)
            self._emit(predicate, noun.head if told and not own else noun, owner, k, text, om, text, Context(),
                       0.65, noun, time=when)

    def _thread_subject(self, noun: Token) -> tuple[Token | None, int | None]:
        """The person "the arrest" belongs to: the last person named or meant before it in the
        text, else the person a "he" right after it means (in a reply: the one the thread is
        about)."""
        people = sorted((i, k) for i, k in self.token_of.items()
                        if self.mentions[k].type == "PERSON" and self.mentions[k].chain
                        and self.mentions[k].chain not in self.addressed)
        speakers = {c.i for v in noun.ancestors if v.lemma_ in SPEECH_LEMMAS
                    for c in v.children if c.dep_ == "nsubj"}  # "X told reporters that the arrest ..."
        before = [(i, k) for i, k in people if i < noun.i and i not in speakers]
        if before:
            i, k = before[-1]
            return self.doc[i], k
        end = self.text.find("\n", noun.idx)
        after = [(i, k) for i, k in people if i > noun.i and (end < 0 or self.doc[i].idx < end)]
        if after and self.mentions[after[0][1]].is_pronoun:
            i, k = after[0]
            return self.doc[i], k
        return None, None

    def _noun_times(self, noun: Token) -> list[tuple[Token, Any]]:
        """Times written inside a noun's own phrase ("his death in 2018"), not in a clause on it."""
        out = []
        for _at, t in self.all_times:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            tok = span.root if span is not None else None
            while tok is not None and tok.head != tok and tok != noun:
                if tok.dep_ in _OTHER_CLAUSES or tok.pos_ in ("VERB", "AUX"):
                    tok = None
                    break
                tok = tok.head
            if tok == noun and span is not None:
                out.append((span.root, t))
        return out

    def _life_dates(self, k: int, head: Token) -> None:
        """"Ahmad Shah Massoud (1953-2001)", "X (born 1962)", "X (b. 1962)": a birth and a death
        written in brackets after a name."""
        m = self.mentions[k]
        found = _LIFE_DATES.match(self.text, m.end)
        if found is None:
            return
        quote = (m.start, found.end())
        tok = next((t for t in head.sent if t.idx >= m.end), head)
        for predicate, year in (("born", found.group("born") or found.group("only")), ("died", found.group("died"))):
            when = normalise_point(year, year) if year else None
            if when is None:
                continue
            self._emit(predicate, tok, head, k, None, None, None, Context(), 0.75, tok, time=when)
            c = self.claims[-1]
            self.claims[-1] = ClaimOut(**{**c.__dict__, "quote": self.text[quote[0]:quote[1]],
                                          "quote_start": quote[0], "quote_end": quote[1]})

    def _deceased(self, k: int, head: Token) -> None:
        """"Gholam Akabari (now deceased)", "X (died 2010)", "the late X": a death noted beside a name."""
        m = self.mentions[k]
        first = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if first is not None and first.start >= 2 and self.doc[first.start - 1].lower_ == "late" \
                and self.doc[first.start - 2].lower_ in ("the", "his", "her", "their", "our", "my"):
            late = self.doc[first.start - 1]
            self._emit("died", late, head, k, None, None, None, Context(), 0.7, late, past=True)
            c = self.claims[-1]
            start = self.doc[first.start - 2].idx
            self.claims[-1] = ClaimOut(**{**c.__dict__, "quote": self.text[start:m.end],
                                          "quote_start": start, "quote_end": m.end})
            return
        after = self.text[m.end:m.end + 40]
        words = after.lstrip().lower()
        if words.startswith("(") and any(words[1:].lstrip().startswith(w) for w in DECEASED_NOTES):
            end = m.end + after.index(")") + 1 if ")" in after else m.end
            sent = head.sent
            tok = next((t for t in sent if t.idx >= m.end and t.lower_ in ("deceased", "dead", "late", "died")), head)
            self._emit("died", tok, head, k, None, None, None, Context(), 0.7, tok, past=True)
            c = self.claims[-1]
            self.claims[-1] = ClaimOut(**{**c.__dict__, "quote": self.text[m.start:end],
                                          "quote_start": m.start, "quote_end": end})

    def _kin(self, k: int, noun: Token, head: Token) -> None:
        """"his brother, Y" (Y's kin is "his" person), "Y, son of Z" (Y's kin is Z)."""
        of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
        owner = [c for c in noun.children if c.dep_ == "poss"]
        ctx = Context()
        if of:
            ok = self.mention_of(of[0])
            if ok is not None and self.mentions[ok].type == "PERSON" and self.mentions[ok].chain:
                self._emit("family", noun, head, k, self.mentions[ok].name or self.mentions[ok].surface,
                           ok, None, ctx, 0.75, of[0], past=True)
        elif owner:
            ok = self.mention_of(owner[0])
            if ok is not None and self.mentions[ok].type == "PERSON" and self.mentions[ok].chain \
                    and self.mentions[ok].chain != self.mentions[k].chain:
                m = self.mentions[k]
                self._emit("family", noun, owner[0], ok, m.name or m.surface, k, None, ctx, 0.72, head,
                           past=True)

    def _head(self, k: int) -> Token | None:
        toks = [self.doc[i] for i, kk in self.token_of.items() if kk == k]
        for t in toks:
            if self.token_of.get(t.head.i) != k or t.head == t:
                return t
        return toks[0] if toks else None

    def _said(self) -> None:
        """A named speaker whose words gave no claim of their own: one `said` claim."""
        attributed = {c.attributed_to for c in self.claims if c.attributed_to}
        for verb in self.doc:
            if verb.lemma_ not in SPEECH_LEMMAS - DENIAL_LEMMAS or verb.pos_ != "VERB":
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            k = self.mention_of(subj)
            if k is None or self.mentions[k].type not in ("PERSON", "ORG") or not self.mentions[k].chain:
                continue
            m = self.mentions[k]
            if (m.name or m.surface) in attributed:
                continue
            content = [c for c in verb.children if c.dep_ in ("ccomp", "dobj") and c.pos_ in ("VERB", "AUX")]
            if not content:
                continue
            sub = sorted(content[0].subtree, key=lambda t: t.i)
            words = [t for t in sub if t.is_alpha]
            if len(words) < 3 or not any(t.i in self.token_of and self.mentions[self.token_of[t.i]].type
                                         in ("PERSON", "ORG", "PLACE")
                                         and not self.mentions[self.token_of[t.i]].is_pronoun for t in sub):
                continue  # only what a speaker says about someone or somewhere named
            a, b = sub[0].idx, sub[-1].idx + len(sub[-1])
            ctx = Context()
            obj = self.text[a:b].strip(' ,."')[:300]
            self._emit("said", verb, subj, k, obj, None, None, ctx, 0.7, content[0], past=True)


_LIFE_DATES = re.compile(
    r"\s*\(\s*(?:(?P<born>1[6-9]\d\d|20[0-2]\d)\s*[-\u2013\u2014]\s*(?P<died>1[6-9]\d\d|20[0-2]\d)"
    r"|(?:born|b\.)\s*(?P<only>1[6-9]\d\d|20[0-2]\d))\s*\)")
"""Life dates in brackets after a name: "(1953-2001)", "(born 1962)", "(b. 1962)"."""


def normalise_point(edtf: str, text: str) -> TimeOut | None:
    """The EDTF point `edtf` with its bounds, read by the edtf package."""
    from reconcile.timex.edtf_check import fast_bounds

    try:
        lo, hi = fast_bounds(edtf)
    except Exception:  # noqa: BLE001 - not a value the edtf package reads
        return None
    return TimeOut(edtf, lo, hi, text)


def _born_from_age(published: date | datetime, age: int) -> TimeOut:
    year = (published.date() if isinstance(published, datetime) else published).year - age
    return TimeOut(f"[{year - 1}..{year}]", date(year - 1, 1, 1), date(year, 12, 31), f"aged {age}")


AGE_DECADES: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}
"""A person's age written as a decade of life ("in his forties")."""

DECEASED_NOTES: tuple[str, ...] = ("now deceased", "deceased", "now dead", "dead", "late", "died", "d.")
"""What a bracket after a name says of a death."""

OCCUPATIONS: frozenset[str] = frozenset({
    "manager", "executive", "cto", "cfo", "coo", "co-founder", "cofounder", "publisher",
    "lecturer", "researcher", "scientist", "economist", "analyst", "historian", "developer", "programmer",
    "maintainer", "lead", "singer", "vocalist", "guitarist", "drummer", "bassist", "musician", "rapper",
    "composer", "actor", "actress", "novelist", "poet", "columnist", "blogger", "photographer", "coach",
    "attorney", "sheriff", "councilman", "councilwoman", "congressman", "congresswoman", "chancellor",
    "dean", "nurse", "pastor", "rabbi", "priest", "bishop", "consultant", "accountant",
})
"""Jobs and offices outside the conflict vocabulary (the roles table) that a name is often written
with: "Ubuntu desktop manager X", "X, the Unity desktop lead at Canonical"."""

_ACRONYM_ROLES = frozenset({"ceo", "cto", "cfo", "coo", "mp"})
"""Offices written in capitals before a name ("Acme CEO X")."""

OCCUPATIONS_NARROWED: frozenset[str] = frozenset({"lead", "executive"})
"""Occupations that are one only with a noun before them ("desktop lead", "marketing executive")."""

_TITLE_AGENTIVE = re.compile(r"(?:er|or|ist|ian|eer)$")
"""Agent-noun endings sure enough to make a title of a noun written right before a name."""

_THING_NOUNS: frozenset[str] = frozenset({
    "computer", "server", "browser", "folder", "router", "printer", "monitor", "sensor", "motor",
    "header", "footer", "container", "controller", "trailer", "poster", "sticker", "filter", "timer",
    "buffer", "parser", "compiler", "adapter", "connector", "processor", "indicator", "calculator",
    "paper", "letter", "chapter", "corner", "tower", "river", "winter", "summer", "dinner", "flower",
    "power", "weather", "cover", "error", "mirror", "color", "colour", "floor", "door", "factor",
    "sector", "vector", "meteor", "counter", "layer", "tier", "order", "corridor", "interior",
    "exterior", "behavior", "behaviour", "favour", "favor", "humor", "humour", "honor", "honour",
    "christian", "guardian",
})
"""Nouns with an agent's ending that name things (or say nothing of a job) before a name."""

_FREE_WORDS = frozenset({"freelance", "independent", "senior", "junior", "lead", "principal", "chief"})
"""Adjectives that stay with a job's name ("freelance developer", "senior editor")."""

GENERIC_OBJECTS: frozenset[str] = frozenset({
    "post", "position", "job", "office", "seat", "role", "one", "thing", "way", "time", "part",
})
"""Nouns too general to be an object as written ("held the post")."""

MEMBER_NOUNS: frozenset[str] = frozenset({
    "man", "member", "fighter", "militant", "loyalist", "supporter", "activist", "operative",
    "cadre", "veteran", "stalwart", "insider", "recruit",
})
"""Nouns that say only that a person belongs to the group named on them ("a TTP man")."""

GROUP_PEOPLE: frozenset[str] = frozenset({
    "man", "member", "fighter", "commander", "leader", "loyalist", "supporter", "activist",
    "militant", "official", "cadre", "operative", "figure", "veteran", "stalwart", "founder",
    "spokesman", "spokesperson", "ideologue", "recruit", "insider",
})
"""Nouns after a copula that place a person in a group ("a Junbish man"); "a feature of X" does not."""


_THEN_WORDS = frozenset({"when", "as", "before", "after", "until", "while"})


def _at_another_time(verb: Token) -> bool:
    """The copula is tied to another event ("was 45 when he died", "as he retired"): what it
    says held then, not at the report. A small parser hangs the clause on the verb or on the
    age after it."""
    holders = [verb, *(c for c in verb.children if c.dep_ in ("attr", "acomp", "npadvmod"))]
    return any(c.dep_ in ("advcl", "relcl") and any(m.dep_ in ("mark", "advmod") and m.lower_ in _THEN_WORDS
                                                    for m in c.children)
               for h in holders for c in h.children)


def _former_before(doc: Doc, start: int) -> bool:
    """The words right before token `start` say the office is past: "former", "ex-"."""
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    return bool(before) and (before[-1] in ("former", "ex") or before[-2:] == ["ex", "-"])


def _office_word(tok: Token) -> bool:
    """A capitalised noun that names an office or a job ("President", "Manager")."""
    word = tok.lemma_.lower()
    return word in ROLE_HEADS or word in OCCUPATIONS and word not in OCCUPATIONS_NARROWED


def _kind_of_office(tok: Token) -> bool:
    """"never held any public office", "held elected office": a class of offices named by its
    adjective, not a post the text named before ("held the post")."""
    return tok.lemma_.lower() in _OFFICE_NOUNS and any(c.dep_ == "amod" for c in tok.children) and all(
        c.dep_ != "poss" and (c.dep_ != "det" or c.lower_ == "any") for c in tok.children)


def _owned_body(tok: Token, token_of: dict[int, int]) -> bool:
    """"heads the Taliban's political office": an office that a named group owns and an adjective
    names is a body of that group, not a post ("held the post")."""
    return any(c.dep_ == "poss" and c.i in token_of for c in tok.children) and any(c.dep_ == "amod" for c in tok.children)


def _is_rank(role: str) -> bool:
    words = role.replace("rank of ", "").split()
    return " ".join(words) in lx.RANKS or (len(words) <= 3 and " ".join(words[-2:]) in lx.RANKS
                                          and words[-1] in ("general", "colonel", "admiral", "marshal"))


def predicate_is_lead(frame: Frame) -> bool:
    return frame.predicate in ("member_of", "position_held") and "command" in frame.lemmas


FINISHING: frozenset[str] = frozenset({"graduate", "finish", "complete", "qualify"})
FRAMES_LEMMAS_EDUCATION: frozenset[str] = frozenset({"study", "train", "attend", "enrol", "enroll", "educate"})


def _named_place_head(tok: Token) -> tuple[int, int, int] | None:
    """(first token, start, end) of "Orakzai" in "the Orakzai tribal district of Pakistan": a
    place noun with a proper name before it names the place itself, whatever the parser or the
    gazetteer make of the name."""
    if tok.lemma_.lower() not in lx.PLACE_HEADS or tok.pos_ != "NOUN":
        return None
    left = [t for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "nmod", "amod")
            for t in c.subtree]
    if not left:
        return None
    names = []
    for t in tok.doc[min(t.i for t in left):tok.i]:  # the leading run of proper nouns
        if t.pos_ != "PROPN" and not (names and t.text in "-'’"):
            break
        names.append(t)
    if not names:
        return None
    first, last = names[0].i, names[-1].i
    return first, tok.doc[first].idx, tok.doc[last].idx + len(tok.doc[last])


def _a_stretch(prep: Token) -> bool:
    """The preposition's object is a stretch of years ("the late 1990s", "the eighties")."""
    return any(t.text[:1].isdigit() and t.lower_.endswith("s") or t.lower_ in DECADE_WORDS
               for t in prep.subtree)


_OTHER_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "appos"})


def _role_text(phrase: str, place: str | None, org: str | None) -> str:
    """An office as a claim writes it: "commander of TTP" where only a group is named with it."""
    return f"{phrase} of {org}" if org and not place and org.lower() not in phrase.lower() else phrase


def _office_head(c: ClaimOut) -> str:
    """The head word of an office as a claim writes it: "district governor of Kunar" -> "governor"."""
    words = (c.object_text or "").lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _agent_of_noun(t: Token, noun: Token) -> bool:
    """`t` hangs on `noun` (or a verb) through "by", "with" or "against": the actor or the other
    side of an event ("an operation by the ISI", "clashes with the army"), not a place of it."""
    a = t.head
    while a != noun and a.head != a:
        if a.pos_ == "ADP" and a.lower_ in ("by", "with", "against", "alongside") \
                and not (noun.pos_ in ("VERB", "AUX") and a.head == noun):  # "arrested by police in Kabul"
            return True
        a = a.head
    return False


def _age_value(num: Token) -> int | None:
    """A person's age written as a number or in words ("58", "sixty"), 12 to 110."""
    from reconcile.timex.lexicon import NUMBER_WORDS

    if not num.like_num:
        return None
    value = int(num.text) if num.text.isdigit() else NUMBER_WORDS.get(num.lower_) if num.lower_ not in ("a", "an") else None
    return value if value is not None and 12 <= value <= 110 else None


def _fronted_participle(verb: Token, time: Token) -> Token | None:
    """"Born in Rustaq, probably in 1962, X trained as a teacher": a time between a participle
    that opens the sentence and the subject is the participle's, whatever the parser hung it on."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not time.i < subject.i:
        return None
    front = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ in ("VBN", "VBG") and c.i < time.i
             and c.i == c.sent.start]
    return front[-1] if front else None


def _head_of(unit: Token) -> str:
    """The office of whoever leads a unit: "led the provincial police" is a police chief's, "commanded
    a Hezb unit" a commander's."""
    return "police chief" if unit.lemma_.lower() == "police" else "commander"


def _in_apposition(root: Token, verb: Token) -> bool:
    """"X, the governor since 2014, was killed": a time inside an apposition dates that noun (the
    office), not the verb; a clause inside the apposition ("a commander who surrendered in 2016")
    tells an event of its own."""
    t = root
    while t != verb and t.head != t:
        if t.pos_ in ("VERB", "AUX") and t != root:
            return False
        if t.dep_ == "appos":
            return True
        t = t.head
    return False


def _argument_of(name: Token, verb: Token) -> bool:
    """The name (or the noun it stands beside) is the verb's subject or object: the clause is
    about that person ("X, a surgeon, was killed"), not a source in it ("according to X")."""
    t = name
    while t.dep_ in ("appos", "compound", "conj") and t.head != t:
        t = t.head
    return t.head == verb and t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """`tok` belongs to `verb`'s own clause: no relative, adverbial, reported or coordinated
    clause, and no apposition, lies between them ("according to his cousin, X, who lives in
    Andkhoy" says nothing about where the verb's subject was)."""
    while tok != verb and tok.head != tok:
        if tok.dep_ in _OTHER_CLAUSES:
            return False
        tok = tok.head
    return tok == verb


def _split_passive(be: Token) -> Token | None:
    """"was in January appointed chief": a time between auxiliary and participle leaves the
    parser a copula with the participle's clause hanging on it; the participle is the verb."""
    if be.lemma_ != "be" or any(c.dep_ in ("attr", "acomp") for c in be.children):
        return None
    for c in be.children:
        if c.dep_ == "advcl" and c.i > be.i and c.tag_ in ("VBN", "VBD") \
                and not any(g.dep_ in ("aux", "nsubj", "mark") for g in c.children):
            return c
    return None


def _word_before(doc: Doc, tok: Token) -> str:
    first = min(t.i for t in tok.subtree)
    return doc[first - 1].lower_ if first > 0 else ""


def _set_aside(doc: Doc, tok: Token) -> bool:
    """A time the sentence sets aside: "1962, not 1960", "rather than 2007"."""
    if any(c.dep_ == "neg" and c.i < tok.i for c in tok.children) or (tok.i > 0 and doc[tok.i - 1].lower_ == "not"):
        return True
    first = min(t.i for t in tok.subtree)
    before = [t.lower_ for t in doc[max(0, first - 3):first]]
    return bool(before) and (before[-1] == "not" or before[-2:] == ["rather", "than"]
                             or before[-2:] == ["instead", "of"]
                             or (len(before) >= 2 and before[-2] == "not" and before[-1] in ("in", "on")))


def _apposed_noun(tok: Token) -> Token | None:
    """The common noun a name stands in apposition to: "the governor of Kandahar, X" (X hung
    on "governor" or, as the parser often has it, on "Kandahar" inside the role's phrase)."""
    h = tok.head
    if tok.dep_ == "conj" and h.pos_ == "NOUN" and h.i < tok.i and role_span(h) is not None \
            and not any(t.dep_ == "cc" for t in tok.doc[h.i + 1:tok.i]):
        return h  # "the deputy governor of Badghis, X,": a small parser's comma list
    if tok.dep_ in ("npadvmod", "dep", "pobj") and h.pos_ in ("VERB", "AUX", "ADP"):
        return _role_before_comma(tok)  # "opened by the new governor of Baghlan, X": X hung on the verb
    if tok.dep_ != "appos":
        return None
    if h.pos_ == "NOUN":
        outer = h.head.head if h.dep_ == "pobj" and h.head.lower_ in ("for", "to") else None
        if role_span(h) is not None and outer is not None and outer.pos_ == "NOUN" and role_span(outer) is not None:
            return outer  # "a spokesman for the governor, X": X is the spokesman
        # "a feud with the provincial police chief, X": the parser hung X on the wrong noun
        return (_role_before_comma(tok) or h) if role_span(h) is None else h
    if h.dep_ == "pobj" and h.head.head.pos_ == "NOUN" and role_span(h.head.head) is not None:
        return h.head.head
    return None


def _role_before_comma(tok: Token) -> Token | None:
    """The role noun whose phrase ends just before the comma that opens the name headed by `tok`
    ("the provincial police chief, X", "the governor of Baghlan, X")."""
    doc = tok.doc
    first = min(t.i for t in tok.subtree if not t.is_punct or t == tok)
    if first < 2 or doc[first - 1].text != ",":
        return None
    t = doc[first - 2]
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
        t = t.head.head
    return t if t.pos_ == "NOUN" and role_span(t) is not None else None


def _words_of(first: Token, phrase: Token) -> str:
    """The text from `first` to the end of `phrase`'s own words (not its relative clauses,
    participles or appositions)."""
    def own(t: Token) -> bool:
        while t != phrase:
            if t.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
                return False
            t = t.head
        return True

    last = max(t.i for t in phrase.subtree if own(t))
    return first.doc[first.i:last + 1].text


_NOT_PORTFOLIOS = frozenset(lx.PLACE_HEADS | {"group", "movement", "organisation", "organization", "party",
                                                "network", "country", "area", "region", "faction"})


def _portfolio(tok: Token, span: tuple[int, int], token_of: dict[int, int]) -> str | None:
    """What an office is over, where it is no name: "minister of tribal affairs", "head of the
    group's military commission" ("governor of Kandahar" and "chief of the TTP" name a place or
    a group, which the claim carries apart)."""
    if span[1] < len(tok.doc) and tok.doc[span[1]].lower_ == "of" and span[1] - 1 != tok.i:
        return None  # the table's phrase already holds its "of" ("chief of staff")
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.pos_ != "NOUN" or not obj.is_lower or obj.lemma_.lower() in _NOT_PORTFOLIOS \
            or any(t.i in token_of and not _owned_by(t, obj) for t in obj.subtree) or span[0] <= obj.i < span[1]:
        return None
    return _words_of(prep, obj)


def _as_day(when: date | datetime) -> date:
    return when.date() if isinstance(when, datetime) else when


def _under_since(root: Token, verb: Token) -> bool:
    """The time hangs in a "since" phrase of the verb: "has lived in Doha since his release in 2018"."""
    t = root
    while t != verb and t.head != t:
        if t.dep_ == "prep" and t.lower_ == "since" and t.head == verb:
            return True
        t = t.head
    return False


def _asks(sent: Any) -> bool:
    """The sentence is a question (it ends with a question mark, before any closing quote)."""
    words = [t for t in sent if not t.is_space and not t.is_quote and t.text not in (")", "]")]
    return bool(words) and words[-1].text == "?"


def _behind_preposition(tok: Token, noun: Token) -> bool:
    """`tok` sits in a prepositional phrase on `noun` that names something beside it ("talks with
    the Taliban", "a raid against the TTP"), not the noun."""
    while tok != noun and tok.head != tok:
        if tok.dep_ == "prep" and tok.lower_ in _BESIDE:
            return True
        tok = tok.head
    return False


_BESIDE = frozenset({"with", "against", "between", "about", "over", "on", "among", "towards", "toward"})
"""Prepositions whose object is something beside the noun ("talks with X", "a raid against X"); a
name "in" or "at" something may be a place the tagger called a group."""


def _owned_by(tok: Token, noun: Token) -> bool:
    """`tok` sits in a possessive of `noun` ("the Taliban's" in "the Taliban's political commission")."""
    while tok != noun and tok.head != tok:
        if tok.dep_ == "poss":
            return True
        tok = tok.head
    return False


def _participle(verb: Token) -> bool:
    """A past participle, or a past tense the tagger chose where the form is the same and no
    object follows ("was arrested in 2011 and freed in 2016")."""
    return verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.lower_.endswith(("ed", "en", "wn")) \
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _dedupe(claims: list[ClaimOut]) -> list[ClaimOut]:
    """One claim per reading of one passage: two paths through the parse to the same claim from
    overlapping words give it once; the same claim told again elsewhere is a second report."""
    seen: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    out = []
    for c in claims:
        key = (c.subject_chain, c.predicate, (c.object_text or "").lower(), (c.place or "").lower(), c.edtf, c.modality)
        spans = seen.setdefault(key, [])
        if any(a < c.quote_end and c.quote_start < b for a, b in spans):
            continue
        spans.append((c.quote_start, c.quote_end))
        out.append(c)
    dated = {}
    for c in out:
        if c.edtf is not None:
            dated.setdefault((c.subject_chain, c.predicate, (c.object_text or "").lower(), c.modality), []).append(c)
    # the same reading found once with its time and once without: the dated one says it all
    return [c for c in out if c.edtf is not None or not any(
        d.quote_start < c.quote_end and c.quote_start < d.quote_end
        for d in dated.get((c.subject_chain, c.predicate, (c.object_text or "").lower(), c.modality), []))]
