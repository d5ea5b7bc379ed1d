"""An editor types a two-word tag in the annotator, picks the existing tag it
offers, and no new tag is created; a truly new tag is asked about first."""

import pytest
from taggit.models import Tag

from corpus.models import Annotation, Article
from tests.browser.conftest import log_in
from tests.browser.test_editor_annotates import (
    SELECT_WITH_THE_MOUSE,
    SLUG,
    open_change_page,
    staff_user,
)

PASSAGE = "it has appeared to gain energy"


@pytest.fixture
def article():
    return Article.objects.get(slug=SLUG)


def open_dialog(page, article):
    log_in(page, staff_user("tagging-editor", publish=False))
    open_change_page(page, article)
    page.evaluate(SELECT_WITH_THE_MOUSE, PASSAGE)
    dialog = page.get_by_role("dialog", name="Annotate passage")
    dialog.wait_for()
    return dialog


def test_an_editor_types_a_two_word_tag_and_picks_the_existing_one(page, article, reseed_after):
    tags = Tag.objects.count()
    dialog = open_dialog(page, article)
    field = dialog.get_by_role("combobox", name="Tags")
    field.press_sequentially("regime secu")
    option = dialog.get_by_role("option", name="regime-security")
    option.wait_for()
    option.click()
    assert field.input_value() == "regime-security, "
    asked = []
    page.on("dialog", lambda question: (asked.append(question.message), question.dismiss()))
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    annotation = Annotation.objects.get(article=article, exact=PASSAGE)
    assert list(annotation.tags.values_list("slug", flat=True)) == ["regime-security"]
    assert Tag.objects.count() == tags and not asked


def test_enter_separates_tags_and_a_new_one_is_created_only_when_confirmed(
    page, article, reseed_after
):
    tags = Tag.objects.count()
    dialog = open_dialog(page, article)
    field = dialog.get_by_role("combobox", name="Tags")
    field.press_sequentially("summit diplomacy")  # no tag is called anything like it
    field.press("Enter")
    assert field.input_value() == "summit diplomacy, "
    assert dialog.is_visible()  # Enter in the tag field does not save
    page.once("dialog", lambda question: question.dismiss())
    dialog.get_by_role("button", name="Save").click()
    assert dialog.is_visible() and Tag.objects.count() == tags
    page.once("dialog", lambda question: question.accept())
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    assert Tag.objects.filter(name="summit diplomacy").exists()
    assert Tag.objects.count() == tags + 1
