"""Names inside longer names, with the archive's own people and organizations: a known
name inside a longer proper name is not linked ("Islamic Movement of Uzbekistan",
"Interfax-Kazakhstan"), but an acronym before a common noun is the organization ("the
CSTO Summit"), a state inside its own formal name is the state ("the Republic of
Kazakhstan"), and a name right before another name is no part of it. The names the
archive does not know are put to editors as printed, never cut short."""

import pytest

from corpus.ingest.matching import EntityMatcher
from corpus.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher():
    Organization.objects.create(name="China", slug="china", kind=Organization.Kind.STATE)
    Organization.objects.create(name="Donetsk", slug="donetsk")  # a city, not a state
    return EntityMatcher.from_database()


def linked(matcher, text: str) -> list[tuple[str, str]]:
    return [(m.text, matcher.label(m.kind, m.entity_id)) for m in matcher.linked(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Leaders gathered at the CSTO Summit in Dushanbe.", "CSTO"),
        ("The NATO Summit in Lisbon changed little.", "NATO"),
        ("Nato Members were not consulted.", "NATO"),
        ("The CSTO Charter says nothing of it.", "CSTO"),
    ],
)
def test_an_acronym_before_a_common_noun_is_the_organization(matcher, text, name):
    acronym = name if name in text else name.capitalize()
    found = linked(matcher, text)
    assert len(found) == 1 and found[0][0] == acronym
    assert Organization.objects.named(name).get().name == found[0][1]


@pytest.mark.parametrize(
    "text, unlinked",
    [
        ("The CSTO Secretariat issued a statement.", "CSTO"),
        ("The CSTO Rapid Reaction Force will train in Kyrgyzstan.", "CSTO"),
        ("The Islamic Movement of Uzbekistan was blamed.", "Uzbekistan"),
        ("Interfax-Kazakhstan reported the talks.", "Kazakhstan"),
        ("The Democratic Party of Kazakhstan objected.", "Kazakhstan"),
        ("The People's Republic of Donetsk declared itself.", "Donetsk"),
    ],
)
def test_a_known_name_inside_a_longer_proper_name_stays_unlinked(matcher, text, unlinked):
    assert unlinked not in [spelled for spelled, _ in linked(matcher, text)]


@pytest.mark.parametrize(
    "text, state",
    [
        ("The Republic of Kazakhstan signed the agreement.", "Kazakhstan"),
        ("Envoys of the Democratic Republic of Afghanistan arrived.", "Afghanistan"),
        ("The Kingdom of Saudi Arabia paid for it.", "Saudi Arabia"),
        ("The People's Republic of China observed.", "China"),
        ("The Islamic Republic of Iran objected.", "Iran"),
    ],
)
def test_a_state_inside_its_own_formal_name_is_the_state(matcher, text, state):
    assert (state, state) in linked(matcher, text)


def test_a_name_right_before_another_known_name_is_no_part_of_it(matcher):
    text = "The President of the Republic of Kazakhstan Nursultan Nazarbayev arrived."
    assert linked(matcher, text) == [
        ("Kazakhstan", "Kazakhstan"),
        ("Nursultan Nazarbayev", "Nursultan Nazarbayev"),
    ]
    transliterated = "The Republic of Kazakhstan Nursultan Nazarbaev arrived."
    assert ("Kazakhstan", "Kazakhstan") in linked(matcher, transliterated)


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Islamic Movement of Uzbekistan fighters crossed the border.", "Islamic Movement of Uzbekistan", "organization"),
        ("The Kazakh Foreign Ministry said nothing.", "Kazakh Foreign Ministry", "organization"),
        ("The Russian Ministry of Foreign Affairs agreed.", "Russian Ministry of Foreign Affairs", "organization"),
        ("Kyrgyz President Roza Otunbayeva refused.", "Roza Otunbayeva", "actor"),
        ("The CSTO Secretariat issued a statement.", "CSTO Secretariat", "organization"),
    ],
)  # fmt: skip
def test_unknown_names_are_put_to_editors_whole(matcher, text, name, kind):
    found = [(unknown.name, unknown.kind) for unknown in matcher.unknown_names(text)]
    assert found == [(name, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Ministry said nothing.",
        "The Ministry of Defence said nothing.",
        "Leaders gathered at the CSTO Summit in Dushanbe.",
        "The Republic of Kazakhstan signed the agreement.",
    ],
)
def test_no_person_or_organization_is_made_of_a_common_noun(matcher, text):
    assert matcher.unknown_names(text) == []
