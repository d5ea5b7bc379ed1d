"""Anonymous readers' pages are kept for a minute; editors always see live pages."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from corpus.models import Article

pytestmark = pytest.mark.django_db

READING = reverse("article_detail", args=["csto-safe-choice-in-central-asia"])


@pytest.fixture
def reader_cache(settings):
    settings.READER_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def rename(title):
    Article.objects.filter(slug="csto-safe-choice-in-central-asia").update(title=title)


def test_a_reader_gets_the_kept_page_without_a_query(
    client, reader_cache, django_assert_num_queries
):
    first = client.get(READING)
    with django_assert_num_queries(0):
        again = client.get(READING)
    assert again.content == first.content
    assert "max-age=60" in again["Cache-Control"] and "public" in again["Cache-Control"]


def test_a_reader_may_see_an_edit_late_but_an_editor_sees_it_at_once(client, editor, reader_cache):
    client.get(READING)
    rename("A Renamed Title")
    assert "A Renamed Title" not in client.get(READING).content.decode()

    client.force_login(editor)
    assert "A Renamed Title" in client.get(READING).content.decode()


def test_each_format_and_query_string_is_kept_apart(client, reader_cache):
    html = client.get(READING)
    as_json = client.get(READING, {"format": "json"})
    assert html["Content-Type"].startswith("text/html")
    assert as_json["Content-Type"].startswith("application/json")


def test_errors_are_not_kept(client, reader_cache):
    missing = reverse("article_detail", args=["no-such-article"])
    assert client.get(missing).status_code == 404
    assert client.get(missing).status_code == 404


def test_the_home_page_is_kept_too(client, reader_cache, django_assert_num_queries):
    client.get(reverse("home"))
    with django_assert_num_queries(0):
        assert client.get(reverse("home")).status_code == 200


def test_turned_off_every_request_is_live(client, settings):
    settings.READER_CACHE_SECONDS = 0
    client.get(READING)
    rename("Live Title")
    assert "Live Title" in client.get(READING).content.decode()
