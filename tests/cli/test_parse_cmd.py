"""`claimline parse FILE|URL`: what the crawler sees on one page; stores nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from crawler.serve import serve_directory

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "fixtures" / "sites" / "fixture-blog"
INGEST_DATA = REPO / "tests" / "crawler" / "data" / "ingest"
GOVERNOR = "2013/09/20/district-governor-joins-taliban/"
BIO = "2013/09/24/who-is-qazi-abdul-hai/"


def _run(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    db = tmp_path / "untouched.db"
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{db}", "parse", *args])
    assert not db.exists(), "parse must not store anything"
    return result


def test_json_follows_the_contract(tmp_path: Path) -> None:
    url = "https://blog.example/" + GOVERNOR
    result = _run(tmp_path, str(SITE / GOVERNOR / "index.html"), "--url", url, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"url", "platform", "post", "comments"}
    assert set(data["post"]) == {"id", "url", "title", "author", "published", "text"}
    assert data["url"] == url and data["platform"] == "wordpress"
    assert data["post"]["id"] == "101" and data["post"]["author"] == "Helen Marsh"
    keys = {"id", "permalink", "author", "author_url", "published", "parent", "text", "is_pingback"}
    assert all(set(c) == keys for c in data["comments"])
    by_id = {c["id"]: c for c in data["comments"]}
    assert by_id["203"]["parent"] == "202" and by_id["201"]["parent"] is None
    assert by_id["201"]["permalink"] == url + "#comment-201"
    assert by_id["201"]["published"] == "2013-09-20T21:14:00Z"
    assert "<script>alert(1)</script>" in by_id["205"]["text"]


def test_readable_thread_shows_replies_indented_under_their_parents(tmp_path: Path) -> None:
    result = _run(tmp_path, str(SITE / BIO / "index.html"), "--url", "https://blog.example/" + BIO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Who is Qazi Abdul Hai?")
    sima = next(i for i, l in enumerate(lines) if "#301" in l)
    daud = next(i for i, l in enumerate(lines) if "#302" in l)
    assert daud > sima
    # a reply is drawn one level deeper than the comment it answers
    assert lines[daud].index("Daud") > lines[sima].index("Sima")
    assert "3 comments, 0 pingbacks" in result.stderr


def test_platform_can_be_forced(tmp_path: Path) -> None:
    result = _run(tmp_path, str(SITE / BIO / "index.html"), "--platform", "generic", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["platform"] == "generic"


def test_url_is_fetched_once_politely_and_parsed(tmp_path: Path) -> None:
    with serve_directory(SITE) as base:
        result = _run(tmp_path, base + GOVERNOR + "comment-page-2/", "--json")
        forbidden = _run(tmp_path, base + "private/draft-notes/")
        missing = _run(tmp_path, base + "no/such/page/")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["comments"]] == ["206", "207", "208", "209"]
    assert data["comments"][3]["is_pingback"]
    assert forbidden.exit_code == 1 and "robots.txt" in forbidden.output and "draft-notes" in forbidden.output
    assert missing.exit_code == 1 and "404" in missing.output


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("absent.html", None, "no such file"),
        ("empty.html", b"", "empty"),
        ("data.json", b'{"a": 1}', "JSON that is not a WordPress REST API response"),
        ("notes.txt", b"Nothing dated here.\nJust notes.\n", "unknown format"),
    ],
)
def test_bad_input_names_the_file_and_the_reason(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _run(tmp_path, str(path))
    assert result.exit_code == 1
    assert name in result.output and reason in result.output
    assert "Traceback" not in result.output


CAPTURE = (
    "Well repairs in the lower village\nApril 2, 2018\n\nThe new pump was fitted on Monday.\n\n"
    "2 Comments\n\nParwin Sadat says:\nApril 3, 2018 at 7:10 am\n\nIt still leaks at night.\n\n"
    "    Hamid K. says:\n    April 3, 2018 at 8:45 am\n\n    The seal is on order.\n\nLeave a Reply\n"
)


def test_text_capture_shows_what_ingest_stores(tmp_path: Path) -> None:
    path = tmp_path / "well_repairs.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    result = _run(tmp_path, str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"url", "platform", "post", "comments"}
    assert (data["url"], data["platform"]) == ("capture://well_repairs/", "capture")
    post = data["post"]
    assert (post["title"], post["published"]) == ("Well repairs in the lower village", "2018-04-02T00:00:00")
    first, reply = data["comments"]
    assert (first["author"], first["parent"], first["text"]) == ("Parwin Sadat", None, "It still leaks at night.")
    assert (reply["author"], reply["parent"], reply["text"]) == ("Hamid K.", first["id"], "The seal is on order.")
    readable = _run(tmp_path, str(path), "--url", "https://valley.example/well/")
    assert readable.exit_code == 0, readable.output
    assert "https://valley.example/well/" in readable.stdout and "Hamid K." in readable.stdout
    assert "2 comments, 0 pingbacks" in readable.stderr


def test_a_file_of_many_threads_shows_one_and_says_how_many(tmp_path: Path) -> None:
    warc = str(INGEST_DATA / "broken_record.warc")
    first, second = (_run(tmp_path, warc, "--json", "--thread", n) for n in ("1", "2"))
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "thread 1 of 2" in first.stderr and "thread 2 of 2" in second.stderr
    assert json.loads(first.stdout)["url"] != json.loads(second.stdout)["url"]
    assert "note: " in first.stderr  # the broken record ingest would report
    past = _run(tmp_path, warc, "--thread", "3")
    assert past.exit_code == 1 and "holds 2 threads; there is no thread 3" in past.output


def test_platform_is_for_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "well_repairs.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    result = _run(tmp_path, str(path), "--platform", "wordpress")
    assert result.exit_code == 1 and "HTML page only" in result.output


def test_an_address_typed_without_a_scheme_is_fetched(tmp_path: Path) -> None:
    """`parse 127.0.0.1:PORT/post/` means https, else http (issue 17), not 'no such file'."""
    with serve_directory(SITE) as base:
        typed = base.split("://", 1)[1] + GOVERNOR
        result = _run(tmp_path, typed, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["url"] == base + GOVERNOR
