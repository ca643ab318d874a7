"""reconcile.timex: phrases -> EDTF with bounds, offsets into text, and what is not a time."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from reconcile.timex import TimeMatch, TimeValue, find_times, normalise
from reconcile.timex.edtf_check import package_bounds

D = date
ANCHOR = date(2013, 9, 19)  # a Thursday

# phrase -> (edtf, earliest, latest): the same with or without a document date
ABSOLUTE = [
    ("1956", "1956", D(1956, 1, 1), D(1956, 12, 31)),
    ("in 1994", "1994", D(1994, 1, 1), D(1994, 12, 31)),
    ("September 19, 2013", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("19 September 2013", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("the 19th of September, 2013", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("2013-09-19", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("Monday, September 16, 2013", "2013-09-16", D(2013, 9, 16), D(2013, 9, 16)),
    ("Sept. 2013", "2013-09", D(2013, 9, 1), D(2013, 9, 30)),
    ("February 2012", "2012-02", D(2012, 2, 1), D(2012, 2, 29)),
    ("19/09/2013", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("7/8/07", "2007-07-08", D(2007, 7, 8), D(2007, 7, 8)),
    ("19.09.2013", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("between 2004 and 2008", "2004/2008", D(2004, 1, 1), D(2008, 12, 31)),
    ("from 1992 to 1994", "1992/1994", D(1992, 1, 1), D(1994, 12, 31)),
    ("1992-1994", "1992/1994", D(1992, 1, 1), D(1994, 12, 31)),
    ("1992–94", "1992/1994", D(1992, 1, 1), D(1994, 12, 31)),
    ("2004/2008", "2004/2008", D(2004, 1, 1), D(2008, 12, 31)),
    ("from March to May 2010", "2010-03/2010-05", D(2010, 3, 1), D(2010, 5, 31)),
    ("September 19-21, 2013", "2013-09-19/2013-09-21", D(2013, 9, 19), D(2013, 9, 21)),
    ("from September 2001 to 2004", "2001-09/2004", D(2001, 9, 1), D(2004, 12, 31)),
    ("until 1992", "../1992", None, D(1992, 12, 31)),
    ("up until March 2003", "../2003-03", None, D(2003, 3, 31)),
    ("since 2011", "2011/..", D(2011, 1, 1), None),
    ("ever since the 1980s", "1980/..", D(1980, 1, 1), None),
    ("sometime before 1998", "[..1997]", None, D(1997, 12, 31)),
    ("before October 2001", "[..2001-09]", None, D(2001, 9, 30)),
    ("by 1998", "[..1998]", None, D(1998, 12, 31)),
    ("after 2001", "[2002..]", D(2002, 1, 1), None),
    ("shortly after 16 October 2001", "[2001-10-17..]", D(2001, 10, 17), None),
    ("around October 16 2001", "2001-10-16~", D(2001, 10, 16), D(2001, 10, 16)),
    ("circa 1950", "1950~", D(1950, 1, 1), D(1950, 12, 31)),
    ("c. 1950", "1950~", D(1950, 1, 1), D(1950, 12, 31)),
    ("about 1980", "1980~", D(1980, 1, 1), D(1980, 12, 31)),
    ("in 1978 and 1981", "{1978,1981}", D(1978, 1, 1), D(1981, 12, 31)),
    ("in 1978, 1981 and 1983", "{1978,1981,1983}", D(1978, 1, 1), D(1983, 12, 31)),
    ("in 1978 or 1981", "[1978,1981]", D(1978, 1, 1), D(1981, 12, 31)),
    ("the 1990s", "199X", D(1990, 1, 1), D(1999, 12, 31)),
    ("the '90s", "199X", D(1990, 1, 1), D(1999, 12, 31)),
    ("the nineteen-sixties", "196X", D(1960, 1, 1), D(1969, 12, 31)),
    ("the 20th century", "19XX", D(1900, 1, 1), D(1999, 12, 31)),
    ("the nineteenth century", "18XX", D(1800, 1, 1), D(1899, 12, 31)),
    ("early 2001", "[2001-01..2001-04]", D(2001, 1, 1), D(2001, 4, 30)),
    ("mid-2001", "[2001-05..2001-08]", D(2001, 5, 1), D(2001, 8, 31)),
    ("late 2001", "[2001-09..2001-12]", D(2001, 9, 1), D(2001, 12, 31)),
    ("the end of 2001", "[2001-09..2001-12]", D(2001, 9, 1), D(2001, 12, 31)),
    ("mid-1990s", "[1993..1996]", D(1993, 1, 1), D(1996, 12, 31)),
    ("the early 1990s", "[1990..1992]", D(1990, 1, 1), D(1992, 12, 31)),
    ("early December 2012", "[2012-12-01..2012-12-10]", D(2012, 12, 1), D(2012, 12, 10)),
    ("summer 2010", "2010-22", D(2010, 6, 1), D(2010, 8, 31)),
    ("the first quarter of 2013", "2013-33", D(2013, 1, 1), D(2013, 3, 31)),
    ("Q3 2013", "2013-35", D(2013, 7, 1), D(2013, 9, 30)),
    ("the second half of 2012", "2012-41", D(2012, 7, 1), D(2012, 12, 31)),
    ("the final quarter of 2009", "2009-36", D(2009, 10, 1), D(2009, 12, 31)),
    ("fourth-quarter 2006", "2006-36", D(2006, 10, 1), D(2006, 12, 31)),
    ("the twenty-first century", "20XX", D(2000, 1, 1), D(2099, 12, 31)),
    ("until around 1992", "../1992~", None, D(1992, 12, 31)),
    ("by mid 2019", "[..2019-08]", None, D(2019, 8, 31)),
    ("from 2011 onwards", "2011/..", D(2011, 1, 1), None),
    ("from 1992 on.", "1992/..", D(1992, 1, 1), None),
    ("1998 or earlier", "[..1998]", None, D(1998, 12, 31)),
    ("2001 or later", "[2001..]", D(2001, 1, 1), None),
    ("before the late 1990s", "[..1996]", None, D(1996, 12, 31)),
]

# phrase -> (edtf, earliest, latest) against ANCHOR; without an anchor each gives no value
RELATIVE = [
    ("yesterday", "2013-09-18", D(2013, 9, 18), D(2013, 9, 18)),
    ("today", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("tomorrow", "2013-09-20", D(2013, 9, 20), D(2013, 9, 20)),
    ("the day before yesterday", "2013-09-17", D(2013, 9, 17), D(2013, 9, 17)),
    ("now", "2013-09-19", D(2013, 9, 19), D(2013, 9, 19)),
    ("last week", "[2013-09-09..2013-09-15]", D(2013, 9, 9), D(2013, 9, 15)),
    ("this week", "[2013-09-16..2013-09-22]", D(2013, 9, 16), D(2013, 9, 22)),
    ("last year", "2012", D(2012, 1, 1), D(2012, 12, 31)),
    ("this year", "2013", D(2013, 1, 1), D(2013, 12, 31)),
    ("next month", "2013-10", D(2013, 10, 1), D(2013, 10, 31)),
    ("on Monday", "2013-09-16", D(2013, 9, 16), D(2013, 9, 16)),
    ("last Monday", "2013-09-16", D(2013, 9, 16), D(2013, 9, 16)),
    ("next Monday", "2013-09-23", D(2013, 9, 23), D(2013, 9, 23)),
    ("last July", "2013-07", D(2013, 7, 1), D(2013, 7, 31)),
    ("last summer", "2013-22", D(2013, 6, 1), D(2013, 8, 31)),
    ("in August", "2013-08", D(2013, 8, 1), D(2013, 8, 31)),
    ("three days ago", "2013-09-16", D(2013, 9, 16), D(2013, 9, 16)),
    ("two years ago", "2011", D(2011, 1, 1), D(2011, 12, 31)),
    ("about six years ago", "2007~", D(2007, 1, 1), D(2007, 12, 31)),
    ("just over a year ago", "[2012-06..2012-09]", D(2012, 6, 1), D(2012, 9, 30)),
    ("a few years ago", "[2008..2011]", D(2008, 1, 1), D(2011, 12, 31)),
    ("the next day", "2013-09-20", D(2013, 9, 20), D(2013, 9, 20)),
    ("two years earlier", "2011", D(2011, 1, 1), D(2011, 12, 31)),
    ("early last year", "[2012-01..2012-04]", D(2012, 1, 1), D(2012, 4, 30)),
    ("since yesterday", "2013-09-18/..", D(2013, 9, 18), None),
    ("in the past", "../2013-09-19", None, D(2013, 9, 19)),
    ("September 3", "2013-09-03", D(2013, 9, 3), D(2013, 9, 3)),
    ("'58", "1958", D(1958, 1, 1), D(1958, 12, 31)),
    ("the third quarter of this year", "2013-35", D(2013, 7, 1), D(2013, 9, 30)),
    ("the fourth quarter", "2012-36", D(2012, 10, 1), D(2012, 12, 31)),
    ("the last quarter", "2013-34", D(2013, 4, 1), D(2013, 6, 30)),
    ("in the spring", "2013-21", D(2013, 3, 1), D(2013, 5, 31)),
    ("this fiscal year", "2013", D(2013, 1, 1), D(2013, 12, 31)),
    ("recently", "[..2013-09-19]", None, D(2013, 9, 19)),
    ("the end of the year", "[2013-09..2013-12]", D(2013, 9, 1), D(2013, 12, 31)),
]


def _check(value: TimeValue | None, edtf: str, lo: date | None, hi: date | None) -> None:
    assert value is not None
    assert (value.edtf, value.earliest, value.latest) == (edtf, lo, hi)
    assert package_bounds(value.edtf) == (lo, hi)  # the edtf package reads it the same way


@pytest.mark.parametrize("phrase,edtf,lo,hi", ABSOLUTE, ids=[row[0] for row in ABSOLUTE])
@pytest.mark.parametrize("anchor", [None, ANCHOR], ids=["no-anchor", "anchor"])
def test_absolute_phrases(phrase: str, edtf: str, lo: date | None, hi: date | None, anchor: date | None) -> None:
    value = normalise(phrase, anchor)
    _check(value, edtf, lo, hi)
    assert value is not None and value.resolved_from is None


@pytest.mark.parametrize("phrase,edtf,lo,hi", RELATIVE, ids=[row[0] for row in RELATIVE])
def test_relative_phrases_resolve_against_the_anchor(phrase: str, edtf: str, lo: date | None, hi: date | None) -> None:
    value = normalise(phrase, ANCHOR)
    _check(value, edtf, lo, hi)
    assert value is not None and value.resolved_from == "anchor"


@pytest.mark.parametrize("phrase", [row[0] for row in RELATIVE if row[0] != "September 3"])
def test_relative_phrases_without_anchor_give_no_date(phrase: str) -> None:
    assert normalise(phrase) is None
    assert find_times(f"It happened {phrase}, they said.") == []


@pytest.mark.parametrize(("text", "phrase", "edtf"), [
    # a month or season "that" the story already dated: of the year just told, not the report's
    ("He led the sit-in in 1994. He was jailed that November.", "November", "1994-11"),
    ("In 1994 he was jailed. That spring he fled to Kabul.", "spring", "1994-21"),
    # a season counted back from the report
    ("I last saw him in Asadabad two summers ago.", "two summers ago", "2011-22"),
    # "since at least": since, as far as the writer knows
    ("He has been the group's judge since at least 2010.", "since at least 2010", "2010/.."),
])
def test_seasons_and_months_told_against_the_story(text: str, phrase: str, edtf: str) -> None:
    found = {text[m.start:m.end]: m.value.edtf for m in find_times(text, ANCHOR)}
    assert found.get(phrase) == edtf


@pytest.mark.parametrize("text", ["Two years later he was appointed governor of Paktia.",
                                  "He came back three months afterwards."])
def test_later_than_no_date_the_text_names_is_no_date(text: str) -> None:
    """Counted on from the report's own date, "two years later" would be news from the future."""
    assert find_times(text, ANCHOR) == []


def test_month_and_day_without_anchor_keep_the_year_unknown() -> None:
    value = normalise("September 3")
    assert value is not None
    assert (value.edtf, value.earliest, value.latest) == ("XXXX-09-03", None, None)


@pytest.mark.parametrize("text,phrase,edtf", [
    ("I wrote on it a little more than three days ago, here.", "a little more than three days ago", "2013-09-16"),
    ("They met just over a year ago in Kabul.", "just over a year ago", "[2012-06..2012-09]"),
    ("It was some twenty years ago.", "some twenty years ago", "1993"),
])
def test_counted_phrases_are_read_whole_in_running_text(text: str, phrase: str, edtf: str) -> None:
    found = find_times(text, ANCHOR)
    assert [(m.value.text, m.value.edtf) for m in found] == [(phrase, edtf)]


@pytest.mark.parametrize("text,expected", [
    # a time counted from the one before it is a later time of its own, not one of a list
    ("He joined in 2003, and two years later he was elected.", [("2003", "2003"), ("two years later", "2005")]),
    ("He visited in 1999 and 2001.", [("1999 and 2001", "{1999,2001}")]),
    # a bare season or month right after a year in the same sentence is in that year
    ("It was not in 2011 but in 2010, in the autumn.",
     [("2011", "2011"), ("2010", "2010"), ("the autumn", "2010-23")]),
    ("In 2004 he came back in May.", [("2004", "2004"), ("May", "2004-05")]),
    # "for the past two years": up to the document date
    ("He has lived there for the past two years.", [("the past two years", "2011-09/2013-09")]),
    # a season is a date to count from too
    ("He held out until the spring of 2009. Two years later he was back.",
     [("until the spring of 2009", "../2009-05"), ("Two years later", "2011")]),
])
def test_a_list_of_times_does_not_swallow_a_time_counted_from_it(text: str, expected: list) -> None:
    assert [(m.value.text, m.value.edtf) for m in find_times(text, ANCHOR)] == expected


@pytest.mark.parametrize("anchor,edtf", [(date(2010, 10, 20), "2011"), (date(2013, 9, 19), "1958")])
def test_a_two_digit_year_is_the_one_nearest_the_document_date(anchor: date, edtf: str) -> None:
    yy = edtf[2:]
    value = normalise(f"'{yy}", anchor)
    assert value is not None and value.edtf == edtf


def test_a_datetime_anchor_counts_as_its_day() -> None:
    value = normalise("yesterday", datetime(2013, 9, 19, 23, 59))
    assert value is not None and value.edtf == "2013-09-18"


def test_bare_month_looks_ahead_in_a_sentence_about_the_future() -> None:
    past = find_times("The report was published in May.", date(2013, 3, 22))
    future = find_times("The report will be published in May.", date(2013, 3, 22))
    assert [m.value.edtf for m in past] == ["2012-05"]
    assert [m.value.edtf for m in future] == ["2013-05"]


def test_phrases_relative_to_the_story_count_from_the_last_date_named() -> None:
    text = "He moved to Kabul in 1994. Two years later he left, and the next year he came back."
    found = find_times(text, ANCHOR)
    assert [(m.value.text, m.value.edtf, m.value.resolved_from) for m in found] == [
        ("1994", "1994", None),
        ("Two years later", "1996", "context"),
        ("the next year", "1997", "context"),
    ]


@pytest.mark.parametrize("text,phrase", [
    ("He served in the Kohistanat front line until 1992. Then he left.", "until 1992"),
    ("Born in 1956 in a village, he moved between 2004 and 2008 twice.", "between 2004 and 2008"),
    ("« Il a dit » — around October 16 2001, he defected (again).", "around October 16 2001"),
    ("Posted September 19, 2013 9:31 pm by a reader", "September 19, 2013"),
])
def test_offsets_point_at_the_phrase(text: str, phrase: str) -> None:
    matches = find_times(text, ANCHOR)
    hits = [m for m in matches if m.value.text == phrase]
    assert len(hits) == 1
    m = hits[0]
    assert isinstance(m, TimeMatch)
    assert (m.start, m.end) == (text.index(phrase), text.index(phrase) + len(phrase))
    assert text[m.start:m.end] == phrase


@pytest.mark.parametrize("text", [
    "He is married and has 12 children.",
    "He was chief of staff in the 26th Division.",
    "The rifle cost $2000 at the market.",
    "The call came at 4:48 pm.",
    "Some 2000 soldiers crossed the river.",
    "Die Rechnung lautete über 1600 Euro.",
    "About 1500 people marched, 3.5 million watched.",
    "Turnout was 1994,5 by their count and 2013.7 by ours.",
    "Call 555-1234 or room 1234-5678.",
    "You may want to march on.",
    "Shares fell on Black Monday and rose on Good Friday.",
    "He sprang like a spring; the fall was long.",
])
def test_numbers_and_words_that_are_not_times(text: str) -> None:
    assert find_times(text, ANCHOR) == []


def test_on_after_a_date_is_not_onwards_mid_sentence() -> None:
    found = find_times("Police arrested both men in early August 2012 on charges of fraud.")
    assert [(m.value.text, m.value.edtf) for m in found] == [("early August 2012", "[2012-08-01..2012-08-10]")]


def test_each_phrase_takes_its_own_words() -> None:
    text = "He left in 2004, stayed on until 2008 and came back after 2010."
    found = find_times(text)
    assert [(m.value.text, m.value.edtf) for m in found] == [
        ("2004", "2004"), ("until 2008", "../2008"), ("after 2010", "[2011..]")]


def test_a_year_among_numbers_is_still_a_year() -> None:
    found = find_times("In 1994, 12 men held 3 posts for 26 days.")
    assert [(m.value.text, m.value.edtf) for m in found] == [("1994", "1994")]


def test_several_phrases_in_one_sentence_in_order() -> None:
    text = "He traveled to Pakistan in 1978 and 1981, Saudi Arabia in 1981 and 1982, and Iran in 2004."
    found = find_times(text)
    assert [m.value.edtf for m in found] == ["{1978,1981}", "{1981,1982}", "2004"]
    assert all(m.start < n.start for m, n in zip(found, found[1:]))


@pytest.mark.parametrize("phrase", ["", "   ", "nothing here", "the 99 problems", "2013-02-30", "[..", "{}"])
def test_normalise_gives_none_for_what_is_no_time(phrase: str) -> None:
    assert normalise(phrase) is None


def test_normalise_reads_edtf_as_edtf() -> None:
    value = normalise("[..1997]")
    assert value is not None and (value.edtf, value.latest) == ("[..1997]", date(1997, 12, 31))


@pytest.mark.parametrize("phrase,edtf", [
    ("between 2004 and 2008", "2004/2008"),
    ("until 1992", "../1992"),
    ("sometime before 1998", "[..1997]"),
    ("around October 16 2001", "2001-10-16~"),
])
def test_the_seed_phrases(shared_dir, phrase: str, edtf: str) -> None:
    """The four time phrases of the worked example, found in the seed page with the EDTF its
    gold annotation gives the claims they date."""
    import json

    text = (shared_dir / "seed" / "000_b58bb04bcea9579c.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_dir / "gold" / "seed.gold.json").read_text(encoding="utf-8"))
    assert any(c.get("when") == edtf and phrase in c["quote"] for c in gold["claims"])
    found = {m.value.text: m for m in find_times(text, date(2013, 9, 19))}
    assert phrase in found
    m = found[phrase]
    assert text[m.start:m.end] == phrase
    assert m.value.edtf == edtf


def test_other_languages_go_through_dateparser() -> None:
    text = "Il a fait défection le 19 septembre 2013 ; il est arrivé hier."
    found = find_times(text, date(2013, 9, 20), language="fr")
    assert [(m.value.edtf, m.value.resolved_from) for m in found] == [("2013-09-19", None), ("2013-09-19", "anchor")]
    assert all(text[m.start:m.end] == m.value.text for m in found)
    assert [m.value.edtf for m in find_times(text, None, language="fr")] == ["2013-09-19"]
