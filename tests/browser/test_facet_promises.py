"""A facet count is a promise: in a real browser, on every facet of the article
and claim lists, each count shown is the count the click on it gives, from no
filter, one filter and two filters."""

import re

import pytest

COUNT = re.compile(r"^(\d+)")


def shown_total(page) -> int:
    return int(COUNT.match(page.locator("#results-heading").inner_text()).group(1))


def first_unselected(page, facet):
    """The facet's first unselected value: (its link, its shown count), or None."""
    links = page.locator(f"section[aria-labelledby='facet-{facet}'] a.facet-value:not(.selected)")
    if not links.count():
        return None
    link = links.first
    return link, int(link.locator(".count").inner_text())


def check_every_facet(page, url, facets, depth):
    """From `url`, click each facet's first unselected value and compare the
    result with its count; then do the same one filter deeper."""
    checked = 0
    for facet in facets:
        page.goto(url)
        found = first_unselected(page, facet)
        if found is None:
            continue
        link, promised = found
        link.click()
        page.wait_for_load_state()
        assert shown_total(page) == promised, (url, facet, page.url)
        checked += 1
        if depth > 1:
            checked += check_every_facet(page, page.url, facets, depth - 1)
    return checked


@pytest.mark.parametrize(
    "url, facets",
    [
        ("/articles/", ["actor", "organization", "publication", "author", "year", "tag"]),
        ("/claims/", ["claimant", "kind", "tag", "article", "about"]),
    ],
)
def test_every_count_shown_is_what_its_click_gives_from_one_and_two_filters(page, url, facets):
    checked = check_every_facet(page, url, facets, depth=2)
    assert checked > len(facets) * 2


def test_with_lukashenko_and_makarov_rahmon_is_not_offered(page):
    page.goto("/articles/?actor=alexander-lukashenko&actor=nikolai-makarov")
    assert shown_total(page) == 1
    people = page.locator("section[aria-labelledby='facet-actor']")
    assert people.get_by_role("link", name=re.compile("^Emomali Rahmon")).count() == 0
    for count in people.locator(".count").all_inner_texts():
        assert count == "1"
    assert "all of them" in people.inner_text()
