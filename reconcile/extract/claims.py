"""Claims from one document: triggers from the predicate table, then subject, object, time,
place, modality, attribution and quote for each.

Within a sentence, each trigger owns the stretch of text from the clause boundary before it to
the clause boundary before the next trigger; its object and time are looked for there, its
subject before it. A listable trigger ("traveled to") makes one claim per item of a list of
places ("Pakistan in 1978 and 1981, Saudi Arabia in 1981 and 1982, and Iran in 2004").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reconcile.timex.edtf_check import fast_bounds

from . import lexicon as lx
from . import timing
from .coref import CorefResult, is_oblique
from .modality import Frame, find_frames, irrealis, modality
from .leadscan import LeadScanner
from .patterns import PATTERNS, Pattern
from .text import Sentence
from .types import ClaimOut, MentionOut, TimeOut

_BOUNDARY = re.compile(r"[,;:]\s|\s[\u2014\u2013-]\s|\s(?:and|but|while|whereas|where|although)\s")
_LIST_GAP = re.compile(r"^(?:\s|,|\band\b|\bin\b|\bon\b|\bduring\b|\bas well as\b)*$")
_NP_STOP = frozenset({
    "in", "on", "at", "by", "during", "since", "until", "from", "for", "after", "before", "while",
    "when", "because", "who", "which", "that", "as", "and", "but", "to", "where", "with", "than",
    "of", "under", "into", "between", "among", "through", "following",
})
_NP_CAPS_JOIN = frozenset({"of", "for", "and", "the", "de", "al", "ul", "e", "i", "&"})
_NP_SKIP = re.compile(r"\s*(?:(?:with|as|the|a|an|his|her|their|its)\s+)*", re.IGNORECASE)
_WORD = re.compile(r"[\w'&-]+|[^\w\s]")
_COPULA = re.compile(r"^(?:is|was|were|are|got|been|has|had|have)\s+", re.IGNORECASE)
_ADVERB = re.compile(r"\s+((?:\w+ly|also|then|later|again|still|now|once|never|soon)\s+)?([a-z]+)\b")
_FRONTED = 45
_CONNECTOR = re.compile(r"[\s,;:\u2014\u2013-]*(?:(?:and|but|while|whereas|where|although)\s+)?")
_TO_PUNCT = re.compile(r"[^,;.]*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_NONSPACE = re.compile(r"\S+")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_ANY_SPEECH = re.compile(r"\b(?:" + "|".join(sorted(lx.SPEECH_VERBS | {"according"})) + r")\b",
                         re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:what|which|whom|who|that|whatever)\s+$", re.IGNORECASE)
# A speech verb that opens reported content (not a parenthetical "X, Y said, did ...").
_SPEAKS_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r")\b(?!\s*,)(?:\s+that)?\s", re.IGNORECASE)
_POSSESSED = re.compile(r"['\u2019]s?\s+(?!(?:been|not|never|had|has|was|is)\b)[a-z]")
# A relative clause or an appositive between a subject and its verb: ", who ..., ", ", a ..., ".
_ASIDE = re.compile(r",\s*(?:who|whom|whose|which|a|an|the|then|now|once|himself|herself)\b[^,;]*,", re.IGNORECASE)
# ", Karzai said," inside the clause it reports on.
_SPEECH_ASIDE = re.compile(r",[^,;]{1,60}?\b(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r")\s*,", re.IGNORECASE)
# Between a role and the name it introduces: its complement ("of Kandahar") and a comma.
_ROLE_FIRST = re.compile(r"(?:\s+(?:of|for|in)\s+[^,;.]{1,40})?,\s*$")
_ROLE_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_NEW_SUBJECT = re.compile(r"(?:[,;:]\s+|\s[\u2014\u2013-]\s+|\s)(?:and\s+|but\s+|while\s+|whereas\s+|although\s+)?"
                          r"(?:he|she|they|we|I)\s", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r";|,\s+(?:and|but|then)\s")
_WHEN = re.compile(r"\s*when\b", re.IGNORECASE)
_SET_ASIDE = re.compile(r"\b(?:not|rather than|instead of)\s+(?:in\s+|on\s+|from\s+)?$", re.IGNORECASE)
_REDUCED_RELATIVE = re.compile(r"[,(]\s*(?:a|an|the)\s+(?:[\w'-]+\s+){1,2}$", re.IGNORECASE)
_APPOSITIVE = re.compile(
    r"^,\s+(?:\d{1,3},\s+)?(?:the\s+|a\s+|an\s+)?"
    # words before the role, none a verb: ", was appointed minister" is a predicate, not an apposition
    r"(?:(?!(?:was|were|is|are|has|had|have|became|becomes|been|being|and|who|which)\b)[\w'-]+\s+){0,3}$",
    re.IGNORECASE)


@dataclass
class _Trigger:
    start: int
    end: int
    pattern: Pattern
    subject_hint: int | None = None
    object_hint: int | None = None


@dataclass
class _Doc:
    text: str
    folded: str
    mentions: list[MentionOut]
    starts: list[int]
    coref: CorefResult
    times: list[Any]
    time_starts: list[int]
    published: date | datetime | None
    last_time: TimeOut | None = None


_ORDER = {id(p): k for k, p in enumerate(PATTERNS)}
_SCANNER: LeadScanner[Pattern] = LeadScanner((p, p.compiled, p.lead_words()) for p in PATTERNS)
_APPOSITION = Pattern("position_held", r"(?!)", "ROLE", confidence=0.8)


def extract_claims(text: str, folded: str, sentences: list[Sentence], mentions: list[MentionOut],
                   coref: CorefResult, times: list[Any],
                   published: date | datetime | None) -> list[ClaimOut]:
    doc = _Doc(text, folded, mentions, [m.start for m in mentions], coref, times,
               [t.start for t in times], published)
    triggers = _all_triggers(folded, mentions)
    trig_starts = [t.start for t in triggers]
    claims: list[ClaimOut] = []
    carry: tuple[int, str] | None = None  # (paragraph, speaker) of a news frame in force
    focus: str | None = None
    speech_at = [m.start() for m in _ANY_SPEECH.finditer(folded)]
    for si, sent in enumerate(sentences):
        lo = bisect.bisect_left(trig_starts, sent.start)
        hi = bisect.bisect_left(trig_starts, sent.end)
        own = _accept([t for t in triggers[lo:hi] if t.end <= sent.end])
        m_lo = bisect.bisect_left(doc.starts, sent.start)
        m_hi = bisect.bisect_left(doc.starts, sent.end)
        k = bisect.bisect_left(speech_at, sent.start)
        speechy = k < len(speech_at) and speech_at[k] < sent.end
        frames = (find_frames(folded, sent.start, sent.end, mentions[m_lo:m_hi], coref.chain_names)
                  if speechy else [])
        for f in frames:
            if f.speaker_mention is not None:
                f.speaker_mention += m_lo
        speaker = frames[0].speaker if frames else None
        if speaker is None and carry and carry[0] == sent.paragraph:
            speaker = carry[1]
        sentence_subject = coref.subjects.get(si)
        focus = sentence_subject or focus or _first_person_after(mentions, m_lo)
        question = folded[sent.start:sent.end].rstrip().endswith("?")
        new: list[ClaimOut] = []
        if own and not question:
            new = _sentence_claims(doc, sent, own, m_lo, m_hi, focus, speaker, bool(frames))
        new.extend(_statements(doc, sent, own, m_lo, m_hi, frames, question, speechy))
        new.extend(_said(doc, sent, frames, new))
        claims.extend(_dedupe(new))
        news = [f for f in frames if f.news]
        if news:
            carry = (sent.paragraph, news[-1].speaker or "")
            if folded[sent.start:sent.end].rstrip().endswith(":"):
                carry = (sent.paragraph + 1, carry[1])
        elif carry and carry[0] < sent.paragraph:
            carry = None
    return claims


def _first_person_after(mentions: list[MentionOut], i: int) -> str | None:
    for m in mentions[i:]:
        if m.type == "PERSON" and m.chain and not m.is_pronoun:
            return m.chain
    return None


def _all_triggers(folded: str, mentions: list[MentionOut]) -> list[_Trigger]:
    named = [(m.start, m.end) for m in mentions if m.type in ("ORG", "PLACE") or
             (m.type == "PERSON" and not m.is_pronoun)]
    found = [_Trigger(m.start(), m.end(), pattern) for pattern, m in _SCANNER.scan(folded)]
    found = [t for t in found if not _inside(t.start, t.end, named)]
    found.extend(_appositions(folded, mentions))
    found.sort(key=lambda t: t.start)
    return found


def _inside(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (a, 10**12)) - 1
    return i >= 0 and spans[i][0] <= a and b <= spans[i][1]


def _appositions(folded: str, mentions: list[MentionOut]) -> list[_Trigger]:
    """"Abdul Ghafore Dastyaar, deputy governor of Sar-e-Pol," -> position_held."""
    out: list[_Trigger] = []
    for i, m in enumerate(mentions):
        if m.type != "ROLE" or (i > 0 and mentions[i - 1].type == "ROLE" and mentions[i - 1].end >= m.end):
            continue  # "police chief" inside "provincial police chief" is the same role
        for j in range(i - 1, max(-1, i - 3), -1):
            p = mentions[j]
            if p.type == "PERSON" and not p.is_pronoun:
                if _APPOSITIVE.match(folded[p.end:m.start]):
                    out.append(_Trigger(m.start, m.end, _APPOSITION, subject_hint=j, object_hint=i))
                break
        else:
            # the role first: "the provincial police chief, Gen. Wahid Stanikzai, said ..."
            nxt = i + 1
            while nxt < len(mentions) and (mentions[nxt].start < m.end or (
                    mentions[nxt].type in ("PLACE", "ORG") and mentions[nxt].start < m.end + 40)):
                nxt += 1  # a role inside this one, or its complement ("the governor of Kandahar, X")
            if nxt < len(mentions):
                p = mentions[nxt]
                if (p.type == "PERSON" and not p.is_pronoun and _ROLE_FIRST.match(folded, m.end, p.start)
                        and _ROLE_DETERMINER.search(folded, max(0, m.start - 40), m.start)):
                    out.append(_Trigger(m.start, m.end, _APPOSITION, subject_hint=nxt, object_hint=i))
                elif p.type == "PERSON" and not p.is_pronoun and folded[m.end:p.start] == " " and not p.title:
                    # "former police chief Abdul Jabar Qahraman": the role as the name's premodifier
                    out.append(_Trigger(m.start, m.end, _APPOSITION, subject_hint=nxt, object_hint=i))
    return out


def _accept(cands: list[_Trigger]) -> list[_Trigger]:
    """Table order decides between overlapping triggers."""
    taken: list[_Trigger] = []
    for t in sorted(cands, key=lambda t: (_ORDER.get(id(t.pattern), -1), t.start)):
        if any(t.start < o.end and o.start < t.end for o in taken):
            continue
        taken.append(t)
    return sorted(taken, key=lambda t: t.start)


def _boundaries(folded: str, start: int, end: int) -> list[int]:
    return [m.start() for m in _BOUNDARY.finditer(folded, start, end)]


def _skip_connector(folded: str, pos: int, end: int) -> int:
    m = _CONNECTOR.match(folded, pos, end)
    return m.end() if m else pos


def _trim_end(folded: str, start: int, end: int) -> int:
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in ",;:.\u2014\u2013-"):
        end -= 1
    return end


def _sentence_claims(doc: _Doc, sent: Sentence, trigs: list[_Trigger], m_lo: int, m_hi: int,
                     focus: str | None, speaker: str | None, has_frame: bool) -> list[ClaimOut]:
    folded = doc.folded
    bounds = _boundaries(folded, sent.start, sent.end)
    out: list[ClaimOut] = []
    clause_start = sent.start
    prev_subject: int | None = None
    prev_chain: str | None = None
    fronted = _fronted_time(doc, sent, trigs[0].start)
    for k, t in enumerate(trigs):
        if k + 1 < len(trigs):
            nxt = trigs[k + 1].start
            between = [b for b in bounds if t.end <= b < nxt]
            scope_end = between[-1] if between else nxt
        else:
            # the last claim ends where a clause with a subject of its own begins
            # ("born in Kalat in 1958, and he spent 1984 in Machh")
            scope_end = next((b for b in bounds if b > t.end and _NEW_SUBJECT.match(folded, b)), sent.end)
        if k > 0:
            clause_start = _skip_connector(folded, clause_start, t.start)
        head = folded[clause_start:t.start]
        if irrealis(head) or irrealis(folded[sent.start:t.start].rsplit(",", 1)[-1]):
            clause_start = scope_end
            continue
        subj = _subject(doc, t, sent, clause_start, m_lo, m_hi)
        if subj is None and t.pattern.subject == "before":
            if (_non_person_subject(doc, clause_start, t.start, m_lo, m_hi)
                    or not _subjectless(doc, clause_start, t.start, m_lo, m_hi, prev_chain)):
                clause_start = scope_end
                continue
            chain = prev_chain or focus
            subj_idx = prev_subject
        else:
            subj_idx = subj
            chain = doc.mentions[subj].chain if subj is not None else None
        if chain is None:
            clause_start = scope_end
            continue
        prev_subject, prev_chain = subj_idx, chain
        for item in _objects(doc, t, clause_start, scope_end, m_lo, m_hi, subj_idx):
            obj_idx, obj_text, seg_start, seg_end, q_start = item
            claim = _make_claim(doc, sent, t, chain, subj_idx, obj_idx, obj_text, seg_start,
                                seg_end, q_start, head, speaker, has_frame, fronted)
            if claim:
                out.append(claim)
        clause_start = scope_end
    return out


def _fronted_time(doc: _Doc, sent: Sentence, first_trigger: int) -> list[Any]:
    """A time phrase opening the sentence ("In 1994, ...") applies to all its claims."""
    lo = bisect.bisect_left(doc.time_starts, sent.start)
    m_lo = bisect.bisect_left(doc.starts, sent.start)
    first_person = next((m.start for m in doc.mentions[m_lo:m_lo + 20]
                         if m.type == "PERSON" and m.start >= sent.start), sent.end)
    out = []
    for t in doc.times[lo:]:
        if t.start > sent.start + _FRONTED or t.end > min(first_trigger, first_person):
            break
        after = doc.folded[t.end:t.end + 2]
        if after.startswith(","):
            out.append(t.value)
    return out


def _subject(doc: _Doc, t: _Trigger, sent: Sentence, clause_start: int, m_lo: int,
             m_hi: int) -> int | None:
    if t.subject_hint is not None:
        return t.subject_hint
    ms = doc.mentions
    if t.pattern.subject == "after":
        for i in range(m_lo, m_hi):
            if t.end <= ms[i].start <= t.end + 3 and ms[i].type == "PERSON" and ms[i].chain:
                return i
        return None
    best = None
    aside = [(a.start(), a.end()) for rx in (_ASIDE, _SPEECH_ASIDE) for a in rx.finditer(doc.folded, clause_start, t.start)]
    for i in range(m_lo, m_hi):
        m = ms[i]
        if m.start >= t.start:
            break
        if m.type == "PERSON" and m.chain and not is_oblique(doc.folded, m.start):
            if m.surface.lower() == "himself" or m.surface.lower() == "herself":
                continue
            if _POSSESSED.match(doc.folded, m.end) and t.start > m.end + 3:
                continue  # "Hekmatyar's son was detained": the son, not Hekmatyar ("Hekmatyar's son, X" is his)
            if best is not None and any(a <= m.start < b for a, b in aside):
                continue  # "Naqibullah, who fought the Alokozai's rivals, died": not the rivals
            if _SPEAKS_BEFORE.search(doc.folded, m.end, t.start):
                continue  # "Mujahid said the Taliban had captured it": the speaker did not
            best = i
    return best


_ELIDED_SUBJECT = re.compile(
    r"^[\s,;:]*(?:(?:and|but|then|who|later|also|again|subsequently|was|were|has|had|have|is|"
    r"been|being|not|never|reportedly|allegedly|\w+ly)\b[\s,]*)*$", re.IGNORECASE)


def _subjectless(doc: _Doc, clause_start: int, t_start: int, m_lo: int, m_hi: int,
                 prev_chain: str | None) -> bool:
    """May a clause with no person before its trigger take the passage's person as subject?

    Yes when the subject is elided ("... and was later made governor") or is a description by
    role ("A former senator has defected"); no when some other noun phrase is the subject
    ("The new version was released in 2015").
    """
    head = doc.folded[clause_start:t_start]
    if _ELIDED_SUBJECT.match(head):
        return True
    return any(clause_start <= doc.mentions[i].start < t_start and doc.mentions[i].type == "ROLE"
               for i in range(m_lo, m_hi))


def _non_person_subject(doc: _Doc, clause_start: int, t_start: int, m_lo: int, m_hi: int) -> bool:
    """The clause's subject is a place or organisation ("Sar-e Pol is in ...")."""
    for i in range(m_lo, m_hi):
        m = doc.mentions[i]
        if clause_start <= m.start < t_start and m.type in ("ORG", "PLACE"):
            return not is_oblique(doc.folded, m.start)
    return False


def _objects(doc: _Doc, t: _Trigger, clause_start: int, scope_end: int, m_lo: int, m_hi: int,
             subj_idx: int | None) -> list[tuple[int | None, str | None, int, int, int]]:
    """(object mention, object text, segment start, segment end, quote start) per claim."""
    p = t.pattern
    folded = doc.folded
    limit = scope_end if p.reach is None else min(scope_end, t.end + p.reach)
    one = lambda idx, txt: [(idx, txt, clause_start, scope_end, clause_start)]  # noqa: E731
    if t.object_hint is not None:
        role = doc.mentions[t.object_hint]
        subject = doc.mentions[t.subject_hint] if t.subject_hint is not None else None
        if subject is not None and subject.start > role.start:  # "the governor of Kandahar, X"
            return [(t.object_hint, role.name, role.start, subject.end, role.start)]
        end = _appositive_end(folded, role.end, scope_end)
        s = subject.start if subject is not None else clause_start
        return [(t.object_hint, role.name, s, end, s)]
    if p.obj == "NONE":
        return one(None, None)
    if p.obj == "MATCH":
        return one(None, _COPULA.sub("", doc.text[t.start:t.end]))
    start_at = t.end
    if p.subject == "after" and subj_idx is not None:
        start_at = doc.mentions[subj_idx].end
    if p.obj in ("TEXT", "ROLE|TEXT", "ROLE"):
        if p.obj != "TEXT":
            role = _first(doc, m_lo, m_hi, start_at, min(scope_end, start_at + 30), ("ROLE",), subj_idx)
            if role is not None:
                return one(role, doc.mentions[role].name or doc.mentions[role].surface)
            if p.obj == "ROLE":
                return []
        text = _noun_phrase(doc.text, folded, start_at, scope_end)
        return one(None, text) if text else []
    types = tuple(k for k in p.obj.split("|") if k != "TEXT")
    if not p.listable:
        coord = _NEXT_CLAUSE.search(folded, start_at, limit)
        # "studied at a madrasa, and fought against the Taliban": not studied at the Taliban
        idx = _first(doc, m_lo, m_hi, start_at, coord.start() if coord else limit, types, subj_idx)
        if idx is None and "TEXT" in p.obj:
            text = _noun_phrase(doc.text, folded, start_at, scope_end)
            return one(None, text) if text else []
        if idx is None:
            return one(None, None) if not p.requires_object else []
        return one(idx, None)
    items = [i for i in range(m_lo, m_hi)
             if start_at <= doc.mentions[i].start < limit and doc.mentions[i].type in types]
    if not items:
        return []
    chosen = [items[0]]
    for i in items[1:]:
        gap = _without_times(doc, doc.mentions[chosen[-1]].end, doc.mentions[i].start)
        if not _LIST_GAP.match(gap):
            break
        chosen.append(i)
    out = []
    for n, i in enumerate(chosen):
        seg_start = doc.mentions[i].start
        seg_end = doc.mentions[chosen[n + 1]].start if n + 1 < len(chosen) else scope_end
        seg_end = _trim_end(folded, seg_start, seg_end)
        if seg_end > seg_start and folded[seg_start:seg_end].endswith(" and"):
            seg_end = _trim_end(folded, seg_start, seg_end - 4)
        q_start = clause_start if n == 0 else seg_start
        out.append((i, None, seg_start if n else clause_start, seg_end, q_start))
    return out


def _appositive_end(folded: str, pos: int, limit: int) -> int:
    m = _TO_PUNCT.match(folded, pos, limit)
    return m.end() if m else pos


def _without_times(doc: _Doc, a: int, b: int) -> str:
    gap = list(doc.folded[a:b])
    for t in doc.times:
        if t.end <= a or t.start >= b:
            continue
        for k in range(max(a, t.start), min(b, t.end)):
            gap[k - a] = " "
    return "".join(gap)


def _first(doc: _Doc, m_lo: int, m_hi: int, a: int, b: int, types: tuple[str, ...],
           exclude: int | None) -> int | None:
    for i in range(m_lo, m_hi):
        m = doc.mentions[i]
        if m.start >= b:
            break
        if m.start >= a and m.type in types and i != exclude and not m.is_pronoun:
            if doc.folded[max(0, m.start - 8):m.start].lower().endswith(("by ", "by the ")):
                continue  # the agent ("arrested by the Taliban"), not the object
            return i
    return None


def _noun_phrase(text: str, folded: str, start: int, end: int) -> str | None:
    """The noun phrase at `start`: capitalised names with "of/for/and" inside, or up to six
    lower-case words, stopping at a preposition, a number or punctuation."""
    m = _NP_SKIP.match(folded, start, end)
    pos = m.end() if m else start
    words: list[tuple[int, int, str]] = []
    for w in _WORD.finditer(folded, pos, end):
        words.append((w.start(), w.end(), w.group()))
        if len(words) > 12:
            break
    taken: list[tuple[int, int, str]] = []
    caps = bool(words) and words[0][2][:1].isupper()
    for k, (a, b, w) in enumerate(words):
        low = w.lower()
        if not w[0].isalnum() and w != "&":
            break
        if w[0].isdigit() and not _ORDINAL.fullmatch(w):
            break
        if low in _NP_STOP:
            nxt = words[k + 1][2] if k + 1 < len(words) else ""
            if caps and low in _NP_CAPS_JOIN and nxt[:1].isupper():
                taken.append((a, b, w))
                continue
            if not caps and low == "of" and taken and nxt[:1].isalpha():
                taken.append((a, b, w))  # "head of the provincial education department"
                continue
            break
        if caps and w[:1].islower() and len(taken) >= 1 and taken[-1][2][:1].isupper() and len(taken) > 2:
            break
        taken.append((a, b, w))
        if len(taken) >= 8:
            break
    while taken and taken[-1][2].lower() in _NP_CAPS_JOIN:
        taken.pop()
    if not taken:
        return None
    return text[taken[0][0]:taken[-1][1]]


def _times_in(doc: _Doc, a: int, b: int, t: _Trigger) -> list[Any]:
    """The times inside [a, b) other than the trigger's own words and those the text sets aside
    ("born in 1957, not 1954": 1954 is the value corrected, not a second one)."""
    lo = bisect.bisect_left(doc.time_starts, a)
    out = []
    for tm in doc.times[lo:]:
        if tm.start >= b:
            break
        if tm.end <= b and not (tm.start < t.end and t.start < tm.end):
            if not _SET_ASIDE.search(doc.folded, max(a, tm.start - 16), tm.start):
                out.append(tm)
    return out


_FROM = re.compile(r"\b(?:from|since)\s+(?:the\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|to|through)\b", re.IGNORECASE)


def _when_clause_time(doc: _Doc, clause_start: int) -> TimeOut | None:
    """"... until the spring of 2009, when he defected": the time the 'when' clause hangs on."""
    if not _WHEN.match(doc.folded, clause_start):
        return None
    k = bisect.bisect_left(doc.time_starts, max(0, clause_start - 60))
    before = [tm for tm in doc.times[k:] if tm.end <= clause_start and not doc.folded[tm.end:clause_start].strip(" ,")]
    if not before:
        return None
    v = before[-1].value
    if v.earliest is None and v.latest is not None and v.edtf.startswith("../"):  # "until X, when"
        try:
            first, last = fast_bounds(v.edtf[3:])
        except ValueError:
            return None
        return TimeOut(v.edtf[3:], first, last, v.text) if first is not None else None
    return TimeOut.from_value(v) if v.earliest is not None or v.latest is not None else None


def _from_until(doc: _Doc, found: list[Any]) -> TimeOut | None:
    """"from 2004 until his dismissal in 2012": one span, though words part its two ends."""
    if len(found) != 2:
        return None
    a, b = found
    va, vb = a.value, b.value
    if not (_FROM.search(doc.folded, max(0, a.start - 12), a.start) and b.start - a.end <= 60
            and _UNTIL.search(doc.folded, a.end, b.start)):
        return None
    if None in (va.earliest, va.latest, vb.earliest, vb.latest) or va.earliest > vb.latest:
        return None
    return TimeOut(f"{va.edtf}/{vb.edtf}", va.earliest, vb.latest, doc.text[a.start:b.end])


def _make_claim(doc: _Doc, sent: Sentence, t: _Trigger, chain: str, subj_idx: int | None,
                obj_idx: int | None, obj_text: str | None, seg_start: int, seg_end: int,
                q_start: int, head: str, speaker: str | None, has_frame: bool,
                fronted: list[Any]) -> ClaimOut | None:
    folded, text = doc.folded, doc.text
    p = t.pattern
    if t.object_hint is not None and speaker and speaker == doc.coref.chain_names.get(chain):
        speaker, has_frame = None, False  # "X, the governor, said ...": the writer describes X
    seg_end = _trim_end(folded, seg_start, seg_end)
    q_start = _skip_connector(folded, q_start, seg_end)
    q_end = seg_end
    if q_end <= q_start:
        return None
    if obj_idx is not None and doc.mentions[obj_idx].chain == chain:
        return None  # "his brother Abdul Qadir" with no one for "his": not a relation to himself
    stretch = folded[seg_start:seg_end]
    found = _times_in(doc, seg_start, seg_end, t)
    after = [m for m in found if m.start >= t.end]
    if after and len(after) < len(found) and all(m.value.earliest is not None for m in after):
        # "In 2016 he signed a deal and returned to Kabul the following year": the time after
        # the verb is its own; one before it belongs to an earlier verb (an open end, "until
        # 2013", still closes a span the earlier time opens)
        found = after
    time = _from_until(doc, found) or (timing.combine([m.value for m in found], fallback=False) if found else None)
    if time is None and found:
        usable = [m for m in timing.closest(found, t.end) if m.value.earliest or m.value.latest]
        time = TimeOut.from_value(usable[0].value) if usable else None
    if time is None and fronted:
        time = timing.combine(fronted)
    if time is None:
        time = _when_clause_time(doc, q_start)
    if time is None:
        time = timing.duration_from(doc.last_time, stretch)
    if time is None:
        subject_end = _subject_end(doc, subj_idx, t)
        if subj_idx is not None and doc.mentions[subj_idx].start > t.start:
            chain_start = max(0, t.start - 25)  # the subject after the role ("former police chief X")
        else:
            chain_start = subject_end if subject_end is not None else max(q_start, t.start - 25)
        verb_chain = folded[chain_start:t.end]
        time = timing.default_time(
            p.predicate, verb_chain, reported=has_frame,
            appositive=t.object_hint is not None, published=doc.published,
            dated_sentence=bool(_times_in(doc, sent.start, sent.end, t)))
        if time is None and p.predicate not in ("born", "died", "family", "educated_at", "said", "statement") \
                and timing.says_never(verb_chain):
            time = timing.never_until(doc.published)  # "was never a senator": at no time up to the report
    elif time.earliest is not None or time.latest is not None:
        doc.last_time = time
    if p.ends and time is not None and time.earliest is not None and "/" not in time.edtf \
            and not time.edtf.startswith(("[", "{")):
        time = TimeOut(f"../{time.edtf}", None, time.latest, time.text)
    ms = doc.mentions
    obj_m = ms[obj_idx] if obj_idx is not None else None
    if obj_m is not None and obj_text is None:
        obj_text = obj_m.name or obj_m.surface
    predicate = p.predicate
    if predicate == "member_of" and obj_text and obj_text.lower().split()[-1] in lx.OFFICE_ORG_HEADS:
        predicate = "position_held"
    place = None
    if p.predicate in ("born", "located_in") and obj_m is not None and obj_m.type == "PLACE":
        place = obj_m.surface
    else:
        for i in range(bisect.bisect_left(doc.starts, t.end), len(ms)):
            m = ms[i]
            if m.start >= seg_end:
                break
            if m.type == "PLACE" and i != obj_idx:
                place = m.surface
                break
    subj_text = ms[subj_idx].surface if subj_idx is not None else ""
    names = doc.coref.chain_names
    neg_head = folded[(ms[subj_idx].end if subj_idx is not None and ms[subj_idx].end <= t.start
                       else q_start):t.end]
    hedge_from = q_start
    if subj_idx is not None and q_start <= ms[subj_idx].start < t.start:
        hedge_from = max(q_start, ms[subj_idx].start - 12)
    hedge_to = max(q_end, t.end)
    aside = folded.find(",", t.end, hedge_to)
    if aside >= 0:
        # "released in 2012, reportedly after elders intervened": a hedge after the comma is
        # about the side clause, not the fact
        hedge_to = aside
    mod = modality(folded[hedge_from:hedge_to], reported=speaker is not None, head=neg_head)
    conf = p.confidence
    if subj_idx is None or ms[subj_idx].is_pronoun:
        conf *= 0.9
    if obj_text and obj_m is None:
        conf *= 0.9
    return ClaimOut(
        subject_chain=chain, subject=subj_text, subject_name=names.get(chain),
        subject_mention=subj_idx, predicate=predicate, object_text=obj_text,
        object_mention=obj_idx, time=time, place=place, modality=mod,
        attributed_to=speaker if mod in ("reported", "hedged", "negated") and speaker else None,
        quote=text[q_start:q_end], quote_start=q_start, quote_end=q_end,
        verb=text[t.start:t.end].strip(), confidence=round(conf, 3),
    )


def _subject_end(doc: _Doc, subj_idx: int | None, t: _Trigger) -> int | None:
    if subj_idx is None:
        return None
    end = doc.mentions[subj_idx].end
    return end if end <= t.start else None


def _statements(doc: _Doc, sent: Sentence, trigs: list[_Trigger], m_lo: int, m_hi: int,
                frames: list[Frame], question: bool, speechy: bool) -> list[ClaimOut]:
    """"<person> <verb> ..." with no table predicate in its clause: kept as `statement`."""
    if question:
        return []
    folded, text = doc.folded, doc.text
    out: list[ClaimOut] = []
    bounds = _boundaries(folded, sent.start, sent.end) + [sent.end]
    for i in range(m_lo, m_hi):
        m = doc.mentions[i]
        if m.type != "PERSON" or not m.chain or is_oblique(folded, m.start):
            continue
        if m.surface.lower() in ("his", "her", "him", "himself", "herself", "hers"):
            continue
        if m.is_pronoun and speechy:
            continue  # reported content belongs to the speaker's `said` claim
        if _RELATIVE_BEFORE.search(folded, max(sent.start, m.start - 8), m.start):
            continue  # "what he describes as": not an assertion of its own
        if _REDUCED_RELATIVE.search(folded, max(sent.start, m.start - 30), m.start):
            continue  # ", a post he held until 2013": about the noun before it, said already
        mv = _ADVERB.match(folded, m.end, sent.end)
        if not mv:
            continue
        verb = mv.group(2)
        if not _is_finite_verb(verb):
            continue
        v_start = mv.start(2)
        clause_end = min(b for b in bounds if b > v_start)
        if any(m.end <= t.start < clause_end for t in trigs):
            continue
        if any(f.start <= v_start < f.end for f in frames):
            continue
        head = folded[sent.start:v_start]
        if irrealis(head.rsplit(",", 1)[-1]):
            continue
        phrase_end = _trim_end(folded, v_start, clause_end)
        words = list(_NONSPACE.finditer(folded[v_start:phrase_end]))
        if len(words) > 8:
            phrase_end = v_start + words[7].end()
        obj = text[mv.end(2):phrase_end].strip() or None
        if obj is None:
            continue  # a bare verb ("he continued") says nothing checkable
        q_end = _trim_end(folded, m.start, clause_end)
        out.append(ClaimOut(
            subject_chain=m.chain, subject=m.surface, subject_name=doc.coref.chain_names.get(m.chain),
            subject_mention=i, predicate="statement", object_text=obj, object_mention=None,
            time=timing.combine([tm.value for tm in _times_in(
                doc, m.start, clause_end, _Trigger(v_start, v_start, PATTERNS[0]))]),
            place=None, modality=modality(folded[m.start:clause_end], reported=bool(frames),
                                          head=folded[m.end:mv.end(2)]),
            attributed_to=frames[0].speaker if frames else None,
            quote=text[m.start:q_end], quote_start=m.start, quote_end=q_end,
            verb=text[v_start:phrase_end], confidence=0.5,
        ))
    return out


def _is_finite_verb(word: str) -> bool:
    if word in lx.NOT_VERBS or word in lx.SPEECH_VERBS or len(word) < 3:
        return False
    if word in lx.IRREGULAR_PAST:
        return True
    if word.endswith("ed") and len(word) > 4:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4


_QUOTED = re.compile(r'"([^"]{3,})"')


def _said(doc: _Doc, sent: Sentence, frames: list[Frame], claims: list[ClaimOut]) -> list[ClaimOut]:
    """A named speaker's words that yielded no other claim are kept as one `said` claim."""
    out: list[ClaimOut] = []
    for f in frames:
        if f.speaker_mention is None or f.denial:
            continue
        sm = doc.mentions[f.speaker_mention]
        if not sm.chain and sm.type != "ORG":
            continue
        if any(c.subject_chain != sm.chain and c.predicate != "statement" for c in claims):
            continue
        q = _QUOTED.search(doc.folded, sent.start, sent.end)
        if q:
            content = doc.text[q.start(1):q.end(1)].strip(' ,.')
        else:
            rest = doc.folded[f.end:sent.end]
            content = doc.text[f.end:sent.end].strip(" .") if rest.strip() else None
        if not content or len(_LETTER_WORD.findall(content)) < 3:
            continue  # "X says:" headers of comment sections carry no content
        q_end = _trim_end(doc.folded, sent.start, sent.end)
        out.append(ClaimOut(
            subject_chain=sm.chain, subject=sm.surface, subject_name=f.speaker,
            subject_mention=f.speaker_mention, predicate="said", object_text=content[:300],
            object_mention=None, time=None, place=None, modality="asserted", attributed_to=None,
            quote=doc.text[sent.start:q_end], quote_start=sent.start, quote_end=q_end,
            verb=doc.text[f.start:f.end], confidence=0.7,
        ))
        break
    return out


def _dedupe(claims: list[ClaimOut]) -> list[ClaimOut]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for c in claims:
        key = (c.subject_chain, c.predicate, (c.object_text or "").lower(), c.edtf)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
