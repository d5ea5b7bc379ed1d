"""Anonymous readers' pages are kept until the data changes; editors always see live pages."""

import pytest
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.views.reader_cache import snapshot
from corpus.models import Article

pytestmark = pytest.mark.django_db

SLUG = "csto-safe-choice-in-central-asia"
READING = reverse("article_detail", args=[SLUG])


@pytest.fixture
def reader_cache(settings):
    settings.READER_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit_elsewhere():
    """Run SQL on a second connection that commits at once, as another request or an
    editor's save would; whatever it changed is put back afterwards."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    undo = []

    def run(sql, params, undo_sql, undo_params):
        with other.cursor() as cursor:
            cursor.execute(sql, params)
        undo.append((undo_sql, undo_params))

    yield run
    with other.cursor() as cursor:
        for sql, params in reversed(undo):
            cursor.execute(sql, params)
    other.close()


def retitle_elsewhere(commit_elsewhere, title):
    old = Article.objects.get(slug=SLUG).title
    sql = "UPDATE corpus_article SET title = %s WHERE slug = %s"
    commit_elsewhere(sql, [title, SLUG], sql, [old, SLUG])


def in_one_snapshot(requests):
    """What `requests()` returns, from an attempt during which nobody committed.

    Any commit in the cluster moves the snapshot, autovacuum's ANALYZE included, so an
    attempt that straddled one is made again."""
    for _ in range(5):
        before = snapshot(DEFAULT_DB_ALIAS)
        result = requests()
        if snapshot(DEFAULT_DB_ALIAS) == before:
            return result
    pytest.fail("the database's snapshot moved during every attempt")


def twice(client, url, **extra):
    """The page requested twice, with the second request's SQL."""
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, **extra)
    return first, again, [q["sql"] for q in queries.captured_queries]


def test_a_repeat_reader_gets_the_kept_page_for_one_snapshot_query(client, reader_cache):
    first, again, queries = in_one_snapshot(lambda: twice(client, READING))
    assert len(queries) == 1 and "pg_current_snapshot" in queries[0]
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]


def test_a_commit_anywhere_shows_at_once(client, reader_cache, commit_elsewhere):
    kept = client.get(READING)
    retitle_elsewhere(commit_elsewhere, "A Renamed Title")

    fresh = client.get(READING)
    assert "A Renamed Title" in fresh.content.decode()
    assert fresh["ETag"] != kept["ETag"]


def test_an_unchanged_page_costs_a_revalidating_client_a_304(client, reader_cache):
    def revalidate():
        etag = client.get(READING)["ETag"]
        return client.get(READING, headers={"if-none-match": etag})

    assert in_one_snapshot(revalidate).status_code == 304
    assert client.get(READING, headers={"if-none-match": '"stale"'}).status_code == 200


def test_an_editor_is_never_served_a_kept_page(client, editor, reader_cache):
    client.force_login(editor)
    response = client.get(READING)
    assert "ETag" not in response
    Article.objects.filter(slug=SLUG).update(title="Edited Just Now")
    assert "Edited Just Now" in client.get(READING).content.decode()


def test_a_transaction_that_has_written_reads_live(client, reader_cache):
    client.get(READING)
    # The test's own transaction writes: its rows are in no shared snapshot.
    Article.objects.filter(slug=SLUG).update(title="Uncommitted Title")
    response = client.get(READING)
    assert "Uncommitted Title" in response.content.decode()
    assert "ETag" not in response


@pytest.mark.parametrize(
    "name, args",
    [
        ("home", []),
        ("article_list", []),
        ("claim_list", []),
        ("tag_list", []),
        ("actor_list", []),
        ("organization_list", []),
        ("actor_detail", ["nikolai-bordyuzha"]),
        ("organization_detail", ["csto"]),
        ("network", []),
        ("timeline", []),
    ],
)
def test_every_public_page_is_kept(client, reader_cache, name, args):
    first, again, queries = in_one_snapshot(lambda: twice(client, reverse(name, args=args)))
    assert first.status_code == 200
    assert len(queries) == 1 and again.content == first.content


def test_a_search_is_kept_apart_from_the_list(client, reader_cache):
    url = reverse("article_list")
    listed = client.get(url).content
    searched = client.get(url, {"q": "Bordyuzha"}).content
    assert searched != listed
    assert client.get(url, {"q": "Bordyuzha"}).content == searched


def test_each_format_and_query_string_is_kept_apart(client, reader_cache):
    html = client.get(READING)
    as_json = client.get(READING, {"format": "json"})
    assert html["Content-Type"].startswith("text/html")
    assert as_json["Content-Type"].startswith("application/json")
    assert client.get(READING)["Content-Type"].startswith("text/html")


def test_errors_are_not_kept(client, reader_cache):
    missing = reverse("article_detail", args=["no-such-article"])
    assert client.get(missing).status_code == 404
    assert "ETag" not in client.get(missing)
    assert client.get(reverse("article_list"), {"page": "x"}).status_code in (400, 404)


def test_turned_off_every_request_is_live(client, settings):
    settings.READER_CACHE_SECONDS = 0
    response = client.get(READING)
    assert "ETag" not in response
    Article.objects.filter(slug=SLUG).update(title="Live Title")
    assert "Live Title" in client.get(READING).content.decode()
