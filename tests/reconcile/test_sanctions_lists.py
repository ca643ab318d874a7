"""Sanctions lists as sources (issue 14, item 4): `claimline ingest` reads the UN consolidated
XML, OFAC's SDN CSV (sdn + alt + comments) and FollowTheMoney JSON; each listed person or group
becomes an entity whose aliases are must-links, its births and designations claims of a source
of kind `authority`; a newer list updates, never duplicates; a list's birth year meets a blog's."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from cli.main import cli
from reconcile.sources.sanctions import ofac_birth, read_ftm, read_ofac, read_un
from reconcile.stage import run_reconcile
from store.engine import session_scope
from store.models import Claim, ClaimLink, Document, Mention, MentionAlias

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS>
<INDIVIDUAL><FIRST_NAME>ABDUL GHANI</FIRST_NAME><SECOND_NAME>BARADAR</SECOND_NAME>
<REFERENCE_NUMBER>TAi.024</REFERENCE_NUMBER><LISTED_ON>2001-02-23</LISTED_ON>
<COMMENTS1>Senior Taliban military commander.</COMMENTS1>
<DESIGNATION><VALUE>Deputy Minister of Defence under the Taliban regime</VALUE></DESIGNATION>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Mullah Baradar Akhund</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Haji Mudir Sahib</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>{year}</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_PLACE_OF_BIRTH><CITY>Yatimak village</CITY><COUNTRY>Afghanistan</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
</INDIVIDUAL>
<INDIVIDUAL><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
<LISTED_ON>2012-12-31</LISTED_ON><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1971</FROM_YEAR>
<TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>
</INDIVIDUALS><ENTITIES><ENTITY><FIRST_NAME>HAQQANI NETWORK</FIRST_NAME><REFERENCE_NUMBER>TAe.012</REFERENCE_NUMBER>
<LISTED_ON>2012-11-05</LISTED_ON><ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>HQN</ALIAS_NAME></ENTITY_ALIAS></ENTITY>
</ENTITIES></CONSOLIDATED_LIST>
"""

BLOG = """Taliban deputy leader freed

Posted on October 25, 2018 by Analyst

Abdul Ghani Baradar was born in 1968 in Uruzgan, Interpol says.
"""


def _write_un(folder: Path, year: int = 1968) -> Path:
    path = folder / "UN_consolidated.xml"
    path.write_text(UN_XML.replace("{year}", str(year)), encoding="utf-8")
    return path


def _write_ofac(folder: Path) -> Path:
    (folder / "sdn.csv").write_text(
        '2674,"HAQQANI, Sirajuddin","individual","SDGT","Leader of HAQQANI NETWORK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"DOB circa 1977; alt. DOB 1978; POB Danda, Miramshah, Pakistan"\n'
        '9999,"SOME VESSEL","vessel","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
        '3000,"AL RASHID TRUST","-0- ","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website www.example.org; "\n\x1a',
        encoding="latin-1")
    (folder / "alt.csv").write_text('2674,1,"aka","HAQANI, Siraj",-0- \n2674,2,"fka","KHALIFA",-0- \n', encoding="latin-1")
    (folder / "sdn_comments.csv").write_text('3000,"Branch in Kabul."\n', encoding="latin-1")
    return folder / "sdn.csv"


def test_read_un_entries(tmp_path: Path) -> None:
    entries = {e.ref: e for e in read_un(_write_un(tmp_path))}
    b = entries["TAi.024"]
    assert (b.type, b.name, b.listed_on) == ("PERSON", "ABDUL GHANI BARADAR", date(2001, 2, 23))
    assert b.aliases == [("Mullah Baradar Akhund", "alias (Good)"), ("Haji Mudir Sahib", "alias (Low)")]
    assert [(x.edtf, x.earliest, x.latest) for x in b.births] == [("1968~", date(1968, 1, 1), date(1968, 12, 31))]
    assert b.birth_places == ["Yatimak village, Afghanistan"]
    assert b.designations == ["Deputy Minister of Defence under the Taliban regime"]
    assert entries["CDi.001"].births[0].edtf == "[1971..1972]"
    assert (entries["TAe.012"].type, entries["TAe.012"].aliases) == ("ORG", [("HQN", "alias (a.k.a.)")])


def test_read_ofac_with_aliases_and_comments(tmp_path: Path) -> None:
    entries = {e.ref: e for e in read_ofac(_write_ofac(tmp_path))}
    assert set(entries) == {"2674", "3000"}  # the vessel is not a person or a group
    s = entries["2674"]
    assert s.name == "Sirajuddin HAQQANI" and s.aliases == [("Siraj HAQANI", "a.k.a."), ("KHALIFA", "f.k.a.")]
    assert [b.edtf for b in s.births] == ["1977~", "1978"] and s.birth_places == ["Danda, Miramshah, Pakistan"]
    assert s.designations == ["Leader of HAQQANI NETWORK"]
    assert entries["3000"].type == "ORG" and entries["3000"].remarks.endswith("Branch in Kabul.")


@pytest.mark.parametrize(("text", "edtf"), [
    ("10 Dec 1948", "1948-12-10"), ("1977", "1977"), ("circa 1968", "1968~"), ("1962 to 1963", "[1962..1963]"),
    ("Dec 1960", "1960-12"), ("sometime", None),
])
def test_ofac_births(text: str, edtf: str | None) -> None:
    b = ofac_birth(text)
    assert (b.edtf if b else None) == edtf


def test_read_ftm(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    rows = [
        {"id": "NK-1", "schema": "Person", "datasets": ["un_sc_sanctions"], "first_seen": "2019-01-01T00:00:00",
         "properties": {"name": ["Abdul Ghani Baradar"], "alias": ["Mullah Baradar"], "birthDate": ["1968"],
                        "birthPlace": ["Uruzgan"], "position": ["Deputy Minister of Defence"]}},
        {"id": "NK-2", "schema": "Organization", "datasets": ["us_ofac_sdn"], "properties": {"name": ["Haqqani Network"]}},
        {"id": "NK-3", "schema": "Address", "properties": {"full": ["Kabul"]}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    entries = {e.ref: e for e in read_ftm(path)}
    assert set(entries) == {"NK-1", "NK-2"}
    e = entries["NK-1"]
    assert (e.name, e.aliases, [b.edtf for b in e.births], e.birth_places, e.designations) == (
        "Abdul Ghani Baradar", [("Mullah Baradar", "alias")], ["1968"], ["Uruzgan"], ["Deputy Minister of Defence"])
    assert entries["NK-2"].type == "ORG"


def _cli(db_url: str, *args: str) -> str:
    res = CliRunner().invoke(cli, ["--db", db_url, "-q", *args])
    assert res.exit_code == 0, res.output
    return res.output


def _baradar(engine: Engine) -> int:
    with session_scope(engine) as s:
        return s.scalars(select(Mention.entity_id).where(Mention.surface == "ABDUL GHANI BARADAR")).one()


def test_a_list_becomes_entities_with_aliases_and_authority_claims(tmp_path: Path, db_url: str, engine: Engine) -> None:
    un = _write_un(tmp_path)
    _write_ofac(tmp_path)
    out = _cli(db_url, "ingest", str(un), str(tmp_path / "sdn.csv"))
    assert "entries: 5 new" in out
    _cli(db_url, "extract")
    _cli(db_url, "reconcile")
    eid = _baradar(engine)
    with session_scope(engine) as s:
        names = set(s.scalars(select(Mention.surface).where(Mention.entity_id == eid)))
        assert {"Mullah Baradar Akhund", "Haji Mudir Sahib"} <= names  # a nom de guerre joins by the list's word
        assert s.scalar(select(func.count(MentionAlias.id))) == 5
        claims = s.scalars(select(Claim).where(Claim.subject_entity_id == eid)).all()
        assert {(c.predicate, c.edtf) for c in claims} == {("born", "1968~"), ("position_held", None)}
        assert all(c.attributed_to == "UN Security Council Consolidated List TAi.024" for c in claims)
        doc = s.get(Document, claims[0].document_id)
        assert doc.kind == "authority" and doc.url.endswith("#TAi.024") and "Deputy Minister of Defence" in doc.text
    shown = json.loads(_cli(db_url, "entities", "show", str(eid), "--json"))
    assert any(e["kind"] == "alias" and "Haji Mudir Sahib" in e["alias"]["quote"] for e in shown["evidence"])


def test_a_newer_list_updates_never_duplicates(tmp_path: Path, db_url: str, engine: Engine) -> None:
    un = _write_un(tmp_path)
    _cli(db_url, "ingest", str(un))
    assert "entries: 0 new, 0 updated, 3 unchanged" in _cli(db_url, "ingest", str(un))
    _write_un(tmp_path, year=1966)
    assert "entries: 0 new, 1 updated, 2 unchanged" in _cli(db_url, "ingest", str(un))
    with session_scope(engine) as s:
        assert s.scalar(select(func.count(Document.id))) == 3
        assert set(s.scalars(select(Claim.edtf).where(Claim.predicate == "born", Claim.edtf.like("196%")))) == {"1966~"}


def test_the_lists_birth_year_meets_a_blogs(tmp_path: Path, db_url: str, engine: Engine) -> None:
    (tmp_path / "blog.txt").write_text(BLOG, encoding="utf-8")
    _cli(db_url, "ingest", str(tmp_path / "blog.txt"))
    _cli(db_url, "ingest", str(_write_un(tmp_path, year=1966)))
    _cli(db_url, "extract")
    _cli(db_url, "reconcile")
    eid = _baradar(engine)
    with session_scope(engine) as s:
        born = {c.id: c for c in s.scalars(select(Claim).where(Claim.subject_entity_id == eid, Claim.predicate == "born"))}
        kinds = {s.get(Document, c.document_id).kind for c in born.values()}
        assert kinds == {"authority", "post"}, [(c.quote, c.edtf) for c in born.values()]
        links = s.scalars(select(ClaimLink).where(ClaimLink.a_claim_id.in_(born), ClaimLink.b_claim_id.in_(born))).all()
        assert [link.type for link in links] == ["conflicts"]


def test_a_broken_list_is_named_and_the_rest_goes_on(tmp_path: Path, db_url: str) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "UN_consolidated.xml").write_text("<CONSOLIDATED_LIST><INDIVIDUALS><INDIV", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--db", db_url, "-q", "ingest", str(bad / "UN_consolidated.xml"), str(_write_un(tmp_path))])
    assert res.exit_code == 1
    assert "bad/UN_consolidated.xml" in res.output and "entries: 3 new" in res.output


def test_the_timeline_shows_the_lists_claims_as_sources_beside_the_blogs(tmp_path: Path, db_url: str, engine: Engine) -> None:
    """issue 14: with a list ingested beside a blog, `export timeline` gives the man's birth from
    both, each with its own source (the list entry, kind authority, with its reference; the post),
    and the disagreement between them."""
    (tmp_path / "blog.txt").write_text(BLOG, encoding="utf-8")
    _cli(db_url, "ingest", str(tmp_path / "blog.txt"))
    _cli(db_url, "ingest", str(_write_un(tmp_path, year=1966)))
    _cli(db_url, "extract")
    _cli(db_url, "reconcile")
    eid = _baradar(engine)
    data = json.loads(_cli(db_url, "export", "timeline", "--entity", str(eid), "--format", "json"))
    [entity] = [e for e in data["entities"] if e["id"] == eid]
    born = [ev for ev in entity["events"] if ev["predicate"] == "born"]
    sources = {(src["kind"], ev["when"]["edtf"]) for ev in born for src in ev["sources"]}
    assert ("authority", "1966~") in sources and ("post", "1968") in sources, sources
    listed = next(src for ev in born for src in ev["sources"] if src["kind"] == "authority")
    assert "TAi.024" in (listed["attributed_to"] or "") + listed["url"]
    assert any(link["type"] == "conflicts" for ev in born for link in ev["links"])
    md = _cli(db_url, "export", "timeline", "--entity", str(eid), "--format", "md")
    assert "TAi.024" in md and "born" in md
    # the list entry is the source, not "a authority" quoting it; "about 1966" is not precise
    conflict = next(line for line in md.splitlines() if "conflicts claim" in line)
    assert "(UN Security Council Consolidated List TAi.024)" in conflict and "a authority" not in md, conflict
    assert "approximate" in conflict and "both precise" not in conflict, conflict
