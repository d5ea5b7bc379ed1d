"""The annotator's tags are names separated by commas only, resolved to the
existing tags, and a new one is created only when confirmed; a claimant joins
the passage's people; every annotator save is in the admin's recent actions."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from taggit.models import Tag

from corpus.models import Annotation
from tests.editing import test_annotating as annotating
from tests.editing.test_annotating import MET, create_url, delete_url, passage, post, update_url
from tests.factories import ActorFactory, OrganizationFactory

# The annotator's fixtures, shared with its main tests.
article, as_editor, group_editor = annotating.article, annotating.as_editor, annotating.group_editor

pytestmark = pytest.mark.django_db


def test_a_two_word_tag_is_one_tag_and_resolves_to_the_existing_one(as_editor, article):
    tags = Tag.objects.count()
    response = post(as_editor, create_url(article), passage(*MET, tags="regime security, CSTO"))
    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["csto", "regime-security"]
    assert Tag.objects.count() == tags


def test_a_new_tag_is_refused_until_the_editor_confirms_it(as_editor, article):
    tags = Tag.objects.count()
    refused = post(as_editor, create_url(article), passage(*MET, tags="summit diplomacy, csto"))
    assert refused.status_code == 400
    assert "summit diplomacy" in refused.json()["errors"]["tags"][0]
    assert Tag.objects.count() == tags and not Annotation.objects.filter(article=article).exists()
    payload = passage(*MET, tags="summit diplomacy, csto", new_tags=["summit diplomacy"])
    saved = post(as_editor, create_url(article), payload)
    assert saved.status_code == 201
    assert sorted(saved.json()["tags"]) == ["csto", "summit diplomacy"]
    assert Tag.objects.count() == tags + 1


@pytest.mark.parametrize("kind", ["actor", "organization"])
def test_the_claimant_joins_the_passages_people_by_itself(as_editor, article, kind):
    claimant = ActorFactory() if kind == "actor" else OrganizationFactory()
    payload = passage(*MET, claim={f"claimant_{kind}": claimant.pk})
    saved = post(as_editor, create_url(article), payload).json()
    linked = saved["actors"] if kind == "actor" else saved["organizations"]
    assert [entry["id"] for entry in linked] == [claimant.pk]


def test_annotator_saves_appear_in_the_admins_recent_actions(as_editor, article):
    saved = post(as_editor, create_url(article), passage(*MET, note="First.")).json()
    annotation = Annotation.objects.get(uuid=saved["uuid"])
    post(as_editor, update_url(annotation), {"version": saved["version"], "note": "Second."})
    post(as_editor, delete_url(annotation), {"version": saved["version"] + 1})
    entries = LogEntry.objects.filter(object_id=str(annotation.pk)).order_by("pk")
    assert [entry.action_flag for entry in entries] == [ADDITION, CHANGE, DELETION]
    assert entries[0].user.username.startswith("editor") or entries[0].user_id
    assert "article page" in entries[0].get_change_message()
