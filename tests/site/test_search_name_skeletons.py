"""The search looks names up by their stored skeletons (corpus_nameskeleton, kept
by triggers on the people and organizations): the table always holds every form's
skeleton, whichever way a name changes, so a search widens as if it had reduced
every name itself."""

import pytest
from django.db import connection, transaction
from taggit.models import Tag

from corpus.facets import suggestions
from corpus.models import Actor, Organization
from tests.factories import ActorFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

EVERY_FORM = """
SELECT DISTINCT 'actor', a.id, corpus_name_skeleton(f.form) FROM corpus_actor a, LATERAL unnest(
  a.aliases || a.name::varchar
  || ARRAY(SELECT regexp_replace(n, '^.*\\s', '') FROM unnest(a.aliases || a.name::varchar) n)
) AS f(form)
UNION
SELECT DISTINCT 'organization', o.id, corpus_name_skeleton(f.form)
FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
"""


def rows(sql: str) -> set:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return set(cursor.fetchall())


def stored() -> set:
    return rows("SELECT kind, entity_id, skeleton FROM corpus_nameskeleton")


def widened(q: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT corpus_search_query(%s)::text", [q])
        return cursor.fetchone()[0]


def test_the_stored_skeletons_are_every_form_of_every_name_reduced():
    ActorFactory(name="Aslan Tokhtarov", aliases=["A. Tokhtarov", "Тохтаров"])
    OrganizationFactory(name="Eurasian Test Union", acronym="ETU")
    assert stored() == rows(EVERY_FORM)
    assert len(stored()) > 100  # the seeds' people and organizations, not just these


def test_a_renamed_person_is_found_by_the_new_name_and_no_longer_by_the_old():
    person = ActorFactory(name="Aslan Tokhtarov")
    assert "aslan" in widened("Tohtarov")
    person.name, person.aliases = "Bolat Serikov", ["B. Serikoff"]
    person.save()
    assert "aslan" not in widened("Tohtarov")
    assert "serikoff" in widened("Serikov")
    assert stored() == rows(EVERY_FORM)
    Actor.objects.filter(pk=person.pk).delete()
    assert "serikoff" not in widened("Serikov")
    assert stored() == rows(EVERY_FORM)


def test_an_organizations_new_acronym_finds_its_name_and_a_bulk_update_is_kept():
    union = OrganizationFactory(name="Eurasian Test Union", acronym="ETU")
    assert "eurasian" in widened("ETU")
    Organization.objects.filter(pk=union.pk).update(acronym="EATU", aliases=["Test Union"])
    assert "eurasian" in widened("EATU") and "eurasian" not in widened("ETU")
    assert stored() == rows(EVERY_FORM)


FOLDED = """
SELECT DISTINCT 'actor', a.id, lower(unaccent(f.form))
FROM corpus_actor a, LATERAL unnest(a.aliases || a.name::varchar) AS f(form)
UNION
SELECT DISTINCT 'organization', o.id, lower(unaccent(f.form))
FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
WHERE f.form <> ''
UNION
SELECT 'tag', t.id, lower(unaccent(t.name)) FROM taggit_tag t
"""
# The suggestions as they were before NameForm: every form folded and scored.
EVERY_NAME_SCORED = """
WITH said AS (SELECT lower(unaccent(%s::text)) AS q),
names AS (
  SELECT 'actor' AS kind, a.id, a.slug, a.name, f.form
  FROM corpus_actor a, LATERAL unnest(a.aliases || a.name::varchar) AS f(form)
  UNION ALL
  SELECT 'organization', o.id, o.slug, o.name, f.form
  FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
  WHERE f.form <> ''
  UNION ALL
  SELECT 'tag', t.id, t.slug, t.name, t.name FROM taggit_tag t
)
SELECT n.kind, n.slug, max(greatest(
  similarity(said.q, lower(unaccent(n.form))), word_similarity(said.q, lower(unaccent(n.form)))
)) FROM names n, said GROUP BY 1, 2
HAVING max(greatest(
  similarity(said.q, lower(unaccent(n.form))), word_similarity(said.q, lower(unaccent(n.form)))
)) >= %s
"""


def test_the_stored_folded_forms_follow_every_change_of_a_name():
    person = ActorFactory(name="Aslan Tökhtarov", aliases=["A. Tokhtarov"])
    union = OrganizationFactory(name="Eurasian Test Union", acronym="ETU")
    assert rows("SELECT kind, entity_id, folded FROM corpus_nameform") == rows(FOLDED)
    person.aliases = ["Tokhtarov Aslan Bekovich"]
    person.save()
    Organization.objects.filter(pk=union.pk).update(acronym="")
    Actor.objects.filter(name__startswith="Test Person").delete()
    assert rows("SELECT kind, entity_id, folded FROM corpus_nameform") == rows(FOLDED)


def test_the_stored_folded_forms_follow_every_change_of_a_tag():
    tag = Tag.objects.create(name="Sécurité frontalière", slug="securite-frontaliere")
    assert ("tag", tag.pk, "securite frontaliere") in rows(
        "SELECT kind, entity_id, folded FROM corpus_nameform"
    )
    tag.name = "Border security (Tajik–Afghan)"
    tag.save()
    Tag.objects.filter(name__startswith="Nothing").update(name="Renamed in bulk")
    Tag.objects.exclude(pk=tag.pk).order_by("pk")[:1].get().delete()
    assert rows("SELECT kind, entity_id, folded FROM corpus_nameform") == rows(FOLDED)


@pytest.mark.parametrize(
    "q",
    [
        "Lukshenko",
        "Buzhinskiy Rahmonn",
        "Tokhtarov",
        "nato",
        "Bordyuzha",
        "Кремль",
        "secur",
        "securite frontalier",
    ],
)
def test_names_found_through_the_trigram_index_are_those_of_every_name_scored(q):
    """Every close name and its score, as close_names finds them, against every
    form of every name folded and scored: the index leaves none out."""
    ActorFactory(name="Aslan Tökhtarov", aliases=["A. Tokhtarov"])
    Tag.objects.create(name="Sécurité frontalière", slug="securite-frontaliere")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(EVERY_NAME_SCORED, [q, suggestions.CLOSENESS])
        everyone = set(cursor.fetchall())
        cursor.execute(suggestions._NEAR, [v for pair in suggestions.THRESHOLDS for v in pair])
        cursor.execute(suggestions._SCORED + "SELECT kind, slug, score FROM scored", [q])
        indexed = set(cursor.fetchall())
    assert indexed == everyone
    assert everyone or q in ("secur", "Кремль")  # the others are close to a known name


@pytest.mark.parametrize("q", ["Lukshenko", "nato", "Bordyuzha", "secur", "a", "ai", "Rahmon"])
def test_the_article_lists_suggestions_are_the_first_six_of_every_name_scored_and_counted(q):
    """close_names reads the counts before the records, and only the records that can
    be among the first six: what it gives is still the first six of every close name
    with published articles, by score, then count, then name."""
    Tag.objects.create(name="Sécurité frontalière", slug="securite-frontaliere")
    with connection.cursor() as cursor:
        cursor.execute(EVERY_NAME_SCORED, [q, suggestions.CLOSENESS])
        scores = {(kind, slug): score for kind, slug, score in cursor.fetchall()}
        cursor.execute(
            "SELECT t.facet, e.slug, e.name, t.count FROM corpus_facettotal t JOIN ("
            " SELECT 'actor' AS kind, id, slug, name FROM corpus_actor UNION ALL"
            " SELECT 'organization', id, slug, name FROM corpus_organization UNION ALL"
            " SELECT 'tag', id, slug, name FROM taggit_tag"
            ") e ON e.kind = t.facet AND e.id = t.value WHERE t.count > 0"
        )
        counted = {(kind, slug): (name, n) for kind, slug, name, n in cursor.fetchall()}
        # Names in the database's collation, as its ORDER BY puts them.
        cursor.execute(
            "SELECT n FROM unnest(%s::text[]) AS n ORDER BY n", [[n for n, _ in counted.values()]]
        )
        place = {name: i for i, (name,) in enumerate(cursor.fetchall())}
    close = [
        (-score, -counted[key][1], place[counted[key][0]], counted[key][0], key)
        for key, score in scores.items()
        if key in counted
    ]
    expected = [
        (kind, kind, slug, name, -minus_n)
        for _, minus_n, _, name, (kind, slug) in sorted(close)[: suggestions.SUGGESTED]
    ]
    found = [
        (s.kind, s.facet, s.slug, s.name, s.count) for s in suggestions.close_names(q, "articles")
    ]
    assert found == expected
