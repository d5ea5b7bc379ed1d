"""Connections of their own to the test database, for tests whose writers commit."""

import psycopg
import pytest
from django.db import connection


@pytest.fixture
def conninfo(django_db_setup, django_db_blocker):
    """The test database's address, for connections of our own that commit."""
    with django_db_blocker.unblock():
        params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.conninfo.make_conninfo(
        **{k: v for k, v in params.items() if isinstance(v, str | int)}
    )
