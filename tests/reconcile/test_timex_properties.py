"""Properties of reconcile.timex over arbitrary text: never raises, every value is valid EDTF."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.timex import find_times, normalise
from reconcile.timex.edtf_check import fast_bounds, package_bounds
from reconcile.timex.matcher import _COMBINED, _SINGLE

# Words the grammar reacts to, so random text often holds something time-like.
TOKENS = [
    "in", "on", "the", "of", "and", "or", ",", ".", "-", "–", "/", "'", "between", "from", "to",
    "until", "since", "before", "after", "sometime", "around", "about", "circa", "c.", "by",
    "early", "mid-", "late", "end", "last", "this", "next", "the next", "ago", "later", "earlier",
    "day", "days", "week", "weeks", "month", "year", "years", "decade", "century", "a few",
    "three", "just over a", "yesterday", "today", "now", "Monday", "Friday", "May", "September",
    "Sept.", "Feb", "summer", "quarter", "first", "nineties", "1990s", "'58", "20th", "19th",
    "1", "16", "19", "31", "30", "29", "02", "12", "1956", "1998", "2001", "2004", "2008",
    "2013", "1000", "2099", "0000", "9999", "2013-09-19", "2013-02-30", "19/09/2013", "$",
    "4:48", "pm", "%", "soldiers", "children", "Q1", "H2", "XX", "[..1997]", "{", "}",
]
token_text = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14).map(" ".join)
any_text = st.one_of(token_text, st.text(max_size=80))
anchors = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, anchor=anchors)
def test_normalise_never_raises_and_gives_valid_edtf(text: str, anchor: date | None) -> None:
    value = normalise(text, anchor)
    if value is None:
        return
    lo, hi = package_bounds(value.edtf)  # raises if the edtf package will not parse it
    assert (lo, hi) == (value.earliest, value.latest)
    if lo is not None and hi is not None:
        assert lo <= hi


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, anchor=anchors)
def test_found_values_are_valid_and_their_offsets_hold(text: str, anchor: date | None) -> None:
    """The fast bounds `find_times` uses agree with the edtf package on everything it emits."""
    last_end = 0
    for m in find_times(text, anchor):
        assert text[m.start:m.end] == m.value.text
        assert m.start >= last_end  # in order, no overlaps
        last_end = m.end
        assert package_bounds(m.value.edtf) == (m.value.earliest, m.value.latest)
        if m.value.earliest is not None and m.value.latest is not None:
            assert m.value.earliest <= m.value.latest


@pytest.mark.parametrize("edtf", [
    "1956", "2013-09", "2013-09-19", "2013-09-19~", "1950~", "199X", "19XX", "2001-21", "2001-24",
    "2013-33", "2012-41", "XXXX-09-03", "2004/2008", "../1992", "2011/..", "../1992~",
    "2001-09/2004", "[..1997]", "[2002..]", "[2004..2008]", "[2013-09-09..2013-09-15]",
    "{1978,1981}", "[1978,1981]", "{1978,1981,1983}",
])
def test_fast_bounds_agree_with_the_edtf_package(edtf: str) -> None:
    assert fast_bounds(edtf) == package_bounds(edtf)


@pytest.mark.parametrize("bad", ["2013-02-30", "2013-13", "2008/2004", "../..", "[..]", "1997]", "hello", ""])
def test_fast_bounds_refuse_what_is_not_valid(bad: str) -> None:
    with pytest.raises(ValueError):
        fast_bounds(bad)


@settings(max_examples=100, deadline=None)
@given(text=token_text)
def test_combined_regex_finds_what_the_single_patterns_find(text: str) -> None:
    """The one combined regex (word-start guard, digit dispatch) agrees with the atom patterns
    tried one by one: at each word start it picks the first atom in table order that matches,
    and every word start where some atom matches lies inside a combined match."""
    combined = list(_COMBINED.finditer(text))
    for m in combined:
        first = next(i for i, rx in enumerate(_SINGLE) if rx.match(text, m.start()))
        assert int(m.lastgroup[1:]) == first  # type: ignore[index]
    for w in re.finditer(r"(?<![A-Za-z0-9])(?=\S)", text):
        if any(rx.match(text, w.start()) for rx in _SINGLE):
            assert any(m.start() <= w.start() < max(m.end(), m.start() + 1) for m in combined), (text, w.start())
