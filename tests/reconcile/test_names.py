"""Name keys, titles and the pairwise scorer: what an analyst expects to match and not to match."""
from __future__ import annotations

import pytest

from reconcile.names import DEFAULT_THRESHOLD, TokenWeights, name_key, name_tokens, similarity, split_title


@pytest.mark.parametrize(
    ("name", "title", "rest"),
    [
        ("Senator Qazi Abdul Hai Khadem", "Senator", "Qazi Abdul Hai Khadem"),
        ("Sen. Qazi Khadem", "Sen.", "Qazi Khadem"),
        ("Mr Hai", "Mr", "Hai"),
        ("Ustad Rabbani", "Ustad", "Rabbani"),
        ("Haji Mullah Baradar Akhund", "Haji Mullah", "Baradar Akhund"),
        ("Lt. Gen. Farid Ahmadzai", "Lt. Gen.", "Farid Ahmadzai"),
        ("Brig. Nasrullah Wardak", "Brig.", "Nasrullah Wardak"),
        ("Eng. Gulbadin Sharifi", "Eng.", "Gulbadin Sharifi"),
        ("Maulvi Jalaluddin", "Maulvi", "Jalaluddin"),
        ("Qazi Abdul Hai", None, "Qazi Abdul Hai"),
        ("Sheikh", None, "Sheikh"),  # a title alone is a name, not a title
    ],
)
def test_split_title(name: str, title: str | None, rest: str) -> None:
    assert split_title(name) == (title, rest)


@pytest.mark.parametrize(
    "variants",
    [
        ("Sar-e-Pol", "Sar e Pol", "Sar-e Pul", "Sar-i-Pol", "Sar-e Pol Province", "Welayat-e Sar-e Pul"),
        ("Kohistanat", "Khohistanat", "Kohistanat District", "Wuleswali Kohistanat"),
        ("Qala-e Naw", "Qal'ah-ye Now", "Qala-i-Naw"),
        ("Mazar-i-Sharif", "Mazar-e Sharif", "Mazar e Sharif"),
        ("Zor Kot", "Zowr Kowt", "Zur Kowt"),
    ],
)
def test_place_spelling_variants_share_a_key(variants: tuple[str, ...]) -> None:
    keys = {name_key(v, kind="PLACE") for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("joined", "split"),
    [
        ("Qazi Abdulhai", "Qazi Abdul Hai"),
        ("Abdurrahman Zahid", "Abdur Rahman Zahid"),
        ("Gholamyahya Akbari", "Gholam Yahya Akbari"),
        ("Abd al-Basir Noorzai", "Abdul Baseer Noorzai"),
        ("Atiqullah Baryalai", "Atiq Ullah Baryalai"),
        ("Naeem Barech", "Naim Barich"),
        ("Rifqi, Tawfiq", "Tawfiq Rifqi"),
    ],
)
def test_person_joined_split_and_spelling_variants_share_a_key(joined: str, split: str) -> None:
    assert name_key(joined) == name_key(split)


def test_name_tokens_keep_order_and_drop_titles() -> None:
    assert name_tokens("Senator Qazi Abdul Hai Khadem") == name_tokens("Qazi Abdul Hai Khadem")
    assert name_tokens("Mohammad Wali") == list(reversed(name_tokens("Wali Mohammad")))


SAME_PERSON = [
    ("Qazi Abdul Hai", "Qazi Abdulhai"),
    ("Qazi Abdul Hai", "Senator Qazi Abdul Hai Khadem"),
    ("Sen. Qazi Khadem", "Senator Qazi Abdul Hai Khadem"),
    ("Mohammad Naeem Barech", "Muhammad Naim Barich"),
    ("Amir Khan Motaqi", "Amir Khan Muttaqi"),
    ("Gulbuddin Hekmatyar", "Gulbadin Hikmatyar"),
    ("Abdul Rashid Dostum", "Abdul Rasheed Dostam"),
    ("Zarmina Habibzai", "Zarmeena Habibzay"),  # invented
    ("Nasratullah Barakzay", "Nasrat Ullah Barakzai"),  # invented
]
DIFFERENT_PEOPLE = [
    ("Qazi Abdul Hai", "Abdul Ghafore Dastyaar"),
    ("Mohammad Wali", "Wali Mohammad"),
    ("Abdul Rahman son of Mohammad Karim", "Abdul Ghani son of Mohammad Karim"),
    ("Yasir Sabawi Ibrahim Hasan", "Watban Sabawi Ibrahim Hasan"),  # brothers: shared patronymic chain
    ("Mohammad Aslam Karimi", "Mohammad Akram Karimi"),  # invented
    ("Abdul Malik Huthi", "Abdul Khaliq Huthi"),
    ("Gul Agha Shirzai", "Gul Mohammad Rahimi"),  # invented: only common tokens shared
    ("Tamim Barakzai", "Tamim Popalzai"),  # invented: one given name, two families
    ("Nabil Sherzad", "Haji Nabil Qaderyar"),  # invented: the same, with a common name in front
    ("Mohammad Fawad Amini", "Mohammad Tamim Amini"),  # invented: brothers after a common formant
    ("Ghulam Farooq Wardak", "Ghulam Sarwar Wardak"),  # invented
    ("Abdul Karim Sultani", "Abu Karim Sultani"),  # invented: "Abu" (father of) is no "Abdul"
]
SAME_PERSON_REORDERED_OR_SOLID = [
    ("Al Zawahiri Ayman", "Ayman al-Zawahiri"),  # family name first, as lists write it
    ("Karzai Hamid", "Hamid Karzai"),
    ("Othman Alghamdi", "Othman al-Ghamdi"),  # the article written solid
    ("Hani Elsebai", "Hani al-Sebai"),
    ("Issa Abdoulaye", "Isa Abdoulaye"),  # doubled letter before a final vowel
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON_REORDERED_OR_SOLID)
def test_family_name_first_and_solid_article_still_match(a: str, b: str) -> None:
    assert similarity(a, b) >= DEFAULT_THRESHOLD["PERSON"]


def test_repeated_tokens_align_by_position_so_brothers_stay_apart() -> None:
    """"Ibrahim X Ibrahim Y" against "Z X Ibrahim Y": the second Ibrahim is the shared one, so the
    first names differ (brothers sharing a father's chain), not a dropped first name."""
    assert similarity("Ibrahim Sabawi Ibrahim Hasan", "Yasir Sabawi Ibrahim Hasan") < DEFAULT_THRESHOLD["PERSON"]


SHORT_FORMS = [
    ("Mr Hai", "Qazi Abdul Hai"),
    ("Khadem", "Senator Qazi Abdul Hai Khadem"),
    ("Hekmatyar", "Gulbuddin Hekmatyar"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_same_person_scores_above_default_threshold(a: str, b: str) -> None:
    assert similarity(a, b) >= DEFAULT_THRESHOLD["PERSON"]
    assert similarity(a, b) == pytest.approx(similarity(b, a))


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_score_below_default_threshold(a: str, b: str) -> None:
    assert similarity(a, b) < DEFAULT_THRESHOLD["PERSON"]


@pytest.mark.parametrize(("short", "full"), SHORT_FORMS)
def test_short_forms_score_moderately(short: str, full: str) -> None:
    """A surname or given name alone is not enough across documents: below the threshold, above noise."""
    score = similarity(short, full)
    assert 0.3 <= score < DEFAULT_THRESHOLD["PERSON"]
    assert score > similarity(short, "Abdul Ghafore Dastyaar")


def test_name_order_matters_for_people_not_for_organisations() -> None:
    assert similarity("Mohammad Wali", "Wali Mohammad") < 0.5
    assert similarity("Interior Ministry", "Ministry Interior", kind="ORG") >= DEFAULT_THRESHOLD["ORG"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sar e Pol", "Sar-e-Pol"),
        ("Sar-e Pul", "Saripul"),
        ("Sar-i-Pol", "Sarepol"),
        ("Kohistanat", "Khohistanat"),
        ("Qurghan", "Kurgan"),
        ("Jalalabad", "Djalalabad"),
        ("Chaghcharan", "Caghcaran"),
        ("Bazar-e Talah", "Bazare Tala"),
        ("Woluswali Zorkot", "Zowr Kowt"),
    ],
)
def test_same_place_scores_above_default_threshold(a: str, b: str) -> None:
    assert similarity(a, b, kind="PLACE") >= DEFAULT_THRESHOLD["PLACE"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chamkani", "Tsamkani"),  # Pashto ts for ch
        ("Jamrud", "Dzamrud"),  # Czech/Polish dz for j
        ("Balkh", "Balx"),  # x for kh
        ("Lahore", "Rahoru"),  # Japanese r for l, final vowels
        ("Kala-i-Naw", "Kalainau"),  # written solid, token counts differ
        ("Bagram", "Vulusvaliyi-Bagram"),  # a generic district word with its izafe attached
        ("Jamrud Fort", "Jamrud"),
        ("Lashkar Gah", "Lashkargah"),  # an organisation's head word inside a place name
        ("Wazirabad", "wo ji la ba de"),  # syllable-by-syllable romanisation, compared solid
    ],
)
def test_place_romanisation_habits_match(a: str, b: str) -> None:
    assert similarity(a, b, kind="PLACE") >= DEFAULT_THRESHOLD["PLACE"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khanaqa", "Qala Khan"),  # a distinctive word near a common formant is only as good as the formant
        ("Mirpur Khas", "Mirpur Mathelo"),  # a shared first word, different second ones
        ("Qala-e Naw", "Qala-e Kah"),
        ("Sar-e Pul", "Pul-e Hisar"),  # the same words, the other way round: another place
        ("Kabul", "Kabul University"),  # a place and an organisation named after it
        ("Deh Rawud", "Deh Sabz"),
        ("Chak 12", "Chak 14"),
    ],
)
def test_different_places_score_below_default_threshold(a: str, b: str) -> None:
    assert similarity(a, b, kind="PLACE") < DEFAULT_THRESHOLD["PLACE"]


@pytest.mark.parametrize(
    ("acronym", "expansion"),
    [("UIF", "United Islamic Front"), ("NDS", "National Directorate of Security"), ("I.S.I.", "Inter Services Intelligence")],
)
def test_org_acronym_matches_its_expansion(acronym: str, expansion: str) -> None:
    assert similarity(acronym, expansion, kind="ORG") >= DEFAULT_THRESHOLD["ORG"]
    assert similarity(acronym, "Hezb-e Islami", kind="ORG") < DEFAULT_THRESHOLD["ORG"]


def test_corpus_weights_make_frequent_tokens_weak() -> None:
    corpus = [f"Zarif {s}" for s in ("Amini", "Barakzai", "Popal", "Safi", "Noori", "Haidari", "Jalali", "Rahimi")] * 30
    corpus += ["Tamim Amini", "Nabil Popal"]
    weights = TokenWeights.from_names(corpus)
    assert weights.weight(name_tokens("Zarif")[0]) < 0.5
    assert weights.weight(name_tokens("Tamim")[0]) == 1.0
    # sharing only the frequent given name is weak evidence; sharing the rare surname is stronger
    assert similarity("Zarif Amini", "Zarif Popal", weights=weights) < similarity("Zarif Amini", "Tamim Amini", weights=weights)
    assert similarity("Zarif Amini", "Zarif Popal", weights=weights) < DEFAULT_THRESHOLD["PERSON"]


@pytest.mark.parametrize("kind", ["PERSON", "ORG", "PLACE"])
def test_scores_are_bounded_and_empty_names_do_not_match(kind: str) -> None:
    assert similarity("", "Kabul", kind) == 0.0
    assert similarity("---", "...", kind) == 0.0
    assert similarity("Herat", "Herat", kind) == 1.0



@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("Tamim Sherzad (birth name)", "Tamim Sherzad"),  # invented: a remark in brackets
        ("Nabil Qaderyar, Jr.", "Nabil Qaderyar"),  # a generational suffix
        ("Fawad Amini III", "Fawad Amini"),
        ("\u201cGeneral\u201d Sarwar Wardak", "Sarwar Wardak"),  # a quoted title
        ('"Farooq Popal"', "Farooq Popal"),
        ("Zalmai Hotak, born in Kabul on 1 Jan. 1960", "Zalmai Hotak"),  # a birth note run on
    ],
)
def test_remarks_about_a_name_are_not_part_of_it(noisy: str, clean: str) -> None:
    assert name_tokens(noisy) == name_tokens(clean)


@pytest.mark.parametrize(
    ("packed", "other"),
    [
        ("Tamim Sherzad; Tameem Sherzaad; Tamim Shirzad", "Tameem Shirzad"),  # invented
        ("Nabil Qaderyar a) Nabeel Qadiryar b) N. Qaderyar", "Nabil Qadiryar"),
    ],
)
def test_a_string_of_alternative_spellings_matches_as_its_best_alternative(packed: str, other: str) -> None:
    assert similarity(packed, other) >= DEFAULT_THRESHOLD["PERSON"]
    assert similarity(packed, other) == pytest.approx(similarity(other, packed))


@pytest.mark.parametrize(("a", "b"), [("abu", "abdul"), ("umm", "abu"), ("umm", "abdul")])
def test_distinct_name_formants_never_match_each_other(a: str, b: str) -> None:
    assert similarity(f"{a.title()} Karim", f"{b.title()} Karim") < DEFAULT_THRESHOLD["PERSON"]


# Letters romanisation habits read differently (tables.ALTERNATIVE_READINGS): each of these
# scored below the threshold before the other readings were compared.
OTHER_READINGS = [
    ("Jo Chol Song", "Cho Ch'o'l-so'ng"),  # Korean: Revised against McCune-Reischauer
    ("Ayman al-Zawahiri", "Ayman Dhawahri"),  # dh read z
    ("Uthman Ali Khalid", "Osman Ali Khalid"),  # th read s
    ("Xasan Cabdullahi Xirsi", "Hassan Abdullahi Hersi"),  # Somali x for h, c for the ayn
    ("Abdul Rochim Bashir", "Abdul Rahim Bashir"),  # Indonesian ch for h
    ("Hasan Chehadeh Othman", "Hassan Shehadeh Othman"),  # French ch for sh
    ("Seif Allah ben Hocine", "Saifallah ben Hussine"),  # French c before i for s
    ("Takhir Yuldashev", "Tahir Yuldashev"),  # Russian kh for h
]


@pytest.mark.parametrize(("a", "b"), OTHER_READINGS)
def test_other_romanisation_readings_match(a: str, b: str) -> None:
    assert similarity(a, b) >= DEFAULT_THRESHOLD["PERSON"]
    assert similarity(a, b) == pytest.approx(similarity(b, a))


@pytest.mark.parametrize(("a", "b"), [
    ("Cho Yong Chol", "Jo Yong Chun"),  # Cho is Jo, but Chol is not Chun
    ("Jin Ho", "Chun Ho"),
    ("Sabir Ahmadzai", "Thabit Ahmadzai"),
])
def test_other_readings_do_not_join_other_names(a: str, b: str) -> None:
    assert similarity(a, b) < DEFAULT_THRESHOLD["PERSON"]


def test_a_reading_is_no_exact_match() -> None:
    """A name read another way scores below the same name spelt alike."""
    assert similarity("Jo Chol Song", "Cho Chol Song") < similarity("Jo Chol Song", "Jo Chol Song")
