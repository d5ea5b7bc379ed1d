"""Reading on a phone (375 px, touch): the text comes first, provenance is folded,
a link jumps to the who's who, and a first tap explains before a second navigates."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE_SCREEN, assert_accessible

ARTICLE = "/articles/csto-safe-choice-in-central-asia/"
SCREEN = PHONE_SCREEN


def test_the_article_text_shows_on_the_first_screen_and_provenance_is_folded(phone):
    phone.goto(ARTICLE)
    first = phone.locator("#article-body p").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < SCREEN["height"] - 60  # some lines of text show
    hash_ = phone.locator(".provenance code.hash")
    expect(hash_).to_be_hidden()
    phone.get_by_text("Source and provenance").tap()
    expect(hash_).to_be_visible()
    assert_accessible(phone)


def test_a_phone_reader_jumps_to_the_whos_who(phone):
    phone.goto(ARTICLE)
    phone.get_by_role("link", name="Who’s who").tap()
    expect(phone).to_have_url(re.compile("#who-heading$"))
    box = phone.locator("#who-heading").bounding_box()
    assert -2 <= box["y"] < SCREEN["height"] / 2  # at the top of the screen


def test_the_first_tap_on_an_acronym_explains_it_and_the_second_follows_it(phone):
    phone.goto(ARTICLE)
    csto = phone.locator("#article-body a.term", has_text="CSTO").first
    csto.scroll_into_view_if_needed()
    csto.tap()
    expect(phone.locator("#term-tip")).to_be_visible()
    expect(phone.locator("#term-tip")).to_have_text("Collective Security Treaty Organization")
    expect(phone).to_have_url(re.compile(re.escape(ARTICLE) + "$"))
    csto.tap()
    expect(phone).to_have_url(re.compile("/organizations/csto/$"))


def test_the_first_tap_on_a_link_inside_a_highlight_opens_the_passage(phone):
    phone.goto(ARTICLE)
    inside = phone.locator("#article-body mark[data-annotation] a.mention").first
    inside.evaluate("link => link.scrollIntoView({block: 'start'})")  # above the popover
    href = inside.get_attribute("href")
    inside.tap()
    expect(phone.locator("#annotation-popover")).to_be_visible()
    expect(phone).to_have_url(re.compile(re.escape(ARTICLE) + "$"))
    inside.tap()
    expect(phone).to_have_url(re.compile(re.escape(href) + "$"))
