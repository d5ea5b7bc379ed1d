"""Whatever a client puts in a public URL or its parameters (unicode, NUL, digits of
other scripts, nonsense), the answer is never a 500."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.models import Actor, Article, Organization

PARAMETERS = [
    "q", "page", "year", "actor", "organization", "publication", "author", "tag", "format",
    "sort", "kind", "claimant", "article", "verb", "metadataPrefix", "identifier", "from",
    "until", "set", "resumptionToken", "style", "layer",
]  # fmt: skip
ODD = st.sampled_from(["\x00", "²", "①", "١", "𝟙", "-1", "0", "99999999999999999999", "%", "'"])
VALUES = st.one_of(
    st.text(max_size=24), ODD, st.integers(-10, 10**6).map(str), st.sampled_from(["json", "csv"])
)


def public_paths() -> list[str]:
    article = Article.objects.published().first()
    actor, organization = Actor.objects.first(), Organization.objects.first()
    return [
        "/",
        reverse("article_list"),
        article.get_absolute_url(),
        reverse("article_citation", args=[article.slug, "bib"]),
        reverse("article_tei", args=[article.slug]),
        reverse("article_annotations", args=[article.slug]),
        reverse("actor_list"),
        actor.get_absolute_url(),
        reverse("organization_list"),
        organization.get_absolute_url(),
        reverse("claim_list"),
        reverse("tag_list"),
        reverse("network"),
        reverse("timeline"),
        reverse("oai"),
        reverse("feed_articles"),
        reverse("feed_passages"),
        reverse("sitemap"),
        reverse("robots_txt"),
        reverse("api_schema_index"),
        reverse("healthz"),
    ]


@pytest.fixture(scope="module")
def paths(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return public_paths()


@pytest.mark.django_db
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    index=st.integers(min_value=0),
    params=st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=4),
)
def test_no_parameter_makes_a_public_page_fail(client, paths, index, params):
    path = paths[index % len(paths)]
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params)
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, params)


@pytest.mark.django_db
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.sampled_from(
        ["/articles/", "/actors/", "/organizations/", "/tags/", "/annotations/", "/api/schema/"]
    ),
    segment=st.text(min_size=1, max_size=40),
    suffix=st.sampled_from(["/", "/cite.bib", "/cite.xyz", "/tei.xml", ".json", ""]),
)
def test_no_path_makes_a_public_page_fail(client, prefix, segment, suffix):
    response = client.get(prefix + quote(segment, safe="") + suffix)
    assert response.status_code < 500, (prefix, segment, suffix)
