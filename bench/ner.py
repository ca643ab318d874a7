"""Named mentions of both extractors on MEANTIME (real news nobody here wrote), strict and relaxed.

    .venv/bin/python bench/ner.py [--shared DIR] [--runs 3] [--extractors parse,rules]
                                  [--no-premodifiers] [--annotated-spans] [--errors 15] [--examples 3]

MEANTIME (NewsReader, CC BY 4.0) is 120 English Wikinews articles in CAT XML, under
`$CLAIMLINE_SHARED/corpus/gold-external/meantime-newsreader-en/` (default `../shared`). Its
first six sentences per article (the title, the dateline and four sentences of body) are
annotated exhaustively; later sentences only for a few cross-document instances, so only
sentences 0-5 are scored.

What is gold, and why:

* Tokens carry `t_id` and `sentence`. The text given to the extractors is rebuilt from the
  tokens of sentences 0-5 with light detokenisation (no space before `, . 's n't )` and the
  like, none after `( $`; `` and '' become "), recording each token's character span, so
  every predicted span maps back to tokens. Title and dateline are paragraphs of their own.
* An ENTITY_MENTION is *named* when its `syntactic_type` is NAM (a name) or PRE.NAM (a name
  used as a premodifier: "the *US* automaker", "*Apple* logo", "*German*"). NOM, PRO, APP,
  CONJ, PTV, HLS, ARC and the unlabelled ones (the airbus and gm clusters label only names)
  are descriptions or pronouns and are not gold. `--no-premodifiers` scores NAM only and
  treats PRE.NAM as don't-care.
* A mention's type is the `ent_type` of the ENTITY its REFERS_TO relation points at:
  PER/ORG/LOC score as PERSON/ORG/PLACE. A named mention without a REFERS_TO link takes the
  type of the smallest typed named mention containing it ("the United States Air Force" in
  "the United States Air Force ( USAF"); one still untyped is don't-care.
* PRO (products: "iPhone", "Boeing 787"), FIN (indices, currencies: "Dow Jones", "FTSE 100")
  and MIX have no counterpart in PERSON/ORG/PLACE. They are not gold, and a prediction lying
  inside one (named or not: "Airbus" in "twenty new Airbus A320 jets") that overlaps no gold
  name is neither right nor wrong; such predictions typed PERSON or PLACE are counted
  and shown apart ("a product typed PERSON" is a defect an analyst would see).
* MEANTIME nests mentions: "JSA Research defence analysist Paul Nesbit" (PER) holds "JSA
  Research" (ORG) and "Paul Nesbit" (PER); "Boeing and Lockheed Martin" holds both names.
  A named mention that contains another scored named mention is not gold (the inner names
  are); its span is don't-care for predictions of its own type that overlap no gold mention
  ("European Aeronautic Defence and Space Company EADS N.V." inside "Airbus parent company
  European ... N.V.").
* Both gold and predicted spans drop leading lower-case words and a trailing possessive ('s, ')
  before comparison: "the High Court" and "High Court" are the same name, and the name in
  "central London" or "emerging Chrysler" (MEANTIME's NAM extents) is "London", "Chrysler"
  (see `_trim`; `--annotated-spans` compares the extents instead).

Strict: same token span and type. Relaxed: overlapping spans of the same type, one-to-one
(greedy, largest overlap first). ROLE mentions and pronouns of the extractors are ignored.
Per extractor: P/R/F1 per type and overall, the CPU seconds (`time.process_time`, median of
`--runs`) to extract all 120 texts (the parse extractor through `extract_many`, one batch as
the DB stage does), and the most frequent error kinds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CORPUS = Path("corpus/gold-external/meantime-newsreader-en/intra_cross-doc_annotation")
SCORED_SENTENCES = 6
TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
ORDER = ("PERSON", "ORG", "PLACE")
NAMED = ("NAM", "PRE.NAM")
ARTICLES = frozenset({"the", "a", "an"})
POSSESSIVE = frozenset({"'s", "'", "’s", "’"})
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "''", "'s", "'",
                             "n't", "'re", "'ve", "'ll", "'d", "'m", "’s", "..."})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "US$", "AU$", "``", "#"})
QUOTES = {"``": '"', "''": '"'}

Span = tuple[int, int]
"""First and last token index (inclusive) in an article's scored tokens."""


@dataclass(frozen=True)
class Gold:
    span: Span
    type: str
    syntactic: str
    raw: Span
    """The span as annotated, before `_trim`."""


@dataclass(frozen=True)
class Region:
    """A named mention that is not gold: a prediction inside it is not scored."""

    span: Span
    type: str | None
    """PERSON/ORG/PLACE for an outer (nesting) name, else None (PRO, FIN, MIX, untyped)."""
    kind: str
    """"outer", "PRO", "FIN", "MIX", "untyped" or "PRE.NAM" (with --no-premodifiers)."""


@dataclass
class Article:
    name: str
    text: str
    offsets: list[tuple[int, int]]
    words: list[str]
    published: date | None
    cut_names: bool = True
    """Compare names (`_trim`), not MEANTIME's extents beyond a leading article."""
    gold: list[Gold] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    other: list[tuple[Span, str]] = field(default_factory=list)
    """Mentions that are not names (NOM, PRO, ...) with their MEANTIME type, for error kinds."""

    def surface(self, span: Span) -> str:
        return self.text[self.offsets[span[0]][0]:self.offsets[span[1]][1]]


def rebuild(tokens: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Text and per-token character spans from (word, sentence) tokens."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos, prev, prev_sentence = 0, None, None
    for word, sentence in tokens:
        out = QUOTES.get(word, word)
        if prev is None:
            sep = ""
        elif sentence != prev_sentence and sentence <= 2:
            sep = "\n\n"  # the title and the dateline are paragraphs of their own
        elif word in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep + out)
        pos += len(sep)
        offsets.append((pos, pos + len(out)))
        pos += len(out)
        prev, prev_sentence = word, sentence
    return "".join(parts), offsets


PREPOSITIONS = frozenset({"of", "for", "in", "at", "on", "from", "to", "with", "by", "near"})
CONNECTORS = frozenset({"of", "&", "-", "de", "du", "del", "la", "von", "van", "and"})


def _name_like(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit() or w in CONNECTORS


def _trim(span: Span, words: Sequence[str], cut_names: bool = True) -> Span | None:
    """The name in a span, the same for gold and predictions.

    Drops a leading article, possessive or punctuation ("the High Court"), leading lower-case
    words ("central London", "emerging Chrysler") and a description before the name
    ("European airframer Airbus": the words up to the last lower-case word before a run of
    capitalised ones) unless they hold a preposition ("government of Canada", "minister of
    transport for Indonesia" name another thing), and a trailing possessive or punctuation
    ("Apple Computer 's", "Apple Inc. (")."""
    a, b = span
    while b > a and (words[a].lower() in ARTICLES or words[a] in POSSESSIVE
                     or not any(ch.isalnum() for ch in words[a])):
        a += 1
    while b > a and (words[b] in POSSESSIVE or not any(ch.isalnum() for ch in words[b])):
        b -= 1
    name = a
    while b > name and words[name].isalpha() and words[name].islower():
        name += 1
    tail = b
    while tail > name and _name_like(words[tail - 1]):
        tail -= 1
    if tail > name and _name_like(words[b]) and words[tail - 1].isalpha() and words[tail - 1].islower():
        name = tail
    # "government of Canada", "minister of transport for Indonesia" are descriptions, not names
    if cut_names and not PREPOSITIONS.intersection(w.lower() for w in words[a:name]):
        a = name
    return (a, b) if a <= b else None


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(x: Span, y: Span) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]) + 1)


def _whole_name(span: Span, typ: str, named: Sequence[tuple[Span, str | None, str]],
                words: Sequence[str]) -> bool:
    """A name built on a name of another type ("U.S. Air Force", "United States Senate").

    Flat NER annotates it whole, so it is gold and its inner name is don't-care: a name that is
    all capitalised words (or "of", "&"), holding names of other types only and no
    name of its own type. A person's name never qualifies ("White House Press Secretary" is a title).
    """
    if typ == "PERSON":
        return False
    inner = [t for s, t, _ in named if _inside(s, span) and s != span]
    if not inner or any(TYPES.get(t or "", typ) == typ for t in inner):
        return False
    return all(w[:1].isupper() or w in ("of", "&") for w in words[span[0]:span[1] + 1])


def load_article(path: Path, premodifiers: bool = True, cut_names: bool = True) -> Article:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), t.text or "", int(t.get("sentence") or 0)) for t in root.iter("token")]
    tokens = [t for t in tokens if t[2] < SCORED_SENTENCES]
    index = {tid: i for i, (tid, _, _) in enumerate(tokens)}
    text, offsets = rebuild([(w, s) for _, w, s in tokens])
    words = [w for _, w, _ in tokens]
    markables = root.find("Markables")
    ent_type = {e.get("m_id"): e.get("ent_type") for e in markables.findall("ENTITY")}
    refers: dict[str, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for rel in relations.findall("REFERS_TO") if relations is not None else ():
        target = ent_type.get(rel.find("target").get("m_id"))
        for src in rel.findall("source"):
            if target:
                refers[src.get("m_id")].add(target)
    published = None
    for tx in markables.findall("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            try:
                published = date.fromisoformat((tx.get("value") or "")[:10])
            except ValueError:
                pass
    art = Article(path.stem, text, offsets, words, published, cut_names)

    named: list[tuple[Span, str | None, str]] = []
    raw: dict[Span, Span] = {}
    for em in markables.findall("ENTITY_MENTION"):
        ids = [a.get("t_id") for a in em.findall("token_anchor")]
        if not ids or any(i not in index for i in ids):
            continue  # outside the scored sentences
        annotated = (min(index[i] for i in ids), max(index[i] for i in ids))
        span = _trim(annotated, words, cut_names)
        if span is None:
            continue
        if span not in raw or annotated == span:  # a name annotated as such was not cut
            raw[span] = annotated
        types = refers.get(em.get("m_id"), set())
        typ = next(iter(types)) if len(types) == 1 else None
        syn = em.get("syntactic_type") or ""
        if syn in NAMED and not any(_name_like(w) and w not in CONNECTORS for w in words[span[0]:span[1] + 1]):
            syn = "lower-case"  # "chief executive officer" marked NAM: not a name
        if syn in NAMED:
            named.append((span, typ, syn))
        elif typ:
            art.other.append((span, typ))
            if typ not in TYPES:  # a description of a product or a figure: "new Airbus A320 jets"
                art.regions.append(Region(span, None, typ))
    # an unlinked name takes the type of the smallest typed name around it
    typed = [(s, t) for s, t, _ in named if t]
    resolved: list[tuple[Span, str | None, str]] = []
    for span, typ, syn in named:
        if typ is None:
            around = [(s[1] - s[0], t) for s, t in typed if _inside(span, s) and s != span]
            typ = min(around)[1] if around else None
        resolved.append((span, typ, syn))
    scored = {(s, TYPES[t]) for s, t, syn in resolved
              if t in TYPES and (premodifiers or syn == "NAM")}
    whole = [s for s, t, syn in resolved
             if t in TYPES and _whole_name(s, TYPES[t], resolved, words)]
    seen: set[tuple[Span, str]] = set()
    for span, typ, syn in resolved:
        key = (span, TYPES.get(typ or "", ""))
        if key in seen:
            continue
        seen.add(key)
        if typ is None:
            art.regions.append(Region(span, None, "untyped"))
        elif any(_inside(span, w) and w != span for w in whole):
            art.regions.append(Region(span, None, "inside a whole name"))
        elif typ not in TYPES:
            art.regions.append(Region(span, None, typ))
        elif not premodifiers and syn != "NAM":
            art.regions.append(Region(span, TYPES[typ], "PRE.NAM"))
        elif _whole_name(span, TYPES[typ], resolved, words):
            art.gold.append(Gold(span, TYPES[typ], syn, raw[span]))
        elif any(_inside(s, span) and s != span for s, _ in scored):
            art.regions.append(Region(span, TYPES[typ], "outer"))
        else:
            art.gold.append(Gold(span, TYPES[typ], syn, raw[span]))
    return art


def load_corpus(shared: Path, premodifiers: bool = True, cut_names: bool = True) -> list[Article]:
    folder = shared / CORPUS
    files = sorted(folder.glob("*/*.xml"))
    if not files:
        raise SystemExit(f"MEANTIME not found at {folder} (set CLAIMLINE_SHARED or --shared)")
    out = []
    for f in files:
        try:
            out.append(load_article(f, premodifiers, cut_names))
        except (ET.ParseError, AttributeError, ValueError) as exc:
            print(f"skipped {f}: {exc}", file=sys.stderr)
    return out


# --- predictions -----------------------------------------------------------------------------

Pred = tuple[Span, str]


def to_tokens(art: Article, start: int, end: int) -> Span | None:
    hit = [i for i, (s, e) in enumerate(art.offsets) if s < end and start < e]
    return _trim((hit[0], hit[-1]), art.words, art.cut_names) if hit else None


def predictions(art: Article, mentions: Iterable) -> list[Pred]:
    out: list[Pred] = []
    for m in mentions:
        if m.is_pronoun or m.type not in ORDER:
            continue
        span = to_tokens(art, m.start, m.end)
        if span and (span, m.type) not in out:
            out.append((span, m.type))
    return out


def run_extractor(name: str, arts: Sequence[Article]) -> tuple[list[list[Pred]], float]:
    """Predictions per article and the CPU seconds the extraction took."""
    from reconcile import extractors

    ex = extractors.get(name)
    ex.extract(arts[0].text, published=arts[0].published)  # load model and tables outside timing
    cpu = time.process_time()
    if hasattr(ex, "extract_many"):
        from reconcile.nlp.extractor import Job

        outs = ex.extract_many([Job(a.text, a.published, "post", None, a.name) for a in arts])
    else:
        outs = [ex.extract(a.text, published=a.published, doc_key=a.name) for a in arts]
    cpu = time.process_time() - cpu
    for a, o in zip(arts, outs):
        bad = [m for m in o.mentions if a.text[m.start:m.end] != m.surface]
        if bad:
            print(f"{name}: {a.name}: {len(bad)} mention(s) whose surface is not text[start:end], "
                  f"e.g. {bad[0].surface!r} vs {a.text[bad[0].start:bad[0].end]!r}", file=sys.stderr)
    return [predictions(a, o.mentions) for a, o in zip(arts, outs)], cpu


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def prf(self, typ: str | None = None) -> tuple[float, float, float]:
        def get(c: Counter) -> int:
            return sum(c.values()) if typ is None else c[typ]
        tp, fp, fn = get(self.tp), get(self.fp), get(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    strict: Tally = field(default_factory=Tally)
    relaxed: Tally = field(default_factory=Tally)
    errors: Counter = field(default_factory=Counter)
    examples: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    unscored: Counter = field(default_factory=Counter)
    """(region kind, predicted type) -> predictions inside a don't-care name."""
    unscored_examples: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))

    def error(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        self.examples[kind][example] += 1


def _shape(art: Article, g: Gold) -> str:
    words = art.words[g.span[0]:g.span[1] + 1]
    letters = "".join(ch for w in words for ch in w if ch.isalpha())
    if g.syntactic == "PRE.NAM":
        return "premodifier"
    if letters and letters.isupper() and len(letters) <= 6:
        return "acronym"
    return "one word" if len(words) == 1 else f"{min(len(words), 4)}{'+' if len(words) >= 4 else ''} words"


def score_article(art: Article, preds: Sequence[Pred], sc: Score) -> None:
    gold = {(g.span, g.type): g for g in art.gold}
    strict_hit = [p for p in preds if p in gold]
    rest = [p for p in preds if p not in gold]
    kept: list[Pred] = []
    for span, typ in rest:
        if not any(_overlap(span, g.span) for g in art.gold):
            region = next((r for r in art.regions if _inside(span, r.span)
                           and (r.type is None or r.type == typ)), None)
            if region is not None:
                sc.unscored[(region.kind, typ)] += 1
                sc.unscored_examples[(region.kind, typ)][art.surface(span)] += 1
                continue
        kept.append((span, typ))
    for _, typ in strict_hit:
        sc.strict.tp[typ] += 1
    for _, typ in kept:
        sc.strict.fp[typ] += 1
    matched = {p for p in strict_hit}
    for key in gold:
        if key not in matched:
            sc.strict.fn[key[1]] += 1
    # relaxed: exact matches first, then overlapping same-type pairs, largest overlap first
    pairs = sorted(((_overlap(p[0], g.span), i, j) for i, p in enumerate(kept)
                    for j, g in enumerate(art.gold) if p[1] == g.type and (g.span, g.type) not in matched
                    and _overlap(p[0], g.span)), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    for _, typ in strict_hit:
        sc.relaxed.tp[typ] += 1
    for i, (_, typ) in enumerate(kept):
        (sc.relaxed.tp if i in used_p else sc.relaxed.fp)[typ] += 1
    for j, g in enumerate(art.gold):
        if (g.span, g.type) not in matched and j not in used_g:
            sc.relaxed.fn[g.type] += 1
    # error kinds (strict): one per missed gold, one per spurious prediction overlapping no gold
    for g in art.gold:
        if (g.span, g.type) in matched:
            continue
        text = art.surface(g.span)
        same_span = [t for s, t in kept if s == g.span]
        near = [(s, t) for s, t in kept if _overlap(s, g.span)]
        if same_span:
            sc.error(f"{g.type} typed {same_span[0]} ({_shape(art, g)})", text)
        elif any(t == g.type for _, t in near):
            s = next(s for s, t in near if t == g.type)
            how = ("too long" if _inside(g.span, s) else "too short" if _inside(s, g.span) else "shifted")
            sc.error(f"{g.type} span {how}", f"{art.surface(s)} / gold {text}")
        elif near:
            sc.error(f"{g.type} typed {near[0][1]} with other span", f"{art.surface(near[0][0])} / gold {text}")
        else:
            sc.error(f"{g.type} missed ({_shape(art, g)})", text)
    for span, typ in kept:
        if any(_overlap(span, g.span) for g in art.gold):
            continue
        what = next((t for s, t in art.other if _overlap(s, span)), None)
        where = f"on a description/pronoun of a {what}" if what else "on no annotated mention"
        sc.error(f"spurious {typ} {where}", art.surface(span))


def _fmt(p: float, r: float, f: float) -> str:
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def report(name: str, sc: Score, cpus: list[float], kb: float, errors: int, examples: int) -> None:
    cpu = statistics.median(cpus)
    print(f"\n== {name}: {cpu:.2f} s CPU (median of {len(cpus)}: "
          f"{', '.join(f'{c:.2f}' for c in cpus)}) = {kb / cpu:,.0f} KB/s")
    print(f"{'':8} {'gold':>5} {'pred':>5}   strict{'':22}   relaxed")
    for typ in (*ORDER, None):
        g = sc.strict.tp[typ] + sc.strict.fn[typ] if typ else sum(sc.strict.tp.values()) + sum(sc.strict.fn.values())
        p = sc.strict.tp[typ] + sc.strict.fp[typ] if typ else sum(sc.strict.tp.values()) + sum(sc.strict.fp.values())
        print(f"{typ or 'overall':8} {g:5} {p:5}   {_fmt(*sc.strict.prf(typ))}   {_fmt(*sc.relaxed.prf(typ))}")
    odd = {k: v for k, v in sc.unscored.items() if k[1] in ("PERSON", "PLACE") and k[0] in ("PRO", "FIN", "MIX")}
    if odd:
        print("not scored, but wrong: " + "; ".join(
            f"{kind} mention typed {typ}: {n} ({', '.join(s for s, _ in sc.unscored_examples[(kind, typ)].most_common(examples))})"
            for (kind, typ), n in sorted(odd.items(), key=lambda x: -x[1])))
    print(f"not scored (inside a PRO/FIN/MIX/untyped/outer name, overlapping no gold): "
          f"{sum(sc.unscored.values())}")
    if errors:
        print(f"most frequent error kinds (strict; of {sum(sc.errors.values())}):")
        for kind, n in sc.errors.most_common(errors):
            ex = "; ".join(f"{s!r}" + (f" x{c}" if c > 1 else "") for s, c in sc.examples[kind].most_common(examples))
            print(f"  {n:4}  {kind}: {ex}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (default $CLAIMLINE_SHARED or ../shared)")
    ap.add_argument("--extractors", default="parse,rules", help="comma-separated registered names")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per extractor (median printed)")
    ap.add_argument("--no-premodifiers", action="store_true",
                    help="score NAM mentions only; PRE.NAM ('US automaker') becomes don't-care")
    ap.add_argument("--annotated-spans", action="store_true",
                    help="compare MEANTIME's extents (less a leading article, a trailing possessive) "
                         "instead of the names in them")
    ap.add_argument("--errors", type=int, default=15, help="error kinds listed per extractor")
    ap.add_argument("--examples", type=int, default=3, help="examples per error kind")
    args = ap.parse_args(argv)
    shared = Path(args.shared or os.environ.get("CLAIMLINE_SHARED") or REPO.parent / "shared")
    arts = load_corpus(shared, premodifiers=not args.no_premodifiers, cut_names=not args.annotated_spans)
    kb = sum(len(a.text.encode("utf-8")) for a in arts) / 1024
    gold = Counter(g.type for a in arts for g in a.gold)
    print(f"MEANTIME: {len(arts)} articles, sentences 0-{SCORED_SENTENCES - 1}, {kb:,.0f} KB of text; "
          f"gold named mentions: {sum(gold.values())} ("
          + ", ".join(f"{t} {gold[t]}" for t in ORDER) + "; "
          + ("NAM + PRE.NAM" if not args.no_premodifiers else "NAM only") + ")")
    cut = [f"{a.text[a.offsets[g.raw[0]][0]:a.offsets[g.raw[1]][1]]!r} -> {a.surface(g.span)!r}"
           for a in arts for g in a.gold
           if g.raw != g.span and a.words[g.raw[0]].lower() not in ARTICLES]
    if cut:
        print(f"gold spans cut to the name beyond a leading article: {len(cut)}, e.g. {'; '.join(cut[:4])}")
    for name in [n.strip() for n in args.extractors.split(",") if n.strip()]:
        cpus: list[float] = []
        preds: list[list[Pred]] = []
        for _ in range(max(1, args.runs)):
            preds, cpu = run_extractor(name, arts)
            cpus.append(cpu)
        sc = Score()
        for a, p in zip(arts, preds):
            score_article(a, p, sc)
        report(name, sc, cpus, kb, args.errors, args.examples)


if __name__ == "__main__":
    main()
