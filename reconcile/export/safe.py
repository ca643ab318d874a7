"""What every renderer needs to show strangers' text safely: which URLs may become links."""
from __future__ import annotations

import re

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


def link_url(url: str | None) -> str | None:
    """`url` when it is a plain http(s) URL that may be a link target, else None.

    A comment's permalink comes from the page; `javascript:` or `data:` URLs there must be shown
    as text, never followed.
    """
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


# C0 and C1 control characters except tab and newline: a comment carrying ESC sequences must not
# be able to recolour, move or retitle the reviewer's terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str | None) -> str:
    """`text` with control characters shown as visible escapes (`\\x1b`), for terminals."""
    if not text:
        return text or ""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)
