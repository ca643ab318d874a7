"""Fixtures every test package shares: where ../shared is, and the databases to run store tests on."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _shared_path() -> Path:
    env = os.environ.get("CLAIMLINE_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder (seed, gold, corpus); skipped with a reason when absent, unless CI requires it."""
    path = _shared_path()
    if not (path / "DESIGN.md").exists():
        reason = f"shared folder not found at {path} (set CLAIMLINE_SHARED)"
        if os.environ.get("CLAIMLINE_REQUIRE_SHARED") == "1":
            pytest.fail(reason + " and CLAIMLINE_REQUIRE_SHARED=1")
        pytest.skip(reason)
    return path


# --- databases -------------------------------------------------------------------------------
# Every store test runs on SQLite and on PostgreSQL. PostgreSQL comes from CLAIMLINE_TEST_PG
# (CI sets it: an unreachable server is then a failure); without it the local default server is
# tried and the PostgreSQL half is skipped, with the reason, only when none answers.

import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from store.engine import make_engine, session_scope  # noqa: E402,F401
from store.models import Base  # noqa: E402
from store.schema import upgrade  # noqa: E402

DEFAULT_TEST_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_admin_url() -> tuple[str | None, str]:
    url = os.environ.get("CLAIMLINE_TEST_PG")
    if url:
        return url, "required"
    return DEFAULT_TEST_PG, "optional"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL database for this run, dropped afterwards; yields its URL."""
    admin_url, mode = _pg_admin_url()
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        reason = f"PostgreSQL at {admin_url} is unreachable: {exc.__class__.__name__}: {exc}"
        if mode == "required":
            pytest.fail(reason + " (CLAIMLINE_TEST_PG is set, so this is a failure)")
        pytest.skip(reason + " (set CLAIMLINE_TEST_PG to make this a failure)")
    name = f"claimline_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_engine_at_head(pg_server: str) -> Iterator[Engine]:
    engine = make_engine(pg_server)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL at schema head, empty, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'claimline.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    engine = request.getfixturevalue("pg_engine_at_head")
    yield engine.url.render_as_string(hide_password=False)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Indirect-parametrize with 'sqlite' or 'postgresql': a database with no schema at all."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    server = request.getfixturevalue("pg_server")
    admin = make_engine(server, isolation_level="AUTOCOMMIT")
    name = f"claimline_empty_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def _drop() -> None:
        eng = make_engine(server, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng.dispose()

    request.addfinalizer(_drop)
    return make_url(server).set(database=name).render_as_string(hide_password=False)


# --- caches ----------------------------------------------------------------------------------
# Derived indexes (reconcile.index_cache) go to a directory of this run, never the user's
# ~/.cache; subprocesses the tests start inherit it.


@pytest.fixture(scope="session", autouse=True)
def _cache_dir_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("claimline-cache")
    previous = os.environ.get("CLAIMLINE_CACHE_DIR")
    os.environ["CLAIMLINE_CACHE_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("CLAIMLINE_CACHE_DIR", None)
    else:
        os.environ["CLAIMLINE_CACHE_DIR"] = previous


# --- Redis (the shared crawl frontier) ---------------------------------------------------------
# From CLAIMLINE_TEST_REDIS, else the local default server. CI runs Redis: there (CI or
# CLAIMLINE_REQUIRE_SHARED set) a missing server is a failure; elsewhere the tests are skipped
# with the reason.

DEFAULT_TEST_REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    url = os.environ.get("CLAIMLINE_TEST_REDIS") or DEFAULT_TEST_REDIS
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        reason = f"Redis at {url} is unreachable: {exc.__class__.__name__}: {exc}"
        if os.environ.get("CI") or os.environ.get("CLAIMLINE_REQUIRE_SHARED") or os.environ.get("CLAIMLINE_TEST_REDIS"):
            pytest.fail(reason + " (CI, CLAIMLINE_REQUIRE_SHARED or CLAIMLINE_TEST_REDIS is set, so this is a failure)")
        pytest.skip(reason + " (start redis-server, or set CLAIMLINE_TEST_REDIS)")
    return url
