"""Searching by any name the archive knows, in a real browser: every spelling of a
person, an organization's full name for its acronym, and names suggested when a
search finds nothing."""

import re

import pytest
from playwright.sync_api import expect

RAHMONS_ARTICLES = 2


def search(page, url, q):
    page.goto(url)
    page.get_by_label(re.compile("^Search")).first.fill(q)
    page.get_by_role("button", name="Search").click()


@pytest.mark.parametrize("q", ["Rahmonov", "Rakhmonov", "Rahmon"])
def test_each_spelling_of_rahmon_finds_both_of_his_articles(page, q):
    search(page, "/articles/", q)
    expect(page.locator("#results-heading")).to_have_text(
        re.compile(rf"^{RAHMONS_ARTICLES} articles matching")
    )
    expect(page.locator("ol.articles > li")).to_have_count(RAHMONS_ARTICLES)
    marks = " ".join(page.locator(".snippet mark").all_inner_texts())
    assert "Rakhmonov" in marks and "Rahmon" in marks


def test_an_organizations_full_name_finds_what_says_only_nato(page):
    q = "North Atlantic Treaty Organization"
    search(page, "/articles/", q)
    expect(page.locator(".snippet mark", has_text="NATO").first).to_be_visible()
    search(page, "/claims/", q)
    expect(page.locator("#results-heading")).not_to_have_text(re.compile("^0 "))
    expect(page.locator("main")).to_contain_text("NATO")


def test_a_search_finding_nothing_suggests_the_close_person(page):
    search(page, "/articles/", "Lukshenko")
    expect(page.locator("#results-heading")).to_have_text(re.compile("^0 articles"))
    suggestion = page.locator(".suggested-names").get_by_role("link", name="Alexander Lukashenko")
    expect(suggestion).to_be_visible()
    promised = int(
        re.match(r"\d+", page.locator(".suggested-names li .count").first.inner_text()).group()
    )
    suggestion.click()
    expect(page.locator("#results-heading")).to_have_text(re.compile(rf"^{promised} articles?$"))


def test_an_article_opened_from_a_search_marks_its_terms_until_cleared(page):
    search(page, "/articles/", "Rahmonov")
    page.locator("ol.articles > li").first.get_by_role("link").first.click()
    marked = page.locator("#article-body mark.search-term")
    expect(marked.first).to_be_visible()
    assert set(marked.all_inner_texts()) & {"Rahmon", "Rakhmonov"}
    page.get_by_role("link", name="Clear highlighting").click()
    expect(page.locator("#article-body")).to_be_visible()
    expect(page.locator("mark.search-term")).to_have_count(0)
