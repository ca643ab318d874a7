"""Word lists the rule-based extractor reads: titles, cue words, roles, hedges, speech verbs.

Everything that decides "is this a name, and of what" lives here as data, so that tuning the
extractor for a new region or register means editing tables, not code. All entries are lower
case; lookups fold case (and a trailing full stop for abbreviations such as "Sen.").
"""
from __future__ import annotations

# Titles and honorifics written before a person's name; multiword ones are matched longest first.
# They are split off the name ("Senator Qazi Abdul Hai Khadem" -> title "Senator").
PERSON_TITLES: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "doctor", "prof", "professor", "sir", "lord", "lady", "dame",
    "sen", "senator", "rep", "representative", "mp", "gov", "governor", "lt. gov",
    "president", "vice president", "prime minister", "minister", "deputy minister",
    "deputy governor", "district governor", "chief executive", "chief justice", "justice", "judge",
    "king", "queen", "prince", "princess", "emir", "amir", "sultan", "sheikh", "shaikh", "sheik",
    "general", "gen", "brigadier", "brigadier general", "brig", "major general", "maj. gen",
    "lieutenant general", "lt. gen", "colonel", "col", "lieutenant colonel", "lt. col", "major",
    "maj", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "adm", "marshal",
    "field marshal", "commander", "cmdr", "cdr", "commandant", "chief",
    "ustad", "ustaz", "haji", "hajji", "alhaj", "al-haj", "mullah", "mulla", "mawlawi", "maulvi",
    "mawlavi", "molvi", "moulvi", "maulana", "mawlana", "qari", "hafiz", "imam", "ayatollah",
    "sayed", "sayyed", "syed", "pir", "mir", "hazrat", "sardar", "khalifa", "mufti", "engineer", "eng", "dr.",
    "father", "rev", "reverend", "bishop", "rabbi", "pope", "saint", "st",
})

# Words joining the parts of one name: Persian izafe, Arabic article and patronymic markers,
# European particles. Only kept inside a name when a capitalised part follows.
NAME_PARTICLES: frozenset[str] = frozenset({
    "e", "i", "u", "ul", "ud", "ur", "us", "al", "el", "ad", "ar", "as", "bin", "ibn", "ben",
    "bint", "abu", "van", "von", "der", "den", "de", "da", "du", "di", "la", "le", "y", "zu",
})

# Head words that make a capitalised sequence an organisation ("United Islamic Front").
ORG_HEADS: frozenset[str] = frozenset({
    "front", "division", "brigade", "battalion", "regiment", "corps", "army", "militia", "forces",
    "force", "police", "party", "council", "ministry", "university", "school", "college",
    "academy", "institute", "faculty", "jirga", "shura", "assembly", "parliament", "senate",
    "congress", "cabinet", "government", "commission", "committee", "court", "bank", "company",
    "corporation", "inc", "ltd", "department", "directorate", "office", "alliance", "movement",
    "network", "organisation", "organization", "association", "union", "federation", "society",
    "foundation", "group", "agency", "service", "services", "times", "post", "news", "press",
    "radio", "television", "tv", "mission", "embassy", "consulate", "coalition", "league",
    "taliban", "mujahideen", "mujahedin", "tribe", "clan", "jamiat", "hezb", "ittehad",
    "junbish", "mahaz", "harakat", "tehrik", "lashkar", "jaish", "sipah", "emirate", "madrasa",
    "madrassa", "madrasah", "seminary", "channel", "newspaper", "magazine", "watch", "international", "program", "programme",
    # companies: a trade word closes their names ("General Motors", "Singapore Airlines")
    "motors", "airlines", "airways", "systems", "technologies", "technology", "corp", "llc",
    "holdings", "industries", "electronics", "computer", "computers", "software", "foods",
    "energy", "oil", "petroleum", "pharmaceuticals", "communications", "media", "studios",
    "records", "entertainment", "networks", "labs", "partners", "capital", "ventures",
    "insurance", "telecom", "motor", "airline", "brands", "stores", "analytica", "solutions",
})

# First words that make a name an organisation ("Hezb-e-Islami", "Harakat-ul-Mujahideen").
ORG_LEADS: frozenset[str] = frozenset({
    "hezb", "hizb", "hezbe", "jamiat", "jamaat", "jamiat-e", "harakat", "tehrik", "tehreek",
    "lashkar", "jaish", "sipah", "ittehad", "ittihad", "junbish", "junbesh", "mahaz", "shura",
    "majlis", "hizbul", "ministry", "university", "bank", "army",
})

# Head words of an organisation name that may be followed by "of ..." ("Ministry of Interior").
ORG_OF_HEADS: frozenset[str] = frozenset({
    "ministry", "university", "school", "college", "academy", "institute", "faculty",
    "department", "directorate", "office", "council", "commission", "committee", "bank",
    "court", "union", "federation", "league", "association", "society", "house", "bureau",
    "republic", "kingdom", "emirate", "state", "states", "people's party", "front", "army",
})

# Single names that are organisations without any head word.
# Month abbreviations that are also common name parts in the region ("Tor Jan", "Jan Mohammad"):
# names unless a date follows.
NAME_MONTH_ABBREVIATIONS: frozenset[str] = frozenset({"jan"})

# Lower-case words after a capitalised name that make it a group's name ("the Alokozai militia",
# "the Haqqani network"); a known place keeps its type ("Quetta shura" is still Quetta).
GROUP_RIGHT_HEADS: frozenset[str] = frozenset({
    "militia", "militias", "tribe", "clan", "network", "faction", "movement", "party", "front",
})

KNOWN_ORGS: frozenset[str] = frozenset({
    "taliban", "al-qaeda", "al qaeda", "qaeda", "isis", "isil", "daesh", "hamas", "hezbollah",
    "nato", "isaf", "un", "unama", "unhcr", "unicef", "eu", "cia", "isi", "nds", "kgb", "khad",
    "bbc", "cnn", "reuters", "afp", "ap", "tolo", "tolonews", "pajhwok", "aljazeera",
    "al jazeera", "mujahideen", "mujahedin", "mujahidin", "red cross", "icrc", "ana", "anp",
    # parties and bodies of the region named by one word
    "hezb", "jamiat", "junbish", "ittihad", "wahdat", "mahaz", "senate", "parliament", "ttp",
    "haqqanis",
})

# Head words that make a capitalised sequence a place; GENERIC_PLACE_WORDS are dropped from the
# surface ("Herat Province" -> "Herat"), the others are part of the name ("Panjshir Valley").
PLACE_HEADS: frozenset[str] = frozenset({
    "province", "provinces", "district", "districts", "village", "city", "town", "region", "area",
    "county", "tehsil", "tehsils", "municipality", "governorate", "township", "subdivision", "valley", "river", "mountains", "mountain", "pass", "airport", "base", "camp",
    "jail", "prison", "hospital", "mosque", "bazaar", "square", "bridge", "dam", "lake", "island",
    "islands", "desert", "plain", "gorge", "hills", "street", "road", "highway", "border",
    "reserve", "park", "beach", "bay", "coast", "forest",
    # the last word of many village names in Afghanistan and Pakistan: fort, hamlet, settlement
    "qala", "qalay", "kalay", "kili", "abad", "kot", "maidan", "shahr", "dara", "darra",
})
GENERIC_PLACE_WORDS: frozenset[str] = frozenset({
    "province", "provinces", "district", "districts", "village", "city", "town", "region", "area", "county",
    "tehsil", "tehsils", "municipality", "governorate", "township", "subdivision",
})

# Lower-case words right before a name that make it a place, or a person.
PLACE_LEFT_CUES: tuple[str, ...] = (
    "village of", "district of", "province of", "city of", "town of", "region of", "capital of",
    "valley of", "outskirts of", "centre of", "center of", "north of", "south of", "east of",
    "west of", "border with", "provinces of",
    # territorial offices: "governor of Herat" is a place's governor, whatever the tagger typed
    "governor of", "mayor of", "wali of", "woluswal of", "nazim of",
    # where someone lives or comes from: "a resident of Shewa Adda", "a native of Munda"
    "resident of", "residents of", "native of", "natives of", "inhabitant of", "inhabitants of",
)
PERSON_LEFT_CUES: tuple[str, ...] = (
    "son of", "daughter of", "wife of", "husband of", "brother of", "sister of", "father of",
    "mother of", "nephew of", "cousin of", "widow of", "uncle of", "a man named", "named",
    "called", "was called", "is called",
    "spokesman", "spokeswoman", "spokesperson",
)
# Prepositions after which an unknown single capitalised word is taken for a place.
PLACE_PREPOSITIONS: frozenset[str] = frozenset({
    "in", "to", "from", "near", "at", "across", "into", "towards", "toward", "outside", "via",
})

# Words (lower case) after which a capitalised word is taken for a person.
PERSON_RIGHT_VERBS: frozenset[str] = frozenset({
    "said", "says", "told", "added", "stated", "claimed", "denied", "explained", "insisted",
    "served", "was", "is", "has", "had", "who", "himself", "herself", "died", "born",
})

# Capitalised words that are never names on their own: demonyms, languages, religions, months,
# weekdays and other adjectives a sentence capitalises.
NOT_NAMES: frozenset[str] = frozenset({
    "afghan", "afghans", "pakistani", "pakistanis", "american", "americans", "british", "soviet",
    "soviets", "russian", "russians", "iranian", "iranians", "indian", "arab", "arabs", "western",
    "eastern", "northern", "southern", "uzbek", "uzbeks", "tajik", "tajiks", "pashtun", "pashtuns",
    "hazara", "hazaras", "turkmen", "baloch", "punjabi", "sunni", "shia", "shiite", "muslim",
    "muslims", "islamic", "islamist", "christian", "jewish", "hindu", "communist", "communists",
    "dari", "pashto", "arabic", "english", "urdu", "persian", "farsi", "french", "german",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "i", "ok", "okay", "jihad", "jihadi", "god", "allah", "internet",
    "summary", "update", "note", "edit", "ps", "re", "hi", "hello", "thanks", "cheers", "yes",
    "no", "eid", "ramadan", "christmas", "tv", "sorry", "please", "well", "oh", "wow", "lol",
    "yeah", "nope", "agreed", "exactly", "right", "wrong", "true", "indeed", "dear", "congrats",
})

# Common words that start sentences: capitalised there, but not names.
SENTENCE_STARTERS: frozenset[str] = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she",
    "his", "her", "they", "their", "we", "our", "you", "your", "i", "my", "in", "on", "at", "by",
    "for", "from", "with", "without", "after", "before", "during", "following", "since", "until",
    "as", "but", "and", "or", "so", "yet", "if", "when", "while", "where", "who", "what", "which",
    "why", "how", "although", "though", "because", "despite", "however", "meanwhile", "moreover",
    "also", "then", "later", "earlier", "now", "today", "yesterday", "last", "next", "some",
    "many", "most", "few", "all", "both", "each", "every", "no", "not", "nothing", "one", "two",
    "three", "several", "officials", "correspondents", "sources", "according", "reports",
    "local", "good", "great", "thank", "thanks", "did", "does", "do", "is", "was", "are", "were",
    "has", "have", "had", "be", "can", "could", "would", "should", "will", "may", "might", "must",
    "let", "lets", "perhaps", "maybe", "probably", "still", "even", "only", "just", "again",
    "such", "other", "another", "former", "subsequently", "first", "second", "finally", "once",
    "born", "married", "him", "himself", "being", "having", "whether", "unlike", "like",
    "about", "above", "below", "under", "over", "between", "among", "against", "into", "onto",
    "upon", "within", "through", "throughout", "across", "around", "near", "nearly", "almost",
    "interesting", "sadly", "indeed", "clearly", "certainly", "apparently", "reportedly",
    "allegedly", "fighting", "leaving", "describing", "speaking", "asked", "says", "said",
})

# Pronouns that refer to people, with their grammatical role.
PRONOUNS: dict[str, str] = {
    "he": "subject", "she": "subject", "him": "object", "her": "possessive", "his": "possessive",
    "hers": "possessive", "himself": "reflexive", "herself": "reflexive",
}

PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f",
}
# Titles that say whether a person is a man or a woman (others, like "Dr.", say nothing).
TITLE_GENDER: dict[str, str] = {
    "mr": "m", "mullah": "m", "mawlawi": "m", "maulvi": "m", "haji": "m", "hajji": "m", "sheikh": "m",
    "qari": "m", "ustad": "m", "sardar": "m", "malik": "m", "khan": "m", "agha": "m", "sayed": "m",
    "mrs": "f", "ms": "f", "miss": "f", "bibi": "f", "madam": "f", "lady": "f",
}

# Words right before a mention that make it oblique (not the subject of what follows).
OBLIQUE_LEFT: frozenset[str] = frozenset({
    "of", "by", "with", "from", "to", "like", "than", "against", "for", "about", "as", "under",
    "in", "near", "inside", "outside", "across", "beside", "behind", "between", "among",
    "towards", "toward", "on", "at", "into", "via", "'s", "s", "called", "named", "nicknamed",
    "alias", "aka",
})

# Roles and offices, lower case; longest match wins. Used for ROLE mentions and role objects.
ROLES: tuple[str, ...] = (
    "district governor", "provincial governor", "deputy governor", "lieutenant governor",
    "governor", "senator", "temporary senator", "member of parliament", "mp", "chief of staff",
    "deputy chief of staff", "chief of police", "police chief", "provincial police chief",
    "commander", "military commander", "field commander", "deputy commander", "minister",
    "deputy minister", "prime minister", "president", "vice president", "vice-president",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "mayor", "deputy mayor",
    "brigadier general", "brigadier", "major general", "lieutenant general", "general",
    "colonel", "lieutenant colonel", "major", "captain", "lieutenant", "sergeant", "admiral",
    "field marshal", "marshal", "judge", "chief justice", "prosecutor", "attorney general",
    "head of intelligence", "intelligence chief", "director", "deputy director", "chairman",
    "chairwoman", "chair", "secretary general", "secretary", "speaker", "deputy speaker",
    "shadow governor", "shadow district governor", "council member", "provincial council member",
    "official", "senior official", "government official", "lawmaker", "politician",
    "police officer", "officer", "mullah", "imam", "cleric", "tribal elder",
    "elder", "warlord", "ambassador", "envoy", "adviser", "advisor", "security adviser",
    "national security adviser", "chief executive", "ceo", "founder", "leader", "deputy leader",
    "party leader", "head", "member", "mujahideen fighter", "fighter", "journalist",
    "correspondent", "reporter", "editor",
    # offices of the region and professions a biography names
    "nazim", "district nazim", "naib nazim", "wali", "woluswal", "deputy chief", "council chairman",
    "lawyer", "doctor", "engineer", "teacher", "professor", "businessman", "trader",
    "chief", "district chief", "police commander", "district police chief", "army chief",
    "chief of army staff", "emir", "amir", "negotiator", "shadow minister", "deputy leader",
    "provincial chief", "intelligence officer", "district commander", "group commander",
    "surgeon", "physician", "pilot", "preacher", "student", "farmer", "shopkeeper", "banker",
    "diplomat", "consul", "consul general", "member of the provincial assembly",
    "provincial assembly member", "corps commander", "mna", "mpa", "mla", "member of the national assembly",
    "superintendent of police", "senior superintendent of police", "inspector general of police",
    "security chief", "intelligence chief", "regional head", "deputy head", "military chief",
    "constable", "head constable", "police constable", "policeman", "soldier",
)

# Military and police ranks: held as `rank`, not as an office.
RANKS: frozenset[str] = frozenset({
    "general", "brigadier", "brigadier general", "major general", "lieutenant general", "colonel",
    "lieutenant colonel", "major", "captain", "lieutenant", "sergeant", "admiral", "field marshal",
    "marshal", "air marshal", "vice admiral", "rear admiral", "air chief marshal", "corporal",
})
# People an indefinite subject describes before the text names them ("A man who spoke for the
# TTP ... has escaped"): no office, only someone a later name may close.
DESCRIBED_PEOPLE: frozenset[str] = frozenset({
    "man", "woman", "suspect", "militant", "insurgent", "prisoner", "detainee", "cleric", "youth",
})

# Roles too vague to stand as a ROLE mention or a position object on their own.
WEAK_ROLES: frozenset[str] = frozenset({
    "head", "member", "leader", "chair", "fighter", "elder", "secretary", "speaker", "director",
    "major", "general", "captain", "journalist", "correspondent", "reporter", "editor",
    "mujahideen fighter",
})

# Nouns for people who relay news without being named ("officials have told the BBC").
SPEAKER_NOUNS: frozenset[str] = frozenset({
    "officials", "official", "sources", "source", "correspondents", "correspondent", "police",
    "witnesses", "witness", "residents", "villagers", "elders", "spokesman", "spokeswoman",
    "spokesperson", "authorities", "diplomats", "analysts", "reports", "report", "media",
    "journalists", "observers", "investigators", "aides", "relatives", "colleagues", "locals",
    "people", "ministry", "army", "military", "government", "insurgents", "militants",
})

# Verbs of saying, in the forms that introduce reported speech.
SPEECH_VERBS: frozenset[str] = frozenset({
    "said", "say", "says", "told", "tell", "tells", "added", "adds", "stated", "states",
    "claimed", "claims", "claim", "reported", "report", "reports", "announced", "announces",
    "confirmed", "confirms", "insisted", "insists", "explained", "explains", "alleged",
    "alleges", "warned", "warns", "noted", "notes", "wrote", "writes", "declared", "declares",
    "denied", "denies", "deny", "acknowledged", "admitted", "suggested", "suggests",
})
# Speech verbs whose content the speaker rejects.
DENIAL_VERBS: frozenset[str] = frozenset({"denied", "denies", "deny", "rejected", "dismissed"})

# Cues of modality, matched as whole words or phrases inside a claim's clause.
HEDGE_CUES: tuple[str, ...] = (
    "reportedly", "allegedly", "believed", "thought to be", "thought to have", "rumoured",
    "rumored", "might", "may have", "may be", "could have", "probably", "likely", "possibly",
    "perhaps", "apparently", "presumably", "supposedly", "suspected", "said to be",
    "said to have", "unconfirmed", "seems", "seemed", "appears to", "appeared to", "i suspect",
    "i think", "i believe", "maybe", "purportedly", "claimed to be",
)
NEGATION_CUES: tuple[str, ...] = (
    "not", "never", "n't", "no longer", "denied", "denies", "deny", "neither", "nor",
    "has yet to", "have yet to", "false", "untrue", "refuted",
)
# Cues that make a clause irrealis: no claim is recorded from it.
IRREALIS_CUES: tuple[str, ...] = (
    "if", "unless", "whether", "would have", "could have been", "should have", "wish",
    "in case", "imagine", "suppose", "what if",
)

# Organisations membership of which is an office: "member of the Meshrano Jirga" is
# position_held, "member of Hezb-e-Islami" is member_of.
OFFICE_ORG_HEADS: frozenset[str] = frozenset({
    "jirga", "parliament", "senate", "assembly", "council", "congress", "cabinet", "shura",
    "court", "commission", "committee", "house", "majlis",
})

# Predicates whose claims describe a lasting state: with no time in the text, a present-tense
# or freshly reported state is dated to the publication month.
STATIVE_PREDICATES: frozenset[str] = frozenset({
    "position_held", "located_in", "member_of", "rank",
})

# Irregular past-tense verbs, for recognising "<Name> <verb>" statements.
IRREGULAR_PAST: frozenset[str] = frozenset({
    "went", "came", "fled", "left", "fought", "led", "met", "saw", "spoke", "wrote", "took",
    "gave", "won", "lost", "began", "became", "ran", "sent", "held", "made", "built", "bought",
    "sold", "told", "said", "threw", "struck", "hid", "rose", "fell", "paid", "kept", "brought",
    "thought", "sought", "taught", "chose", "drove", "flew", "forgot", "knew", "grew", "swore",
    "split", "quit", "hit", "shot", "put", "set", "cut", "read", "spent", "stood", "understood",
})
# Words ending in -ed/-s that are not finite verbs after a name.
NOT_VERBS: frozenset[str] = frozenset({
    "is", "was", "has", "does", "as", "his", "us", "its", "this", "thus", "yes", "bus", "plus",
    "always", "sometimes", "towards", "perhaps", "besides", "unless", "less", "news", "series",
    "red", "bed", "need", "seed", "speed", "indeed", "shed", "hundred", "bled",
})

# Nouns of kinship: "his brother", "X's cousin", "the son of X".
KIN_NOUNS: frozenset[str] = frozenset({
    "son", "daughter", "brother", "sister", "father", "mother", "wife", "husband", "widow",
    "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandfather",
    "grandmother", "brother-in-law", "son-in-law", "father-in-law", "daughter-in-law",
    "half-brother", "stepbrother", "relative", "child", "children", "sibling", "parent", "in-law",
})

UNIT_NOUNS: frozenset[str] = frozenset({
    "unit", "group", "front", "brigade", "battalion", "division", "corps", "militia", "force",
    "band", "man", "fighter", "faction", "cell", "regiment", "company", "platoon", "squad",
    "detachment", "column", "wing", "contingent", "lashkar", "guerrilla", "insurgent", "militant",
    "police",
})
"""Bands of fighters a person commands ("commanded a Hezb unit", "led two hundred men")."""

BODY_NOUNS: frozenset[str] = frozenset({
    "commission", "council", "committee", "shura", "department", "ministry", "directorate",
    "office", "bureau", "agency", "board", "court", "college", "school", "hospital", "academy",
    "university", "institute", "delegation", "team", "cell", "wing", "unit",
})
"""Bodies a person runs or heads ("ran the military commission", "headed the council")."""

GIVEN_NAMES: frozenset[str] = frozenset({
    "abdul", "abdullah", "abdur", "abdel", "mohammad", "muhammad", "mohammed", "mohamed",
    "ahmad", "ahmed", "mahmood", "mahmud", "gholam", "ghulam", "gul", "jan", "mir",
    "nur", "noor", "hamid", "karim", "rahim", "rasul", "hassan", "hasan", "hussain", "hussein",
    "husain", "ali", "omar", "umar", "osman", "usman", "qadir", "aziz", "amin", "akbar", "asad",
    "bashir", "faiz", "fazl", "habib", "jafar", "jaffar", "khalid", "khalil", "latif", "majid",
    "nasir", "nasser", "qasim", "rashid", "said", "saeed", "samad", "sharif", "wali", "yusuf",
    "yousuf", "zahir", "zalmay", "zia", "ismail", "ismael", "ibrahim", "ishaq", "isa", "musa",
    "daoud", "dawood", "dawud", "haider", "haidar", "hekmat", "jalal", "jamal", "kabir", "malik",
    "mansur", "mansoor", "masood", "massoud", "nabi", "najib", "rahman", "rauf", "sadiq",
    "sayed", "sayyed", "shafiq", "sher", "tariq", "wahid", "yahya", "zaman", "zarif", "fatima",
    "maryam", "zainab", "aisha", "malalai", "nadia", "farida", "hamida", "homa", "laila",
    "john", "david", "michael", "james", "robert", "peter", "paul", "mary", "sarah", "anna",
})
"""Given names common in the region and in English (the first word of many a person's name)."""

GIVEN_NAME_ENDINGS: tuple[str, ...] = ("ullah", "ulla", "allah", "uddin", "udin", "uddeen", "ur-rahman")
"""Endings of the region's compound given names ("Amanullah", "Nooruddin", "Habib-ur-Rahman")."""


def looks_given(word: str) -> bool:
    """A word that is a given name of the region, listed or by its ending."""
    word = word.lower().rstrip(".")
    return word in GIVEN_NAMES or (len(word) > 6 and word.endswith(GIVEN_NAME_ENDINGS))


SCHOOL_NOUNS: frozenset[str] = frozenset({
    "school", "madrasa", "madrassa", "madrasah", "seminary", "college", "university", "academy",
    "institute", "lycee", "polytechnic", "darul", "jamia",
})
"""Places of learning ("was sent to a madrasa in Swabi")."""

EVENT_NOUNS: dict[str, str] = {
    "death": "died", "killing": "died", "assassination": "died", "execution": "died", "murder": "died",
    "arrest": "detained", "capture": "detained", "detention": "detained", "imprisonment": "detained",
    "release": "released", "birth": "born",
}
"""Nouns that name an event of a person's life ("his death in 2018", "Karimi's arrest in 2010")."""

DOUBT_WORDS: frozenset[str] = frozenset({
    "rumour", "rumor", "report", "claim", "speculation", "allegation", "hoax", "deny", "fake", "false",
    "doubt", "dispute",
})
"""Words that put a named event in doubt ("rumours of his death", "denied his arrest")."""

DETENTION_SITES: frozenset[str] = frozenset({
    "guantanamo", "gitmo", "bagram", "parwan", "charkhi", "pul-e-charkhi", "pul-i-charkhi", "policharki",
    "ghraib", "bucca", "adiala", "lakhpat",
})
"""Words of the names of the region's (and the wars') detention centres and prisons: a stay at one
is a detention even where the text never says prison ("spent six years at Guantanamo")."""

# Nouns a product, a program or a web service is the modifier of ("the Python code", "an
# Ubuntu user", "the Asterisk config"): a name that modifies one of them in a text is no person
# and no place anywhere in that text.
PRODUCT_NOUNS: frozenset[str] = frozenset({
    "app", "apps", "application", "software", "code", "codebase", "repository", "repo", "package",
    "library", "module", "plugin", "plug-in", "addon", "add-on", "extension", "version", "versions",
    "build", "binary", "binaries", "installer", "installation", "interpreter", "compiler",
    "runtime", "syntax", "script", "scripts", "api", "sdk", "framework", "server", "browser",
    "firmware", "driver", "kernel", "config", "configuration", "setting", "settings", "user",
    "users", "developer", "developers", "distro", "desktop", "website", "login", "phone", "device",
    "tablet", "laptop", "console", "product", "products", "brand", "platform", "subscription",
    "download", "downloads", "upgrade", "bug", "bugs", "documentation", "docs", "tutorial",
    "theme", "themes", "template", "widget", "shortcut", "button", "database", "protocol",
    "stack", "interface", "packet", "packets", "feature", "features", "os", "dev", "devs",
    "controller", "plugins", "extensions",
})
# Of those, the ones a possessive name also owns only if it is a program ("Mercurial's codebase";
# "Karzai's version" or "Karzai's website" is a person's).
PRODUCT_OWNED_NOUNS: frozenset[str] = frozenset({
    "code", "codebase", "repository", "repo", "interpreter", "compiler", "runtime", "syntax", "api",
    "sdk", "firmware", "kernel", "installer", "documentation", "docs", "developers", "users", "bugs",
})
# Nouns whose "of" names a program or a device ("the latest version of Asterisk").
PRODUCT_OF_NOUNS: frozenset[str] = frozenset({
    "version", "versions", "build", "installation", "firmware", "installer", "documentation",
})
# Nouns whose "for" names the program or device they are made for ("plug-ins for Acme", "a
# firmware for Acme"): nobody writes an extension or a firmware for a person or a town
# ("driver" is left out: "the driver for Ann" is as often a motive as a program).
PRODUCT_FOR_NOUNS: frozenset[str] = frozenset({
    "app", "apps", "plugin", "plugins", "plug-in", "plug-ins", "addon", "addons", "add-on", "add-ons",
    "extension", "extensions", "firmware", "sdk", "api", "installer", "binaries",
    "emulator", "emulators",
})
# Verbs whose "on" names the program or platform a thing is made with or runs on ("built on
# Acme", "it runs on Acme").
PRODUCT_ON_VERBS: frozenset[str] = frozenset({"build", "run", "host"})
# Adjectives whose "with" names a program or a device ("compatible with Acme").
PRODUCT_WITH_ADJS: frozenset[str] = frozenset({"compatible", "interoperable"})
# Words that, inside a name of several words, make it a program's feature or a web service
# ("Acme Online Search", "the Acme Store"), never a person's name; a shop's name is no place an
# analyst follows either.
SERVICE_NAME_WORDS: frozenset[str] = frozenset({
    "online", "search", "web", "cloud", "wiki", "messenger", "blog", "embed", "embeds", "store",
})
# Nouns whose "in"/"on" names a program ("the bugs in Acme", "a setting on Acme").
PRODUCT_IN_NOUNS: frozenset[str] = frozenset({
    "bug", "bugs", "crash", "crashes", "setting", "settings", "option", "options", "plugin", "plugins",
    "extension", "extensions", "feature", "features", "menu", "menus",
})
# Verbs whose "as" names the form a program ships in ("packaged as Acmes").
PACKAGE_VERBS: frozenset[str] = frozenset({"package", "ship", "bundle", "distribute"})
# Product nouns that, before a name, describe a person ("user Ann", "developer Bo"): no evidence.
PEOPLE_PRODUCT_NOUNS: frozenset[str] = frozenset({"user", "users", "developer", "developers", "dev", "devs"})
# Words that make any name they stand in a hotel's or a spa's ("Hotel Foo", "Foo Hotel Bar",
# "An Foo Spa"): a building, never a person ("villa" is left out: Pancho Villa).
LODGING_WORDS: frozenset[str] = frozenset({"hotel", "hôtel", "hotels", "resort", "spa", "motel", "hostel", "inn"})
# Verbs whose "on" names a web service ("follow us on Acme", "posted it on Acme").
SERVICE_ON_VERBS: frozenset[str] = frozenset({"follow", "share", "post", "subscribe", "chat", "stream", "tweet"})
# Words after a hyphen that make the name before it a brand ("Acme-branded boxes").
BRAND_SUFFIXES: frozenset[str] = frozenset({"branded", "powered", "compatible", "enabled", "certified"})
# Verbs whose object is a program, a device or a service ("installed Asterisk", "upgrade to X").
PRODUCT_VERBS: frozenset[str] = frozenset({
    "install", "reinstall", "uninstall", "download", "upgrade", "downgrade", "configure",
    "compile", "deploy", "boot", "reboot", "debug", "port", "migrate", "patch", "click", "tap",
    "subscribe", "log", "sign", "flash", "code", "program", "script", "google", "tweet", "stream",
})
# Nouns a company's name modifies ("these Acme hotels", "the Acme charts"): a word the gazetteer
# does not know as a place, written so, is a company's name in that text.
COMPANY_NOUNS: frozenset[str] = frozenset({
    "hotel", "hotels", "resort", "resorts", "store", "stores", "shop", "shops", "chain", "franchise",
    "chart", "charts", "employee", "employees", "customer", "customers", "shareholders", "stock",
    "shares", "subsidiary", "brand", "brands", "products", "warehouse",
    "warehouses", "packaging",
})
# Last words that make a name a company's ("Hyatt Hotels Corporation", "Acme Technology"): the
# name's first word, written alone in the same text, is that company and not a person or place.
COMPANY_HEADS: frozenset[str] = frozenset({
    "inc", "ltd", "llc", "gmbh", "plc", "corp", "corporation", "company", "co",
    "hotels", "resorts", "motors", "airlines", "airways", "systems", "technologies",
    "technology", "holdings", "industries", "electronics", "computer", "computers", "software",
    "foods", "energy", "pharmaceuticals", "communications", "media", "studios", "records",
    "entertainment", "networks", "labs", "partners", "capital", "ventures", "insurance", "telecom",
    "brands", "stores", "solutions", "games",
})
