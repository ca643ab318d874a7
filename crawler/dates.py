"""Dates as pages show them, turned into ISO 8601.

Machine dates (`<time datetime>`, `content=`, `title="2019-09-25 12:22:29Z"`) go through
`parse_machine_date`; Blogger's `showComment=<ms>` through `from_epoch_ms`; what a reader sees
("6. Juni 2015 um 10:23", "Jun 20th at 2:41 am") through `parse_shown_date`, which uses
dateparser in the page's language. A date shown without a year is resolved against a reference
(the post date): comments come after their post, so the year is the first one that puts the
date on or after the reference.

Output: "...Z" (UTC) when the source carries a zone, naive ISO ("2015-06-06T10:23:00") when not.
"""
from __future__ import annotations

import functools
import re
from datetime import datetime, timezone


# Words around a shown date that are not part of it (lower-case, matched as whole words or
# exact CJK strings). Kept as data: add a language's chrome here, not in code.
NOISE_PREFIXES: tuple[str, ...] = (
    "posted on", "posted", "published on", "published", "updated", "answered", "asked",
    "commented", "edited", "on", "am", "le", "el", "il", "op", "於", "于", "发表于", "發表於",
    "投稿日", "—", "-", "·", "|", "@",
)
NOISE_SUFFIXES: tuple[str, ...] = ("回覆", "回复", "said", "says", "sagt", "schrieb", "·", "|", "-")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b|'\d\d\b")
_SHOW_COMMENT_MS = re.compile(r"showComment=(\d{10,13})")
_SPACES = re.compile(r"\s+")

_MACHINE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%S%z",
)


def to_iso(value: datetime) -> str:
    """UTC "Z" form for aware datetimes, naive ISO otherwise (seconds precision)."""
    value = value.replace(microsecond=0)
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def parse_machine_date(value: str | None, *, date_prefix: bool = True) -> str | None:
    """An ISO-like attribute value ("2018-09-27T15:11:51+0200", "2019-09-25 12:22:29Z, …").

    With `date_prefix` (the default, for attributes) a value that only starts with a date gives
    that date; without it (for text as shown, "2019-03-04 05:06 pm (UTC)") such a value is not
    a machine date, so that the shown time is not cut off.
    """
    if not value:
        return None
    text = value.strip().split(",")[0].strip()
    if not re.match(r"^\d{4}-?\d{2}-?\d{2}", text):
        return None
    try:
        return to_iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    for fmt in _MACHINE_FORMATS:
        try:
            return to_iso(datetime.strptime(text, fmt))
        except ValueError:
            continue
    if not date_prefix and len(text) > 10:
        return None
    try:
        return to_iso(datetime.fromisoformat(text[:10]))
    except ValueError:
        return None


def from_epoch_ms(value: str | int) -> str | None:
    """Epoch milliseconds (Blogger `showComment=`) or seconds, as UTC ISO."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    seconds = number / 1000 if number > 10**11 else number
    try:
        return to_iso(datetime.fromtimestamp(seconds, tz=timezone.utc))
    except (OverflowError, OSError, ValueError):
        return None


def show_comment_time(url: str | None) -> str | None:
    """The UTC time inside a Blogger comment permalink (`?showComment=1433578985419`)."""
    if not url:
        return None
    match = _SHOW_COMMENT_MS.search(url)
    return from_epoch_ms(match.group(1)) if match else None


def _strip_noise(text: str) -> str:
    cleaned = _SPACES.sub(" ", text).strip()
    changed = True
    while changed and cleaned:
        changed = False
        low = cleaned.lower()
        for word in NOISE_PREFIXES:
            if low.startswith(word) and (
                len(low) == len(word) or not word[-1].isalpha() or not low[len(word)].isalpha()
            ) and len(low) > len(word):
                cleaned, changed = cleaned[len(word):].strip(), True
                break
        low = cleaned.lower()
        for word in NOISE_SUFFIXES:
            if low.endswith(word) and len(low) > len(word):
                cleaned, changed = cleaned[: -len(word)].strip(), True
                break
    return cleaned


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, languages: tuple[str, ...], base: datetime | None) -> datetime | None:
    # Aware only when the text names a zone ("05:06 pm (UTC)", "10:23 CET"): to_iso then gives UTC.
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    import dateparser  # imported at the first date shown in words (crawler.parsers.load_libraries)

    try:
        return dateparser.parse(text, languages=list(languages) or None, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date we cannot read is None
        return None


# Tried when a page does not say its language. dateparser can guess among all its ~200 locales,
# but that costs seconds for a date it then cannot read; a fixed short list costs milliseconds.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "pt", "ru", "pl", "sv", "tr")


def _languages(language: str | None) -> tuple[str, ...]:
    if not language:
        return DEFAULT_LANGUAGES
    primary = language.replace("_", "-").split("-")[0].lower()
    if primary == "zh":
        # dateparser names Chinese by script; both are harmless for numeric dates.
        return ("zh", "zh-Hant", "en")
    return (primary, "en") if primary != "en" else ("en",)


def parse_shown_date(
    text: str, *, language: str | None = None, reference: datetime | None = None
) -> tuple[str | None, str]:
    """Parse a date as shown on a page; returns (ISO or None, the original text).

    `language` is the page's language (BCP 47, e.g. "de-DE"); `reference` the post's date, used
    for dates shown without a year and for relative dates ("3 days ago").
    """
    original = _SPACES.sub(" ", text or "").strip()
    if not original:
        return None, original
    machine = parse_machine_date(original, date_prefix=False)
    if machine:
        return machine, original
    candidate = _strip_noise(original)
    base = reference.replace(tzinfo=None) if reference is not None else None
    langs = _languages(language)
    parsed = _dateparser(candidate, langs, base)
    if parsed is None and langs != DEFAULT_LANGUAGES:
        parsed = _dateparser(candidate, DEFAULT_LANGUAGES, base)
    if parsed is None:
        return None, original
    if base is not None and not _YEAR.search(candidate) and parsed.replace(tzinfo=None) < base:
        # No year shown: the first year that puts the comment on or after the post.
        try:
            bumped = parsed.replace(year=parsed.year + 1)
        except ValueError:  # 29 February
            bumped = parsed.replace(year=parsed.year + 1, day=28)
        naive = bumped.replace(tzinfo=None)
        if naive >= base and (naive - base).days < 366:
            parsed = bumped
    return to_iso(parsed), original


def reference_datetime(iso: str | None) -> datetime | None:
    """A naive datetime from one of our ISO strings, for use as `reference`."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=None)
