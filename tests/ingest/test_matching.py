"""Alias matching: whole words, longest name first, unambiguous surnames only,
never a first name alone, and never a stand-in name on its own."""

from corpus.ingest.matching import EntityMatcher
from corpus.models import Actor, Organization


def actor(pk, name, *aliases):
    return Actor(pk=pk, name=name, slug=f"a{pk}", aliases=list(aliases))


def org(pk, name, acronym="", *aliases, stand_ins=()):
    return Organization(
        pk=pk,
        name=name,
        slug=f"o{pk}",
        acronym=acronym,
        aliases=list(aliases),
        stand_ins=list(stand_ins),
    )


MAKAROV = actor(1, "Nikolai Makarov", "Nikolay Makarov")
PATRUSHEV = actor(2, "Nikolai Patrushev")
RAHMON = actor(3, "Emomali Rahmon", "Imomali Rakhmonov")
GOLTS = actor(4, "Alexander Golts")
LUKASHENKO = actor(5, "Alexander Lukashenko", "Aleksander Lukashenko")
CSTO = org(10, "Collective Security Treaty Organization", "CSTO")
RUSSIA = org(11, "Russia")
USA = org(12, "United States", "", "U.S.", "US")
MATCHER = EntityMatcher([MAKAROV, PATRUSHEV, RAHMON, GOLTS, LUKASHENKO], [CSTO, RUSSIA, USA])


def found(text):
    return [(m.text, m.kind, m.entity_id) for m in MATCHER.linked(text)]


def test_every_spelling_links_to_one_person():
    assert found("Gen. Nikolay Makarov spoke; later Nikolai Makarov agreed.") == [
        ("Nikolay Makarov", "actor", 1),
        ("Nikolai Makarov", "actor", 1),
    ]
    assert found("Imomali Rakhmonov, also written Emomali Rahmon") == [
        ("Imomali Rakhmonov", "actor", 3),
        ("Emomali Rahmon", "actor", 3),
    ]


def test_unambiguous_surname_alone_links():
    assert found("Makarov’s and Lukashenko's statements") == [
        ("Makarov", "actor", 1),
        ("Lukashenko", "actor", 5),
    ]
    assert found("Rahmon commented") == [("Rahmon", "actor", 3)]


def test_a_shared_first_name_never_links():
    assert found("Nikolai said and Alexander agreed") == []


def test_a_surname_two_people_share_links_to_neither_unless_named_in_full_before():
    matcher = EntityMatcher([actor(1, "Igor Ivanov"), actor(2, "Sergei Ivanov")], [])
    assert [m.text for m in matcher.linked("Ivanov said; Igor Ivanov agreed")] == ["Igor Ivanov"]
    assert [(m.text, m.entity_id) for m in matcher.linked("Igor Ivanov said; Ivanov agreed")] == [
        ("Igor Ivanov", 1),
        ("Ivanov", 1),
    ]


def test_matching_is_whole_word():
    assert found("Russian troops and Russians") == []
    assert found("CSTOs USA Business") == []
    assert found("Russia-UK talks; NATO-CSTO cooperation") == [
        ("Russia", "organization", 11),
        ("CSTO", "organization", 10),
    ]


def test_matching_is_case_sensitive():
    assert found("the us and the csto") == []


def test_longest_name_wins():
    assert found("the Collective Security Treaty Organization (CSTO)") == [
        ("Collective Security Treaty Organization", "organization", 10),
        ("CSTO", "organization", 10),
    ]


def test_abbreviations_with_dots_match():
    assert found("U.S. and coalition forces, and US officials") == [
        ("U.S.", "organization", 12),
        ("US", "organization", 12),
    ]


def test_offsets_point_at_the_matched_text():
    text = "As usual, Lukashenko said that the CSTO would act."
    for match in MATCHER.find(text):
        assert text[match.start : match.end] == match.text


def test_no_entities_no_matches():
    assert EntityMatcher([], []).find("anything") == []


# -- stand-in names ------------------------------------------------------------------

KREMLIN = org(20, "Russian leadership", stand_ins=["Kremlin"])
MOSCOW_INSTITUTE = org(21, "Moscow State Institute of International Relations")
RUSSIA_WITH_CAPITAL = org(11, "Russia", stand_ins=["Moscow"])
WITH_STAND_INS = EntityMatcher(
    [actor(6, "George Washington")],
    [
        RUSSIA_WITH_CAPITAL,
        KREMLIN,
        MOSCOW_INSTITUTE,
        org(12, "United States", stand_ins=["Washington"]),
    ],
)


def test_a_stand_in_name_never_links_on_its_own_but_is_reported():
    text = "Moscow said the Kremlin agreed; Washington did not."
    assert WITH_STAND_INS.find(text) == []
    assert [(o.text, o.organization_ids) for o in WITH_STAND_INS.stand_ins(text)] == [
        ("Moscow", (11,)),
        ("Kremlin", (20,)),
        ("Washington", (12,)),
    ]
    for occurrence in WITH_STAND_INS.stand_ins(text):
        assert text[occurrence.start : occurrence.end] == occurrence.text


def test_a_longer_name_holding_a_stand_in_name_wins():
    text = "a scholar at the Moscow State Institute of International Relations"
    assert [m.entity_id for m in WITH_STAND_INS.find(text)] == [21]
    assert WITH_STAND_INS.stand_ins(text) == []


def test_a_stand_in_name_is_never_a_plain_name_nor_a_surname():
    # George Washington is linked by his full name, never by the stand-in "Washington".
    assert [m.text for m in WITH_STAND_INS.find("George Washington; Washington")] == [
        "George Washington"
    ]
    # Even a record that has it as an alias does not get it.
    matcher = EntityMatcher([], [RUSSIA_WITH_CAPITAL, org(30, "Moscow City Hall", "", "Moscow")])
    assert matcher.find("Moscow decided") == []
    assert matcher.stand_ins("Moscow decided")[0].organization_ids == (11,)
