"""An editor says why in the annotator's own "Reason for this change" field, and
the annotation's history keeps it."""

from corpus.models import Annotation
from tests.browser import test_annotator_tags as tagging
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_editor_annotates import SELECT_WITH_THE_MOUSE, open_change_page, staff_user

# The article and passage the tag tests annotate.
article, PASSAGE = tagging.article, tagging.PASSAGE


def test_an_editor_gives_a_reason_when_annotating_and_the_history_keeps_it(
    page, article, reseed_after
):
    log_in(page, staff_user("reasoning-editor", publish=False))
    open_change_page(page, article)
    page.evaluate(SELECT_WITH_THE_MOUSE, PASSAGE)
    dialog = page.get_by_role("dialog", name="Annotate passage")
    dialog.wait_for()
    dialog.get_by_label("Note").fill("Energy: the organization's new activity.")
    dialog.get_by_label("Reason for this change").fill("Marks the turn in the argument")
    assert_accessible(page, include=["#annotator-dialog"])
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    annotation = Annotation.objects.get(article=article, exact=PASSAGE)
    reasons = {record.history_change_reason for record in annotation.history.all()}
    assert reasons == {"Marks the turn in the argument"}
