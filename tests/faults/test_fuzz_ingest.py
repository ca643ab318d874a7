"""Hostile files for `claimline ingest`: every format's reader yields threads and problems naming
the file, never an exception and never a hang; storing what they yield never duplicates.

Sources: the shared real corpus (saved pages, WXR and Blogger exports, feeds, REST JSON), our
own text captures (`fixtures/texts/`) and ingest edge files (`tests/crawler/data/ingest/`), each
mutated and written under its own name (the name is a format hint for the readers).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from crawler.ingest.runner import ingest_paths
from store.models import Document

from .hostile import FIXTURE_TEXTS, REPO, check_ingest, corpus_files
from .mutations import MUTATIONS, mutate

INGEST_DATA = REPO / "tests" / "crawler" / "data" / "ingest"
INGEST_SUFFIXES = (".html", ".xml", ".atom", ".rss", ".json", ".txt", ".warc")
FUZZ = settings(
    max_examples=12, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
mutation_names = st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def own_files() -> list[Path]:
    return sorted([*FIXTURE_TEXTS.glob("*.txt"), *(p for p in INGEST_DATA.iterdir() if p.is_file())])


def _write(tmp: Path, original: Path, body: bytes, tag: str) -> Path:
    folder = tmp / tag
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / original.name
    path.write_bytes(body)
    return path


@FUZZ
@given(index=st.integers(min_value=0), names=mutation_names, seed=seeds)
def test_mutated_own_files_are_read_or_reported(tmp_path: Path, index: int, names: list[str], seed: int) -> None:
    files = own_files()
    original = files[index % len(files)]
    path = _write(tmp_path, original, mutate(original.read_bytes(), names, seed), f"{seed}-{'-'.join(names)}")
    check_ingest(path)


@FUZZ
@given(index=st.integers(min_value=0), names=mutation_names, seed=seeds)
def test_mutated_corpus_files_of_every_format_are_read_or_reported(
    shared_dir: Path, tmp_path: Path, index: int, names: list[str], seed: int
) -> None:
    files = corpus_files(shared_dir, INGEST_SUFFIXES)
    original = files[index % len(files)]
    path = _write(tmp_path, original, mutate(original.read_bytes(), names, seed), f"{seed}-{'-'.join(names)}")
    check_ingest(path)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_mutation_of_each_own_file(tmp_path: Path, name: str) -> None:
    for original in own_files():
        path = _write(tmp_path, original, mutate(original.read_bytes(), [name], 7), original.stem)
        check_ingest(path)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("nul.txt", b"Title\x00\n\nA post\x00 with NUL bytes.\n"),
        ("bomb.html", b"<html><body>" + b"<div>" * 10_000 + b"</body></html>"),
        ("empty.xml", b""),
        ("only-bom.html", b"\xef\xbb\xbf"),
        ("fake.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999\r\n\r\n<html>"),
        ("fake.json", b'{"id": 1, "content": {"rendered": null}, "link": 7}'),
        ("list.json", b'[{"id": "x", "post": [], "content": {"rendered": {"a": 1}}, "date": 12}]'),
        ("types.json", b'[{"id": 2, "post": 1, "parent": [1], "author_name": 5, "author_url": {}, "type": 3,'
                       b' "link": "http://a.test/p/#comment-2", "date_gmt": 7, "_embedded": [1],'
                       b' "content": {"rendered": "<p>hi</p>"}}]'),
        ("gz.warc.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 64),
        # found by bench/fuzz.py: warcio reads a header with no line ends as no records at all
        ("damaged-header.warc", b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Block-Digest: sha" + b"<table>" * 20_000),
    ],
)
def test_odd_files_are_read_or_reported(tmp_path: Path, name: str, body: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    threads, problems = check_ingest(path)
    assert threads + problems >= 1, f"{name}: neither a thread nor a problem"


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count(Document.id))).scalar_one()


def test_storing_mutated_files_twice_adds_nothing_the_second_time(tmp_path: Path, db_url: str, engine: Engine) -> None:
    """Every mutation, each of two own files, ingested into SQLite and PostgreSQL: problems, not
    crashes (NUL bytes, surrogates, control codes included); a second ingest adds no row."""
    folder = tmp_path / "hostile"
    files = own_files()
    for n, name in enumerate(sorted(MUTATIONS)):
        for original in (files[n % len(files)], files[(n + 5) % len(files)]):
            _write(folder, original, mutate(original.read_bytes(), [name], 100 + n), f"{name}")
    first = ingest_paths(engine, [folder])
    assert first.files > 0
    stored = _count(engine)
    assert stored == first.posts_new + first.comments_new, first.to_json()
    second = ingest_paths(engine, [folder])
    assert _count(engine) == stored
    assert second.posts_new == 0 and second.comments_new == 0
    assert second.threads == first.threads


def test_nul_characters_land_on_both_databases_as_replacement_characters(
    tmp_path: Path, db_url: str, engine: Engine
) -> None:
    """A REST export may escape NUL (`\\u0000`); PostgreSQL text cannot hold it, so the thread was
    lost there while SQLite kept it. Both now store it, NUL read as U+FFFD."""
    path = tmp_path / "comments.json"
    path.write_text(
        '[{"id": 5, "link": "http://nul.test/p/", "title": {"rendered": "T\\u0000itle"},'
        ' "content": {"rendered": "<p>a\\u0000b</p>"}},'
        ' {"id": 9, "post": 5, "author_name": "N\\u0000n", "content": {"rendered": "c\\u0000d"},'
        ' "link": "http://nul.test/p/#comment-9"}]'
    )
    summary = ingest_paths(engine, [path])
    assert summary.threads == 1 and not summary.problems, summary.to_json()
    with engine.connect() as conn:
        rows = set(conn.execute(select(Document.kind, Document.title, Document.text, Document.author_name)))
    assert rows == {("post", "T\ufffditle", "a\ufffdb", None), ("comment", None, "c\ufffdd", "N\ufffdn")}
