"""The public JSON contract (?format=json) and its HTML twin."""

import pytest
from django.urls import reverse

from corpus.models import Article, Claim, Status
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("article_list")
SUMMARY_FIELDS = {"slug", "title", "url", "source_file", "publication", "authors", "date", "year"}


def get_json(client, url, **params):
    response = client.get(url, {"format": "json", **params})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def slugs(payload):
    return [row["slug"] for row in payload["results"]]


def test_article_list_shape(client):
    payload = get_json(client, ARTICLES)
    assert set(payload) >= {"count", "next", "results", "facets"}
    assert payload["count"] == 5 and payload["next"] is None
    row = payload["results"][0]
    assert set(row) >= SUMMARY_FIELDS
    assert set(row["publication"]) == {"slug", "name"}
    assert set(payload["facets"]) == {
        "actor",
        "organization",
        "publication",
        "author",
        "year",
        "tag",
    }
    value = payload["facets"]["actor"][0]
    assert set(value) == {"value", "label", "count", "selected"}


def test_article_list_is_newest_first_with_unknown_authors_empty(client):
    payload = get_json(client, ARTICLES)
    years = [row["year"] for row in payload["results"]]
    assert years == sorted(years, reverse=True)
    edm = next(r for r in payload["results"] if r["source_file"].startswith("002"))
    assert edm["authors"] == [] and edm["date"] == "2007-10?"


def test_filters_combine_with_and(client):
    both = get_json(client, ARTICLES, actor=["alexander-lukashenko", "nikolai-makarov"])
    assert slugs(both) == ["russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"]
    lukashenko = get_json(client, ARTICLES, actor="alexander-lukashenko")
    assert lukashenko["count"] == 2
    none = get_json(client, ARTICLES, actor="alexander-lukashenko", year=2007)
    assert none["count"] == 0 and none["results"] == []


def test_facet_counts_match_filtered_results(client):
    payload = get_json(client, ARTICLES, publication="eurasianet")
    assert payload["count"] == 2
    for facet in ("actor", "organization", "author", "tag"):
        for value in payload["facets"][facet][:5]:
            narrowed = get_json(
                client, ARTICLES, publication="eurasianet", **{facet: value["value"]}
            )
            assert narrowed["count"] == value["count"], (facet, value)


def test_a_facet_counts_against_the_other_filters_only(client):
    payload = get_json(client, ARTICLES, publication="eurasianet")
    publications = {v["value"]: v for v in payload["facets"]["publication"]}
    # The publication facet still offers the others, as Django admin's facets do.
    assert publications["eurasia-daily-monitor"]["count"] == 2
    assert publications["eurasianet"]["selected"] is True


def test_each_filter_narrows_the_list(client):
    assert get_json(client, ARTICLES, organization="caco")["count"] == 1
    assert get_json(client, ARTICLES, author="joshua-kucera")["count"] == 2
    assert get_json(client, ARTICLES, year=2011)["count"] == 3
    tag = get_json(client, ARTICLES)["facets"]["tag"][0]
    assert get_json(client, ARTICLES, tag=tag["value"])["count"] == tag["count"]


def test_full_text_search_stems_and_ranks(client):
    payload = get_json(client, ARTICLES, q="peacekeeping")
    assert slugs(payload)[0] == "csto-safe-choice-in-central-asia"
    stemmed = get_json(client, ARTICLES, q="exercise")  # matches "exercises"
    assert stemmed["count"] >= 3
    phrase = get_json(client, ARTICLES, q='"paper tiger"')
    assert slugs(phrase) == ["csto-safe-choice-in-central-asia"]
    excluded = get_json(client, ARTICLES, q="CSTO -Lukashenko")
    assert "russia-needs-the-west-in-central-asia" not in slugs(excluded)


def test_pagination_links_the_next_page(client, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    first = get_json(client, ARTICLES)
    assert first["count"] == 5 and len(first["results"]) == 2
    assert "page=2" in first["next"]
    last = get_json(client, ARTICLES, page=3)
    assert last["next"] is None and len(last["results"]) == 1


@pytest.mark.parametrize(
    "params, status",
    [
        ({"page": "999"}, 404),
        ({"page": "abc"}, 404),
        ({"year": "twenty"}, 400),
        ({"actor": "<script>"}, 400),
        ({"format": "xml"}, 400),
        ({"q": "x" * 500}, 400),
        ({"q": "&|!():*"}, 200),
        ({"sort": "sideways"}, 400),
    ],
)
def test_bad_parameters_give_400_or_404_never_500(client, params, status):
    response = client.get(ARTICLES, params)
    assert response.status_code == status


def test_bad_parameter_in_json_says_why(client):
    response = client.get(ARTICLES, {"format": "json", "year": "twenty"})
    assert response.status_code == 400
    assert "year" in response.json()["error"]


def test_article_detail_has_every_field(client):
    mt = Article.objects.get(source_file__startswith="003")
    payload = get_json(client, mt.get_absolute_url())
    for field in SUMMARY_FIELDS | {
        "title_supplied",
        "body",
        "comments",
        "actors",
        "organizations",
        "annotations",
        "claims",
        "raw_sha256",
        "volume",
        "issue",
        "source_url",
        "tags",
        "date_detail",
    }:
        assert field in payload, field
    assert payload["body"] == mt.body
    assert payload["comments"][0]["posted_on"] == "2011-10-02"
    assert payload["comments"][0]["author"] is None
    assert payload["date_detail"]["certainty"] == "inferred"
    actors = {a["slug"] for a in payload["actors"]}
    assert {"alexander-lukashenko", "nikolai-makarov", "yevgeny-buzhinsky"} <= actors
    claim = payload["claims"][0]
    assert payload["body"][claim["start"] : claim["end"]] == claim["quote"]
    annotation = payload["annotations"][0]
    assert {s["type"] for s in annotation["selectors"]} == {
        "TextPositionSelector",
        "TextQuoteSelector",
    }


def test_unknown_slugs_give_404(client):
    for name in ("article_detail", "actor_detail", "organization_detail"):
        assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404


def test_actor_and_organization_lists(client):
    actors = get_json(client, reverse("actor_list"))
    assert actors["count"] >= 21
    row = next(r for r in actors["results"] if r["slug"] == "alexander-lukashenko")
    assert row["article_count"] == 2 and row["aliases"] == ["Aleksander Lukashenko"]
    orgs = get_json(client, reverse("organization_list"))
    csto = next(r for r in orgs["results"] if r["slug"] == "csto")
    assert csto["article_count"] == 5


def test_actor_detail_shows_articles_and_claims(client):
    payload = get_json(client, reverse("actor_detail", args=["yevgeny-buzhinsky"]))
    assert len(payload["articles"]) == 2
    assert len(payload["claims"]) >= 3
    golts = get_json(client, reverse("actor_detail", args=["alexander-golts"]))
    assert [a["slug"] for a in golts["authored"]] == ["russia-needs-the-west-in-central-asia"]


def test_organization_detail_shows_structure(client):
    payload = get_json(client, reverse("organization_detail", args=["csto"]))
    assert payload["acronym"] == "CSTO" and payload["parent"]["slug"] == "cis"
    assert len(payload["members"]) == 7


def test_claims_by_claimant(client):
    payload = get_json(client, reverse("claim_list"), claimant="yevgeny-buzhinsky")
    assert payload["count"] >= 3
    row = payload["results"][0]
    assert set(row) >= {"id", "text", "kind", "claimant", "article", "quote"}
    assert row["claimant"] == {
        "type": "actor",
        "slug": "yevgeny-buzhinsky",
        "name": "Yevgeny Buzhinsky",
    }
    assert set(row["article"]) >= {"slug", "source_file"}
    organization = get_json(client, reverse("claim_list"), claimant="state-department")
    assert organization["count"] >= 1
    assert organization["results"][0]["claimant"]["type"] == "organization"


def test_drafts_are_hidden_in_json_and_html(client):
    mt = Article.objects.get(source_file__startswith="000")
    draft = ClaimFactory(
        annotation__article=mt,
        annotation__start=0,
        annotation__end=8,
        annotation__status=Status.DRAFT,
        status=Status.PUBLISHED,
        text="A draft claim nobody should see",
    )
    in_review = ClaimFactory(
        annotation__article=mt,
        annotation__start=10,
        annotation__end=20,
        status=Status.REVIEW,
        text="A claim still in review",
    )
    detail = get_json(client, mt.get_absolute_url())
    assert draft.annotation.uuid.hex not in str(detail["annotations"])
    texts = {c["text"] for c in detail["claims"]}
    assert draft.text not in texts and in_review.text not in texts
    listed = get_json(client, reverse("claim_list"), claimant=draft.claimant_actor.slug)
    assert listed["count"] == 0
    html = client.get(mt.get_absolute_url()).content.decode()
    assert draft.text not in html and in_review.text not in html
    assert Claim.objects.filter(text=draft.text).exists()


def test_draft_articles_are_not_public(client):
    mt = Article.objects.get(source_file__startswith="000")
    Article.objects.filter(pk=mt.pk).update(status=Status.DRAFT)
    assert client.get(mt.get_absolute_url()).status_code == 404
    assert get_json(client, ARTICLES)["count"] == 4


def test_html_and_json_come_from_the_same_context(client):
    response = client.get(ARTICLES, {"actor": "alexander-lukashenko"})
    assert response.status_code == 200
    html_slugs = [a.slug for a in response.context["articles"]]
    assert html_slugs == slugs(get_json(client, ARTICLES, actor="alexander-lukashenko"))


def test_query_string_is_escaped_in_html(client):
    response = client.get(ARTICLES, {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    assert b'<script>alert("x")</script>' not in response.content


@pytest.mark.parametrize(
    "name, args, limit",
    [
        ("article_list", [], 11),
        (
            "article_detail",
            ["russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"],
            # the article with its byline, tags and comments; its annotations with their
            # names; their claims; its mentions (the who's who); acronyms; related (2)
            8,
        ),
        ("actor_list", [], 4),
        ("actor_detail", ["yevgeny-buzhinsky"], 8),  # co-mentions: counted, then fetched
        ("organization_list", [], 4),
        ("organization_detail", ["csto"], 11),
        ("claim_list", [], 6),  # count, page, one grouped query per facet (4)
    ],
)
def test_query_counts_are_pinned(client, django_assert_max_num_queries, name, args, limit):
    for fmt in ("json", "html"):
        with django_assert_max_num_queries(limit):
            assert client.get(reverse(name, args=args), {"format": fmt}).status_code == 200
