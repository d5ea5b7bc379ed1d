"""An editor imports an article in the admin and a reviewer publishes it, in each of
the seeds' three formats (a Markdown-like file with reader comments, a plain title
with a publisher footer, a "Publication:" header). Each step is reviewed on the way:
the upload; the preview's metadata with the evidence for its date, its links and how
sure each is, its unknown names, body and comments; the date corrected; one unknown
name made a record and another dismissed; the import confirmed for review and not
public; the reviewer's publishing; the public page."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from corpus.models import Actor, Article, NameCandidate, Organization
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import UserFactory

UNSEEN = Path(__file__).parents[1] / "data" / "unseen"


@dataclass(frozen=True)
class Case:
    file: str
    title: str
    printed_date: str  # as the date evidence quotes it
    first_words: str  # the body's first sentence begins so
    comments: int
    linked: str  # a known person or organization the preview links
    spelled: str  # ... as the text prints it
    proposed: str  # a link the preview only proposes ("" for none)
    create: str  # the unknown name made a record
    model: type
    dismiss: str  # the unknown name dismissed
    corrected_date: str
    corrected_words: str  # the corrected date as the public page writes it


CASES = [
    Case(
        "md_by_lede.txt",
        "Dushanbe Summit Ends Without a Deal",
        "Sept. 5, 2011",
        "By most accounts, the summit",
        2,
        "Collective Security Treaty Organization",
        "Collective Security Treaty Organisation",
        "Nursultan Nazarbayev",
        "Islamic Movement of Uzbekistan",
        Organization,
        "Janysh Bakiyev",
        "2011-09-04",
        "4 September 2011",
    ),
    Case(
        "fc_no_title_comments.txt",
        "Uzbekistan Leaves the CSTO, Again",
        "September 5, 2011",
        "Uzbekistan has suspended its membership",
        1,
        "Sergei Lavrov",
        "Sergei Lavrov",
        "",
        "Aidar Akayev",
        Actor,
        "Uzbekistan Airways",
        "2011-09-04",
        "4 September 2011",
    ),
    Case(
        "ph_title_after_header.txt",
        "MOSCOW COURTS ASTANA",
        "5 September 2011",
        "Nursultan Nazarbaev and Dmitri Medvedev agreed",
        0,
        "Nursultan Nazarbayev",
        "Nursultan Nazarbaev",
        "",
        "Karim Massimov",
        Actor,
        "Interfax-Kazakhstan",
        "2011-09-06",
        "6 September 2011",
    ),
]


def unknown_name(page, name):
    header = page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(name)} \("))
    return page.locator("tr.unknown-name").filter(has=header)


def review_the_preview(page, case):
    """What the editor checks before deciding anything."""
    assert page.locator("#id_title").input_value() == case.title
    evidence = page.locator(".field-date_evidence")
    expect(evidence).to_contain_text(f"As read: Dateline in the source: “{case.printed_date}”")
    links = page.locator("table[aria-labelledby=preview-links]")
    expect(links.get_by_role("row", name=re.compile(re.escape(case.linked)))).to_contain_text(
        case.spelled
    )
    if case.proposed:
        proposed = page.locator("table[aria-labelledby=preview-proposed]")
        expect(proposed).to_contain_text(case.proposed)
    for name in (case.create, case.dismiss):
        expect(unknown_name(page, name)).to_contain_text("Create a record")
    expect(page.locator(".import-body p").first).to_contain_text(case.first_words)
    expect(page.get_by_role("heading", name=f"Reader comments ({case.comments})")).to_be_visible()
    expect(page.locator(".import-comment")).to_have_count(case.comments)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file[:2])
def test_an_editor_imports_and_a_reviewer_publishes(page, reseed_after, case):
    editor = UserFactory(username=f"importing-editor-{case.file[:2]}", is_staff=True)
    log_in(page, editor, "Editors")
    page.get_by_role("link", name="Import articles").first.click()
    assert_accessible(page, "import upload", include=["#content"])
    page.get_by_label("Files").set_input_files(str(UNSEEN / case.file))
    page.get_by_role("button", name="Read the files").click()
    page.get_by_role("heading", name="Details").wait_for()
    review_the_preview(page, case)
    assert_accessible(page, "import preview", include=["#content"])

    page.get_by_label("Date (EDTF)").fill(case.corrected_date)
    page.get_by_label("Date certainty").select_option("inferred")
    page.get_by_label("Date evidence").fill("The publisher's archive gives another day.")
    unknown_name(page, case.create).get_by_role("button", name="Create a record").click()
    expect(unknown_name(page, case.create)).to_contain_text("Record created")
    unknown_name(page, case.dismiss).get_by_role("button", name="Dismiss").click()
    expect(unknown_name(page, case.dismiss)).to_contain_text("Dismissed")
    assert page.get_by_label("Date (EDTF)").input_value() == case.corrected_date
    record = case.model.objects.get(name=case.create)
    links = page.locator("table[aria-labelledby=preview-links]")
    expect(links.get_by_role("row", name=re.compile(re.escape(case.create)))).to_be_visible()
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(re.compile(r"/admin/corpus/article/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_contain_text("in review")

    article = Article.objects.get(source_file=case.file)
    assert (article.status, article.date_edtf, article.title) == (
        "review",
        case.corrected_date,
        case.title,
    )
    assert article.mentions.filter(**{case.model._meta.model_name: record}).exists()
    assert NameCandidate.objects.get(name=case.dismiss).decision == "dismissed"
    assert page.goto(article.get_absolute_url()).status == 404  # not public before review

    page.context.clear_cookies()
    reviewer = UserFactory(username=f"publishing-reviewer-{case.file[:2]}", is_staff=True)
    log_in(page, reviewer, "Editors", "Reviewers")
    page.goto(reverse("admin:corpus_article_changelist") + "?status__exact=review")
    page.get_by_role("row", name=re.compile(re.escape(case.title))).locator(
        "input[name=_selected_action]"
    ).check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.status == "published"

    page.context.clear_cookies()
    response = page.goto(article.get_absolute_url())
    assert response.status == 200
    expect(page.get_by_role("heading", name=case.title, level=1)).to_be_visible()
    expect(page.locator(".metadata .date")).to_have_text(f"{case.corrected_words} (inferred)")
    expect(page.locator(f"a[href='{record.get_absolute_url()}']").first).to_be_attached()
