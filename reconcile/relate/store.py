"""Statements and links in the store: group new claims into statements, relate the statements
they touch, and write only the difference.

Incremental: a claim keeps its statement while its subject, predicate family and polarity stay
the same; only claims without one (new, or moved to another subject) are placed, and only the
statements they join, leave or start are rewritten. Conflicts and supplements are recomputed for
the subjects and predicate families of those statements; a reference's own link (to its
statement's head) only for the statements that changed.

Links keep their id and review status when the relation they stand for (a pair of statements and
a type, or a reference of a statement) is found again. A reviewer's decision outlives the
grouping: a dismissed `corroborates`/`duplicates` link keeps its two claims in two statements
(and stays, as the record of that decision), a confirmed one keeps them in one. An open link no
longer found is deleted; a reviewed one is removed with a `review_log` row saying what it was.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, case, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from store.models import Claim, ClaimLink, Document, Entity, Mention, ReviewLog, Site, Statement, utcnow

from . import statements as st
from . import tables
from .rules import Relation
from .sources import ClaimView, Origin, copies

CHUNK = 500
BATCH_SUBJECTS = 2000
"""Subjects handled at once: bounds the memory a large store needs."""
RELATE_REVIEWER = "claimline reconcile"


@dataclass
class LinkChanges:
    created: int = 0
    updated: int = 0
    removed: int = 0
    statements_created: int = 0
    statements_updated: int = 0
    statements_removed: int = 0
    claims_placed: int = 0


def _chunks(ids: list[int], size: int = CHUNK) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def load_views(session: Session, subject_ids: Iterable[int], *, claim_ids: Iterable[int] | None = None) -> list[ClaimView]:
    """What the relation rules read of every claim about these subjects, or of these claims
    (plain columns, no ORM objects: a large store has tens of thousands)."""
    by_claim = claim_ids is not None
    ids = sorted(set(claim_ids if claim_ids is not None else subject_ids))
    obj_entity = aliased(Entity)
    obj_mention = aliased(Mention)
    out: list[ClaimView] = []
    cols = (Claim.id, Claim.subject_entity_id, Claim.predicate, Claim.object_text, Claim.object_entity_id,
            Claim.edtf, Claim.earliest, Claim.latest, Claim.modality, Claim.attributed_to, Claim.document_id,
            Claim.confidence, Claim.quote, Claim.place_text, Claim.place_entity_id, Claim.statement_id,
            Claim.quote_start, Claim.claim_key, func.coalesce(Document.permalink, Document.url),
            Document.kind, Document.author_name, Document.site_id, Site.base_url, Site.name,
            obj_entity.name, obj_entity.type, obj_mention.name, obj_mention.surface, obj_mention.type,
            Claim.time_text, Document.content_hash, func.length(Document.text))
    docs: dict[int, tuple[Origin, str | None, int]] = {}
    for part in _chunks(ids):
        q = (
            select(*cols)
            .join(Document, Document.id == Claim.document_id)
            .join(Site, Site.id == Document.site_id)
            .outerjoin(obj_entity, obj_entity.id == Claim.object_entity_id)
            .outerjoin(obj_mention, obj_mention.id == Claim.object_mention_id)
            .where((Claim.id if by_claim else Claim.subject_entity_id).in_(part))
        )
        for (cid, subj, pred, obj_text, obj_eid, edtf, lo, hi, modality, attributed, doc_id, conf, quote, place,
             place_eid, stmt, q_start, ckey, doc_url, kind, author, site_id, base_url, site_name, oe_name, oe_type,
             om_name, om_surface, om_type, time_text, digest, length) in session.execute(q):
            names = tuple(dict.fromkeys(n for n in (obj_text, om_name, om_surface, oe_name) if n))
            out.append(ClaimView(
                id=cid, subject_entity_id=subj, predicate=pred, object_names=names,
                object_entity_id=obj_eid, object_type=oe_type or om_type, edtf=edtf,
                earliest=lo, latest=hi, modality=modality, attributed_to=attributed,
                document_id=doc_id, kind=kind, author=author, site_id=site_id,
                site=site_name or _host(base_url), confidence=conf, quote=quote,
                place=place, place_entity_id=place_eid, statement_id=stmt,
                order_key=(doc_url or "", q_start or 0, ckey or ""), time_text=time_text,
            ))
            if doc_id not in docs:
                docs[doc_id] = (Origin(doc_id, site_id, author, kind, doc_url or ""), digest, length or 0)
    # a copy of another document's text (two captures of one post) speaks with the first
    # capture's voice; both carry claims about the same subjects, so both are loaded here
    first = copies(docs.values())
    if first:
        out = [replace(v, copy_of=first[v.document_id]) if v.document_id in first else v for v in out]
    return out


def _host(url: str) -> str:
    return url.split("://", 1)[-1].strip("/")


def subjects_to_relate(session: Session) -> set[int]:
    """Subjects with a claim that is in no statement yet, or whose statement a reviewer has
    since split (a dismissed `corroborates`/`duplicates` link between two of its references)."""
    out = set(session.scalars(
        select(Claim.subject_entity_id).where(Claim.subject_entity_id.is_not(None), Claim.statement_id.is_(None)).distinct()
    ))
    a, b = aliased(Claim), aliased(Claim)
    out |= set(session.scalars(
        select(a.subject_entity_id)
        .join(ClaimLink, ClaimLink.a_claim_id == a.id)
        .join(b, ClaimLink.b_claim_id == b.id)
        .where(ClaimLink.status == "dismissed", ClaimLink.type.in_(st.SAME_FACT),
               a.statement_id.is_not(None), a.statement_id == b.statement_id, a.subject_entity_id.is_not(None))
        .distinct()
    ))
    return out


def due_claims(session: Session, subjects: list[int]) -> list[int]:
    """The claims of these subjects that placing and relating must read: those of each
    (subject, predicate family) that holds a claim to place (in no statement yet, in a statement
    of another subject, family or polarity, or kept from one by a reviewer's dismissal), and
    the claims of a statement such a claim leaves. The other families of a subject keep their
    statements and links untouched, so they are not read (a much-discussed person has thousands
    of claims); the database finds the claims to place, not Python."""
    fam = case(tables.FAMILY, value=Claim.predicate, else_=Claim.predicate)
    negated = Claim.modality == "negated"
    due: set[tuple[int, str]] = set()
    for part in _chunks(subjects):
        for subj, pred, s_subj, s_family in session.execute(
            select(Claim.subject_entity_id, Claim.predicate, Statement.subject_entity_id, Statement.predicate)
            .outerjoin(Statement, Statement.id == Claim.statement_id)
            .where(Claim.subject_entity_id.in_(part),
                   Statement.id.is_(None) | (Statement.subject_entity_id.is_distinct_from(Claim.subject_entity_id))
                   | (Statement.predicate != fam) | (Statement.negated != negated))
            .distinct()
        ):
            due.add((subj, tables.FAMILY.get(pred, pred)))
            if s_subj is not None and s_family is not None:
                due.add((s_subj, s_family))
        a, b = aliased(Claim), aliased(Claim)
        for subj, family in session.execute(
            select(a.subject_entity_id, Statement.predicate)
            .join(ClaimLink, ClaimLink.a_claim_id == a.id)
            .join(b, ClaimLink.b_claim_id == b.id)
            .join(Statement, Statement.id == a.statement_id)
            .where(ClaimLink.status == "dismissed", ClaimLink.type.in_(st.SAME_FACT),
                   a.statement_id == b.statement_id, a.subject_entity_id.in_(part))
        ):
            due.add((subj, family))
    predicates: dict[str, set[str]] = defaultdict(set)
    for pred, family in tables.FAMILY.items():
        predicates[family].add(pred)
    by_family: dict[str, set[int]] = defaultdict(set)
    for subj, family in due:
        by_family[family].add(subj)
    out: set[int] = set()
    for family, who in sorted(by_family.items()):
        preds = sorted(predicates.get(family, set()) | {family})
        for part in _chunks(sorted(who)):
            out.update(session.scalars(select(Claim.id).where(Claim.subject_entity_id.in_(part), Claim.predicate.in_(preds))))
            # claims still in a statement of a due group (a claim that moved leaves one behind)
            out.update(session.scalars(
                select(Claim.id).join(Statement, Statement.id == Claim.statement_id)
                .where(Statement.subject_entity_id.in_(part), Statement.predicate == family)))
    return sorted(out)


def sync_links(session: Session, subject_ids: Iterable[int], *, regroup: bool = False) -> LinkChanges:
    """Place these subjects' claims in statements and store the links among them.

    ``regroup`` (what `reconcile --full` does): every claim of these subjects is grouped again
    from scratch and every relation among them recomputed with today's rules, so statements and
    links made by older relation code are brought up to date. A statement keeps its id when its
    first claim still heads one; links keep their ids and review status as always."""
    subjects = set(subject_ids)
    # a claim whose subject is gone leaves its statement
    session.execute(update(Claim).where(Claim.subject_entity_id.is_(None), Claim.statement_id.is_not(None))
                    .values(statement_id=None))
    # a claim that moved to another subject: its old statement's subject is redone with it
    for part in _chunks(sorted(subjects)):
        subjects |= {s for s in session.scalars(
            select(Statement.subject_entity_id).join(Claim, Claim.statement_id == Statement.id)
            .where(Claim.subject_entity_id.in_(part), Statement.subject_entity_id.is_not(None),
                   Statement.subject_entity_id != Claim.subject_entity_id).distinct()) if s is not None}
    changes = LinkChanges()
    for batch in _chunks(sorted(subjects), BATCH_SUBJECTS):
        _sync_batch(session, batch, changes, regroup)
    empty = list(session.scalars(
        select(Statement.id).where(~select(Claim.id).where(Claim.statement_id == Statement.id).exists())))
    for part in _chunks(empty):
        session.execute(delete(Statement).where(Statement.id.in_(part)))
    changes.statements_removed += len(empty)
    session.flush()
    return changes


def _load_links(session: Session, claim_ids: Iterable[int], among: set[int], *, where: Any = None,
                out: dict[int, ClaimLink] | None = None) -> dict[int, ClaimLink]:
    """The links (matching `where`) from one of these claims to one `among` them (one query per
    side: each uses its index)."""
    ids = sorted(set(claim_ids))
    out = {} if out is None else out
    for column, other in ((ClaimLink.a_claim_id, "b_claim_id"), (ClaimLink.b_claim_id, "a_claim_id")):
        for part in _chunks(ids):
            q = select(ClaimLink).where(column.in_(part))
            for link in session.scalars(q if where is None else q.where(where)):
                if getattr(link, other) in among:
                    out[link.id] = link
    return out


def _sync_batch(session: Session, subjects: list[int], changes: LinkChanges, regroup: bool = False) -> None:
    if regroup:
        views = load_views(session, subjects)
    else:
        claim_ids = due_claims(session, subjects)
        if not claim_ids:
            return
        views = load_views(session, subjects, claim_ids=claim_ids)
    by_claim = {v.id: v for v in views}
    stored: dict[int, Statement] = {}
    for part in _chunks(sorted({v.statement_id for v in views if v.statement_id is not None})):
        for s in session.scalars(select(Statement).where(Statement.id.in_(part))):
            stored[s.id] = s
    # reviewed links first: their decisions bind the grouping; the others once it is known
    links = _load_links(session, by_claim, set(by_claim), where=ClaimLink.status != "open")

    cannot: dict[int, set[int]] = defaultdict(set)
    must: dict[int, set[int]] = defaultdict(set)
    for link in links.values():
        if link.type in st.SAME_FACT and link.status != "open":
            target = cannot if link.status == "dismissed" else must
            target[link.a_claim_id].add(link.b_claim_id)
            target[link.b_claim_id].add(link.a_claim_id)

    grouper = st.Grouper(cannot, must)
    drafts = {sid: st.Draft(sid, s.subject_entity_id or 0, s.predicate, s.negated) for sid, s in stored.items()}
    pending: list[ClaimView] = []
    for v in sorted(views, key=lambda v: (v.order_key, v.id)):
        d = drafts.get(v.statement_id) if v.statement_id is not None else None
        banned = cannot.get(v.id)
        if not regroup and d is not None and d.subject == v.subject_entity_id and d.family == st.family(v) \
                and d.negated == st.negated(v) and not (banned and any(r.id in banned for r in d.refs)):
            d.refs.append(v)
        else:
            pending.append(v)
            if d is not None:
                d.changed = True  # it loses a reference
    for d in drafts.values():
        grouper.add_stored(d)
    for v in pending:
        grouper.place(v)
    changes.claims_placed += len(pending)

    if regroup:  # a statement keeps its id when its first claim still heads one
        free = {sid for sid, d in drafts.items() if not d.refs}
        for d in [d for d in grouper.drafts.values() if d.id < 0 and d.refs]:
            old_id = by_claim[d.head.id].statement_id
            if old_id in free:
                free.discard(old_id)
                del grouper.drafts[d.id]
                d.id = old_id
                grouper.drafts[old_id] = d
                for r in d.refs:
                    grouper.of_claim[r.id] = old_id

    # statements: insert the new, rewrite the changed
    new = [d for d in grouper.drafts.values() if d.id < 0 and d.refs]
    if new:
        # one executemany, then the ids by head claim (a claim heads one new statement at most);
        # much faster than RETURNING in parameter order, which SQLite does a row at a time
        before = session.scalar(select(func.max(Statement.id))) or 0
        now = utcnow()
        session.execute(insert(Statement), [{**_statement_row(d), "created_at": now, "updated_at": now} for d in new])
        by_head: dict[int, int] = {}
        for part in _chunks([d.head.id for d in new]):
            for head, sid in session.execute(
                    select(Statement.head_claim_id, Statement.id).where(Statement.id > before, Statement.head_claim_id.in_(part))):
                by_head[head] = sid
        ids = [by_head[d.head.id] for d in new]
        for d, sid in zip(new, ids, strict=True):
            del grouper.drafts[d.id]
            d.id = sid
            grouper.drafts[sid] = d
            for r in d.refs:
                grouper.of_claim[r.id] = sid
        changes.statements_created += len(new)
    touched = [d for d in grouper.drafts.values() if d.changed]
    rewrite = []
    for d in touched:
        if d.id > 0 and d.refs and d.id in stored:
            row = _statement_row(d)
            s = stored[d.id]
            if any(getattr(s, k) != v for k, v in row.items()):
                rewrite.append({"id": d.id, **row, "updated_at": utcnow()})
    if rewrite:
        session.execute(update(Statement), rewrite)
        changes.statements_updated += len(rewrite)
    moved = [{"cid": v.id, "sid": grouper.of_claim[v.id]} for v in views if grouper.of_claim.get(v.id) != v.statement_id]
    if moved:  # Core executemany: the ORM's bulk update costs more than the update itself
        claims = Claim.__table__
        session.connection().execute(
            update(claims).where(claims.c.id == bindparam("cid")).values(statement_id=bindparam("sid")), moved)
    session.flush()

    _sync_batch_links(session, grouper, touched, links, by_claim, changes)


def _statement_row(d: st.Draft) -> dict:
    rep = d.rep
    lo, hi = d.span
    return {
        "subject_entity_id": d.subject, "predicate": d.family, "negated": d.negated, "head_claim_id": d.head.id,
        "edtf": rep.edtf, "earliest": lo, "latest": hi, "reference_count": len(d.refs), "source_count": len(d.sources),
    }


def _sync_batch_links(session: Session, grouper: st.Grouper, touched: list[st.Draft], links: dict[int, ClaimLink],
                      by_claim: dict[int, ClaimView], changes: LinkChanges) -> None:
    groups = grouper.groups()
    touched_groups = {(d.subject, d.family) for d in touched}
    touched_ids = {d.id for d in touched if d.refs}
    # the links that can change: conflicts and supplements within the touched groups, a
    # reference's link within the touched statements (and any a reviewer decided, loaded before)
    loaded = set(by_claim)
    in_groups = {r.id for g in touched_groups for d in groups.get(g, []) for r in d.refs}
    _load_links(session, in_groups, loaded, where=ClaimLink.type.not_in(st.SAME_FACT), out=links)
    in_statements = {r.id for sid in touched_ids for r in grouper.drafts[sid].refs}
    in_statements |= {cid for cid in by_claim if cid not in grouper.of_claim or grouper.of_claim[cid] in touched_ids}
    _load_links(session, in_statements, loaded, where=ClaimLink.type.in_(st.SAME_FACT), out=links)
    # what should exist
    wanted: dict[tuple, tuple[Relation, int, int, int, int]] = {}  # key -> (relation, a claim, b claim, a stmt, b stmt)
    for g in touched_groups:
        for key, sr in st.relate_group(groups.get(g, [])).items():
            wanted[key] = (sr.relation, sr.a_claim, sr.b_claim, sr.a, sr.b)
    for sid in touched_ids:
        d = grouper.drafts[sid]
        head = d.head
        for r in d.refs:
            if r.id != head.id:
                rel = st.reference_relation(r, d)
                wanted[("ref", r.id, rel.type)] = (rel, r.id, head.id, sid, sid)

    def group_of(sid: int | None) -> tuple[int, str] | None:
        d = grouper.drafts.get(sid) if sid is not None else None
        return (d.subject, d.family) if d is not None and d.refs else None

    candidates: list[tuple[ClaimLink, tuple | None]] = []
    for link in links.values():
        sa, sb = grouper.of_claim.get(link.a_claim_id), grouper.of_claim.get(link.b_claim_id)
        key: tuple | None
        if link.type in st.SAME_FACT:
            if sa is not None and sa == sb:
                if sa not in touched_ids:
                    continue  # its statement did not change
                head = grouper.drafts[sa].head.id
                key = ("ref", link.a_claim_id if link.b_claim_id == head else link.b_claim_id, link.type) \
                    if head in (link.a_claim_id, link.b_claim_id) else None
            else:
                key = None
        else:
            ga, gb = group_of(sa), group_of(sb)
            if ga is not None and gb is not None and ga not in touched_groups and gb not in touched_groups:
                continue
            key = (min(sa, sb), max(sa, sb), link.type) if sa is not None and sb is not None and sa != sb else None
        candidates.append((link, key))
    candidates.sort(key=lambda item: (item[0].status == "open", item[0].id))
    taken: set[tuple] = set()
    keep: list[tuple[ClaimLink, tuple]] = []
    for link, key in candidates:
        if key is not None and key in wanted and key not in taken:
            taken.add(key)
            keep.append((link, key))
            continue
        sa, sb = grouper.of_claim.get(link.a_claim_id), grouper.of_claim.get(link.b_claim_id)
        decision = link.type in st.SAME_FACT and (link.status == "dismissed" or (link.status == "confirmed" and sa == sb and sa is not None))
        if link.status != "open" and (decision or (key is not None and key in wanted)):
            # a reviewer's decision stays as its record (and, for the same fact, as a constraint)
            if (link.a_statement_id, link.b_statement_id) != (sa, sb):
                link.a_statement_id, link.b_statement_id = sa, sb
            continue
        retire(session, link, "no longer found among the statements of its subject")
        changes.removed += 1
    for link, key in keep:
        rel, ca, cb, sa, sb = wanted[key]
        refs_a = {r.id for r in grouper.drafts[sa].refs}
        refs_b = {r.id for r in grouper.drafts[sb].refs}
        if link.status != "open" and (link.a_claim_id in refs_a | refs_b) and (link.b_claim_id in refs_a | refs_b):
            ca, cb = link.a_claim_id, link.b_claim_id  # a reviewed link keeps the claims it was decided on
        a_claim, b_claim = min(ca, cb), max(ca, cb)
        a_st = grouper.of_claim[a_claim]
        b_st = grouper.of_claim[b_claim]
        new = (a_claim, b_claim, a_st, b_st, round(rel.score, 6), rel.reason)
        old = (link.a_claim_id, link.b_claim_id, link.a_statement_id, link.b_statement_id, round(link.score, 6), link.reason)
        if new != old:
            link.a_claim_id, link.b_claim_id, link.a_statement_id, link.b_statement_id = a_claim, b_claim, a_st, b_st
            link.score, link.reason = rel.score, rel.reason
            changes.updated += 1
    session.flush()
    rows = []
    for key, (rel, ca, cb, _sa, _sb) in wanted.items():
        if key in taken:
            continue
        a_claim, b_claim = min(ca, cb), max(ca, cb)
        rows.append({"a_claim_id": a_claim, "b_claim_id": b_claim, "a_statement_id": grouper.of_claim[a_claim],
                     "b_statement_id": grouper.of_claim[b_claim], "type": rel.type, "score": rel.score,
                     "reason": rel.reason, "status": "open"})
    if rows:
        now = utcnow()
        for row in rows:
            row["created_at"] = row["updated_at"] = now
        session.connection().execute(insert(ClaimLink.__table__), rows)
        changes.created += len(rows)
    session.flush()


def retire(session: Session, link: ClaimLink, why: str) -> None:
    """Delete a link; a reviewed one leaves a review_log row saying what it was."""
    if link.status != "open":
        session.add(ReviewLog(
            link_id=link.id, action="retired", previous_status=link.status, new_status=None,
            reviewer=RELATE_REVIEWER, at=utcnow(),
            note=f"{link.type} link {link.a_claim_id}-{link.b_claim_id} ({link.reason}) {why}; "
                 f"reviewed {link.status} by {link.reviewer or '?'}" + (f": {link.note}" if link.note else ""),
        ))
        session.flush()
    session.execute(delete(ClaimLink).where(ClaimLink.id == link.id))
    if link in session:
        session.expunge(link)


__all__ = ["LinkChanges", "load_views", "retire", "subjects_to_relate", "sync_links"]
