"""A health check for the load balancer: can this process reach the primary?"""

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 {"status": "ok"} when the primary answers SELECT 1; 503 otherwise.

    It reads no session and no user, so a load balancer polling it costs one query."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: the database did not answer: %s", error)
        return JsonResponse(
            {"status": "unavailable", "database": "The database did not answer."}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
