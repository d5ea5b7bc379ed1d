"""An editor edits an article's text, learns which passages lost their place,
and settles them in the orphan queue; merging duplicates asks which one stays.
Each admin page on the way passes an axe audit."""

import re

from django.urls import reverse

from corpus.models import Annotation, Article, Status
from tests.browser.conftest import assert_accessible as assert_page_accessible
from tests.browser.conftest import log_in
from tests.factories import UserFactory

SLUG = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
# A passage of 003 that no curated claim reports.
PASSAGE = "it has appeared to gain energy over the past several months"


def assert_accessible(page, label):
    """axe on the page's own content: Django's header and breadcrumbs are not ours."""
    assert_page_accessible(page, label, include=["#content"])


def log_in_as_reviewer(page):
    user = UserFactory(username="orphan-reviewer", is_staff=True)
    log_in(page, user, "Editors", "Reviewers")


def test_an_editor_settles_an_orphan_after_editing_the_text(page, reseed_after):
    article = Article.objects.get(slug=SLUG)
    annotation = Annotation(article=article, status=Status.DRAFT, note="Orphan to be.")
    start = article.body.index(PASSAGE)
    annotation.place(start, start + len(PASSAGE))
    annotation.save()
    log_in_as_reviewer(page)

    page.goto(reverse("admin:corpus_article_change", args=[article.pk]))
    body = page.locator("textarea[name=body]")
    body.fill(body.input_value().replace(PASSAGE, "it has gained energy lately"))
    page.get_by_role("button", name="Save and continue editing").click()
    warning = page.locator(".messagelist .warning")
    assert "orphaned" in warning.inner_text() and PASSAGE[:40] in warning.inner_text()

    warning.get_by_role("link", name="Place or delete them in the orphan queue").click()
    page.get_by_role("heading", name="Annotations (1)").wait_for()
    assert_accessible(page, "orphan queue")

    page.get_by_role("link", name="Place").first.click()
    page.get_by_role("heading", name="Place an orphaned annotation").wait_for()
    assert_accessible(page, "place an orphan")
    page.get_by_label("Or the passage as the text now reads it").fill("it has gained energy lately")
    page.get_by_role("button", name="Place it here").click()
    page.locator(".messagelist .success").wait_for()
    annotation.refresh_from_db()
    assert annotation.anchor == "anchored" and annotation.exact == "it has gained energy lately"

    page.goto(reverse("admin:index"))
    assert (
        "every annotation and mention is on its passage"
        in page.locator("#orphan-summary").inner_text()
    )
    assert_accessible(page, "admin index")


def test_merging_asks_which_record_stays(page, reseed_after):
    log_in_as_reviewer(page)
    page.goto(reverse("admin:corpus_actor_changelist"))
    page.locator("input[name=_selected_action]").nth(0).check()
    page.locator("input[name=_selected_action]").nth(1).check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("group", name=re.compile("Which person stays|Which actor stays")).wait_for()
    assert_accessible(page, "merge confirmation")
