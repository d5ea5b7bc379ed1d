"""Growing past one machine: read replicas behind a router, a pooler, static
files through a CDN, and a health check for the load balancer (docs/PERFORMANCE.md)."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.deployment.environment import databases_from_env, replica_aliases, static_url_from_env
from archive.deployment.routers import (
    PIN_COOKIE,
    PIN_SECONDS,
    PinPrimaryMiddleware,
    PrimaryReplicaRouter,
    reads_from,
)
from corpus.models import Article

PRIMARY = "postgres://archive:s3cret@db-primary.example.org:5432/archive"
REPLICAS = (
    "postgres://archive:s3cret@db-replica-1.example.org:5432/archive,"
    " postgres://archive:s3cret@db-replica-2.example.org:5432/archive"
)
EMBEDDED = {"ENGINE": "django.db.backends.postgresql", "NAME": "archive", "HOST": "/var/pg"}


def databases(**environ):
    return databases_from_env(environ, embedded=lambda: dict(EMBEDDED))


# Settings from the environment


def test_without_database_url_the_embedded_server_is_the_only_database():
    default = databases()
    default["default"].pop("OPTIONS")  # the session limits (tests/hardening/test_timeouts.py)
    assert default == {"default": {**EMBEDDED, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}}, (
        "its connections persist too: gunicorn workers would otherwise connect per request"
    )


def test_database_url_is_the_primary_with_persistent_checked_connections():
    primary = databases(DATABASE_URL=PRIMARY)["default"]
    assert primary["HOST"] == "db-primary.example.org"
    assert primary["CONN_MAX_AGE"] == 60
    assert primary["CONN_HEALTH_CHECKS"] is True


def test_each_replica_url_becomes_a_replica_that_mirrors_the_primary_in_tests():
    configured = databases(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICAS)
    assert list(configured) == ["default", "replica1", "replica2"]
    assert replica_aliases(configured) == ["replica1", "replica2"]
    assert configured["replica1"]["HOST"] == "db-replica-1.example.org"
    assert configured["replica2"]["HOST"] == "db-replica-2.example.org"
    assert configured["replica1"]["TEST"] == {"MIRROR": "default"}
    assert "TEST" not in configured["default"]


def test_an_empty_replica_list_adds_no_replicas():
    assert replica_aliases(databases(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=" , ")) == []


@pytest.mark.parametrize(
    "url", ["mysql://archive:s3cret@db.example.org/archive", "sqlite:////tmp/archive.db"]
)
def test_a_replica_that_is_not_postgresql_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match=r"replica 2\) must point at PostgreSQL"):
        databases(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=f"{PRIMARY},{url}")


def test_error_messages_never_print_a_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        databases(DATABASE_REPLICA_URLS="mysql://archive:s3cret@db.example.org/archive")
    assert "db.example.org/archive" in str(refused.value)
    assert "s3cret" not in str(refused.value)


def test_a_primary_that_is_not_postgresql_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must point at PostgreSQL"):
        databases(DATABASE_URL="mysql://db.example.org/archive")


def test_a_replica_url_that_is_not_a_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="is not a database URL"):
        databases(DATABASE_REPLICA_URLS="db-replica-1.example.org")


def test_conn_max_age_applies_to_every_alias():
    configured = databases(
        DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICAS, DATABASE_CONN_MAX_AGE="0"
    )
    assert {alias: db["CONN_MAX_AGE"] for alias, db in configured.items()} == {
        "default": 0,
        "replica1": 0,
        "replica2": 0,
    }
    assert databases(DATABASE_CONN_MAX_AGE="300")["default"]["CONN_MAX_AGE"] == 300


@pytest.mark.parametrize("value", ["forever", "-1", "1.5"])
def test_conn_max_age_must_be_whole_seconds(value):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_CONN_MAX_AGE"):
        databases(DATABASE_CONN_MAX_AGE=value)


def test_pgbouncer_turns_off_server_side_cursors_on_every_alias():
    configured = databases(
        DATABASE_URL=PRIMARY, DATABASE_REPLICA_URLS=REPLICAS, DATABASE_POOLER="pgbouncer"
    )
    assert all(db["DISABLE_SERVER_SIDE_CURSORS"] for db in configured.values())
    assert all(db["OPTIONS"]["prepare_threshold"] is None for db in configured.values()), (
        "no prepared statements either: the next transaction may run on another connection"
    )


def test_without_a_pooler_server_side_cursors_stay_on():
    assert not databases(DATABASE_URL=PRIMARY)["default"]["DISABLE_SERVER_SIDE_CURSORS"]


def test_an_unknown_pooler_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOLER='pgpool' is not known"):
        databases(DATABASE_POOLER="pgpool")


def test_static_files_come_from_the_site_itself_without_static_host():
    assert static_url_from_env({}) == "static/"


def test_static_host_puts_static_files_behind_the_cdn():
    assert static_url_from_env({"STATIC_HOST": "https://cdn.example.org/"}) == (
        "https://cdn.example.org/static/"
    )


@pytest.mark.parametrize("host", ["cdn.example.org", "https://cdn.example.org/assets", "ftp://x"])
def test_static_host_must_be_an_origin(host):
    with pytest.raises(ImproperlyConfigured, match="STATIC_HOST"):
        static_url_from_env({"STATIC_HOST": host})


def configured_settings(**environ):
    """What archive/settings.py makes of this environment, loaded in a fresh process."""
    script = (
        "import json, django; django.setup(); from django.conf import settings;"
        "from whitenoise.middleware import WhiteNoiseMiddleware as W;"
        "print(json.dumps({'routers': getattr(settings, 'DATABASE_ROUTERS', []),"
        " 'middleware': settings.MIDDLEWARE, 'databases': sorted(settings.DATABASES),"
        " 'static_url': settings.STATIC_URL, 'served_at': W(lambda r: None).static_prefix}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "STATIC_HOST"))
    }
    env |= {"DJANGO_SETTINGS_MODULE": "archive.settings", "DATABASE_URL": PRIMARY, **environ}
    finished = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_settings_route_reads_to_replicas_and_static_files_to_the_cdn():
    loaded = configured_settings(
        DATABASE_REPLICA_URLS=REPLICAS, STATIC_HOST="https://cdn.example.org"
    )
    assert loaded["databases"] == ["default", "replica1", "replica2"]
    assert loaded["routers"] == ["archive.deployment.routers.PrimaryReplicaRouter"]
    middleware = loaded["middleware"]
    authentication = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[authentication + 1] == "archive.deployment.routers.PinPrimaryMiddleware"
    assert loaded["static_url"] == "https://cdn.example.org/static/"
    # The CDN pulls from the site's own /static/, which whitenoise still serves.
    assert loaded["served_at"] == "/static/"


def test_settings_without_replicas_install_no_router():
    loaded = configured_settings()
    assert loaded["routers"] == []
    assert "archive.deployment.routers.PinPrimaryMiddleware" not in loaded["middleware"]
    assert loaded["static_url"] == "/static/"


# The router


def test_writes_and_migrations_go_to_the_primary_only():
    replica_router = PrimaryReplicaRouter()
    with reads_from("replica1"):
        assert replica_router.db_for_write(Article) == "default"
    assert replica_router.allow_migrate("default", "corpus")
    assert not replica_router.allow_migrate("replica1", "corpus")


def test_reads_go_to_the_primary_unless_a_request_chose_a_replica():
    replica_router = PrimaryReplicaRouter()
    assert replica_router.db_for_read(Article) == "default"
    with reads_from("replica2"):
        assert replica_router.db_for_read(Article) == "replica2"
    assert replica_router.db_for_read(Article) == "default"


def test_objects_may_relate_across_the_primary_and_replicas():
    primary_article, replica_article = Article(), Article()
    primary_article._state.db, replica_article._state.db = "default", "replica1"
    assert PrimaryReplicaRouter().allow_relation(primary_article, replica_article)


# The middleware: who reads from a replica


@contextmanager
def replicas_by_name():
    """Replicas that are names only: each counts as answering and caught up, whatever
    write an earlier test recorded in the cache (test_replica_failover.py stops a real one)."""
    with (
        mock.patch("archive.deployment.routers.answering", return_value=True),
        mock.patch("archive.deployment.routers._fresh", return_value=True),
    ):
        yield


def read_database_during(request, replicas=("replica1", "replica2")):
    """The alias the router gives a read made while the middleware handles `request`."""
    seen = {}

    def view(request):
        seen["alias"] = PrimaryReplicaRouter().db_for_read(Article)
        return HttpResponse()

    with replicas_by_name():
        response = PinPrimaryMiddleware(view, replicas=list(replicas))(request)
    return seen["alias"], response


def anonymous_get(**cookies):
    request = RequestFactory().get("/articles/")
    request.COOKIES.update(cookies)
    request.user = AnonymousUser()
    return request


def test_anonymous_reads_go_to_a_replica():
    alias, response = read_database_during(anonymous_get())
    assert alias in ("replica1", "replica2")
    assert PIN_COOKIE not in response.cookies


@pytest.mark.parametrize("staff", [True, False], ids=["editor", "reader"])
def test_logged_in_users_read_from_the_primary(staff):
    request = anonymous_get()
    request.user = User(username="someone", is_staff=staff)
    assert read_database_during(request)[0] == "default"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_requests_read_the_primary_and_pin_the_client_to_it(method):
    request = getattr(RequestFactory(), method)("/admin/corpus/article/1/change/")
    request.user = AnonymousUser()
    alias, response = read_database_during(request)
    assert alias == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == PIN_SECONDS


def test_a_client_that_just_wrote_reads_its_writes_from_the_primary():
    assert read_database_during(anonymous_get(**{PIN_COOKIE: "1"}))[0] == "default"


def test_without_replicas_everything_reads_the_primary():
    assert read_database_during(anonymous_get(), replicas=())[0] == "default"


def test_reads_return_to_the_primary_after_a_request_even_one_that_failed():
    def failing_view(request):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError), replicas_by_name():
        PinPrimaryMiddleware(failing_view, replicas=["replica1"])(anonymous_get())
    assert PrimaryReplicaRouter().db_for_read(Article) == "default"


# The real database through a replica alias that mirrors the test database.


@pytest.mark.django_db(databases=["default", "replica1"])
def test_a_public_page_is_read_from_the_replica_and_never_touches_the_primary(routed, client):
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[routed]) as on_replica,
    ):
        response = client.get(reverse("article_list"))
    assert response.status_code == 200
    assert len(response.context["articles"]) == Article.objects.published().count() == 5
    assert len(on_replica) > 0
    assert len(on_primary) == 0


@pytest.mark.django_db(databases=["default", "replica1"])
def test_the_admin_reads_from_the_primary(routed, client, admin_user):
    client.force_login(admin_user)
    with CaptureQueriesContext(connections[routed]) as on_replica:
        response = client.get(reverse("admin:corpus_article_changelist"))
    # The login session exists only on the primary (inside this test's transaction).
    assert response.status_code == 200
    assert len(on_replica) == 0


# The load balancer's health check


@pytest.mark.django_db
def test_health_check_answers_ok_with_one_query_and_no_session(client, django_assert_num_queries):
    with (
        mock.patch("archive.views.health.replica_aliases", return_value=[]),
        django_assert_num_queries(1),
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client):
    refused = OperationalError("connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=refused):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "The database did not answer.",
    }
