"""Titles and honorifics that precede a name, as data, and the function that sets them apart.

Titles are matched case-insensitively, with or without a trailing full stop, and several may
stack ("Haji Mullah", "Lt. Gen."). A title is only split off when a name remains after it, so a
man called "Amir" or "Sheikh" alone keeps his name.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Multi-word titles first: the longest match wins.
TITLES: tuple[str, ...] = (
    # civil and political
    "His Excellency", "Her Excellency", "H.E.", "Senator", "Sen.", "President", "Vice President",
    "Prime Minister", "Minister", "Deputy Minister", "Governor", "Deputy Governor", "Gov.",
    "District Governor", "Ambassador", "Amb.", "Mayor", "Chief", "Judge", "Justice", "Speaker",
    "MP", "MNA", "MPA", "MLA", "Member of Parliament", "Representative", "Rep.", "Hon.", "Honourable", "Honorable",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Sir", "Lady", "Dame", "Madam",
    "Dr", "Dr.", "Doctor", "Prof.", "Prof", "Professor", "Engineer", "Eng.", "Engr.", "Eng",
    # military and police
    "General", "Gen.", "Gen", "Lieutenant General", "Lt. Gen.", "Lt Gen", "Major General", "Maj. Gen.",
    "Maj Gen", "Brigadier General", "Brig. Gen.", "Brigadier", "Brig.", "Brig", "Colonel", "Col.", "Col",
    "Lieutenant Colonel", "Lt. Col.", "Lt Col", "Major", "Maj.", "Captain", "Capt.", "Lieutenant", "Lt.",
    "Sergeant", "Sgt.", "Commander", "Cmdr.", "Cdr.", "Field Marshal", "Marshal", "Admiral", "Adm.",
    "Commandant", "Superintendent of Police", "Senior Superintendent of Police",
    "Deputy Superintendent of Police", "Inspector General of Police", "Superintendent", "Supt.", "Senior Superintendent", "Inspector", "Insp.", "Cpl.",
    # religious and traditional honorifics (Afghan, Pakistani, Arabic usage)
    "Haji", "Hajji", "Hadji", "Al-Hajj", "Al-Haj", "Alhaj", "Alhaji", "Alhajj", "Mullah", "Mulla", "Mollah", "Molla", "Mullo",
    "Mawlawi", "Maulawi", "Maulavi", "Maulvi", "Mawlavi", "Moulvi", "Molvi", "Mowlawi", "Mawlana",
    "Maulana", "Moulana", "Mowlana", "Qari", "Hafiz", "Hafez", "Sheikh", "Shaikh", "Shaykh", "Sheik",
    "Shaykh al-Islam", "Ustad", "Ustaz", "Ustadh", "Ustadz", "Imam", "Ayatollah", "Ayatullah",
    "Hojatoleslam", "Mufti", "Pir", "Sahib", "Akhund", "Emir", "Amir al-Mu'minin", "Khalifa",
    "Prince", "Sardar", "Sirdar", "Mir", "Nawab", "Hazrat", "Khan Sahib",
)

RETIRED = re.compile(r"\((?:retd|rtd|ret|retired|r)\.?\)", re.IGNORECASE)
"""A mark of retirement written after a military or police title."""

_TITLE_KEYS: frozenset[str] = frozenset(t.lower().rstrip(".") for t in TITLES)
_MAX_WORDS = max(len(t.split()) for t in TITLES)
_SPLIT = re.compile(r"\s+")


def _is_title(words: list[str]) -> bool:
    return " ".join(w.lower().rstrip(".") for w in words) in _TITLE_KEYS


@lru_cache(maxsize=65536)
def split_title(name: str) -> tuple[str | None, str]:
    """Split leading titles from a name: ``"Sen. Qazi Khadem"`` -> ``("Sen.", "Qazi Khadem")``.

    Stacked titles are returned together (``"Haji Mullah Omar"`` -> ``("Haji Mullah", "Omar")``).
    The title keeps its original spelling; ``None`` when there is none.
    """
    words = [w for w in _SPLIT.split(name.strip()) if w]
    taken = 0
    while taken < len(words) - 1:  # always leave at least one word of name
        for size in range(min(_MAX_WORDS, len(words) - 1 - taken), 0, -1):
            if _is_title(words[taken : taken + size]):
                taken += size
                break
        else:
            if taken and RETIRED.fullmatch(words[taken]):  # "Lt. Gen. (retd)", "Col (R)"
                taken += 1
                continue
            break
    if not taken:
        return None, name.strip()
    return " ".join(words[:taken]), " ".join(words[taken:])
