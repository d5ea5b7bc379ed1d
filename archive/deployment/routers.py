"""Reads from read replicas, writes to the primary, and no stale reads after a write.

Replica reads are opt-in, per request: PinPrimaryMiddleware lets an anonymous
GET or HEAD read from one replica, chosen at random for the whole request so
that a page's list and its counts come from the same server. Everything else
reads the primary: the admin and every logged-in user, POSTs and other unsafe
methods, a client that wrote in the last PIN_SECONDS (replication lag), and all
code outside a request (management commands, the shell, migrations).

settings.py installs both only when DATABASE_REPLICA_URLS names replicas.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from archive.deployment.environment import replica_aliases

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# A client that has just written reads the primary for this long: longer than
# the replication lag the deployment tolerates (see docs/PERFORMANCE.md).
PIN_COOKIE = "pin_primary"
PIN_SECONDS = 15

# The alias this request (or task) reads from; None means the primary.
_read_alias: ContextVar[str | None] = ContextVar("archive_read_alias", default=None)


@contextmanager
def reads_from(alias: str | None) -> Iterator[None]:
    """Within the block, reads go to `alias` (None: the primary)."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


class PrimaryReplicaRouter:
    """Writes and migrations go to the primary; reads go where reads_from() says."""

    def db_for_read(self, model, **hints):
        return _read_alias.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data, so objects may relate across them.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas receive the schema through replication, never by migrate.
        return db == DEFAULT_DB_ALIAS


class PinPrimaryMiddleware:
    """Choose the database each request reads from (after AuthenticationMiddleware)."""

    def __init__(self, get_response, replicas: list[str] | None = None):
        self.get_response = get_response
        self.replicas = replica_aliases(connections.settings) if replicas is None else replicas

    def __call__(self, request):
        with reads_from(self.read_alias_for(request)):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            # Read your own writes: the next requests skip the replicas while they catch up.
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def read_alias_for(self, request) -> str | None:
        """A replica for an anonymous read by a client that has not just written;
        None (the primary) for everything else."""
        if (
            not self.replicas
            or request.method not in SAFE_METHODS
            or PIN_COOKIE in request.COOKIES
            # Looking at the user reads the session, and that read goes to the primary.
            or getattr(request, "user", None) is None
            or request.user.is_authenticated
        ):
            return None
        return random.choice(self.replicas)
