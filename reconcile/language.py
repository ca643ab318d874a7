"""Which language a document is written in, so that only English is read for claims.

py3langid ships its model inside the package (no download). Short texts ("Thanks!", a name)
say too little to judge: they are taken as English, where a misjudgement costs nothing.
"""
from __future__ import annotations

MIN_CHARS = 40
"""Below this many letters (outside capitalised words) a text is not judged."""
MIN_CONFIDENCE = 0.9
SUPPORTED: frozenset[str] = frozenset({"en"})


def page_language(tag: str | None) -> str | None:
    """The primary subtag of a page's declared language ("en-GB" -> "en")."""
    if not tag:
        return None
    return tag.lower().replace("_", "-").split("-")[0] or None


_identifier = None


def _classify(text: str) -> tuple[str, float]:
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    code, prob = _identifier.classify(text)
    return code, float(prob)


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told.

    Capitalised words are left out first: names ("Mullah Abdul Qahir Sarwari ... Kunduz") are
    in no language and, in the region's prose, pull a short English text towards Hausa or
    Persian. A verdict below MIN_CONFIDENCE is no verdict.
    """
    sample = text[:4000]
    words = [w for w in sample.split() if not w[:1].isupper()]
    plain = " ".join(words)
    if sum(ch.isalpha() for ch in plain) < MIN_CHARS:
        return None
    code, prob = _classify(plain)
    return code if prob >= MIN_CONFIDENCE else None


SHORT_MIN_CHARS = 20
SHORT_MIN_WORDS = 4
NOT_ENGLISH_BELOW = 0.05
"""A line is taken for another language when English gets less than this probability."""
SHORT_NOT_ENGLISH_BELOW = 0.001


def _english_probability(plain: str) -> float:
    _classify("")  # loads the model once
    assert _identifier is not None
    return next((float(p) for code, p in _identifier.rank(plain) if code == "en"), 0.0)


def not_english(text: str) -> bool:
    """Whether one paragraph is written in some other language than English: its lower-case
    words give English almost no chance. The probability of English is what is judged, not the
    best guess, so that a Croatian line split between Croatian, Bosnian and Serbian still counts;
    a short line ("es ist in diesem Fall nicht ...") needs near certainty."""
    words = [w for w in text[:4000].split() if not w[:1].isupper()]
    plain = " ".join(words)
    letters = sum(ch.isalpha() for ch in plain)
    if letters >= MIN_CHARS:
        return _english_probability(plain) < NOT_ENGLISH_BELOW
    if letters < SHORT_MIN_CHARS or sum(any(ch.isalpha() for ch in w) for w in words) < SHORT_MIN_WORDS:
        return False
    return _english_probability(plain) < SHORT_NOT_ENGLISH_BELOW


def foreign_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines of `text` written in another language than English (a German
    paragraph quoted in an English post, placeholder Latin in a theme's demo page)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and not_english(line):
            out.append((pos, end))
        pos = end + 1
    return out


def unsupported_reason(text: str, declared: str | None) -> str | None:
    """Why a document is not extracted ("written in de"), or None when it is read."""
    lang = detect(text)
    if lang is None:
        lang = page_language(declared)
    if lang is None or lang in SUPPORTED:
        return None
    return f"written in {lang!r}, not English"
