"""Every public page type, in several states: axe-core finds no serious or
critical issue, and nothing scrolls sideways on a 360 px phone."""

import pytest

from tests.browser.conftest import assert_accessible, sideways_overflow

PAGES = [
    "/",
    "/articles/",
    "/articles/?q=%22rapid+reaction%22+-Afghanistan",
    "/articles/?actor=alexander-lukashenko&year=2007",  # the empty state
    "/articles/russia-moscow-strives-to-clarify-vision-for-central-asian-alliance/",
    "/articles/csto-safe-choice-in-central-asia/",
    "/actors/",
    "/actors/yevgeny-buzhinsky/",
    "/organizations/",
    "/organizations/csto/",
    "/claims/",
    "/claims/?claimant=yevgeny-buzhinsky",
    "/tags/",
    "/tags/csto/",
    "/network/",
    "/timeline/",
    "/no-such-page/",
    "/articles/?page=abc&year=x",  # a 400
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_passes_axe(page, url):
    page.goto(url)
    assert_accessible(page, url)


@pytest.mark.parametrize("url", PAGES)
def test_no_page_scrolls_sideways_on_a_360_px_phone(page, url):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url)
    assert sideways_overflow(page) <= 0, f"{url} scrolls sideways"
    for picture in page.locator("figure svg").all():
        assert picture.bounding_box()["width"] <= 360, f"a picture on {url} is wider than 360 px"
