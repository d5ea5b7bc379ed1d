"""Editing an article's text in the admin re-anchors its passages and reports
what was orphaned; the orphan queue lets an editor place or delete them."""

import pytest
from django.urls import reverse

from corpus.models import Annotation, Mention, Status
from tests.admin_helpers import change_form_data
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Moscow said the alliance would be simplify re-supply logistics for the base. "
    "Analysts in Bishkek doubted it. The alliance said nothing more."
)
QUEUE = reverse("admin:corpus_annotation_orphans")


def annotate(article, passage, **fields):
    annotation = Annotation(article=article, status=Status.DRAFT, **fields)
    start = article.body.index(passage)
    annotation.place(start, start + len(passage))
    annotation.save()
    return annotation


def edit_body_in_admin(client, article, new_body):
    url = reverse("admin:corpus_article_change", args=[article.pk])
    return client.post(url, change_form_data(client.get(url), body=new_body), follow=True)


@pytest.fixture
def orphaned(client, reviewer):
    """An article whose text lost an annotated sentence and an editor's mention."""
    article = ArticleFactory(body=BODY)
    kept = annotate(article, "would be simplify re-supply logistics")
    lost = annotate(article, "Analysts in Bishkek doubted it.")
    actor = ActorFactory(name="Analysts Collective")
    start = BODY.index("Analysts")
    mention = Mention.objects.create(
        article=article, start=start, end=start + 8, actor=actor, source="editor"
    )
    client.force_login(reviewer)
    response = edit_body_in_admin(
        client,
        article,
        BODY.replace("would be simplify", "would simplify").replace(
            " Analysts in Bishkek doubted it.", ""
        ),
    )
    article.refresh_from_db()
    return article, kept, lost, mention, response


def test_a_body_edit_in_the_admin_reanchors_and_reports_orphans(orphaned):
    article, kept, lost, mention, response = orphaned
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert kept.anchor == "anchored" and kept.exact == "would simplify re-supply logistics"
    assert lost.anchor == "orphaned"
    messages = [str(m) for m in response.context["messages"]]
    assert any("1 on a passage whose words changed" in m for m in messages)
    warning = next(m for m in messages if "orphaned" in m)
    assert (
        "1 annotations and 1 mentions" in warning and "“Analysts in Bishkek doubted it.”" in warning
    )
    assert f'href="{QUEUE}"' in warning


def test_the_orphan_queue_lists_orphans_and_the_index_counts_them(client, orphaned):
    article, kept, lost, mention, _ = orphaned
    queue = client.get(QUEUE)
    assert list(queue.context["annotations"]) == [lost]
    assert list(queue.context["mentions"]) == [mention]
    assert reverse("admin:corpus_annotation_place", args=[lost.pk]) in queue.content.decode()
    index = client.get(reverse("admin:index"))
    assert "1 annotation and 1 mention" in index.content.decode()
    changelist = client.get(
        reverse("admin:corpus_annotation_changelist"), {"anchor__exact": "orphaned"}
    )
    assert list(changelist.context["cl"].result_list) == [lost]


def test_an_editor_places_an_orphan_on_a_passage_typed_in(client, orphaned):
    article, kept, lost, mention, _ = orphaned
    article.body += " Analysts in Bishkek doubted it, again."
    article.save()
    place = reverse("admin:corpus_annotation_place", args=[lost.pk])
    page = client.get(place)
    assert page.status_code == 200
    response = client.post(
        place,
        {
            "passage": "Analysts in Bishkek doubted it",
            "version": page.context["form"]["version"].value(),
        },
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    lost.refresh_from_db()
    assert lost.anchor == "anchored" and lost.text() == "Analysts in Bishkek doubted it"
    assert (
        lost.history.first().history_change_reason
        == "Placed again by an editor from the orphan queue"
    )


def test_a_typed_passage_that_occurs_twice_must_be_chosen(client, orphaned):
    article, kept, lost, mention, _ = orphaned
    place = reverse("admin:corpus_mention_place", args=[mention.pk])
    response = client.post(place, {"passage": "alliance"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == ["That passage occurs 2 times: choose one of them above."]
    second = article.body.index("alliance", article.body.index("alliance") + 1)
    response = client.post(place, {"passage": "alliance", "span": f"{second}:{second + 8}"})
    assert response.status_code == 302
    mention.refresh_from_db()
    assert (mention.anchor, mention.start, mention.exact) == ("anchored", second, "")


def test_a_passage_not_in_the_text_is_refused_with_a_clear_message(client, orphaned):
    _, _, lost, _, _ = orphaned
    response = client.post(
        reverse("admin:corpus_annotation_place", args=[lost.pk]), {"passage": "Nowhere."}
    )
    errors = response.context["form"].non_field_errors()
    assert errors == ["That passage is not in the article's text."]
    lost.refresh_from_db()
    assert lost.anchor == "orphaned"


def test_an_orphan_can_be_deleted_from_the_queue(client, orphaned):
    _, _, lost, _, _ = orphaned
    response = client.post(
        reverse("admin:corpus_annotation_delete", args=[lost.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Annotation.objects.filter(pk=lost.pk).exists()


def test_an_annotation_added_in_the_admin_gets_its_selectors_and_a_clear_error_when_out_of_range(
    client, editor
):
    article = ArticleFactory(body=BODY)
    client.force_login(editor)
    add = reverse("admin:corpus_annotation_add")
    form = {
        "article": article.pk,
        "kind": "note",
        "status": "draft",
        "note": "<script>x</script>Fine.",
    }
    response = client.post(add, {**form, "start": 0, "end": 500})
    assert "runs past the end of the text" in str(
        response.context["adminform"].form.non_field_errors()
    )
    response = client.post(add, {**form, "start": 0, "end": 6})
    assert response.status_code == 302
    annotation = Annotation.objects.get(article=article)
    assert (annotation.exact, annotation.suffix[:5], annotation.author) == (
        "Moscow",
        " said",
        editor,
    )
    assert annotation.note == "Fine."
