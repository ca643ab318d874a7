"""Nationality words whose country is not their stem ("American" -> United States), for the
demonyms the regular endings (-an, -ian, -i, -ese, -ish) do not reach. Kept as data."""
from __future__ import annotations

IRREGULAR: dict[str, str] = {
    "American": "United States", "British": "United Kingdom", "European": "Europe",
    "Dutch": "Netherlands", "Swiss": "Switzerland", "French": "France", "Chinese": "China",
    "Filipino": "Philippines", "Greek": "Greece", "Turkish": "Turkey", "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates", "Soviet": "Soviet Union", "Uzbek": "Uzbekistan",
    "Tajik": "Tajikistan", "Kazakh": "Kazakhstan", "Kyrgyz": "Kyrgyzstan", "Spanish": "Spain",
    "Irish": "Ireland", "Scottish": "Scotland", "English": "England", "Welsh": "Wales",
    "Polish": "Poland", "Danish": "Denmark", "Swedish": "Sweden", "Finnish": "Finland",
    "Norwegian": "Norway", "German": "Germany", "Korean": "Korea", "Thai": "Thailand",
    "Bangladeshi": "Bangladesh", "Iraqi": "Iraq", "Israeli": "Israel", "Qatari": "Qatar",
    "Kuwaiti": "Kuwait", "Yemeni": "Yemen", "Omani": "Oman", "Afghan": "Afghanistan",
}
