"""Permanent links to passages, and an article's annotations as W3C Web
Annotations (JSON-LD). Only published, anchored annotations are public."""

import pytest
from django.urls import reverse

from corpus.models import Annotation, Article, Status
from corpus.models.notes import sanitize_note
from tests.factories import AnnotationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def buzhinsky_annotation() -> Annotation:
    return Annotation.objects.filter(
        article__slug=VISION, claims__claimant_actor__slug="yevgeny-buzhinsky"
    ).first()


def test_permalink_redirects_to_the_passage_on_the_reading_page(client):
    annotation = buzhinsky_annotation()
    response = client.get(reverse("annotation_detail", args=[annotation.uuid]))
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{VISION}/#annotation-{annotation.uuid}"


def test_permalink_json_twin_gives_the_annotation_its_article_and_claims(client):
    annotation = buzhinsky_annotation()
    url = reverse("annotation_detail", args=[annotation.uuid])
    payload = client.get(url, {"format": "json"}).json()
    assert payload["id"] == str(annotation.uuid)
    assert payload["exact"] == annotation.exact
    assert payload["permalink"] == f"http://testserver{url}"
    assert payload["passage_url"].endswith(f"/articles/{VISION}/#annotation-{annotation.uuid}")
    assert payload["article"]["slug"] == VISION
    assert payload["claims"][0]["claimant"]["slug"] == "yevgeny-buzhinsky"


def test_permalink_with_a_bad_format_is_400(client):
    url = reverse("annotation_detail", args=[buzhinsky_annotation().uuid])
    assert client.get(url, {"format": "xml"}).status_code == 400


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"anchor": "orphaned"},
    ],
)
def test_permalinks_of_unpublished_or_orphaned_annotations_are_404(client, changes):
    annotation = AnnotationFactory(article=Article.objects.get(slug=VISION), **changes)
    url = reverse("annotation_detail", args=[annotation.uuid])
    assert client.get(url).status_code == 404
    assert client.get(url, {"format": "json"}).status_code == 404


def test_permalink_on_an_unpublished_article_is_404(client):
    annotation = buzhinsky_annotation()
    Article.objects.filter(pk=annotation.article_id).update(status=Status.DRAFT)
    assert client.get(reverse("annotation_detail", args=[annotation.uuid])).status_code == 404


def get_jsonld(client, slug=VISION):
    response = client.get(reverse("article_annotations", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return response.json()


def test_annotations_are_a_w3c_annotation_collection(client):
    collection = get_jsonld(client)
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["id"] == f"http://testserver/articles/{VISION}/annotations.jsonld"
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == collection["id"]
    published = Annotation.objects.published().filter(article__slug=VISION)
    assert collection["total"] == len(page["items"]) == published.count()


def test_each_annotation_targets_its_passage_with_both_selectors(client):
    annotation = buzhinsky_annotation()
    items = get_jsonld(client)["first"]["items"]
    item = next(i for i in items if i["id"].endswith(f"/annotations/{annotation.uuid}/"))
    assert item["type"] == "Annotation"
    assert item["id"] == f"http://testserver/annotations/{annotation.uuid}/"
    assert item["motivation"] == "describing"
    assert item["target"]["source"] == f"http://testserver/articles/{VISION}/"
    refined_position, refined_quote, quote = item["target"]["selector"]
    assert refined_position["value"] == refined_quote["value"] == "#article-body"
    assert refined_quote["refinedBy"] == quote
    position = refined_position["refinedBy"]
    assert position == {
        "type": "TextPositionSelector",
        "start": annotation.start,
        "end": annotation.end,
    }
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == annotation.exact
    assert quote["prefix"] == annotation.prefix and quote["suffix"] == annotation.suffix
    assert "creator" not in item
    assert {"created", "modified"} <= set(item)


def test_annotation_bodies_carry_note_claim_tags_and_entities(client):
    annotation = buzhinsky_annotation()
    annotation.tags.add("russian-military-presence", "alliance-politics")
    item = next(
        i
        for i in get_jsonld(client)["first"]["items"]
        if i["id"].endswith(f"/annotations/{annotation.uuid}/")
    )
    by_purpose = {}
    for body in item["body"]:
        by_purpose.setdefault(body["purpose"], []).append(body)
    assert by_purpose["commenting"][0] == {
        "type": "TextualBody",
        "value": sanitize_note(annotation.note),
        "format": "text/html",
        "purpose": "commenting",
    }
    assert by_purpose["describing"][0]["value"].startswith("Yevgeny Buzhinsky (direct quote")
    tags = {b["source"] for b in by_purpose["tagging"]}
    assert tags == {
        "http://testserver/tags/russian-military-presence/",
        "http://testserver/tags/alliance-politics/",
    }
    assert all(b["type"] == "SpecificResource" for b in by_purpose["tagging"])
    entities = {b["source"] for b in by_purpose.get("identifying", [])}
    assert entities == {
        f"http://testserver{a.get_absolute_url()}" for a in annotation.actors.all()
    } | {f"http://testserver{o.get_absolute_url()}" for o in annotation.organizations.all()}


def test_motivation_follows_the_kind(client):
    article = Article.objects.get(slug=VISION)
    kinds = {
        kind: AnnotationFactory(article=article, kind=kind, note=f"A {kind}")
        for kind in ("note", "context", "entity")
    }
    bare = AnnotationFactory(article=article, kind="note", note="")
    items = {i["id"].rsplit("/", 2)[-2]: i for i in get_jsonld(client)["first"]["items"]}
    assert items[str(kinds["note"].uuid)]["motivation"] == "commenting"
    assert items[str(kinds["context"].uuid)]["motivation"] == "describing"
    assert items[str(kinds["entity"].uuid)]["motivation"] == "identifying"
    assert (
        items[str(bare.uuid)]["motivation"] == "highlighting"
        and "body" not in items[str(bare.uuid)]
    )


def test_only_published_claims_appear_in_bodies(client):
    article = Article.objects.get(slug=VISION)
    claim = ClaimFactory(annotation__article=article, status=Status.DRAFT, text="Unpublished words")
    items = get_jsonld(client)["first"]["items"]
    item = next(i for i in items if i["id"].endswith(f"/annotations/{claim.annotation.uuid}/"))
    assert "Unpublished words" not in str(item)
