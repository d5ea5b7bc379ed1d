"""The front page says what the archive holds and where to start."""

import pytest
from django.urls import reverse

from corpus.models import Article, Claim, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def test_home_counts_only_published_records(client):
    ArticleFactory(status=Status.DRAFT)
    response = client.get(HOME)
    assert response.context["article_count"] == Article.objects.published().count() == 5
    assert response.context["claim_count"] == Claim.objects.published().count()
    assert response.context["years"] == {"first": 2004, "last": 2011}


def test_home_lists_the_most_mentioned_people_with_counts(client):
    people = client.get(HOME).context["people"]
    counts = [person.article_count for person in people]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    assert "Alexander Lukashenko" in client.get(HOME).content.decode()


def test_home_has_a_json_twin_from_the_same_context(client):
    html = client.get(HOME).context
    data = client.get(HOME, {"format": "json"}).json()
    assert data["article_count"] == html["article_count"]
    assert [p["slug"] for p in data["people"]] == [p.slug for p in html["people"]]
    assert [a["slug"] for a in data["recent"]] == [a.slug for a in html["recent"]]


def test_home_query_count_does_not_grow_with_the_data(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(20)
    with django_assert_max_num_queries(10):
        client.get(HOME)


def test_the_home_pages_counts_agree_with_the_lists_they_link_to(client):
    from django.urls import reverse

    home = client.get(reverse("home")).context
    people = client.get(reverse("actor_list")).context["page"].paginator.count
    organizations = client.get(reverse("organization_list")).context["page"].paginator.count
    assert (home["people_count"], home["organization_count"]) == (people, organizations)


def test_an_author_no_article_names_is_listed_as_the_writer_not_as_zero_articles(client):
    from django.urls import reverse

    from corpus.models import Actor

    html = client.get(reverse("actor_list")).content.decode()
    kucera = Actor.objects.with_article_count().with_authored_count().get(slug="joshua-kucera")
    assert kucera.article_count == 0 and kucera.authored_count == 2
    item = html[html.index(">Joshua Kucera</a>") :].split("</li>")[0]
    assert "wrote 2 articles" in item and "0 articles" not in item
