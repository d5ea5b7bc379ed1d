"""The browser can reach the archive, and the home page passes axe."""

from tests.browser.conftest import assert_accessible


def test_home_page_opens_in_chromium_and_passes_axe(page):
    page.goto("/")
    assert page.locator("h1").first.inner_text()
    assert_accessible(page, "home")
