"""`claimline ingest` through click's runner: summary on stdout, problems on stderr, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli

DATA = Path(__file__).resolve().parent.parent / "crawler" / "data" / "ingest"
SEED = "seed/000_b58bb04bcea9579c.txt"


def run(db_url: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db_url, "ingest", *args])


def test_seed_twice_json(db_url: str, shared_dir: Path) -> None:
    first = run(db_url, "--json", str(shared_dir / SEED))
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert (data["posts"]["new"], data["comments"]["new"], data["problems"]) == (1, 2, [])
    again = json.loads(run(db_url, "--json", str(shared_dir / SEED)).stdout)
    assert (again["posts"]["new"], again["comments"]["new"], again["comments"]["unchanged"]) == (0, 0, 2)


def test_problems_on_stderr_with_file_and_reason(db_url: str, shared_dir: Path) -> None:
    out = run(db_url, str(DATA / "broken_record.warc"), str(DATA / "unknown_format.dat"), str(shared_dir / SEED))
    assert out.exit_code == 1  # one file could not be read at all
    assert f"error: {DATA / 'unknown_format.dat'}: unknown format" in out.stderr
    assert f"problem: {DATA / 'broken_record.warc'} (byte " in out.stderr
    assert "threads: 3" in out.stdout and "files: 3 read, 1 failed" in out.stdout


def test_per_record_problems_exit_zero(db_url: str) -> None:
    out = run(db_url, str(DATA / "truncated_export.xml"))
    assert out.exit_code == 0, out.output
    assert "truncated" in out.stderr and "threads: 1" in out.stdout


def test_url_names_one_file(db_url: str, shared_dir: Path) -> None:
    out = run(db_url, "--url", "https://blog.example/post/", str(DATA))
    assert out.exit_code == 2 and "--url names one file" in out.output
    out = run(db_url, "--json", "--url", "https://blog.example/2013/09/defection/", str(shared_dir / SEED))
    assert out.exit_code == 0 and json.loads(out.stdout)["per_file"][0]["threads"] == 1


def _mirror(shared_dir: Path, tmp_path: Path) -> Path:
    """whizzy.org's saved page where its mirror keeps it, and the post's comment feed beside it:
    both give only site-relative addresses."""
    real = shared_dir / "corpus" / "real"
    folder = tmp_path / "mirror"
    page = folder / "2017" / "02" / "23" / "cisco-7941-asterisk-and-sip" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes((real / "wordpress" / "whizzy.org_cisco-7941-asterisk-and-sip.html").read_bytes())
    feed = page.parent / "feed" / "index.xml"
    feed.parent.mkdir()
    feed.write_bytes((real / "feeds" / "whizzy.org_cisco-7941-asterisk-and-sip_comments-feed.xml").read_bytes())
    return folder


def _sites_and_posts(db_url: str) -> tuple[list[str], list[str]]:
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from store.models import Document, Site

    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            sites = sorted(session.scalars(select(Site.base_url)).all())
            posts = sorted(session.scalars(select(Document.url).where(Document.kind == "post")).all())
    finally:
        engine.dispose()
    return sites, posts


def test_without_addresses_a_page_and_its_feed_are_two_sites(db_url: str, shared_dir: Path, tmp_path: Path) -> None:
    out = run(db_url, str(_mirror(shared_dir, tmp_path)))
    assert out.exit_code == 0, out.output
    sites, _ = _sites_and_posts(db_url)
    assert sites and "https://whizzy.org/" not in sites and all(s.startswith("capture://") for s in sites)


@pytest.mark.parametrize("how", ["base-url", "url-map"])
def test_base_url_or_map_puts_a_page_and_its_feed_on_one_site(
    db_url: str, shared_dir: Path, tmp_path: Path, how: str
) -> None:
    folder = _mirror(shared_dir, tmp_path)
    if how == "base-url":
        args = ["--base-url", "https://whizzy.org/", str(folder)]
    else:
        mapping = tmp_path / "addresses.txt"
        mapping.write_text("# file  address\n"
                           "mirror/2017/02/23/cisco-7941-asterisk-and-sip/index.html  "
                           "https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/\n"
                           "mirror/2017/02/23/cisco-7941-asterisk-and-sip/feed/index.xml  "
                           "https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/feed/\n", encoding="utf-8")
        args = ["--url-map", str(mapping), str(folder)]
    out = CliRunner().invoke(cli, ["--db", db_url, "ingest", "--json", *args])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["threads"] == 2 and data["posts"]["new"] == 1  # the feed's thread is the page's post
    assert data["comments"]["new"] == 38  # the feed's comments are the page's, not more of them
    assert _sites_and_posts(db_url) == (["https://whizzy.org/"],
                                        ["https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "whizzy.org"], "--base-url needs an http(s) address"),
        (["--url-map", "MAP"], "(line 2): expected a file and its http(s) address"),
        (["--url", "https://a.example/", "--base-url", "https://b.example/"], "cannot be used together"),
    ],
    ids=["base-not-web", "bad-map-line", "url-and-base"],
)
def test_address_options_refuse_mistakes(db_url: str, shared_dir: Path, tmp_path: Path,
                                         args: list[str], message: str) -> None:
    mapping = tmp_path / "map.txt"
    mapping.write_text("# ok\nonly-a-path\n", encoding="utf-8")
    args = [str(mapping) if a == "MAP" else a for a in args]
    out = run(db_url, *args, str(shared_dir / SEED))
    assert out.exit_code == 2 and message in out.stderr, out.output


@pytest.mark.parametrize("how", ["base-url", "url-map"])
@pytest.mark.parametrize("which", ["index.html", "feed/index.xml"])
def test_parse_shows_the_addresses_ingest_stores(
    db_url: str, shared_dir: Path, tmp_path: Path, how: str, which: str
) -> None:
    """`parse FILE` with ingest's address options shows the post and comment addresses that
    `ingest FILE` with the same options stores (issue 17: parse and ingest agree on every file)."""
    folder = _mirror(shared_dir, tmp_path)
    path = folder / "2017" / "02" / "23" / "cisco-7941-asterisk-and-sip" / which
    if how == "base-url":
        options = ["--base-url", "https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/"]
    else:
        mapping = tmp_path / "addresses.txt"
        mapping.write_text(f"{path.relative_to(tmp_path)}  https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/"
                           f"{'feed/' if which.startswith('feed') else ''}\n", encoding="utf-8")
        options = ["--url-map", str(mapping)]
    shown = CliRunner().invoke(cli, ["--db", db_url, "parse", "--json", *options, str(path)])
    assert shown.exit_code == 0, shown.output
    page = json.loads(shown.stdout)
    stored = run(db_url, *options, str(path))
    assert stored.exit_code == 0, stored.output
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from store.models import Document

    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            posts = session.scalars(select(Document.url).where(Document.kind == "post")).all()
            comments = set(session.scalars(select(Document.permalink).where(Document.kind == "comment")).all())
    finally:
        engine.dispose()
    assert page["post"]["url"] == "https://whizzy.org/2017/02/23/cisco-7941-asterisk-and-sip/"
    assert posts == [page["post"]["url"]]
    assert comments == {c["permalink"] for c in page["comments"]} and len(comments) == 38


def test_parse_refuses_address_options_for_a_web_page_and_beside_url(db_url: str, shared_dir: Path) -> None:
    web = CliRunner().invoke(cli, ["parse", "--base-url", "https://a.example/", "https://a.example/post/"])
    assert web.exit_code == 1 and "a web page has its own" in web.output
    both = CliRunner().invoke(cli, ["parse", "--url", "https://a.example/", "--base-url", "https://b.example/",
                                    str(shared_dir / SEED)])
    assert both.exit_code == 2 and "cannot be used together" in both.stderr


def _page(title: str, text: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


@pytest.mark.parametrize("how", ["no-address", "base-url"])
def test_two_files_given_one_made_up_address_are_not_merged(db_url: str, tmp_path: Path, how: str) -> None:
    """Two saved pages that name no address of their own and would be given the same one (both
    `capture://index/` by name; `a/index.htm` and `a/index.html` both `<base>/a/`): the second is
    not stored over the first, and the message names both files (issue 17)."""
    folder = tmp_path / "mirror"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "index.htm").write_text(_page("Harbour", "The harbour wall was rebuilt."), encoding="utf-8")
    second = folder / ("b" if how == "no-address" else "a") / "index.html"
    second.parent.mkdir(exist_ok=True)
    second.write_text(_page("Bridge", "The bridge opened in May."), encoding="utf-8")
    args = ["--base-url", "https://harbour.example/"] if how == "base-url" else []
    out = run(db_url, *args, str(folder))
    assert out.exit_code == 1, out.output
    assert f"error: {second}: not stored" in out.stderr and f"is {folder / 'a' / 'index.htm'}'s" in out.stderr
    assert "--base-url URL or --url-map FILE" in out.stderr
    assert f"note: {second}" not in out.stderr  # no "stored under ..." note for the refused file
    assert "files: 2 read, 1 failed" in out.stdout and "threads: 1" in out.stdout

    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from store.models import Document

    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            texts = session.scalars(select(Document.text).where(Document.kind == "post")).all()
    finally:
        engine.dispose()
    assert len(texts) == 1 and "harbour wall" in texts[0]


def test_an_unreadable_comment_date_is_a_note_naming_the_file_and_line(db_url: str, tmp_path: Path) -> None:
    """The comment is stored, undated, with its date text; the note says which file and line."""
    path = tmp_path / "well.txt"
    path.write_text("Well repairs\nApril 2, 2018\n\nThe pump was fitted.\n\n1 Comment\n\nParwin says:\n"
                    "Octember 3, 2013 25:61 pm\n\nIt leaks.\n\nLeave a Reply\n", encoding="utf-8")
    out = run(db_url, "--json", str(path))
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["comments"]["new"] == 1
    (note,) = [line for line in out.stderr.splitlines() if "Octember" in line]
    assert note.startswith(f"note: {path}") and "line 9:" in note and "kept without one" in note
