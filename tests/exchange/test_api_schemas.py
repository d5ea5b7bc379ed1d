"""A described JSON API: every public page's JSON twin validates against the JSON
Schema published for it under /api/schema/ (jsonschema, draft 2020-12), and names
that schema in a `Link: rel="describedby"` header."""

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from taggit.models import Tag

from archive.formats import api_schemas
from corpus.models import Actor, Annotation, Article

pytestmark = pytest.mark.django_db

VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


@pytest.fixture
def validator_for(client):
    """The validator of a published schema, resolving references among the published ones."""
    index = client.get(reverse("api_schema_index")).json()
    published = {}
    for url in index["schemas"].values():
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/schema+json"
        published[url] = response.json()
        assert published[url]["$id"] == url
    registry = Registry().with_resources(
        (url, Resource.from_contents(schema)) for url, schema in published.items()
    )
    for schema in published.values():
        Draft202012Validator.check_schema(schema)

    def validator(url):
        return Draft202012Validator(
            published[url], registry=registry, format_checker=FormatChecker()
        )

    return validator


def public_json_pages():
    """Every kind of public page, in the states its JSON takes."""
    article = Article.objects.get(slug=VISION)
    annotation = Annotation.objects.published().filter(article=article).first()
    tag = Tag.objects.filter(corpus_taggedarticle_items__isnull=False).first()
    return [
        ("home", [], {}),
        ("article_list", [], {}),
        ("article_list", [], {"q": "peacekeeping"}),
        ("article_list", [], {"actor": "alexander-lukashenko", "sort": "-date", "page": 1}),
        *(("article_detail", [a.slug], {}) for a in Article.objects.published()),
        ("actor_list", [], {}),
        ("actor_list", [], {"q": "buzh"}),
        ("actor_detail", ["yevgeny-buzhinsky"], {}),
        ("actor_detail", ["alexander-golts"], {}),
        ("organization_list", [], {"kind": "state"}),
        ("organization_detail", ["csto"], {}),
        ("organization_detail", ["caco"], {}),
        ("claim_list", [], {}),
        ("claim_list", [], {"claimant": "yevgeny-buzhinsky", "q": "allies"}),
        ("tag_list", [], {}),
        ("tag_detail", [tag.slug], {}),
        ("network", [], {}),
        ("network", [], {"year": 2011, "type": "actors"}),
        ("timeline", [], {}),
        ("timeline", [], {"actor": "nikolai-makarov"}),
        ("annotation_detail", [annotation.uuid], {}),
    ]


def test_every_public_pages_json_validates_against_its_published_schema(client, validator_for):
    Actor.objects.filter(slug="yevgeny-buzhinsky").update(
        authority_url="https://www.wikidata.org/wiki/Q1"
    )
    pages = public_json_pages()
    assert {name for name, _, _ in pages} == set(api_schemas.PAGES)
    for name, args, params in pages:
        response = client.get(reverse(name, args=args), {**params, "format": "json"})
        assert response.status_code == 200, (name, params)
        schema_url = f"http://testserver/api/schema/{api_schemas.PAGES[name]}.json"
        assert f'<{schema_url}>; rel="describedby"' in response["Link"]
        errors = sorted(validator_for(schema_url).iter_errors(response.json()), key=str)
        assert not errors, f"{name} {params}: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:5]
        )


def test_a_400_validates_against_the_error_schema(client, validator_for):
    response = client.get(reverse("article_list"), {"format": "json", "year": "twenty"})
    assert response.status_code == 400
    assert validator_for("http://testserver/api/schema/error.json").is_valid(response.json())


def test_the_schemas_catch_a_drifting_payload(client, validator_for):
    payload = client.get(reverse("article_detail", args=[VISION]), {"format": "json"}).json()
    validator = validator_for("http://testserver/api/schema/article.json")
    assert validator.is_valid(payload)
    assert not validator.is_valid({**payload, "surprise": 1}), "unknown fields are refused"
    assert not validator.is_valid({k: v for k, v in payload.items() if k != "body"})
    assert not validator.is_valid({**payload, "raw_sha256": "not a checksum"})


def test_an_unknown_schema_is_404(client):
    assert client.get(reverse("api_schema", args=["nothing"])).status_code == 404
