"""The two costly steps of the core (folding names, scoring name pairs) in worker processes.

Both are pure functions of their inputs, so with ``workers > 1`` they fan out to forked processes
in chunks when there is enough work to pay for the fork. Off by default: on a 2-core machine
shared with other work, measured slower than one process (fork and contention cost more than
they save); ``bench/resolve.py --workers N`` measures it.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from reconcile.names import TokenWeights, name_key, similarity

PARALLEL_MIN = 20_000
CHUNK = 4_000

_weights: TokenWeights | None = None
_reps: dict[str, str] = {}
_kind = "PERSON"


def _keys_chunk(items: Sequence[tuple[str, str]]) -> list[str]:
    return [name_key(name, kind) if name else "" for name, kind in items]


def _sims_chunk(pairs: Sequence[tuple[str, str]]) -> list[float]:
    return [similarity(_reps.get(a, a), _reps.get(b, b), _kind, _weights) for a, b in pairs]


def _init_sims(weights: TokenWeights, reps: dict[str, str], kind: str) -> None:
    global _weights, _reps, _kind
    _weights, _reps, _kind = weights, reps, kind


def _chunks(seq: Sequence, size: int) -> list[Sequence]:
    return [seq[i : i + size] for i in range(0, len(seq), size)]


def _pool(workers: int, **kwargs) -> ProcessPoolExecutor | None:
    if workers < 2 or "fork" not in get_all_start_methods():
        return None
    return ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1), mp_context=get_context("fork"), **kwargs)


def name_keys(items: Sequence[tuple[str, str]], workers: int = 1) -> list[str]:
    """``name_key(name, kind)`` for each (name, kind), in order."""
    pool = _pool(workers) if len(items) >= PARALLEL_MIN else None
    if pool is None:
        return _keys_chunk(items)
    with pool:
        out: list[str] = []
        for part in pool.map(_keys_chunk, _chunks(items, CHUNK)):
            out.extend(part)
        return out


def similarities(pairs: Sequence[tuple[str, str]], reps: dict[str, str], kind: str, weights: TokenWeights,
                 workers: int = 1) -> list[float]:
    """``similarity`` of the representative names of each pair of keys, in order."""
    pool = _pool(workers, initializer=_init_sims, initargs=(weights, reps, kind)) if len(pairs) >= PARALLEL_MIN else None
    if pool is None:
        _init_sims(weights, reps, kind)
        return _sims_chunk(pairs)
    with pool:
        out: list[float] = []
        for part in pool.map(_sims_chunk, _chunks(pairs, CHUNK)):
            out.extend(part)
        return out
