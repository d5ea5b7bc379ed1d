"""Public text speaks to readers: no page shows a seed file's number ("(002)",
"000 reports …") or a curation key ("en-vision-…") in a description, note,
evidence or who's who; articles are referred to by their titles."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from corpus.models import Actor, Annotation, Article, Organization

pytestmark = pytest.mark.django_db

INTERNAL_CODES = re.compile(r"(?<![\d,.])\b00\d\b|\ben-vision-[a-z-]+|\(\d{3}\)")
TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def public_pages():
    yield reverse("home")
    for name in ("article_list", "actor_list", "organization_list", "claim_list", "tag_list"):
        yield reverse(name)
    for model in (Article.objects.published(), Actor.objects.all(), Organization.objects.all()):
        yield from (record.get_absolute_url() for record in model)
    yield from (reverse("tag_detail", args=[tag.slug]) for tag in Tag.objects.all())
    for annotation in Annotation.objects.published():
        yield reverse("annotation_detail", args=[annotation.uuid])


def test_no_public_page_shows_a_seed_number_or_an_internal_key(client):
    pages = 0
    for url in public_pages():
        response = client.get(url)
        if response.status_code == 404:  # a tag used only on unpublished records
            continue
        text = TAGS.sub(" ", response.content.decode())
        found = INTERNAL_CODES.findall(text)
        assert not found, (url, found)
        pages += 1
    assert pages > 80


def test_descriptions_refer_to_articles_by_their_titles():
    described = Actor.objects.exclude(description="").filter(description__contains="“")
    assert any(
        article.title in actor.description
        for actor in described
        for article in Article.objects.published()
    )
