"""Armed groups, parties and state bodies of the region, each with the spellings writers use.

One row per organisation: its canonical name first, then variants. The entity ruler marks every
spelling as ORG before the statistical tagger guesses (which often reads "Taliban" as a
nationality and "Hezb-e-Islami" as three words). Acronyms that are also English words ("IS")
are matched case-sensitively; everything else case-insensitively.
"""
from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    ("Taliban", "Afghan Taliban", "Islamic Emirate of Afghanistan", "Islamic Emirate"),
    ("Tehrik-i-Taliban Pakistan", "TTP", "Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban Pakistan",
     "Tehrik-i-Taliban", "Pakistani Taliban"),
    ("Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Daish", "Islamic State of Iraq and Syria",
     "Islamic State of Iraq and the Levant"),
    ("Islamic State Khorasan Province", "ISKP", "IS-K", "ISIS-K", "ISK", "Islamic State Khorasan",
     "Islamic State-Khorasan", "Wilayat Khorasan"),
    ("al-Qaeda", "al Qaeda", "al-Qaida", "al Qaida", "Al-Qaeda", "Al Qaeda", "AQIS",
     "al-Qaeda in the Indian Subcontinent"),
    ("Haqqani network", "Haqqani Network", "Haqqanis"),
    ("Hezb-e-Islami", "Hezb-i-Islami", "Hizb-i-Islami", "Hizb-e-Islami", "Hezb-e Islami",
     "Hizb-e Islami", "Hezbi Islami", "HIG", "Hezb-e-Islami Gulbuddin", "Hizb-i-Islami Gulbuddin",
     "Hezb", "Hizb"),
    ("Jamiat-e-Islami", "Jamiat-i-Islami", "Jamiat", "Jamiat-e Islami"),
    ("Jamaat-e-Islami", "Jamaat-i-Islami", "Jamaat-e Islami"),
    ("Harakat-e-Inqilab-e-Islami", "Harakat-i-Inqilab-i-Islami", "Harakat-e Inqilab-e Islami",
     "Harakat-i Inqilab-i Islami"),
    ("Mahaz-e-Milli", "Mahaz-i-Milli", "Mahaz-e Milli", "National Islamic Front of Afghanistan", "NIFA"),
    ("Shura-e-Nazar", "Shura-i-Nazar", "Shura-e Nazar"),
    ("Junbish-e-Milli", "Junbish-i-Milli", "Junbish", "Junbesh", "Junbish-e Milli"),
    ("Hezb-e-Wahdat", "Hizb-i-Wahdat", "Wahdat"),
    ("Ittehad-e-Islami", "Ittihad-i-Islami", "Ittehad"),
    ("United Islamic Front", "United Islamic Front for the Salvation of Afghanistan",
     "Northern Alliance", "UIF"),
    ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT", "Jamaat-ud-Dawa"),
    ("Jaish-e-Mohammed", "Jaish-e-Muhammad", "JeM"),
    ("Lashkar-e-Jhangvi", "LeJ"),
    ("Tehrik-e-Nafaz-e-Shariat-e-Mohammadi", "TNSM"),
    ("Jamaat-ul-Ahrar", "Jamaat ul Ahrar"),
    ("Islamic Movement of Uzbekistan", "IMU"),
    ("Quetta Shura", "Quetta shura"),
    ("Meshrano Jirga",), ("Wolesi Jirga",), ("Loya Jirga",),
    ("National Directorate of Security", "NDS"),
    ("Inter-Services Intelligence", "ISI"),
    ("Afghan National Army", "ANA"), ("Afghan National Police", "ANP"),
    ("Afghan Local Police", "ALP"),
    ("NATO",), ("ISAF", "International Security Assistance Force"),
    ("UNAMA", "United Nations Assistance Mission in Afghanistan"),
    ("Pakistan Peoples Party", "Pakistan People's Party", "PPP", "PPPP"),
    ("Pakistan Muslim League-Nawaz", "Pakistan Muslim League (N)", "PML-N", "PMLN"),
    ("Pakistan Muslim League-Quaid", "Pakistan Muslim League (Q)", "PML-Q", "PMLQ"),
    ("Pakistan Muslim League",),
    ("Pakistan Tehreek-e-Insaf", "Tehreek-e-Insaf", "PTI"), ("Awami National Party",),
    ("Muttahida Qaumi Movement", "MQM"),
    ("Jamiat Ulema-e-Islam", "JUI-F", "JUI", "Jamiat Ulema-e-Islam (F)"),
    ("Mujahideen", "mujahideen", "Mujahedin", "mujahedin"),
)

_CONNECTORS = ("-e-", "-i-", "-e ", "-i ", "-ul-", "-ud-")
_SPELLS_ALIKE = (("tehreek", "tehrik"), ("tehrik", "tahrik"), ("jamaat", "jamat"), ("mohammadi", "muhammadi"),
                 ("mohammed", "muhammad"), ("ulema", "ulama"), ("nafaz", "nifaz"))
"""Vowels and the Persian connector ("-e-", "-i-") that writers of one name spell either way."""


def _respelt(spelling: str) -> set[str]:
    """`spelling` and the ways writers respell its connectors and long vowels: "Tehreek-e-Insaf",
    "Tehrik-i-Insaf", "Tehreek-i Insaf"."""
    out = {spelling}
    for a, b in (("-e-", "-i-"), ("-e ", "-i "), ("-e-", "-e "), ("-i-", "-i ")):
        out |= {s.replace(a, b) for s in out} | {s.replace(b, a) for s in out}
    pairs = [*_SPELLS_ALIKE, *((b, a) for a, b in _SPELLS_ALIKE)]
    for _ in range(3):  # "Tehrik-e-Nafaz" -> "Tehreek-e-Nifaz": each word respelt, in turn
        for a, b in pairs:
            for s in list(out):
                at = s.lower().find(a)
                if at >= 0:
                    other = b.capitalize() if s[at:at + 1].isupper() else b
                    out.add(s[:at] + other + s[at + len(a):])
    return out


SPELLINGS: tuple[tuple[str, ...], ...] = tuple(
    (row[0], *sorted(set().union(*(_respelt(s) for s in row)) - {row[0]})) if any(c in s for s in row for c in _CONNECTORS)
    or any(a in s.lower() for s in row for a, _ in _SPELLS_ALIKE) else row
    for row in GROUPS)
"""GROUPS with each connector and vowel respelt: what the ruler marks and `canonical_group` reads."""

CASE_SENSITIVE_MAX = 4
"""Spellings of at most this many letters, all capitals ("IS", "ISI", "TTP"), match exact case."""


def _fold(spelling: str) -> str:
    return " ".join(spelling.lower().replace("-", " ").split())


def _is_short_caps(spelling: str) -> bool:
    return spelling.isupper() and len(spelling.replace("-", "")) <= CASE_SENSITIVE_MAX


_EXACT: dict[str, str] = {s: row[0] for row in SPELLINGS for s in row if _is_short_caps(s)}
_FOLDED: dict[str, str] = {}
for _row in SPELLINGS:
    for _s in _row:
        if not _is_short_caps(_s):
            _FOLDED.setdefault(_fold(_s), _row[0])


def canonical_group(name: str) -> str | None:
    """The first spelling of the table's row that `name` is written as ("TTP", "Pakistani Taliban"
    -> "Tehrik-i-Taliban Pakistan"), by the ruler's case rules, hyphens and spaces alike; None
    for a name the table doesn't hold. Mentions carry it as their name, so that every spelling of
    one group resolves to one entity."""
    return _EXACT.get(name) or _FOLDED.get(_fold(name))
