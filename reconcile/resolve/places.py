"""Places grounded in the gazetteer: context keys for the resolver, and an entity's GeoNames id.

A town carries its own key and its province's, so a mention beside "Kohistanat" and one beside
"Sar-e Pol" share a place when the gazetteer knows Kohistanat lies in Sar-e Pol. Countries are
keyed apart (``country:``): "Afghanistan" beside two men says little about whether they are one.
Names the gazetteer does not know are keyed by their folded name.
"""
from __future__ import annotations

from functools import lru_cache

from reconcile import gazetteer
from reconcile.names import name_key


@lru_cache(maxsize=65536)
def ground(name: str, fuzzy: bool = False) -> gazetteer.Place | None:
    """The most likely place a name denotes, or None."""
    if not name:
        return None
    found = gazetteer.lookup(name, fuzzy=fuzzy)
    return found[0] if found else None


def place_id(place: gazetteer.Place) -> str:
    if place.kind == gazetteer.COUNTRY:
        return place.country_code
    if place.kind == gazetteer.ADMIN1:
        return f"{place.country_code}.{place.admin1}"
    return f"{place.country_code}.{place.admin1}.{place.geonameid}"


@lru_cache(maxsize=65536)
def place_keys(name: str) -> frozenset[str]:
    """Context keys a place name contributes (its own, its province's; or its country's)."""
    place = ground(name)
    if place is None:
        key = name_key(name, "PLACE")
        return frozenset({f"place:~{key}"}) if key else frozenset()
    if place.kind == gazetteer.COUNTRY:
        return frozenset({f"country:{place.country_code}"})
    keys = {f"place:{place_id(place)}"}
    if place.kind == gazetteer.CITY and place.admin1:
        keys.add(f"place:{place.country_code}.{place.admin1}")
    return frozenset(keys)


def compatible(a: str, b: str) -> bool | None:
    """Whether two place names can denote the same place or one inside the other.

    None when either is unknown to the gazetteer (and the names differ once folded).
    """
    if name_key(a, "PLACE") == name_key(b, "PLACE"):
        return True
    pa, pb = ground(a, True), ground(b, True)
    if pa is None or pb is None:
        return None
    return gazetteer.contains(pa, pb) or gazetteer.contains(pb, pa)


@lru_cache(maxsize=65536)
def _candidates(name: str) -> tuple[gazetteer.Place, ...]:
    return tuple(gazetteer.lookup(name, fuzzy=False)) if name else ()


def apart(a: str, b: str) -> bool:
    """True when the gazetteer knows both names (exactly, once folded) and no place one may
    denote is, holds or lies in a place the other may denote: "Kohistanat" (a district of Sar-e
    Pol) and "Kohistan District" (of Faryab) are two places however alike their names read.
    False when either is unknown: only the names can tell then."""
    if name_key(a, "PLACE") == name_key(b, "PLACE"):
        return False
    pa, pb = _candidates(a), _candidates(b)
    if not pa or not pb:
        return False
    return not any(gazetteer.contains(x, y) or gazetteer.contains(y, x) for x in pa for y in pb)
