"""Shown and machine dates to ISO 8601: languages, missing years, zones, Blogger timestamps."""
from __future__ import annotations

from datetime import datetime

import pytest

from crawler.dates import from_epoch_ms, parse_machine_date, parse_shown_date, show_comment_time


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("6. Juni 2015 um 10:23", "de", "2015-06-06T10:23:00"),
        ("19. Juni 2018 um 15:28 Uhr", "de-DE", "2018-06-19T15:28:00"),
        ("February 26, 2017 at 4:48 pm", "en", "2017-02-26T16:48:00"),
        ("03.03.2011, 14:17", "de", "2011-03-03T14:17:00"),
        ("於 2013/12/28 10:42", "zh-TW", "2013-12-28T10:42:00"),
        ("於 2014/01/01 20:31 回覆", "zh-TW", "2014-01-01T20:31:00"),
        ("Oktober 13, 2015 um 4:00 pm", "de-DE", "2015-10-13T16:00:00"),
        ("posted on April 5, 2018 6:32 PM", "en", "2018-04-05T18:32:00"),
        ("2016-06-23T17:21:09+02:00", None, "2016-06-23T15:21:09Z"),
    ],
)
def test_shown_dates_in_the_page_language(text: str, language: str | None, expected: str) -> None:
    assert parse_shown_date(text, language=language, reference=None) == (expected, text)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Jun 20th at 2:41 am", datetime(2019, 6, 19, 19, 38), "2019-06-20T02:41:00"),
        # a comment in January on a December post belongs to the next year
        ("Jan 3rd at 9:00 am", datetime(2019, 12, 30), "2020-01-03T09:00:00"),
    ],
)
def test_dates_without_year_resolve_against_the_post(text: str, reference: datetime, expected: str) -> None:
    assert parse_shown_date(text, language="en", reference=reference)[0] == expected


def test_unreadable_date_keeps_the_text() -> None:
    assert parse_shown_date("  sometime, somewhere  ", language="en", reference=None) == (None, "sometime, somewhere")
    assert parse_shown_date("", language="en", reference=None) == (None, "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-09-27T15:11:51+0200", "2018-09-27T13:11:51Z"),
        ("2019-09-25 12:22:29Z, License: CC BY-SA 4.0", "2019-09-25T12:22:29Z"),
        ("2014-02-06T23:35:45", "2014-02-06T23:35:45"),
        ("2018-04-05", "2018-04-05T00:00:00"),
        ("comment_date", None),
        ("", None),
    ],
)
def test_machine_dates(value: str, expected: str | None) -> None:
    assert parse_machine_date(value) == expected


def test_blogger_show_comment_milliseconds_are_utc() -> None:
    url = "https://b.example/2015/06/p.html?showComment=1433578985419#c781"
    assert show_comment_time(url) == "2015-06-06T08:23:05Z"
    assert from_epoch_ms(1433578985) == "2015-06-06T08:23:05Z"
    assert show_comment_time("https://b.example/p.html#c1") is None
