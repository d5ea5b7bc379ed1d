"""An editor annotates a passage on the Article change page, with the mouse or
the keyboard, and a reader sees it once it is published."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from corpus.models import Annotation, Article, Claim, Organization, Status
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import AnnotationFactory, ArticleFactory, ClaimFactory, UserFactory

SLUG = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
# A passage of 003 that no curated claim reports.
PASSAGE = "it has appeared to gain energy over the past several months"


def staff_user(username, publish):
    # Permissions directly, not the Editors/Reviewers groups: a reseed flushes those.
    user = UserFactory(username=username, is_staff=True)
    perms = Permission.objects.filter(content_type__app_label="corpus")
    user.user_permissions.set(perms if publish else perms.exclude(codename__startswith="publish_"))
    return user


def open_change_page(page, article):
    page.goto(reverse("admin:corpus_article_change", args=[article.pk]))
    page.locator("#annotator-text mark").first.wait_for()


SELECT_WITH_THE_MOUSE = """phrase => {
  // Find the phrase across the text nodes, select it, and let go of the mouse button.
  const root = document.getElementById("annotator-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const at = text.indexOf(phrase);
  const locate = (offset) => {
    const [node, from] = nodes.filter(([, start]) => start <= offset).pop();
    return [node, offset - from];
  };
  const range = document.createRange();
  range.setStart(...locate(at));
  range.setEnd(...locate(at + phrase.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""


@pytest.fixture
def article():
    return Article.objects.get(slug=SLUG)


def test_an_editor_annotates_a_passage_with_a_claim_and_a_reader_sees_it_published(
    page, site, article, reseed_after
):
    start = article.body.index(PASSAGE)
    assert not Annotation.objects.filter(
        article=article, start__lt=start + len(PASSAGE), end__gt=start
    ).exists()
    log_in(page, staff_user("reviewing-editor", publish=True))
    open_change_page(page, article)
    url = page.url

    page.evaluate(SELECT_WITH_THE_MOUSE, PASSAGE)
    dialog = page.get_by_role("dialog", name="Annotate passage")
    dialog.wait_for()
    assert dialog.locator("#annotator-quote").inner_text() == PASSAGE
    dialog.get_by_role("combobox", name="Claimant of a new claim").fill("Yevgeny Buzhinsky")
    dialog.locator("#annotator-claimant-chips li", has_text="Yevgeny Buzhinsky").wait_for()
    assert dialog.get_by_label("Kind", exact=True).input_value() == "claim"
    dialog.get_by_label("Note").fill("Compare the <em>Tsentr-2011</em> exercises.")
    dialog.get_by_label("Tags").fill("alliance, CSTO")
    dialog.get_by_label("Status").select_option("published")
    asked = []
    page.once("dialog", lambda question: (asked.append(question.message), question.accept()))
    dialog.get_by_role("button", name="Save").click()

    dialog.wait_for(state="hidden")
    highlight = page.locator("#annotator-text mark[data-opens]", has_text="has appeared")
    highlight.wait_for()
    assert page.url == url  # saved without leaving the page
    assert "Claim annotation, Published, 1 claim" in highlight.get_attribute("aria-label")
    assert page.locator("#annotator-status").inner_text().startswith("Annotated")
    assert asked == ["Create a new tag: “alliance”? Choose Cancel to pick an existing tag instead."]
    annotation = Annotation.objects.get(article=article, exact=PASSAGE)
    assert sorted(annotation.tags.values_list("slug", flat=True)) == ["alliance", "csto"]
    claim = annotation.claims.get()
    assert (claim.claimant_actor.name, claim.status, claim.text) == (
        "Yevgeny Buzhinsky",
        "published",
        PASSAGE,
    )

    reader = page.context.browser.new_context(base_url=site)
    try:
        public = reader.new_page()
        public.goto(article.get_absolute_url())
        marks = public.locator(f'mark[data-annotation="{annotation.uuid}"]')
        assert "".join(marks.all_inner_texts()) == PASSAGE
        data = public.request.get(article.get_absolute_url() + "?format=json").json()
        assert PASSAGE in [a["exact"] for a in data["annotations"]]
        assert PASSAGE in [c["text"] for c in data["claims"]]
    finally:
        reader.close()


def test_clicking_a_highlight_edits_it_and_a_stale_save_keeps_the_input(
    page, article, reseed_after
):
    log_in(page, staff_user("editing-editor", publish=False))
    open_change_page(page, article)
    page.evaluate(SELECT_WITH_THE_MOUSE, PASSAGE)
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Note").fill("First reading.")
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    page.locator("#annotator-text mark[data-opens]", has_text="has appeared").click()

    page.get_by_role("dialog", name="Edit annotation").wait_for()
    assert dialog.get_by_label("Note").input_value() == "First reading."
    annotation = Annotation.objects.get(article=article, exact=PASSAGE)
    annotation.note = "Someone else's reading."
    annotation.version += 1
    annotation.save()
    dialog.get_by_label("Note").fill("My second reading.")
    page.keyboard.press("Control+Enter")
    error = dialog.get_by_role("alert")
    error.filter(has_text="changed by someone else").wait_for()
    assert dialog.get_by_label("Note").input_value() == "My second reading."

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.opens") == str(annotation.uuid)


def test_an_editor_selects_and_annotates_with_the_keyboard_only(page, article, reseed_after):
    log_in(page, staff_user("keyboard-editor", publish=False))
    open_change_page(page, article)
    first_words = " ".join(article.body.split()[:3])

    page.locator("#annotator-text").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert page.locator("#annotator-status").inner_text() == (
        f"Selected “{first_words}”. Enter annotates it."
    )
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Annotate passage")
    dialog.wait_for()
    assert dialog.locator("#annotator-quote").inner_text() == first_words
    assert page.evaluate("document.activeElement.id") == "annotator-kind"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "annotator-text"

    page.get_by_label("Find a passage").fill("gain energy over the past")
    page.keyboard.press("Enter")
    dialog.wait_for()
    assert dialog.locator("#annotator-quote").inner_text() == "gain energy over the past"
    page.keyboard.press("Tab")  # Kind -> Status
    page.keyboard.press("Tab")  # Status -> Note
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Control+Enter")
    dialog.wait_for(state="hidden")
    assert Annotation.objects.get(article=article, exact="gain energy over the past").note == (
        "Typed without a mouse."
    )

    # A passage inside an annotated one is flagged before saving, as the server would.
    find = page.get_by_label("Find a passage")
    find.fill("IT WANTED ALLIES")
    find.press("Enter")
    dialog.get_by_role("alert").filter(has_text="overlaps the annotated passage").wait_for()


def test_the_change_page_with_the_dialog_open_passes_axe(page, article):
    auditor = staff_user("auditing-editor", publish=False)
    log_in(page, auditor)
    open_change_page(page, article)
    page.evaluate(SELECT_WITH_THE_MOUSE, PASSAGE)
    page.get_by_role("dialog", name="Annotate passage").wait_for()
    # The audit covers the annotator and its dialog; Django admin's own markup is its own.
    try:
        assert_accessible(page, "annotator", include=["#annotator", "#annotator-dialog"])
    finally:
        auditor.delete()


def test_deleting_a_highlight_that_carries_a_claim_asks_to_delete_the_claim_too(
    page, article, reseed_after
):
    start = article.body.index(PASSAGE)
    annotation = AnnotationFactory(
        article=article, start=start, end=start + len(PASSAGE), status=Status.DRAFT
    )
    ClaimFactory(annotation=annotation, status=Status.DRAFT, text="Gaining energy.")
    log_in(page, staff_user("deleting-editor", publish=False))
    open_change_page(page, article)

    page.locator("#annotator-text mark[data-opens]", has_text="has appeared").press("Enter")
    dialog = page.get_by_role("dialog", name="Edit annotation")
    dialog.get_by_role("button", name="Delete…").click()
    assert page.evaluate("document.activeElement.id") == "annotator-confirm-heading"
    dialog.get_by_role("button", name="Delete", exact=True).click()
    dialog.get_by_role("alert").filter(has_text="carries 1 claim(s): “Gaining energy.”").wait_for()
    assert Annotation.objects.filter(pk=annotation.pk).exists()

    dialog.get_by_label("Also delete its 1 claim: “Gaining energy.”").check()
    dialog.get_by_role("button", name="Delete", exact=True).click()
    dialog.wait_for(state="hidden")
    assert not page.locator("#annotator-text mark", has_text="has appeared").count()
    assert not Annotation.objects.filter(pk=annotation.pk).exists()
    assert not Claim.objects.filter(annotation__article=article, text="Gaining energy.").exists()


def test_nested_highlights_and_characters_outside_the_basic_plane(page, reseed_after):
    body = "𝔄 fraktur 🛡️ heading.\n\nThe CSTO 😀 met in Dushanbe and 𝔅 agreed."
    article = ArticleFactory(body=body, status=Status.DRAFT)
    met = body.index("met")
    outer = AnnotationFactory(article=article, start=body.index("The"), end=met + 15)
    inner = AnnotationFactory(article=article, start=met, end=met + 3, kind="context")
    csto = body.index("CSTO")
    article.mentions.create(organization=Organization.objects.first(), start=csto, end=csto + 4)
    log_in(page, staff_user("plane-editor", publish=False))
    open_change_page(page, article)

    paragraphs = page.locator("#annotator-text p").all_inner_texts()
    assert paragraphs == body.split("\n\n")  # every character, once, in order
    nested = page.locator("#annotator-text mark.annotator-nested")
    assert nested.inner_text() == "met"
    assert nested.get_attribute("data-uuids") == f"{inner.uuid} {outer.uuid}"
    assert page.locator("#annotator-text mark.annotator-mention").inner_text() == "CSTO"

    page.evaluate(SELECT_WITH_THE_MOUSE, "agreed")
    dialog = page.get_by_role("dialog", name="Annotate passage")
    assert (
        dialog.locator("#annotator-position")
        .inner_text()
        .startswith(f"Characters {body.index('agreed')}–{body.index('agreed') + 6} ")
    )
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    saved = Annotation.objects.get(article=article, exact="agreed")
    assert (saved.start, saved.end) == (body.index("agreed"), body.index("agreed") + 6)
