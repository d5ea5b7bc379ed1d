"""Errors answer in the format asked for, and never show a traceback."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_a_helpful_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Search the archive instead" in response.content


def test_an_unknown_address_asked_for_as_json_gives_a_json_404(client):
    response = client.get("/articles/no-such-article/", {"format": "json"})
    assert response.status_code == 404
    assert response.json() == {"error": "Not found: there is nothing at this address."}
