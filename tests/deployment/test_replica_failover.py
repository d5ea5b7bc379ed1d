"""Every public read goes through the router, streaming CSV included; a replica that
fails costs nobody a page (its requests read the primary) and /healthz says so."""

import copy
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.deployment import routers

pytestmark = pytest.mark.django_db(databases=["default", "replica1"])

PUBLIC_PAGES = [
    ("article_list", {}),
    ("article_list", {"format": "csv"}),
    ("claim_list", {}),
    ("claim_list", {"kind": "prediction"}),
    ("claim_list", {"format": "csv"}),
    ("tag_list", {}),
    ("network", {}),
    ("network", {"min": "1", "limit": "60"}),
    ("timeline", {}),
    ("home", {}),
]


def body(response) -> bytes:
    """The whole body, streamed ones included: their rows are read while streaming."""
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture(autouse=True)
def every_replica_answering_again():
    routers._down_until.clear()
    yield
    routers._down_until.clear()


@pytest.mark.parametrize("name, query", PUBLIC_PAGES, ids=[f"{n}{q}" for n, q in PUBLIC_PAGES])
def test_public_reads_go_to_the_replica_streaming_csv_and_counts_included(
    routed, client, name, query
):
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[routed]) as on_replica,
    ):
        response = client.get(reverse(name), query)
        content = body(response)
    assert response.status_code == 200 and content
    assert len(on_replica) > 0
    assert [q["sql"] for q in on_primary.captured_queries] == []


@pytest.fixture
def dead_replica(routed):
    """The only replica, "replica2", at a port where no server listens: as if its
    server had stopped. (A connection made here, outside the settings, which the
    test case would otherwise forbid to connect.)"""
    dead = {**copy.deepcopy(connections[routed].settings_dict), "HOST": "127.0.0.1", "PORT": "1"}
    connections["replica2"] = load_backend(dead["ENGINE"]).DatabaseWrapper(dead, "replica2")
    with (
        mock.patch("archive.deployment.routers.replica_aliases", return_value=["replica2"]),
        mock.patch("archive.views.health.replica_aliases", return_value=["replica2"]),
    ):
        yield "replica2"
    connections["replica2"].close()
    del connections["replica2"]


@pytest.mark.parametrize("name, query", PUBLIC_PAGES, ids=[f"{n}{q}" for n, q in PUBLIC_PAGES])
def test_with_the_replica_down_every_public_page_answers_from_the_primary(
    dead_replica, client, name, query
):
    with CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(reverse(name), query)
        content = body(response)
    assert response.status_code == 200 and content
    assert len(on_primary) > 0


def test_health_check_says_degraded_and_names_the_silent_replica(dead_replica, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "replicas": {"replica2": "did not answer; reads go to the primary"},
    }


def test_health_check_says_ok_while_the_replica_answers(routed, client):
    assert client.get(reverse("healthz")).json() == {"status": "ok", "database": "ok"}


def test_a_replica_back_is_read_again_once_the_retry_time_has_passed(routed, client):
    routers.mark_down(routed, OperationalError("stopped for maintenance"))
    with CaptureQueriesContext(connections[routed]) as on_replica:
        client.get(reverse("article_list"))
    assert len(on_replica) == 0, "left out while it is marked down"
    routers._down_until[routed] = 0  # the retry time has passed
    with CaptureQueriesContext(connections[routed]) as on_replica:
        assert client.get(reverse("article_list")).status_code == 200
    assert len(on_replica) > 0


def test_a_replica_failing_during_the_view_is_answered_again_from_the_primary(routed, client):
    failures = []

    def failing_cursor(*args, **kwargs):
        failures.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    with mock.patch.object(connections[routed], "cursor", side_effect=failing_cursor):
        response = client.get(reverse("claim_list"))
    assert failures, "the replica was tried"
    assert response.status_code == 200
    assert response.context["page"].paginator.count > 0


def test_a_reader_who_just_wrote_still_reads_the_primary(routed, client):
    client.cookies[routers.PIN_COOKIE] = "1"
    with CaptureQueriesContext(connections[routed]) as on_replica:
        assert client.get(reverse("article_list")).status_code == 200
    assert len(on_replica) == 0


def test_a_write_records_the_primarys_position_for_the_replicas(routed, client):
    cache.delete(routers.LAST_WRITE_KEY)
    client.post(reverse("article_list"))
    assert "/" in cache.get(routers.LAST_WRITE_KEY), "a WAL position such as 0/1A2B3C4"


def test_a_replica_behind_the_latest_write_is_passed_over(routed, client):
    with (
        mock.patch("archive.deployment.routers.caught_up", return_value=False),
        CaptureQueriesContext(connections[routed]) as on_replica,
    ):
        assert client.get(reverse("article_list")).status_code == 200
    assert len(on_replica) == 0


def test_a_replica_that_has_replayed_the_latest_write_is_read(routed, client):
    cache.set(routers.LAST_WRITE_KEY, "0/0")
    assert routers.caught_up(routed)
    with CaptureQueriesContext(connections[routed]) as on_replica:
        client.get(reverse("article_list"))
    assert len(on_replica) > 0
