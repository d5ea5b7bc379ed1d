"""Every public page: a title and a meta description, a JSON twin, and a 400
(never a 500) for a format it doesn't speak."""

import re

import pytest
from django.urls import reverse

from corpus.models import Annotation

pytestmark = pytest.mark.django_db

ARTICLE = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
PUBLIC_PAGES = [
    ("home", []),
    ("article_list", []),
    ("article_detail", [ARTICLE]),
    ("actor_list", []),
    ("actor_detail", ["yevgeny-buzhinsky"]),
    ("organization_list", []),
    ("organization_detail", ["caco"]),
    ("claim_list", []),
    ("tag_list", []),
    ("network", []),
    ("timeline", []),
]


def first_tag_slug():
    from taggit.models import Tag

    return Tag.objects.filter(corpus_taggedarticle_items__isnull=False).first().slug


@pytest.fixture(params=[*PUBLIC_PAGES, ("tag_detail", None)], ids=lambda p: p[0])
def public_url(request):
    name, args = request.param
    return reverse(name, args=[first_tag_slug()] if args is None else args)


def test_every_public_page_has_a_title_and_a_description(client, public_url):
    response = client.get(public_url)
    assert response.status_code == 200
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1].strip()
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1].strip()
    assert title and not title.startswith("·")
    assert len(description) > 20


def test_every_public_page_has_a_json_twin(client, public_url):
    response = client.get(public_url, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()


def test_an_unknown_format_is_a_400_not_a_500(client, public_url):
    response = client.get(public_url, {"format": "xml"})
    assert response.status_code == 400


def test_the_annotation_permalink_has_a_json_twin(client):
    annotation = Annotation.objects.published().first()
    url = reverse("annotation_detail", args=[annotation.uuid])
    assert client.get(url)["Location"].endswith(f"#annotation-{annotation.uuid}")
    assert client.get(url, {"format": "json"}).json()["id"] == str(annotation.uuid)
