"""Re-anchoring writes each moved annotation's history with its links as they
are: its people and organizations are not shown removed."""

import pytest

from corpus.models import Actor, Organization
from tests.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_annotation_moved_by_an_edit_keeps_its_people_in_its_history():
    article = ArticleFactory()
    annotation = AnnotationFactory(article=article, start=4, end=43)
    actor = Actor.objects.get(slug="emomali-rahmon")
    organization = Organization.objects.get(slug="csto")
    annotation.actors.add(actor)
    annotation.organizations.add(organization)
    annotation.save()  # a history record with the links, as an editor's save makes
    article.body = "Moreover, " + article.body
    article.save()
    annotation.refresh_from_db()
    assert annotation.start == 14  # moved by the edit
    latest = annotation.history.first()
    assert latest.history_change_reason.startswith("Re-anchored")
    delta = latest.diff_against(latest.prev_record)
    assert set(delta.changed_fields) <= {"start", "end", "prefix", "suffix", "version"}
    assert [link.actor for link in latest.actors.all()] == [actor]
    assert [link.organization for link in latest.organizations.all()] == [organization]
