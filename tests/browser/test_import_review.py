"""An editor imports an article in the admin and a reviewer publishes it: upload,
correct the date in the preview, create a record for one unknown name and dismiss
another, confirm for review; the article is public only once the reviewer publishes."""

import re
from pathlib import Path

from django.contrib.auth.models import Group
from django.urls import reverse

from corpus.models import Article, NameCandidate
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
UNSEEN = Path(__file__).parents[1] / "data" / "unseen"


def log_in(page, username, *groups):
    user = UserFactory(username=username, is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_imports_and_a_reviewer_publishes(page, reseed_after):
    log_in(page, "importing-editor", "Editors")
    page.get_by_role("link", name="Import articles").first.click()
    page.get_by_label("Files").set_input_files(str(UNSEEN / "ph_title_after_header.txt"))
    page.get_by_role("button", name="Read the files").click()
    page.get_by_role("heading", name="Details").wait_for()
    assert_accessible(page, "import preview", include=["#content"])

    page.get_by_label("Date (EDTF)").fill("2011-09-06")
    page.get_by_label("Date evidence").fill("The publisher's archive dates it a day later.")
    page.get_by_label("Date certainty").select_option("inferred")
    massimov = page.get_by_role("row", name=re.compile("Karim Massimov"))
    massimov.get_by_role("button", name="Create a record").click()
    page.locator(".messagelist .success").wait_for()
    interfax = page.get_by_role("row", name=re.compile("Interfax-Kazakhstan"))
    interfax.get_by_role("button", name="Dismiss").click()
    page.locator(".messagelist .success").wait_for()
    assert page.get_by_label("Date (EDTF)").input_value() == "2011-09-06"
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(re.compile(r"/admin/corpus/article/\d+/change/$"))

    article = Article.objects.get(source_file="ph_title_after_header.txt")
    assert (article.status, article.date_edtf) == ("review", "2011-09-06")
    assert article.mentions.filter(actor__name="Karim Massimov").exists()
    assert NameCandidate.objects.get(name="Interfax-Kazakhstan").decision == "dismissed"
    assert page.goto(article.get_absolute_url()).status == 404  # not public before review

    page.context.clear_cookies()
    log_in(page, "publishing-reviewer", "Editors", "Reviewers")
    page.goto(reverse("admin:corpus_article_changelist") + "?status__exact=review")
    page.get_by_role("row", name=re.compile("MOSCOW COURTS ASTANA")).locator(
        "input[name=_selected_action]"
    ).check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    page.locator(".messagelist .success").wait_for()
    article.refresh_from_db()
    assert article.status == "published"
    page.context.clear_cookies()
    response = page.goto(article.get_absolute_url())
    assert response.status == 200
    assert page.get_by_role("heading", name="MOSCOW COURTS ASTANA").is_visible()
