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
