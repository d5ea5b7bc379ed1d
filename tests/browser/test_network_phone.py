"""The network on a phone (375 px, touch): the links' table comes first, and the
picture zooms inside its frame without the page scrolling sideways."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sideways_overflow

NETWORK = reverse("network")


def test_on_a_phone_the_table_comes_first_and_is_open(phone):
    phone.goto(NETWORK)
    table = phone.locator(".picture-data")
    figure = phone.locator("figure.picture")
    assert table.bounding_box()["y"] < figure.bounding_box()["y"]
    expect(phone.locator(".picture-data details")).to_have_attribute("open", "")
    expect(phone.locator("table.links tbody tr").first).to_be_visible()
    assert sideways_overflow(phone) == 0
    assert_accessible(phone)


def test_on_a_phone_the_picture_zooms_and_scrolls_in_its_frame(phone):
    phone.goto(NETWORK)
    svg = phone.locator("svg.network-svg")
    frame = phone.locator(".zoom-frame")
    fitted = svg.bounding_box()["width"]
    phone.get_by_role("button", name="Zoom in").tap()
    phone.get_by_role("button", name="Zoom in").tap()
    assert svg.bounding_box()["width"] >= 1.9 * fitted
    # The frame scrolls; the page does not.
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    assert sideways_overflow(phone) == 0
    frame.evaluate("f => f.scrollTo(f.scrollWidth, 0)")
    assert frame.evaluate("f => f.scrollLeft") > 0
    phone.get_by_role("button", name="Fit").tap()
    assert abs(svg.bounding_box()["width"] - fitted) < 1
    expect(phone.get_by_role("button", name="Zoom out")).to_be_disabled()
    assert_accessible(phone)


def test_on_a_wide_screen_the_picture_comes_first(page):
    page.goto(NETWORK)
    assert (
        page.locator("figure.picture").bounding_box()["y"]
        < page.locator(".picture-data").bounding_box()["y"]
    )
    expect(page.get_by_role("button", name="Zoom in")).to_be_visible()
