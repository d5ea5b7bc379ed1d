"""The lists of people and organizations: counts, spellings, the name filter,
the kind facet, pagination and empty states, in HTML and JSON."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Mention, Organization, Status
from tests.factories import ActorFactory, ArticleFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

ACTORS = reverse("actor_list")
ORGANIZATIONS = reverse("organization_list")


def get_json(client, url, **params):
    response = client.get(url, {"format": "json", **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def slugs(payload):
    return [row["slug"] for row in payload["results"]]


def test_lists_keep_the_json_contract_and_count_articles(client):
    payload = get_json(client, ACTORS)
    assert set(payload) >= {"count", "next", "results"}
    assert payload["count"] == Actor.objects.count() == 21
    for row in payload["results"]:
        assert set(row) >= {"slug", "name", "aliases", "article_count"}
    counts = [row["article_count"] for row in payload["results"]]
    assert counts == sorted(counts, reverse=True)
    csto = next(r for r in get_json(client, ORGANIZATIONS)["results"] if r["slug"] == "csto")
    assert csto["article_count"] == 5 and csto["acronym"] == "CSTO"


def test_list_shows_other_spellings(client):
    html = client.get(ACTORS).content.decode()
    assert "Imomali Rakhmonov" in html and "Aleksander Lukashenko" in html


@pytest.mark.parametrize(
    "url, q, expected",
    [
        (ACTORS, "Lukashenko", "alexander-lukashenko"),
        (ACTORS, "rakhmonov", "emomali-rahmon"),  # an alias, any case
        (ACTORS, "Nikolay", "nikolai-makarov"),  # the alias spelling
        (ACTORS, "Buzhinski", "yevgeny-buzhinsky"),  # a near spelling (pg_trgm)
        (ORGANIZATIONS, "CSTO", "csto"),  # an acronym
        (ORGANIZATIONS, "eurasianet", "eurasianet"),
    ],
)
def test_name_filter_matches_names_aliases_and_acronyms(client, url, q, expected):
    payload = get_json(client, url, q=q)
    assert expected in slugs(payload)
    assert payload["count"] < 10
    assert payload["q"] == q


def test_name_filter_keeps_the_query_in_the_box_and_escapes_it(client):
    response = client.get(ACTORS, {"q": '<b>"x"</b>'})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<b>"x"</b>' not in html
    assert 'value="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"' in html


def test_nothing_matching_says_so_and_offers_the_whole_list(client):
    response = client.get(ORGANIZATIONS, {"q": "zzzzqqq"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert "Nothing matches" in html and f'href="{ORGANIZATIONS}"' in html


def test_kind_facet_counts_equal_the_filtered_lists(client):
    payload = get_json(client, ORGANIZATIONS)
    kinds = payload["facets"]["kind"]
    assert sum(k["count"] for k in kinds) == payload["count"] == Organization.objects.count()
    for kind in kinds:
        narrowed = get_json(client, ORGANIZATIONS, kind=kind["value"])
        assert narrowed["count"] == kind["count"], kind
        assert {r["kind"] for r in narrowed["results"]} == {kind["value"]}
        selected = [k for k in narrowed["facets"]["kind"] if k["selected"]]
        assert [k["value"] for k in selected] == [kind["value"]]


def test_kind_facet_counts_against_the_name_filter(client):
    payload = get_json(client, ORGANIZATIONS, q="Russia")
    by_kind = {k["value"]: k["count"] for k in payload["facets"]["kind"]}
    expected = Organization.objects.name_filter("Russia")
    assert sum(by_kind.values()) == payload["count"] == expected.count()
    assert by_kind["military_unit"] == expected.filter(kind="military_unit").count()


def test_kind_filter_and_name_filter_combine(client):
    payload = get_json(client, ORGANIZATIONS, q="Russia", kind="state")
    assert slugs(payload) == ["russia"]
    html = client.get(ORGANIZATIONS, {"kind": "media"}).content.decode()
    assert 'aria-current="true"' in html


@pytest.mark.parametrize(
    "url, params, status",
    [
        (ACTORS, {"page": "0"}, 404),
        (ACTORS, {"page": "abc"}, 404),
        (ACTORS, {"page": "99"}, 404),
        (ACTORS, {"q": "x" * 101}, 400),
        (ACTORS, {"format": "csv"}, 400),
        (ORGANIZATIONS, {"kind": "bogus"}, 400),
        (ORGANIZATIONS, {"q": "&|!():*"}, 200),
    ],
)
def test_bad_parameters_give_400_or_404_never_500(client, url, params, status):
    assert client.get(url, params).status_code == status


def test_bad_parameter_in_json_says_which(client):
    response = client.get(ORGANIZATIONS, {"format": "json", "kind": "bogus"})
    assert response.status_code == 400 and "kind" in response.json()["error"]


def test_pagination_links_the_next_page(client, monkeypatch):
    monkeypatch.setattr("archive.views.entities.PAGE_SIZE", 10)
    first = get_json(client, ACTORS)
    assert len(first["results"]) == 10 and "page=2" in first["next"]
    last = get_json(client, ACTORS, page=3)
    assert last["next"] is None and len(last["results"]) == 1
    html = client.get(ACTORS, {"q": "a"}).content.decode()
    assert "q=a" in html and "page=2" in html


def test_draft_articles_are_not_counted(client):
    csto = Organization.objects.get(slug="csto")
    draft = ArticleFactory(status=Status.DRAFT)
    Mention.objects.create(article=draft, organization=csto, start=4, end=10)
    row = next(r for r in get_json(client, ORGANIZATIONS)["results"] if r["slug"] == "csto")
    assert row["article_count"] == 5


@pytest.mark.parametrize(
    "url, factory", [(ACTORS, ActorFactory), (ORGANIZATIONS, OrganizationFactory)]
)
def test_query_count_is_pinned_and_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, url, factory
):
    for _ in range(30):
        entity = factory(aliases=["Another Spelling"])
        Mention.objects.create(
            article=ArticleFactory(), start=4, end=10, **{entity._meta.model_name: entity}
        )
    # Count, page, and for organizations the kind facet.
    for params in ({}, {"q": "Test"}, {"format": "json"}):
        with django_assert_max_num_queries(3):
            assert client.get(url, params).status_code == 200
