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
