"""A readers' cache that is safe to share between hosts, app servers and releases:
a kept page never carries another host's links or another reader's CSRF token,
its key holds the database and the release, and its memory is bounded in bytes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.urls import reverse

from archive.deployment.caches import ByteBoundedLocMemCache, caches_from_env
from archive.deployment.environment import release_from_env
from archive.views.reader_cache import cached_for_readers

pytestmark = pytest.mark.django_db

CITATION = reverse("article_citation", args=["csto-safe-choice-in-central-asia", "txt"])
READING = reverse("article_detail", args=["csto-safe-choice-in-central-asia"])


@pytest.fixture
def reader_cache(settings):
    settings.READER_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "archive.example.org"]
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", [CITATION, READING], ids=["citation", "reading page"])
def test_a_page_kept_for_one_host_never_carries_its_links_to_another(client, reader_cache, url):
    kept = client.get(url, HTTP_HOST="localhost").content.decode()
    assert "http://localhost/" in kept
    other = client.get(url, HTTP_HOST="127.0.0.1", secure=True).content.decode()
    assert "https://127.0.0.1/" in other
    assert "localhost" not in other


def test_the_scheme_alone_keeps_pages_apart(client, reader_cache):
    client.get(CITATION, HTTP_HOST="archive.example.org")
    secure = client.get(CITATION, HTTP_HOST="archive.example.org", secure=True)
    assert "https://archive.example.org/" in secure.content.decode()


def test_another_release_renders_afresh(client, reader_cache, settings):
    first = client.get(READING)
    settings.RELEASE = "a-later-release"
    assert client.get(READING)["ETag"] != first["ETag"]


def reader(path="/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_a_page_that_rendered_a_csrf_token_is_never_kept(reader_cache):
    """No public page renders one today; a form added to one must not hand the first
    reader's token to every later reader."""

    @cached_for_readers
    def page_with_a_form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    answers = [CsrfViewMiddleware(page_with_a_form)(reader()) for _ in range(2)]
    assert answers[0].content != answers[1].content, "each reader has a token of their own"
    assert all("ETag" not in answer for answer in answers)
    assert all(answer.cookies["csrftoken"].value for answer in answers)


def test_a_page_that_set_a_cookie_is_never_kept(reader_cache):
    served = []

    @cached_for_readers
    def page_with_a_cookie(request):
        response = HttpResponse(f"visitor {len(served)}")
        response.set_cookie("seen", str(len(served)))
        served.append(response)
        return response

    assert [page_with_a_cookie(reader()).content for _ in range(2)] == [b"visitor 0", b"visitor 1"]


def test_a_page_over_the_size_limit_is_never_kept(reader_cache, settings):
    settings.READER_CACHE_MAX_PAGE_BYTES = 100
    renders = []

    @cached_for_readers
    def large_page(request):
        renders.append(1)
        return HttpResponse("x" * 101)

    large_page(reader())
    large_page(reader())
    assert len(renders) == 2


# Memory bounded in bytes


def test_the_local_cache_holds_at_most_its_bytes_dropping_the_least_recently_used():
    local = ByteBoundedLocMemCache("bytes-test", {"OPTIONS": {"MAX_BYTES": 20_000}})
    local.clear()
    for number in range(40):
        local.set(f"page-{number}", "x" * 1_000)
        if number == 30:
            local.get("page-5")  # used recently: not the first to go
    assert local.bytes_held <= 20_000
    assert local.get("page-39") is not None
    assert local.get("page-0") is None
    assert len([n for n in range(40) if local.get(f"page-{n}") is not None]) < 20


def test_junk_query_strings_cannot_grow_the_local_cache_past_its_bytes():
    local = ByteBoundedLocMemCache("junk-test", {"OPTIONS": {"MAX_BYTES": 50_000}})
    local.clear()
    for number in range(2_000):
        local.set(f"reader-page:/articles/?junk={number}", "<html>" + "y" * 500)
    assert local.bytes_held <= 50_000


def test_a_value_over_an_eighth_of_the_bound_is_not_kept():
    local = ByteBoundedLocMemCache("large-test", {"OPTIONS": {"MAX_BYTES": 8_000}})
    local.set("large", "z" * 2_000)
    assert local.get("large") is None


# CACHES from the environment


def test_without_a_cache_url_each_worker_keeps_pages_bounded_in_bytes():
    configured = caches_from_env({"READER_CACHE_MAX_BYTES": "1048576"})["default"]
    assert configured["BACKEND"] == "archive.deployment.caches.ByteBoundedLocMemCache"
    assert configured["OPTIONS"]["MAX_BYTES"] == 1_048_576


@pytest.mark.parametrize("name", ["CACHE_URL", "REDIS_URL"])
def test_a_redis_url_shares_kept_pages_through_djangos_redis_backend(name):
    configured = caches_from_env({name: "redis://127.0.0.1:6390/0"})["default"]
    assert configured["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert configured["LOCATION"] == "redis://127.0.0.1:6390/0"


@pytest.mark.parametrize(
    "environ",
    [{"CACHE_URL": "memcached://127.0.0.1:11211"}, {"READER_CACHE_MAX_BYTES": "lots"}],
)
def test_a_cache_setting_that_cannot_work_is_refused(environ):
    with pytest.raises(ImproperlyConfigured):
        caches_from_env(environ)


def test_the_release_is_the_environments_or_else_the_git_commit(settings):
    assert release_from_env({"RELEASE": "2026.12.1"}, settings.BASE_DIR) == "2026.12.1"
    commit = release_from_env({}, settings.BASE_DIR)
    assert len(commit) == 40 or commit == "unreleased"
