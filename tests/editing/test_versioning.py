"""A stale save of an annotation or claim is refused, not last-write-wins."""

import pytest

from corpus.editing.versioning import StaleEdit, save_if_current
from corpus.models import Annotation
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db


def test_a_save_based_on_the_current_version_succeeds_and_bumps_it():
    annotation = AnnotationFactory()
    annotation.note = "First reading."
    save_if_current(annotation, expected_version=1)
    assert Annotation.objects.get(pk=annotation.pk).version == 2


def test_a_save_based_on_an_older_version_is_refused_and_changes_nothing():
    annotation = AnnotationFactory()
    theirs = Annotation.objects.get(pk=annotation.pk)
    theirs.note = "Their note."
    save_if_current(theirs, expected_version=1)

    annotation.note = "My note."
    with pytest.raises(StaleEdit, match="changed by someone else"):
        save_if_current(annotation, expected_version=1)
    assert Annotation.objects.get(pk=annotation.pk).note == "Their note."


def test_a_save_of_a_deleted_record_is_refused():
    annotation = AnnotationFactory()
    Annotation.objects.filter(pk=annotation.pk).delete()
    with pytest.raises(StaleEdit, match="deleted"):
        save_if_current(annotation, expected_version=1)
