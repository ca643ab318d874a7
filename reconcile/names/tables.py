"""Transliteration folding tables, as data.

Names from Dari, Pashto, Urdu and Arabic reach English text through many romanisation habits
(British colonial, UN/BGN-PCGN, French, Russian, ad hoc). The tables below fold the variants
those habits produce onto one spelling per sound, so that rapidfuzz compares sounds rather than
habits. Order matters: rules apply top to bottom, each one to the output of the previous one.
Each entry is ``(regex, replacement, why)``; the "why" is documentation only.
"""
from __future__ import annotations

# Letters unidecode renders badly for names: (character, replacement) applied before it.
PRE_UNIDECODE: tuple[tuple[str, str], ...] = (
    ("\u0259", "a"), ("\u018f", "A"), ("\u0131", "i"),
    # c with a hacek or cedilla is ch (Czech/ISO, Turkish): kept apart from a bare Latin c (k)
    ("\u010d", "ch"), ("\u010c", "Ch"), ("\u00e7", "ch"), ("\u00c7", "Ch"),
)

# Characters removed before anything else: apostrophes and ayn/hamza marks that some systems
# write and others omit ("Saripo'l", "Sab'awi", "Ma'sum").
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u2032"

# Token-level folding rules: regex over one lower-case ASCII token.
TOKEN_RULES: tuple[tuple[str, str, str], ...] = (
    (r"^dzh|^dj", "j", "Russian/French spelling of j: Dzhalalabad, Djalalabad"),
    (r"zh", "j", "Russian zh for j: Dzhejkobabad"),
    (r"dz", "j", "Polish/Czech dz for j: Gudzar, Gujar; Dzamrud, Jamrud"),
    (r"^ts|tsj", "c", "ts for the Pashto ch/ts sound, Dutch tsj: Tsamkani, Chamkani; Karatsji"),
    (r"tch|tsh", "ch", "French/German ch: Tchad"),
    (r"ph", "f", "ph and f"),
    (r"ck", "k", "ck and k"),
    (r"ch|c(?!k)", "c", "ch and c for the same sound (ISO/Turkish c): Chaghcharan, Caghcaran"),
    (r"kh", "k", "kh/k: Khohistanat, Kohistanat; Kurgkhan, Kurgan"),
    (r"gh", "g", "gh/g: Qurghan, Qurgan"),
    (r"q", "k", "q/k: Qala, Kala"),
    (r"dh", "d", "dh/d in Urdu and Arabic: Sodhra, Sodra; Dhahir, Dahir"),
    (r"th", "t", "th/t: Thatta, Tatta"),
    (r"[ao]w(?![aeiouy])|au", "u", "aw/ow/au diphthong: Naw, Now, Nau; Dawlat, Daulat; Kowt, Kot"),
    (r"w", "v", "w/v: Wali, Vali; Kotawal, Kotaval"),
    (r"(?<=[aeiou])y(?=[^aeiou]|$)", "i", "y closing a vowel: Kalay, Kalai; Sayed, Saied"),
    (r"(?<=[^aeiou])y(?=[^aeiou]|$)", "i", "y as a vowel: Hyder, Hider"),
    (r"ee|ie|ea", "i", "ee/i: Naeem, Naim; Baseer, Basir"),
    (r"oo|ou|uu", "u", "oo/u, ou/u: Noor, Nur; Mansoor, Mansur; Poul, Pul"),
    (r"o", "u", "o/u: Pol, Pul; Omar, Umar; Mohammad, Muhammad"),
    (r"ai|ei|ay|ey|ae", "e", "ai/ay/ey/ei: Hai, Hay; Sheikh, Shaikh"),
    (r"(.)\1+", r"\1", "doubled letters: Mohammad, Mohamad; Sattar, Satar; Issa, Isa"),
    (r"(?<=...)[ae]h?$", "", "final a/ah/e/eh (Persian he, Indic inherent a): Talah, Taleh, Tala; Deha, Deh"),
    (r"e", "i", "e/i: Khadem, Khadim"),
    (r"(.)\1+", r"\1", "doubled letters the rules above made: Saeed, Sid"),
)

# Letters that one romanisation habit reads one way and another habit another way. Folding
# picks one reading (TOKEN_RULES); these give a token its other readings, each compared too
# (at ALTERNATIVE_READING_FACTOR of a plain match). (regex over one lower-case ASCII word before
# folding, replacement, why.)
ALTERNATIVE_READINGS: tuple[tuple[str, str, str], ...] = (
    (r"dh", "z", "Arabic dhal and za read z in Persian, Urdu and Turkish: Dhawahri, Zawahiri; Ramadhan, Ramazan"),
    (r"th", "z", "Arabic za written th: Thafir, Zafir"),
    (r"th", "s", "Arabic tha read s in Persian, Urdu and Turkish: Uthman, Osman; Thabit, Sabit"),
    (r"ch", "sh", "French ch for sh: Chehadeh, Shehadeh; Cherri, Sherri; Chamas, Shamas"),
    (r"ch", "j", "ch/j: Korean McCune-Reischauer against Revised romanisation: Cho, Jo; Chin, Jin"),
    (r"(?<=[aeiou])ch", "kh", "ch for kh inside a word (Dutch and Indonesian spelling): Mochtar, Mukhtar; Achwan, Akhwan"),
    (r"(?<=[aeiou])ch(?=[aeiou])", "h", "ch for the Arabic h (Indonesian spelling): Rochim, Rahim; Mochammad, Mohammad"),
    (r"^c(?=[aeiou])", "", "Somali c for the ayn: Cabdullahi, Abdullahi; Cumar, Umar"),
    (r"x", "h", "Somali x for the Arabic h: Xasan, Hasan; Maxamed, Mohamed"),
    (r"kh", "h", "Russian kh for the Arabic h (Cyrillic kha): Takhir, Tahir; Akhmed, Ahmed"),
    (r"c(?=[ei])", "s", "French c before e or i for s: Hocine, Hossine; Youcef, Yousef"),
    (r"g(?=[ei])", "j", "French g before e or i for j: Tageddine, Tajeddine; Boughedir, Boujedir"),
    (r"ou(?=[aei])", "w", "French ou before a vowel for w: Ouahiri, Wahiri; Belaouar, Belawar"),
    (r"^[ae]([dtszrn])(?=\1)", "", "the Arabic article assimilated and written solid: Eddawahiri, Dawahiri; Ennouini, Nouini"),
)

# Consonant skeletons compare what abjad spellings write: the consonants. Each entry maps
# letters a romanisation habit swaps onto one (letters, canonical letter, why); applied to the
# folded tokens, so "kh"/"q" are already "k", "gh" is "g", "ch" is "c", "w" is "v".
SKELETON_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("gk", "k", "gh/kh: Shawagh, Shawakh; g/k: Kurgan, Qurghan"),
    ("d", "t", "d/t: Budvi, Bhattvi"),
    ("p", "b", "p/b: Arabic has no p, so Hasilpur is written hasylbwr"),
    ("z", "j", "z/j: Dzamrud, Jamrud; Gudzar, Gujar (Polish dz, Czech dz for j)"),
    ("l", "r", "l/r: Japanese and Chinese romanisations (Arumaru, Almar; Raholu, Lahore)"),
    ("x", "k", "x for kh (Pinyin, Spanish, Uzbek): Balx, Balkh"),
)
# ... and for the first letter only: a Latin c opening a name is often a k (Carachi, Cabul),
# inside one mostly the folded ch. (So "Char" and "Qara" meet in the skeleton; folding a bare
# opening c to k instead measured worse on bench/names.py.)
SKELETON_FIRST_CLASSES: tuple[tuple[str, str, str], ...] = (("c", "k", "c/k at the start: Carachi, Karachi"),)
# Letters dropped after the first: vowels, the semivowels w(v)/y and the aspiration h.
SKELETON_SILENT = "aiuvyh"
# First letters read as a vowel onset: i/u (Issene, Umar), and a silent h (Hissene, Issene).
SKELETON_SILENT_FIRST = "iuh"

# Parts of a person's name string that are notes about the name, not the name: removed before
# anything else, in order. (regex, why); matched case-insensitively.
PERSON_NAME_NOISE: tuple[tuple[str, str], ...] = (
    (r"\([^)]*\)?", "parenthesised remarks: 'Jon Doe (birth name)', 'Moe Doe (Moe Do)'"),
    (r",?\s+(?:born|dob|date of birth)\b.*$", "a birth note run on after the name: 'Jon Doe, born in X on ...'"),
    (r",?\s+\b(?:jr|sr|junior|senior|ii|iii|iv)\b\.?", "generational suffixes: 'Jon Doe, Jr.', 'Jon Doe III'"),
    (r"[\"\u201c\u201d\u00ab\u00bb]", "quotation marks around a nickname or a title: '\u201cGeneral\u201d Doe'"),
)
# Separators between alternative names packed into one string ("A Doe; A Do"): such a string
# matches another name as well as its best alternative does.
ALTERNATIVE_SEPARATORS = r";|\s+\b[a-h]\)\s+|\s+/\s+"

# Connector tokens between name parts: Persian izafe ("Sar-e Pol", "Sar-i-Pul") and the Arabic
# article and its assimilated forms ("Nasir-ud-Din", "Habib-ur-Rahman", "Al-Tikriti").
CONNECTORS: frozenset[str] = frozenset(
    {"e", "i", "u", "o", "ye", "yi", "al", "el", "ul", "ud", "ur", "us", "ut", "uz", "ad", "ar", "as", "at", "az", "ash"}
)

# The Arabic article written solid with the name after it ("Alghamdi", "Elsebai"), as folded
# tokens begin: a token that begins with one also compares without it.
JOINED_ARTICLES: tuple[str, ...] = ("al", "il")

# Known name prefixes written joined to the following name ("Abdulhai", "Abdurrahman",
# "Gholamyahya"). Longest first; a prefix is split off only when what remains is a plausible
# name (3+ letters), and the assimilated consonant is restored ("Abdurrahman" -> abdur rahman).
JOINED_PREFIXES: tuple[str, ...] = (
    "abdul", "abdal", "abdel", "abdol", "abdil", "abdur", "abdar", "abdus", "abdas", "abdun",
    "abdush", "abduz", "abdud", "abdut",
    "ghulam", "gholam", "golam", "gulam",
    "abu", "abou", "abo",
)
# Known name endings written joined to the name before them ("Aminullah", "Nasiruddin",
# "Ziaulhaq"), split off and spelt one way, so "Atiqullah" meets "Atiq Ullah" and "Atiq-ullah".
JOINED_SUFFIXES: dict[str, str] = {
    "ullah": "ullah", "ulla": "ullah", "allah": "ullah", "ollah": "ullah", "illah": "ullah", "ulah": "ullah",
    "uddin": "uddin", "uddeen": "uddin", "uddine": "uddin", "eddin": "uddin", "eddine": "uddin",
    "addin": "uddin", "aldin": "uddin", "eldin": "uddin", "uldin": "uddin", "udin": "uddin",
    "ulhaq": "haq", "ulhaque": "haq", "ulhak": "haq",
    "urrahman": "rahman", "urrehman": "rahman", "ulrahman": "rahman", "arrahman": "rahman",
}
# The same endings written as separate words are spelt the same way.
STANDALONE_SUFFIXES: dict[str, str] = {
    "ullah": "ullah", "ulla": "ullah", "allah": "ullah", "ollah": "ullah", "illah": "ullah", "ulah": "ullah",
    "din": "uddin", "deen": "uddin", "dine": "uddin", "uddin": "uddin", "eddine": "uddin",
}

# Prefixes ending in the article assimilated to the next name's first consonant ("Abdur-Rahman",
# "Abdus-Salam"); written joined with one consonant ("Abdurahman") the consonant is restored.
ASSIMILATED_PREFIXES: frozenset[str] = frozenset({"abdur", "abdar", "abdus", "abdas", "abdun", "abdush", "abduz", "abdud", "abdut"})

# Arabic forms of "Abd al-" fold to one spelling so that the joined/split and assimilated forms
# meet: "Abd al-Basir", "Abdel Basir", "Abdul Basir", "Abdur Rahman".
ABD_FORMS: frozenset[str] = frozenset(
    {"abd", "abdul", "abdal", "abdel", "abdol", "abdil", "abdur", "abdar", "abdus", "abdas", "abdun", "abdush", "abduz", "abdud", "abdut"}
)
ABD_CANON = "abdul"

# Name formants that look alike but say different things: "Abu" (father of) and "Abdul"
# (servant of) are no spelling variants of each other, so two different ones never match.
EXCLUSIVE_FORMANTS: frozenset[str] = frozenset({"abu", "abdul", "um", "umm"})

# Words that mark a patronymic or a lineage: dropped from the token list; the order of the
# names around them is kept, so "A son of B" and "A B" compare alike and "C son of B" differs.
PATRONYMIC_MARKERS: frozenset[str] = frozenset({"bin", "ibn", "ben", "bint", "binti", "walad", "veled", "ould", "s/o", "d/o"})
PATRONYMIC_PHRASES: tuple[str, ...] = ("son of", "daughter of", "s o", "d o", "s/o", "d/o", "alias", "aka", "a k a")

# Generic place words dropped for PLACE: administrative and settlement words in English and in
# their Dari, Pashto, Urdu and Arabic romanisations, matched after folding.
GENERIC_PLACE_WORDS: tuple[str, ...] = (
    # English
    "district", "province", "city", "town", "village", "centre", "center", "capital", "region",
    "municipality", "county", "tehsil", "tahsil", "agency", "division", "subdistrict",
    "cantonment", "cantt", "colony", "camp", "fort",
    # Dari / Pashto administrative words and their many romanisations
    "wuleswali", "woluswali", "uluswali", "olusvali", "wolusvali", "vuleswali", "woludwali",
    "wuluswali", "ulusvali", "vulusvali", "vulesvali",
    "alaqadari", "alaqahdari", "alakadari", "alakahadari", "alaqehdari", "alaqadar", "alaqahdar",
    "hukumat", "hukumati", "welayat", "wilayat", "velayat", "vilayat", "wolayat",
    "markaz", "markazi", "shahr", "shahre", "shar", "qarya", "qaryah", "qariya", "karya",
    "kili",
    # Urdu / Arabic
    "quan", "mohalla", "muhalla", "basti", "goth", "mouza", "mauza", "madinat", "madinah", "muhafazat",
    # country names appended to place names in some exports
    "afghanistan", "pakistan", "pakstan", "iran",
)

# Generic place words with too many spellings to list, as regexes over folded tokens.
GENERIC_PLACE_PATTERNS: tuple[str, ...] = (
    r"^a[lr]a?k.{0,4}dari?$",  # alaqadari, alakahdari, alakakhdari, arakafudari ... (sub-district)
    r"^t[ai]?h?[ai]?s[i]?l$",  # tehsil, tahsil, tahasila, thsyl (Pakistani sub-district)
    r"^[uv]?[uv]?l[iu]?[sd]?vali(?:y?i)?$",  # woluswali, wuleswali, uluswali, vulusvaliyi ... (district)
    r"^[hf]ukumat",  # hukumat, hukumat-i, Japanese fukumati (government seat)
    r"^markaz",  # markaz, markaz-e (centre)
)

# Common given-name and lineage tokens that say little about who someone is: low weight when no
# corpus weights are given. Spelling variants fold together, so one entry covers them.
COMMON_PERSON_TOKENS: dict[str, float] = {
    **dict.fromkeys(
        ("abdul", "abd", "mohammad", "muhammad", "mohammed", "mohamed", "mohd", "md", "ahmad", "ahmed",
         "ali", "khan", "gul", "jan", "shah", "abu", "allah", "ullah", "din", "uddin", "haq", "rahman",
         "abdullah", "sayed", "syed", "sayyid", "mir", "agha", "aga", "noor", "nur", "hajji",
         "malik", "sheikh", "shaikh", "mian", "amir", "sultan", "hassan", "hasan", "hussain", "hussein",
         "husain", "ibrahim", "omar", "umar", "yusuf", "abdallah", "rahim", "karim", "mahmud", "mahmood",
         "ghulam", "gholam", "said", "saeed", "khalid", "salim", "abubakar", "mustafa", "wali", "zai"),
        0.35,
    ),
}

# Common formants of place names: kept (they can be the whole name) but given low weight so the
# distinctive part decides ("Qala-e Naw" vs "Qala-e Kah"; "Chak 12" vs "Chak 14").
COMMON_PLACE_TOKENS: dict[str, float] = {
    **dict.fromkeys(
        ("qala", "qal", "qalah", "kala", "kalay", "kalai", "kot", "kowt", "bazar", "chak", "khel", "kheyl", "khail", "abad",
         "pur", "deh", "dih", "bagh", "sar", "dara", "darra", "dasht", "pul", "pol", "mandi", "dera",
         "tando", "shah", "khan", "mir", "naw", "nau", "now", "kohna", "kuhna", "bala", "payin", "pain",
         "khurd", "kalan", "bandar", "chah", "chahar", "sang", "sangi", "ab", "nagar", "garh", "wala",
         "wali", "mohammad", "ali", "sharif", "khwaja", "imam", "kili", "ka", "ki", "ke", "di", "da",
         "left", "right", "north", "south", "east", "west", "upper", "lower", "old", "new"),
        0.4,
    ),
}

# Number words become digits, so that "Chak One Hundred Four" and "Chak 1 100 4" meet and a
# differing number (a different numbered village or unit) is a mismatch, not a spelling variant.
NUMBER_WORDS: dict[str, str] = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fourty": "40", "fifty": "50",
    "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
    "first": "1", "second": "2", "third": "3",
}

# ORG stop words ignored when building an acronym from an expansion.
ORG_STOPWORDS: frozenset[str] = frozenset({"of", "the", "for", "and", "in", "on", "de", "du", "des", "la", "le", "al", "el", "e", "i", "wa", "va"})

# Head words that make a name an organisation's ("Kabul University", "Ministry of Interior").
# A name with one of these compared to a name without any is a different kind of thing.
ORG_HEAD_WORDS: frozenset[str] = frozenset(
    {"university", "college", "school", "academy", "institute", "ministry", "department", "directorate",
     "council", "committee", "commission", "party", "front", "movement", "network", "group", "army",
     "corps", "brigade", "battalion", "regiment", "police", "force", "forces", "bank", "company", "corporation",
     "hospital", "airport", "radio", "tv", "television", "organization", "organisation",
     "foundation", "association", "union", "society", "shura", "jamiat", "hezb", "hizb", "ittehad",
     "mahaz", "tehrik", "tehreek", "lashkar", "jaish", "office", "embassy", "consulate", "court",
     "parliament", "assembly", "senate", "government", "administration", "authority", "trust", "fund"}
)
