"""`claimline parse FILE|URL`: what the crawler sees on one page; stores nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from crawler.serve import serve_directory

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"
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
        ("empty.html", b"", "empty page"),
        ("data.json", b'{"a": 1}', "not HTML"),
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
