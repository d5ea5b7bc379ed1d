"""An editor settles the stand-in names of an imported article under Proposed links:
"Moscow" accepted as standing for Russia, "Tashkent" rejected as the place; once
published, the reader sees the one marked as a stand-in and the other plain."""

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from corpus.ingest.importing import import_files
from corpus.models import MentionProposal, Status
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import UserFactory

UNSEEN = Path(__file__).parents[1] / "data" / "unseen"


def decide(page, exact: str, action: str):
    page.goto(
        reverse("admin:corpus_mentionproposal_changelist")
        + "?verdict__exact=pending&stand_in__exact=1"
    )
    page.locator("#result_list tbody tr", has_text=exact).locator(
        "input[name=_selected_action]"
    ).check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_editor_accepts_one_stand_in_and_rejects_another(page, reseed_after):
    [result] = import_files([UNSEEN / "fc_no_title_comments.txt"], Status.REVIEW)
    article = result.article
    pending = article.proposals.pending()
    assert sorted(pending.values_list("exact", "organization__slug")) == [
        ("Moscow", "russia"),
        ("Tashkent", "uzbekistan"),
    ]

    editor = UserFactory(username="stand-in-editor", is_staff=True)
    log_in(page, editor, "Editors")
    page.goto(reverse("admin:index"))
    page.get_by_role("link", name=re.compile(r"2 proposed links")).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.filter(has_text="Moscow")).to_contain_text("Russia")
    assert_accessible(page, "proposed links", include=["#content"])
    decide(page, "Moscow", "accept")
    decide(page, "Tashkent", "reject")
    assert not pending.exists()
    assert article.proposals.get(exact="Tashkent").verdict == MentionProposal.Verdict.REJECTED
    moscow = article.mentions.get(stand_in=True)
    assert (moscow.organization.slug, article.body[moscow.start : moscow.end]) == (
        "russia",
        "Moscow",
    )

    article.status = Status.PUBLISHED
    article.save()
    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    stand_in = page.locator("#article-body .mention-stand-in")
    expect(stand_in).to_have_count(1)
    expect(stand_in).to_have_text("Moscow")
    expect(stand_in).to_have_attribute("title", "Moscow, standing for Russia")
    expect(page.locator("#article-body .mention", has_text="Tashkent")).to_have_count(0)
