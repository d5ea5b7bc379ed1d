"""The four questions a new user brings, answered in the browser starting from
the front page and following only what the pages offer."""

import re
from pathlib import Path

from playwright.sync_api import expect

MOSCOW = "/articles/russia-moscow-strives-to-clarify-vision-for-central-asian-alliance/"


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def test_which_articles_mention_both_lukashenko_and_makarov(page):
    page.goto("/")
    nav(page, "Articles")
    people = page.locator("section[aria-labelledby='facet-actor']")
    people.get_by_role("link", name=re.compile(r"^Alexander Lukashenko, ")).click()
    people.get_by_role("link", name=re.compile(r"^Nikolai Makarov, ")).click()
    results = page.locator("ol.articles > li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Moscow Strives To Clarify Vision")


def test_what_did_buzhinsky_say_and_where(page):
    page.goto("/")
    nav(page, "Claims")
    page.get_by_role("link", name=re.compile(r"^Yevgeny Buzhinsky, \d+")).first.click()
    quotes = page.locator("ul.claims > li")
    expect(quotes.first).to_be_visible()
    assert all("Buzhinsky" in text for text in quotes.all_inner_texts())
    first_quote = quotes.first.locator("blockquote").inner_text()

    # "Where": the quote's link lands on its passage in the article, in view and focused.
    quotes.first.get_by_role("link", name=re.compile("passage", re.I)).first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/#annotation-[0-9a-f-]{36}$"))
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'MARK'")
    passage = page.evaluate("document.activeElement.closest('#article-body') !== null")
    assert passage
    popover = page.locator("#annotation-popover")
    expect(popover).to_contain_text("Yevgeny Buzhinsky")
    expect(popover).to_contain_text(first_quote[:40].strip('“”" '))


def test_what_is_caco(page):
    page.goto("/")
    nav(page, "Organizations")
    page.get_by_label(re.compile("name", re.I)).first.fill("CACO")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=re.compile("Central Asian Cooperation Organization")).click()
    expect(page.locator("h1")).to_contain_text("Central Asian Cooperation Organization")

    # In the article that names it, the acronym explains itself on hover.
    page.locator("main ol.articles a").first.click()
    term = page.locator("#article-body a.term", has_text="CACO").first
    term.hover()
    expect(page.locator("#term-tip")).to_have_text("Central Asian Cooperation Organization")


def test_give_me_a_bibtex_entry_and_a_link_to_this_passage(page):
    page.goto("/")
    page.get_by_role("link", name=re.compile("Moscow Strives To Clarify Vision")).first.click()
    expect(page).to_have_url(re.compile(re.escape(MOSCOW) + "$"))
    page.get_by_text("Cite this article").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("BibTeX")).click()
    bibtex = Path(download.value.path()).read_text(encoding="utf-8")
    assert bibtex.startswith("@") and "Kucera" in bibtex

    page.locator("#article-body mark[tabindex='0']").first.click()
    link = page.locator("#annotation-popover").get_by_role("link", name="Link to this passage")
    href = link.get_attribute("href")
    assert re.fullmatch(r"/annotations/[0-9a-f-]{36}/", href)
    page.goto(href)
    page.wait_for_url(re.compile(re.escape(MOSCOW) + r"#annotation-"))
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'MARK'")
