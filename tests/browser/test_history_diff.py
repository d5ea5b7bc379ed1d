"""A reviewer corrects one word of an article's body in the admin, and its history
shows that word struck out and its replacement marked, with the reason given,
instead of the old "[5561 chars]"."""

import re

from django.urls import reverse

from corpus.models import Article
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_editor_annotates import staff_user

SLUG = "csto-safe-choice-in-central-asia"


def test_an_articles_history_shows_the_changed_words(page, reseed_after):
    article = Article.objects.get(slug=SLUG)
    assert "anti-terrorism" in article.body
    log_in(page, staff_user("history-reviewer", publish=True))
    page.goto(reverse("admin:corpus_article_change", args=[article.pk]))
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("anti-terrorism", "counter-terrorism", 1))
    reason = page.locator("#id_change_reason")  # the form's, not the annotator dialog's
    reason.fill("Typo in the transcription")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(re.compile(r"/change/$"))

    page.goto(reverse("admin:corpus_article_history", args=[article.pk]))
    removed = page.locator("del", has_text="anti-terrorism").first
    added = page.locator("ins", has_text="counter-terrorism").first
    assert removed.is_visible() and added.is_visible()
    assert page.get_by_text("Typo in the transcription").first.is_visible()
    assert "chars]" not in page.locator("#content").inner_text()
    assert_accessible(page, "the article's history", include=["#content"])
