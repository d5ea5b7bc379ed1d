"""Reading an article in Chromium: passages opened by keyboard, permanent links
landing on their passage, citations downloaded, acronyms explained, layers
toggled, and the page audited by axe at desktop and phone widths."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from corpus.models import Annotation, Organization
from tests.browser.conftest import assert_accessible, sideways_overflow

pytestmark = pytest.mark.django_db(transaction=False)

VISION = "/articles/russia-moscow-strives-to-clarify-vision-for-central-asian-alliance/"


def buzhinsky_annotation() -> Annotation:
    return Annotation.objects.filter(
        article__slug=VISION.split("/")[2], claims__claimant_actor__slug="yevgeny-buzhinsky"
    ).first()


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return {tag: el.tagName.toLowerCase(), id: el.id,
                           annotation: el.dataset ? el.dataset.annotation || "" : ""}; }"""
    )


def tab_to_first_passage(page, limit=250) -> dict:
    """Press Tab until a highlighted passage has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "mark":
            return now
    pytest.fail("Tab never reached a highlighted passage")


def in_viewport(page, selector) -> bool:
    return page.evaluate(
        """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                           return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
        selector,
    )


def test_keyboard_opens_a_passage_popover_and_escape_returns_focus(page):
    page.goto(VISION)
    mark = tab_to_first_passage(page)
    assert mark["id"].startswith("passage-")
    page.keyboard.press("Enter")
    popover = page.locator("#annotation-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Claim")
    expect(popover.locator(".annotation-claims")).to_contain_text("(paraphrase, prediction)")
    expect(popover.get_by_role("link", name="Link to this passage")).to_be_visible()
    assert focused(page)["id"] == "annotation-popover"
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert focused(page)["id"] == mark["id"]


def test_permanent_link_lands_on_the_passage_focused_and_open(page):
    annotation = buzhinsky_annotation()
    page.goto(f"/annotations/{annotation.uuid}/")
    assert page.url.endswith(f"{VISION}#annotation-{annotation.uuid}")
    passage = f"#passage-{annotation.uuid}"
    page.wait_for_function(
        "(id) => document.activeElement && document.activeElement.id === id",
        arg=f"passage-{annotation.uuid}",
    )
    assert in_viewport(page, passage)
    expect(page.locator("#annotation-popover")).to_be_visible()
    expect(page.locator("#annotation-popover")).to_contain_text("Yevgeny Buzhinsky")


def test_bibtex_entry_and_a_link_to_this_passage(page):
    """“Give me a BibTeX entry and a link to this passage.”"""
    page.goto(VISION)
    page.get_by_text("Cite this article").click()
    expect(page.locator("#chicago-citation")).to_contain_text("Kucera, Joshua.")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("BibTeX")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".bib")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("@")
    assert "Russia: Moscow Strives To Clarify Vision For Central Asian Alliance" in text

    # The passage: open it, and its permanent link is there to copy or follow.
    annotation = buzhinsky_annotation()
    page.locator(f"#passage-{annotation.uuid}").click()
    link = page.locator("#annotation-popover").get_by_role("link", name="Link to this passage")
    expect(link).to_have_attribute("href", f"/annotations/{annotation.uuid}/")
    copy = page.locator("#annotation-popover button.copy")
    expect(copy).to_have_accessible_name("Copy link")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy.click()
    expect(copy).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/annotations/{annotation.uuid}/")
    link.click()
    page.wait_for_url(re.compile(f"#annotation-{annotation.uuid}$"))


def test_what_is_caco(page):
    """“What is CACO?”: the article that mentions it spells it out on hover and focus."""
    caco = Organization.objects.get(acronym="CACO")
    article = caco.mentions.first().article
    page.goto(article.get_absolute_url())
    term = page.locator("#article-body a.term", has_text="CACO")
    term.hover()
    tip = page.locator("#term-tip")
    expect(tip).to_be_visible()
    expect(tip).to_have_text("Central Asian Cooperation Organization")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    term.focus()
    expect(tip).to_have_text("Central Asian Cooperation Organization")
    assert term.get_attribute("href") == caco.get_absolute_url()


def test_layer_toggles_hide_mentions_and_clean_reading_hides_everything(page):
    page.goto(VISION)
    mention = page.locator("#article-body a.mention").first
    colour = mention.evaluate("el => getComputedStyle(el).color")
    page.get_by_label("Mentions").uncheck()
    assert mention.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert mention.evaluate("el => getComputedStyle(el).color") != colour
    assert mention.get_attribute("tabindex") == "-1"
    # The choice is remembered.
    page.reload()
    expect(page.get_by_label("Mentions")).not_to_be_checked()
    page.get_by_label("Clean reading").check()
    mark = page.locator("#article-body mark.hl").first
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    expect(page.locator("#article-body a.noteref").first).to_be_hidden()
    page.get_by_label("Clean reading").uncheck()
    page.get_by_label("Mentions").check()


def test_reading_page_passes_axe_with_the_popover_closed_and_open(page):
    page.goto(VISION)
    assert_accessible(page, "reading page")
    page.locator("#article-body mark.hl[tabindex]").first.click()
    expect(page.locator("#annotation-popover")).to_be_visible()
    assert_accessible(page, "reading page with a popover open")
    page.get_by_text("Cite this article").click()
    page.get_by_text("Key to the highlights").click()
    assert_accessible(page, "reading page with the Cite menu and key open")


def test_reading_page_fits_a_360px_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(VISION)
    page.get_by_text("Cite this article").click()
    page.locator("#article-body mark.hl[tabindex]").first.click()
    expect(page.locator("#annotation-popover")).to_be_visible()
    assert sideways_overflow(page) <= 0
    assert_accessible(page, "reading page at 360 px")
