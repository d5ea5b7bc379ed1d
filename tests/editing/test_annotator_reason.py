"""The annotator's save takes an optional reason for the change, as the admin's forms
do: it is the history's change reason and is in the admin's recent actions."""

import pytest
from django.contrib.admin.models import LogEntry

from corpus.models import Annotation
from tests.editing import test_annotating as annotating
from tests.editing.test_annotating import MET, create_url, delete_url, passage, post, update_url
from tests.factories import AnnotationFactory

# The annotator's fixtures, shared with its main tests.
article, as_editor, group_editor = annotating.article, annotating.as_editor, annotating.group_editor

pytestmark = pytest.mark.django_db


def last_log(annotation_pk) -> str:
    return LogEntry.objects.filter(object_id=str(annotation_pk)).order_by("-pk")[0].change_message


def test_a_reason_given_on_annotating_is_in_the_history_and_recent_actions(as_editor, article):
    reason = "Marks the summit's venue"
    uuid = post(as_editor, create_url(article), passage(*MET, reason=reason)).json()["uuid"]
    annotation = Annotation.objects.get(uuid=uuid)
    assert {r.history_change_reason for r in annotation.history.all()} == {reason}
    assert last_log(annotation.pk) == f"Annotated on the article page: {reason}"


def test_a_reason_given_on_an_edit_is_in_the_history(as_editor, article):
    annotation = AnnotationFactory(article=article, start=MET[0], end=MET[1], status="draft")
    response = post(
        as_editor,
        update_url(annotation),
        {"version": 1, "note": "Dushanbe, 2007.", "reason": "Source checked"},
    )
    assert response.status_code == 200, response.content
    assert annotation.history.latest().history_change_reason == "Source checked"
    assert last_log(annotation.pk) == "Edited on the article page: Source checked"


def test_without_a_reason_the_history_says_what_the_annotator_did(as_editor, article):
    annotation = AnnotationFactory(article=article, start=MET[0], end=MET[1], status="draft")
    post(as_editor, update_url(annotation), {"version": 1, "note": "x", "reason": "   "})
    assert annotation.history.latest().history_change_reason == "Edited on the article page"


def test_a_reason_given_on_deleting_is_in_the_history(as_editor, article):
    annotation = AnnotationFactory(article=article, start=MET[0], end=MET[1], status="draft")
    response = post(as_editor, delete_url(annotation), {"version": 1, "reason": "Duplicate"})
    assert response.status_code == 200, response.content
    deleted = Annotation.history.filter(uuid=annotation.uuid, history_type="-").get()
    assert deleted.history_change_reason == "Duplicate"


@pytest.mark.parametrize("reason", ["x" * 101, ["a list"], {"an": "object"}])
def test_a_bad_reason_is_refused_and_nothing_is_written(as_editor, article, reason):
    response = post(as_editor, create_url(article), passage(*MET, reason=reason))
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert annotating.nothing_written(article)
