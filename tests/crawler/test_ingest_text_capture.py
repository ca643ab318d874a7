"""Plain-text captures: the seed and two captures of other shapes written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.ingest import read_threads
from crawler.ingest.problems import IngestProblem
from crawler.ingest.text_capture import parse_capture, read
from crawler.thread import ParsedPage

from .ingest_helpers import DATA

SEED = "seed/000_b58bb04bcea9579c.txt"
CHROME = ("Skip to content", "Leave a Reply", "bloggers like this", "Log Out", "Connecting to",
          "leave one", "permalink", "Fill in your details")


def only_page(path: Path, **kwargs: str) -> ParsedPage:
    items = list(read_threads(path, **kwargs))
    pages = [i for i in items if isinstance(i, ParsedPage)]
    assert [i for i in items if isinstance(i, IngestProblem)] == []
    assert len(pages) == 1
    return pages[0]


def test_seed_is_one_post_and_two_comments(shared_dir: Path) -> None:
    """Against the hand annotation of the seed (gold/seed.gold.json, "documents")."""
    gold = {d["id"]: d for d in json.loads((shared_dir / "gold/seed.gold.json").read_text(encoding="utf-8"))["documents"]}
    page = only_page(shared_dir / SEED)
    assert page.url == "capture://000_b58bb04bcea9579c/"
    assert page.post.title == gold["post"]["title"]
    assert page.post.author == gold["post"]["author"]
    assert page.post.published is not None and page.post.published.startswith(gold["post"]["published"])
    assert page.post.published_text == "September 19, 2013"
    assert [(c.author, c.published, c.parent) for c in page.comments] == [
        ("SOTI", "2013-09-19T21:31:00", None),
        (None, "2013-09-19T21:59:00", None),
    ]
    for comment, gold_id in zip(page.comments, ("c1", "c2"), strict=True):
        assert comment.author == gold[gold_id]["author"]
        assert comment.published is not None and comment.published.startswith(gold[gold_id]["published"])
        assert gold[gold_id]["parent"] == "post" and comment.parent is None


def test_seed_texts_are_exact_and_free_of_chrome(shared_dir: Path) -> None:
    raw = (shared_dir / SEED).read_text(encoding="utf-8")
    page = only_page(shared_dir / SEED)
    # The post is the body only: from the first paragraph after the date to the last one before
    # the comment heading, every paragraph as written.
    assert page.post.text.startswith("Summary: ")
    for phrase in CHROME:
        assert phrase not in page.post.text
        for comment in page.comments:
            assert phrase not in comment.text
    for paragraph in page.post.text.split("\n\n"):
        assert paragraph in raw
    assert "Good write up." not in page.post.text
    # Comment texts are the paragraphs under each header, exactly.
    for comment in page.comments:
        assert "\n" not in comment.text and comment.text in raw
    assert page.comments[0].text.startswith("Good write up.")
    assert page.comments[1].text.endswith("Cheers")


def test_same_file_same_ids(shared_dir: Path, tmp_path: Path) -> None:
    first = only_page(shared_dir / SEED)
    again = only_page(shared_dir / SEED)
    assert [c.id for c in first.comments] == [c.id for c in again.comments]
    assert len({c.id for c in first.comments}) == 2
    with_url = only_page(shared_dir / SEED, url="https://blog.example/2013/09/19/defection/")
    assert with_url.post.url == "https://blog.example/2013/09/19/defection/"
    assert {c.id for c in with_url.comments}.isdisjoint({c.id for c in first.comments})


def test_says_shape_with_indented_reply_and_pingback() -> None:
    page = only_page(DATA / "capture_says_threaded.txt")
    assert page.post.title == "Water rights dispute reaches the district council"
    assert page.post.author == "Hamid Nouri"
    assert page.post.published == "2015-03-03T00:00:00"
    assert page.post.text.split("\n\n") == [
        "Farmers from the upper canal villages say the new sluice gate has cut their share of "
        "water by half since January.",
        "The council will hear both sides next week; the irrigation office has not commented.",
    ]
    first, reply, ping = page.comments
    assert (first.author, first.published, first.parent) == ("Leila Rahimi", "2015-03-04T08:15:00", None)
    assert first.text == "The gate was installed in December, not January. I was there when the crew arrived."
    assert (reply.author, reply.parent) == ("Hamid Nouri", first.id)
    assert reply.text == "Thanks, I will correct the date in the follow-up."
    assert ping.is_pingback and ping.parent is None and not first.is_pingback
    assert page.warnings == []


@pytest.mark.parametrize(
    ("capture", "title", "body"),
    [
        # The date above the title, the site's name above the date.
        ("Harbour Watch\n12 May 2019\nFerry schedule cut\n\nThe morning ferry will not run.\n\nLeave a Reply\n",
         "Ferry schedule cut", "The morning ferry will not run."),
        # Title, date, then a short first paragraph: the title stays above.
        ("Ferry schedule cut\n\n12 May 2019\n\nNo ferry today.\n", "Ferry schedule cut", "No ferry today."),
    ],
)
def test_title_above_or_below_the_date(tmp_path: Path, capture: str, title: str, body: str) -> None:
    page = parse_capture(capture, "capture://x/", source="x.txt")
    assert (page.post.title, page.post.text, page.comments) == (title, body, [])


def test_numbered_list_inside_a_comment_stays_text() -> None:
    capture = (
        "Bridge closure extended\nJune 2, 2021\n\nThe bridge stays closed.\n\n2 Responses\n\n"
        "  1. Ann permalink\n     June 3, 2021 8:00 am\n\n     Two things:\n     1. who pays;\n"
        "     2. when it ends.\n\n     Reply\n     Like\n\n"
        "  2. Bo permalink\n     June 4, 2021 9:15 pm\n\n     Agreed.\n\nLeave a Reply\n"
    )
    page = parse_capture(capture, "capture://x/", source="x.txt")
    assert [(c.author, c.text) for c in page.comments] == [
        ("Ann", "Two things:\n1. who pays;\n2. when it ends."), ("Bo", "Agreed.")]


def test_pipe_shape_post_meta_and_footer() -> None:
    page = only_page(DATA / "capture_pipe_headers.txt")
    assert (page.post.title, page.post.author) == ("Ferry schedule cut after engine failure", "Sam Okafor")
    assert page.post.published == "2019-05-12T00:00:00"
    assert "Recent Posts" not in page.post.text and "Comments" not in page.post.text
    assert [(c.author, c.published) for c in page.comments] == [
        ("Ruth K", "2019-05-12T14:05:00"),
        ("Sam Okafor", "2019-05-12T15:40:00"),
    ]
    assert page.comments[1].parent == page.comments[0].id
    assert page.comments[1].text == "Three weeks is their estimate; the harbour master said a month."
    assert "Storm warning" not in page.comments[1].text


def test_heading_count_mismatch_is_a_warning() -> None:
    text = (DATA / "capture_pipe_headers.txt").read_text(encoding="utf-8").replace("Comments (2)", "Comments (5)")
    page = parse_capture(text, "capture://x/", source="x.txt")
    assert page.warnings == ["the heading announces 5 comments; 2 were read"]


@pytest.mark.parametrize(
    "text",
    ["Just a note to self.\nNothing dated here.\n", "Title only\n\nbody without a date line\n"],
)
def test_text_without_a_post_is_a_problem(tmp_path: Path, text: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    items = list(read_threads(path, fmt="text"))
    assert len(items) == 1 and isinstance(items[0], IngestProblem)
    assert items[0].file == str(path) and "no date line" in items[0].reason


def _two_comment_capture(first_body: str, second_header: str) -> str:
    """A post and two comments: Parwin's (whose text is `first_body`) and one under `second_header`."""
    return (
        "Well repairs in the lower village\nApril 2, 2018\n\nThe new pump was fitted on Monday.\n\n"
        "2 Comments\n\nParwin Sadat says:\nApril 3, 2018 at 7:10 am\n\n"
        f"{first_body}\n\nReply\n\n{second_header}\n\nThe seal was ordered from the city.\n\nLeave a Reply\n"
    )


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("Hamid K. says:\nApril 3, 2018 at 8:45 am", "Hamid K."),
        ("Yusuf Ali Jr. says:\nApril 3, 2018 at 8:45 am", "Yusuf Ali Jr."),
        ("Dr. Nasrin Habibi says:\nApril 3, 2018 at 8:45 am", "Dr. Nasrin Habibi"),
        ("Farid M.A. says:\nApril 3, 2018 at 8:45 am", "Farid M.A."),
        ("Ahmad bin Saeed Sr. says:\nApril 3, 2018 at 8:45 am", "Ahmad bin Saeed Sr."),
        ("S. Baloch, Ph.D. says:\nApril 3, 2018 at 8:45 am", "S. Baloch, Ph.D."),
        ("Hamid K. says: April 3, 2018 at 8:45 am", "Hamid K."),
        ("Hamid K. on April 3, 2018 at 8:45 am said:", "Hamid K."),
        ("Hamid K. | April 3, 2018 8:45", "Hamid K."),
        ("Hamid K.\nApril 3, 2018 at 8:45 am", "Hamid K."),
    ],
)
def test_author_ending_in_a_full_stop_is_a_header(header: str, author: str) -> None:
    page = parse_capture(_two_comment_capture("The pump still leaks at night.", header),
                         "capture://x/", source="x.txt")
    assert [(c.author, c.published, c.text) for c in page.comments] == [
        ("Parwin Sadat", "2018-04-03T07:10:00", "The pump still leaks at night."),
        (author, "2018-04-03T08:45:00", "The seal was ordered from the city."),
    ]
    assert page.warnings == []


@pytest.mark.parametrize(
    "sentence",
    [
        "My cousin, who drives the water truck, says:",
        "That is roughly what the U.S. says:",
        "We waited a week. Karim says:",
        "The U.S. aid office says: April 9, 2018",
        "It broke again. Karim says: April 9, 2018",
        "Ask at the office. | April 9, 2018",
    ],
)
def test_sentence_ending_in_says_stays_comment_text(sentence: str) -> None:
    """A header needs a date and a name: a sentence in a comment that ends in "says:" (a full stop
    where no name has one, or no date) stays in that comment's text."""
    body = f"The pump still leaks at night.\n{sentence}\nthe seal is the wrong size."
    page = parse_capture(_two_comment_capture(body, "Hamid K. says:\nApril 3, 2018 at 8:45 am"),
                         "capture://x/", source="x.txt")
    assert [c.author for c in page.comments] == ["Parwin Sadat", "Hamid K."]
    assert page.comments[0].text == body


BAD_DATES = """Field Notes
Water rights dispute reaches the council
Posted on {post_date} by Hamid Nouri

Farmers say the new sluice gate has cut their share of water by half.

1 thought on “Water rights dispute reaches the council”

Leila Rahimi says:
{comment_date}

The gate was installed in December, not January.

Leave a Reply
"""


@pytest.mark.parametrize(
    ("post_date", "comment_date", "post_iso", "comment_iso", "notes"),
    [
        ("March 3, 2015", "Octember 3, 2013 25:61 pm", "2015-03-03T00:00:00", None,
         ["line 10: the comment's date 'Octember 3, 2013 25:61 pm' could not be read"]),
        ("Octember 3, 2015", "March 4, 2015 at 8:15 am", None, "2015-03-04T08:15:00",
         ["line 3: the post's date 'Octember 3, 2015' could not be read"]),
        ("March 3, 2015", "March 4, 2015 at 8:15 am", "2015-03-03T00:00:00", "2015-03-04T08:15:00", []),
    ],
    ids=["comment", "post", "both-readable"],
)
def test_an_unreadable_date_keeps_its_document_with_a_note(
    tmp_path: Path, post_date: str, comment_date: str, post_iso: str | None, comment_iso: str | None,
    notes: list[str],
) -> None:
    path = tmp_path / "capture.txt"
    path.write_text(BAD_DATES.format(post_date=post_date, comment_date=comment_date), encoding="utf-8")
    (page,) = [p for p in read(path) if isinstance(p, ParsedPage)]
    assert (page.post.published, page.post.text) == (post_iso, "Farmers say the new sluice gate has cut their share of water by half.")
    assert [(c.author, c.published, c.text) for c in page.comments] == [
        ("Leila Rahimi", comment_iso, "The gate was installed in December, not January.")]
    shown = [c.published_text for c in page.comments] + [page.post.published_text]
    assert comment_date in shown and post_date in shown  # the date text is kept either way
    assert [w for w in page.warnings if "could not be read" in w] == [n + ("; the comment is kept without one" if "comment" in n else "; the post is kept without one") for n in notes]
    assert not any("announces" in w for w in page.warnings)
