"""ArticleFacets and FacetTotal: the article list's denormalized facets, kept by
database triggers, and counted the same way a brute-force count would."""

import pytest
from django.db import connection
from django.urls import reverse

from corpus.facets import article_search as article_facets
from corpus.facets.article_search import ArticleSearch
from corpus.models import (
    Actor,
    Article,
    ArticleFacets,
    Authorship,
    Claim,
    FacetTotal,
    Mention,
    Organization,
    Status,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def facets_of(article):
    return ArticleFacets.objects.get(article=article)


def total(facet, value):
    row = FacetTotal.objects.filter(facet=facet, value=value).first()
    return row.count if row else 0


def recounted_totals():
    """The totals recomputed from scratch, to compare with the running ones."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT 'actor', v, count(*) FROM corpus_articlefacets, unnest(actor_ids) v
                WHERE published GROUP BY v
            UNION ALL SELECT 'organization', v, count(*) FROM corpus_articlefacets,
                unnest(organization_ids) v WHERE published GROUP BY v
            UNION ALL SELECT 'tag', v, count(*) FROM corpus_articlefacets, unnest(tag_ids) v
                WHERE published GROUP BY v
            UNION ALL SELECT 'author', v, count(*) FROM corpus_articlefacets, unnest(author_ids) v
                WHERE published GROUP BY v
            UNION ALL SELECT 'year', year, count(*) FROM corpus_articlefacets
                WHERE published AND year IS NOT NULL GROUP BY year
            UNION ALL SELECT 'publication', publication_id, count(*) FROM corpus_articlefacets
                WHERE published AND publication_id IS NOT NULL GROUP BY publication_id
            UNION ALL SELECT 'all', 0, count(*) FROM corpus_articlefacets WHERE published
                HAVING count(*) > 0
            """
        )
        return {(facet, value): n for facet, value, n in cursor.fetchall()}


def running_totals():
    return {(t.facet, t.value): t.count for t in FacetTotal.objects.filter(count__gt=0)}


def test_every_seed_article_has_its_facet_row():
    lukashenko = Actor.objects.get(slug="alexander-lukashenko")
    assert ArticleFacets.objects.count() == Article.objects.count()
    mentioning = Article.objects.filter(mentions__actor=lukashenko).distinct()
    assert set(
        ArticleFacets.objects.filter(actor_ids__contains=[lukashenko.pk]).values_list(
            "article_id", flat=True
        )
    ) == set(mentioning.values_list("pk", flat=True))
    assert running_totals() == recounted_totals()


def test_the_row_follows_mentions_tags_bylines_and_status():
    article = ArticleFactory(body="Nazarbayev met the CSTO.")
    person = Actor.objects.create(name="Nazarbayev Test", slug="nazarbayev-test")
    csto = Organization.objects.get(slug="csto")
    assert facets_of(article).actor_ids == []

    mention = Mention.objects.create(article=article, actor=person, start=0, end=10)
    Mention.objects.create(article=article, organization=csto, start=20, end=24)
    article.tags.add("summit")
    Authorship.objects.create(article=article, actor=person)
    row = facets_of(article)
    assert (row.actor_ids, row.organization_ids, row.author_ids) == (
        [person.pk],
        [csto.pk],
        [person.pk],
    )
    assert len(row.tag_ids) == 1
    assert total("actor", person.pk) == 1

    mention.anchor = Mention.Anchor.ORPHANED  # an orphan lost its place: it no longer counts
    mention.save()
    assert facets_of(article).actor_ids == []
    assert total("actor", person.pk) == 0

    article.status = Status.DRAFT
    article.save()
    assert facets_of(article).published is False
    assert total("author", person.pk) == 0, "totals count published articles only"
    assert running_totals() == recounted_totals()


def test_the_row_carries_the_articles_search_vector_and_follows_edits_to_its_text():
    article = ArticleFactory(title="Pipeline Talks", body="The ministers discussed gas transit.")
    assert facets_of(article).search_vector == article_vector(article)
    assert article.pk in ArticleSearch({}, "transit").rows().values_list("article_id", flat=True)

    article.body = "The ministers discussed electricity exports."
    article.save()
    assert facets_of(article).search_vector == article_vector(article)
    found = ArticleSearch({}, "electricity").rows().values_list("article_id", flat=True)
    assert article.pk in found
    assert article.pk not in ArticleSearch({}, "transit").rows().values_list(
        "article_id", flat=True
    )
    assert article.pk in ArticleSearch({}, "pipeline").rows().values_list("article_id", flat=True)


def article_vector(article):
    return Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)


def test_deleting_an_article_takes_its_row_and_its_counts_away():
    article = Article.objects.get(slug__startswith="csto-safe-choice")
    csto = Organization.objects.get(slug="csto")
    before = total("organization", csto.pk)

    Claim.objects.filter(annotation__article=article).delete()  # claims first (PROTECT)
    article.delete()

    assert not ArticleFacets.objects.filter(article_id=article.pk).exists()
    assert total("organization", csto.pk) == before - 1
    assert running_totals() == recounted_totals()


def test_the_published_total_follows_publishing_and_is_the_unfiltered_lists_count(client):
    published = Article.objects.published().count()
    assert total("all", 0) == published
    article = ArticleFactory(status=Status.DRAFT)
    assert total("all", 0) == published, "a draft is not counted"

    article.status = Status.PUBLISHED
    article.save()
    assert total("all", 0) == published + 1
    assert ArticleSearch({}).count() == published + 1
    assert client.get("/articles/", {"format": "json"}).json()["count"] == published + 1

    Article.objects.filter(pk=article.pk).delete()
    assert total("all", 0) == published
    assert running_totals() == recounted_totals()


def brute_force_counts(q: str, facet_name: str) -> dict:
    """People by how many published, matching articles name them, by plain ORM joins."""
    matching = Article.objects.published().matching(q)
    counts = {}
    for actor in Actor.objects.all():
        n = matching.filter(mentions__actor=actor, mentions__anchor="anchored").distinct().count()
        if n:
            counts[actor.slug] = n
    return counts


@pytest.mark.parametrize("q", ["Russia", "Lukashenko", "Kant airbase"])
@pytest.mark.parametrize("way", ["by complement", "directly"])
def test_search_facets_and_count_agree_with_a_brute_force_count(q, way, monkeypatch):
    """A search expected to match most articles is counted by complement (totals less
    the articles it misses), others directly; both ways must give the same numbers."""
    monkeypatch.setattr(article_facets, "COMMON_SHARE", 0 if way == "by complement" else 2)
    search = ArticleSearch({}, q)
    assert search.count() == Article.objects.published().matching(q).count()
    assert search.by_complement == (way == "by complement")
    people = next(column for column in search.counts() if column.name == "actor")
    assert {v.value: v.count for v in people.values} == brute_force_counts(q, "actor")


def test_a_chosen_value_keeps_its_count_even_beyond_the_facet_limit(monkeypatch):
    monkeypatch.setattr(article_facets, "ARTICLE_FACET_LIMIT", 1)
    rarest = min(
        Actor.objects.filter(mentions__article__year=2011).distinct(),
        key=lambda a: a.mentions.filter(article__year=2011).values("article").distinct().count(),
    )
    expected = (
        Article.objects.published()
        .filter(year=2011, mentions__actor=rarest, mentions__anchor="anchored")
        .distinct()
        .count()
    )
    search = ArticleSearch({"actor": [rarest.slug], "year": [2011]})
    search.count()
    people = next(column for column in search.counts() if column.name == "actor")
    assert [(v.value, v.count, v.selected) for v in people.values] == [
        (rarest.slug, expected, True)
    ]


def test_a_search_matching_too_many_to_rank_is_listed_by_date_and_says_so(client, monkeypatch):
    monkeypatch.setattr(article_facets, "RANK_LIMIT", 2)
    response = client.get(reverse("article_list"), {"q": "Russia"})
    assert response.context["ranked"] is False
    assert "listed newest first" in response.content.decode()
    dates = [a.date_start for a in response.context["articles"]]
    assert dates == sorted(dates, reverse=True)
    assert (
        client.get(reverse("article_list"), {"q": "Russia", "format": "json"}).json()["order"]
        == "date"
    )


def test_a_search_within_the_limit_is_ranked(client):
    response = client.get(reverse("article_list"), {"q": "Russia", "format": "json"})
    assert response.json()["order"] == "relevance"


def test_relevance_uses_the_stored_weighted_vector_a_title_match_first(client):
    """Ranking reads the stored search vector, where title words weigh more than
    body words; it does not rebuild a vector from that column's text (which loses
    the weights and costs a parse per match)."""
    in_title = ArticleFactory(title="Zhanaozen unrest", body="Workers met.", date_edtf="2005-01-01")
    in_body = ArticleFactory(
        title="A report", body="Zhanaozen workers met.", date_edtf="2011-01-01"
    )
    response = client.get(reverse("article_list"), {"q": "Zhanaozen", "format": "json"})
    slugs = [row["slug"] for row in response.json()["results"]]
    assert slugs == [in_title.slug, in_body.slug]
