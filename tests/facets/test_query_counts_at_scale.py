"""The public pages make as many queries over a few hundred synthetic articles as
over the five seeds: none per row, whatever the data (an N+1 would grow them)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus.models import Annotation, Article, Mention

pytestmark = pytest.mark.django_db

MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
LUKASHENKO, BUZHINSKY = "alexander-lukashenko", "yevgeny-buzhinsky"

# (url name, args, params): each in HTML and JSON.
PAGES = [
    ("home", [], {}),
    ("article_detail", [MOSCOW], {}),
    ("actor_detail", [LUKASHENKO], {}),
    ("actor_detail", [BUZHINSKY], {}),
    ("organization_detail", ["csto"], {}),
    ("actor_list", [], {}),
    ("actor_list", [], {"q": "luka"}),
    ("organization_list", [], {}),
    ("organization_list", [], {"q": "CSTO", "kind": "intergovernmental"}),
    ("network", [], {}),
    ("network", [], {"min": 1, "limit": 150}),
    ("network", [], {"year": 2011}),
    ("timeline", [], {"year": 2011}),
    ("timeline", [], {"year": 2011, "actor": LUKASHENKO, "organization": "csto"}),
]


def queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        assert response.status_code in (200, 302), (url, params)
    return len(captured)


def grow():
    call_command("synthesize", "--articles", "300", "--seed", "11", stdout=io.StringIO())
    assert Article.objects.published().count() > 250
    assert Mention.objects.filter(actor__slug=LUKASHENKO).count() > 20


@pytest.fixture
def states():
    return [
        (reverse(name, args=args), {**params, "format": fmt})
        for name, args, params in PAGES
        for fmt in ("html", "json")
    ]


def test_public_pages_make_as_many_queries_at_scale(client, states):
    before = {f"{url} {params}": queries(client, url, params) for url, params in states}
    grow()
    after = {f"{url} {params}": queries(client, url, params) for url, params in states}
    assert after == before


def test_a_synthetic_article_reads_in_as_many_queries_as_a_seed(client):
    seed = Article.objects.get(slug=MOSCOW).get_absolute_url()
    annotation = Annotation.objects.published().filter(article__slug=MOSCOW).first()
    seed_pages = [
        (seed, {}),
        (seed, {"format": "json"}),
        (reverse("article_annotations", args=[MOSCOW]), {}),
        (reverse("annotation_detail", args=[annotation.uuid]), {}),
        (reverse("annotation_detail", args=[annotation.uuid]), {"format": "json"}),
    ]
    before = [queries(client, url, params) for url, params in seed_pages]
    grow()
    # The synthetic article naming the most people and organizations, with annotations.
    article = (
        Article.objects.published()
        .filter(source_file__startswith="synthetic", annotations__status="published")
        .order_by("-facets__actor_ids__len", "pk")
        .first()
    )
    annotation = Annotation.objects.published().filter(article=article).first()
    pages = [
        (article.get_absolute_url(), {}),
        (article.get_absolute_url(), {"format": "json"}),
        (reverse("article_annotations", args=[article.slug]), {}),
        (reverse("annotation_detail", args=[annotation.uuid]), {}),
        (reverse("annotation_detail", args=[annotation.uuid]), {"format": "json"}),
    ]
    assert [queries(client, url, params) for url, params in pages] == before


def test_tag_pages_make_as_many_queries_at_scale(client):
    # The seeds tag no passage: tag one, so the passage list's prefetches run in both states.
    Annotation.objects.published().filter(article__slug=MOSCOW).first().tags.add("csto")
    pages = [
        (reverse(name, args=args), {"format": fmt})
        for name, args in [("tag_list", []), ("tag_detail", ["csto"])]
        for fmt in ("html", "json")
    ]
    before = [queries(client, url, params) for url, params in pages]
    grow()
    assert [queries(client, url, params) for url, params in pages] == before
