"""Cache files of derived indexes: a round trip, and every broken file read as "no cache"."""
from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from reconcile import index_cache

PAYLOAD = ([(1, "Herat", "city", "AF", "11", 34.3, 62.2, 436300)], {"herat": [0]}, {"AF": 0})


def test_payload_round_trips_under_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index_cache.CACHE_DIR_ENV, str(tmp_path / "made-on-write"))
    path = index_cache.cache_path("thing", "k" * 64)
    assert path.parent == tmp_path / "made-on-write"
    assert index_cache.read(path, "k" * 64) is None
    assert index_cache.write(path, "k" * 64, PAYLOAD)
    assert index_cache.read(path, "k" * 64) == PAYLOAD
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00garbage\xff" * 10, id="garbage"),
        pytest.param(marshal.dumps((1, "k" * 64, PAYLOAD))[:-7], id="truncated"),
        pytest.param(marshal.dumps((1, "other", PAYLOAD)), id="stale-key"),
        pytest.param(marshal.dumps((999, "k" * 64, PAYLOAD)), id="other-format"),
        pytest.param(marshal.dumps(["k" * 64, PAYLOAD]), id="other-shape"),
    ],
)
def test_broken_or_stale_file_reads_as_missing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "thing-x.marshal"
    path.write_bytes(content)
    assert index_cache.read(path, "k" * 64) is None


def test_unwritable_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    assert index_cache.write(blocker / "thing-x.marshal", "k", PAYLOAD) is False


def test_new_key_replaces_older_files_of_the_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index_cache.CACHE_DIR_ENV, str(tmp_path))
    old, new = index_cache.cache_path("thing", "a" * 64), index_cache.cache_path("thing", "b" * 64)
    other = index_cache.cache_path("other", "a" * 64)
    for path, key in ((old, "a" * 64), (other, "a" * 64), (new, "b" * 64)):
        assert index_cache.write(path, key, PAYLOAD)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, other.name])


def test_source_digest_changes_with_source_and_version(tmp_path: Path) -> None:
    src = tmp_path / "tables.py"
    src.write_text("A = 1\n")
    first = index_cache.source_digest([src], "pkg 1.0")
    assert index_cache.source_digest([src], "pkg 1.0") == first
    assert index_cache.source_digest([src], "pkg 1.1") != first
    src.write_text("A = 2\n")
    assert index_cache.source_digest([src], "pkg 1.0") != first


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CLAIMLINE_CACHE_DIR": "/x/explicit", "XDG_CACHE_HOME": "/x/xdg"}, "/x/explicit"),
        ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/claimline"),
        ({"HOME": "/x/home"}, "/x/home/.cache/claimline"),
    ],
)
def test_cache_dir_precedence(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for name in ("CLAIMLINE_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert index_cache.cache_dir() == Path(expected)
    assert os.environ.get("CLAIMLINE_CACHE_DIR") == env.get("CLAIMLINE_CACHE_DIR")
