"""Name keys are the same whether the per-word steps are cached or computed afresh."""
from __future__ import annotations

import itertools

import pytest

from reconcile.names import keys, tables

BASES = ("rahman", "salam", "hai", "basir", "amin", "nasir", "zia", "karim", "haq", "wali", "ali", "sattar")
SUFFIXES = tuple(tables.JOINED_SUFFIXES)
PREFIXES = tables.JOINED_PREFIXES


def _varied_names() -> list[str]:
    """Joined, split, hyphenated, titled, cased and diacritic forms built from the tables, so the
    per-word steps (joined prefixes and suffixes, assimilation, standalone endings) all fire."""
    names: list[str] = []
    for i, (prefix, base) in enumerate(itertools.product(PREFIXES, BASES)):
        suffix = SUFFIXES[i % len(SUFFIXES)]
        names += [
            f"{prefix}{base}".title(),
            f"{prefix} {base}",
            f"{prefix.upper()}-{base}",
            f"Haji {prefix}{base} {base}{suffix}",
            f"Mawlawi {base.title()} {suffix.title()}, {prefix}{base[:2]}",
        ]
    for base, suffix in itertools.product(BASES, SUFFIXES):
        names.append(f"{base}{suffix} Khan")
    names += ["Nasīruddīn Ḥaqqānī", "Abd al-Basir", "Gulbuddin Hekmatyar", "Mullah Omar", "Abdullah", "Sar-e Pol",
              "Ghulamyahya Akbari", "", "  ", "Abu", "AbuBakr al-Baghdadi", "Ziaulhaq", "Atiq-ullah"]
    return names


NAMES = _varied_names()


def test_sample_is_large_and_varied() -> None:
    assert len(set(NAMES)) >= 300
    assert len({keys.name_key(n) for n in NAMES}) >= 200


@pytest.mark.parametrize("kind", ["PERSON", "ORG", "PLACE"])
def test_cached_word_steps_give_the_uncached_keys(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:  # every cache bypassed: the functions as written
        for name in ("_split_joined", "_split_suffix", "fold_token"):
            fn = getattr(keys, name)
            m.setattr(keys, name, getattr(fn, "__wrapped__", fn))
        expected = [tuple(keys.name_tokens_cached.__wrapped__(n, kind)) for n in NAMES]
    keys.name_tokens_cached.cache_clear()
    assert [tuple(keys.name_tokens(n, kind)) for n in NAMES] == expected  # filling the caches
    assert [tuple(keys.name_tokens(n, kind)) for n in NAMES] == expected  # read from them
