"""Derived indexes kept on disk between processes, so a short-lived process need not rebuild them.

A cache file holds one ``marshal``-ed payload under a key that names everything the payload was
derived from (the data package's version, a digest of the source that folds the names). A file
whose key differs, that is truncated, corrupt or of another Python's marshal format is ignored and
replaced: the cache is only ever a shortcut, never a source of truth, so nothing about it is an
error the user would see. Files are written to a temporary name and renamed into place, so a
reader never sees half a file and concurrent writers do not interleave.

The directory is ``$CLAIMLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimline``, else
``~/.cache/claimline``.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "CLAIMLINE_CACHE_DIR"
_FORMAT = 1  # bump when the file layout below changes


def cache_dir() -> Path:
    """Where cache files live (see the module docstring); not created here."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "claimline"


def source_digest(paths: Iterable[Path], *versions: str) -> str:
    """A key for what was derived from these source files and package versions (and this Python,
    whose marshal format may differ)."""
    h = hashlib.sha256()
    h.update(f"{_FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|{'|'.join(versions)}".encode())
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key[:20]}.marshal"


def read(path: Path, key: str) -> Any | None:
    """The payload stored at ``path`` under ``key``; None when missing, stale or unreadable."""
    try:
        data = path.read_bytes()
        stored = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == _FORMAT and stored[1] == key):
        return None
    return stored[2]


def write(path: Path, key: str, payload: Any) -> bool:
    """Store ``payload`` (marshal-able values only) atomically; remove older files of the same
    name. False, silently, when the directory cannot be written (a read-only home, a full disk)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps((_FORMAT, key, payload)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return False
    stem = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{stem}-*.marshal"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return True
