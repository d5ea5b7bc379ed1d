"""Tags: the index with counts, and everything one tag gathers."""

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from corpus.models import Annotation, Article, Claim, PassageTagTotal, Status, TaggedArticle
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

TAGS = reverse("tag_list")


def test_tag_list_counts_published_articles_per_tag(client):
    response = client.get(TAGS)
    assert response.status_code == 200
    tags = {t.slug: t for t in response.context["tags"]}
    for slug, tag in tags.items():
        assert tag.article_count == Article.objects.published().tagged(slug).count()
        assert tag.claim_count == Claim.objects.published().filter(tags__slug=slug).count()
    html = response.content.decode()
    assert reverse("tag_detail", args=["csto"]) in html
    assert "<table" in html and '<th scope="col" class="num">Articles</th>' in html


def test_tag_list_json_twin(client):
    payload = client.get(TAGS, {"format": "json"}).json()
    row = next(r for r in payload["results"] if r["slug"] == "csto")
    assert row["article_count"] == 5 and row["claim_count"] >= 1
    assert set(row) == {"slug", "name", "article_count", "annotation_count", "claim_count", "url"}
    assert payload["count"] == len(payload["results"])


def test_tag_detail_gathers_articles_passages_and_claims(client):
    article = Article.objects.get(slug="csto-safe-choice-in-central-asia")
    passage = AnnotationFactory(article=article, start=0, end=20, note="Why this matters")
    passage.tags.add("csto")
    response = client.get(reverse("tag_detail", args=["csto"]))
    assert response.status_code == 200
    assert len(response.context["articles"]) == 5
    assert list(response.context["annotations"]) == [passage]
    assert {c.pk for c in response.context["claims"]} == set(
        Claim.objects.published().filter(tags__slug="csto").values_list("pk", flat=True)
    )
    html = response.content.decode()
    assert reverse("annotation_detail", args=[passage.uuid]) in html
    assert "Why this matters" in html
    assert f"{reverse('claim_list')}?tag=csto" in html


def test_tag_detail_json_twin(client):
    payload = client.get(reverse("tag_detail", args=["csto"]), {"format": "json"}).json()
    assert payload["slug"] == "csto" and len(payload["articles"]) == payload["article_count"]
    assert {"articles", "annotations", "claims"} <= set(payload)
    assert payload["claims"][0]["claimant"]["slug"]


def test_unknown_tag_is_404(client):
    assert client.get(reverse("tag_detail", args=["no-such-tag"])).status_code == 404
    response = client.get(reverse("tag_detail", args=["no-such-tag"]), {"format": "json"})
    assert response.status_code == 404


def test_a_tag_only_on_drafts_is_not_public(client):
    draft = ArticleFactory(slug="draft-tagged", status=Status.DRAFT)
    draft.tags.add("secret-plan")
    claim = ClaimFactory(status=Status.DRAFT)
    claim.tags.add("secret-plan")
    on_draft_passage = ClaimFactory(annotation__status=Status.DRAFT)
    on_draft_passage.tags.add("secret-plan")
    assert TaggedArticle.objects.filter(tag__slug="secret-plan").exists()
    assert "secret-plan" not in client.get(TAGS).content.decode()
    assert client.get(reverse("tag_detail", args=["secret-plan"])).status_code == 404


def test_draft_records_do_not_show_under_a_public_tag(client):
    draft = ArticleFactory(slug="draft-tagged", title="Hidden draft", status=Status.DRAFT)
    draft.tags.add("csto")
    response = client.get(reverse("tag_detail", args=["csto"]))
    assert "Hidden draft" not in response.content.decode()
    assert response.context["tag"].article_count == 5


@pytest.mark.parametrize(
    "url, params, status",
    [
        (TAGS, {"format": "csv"}, 400),
        (TAGS, {"page": "2"}, 404),
        (reverse("tag_detail", args=["csto"]), {"format": "xml"}, 400),
    ],
)
def test_bad_parameters_give_400_or_404(client, url, params, status):
    assert client.get(url, params).status_code == status


def test_passage_counts_are_exact_running_totals_on_the_list_and_the_tag_page(client):
    article = Article.objects.get(slug="csto-safe-choice-in-central-asia")

    def passages():
        listed = client.get(TAGS, {"format": "json"}).json()["results"]
        shown = next(row["annotation_count"] for row in listed if row["slug"] == "csto")
        page = client.get(reverse("tag_detail", args=["csto"]), {"format": "json"}).json()
        assert page["annotation_count"] == shown and not page["annotation_count_is_lower_bound"]
        return shown

    before = passages()
    for start in (0, 30):
        AnnotationFactory(article=article, start=start, end=start + 20).tags.add("csto")
    assert passages() == before + 2
    html = client.get(reverse("tag_detail", args=["csto"])).content.decode()
    assert f"<strong>{before + 2}</strong> passage" in html

    article.status = Status.DRAFT  # its passages are no longer public
    article.save()
    assert passages() == brute_force_passages("csto") < before + 2


def brute_force_passages(slug: str) -> int:
    return Annotation.objects.published().filter(tags__slug=slug).distinct().count()


def test_passage_totals_follow_tags_status_anchors_and_deletions():
    article = Article.objects.get(slug="csto-safe-choice-in-central-asia")
    passage = AnnotationFactory(article=article, start=0, end=20)
    passage.tags.add("summit-test", "csto")
    assert total_passages("summit-test") == 1
    passage.tags.remove("summit-test")
    assert total_passages("summit-test") == 0

    passage.status = Status.DRAFT
    passage.save()
    assert total_passages("csto") == brute_force_passages("csto")
    passage.status = Status.PUBLISHED
    passage.anchor = Annotation.Anchor.ORPHANED  # an orphan is not public
    passage.save()
    assert total_passages("csto") == brute_force_passages("csto")
    passage.anchor = Annotation.Anchor.ANCHORED
    passage.save()
    assert total_passages("csto") == brute_force_passages("csto")

    passage.delete()
    assert total_passages("csto") == brute_force_passages("csto")
    with connection.cursor() as cursor:  # and the running totals equal a full rebuild
        cursor.execute("SELECT tag_id, count FROM corpus_passagetagtotal WHERE count <> 0")
        running = dict(cursor.fetchall())
        cursor.execute("SELECT corpus_rebuild_passage_tags()")
        cursor.execute("SELECT tag_id, count FROM corpus_passagetagtotal WHERE count <> 0")
        assert running == dict(cursor.fetchall())


def total_passages(slug: str) -> int:
    tag = Tag.objects.filter(slug=slug).first()
    row = PassageTagTotal.objects.filter(tag_id=tag.pk).first() if tag else None
    return row.count if row else 0


def test_a_tag_page_lists_the_newest_and_says_how_many_there_are(client, monkeypatch):
    from archive.views import claims

    monkeypatch.setattr(claims, "TAG_PAGE_LIMIT", 2)
    response = client.get(reverse("tag_detail", args=["csto"]))
    dates = [a.date_start for a in response.context["articles"]]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)
    assert "The newest 2 of 5." in response.content.decode()
