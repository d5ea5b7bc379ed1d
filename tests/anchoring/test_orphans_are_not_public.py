"""A passage that lost its place in a body edit waits for an editor in the
orphan queue; until then the public site neither shows nor counts it."""

import pytest
from django.urls import reverse

from corpus.models import Annotation, Article, Mention
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Observers in Dushanbe heard Ivan Quill speak. Later the summit closed."


@pytest.fixture
def orphaned():
    """An article whose editor-made mention and claim both lost their passage."""
    actor = ActorFactory(name="Ivan Quill", slug="ivan-quill")
    article = ArticleFactory(body=BODY)
    start = BODY.index("Ivan Quill")
    Mention.objects.create(
        article=article, actor=actor, start=start, end=start + 10, source=Mention.Source.EDITOR
    )
    annotation = Annotation(article=article, status="published")
    annotation.place(start, start + len("Ivan Quill speak"))
    annotation.save()
    claim = ClaimFactory(annotation=annotation, claimant_actor=actor, text="Quill spoke.")
    article.body = "Observers in Dushanbe heard nothing. Later the summit closed."
    article.save()
    assert Mention.objects.get(actor=actor).anchor == Mention.Anchor.ORPHANED
    assert Annotation.objects.get(pk=annotation.pk).anchor == Annotation.Anchor.ORPHANED
    return {"actor": actor, "article": article, "annotation": annotation, "claim": claim}


def test_an_orphaned_mention_neither_filters_nor_counts(client, orphaned):
    listing = client.get(reverse("article_list"), {"actor": "ivan-quill", "format": "json"}).json()
    assert listing["count"] == 0
    people = client.get(reverse("actor_list"), {"format": "json"}).json()["results"]
    assert all(person["slug"] != "ivan-quill" or person["article_count"] == 0 for person in people)


def test_an_orphaned_claim_is_not_public(client, orphaned):
    claims = client.get(reverse("claim_list"), {"format": "json"}).json()["results"]
    assert orphaned["claim"].pk not in {claim["id"] for claim in claims}
    page = client.get(reverse("article_detail", args=[orphaned["article"].slug]))
    assert "Quill spoke." not in page.content.decode()
    permalink = reverse("annotation_detail", args=[orphaned["annotation"].uuid])
    assert client.get(permalink).status_code == 404


def test_placing_the_orphan_again_makes_it_public(client, orphaned):
    annotation = Annotation.objects.get(pk=orphaned["annotation"].pk)
    article = Article.objects.get(pk=orphaned["article"].pk)
    start = article.body.index("nothing")
    annotation.place(start, start + len("nothing"))
    annotation.save()
    claims = client.get(reverse("claim_list"), {"claimant": "ivan-quill", "format": "json"})
    assert orphaned["claim"].pk in {claim["id"] for claim in claims.json()["results"]}
