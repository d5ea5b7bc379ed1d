"""Reads from read replicas, writes to the primary, and no stale reads after a write.

Replica reads are opt-in, per request: PinPrimaryMiddleware lets an anonymous
GET or HEAD read from one replica, chosen at random for the whole request so
that a page's list and its counts come from the same server. Everything else
reads the primary: the admin and every logged-in user, POSTs and other unsafe
methods, a client that wrote in the last PIN_SECONDS (replication lag), and all
code outside a request (management commands, the shell, migrations).

A replica that does not answer is left out for REPLICA_RETRY_SECONDS, in this
process: its requests read the primary, and a request whose replica failed
mid-way is answered again from the primary. /healthz says "degraded" meanwhile.
A streaming response (CSV) reads its rows after the view has returned; it reads
them from the request's replica too.

Every write also records the primary's WAL position in the cache (shared by the
app servers through Redis); while it is recent, a replica that has not replayed
that far is passed over, so the next anonymous reader, on any app server, sees
an editor's publish at once rather than after the replication lag.

settings.py installs both only when DATABASE_REPLICA_URLS names replicas.
"""

import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import FileResponse

from archive.deployment.environment import replica_aliases

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# A client that has just written reads the primary for this long: longer than
# the replication lag the deployment tolerates (see docs/PERFORMANCE.md).
PIN_COOKIE = "pin_primary"
PIN_SECONDS = 15
# A replica that failed is tried again after this long (per process).
REPLICA_RETRY_SECONDS = 5

logger = logging.getLogger(__name__)
# The primary's WAL position after the latest write, kept for as long as a writer is pinned.
LAST_WRITE_KEY = "archive:primary-lsn-after-write"
# alias: the time.monotonic() until which it is left out.
_down_until: dict[str, float] = {}

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


def mark_down(alias: str, error: Exception) -> None:
    """Leave replica `alias` out of this process's reads for REPLICA_RETRY_SECONDS."""
    logger.warning("replica %s did not answer, reading the primary: %s", alias, error)
    _down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
    if not connections[alias].in_atomic_block:  # reconnect afresh when it is tried again
        connections[alias].close()


def answering(alias: str) -> bool:
    """Whether replica `alias` may be read: not left out, and it connects (a persistent
    connection is health-checked once per request, CONN_HEALTH_CHECKS)."""
    if _down_until.get(alias, 0) > time.monotonic():
        return False
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        mark_down(alias, error)
        return False
    _down_until.pop(alias, None)
    return True


def _fresh(alias: str) -> bool:
    try:
        return caught_up(alias)
    except (OperationalError, InterfaceError) as error:
        mark_down(alias, error)
        return False


def remember_write() -> None:
    """Record the primary's WAL position after a write (a cache failure is logged only)."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            cache.set(LAST_WRITE_KEY, cursor.fetchone()[0], PIN_SECONDS)
    except Exception as error:  # the cache's or the database's own errors
        logger.warning("could not record the primary's position after a write: %s", error)


def caught_up(alias: str) -> bool:
    """Whether replica `alias` has replayed the latest recorded write (a server not in
    recovery, as in tests, always has)."""
    try:
        position = cache.get(LAST_WRITE_KEY)
    except Exception as error:  # the cache's own errors
        logger.warning("could not read the primary's position after a write: %s", error)
        return True
    if position is None:
        return True
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [position])
        return cursor.fetchone()[0]


def _reading(alias: str | None, chunks) -> Iterator:
    """`chunks`, each produced while reads go to `alias`: a streaming response's rows
    are read after the middleware has returned."""
    iterator = iter(chunks)
    while True:
        with reads_from(alias):
            chunk = next(iterator, StopIteration)
        if chunk is StopIteration:
            return
        yield chunk


class PinPrimaryMiddleware:
    """Choose the database each request reads from (after AuthenticationMiddleware)."""

    def __init__(self, get_response, replicas: list[str] | None = None):
        self.get_response = get_response
        self.replicas = replica_aliases(connections.settings) if replicas is None else replicas

    def __call__(self, request):
        alias = request.read_alias = self.read_alias_for(request)
        with reads_from(alias):
            response = self.get_response(request)
        if alias and response.streaming and not isinstance(response, FileResponse):
            response.streaming_content = _reading(alias, response.streaming_content)
        if request.method not in SAFE_METHODS:
            remember_write()
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

    def process_view(self, request, view, args, kwargs):
        request.read_view = (view, args, kwargs)

    def process_exception(self, request, exception):
        """A replica that failed during the view: answer again from the primary (the
        request is a read, so running its view twice changes nothing)."""
        alias = getattr(request, "read_alias", None)
        chosen = getattr(request, "read_view", None)
        if alias is None or chosen is None:
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        mark_down(alias, exception)
        view, args, kwargs = chosen
        request.read_alias = None
        with reads_from(None):
            return view(request, *args, **kwargs)

    def read_alias_for(self, request) -> str | None:
        """An answering replica for an anonymous read by a client that has not just
        written; None (the primary) for everything else."""
        if (
            not self.replicas
            or request.method not in SAFE_METHODS
            or PIN_COOKIE in request.COOKIES
            # Looking at the user reads the session, and that read goes to the primary.
            or getattr(request, "user", None) is None
            or request.user.is_authenticated
        ):
            return None
        for alias in random.sample(self.replicas, len(self.replicas)):
            if answering(alias) and _fresh(alias):
                return alias
        return None
