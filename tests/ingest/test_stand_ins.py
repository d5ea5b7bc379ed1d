"""Stand-in names: a capital or a building the texts use for a government. Every
occurrence in the seeds is classified; a stand-in is a marked mention of the body
it stands for, a place stays unlinked; the Kremlin and the Pentagon are the bodies
they stand for; and a load keeps what editors decided."""

import io
import shutil
import tomllib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.seeds.stand_ins import classified
from corpus.ingest.seeds.sync import fingerprint
from corpus.models import Article, Claim, Mention, Organization, SeedState
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

CURATIONS = {
    path.name[:3]: tomllib.loads(path.read_text())
    for path in sorted((SEEDS / "curation" / "articles").glob("*.toml"))
}
# The five, and every other capital the texts use for its government.
STAND_IN_NAMES = {
    "Moscow": "russia",
    "Washington": "united-states",
    "London": "united-kingdom",
    "Kremlin": "russian-leadership",
    "Pentagon": "us-department-of-defense",
    "Dushanbe": "tajikistan",
    "Bishkek": "kyrgyzstan",
    "Tashkent": "uzbekistan",
}


def seed_article(seed: str) -> Article:
    return Article.objects.get(source_file=CURATIONS[seed]["source_file"])


def mention_at(article, words: str, name: str):
    """The mentions of `name` where it occurs inside `words` in the article's body."""
    start = article.body.index(words) + words.index(name)
    return Mention.objects.filter(article=article, start=start, end=start + len(name))


def by_slug(slug: str) -> Organization:
    return Organization.objects.get(slug=slug)


def curated_stand_ins(name: str) -> int:
    """How many occurrences of `name` the curation classifies as stand-ins."""
    return sum(
        len(row["contexts"])
        for curation in CURATIONS.values()
        for row in curation.get("stand_in", [])
        if row["name"] == name
    )


def load_seeds(seeds=SEEDS) -> str:
    out = io.StringIO()
    call_command("load_seeds", "--seeds", str(seeds), stdout=out)
    return out.getvalue()


# -- the policy, applied to the seeds ----------------------------------------------


def test_every_capital_or_building_used_for_a_government_is_a_stand_in_name():
    for name, slug in STAND_IN_NAMES.items():
        organization = Organization.objects.get(slug=slug)
        assert name in organization.stand_ins
        assert name not in organization.names  # never matched as a plain name


@pytest.mark.parametrize("seed", sorted(CURATIONS))
def test_every_occurrence_of_a_stand_in_name_is_classified(seed):
    """As a stand-in for a body, or as the place: none is left for a reader to guess."""
    article = seed_article(seed)
    found = {o.start for o in EntityMatcher.from_database().stand_ins(article.body)}
    stand_ins, places = classified(CURATIONS[seed], article.body, by_slug)
    decided = [start for start, _, _ in stand_ins] + [start for start, _ in places]
    assert len(decided) == len(set(decided))
    unclassified = sorted(found - set(decided))
    assert not unclassified, [article.body[start : start + 30] for start in unclassified]
    assert set(decided) <= found  # nothing classified that is not an occurrence


def test_the_classification_lookup_is_by_slug():
    stand_ins, places = classified(CURATIONS["000"], seed_article("000").body, by_slug)
    assert {org.slug for _, _, org in stand_ins} == {"russia", "russian-leadership"}
    assert len(places) == 2  # the Dushanbe meeting, twice


@pytest.mark.parametrize(
    "seed, words, name, body",
    [
        ("000", "The bad news is that Moscow is using", "Moscow", "russia"),
        ("001", "Currently, the Pentagon has bilateral", "Pentagon", "us-department-of-defense"),
        ("001", "relations with Washington through Moscow", "Washington", "united-states"),
        (
            "002",
            "fallout from Moscow’s decision to bloc London’s request",
            "London",
            "united-kingdom",
        ),
        ("002", "coming from Bishkek and Dushanbe", "Bishkek", "kyrgyzstan"),
        ("003", "if the Kremlin is looking", "Kremlin", "russian-leadership"),
        ("004", "Dushanbe’s linkage of the future", "Dushanbe", "tajikistan"),
        ("004", "lackluster reputation in Tashkent", "Tashkent", "uzbekistan"),
    ],
)
def test_a_stand_in_is_a_marked_mention_of_the_body_it_stands_for(seed, words, name, body):
    mention = mention_at(seed_article(seed), words, name).get()
    assert (mention.organization.slug, mention.stand_in) == (body, True)
    assert mention.source == Mention.Source.CURATION


@pytest.mark.parametrize(
    "seed, words, name",
    [
        ("000", "a meeting held Friday in Dushanbe", "Dushanbe"),
        ("001", "at Moscow’s Institute of World Economy", "Moscow"),
        ("002", "(Argumenty i fakty, Moscow, October 10)", "Moscow"),
        ("003", "a Moscow think tank affiliated", "Moscow"),
        ("003", "near the capital, Bishkek,", "Bishkek"),
        ("004", "to be deployed in Dushanbe in support", "Dushanbe"),
    ],
)
def test_a_place_named_as_a_place_is_not_linked(seed, words, name):
    assert not mention_at(seed_article(seed), words, name).exists()


def test_moscow_inside_a_longer_name_is_that_name():
    article = seed_article("003")
    start = article.body.index("Moscow State Institute of International Relations")
    assert start not in {o.start for o in EntityMatcher.from_database().stand_ins(article.body)}
    (mention,) = Mention.objects.filter(article=article, start=start)
    assert mention.organization.slug == "moscow-state-institute-of-international-relations"


def test_the_kremlin_and_the_pentagon_are_the_bodies_they_stand_for(client):
    leadership = Organization.objects.get(slug="russian-leadership")
    assert (leadership.name, leadership.parent.slug, leadership.former_slugs) == (
        "Russian leadership",
        "russia",
        ["kremlin"],
    )
    assert Claim.objects.get(key="mt-kremlin-acknowledges-southern-threat").claimant == leadership
    assert leadership.mentions.count() == leadership.mentions.stand_ins().count() == 7
    assert Mention.objects.stand_ins().filter(organization__slug="russia").count() == (
        curated_stand_ins("Moscow")
    )
    defense = Organization.objects.get(slug="us-department-of-defense")
    assert (defense.former_slugs, defense.parent.slug) == (["pentagon"], "united-states")
    for old, new in (("kremlin", leadership), ("pentagon", defense)):
        response = client.get(reverse("organization_detail", args=[old]), {"format": "json"})
        assert response.status_code == 301
        assert response["Location"] == f"{new.get_absolute_url()}?format=json"


def test_the_matcher_never_links_a_stand_in_name_on_its_own():
    matcher = EntityMatcher.from_database()
    text = "Moscow and the Kremlin answered Washington, not the Pentagon, in Dushanbe."
    assert matcher.find(text) == []
    assert [o.text for o in matcher.stand_ins(text)] == [
        "Moscow",
        "Kremlin",
        "Washington",
        "Pentagon",
        "Dushanbe",
    ]


# -- loading keeps what editors decided --------------------------------------------


def test_loading_again_changes_no_stand_in():
    before = sorted(Mention.objects.stand_ins().values_list("pk", "start", "organization"))
    output = load_seeds()
    assert sorted(Mention.objects.stand_ins().values_list("pk", "start", "organization")) == before
    assert "stand-ins unchanged" in output and "stand-ins created" not in output


def test_reload_keeps_a_stand_in_an_editor_unmarked():
    article = seed_article("000")
    mention = mention_at(article, "The bad news is that Moscow is using", "Moscow").get()
    mention.delete()  # an editor decides the text means the city after all
    output = load_seeds()
    assert not mention_at(article, "The bad news is that Moscow is using", "Moscow").exists()
    assert f"stand-ins {article.source_file}: changed by an editor" in output


# The Kremlin and the Pentagon as they were seeded before stand-ins: plain names.
BEFORE_STAND_INS = {
    "russian-leadership": {
        "slug": "kremlin",
        "name": "Kremlin",
        "description": "The Russian leadership, referred to by the metonym “the Kremlin”.",
    },
    "us-department-of-defense": {
        "slug": "pentagon",
        "name": "Pentagon",
        "description": "The United States Department of Defense, referred to by the metonym "
        "“the Pentagon” (001).",
    },
}


def seeded_before_stand_ins():
    """Put the archive back as the loader left it before stand-ins: the Kremlin and the
    Pentagon plain names the matcher linked, no stand-in names or mentions, and the
    loader's state of then."""
    for slug, old in BEFORE_STAND_INS.items():
        values = {"name": old["name"], "acronym": "", "aliases": [], "kind": "government_body"}
        values["description"] = old["description"]
        record = Organization.objects.filter(pk=Organization.objects.get(slug=slug).pk)
        record.update(slug=old["slug"], former_slugs=[], parent=None, **values)
        Mention.objects.filter(organization__in=record).update(
            source=Mention.Source.MATCHER, stand_in=False
        )
        SeedState.objects.filter(key=slug).delete()
        SeedState.objects.create(
            kind="organization", key=old["slug"], fingerprint=fingerprint(values)
        )
        relations = fingerprint({"parent": "", "members": []})
        SeedState.objects.create(kind="relations", key=old["slug"], fingerprint=relations)
    Mention.objects.stand_ins().delete()
    Organization.objects.update(stand_ins=[])
    SeedState.objects.filter(kind__in=["stand-ins", "stand-in names"]).delete()


def test_stand_ins_and_renames_reach_a_database_seeded_before_them():
    seeded_before_stand_ins()
    kremlin = Organization.objects.get(slug="kremlin")
    mentions = set(kremlin.mentions.values_list("pk", flat=True))
    output = load_seeds()
    leadership = Organization.objects.get(slug="russian-leadership")
    assert leadership.pk == kremlin.pk and leadership.former_slugs == ["kremlin"]
    assert (leadership.name, leadership.parent.slug, leadership.stand_ins) == (
        "Russian leadership",
        "russia",
        ["Kremlin"],
    )
    assert set(leadership.mentions.stand_ins().values_list("pk", flat=True)) == mentions
    assert Claim.objects.get(key="mt-kremlin-acknowledges-southern-threat").claimant == leadership
    moscow = Mention.objects.filter(organization__slug="russia", stand_in=True)
    assert moscow.count() == curated_stand_ins("Moscow") == 30
    assert "2 organizations renamed" in output and "kept" not in output
    assert "renamed" not in load_seeds() and "kept" not in load_seeds()


# -- a curated rename -----------------------------------------------------------------

RENAME = (
    'slug = "state-department"\nname = "State Department"\nacronym = ""\naliases = []',
    'slug = "us-department-of-state"\nformer_slugs = ["state-department"]\n'
    'name = "United States Department of State"\nacronym = ""\naliases = ["State Department"]',
)


def renamed_copy(tmp_path):
    """The seeds, with the State Department renamed to its formal name and its claims
    following it."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    entities = seeds / "curation" / "entities.toml"
    assert RENAME[0] in entities.read_text()
    entities.write_text(entities.read_text().replace(*RENAME))
    article = seeds / "curation" / "articles" / "001_40707b2bc624f52d.toml"
    old, new = 'claimant = "state-department"', 'claimant = "us-department-of-state"'
    article.write_text(article.read_text().replace(old, new))
    return seeds


def test_a_curated_rename_keeps_the_records_id_mentions_and_claims(client, tmp_path):
    record = Organization.objects.get(slug="state-department")
    mentions = set(record.mentions.values_list("pk", flat=True))
    claims = set(record.claims.values_list("pk", flat=True))
    output = load_seeds(renamed_copy(tmp_path))
    record.refresh_from_db()
    assert (record.slug, record.name, record.former_slugs) == (
        "us-department-of-state",
        "United States Department of State",
        ["state-department"],
    )
    assert set(record.mentions.values_list("pk", flat=True)) == mentions
    assert set(record.claims.values_list("pk", flat=True)) == claims and len(claims) == 3
    assert "1 organizations renamed" in output
    response = client.get(reverse("organization_detail", args=["state-department"]))
    assert response.status_code == 301 and response["Location"] == record.get_absolute_url()
    assert "organizations renamed" not in load_seeds(renamed_copy(tmp_path / "again"))


def test_an_editors_change_keeps_a_record_from_being_renamed(tmp_path):
    record = Organization.objects.get(slug="state-department")
    record.description = "An editor's description."
    record.save()
    output = load_seeds(renamed_copy(tmp_path))
    record.refresh_from_db()
    assert (record.slug, record.description) == ("state-department", "An editor's description.")
    assert "organization state-department: changed by an editor, so not renamed" in output
    assert Claim.objects.filter(claimant_organization=record).count() == 3


# -- the model ----------------------------------------------------------------------


def test_a_stand_in_name_cannot_be_anyones_name():
    russia = Organization.objects.get(slug="russia")
    russia.stand_ins = ["Moscow", "Russia"]
    with pytest.raises(ValidationError, match="“Russia” is a name of Russia"):
        russia.full_clean()
    russia.stand_ins = ["Moscow", "NATO"]
    with pytest.raises(ValidationError, match="“NATO” is a name of North Atlantic"):
        russia.full_clean()


def test_only_an_organization_has_a_stand_in():
    from django.db import IntegrityError, transaction

    article = seed_article("000")
    person = Claim.objects.filter(claimant_actor__isnull=False).first().claimant_actor
    refused = pytest.raises(IntegrityError, match="mention_stand_in_is_an_organization")
    with refused, transaction.atomic():
        Mention.objects.create(article=article, start=0, end=3, actor=person, stand_in=True)
