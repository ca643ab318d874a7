"""Page content and user input are only ever text: names, quotes and notes full of quotes,
semicolons, SQL, shell metacharacters and right-to-left marks are stored and listed exactly
(through the CLI, on SQLite and PostgreSQL); filters cannot be widened by what is typed into
them; `export -o` never overwrites a file without `--force`.
"""
from __future__ import annotations

import json
from html import escape
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from cli.main import cli
from store.engine import make_engine
from store.models import Base, ClaimLink, Document, ReviewLog

SUBJECT = "Qazi O'Brien"
AUTHOR = "Robert'); DROP TABLE documents;--"
TAIL = "$(rm -rf ~) `id` \"quoted\" \u202e\u0639\u0628\u062f \u0627\u0644\u062d\u06cc\u202c; --"
POST_SENTENCE = f"{SUBJECT} was born in 1956 in Sar-e Pol; DROP TABLE claims;-- the council said."
COMMENT_SENTENCE = f"{SUBJECT} {TAIL} was born in 1958, not 1956."
NOTES: tuple[str, ...] = (
    "it's \"wrong\"; DELETE FROM claim_links WHERE 1=1; --",
    "$(touch /tmp/pwned) `reboot` | rm -rf / & echo %s %% \\n \\x00",
    "\u202eRTL override \u0645\u0631\u062d\u0628\u0627 \u2066isolate\u2069 O'Brien",
)
# Filter values that must never match more than their literal text does.
HOSTILE_FILTERS: tuple[str, ...] = ("%", "_", "' OR '1'='1", "%' OR 1=1 --", "*", ".*", "Qazi%", "\\", "\u202e")


def page() -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Injection</title>'
        '<meta name="generator" content="WordPress 3.6.1">'
        '<link rel="canonical" href="http://inj.test/2013/09/20/post/"></head>'
        '<body class="single postid-7"><article id="post-7" class="post-7 post hentry">'
        f'<h1 class="entry-title">{escape(SUBJECT)}</h1>'
        '<time class="entry-date published" datetime="2013-09-20T10:00:00+00:00">September 20, 2013</time>'
        f'<div class="entry-content"><p>{escape(POST_SENTENCE)}</p></div></article>'
        '<ol class="commentlist"><li class="comment depth-1" id="comment-11"><div class="comment-body">'
        f'<div class="comment-author"><cite class="fn">{escape(AUTHOR)}</cite></div>'
        f"<p>{escape(COMMENT_SENTENCE)}</p></div></li></ol></body></html>"
    )


def run(db_url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db_url, "-q", *args], catch_exceptions=False)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per backend for the whole module (ingest, extract and reconcile take
    seconds): the page ingested, extracted, reconciled. Tests only add review decisions."""
    tmp = tmp_path_factory.mktemp("injection")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'claimline.db'}"
    else:
        url = request.getfixturevalue("pg_engine_at_head").url.render_as_string(hide_password=False)
        _truncate(url)
    path = tmp / "page.html"
    path.write_text(page(), encoding="utf-8")
    for args in (["ingest", str(path)], ["extract"], ["reconcile"]):
        result = run(url, *args)
        assert result.exit_code == 0, (args, result.output)
    yield url
    if request.param == "postgresql":
        _truncate(url)


def _truncate(url: str) -> None:
    engine = make_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def engine(loaded: str) -> Iterator[Engine]:
    eng = make_engine(loaded)
    yield eng
    eng.dispose()


def _texts(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [t for t in conn.execute(select(Document.text)).scalars()]


def test_page_text_is_stored_exactly(loaded: str, engine: Engine) -> None:
    with engine.connect() as conn:
        rows = conn.execute(select(Document.kind, Document.author_name, Document.text, Document.title)).all()
        assert {"documents", "claims", "claim_links"} <= set(inspect(conn).get_table_names())
    by_kind = {kind: (author, text, title) for kind, author, text, title in rows}
    assert by_kind["post"][1] == POST_SENTENCE and by_kind["post"][2] == SUBJECT
    assert by_kind["comment"][0] == AUTHOR and by_kind["comment"][1] == COMMENT_SENTENCE


def test_entities_are_listed_with_their_names_exactly(loaded: str, engine: Engine) -> None:
    items = as_json(run(loaded, "entities", "list", "--json"))
    names = [e["name"] for e in items]
    assert SUBJECT in names
    texts = _texts(engine)
    for e in items:
        for name in (e["name"], *e["aliases"]):
            assert any(name in t for t in texts), f"{name!r} is not in any page: mangled on the way"


def test_conflict_quotes_and_notes_round_trip_exactly(loaded: str, engine: Engine) -> None:
    links = as_json(run(loaded, "conflicts", "list", "--status", "all", "--json"))
    assert links, "the two birth claims were not related"
    texts = _texts(engine)
    quotes = [side["quote"] for link in links for side in (link["a"], link["b"])]
    assert all(any(q in t for t in texts) for q in quotes), "a quote is not verbatim page text"
    assert any(TAIL.split(";")[0] in q for q in quotes)  # metacharacters and RTL marks kept
    assert any(side["source"]["author"] == AUTHOR for link in links for side in (link["a"], link["b"]))

    link_id = links[0]["id"]
    for i, note in enumerate(NOTES):
        if i:  # a link is decided once: take the last decision back before the next
            reopened = run(loaded, "conflicts", "resolve", str(link_id), "--reopen", "--reviewer", AUTHOR)
            assert reopened.exit_code == 0, reopened.output
        result = run(loaded, "conflicts", "resolve", str(link_id), "--dismiss", "--note", note, "--reviewer", AUTHOR)
        assert result.exit_code == 0, result.output
        [listed] = [k for k in as_json(run(loaded, "conflicts", "list", "--status", "all", "--json")) if k["id"] == link_id]
        assert (listed["note"], listed["reviewer"], listed["status"]) == (note, AUTHOR, "dismissed")
    with engine.connect() as conn:
        logged = conn.execute(select(ReviewLog.note).where(ReviewLog.link_id == link_id, ReviewLog.action == "dismiss")
                              .order_by(ReviewLog.id)).scalars()
        assert list(logged)[-len(NOTES):] == list(NOTES)
        assert conn.execute(select(ClaimLink.id)).scalars().all()  # nothing was deleted


def test_entity_filters_cannot_be_widened(loaded: str) -> None:
    every = as_json(run(loaded, "conflicts", "list", "--status", "all", "--json"))
    assert every
    for value, args in (
        (value, args)
        for value in HOSTILE_FILTERS
        for args in (["conflicts", "list", "--status", "all", "--json", "--entity", value],
                     ["export", "timeline", "--format", "json", "--entity", value])
    ):
        result = run(loaded, *args)
        if result.exit_code == 0:
            data = json.loads(result.output)
            found = data if isinstance(data, list) else data["entities"]
            assert found == [], f"--entity {value!r} matched {found}"
        else:
            assert result.exit_code == 1 and value.strip() in result.output or "no entity" in result.output.lower()


def test_a_quoted_name_is_a_filter_like_any_other(loaded: str) -> None:
    links = as_json(run(loaded, "conflicts", "list", "--status", "all", "--json", "--entity", SUBJECT))
    assert links and all(SUBJECT in (link["a"]["subject"]["name"], link["b"]["subject"]["name"]) for link in links)


CLOSED_VOCABULARY_ABUSE: tuple[tuple[str, ...], ...] = (
    ("conflicts", "list", "--type", "conflicts' OR '1'='1"),
    ("conflicts", "list", "--status", "open; DROP TABLE claim_links; --"),
    ("conflicts", "list", "--status", "all' --"),
    ("entities", "list", "--type", "PERSON' OR 1=1 --"),
    ("export", "timeline", "--format", "json; rm -rf /"),
    ("conflicts", "resolve", "1 OR 1=1", "--confirm"),
)


def test_closed_vocabularies_refuse_anything_else(loaded: str, engine: Engine) -> None:
    def state() -> list[tuple]:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(ClaimLink.id, ClaimLink.status, ClaimLink.note))]

    before = state()
    for args in CLOSED_VOCABULARY_ABUSE:
        result = run(loaded, *args)
        assert result.exit_code == 2, (args, result.output)  # click's usage error, before any query
    assert state() == before


def test_export_never_overwrites_without_force(loaded: str, tmp_path: Path) -> None:
    target = tmp_path / "timeline; rm -rf ~ $(id).json"
    target.write_text("keep me")
    refused = run(loaded, "export", "timeline", "--format", "json", "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.output
    assert target.read_text() == "keep me"
    forced = run(loaded, "export", "timeline", "--format", "json", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert SUBJECT in [e["name"] for e in exported["entities"]]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left behind
