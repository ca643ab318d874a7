"""Requests in the frontier as JSON, not pickle: whoever can write to the Redis server must not be
able to run code in every crawler. scrapy-redis takes any module with `dumps` and `loads`
(`SCHEDULER_SERIALIZER`); this one encodes what `Request.to_dict` gives: bytes (the body, header
names and values) as `{"$b": base64}`, and dicts with non-string keys (the headers) as
`{"$d": [[key, value], ...]}`.
"""
from __future__ import annotations

import base64
import json
from typing import Any


def _encode(obj: Any) -> Any:
    if isinstance(obj, bytes | bytearray):
        return {"$b": base64.b64encode(bytes(obj)).decode("ascii")}
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"$d": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, list | tuple):
        return [_encode(v) for v in obj]
    return obj


def _decode(obj: Any) -> Any:
    if isinstance(obj, dict):
        if obj.keys() == {"$b"}:
            return base64.b64decode(obj["$b"])
        if obj.keys() == {"$d"}:
            return {_decode(k): _decode(v) for k, v in obj["$d"]}
        return {k: _decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decode(v) for v in obj]
    return obj


def dumps(obj: Any) -> bytes:
    return json.dumps(_encode(obj), separators=(",", ":"), sort_keys=True).encode("utf-8")


def loads(data: bytes | str) -> Any:
    return _decode(json.loads(data))
