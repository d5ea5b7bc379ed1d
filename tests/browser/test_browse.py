"""Browsing in a real browser: facets, chips, search, sort, claims, tags;
axe audits and a 360 px screen."""

import re

from playwright.sync_api import expect

MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def facet_link(page, facet, name):
    return page.locator(f"section[aria-labelledby='facet-{facet}']").get_by_role(
        "link", name=re.compile(rf"^{re.escape(name)}, \d+ ")
    )


def results(page):
    return page.locator("ol.articles > li")


def test_which_articles_mention_both_lukashenko_and_makarov(page):
    page.goto("/articles/")
    expect(results(page)).to_have_count(5)
    facet_link(page, "actor", "Alexander Lukashenko").click()
    expect(results(page)).to_have_count(2)
    facet_link(page, "actor", "Nikolai Makarov").click()
    expect(page).to_have_url(re.compile(r"actor=alexander-lukashenko&actor=nikolai-makarov"))
    expect(results(page)).to_have_count(1)
    expect(results(page).first.get_by_role("link").first).to_have_attribute(
        "href", f"/articles/{MOSCOW}/"
    )
    chips = page.locator(".active-filters")
    expect(chips).to_contain_text("Alexander Lukashenko")
    expect(chips).to_contain_text("Nikolai Makarov")
    expect(facet_link(page, "actor", "Nikolai Makarov")).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="Remove filter People: Nikolai Makarov").click()
    expect(results(page)).to_have_count(2)
    expect(chips).to_contain_text("Alexander Lukashenko")
    expect(chips).not_to_contain_text("Nikolai Makarov")


def test_search_in_websearch_syntax_shows_highlighted_snippets_then_sort(page):
    page.goto("/articles/")
    page.get_by_label("Search the full text").fill("CSTO -Lukashenko")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=CSTO\+-Lukashenko"))
    expect(page.locator(".snippet mark").first).to_be_visible()
    # The acronym and the full name the archive knows for it are marked alike.
    names = re.compile(r"^(CSTO|Collective|Security|Treaty|Organization)$", re.I)
    for mark in page.locator(".snippet mark").all_inner_texts():
        assert names.match(mark), mark
    expect(page.locator(".snippet mark", has_text=re.compile("^CSTO$")).first).to_be_visible()
    for title in results(page).locator("a").first.all_inner_texts():
        assert "Needs the West" not in title
    expect(page.get_by_label("Sort by")).to_have_value("relevance")

    page.get_by_label("Sort by").select_option(label="Oldest first")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=-date"))
    expect(page).to_have_url(re.compile(r"q=CSTO"))
    expect(results(page).first).to_contain_text("2004")
    expect(page.locator(".snippet mark").first).to_be_visible()


def test_what_did_buzhinsky_say_and_where(page):
    page.goto("/claims/")
    facet_link(page, "claimant", "Yevgeny Buzhinsky").click()
    expect(page).to_have_url(re.compile(r"claimant=yevgeny-buzhinsky"))
    quotes = page.locator("ul.claims > li")
    expect(quotes.first).to_be_visible()
    for n in range(quotes.count()):
        quote = quotes.nth(n)
        expect(quote.locator("blockquote")).not_to_be_empty()
        expect(quote.locator(".meta")).to_contain_text("Yevgeny Buzhinsky")
        expect(quote.get_by_role("link", name=re.compile("See the passage"))).to_have_attribute(
            "href", re.compile(r"^/annotations/[0-9a-f-]{36}/$")
        )


def test_long_facets_unfold_without_javascript(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/articles/")
    more = page.locator("section[aria-labelledby='facet-organization'] details.facet-more")
    expect(more.locator("ul")).to_be_hidden()
    more.locator("summary").click()
    expect(more.locator("ul")).to_be_visible()
    context.close()


def test_filters_fold_above_the_results_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/articles/?actor=alexander-lukashenko")
    panel = page.locator("details.facet-panel")
    expect(panel).not_to_have_attribute("open", "")
    expect(panel.locator("> summary")).to_contain_text("1 active")
    panel.locator("> summary").click()
    expect(facet_link(page, "actor", "Alexander Lukashenko")).to_be_visible()
