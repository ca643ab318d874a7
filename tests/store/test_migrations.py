"""The schema is Alembic's: head on an empty database, down and up again, models == migrations."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from store.engine import make_engine
from store.models import Base
from store.schema import alembic_config, current_revision, downgrade, head_revision, upgrade

BACKENDS = ["sqlite", "postgresql"]


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_upgrade_creates_every_table(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(engine) == head_revision(engine)
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_downgrade_to_base_and_up_again(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_models_and_migrations_agree(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == [], f"models differ from migrations; write a revision: {diff}"


def test_revision_chain_is_linear() -> None:
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    heads = script.get_heads()
    assert len(heads) == 1, f"more than one head: {heads}"
    revisions = list(script.walk_revisions())
    bases = [r for r in revisions if r.down_revision is None]
    assert len(bases) == 1
    for rev in revisions:
        assert not isinstance(rev.down_revision, (tuple, list)), f"merge revision {rev.revision}"
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_commands_started_together_on_a_fresh_database_all_succeed(empty_db_url: str) -> None:
    """A crawl and a reconcile started at once on a new database: each brings it to head or finds
    it there; none fails on "table already exists" or a duplicate revision row."""
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    cmd = [sys.executable, "-c", "from cli.main import main; main()", "--db", empty_db_url, "db", "upgrade"]
    runs = [subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    results = [(run.wait(timeout=120), run.communicate()[1]) for run in runs]
    assert all(code == 0 for code, _ in results), [err[-800:] for code, err in results if code]
    engine = make_engine(empty_db_url)
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()


def test_head_read_from_the_files_is_alembics() -> None:
    from store.schema import _head_from_files

    assert _head_from_files() == head_revision(make_engine("sqlite://"))


_REV = 'revision = "{rev}"\ndown_revision = {down}\n'


@pytest.mark.parametrize(
    ("files", "head"),
    [
        ({"a.py": _REV.format(rev="a", down="None"), "b.py": _REV.format(rev="b", down='"a"')}, "b"),
        # annotated, as our own revisions are written
        ({"a.py": 'revision: str = "a"\ndown_revision: str | None = None\n'}, "a"),
        # two heads, a merge, a file without a revision, a revision given by an expression:
        # unsure, so Alembic decides
        ({"a.py": _REV.format(rev="a", down="None"), "b.py": _REV.format(rev="b", down='"a"'),
          "c.py": _REV.format(rev="c", down='"a"')}, None),
        ({"a.py": _REV.format(rev="a", down="None"), "b.py": _REV.format(rev="b", down='("a", "x")')}, None),
        ({"a.py": _REV.format(rev="a", down="None"), "b.py": "down_revision = 'a'\n"}, None),
        ({"a.py": 'revision = "a" + "b"\ndown_revision = None\n'}, None),
    ],
)
def test_head_from_files_only_when_plain(tmp_path: Path, files: dict[str, str], head: str | None) -> None:
    from store.schema import _head_from_files

    for name, source in files.items():
        (tmp_path / name).write_text(source)
    assert _head_from_files(tmp_path) == head


@pytest.mark.parametrize("empty_db_url", BACKENDS, indirect=True)
def test_a_command_on_a_database_at_head_does_not_load_alembic(empty_db_url: str) -> None:
    """Every command brings the database to head first; at head that check costs a query, not
    Alembic's import (a fifth of a second of every command). Behind head, Alembic upgrades it."""
    engine = make_engine(empty_db_url)
    upgrade(engine)
    downgrade(engine, "-1")
    engine.dispose()
    repo = Path(__file__).resolve().parents[2]
    script = (
        "import sys\nfrom store.engine import make_engine\nfrom store.schema import ensure_schema\n"
        f"engine = make_engine({empty_db_url!r})\n"
        "print(ensure_schema(engine), 'alembic' in sys.modules)\n"
    )
    run = [sys.executable, "-c", script]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    first = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    second = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert (first.stdout.split(), second.stdout.split()) == (["True", "True"], ["False", "False"]), \
        first.stderr[-800:] + second.stderr[-800:]
