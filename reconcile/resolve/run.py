"""Resolution against the store: a full pass, or an incremental one over what is new.

Full (first run, or asked for): every mention is clustered again; ids stay stable (see
:mod:`.assign`).

Incremental (later runs) touches only:
- new mentions (no entity yet), clustered together with the existing entities their names block
  with and the entities already named in their threads; each existing entity enters as a few
  representative mentions held together (must-links) and held apart from the other entities
  (cannot-links), so a new document can join an entity or start one, never reshuffle old ones;
- decisions the current entities do not obey (a merge, split or undo just made) send the run to a
  full pass, so that a decision gives the same clusters and ids whichever way the store is
  reconciled afterwards (decisions are rare; a full pass is the one definition of the result).

Both record why mentions were joined (:mod:`.evidence`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reconcile.names import TokenWeights, name_key, split_title
from store.models import Document, EntityDecision, Mention, MentionAlias, RetypedSpan

from . import decisions as decisions_mod
from .assign import AssignResult, assign
from .blocking import candidate_pairs
from .cluster import ResolveStats, corpus_weights, resolve_mentions
from .context import MentionRow, build_mentions
from .evidence import store_joins
from .records import NAME_KIND

CHUNK = 500
REPRESENTATIVES = 12  # mentions standing for an existing entity in an incremental run


@dataclass
class ResolveSummary:
    mode: str = "incremental"
    mentions_in_scope: int = 0
    mentions_changed: int = 0
    entities_created: int = 0
    entities_deleted: int = 0
    entities_renamed: int = 0
    touched: set[int] = field(default_factory=set)
    stats: ResolveStats | None = None

    def add(self, r: AssignResult) -> None:
        self.mentions_changed += r.mentions_changed
        self.entities_created += r.created
        self.entities_deleted += r.deleted
        self.entities_renamed += r.renamed
        self.touched |= r.touched


def _bare_name(name: str | None, surface: str, type_: str) -> str:
    text = name or surface or ""
    return split_title(text)[1] if type_ == "PERSON" else text.strip()


def reapply_retypes(session: Session) -> int:
    """Give the spans of active retype decisions their decided type again where a mention there
    has another (the document was extracted again); returns how many mentions changed."""
    rows = session.execute(
        select(Mention, EntityDecision.entity_type)
        .join(RetypedSpan, (RetypedSpan.document_id == Mention.document_id) & (RetypedSpan.start == Mention.start)
              & (RetypedSpan.end == Mention.end))
        .join(EntityDecision, EntityDecision.id == RetypedSpan.decision_id)
        .where(EntityDecision.withdrawn_by_id.is_(None), EntityDecision.entity_type.is_not(None),
               Mention.type != EntityDecision.entity_type)
    ).all()
    changed = 0
    for m, type_ in rows:
        taken = session.scalar(select(Mention.id).where(Mention.document_id == m.document_id, Mention.start == m.start,
                                                        Mention.end == m.end, Mention.type == type_))
        if taken is not None:
            continue
        m.type = type_
        if not m.is_pronoun:
            m.name_key = None
        changed += 1
    if changed:
        session.flush()
    return changed


def fill_name_keys(session: Session) -> int:
    """Key the mentions the extractor left unkeyed (the resolver blocks on the stored key)."""
    rows = session.execute(
        select(Mention.id, Mention.name, Mention.surface, Mention.type, Mention.is_pronoun).where(Mention.name_key.is_(None))
    ).all()
    by_key: dict[str, list[int]] = defaultdict(list)
    for mid, name, surface, type_, pronoun in rows:
        if pronoun and not name:
            continue
        key = name_key(_bare_name(name, surface, type_), NAME_KIND.get(type_, "ORG"))
        if key:
            by_key[key].append(mid)
    for key, ids in by_key.items():
        for i in range(0, len(ids), CHUNK):
            session.execute(update(Mention).where(Mention.id.in_(ids[i : i + CHUNK])).values(name_key=key))
    return sum(len(v) for v in by_key.values())


_COLUMNS = (
    Mention.id, Mention.document_id, func.coalesce(Document.root_id, Document.id), Mention.name, Mention.surface,
    Mention.name_key, Mention.type, Mention.chain, Mention.is_pronoun, Mention.entity_id,
)


def _row(t: tuple) -> MentionRow:
    mid, doc, root, name, surface, key, type_, chain, pronoun, entity = t
    bare = "" if pronoun and not name else _bare_name(name, surface, type_)
    return MentionRow(mid, doc, root, bare, key or "", type_, chain, bool(pronoun), entity)


def _select(session: Session, where) -> list[MentionRow]:
    q = select(*_COLUMNS).join(Document, Document.id == Mention.document_id).where(where).order_by(Mention.id)
    return [_row(t) for t in session.execute(q)]


def _select_in(session: Session, column, values: Iterable) -> list[MentionRow]:
    values = sorted(set(values))
    out: list[MentionRow] = []
    for i in range(0, len(values), CHUNK):
        out += _select(session, column.in_(values[i : i + CHUNK]))
    return out


def _weights(session: Session, types: Iterable[str]) -> tuple[dict[str, TokenWeights], list[str]]:
    """Token weights from every distinct stored key (an index-only scan), shared by all types
    (each keeps its own built-in table of common tokens), and the keys themselves."""
    keys = list(session.scalars(select(Mention.name_key).where(Mention.name_key.is_not(None)).distinct()))
    learnt = corpus_weights(keys, "PERSON").weights
    return {t: TokenWeights(learnt, NAME_KIND.get(t, "ORG")) for t in types}, keys


def stated_aliases(session: Session, mention_ids: Iterable[int] | None = None) -> dict[tuple[int, int], int]:
    """Pairs of mentions the text states are one (``mention_aliases``) -> the alias row id."""
    q = select(MentionAlias.mention_a_id, MentionAlias.mention_b_id, MentionAlias.id)
    if mention_ids is None:
        return {(a, b): i for a, b, i in session.execute(q)}
    ids = sorted(set(mention_ids))
    out: dict[tuple[int, int], int] = {}
    for i in range(0, len(ids), CHUNK):
        out.update({(a, b): x for a, b, x in session.execute(q.where(MentionAlias.mention_a_id.in_(ids[i : i + CHUNK])))})
    return out


def resolve_full(session: Session) -> ResolveSummary:
    summary = ResolveSummary(mode="full")
    reapply_retypes(session)
    fill_name_keys(session)
    rows = _select(session, Mention.id.is_not(None))
    summary.mentions_in_scope = len(rows)
    _, cons = decisions_mod.load(session)
    aliases = stated_aliases(session)
    ins = build_mentions(rows, rows)
    res = resolve_mentions(ins, must=cons.must, cannot=cons.cannot, aliases=list(aliases), explain=True)
    summary.stats = res.stats
    summary.add(assign(session, rows, res.labels))
    store_joins(session, res.joins, cons.must_by, aliases, pronouns={r.id for r in rows if r.is_pronoun},
                replace_all=True)
    return summary


def resolve_incremental(session: Session) -> ResolveSummary:
    if reapply_retypes(session):
        return resolve_full(session)
    fill_name_keys(session)
    decisions, cons = decisions_mod.load(session)
    ids = {m for d in decisions for m in (d.mention_a_id, d.mention_b_id) if m is not None}
    if ids:
        entity_of = {r.id: r.entity_id for r in _select_in(session, Mention.id, ids)}
        if decisions_mod.unsatisfied(decisions, entity_of):
            return resolve_full(session)
    if _aliases_unobeyed(session, decisions):
        return resolve_full(session)
    summary = ResolveSummary()
    # new mentions: unresolved, and named or chained to a name (a bare pronoun has nothing to go by)
    new = _select(session, Mention.entity_id.is_(None) & (Mention.name_key.is_not(None) | Mention.chain.is_not(None)))
    if not new:
        return summary
    weights, all_keys = _weights(session, {r.type for r in new} | set(NAME_KIND))
    # existing entities the new names block with (one blocking pass: the learnt weights are shared)
    focus = {r.key for r in new if r.key}
    cand_keys: set[str] = set(focus)
    if focus:
        for a, b in candidate_pairs(all_keys, weights["PERSON"].weight, focus=focus):
            cand_keys.update((a, b))
    entity_ids: set[int] = set()
    sorted_keys = sorted(cand_keys)
    for i in range(0, len(sorted_keys), CHUNK):
        q = select(Mention.entity_id).where(Mention.name_key.in_(sorted_keys[i : i + CHUNK]), Mention.entity_id.is_not(None)).distinct()
        entity_ids.update(session.scalars(q))
    # and everything already named in the new mentions' threads
    roots = {r.root_id for r in new}
    thread_docs = _thread_documents(session, roots)
    thread_rows = _select_in(session, Mention.document_id, thread_docs)
    entity_ids.update(r.entity_id for r in thread_rows if r.entity_id is not None)
    reps = _representatives(session, entity_ids, cons)
    rows = {r.id: r for r in [*new, *thread_rows, *reps]}
    docs = {r.document_id for r in rows.values()}
    context_rows = _select_in(session, Mention.document_id, docs)
    ins = build_mentions(sorted(rows.values(), key=lambda r: r.id), context_rows)
    must = list(cons.must)
    cannot = list(cons.cannot)
    heads: dict[int, int] = {}
    for r in sorted(rows.values(), key=lambda r: r.id):
        if r.entity_id is None:
            continue
        head = heads.setdefault(r.entity_id, r.id)
        if head != r.id:
            must.append((head, r.id))
    head_ids = list(heads.values())
    for i, a in enumerate(head_ids):
        for b in head_ids[i + 1 :]:
            cannot.append((a, b))
    summary.mentions_in_scope = len(ins)
    aliases = stated_aliases(session, rows)
    res = resolve_mentions(ins, must=must, cannot=cannot, weights=weights, aliases=list(aliases), explain=True)
    summary.stats = res.stats
    summary.add(assign(session, list(rows.values()), res.labels))
    fresh = {r.id for r in new}
    store_joins(session, [j for j in res.joins if j.a in fresh or j.b in fresh], cons.must_by, aliases,
                pronouns={r.id for r in rows.values() if r.is_pronoun})
    return summary


def _thread_documents(session: Session, roots: set[int]) -> set[int]:
    out: set[int] = set()
    ids = sorted(roots)
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        out.update(session.scalars(select(Document.id).where(Document.id.in_(part) | Document.root_id.in_(part))))
    return out


def _representatives(session: Session, entity_ids: set[int], cons: decisions_mod.Constraints) -> list[MentionRow]:
    """A few mentions per entity, with distinct names first, and every mention a decision names."""
    pinned = {m for pair in (*cons.must, *cons.cannot) for m in pair}
    out: list[MentionRow] = []
    for e in sorted(entity_ids):
        q = (select(*_COLUMNS).join(Document, Document.id == Mention.document_id)
             .where(Mention.entity_id == e).order_by(Mention.id).limit(REPRESENTATIVES * 20))
        rows = [_row(t) for t in session.execute(q)]
        picked: dict[str, MentionRow] = {}
        for r in rows:
            if r.key and r.key not in picked:
                picked[r.key] = r
        chosen = {r.id: r for r in list(picked.values())[:REPRESENTATIVES]}
        for r in rows:
            if len(chosen) >= REPRESENTATIVES:
                break
            chosen.setdefault(r.id, r)
        out += chosen.values()
    if pinned:
        out += [r for r in _select_in(session, Mention.id, pinned) if r.entity_id in entity_ids]
    return out


def _aliases_unobeyed(session: Session, decisions: list) -> bool:
    """A stated alias between mentions of two entities that no human split keeps apart (one
    stated in a document extracted again, whose mentions already had entities): only a full pass
    applies it. After a full pass none is left, so this does not repeat."""
    from sqlalchemy.orm import aliased

    ma, mb = aliased(Mention), aliased(Mention)
    pairs = set(session.execute(
        select(ma.entity_id, mb.entity_id)
        .join(MentionAlias, MentionAlias.mention_a_id == ma.id).join(mb, MentionAlias.mention_b_id == mb.id)
        .where(ma.entity_id.is_not(None), mb.entity_id.is_not(None), ma.entity_id != mb.entity_id)
    ).all())
    if not pairs:
        return False
    ids = {m for d in decisions if d.action == "split" for m in (d.mention_a_id, d.mention_b_id) if m is not None}
    entity_of = {r.id: r.entity_id for r in _select_in(session, Mention.id, ids)} if ids else {}
    kept_apart = {frozenset((entity_of.get(d.mention_a_id), entity_of.get(d.mention_b_id)))
                  for d in decisions if d.action == "split"}
    return any(frozenset(p) not in kept_apart for p in pairs)
