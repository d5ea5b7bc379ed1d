"""A replica alias over the test database, and the router installed as settings.py
installs it when DATABASE_REPLICA_URLS names replicas."""

import copy

import pytest
from django.db import connections, router

from corpus.models import Article


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A "replica1" alias on the test database: its own connection, outside each
    test's transaction, so it sees the committed seeds as a replica would."""
    replica = copy.deepcopy(connections["default"].settings_dict)
    replica["TEST"] = {**replica["TEST"], "MIRROR": "default"}
    connections.settings["replica1"] = replica
    yield "replica1"
    with django_db_blocker.unblock():
        connections["replica1"].close()
    del connections["replica1"]
    del connections.settings["replica1"]


@pytest.fixture
def routed(replica_alias, settings):
    settings.DATABASE_ROUTERS = ["archive.deployment.routers.PrimaryReplicaRouter"]
    authentication = settings.MIDDLEWARE.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: authentication + 1],
        "archive.deployment.routers.PinPrimaryMiddleware",
        *settings.MIDDLEWARE[authentication + 1 :],
    ]
    assert router.db_for_read(Article) == "default"  # outside a request
    return replica_alias
