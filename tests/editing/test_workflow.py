"""The review workflow: draft -> in review -> published, and back; publishing
is a reviewer's call on every path; only published material is public."""

import pytest
from django.urls import reverse

from corpus.editing.workflow import may_change_status
from corpus.models import Annotation, Article, Claim, Status
from tests.admin_helpers import change_form_data
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def changelist(model):
    return reverse(f"admin:corpus_{model._meta.model_name}_changelist")


def change_url(obj):
    return reverse(f"admin:corpus_{obj._meta.model_name}_change", args=[obj.pk])


def run_action(client, model, action, *objects):
    return client.post(
        changelist(model), {"action": action, "_selected_action": [o.pk for o in objects]}
    )


@pytest.mark.parametrize(
    ("old", "new", "needs_reviewer"),
    [
        (None, Status.DRAFT, False),
        (Status.DRAFT, Status.REVIEW, False),
        (Status.REVIEW, Status.DRAFT, False),
        (None, Status.PUBLISHED, True),
        (Status.DRAFT, Status.PUBLISHED, True),
        (Status.REVIEW, Status.PUBLISHED, True),
        (Status.PUBLISHED, Status.DRAFT, True),
        (Status.PUBLISHED, Status.REVIEW, True),
    ],
)
@pytest.mark.parametrize("model", [Article, Annotation, Claim], ids=lambda m: m.__name__)
def test_publishing_and_unpublishing_need_a_reviewer(
    editor, reviewer, model, old, new, needs_reviewer
):
    assert may_change_status(editor, model, old, new) is not needs_reviewer
    assert may_change_status(reviewer, model, old, new)


def test_a_passage_goes_from_draft_through_review_to_published_and_back(client, editor, reviewer):
    annotation = AnnotationFactory(status=Status.DRAFT)
    client.force_login(editor)
    run_action(client, Annotation, "submit_for_review", annotation)
    annotation.refresh_from_db()
    assert annotation.status == Status.REVIEW

    client.force_login(reviewer)
    response = run_action(client, Annotation, "publish", annotation)
    annotation.refresh_from_db()
    assert annotation.status == Status.PUBLISHED and annotation.version == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Published: 1 annotations."

    run_action(client, Annotation, "unpublish", annotation)
    annotation.refresh_from_db()
    assert annotation.status == Status.DRAFT
    reasons = list(annotation.history.values_list("history_change_reason", "history_user"))
    assert reasons[:3] == [
        ("Unpublished", reviewer.pk),
        ("Published", reviewer.pk),
        ("Submitted for review", editor.pk),
    ]


def test_only_published_passages_are_public(client, reviewer):
    annotation = AnnotationFactory(status=Status.REVIEW)
    page = annotation.article.get_absolute_url()
    assert annotation.exact not in [
        a["exact"] for a in client.get(page, {"format": "json"}).json()["annotations"]
    ]
    client.force_login(reviewer)
    run_action(client, Annotation, "publish", annotation)
    client.logout()
    public = client.get(page, {"format": "json"}).json()["annotations"]
    assert annotation.exact in [a["exact"] for a in public]


def test_an_orphaned_passage_is_not_published(client, reviewer):
    annotation = AnnotationFactory(status=Status.REVIEW)
    Annotation.objects.filter(pk=annotation.pk).update(anchor="orphaned")
    client.force_login(reviewer)
    response = run_action(client, Annotation, "publish", annotation)
    annotation.refresh_from_db()
    assert annotation.status == Status.REVIEW
    assert any("orphaned" in str(m) for m in response.wsgi_request._messages)


def test_an_editors_change_form_offers_no_published_status(client, editor):
    annotation = AnnotationFactory(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(change_url(annotation))
    choices = [value for value, _ in page.context["adminform"].form.fields["status"].choices]
    assert choices == [Status.DRAFT, Status.REVIEW]
    response = client.post(change_url(annotation), change_form_data(page, status=Status.PUBLISHED))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    annotation.refresh_from_db()
    assert annotation.status == Status.DRAFT


def test_an_editor_sees_a_published_status_but_cannot_change_it(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, title="Before.")
    client.force_login(editor)
    page = client.get(change_url(article))
    assert "status" not in page.context["adminform"].form.fields
    # Posting a status anyway changes nothing: the field is read-only.
    response = client.post(
        change_url(article), change_form_data(page, status=Status.DRAFT, title="After.")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.title) == (Status.PUBLISHED, "After.")


def test_an_editor_may_read_but_not_change_a_published_claim(client, editor):
    """A change to a published note or claim would be public at once, unreviewed: it
    needs the publish permission (README "Editorial workflow")."""
    claim = ClaimFactory(status=Status.PUBLISHED, text="Before.")
    client.force_login(editor)
    page = client.get(change_url(claim))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    response = client.post(change_url(claim), {"text": "After.", "status": Status.DRAFT})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.status, claim.text) == (Status.PUBLISHED, "Before.")


def test_a_reviewer_publishes_from_the_change_form(client, reviewer):
    article = AnnotationFactory(status=Status.DRAFT, article__status=Status.DRAFT).article
    client.force_login(reviewer)
    page = client.get(change_url(article))
    response = client.post(change_url(article), change_form_data(page, status=Status.PUBLISHED))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_an_editor_cannot_delete_published_material_but_may_delete_a_draft(client, editor):
    published = AnnotationFactory(status=Status.PUBLISHED)
    draft = AnnotationFactory(status=Status.DRAFT)
    client.force_login(editor)
    delete = "admin:corpus_annotation_delete"
    assert client.get(reverse(delete, args=[published.pk])).status_code == 403
    assert client.post(reverse(delete, args=[draft.pk]), {"post": "yes"}).status_code == 302
    assert not Annotation.objects.filter(pk=draft.pk).exists()


def test_status_filters_narrow_each_changelist(client, editor):
    AnnotationFactory(status=Status.REVIEW)
    client.force_login(editor)
    for model in [Article, Annotation, Claim]:
        response = client.get(changelist(model), {"status__exact": Status.REVIEW})
        statuses = {obj.status for obj in response.context["cl"].result_list}
        assert statuses <= {Status.REVIEW}
    response = client.get(changelist(Annotation), {"status__exact": Status.REVIEW})
    assert response.context["cl"].result_count >= 1
