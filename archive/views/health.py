"""A health check for the load balancer: can this process reach the primary, and
which read replicas answer?"""

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from archive.deployment import embedded_db
from archive.deployment.environment import replica_aliases
from archive.deployment.routers import mark_down

logger = logging.getLogger(__name__)


def _answers(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: %s did not answer: %s", alias, error)
        connections[alias].close()
        return False
    return True


@never_cache
def healthz(request):
    """200 {"status": "ok"} when the primary and every replica answer SELECT 1;
    200 {"status": "degraded"}, naming each silent replica, when only the primary
    does (the site still serves: its reads fall back to the primary); 503 when the
    primary does not.

    It reads no session and no user, so a load balancer polling it costs one query
    per database."""
    if not _answers(DEFAULT_DB_ALIAS):
        answer = {"status": "unavailable", "database": "The database did not answer."}
        if embedded_db.is_running() is False or embedded_db.restarting():
            answer["database"] = "The embedded PostgreSQL is down: the app is restarting it."
            answer["embedded"] = "restarting"
        return JsonResponse(answer, status=503)
    silent = [alias for alias in replica_aliases(connections.settings) if not _answers(alias)]
    for alias in silent:
        mark_down(alias, DatabaseError("the health check had no answer"))
    if silent:
        return JsonResponse(
            {
                "status": "degraded",
                "database": "ok",
                "replicas": {alias: "did not answer; reads go to the primary" for alias in silent},
            }
        )
    return JsonResponse({"status": "ok", "database": "ok"})
