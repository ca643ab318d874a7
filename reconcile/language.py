"""Which language a document is written in, so that only English is read for claims.

py3langid ships its model inside the package (no download). Short texts ("Thanks!", a name)
say too little to judge: they are taken as English, where a misjudgement costs nothing.
"""
from __future__ import annotations

MIN_CHARS = 60
"""Below this many letters a text is not judged."""
SUPPORTED: frozenset[str] = frozenset({"en"})


def page_language(tag: str | None) -> str | None:
    """The primary subtag of a page's declared language ("en-GB" -> "en")."""
    if not tag:
        return None
    return tag.lower().replace("_", "-").split("-")[0] or None


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    letters = sum(ch.isalpha() for ch in text[:4000])
    if letters < MIN_CHARS:
        return None
    import py3langid

    code, _score = py3langid.classify(text[:4000])
    return code


def unsupported_reason(text: str, declared: str | None) -> str | None:
    """Why a document is not extracted ("written in de"), or None when it is read."""
    lang = detect(text)
    if lang is None:
        lang = page_language(declared)
    if lang is None or lang in SUPPORTED:
        return None
    return f"written in {lang!r}, not English"
