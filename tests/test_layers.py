"""Data flows one way (DESIGN.md): crawler -> store <- reconcile <- cli. Checked on the imports.

The web workbench (`web/`, started by `claimline serve`) sits beside cli/: it reads through
reconcile/ and store/ and holds no queries of its own (no SQLAlchemy import), and nothing below
it imports it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "crawler": ("reconcile", "cli", "web"),
    "store": ("crawler", "reconcile", "cli", "web"),
    "reconcile": ("crawler", "scrapy", "cli", "web", "starlette", "jinja2"),
    "web": ("crawler", "scrapy", "cli", "sqlalchemy"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downstream(package: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / package).rglob("*.py"))
        for name in _imports(path)
        if name in FORBIDDEN[package]
    ]
    assert offenders == []


@pytest.mark.parametrize("tool", [["ruff", "check"], ["mypy"]], ids=["ruff", "mypy"])
def test_store_and_reconcile_pass_the_linters(tool: list[str]) -> None:
    """The checks .ci/run makes, here too so that every landing runs them (HELPERS: test_layers)."""
    import subprocess
    import sys

    exe = Path(sys.executable).parent / tool[0]
    done = subprocess.run([str(exe), *tool[1:], "store", "reconcile"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(tool)} store reconcile failed:\n{done.stdout}{done.stderr}"
