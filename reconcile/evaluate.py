"""Score a system's entities, claims and relations against a gold file in the seed gold's format.

The gold's `scoring` rule, as implemented here:
- A system claim matches a gold claim when it comes from the same document, its quote overlaps
  the gold quote (character spans in the document text), its subject entity maps to the gold
  subject cluster, the predicates are equal, and its earliest/latest bounds, as years, are each
  within one year of the gold's (an open bound must be open on both sides). A gold object that
  is an entity id must be met by an object entity mapping to that cluster or an object text that
  is one of the cluster's surface forms; a literal gold object must be a case-insensitive
  substring of the system object or the other way round; a gold object of null accepts any.
- Matching is one-to-one (maximum bipartite matching): a second system claim for the same gold
  claim is a false positive.
- Gold `optional` sentences count for precision only: an unmatched system claim whose quote
  overlaps one is neither right nor wrong.
- Entities: pairwise precision/recall/F1 over the gold surface forms. Each gold surface is
  placed in the system entity that has it (ignoring titles: "President Karzai" has "Karzai");
  gold pairs are surfaces of one gold cluster, system pairs surfaces of one system entity.
- Relations: a gold relation is found when the system relates the claims matched to its two
  gold claims with the same type, in either direction. A system that groups claims into
  statements relates statements, not every pair of claims: a gold `conflicts` or `supplements`
  is also found when a link of that type joins the two claims' statements, and a gold
  `corroborates` or `duplicates` when both claims are references of one statement and their
  sources differ (corroborates) or are the same (duplicates).
A system entity maps to the gold cluster with which it shares the most surface forms.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from reconcile.names import split_title
from store.ordering import parents_first


@dataclass
class SysDocument:
    id: str
    text: str
    kind: str = "post"
    author: str | None = None
    published: str | None = None
    """ISO 8601 date or datetime."""
    parent: str | None = None
    url: str | None = None
    """Page URL or permalink: matched against a gold document's `path` when the gold gives one."""
    platform_id: str | None = None
    """The platform's id for the post or comment: matched against a gold `platform_id`."""


@dataclass
class SysEntity:
    id: str
    type: str
    surfaces: list[str]


@dataclass
class SysClaim:
    id: str
    doc: str
    subject: str | None
    """System entity id of the subject."""
    predicate: str
    object_entity: str | None = None
    object_text: str | None = None
    earliest: date | None = None
    latest: date | None = None
    quote: str = ""
    quote_start: int | None = None
    quote_end: int | None = None
    edtf: str | None = None
    modality: str | None = None
    statement: str | None = None
    """The statement the claim is a reference of, where the system has statements."""
    source: str | None = None
    """The claim's source identity (claims with different ones are independent)."""


@dataclass
class SysRelation:
    a: str
    b: str
    type: str
    a_statement: str | None = None
    b_statement: str | None = None


@dataclass
class SystemOutput:
    documents: list[SysDocument] = field(default_factory=list)
    entities: list[SysEntity] = field(default_factory=list)
    claims: list[SysClaim] = field(default_factory=list)
    relations: list[SysRelation] = field(default_factory=list)


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    system: int
    gold: int

    @classmethod
    def of(cls, tp: int, system: int, gold: int) -> PRF:
        p = tp / system if system else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 4), round(r, 4), round(f, 4), tp, system, gold)


@dataclass
class EvalReport:
    entities: PRF
    claims: PRF
    relations_recall: float
    relations_found: int
    relations_gold: int
    ignored_optional: int
    modality_accuracy: float | None
    missed: list[str] = field(default_factory=list)
    """Gold claim ids no system claim matched."""
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    missed_relations: list[dict[str, Any]] = field(default_factory=list)
    """Gold relations not found, each with why: a claim not found, or how the system relates them."""
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)
    unaligned_documents: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        e, c = self.entities, self.claims
        return (f"entities  P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}\n"
                f"claims    P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
                f"({c.tp}/{c.gold} gold found, {c.system} counted, {self.ignored_optional} optional)\n"
                f"relations R {self.relations_recall:.3f}  ({self.relations_found}/{self.relations_gold})")


_FOLD = str.maketrans({"\u00a0": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_FOLD).casefold()
    return re.sub(r"\s+", " ", s).strip(" .,;:'\"()")


def _bare(s: str) -> str:
    return _norm(split_title(_norm(s).removeprefix("then-").removeprefix("ex-"))[1])


def _same_surface(a: str, b: str) -> bool:
    return _norm(a) == _norm(b) or _bare(a) == _bare(b)


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    """Span of `quote` in `text`, ignoring differences of spacing and quote marks."""
    if not quote:
        return None
    folded = text.translate(_FOLD)
    parts = [re.escape(p) for p in quote.translate(_FOLD).split()]
    m = re.search(r"\s+".join(parts), folded)
    return (m.start(), m.end()) if m else None


def _years(edtf_text: str | None) -> tuple[int | None, int | None]:
    if not edtf_text:
        return None, None
    from edtf import parse_edtf

    try:
        obj = parse_edtf(edtf_text)
    except Exception as exc:  # the edtf package raises its own EDTFParseException
        raise ValueError(f"gold time {edtf_text!r} is not valid EDTF: {exc}") from exc

    def year(t: Any) -> int | None:
        if isinstance(t, float) or t is None:
            return None
        return t.tm_year

    return year(obj.lower_strict()), year(obj.upper_strict())


def _date_year(d: date | str | None) -> int | None:
    if d is None:
        return None
    if isinstance(d, str):
        return int(d[:4])
    return d.year


def _within(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1


def _same_place(g: dict[str, Any], d: SysDocument) -> bool:
    """Gold `platform_id` (and `path`, when both sides have one) name this system document."""
    if not g.get("platform_id") or d.platform_id is None or d.kind != g.get("kind"):
        return False
    if str(d.platform_id).split("-")[-1] != str(g["platform_id"]):
        return False
    path = g.get("path")
    return not (path and d.url) or path.rstrip("/") in d.url


def _align(gold_docs: list[dict[str, Any]], docs: list[SysDocument]) -> dict[str, str]:
    """Gold document id -> system document id: same id; else the same platform id (and path);
    else same kind, author and minute of publication."""
    out: dict[str, str] = {}
    by_id = {d.id: d for d in docs}
    used: set[str] = set()
    for g in gold_docs:
        if g["id"] in by_id:
            out[g["id"]] = g["id"]
            used.add(g["id"])
    for g in gold_docs:
        if g["id"] in out:
            continue
        for d in docs:
            if d.id not in used and _same_place(g, d):
                out[g["id"]] = d.id
                used.add(d.id)
                break
    for g in gold_docs:
        if g["id"] in out:
            continue
        for d in docs:
            if d.id in used or d.kind != g.get("kind"):
                continue
            gp, dp = (g.get("published") or "")[:16], (d.published or "")[:16]
            if gp and dp and (gp == dp or (len(gp) == 10 and dp.startswith(gp))) and \
                    (g.get("author") or None) == (d.author or None):
                out[g["id"]] = d.id
                used.add(d.id)
                break
    return out


def evaluate(gold: dict[str, Any], system: SystemOutput) -> EvalReport:
    gold_entities = {e["id"]: e for e in gold.get("entities", [])}
    # --- entities: place every gold surface in a system entity
    placement: dict[tuple[str, str], str] = {}
    for gid, ge in gold_entities.items():
        for surface in ge["mentions"]:
            hits = [e for e in system.entities if any(_same_surface(surface, s) for s in e.surfaces)]
            if hits:
                exact = [e for e in hits if any(_norm(s) == _norm(surface) for s in e.surfaces)]
                placement[(gid, surface)] = (exact or hits)[0].id
    items = [(gid, s) for gid, ge in gold_entities.items() for s in ge["mentions"]]
    gold_pairs = {frozenset((a, b)) for a, b in combinations(items, 2) if a[0] == b[0]}
    sys_pairs = {frozenset((a, b)) for a, b in combinations(items, 2)
                 if a in placement and b in placement and placement[a] == placement[b]}
    entities = PRF.of(len(gold_pairs & sys_pairs), len(sys_pairs), len(gold_pairs))
    # --- system entity -> gold cluster
    to_gold: dict[str, str] = {}
    for e in system.entities:
        votes: dict[str, int] = {}
        for gid, ge in gold_entities.items():
            n = sum(1 for g in ge["mentions"] if any(_same_surface(g, s) for s in e.surfaces))
            if n:
                votes[gid] = n
        if votes:
            to_gold[e.id] = max(votes, key=lambda k: (votes[k], k))
    # --- claims
    docs = {d.id: d for d in system.documents}
    doc_map = _align(gold.get("documents", []), system.documents)
    gold_claims = gold.get("claims", [])

    def sys_span(c: SysClaim) -> tuple[int, int] | None:
        if c.quote_start is not None and c.quote_end is not None:
            return c.quote_start, c.quote_end
        d = docs.get(c.doc)
        return _locate(d.text, c.quote) if d else None

    def matches(g: dict[str, Any], c: SysClaim) -> bool:
        if doc_map.get(g["doc"]) != c.doc or c.predicate != g["predicate"]:
            return False
        if to_gold.get(c.subject or "") != g["subject"]:
            return False
        d = docs.get(c.doc)
        gspan = _locate(d.text, g["quote"]) if d else None
        sspan = sys_span(c)
        if not gspan or not sspan or not (sspan[0] < gspan[1] and gspan[0] < sspan[1]):
            return False
        ge, gl = _years(g.get("when"))
        if not (_within(ge, _date_year(c.earliest)) and _within(gl, _date_year(c.latest))):
            return False
        obj = g.get("object")
        if obj is None:
            return True
        if obj in gold_entities:
            if c.object_entity and to_gold.get(c.object_entity) == obj:
                return True
            return bool(c.object_text) and any(
                _same_surface(c.object_text, s) for s in gold_entities[obj]["mentions"])
        a, b = _norm(obj), _norm(c.object_text or "")
        return bool(b) and (a in b or b in a)

    candidates = {i: [j for j, c in enumerate(system.claims) if matches(g, c)]
                  for i, g in enumerate(gold_claims)}
    match_of_sys: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_of_sys or augment(match_of_sys[j], seen):
                match_of_sys[j] = i
                return True
        return False

    for i in range(len(gold_claims)):
        augment(i, set())
    matched_gold = {i: j for j, i in match_of_sys.items()}
    optional = gold.get("optional", [])
    ignored = 0
    fps: list[dict[str, Any]] = []
    for j, c in enumerate(system.claims):
        if j in match_of_sys:
            continue
        d = docs.get(c.doc)
        span = sys_span(c)
        opt = False
        if d and span:
            for o in optional:
                ospan = _locate(d.text, o)
                if ospan and span[0] < ospan[1] and ospan[0] < span[1]:
                    opt = True
                    break
        if opt:
            ignored += 1
        else:
            fps.append({"id": c.id, "doc": c.doc, "predicate": c.predicate,
                        "object": c.object_text, "edtf": c.edtf, "quote": c.quote})
    counted = len(system.claims) - ignored
    claims = PRF.of(len(matched_gold), counted, len(gold_claims))
    mod_ok = [system.claims[j].modality == gold_claims[i].get("modality")
              for i, j in matched_gold.items() if system.claims[j].modality]
    # --- relations
    gold_rel = gold.get("relations", [])
    gid_to_index = {g["id"]: i for i, g in enumerate(gold_claims)}
    sys_rel = {(r.a, r.b, r.type) for r in system.relations}
    statement_rel = {(r.a_statement, r.b_statement, r.type) for r in system.relations
                     if r.a_statement is not None and r.b_statement is not None and r.a_statement != r.b_statement}
    found = 0
    missed_relations: list[dict[str, Any]] = []
    for r in gold_rel:
        ia, ib = gid_to_index.get(r["a"]), gid_to_index.get(r["b"])
        if ia in matched_gold and ib in matched_gold:
            ca, cb = system.claims[matched_gold[ia]], system.claims[matched_gold[ib]]
            if _related(ca, cb, r["type"], sys_rel, statement_rel):
                found += 1
                continue
            said = sorted({t for t in ("conflicts", "supplements", "corroborates", "duplicates")
                           if _related(ca, cb, t, sys_rel, statement_rel)})
            why = "the system relates them as " + ", ".join(said) if said else "the system does not relate them"
        else:
            why = "claim not found: " + ", ".join(g for g, i in ((r["a"], ia), (r["b"], ib)) if i not in matched_gold)
        missed_relations.append({"a": r["a"], "b": r["b"], "type": r["type"], "why": why})
    per_doc: dict[str, dict[str, Any]] = {}
    for g in gold.get("documents", []):
        gi = [i for i, gc in enumerate(gold_claims) if gc["doc"] == g["id"]]
        per_doc[g["id"]] = {"gold": len(gi), "found": sum(1 for i in gi if i in matched_gold),
                            "system": sum(1 for c in system.claims if c.doc == doc_map.get(g["id"]))}
    return EvalReport(
        entities=entities,
        claims=claims,
        relations_recall=round(found / len(gold_rel), 4) if gold_rel else 0.0,
        relations_found=found,
        relations_gold=len(gold_rel),
        missed_relations=missed_relations,
        ignored_optional=ignored,
        modality_accuracy=round(sum(mod_ok) / len(mod_ok), 4) if mod_ok else None,
        missed=[g["id"] for i, g in enumerate(gold_claims) if i not in matched_gold],
        false_positives=fps,
        per_document=per_doc,
        unaligned_documents=[g["id"] for g in gold.get("documents", []) if g["id"] not in doc_map],
    )


def _related(a: SysClaim, b: SysClaim, type_: str, pairs: set[tuple[str, str, str]],
             statement_pairs: set[tuple[str | None, str | None, str]]) -> bool:
    """Whether the system says claims `a` and `b` relate as `type_` (see the module's rules)."""
    if (a.id, b.id, type_) in pairs or (b.id, a.id, type_) in pairs:
        return True
    sa, sb = a.statement, b.statement
    if sa is None or sb is None:
        return False
    if type_ in ("corroborates", "duplicates"):
        if sa != sb or a.source is None or b.source is None:
            return False
        return (a.source != b.source) == (type_ == "corroborates")
    return sa != sb and ((sa, sb, type_) in statement_pairs or (sb, sa, type_) in statement_pairs)


# --- running the text pipeline directly, for measurement without a database -----------------

def _parse_published(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def run_text_pipeline(documents: list[dict[str, Any]]) -> SystemOutput:
    """Extract every document (parents before replies) and cluster mentions without a database.

    `documents`: dicts with id, text, kind, author, published, parent (a parent id or None).
    Clusters are the extractor's coreference chains (which already run down the thread), with
    chains of the same type and transliteration-equal names merged across documents.
    """
    from reconcile.extract import ThreadContext, extract_document
    from reconcile.names import name_key

    contexts: dict[str, ThreadContext] = {}
    out = SystemOutput()
    chain_surfaces: dict[str, set[str]] = {}
    chain_type: dict[str, str] = {}
    positions, _cut = parents_first([(d["id"], d.get("parent")) for d in documents])
    order = [documents[pos] for pos in positions]
    claims: list[tuple[str, Any]] = []
    for d in order:
        ctx = contexts.get(d.get("parent") or "", None)
        ex = extract_document(d["text"], published=_parse_published(d.get("published")),
                              kind=d.get("kind", "post"), context=ctx, doc_key=d["id"])
        contexts[d["id"]] = (ctx or ThreadContext()).child(ex, d.get("author"))
        out.documents.append(SysDocument(d["id"], d["text"], d.get("kind", "post"),
                                         d.get("author"), _iso(d.get("published")), d.get("parent")))
        for m in ex.mentions:
            if m.chain and not m.is_pronoun:
                chain_surfaces.setdefault(m.chain, set()).add(m.surface)
                chain_type[m.chain] = m.type
        for k, c in enumerate(ex.claims):
            claims.append((d["id"], (k, c, ex)))
    # merge chains across documents by folded name
    key_to_entity: dict[tuple[str, str], str] = {}
    entity_of: dict[str, str] = {}
    for chain, surfaces in chain_surfaces.items():
        keys = {(chain_type[chain], name_key(s, chain_type[chain])) for s in surfaces}
        ent = next((key_to_entity[k] for k in keys if k in key_to_entity), chain)
        for k in keys:
            key_to_entity.setdefault(k, ent)
        entity_of[chain] = ent
    members: dict[str, set[str]] = {}
    for chain, ent in entity_of.items():
        members.setdefault(ent, set()).update(chain_surfaces[chain])
    out.entities = [SysEntity(e, chain_type[e], sorted(s)) for e, s in members.items()]
    for doc_id, (k, c, ex) in claims:
        obj_entity = None
        if c.object_mention is not None:
            om = ex.mentions[c.object_mention]
            obj_entity = entity_of.get(om.chain or "")
        out.claims.append(SysClaim(
            id=f"{doc_id}#{k}", doc=doc_id, subject=entity_of.get(c.subject_chain or "", c.subject_chain),
            predicate=c.predicate, object_entity=obj_entity, object_text=c.object_text,
            earliest=c.time.earliest if c.time else None, latest=c.time.latest if c.time else None,
            quote=c.quote, quote_start=c.quote_start, quote_end=c.quote_end, edtf=c.edtf,
            modality=c.modality))
    return out


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def load_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def evaluate_text_pipeline(gold_path: str | Path, documents: list[dict[str, Any]]) -> EvalReport:
    """Run the extractor on `documents` (see `run_text_pipeline`) and score it against the gold."""
    return evaluate(load_gold(gold_path), run_text_pipeline(documents))
