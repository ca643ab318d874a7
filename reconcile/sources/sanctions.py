"""Sanctions lists read into plain records: the UN Security Council consolidated list (XML),
OFAC's SDN list (legacy CSV: sdn.csv with alt.csv and sdn_comments.csv beside it) and
FollowTheMoney entities (JSON lines, the format OpenSanctions publishes; read with the
`followthemoney` package).

Each listed person or group is a :class:`ListedEntry`: its listed name, its aliases (with the
list's own word for them), dates and places of birth, designations (offices the list says it
held) and the list's reference number and dates. :mod:`reconcile.sources.authority` stores them.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

UN_LIST = "UN Security Council Consolidated List"
UN_URL = "https://scsanctions.un.org/consolidated/"
OFAC_LIST = "OFAC SDN List"
OFAC_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
EMPTY = "-0-"


class ListError(ValueError):
    """A list file that cannot be read (named with the reason)."""


@dataclass(frozen=True)
class Birth:
    edtf: str
    earliest: date | None
    latest: date | None
    text: str


@dataclass
class ListedEntry:
    list_name: str
    list_url: str
    ref: str
    type: str
    """PERSON or ORG"""
    name: str
    aliases: list[tuple[str, str]] = field(default_factory=list)
    """(alias, the list's word for it: "alias (Good)", "a.k.a.", "f.k.a.", ...)"""
    births: list[Birth] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    designations: list[str] = field(default_factory=list)
    listed_on: date | None = None
    list_date: datetime | None = None
    remarks: str | None = None


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _year_bounds(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def birth_from_parts(year: str | None = None, exact: str | None = None, approx: bool = False,
                     from_year: str | None = None, to_year: str | None = None, text: str = "") -> Birth | None:
    """EDTF and bounds for a listed date of birth: an exact date, a year (perhaps approximate),
    or a span of years the birth lies in ("[1973..1974]": one event, some time in those years)."""
    if exact:
        try:
            d = date.fromisoformat(exact[:10])
        except ValueError:
            return None
        return Birth(d.isoformat() + ("~" if approx else ""), d, d, text or d.isoformat())
    if from_year and to_year and from_year.isdigit() and to_year.isdigit():
        a, b = int(from_year), int(to_year)
        return Birth(f"[{a}..{b}]", date(a, 1, 1), date(b, 12, 31), text or f"between {a} and {b}")
    if year and year.isdigit():
        lo, hi = _year_bounds(int(year))
        return Birth(year + ("~" if approx else ""), lo, hi, text or (("about " if approx else "") + year))
    return None


_OFAC_DOB = re.compile(
    r"^(?P<circa>circa\s+)?(?:(?P<day>\d{1,2})\s+)?(?:(?P<mon>[A-Za-z]{3})\s+)?(?P<year>\d{4})"
    r"(?:\s+to\s+(?P<to>\d{4}))?$"
)


def ofac_birth(text: str) -> Birth | None:
    """"10 Dec 1948", "1977", "circa 1968", "1962 to 1963", "Dec 1960" as EDTF."""
    m = _OFAC_DOB.match(text.strip())
    if not m:
        return None
    approx = bool(m["circa"])
    if m["to"]:
        return birth_from_parts(from_year=m["year"], to_year=m["to"], text=text)
    month = _MONTHS.get((m["mon"] or "").lower()[:3])
    if m["day"] and month:
        try:
            return birth_from_parts(exact=date(int(m["year"]), month, int(m["day"])).isoformat(), approx=approx, text=text)
        except ValueError:
            return None
    if month:
        y = int(m["year"])
        last = (date(y + (month == 12), month % 12 + 1, 1) - date.resolution)
        return Birth(f"{y}-{month:02d}" + ("~" if approx else ""), date(y, month, 1), last, text)
    return birth_from_parts(year=m["year"], approx=approx, text=text)


# --- UN ---------------------------------------------------------------------------------------

_UN_NAMES = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _un_name(el: etree._Element) -> str:
    return _clean(" ".join((el.findtext(f) or "") for f in _UN_NAMES))


def read_un(path: Path) -> Iterator[ListedEntry]:
    try:
        tree = etree.parse(str(path))
    except (etree.XMLSyntaxError, OSError) as exc:
        raise ListError(f"{path}: not a readable UN consolidated list ({exc})") from exc
    root = tree.getroot()
    generated = root.get("dateGenerated")
    list_date = None
    if generated:
        try:
            list_date = datetime.fromisoformat(generated.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            list_date = None
    for el, type_, alias_tag in [(e, "PERSON", "INDIVIDUAL_ALIAS") for e in root.iterfind(".//INDIVIDUAL")] + \
                                [(e, "ORG", "ENTITY_ALIAS") for e in root.iterfind(".//ENTITY")]:
        ref = _clean(el.findtext("REFERENCE_NUMBER"))
        name = _un_name(el)
        if not ref or not name:
            continue
        entry = ListedEntry(UN_LIST, UN_URL, ref, type_, name, list_date=list_date,
                            remarks=_clean(el.findtext("COMMENTS1")) or None)
        listed = _clean(el.findtext("LISTED_ON"))
        try:
            entry.listed_on = date.fromisoformat(listed) if listed else None
        except ValueError:
            entry.listed_on = None
        for a in el.iterfind(alias_tag):
            alias = _clean(a.findtext("ALIAS_NAME"))
            if alias and alias.casefold() != name.casefold():
                quality = _clean(a.findtext("QUALITY"))
                entry.aliases.append((alias, f"alias ({quality})" if quality else "alias"))
        for d in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            kind = _clean(d.findtext("TYPE_OF_DATE"))
            b = birth_from_parts(year=_clean(d.findtext("YEAR")), exact=_clean(d.findtext("DATE")) or None,
                                 approx=kind == "APPROXIMATELY", from_year=_clean(d.findtext("FROM_YEAR")),
                                 to_year=_clean(d.findtext("TO_YEAR")))
            if b is not None:
                entry.births.append(b)
        for p in el.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
            place = ", ".join(x for x in (_clean(p.findtext(t)) for t in ("CITY", "STATE_PROVINCE", "COUNTRY")) if x)
            if place:
                entry.birth_places.append(place)
        entry.designations = [v for v in (_clean(x.text) for x in el.iterfind("DESIGNATION/VALUE")) if v]
        yield entry


# --- OFAC -------------------------------------------------------------------------------------


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if row and row[0].strip().strip("\x1a"):
                yield [c.strip() for c in row]


def _given_first(name: str) -> str:
    surname, sep, given = name.partition(",")
    return _clean(f"{given} {surname}") if sep and given.strip() else _clean(name)


def _field(v: str) -> str:
    return "" if v.strip() == EMPTY else v.strip()


def read_ofac(sdn: Path) -> Iterator[ListedEntry]:
    """sdn.csv, with alt.csv (aliases) and sdn_comments.csv (remarks that overflow) when beside it."""
    folder = sdn.parent
    comments: dict[str, str] = {}
    if (folder / "sdn_comments.csv").exists():
        for row in _rows(folder / "sdn_comments.csv"):
            if len(row) > 1:
                comments[row[0]] = comments.get(row[0], "") + row[1]
    alts: dict[str, list[tuple[str, str]]] = {}
    if (folder / "alt.csv").exists():
        for row in _rows(folder / "alt.csv"):
            if len(row) > 3 and _field(row[3]):
                kind = {"aka": "a.k.a.", "fka": "f.k.a.", "nka": "n.k.a."}.get(_field(row[2]).lower().replace(".", ""), "a.k.a.")
                alts.setdefault(row[0], []).append((_given_first(row[3]), kind))
    try:
        rows = list(_rows(sdn))
    except (OSError, csv.Error) as exc:
        raise ListError(f"{sdn}: not a readable OFAC SDN file ({exc})") from exc
    for row in rows:
        if len(row) < 12 or not row[0].isdigit():
            continue
        sdn_type = _field(row[2]).lower()
        if sdn_type not in ("individual", ""):
            continue  # vessels and aircraft are not people or groups
        ref, name = row[0], _given_first(row[1])
        remarks = _field(row[11]) + comments.get(row[0], "")
        entry = ListedEntry(OFAC_LIST, OFAC_URL, ref, "PERSON" if sdn_type == "individual" else "ORG", name,
                            remarks=remarks or None)
        entry.aliases = [(a, k) for a, k in alts.get(ref, []) if a.casefold() != name.casefold()]
        if _field(row[4]):
            entry.designations.append(_field(row[4]))
        for part in (p.strip() for p in remarks.split(";")):
            m = re.match(r"^(?:alt\.\s+)?DOB\s+(.+)$", part)
            if m:
                b = ofac_birth(m.group(1))
                if b is not None:
                    entry.births.append(b)
                continue
            m = re.match(r"^(?:alt\.\s+)?POB\s+(.+)$", part)
            if m:
                entry.birth_places.append(_clean(m.group(1)))
        yield entry


# --- FollowTheMoney ---------------------------------------------------------------------------

FTM_PEOPLE = {"Person": "PERSON"}
FTM_GROUPS = {"Organization": "ORG", "LegalEntity": "ORG", "Company": "ORG", "PublicBody": "ORG"}


def read_ftm(path: Path) -> Iterator[ListedEntry]:
    """FollowTheMoney entities, one JSON object a line (or one JSON array): people and groups,
    their names and aliases, birth dates and places, positions and notes."""
    from followthemoney import model

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ListError(f"{path}: not readable ({exc})") from exc
    stripped = raw.lstrip()
    records = json.loads(stripped) if stripped.startswith("[") else [json.loads(x) for x in raw.splitlines() if x.strip()]
    for data in records:
        schema = data.get("schema")
        type_ = FTM_PEOPLE.get(schema) or FTM_GROUPS.get(schema)
        if type_ is None:
            continue
        proxy = model.get_proxy(data, cleaned=False)
        names = proxy.get("name")
        if not names or not proxy.id:
            continue
        dataset = ", ".join(data.get("datasets") or []) or "FollowTheMoney"
        entry = ListedEntry(dataset, f"followthemoney:{path.name}#", proxy.id, type_, _clean(names[0]))
        for n in names[1:]:
            entry.aliases.append((_clean(n), "name"))
        for prop, word in (("alias", "alias"), ("weakAlias", "weak alias"), ("previousName", "f.k.a.")):
            if prop in proxy.schema.properties:
                entry.aliases += [(_clean(a), word) for a in proxy.get(prop)]
        if "birthDate" in proxy.schema.properties:
            for d in proxy.get("birthDate"):
                parts = d.split("-")
                b = birth_from_parts(exact=d) if len(parts) == 3 else birth_from_parts(year=parts[0])
                if b is not None:
                    entry.births.append(b)
        if "birthPlace" in proxy.schema.properties:
            entry.birth_places = [_clean(p) for p in proxy.get("birthPlace")]
        if "position" in proxy.schema.properties:
            entry.designations = [_clean(p) for p in proxy.get("position")]
        notes = [_clean(n) for n in proxy.get("notes")] if "notes" in proxy.schema.properties else []
        entry.remarks = " ".join(notes) or None
        first = data.get("first_seen") or data.get("last_change")
        if first:
            try:
                entry.listed_on = date.fromisoformat(first[:10])
            except ValueError:
                pass
        entry.aliases = [(a, k) for a, k in dict.fromkeys(entry.aliases) if a and a.casefold() != entry.name.casefold()]
        yield entry


# --- which reader -----------------------------------------------------------------------------


def detect(path: Path) -> str | None:
    """"un", "ofac" or "ftm" when ``path`` is a sanctions list file ingest should read as such
    (alt.csv and sdn_comments.csv are read with the sdn.csv beside them: "ofac-part")."""
    name = path.name.lower()
    if name == "sdn.csv":
        return "ofac"
    if name in ("alt.csv", "sdn_comments.csv") and (path.parent / "sdn.csv").exists():
        return "ofac-part"
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return None
    if path.suffix.lower() == ".xml" and b"<CONSOLIDATED_LIST" in head:
        return "un"
    if path.suffix.lower() in (".json", ".jsonl", ".ftm") and b'"schema"' in head and (b'"properties"' in head):
        return "ftm"
    return None


READERS = {"un": read_un, "ofac": read_ofac, "ftm": read_ftm}
