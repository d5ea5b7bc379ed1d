"""The history records who changed what and why, shows it in the admin, and
reverts; two editors saving the same record cannot silently overwrite each other."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Annotation, Article, Claim, Status
from tests.admin_helpers import change_form_data
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:corpus_{obj._meta.model_name}_change", args=[obj.pk])


def save_change_form(client, obj, **changes):
    url = change_url(obj)
    return client.post(url, change_form_data(client.get(url), **changes))


def test_an_admin_edit_records_who_changed_what(client, editor):
    actor = Actor.objects.get(slug="nikolai-bordyuzha")
    client.force_login(editor)
    response = save_change_form(client, actor, description="Secretary General of the CSTO.")
    assert response.status_code == 302
    latest = actor.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["description"]


def test_the_history_page_lists_the_changes_and_their_authors(client, editor):
    annotation = AnnotationFactory(status=Status.DRAFT, note="First reading.")
    client.force_login(editor)
    save_change_form(client, annotation, note="A closer reading.")
    response = client.get(reverse("admin:corpus_annotation_history", args=[annotation.pk]))
    assert response.status_code == 200
    records = list(response.context["page_obj"])
    assert [r.history_user for r in records] == [editor, None]
    changes = records[0].history_delta_changes
    assert [(c["field"], c["old"], c["new"]) for c in changes] == [
        ("Note", "<del>First </del>reading.", "<ins>A closer </ins>reading.")
    ]


def test_reverting_an_annotation_restores_the_old_note_through_the_admin(client, editor):
    annotation = AnnotationFactory(status=Status.DRAFT, note="First reading.")
    original = annotation.history.first()
    client.force_login(editor)
    save_change_form(client, annotation, note="A mistaken reading.")
    revert_url = reverse(
        "admin:corpus_annotation_simple_history", args=[annotation.pk, original.history_id]
    )
    page = client.get(revert_url)
    assert page.status_code == 200
    assert page.context["adminform"].form["note"].value() == "First reading."
    response = client.post(revert_url, change_form_data(page))
    assert response.status_code == 302
    annotation.refresh_from_db()
    assert annotation.note == "First reading."
    assert annotation.version == 3
    latest = annotation.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Reverted to the version of history entry")


def test_reverting_an_article_body_reanchors_its_annotations(client, reviewer):
    article = ArticleFactory(body="The alliance met in Dushanbe. Observers were sceptical.")
    annotation = Annotation(article=article, status=Status.DRAFT)
    annotation.place(article.body.index("Observers"), len(article.body))
    annotation.save()
    original = article.history.first()
    client.force_login(reviewer)
    save_change_form(
        client, article, body="Observers were sceptical. The alliance met in Dushanbe."
    )
    annotation.refresh_from_db()
    assert annotation.start == 0
    revert_url = reverse(
        "admin:corpus_article_simple_history", args=[article.pk, original.history_id]
    )
    response = client.post(revert_url, change_form_data(client.get(revert_url)))
    assert response.status_code == 302
    annotation.refresh_from_db()
    assert annotation.anchor == "anchored" and annotation.text() == "Observers were sceptical."


def test_reverting_needs_the_change_permission(client, reader):
    annotation = AnnotationFactory(status=Status.DRAFT, note="Kept.")
    reader.is_staff = True
    reader.save()
    reader.user_permissions.add(*_permissions("view_annotation"))
    client.force_login(reader)
    record = annotation.history.first()
    revert_url = reverse("admin:corpus_annotation_simple_history", args=[annotation.pk, record.pk])
    response = client.post(revert_url, {"note": "Changed by a viewer.", "based_on_version": 1})
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.note == "Kept."


def test_an_editor_cannot_republish_by_reverting_to_a_published_version(client, editor, reviewer):
    annotation = AnnotationFactory(status=Status.PUBLISHED)
    published = annotation.history.first()
    client.force_login(reviewer)
    save_change_form(client, annotation, status=Status.DRAFT)
    client.force_login(editor)
    revert_url = reverse(
        "admin:corpus_annotation_simple_history", args=[annotation.pk, published.history_id]
    )
    response = client.post(revert_url, change_form_data(client.get(revert_url)))
    assert response.status_code == 200
    assert "Only a reviewer may publish" in str(response.context["errors"])
    annotation.refresh_from_db()
    assert annotation.status == Status.DRAFT


@pytest.mark.parametrize("factory", [AnnotationFactory, ClaimFactory], ids=["annotation", "claim"])
def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_input(
    client, editor, reviewer, factory
):
    obj = factory(status=Status.DRAFT)
    field = "note" if isinstance(obj, Annotation) else "text"
    url = change_url(obj)
    # Both editors open the same record.
    client.force_login(editor)
    editors_form = change_form_data(client.get(url))
    client.force_login(reviewer)
    reviewers_form = change_form_data(client.get(url))

    client.force_login(editor)
    first = client.post(url, {**editors_form, field: "The editor's wording."})
    assert first.status_code == 302

    client.force_login(reviewer)
    second = client.post(url, {**reviewers_form, field: "The reviewer's wording."})
    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert "Someone else saved this" in errors[0] and "Nothing was saved" in errors[0]
    assert second.context["adminform"].form[field].value() == "The reviewer's wording."
    obj.refresh_from_db()
    assert getattr(obj, field) == "The editor's wording." and obj.version == 2

    # Saving again, knowingly, from the re-shown form replaces the editor's version.
    third = client.post(url, change_form_data(second))
    assert third.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "The reviewer's wording." and obj.version == 3


def test_a_save_of_a_record_deleted_meanwhile_is_refused(client, editor):
    claim = ClaimFactory(status=Status.DRAFT)
    client.force_login(editor)
    data = change_form_data(client.get(change_url(claim)))
    Claim.objects.filter(pk=claim.pk).delete()
    response = client.post(change_url(claim), data)
    assert response.status_code == 302  # the admin says the record no longer exists
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_every_editorial_model_keeps_history():
    for model in [Article, Actor, Annotation, Claim]:
        assert model.history.exists(), model


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="corpus", codename__in=codenames)
