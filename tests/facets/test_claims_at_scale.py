"""The claim list and the admin changelists make as many queries over a few
hundred synthetic articles as over the five seeds: none per row."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corpus.editing.admin import changelists
from corpus.models import Annotation, Claim, ClaimFacets, Mention, Organization

pytestmark = pytest.mark.django_db

MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
# params, at most this many queries for the HTML and JSON pages, and for the CSV
CLAIM_LIST = [
    # all four facets in one statement (running totals), the page's ids, its claims;
    # the CSV streams every matching claim from one query
    ({}, 3, 1),
    # ... and one query per kind of record the filters name (people and organizations)
    ({"claimant": "yevgeny-buzhinsky", "kind": "assessment"}, 5, 3),
    ({"tag": "csto", "article": MOSCOW}, 5, 3),
    ({"q": "CSTO security"}, 3, 1),
    # the statements' marks come with the page's claims; any order costs the same
    ({"q": "CSTO", "sort": "claimant"}, 3, 1),
    ({"sort": "date", "kind": "assessment"}, 3, 1),
    # a search that finds (almost) nothing: one more, for the names close to it
    ({"q": "Lukshenko"}, 4, 1),
    ({"q": "CSTO", "claimant": "yevgeny-buzhinsky", "tag": "csto"}, 6, 4),
]
ADMIN_PAGES = [
    "admin:index",
    "admin:corpus_article_changelist",
    "admin:corpus_annotation_changelist",
    "admin:corpus_claim_changelist",
    "admin:corpus_mention_changelist",
    "admin:corpus_actor_changelist",
    "admin:corpus_organization_changelist",
]


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


def grow():
    call_command("synthesize", "--articles", "300", "--seed", "7", stdout=io.StringIO())
    assert ClaimFacets.objects.count() == Claim.objects.published().count() > 500


def test_the_claim_list_makes_as_many_queries_at_scale(client, django_assert_max_num_queries):
    url = reverse("claim_list")
    states = [
        ({**params, "format": fmt}, limit)
        for params, page, csv in CLAIM_LIST
        for fmt, limit in (("html", page), ("json", page), ("csv", csv))
    ]
    before = [queries(client, url, params) for params, _ in states]
    grow()
    for (params, limit), small in zip(states, before, strict=True):
        with django_assert_max_num_queries(limit):
            assert queries(client, url, params) == small, params


def test_the_admin_changelists_make_as_many_queries_at_scale(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    before = {name: queries(client, reverse(name)) for name in ADMIN_PAGES}
    grow()
    for name in ADMIN_PAGES:
        with django_assert_max_num_queries(before[name]):
            assert queries(client, reverse(name)) == before[name], name


def test_an_unfiltered_long_list_is_counted_from_the_planners_estimate(
    client, admin_user, monkeypatch
):
    monkeypatch.setattr(changelists, "ESTIMATE_ABOVE", 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE corpus_annotation")
    client.force_login(admin_user)
    url = reverse("admin:corpus_annotation_changelist")
    estimate = changelists.estimated_rows(Annotation, "default")
    assert client.get(url).context["cl"].result_count == estimate > 0
    published = client.get(url, {"status__exact": "published"}).context["cl"]
    assert published.result_count == Annotation.objects.filter(status="published").count()


def test_the_publication_filter_offers_media_not_every_organization(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:corpus_article_changelist"))
    spec = next(f for f in response.context["cl"].filter_specs if f.field_path == "publication")
    offered = {pk for pk, _ in spec.lookup_choices}
    assert offered == set(Organization.objects.filter(kind="media").values_list("pk", flat=True))


def test_mention_and_claim_searches_match_each_word_through_names_and_titles(client, admin_user):
    client.force_login(admin_user)
    mentions = reverse("admin:corpus_mention_changelist")

    def found(url, q):
        return set(client.get(url, {"q": q}).context["cl"].queryset.values_list("pk", flat=True))

    lukashenko = Mention.objects.filter(actor__name__icontains="lukashenko")
    assert found(mentions, "lukashenko") >= set(lukashenko.values_list("pk", flat=True)) > set()
    csto = Mention.objects.filter(organization__acronym__iexact="csto")
    assert found(mentions, "CSTO") >= set(csto.values_list("pk", flat=True)) > set()
    article = Mention.objects.first().article
    word = article.title.split()[-1]
    assert found(mentions, word) >= set(article.mentions.values_list("pk", flat=True))
    # Every word must match somewhere, as in Django's own search.
    assert found(mentions, "lukashenko zzyzx") == set()

    claims = reverse("admin:corpus_claim_changelist")
    by_name = Claim.objects.filter(claimant_actor__slug="yevgeny-buzhinsky")
    assert found(claims, "Buzhinsky") >= set(by_name.values_list("pk", flat=True)) > set()
    claim = Claim.objects.first()
    assert claim.pk in found(claims, claim.text.split()[0])
