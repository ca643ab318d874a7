"""A claim's time in words: every EDTF shape the extractor writes, as the exports show it."""
from __future__ import annotations

import pytest

from reconcile.export.safe import printable
from reconcile.export.when import calendar_parts, in_words, parse

WORDS = [
    # edtf, long form, short form (TimelineJS display_date)
    ("[..1997]", "sometime before 1998", "before 1998"),
    ("[..1997-12]", "sometime before Jan 1998", "before Jan 1998"),
    ("[2002..]", "sometime after 2001", "after 2001"),
    ("[2004..2008]", "sometime between 2004 and 2008", "between 2004 and 2008"),
    ("2001-10-16~", "c. 16 Oct 2001", "c. 16 Oct 2001"),
    ("2001-10-16%", "c. 16 Oct 2001 (uncertain)", "c. 16 Oct 2001 (uncertain)"),
    ("1997-12?", "Dec 1997 (uncertain)", "Dec 1997 (uncertain)"),
    ("1956", "1956", "1956"),
    ("2013-09", "Sep 2013", "Sep 2013"),
    ("2004/2008", "2004 to 2008", "2004 to 2008"),
    ("../1992", "until 1992", "until 1992"),
    ("2011/..", "since 2011", "since 2011"),
    ("{1978,1981}", "1978 and 1981", "1978 and 1981"),
    ("[1978,1981,1990]", "one of 1978, 1981 or 1990", "1978, 1981 or 1990"),
    ("199X", "the 1990s", "the 1990s"),
    ("2001-21", "spring 2001", "spring 2001"),
    ("[2012-12-31..2013-01-01]", "sometime between 31 Dec 2012 and 1 Jan 2013",
     "between 31 Dec 2012 and 1 Jan 2013"),
]


@pytest.mark.parametrize(("edtf", "long", "short"), WORDS)
def test_edtf_in_words(edtf: str, long: str, short: str) -> None:
    assert in_words(edtf) == long
    assert in_words(edtf, short=True) == short


@pytest.mark.parametrize(
    ("edtf", "text", "expected"),
    [(None, None, "undated"), (None, "later that year", "later that year"),
     ("2001-13-45", "some day", "some day"), ("not edtf", None, "not edtf")],
)
def test_unreadable_or_missing_edtf_falls_back_to_the_phrase(
    edtf: str | None, text: str | None, expected: str
) -> None:
    assert in_words(edtf, text) == expected


@pytest.mark.parametrize(
    ("edtf", "kind", "open_start", "open_end", "approx"),
    [("../1992", "until", True, False, False), ("2011/..", "since", False, True, False),
     ("[..1997]", "before", True, False, True), ("2001-10-16~", "point", False, False, True),
     ("2004/2008", "span", False, False, False), ("199X", "point", False, False, True)],
)
def test_shape_flags_drive_the_bars(
    edtf: str, kind: str, open_start: bool, open_end: bool, approx: bool
) -> None:
    shape = parse(edtf)
    assert shape is not None and shape.kind == kind
    assert (shape.open_start, shape.open_end, shape.approximate) == (open_start, open_end, approx)


def test_calendar_parts_keep_only_the_known_grain() -> None:
    assert calendar_parts(parse("2001-10-16~").start) == {"year": 2001, "month": 10, "day": 16}
    assert calendar_parts(parse("2013-09").start) == {"year": 2013, "month": 9}
    assert calendar_parts(parse("1956").start) == {"year": 1956}
    assert calendar_parts(parse("2001-22").start) == {"year": 2001, "month": 6}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("plain text\nnext line\ttab", "plain text\nnext line\ttab"),
     ("\x1b[2Jcleared", "\\x1b[2Jcleared"), ("bell\x07", "bell\\x07"), ("c1\x9b", "c1\\x9b"),
     (None, "")],
)
def test_printable_shows_control_characters(raw: str | None, shown: str) -> None:
    assert printable(raw) == shown
