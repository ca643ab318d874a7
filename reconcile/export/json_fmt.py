"""The timeline as JSON: the DESIGN.md contract, as built."""
from __future__ import annotations

import json
from typing import Any


def render(timeline: dict[str, Any]) -> str:
    return json.dumps(timeline, indent=2, ensure_ascii=False) + "\n"
