"""The history shows what an edit changed, word by word, and why, when the
editor said so."""

import pytest
from django.urls import reverse

from corpus.editing.admin.history import word_diff
from corpus.models import Actor, Article, Status
from tests.admin_helpers import change_form_data
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:corpus_{obj._meta.model_name}_change", args=[obj.pk])


def history_url(obj):
    return reverse(f"admin:corpus_{obj._meta.model_name}_history", args=[obj.pk])


def save_change_form(client, obj, **changes):
    url = change_url(obj)
    return client.post(url, change_form_data(client.get(url), **changes))


def test_a_word_diff_marks_the_removed_and_added_words_and_folds_the_rest():
    words = [f"w{n}" for n in range(40)]
    old = " ".join(words)
    new = old.replace("w20", "SEVEN <b>")
    before, after = word_diff(old, new)
    assert "<del>w20 </del>" in before and "<ins>SEVEN &lt;b&gt; </ins>" in after
    assert "w14 w15" in after and "w13 " not in after  # six words of context either side
    assert "w26" in after and "w27" not in after
    assert after.startswith("… ") and after.endswith("… ")


def test_an_articles_history_shows_a_word_level_diff_of_its_body(client, reviewer):
    article = Article.objects.get(slug="csto-safe-choice-in-central-asia")
    body = article.body.replace("anti-terrorism", "counter-terrorism", 1)
    client.force_login(reviewer)
    assert save_change_form(client, article, body=body).status_code == 302
    html = client.get(history_url(article)).content.decode()
    assert "<del>anti-terrorism " in html and "<ins>counter-terrorism " in html
    assert "chars]" not in html


def test_a_notes_history_shows_a_word_level_diff(client, editor):
    annotation = AnnotationFactory(status=Status.DRAFT, note="A first careful reading.")
    client.force_login(editor)
    save_change_form(client, annotation, note="A second careful reading.")
    html = client.get(history_url(annotation)).content.decode()
    assert "<del>first </del>" in html and "<ins>second </ins>" in html


def test_an_edit_may_say_why_and_the_history_keeps_it(client, editor):
    actor = Actor.objects.get(slug="nikolai-bordyuzha")
    client.force_login(editor)
    form = client.get(change_url(actor)).content.decode()
    assert 'name="change_reason"' in form
    response = save_change_form(
        client, actor, description="Secretary General.", change_reason="Title checked"
    )
    assert response.status_code == 302
    assert actor.history.first().history_change_reason == "Title checked"
    assert "Title checked" in client.get(history_url(actor)).content.decode()


def test_the_reason_is_optional(client, editor):
    actor = Actor.objects.get(slug="nikolai-bordyuzha")
    client.force_login(editor)
    assert save_change_form(client, actor, description="Secretary General.").status_code == 302
    assert actor.history.first().history_change_reason in (None, "")
