"""Hostile strings for the time normaliser: any string gives valid EDTF (as the `edtf` package
reads it) or None, with earliest <= latest, and never takes long.

Inputs: date-like phrases broken by mutation (digits, separators, right-to-left and control
characters, absurd numbers), arbitrary unicode, megabyte strings, and our fixture texts mutated.
"""
from __future__ import annotations

import random
import time
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.timex import find_times, normalise
from reconcile.timex.values import TimeValue

from .hostile import FIXTURE_TEXTS
from .mutations import MUTATIONS, mutate

PHRASE_SECONDS = 5.0
TEXT_SECONDS = 30.0
# Pieces that make the grammar work hard when glued together at random.
PIECES: tuple[str, ...] = (
    "sometime before", "around", "circa", "c.", "between", "and", "from", "to", "until", "since",
    "ago", "later", "early", "mid-", "late", "the", "of", "in", "on", "last", "next", "century",
    "decade", "years", "months", "days", "1998", "2001", "0000", "9999", "99999", "-1", "10000",
    "99999999999999999999", "0", "31", "32", "-", "/", "..", "~", "?", "%", "[", "]", "{", "}",
    "October", "Feb", "Sept.", "29", "1900", "2100", "'01", "1990s", "nineties", "20th", "99th",
    "1,000,000", "\u202e", "\u200f", "\u0661\u0669\u0669\u0668", "\u06f2\u06f0\u06f0\u06f1", "١٩٩٨", "\x00",
    "\x1b[2J", "\ufeff", "\ud7ff", "ﬁrst", "２００１", "XX", "X", "~?", "-12-", "T", "Z", "+05:30",
)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
glued = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join)
squashed = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
phrases = st.one_of(glued, squashed, st.text(max_size=120), st.from_regex(r"[\d\-/.~?%X\[\]{},]{1,30}", fullmatch=True))
FUZZ = settings(max_examples=80, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def check_value(value: TimeValue | None, where: str) -> None:
    """None, or EDTF the `edtf` package parses, with ordered date bounds."""
    if value is None:
        return
    try:
        parse_edtf(value.edtf)
    except Exception as exc:  # noqa: BLE001 - the package raises several types
        raise AssertionError(f"{where!r}: {value.edtf!r} is not EDTF: {exc}") from exc
    for bound in (value.earliest, value.latest):
        assert bound is None or isinstance(bound, date), f"{where!r}: bound {bound!r}"
    if value.earliest is not None and value.latest is not None:
        assert value.earliest <= value.latest, f"{where!r}: {value.edtf} earliest after latest"


def check_normalise(phrase: str, anchor: date | None) -> TimeValue | None:
    started = time.perf_counter()
    value = normalise(phrase, anchor)
    elapsed = time.perf_counter() - started
    assert elapsed < PHRASE_SECONDS, f"{phrase[:80]!r}: {elapsed:.1f} s"
    check_value(value, phrase[:80])
    return value


@FUZZ
@given(phrase=phrases, anchor=anchors)
def test_any_phrase_gives_valid_edtf_or_none(phrase: str, anchor: date | None) -> None:
    check_normalise(phrase, anchor)


@pytest.mark.parametrize(
    "phrase",
    [
        "", " ", "\x00", "\u202e2001-10-16\u202c", "around October 16 2001\u200f", "١٩٩٨", "in ٢٠٠١",
        "99999999999999999999", "-5000", "0000-00-00", "9999-12-31", "10000-01-01", "2001-02-29",
        "2001-13-01", "sometime before " * 200, "10000000 years ago", "the 9999th century",
        "between 2008 and 2004", "from 2010 until 1990", "-1 days later", "1e308", "NaN", "[..", "{2001,",
        "2001/2000", "../..", "X" * 5000, "1998" * 600, "\udfff", "last " * 1000 + "year",
    ],
)
@pytest.mark.parametrize("anchor", [None, date(1, 1, 1), date(2013, 9, 20), date(9999, 12, 31)])
def test_hostile_phrases(phrase: str, anchor: date | None) -> None:
    check_normalise(phrase, anchor)


def test_a_megabyte_phrase_is_refused_quickly() -> None:
    assert check_normalise("in 2001 " * 130_000, date(2013, 9, 20)) is None


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_find_times_on_mutated_fixture_texts(name: str) -> None:
    """Every time found in a broken text is valid and sits where it says, within a time bound."""
    rng = random.Random(name)
    for path in sorted(FIXTURE_TEXTS.glob("*.txt")):
        text = mutate(path.read_bytes(), [name], rng.randrange(2**32)).decode("utf-8", errors="replace")
        started = time.perf_counter()
        found = find_times(text, date(2013, 9, 20))
        assert time.perf_counter() - started < TEXT_SECONDS, f"{path.name} after {name}"
        for m in found:
            assert text[m.start:m.end] == m.value.text
            check_value(m.value, m.value.text)
