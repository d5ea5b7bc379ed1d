"""The W3C Web Annotation export: every document passes every MUST of the W3C
conformance tests (web-platform-tests' annotation-model, run as its harness runs
them, with jsonschema); annotations answer JSON-LD by content negotiation; an
article's annotations are a paged AnnotationCollection; selectors are refined from
the CSS selector of the element holding the body."""

import pytest
from django.urls import reverse

from corpus.editing.interchange import conformance
from corpus.models import Actor, Annotation, Article
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db

VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
JSONLD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def collection_url(slug=VISION):
    return reverse("article_annotations", args=[slug])


def test_the_conformance_harness_fails_what_breaks_a_must():
    good = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "target": "http://example.org/page1",
    }
    assert conformance.failures(good) == []
    for broken in (
        {k: v for k, v in good.items() if k != "@context"},
        {k: v for k, v in good.items() if k != "target"},
        {**good, "type": "Note"},
        {**good, "body": "http://example.org/b", "bodyValue": "both"},
        {**good, "created": "yesterday"},
        {
            **good,
            "target": {"source": "http://example.org/p", "selector": {"type": "TextQuoteSelector"}},
        },
    ):
        assert conformance.failures(broken), broken


def test_every_exported_document_passes_every_w3c_must(client, settings):
    settings.WEB_ANNOTATION_PAGE_SIZE = 4
    checked = 0
    for article in Article.objects.published():
        collection = client.get(collection_url(article.slug)).json()
        assert conformance.failures(collection, "collection") == [], article.slug
        assert conformance.failures(collection, "page") == [], "an embedded page"
        number = 1
        while True:
            page = client.get(collection_url(article.slug), {"page": number}).json()
            assert conformance.failures(page, "page") == []
            for item in page["items"]:
                assert conformance.failures({"@context": page["@context"], **item}) == []
                single = client.get(item["id"], HTTP_ACCEPT=JSONLD).json()
                assert conformance.failures(single) == []
                checked += 1
            if "next" not in page:
                break
            number += 1
    assert checked == Annotation.objects.published().count() > 20


def test_an_annotation_iri_answers_json_ld_when_asked(client):
    annotation = Annotation.objects.published().filter(article__slug=VISION).first()
    url = reverse("annotation_detail", args=[annotation.uuid])
    response = client.get(url, HTTP_ACCEPT=JSONLD)
    assert response.status_code == 200
    assert response["Content-Type"] == JSONLD
    assert "Accept" in response["Vary"]
    assert response["Link"] == '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
    assert response["ETag"]
    document = response.json()
    assert document["id"] == f"http://testserver{url}"
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    for accept in ("application/ld+json", "application/json"):
        assert client.get(url, HTTP_ACCEPT=accept).json()["id"] == document["id"]
    again = client.get(url, HTTP_ACCEPT=JSONLD, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_browser_asking_for_the_iri_still_gets_the_reading_page(client):
    annotation = Annotation.objects.published().filter(article__slug=VISION).first()
    url = reverse("annotation_detail", args=[annotation.uuid])
    for accept in ("text/html,application/xhtml+xml,*/*;q=0.8", "*/*", None):
        headers = {"HTTP_ACCEPT": accept} if accept else {}
        response = client.get(url, **headers)
        assert response.status_code == 302 and "Accept" in response["Vary"]
        assert response["Location"].endswith(f"#annotation-{annotation.uuid}")


def test_selectors_are_refined_from_the_body_element(client):
    article = Article.objects.get(slug=VISION)
    items = client.get(collection_url()).json()["first"]["items"]
    for item in items:
        css_position, css_quote, bare_quote = item["target"]["selector"]
        assert css_position["type"] == css_quote["type"] == "CssSelector"
        assert css_position["value"] == css_quote["value"] == "#article-body"
        position, quote = css_position["refinedBy"], css_quote["refinedBy"]
        assert article.body[position["start"] : position["end"]] == quote["exact"]
        assert bare_quote == quote and quote["type"] == "TextQuoteSelector"


def test_the_collection_is_paged_with_links_between_pages(client, settings):
    settings.WEB_ANNOTATION_PAGE_SIZE = 5
    total = Annotation.objects.published().filter(article__slug=VISION).count()
    assert total > 10
    collection = client.get(collection_url())
    document = collection.json()
    assert document["total"] == total
    assert len(document["first"]["items"]) == 5
    assert document["first"]["next"].endswith("?page=2")
    last = -(-total // 5)
    assert document["last"].endswith(f"?page={last}")
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in collection["Link"]
    second = client.get(collection_url(), {"page": 2})
    page = second.json()
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 5
    assert page["partOf"]["id"] == document["id"] and page["partOf"]["total"] == total
    assert page["prev"].endswith("?page=1") and page["next"].endswith("?page=3")
    assert 'annotations.jsonld?page=3>; rel="next"' in second["Link"]
    assert 'annotations.jsonld?page=1>; rel="prev"' in second["Link"]
    seen = set()
    for number in range(1, last + 1):
        seen |= {i["id"] for i in client.get(collection_url(), {"page": number}).json()["items"]}
    assert len(seen) == total
    assert client.get(collection_url(), {"page": last + 1}).status_code == 404
    assert client.get(collection_url(), {"page": "x"}).status_code == 404


def test_identifying_bodies_carry_the_authority_record_as_same_as(client):
    annotation = Annotation.objects.published().filter(actors__isnull=False).first()
    actor = annotation.actors.first()
    Actor.objects.filter(pk=actor.pk).update(authority_url="https://www.wikidata.org/wiki/Q1")
    others = set(annotation.actors.exclude(pk=actor.pk)) | set(annotation.organizations.all())
    url = reverse("annotation_detail", args=[annotation.uuid])
    bodies = client.get(url, HTTP_ACCEPT=JSONLD).json()["body"]
    identifying = {b["source"]: b for b in bodies if b["purpose"] == "identifying"}
    assert identifying[f"http://testserver{actor.get_absolute_url()}"]["sameAs"] == (
        "https://www.wikidata.org/wiki/Q1"
    )
    for other in others:
        assert "sameAs" not in identifying[f"http://testserver{other.get_absolute_url()}"]


def test_an_article_without_annotations_is_an_empty_collection(client):
    article = Article.objects.published().first()
    Annotation.objects.filter(article=article).update(status="draft")
    document = client.get(collection_url(article.slug)).json()
    assert document["total"] == 0 and "first" not in document
    assert conformance.failures(document, "collection") == []


def test_annotation_pages_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    article = Article.objects.get(slug=VISION)
    AnnotationFactory.create_batch(10, article=article, start=0, end=7)
    with django_assert_max_num_queries(9):
        assert client.get(collection_url()).status_code == 200
    annotation = Annotation.objects.published().filter(article=article).first()
    with django_assert_max_num_queries(6):
        client.get(reverse("annotation_detail", args=[annotation.uuid]), HTTP_ACCEPT=JSONLD)
